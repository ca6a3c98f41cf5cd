"""`svodka evaluate identity`: B-cubed, span alignment, and the report over hand-made gold."""

from __future__ import annotations

import json

import pytest

from svodka.cli import build_parser
from svodka.evaluate.brat import BratDocument, BratEntity
from svodka.evaluate.identity import align, bcubed, score_identity

# (gold labels, predicted labels, precision, recall)
BCUBED_CASES = [
    ("aab", "xxy", 1.0, 1.0),                       # the same partition, other names
    ("aab", "xxx", 5 / 9, 1.0),                     # everything in one cluster
    ("aab", "xyz", 1.0, 2 / 3),                     # every mention alone
    ("aaabb", "xxyyy", (1 + 1 + 1 / 3 + 2 / 3 + 2 / 3) / 5, (2 / 3 + 2 / 3 + 1 / 3 + 1 + 1) / 5),
    ("", "", 0.0, 0.0),
]


@pytest.mark.parametrize("gold, predicted, precision, recall", BCUBED_CASES)
def test_bcubed(gold, predicted, precision, recall):
    p, r = bcubed(list(zip(gold, predicted, strict=True)))
    assert p == pytest.approx(precision) and r == pytest.approx(recall)


MENTIONS = [(0, 5, "PERSON", "e1"), (10, 20, "ORGANIZATION", "e2"), (12, 16, "PERSON", "e3")]


@pytest.mark.parametrize("start, end, kind, overlap, expected", [
    (0, 5, "PERSON", False, "e1"),
    (0, 4, "PERSON", False, None),          # exact needs the same span
    (0, 4, "PERSON", True, "e1"),
    (11, 17, "ORGANIZATION", True, "e2"),   # the most shared characters wins
    (11, 17, "PERSON", True, "e3"),         # … among mentions of the gold type
    (0, 5, "ORGANIZATION", False, "e1"),    # an exact span aligns whatever its type
    (0, 4, "ORGANIZATION", True, None),
    (12, 16, "PERSON", True, "e3"),         # an exact span wins over a wider one
    (30, 35, "PERSON", True, None),
])
def test_align(start, end, kind, overlap, expected):
    assert align(start, end, kind, MENTIONS, overlap=overlap) == expected


def gold_and_record(doc_id: str, names: list[tuple[str, str, str | None]]) -> tuple:
    """A gold document and a svodka record over the same text: each (surface, type, QID)
    is one gold mention and one svodka entity named by its surface."""
    text, entities, record_entities = "", {}, []
    for index, (surface, kind, qid) in enumerate(names, 1):
        start, end = len(text), len(text) + len(surface)
        text += surface + ". "
        entities[f"T{index}"] = BratEntity(f"T{index}", kind, start, end, surface,
                                           wikidata=qid)
        record_entities.append({"id": f"e{index}", "type": kind, "name": surface,
                                "wikidata": None,
                                "mentions": [{"start": start, "end": end, "kind": "name"}]})
    doc = BratDocument(doc_id, text, entities)
    return doc, {"id": doc_id, "published": None, "text": text, "entities": record_entities}


def test_score_identity_against_the_string_baseline():
    corpus = [
        gold_and_record("d1", [("Сергей Лавров", "PERSON", "Q1"), ("ООН", "ORGANIZATION", "Q2")]),
        gold_and_record("d2", [("Sergey Lavrov", "PERSON", "Q1"), ("ООН", "ORGANIZATION", "Q2"),
                               ("Вася", "PERSON", None)]),
    ]
    report = score_identity({"tiny": corpus}, baseline_key=str.lower)
    rows = {(r.alignment, r.type, r.system): r for r in report.bcubed}
    svodka = rows[("exact", "PERSON", "svodka")]
    assert svodka.mentions == 2 and (svodka.precision, svodka.recall) == (1.0, 1.0)
    baseline = rows[("exact", "PERSON", "baseline")]
    assert (baseline.precision, baseline.recall) == (1.0, 0.5)
    assert rows[("exact", "ORGANIZATION", "baseline")].recall == 1.0
    assert rows[("exact", "overall", "no-linking")].recall == 0.5
    assert report.figures["tiny PERSON gold mentions with a QID"] == 2  # «Вася» has no QID
    assert "B-cubed" in report.to_text()
    assert json.loads(report.to_json())["bcubed"][0]["corpus"] == "tiny"


def test_unaligned_gold_is_counted_not_scored():
    doc, rec = gold_and_record("d1", [("Сергей Лавров", "PERSON", "Q1")])
    rec["entities"][0]["mentions"][0]["start"] += 1
    report = score_identity({"tiny": [(doc, rec)]}, baseline_key=str.lower)
    assert report.figures["tiny PERSON aligned, exact"] == 0
    assert report.figures["tiny PERSON aligned, overlap"] == 1
    exact = [r for r in report.bcubed if r.alignment == "exact"]
    assert all(r.mentions == 0 for r in exact)


def test_cli_parses_identity():
    args = build_parser().parse_args(["evaluate", "identity", "train", "dev", "--json",
                                      "--limit", "3"])
    assert args.directories == ["train", "dev"] and args.json and args.limit == 3
    assert args.func.__name__ == "cmd_evaluate_identity"


def test_evaluate_identity_on_nerel_train(shared_data, pipeline):
    from svodka.evaluate.identity import evaluate_identity

    report = evaluate_identity([shared_data / "nerel" / "train"], pipeline=pipeline, limit=3)
    assert report.figures["train documents"] == 3
    rows = {(r.alignment, r.type, r.system): r for r in report.bcubed}
    for alignment in ("exact", "overlap"):
        aligned = sum(report.figures[f"train {kind} aligned, {alignment}"]
                      for kind in ("PERSON", "ORGANIZATION"))
        assert rows[(alignment, "overall", "svodka")].mentions == aligned
    for kind in ("PERSON", "ORGANIZATION"):
        gold = report.figures[f"train {kind} gold mentions with a QID"]
        assert report.figures[f"train {kind} aligned, exact"] <= gold
    assert all(0.0 <= r.precision <= 1.0 and 0.0 <= r.recall <= 1.0 for r in report.bcubed)


def test_generic_names_score_as_one_kind_apart_from_named_bodies():
    # NEREL links a bare «МВД» to the class (ministry of the interior), «МВД России» to the body
    corpus = [
        gold_and_record("d1", [("МВД", "ORGANIZATION", "Q6589202"),
                               ("МВД России", "ORGANIZATION", "Q1192838")]),
        gold_and_record("d2", [("МВД", "ORGANIZATION", "Q6589202")]),
        gold_and_record("d3", [("МВД России", "ORGANIZATION", "Q1192838")]),
    ]
    report = score_identity({"tiny": corpus}, baseline_key=str.lower)
    svodka = next(r for r in report.bcubed
                  if (r.alignment, r.type, r.system) == ("exact", "ORGANIZATION", "svodka"))
    assert (svodka.precision, svodka.recall, svodka.entities) == (1.0, 1.0, 2)
