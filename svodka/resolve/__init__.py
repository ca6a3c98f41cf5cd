"""Cross-article identity: one global entity per person, organisation or place, with its
aliases, Wikidata ID and articles, and the tenures of people's posts.

    base = resolve_entities(records)          # records: OUTPUT-SCHEMA.md dicts
    base.entities["Q7747"].aliases           # {"Владимир Путин", "Путина", "В. Путин", …}
    base.gid_of("1130", "e3")                # the global entity of a local one
    base.add(new_record)                     # incremental: the same as resolving all again

Plain data, no database: the store persists a `KnowledgeBase`.
"""

from svodka.resolve.knowledge import GlobalEntity, KnowledgeBase, Tenure, resolve_entities

__all__ = ["GlobalEntity", "KnowledgeBase", "Tenure", "resolve_entities"]
