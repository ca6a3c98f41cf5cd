"""The read side: every question the API, the web UI and exports ask, as plain data.

"One query, two renderings": each function takes a `Reader` (the store's `query` callable
and the resolved `Knowledge`) and returns dicts and lists; the API serialises them, the
templates render them. SQL is portable (`?` placeholders, row values, no dialect
functions), so the same text runs on SQLite and PostgreSQL. Entities are *global* (gids
from svodka.resolve); a local entity (article id, "e3") maps to its gid.

Orders are stable, with the article id and the item's index as the last keys:
articles newest first; quotes and events by article date, newest first; entities by
number of articles, then name.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from svodka.errors import SvodkaError
from svodka.store.base import StoreError
from svodka.store.knowledge import Knowledge, Ref

log = logging.getLogger(__name__)
Query = Callable[[str, Sequence[Any]], list[dict[str, Any]]]
MAX_LIMIT = 200
MAX_REFS = 30000  # bound parameters per statement (SQLite allows 32766)
NEWEST = "a.published IS NULL, a.published DESC"


class BadRequest(SvodkaError):
    """A parameter the read side cannot use (bad date, limit out of range)."""


class NotFound(SvodkaError):
    """An article or entity that the knowledge base does not hold."""


@dataclass(frozen=True)
class Reader:
    query: Query
    knowledge: Knowledge
    search: Callable[..., list[dict[str, Any]]] | None = None


def iso(value: Any) -> str | None:
    """A date as ISO text whichever way the driver returns it (str in SQLite, date in PG)."""
    return value.isoformat() if hasattr(value, "isoformat") else value


def parse_date(value: str | None, name: str) -> str | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except (TypeError, ValueError):
        raise BadRequest(f"{name}: bad date {value!r} (expected YYYY-MM-DD)") from None


def check_page(limit: int, offset: int) -> None:
    if not 1 <= limit <= MAX_LIMIT:
        raise BadRequest(f"limit: {limit} is out of range (1…{MAX_LIMIT})")
    if offset < 0:
        raise BadRequest(f"offset: {offset} must not be negative")


def entity_gids(reader: Reader, key: str, *, name: str = "entity") -> list[str]:
    """The gids a parameter names (a gid or a name/alias); NotFound when none."""
    gids = reader.knowledge.find(key)
    if not gids:
        raise NotFound(f"{name}: unknown entity {key!r}")
    return gids


def refs_of(reader: Reader, gids: Iterable[str]) -> list[Ref]:
    return [ref for gid in gids for ref in reader.knowledge.members.get(gid, [])]


def refs_in(article_col: str, entity_col: str, refs: Sequence[Ref]) -> tuple[str, list[Any]]:
    """`(article, entity) IN (VALUES …)` for a set of local entities (false when empty)."""
    if not refs:
        return "1 = 0", []
    if 2 * len(refs) > MAX_REFS:
        raise BadRequest(f"an entity with {len(refs)} local entities is too common to filter "
                         "on; pick a narrower one")
    values = ", ".join("(?, ?)" for _ in refs)
    return f"({article_col}, {entity_col}) IN (VALUES {values})", [x for ref in refs for x in ref]


def _page(rows: list[dict[str, Any]], total: int, limit: int, offset: int) -> dict[str, Any]:
    return {"total": total, "limit": limit, "offset": offset, "items": rows}


def _where(conditions: list[str]) -> str:
    return (" WHERE " + " AND ".join(conditions)) if conditions else ""


def _dates(conditions: list[str], params: list[Any], column: str,
           date_from: str | None, date_to: str | None) -> None:
    if date_from:
        conditions.append(f"{column} >= ?")
        params.append(parse_date(date_from, "date_from"))
    if date_to:
        conditions.append(f"{column} <= ?")
        params.append(parse_date(date_to, "date_to"))
    if date_from and date_to and parse_date(date_from, "") > parse_date(date_to, ""):
        raise BadRequest(f"date_from {date_from} is after date_to {date_to}")


# --- articles ------------------------------------------------------------------------
ARTICLE_COLUMNS = "a.id, a.published, a.source, a.url, a.title"


def list_articles(reader: Reader, *, date_from: str | None = None, date_to: str | None = None,
                  entity: str | None = None, source: str | None = None, limit: int = 50,
                  offset: int = 0) -> dict[str, Any]:
    """Articles, newest first (undated last), then by id."""
    check_page(limit, offset)
    conditions: list[str] = []
    params: list[Any] = []
    _dates(conditions, params, "a.published", date_from, date_to)
    if source:
        conditions.append("a.source = ?")
        params.append(source)
    if entity:
        clause, refs = refs_in("e.article_id", "e.id", refs_of(reader, entity_gids(reader, entity)))
        conditions.append(f"a.id IN (SELECT e.article_id FROM entities e WHERE {clause})")
        params += refs
    where = _where(conditions)
    (count,) = reader.query(f"SELECT COUNT(*) AS n FROM articles a{where}", params)
    rows = reader.query(f"SELECT {ARTICLE_COLUMNS} FROM articles a{where} "
                        f"ORDER BY {NEWEST}, a.id LIMIT ? OFFSET ?", [*params, limit, offset])
    return _page([_article(row) for row in rows], count["n"], limit, offset)


def _article(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "published": iso(row["published"])}


def get_article(reader: Reader, article_id: str) -> dict[str, Any]:
    """An article's full record, each entity carrying its global `gid`."""
    rows = reader.query("SELECT record FROM articles WHERE id = ?", [article_id])
    if not rows:
        raise NotFound(f"unknown article {article_id!r}")
    record = json.loads(rows[0]["record"])
    for entity in record.get("entities") or []:
        entity["gid"] = reader.knowledge.gid_of(article_id, entity["id"])
    return record


