"""Scores and reports: the tables `svodka evaluate …` prints, and the same as JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Score:
    """Counts of true positives, false positives and false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4)}


@dataclass
class Table:
    """One P/R/F1 table: a row per label (type, layer, …)."""

    title: str
    rows: dict[str, Score] = field(default_factory=dict)

    def row(self, label: str) -> Score:
        return self.rows.setdefault(label, Score())

    def to_text(self) -> str:
        width = max([len(label) for label in self.rows] + [10])
        lines = [self.title,
                 f"  {'':<{width}} {'P':>6} {'R':>6} {'F1':>6} {'tp':>6} {'fp':>6} {'fn':>6}"]
        for label, s in self.rows.items():
            lines.append(f"  {label:<{width}} {s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f} "
                         f"{s.tp:>6} {s.fp:>6} {s.fn:>6}")
        return "\n".join(lines)

    def as_dict(self) -> dict[str, Any]:
        return {label: score.as_dict() for label, score in self.rows.items()}


@dataclass
class Report:
    """What one evaluation found: tables of scores plus single figures (accuracies, counts)."""

    name: str
    tables: list[Table] = field(default_factory=list)
    figures: dict[str, float | int | str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def table(self, title: str) -> Table:
        for table in self.tables:
            if table.title == title:
                return table
        table = Table(title)
        self.tables.append(table)
        return table

    def to_text(self) -> str:
        parts = [f"== {self.name} =="]
        parts += [t.to_text() for t in self.tables]
        if self.figures:
            width = max(len(k) for k in self.figures)
            parts.append("\n".join(
                f"  {k:<{width}} {v:.3f}" if isinstance(v, float) else f"  {k:<{width}} {v}"
                for k, v in self.figures.items()))
        parts += [f"  note: {n}" for n in self.notes]
        return "\n\n".join(parts)

    def to_json(self) -> str:
        return json.dumps({"name": self.name,
                           "tables": {t.title: t.as_dict() for t in self.tables},
                           "figures": self.figures, "notes": self.notes},
                          ensure_ascii=False, indent=2)
