"""The knowledge base: article records and every layer as SQL tables.

    with open_store("svodka.db") as store:    # or "sqlite:///path/to.db", "postgresql://…"
        store.put_record(record, extractor_version=...)
        store.counts(), store.summary(), store.search("Азербайджан")

Only this package writes the database; `ingest` (the driver) is its one writer.
"""

from __future__ import annotations

from pathlib import Path

from svodka.store.base import Store, StoredArticle, StoreError, extractor_version

__all__ = ["Store", "StoreError", "StoredArticle", "extractor_version", "open_store"]

POSTGRES_SCHEMES = ("postgresql:", "postgres:", "postgresql+")


def open_store(url: str | Path, *, create: bool = True) -> Store:
    """Open (creating and migrating where needed) the store at a path or URL.

    `svodka.db` and `sqlite:///relative.db` / `sqlite:////absolute.db` are SQLite files;
    `sqlite://` alone is an in-memory database; `postgresql://…` (or `postgres://…`) is a
    PostgreSQL database. With `create=False` a missing SQLite file, or a PostgreSQL database
    without svodka's tables, is an error rather than a new empty database.
    """
    from svodka.store.sqlite import MEMORY, SQLiteStore

    url = str(url)
    if url.startswith(POSTGRES_SCHEMES):
        from svodka.store.postgres import PostgresStore

        return PostgresStore(url, create=create)
    if url.startswith("sqlite:"):
        if url in ("sqlite:", "sqlite://", "sqlite:///:memory:"):
            return SQLiteStore(MEMORY)
        if not url.startswith("sqlite:///"):
            raise StoreError(f"{url}: expected sqlite:///PATH")
        return SQLiteStore(url[len("sqlite:///"):], create=create)
    if "://" in url:
        raise StoreError(f"{url}: unknown database URL "
                         f"(use a file path, sqlite:///PATH or postgresql://…)")
    return SQLiteStore(MEMORY if url == MEMORY else url, create=create)