# --- entities ------------------------------------------------------------------------
def list_entities(reader: Reader, *, prefix: str | None = None, type: str | None = None,
                  limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """Global entities whose name or an alias starts with `prefix` (case-insensitive);
    most articles first, then name, then gid."""
    check_page(limit, offset)
    folded = (prefix or "").strip().casefold()
    found = [e for e in reader.knowledge.entities.values()
             if (not type or e["type"] == type.upper())
             and (not folded or any(n.casefold().startswith(folded)
                                    for n in (e["name"], *e["aliases"])))]
    found.sort(key=lambda e: (-e["articles"], e["name"], e["gid"]))
    return _page(found[offset:offset + limit], len(found), limit, offset)


def get_entity(reader: Reader, gid: str) -> dict[str, Any]:
    """One entity: aliases, posts over time, quotes by it, events it took part in, and the
    entities it met (co-participants of its events, most shared events first)."""
    entity = reader.knowledge.entities.get(gid)
    if entity is None:
        raise NotFound(f"unknown entity {gid!r}")
    events = list_events(reader, participant=gid, limit=MAX_LIMIT)["items"]
    met: Counter[str] = Counter()
    for event in events:
        met.update({p["gid"] for p in event["participants"] if p["gid"] and p["gid"] != gid})
    return {
        **entity,
        "tenures": [_tenure(reader, t) for t in reader.knowledge.tenures if t["gid"] == gid],
        "quotes": list_quotes(reader, speaker=gid, limit=MAX_LIMIT)["items"],
        "events": events,
        "met": [{"gid": other, "name": reader.knowledge.name_of(other),
                 "type": reader.knowledge.entities[other]["type"], "events": n}
                for other, n in sorted(met.items(), key=lambda kv: (-kv[1], kv[0]))],
        "articles_list": list_articles(reader, entity=gid, limit=MAX_LIMIT)["items"],
    }


def _tenure(reader: Reader, tenure: dict[str, Any]) -> dict[str, Any]:
    name = reader.knowledge.name_of
    return {**tenure, "organization_name": name(tenure["organization"]),
            "country_name": name(tenure["country"])}


# --- quotes --------------------------------------------------------------------------
QUOTE_SELECT = """
SELECT q.article_id, q.id, q.kind, q.surface AS text, q.speaker, q.speaker_name, q.cue,
       q.start_char, q.end_char, a.published, a.title
FROM quotes q JOIN articles a ON a.id = q.article_id"""


def _standing_for(reader: Reader, refs: Sequence[Ref]) -> list[Ref]:
    """Local entities with a mention that stands for one of `refs` («Кремль» for Россия)."""
    if not refs:
        return []
    clause, params = refs_in("article_id", "stands_for", refs)
    rows = reader.query(f"SELECT DISTINCT article_id, entity_id FROM mentions WHERE {clause}",
                        params)
    return [(row["article_id"], row["entity_id"]) for row in rows]


def _with_officials(reader: Reader, gids: list[str]) -> list[Ref]:
    """The entities' local refs, those of the people holding a post in them (a country's
    ministers, an organisation's officers) and of bodies standing for them («Кремль»)."""
    own = refs_of(reader, gids)
    held = sorted({t["gid"] for t in reader.knowledge.tenures
                   if t["country"] in gids or t["organization"] in gids} - set(gids))
    return refs_of(reader, [*gids, *held]) + _standing_for(reader, own)


def list_quotes(reader: Reader, *, speaker: str | None = None, about: str | None = None,
                date_from: str | None = None, date_to: str | None = None,
                contains: str | None = None, officials: bool = False, limit: int = 50,
                offset: int = 0) -> dict[str, Any]:
    """Quotes by `speaker` (with `officials`, also by the people holding a post in it: a
    country's ministers, an organisation's officers), mentioning `about` inside the quoted
    span, in a date range, containing a text (case-insensitive); newest article first,
    then article id, then position in the article."""
    check_page(limit, offset)
    conditions: list[str] = []
    params: list[Any] = []
    _dates(conditions, params, "a.published", date_from, date_to)
    if speaker:
        gids = entity_gids(reader, speaker, name="speaker")
        speakers = _with_officials(reader, gids) if officials else refs_of(reader, gids)
        clause, refs = refs_in("q.article_id", "q.speaker", speakers)
        conditions.append(clause)
        params += refs
    if about:
        clause, refs = refs_in("m.article_id", "m.entity_id",
                               refs_of(reader, entity_gids(reader, about, name="about")))
        conditions.append("EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = q.article_id "
                          "AND m.start_char >= q.start_char AND m.end_char <= q.end_char "
                          f"AND {clause})")
        params += refs
    rows = reader.query(QUOTE_SELECT + _where(conditions)
                        + f" ORDER BY {NEWEST}, q.article_id, q.id", params)
    if contains:
        needle = contains.casefold()
        rows = [row for row in rows if needle in row["text"].casefold()]
    return _page([_quote(reader, row) for row in rows[offset:offset + limit]], len(rows),
                 limit, offset)


def _quote(reader: Reader, row: dict[str, Any]) -> dict[str, Any]:
    gid = reader.knowledge.gid_of(row["article_id"], row["speaker"])
    return {**row, "published": iso(row["published"]), "speaker_gid": gid,
            "speaker_name": reader.knowledge.name_of(gid) or row["speaker_name"]}


# --- events --------------------------------------------------------------------------
EVENT_SELECT = """
SELECT ev.article_id, ev.id, ev.type, ev.surface AS trigger, ev.place, ev.date,
       a.published, a.title
FROM events ev JOIN articles a ON a.id = ev.article_id"""


def list_events(reader: Reader, *, type: str | None = None, participant: str | None = None,
                partner: str | None = None, place: str | None = None,
                date_from: str | None = None,
                date_to: str | None = None, officials: bool = False, limit: int = 50,
                offset: int = 0) -> dict[str, Any]:
    """Events by type, participant (and a second one, `partner`; with `officials`, also
    through the people holding a post in them: a meeting of two foreign ministers is one of
    their countries), place and the article's publication date range; newest article
    first, then article id, then the event's index."""
    check_page(limit, offset)
    conditions: list[str] = []
    params: list[Any] = []
    _dates(conditions, params, "a.published", date_from, date_to)
    if type:
        conditions.append("ev.type = ?")
        params.append(type)
    for name, key in (("participant", participant), ("partner", partner)):
        if key:
            gids = entity_gids(reader, key, name=name)
            clause, refs = refs_in("p.article_id", "p.entity_id", _with_officials(
                reader, gids) if officials else refs_of(reader, gids))
            conditions.append("EXISTS (SELECT 1 FROM event_participants p WHERE p.article_id "
                              f"= ev.article_id AND p.event_id = ev.id AND {clause})")
            params += refs
    if place:
        clause, refs = refs_in("ev.article_id", "ev.place",
                               refs_of(reader, entity_gids(reader, place, name="place")))
        conditions.append(clause)
        params += refs
    where = _where(conditions)
    (count,) = reader.query(f"SELECT COUNT(*) AS n FROM events ev JOIN articles a "
                            f"ON a.id = ev.article_id{where}", params)
    rows = reader.query(EVENT_SELECT + where + f" ORDER BY {NEWEST}, ev.article_id, ev.id "
                        "LIMIT ? OFFSET ?", [*params, limit, offset])
    return _page(with_participants(reader, rows), count["n"], limit, offset)


def with_participants(reader: Reader, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Events with their participants and place as global entities, and a `when` date."""
    if not rows:
        return []
    clause, params = refs_in("p.article_id", "p.event_id",
                             [(row["article_id"], row["id"]) for row in rows])
    members: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for p in reader.query("SELECT p.article_id, p.event_id, p.entity_id FROM "
                          f"event_participants p WHERE {clause} ORDER BY p.article_id, "
                          "p.event_id, p.id", params):
        gid = reader.knowledge.gid_of(p["article_id"], p["entity_id"])
        members.setdefault((p["article_id"], p["event_id"]), []).append(
            {"gid": gid, "name": reader.knowledge.name_of(gid) or p["entity_id"]})
    events = []
    for row in rows:
        published = iso(row["published"])
        place = reader.knowledge.gid_of(row["article_id"], row["place"])
        day = row["date"] if row["date"] and len(row["date"]) == 10 else None
        events.append({**row, "published": published, "when": day or published,
                       "place_gid": place, "place_name": reader.knowledge.name_of(place),
                       "participants": members.get((row["article_id"], row["id"]), [])})
    return events


# --- two entities --------------------------------------------------------------------
def relation(reader: Reader, a: str, b: str) -> dict[str, Any]:
    """What links two entities: events with both (or their officials), articles mentioning
    both, quotes of each (or of its officials) mentioning the other, figures in the articles mentioning both, and counts by month.
    Lists stop at the newest 200 (MAX_LIMIT); `articles_total` counts every article."""
    ga, gb = entity_gids(reader, a, name="a")[0], entity_gids(reader, b, name="b")[0]
    if ga == gb:
        raise BadRequest(f"a and b name the same entity {ga!r}")
    conditions, params = [], []
    for gid in (ga, gb):
        clause, refs = refs_in("e.article_id", "e.id", refs_of(reader, [gid]))
        conditions.append(f"a.id IN (SELECT e.article_id FROM entities e WHERE {clause})")
        params += refs
    where = _where(conditions)
    (count,) = reader.query(f"SELECT COUNT(*) AS n FROM articles a{where}", params)
    articles = [_article(row) for row in reader.query(
        f"SELECT {ARTICLE_COLUMNS} FROM articles a{where} ORDER BY {NEWEST}, a.id LIMIT ?",
        [*params, MAX_LIMIT])]
    figures = _figures(reader, [row["id"] for row in articles])
    events = list_events(reader, participant=ga, partner=gb, officials=True,
                         limit=MAX_LIMIT)["items"]
    quotes = {"a_about_b": list_quotes(reader, speaker=ga, about=gb, officials=True,
                                       limit=MAX_LIMIT)["items"],
              "b_about_a": list_quotes(reader, speaker=gb, about=ga, officials=True,
                                       limit=MAX_LIMIT)["items"]}
    months: dict[str, Counter[str]] = {}
    for kind, items, key in (("articles", articles, "published"), ("events", events, "when"),
                             ("quotes", quotes["a_about_b"] + quotes["b_about_a"],
                              "published")):
        for item in items:
            if item.get(key):
                months.setdefault(item[key][:7], Counter())[kind] += 1
    knowledge = reader.knowledge
    return {"a": knowledge.entities[ga], "b": knowledge.entities[gb], "events": events,
            "articles": articles, "articles_total": count["n"], "quotes": quotes, "figures": figures,
            "timeline": [{"month": month, "articles": c["articles"], "events": c["events"],
                          "quotes": c["quotes"]} for month, c in sorted(months.items())]}


def _figures(reader: Reader, article_ids: list[str]) -> list[dict[str, Any]]:
    if not article_ids:
        return []
    marks = ", ".join("?" for _ in article_ids)
    rows = reader.query(
        "SELECT f.article_id, f.id, f.surface AS text, f.value, f.unit, f.indicator, f.period, "
        "f.forecast, f.change_value, f.change_unit, f.change_direction, a.published "
        f"FROM figures f JOIN articles a ON a.id = f.article_id WHERE f.article_id IN ({marks}) "
        f"ORDER BY {NEWEST}, f.article_id, f.id", article_ids)
    return [{**row, "published": iso(row["published"]), "forecast": bool(row["forecast"])}
            for row in rows]


# --- who meets whom ------------------------------------------------------------------
def meetings_graph(reader: Reader, *, type: str | None = None,
                   nodes: int = 40) -> dict[str, Any]:
    """Entities linked by the events they took part in together (of entity `type`, e.g.
    PERSON); the `nodes` most connected; edges weighted by shared events."""
    rows = reader.query("SELECT p.article_id, p.event_id, p.entity_id FROM event_participants p "
                        "ORDER BY p.article_id, p.event_id, p.id", ())
    knowledge = reader.knowledge
    events: dict[tuple[str, int], set[str]] = {}
    for row in rows:
        gid = knowledge.gid_of(row["article_id"], row["entity_id"])
        if gid and (not type or knowledge.entities[gid]["type"] == type.upper()):
            events.setdefault((row["article_id"], row["event_id"]), set()).add(gid)
    weights: Counter[tuple[str, str]] = Counter()
    for members in events.values():
        ordered = sorted(members)
        weights.update((x, y) for i, x in enumerate(ordered) for y in ordered[i + 1:])
    degree: Counter[str] = Counter()
    for (x, y), n in weights.items():
        degree[x] += n
        degree[y] += n
    kept = {gid for gid, _ in sorted(degree.items(), key=lambda kv: (-kv[1], kv[0]))[:nodes]}
    return {
        "nodes": [{"gid": gid, "name": knowledge.name_of(gid),
                   "type": knowledge.entities[gid]["type"], "weight": degree[gid]}
                  for gid in sorted(kept)],
        "edges": [{"a": x, "b": y, "events": n} for (x, y), n in sorted(weights.items())
                  if x in kept and y in kept]}


# --- search --------------------------------------------------------------------------
def search(reader: Reader, text: str, *, limit: int = 20, offset: int = 0) -> dict[str, Any]:
    """Full-text hits from the store's search index; without one, a plain scan of titles
    and texts for every word (`index` says which answered)."""
    check_page(limit, offset)
    if not text.strip():
        raise BadRequest("q: empty search")
    if reader.search is not None:
        try:
            hits = [{**hit, "published": iso(hit.get("published")),
                     "gid": reader.knowledge.gid_of(hit["article_id"], hit.get("ref"))
                     if hit.get("kind") == "entity" else None}
                    for hit in reader.search(text, limit=limit, offset=offset)]
            return {"index": "store", "limit": limit, "offset": offset, "items": hits}
        except (NotImplementedError, StoreError) as error:
            log.warning("search index not available (%s): scanning the articles", error)
    words = [w.casefold() for w in text.split()]
    hits = []
    for row in reader.query(f"SELECT a.id, a.published, a.title, a.text FROM articles a "
                            f"ORDER BY {NEWEST}, a.id", ()):
        body = f"{row['title'] or ''}\n{row['text']}"
        folded = body.casefold()
        if all(w in folded for w in words):
            at = folded.find(words[0])
            start = max(0, at - 80)
            snippet = body[start:at + 160]
            hits.append({"kind": "article", "article_id": row["id"], "ref": None, "gid": None,
                         "title": row["title"], "published": iso(row["published"]),
                         "score": float(sum(folded.count(w) for w in words)),
                         "snippet": snippet,
                         "highlights": [[at - start, at - start + len(words[0])]]})
    hits.sort(key=lambda h: -h["score"])
    return {"index": "scan", "limit": limit, "offset": offset,
            "items": hits[offset:offset + limit]}
