"""Scoring the timexes layer (QUOTES-AND-DATES-GUIDELINES.md, temporal expressions).

With `gold` (dates/dev.jsonl): span P/R/F1 against the gold spans and value accuracy, the
share of all gold spans whose matched prediction has exactly the gold value; each article is
anchored at its gold `anchor` (dev-anchors.jsonl next to the gold file lists one per
document, documents without any gold span included). Without `gold`: span P/R/F1 against
the NEREL DATE spans of the `.ann` files, articles unanchored. Matching is one to one and
any overlap counts; predictions on NEREL TIME spans are not counted against precision.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from svodka.article import Article, Timex
from svodka.errors import InputError
from svodka.evaluate.brat import read_brat_corpus
from svodka.evaluate.matching import match_one_to_one, overlaps
from svodka.evaluate.report import Report, Score

log = logging.getLogger(__name__)

DATE_STAGES = ("nlp", "timexes")


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    value: str | None  # None: span-only gold (NEREL DATE)


@dataclass
class DocumentResult:
    """One article's gold, predictions, and the (gold index, predicted index) pairs."""

    doc: str
    gold: list[GoldTimex]
    predicted: list[Timex]
    pairs: list[tuple[int, int]]
    excused: set[int]  # unmatched predictions lying on NEREL TIME spans


def read_gold(path: Path) -> tuple[dict[str, list[GoldTimex]], dict[str, dt.date | None]]:
    """Gold spans by document, and each document's anchor (from the records and
    `dev-anchors.jsonl` next to `path`)."""
    gold: dict[str, list[GoldTimex]] = {}
    anchors: dict[str, dt.date | None] = {}
    listing = path.parent / "dev-anchors.jsonl"
    for source in ([listing] if listing.is_file() else []) + [path]:
        with source.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                    anchor = row.get("anchor")
                    anchors[row["doc"]] = dt.date.fromisoformat(anchor) if anchor else None
                    if source == path:
                        gold.setdefault(row["doc"], []).append(
                            GoldTimex(int(row["start"]), int(row["end"]), row["value"]))
                except (ValueError, KeyError) as error:
                    raise InputError(str(source), f"bad gold record ({error})",
                                     line=number) from None
    return gold, anchors


def score_documents(texts: Path, gold_path: Path | None = None, *,
                    limit: int | None = None) -> list[DocumentResult]:
    """Run the timexes pipeline over the texts and pair its timexes with the gold."""
    from svodka.pipeline import Pipeline
    from svodka.settings import Settings

    pipeline = Pipeline.from_settings(Settings(stages=DATE_STAGES))
    documents = read_brat_corpus(texts)
    if gold_path is not None:
        gold, anchors = read_gold(gold_path)
        documents = [d for d in documents if d.id in anchors or d.id in gold]
    else:
        gold, anchors = {}, {}
    results = []
    for document in documents[:limit]:
        if gold_path is None:
            spans = [GoldTimex(e.start, e.end, None) for e in document.of_type("DATE")]
        else:
            spans = sorted(gold.get(document.id, []), key=lambda g: g.start)
        article = Article(text=document.text, id=document.id,
                          published=anchors.get(document.id))
        predicted = pipeline(article).timexes
        pairs = match_one_to_one(spans, predicted,
                                 lambda g, p: overlaps(g.start, g.end, p.start, p.end))
        matched = {j for _, j in pairs}
        times = document.of_type("TIME")
        excused = {j for j, p in enumerate(predicted) if j not in matched and any(
            overlaps(p.start, p.end, t.start, t.end) for t in times)}
        results.append(DocumentResult(document.id, spans, predicted, pairs, excused))
    return results


def value_kind(value: str) -> str:
    """The shape of a value: day, month, year, range, DURATION, …"""
    if "/" in value:
        return "range"
    if value in ("DURATION", "SET", "UNRESOLVED"):
        return value
    for kind, size in (("day", 10), ("month", 7), ("year", 4)):
        if len(value) == size and value[:4].isdigit():
            return kind
    return "other"


def evaluate_dates(texts: Path, gold: Path | None = None, *,
                   limit: int | None = None) -> Report:
    """The report `svodka evaluate dates` prints."""
    results = score_documents(texts, gold, limit=limit)
    report = Report("dates" if gold else "dates (NEREL DATE spans)")
    spans = report.table("timex spans")
    total = Score()
    for result in results:
        tp = len(result.pairs)
        total.add(Score(tp=tp, fn=len(result.gold) - tp,
                        fp=len(result.predicted) - tp - len(result.excused)))
    spans.rows["DATE"] = total
    report.figures["documents"] = len(results)
    report.figures["gold spans"] = sum(len(r.gold) for r in results)
    report.figures["predicted"] = sum(len(r.predicted) for r in results)
    report.figures["on TIME spans (not counted)"] = sum(len(r.excused) for r in results)
    if gold is not None:
        right, by_kind, kinds = 0, Counter(), Counter()
        for result in results:
            values = {i: result.predicted[j].value for i, j in result.pairs}
            for i, span in enumerate(result.gold):
                kind = value_kind(span.value or "")
                kinds[kind] += 1
                if values.get(i) == span.value:
                    right += 1
                    by_kind[kind] += 1
        report.figures["value accuracy"] = right / max(1, report.figures["gold spans"])
        for kind, count in kinds.most_common():
            report.figures[f"value accuracy: {kind} ({count})"] = by_kind[kind] / count
    return report
