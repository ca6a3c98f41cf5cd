"""Batch scale-out on Dask: worker processes extract, the driver keeps the records' order.

Each Dask worker is a process that builds the pipeline once (models load once per worker,
behind `get_nlp()`), then maps batches of articles to records. Workers only return records;
the caller (the ingest driver) is the one writer of the store.

    for record in extract_records(articles, workers=4, settings=settings): ...

`scheduler` may name a running Dask scheduler (`tcp://host:8786`) instead of starting a
local cluster of `workers` processes.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import islice
from typing import Any

from svodka.article import Article
from svodka.pipeline import Pipeline
from svodka.settings import Settings

log = logging.getLogger(__name__)


@lru_cache(maxsize=4)
def _worker_pipeline(settings: Settings) -> Pipeline:
    return Pipeline.from_settings(settings)


def extract_batch(articles: list[Article], settings: Settings) -> list[dict[str, Any]]:
    """Runs on a worker: the records of a batch of articles, in order."""
    pipeline = _worker_pipeline(settings)
    return [pipeline(article).to_record() for article in articles]


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while batch := list(islice(iterator, size)):
        yield batch


def extract_records(
    articles: Iterable[Article],
    *,
    workers: int,
    settings: Settings | None = None,
    batch_size: int = 8,
    scheduler: str | None = None,
) -> Iterator[dict[str, Any]]:
    """Records of `articles` in input order, extracted on Dask workers.

    At most `2 × workers` batches are in flight, so memory stays bounded on long inputs.
    """
    from dask.distributed import Client, LocalCluster

    settings = settings or Settings()
    if scheduler:
        client = Client(scheduler)
        cluster = None
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.ERROR)
        client = Client(cluster)
    try:
        window: deque[Any] = deque()
        limit = 2 * max(workers, 1)
        for batch in _batches(articles, batch_size):
            window.append(client.submit(extract_batch, batch, settings, pure=False))
            if len(window) >= limit:
                yield from window.popleft().result()
        while window:
            yield from window.popleft().result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
