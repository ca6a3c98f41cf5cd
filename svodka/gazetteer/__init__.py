"""The gazetteer: curated places, organisations and metonyms with Wikidata IDs.

Data files live in `data/` (TSV, UTF-8; `#` lines are comments, each file opens with
`# source:` lines; the first other line is the header; `|` separates the values of a
multi-valued cell; an empty cell is none). This module loads them once and indexes every
name under a caller-supplied lemma key and under its plain lower-cased, ё-folded tokens,
so both inflected forms («России») and exact forms («РФ») match. One-word lemma keys listed
in `data/lemma_stoplist.txt` (names the key function turns into ordinary words: Того → тот,
Львов → лев) are not indexed; the exact form of such a name still is.

    gazetteer = Gazetteer.load(nlp.lemma_key)
    gazetteer.find(nlp.lemma_key("Российской Федерации"))   # → Россия, Q159
    gazetteer.find_adjective("азербайджанский")              # → Азербайджан, Q227

When two rows share a key, the type priority COUNTRY > CITY > REGION > ORGANIZATION >
LOCATION > FACILITY decides (ties: the first row loaded) and the loser is logged at debug
level; `collisions()` lists them. A malformed row or a dangling reference (a country,
capital, capital_of or stands_for QID that no row has) raises `ValueError` naming the file
and line.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).parent / "data"
TYPES = ("COUNTRY", "CITY", "REGION", "ORGANIZATION", "LOCATION", "FACILITY")
PRIORITY = {name: rank for rank, name in enumerate(TYPES)}
KINDS = frozenset({"ministry", "government", "parliament", "international", "agency",
                   "company", "party", "court", "other"})
QID = re.compile(r"^Q\d+$")
STOPLIST = "lemma_stoplist.txt"  # one-word lemma keys never indexed from a name's lemma

Key = tuple[str, ...]


@dataclass(frozen=True)
class GazetteerEntry:
    qid: str | None
    type: str            # COUNTRY | CITY | REGION | LOCATION | ORGANIZATION | FACILITY
    name: str            # canonical nominative name
    country: str | None = None      # the country's QID (a country: its own QID)
    capital_of: str | None = None   # cities: QID of the country whose capital it is
    stands_for: str | None = None   # metonyms: QID of the state they stand for
    kind: str | None = None         # organizations' kind
    # abbreviations its several-word aliases open with («ЦБ» of «ЦБ РФ»): a bare one in an
    # article that names the entry is a short name of it
    short_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Spec:
    type: str | None           # None: the row's `type` column says (metonyms)
    required: tuple[str, ...]  # columns the header must have
    names: tuple[str, ...]     # columns holding names to index


# load order matters: references are checked after all files are read
FILES: dict[str, _Spec] = {
    "countries.tsv": _Spec("COUNTRY", ("qid", "name"), ("name", "full_name", "aliases")),
    "cities.tsv": _Spec("CITY", ("qid", "name", "country"), ("name", "aliases")),
    "regions.tsv": _Spec("REGION", ("qid", "name", "country"), ("name", "aliases")),
    "locations.tsv": _Spec("LOCATION", ("qid", "name"), ("name", "aliases")),
    "organizations.tsv": _Spec("ORGANIZATION", ("qid", "name", "kind"), ("name", "aliases")),
    "metonyms.tsv": _Spec(None, ("name", "type", "stands_for"), ("name", "aliases")),
}


def fold(text: str) -> str:
    """Lower-case and ё→е, the form every key uses."""
    return text.lower().replace("ё", "е")


def plain_key(text: str) -> Key:
    """The lower-cased, ё-folded whitespace tokens of `text` (hyphenated words kept whole)."""
    return tuple(fold(word) for word in text.split())


def _split(cell: str | None) -> list[str]:
    return [part.strip() for part in (cell or "").split("|") if part.strip()]


def _rows(path: Path, required: tuple[str, ...]) -> Iterable[tuple[int, dict[str, str]]]:
    """(line number, row) for each data line; comments and blank lines are skipped."""
    header: list[str] | None = None
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            line = line.rstrip("\r\n")
            if not line.strip() or line.startswith("#"):
                continue
            cells = [cell.strip() for cell in line.split("\t")]
            if header is None:
                header = cells
                missing = [column for column in required if column not in header]
                if missing:
                    raise ValueError(f"{path.name}:{number}: header lacks {', '.join(missing)}")
                continue
            if len(cells) > len(header):
                raise ValueError(f"{path.name}:{number}: {len(cells)} cells, the header has "
                                 f"{len(header)}")
            yield number, dict(zip(header, cells + [""] * (len(header) - len(cells)),
                                   strict=True))


def _short_names(row: dict[str, str], columns: tuple[str, ...]) -> tuple[str, ...]:
    """The upper-case abbreviations that open a row's several-word names («ЦБ» of «ЦБ РФ»,
    «МИД» of «МИД КНР»)."""
    words = {name.split()[0] for column in columns for name in _split(row.get(column))
             if len(name.split()) > 1}
    return tuple(sorted(w for w in words if len(w) > 1 and w.isupper() and w.isalpha()))


class Gazetteer:
    def __init__(self) -> None:
        self._index: dict[Key, GazetteerEntry] = {}
        self._adjectives: dict[str, GazetteerEntry] = {}
        self._by_qid: dict[str, GazetteerEntry] = {}
        self._entries: list[GazetteerEntry] = []
        self._collisions: list[tuple[Key, GazetteerEntry, GazetteerEntry]] = []
        self._longest = 1
        self._lengths_by_first: dict[str, int] | None = None  # built on first use
        self._stoplist: frozenset[str] = frozenset()

    # --- loading ------------------------------------------------------------
    @classmethod
    def load(cls, key: Callable[[str], Key], *, data_dir: Path | None = None) -> Gazetteer:
        """Read the data files in `data_dir` (default: the package's `data/`) and index them
        under `key(name)` and `plain_key(name)` for every name, full name and alias."""
        gazetteer = cls()
        data_dir = Path(data_dir) if data_dir is not None else DATA_DIR
        references: list[tuple[str, int, str, str, str | None]] = []
        stoplist = data_dir / STOPLIST
        if stoplist.exists():
            gazetteer._stoplist = frozenset(
                fold(line.strip()) for line in stoplist.read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.startswith("#"))
        for file_name, spec in FILES.items():
            path = data_dir / file_name
            if path.exists():
                references += gazetteer._load_file(path, spec, key)
        gazetteer._check_references(references)
        log.debug("gazetteer: %d entries, %d keys, %d collisions", len(gazetteer._entries),
                  len(gazetteer._index), len(gazetteer._collisions))
        return gazetteer

    def _load_file(self, path: Path, spec: _Spec, key: Callable[[str], Key]
                   ) -> list[tuple[str, int, str, str, str | None]]:
        """Index one file; return its references (file, line, column, QID, wanted type)."""
        references = []
        seen: dict[str, int] = {}
        for number, row in _rows(path, spec.required):
            where = f"{path.name}:{number}"
            qid = row.get("qid", "") or None
            if qid is not None and not QID.match(qid):
                raise ValueError(f"{where}: bad Wikidata ID {qid!r}")
            if qid is not None:
                if qid in seen:
                    raise ValueError(f"{where}: QID {qid} repeats line {seen[qid]}")
                seen[qid] = number
            name = row.get("name", "")
            if not name:
                raise ValueError(f"{where}: the name is empty")
            etype = spec.type or row.get("type", "")
            if etype not in PRIORITY:
                raise ValueError(f"{where}: unknown type {etype!r}")
            kind = row.get("kind", "") or None
            if kind is not None and kind not in KINDS:
                raise ValueError(f"{where}: unknown kind {kind!r}")
            if row.get("un_member", "") not in ("", "0", "1"):
                raise ValueError(f"{where}: un_member must be 0 or 1")
            for column, wanted in (("country", "COUNTRY"), ("capital_of", "COUNTRY"),
                                   ("stands_for", "COUNTRY"), ("capital", "CITY")):
                ref = row.get(column, "")
                if ref:
                    if not QID.match(ref):
                        raise ValueError(f"{where}: bad Wikidata ID {ref!r} in {column}")
                    references.append((path.name, number, column, ref, wanted))
            if spec.type is None and not row.get("stands_for"):
                raise ValueError(f"{where}: a metonym needs stands_for")
            entry = GazetteerEntry(
                qid=qid,
                type=etype,
                name=name,
                country=qid if etype == "COUNTRY" else (row.get("country") or None),
                capital_of=row.get("capital_of") or None,
                stands_for=row.get("stands_for") or None,
                kind=kind,
                short_names=_short_names(row, spec.names),
            )
            self._entries.append(entry)
            if qid is not None:
                old = self._by_qid.get(qid)
                if old is None or PRIORITY[etype] < PRIORITY[old.type]:
                    self._by_qid[qid] = entry
            for column in spec.names:
                for alias in _split(row.get(column)):
                    lemmas = tuple(key(alias))
                    if not (len(lemmas) == 1 and lemmas[0] in self._stoplist):
                        self._add(lemmas, entry)
                    self._add(plain_key(alias), entry)
            for adjective in _split(row.get("adjectives")):
                old = self._adjectives.setdefault(fold(adjective), entry)
                if old is not entry:
                    log.debug("gazetteer: adjective %s kept for %s over %s", adjective,
                              old.name, entry.name)
        return references

    def _add(self, words: Key, entry: GazetteerEntry) -> None:
        self._lengths_by_first = None
        words = tuple(word for word in words if word)
        if not words:
            return
        old = self._index.get(words)
        if old is not None and old != entry:
            keep, drop = ((old, entry) if PRIORITY[old.type] <= PRIORITY[entry.type]
                          else (entry, old))
            self._collisions.append((words, keep, drop))
            log.debug("gazetteer: %s kept %s (%s) over %s (%s)", " ".join(words), keep.name,
                      keep.type, drop.name, drop.type)
            if keep is old:
                return
        self._index[words] = entry
        self._longest = max(self._longest, len(words))

    def _check_references(self, references: list[tuple[str, int, str, str, str | None]]
                          ) -> None:
        typed = {(entry.type, entry.qid) for entry in self._entries if entry.qid}
        for file_name, number, column, ref, wanted in references:
            if (wanted, ref) not in typed:
                other = self._by_qid.get(ref)
                found = f"a {other.type} row" if other else "no row"
                raise ValueError(f"{file_name}:{number}: {column} {ref} must name a {wanted} "
                                 f"row, found {found}")

    # --- look-ups -----------------------------------------------------------
    def find(self, words: tuple[str, ...]) -> GazetteerEntry | None:
        """The entry indexed under `words` (a key from the loader's key function)."""
        return self._index.get(tuple(words))

    def find_adjective(self, lemma: str) -> GazetteerEntry | None:
        """The country a relational adjective denotes: «российский» → Россия."""
        return self._adjectives.get(fold(lemma))

    def find_adjective_prefix(self, stem: str) -> GazetteerEntry | None:
        """The country of the one adjective that starts with `stem` («армян» → Армения),
        as in the first parts of compounds («армяно-», «российско-»)."""
        stem = fold(stem)
        if len(stem) < 4:
            return None
        found = {entry for adjective, entry in self._adjectives.items()
                 if adjective.startswith(stem)}
        return found.pop() if len(found) == 1 else None

    def by_qid(self, qid: str) -> GazetteerEntry | None:
        return self._by_qid.get(qid)

    def names(self) -> Iterable[tuple[tuple[str, ...], GazetteerEntry]]:
        """Every indexed key with its entry, for phrase matching."""
        return self._index.items()

    def max_key_length(self) -> int:
        return self._longest

    def longest_from(self, first: str) -> int:
        """The most words of any key starting with `first` (0: none does), so phrase
        matching tries no longer phrases than can match."""
        lengths = self._lengths_by_first
        if lengths is None:
            lengths = {}
            for key in self._index:
                if key and len(key) > lengths.get(key[0], 0):
                    lengths[key[0]] = len(key)
            self._lengths_by_first = lengths
        return lengths.get(first, 0)

    def entries(self) -> Iterable[GazetteerEntry]:
        """Every loaded row, in file order."""
        return iter(self._entries)

    def collisions(self) -> list[tuple[tuple[str, ...], GazetteerEntry, GazetteerEntry]]:
        """(key, kept entry, dropped entry) for each key two rows shared."""
        return list(self._collisions)


__all__ = ["Gazetteer", "GazetteerEntry", "fold", "plain_key"]
