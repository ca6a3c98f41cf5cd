"""Word lists the extractors use, as UTF-8 data files in this folder.

Each file starts with a `# source:` comment saying where its words come from; blank lines
and `#` lines are skipped; TSV rows split on tabs. Files load once per process.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def lexicon_rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of lexicon file `name` (a `.txt` gives one-field rows)."""
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        rows.append(tuple(field.strip() for field in line.split("\t")))
    return tuple(rows)


@cache
def lexicon_words(name: str) -> frozenset[str]:
    """The first field of every row of `name`, lower-case with ё→е."""
    return frozenset(row[0].lower().replace("ё", "е") for row in lexicon_rows(name))
