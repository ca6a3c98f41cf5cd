"""A record → the rows of every table, the same for every backend.

`record_rows(record, ...)` checks the record first (entity ids unique, every reference to
an entity names one of the record's entities, every span inside the text) and raises
`StoreError` naming the article and the item, so a bad record never half-lands in a table.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from svodka.store.base import StoreError

# table → columns, in insertion order (parents before children)
COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": ("id", "published", "source", "url", "title", "text", "text_sha1",
                 "extractor_version", "ingested_at", "errors", "record"),
    "entities": ("article_id", "id", "type", "name", "wikidata"),
    "mentions": ("article_id", "entity_id", "id", "start_char", "end_char", "surface", "kind",
                 "stands_for"),
    "positions": ("article_id", "id", "person", "title", "organization", "country",
                  "start_char", "end_char", "surface"),
    "quotes": ("article_id", "id", "kind", "start_char", "end_char", "surface", "speaker",
               "speaker_name", "cue"),
    "timexes": ("article_id", "id", "start_char", "end_char", "surface", "value"),
    "events": ("article_id", "id", "type", "start_char", "end_char", "surface", "place", "date"),
    "event_mentions": ("article_id", "event_id", "id", "start_char", "end_char", "surface"),
    "event_participants": ("article_id", "event_id", "id", "entity_id"),
    "figures": ("article_id", "id", "start_char", "end_char", "surface", "value", "unit",
                "indicator", "period", "forecast", "change_value", "change_unit",
                "change_direction"),
    "documents": ("article_id", "id", "name", "start_char", "end_char", "surface", "status",
                  "date", "place"),
    "document_mentions": ("article_id", "document_id", "id", "start_char", "end_char",
                          "surface"),
    "document_parties": ("article_id", "document_id", "id", "entity_id"),
    "attributions": ("article_id", "id", "source", "start_char", "end_char", "surface"),
}
TABLES = tuple(COLUMNS)

Row = tuple[Any, ...]


def text_sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def record_rows(record: dict[str, Any], *, extractor_version: str,
                ingested_at: str) -> dict[str, list[Row]]:
    """Every table's rows for one record (raises StoreError on an inconsistent record)."""
    if not record.get("id") or not isinstance(record.get("text"), str):
        raise StoreError("a record needs an id and a text")
    builder = _Rows(record)
    rows = builder.rows
    rows["articles"].append((
        record["id"], record.get("published"), record.get("source"), record.get("url"),
        record.get("title"), record["text"], text_sha1(record["text"]), extractor_version,
        ingested_at, len(record.get("errors") or []),
        json.dumps(record, ensure_ascii=False, separators=(",", ":")),
    ))
    try:
        builder.entities()
        builder.layers()
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        reason = f"field {error} is missing" if isinstance(error, KeyError) else str(error)
        raise StoreError(f"article {record['id']}: malformed record: {reason}") from None
    return rows


class _Rows:
    def __init__(self, record: dict[str, Any]) -> None:
        self.record = record
        self.article_id = record["id"]
        self.text = record["text"]
        self.rows: dict[str, list[Row]] = {table: [] for table in TABLES}
        self.entity_ids: set[str] = set()

    def fail(self, where: str, reason: str) -> StoreError:
        return StoreError(f"article {self.article_id}: {where}: {reason}")

    def span(self, item: dict[str, Any], where: str) -> tuple[int, int, str]:
        start, end = item.get("start"), item.get("end")
        if not (isinstance(start, int) and isinstance(end, int)
                and 0 <= start <= end <= len(self.text)):
            raise self.fail(where, f"span {start}:{end} is not inside the text "
                                   f"({len(self.text)} characters)")
        return start, end, self.text[start:end]

    def ref(self, entity_id: Any, where: str) -> str | None:
        if entity_id is None:
            return None
        if entity_id not in self.entity_ids:
            raise self.fail(where, f"refers to unknown entity {entity_id!r}")
        return entity_id

    def entities(self) -> None:
        entities = self.record.get("entities") or []
        for index, entity in enumerate(entities):
            if entity.get("id") in self.entity_ids:
                raise self.fail(f"entities[{index}]", f"duplicate entity id {entity['id']!r}")
            self.entity_ids.add(entity["id"])
            self.rows["entities"].append((self.article_id, entity["id"], entity["type"],
                                          entity["name"], entity.get("wikidata")))
        for index, entity in enumerate(entities):
            for n, mention in enumerate(entity.get("mentions") or []):
                where = f"entities[{index}].mentions[{n}]"
                self.rows["mentions"].append((
                    self.article_id, entity["id"], n, *self.span(mention, where),
                    mention.get("kind") or "name",
                    self.ref(mention.get("stands_for"), where + ".stands_for"),
                ))

    def layers(self) -> None:
        record, aid, rows = self.record, self.article_id, self.rows
        for n, p in enumerate(record.get("positions") or []):
            where = f"positions[{n}]"
            if p.get("person") is None:
                raise self.fail(where, "a position needs a person")
            rows["positions"].append((
                aid, n, self.ref(p["person"], where + ".person"), p["title"],
                self.ref(p.get("organization"), where + ".organization"),
                self.ref(p.get("country"), where + ".country"), *self.span(p, where)))
        for n, q in enumerate(record.get("quotes") or []):
            where = f"quotes[{n}]"
            rows["quotes"].append((aid, n, q["kind"], *self.span(q, where),
                                   self.ref(q.get("speaker"), where + ".speaker"),
                                   q.get("speaker_name"), q.get("cue")))
        for n, t in enumerate(record.get("timexes") or []):
            rows["timexes"].append((aid, n, *self.span(t, f"timexes[{n}]"), t["value"]))
        for n, e in enumerate(record.get("events") or []):
            where = f"events[{n}]"
            rows["events"].append((aid, n, e["type"], *self.span(e, where),
                                   self.ref(e.get("place"), where + ".place"), e.get("date")))
            self.children("event", n, e, where)
        for n, f in enumerate(record.get("figures") or []):
            change = f.get("change") or {}
            rows["figures"].append((
                aid, n, *self.span(f, f"figures[{n}]"), float(f["value"]), f["unit"],
                f.get("indicator"), f.get("period"), bool(f.get("forecast")),
                float(change["value"]) if change.get("value") is not None else None,
                change.get("unit"), change.get("direction")))
        for n, d in enumerate(record.get("documents") or []):
            where = f"documents[{n}]"
            rows["documents"].append((aid, n, d["name"], *self.span(d, where), d.get("status"),
                                      d.get("date"), self.ref(d.get("place"), where + ".place")))
            self.children("document", n, d, where)
        for n, a in enumerate(record.get("attributions") or []):
            rows["attributions"].append((aid, n, a["source"],
                                         *self.span(a, f"attributions[{n}]")))

    def children(self, kind: str, parent: int, item: dict[str, Any], where: str) -> None:
        """An event's or a document's mentions and participants / parties."""
        for n, mention in enumerate(item.get("mentions") or []):
            self.rows[f"{kind}_mentions"].append(
                (self.article_id, parent, n, *self.span(mention, f"{where}.mentions[{n}]")))
        members = "participants" if kind == "event" else "parties"
        for n, entity_id in enumerate(item.get(members) or []):
            self.rows[f"{kind}_{members}"].append(
                (self.article_id, parent, n,
                 self.ref(entity_id, f"{where}.{members}[{n}]")))
