"""The Article: one object carries an article through every stage.

`text` is never modified; stages add layers. Offsets are character offsets into
`text` (end exclusive). `to_record()` produces the dict of OUTPUT-SCHEMA.md and
`Article.from_record()` reads one back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any


def text_id(text: str) -> str:
    """The id of an article that has none: the first 16 hex digits of SHA-1 of its text."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


# --- linguistic layers (internal; not part of the record) -------------------


@dataclass(slots=True)
class Token:
    start: int
    end: int
    text: str
    lemma: str
    pos: str  # Universal POS tag from the morphology tagger
    feats: dict[str, str]
    sentence: int  # index of the sentence holding the token
    head: int | None = None  # index of the syntactic head (syntax runs only where asked)
    rel: str | None = None


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    first_token: int  # index into Article.tokens
    last_token: int  # exclusive


@dataclass(slots=True)
class NamedSpan:
    """A raw NER span from the tagger: type PER | LOC | ORG, with its normal form."""

    start: int
    end: int
    type: str
    normal: str


# --- record layers ----------------------------------------------------------


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    kind: str = "name"  # name | adjective | nominal | pronoun
    stands_for: str | None = None  # entity id the mention stands for (metonymy)


@dataclass(slots=True)
class Entity:
    id: str
    type: str
    name: str
    wikidata: str | None = None
    mentions: list[Mention] = field(default_factory=list)


@dataclass(slots=True)
class Position:
    person: str
    title: str
    start: int
    end: int
    organization: str | None = None
    country: str | None = None


@dataclass(slots=True)
class Quote:
    kind: str  # direct | indirect | mixed
    start: int
    end: int
    speaker: str | None = None
    speaker_name: str | None = None
    cue: str | None = None


@dataclass(slots=True)
class Timex:
    start: int
    end: int
    value: str


@dataclass(slots=True)
class Span:
    start: int
    end: int


@dataclass(slots=True)
class Event:
    type: str
    start: int
    end: int
    mentions: list[Span] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)
    place: str | None = None
    date: str | None = None


@dataclass(slots=True)
class Change:
    value: float
    unit: str
    direction: str  # up | down


@dataclass(slots=True)
class Figure:
    start: int
    end: int
    value: float
    unit: str
    indicator: str | None = None
    period: str | None = None
    forecast: bool = False
    change: Change | None = None


@dataclass(slots=True)
class Document:
    name: str
    start: int
    end: int
    mentions: list[Span] = field(default_factory=list)
    status: str | None = None
    date: str | None = None
    place: str | None = None
    parties: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Attribution:
    source: str
    start: int
    end: int


RECORD_LAYERS = (
    "entities",
    "positions",
    "quotes",
    "timexes",
    "events",
    "figures",
    "documents",
    "attributions",
)


@dataclass
class Article:
    text: str
    id: str = ""
    published: dt.date | None = None
    source: str | None = None
    url: str | None = None
    title: str | None = None
    origin: str | None = None  # where it was read from: "path" or "path:line"
    # linguistic layers
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    ner_spans: list[NamedSpan] = field(default_factory=list)
    # record layers
    entities: list[Entity] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # stage failures captured by the pipeline

    def __post_init__(self) -> None:
        if not self.id:
            self.id = text_id(self.text)

    # --- helpers for stages ---------------------------------------------
    def entity(self, entity_id: str | None) -> Entity | None:
        if entity_id is None:
            return None
        for entity in self.entities:
            if entity.id == entity_id:
                return entity
        return None

    def sentence_at(self, offset: int) -> int | None:
        """Index of the sentence that contains character `offset`."""
        lo, hi = 0, len(self.sentences)
        while lo < hi:
            mid = (lo + hi) // 2
            sent = self.sentences[mid]
            if offset < sent.start:
                hi = mid
            elif offset >= sent.end:
                lo = mid + 1
            else:
                return mid
        return None

    def sentence_tokens(self, index: int) -> list[Token]:
        sent = self.sentences[index]
        return self.tokens[sent.first_token : sent.last_token]

    # --- record ------------------------------------------------------------
    def to_record(self) -> dict[str, Any]:
        record: dict[str, Any] = {
            "id": self.id,
            "published": self.published.isoformat() if self.published else None,
            "source": self.source,
            "url": self.url,
            "title": self.title,
            "text": self.text,
        }
        for layer in RECORD_LAYERS:
            record[layer] = [asdict(item) for item in getattr(self, layer)]
        if self.errors:
            record["errors"] = list(self.errors)
        return record

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Article:
        published = record.get("published")
        article = cls(
            text=record["text"],
            id=record.get("id") or "",
            published=dt.date.fromisoformat(published) if published else None,
            source=record.get("source"),
            url=record.get("url"),
            title=record.get("title"),
        )
        article.entities = [
            Entity(
                id=e["id"],
                type=e["type"],
                name=e["name"],
                wikidata=e.get("wikidata"),
                mentions=[Mention(**m) for m in e.get("mentions", [])],
            )
            for e in record.get("entities", [])
        ]
        article.positions = [Position(**p) for p in record.get("positions", [])]
        article.quotes = [Quote(**q) for q in record.get("quotes", [])]
        article.timexes = [Timex(**t) for t in record.get("timexes", [])]
        article.events = [
            Event(**{**e, "mentions": [Span(**m) for m in e.get("mentions", [])]})
            for e in record.get("events", [])
        ]
        article.figures = [
            Figure(**{**f, "change": Change(**f["change"]) if f.get("change") else None})
            for f in record.get("figures", [])
        ]
        article.documents = [
            Document(**{**d, "mentions": [Span(**m) for m in d.get("mentions", [])]})
            for d in record.get("documents", [])
        ]
        article.attributions = [Attribution(**a) for a in record.get("attributions", [])]
        article.errors = list(record.get("errors", []))
        return article


def record_spans(record: dict[str, Any]) -> list[tuple[str, int, int]]:
    """Every (layer, start, end) span of a record: what the offsets invariant checks."""
    spans: list[tuple[str, int, int]] = []
    for entity in record.get("entities", []):
        spans += [("entities", m["start"], m["end"]) for m in entity["mentions"]]
    for layer in ("positions", "quotes", "timexes", "figures", "attributions"):
        spans += [(layer, item["start"], item["end"]) for item in record.get(layer, [])]
    for layer in ("events", "documents"):
        for item in record.get(layer, []):
            spans.append((layer, item["start"], item["end"]))
            spans += [(layer, m["start"], m["end"]) for m in item.get("mentions", [])]
    return spans
