"""JSON endpoints under /api/… — thin: parameters in, `svodka.store.queries` out.

Every list takes `limit` (1…200) and `offset`, and documents its order. Bad parameters
answer 400 (dates, ranges) or 422 (types), unknown ids 404, always as {"detail": "…"}.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request

from svodka.api import models
from svodka.store import queries

router = APIRouter()
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": models.Error, "description": "a bad parameter"},
    404: {"model": models.Error, "description": "an unknown article or entity"},
    422: {"model": models.Error, "description": "a parameter of the wrong type"}}

Limit = Query(50, description="page size, 1…200")
Offset = Query(0, description="items to skip")
DateFrom = Query(None, description="from this date, YYYY-MM-DD (inclusive)")
DateTo = Query(None, description="up to this date, YYYY-MM-DD (inclusive)")


def _read(request: Request, function: Any, *args: Any, **kwargs: Any) -> Any:
    return request.app.state.backend.read(function, *args, **kwargs)


@router.get("/articles", response_model=models.ArticlePage, responses=ERRORS)
def articles(request: Request, date_from: str | None = DateFrom, date_to: str | None = DateTo,
             entity: str | None = Query(None, description="a gid or an entity's name"),
             source: str | None = None, limit: int = Limit, offset: int = Offset) -> Any:
    """Articles, newest first (undated last), then by id."""
    return _read(request, queries.list_articles, date_from=date_from, date_to=date_to,
                 entity=entity, source=source, limit=limit, offset=offset)


@router.get("/articles/{article_id}", responses=ERRORS)
def article(request: Request, article_id: str) -> dict[str, Any]:
    """The article's full record (OUTPUT-SCHEMA.md); each entity also carries its `gid`."""
    return _read(request, queries.get_article, article_id)


@router.get("/entities", response_model=models.EntityPage, responses=ERRORS)
def entities(request: Request,
             q: str | None = Query(None, description="name or alias prefix, any case"),
             type: str | None = Query(None, description="PERSON, COUNTRY, ORGANIZATION, …"),
             limit: int = Limit, offset: int = Offset) -> Any:
    """Global entities, most articles first, then name, then gid."""
    return _read(request, queries.list_entities, prefix=q, type=type, limit=limit,
                 offset=offset)


@router.get("/entities/{gid}", response_model=models.EntityDetail, responses=ERRORS)
def entity(request: Request, gid: str) -> Any:
    """An entity with aliases, posts over time, quotes by it, its events (newest first) and
    whom it met (most shared events first)."""
    return _read(request, queries.get_entity, gid)


@router.get("/quotes", response_model=models.QuotePage, responses=ERRORS)
def quotes(request: Request,
           speaker: str | None = Query(None, description="a gid or a name: who said it"),
           about: str | None = Query(None, description="an entity mentioned inside the quote"),
           date_from: str | None = DateFrom, date_to: str | None = DateTo,
           contains: str | None = Query(None, description="text inside the quote, any case"),
           officials: bool = Query(False, description="also quotes by people holding a "
                                                      "post in `speaker` (a country, an org)"),
           limit: int = Limit, offset: int = Offset) -> Any:
    """Quotes, newest article first, then article id, then position in the article."""
    return _read(request, queries.list_quotes, speaker=speaker, about=about,
                 date_from=date_from, date_to=date_to, contains=contains, officials=officials,
                 limit=limit, offset=offset)


@router.get("/events", response_model=models.EventPage, responses=ERRORS)
def events(request: Request, type: str | None = Query(None, description="meeting, talks, …"),
           participant: str | None = Query(None, description="a gid or a name"),
           place: str | None = Query(None, description="a gid or a name"),
           date_from: str | None = DateFrom, date_to: str | None = DateTo,
           officials: bool = Query(False, description="also events of people holding a "
                                                      "post in `participant`"),
           limit: int = Limit, offset: int = Offset) -> Any:
    """Events (dates filter the article's publication date), newest article first, then
    article id, then position in the article."""
    return _read(request, queries.list_events, type=type, participant=participant,
                 place=place, date_from=date_from, date_to=date_to, officials=officials,
                 limit=limit, offset=offset)


@router.get("/relation", response_model=models.Relation, responses=ERRORS)
def relation(request: Request, a: str = Query(..., description="a gid or a name"),
             b: str = Query(..., description="a gid or a name")) -> Any:
    """What links two entities: events together (or of their officials), articles mentioning
    both (newest first),
    quotes of each (or of its officials) mentioning the other, figures in those articles, counts by month."""
    return _read(request, queries.relation, a, b)


@router.get("/graph", response_model=models.Graph, responses=ERRORS)
def graph(request: Request, type: str | None = Query(None, description="only this type"),
          nodes: int = Query(40, ge=2, le=200, description="the most connected N")) -> Any:
    """Who meets whom: entities joined by events they took part in together."""
    return _read(request, queries.meetings_graph, type=type, nodes=nodes)


@router.get("/search", response_model=models.SearchResult, responses=ERRORS)
def search(request: Request, q: str = Query(..., description="words to find"),
           limit: int = Query(20, description="page size, 1…200"),
           offset: int = Offset) -> Any:
    """Full-text search, best first (`index`: the store's index, or a plain scan)."""
    return _read(request, queries.search, q, limit=limit, offset=offset)
