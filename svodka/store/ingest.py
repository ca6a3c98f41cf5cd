"""The ingest driver: articles → pipeline → store, idempotently. The store's one writer.

- a text already stored under another id is a duplicate: nothing is stored;
- an article stored under its id with the same text, header fields (published, source, url,
  title) and extractor version is unchanged, unless `reextract=True`;
- anything else (a new article, a changed text or header, an older extractor version) runs
  the pipeline and replaces the article and all its layers in one transaction.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from svodka.article import Article
from svodka.pipeline import Pipeline
from svodka.settings import Settings
from svodka.store.base import Store, StoredArticle, StoreError, extractor_version
from svodka.store.rows import text_sha1

log = logging.getLogger(__name__)

ADDED, REPLACED, UNCHANGED, FAILED = "added", "replaced", "unchanged", "failed"


@dataclass(frozen=True)
class Outcome:
    """What ingesting one article did: added | replaced | unchanged | failed (with why)."""

    article_id: str
    action: str
    origin: str | None = None
    reason: str | None = None

    @property
    def stored(self) -> bool:
        return self.action in (ADDED, REPLACED)


def ingest(
    articles: Iterable[Article],
    store: Store,
    *,
    settings: Settings | None = None,
    pipeline: Pipeline | None = None,
    reextract: bool = False,
    workers: int = 1,
    scheduler: str | None = None,
) -> Iterator[Outcome]:
    """Store every article's record; yields one Outcome per article.

    With `workers` ≤ 1 (and no `scheduler`) articles are extracted here, in input order, and
    the pipeline is built from `settings` only when some article needs extracting, so a run
    over an unchanged corpus loads no models. Otherwise extraction runs on Dask workers
    (svodka.distributed) and this driver stays the only writer; outcomes of unchanged
    articles may then come before those of articles still being extracted.
    """
    settings = settings or Settings()
    version = extractor_version(pipeline.names if pipeline else settings.stages)
    if workers > 1 or scheduler:
        yield from _ingest_parallel(articles, store, settings=settings, version=version,
                                    reextract=reextract, workers=workers, scheduler=scheduler)
        return
    for article in articles:
        stored, outcome = _check(store, article, version, reextract)
        if outcome is not None:
            yield outcome
            continue
        if pipeline is None:
            pipeline = Pipeline.from_settings(settings)
        yield _put(store, pipeline(article).to_record(), version, stored, article.origin)


def _check(store: Store, article: Article, version: str,
           reextract: bool) -> tuple[StoredArticle | None, Outcome | None]:
    """(what is stored under this id or text, the outcome when nothing needs doing)."""
    sha1 = text_sha1(article.text)
    stored = store.find_article(article.id, sha1)
    if stored is not None and stored.text_sha1 == sha1:
        if stored.id != article.id:
            log.info("%s: same text as stored article %s; not stored again",
                     article.origin or article.id, stored.id)
            return stored, Outcome(stored.id, UNCHANGED, article.origin)
        if not reextract and stored.extractor_version == version and _same_header(
                stored, article):
            return stored, Outcome(stored.id, UNCHANGED, article.origin)
    return stored, None


def _put(store: Store, record: dict[str, Any], version: str, stored: StoredArticle | None,
         origin: str | None) -> Outcome:
    try:
        store.put_record(record, extractor_version=version)
    except StoreError as error:
        return Outcome(record["id"], FAILED, origin, str(error))
    return Outcome(record["id"], REPLACED if stored else ADDED, origin)


def _ingest_parallel(articles: Iterable[Article], store: Store, *, settings: Settings,
                     version: str, reextract: bool, workers: int,
                     scheduler: str | None) -> Iterator[Outcome]:
    from svodka.distributed import extract_records

    decided: deque[Outcome] = deque()
    pending: dict[str, tuple[StoredArticle | None, str | None]] = {}
    seen: dict[str, str] = {}  # text SHA-1 → id, for duplicates within this run

    def to_extract() -> Iterator[Article]:
        for article in articles:
            sha1 = text_sha1(article.text)
            stored, outcome = _check(store, article, version, reextract)
            if outcome is None and sha1 in seen:
                outcome = Outcome(seen[sha1], UNCHANGED, article.origin)
            if outcome is not None:
                decided.append(outcome)
                continue
            seen[sha1] = article.id
            pending[article.id] = (stored, article.origin)
            yield article

    for record in extract_records(to_extract(), workers=max(workers, 1), settings=settings,
                                  scheduler=scheduler):
        while decided:
            yield decided.popleft()
        stored, origin = pending.pop(record["id"])
        yield _put(store, record, version, stored, origin)
    yield from decided


def _same_header(stored: StoredArticle, article: Article) -> bool:
    published = article.published.isoformat() if article.published else None
    return (stored.published, stored.source, stored.url, stored.title) == (
        published, article.source, article.url, article.title)
