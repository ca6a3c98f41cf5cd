"""The NEREL scorer on small gold/prediction pairs written here, and on real dev documents."""

from __future__ import annotations

from svodka.evaluate.brat import BratDocument, BratEntity, BratRelation
from svodka.evaluate.matching import match_one_to_one, overlaps
from svodka.evaluate.nerel import evaluate_nerel, predicted_entity_spans, score_nerel

TEXT = "Глава МИД РФ Сергей Лавров прибыл в Анкару. Рост составил 5%."


def _gold() -> BratDocument:
    doc = BratDocument(id="d1", text=TEXT)
    for ident, kind, start, end, qid in [
        ("T1", "PROFESSION", 0, 5, None),     # Глава
        ("T2", "ORGANIZATION", 6, 12, None),  # МИД РФ
        ("T3", "COUNTRY", 10, 12, "Q159"),    # РФ (nested)
        ("T4", "PERSON", 13, 26, "Q80510"),   # Сергей Лавров
        ("T5", "CITY", 36, 42, "Q3640"),      # Анкару
        ("T6", "PERCENT", 59, 61, None),      # 5%
    ]:
        doc.entities[ident] = BratEntity(ident, kind, start, end, TEXT[start:end],
                                         wikidata=qid)
    doc.relations = [BratRelation("R1", "WORKS_AS", "T4", "T1"),
                     BratRelation("R2", "WORKPLACE", "T4", "T2")]
    return doc


def _record(**layers) -> dict:
    record = {"id": "d1", "text": TEXT, "entities": [], "positions": [], "figures": []}
    record.update(layers)
    return record


ENTITIES = [
    {"id": "e1", "type": "ORGANIZATION", "name": "МИД России", "wikidata": None,
     "mentions": [{"start": 6, "end": 12, "kind": "name"}]},
    {"id": "e2", "type": "COUNTRY", "name": "Россия", "wikidata": "Q159",
     "mentions": [{"start": 10, "end": 12, "kind": "name"}]},
    {"id": "e3", "type": "PERSON", "name": "Сергей Лавров", "wikidata": None,
     "mentions": [{"start": 20, "end": 26, "kind": "name"},       # «Лавров» only
                  {"start": 0, "end": 5, "kind": "nominal"}]},   # nominal: not scored
    {"id": "e4", "type": "CITY", "name": "Анкара", "wikidata": "Q3640",
     "mentions": [{"start": 36, "end": 42}]},                     # kind missing = name
]


def test_exact_and_overlap_spans_with_nested_gold():
    report = score_nerel([(_gold(), _record(entities=ENTITIES))])
    exact = report.table("entities, exact span").rows
    overlap = report.table("entities, overlap").rows
    assert (exact["ORGANIZATION"].tp, exact["COUNTRY"].tp, exact["CITY"].tp) == (1, 1, 1)
    assert (exact["PERSON"].tp, exact["PERSON"].fp, exact["PERSON"].fn) == (0, 1, 1)
    assert (overlap["PERSON"].tp, overlap["PERSON"].fp) == (1, 0)
    assert exact["overall"].tp == 3 and exact["overall"].fn == 1
    assert exact["geo"].tp == 2 and exact["geo"].fn == 0
    assert report.figures["wikidata links found"] == 2
    assert report.figures["wikidata gold links"] == 3


def test_nominal_mentions_are_not_entity_spans():
    spans = predicted_entity_spans(_record(entities=ENTITIES))
    assert ("PERSON", 0, 5) not in spans and ("PERSON", 20, 26) in spans


def test_types_must_agree():
    wrong = [{"id": "e1", "type": "LOCATION", "name": "Анкара", "wikidata": None,
              "mentions": [{"start": 36, "end": 42, "kind": "name"}]}]
    report = score_nerel([(_gold(), _record(entities=wrong))])
    overlap = report.table("entities, overlap").rows
    assert overlap["CITY"].fn == 1 and overlap["LOCATION"].fp == 1


def test_posts_match_works_as_and_workplace():
    position = {"person": "e3", "title": "глава", "start": 0, "end": 5,
                "organization": "e1", "country": None}
    report = score_nerel([(_gold(), _record(entities=ENTITIES, positions=[position]))])
    posts = report.table("posts (relations)").rows
    assert (posts["WORKS_AS"].tp, posts["WORKS_AS"].fp, posts["WORKS_AS"].fn) == (1, 0, 0)
    assert (posts["WORKPLACE"].tp, posts["WORKPLACE"].fp) == (1, 0)
    # the same title tied to another person does not match
    elsewhere = dict(position, person="e4")
    report = score_nerel([(_gold(), _record(entities=ENTITIES, positions=[elsewhere]))])
    assert report.table("posts (relations)").rows["WORKS_AS"].tp == 0


def test_figures_are_read_from_the_figures_layer():
    figures = [{"start": 59, "end": 61, "value": 5.0, "unit": "%"},
               {"start": 0, "end": 5, "value": 1.0, "unit": "человек"}]  # not MONEY/PERCENT
    report = score_nerel([(_gold(), _record(figures=figures))])
    exact = report.table("figures, exact span").rows
    assert (exact["PERCENT"].tp, exact["PERCENT"].fp, exact["MONEY"].fp) == (1, 0, 0)


def test_matching_is_one_to_one():
    gold = [(0, 10)]
    predicted = [(0, 5), (5, 10)]
    pairs = match_one_to_one(gold, predicted, lambda g, p: overlaps(*g, *p))
    assert len(pairs) == 1
    # a prediction overlapping two gold spans pairs with one, the other finds its own
    pairs = match_one_to_one([(0, 4), (3, 8)], [(0, 8), (5, 8)], lambda g, p: overlaps(*g, *p))
    assert pairs == [(0, 0), (1, 1)]


def test_smoke_three_dev_documents(shared_data, pipeline):
    report = evaluate_nerel(shared_data / "nerel" / "dev", pipeline=pipeline, limit=3)
    assert report.figures["documents"] == 3
    overall = report.table("entities, overlap").rows["overall"]
    assert overall.tp + overall.fn > 0 and overall.f1 > 0.3
    assert "WORKS_AS" in report.table("posts (relations)").rows
