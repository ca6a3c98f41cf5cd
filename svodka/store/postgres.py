"""The PostgreSQL store: the same tables and migrations as SQLite, one transaction per article.

    open_store("postgresql://user:password@host:5432/db")
    open_store("postgresql://user@host/db?options=-csearch_path%3Dkb")   # another schema

The connection runs in autocommit mode; every write (`put_record`, a migration) is one
explicit transaction, so a killed process leaves only whole articles behind. Migrations
take an advisory lock: two processes opening a new database do not both apply them.
Unlike SQLite, PostgreSQL takes parallel writers (several ingest drivers).
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
import logging
from collections.abc import Iterator, Sequence
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg

from svodka.store import base
from svodka.store.base import Store, StoredArticle, StoreError
from svodka.store.migrations import SCHEMA_VERSION_TABLE, latest_version, load_migrations
from svodka.store.rows import COLUMNS, TABLES, record_rows, text_sha1
from svodka.store.search import INSERT_DOC, SEARCH_VERSION, index_rows
from svodka.store.summary import summarize

log = logging.getLogger(__name__)

DIALECT = "postgres"
MIGRATION_LOCK = 0x5F0D_CA  # pg_advisory_xact_lock key: svodka's migrations
RECORDS_PAGE = 200


class PostgresStore(Store):
    def __init__(self, url: str, *, create: bool = True) -> None:
        self.url = _without_password(url)
        try:
            self.conn = psycopg.connect(_libpq_url(url), autocommit=True, connect_timeout=10)
        except psycopg.Error as error:
            raise StoreError(f"{self.url}: cannot connect: {_first_line(error)}") from None
        try:
            if not create and self._current_version() == 0:
                raise StoreError(f"{self.url}: no svodka database here (run `svodka ingest` "
                                 f"first)")
            self._migrate()
        except BaseException as error:
            self.conn.close()
            if isinstance(error, psycopg.Error):
                raise StoreError(f"{self.url}: cannot open as a svodka database: "
                                 f"{_first_line(error)}") from None
            raise

    def _migrate(self) -> None:
        latest = latest_version(DIALECT)
        if self._current_version() == latest:
            return
        with self.conn.transaction():
            self._execute("SELECT pg_advisory_xact_lock(?)", (MIGRATION_LOCK,))
            self._execute(SCHEMA_VERSION_TABLE)
            current = self._execute("SELECT MAX(version) FROM schema_version").fetchone()[0] or 0
            if current > latest:
                raise StoreError(f"{self.url}: schema version {current} is newer than this "
                                 f"svodka knows ({latest}); upgrade svodka")
            for migration in load_migrations(DIALECT)[current:]:
                log.info("%s: applying migration %04d_%s", self.url, migration.version,
                         migration.name)
                for statement in migration.statements():
                    self.conn.execute(statement)
                self._execute("INSERT INTO schema_version (version, name, applied_at) "
                              "VALUES (?, ?, ?)", (migration.version, migration.name, _now()))
            if current < SEARCH_VERSION:  # articles stored before the search index existed
                records = self._execute("SELECT record FROM articles").fetchall()
                for (record,) in records:
                    self._executemany(INSERT_DOC, index_rows(json.loads(record)))

    def _current_version(self) -> int:
        if self._execute("SELECT to_regclass('schema_version')").fetchone()[0] is None:
            return 0
        return self._execute("SELECT MAX(version) FROM schema_version").fetchone()[0] or 0

    @property
    def schema_version(self) -> int:
        return self._current_version()

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> psycopg.Cursor:
        return self.conn.execute(_placeholders(sql), tuple(params))

    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            with self.conn.cursor() as cursor:
                cursor.executemany(_placeholders(sql), rows)

    # --- writing -----------------------------------------------------------
    def put_record(self, record: dict[str, Any], *, extractor_version: str | None = None) -> None:
        version = extractor_version or base.extractor_version()
        rows = record_rows(record, extractor_version=version, ingested_at=_now())
        search_rows = index_rows(record)
        self._refuse_a_copy(record)  # before the pipeline: its errors come late and noisy
        try:
            with self.conn.pipeline(), self.conn.transaction():  # about one round trip
                self._execute("DELETE FROM articles WHERE id = ?", (record["id"],))
                for table in TABLES:
                    self._executemany(_insert(table), rows[table])
                self._executemany(INSERT_DOC, search_rows)
        except psycopg.errors.UniqueViolation as error:
            if "text_sha1" not in str(error):
                raise StoreError(f"article {record['id']}: {_first_line(error)}") from None
            self._refuse_a_copy(record)  # stored by a parallel writer meanwhile
            raise StoreError(f"article {record['id']}: {_first_line(error)}") from None
        except psycopg.errors.IntegrityError as error:
            raise StoreError(f"article {record['id']}: {_first_line(error)}") from None

    def _refuse_a_copy(self, record: dict[str, Any]) -> None:
        other = self._execute("SELECT id FROM articles WHERE text_sha1 = ? AND id <> ?",
                              (text_sha1(record["text"]), record["id"])).fetchone()
        if other is not None:
            raise StoreError(f"article {record['id']}: the same text is stored as article "
                             f"{other[0]}")

    # --- reading -----------------------------------------------------------
    def find_article(self, article_id: str, text_sha1: str) -> StoredArticle | None:
        select = ("SELECT id, text_sha1, extractor_version, published, source, url, title "
                  "FROM articles WHERE ")
        row = (self._execute(select + "text_sha1 = ?", (text_sha1,)).fetchone()
               or self._execute(select + "id = ?", (article_id,)).fetchone())
        if row is None:
            return None
        return StoredArticle(*row[:3], _plain(row[3]), *row[4:])

    def get_record(self, article_id: str) -> dict[str, Any] | None:
        row = self._execute("SELECT record FROM articles WHERE id = ?", (article_id,)).fetchone()
        return json.loads(row[0]) if row else None

    def iter_records(self) -> Iterator[dict[str, Any]]:
        offset = 0
        while batch := self._execute(
                "SELECT record FROM articles ORDER BY published IS NULL, published, id "
                "LIMIT ? OFFSET ?", (RECORDS_PAGE, offset)).fetchall():
            offset += len(batch)
            for (record,) in batch:
                yield json.loads(record)

    def counts(self) -> dict[str, int]:
        return {table: self._execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
                for table in TABLES}

    def summary(self, *, top: int = 10) -> dict[str, Any]:
        summary = summarize(self._query, self.counts(), top=top)
        summary["store"] = {"url": self.url, "schema_version": self.schema_version}
        return summary

    def _query(self, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        return [tuple(_plain(value) for value in row)
                for row in self._execute(sql, params).fetchall()]

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cursor = self._execute(sql, params)
        names = [column.name for column in cursor.description or ()]
        return [dict(zip(names, map(_plain, row), strict=True)) for row in cursor.fetchall()]

    def _match(self, query: Sequence[str], *, kinds: Sequence[str], limit: int,
               offset: int) -> list[tuple[Any, ...]]:
        # the terms are alphanumeric runs: plainto_tsquery ANDs them, no operator survives
        return self._execute(
            "SELECT d.kind, d.article_id, d.ref, a.title, a.published, "
            "       ts_rank(d.terms, q, 1) AS score, d.body "
            "FROM search_docs d JOIN articles a ON a.id = d.article_id, "
            "     plainto_tsquery('simple', ?) q "
            "WHERE d.terms @@ q AND d.kind = ANY(?) "
            "ORDER BY score DESC, a.published DESC NULLS LAST, d.article_id, d.kind, "
            "d.ref NULLS FIRST LIMIT ? OFFSET ?",
            (" ".join(query), list(kinds), limit, offset)).fetchall()

    def close(self) -> None:
        self.conn.close()


def _placeholders(sql: str) -> str:
    """Portable `?` placeholders → psycopg's `%s` (no `?` or `%` in svodka's SQL text)."""
    return sql.replace("%", "%%").replace("?", "%s")


def _insert(table: str) -> str:
    columns = COLUMNS[table]
    return (f"INSERT INTO {table} ({', '.join(columns)}) "
            f"VALUES ({', '.join('?' for _ in columns)})")


def _plain(value: Any) -> Any:
    """Driver types → what SQLite returns: dates as ISO text, whole decimals as int."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _libpq_url(url: str) -> str:
    """postgres:// and SQLAlchemy's postgresql+driver:// → the postgresql:// libpq reads."""
    scheme, rest = url.split(":", 1)
    return "postgresql:" + rest if scheme.startswith(("postgres", "postgresql+")) else url


def _without_password(url: str) -> str:
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


def _first_line(error: Exception) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
