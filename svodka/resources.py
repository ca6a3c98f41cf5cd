"""The process-wide resources every stage shares, each behind one cached accessor.

Models and lexicons load once per process (a Dask worker or the CLI) and are reused for
every article that process handles.
"""

from __future__ import annotations

from functools import lru_cache

from svodka.gazetteer import Gazetteer
from svodka.gazetteer.people import People
from svodka.nlp import get_nlp


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The gazetteer, indexed by the same lemma keys the extractors compute."""
    return Gazetteer.load(get_nlp().lemma_key)


@lru_cache(maxsize=1)
def get_people() -> People:
    """People with Wikidata IDs (compiled and curated files), loaded once."""
    return People.load()
