"""What a knowledge base holds, as plain data: the queries behind `svodka summary`.

Portable SQL (SQLite and PostgreSQL) with `?` placeholders; a backend passes a `query`
function that runs one statement and returns its rows as tuples (and converts `?` where
its driver wants another parameter style). Names are grouped as written in the records
(canonical, nominative); cross-article identity is the resolver's job, not this module's.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

Query = Callable[[str, Sequence[Any]], list[tuple[Any, ...]]]

TOP_ENTITIES = """
SELECT e.name, MAX(e.wikidata), COUNT(DISTINCT e.article_id) AS articles,
       COUNT(m.id) AS mentions
FROM entities e
LEFT JOIN mentions m ON m.article_id = e.article_id AND m.entity_id = e.id
WHERE e.type = ?
GROUP BY e.name
ORDER BY articles DESC, mentions DESC, e.name
LIMIT ?"""

ENTITY_TYPES = """
SELECT e.type, COUNT(*) AS entities, COUNT(DISTINCT e.name) AS names,
       COUNT(DISTINCT e.article_id) AS articles
FROM entities e
GROUP BY e.type
ORDER BY entities DESC, e.type"""

MENTIONS_BY_TYPE = """
SELECT e.type, COUNT(*)
FROM mentions m JOIN entities e ON e.article_id = m.article_id AND e.id = m.entity_id
GROUP BY e.type"""

SPEAKER = "COALESCE(q.speaker_name, e.name)"
TOP_SPEAKERS = f"""
SELECT {SPEAKER} AS speaker, COUNT(*) AS quotes, COUNT(DISTINCT q.article_id) AS articles
FROM quotes q
LEFT JOIN entities e ON e.article_id = q.article_id AND e.id = q.speaker
WHERE {SPEAKER} IS NOT NULL
GROUP BY {SPEAKER}
ORDER BY quotes DESC, articles DESC, speaker
LIMIT ?"""

TOP_DOCUMENTS = """
SELECT d.name, COUNT(DISTINCT d.article_id) AS articles, MAX(d.status)
FROM documents d
GROUP BY d.name
ORDER BY articles DESC, d.name
LIMIT ?"""


def summarize(query: Query, counts: dict[str, int], *, top: int = 10) -> dict[str, Any]:
    """The summary of one store: articles, dates, entities, people, countries, quotes…"""
    ((n_articles, first, last, undated),) = query(
        "SELECT COUNT(*), MIN(published), MAX(published), "
        "SUM(CASE WHEN published IS NULL THEN 1 ELSE 0 END) FROM articles", ())
    mentions = dict(query(MENTIONS_BY_TYPE, ()))
    return {
        "articles": n_articles,
        "published": {"first": _iso(first), "last": _iso(last), "undated": undated or 0},
        "sources": [{"source": s, "articles": n} for s, n in query(
            "SELECT source, COUNT(*) AS n FROM articles WHERE source IS NOT NULL "
            "GROUP BY source ORDER BY n DESC, source LIMIT ?", (top,))],
        "with_errors": query("SELECT COUNT(*) FROM articles WHERE errors > 0", ())[0][0],
        "entity_types": [
            {"type": t, "entities": n, "names": names, "articles": arts,
             "mentions": mentions.get(t, 0)}
            for t, n, names, arts in query(ENTITY_TYPES, ())],
        "people": _top_entities(query, "PERSON", top),
        "countries": _top_entities(query, "COUNTRY", top),
        "organizations": _top_entities(query, "ORGANIZATION", top),
        "quotes": {
            "count": counts.get("quotes", 0),
            "by_kind": dict(query("SELECT kind, COUNT(*) FROM quotes GROUP BY kind "
                                  "ORDER BY kind", ())),
            "unattributed": query(f"SELECT COUNT(*) FROM quotes q LEFT JOIN entities e ON "
                                  f"e.article_id = q.article_id AND e.id = q.speaker "
                                  f"WHERE {SPEAKER} IS NULL", ())[0][0],
            "speakers": [{"name": name, "quotes": n, "articles": arts}
                         for name, n, arts in query(TOP_SPEAKERS, (top,))],
        },
        "events_by_type": dict(query("SELECT type, COUNT(*) AS n FROM events GROUP BY type "
                                     "ORDER BY n DESC, type", ())),
        "documents": [{"name": name, "articles": arts, "status": status}
                      for name, arts, status in query(TOP_DOCUMENTS, (top,))],
        "counts": counts,
    }


def _top_entities(query: Query, entity_type: str, top: int) -> list[dict[str, Any]]:
    return [{"name": name, "wikidata": qid, "articles": arts, "mentions": n}
            for name, qid, arts, n in query(TOP_ENTITIES, (entity_type, top))]


def _iso(value: Any) -> str | None:
    """A date as ISO text whichever way the driver returns it (str in SQLite, date in PG)."""
    return value.isoformat() if hasattr(value, "isoformat") else value
