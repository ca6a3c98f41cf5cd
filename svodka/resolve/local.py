"""What the resolver keeps of one article's entity: a `LocalEntity`, and the keys that
decide which other entities it may be compared with.

Local entities with the same linking features (type, folded name, Wikidata ID, post keys)
share one `node`; the resolver clusters nodes, not articles, so a name seen in a thousand
articles costs one node.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from svodka.resolve.names import (
    PersonName,
    fold,
    initials,
    is_acronym,
    is_generic_org,
    org_name_keys,
    person_name,
    word_stems,
)

ALIAS_KINDS = frozenset({"name", "adjective"})
TITLE_WORD = re.compile(r"[а-яёa-z]+")
TITLE_STOP = frozenset({"экс", "вице", "бывший", "первый", "заместитель", "исполняющий",
                        "обязанности", "временно", "дела", "дело", "делам"})

NAME_FAMILY = {"FACILITY": "ORGANIZATION"}
NodeKey = tuple[str, str, str, frozenset[str]]  # type, folded name, QID, posts
BlockKey = tuple[str, ...]


@dataclass(frozen=True)
class LocalEntity:
    article: str
    id: str
    type: str
    name: str
    wikidata: str | None
    published: str | None
    aliases: frozenset[str]
    mention_count: int
    posts: frozenset[str]  # title words and "org:"/"country:" keys of the posts it holds

    @property
    def person(self) -> PersonName | None:
        return person_name(self.name) if self.type == "PERSON" else None

    @property
    def name_family(self) -> str:
        """The type names are compared within: a seat of power and the body it houses share
        their names («Кремль», «Белый дом» are read as either)."""
        return NAME_FAMILY.get(self.type, self.type)

    @property
    def generic(self) -> bool:
        return self.type != "PERSON" and not self.wikidata and is_generic_org(self.name)

    def node_key(self) -> NodeKey:
        """Entities with equal node keys are resolved alike."""
        return (self.type, fold(self.name), self.wikidata or "",
                self.posts if self.type == "PERSON" else frozenset())

    def block_keys(self) -> list[BlockKey]:
        """Keys shared by every pair of entities the linking rules may join."""
        if self.type == "PERSON":
            keys: list[BlockKey] = [("Q", self.wikidata)] if self.wikidata else []
            parts = self.person
            keys.append(("P", parts.surname) if parts else ("P?", fold(self.name)))
            return keys
        keys = [("Q", self.wikidata)] if self.wikidata else []
        if self.generic:  # the kind of body («МВД»): it meets only the same kind (cluster.py)
            return keys + [("G", self.type, self.kind_key())]
        keys += [("N", self.name_family, name) for name in self.name_keys()]
        keys += [("A", self.type, acronym) for acronym in self.acronym_keys()]
        return keys

    def kind_key(self) -> str:
        """A generic name's stems: «правительства», «правительство» are one kind."""
        return " ".join(word_stems(self.name))

    def name_keys(self) -> list[str]:
        """Folded name and name-like aliases (organisations and places)."""
        return org_name_keys(self.name, self.aliases)

    def acronym_keys(self) -> tuple[str, ...]:
        """An acronym's own folded form, or a several-word name's initials."""
        if self.type != "ORGANIZATION":
            return ()
        if is_acronym(self.name):
            return (fold(self.name),)
        return initials(self.name)


def title_keys(title: str) -> set[str]:
    return {w for w in TITLE_WORD.findall(fold(title)) if len(w) >= 4 and w not in TITLE_STOP}


def read_local_entities(record: Mapping[str, Any]) -> list[LocalEntity]:
    """A record's entities as the resolver keeps them (entities without a name are left out)."""
    article = str(record["id"])
    text = record.get("text") or ""
    entities = {e["id"]: e for e in record.get("entities", [])}

    def place_key(entity_id: str | None) -> str:
        entity = entities.get(entity_id or "")
        if entity is None:
            return ""
        return entity.get("wikidata") or fold(entity.get("name") or "")

    posts: dict[str, set[str]] = {}
    for position in record.get("positions", []):
        if not position.get("person"):
            continue
        keys = posts.setdefault(position["person"], set())
        keys |= title_keys(position.get("title") or "")
        for role in ("organization", "country"):
            place = place_key(position.get(role))
            if place:
                keys.add(f"{role}:{place}")
    out = []
    for entity in record.get("entities", []):
        name = (entity.get("name") or "").strip()
        if not name:
            continue
        mentions = entity.get("mentions", [])
        aliases = {text[m["start"]:m["end"]] for m in mentions
                   if m.get("kind", "name") in ALIAS_KINDS and 0 <= m["start"] < m["end"]}
        out.append(LocalEntity(
            article=article, id=entity["id"], type=entity["type"], name=name,
            wikidata=entity.get("wikidata") or None, published=record.get("published"),
            aliases=frozenset(a for a in aliases if a.strip()) | {name},
            mention_count=len(mentions),
            posts=frozenset(posts.get(entity["id"], ())),
        ))
    return out


def absorb_first_names(entities: list[LocalEntity]) -> tuple[list[LocalEntity], dict[str, str]]:
    """An article's bare first name («Жанна») taken into the one full name of that article it
    begins («Жанна Фриске»), unless the word is also the surname of a full name there.
    Returns the entities left and absorbed id → owner id."""
    full = [e for e in entities if not e.wikidata and e.person and e.person.form == "full"]
    owners: dict[str, str] = {}
    for entity in entities:
        parts = entity.person
        if entity.wikidata or parts is None or parts.form != "surname":
            continue
        if any(f.person.surname == parts.surname for f in full):
            continue
        named = [f for f in full if f.person.first == parts.surname]
        if len(named) == 1:
            owners[entity.id] = named[0].id
    if not owners:
        return entities, owners
    kept = []
    for entity in entities:
        if entity.id in owners:
            continue
        taken = [e for e in entities if owners.get(e.id) == entity.id]
        if taken:
            entity = replace(entity, aliases=entity.aliases.union(*(e.aliases for e in taken)),
                             mention_count=entity.mention_count
                             + sum(e.mention_count for e in taken))
        kept.append(entity)
    return kept, owners
