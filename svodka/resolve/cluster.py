"""Linking inside one block: nodes (local entities alike in name, type, QID and posts) →
clusters, each one global entity.

The rules, in order (DESIGN: resolve.py):
1. the same Wikidata QID → one cluster (people never join other types);
2. people with the same full name (first name + surname stems, patronymic dropped,
   transliteration-insensitive: `names.person_name`), and organisations or places sharing
   a name key (`names.org_name_keys`: the name or a surface form, case endings stripped,
   less generic names and less short forms of a longer name of the same entity; a body
   and the building it sits in compare alike: «Кремль»), join; such a group takes the QID
   of the one QID cluster it shares a name with, none when it shares names with two.
   An entity named only by a generic name («МВД», «правительства»: the article never said
   which body) is the kind of body: it joins the entities named by the same kind, and
   nothing else (NEREL links such mentions to the class: government Q7188);
3. an initialled name («С. Лавров») or a bare surname («Лавров») joins the one cluster of a
   full name with that surname (and initial) whose posts are compatible — either unknown,
   or sharing a title word, an organisation or a country; where several are compatible, an
   article's mention joins the one of them named in that same article, if there is one, and
   otherwise stays its own entity; with none, equal bare names join each other;
4. an acronym («ФСЭГ») joins the one organisation cluster whose name has those initials.
(Before all this, an article's bare first name joins the article's one full name it begins:
`local.absorb_first_names`.)

The result depends only on the set of nodes: nodes are sorted first, decisions are taken
from the state after step 2 and applied together.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from svodka.resolve.local import LocalEntity, NodeKey
from svodka.resolve.names import PersonName, fold, initials, is_acronym


@dataclass
class Node:
    """Local entities alike in every linking feature, with their totals."""

    key: NodeKey
    sample: LocalEntity  # the member that speaks for all (the least by name, article, id)
    members: list[LocalEntity] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)     # folded name and aliases, not generic
    articles: set[str] = field(default_factory=set)
    spellings: Counter[str] = field(default_factory=Counter)  # canonical names, by mentions
    mention_count: int = 0
    first_seen: str | None = None
    last_seen: str | None = None

    @property
    def sort_key(self) -> str:
        type_, name, qid, posts = self.key
        return "\t".join((type_, name, qid, ",".join(sorted(posts))))

    def add(self, local: LocalEntity) -> None:
        self.members.append(local)
        if (local.name, local.article, local.id) < (self.sample.name, self.sample.article,
                                                    self.sample.id):
            self.sample = local  # the same sample whatever order members came in
        if local.type != "PERSON":
            self.names.update(local.name_keys())
        self.aliases |= local.aliases
        self.articles.add(local.article)
        self.spellings[local.name] += local.mention_count or 1
        self.mention_count += local.mention_count
        if local.published:
            self.first_seen = min(filter(None, (self.first_seen, local.published)))
            self.last_seen = max(filter(None, (self.last_seen, local.published)))


Part = tuple[Node, LocalEntity | None]  # a whole node, or one member split off it


class _Sets:
    """Union-find over indices; the smaller root wins, so results do not depend on order."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _family(node: Node) -> str:
    return "PERSON" if node.sample.type == "PERSON" else "OTHER"


def _weak(node: Node) -> PersonName | None:
    """The name parts of a person node without a QID that is not a full name."""
    parts = node.sample.person
    if node.sample.wikidata or parts is None or parts.form == "full":
        return None
    return parts


def _strong_keys(node: Node) -> list[tuple[str, ...]]:
    sample = node.sample
    if sample.type == "PERSON":
        parts = sample.person
        return [("full", parts.first, parts.surname)] if parts and parts.form == "full" else []
    if sample.generic:  # only the same kind: a generic name is no alias of one body
        return [("kind", sample.type, sample.kind_key())]
    return [("name", sample.name_family, name) for name in sorted(node.names)]


def cluster_nodes(nodes: Iterable[Node]) -> list[list[Part]]:
    """The clusters of one block's nodes, each a list of parts, in a deterministic order."""
    nodes = sorted(nodes, key=lambda n: n.sort_key)
    sets = _Sets(len(nodes))
    qid_home: dict[tuple[str, str], int] = {}
    for i, node in enumerate(nodes):
        if node.sample.wikidata:
            home = qid_home.setdefault((_family(node), node.sample.wikidata), i)
            sets.union(home, i)
    _join_names(nodes, sets, qid_home)
    weak_links = _link_weak_people(nodes, sets)
    _link_acronyms(nodes, sets)
    clusters: dict[int, list[Part]] = defaultdict(list)
    for i, node in enumerate(nodes):
        target = weak_links.get(i, i)
        if isinstance(target, int):
            clusters[sets.find(target)].append((node, None))
            continue
        for member in sorted(node.members, key=lambda m: (m.article, m.id)):
            home = target.get(member.article)
            if home is None:  # ambiguous: this article's entity stays its own
                clusters[len(nodes) + len(clusters)].append((node, member))
            else:
                clusters[sets.find(home)].append((node, member))
    return list(clusters.values())


