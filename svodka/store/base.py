"""The `Store` interface every backend implements (SQLite and PostgreSQL).

A store holds article records: the full record (for `Article.from_record` and exports) and
every layer as rows of its own table (see migrations/0001_initial.sql). `put_record` is one
transaction per article: the article and all its layers are replaced atomically. Read
methods return plain data (dicts, lists, numbers), ready for the CLI, the API or a template.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Self

from svodka import __version__
from svodka.errors import SvodkaError
from svodka.settings import DEFAULT_STAGES

SEARCH_KINDS = ("article", "quote", "entity")


def extractor_version(stage_names: Sequence[str] = DEFAULT_STAGES) -> str:
    """What produced a record: svodka's version and its stage list («0.1.0:nlp,entities»).

    A stored article whose version differs from the running one is extracted again."""
    return f"{__version__}:{','.join(stage_names)}"


class StoreError(SvodkaError):
    """A database that cannot be opened or migrated, or a record that cannot be stored."""


@dataclass(frozen=True)
class StoredArticle:
    """What the store knows about an article without loading its record."""

    id: str
    text_sha1: str
    extractor_version: str
    published: str | None = None  # ISO date
    source: str | None = None
    url: str | None = None
    title: str | None = None


class Store(ABC):
    """A knowledge base of article records. Use as a context manager or call `close()`."""

    url: str

    @abstractmethod
    def put_record(self, record: dict[str, Any], *, extractor_version: str | None = None) -> None:
        """Store one record, replacing the article's earlier record and all its layer rows,
        in one transaction. `extractor_version` defaults to this svodka's default stages."""

    @abstractmethod
    def find_article(self, article_id: str, text_sha1: str) -> StoredArticle | None:
        """The stored article with this text (under any id), else the one with this id."""

    def has_article(self, article_id: str, text_sha1: str, *,
                    extractor_version: str | None = None) -> bool:
        """True when this text is stored (under any id), or this id with this text;
        with `extractor_version`, only when it was extracted by that version."""
        found = self.find_article(article_id, text_sha1)
        if found is None or found.text_sha1 != text_sha1:
            return False
        return extractor_version is None or found.extractor_version == extractor_version

    @abstractmethod
    def get_record(self, article_id: str) -> dict[str, Any] | None:
        """The stored record of an article, or None."""

    @abstractmethod
    def iter_records(self) -> Iterator[dict[str, Any]]:
        """Every stored record, by publication date then id."""

    @abstractmethod
    def counts(self) -> dict[str, int]:
        """Rows per table: articles, then each layer table."""

    @abstractmethod
    def summary(self, *, top: int = 10) -> dict[str, Any]:
        """What the knowledge base holds, as plain data (see store/summary.py)."""

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Run one read-only statement of portable SQL with `?` placeholders; rows as dicts
        keyed by column name (the read side's way in: svodka/store/queries.py)."""
        raise NotImplementedError(f"{type(self).__name__} does not implement query()")

    def search(self, text: str, *, kinds: Sequence[str] = SEARCH_KINDS, limit: int = 20,
               offset: int = 0) -> list[dict[str, Any]]:
        """Articles, quotes and entities whose words match every word of `text`, by lemma
        («Азербайджаном» finds «Азербайджан»), best first (score, then published newest
        first, then article id). Each hit is plain data: kind, article_id, ref (the quote's
        index, the entity's id, None for an article), title, published, score, snippet (the
        original text around the best match) and highlights ([start, end] in the snippet).
        A query without words finds nothing; a bad kind, limit or offset is a StoreError."""
        from svodka.store.search import check_options, make_hits, query_terms

        kinds = check_options(kinds, limit, offset)
        query = query_terms(text)
        if not query:
            return []
        return make_hits(self._match(query, kinds=kinds, limit=limit, offset=offset), query)

    def _match(self, query: Sequence[str], *, kinds: Sequence[str], limit: int,
               offset: int) -> list[tuple[Any, ...]]:
        """The backend's side of `search`: rows of store.search.MatchRow, ranked."""
        raise StoreError(f"{type(self).__name__} has no full-text search")

    @property
    @abstractmethod
    def schema_version(self) -> int:
        """The highest migration applied."""

    @abstractmethod
    def close(self) -> None:
        """Release the connection; the store cannot be used afterwards."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
