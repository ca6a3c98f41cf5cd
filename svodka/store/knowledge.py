"""Cross-article identity as the read side sees it: global entities and their local members.

`load_knowledge(store)` resolves the stored records with `svodka.resolve` (one global entity
per person, organisation or place, with aliases and tenures). Where the resolver is not
available it falls back to grouping local entities by (type, Wikidata ID or name). The
result is plain data kept in memory; it is rebuilt when the store's articles change
(`knowledge_key`).
"""

from __future__ import annotations

import hashlib
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger(__name__)

Ref = tuple[str, str]  # (article id, local entity id)


@dataclass
class Knowledge:
    """Global entities (gid → plain dict), their members and the tenures of posts."""

    entities: dict[str, dict[str, Any]] = field(default_factory=dict)
    members: dict[str, list[Ref]] = field(default_factory=dict)
    gids: dict[Ref, str] = field(default_factory=dict)
    tenures: list[dict[str, Any]] = field(default_factory=list)
    resolver: str = "none"

    def gid_of(self, article_id: str, entity_id: str | None) -> str | None:
        return self.gids.get((article_id, entity_id)) if entity_id else None

    def name_of(self, gid: str | None) -> str | None:
        entity = self.entities.get(gid) if gid else None
        return entity["name"] if entity else None

    def find(self, key: str) -> list[str]:
        """The gids a user's `key` names: a gid, else entities with this name or alias
        (case-insensitive), most mentioned first."""
        if key in self.entities:
            return [key]
        folded = key.strip().casefold()
        found = [gid for gid, e in self.entities.items()
                 if e["name"].casefold() == folded
                 or any(a.casefold() == folded for a in e["aliases"])]
        return sorted(found, key=lambda g: (-self.entities[g]["mention_count"], g))


def knowledge_key(query: Any) -> tuple[Any, ...]:
    """Changes whenever an article is added, replaced or removed."""
    (row,) = query("SELECT COUNT(*) AS n, MAX(ingested_at) AS last FROM articles", ())
    return (row["n"], str(row["last"]))


def load_knowledge(store: Any) -> Knowledge:
    """Resolve the store's records into global entities (resolver, else the fallback)."""
    try:
        from svodka.resolve import resolve_entities
    except ImportError:
        log.warning("svodka.resolve not available: grouping entities by type and name")
        return _fallback(store.query)
    try:
        base = resolve_entities(store.iter_records())
    except Exception:
        log.exception("resolver failed: grouping entities by type and name")
        return _fallback(store.query)
    knowledge = Knowledge(resolver="svodka.resolve")
    for gid, entity in base.entities.items():
        knowledge.entities[gid] = {
            "gid": gid, "type": entity.type, "name": entity.name, "wikidata": entity.wikidata,
            "aliases": sorted(entity.aliases), "articles": len(entity.articles),
            "mention_count": entity.mention_count, "first_seen": entity.first_seen,
            "last_seen": entity.last_seen}
    for ref, gid in base.mapping.items():
        if gid is not None and gid in knowledge.entities:
            knowledge.gids[ref] = gid
            knowledge.members.setdefault(gid, []).append(ref)
    knowledge.tenures = [
        {"gid": t.gid, "title": t.title, "organization": t.organization,
         "country": t.country, "first_seen": t.first_seen, "last_seen": t.last_seen,
         "articles": list(t.articles)} for t in base.tenures]
    return knowledge


def _fallback(query: Any) -> Knowledge:
    knowledge = Knowledge(resolver="fallback")
    rows = query("SELECT e.article_id, e.id, e.type, e.name, e.wikidata, a.published, "
                 "(SELECT COUNT(*) FROM mentions m WHERE m.article_id = e.article_id "
                 "AND m.entity_id = e.id) AS mentions "
                 "FROM entities e JOIN articles a ON a.id = e.article_id "
                 "ORDER BY e.article_id, e.id", ())
    aliases: dict[str, set[str]] = defaultdict(set)
    articles: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        key = f"{row['type']}\t{row['wikidata'] or row['name'].casefold()}"
        gid = row["wikidata"] or "g" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
        entity = knowledge.entities.setdefault(gid, {
            "gid": gid, "type": row["type"], "name": row["name"], "wikidata": row["wikidata"],
            "aliases": [], "articles": 0, "mention_count": 0, "first_seen": None,
            "last_seen": None})
        entity["mention_count"] += row["mentions"]
        published = str(row["published"]) if row["published"] else None
        if published:
            entity["first_seen"] = min(filter(None, (entity["first_seen"], published)))
            entity["last_seen"] = max(filter(None, (entity["last_seen"], published)))
        aliases[gid].add(row["name"])
        articles[gid].add(row["article_id"])
        ref = (row["article_id"], row["id"])
        knowledge.gids[ref] = gid
        knowledge.members.setdefault(gid, []).append(ref)
    for gid, entity in knowledge.entities.items():
        entity["aliases"] = sorted(aliases[gid])
        entity["articles"] = len(articles[gid])
    return knowledge
