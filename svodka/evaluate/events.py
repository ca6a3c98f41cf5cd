"""`svodka evaluate events DIR`: the events layer scored against NEREL (brat) gold.

NEREL has no brat event lines: an event is an EVENT entity (untyped), and its arguments are
relations — `PARTICIPANT_IN` (Arg1 participant → Arg2 EVENT), `AGENT` (Arg1 → EVENT),
`TAKES_PLACE_IN` (EVENT → place) and `POINT_IN_TIME` (EVENT → DATE/TIME). Every svodka
event type maps to EVENT; NEREL's EVENT also covers births, deaths, matches, concerts, …,
which svodka leaves out, so trigger recall has a ceiling well below 1.

Triggers — every trigger mention of every svodka event against the gold EVENT spans,
`exact` (same start/end) and `overlap` (one shared character); one to one.

Arguments — a gold (EVENT span, role, argument span) triple matches a predicted (event,
role, argument) when one of the event's trigger mentions overlaps the gold EVENT span and:
- participant: a mention of the participant entity (or one standing for it) overlaps
  the argument span; gold = `PARTICIPANT_IN`; the row `participant+agent` adds `AGENT`;
- place: a mention of the place entity overlaps the argument span (`TAKES_PLACE_IN`);
- time: the timex nearest the event's first trigger among those with the event's `date`
  as their value overlaps it (`POINT_IN_TIME`).
One predicted triple per (event, role, argument); matching is one to one.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from svodka.evaluate.brat import BratDocument, read_brat_corpus
from svodka.evaluate.matching import overlaps, score_matching
from svodka.evaluate.report import Report

log = logging.getLogger(__name__)

ROLES = {"PARTICIPANT_IN": "participant", "AGENT": "agent", "TAKES_PLACE_IN": "place",
         "POINT_IN_TIME": "time"}
Pair = tuple[int, int]
Triple = tuple[Pair, str, Pair]  # (event span, role, argument span)
Guess = tuple[list[Pair], str, list[Pair]]  # (trigger mentions, role, argument spans)


def gold_triggers(doc: BratDocument) -> list[Pair]:
    return [(e.start, e.end) for e in doc.of_type("EVENT")]


def gold_arguments(doc: BratDocument) -> list[Triple]:
    """Every argument relation of an EVENT, as (event span, role, argument span)."""
    triples = []
    for relation in doc.relations:
        role = ROLES.get(relation.type)
        first, second = doc.entities.get(relation.arg1), doc.entities.get(relation.arg2)
        if role is None or first is None or second is None:
            continue
        event, argument = (second, first) if role in ("participant", "agent") else (first,
                                                                                   second)
        if event.type == "EVENT":
            triples.append(((event.start, event.end), role, (argument.start, argument.end)))
    return triples


def predicted_triggers(record: dict[str, Any]) -> list[Pair]:
    return [(m["start"], m["end"]) for event in record["events"] for m in event["mentions"]]


def predicted_arguments(record: dict[str, Any]) -> list[Guess]:
    spans: dict[str, list[Pair]] = {}
    for entity in record["entities"]:
        for mention in entity["mentions"]:
            span = (mention["start"], mention["end"])
            spans.setdefault(entity["id"], []).append(span)
            if mention.get("stands_for"):
                spans.setdefault(mention["stands_for"], []).append(span)
    guesses: list[Guess] = []
    for event in record["events"]:
        triggers = [(m["start"], m["end"]) for m in event["mentions"]]
        guesses += [(triggers, "participant", spans.get(p, [])) for p in event["participants"]]
        if event.get("place"):
            guesses.append((triggers, "place", spans.get(event["place"], [])))
        dated = [(abs(t["start"] - event["start"]), (t["start"], t["end"]))
                 for t in record["timexes"] if t["value"] == event.get("date")]
        if dated:  # the timex with the event's value nearest its first trigger
            guesses.append((triggers, "time", [min(dated)[1]]))
    return guesses


def _fits(gold: Triple, guess: Guess) -> bool:
    (event, role, argument), (triggers, guess_role, spans) = gold, guess
    return (role == guess_role and any(overlaps(*event, *t) for t in triggers)
            and any(overlaps(*argument, *s) for s in spans))


def score_document(doc: BratDocument, record: dict[str, Any], report: Report,
                   hits: dict[str, list[int]]) -> None:
    """Add one document's counts to `report`; `hits` counts, per svodka type, trigger
    mentions that overlap a gold EVENT and all trigger mentions."""
    gold, predicted = gold_triggers(doc), predicted_triggers(record)
    triggers = report.table("triggers (svodka events → NEREL EVENT)")
    triggers.row("exact").add(score_matching(gold, predicted, lambda g, p: g == p))
    triggers.row("overlap").add(score_matching(gold, predicted, lambda g, p: overlaps(*g, *p)))
    for event in record["events"]:  # precision per svodka type (NEREL has no types)
        row = hits.setdefault(event["type"], [0, 0])
        for m in event["mentions"]:
            row[0] += any(overlaps(m["start"], m["end"], *g) for g in gold)
            row[1] += 1
    arguments = report.table("arguments (through an overlapping trigger)")
    gold_args, guesses = gold_arguments(doc), predicted_arguments(record)
    for role in ("participant", "place", "time"):
        arguments.row(role).add(score_matching([g for g in gold_args if g[1] == role],
                                               [p for p in guesses if p[1] == role], _fits))
    agents = [(e, "participant", a) for e, r, a in gold_args if r in ("participant", "agent")]
    arguments.row("participant+agent").add(
        score_matching(agents, [p for p in guesses if p[1] == "participant"], _fits))
    everything = [g for g in gold_args if g[1] != "agent"]
    arguments.row("all (participant, place, time)").add(
        score_matching(everything, guesses, _fits))


def score_events(pairs: Iterable[tuple[BratDocument, dict[str, Any]]]) -> Report:
    report = Report("events vs NEREL")
    articles = events = 0
    hits: dict[str, list[int]] = {}
    for doc, record in pairs:
        score_document(doc, record, report, hits)
        articles += 1
        events += len(record["events"])
    report.figures.update({"articles": articles, "events predicted": events})
    for kind, (hit, total) in sorted(hits.items(), key=lambda item: -item[1][1]):
        report.figures[f"trigger precision {kind}"] = f"{hit / total:.3f} ({hit}/{total})"
    report.notes.append("all svodka event types map to NEREL's untyped EVENT; NEREL EVENT "
                        "also covers births, deaths, sports, culture (recall ceiling)")
    return report


def evaluate_events(directory: Path, *, limit: int | None = None) -> Report:
    """Run the pipeline over a NEREL folder and score its events (and time the stage)."""
    from svodka.article import Article
    from svodka.pipeline import Pipeline, available_stages
    from svodka.settings import Settings

    settings = Settings()
    registry = available_stages(settings)
    names = list(settings.stages)
    upstream = names[: names.index("events")] if "events" in names else names
    pipeline = Pipeline([registry[name] for name in upstream])
    stage = registry["events"]
    docs = read_brat_corpus(Path(directory))[:limit]
    spent = 0.0

    def records() -> Iterable[tuple[BratDocument, dict[str, Any]]]:
        nonlocal spent
        for doc in docs:
            article = pipeline(Article(text=doc.text, id=doc.id))
            began = time.perf_counter()
            stage(article)
            spent += time.perf_counter() - began
            yield doc, article.to_record()

    report = score_events(records())
    report.figures["events stage ms/article"] = round(1000 * spent / max(1, len(docs)), 3)
    return report