def _join_names(nodes: Sequence[Node], sets: _Sets, qid_home: dict) -> None:
    """Rule 2: name groups of QID-less nodes, each joining the one QID cluster it names."""
    names = _Sets(len(nodes))
    holders: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, node in enumerate(nodes):
        for key in _strong_keys(node):
            holders[key].append(i)
    for members in holders.values():
        plain = [i for i in members if not nodes[i].sample.wikidata]
        for i in plain[1:]:
            names.union(plain[0], i)
    groups: dict[int, list[int]] = defaultdict(list)
    for i, node in enumerate(nodes):
        if not node.sample.wikidata and _strong_keys(node):
            groups[names.find(i)].append(i)
    for members in groups.values():
        qids = {(_family(nodes[j]), nodes[j].sample.wikidata)
                for i in members for key in _strong_keys(nodes[i]) for j in holders[key]
                if nodes[j].sample.wikidata}
        for i in members[1:]:
            sets.union(members[0], i)
        if len(qids) == 1:
            sets.union(members[0], qid_home[qids.pop()])


@dataclass
class _Candidate:
    surnames: set[str] = field(default_factory=set)
    initials: set[str] = field(default_factory=set)
    posts: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)


WeakLink = int | dict[str, int]  # a node index to join, or per article (absent: alone)


def _link_weak_people(nodes: Sequence[Node], sets: _Sets) -> dict[int, WeakLink]:
    """Rule 3: weak node index → the node whose cluster it joins, or, where several fit,
    per article the one fitting candidate named in that same article."""
    candidates: dict[int, _Candidate] = defaultdict(_Candidate)
    for i, node in enumerate(nodes):
        parts = node.sample.person
        if parts is None or _weak(node) is not None:
            continue
        candidate = candidates[sets.find(i)]
        candidate.surnames.add(parts.surname)
        if parts.form == "full":
            candidate.initials.add(parts.initial)
        candidate.posts |= node.sample.posts
        candidate.articles |= node.articles
    links: dict[int, WeakLink] = {}
    alone: dict[tuple[str, str, str], int] = {}
    for i, node in enumerate(nodes):
        parts = _weak(node)
        if parts is None:
            continue
        fitting = [root for root, c in sorted(candidates.items())
                   if parts.surname in c.surnames
                   and (parts.form == "surname" or parts.initial in c.initials)]
        posts = node.sample.posts
        compatible = [root for root in fitting
                      if not posts or not candidates[root].posts
                      or posts & candidates[root].posts]
        if len(compatible) == 1:
            links[i] = compatible[0]
        elif len(compatible) > 1:
            by_article: dict[str, int] = {}
            for article in node.articles:
                local = [root for root in compatible if article in candidates[root].articles]
                if len(local) == 1:
                    by_article[article] = local[0]
            links[i] = by_article
        else:
            links[i] = alone.setdefault((parts.form, parts.initial, parts.surname), i)
    return links


def _link_acronyms(nodes: Sequence[Node], sets: _Sets) -> None:
    """Rule 4: an acronym joins the one cluster of an organisation with those initials
    (the whole name's first; failing that, without its last capitalised word)."""
    spelled: list[dict[tuple[str, str], set[int]]] = [defaultdict(set), defaultdict(set)]
    for i, node in enumerate(nodes):
        sample = node.sample
        if sample.type == "ORGANIZATION" and not sample.generic and not is_acronym(sample.name):
            for rank, key in enumerate(initials(sample.name)):
                spelled[rank][(sample.type, key)].add(sets.find(i))
    joins = []
    for i, node in enumerate(nodes):
        sample = node.sample
        if sample.wikidata or sample.generic or not is_acronym(sample.name):
            continue
        for index in spelled:
            roots = index.get((sample.type, fold(sample.name)), set()) - {sets.find(i)}
            if roots:
                if len(roots) == 1:
                    joins.append((i, roots.pop()))
                break
    for i, root in joins:
        sets.union(i, root)


def cluster_gid(parts: Sequence[Part], taken: set[str]) -> str:
    """A QID where the cluster has one (unless another cluster took it), else a hash of its
    first node (and member, for a split one)."""
    qids = sorted({node.sample.wikidata for node, _ in parts if node.sample.wikidata})
    if len(qids) == 1 and qids[0] not in taken:
        return qids[0]
    node, member = min(parts, key=lambda p: p[0].sort_key)
    seed = node.sort_key + (f"\t{member.article}\t{member.id}" if member else "")
    return "g" + hashlib.sha1(seed.encode("utf-8")).hexdigest()[:12]
