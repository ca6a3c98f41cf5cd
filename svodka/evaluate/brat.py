"""Loader for brat standoff annotation (NEREL): `.txt` + `.ann` pairs.

Entity lines `T12\tCOUNTRY 10 16\tРоссии` (discontinuous spans `10 16;20 25` keep their
outer extent and the fragments), relation lines `R3\tWORKS_AS Arg1:T1 Arg2:T2`, and link
lines `N3\tReference T12 Wikidata:Q159\tРоссия` (`Wikidata:NULL` and malformed lines are
tolerated: NULL gives no link, a malformed line is counted in `BratDocument.skipped`).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

QID = re.compile(r"Wikidata:(Q\d+)")


@dataclass
class BratEntity:
    id: str
    type: str
    start: int
    end: int
    text: str
    fragments: list[tuple[int, int]] = field(default_factory=list)
    wikidata: str | None = None


@dataclass
class BratRelation:
    id: str
    type: str
    arg1: str
    arg2: str


@dataclass
class BratDocument:
    id: str
    text: str
    entities: dict[str, BratEntity] = field(default_factory=dict)
    relations: list[BratRelation] = field(default_factory=list)
    skipped: int = 0

    def of_type(self, *types: str) -> list[BratEntity]:
        return [e for e in self.entities.values() if e.type in types]


def read_brat_document(txt: Path) -> BratDocument:
    text = txt.read_text(encoding="utf-8")
    doc = BratDocument(id=txt.stem, text=text)
    ann = txt.with_suffix(".ann")
    if not ann.exists():
        return doc
    links: list[tuple[str, str | None]] = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        parts = line.split("\t")
        try:
            if line.startswith("T"):
                doc.entities[parts[0]] = _entity(parts)
            elif line.startswith("R"):
                kind, arg1, arg2 = parts[1].split()[:3]
                doc.relations.append(
                    BratRelation(parts[0], kind, arg1.split(":", 1)[1], arg2.split(":", 1)[1])
                )
            elif line.startswith("N"):
                fields = parts[1].split()
                match = QID.search(parts[1])
                links.append((fields[1], match.group(1) if match else None))
        except (IndexError, ValueError):
            doc.skipped += 1
    for target, qid in links:
        if target in doc.entities and qid:
            doc.entities[target].wikidata = qid
    if doc.skipped:
        log.debug("%s: %d malformed annotation lines skipped", ann, doc.skipped)
    return doc


def _entity(parts: list[str]) -> BratEntity:
    kind, _, offsets = parts[1].partition(" ")
    fragments = []
    for fragment in offsets.split(";"):
        start, end = fragment.split()
        fragments.append((int(start), int(end)))
    return BratEntity(
        id=parts[0],
        type=kind,
        start=min(s for s, _ in fragments),
        end=max(e for _, e in fragments),
        text=parts[2] if len(parts) > 2 else "",
        fragments=fragments,
    )


def read_brat_corpus(directory: Path) -> list[BratDocument]:
    """Every `.txt` of `directory` (sorted) with its `.ann`."""
    return [read_brat_document(p) for p in sorted(Path(directory).glob("*.txt"))]
