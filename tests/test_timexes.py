"""The timexes stage: spans and values on whole articles, the seed, and `evaluate dates`."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from svodka.article import Article
from tests.conftest import assert_offsets

ANCHOR = dt.date(2025, 12, 14)


def timexes(pipeline, text: str, published: dt.date | None = ANCHOR) -> list[tuple[str, str]]:
    article = pipeline(Article(text=text, published=published))
    assert not article.errors
    return [(text[t.start : t.end], t.value) for t in article.timexes]


SEED_TIMEXES = [
    ("9 октября этого года", "2025-10-09"),
    ("22 февраля 2022 года", "2022-02-22"),
    ("В прошлом году", "2024"),
    ("в этом году", "2025"),
    ("В конце лета", "2025-SU"),
    ("2020-2022 годов", "2020/2022"),
    ("в настоящее время", "2025-12-14"),
]


@pytest.mark.parametrize(("span", "value"), SEED_TIMEXES)
def test_seed_timexes(seed_record, span: str, value: str) -> None:
    text = seed_record["text"]
    found = [(text[t["start"] : t["end"]], t["value"]) for t in seed_record["timexes"]]
    assert (span, value) in found


def test_seed_figures_are_not_timexes(seed_record) -> None:
    text = seed_record["text"]
    spans = [text[t["start"] : t["end"]] for t in seed_record["timexes"]]
    assert not any(("7,7" in s) or ("4,4" in s) or ("23-м" in s) for s in spans)
    assert_offsets(seed_record)


@pytest.mark.parametrize(("text", "expected"), [
    ["В марте товарооборот вырос на 3%.", [("В марте", "2025-03")]],
    ["В марте стороны подпишут соглашение.", [("В марте", "2026-03")]],
    ["Через два месяца состоится саммит.", [("Через два месяца", "2026-02")]],
    ["Министр прилетел в Баку в среду.", [("в среду", "2025-12-10")]],
    ["Министр прилетит в Баку в среду.", [("в среду", "2025-12-17")]],
    ["Выставка открылась 3 мая 2010 года, а на следующий день её посетил мэр.",
     [("3 мая 2010 года", "2010-05-03"), ("на следующий день", "2010-05-04")]],
])
def test_values_follow_the_tense_and_the_antecedent(pipeline, text, expected) -> None:
    assert timexes(pipeline, text) == expected


def test_without_published_relative_expressions_are_unresolved(pipeline) -> None:
    text = "В прошлом году договор, подписанный 22 февраля 2022 года, вступил в силу."
    assert timexes(pipeline, text, published=None) == [
        ("В прошлом году", "UNRESOLVED"), ("22 февраля 2022 года", "2022-02-22")]


@pytest.mark.parametrize("text", [
    "Товарооборот вырос на 7,7% до $4,4 млрд.",
    "Пандемия COVID-19 изменила планы на 23-м заседании.",
    "В возрасте 60 лет умер известный актер.",
    "Министру 52 года, он родился в Казани.",
    "Его 40-летний сын стал депутатом.",
    "Газета «Сегодня» опубликовала интервью.",
    "Они говорили об охране окружающей среды.",
])
def test_numbers_ages_and_names_are_not_timexes(pipeline, text: str) -> None:
    assert timexes(pipeline, text) == []


def test_a_length_in_years_before_a_duration_noun_is_kept(pipeline) -> None:
    assert timexes(pipeline, "Он отбывает 25-летний срок.") == [("25-летний", "DURATION")]


def test_evaluate_dates_scores_spans_and_values(tmp_path) -> None:
    from svodka.evaluate.dates import evaluate_dates

    texts = tmp_path / "texts"
    texts.mkdir()
    text = "Встреча прошла 9 октября 2024 года. Утром в пятницу министр вылетел домой."
    (texts / "doc1.txt").write_text(text, encoding="utf-8")
    (texts / "doc1.ann").write_text(
        "T1\tDATE 15 34\t9 октября 2024 года\nT2\tTIME 36 41\tУтром\n", encoding="utf-8")
    start = text.index("в пятницу")
    gold = tmp_path / "dev.jsonl"
    rows = [{"doc": "doc1", "anchor": "2024-10-12", "start": 15, "end": 34,
             "text": "9 октября 2024 года", "value": "2024-10-09"},
            {"doc": "doc1", "anchor": "2024-10-12", "start": start, "end": start + 9,
             "text": "в пятницу", "value": "2024-10-11"}]
    gold.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")

    report = evaluate_dates(texts, gold)
    score = report.tables[0].rows["DATE"]
    assert (score.tp, score.fp, score.fn) == (2, 0, 0)
    assert report.figures["value accuracy"] == 1.0

    spans_only = evaluate_dates(texts)  # gold = the .ann DATE spans
    score = spans_only.tables[0].rows["DATE"]
    assert (score.tp, score.fn) == (1, 0)
    assert "value accuracy" not in spans_only.figures


def test_cli_has_evaluate_dates() -> None:
    from svodka.cli import build_parser

    args = build_parser().parse_args(["evaluate", "dates", "--texts", "x", "--json"])
    assert args.kind == "dates" and args.gold is None and args.json
