"""`svodka evaluate identity DIR [DIR …]`: cross-article identity against NEREL's Wikidata links.

Gold: every PERSON and ORGANIZATION mention of the brat files with a Wikidata link
(`Wikidata:NULL` and malformed links are left out); its identity is the QID. Each gold
mention is aligned to the svodka mention (kind `name` or `adjective`) with the same span
(`exact`), or failing that, under `overlap`, to the mention of an entity of the same type
sharing most characters with it (a nested «России» is no alignment for «МИД России»).
Gold mentions with no svodka mention are counted (coverage), not scored.

Over the aligned mentions, B-cubed precision, recall and F1 compare a system's clusters with
the gold ones, for PERSON, ORGANIZATION (by gold type) and overall:

- `svodka`: the global entity (`gid`) that `resolve_entities` gives the mention's entity;
- `baseline`: string equality of the mention's lemmatised, lower-cased surface form;
- `no-linking`: each article's entity on its own (what resolving across articles adds).

Each directory is resolved and scored on its own, and, given several, all of them together.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from svodka.evaluate.brat import BratDocument, read_brat_corpus
from svodka.evaluate.matching import overlaps
from svodka.evaluate.report import Report
from svodka.resolve import KnowledgeBase, resolve_entities

log = logging.getLogger(__name__)

GOLD_TYPES = ("PERSON", "ORGANIZATION")
ALIGNED_KINDS = frozenset({"name", "adjective"})
SYSTEMS = ("svodka", "baseline", "no-linking")
WANTED_STAGES = ("nlp", "entities", "positions")

Corpus = list[tuple[BratDocument, dict[str, Any]]]  # (gold document, svodka record)


@dataclass(frozen=True)
class Item:
    """One aligned gold mention and the labels the systems give it."""

    type: str
    gold: str  # QID
    labels: tuple[Hashable, ...]  # one per system, in SYSTEMS order


@dataclass(frozen=True)
class BcubedRow:
    corpus: str
    alignment: str
    type: str
    system: str
    mentions: int
    gold_entities: int
    entities: int
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"corpus": self.corpus, "alignment": self.alignment, "type": self.type,
                "system": self.system, "mentions": self.mentions,
                "gold_entities": self.gold_entities, "entities": self.entities,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4)}


@dataclass
class IdentityReport(Report):
    """A Report with a B-cubed table (B-cubed is an average per mention, not counts)."""

    bcubed: list[BcubedRow] = field(default_factory=list)

    def to_text(self) -> str:
        lines = ["B-cubed identity (gold: Wikidata QIDs)",
                 (f"  {'corpus':<10} {'align':<8} {'type':<13} {'system':<11} {'mentions':>8} "
                  f"{'gold':>6} {'pred':>6} {'P':>6} {'R':>6} {'F1':>6}")]
        for r in self.bcubed:
            lines.append(f"  {r.corpus:<10} {r.alignment:<8} {r.type:<13} {r.system:<11} "
                         f"{r.mentions:>8} {r.gold_entities:>6} {r.entities:>6} "
                         f"{r.precision:>6.3f} {r.recall:>6.3f} {r.f1:>6.3f}")
        head, _, rest = super().to_text().partition("\n\n")
        return "\n\n".join(part for part in (head, "\n".join(lines), rest) if part)

    def to_json(self) -> str:
        import json

        data = json.loads(super().to_json())
        data["bcubed"] = [row.as_dict() for row in self.bcubed]
        return json.dumps(data, ensure_ascii=False, indent=2)


def bcubed(pairs: Sequence[tuple[Hashable, Hashable]]) -> tuple[float, float]:
    """B-cubed (precision, recall) of (gold label, predicted label) per item."""
    if not pairs:
        return 0.0, 0.0
    both = Counter(pairs)
    gold = Counter(g for g, _ in pairs)
    predicted = Counter(p for _, p in pairs)
    precision = sum(both[(g, p)] / predicted[p] for g, p in pairs) / len(pairs)
    recall = sum(both[(g, p)] / gold[g] for g, p in pairs) / len(pairs)
    return precision, recall


# --- alignment --------------------------------------------------------------------


def _record_mentions(record: dict[str, Any]) -> list[tuple[int, int, str, str]]:
    """(start, end, entity type, local entity id) of a record's name-like mentions."""
    return sorted((m["start"], m["end"], e["type"], e["id"])
                  for e in record.get("entities", []) for m in e.get("mentions", [])
                  if m.get("kind", "name") in ALIGNED_KINDS)


