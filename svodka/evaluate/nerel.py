"""`svodka evaluate nerel DIR`: svodka records scored against NEREL (brat) gold.

Entities — svodka mentions of kind `name` and `adjective` (a missing kind counts as `name`),
typed by this mapping (svodka → NEREL):

    PERSON → PERSON              ORGANIZATION → ORGANIZATION
    COUNTRY → COUNTRY            CITY → CITY
    REGION → STATE_OR_PROVINCE   LOCATION → LOCATION

Every gold span of those six types counts, nested ones included («РФ» inside «МИД РФ»).
`exact` needs the same type and the same start/end; `overlap` the same type and at least
one shared character. Matching is one to one. `overall` sums the six types; `geo` sums
COUNTRY, CITY, STATE_OR_PROVINCE and LOCATION (the type must still agree).

Figures — MONEY and PERCENT gold spans against the record's `figures` (unit `%` →
PERCENT, an ISO 4217 code → MONEY), exact and overlap.

Posts — a svodka position matches a gold `WORKS_AS` (PERSON → PROFESSION) relation when a
mention of the position's person overlaps the relation's PERSON span and the position's
start/end overlaps its PROFESSION span (OUTPUT-SCHEMA.md). `WORKPLACE` (PERSON → any
place or organisation): each position's `organization` and `country` is a predicted
(person, workplace) pair; it matches when a person mention overlaps Arg1 and a mention of
the workplace entity overlaps Arg2. WORKPLACE relations whose Arg1 is a PROFESSION are
not scored (svodka ties workplaces to people).

Wikidata — the share of gold links (non-NULL QIDs on the six types) whose span overlaps a
mention of a svodka entity carrying the same QID.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from svodka.evaluate.brat import BratDocument, read_brat_corpus
from svodka.evaluate.matching import overlaps, score_matching
from svodka.evaluate.report import Report, Table

log = logging.getLogger(__name__)

TYPE_MAP = {
    "PERSON": "PERSON",
    "ORGANIZATION": "ORGANIZATION",
    "COUNTRY": "COUNTRY",
    "CITY": "CITY",
    "REGION": "STATE_OR_PROVINCE",
    "LOCATION": "LOCATION",
}
NEREL_TYPES = tuple(TYPE_MAP.values())
GEO_TYPES = ("COUNTRY", "CITY", "STATE_OR_PROVINCE", "LOCATION")
SCORED_KINDS = {"name", "adjective"}
CURRENCY = re.compile(r"^[A-Z]{3}$")

Span = tuple[str, int, int]  # (type, start, end)


# --- what a record predicts ------------------------------------------------------


def predicted_entity_spans(record: dict[str, Any]) -> list[Span]:
    """Distinct (NEREL type, start, end) of a record's name and adjective mentions."""
    spans: set[Span] = set()
    for entity in record.get("entities", []):
        kind = TYPE_MAP.get(entity["type"])
        if kind is None:
            continue
        for mention in entity.get("mentions", []):
            if mention.get("kind", "name") in SCORED_KINDS:
                spans.add((kind, mention["start"], mention["end"]))
    return sorted(spans, key=lambda s: (s[1], s[2], s[0]))


def predicted_figure_spans(record: dict[str, Any]) -> list[Span]:
    spans: set[Span] = set()
    for figure in record.get("figures", []):
        unit = figure.get("unit") or ""
        kind = "PERCENT" if unit == "%" else "MONEY" if CURRENCY.match(unit) else None
        if kind:
            spans.add((kind, figure["start"], figure["end"]))
    return sorted(spans, key=lambda s: (s[1], s[2], s[0]))


def _mentions(record: dict[str, Any]) -> dict[str, list[tuple[int, int]]]:
    return {e["id"]: [(m["start"], m["end"]) for m in e.get("mentions", [])]
            for e in record.get("entities", [])}


