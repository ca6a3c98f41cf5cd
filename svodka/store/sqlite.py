"""The SQLite store: one file, WAL journal, one transaction per article.

Committed articles survive a killed process (WAL; `synchronous=NORMAL` is safe against
process crashes); an article whose transaction did not commit leaves no row behind. SQLite
takes one writer at a time: the ingest driver is the only writer, readers may run alongside.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from svodka.store import base
from svodka.store.base import Store, StoredArticle, StoreError
from svodka.store.migrations import SCHEMA_VERSION_TABLE, latest_version, load_migrations
from svodka.store.rows import COLUMNS, TABLES, record_rows, text_sha1
from svodka.store.search import INSERT_DOC, SEARCH_VERSION, index_rows
from svodka.store.summary import summarize

log = logging.getLogger(__name__)

MEMORY = ":memory:"


class SQLiteStore(Store):
    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        self.path = str(path)
        self.url = f"sqlite:///{self.path}" if self.path != MEMORY else "sqlite://"
        if self.path != MEMORY:
            file = Path(self.path)
            if not create and not file.is_file():
                raise StoreError(f"{self.path}: no such database (run `svodka ingest` first)")
            if not file.parent.is_dir():
                raise StoreError(f"{self.path}: directory {str(file.parent)!r} does not exist")
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=30.0)
        except sqlite3.Error as error:
            raise StoreError(f"{self.path}: cannot open: {error}") from None
        try:
            self._configure()
            self._migrate()
        except BaseException as error:
            self.conn.close()
            if isinstance(error, sqlite3.DatabaseError):
                raise StoreError(f"{self.path}: cannot open as a svodka database: "
                                 f"{error}") from None
            raise

    def _configure(self) -> None:
        if self.path != MEMORY:
            mode = self.conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode.lower() != "wal":
                log.warning("%s: journal mode is %s, not WAL", self.path, mode)
            self.conn.execute("PRAGMA synchronous = NORMAL")
        self.conn.execute("PRAGMA foreign_keys = ON")

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def _migrate(self) -> None:
        if self._current_version() == latest_version():
            return  # nothing to do: take no write lock (an ingest may be writing)
        with self._transaction() as conn:
            conn.execute(SCHEMA_VERSION_TABLE)
            current = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] or 0
            if current > latest_version():
                raise StoreError(f"{self.path}: schema version {current} is newer than this "
                                 f"svodka knows ({latest_version()}); upgrade svodka")
            for migration in load_migrations()[current:]:
                log.info("%s: applying migration %04d_%s", self.path, migration.version,
                         migration.name)
                for statement in migration.statements():
                    conn.execute(statement)
                conn.execute("INSERT INTO schema_version (version, name, applied_at) "
                             "VALUES (?, ?, ?)", (migration.version, migration.name, _now()))
            if current < SEARCH_VERSION:  # articles stored before the search index existed
                for (record,) in conn.execute("SELECT record FROM articles").fetchall():
                    conn.executemany(INSERT_DOC, index_rows(json.loads(record)))

    def _current_version(self) -> int:
        exists = self.conn.execute("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' "
                                   "AND name = 'schema_version'").fetchone()[0]
        if not exists:
            return 0
        return self.conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] or 0

    @property
    def schema_version(self) -> int:
        return self._current_version()

    # --- writing (the ingest driver only) ---------------------------------
    def put_record(self, record: dict[str, Any], *, extractor_version: str | None = None) -> None:
        version = extractor_version or base.extractor_version()
        rows = record_rows(record, extractor_version=version, ingested_at=_now())
        search_rows = index_rows(record)
        try:
            with self._transaction() as conn:
                conn.execute("DELETE FROM articles WHERE id = ?", (record["id"],))
                for table in TABLES:
                    if rows[table]:
                        conn.executemany(_insert(table), rows[table])
                conn.executemany(INSERT_DOC, search_rows)
        except sqlite3.IntegrityError as error:
            raise StoreError(self._explain(record, error)) from None

    def _explain(self, record: dict[str, Any], error: sqlite3.IntegrityError) -> str:
        if "text_sha1" in str(error):
            (other,) = self.conn.execute("SELECT id FROM articles WHERE text_sha1 = ?",
                                         (text_sha1(record["text"]),)).fetchone()
            return f"article {record['id']}: the same text is stored as article {other}"
        return f"article {record['id']}: {error}"

    # --- reading -----------------------------------------------------------
    def find_article(self, article_id: str, text_sha1: str) -> StoredArticle | None:
        select = ("SELECT id, text_sha1, extractor_version, published, source, url, title "
                  "FROM articles WHERE ")
        row = (self.conn.execute(select + "text_sha1 = ?", (text_sha1,)).fetchone()
               or self.conn.execute(select + "id = ?", (article_id,)).fetchone())
        return StoredArticle(*row) if row else None

    def get_record(self, article_id: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT record FROM articles WHERE id = ?",
                                (article_id,)).fetchone()
        return json.loads(row[0]) if row else None

    def iter_records(self) -> Iterator[dict[str, Any]]:
        cursor = self.conn.execute(
            "SELECT record FROM articles ORDER BY published IS NULL, published, id")
        while batch := cursor.fetchmany(100):
            for (record,) in batch:
                yield json.loads(record)

    def counts(self) -> dict[str, int]:
        return {table: self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
                for table in TABLES}

    def summary(self, *, top: int = 10) -> dict[str, Any]:
        summary = summarize(self._query, self.counts(), top=top)
        summary["store"] = {"url": self.url, "schema_version": self.schema_version}
        return summary

    def _query(self, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        return self.conn.execute(sql, tuple(params)).fetchall()

    def _match(self, query: Sequence[str], *, kinds: Sequence[str], limit: int,
               offset: int) -> list[tuple[Any, ...]]:
        # every term a quoted FTS5 string: user text is never FTS5 syntax
        match = " AND ".join('"' + term.replace('"', '""') + '"' for term in query)
        return self.conn.execute(
            f"SELECT d.kind, d.article_id, d.ref, a.title, a.published, -f.rank, d.body "
            f"FROM (SELECT rowid, bm25(search_fts) AS rank FROM search_fts "
            f"      WHERE search_fts MATCH ?) f "
            f"JOIN search_docs d ON d.id = f.rowid JOIN articles a ON a.id = d.article_id "
            f"WHERE d.kind IN ({', '.join('?' for _ in kinds)}) "
            f"ORDER BY f.rank, a.published DESC NULLS LAST, d.article_id, d.kind, "
            f"d.ref NULLS FIRST LIMIT ? OFFSET ?",
            (match, *kinds, limit, offset)).fetchall()

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cursor = self.conn.execute(sql, tuple(params))
        names = [column[0] for column in cursor.description or ()]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def close(self) -> None:
        self.conn.close()


def _insert(table: str) -> str:
    columns = COLUMNS[table]
    return (f"INSERT INTO {table} ({', '.join(columns)}) "
            f"VALUES ({', '.join('?' for _ in columns)})")


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
