"""Wikidata IDs for entities by their canonical name, after grouping.

The entities layer gives a gazetteer match's QID to its entity; an entity formed without a
match (natasha's span, a lower-case «правительство РФ», a person) is looked up here by the
name it ended with:

- a person, in the people index (`people.People.find`: full name, initial and surname, or
  a prominent surname no one else has);
- anything else, in the gazetteer under the lemma key and the plain key of the name, and
  only an entry of the entity's own type counts (a CITY never takes a REGION's QID).

    entity_qid("PERSON", "Владимир Путин", gazetteer, people, nlp.lemma_key)  # → "Q7747"
    entity_qid("ORGANIZATION", "правительство РФ", gazetteer, people, key)    # → "Q1140115"
"""

from __future__ import annotations

from collections.abc import Callable

from svodka.gazetteer import Gazetteer, plain_key
from svodka.gazetteer.people import People


def entity_qid(etype: str, name: str, gazetteer: Gazetteer, people: People,
               lemma_key: Callable[[str], tuple[str, ...]]) -> str | None:
    """The QID an entity of type `etype` named `name` has by its name alone, or None."""
    if not name.strip():
        return None
    if etype == "PERSON":
        return people.find(name)
    for key in (tuple(lemma_key(name)), plain_key(name)):
        entry = gazetteer.find(key)
        if entry is not None and entry.type == etype and entry.qid:
            return entry.qid
    return None
