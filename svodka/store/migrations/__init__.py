"""Numbered schema migrations, `NNNN_name.sql`, applied in order when a store opens.

A migration is never edited once released: a schema change is a new file with the next
number. Each backend applies the pending ones inside a transaction and records each in
the `schema_version` table. Where a backend needs other DDL (full-text search), the
migration has a variant for it, `NNNN_name.postgres.sql`, used instead of `NNNN_name.sql`
by that dialect; the numbering is shared, so both backends have the same schema versions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MIGRATIONS_DIR = Path(__file__).parent
FILE_NAME = re.compile(r"^(\d{4})_(\w+)(?:\.(\w+))?\.sql$")
DIALECTS = ("sqlite", "postgres")

SCHEMA_VERSION_TABLE = """CREATE TABLE IF NOT EXISTS schema_version (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TIMESTAMP NOT NULL
)"""


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str

    def statements(self) -> list[str]:
        """The migration's statements, one per `;` at the end of a line (no `;` in bodies)."""
        lines = [line for line in self.sql.splitlines() if not line.lstrip().startswith("--")]
        parts = ("\n".join(lines) + "\n").split(";\n")
        return [part.strip() for part in parts if part.strip()]


@lru_cache(maxsize=4)
def load_migrations(dialect: str = "sqlite") -> tuple[Migration, ...]:
    """The migrations in order, each in its `dialect` variant where it has one."""
    if dialect not in DIALECTS:
        raise ValueError(f"unknown SQL dialect {dialect!r}")
    chosen: dict[int, Migration] = {}
    for path in sorted(MIGRATIONS_DIR.glob("*.sql")):
        match = FILE_NAME.match(path.name)
        if not match or match[3] not in (None, dialect):
            continue
        if int(match[1]) not in chosen or match[3] == dialect:  # the variant wins
            chosen[int(match[1])] = Migration(int(match[1]), match[2],
                                              path.read_text(encoding="utf-8"))
    found = [chosen[version] for version in sorted(chosen)]
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migrations must be numbered 1..n without gaps, found {versions}")
    return tuple(found)


def latest_version(dialect: str = "sqlite") -> int:
    migrations = load_migrations(dialect)
    return migrations[-1].version if migrations else 0
