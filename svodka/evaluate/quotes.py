"""Scoring the quotes layer against gold quotations (QUOTES-AND-DATES-GUIDELINES.md).

Matching is one to one, largest overlaps first; a predicted quote matches a gold quote of the
same document when their spans overlap by at least half of the longer span. Span P/R/F1 count
the matches; attribution accuracy is the share of matched quotes whose speaker names agree
after lower-casing and «ё»→«е», a surname alone matching the full name, null only null.
The documents scored are those listed in `--docs FILE`, else in `<gold stem>-docs.txt` (or the
older `dev-docs.txt`) next to the gold file, else those the gold file names; a listed document
counts even when it holds no quote, and a texts folder may hold more documents than are scored.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from svodka.article import Article
from svodka.errors import InputError
from svodka.evaluate.report import Report

log = logging.getLogger(__name__)

QUOTE_STAGES = ("nlp", "entities", "coref", "quotes")


@dataclass(frozen=True)
class Span:
    kind: str
    start: int
    end: int
    speaker: str | None


def read_gold(path: Path) -> dict[str, list[Span]]:
    gold: dict[str, list[Span]] = {}
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                gold.setdefault(row["doc"], []).append(
                    Span(row["kind"], int(row["start"]), int(row["end"]), row.get("speaker")))
            except (ValueError, KeyError) as error:
                raise InputError(f"{path}:{number}: bad gold record ({error})") from None
    return gold


def gold_documents(path: Path, gold: dict[str, list[Span]], *,
                   docs: Path | None = None) -> list[str]:
    """The documents to score: an explicit listing, one named after the gold file, or the gold's."""
    listings = [docs] if docs is not None else [
        path.with_name(f"{path.stem}-docs.txt"), path.parent / "dev-docs.txt"]
    for listing in listings:
        if listing.is_file():
            return [d.strip() for d in listing.read_text(encoding="utf-8").splitlines()
                    if d.strip() and not d.startswith("#")]
        if docs is not None:
            raise InputError(f"{listing}: document listing is missing")
    return sorted(gold)


def same_speaker(predicted: str | None, gold: str | None) -> bool:
    if predicted is None or gold is None:
        return predicted is None and gold is None
    a, b = _fold(predicted).split(), _fold(gold).split()
    if a == b:
        return True
    if len(a) == 1 and b and a[0] == b[-1]:
        return True
    return len(b) == 1 and bool(a) and b[0] == a[-1]


def _fold(name: str) -> str:
    return name.lower().replace("ё", "е")


def match_spans(predicted: list[Span], gold: list[Span]) -> list[tuple[Span, Span]]:
    """One-to-one matches, largest overlaps first, each covering half the longer span."""
    pairs = []
    for p in predicted:
        for g in gold:
            overlap = min(p.end, g.end) - max(p.start, g.start)
            if overlap > 0 and 2 * overlap >= max(p.end - p.start, g.end - g.start):
                pairs.append((overlap, p, g))
    pairs.sort(key=lambda item: -item[0])
    used_p: set[int] = set()
    used_g: set[int] = set()
    matches = []
    for _, p, g in pairs:
        if id(p) in used_p or id(g) in used_g:
            continue
        used_p.add(id(p))
        used_g.add(id(g))
        matches.append((p, g))
    return matches


def evaluate_quotes(gold_path: Path, texts: Path, *, docs: Path | None = None,
                    annotate: Callable[[Article], Article] | None = None) -> Report:
    """Run the quote stages over the gold documents' texts and score them."""
    if annotate is None:
        from svodka.pipeline import Pipeline
        from svodka.settings import Settings

        annotate = Pipeline.from_settings(Settings(stages=QUOTE_STAGES))
    gold = read_gold(gold_path)
    report = Report("quotes")
    spans = report.table("quote spans")
    total = spans.row("all")
    agreed = matched = 0
    documents = gold_documents(gold_path, gold, docs=docs)
    for doc in documents:
        path = texts / f"{doc}.txt"
        if not path.is_file():
            raise InputError(f"{path}: text of gold document {doc!r} is missing")
        article = annotate(Article(text=path.read_text(encoding="utf-8"), id=doc))
        predicted = [Span(q.kind, q.start, q.end, q.speaker_name) for q in article.quotes]
        expected = gold.get(doc, [])
        matches = match_spans(predicted, expected)
        hit_p = {id(p) for p, _ in matches}
        hit_g = {id(g) for _, g in matches}
        for g in expected:
            row = spans.row(g.kind)
            if id(g) in hit_g:
                row.tp += 1
                total.tp += 1
            else:
                row.fn += 1
                total.fn += 1
        for p in predicted:
            if id(p) not in hit_p:
                spans.row(p.kind).fp += 1
                total.fp += 1
        matched += len(matches)
        agreed += sum(same_speaker(p.speaker, g.speaker) for p, g in matches)
    spans.rows = {"all": spans.rows.pop("all"), **spans.rows}
    report.figures["documents"] = len(documents)
    report.figures["gold quotes"] = sum(len(gold.get(doc, [])) for doc in documents)
    report.figures["matched"] = matched
    report.figures["attribution accuracy"] = agreed / matched if matched else 0.0
    report.notes.append("per-kind rows: tp and fn by the gold kind, fp by the predicted kind")
    return report
