"""Tables out of the knowledge base: JSON Lines, CSV or Parquet.

    rows = export_rows(store, "gdelt")           # (columns, iterator of dicts)
    write_export(rows, "out.parquet", fmt="parquet")

What each table holds (one row per …):
- articles: article (id, dates, source, title, counts); `jsonl` writes the full records;
- entities: global entity (svodka.resolve) with aliases and article counts;
- quotes: quote, with its speaker's global entity;
- events: event, with participants and place as global entities;
- positions: tenure — who held which post, first and last seen;
- gdelt: event, GDELT-style: date, actor 1, actor 2, event type, place, source. Actors are
  the event's first two participants in the order the record lists them (the extractor
  lists them as the text names them, so the subject usually comes first); an event with
  one participant has no actor 2. The date is the event's own date when it is a full day,
  else the article's publication date. The source is the article's URL, else its id.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from svodka.errors import SvodkaError
from svodka.store.knowledge import load_knowledge
from svodka.store.queries import Reader, iso

WHAT = ("articles", "entities", "quotes", "events", "positions", "gdelt")
FORMATS = ("jsonl", "csv", "parquet")

Rows = tuple[list[str], Iterator[dict[str, Any]]]


class ExportError(SvodkaError):
    pass


def export_rows(store: Any, what: str) -> Rows:
    """The columns and rows of one export table."""
    if what not in WHAT:
        raise ExportError(f"unknown table {what!r} (one of {', '.join(WHAT)})")
    reader = Reader(store.query, load_knowledge(store))
    if what == "articles":
        columns = ["id", "published", "source", "url", "title", "entities", "quotes", "events",
                   "figures", "text"]
        return columns, _articles(store)
    if what == "entities":
        columns = ["gid", "type", "name", "wikidata", "aliases", "articles", "mention_count",
                   "first_seen", "last_seen"]
        return columns, iter([{c: e[c] for c in columns}
                              for e in sorted(reader.knowledge.entities.values(),
                                              key=lambda e: e["gid"])])
    if what == "positions":
        columns = ["gid", "person", "title", "organization", "organization_name", "country",
                   "country_name", "first_seen", "last_seen", "articles"]
        name = reader.knowledge.name_of
        return columns, iter([{**t, "person": name(t["gid"]),
                               "organization_name": name(t["organization"]),
                               "country_name": name(t["country"])}
                              for t in reader.knowledge.tenures])
    if what == "quotes":
        columns = ["article_id", "id", "published", "kind", "speaker_gid", "speaker_name",
                   "cue", "text"]
        return columns, _quotes(reader, columns)
    columns = (["date", "actor1", "actor1_gid", "actor2", "actor2_gid", "event_type", "place",
                "place_gid", "source", "article_id"] if what == "gdelt" else
               ["article_id", "id", "type", "date", "published", "participants",
                "participant_gids", "place", "place_gid", "trigger"])
    return columns, _events(reader, gdelt=what == "gdelt")


def _articles(store: Any) -> Iterator[dict[str, Any]]:
    for record in store.iter_records():
        yield {"id": record["id"], "published": record.get("published"),
               "source": record.get("source"), "url": record.get("url"),
               "title": record.get("title"),
               **{k: len(record.get(k) or []) for k in ("entities", "quotes", "events",
                                                        "figures")},
               "text": record["text"], "_record": record}


def _quotes(reader: Reader, columns: list[str]) -> Iterator[dict[str, Any]]:
    rows = reader.query("SELECT q.article_id, q.id, a.published, q.kind, q.speaker, "
                        "q.speaker_name, q.cue, q.surface AS text FROM quotes q JOIN articles a "
                        "ON a.id = q.article_id ORDER BY q.article_id, q.id", ())
    for row in rows:
        gid = reader.knowledge.gid_of(row["article_id"], row["speaker"])
        yield {**{c: row.get(c) for c in columns}, "published": iso(row["published"]),
               "speaker_gid": gid,
               "speaker_name": reader.knowledge.name_of(gid) or row["speaker_name"]}


def _events(reader: Reader, *, gdelt: bool) -> Iterator[dict[str, Any]]:
    from svodka.store.queries import with_participants

    rows = reader.query("SELECT ev.article_id, ev.id, ev.type, ev.surface AS trigger, ev.place, "
                        "ev.date, a.published, a.title, a.url FROM events ev JOIN articles a "
                        "ON a.id = ev.article_id ORDER BY ev.article_id, ev.id", ())
    for start in range(0, len(rows), 200):
        for event in with_participants(reader, rows[start:start + 200]):
            people = event["participants"]
            if not gdelt:
                yield {"article_id": event["article_id"], "id": event["id"],
                       "type": event["type"], "date": event["date"],
                       "published": event["published"],
                       "participants": [p["name"] for p in people],
                       "participant_gids": [p["gid"] for p in people],
                       "place": event["place_name"], "place_gid": event["place_gid"],
                       "trigger": event["trigger"]}
                continue
            first, second = (people + [{"name": None, "gid": None}] * 2)[:2]
            yield {"date": event["when"], "actor1": first["name"], "actor1_gid": first["gid"],
                   "actor2": second["name"], "actor2_gid": second["gid"],
                   "event_type": event["type"], "place": event["place_name"],
                   "place_gid": event["place_gid"],
                   "source": event["url"] or event["article_id"],
                   "article_id": event["article_id"]}


def write_export(rows: Rows, output: str | Path | None, *, fmt: str, what: str) -> int:
    """Write the rows to `output` (a file, a folder → folder/WHAT.EXT, or None → stdout);
    returns the number of rows."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    columns, items = rows
    path = Path(output) if output else None
    if path is not None and (path.is_dir() or str(output).endswith(("/", "\\"))):
        path.mkdir(parents=True, exist_ok=True)
        path = path / f"{what}.{fmt}"
    if fmt == "parquet":
        if path is None:
            raise ExportError("parquet needs a file: -o FILE|DIR")
        return _parquet(columns, items, path)
    write = _jsonl if fmt == "jsonl" else _csv
    if path is None:
        return write(columns, items, sys.stdout)
    with open(path, "w", encoding="utf-8", newline="") as out:
        return write(columns, items, out)


def _jsonl(columns: list[str], items: Iterator[dict[str, Any]], out: Any) -> int:
    n = 0
    for n, item in enumerate(items, 1):
        row = item.get("_record") or {c: item.get(c) for c in columns}
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return n


def _csv(columns: list[str], items: Iterator[dict[str, Any]], out: Any) -> int:
    writer = csv.writer(out)
    writer.writerow(columns)
    n = 0
    for n, item in enumerate(items, 1):
        writer.writerow(["|".join(map(str, v)) if isinstance(v, list) else v
                         for v in (item.get(c) for c in columns)])
    return n


def _parquet(columns: list[str], items: Iterator[dict[str, Any]], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [{c: item.get(c) for c in columns} for item in items]
    table = pa.Table.from_pylist(rows) if rows else pa.table({c: pa.array([], pa.string())
                                                                for c in columns})
    pq.write_table(table, path)
    return len(rows)