def align(gold_start: int, gold_end: int, gold_type: str,
          mentions: Sequence[tuple[int, int, str, str]], *, overlap: bool) -> str | None:
    """The local entity id of the svodka mention aligned to a gold span, or None."""
    def rank(m: tuple[int, int, str, str]) -> tuple:
        shared = min(m[1], gold_end) - max(m[0], gold_start)
        return (-shared, m[2] != gold_type, abs(m[0] - gold_start) + abs(m[1] - gold_end), m)

    exact = [m for m in mentions if m[0] == gold_start and m[1] == gold_end]
    if exact:
        return min(exact, key=rank)[3]
    if not overlap:
        return None
    near = [m for m in mentions
            if m[2] == gold_type and overlaps(m[0], m[1], gold_start, gold_end)]
    return min(near, key=rank)[3] if near else None


# --- scoring ------------------------------------------------------------------------


def _items(corpus: Corpus, base: KnowledgeBase, *, overlap: bool,
           baseline_key: Callable[[str], str]) -> tuple[list[Item], Counter, Counter]:
    """Aligned items, and gold / aligned mention counts by type."""
    items: list[Item] = []
    gold_count: Counter = Counter()
    aligned_count: Counter = Counter()
    for doc, record in corpus:
        mentions = _record_mentions(record)
        for entity in sorted(doc.of_type(*GOLD_TYPES), key=lambda e: (e.start, e.end, e.id)):
            if not entity.wikidata:
                continue
            gold_count[entity.type] += 1
            local = align(entity.start, entity.end, entity.type, mentions, overlap=overlap)
            if local is None:
                continue
            aligned_count[entity.type] += 1
            surface = doc.text[entity.start:entity.end]
            labels = (base.gid_of(record["id"], local) or f"{record['id']}/{local}",
                      baseline_key(surface), (record["id"], local))
            items.append(Item(entity.type, entity.wikidata, labels))
    return items, gold_count, aligned_count


def score_identity(corpora: dict[str, Corpus], *, baseline_key: Callable[[str], str] | None = None,
                   name: str = "identity") -> IdentityReport:
    """Resolve and score each named corpus of (gold document, svodka record) pairs."""
    key = baseline_key or _lemma_baseline_key
    report = IdentityReport(name)
    for corpus_name, corpus in corpora.items():
        base = resolve_entities(record for _, record in corpus)
        coverage: dict[str, Counter] = {}
        for alignment in ("exact", "overlap"):
            items, gold_count, coverage[alignment] = _items(
                corpus, base, overlap=alignment == "overlap", baseline_key=key)
            for kind in (*GOLD_TYPES, "overall"):
                chosen = [i for i in items if kind in ("overall", i.type)]
                for index, system in enumerate(SYSTEMS):
                    pairs = [(i.gold, i.labels[index]) for i in chosen]
                    precision, recall = bcubed(pairs)
                    report.bcubed.append(BcubedRow(
                        corpus_name, alignment, kind, system, len(pairs),
                        len({g for g, _ in pairs}), len({p for _, p in pairs}),
                        precision, recall))
        report.figures[f"{corpus_name} documents"] = len(corpus)
        for kind in GOLD_TYPES:
            prefix = f"{corpus_name} {kind}"
            report.figures[f"{prefix} gold mentions with a QID"] = gold_count[kind]
            for alignment, aligned in coverage.items():
                report.figures[f"{prefix} aligned, {alignment}"] = aligned[kind]
    return report


def _lemma_baseline_key(surface: str) -> str:
    from svodka.nlp import get_nlp

    return " ".join(get_nlp().lemma_key(surface))


def _stages() -> tuple[str, ...]:
    from svodka.pipeline import available_stages
    from svodka.settings import Settings

    registry = available_stages(Settings())
    return tuple(name for name in WANTED_STAGES if name in registry)


def evaluate_identity(directories: Sequence[Path], *, pipeline: Any = None,
                      limit: int | None = None) -> IdentityReport:
    """Run the pipeline over NEREL folders (the first `limit` documents of each), resolve
    the records, and score identity per folder and, given several, all together."""
    from svodka.article import Article
    from svodka.pipeline import Pipeline
    from svodka.settings import Settings

    pipeline = pipeline or Pipeline.from_settings(Settings(stages=_stages()))
    corpora: dict[str, Corpus] = {}
    for directory in directories:
        label = Path(directory).name or str(directory)
        while label in corpora:
            label += "+"
        docs = read_brat_corpus(Path(directory))[:limit]
        if not docs:
            log.warning("%s: no .txt files", directory)
        corpus = corpora[label] = []
        for doc in docs:
            article = pipeline(Article(text=doc.text, id=f"{label}/{doc.id}",
                                       origin=str(directory)))
            corpus.append((doc, article.to_record()))
    if len(corpora) > 1:
        corpora["together"] = [pair for corpus in list(corpora.values()) for pair in corpus]
    report = score_identity(corpora, name="identity (NEREL Wikidata links)")
    report.notes.append(f"stages: {', '.join(pipeline.names)}")
    return report
