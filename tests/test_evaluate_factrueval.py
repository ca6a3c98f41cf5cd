"""The factRuEval-2016 scorers on small gold/prediction pairs written here, and on real
devset documents."""

from __future__ import annotations

import pytest

from svodka.evaluate import track1
from svodka.evaluate.factrueval import (
    evaluate_factrueval,
    read_factrueval_document,
    score_factrueval,
)

TEXT = "Мэр Москвы Юрий Лужков посетил мэрию Москвы ."
TOKENS = [(1, 0, "Мэр"), (2, 4, "Москвы"), (3, 11, "Юрий"), (4, 16, "Лужков"),
          (5, 23, "посетил"), (6, 31, "мэрию"), (7, 37, "Москвы"), (8, 44, ".")]
SPANS = [(11, "job", 1), (12, "loc_name", 2), (13, "name", 3), (14, "surname", 4),
         (15, "org_descr", 6), (16, "loc_name", 7)]
OBJECTS = ["21 LocOrg 12 # Москвы", "22 Person 13 14 # Юрий Лужков",
           "23 Org 15 16 # мэрию Москвы", "24 LocOrg 16 # Москвы"]
COREF = "31 22\nname Юрий\n\n32 21 24\nname Москва\n"
FACTS = "1-0 Occupation\nWho obj31 Лужков Юрий\nPosition span11 мэр\nWhere obj32 Москва\n"


@pytest.fixture()
def gold(tmp_path):
    (tmp_path / "doc_1.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "doc_1.tokens").write_text(
        "".join(f"{i} {s} {len(t)} {t}\n" for i, s, t in TOKENS), encoding="utf-8")
    starts = {i: (s, t) for i, s, t in TOKENS}
    (tmp_path / "doc_1.spans").write_text("".join(
        f"{i} {tag} {starts[t][0]} {len(starts[t][1])} {t} 1  # {t} {starts[t][1]}\n"
        for i, tag, t in SPANS), encoding="utf-8")
    (tmp_path / "doc_1.objects").write_text("\n".join(OBJECTS) + "\n", encoding="utf-8")
    (tmp_path / "doc_1.coref").write_text(COREF, encoding="utf-8")
    (tmp_path / "doc_1.facts").write_text(FACTS, encoding="utf-8")
    return read_factrueval_document(tmp_path / "doc_1.txt")


def _entity(ident, kind, *spans, mention_kind="name"):
    return {"id": ident, "type": kind, "name": ident, "wikidata": None,
            "mentions": [{"start": s, "end": e, "kind": mention_kind} for s, e in spans]}


def _score(doc, entities, positions=()):
    record = {"entities": entities, "positions": list(positions), "events": []}
    return score_factrueval([(doc, record)])


def test_loader_reads_objects_chains_and_facts(gold):
    assert gold.span_range(14) == (16, 22)
    assert gold.chain_ranges(32) == [(4, 10), (37, 43)]
    (fact,) = gold.facts
    assert fact.type == "Occupation" and fact.ranges("Position") == [(0, 3)]


def test_exact_prediction_scores_full_marks(gold):
    # gold that counts: Лужков (per), «Москвы» in «Мэр Москвы» (LocOrg → loc) and the
    # org «мэрию Москвы»; the LocOrg «Москвы» inside the org is embedded and ignored
    report = _score(gold, [_entity("p", "PERSON", (11, 22)), _entity("c", "CITY", (4, 10)),
                           _entity("o", "ORGANIZATION", (31, 43))])
    rows = report.table("entities (track 1, LocOrg as loc)").rows
    assert (rows["overall"].tp, rows["overall"].fp, rows["overall"].fn) == (3, 0, 0)
    assert rows["loc"].f1 == 1.0


def test_descriptor_words_are_free_and_extra_words_cost(gold):
    # «Москвы» alone as the org: the descriptor «мэрию» carries no weight → quality 1;
    # «Юрий Лужков посетил» as a person: one extra token → 2 / 3
    report = _score(gold, [_entity("o", "ORGANIZATION", (37, 43)),
                           _entity("p", "PERSON", (11, 30))])
    rows = report.table("entities (track 1, LocOrg as loc)").rows
    assert rows["org"].tp == 1.0
    assert rows["per"].tp == pytest.approx(0.67, abs=0.01)


def test_matching_is_one_to_one_and_unmatched_predictions_count(gold):
    report = _score(gold, [_entity("p", "PERSON", (11, 22), (0, 3)),
                           _entity("c", "COUNTRY", (23, 30))])  # «посетил»: no gold token
    rows = report.table("entities (track 1, LocOrg as loc)").rows
    assert rows["per"].tp == 1 and rows["per"].fp == 1
    assert rows["loc"].fp == 1 and rows["loc"].fn == 1


def test_locorg_counts_as_loc_not_org(gold):
    report = _score(gold, [_entity("c", "ORGANIZATION", (4, 10))])
    rows = report.table("entities (track 1, LocOrg as loc)").rows
    assert rows["org"].fp == 1 and rows["loc"].fn == 1


def test_quality_formula():
    s = track1.TokenSet("per", frozenset({1, 2}), {1: 1, 2: 0})
    t = track1.TokenSet("per", frozenset({1, 3}))
    assert track1.priority(s, t) == pytest.approx(1 / 3)
    assert track1.quality(s, t) == pytest.approx(1 / 2)  # tp 1, fp 1, fn 0 (token 2 unmarked)
    assert track1.quality(s, track1.TokenSet("org", frozenset({1, 2}))) == 0


def test_occupation_needs_who_position_and_where(gold):
    entities = [_entity("p", "PERSON", (11, 22)), _entity("c", "CITY", (4, 10))]
    right = {"person": "p", "title": "мэр", "start": 0, "end": 10,
             "organization": None, "country": "c"}
    rows = _score(gold, entities, [right]).table("facts").rows
    assert (rows["Occupation"].tp, rows["Occupation"].fp) == (1, 0)
    no_place = dict(right, country=None)
    rows = _score(gold, entities, [no_place]).table("facts").rows
    assert rows["Occupation who+position"].tp == 1
    # a post at no place is no Occupation fact: not compared, but counted in the last row
    assert (rows["Occupation"].tp, rows["Occupation"].fp) == (0, 0)
    assert (rows["Occupation, all positions"].tp, rows["Occupation, all positions"].fp) == (0, 1)


def test_smoke_three_devset_documents(shared_data, pipeline):
    report = evaluate_factrueval(shared_data / "factrueval-2016" / "devset",
                                 pipeline=pipeline, limit=3)
    assert report.figures["documents"] == 3
    overall = report.table("entities (track 1, LocOrg as loc)").rows["overall"]
    assert overall.f1 > 0.3


def test_positions_saying_the_same_are_one_predicted_fact(gold):
    entities = [_entity("p", "PERSON", (11, 22)), _entity("c", "CITY", (4, 10))]
    post = {"person": "p", "title": "мэр", "start": 0, "end": 10,
            "organization": None, "country": "c"}
    again = dict(post, start=0, end=3)
    rows = _score(gold, entities, [post, again]).table("facts").rows
    assert (rows["Occupation"].tp, rows["Occupation"].fp) == (1, 0)
