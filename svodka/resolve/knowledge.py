"""The knowledge base: global entities, the (article, local entity) → gid mapping, tenures.

`KnowledgeBase.add(record)` resolves one more article without redoing the others: the
article's entities join *blocks* (groups of entities that share a surname, a name, an
acronym or a QID — the only entities a linking rule can join), and only the blocks they
touch are clustered again (`svodka.resolve.cluster`). Blocks are connected components and
clustering depends only on a block's nodes, so the result is the same in any order of
`add`, and `resolve_entities(records)` is the fold of `add` over the records sorted by id.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from svodka.resolve.cluster import Node, Part, cluster_gid, cluster_nodes
from svodka.resolve.local import (
    BlockKey,
    LocalEntity,
    NodeKey,
    absorb_first_names,
    read_local_entities,
)
from svodka.resolve.names import fold, person_name

log = logging.getLogger(__name__)

TYPE_ORDER = ("PERSON", "ORGANIZATION", "COUNTRY", "CITY", "REGION", "LOCATION", "FACILITY")


@dataclass
class GlobalEntity:
    gid: str
    type: str
    name: str
    wikidata: str | None
    aliases: set[str] = field(default_factory=set)   # surface forms and canonical names
    articles: list[str] = field(default_factory=list)
    mention_count: int = 0
    first_seen: str | None = None  # the earliest `published` of its articles
    last_seen: str | None = None


@dataclass
class Tenure:
    gid: str                  # the person
    title: str
    organization: str | None  # gid
    country: str | None       # gid
    first_seen: str | None
    last_seen: str | None
    articles: list[str] = field(default_factory=list)


@dataclass
class _Block:
    nodes: dict[NodeKey, Node] = field(default_factory=dict)
    keys: set[BlockKey] = field(default_factory=set)
    gids: set[str] = field(default_factory=set)
    split: set[tuple[str, str]] = field(default_factory=set)  # members given their own gid


@dataclass(frozen=True)
class _Post:
    article: str
    person: str
    title: str
    organization: str | None
    country: str | None
    published: str | None


class KnowledgeBase:
    def __init__(self) -> None:
        self._articles: set[str] = set()
        self._blocks: dict[int, _Block] = {}
        self._block_of_key: dict[BlockKey, int] = {}
        self._block_of_node: dict[NodeKey, int] = {}
        self._node_of: dict[tuple[str, str], NodeKey] = {}
        self._node_gid: dict[NodeKey, str] = {}
        self._member_gid: dict[tuple[str, str], str] = {}
        self._same_as: dict[tuple[str, str], tuple[str, str]] = {}  # absorbed first names
        self._entities: dict[str, GlobalEntity] = {}
        self._posts: list[_Post] = []
        self._tenures: list[Tenure] | None = None
        self._next_block = 0

    # --- reading ------------------------------------------------------------
    @property
    def entities(self) -> dict[str, GlobalEntity]:
        """Global entities by gid (sorted by gid)."""
        return dict(sorted(self._entities.items()))

    @property
    def articles(self) -> list[str]:
        return sorted(self._articles)

    def gid_of(self, article_id: str, entity_id: str) -> str | None:
        """The global entity of a record's local entity (None: unknown or nameless)."""
        ref = self._same_as.get((article_id, entity_id), (article_id, entity_id))
        if ref in self._member_gid:
            return self._member_gid[ref]
        node = self._node_of.get(ref)
        return self._node_gid.get(node) if node is not None else None

    @property
    def mapping(self) -> dict[tuple[str, str], str]:
        """(article id, local entity id) → gid for every resolved local entity."""
        return {ref: self.gid_of(*ref) for ref in sorted({*self._node_of, *self._same_as})}

    @property
    def tenures(self) -> list[Tenure]:
        """Who held which post, from the records' `positions`, first and last seen."""
        if self._tenures is None:
            self._tenures = self._build_tenures()
        return self._tenures

    # --- adding ---------------------------------------------------------------
    def add(self, record: Mapping[str, Any]) -> None:
        """Resolve one more article record (OUTPUT-SCHEMA.md) against the base."""
        article = str(record.get("id") or "")
        if not article:
            raise ValueError("a record needs an id to be resolved")
        if article in self._articles:
            raise ValueError(f"article {article!r} is already in the knowledge base")
        self._articles.add(article)
        self._tenures = None
        locals_, absorbed = absorb_first_names(read_local_entities(record))
        for local_id, owner in absorbed.items():
            self._same_as[(article, local_id)] = (article, owner)
        touched = [self._place(local) for local in locals_]
        for position in record.get("positions", []):
            if not position.get("person"):
                continue
            self._posts.append(_Post(article, position["person"], position.get("title") or "",
                                     position.get("organization"), position.get("country"),
                                     record.get("published")))
        for block_id in sorted({self._block_of_node[key] for key in touched}):
            self._recluster(block_id)

    def _place(self, local: LocalEntity) -> NodeKey:
        """Put `local` in its node and block (merging the blocks it connects)."""
        key = local.node_key()
        self._node_of[(local.article, local.id)] = key
        block_keys = local.block_keys()
        found = {self._block_of_key[k] for k in block_keys if k in self._block_of_key}
        if key in self._block_of_node:
            found.add(self._block_of_node[key])
        if found:
            block_id = max(found, key=lambda b: (len(self._blocks[b].nodes), -b))
            for other in sorted(found - {block_id}):
                self._merge(block_id, other)
        else:
            block_id = self._next_block
            self._next_block += 1
            self._blocks[block_id] = _Block()
        block = self._blocks[block_id]
        node = block.nodes.get(key)
        if node is None:
            node = block.nodes[key] = Node(key, local)
            self._block_of_node[key] = block_id
        node.add(local)
        for k in block_keys:
            block.keys.add(k)
            self._block_of_key[k] = block_id
        return key

    def _merge(self, into: int, other: int) -> None:
        source = self._blocks.pop(other)
        target = self._blocks[into]
        for key, node in source.nodes.items():
            target.nodes[key] = node
            self._block_of_node[key] = into
        for k in source.keys:
            target.keys.add(k)
            self._block_of_key[k] = into
        target.gids |= source.gids
        target.split |= source.split

    def _recluster(self, block_id: int) -> None:
        block = self._blocks[block_id]
        for gid in block.gids:
            self._entities.pop(gid, None)
        block.gids = set()
        for node_key in block.nodes:
            self._node_gid.pop(node_key, None)
        for ref in block.split:
            self._member_gid.pop(ref, None)
        block.split = set()
        for parts in cluster_nodes(block.nodes.values()):
            gid = cluster_gid(parts, block.gids)
            block.gids.add(gid)
            self._entities[gid] = _global_entity(gid, parts)
            for node, member in parts:
                if member is None:
                    self._node_gid[node.key] = gid
                else:
                    self._member_gid[(member.article, member.id)] = gid
                    block.split.add((member.article, member.id))

    def _build_tenures(self) -> list[Tenure]:
        groups: dict[tuple, list[_Post]] = defaultdict(list)
        for post in self._posts:
            person = self.gid_of(post.article, post.person)
            if person is None:
                continue
            org = self.gid_of(post.article, post.organization) if post.organization else None
            country = self.gid_of(post.article, post.country) if post.country else None
            groups[(person, fold(post.title), org, country)].append(post)
        tenures = []
        for (person, _, org, country), posts in groups.items():
            titles = Counter(p.title for p in posts)
            dates = sorted(p.published for p in posts if p.published)
            tenures.append(Tenure(
                gid=person, title=min(titles, key=lambda t: (-titles[t], t)),
                organization=org, country=country,
                first_seen=dates[0] if dates else None, last_seen=dates[-1] if dates else None,
                articles=sorted({p.article for p in posts})))
        tenures.sort(key=lambda t: (t.gid, t.first_seen or "", t.title, t.organization or "",
                                    t.country or ""))
        return tenures


