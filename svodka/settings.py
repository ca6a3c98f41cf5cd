"""Settings: one frozen object passed explicitly; no globals."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_STAGES = ("nlp", "entities", "coref", "positions", "quotes", "timexes",
                  "events", "figures", "documents", "attributions")


@dataclass(frozen=True)
class Settings:
    max_article_chars: int = 2_000_000  # a longer article is rejected as bad input
    max_file_bytes: int = 20 * 1024 * 1024  # a larger plain-text file is rejected
    stages: tuple[str, ...] = DEFAULT_STAGES
    syntax: bool = False  # run natasha's syntax parser (slow; stages that need it ask)