def _touches(mentions: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(overlaps(s, e, start, end) for s, e in mentions)


# --- scorers -----------------------------------------------------------------------


def exact_fit(gold: Span, predicted: Span) -> bool:
    return gold == predicted


def overlap_fit(gold: Span, predicted: Span) -> bool:
    return gold[0] == predicted[0] and overlaps(gold[1], gold[2], predicted[1], predicted[2])


def score_spans(table: Table, gold: list[Span], predicted: list[Span], types: Iterable[str],
                fit: Callable[[Span, Span], bool]) -> None:
    """Add per-type scores of `predicted` against `gold` to `table`."""
    for kind in types:
        table.row(kind).add(score_matching([g for g in gold if g[0] == kind],
                                           [p for p in predicted if p[0] == kind], fit))


def score_works_as(doc: BratDocument, record: dict[str, Any], table: Table) -> None:
    mentions = _mentions(record)
    gold = [(doc.entities[r.arg1], doc.entities[r.arg2]) for r in doc.relations
            if r.type == "WORKS_AS" and r.arg1 in doc.entities and r.arg2 in doc.entities]
    positions = record.get("positions", [])

    def fits(pair: tuple, position: dict[str, Any]) -> bool:
        person, post = pair
        return (overlaps(position["start"], position["end"], post.start, post.end)
                and _touches(mentions.get(position["person"], []), person.start, person.end))

    table.row("WORKS_AS").add(score_matching(gold, positions, fits))


def score_workplace(doc: BratDocument, record: dict[str, Any], table: Table) -> None:
    mentions = _mentions(record)
    gold = [(doc.entities[r.arg1], doc.entities[r.arg2]) for r in doc.relations
            if r.type == "WORKPLACE" and r.arg1 in doc.entities and r.arg2 in doc.entities
            and doc.entities[r.arg1].type == "PERSON"]
    predicted = {(p["person"], place) for p in record.get("positions", [])
                 for place in (p.get("organization"), p.get("country")) if place}

    def fits(pair: tuple, guess: tuple[str, str]) -> bool:
        person, place = pair
        return (_touches(mentions.get(guess[0], []), person.start, person.end)
                and _touches(mentions.get(guess[1], []), place.start, place.end))

    table.row("WORKPLACE").add(score_matching(gold, sorted(predicted), fits))


def wikidata_links(doc: BratDocument, record: dict[str, Any]) -> tuple[int, int]:
    """(gold links found, gold links) for the six entity types."""
    linked = [(e["wikidata"], m["start"], m["end"]) for e in record.get("entities", [])
              if e.get("wikidata") for m in e.get("mentions", [])]
    gold = [e for e in doc.of_type(*NEREL_TYPES) if e.wikidata]
    found = sum(1 for g in gold
                if any(q == g.wikidata and overlaps(s, e, g.start, g.end) for q, s, e in linked))
    return found, len(gold)


def score_document(doc: BratDocument, record: dict[str, Any], report: Report) -> None:
    gold = [(e.type, e.start, e.end) for e in doc.of_type(*NEREL_TYPES)]
    predicted = predicted_entity_spans(record)
    score_spans(report.table("entities, exact span"), gold, predicted, NEREL_TYPES,
                exact_fit)
    score_spans(report.table("entities, overlap"), gold, predicted, NEREL_TYPES, overlap_fit)
    gold_figures = [(e.type, e.start, e.end) for e in doc.of_type("MONEY", "PERCENT")]
    figures = predicted_figure_spans(record)
    score_spans(report.table("figures, exact span"), gold_figures, figures,
                ("MONEY", "PERCENT"), exact_fit)
    score_spans(report.table("figures, overlap"), gold_figures, figures,
                ("MONEY", "PERCENT"), overlap_fit)
    posts = report.table("posts (relations)")
    score_works_as(doc, record, posts)
    score_workplace(doc, record, posts)
    found, total = wikidata_links(doc, record)
    report.figures["wikidata links found"] = int(report.figures.get("wikidata links found", 0)) + found
    report.figures["wikidata gold links"] = int(report.figures.get("wikidata gold links", 0)) + total


def add_summary_rows(report: Report) -> None:
    for title in ("entities, exact span", "entities, overlap"):
        table = report.table(title)
        overall, geo = table.row("overall"), table.row("geo")
        for kind in NEREL_TYPES:
            overall.add(table.rows[kind])
            if kind in GEO_TYPES:
                geo.add(table.rows[kind])
    found = int(report.figures.get("wikidata links found", 0))
    total = int(report.figures.get("wikidata gold links", 0))
    report.figures["wikidata recall"] = found / total if total else 0.0


def score_nerel(pairs: Iterable[tuple[BratDocument, dict[str, Any]]], *,
                name: str = "NEREL") -> Report:
    """Score (gold document, svodka record) pairs; the records' texts are the gold texts."""
    report = Report(name)
    count = 0
    for doc, record in pairs:
        score_document(doc, record, report)
        count += 1
    add_summary_rows(report)
    report.figures["documents"] = count
    return report


def evaluate_nerel(directory: Path, *, pipeline: Any = None, limit: int | None = None) -> Report:
    """Run the pipeline (default: the full default pipeline) over a NEREL split and score it."""
    from svodka.article import Article
    from svodka.pipeline import Pipeline

    pipeline = pipeline or Pipeline.from_settings()
    docs = read_brat_corpus(Path(directory))[:limit]
    if not docs:
        log.warning("%s: no .txt files", directory)

    def records() -> Iterable[tuple[BratDocument, dict[str, Any]]]:
        for doc in docs:
            article = pipeline(Article(text=doc.text, id=doc.id, origin=str(directory)))
            yield doc, article.to_record()

    report = score_nerel(records(), name=f"NEREL {Path(directory).name}")
    report.notes.append(f"stages: {', '.join(pipeline.names)}")
    return report