def _global_entity(gid: str, parts: list[Part]) -> GlobalEntity:
    types: Counter[str] = Counter()
    names: Counter[str] = Counter()
    aliases: set[str] = set()
    articles: set[str] = set()
    dates: list[str] = []
    qids: set[str] = set()
    mentions = 0
    for node, member in parts:
        if member is None:
            names.update(node.spellings)
            aliases |= node.aliases
            articles |= node.articles
            dates += [d for d in (node.first_seen, node.last_seen) if d]
            mentions += node.mention_count
        else:
            names[member.name] += member.mention_count or 1
            aliases |= member.aliases
            articles.add(member.article)
            dates += [member.published] if member.published else []
            mentions += member.mention_count
        types[node.sample.type] += node.mention_count or 1
        if node.sample.wikidata:
            qids.add(node.sample.wikidata)
    kind = min(types, key=lambda t: (-types[t], TYPE_ORDER.index(t) if t in TYPE_ORDER else 99, t))
    return GlobalEntity(
        gid=gid, type=kind, name=_best_name(names, kind),
        wikidata=qids.pop() if len(qids) == 1 else None, aliases=aliases,
        articles=sorted(articles), mention_count=mentions,
        first_seen=min(dates) if dates else None, last_seen=max(dates) if dates else None)


def _best_name(names: Counter, kind: str) -> str:
    """The most used name; for a person a full name first, in Cyrillic before Latin."""
    def rank(name: str) -> tuple:
        parts = person_name(name) if kind == "PERSON" else None
        full = parts is not None and parts.form == "full"
        cyrillic = any("а" <= ch.lower() <= "я" or ch in "ёЁ" for ch in name)
        return (not full, not cyrillic, -names[name], -len(name), name)

    return min(names, key=rank)


def resolve_entities(records: Iterable[Mapping[str, Any]]) -> KnowledgeBase:
    """Resolve article records into one knowledge base (order of `records` does not matter)."""
    base = KnowledgeBase()
    for record in sorted(records, key=lambda r: str(r.get("id") or "")):
        base.add(record)
    log.info("resolved %d articles into %d entities", len(base.articles), len(base.entities))
    return base
