#!/usr/bin/env python3
"""Compile the Wikidata links of the NEREL *train* split, to cross-check the gazetteer.

NEREL is brat-annotated: entity lines

    T12<TAB>COUNTRY 10 16<TAB>России            (offsets may be discontinuous: "10 16;20 25")

and normalisation lines

    N3<TAB>Reference T12 Wikidata:Q159<TAB>Россия

This prints, per (entity type, QID), how often the QID was linked, the normalised names
the annotators gave the link, and the surface forms of the linked mentions:

    COUNTRY  Q159  n=412  names: Россия×410 | Российская Федерация×2
        surface: России×150 | Россия×120 | РФ×40 | ...

`Wikidata:NULL` links and malformed lines are counted and skipped. Only the train split
is read: the script refuses a directory named `dev` or `test` (held-out data).

With --check DATA_DIR it cross-checks the gazetteer TSVs instead: for each row it says
whether NEREL train links its QID (under the entity types that fit the file), reports rows
whose names NEREL links to a different QID, duplicate QIDs, and NEREL's normalised name
where it differs from the row's; --write-source then rewrites each row's `source` column
(nerel-train when confirmed, wikidata for any other QID, empty when the qid is empty).

Usage:
    python tools/compile_nerel_qids.py [DIR] [--types COUNTRY,CITY] [--min N]
                                       [--tsv] [--qid Q159] [--grep Баку]
    python tools/compile_nerel_qids.py [DIR] --check svodka/gazetteer/data [--write-source]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared" / "data" / "nerel" / "train"
QID = re.compile(r"^Q\d+$")
BRAT_PREFIXES = set("RAEM#*")  # relations, attributes, events, modifiers, notes
OFFSETS = re.compile(r"^\d+ \d+(;\d+ \d+)*$")


@dataclass
class Link:
    count: int = 0
    names: Counter = field(default_factory=Counter)
    surfaces: Counter = field(default_factory=Counter)
    files: set = field(default_factory=set)


@dataclass
class Stats:
    files: int = 0
    entities: int = 0
    links: int = 0
    null_links: int = 0
    malformed: int = 0
    dangling: int = 0


def parse_file(path: Path, links: dict[tuple[str, str], Link], stats: Stats) -> None:
    entities: dict[str, tuple[str, str]] = {}
    refs: list[tuple[str, str, str]] = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line.strip():
            continue
        cells = line.split("\t")
        ident = cells[0]
        if ident.startswith("T"):
            if len(cells) < 3:
                stats.malformed += 1
                continue
            head = cells[1].split(" ", 1)
            if len(head) != 2 or not OFFSETS.match(head[1].strip()):
                stats.malformed += 1
                continue
            entities[ident] = (head[0], " ".join(cells[2].split()))
            stats.entities += 1
        elif ident.startswith("N"):
            parts = cells[1].split() if len(cells) > 1 else []
            if len(parts) != 3 or parts[0] != "Reference" or not parts[2].startswith(
                    "Wikidata:"):
                stats.malformed += 1
                continue
            qid = parts[2].split(":", 1)[1].strip()
            if qid.upper() == "NULL":
                stats.null_links += 1
                continue
            if not QID.match(qid):
                stats.malformed += 1
                continue
            name = " ".join(cells[2].split()) if len(cells) > 2 else ""
            refs.append((parts[1], qid, name))
        elif not ident[:1] in BRAT_PREFIXES or len(cells) < 2:
            stats.malformed += 1
    for target, qid, name in refs:
        if target not in entities:
            stats.dangling += 1
            continue
        etype, surface = entities[target]
        link = links[(etype, qid)]
        link.count += 1
        if name:
            link.names[name] += 1
        link.surfaces[surface] += 1
        link.files.add(path.stem)
        stats.links += 1


def compile_links(directory: Path) -> tuple[dict[tuple[str, str], Link], Stats]:
    if directory.name in {"dev", "test"} or "test" in directory.parts:
        raise SystemExit(f"refusing to read held-out split {directory}")
    links: dict[tuple[str, str], Link] = defaultdict(Link)
    stats = Stats()
    for path in sorted(directory.glob("*.ann")):
        stats.files += 1
        parse_file(path, links, stats)
    return links, stats


# which NEREL entity types confirm a QID in each gazetteer file
CHECK_TYPES = {
    "countries.tsv": {"COUNTRY"},
    "cities.tsv": {"CITY"},
    "regions.tsv": {"STATE_OR_PROVINCE", "DISTRICT", "COUNTRY", "LOCATION"},
    "locations.tsv": {"LOCATION", "STATE_OR_PROVINCE", "DISTRICT", "FACILITY"},
    "organizations.tsv": {"ORGANIZATION"},
}
NAME_COLUMNS = ("name", "full_name", "aliases")


def _read_tsv(path: Path) -> tuple[list[str], list[str], list[list[str]]]:
    """(comment lines, header, rows) of a gazetteer TSV, comments kept verbatim."""
    comments, header, rows = [], [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            comments.append(line)
        elif not header:
            header = line.split("\t")
        else:
            cells = line.split("\t")
            rows.append(cells + [""] * (len(header) - len(cells)))
    return comments, header, rows


def check(links: dict[tuple[str, str], Link], data_dir: Path, write: bool) -> int:
    by_surface: dict[str, Counter] = defaultdict(Counter)
    for (etype, qid), link in links.items():
        for surface, n in link.surfaces.items():
            by_surface[surface.lower().replace("ё", "е")][(etype, qid)] += n
    problems = 0
    for file_name, types in CHECK_TYPES.items():
        path = data_dir / file_name
        if not path.exists():
            continue
        comments, header, rows = _read_tsv(path)
        col = {h: i for i, h in enumerate(header)}
        seen: dict[str, int] = {}
        confirmed = knowledge = empty = 0
        for number, cells in enumerate(rows, start=1):
            qid = cells[col["qid"]].strip()
            name = cells[col["name"]]
            if not qid:
                empty += 1
                source = ""
            else:
                if qid in seen:
                    print(f"{file_name}: {name}: duplicate QID {qid} (row {seen[qid]})")
                    problems += 1
                seen[qid] = number
                hits = [links[(t, qid)] for t in types if (t, qid) in links]
                if hits:
                    confirmed += 1
                    source = "nerel-train"
                    names = Counter()
                    for link in hits:
                        names.update(link.names)
                    top = names.most_common(1)[0][0] if names else ""
                    if top and top.lower().replace("ё", "е") != name.lower().replace("ё", "е"):
                        print(f"{file_name}: {qid} {name!r}: NEREL's name is {top!r}")
                else:
                    knowledge += 1
                    source = "wikidata"
            for column in NAME_COLUMNS:
                if column not in col:
                    continue
                for alias in filter(None, cells[col[column]].split("|")):
                    other = Counter({k: v for k, v in by_surface.get(
                        alias.lower().replace("ё", "е"), Counter()).items() if k[0] in types})
                    if not other:
                        continue
                    (etype, best), n = other.most_common(1)[0]
                    if best != qid and n >= 2 and n > other.get((etype, qid), 0):
                        print(f"{file_name}: {name!r} ({qid or 'no qid'}): NEREL links "
                              f"{alias!r} to {best} ({etype}, {n}x)")
                        problems += 1
            if "source" in col:
                cells[col["source"]] = source
        print(f"# {file_name}: {len(rows)} rows, {confirmed} QIDs confirmed in NEREL train, "
              f"{knowledge} from Wikidata knowledge, {empty} without QID")
        if write and "source" in col:
            text = "\n".join(comments + ["\t".join(header)]
                             + ["\t".join(cells[:len(header)]) for cells in rows]) + "\n"
            path.write_text(text, encoding="utf-8")
    return problems


def _counts(counter: Counter, limit: int = 12) -> str:
    items = counter.most_common()
    text = " | ".join(f"{k}×{v}" for k, v in items[:limit])
    return text + (f" | …(+{len(items) - limit})" if len(items) > limit else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--types", default="", help="comma-separated entity types")
    parser.add_argument("--min", type=int, default=1, help="least link count shown")
    parser.add_argument("--qid", action="append", default=[], help="only these QIDs")
    parser.add_argument("--grep", default="", help="only links whose name/surface contains")
    parser.add_argument("--check", type=Path, default=None, metavar="DATA_DIR",
                        help="cross-check the gazetteer TSVs in DATA_DIR against NEREL train")
    parser.add_argument("--write-source", action="store_true",
                        help="with --check: rewrite the source column of each TSV row")
    parser.add_argument("--tsv", action="store_true",
                        help="type, qid, count, top name, names, surfaces as TSV")
    args = parser.parse_args(argv)

    links, stats = compile_links(args.directory)
    if args.check is not None:
        check(links, args.check, args.write_source)
        return 0
    types = {t.strip().upper() for t in args.types.split(",") if t.strip()}
    needle = args.grep.lower()
    rows = sorted(links.items(), key=lambda kv: (kv[0][0], -kv[1].count, kv[0][1]))
    out = sys.stdout
    if args.tsv:
        out.write("type\tqid\tcount\tname\tnames\tsurfaces\n")
    for (etype, qid), link in rows:
        if types and etype not in types:
            continue
        if link.count < args.min or (args.qid and qid not in args.qid):
            continue
        if needle and not any(needle in s.lower() for s in (*link.names, *link.surfaces)):
            continue
        top = link.names.most_common(1)[0][0] if link.names else ""
        if args.tsv:
            out.write(f"{etype}\t{qid}\t{link.count}\t{top}\t"
                      f"{'|'.join(link.names)}\t{'|'.join(link.surfaces)}\n")
        else:
            out.write(f"{etype:18} {qid:11} n={link.count:<4} names: {_counts(link.names)}\n"
                      f"{'':31}surface: {_counts(link.surfaces)}\n")
    print(f"# {stats.files} files, {stats.entities} entities, {stats.links} links, "
          f"{stats.null_links} NULL, {stats.malformed} malformed lines, "
          f"{stats.dangling} dangling", file=sys.stderr)
    return 0


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except BrokenPipeError:  # piped into head
        raise SystemExit(0)
