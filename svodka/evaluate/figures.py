"""Scoring the figures layer against NEREL's MONEY and PERCENT spans (exact match).

A figure whose unit is an ISO 4217 code counts as MONEY, one in "%" or "п.п." as PERCENT;
counts are not scored (NEREL has no type for them). A prediction matches a gold span of the
same type and document when start and end are equal.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from svodka.article import Article
from svodka.evaluate.brat import BratDocument, read_brat_corpus
from svodka.evaluate.report import Report, Score
from svodka.settings import Settings

log = logging.getLogger(__name__)

FIGURE_STAGES = ("nlp", "figures")
TYPES = ("MONEY", "PERCENT")
ISO_CODE = re.compile(r"^[A-Z]{3}$")


def figure_type(unit: str) -> str | None:
    """The NEREL type a figure of `unit` is scored as (None: not scored)."""
    if ISO_CODE.match(unit):
        return "MONEY"
    if unit in ("%", "п.п."):
        return "PERCENT"
    return None


def score_figures(records: Iterable[dict[str, Any]], documents: Iterable[BratDocument], *,
                  report: Report | None = None, title: str = "figures: exact spans") -> Report:
    """Add a table of MONEY / PERCENT exact-span P/R/F1 of `records` against `documents`
    (matched by record id = document id) to `report` and return it."""
    report = report or Report("figures vs NEREL")
    table = report.table(title)
    for kind in (*TYPES, "all"):
        table.row(kind)
    by_id = {record["id"]: record for record in records}
    for document in documents:
        record = by_id.get(document.id)
        if record is None:
            log.warning("no record for NEREL document %s", document.id)
        predicted = {(figure_type(f["unit"]), f["start"], f["end"])
                     for f in (record or {}).get("figures", [])}
        gold = {(e.type, e.start, e.end) for e in document.of_type(*TYPES)}
        for kind in TYPES:
            score = Score(
                tp=len({p for p in predicted if p[0] == kind} & gold),
                fp=len({p for p in predicted if p[0] == kind} - gold),
                fn=len({g for g in gold if g[0] == kind} - predicted),
            )
            table.row(kind).add(score)
            table.row("all").add(score)
    return report


def evaluate_figures(directories: Iterable[Path], *, settings: Settings | None = None) -> Report:
    """Run nlp + figures over NEREL brat folders and score each folder, then all together."""
    from svodka.pipeline import Pipeline

    settings = settings or Settings(stages=FIGURE_STAGES)
    pipeline = Pipeline.from_settings(settings)
    report = Report("figures vs NEREL MONEY / PERCENT")
    directories = [Path(d) for d in directories]
    everything: tuple[list[dict[str, Any]], list[BratDocument]] = ([], [])
    for directory in directories:
        documents = read_brat_corpus(directory)
        records = [pipeline(Article(text=d.text, id=d.id, origin=str(directory / d.id)))
                   .to_record() for d in documents]
        score_figures(records, documents, report=report, title=f"{directory}: exact spans")
        everything[0].extend(records)
        everything[1].extend(documents)
        report.figures[f"{directory}: documents"] = len(documents)
    if len(directories) > 1:
        score_figures(*everything, report=report, title="together: exact spans")
    return report
