"""Response models: the JSON shapes of /api/… as OpenAPI documents them (see /docs)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


class Error(BaseModel):
    detail: str


class Page(BaseModel):
    total: int
    limit: int
    offset: int


class ArticleRow(BaseModel):
    id: str
    published: str | None
    source: str | None
    url: str | None
    title: str | None


class ArticlePage(Page):
    items: list[ArticleRow]


class Entity(BaseModel):
    gid: str
    type: str
    name: str
    wikidata: str | None
    aliases: list[str]
    articles: int
    mention_count: int
    first_seen: str | None
    last_seen: str | None


class EntityPage(Page):
    items: list[Entity]


class Quote(BaseModel):
    article_id: str
    id: int
    kind: str
    text: str
    speaker: str | None
    speaker_gid: str | None
    speaker_name: str | None
    cue: str | None
    start_char: int
    end_char: int
    published: str | None
    title: str | None


class QuotePage(Page):
    items: list[Quote]


class Participant(BaseModel):
    gid: str | None
    name: str


class Event(BaseModel):
    article_id: str
    id: int
    type: str
    trigger: str
    date: str | None
    published: str | None
    when: str | None
    title: str | None
    place_gid: str | None
    place_name: str | None
    participants: list[Participant]


class EventPage(Page):
    items: list[Event]


class Tenure(BaseModel):
    gid: str
    title: str
    organization: str | None
    organization_name: str | None
    country: str | None
    country_name: str | None
    first_seen: str | None
    last_seen: str | None
    articles: list[str]


class Met(BaseModel):
    gid: str
    name: str | None
    type: str
    events: int


class EntityDetail(Entity):
    tenures: list[Tenure]
    quotes: list[Quote]
    events: list[Event]
    met: list[Met]
    articles_list: list[ArticleRow]


class Figure(BaseModel):
    article_id: str
    id: int
    text: str
    value: float
    unit: str
    indicator: str | None
    period: str | None
    forecast: bool
    change_value: float | None
    change_unit: str | None
    change_direction: str | None
    published: str | None


class Month(BaseModel):
    month: str
    articles: int
    events: int
    quotes: int


class RelationQuotes(BaseModel):
    a_about_b: list[Quote]
    b_about_a: list[Quote]


class Relation(BaseModel):
    a: Entity
    b: Entity
    events: list[Event]
    articles: list[ArticleRow]
    articles_total: int
    quotes: RelationQuotes
    figures: list[Figure]
    timeline: list[Month]


class SearchHit(BaseModel):
    kind: str
    article_id: str
    ref: Any = None
    gid: str | None = None  # an entity hit's global entity
    title: str | None
    published: str | None
    score: float
    snippet: str
    highlights: list[list[int]]


class SearchResult(BaseModel):
    index: str
    limit: int
    offset: int
    items: list[SearchHit]


class GraphNode(BaseModel):
    gid: str
    name: str | None
    type: str
    weight: int


class GraphEdge(BaseModel):
    a: str
    b: str
    events: int


class Graph(BaseModel):
    nodes: list[GraphNode]
    edges: list[GraphEdge]
