"""`svodka evaluate factrueval DIR`: svodka records scored against factRuEval-2016.

The collection (devset) holds per document `NAME.txt`, `.tokens` (`id start length text`),
`.spans` (`id tag start length first_token n_tokens  # token ids, texts`), `.objects`
(`id Type span_id…  # text`), `.coref` (blocks: `chain_id object_id…` then `key value`
lines) and `.facts` (blocks: `id Type` then `Role obj<chain>|span<id> text [| …]`).

Entities: track 1, as the official scorer scores it (see `svodka.evaluate.track1`), from
svodka mentions typed PERSON → per, ORGANIZATION → org, COUNTRY/CITY/REGION/LOCATION → loc
and DISTRICT/FACILITY → loc (factRuEval's Location holds districts, squares, buildings:
«Тверской площади», «памятника Юрию Долгорукому»), read the way factRuEval's annotation
model reads names (`factrueval_mentions`):
- only mentions of kind `name`: a relational adjective («российский») is a `geo_adj` span
  in factRuEval, which weighs nothing; an object of such spans alone is unnamed;
- not a mention lying inside a larger one of the same factRuEval type («МИД» inside «МИД
  РФ», NEREL's nesting): the scorer ignores every gold object embedded in another of a
  type that may hold it, so factRuEval's track 1 scores the outermost names only;
- not an organisation named only by lower-case words («правительство», «эстонская
  полиция»): those are descriptors (`org_descr`) in factRuEval, and an object made of
  descriptors alone is unnamed.

Facts (one-to-one matching, svodka's own rule — the shared task's track 3 scorer is not
reproduced):
- Occupation vs `positions`: positions with the same person, title, organization and
  country are one predicted fact (facts are not mentions). It matches a gold fact when a
  mention of its person overlaps a span of the `Who` chain, one of its start/end overlaps
  the `Position` span (when the fact has one) and its organization or country has a
  mention overlapping a span of the `Where` chain (when the fact has one). Rows `who+position` and `who+where` relax
  the match to those two arguments. factRuEval's Occupation is a person's work at a place
  (an organisation or a state: the `Where` slot), so only positions naming an organisation
  or a country are compared (`who+position`, which drops the place, compares all); the
  row `Occupation, all positions` counts the others as predictions too («правозащитник»,
  «вратарь» alone are posts, not such facts).
- Meeting vs `events` of type meeting or talks: the participants must agree both ways
  (each gold participant chain overlaps a participant's mention and each participant
  overlaps a gold chain).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from svodka.evaluate import track1
from svodka.evaluate.matching import overlaps, score_matching
from svodka.evaluate.report import Report, Table

log = logging.getLogger(__name__)

# factRuEval's Location also covers districts, streets, squares and buildings
TYPE_MAP = {"PERSON": "per", "ORGANIZATION": "org", "COUNTRY": "loc", "CITY": "loc",
            "REGION": "loc", "LOCATION": "loc", "DISTRICT": "loc", "FACILITY": "loc"}
SCORED_KINDS = {"name"}  # relational adjectives are geo_adj spans, not names
MEETING_TYPES = {"meeting", "talks"}
REFERENCE = re.compile(r"\b(obj|span)(\d+)\b")

Range = tuple[int, int]


@dataclass
class GoldToken:
    start: int
    end: int
    text: str
    touching: bool = False  # no space between it and the token before or after it

    @property
    def punctuation(self) -> bool:
        """One character that is no letter (a digit too), as the official scorer says."""
        return len(self.text) == 1 and self.text.lower() == self.text.upper()

    @property
    def ignored(self) -> bool:
        """Left out of predictions: punctuation written against a neighbouring token."""
        return self.punctuation and self.touching


@dataclass
class Fact:
    id: str
    type: str
    # role → one group of character ranges per argument line (a chain's mentions)
    args: dict[str, list[list[Range]]] = field(default_factory=dict)

    def ranges(self, role: str) -> list[Range]:
        return [r for group in self.args.get(role, []) for r in group]


@dataclass
class FactRuEvalDocument:
    id: str
    text: str
    tokens: dict[int, GoldToken] = field(default_factory=dict)
    spans: dict[int, tuple[str, list[int]]] = field(default_factory=dict)  # id → tag, tokens
    objects: dict[int, tuple[str, list[int]]] = field(default_factory=dict)  # id → type, spans
    chains: dict[int, list[int]] = field(default_factory=dict)  # coref chain → object ids
    facts: list[Fact] = field(default_factory=list)

    def span_range(self, span_id: int) -> Range:
        tokens = [self.tokens[t] for t in self.spans[span_id][1]]
        return min(t.start for t in tokens), max(t.end for t in tokens)

    def chain_ranges(self, chain_id: int) -> list[Range]:
        return [self.span_range(s) for o in self.chains.get(chain_id, [])
                for s in self.objects.get(o, ("", []))[1] if s in self.spans]

    def gold_token_sets(self) -> list[track1.TokenSet]:
        sets = []
        for kind, span_ids in self.objects.values():
            tag = track1.GOLD_TAGS.get(kind)
            if tag is None:
                continue
            marks: dict[int, int] = {}
            for span_id in span_ids:
                span_tag, token_ids = self.spans[span_id]
                for token_id in token_ids:
                    mark = int(span_tag in track1.NAME_SPANS[tag])
                    marks[token_id] = max(marks.get(token_id, 0), mark)
            punctuation = frozenset(i for i in marks if self.tokens[i].punctuation)
            sets.append(track1.TokenSet(tag, frozenset(marks), marks, punctuation=punctuation))
        return sets

    def token_set(self, tag: str, start: int, end: int) -> track1.TokenSet:
        inside = frozenset(i for i, t in self.tokens.items()
                           if t.start >= start and t.end <= end and not t.ignored)
        return track1.TokenSet(tag, inside)


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def read_factrueval_document(txt: Path) -> FactRuEvalDocument:
    with txt.open(encoding="utf-8", newline="") as handle:  # offsets count every "\r"
        doc = FactRuEvalDocument(id=txt.stem, text=handle.read())
    for line in _lines(txt.with_suffix(".tokens")):
        parts = line.split(" ", 3)
        if len(parts) == 4:
            start = int(parts[1])
            doc.tokens[int(parts[0])] = GoldToken(start, start + int(parts[2]), parts[3])
    _mark_touching(list(doc.tokens.values()))
    for line in _lines(txt.with_suffix(".spans")):
        left, _, right = line.partition("#")
        fields = left.split()
        if len(fields) >= 6:
            n = int(fields[5])
            doc.spans[int(fields[0])] = (fields[1], [int(t) for t in right.split()[:n]])
    for line in _lines(txt.with_suffix(".objects")):
        fields = line.partition("#")[0].split()
        if len(fields) >= 3:
            doc.objects[int(fields[0])] = (fields[1], [int(s) for s in fields[2:]
                                                       if int(s) in doc.spans])
    for line in _lines(txt.with_suffix(".coref")):
        fields = line.split()
        if fields and all(f.isdigit() for f in fields):
            doc.chains[int(fields[0])] = [int(f) for f in fields[1:]]
    doc.facts = _read_facts(doc, _lines(txt.with_suffix(".facts")))
    return doc


def _mark_touching(tokens: list[GoldToken]) -> None:
    ordered = sorted(tokens, key=lambda t: t.start)
    for before, after in pairwise(ordered):
        if before.end == after.start:
            before.touching = after.touching = True


def _read_facts(doc: FactRuEvalDocument, lines: list[str]) -> list[Fact]:
    facts: list[Fact] = []
    for line in lines:
        fields = line.split()
        if not fields:
            continue
        if len(fields) == 2 and "-" in fields[0] and fields[0].replace("-", "").isdigit():
            facts.append(Fact(fields[0], fields[1]))
            continue
        if not facts:
            continue
        ranges: list[Range] = []
        for kind, number in REFERENCE.findall(line):
            if kind == "obj":
                ranges += doc.chain_ranges(int(number))
            elif int(number) in doc.spans:
                ranges.append(doc.span_range(int(number)))
        if ranges:
            facts[-1].args.setdefault(fields[0], []).append(ranges)
    return facts


def read_factrueval_corpus(directory: Path) -> list[FactRuEvalDocument]:
    return [read_factrueval_document(p) for p in sorted(Path(directory).glob("*.txt"))]


# --- scoring --------------------------------------------------------------------------


def predicted_token_sets(doc: FactRuEvalDocument,
                         record: dict[str, Any]) -> list[track1.TokenSet]:
    return [doc.token_set(tag, start, end)
            for tag, start, end in factrueval_mentions(doc.text, record)]


def factrueval_mentions(text: str, record: dict[str, Any]) -> list[tuple[str, int, int]]:
    """(tag, start, end) of the record's mentions that are names in factRuEval's model
    (see the module docstring for why each kind of mention is left out)."""
    spans = {(TYPE_MAP[e["type"]], m["start"], m["end"])
             for e in record.get("entities", []) if e["type"] in TYPE_MAP
             for m in e.get("mentions", []) if m.get("kind", "name") in SCORED_KINDS}
    spans = {s for s in spans if not (s[0] == "org" and _descriptor_only(text[s[1]:s[2]]))}
    return sorted(s for s in spans if not _inside_same_tag(s, spans))


def _inside_same_tag(span: tuple[str, int, int], spans: set[tuple[str, int, int]]) -> bool:
    tag, start, end = span
    return any(other != span and other[0] == tag and other[1] <= start and end <= other[2]
               for other in spans)


def _descriptor_only(text: str) -> bool:
    """No capital, digit or Latin letter: generic words only («российское правительство»)."""
    return not any(ch.isupper() or ch.isdigit() or ("a" <= ch.lower() <= "z") for ch in text)


def _touches(ranges: list[Range], mentions: list[Range]) -> bool:
    return any(overlaps(a, b, c, d) for a, b in ranges for c, d in mentions)


def score_occupations(doc: FactRuEvalDocument, record: dict[str, Any], table: Table) -> None:
    mentions = {e["id"]: [(m["start"], m["end"]) for m in e.get("mentions", [])]
                for e in record.get("entities", [])}
    gold = [f for f in doc.facts if f.type == "Occupation" and "Who" in f.args]
    # facts are not mentions: positions saying the same thing are one predicted fact
    facts: dict[tuple, list[dict[str, Any]]] = {}
    for p in record.get("positions", []):
        key = (p["person"], p["title"], p.get("organization"), p.get("country"))
        facts.setdefault(key, []).append(p)
    every = list(facts.values())
    positions = [same for same in every if same[0].get("organization") or same[0].get("country")]

    def who(fact: Fact, same: list[dict[str, Any]]) -> bool:
        return _touches(fact.ranges("Who"), mentions.get(same[0]["person"], []))

    def post(fact: Fact, same: list[dict[str, Any]]) -> bool:
        return "Position" not in fact.args or _touches(
            fact.ranges("Position"), [(p["start"], p["end"]) for p in same])

    def where(fact: Fact, same: list[dict[str, Any]]) -> bool:
        places = [r for key in ("organization", "country") if same[0].get(key)
                  for r in mentions.get(same[0][key], [])]
        return "Where" not in fact.args or _touches(fact.ranges("Where"), places)

    table.row("Occupation").add(score_matching(
        gold, positions, lambda f, p: who(f, p) and post(f, p) and where(f, p)))
    table.row("Occupation who+position").add(score_matching(
        gold, every, lambda f, p: who(f, p) and post(f, p)))
    table.row("Occupation who+where").add(score_matching(
        gold, positions, lambda f, p: who(f, p) and where(f, p)))
    table.row("Occupation, all positions").add(score_matching(
        gold, every, lambda f, p: who(f, p) and post(f, p) and where(f, p)))


def score_meetings(doc: FactRuEvalDocument, record: dict[str, Any], table: Table) -> None:
    mentions = {e["id"]: [(m["start"], m["end"]) for m in e.get("mentions", [])]
                for e in record.get("entities", [])}
    gold = [f for f in doc.facts if f.type == "Meeting"]
    events = [e for e in record.get("events", []) if e.get("type") in MEETING_TYPES]

    def fits(fact: Fact, event: dict[str, Any]) -> bool:
        chains = fact.args.get("Participant", [])
        ranges = fact.ranges("Participant")
        people = [mentions.get(p, []) for p in event.get("participants", [])]
        return (bool(people)
                and all(any(_touches(c, m) for m in people) for c in chains)
                and all(_touches(ranges, m) for m in people))

    table.row("Meeting").add(score_matching(gold, events, fits))


def score_factrueval(pairs: Iterable[tuple[FactRuEvalDocument, dict[str, Any]]], *,
                     name: str = "factRuEval-2016") -> Report:
    report = Report(name)
    entities = report.table("entities (track 1, LocOrg as loc)")
    facts = report.table("facts")
    totals = {tag: track1.Counts() for tag in (*track1.TAGS, "overall")}
    count = 0
    for doc, record in pairs:
        counts = track1.score_document(doc.gold_token_sets(), predicted_token_sets(doc, record))
        for tag, c in counts.items():
            totals[tag].tp += c.tp
            totals[tag].n_std += c.n_std
            totals[tag].n_test += c.n_test
        score_occupations(doc, record, facts)
        score_meetings(doc, record, facts)
        count += 1
    for tag, c in totals.items():
        entities.rows[tag] = c.score()
    report.figures["documents"] = count
    return report


def evaluate_factrueval(directory: Path, *, pipeline: Any = None,
                        limit: int | None = None) -> Report:
    """Run the pipeline (default: the full default pipeline) over the collection, score it."""
    from svodka.article import Article
    from svodka.pipeline import Pipeline

    pipeline = pipeline or Pipeline.from_settings()
    docs = read_factrueval_corpus(Path(directory))[:limit]
    if not docs:
        log.warning("%s: no .txt files", directory)

    def records() -> Iterable[tuple[FactRuEvalDocument, dict[str, Any]]]:
        for doc in docs:
            article = pipeline(Article(text=doc.text, id=doc.id, origin=str(directory)))
            yield doc, article.to_record()

    report = score_factrueval(records(), name=f"factRuEval-2016 {Path(directory).name}")
    report.notes.append(f"stages: {', '.join(pipeline.names)}")
    return report
