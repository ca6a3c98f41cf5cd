"""The FastAPI application: JSON under /api/…, HTML pages at /, OpenAPI at /openapi.json
and as a page at /docs (our own template: Swagger UI would load its scripts from a CDN).

    app = create_app("svodka.db")      # uvicorn svodka.api.app:… or `svodka serve`

Each request opens the store (SQLite connections belong to one thread) and reads through
the resolved `Knowledge`, which is built once and rebuilt only when the articles change.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from svodka import __version__
from svodka.store import StoreError, open_store
from svodka.store.knowledge import Knowledge, knowledge_key, load_knowledge
from svodka.store.queries import BadRequest, NotFound, Reader

log = logging.getLogger(__name__)


class Backend:
    """Where the app reads: a store URL and the cached resolved knowledge."""

    def __init__(self, db: str | Path) -> None:
        self.db = str(db)
        self._lock = threading.Lock()
        self._key: tuple[Any, ...] | None = None
        self._knowledge = Knowledge()

    @contextmanager
    def reader(self) -> Iterator[Reader]:
        store = open_store(self.db, create=False)
        try:
            key = knowledge_key(store.query)
            with self._lock:
                if key != self._key:
                    log.info("%s: resolving entities", self.db)
                    self._knowledge = load_knowledge(store)
                    self._key = key
                knowledge = self._knowledge
            yield Reader(store.query, knowledge, getattr(store, "search", None))
        finally:
            store.close()

    def read(self, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        with self.reader() as reader:
            return function(reader, *args, **kwargs)


def create_app(db: str | Path) -> FastAPI:
    from svodka.api.routes import router
    from svodka.web.views import mount_web

    app = FastAPI(title="svodka", version=__version__, docs_url=None, redoc_url=None,
                  description="Russian political and economic news as a knowledge base: "
                              "articles, entities, quotes, events, relations.")
    app.state.backend = Backend(db)
    app.include_router(router, prefix="/api")
    mount_web(app)

    @app.exception_handler(BadRequest)
    async def bad_request(request: Request, error: BadRequest) -> JSONResponse:
        return _error(request, 400, str(error))

    @app.exception_handler(NotFound)
    async def not_found(request: Request, error: NotFound) -> JSONResponse:
        return _error(request, 404, str(error))

    @app.exception_handler(StoreError)
    async def store_error(request: Request, error: StoreError) -> JSONResponse:
        return _error(request, 503, str(error))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> JSONResponse:
        reasons = "; ".join(f"{'.'.join(str(x) for x in e['loc'][1:]) or e['loc'][0]}: "
                            f"{e['msg']} (got {e.get('input')!r})" for e in error.errors())
        return _error(request, 422, reasons)

    return app


def _error(request: Request, status: int, detail: str) -> Any:
    if not request.url.path.startswith("/api") and request.url.path != "/openapi.json":
        from svodka.web.views import error_page

        return error_page(request, status, detail)
    return JSONResponse({"detail": detail}, status_code=status)
