"""Russian UI labels for the record's codes (entity types, event types), from labels.tsv."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

LABELS_FILE = Path(__file__).with_name("labels.tsv")


@lru_cache(maxsize=1)
def load_labels() -> dict[str, dict[str, str]]:
    """group → code → label (`type`, `event`, `period`)."""
    groups: dict[str, dict[str, str]] = {}
    for line in LABELS_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            group, code, label = line.split("\t")
            groups.setdefault(group, {})[code] = label
    return groups
