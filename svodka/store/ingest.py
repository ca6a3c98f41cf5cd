"""The ingest driver: articles → pipeline → store, idempotently. The store's one writer.

- a text already stored under another id is a duplicate: nothing is stored;
- an article stored under its id with the same text, header fields (published, source, url,
  title) and extractor version is unchanged, unless `reextract=True`;
- anything else (a new article, a changed text or header, an older extractor version) runs
  the pipeline and replaces the article and all its layers in one transaction.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

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
) -> Iterator[Outcome]:
    """Store every article's record; yields one Outcome per article, in input order.

    The pipeline is built from `settings` only when some article needs extracting, so a
    run over an unchanged corpus loads no models.
    """
    settings = settings or Settings()
    version = extractor_version(pipeline.names if pipeline else settings.stages)
    for article in articles:
        sha1 = text_sha1(article.text)
        stored = store.find_article(article.id, sha1)
        if stored is not None and stored.text_sha1 == sha1:
            if stored.id != article.id:
                log.info("%s: same text as stored article %s; not stored again",
                         article.origin or article.id, stored.id)
                yield Outcome(stored.id, UNCHANGED, article.origin)
                continue
            if not reextract and stored.extractor_version == version and _same_header(
                    stored, article):
                yield Outcome(stored.id, UNCHANGED, article.origin)
                continue
        if pipeline is None:
            pipeline = Pipeline.from_settings(settings)
        record = pipeline(article).to_record()
        try:
            store.put_record(record, extractor_version=version)
        except StoreError as error:
            yield Outcome(article.id, FAILED, article.origin, str(error))
            continue
        yield Outcome(article.id, REPLACED if stored else ADDED, article.origin)


def _same_header(stored: StoredArticle, article: Article) -> bool:
    published = article.published.isoformat() if article.published else None
    return (stored.published, stored.source, stored.url, stored.title) == (
        published, article.source, article.url, article.title)
