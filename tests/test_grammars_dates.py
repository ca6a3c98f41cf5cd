"""The dates grammar and resolver: a phrase, an anchor, a tense → its span and value."""

from __future__ import annotations

import datetime as dt

import pytest

from svodka.extract.timex_resolve import resolve
from svodka.grammars.dates import find_dates

ANCHOR = dt.date(2025, 12, 14)  # a Sunday


def value_of(phrase: str, *, anchor: dt.date | None = ANCHOR, tense: str | None = "Past",
             antecedent: str | None = None) -> str:
    (match,) = find_dates(phrase)
    assert phrase[match.start : match.end] == phrase, "the grammar must cover the phrase"
    return resolve(match.words, anchor=anchor, tense=tense, antecedent=antecedent)


@pytest.mark.parametrize(("phrase", "value"), [
    # days, months, years
    ["9 октября этого года", "2025-10-09"],
    ["22 февраля 2022 года", "2022-02-22"],
    ["24.06.2016", "2016-06-24"],
    ["в пятницу, 26 февраля 2016 года", "2016-02-26"],
    ["в марте", "2025-03"],
    ["в апреле 2011 года", "2011-04"],
    ["в 2009 году", "2009"],
    ["в 410 году", "0410"],
    ["в прошлом году", "2024"],
    ["в этом году", "2025"],
    ["прошлого года", "2024"],
    # parts, seasons, quarters, halves, weeks
    ["в начале 2017 года", "2017"],
    ["в конце лета", "2025-SU"],
    ["летом 2012 года", "2012-SU"],
    ["прошлой зимой", "2024-WI"],
    ["в третьем квартале", "2025-Q3"],
    ["в первом полугодии 2016 года", "2016-01/2016-06"],
    ["на прошлой неделе", "2025-W49"],
    ["на этой неделе", "2025-W50"],
    ["в прошлом месяце", "2025-11"],
    # decades, centuries
    ["в 1990-е годы", "199X"],
    ["в 90-х годах", "199X"],
    ["в XIX веке", "18XX"],
    ["в прошлом веке", "19XX"],
    # ranges and open ranges
    ["2020-2022 годов", "2020/2022"],
    ["с 2019 по 2021 год", "2019/2021"],
    ["27-28 ноября 2019 года", "2019-11-27/2019-11-28"],
    ["в сентябре — октябре 2012 года", "2012-09/2012-10"],
    ["с декабря 2007 года по март 2010 года", "2007-12/2010-03"],
    ["с 2008 года", "2008/"],
    ["до 1999 года", "/1999"],
    ["после 1950 года", "1950/"],
    ["с 13 апреля", "2025-04-13/"],
    # relative to the anchor
    ["в прошлую среду", "2025-12-10"],
    ["в понедельник", "2025-12-08"],
    ["сегодня", "2025-12-14"],
    ["вчера", "2025-12-13"],
    ["накануне", "2025-12-13"],
    ["в настоящее время", "2025-12-14"],
    ["на сегодняшний день", "2025-12-14"],
    ["три года назад", "2022"],
    ["неделю назад", "2025-W49"],
    ["два месяца назад", "2025-10"],
    ["в выходные", "2025-12-13/2025-12-14"],
    # lengths, recurrences, vague points
    ["три года", "DURATION"],
    ["трёхдневный", "DURATION"],
    ["в последние недели", "DURATION"],
    ["в течение двух недель", "DURATION"],
    ["за последние 30 лет", "DURATION"],
    ["ежегодно", "SET"],
    ["каждый месяц", "SET"],
    ["несколько дней назад", "UNRESOLVED"],
    ["на днях", "UNRESOLVED"],
    ["спустя несколько дней", "UNRESOLVED"],
])
def test_past_tense_values(phrase: str, value: str) -> None:
    assert value_of(phrase) == value


@pytest.mark.parametrize(("phrase", "value"), [
    ["в понедельник", "2025-12-15"],
    ["в мае", "2026-05"],
    ["через два месяца", "2026-02"],
    ["через три дня", "2025-12-17"],
    ["в следующем году", "2026"],
    ["на следующей неделе", "2025-W51"],
])
def test_future_tense_values(phrase: str, value: str) -> None:
    assert value_of(phrase, tense="Fut") == value


@pytest.mark.parametrize(("phrase", "antecedent", "value"), [
    ["в тот же день", "2019-07-22", "2019-07-22"],
    ["на следующий день", "2019-07-22", "2019-07-23"],
    ["в том же году", "2015-03", "2015"],
    ["через четыре дня", "2009-07-22", "2009-07-26"],
    ["годом позже", "1988", "1989"],
    ["в тот же день", None, "UNRESOLVED"],
])
def test_values_from_the_antecedent(phrase: str, antecedent: str | None, value: str) -> None:
    assert value_of(phrase, antecedent=antecedent) == value


@pytest.mark.parametrize(("phrase", "value"), [
    ["в прошлом году", "UNRESOLVED"],
    ["в прошлую среду", "UNRESOLVED"],
    ["в марте", "UNRESOLVED"],
    ["три года назад", "UNRESOLVED"],
    ["22 февраля 2022 года", "2022-02-22"],
    ["в 1990-е годы", "199X"],
    ["с 2019 по 2021 год", "2019/2021"],
])
def test_without_an_anchor_only_absolute_expressions_resolve(phrase: str, value: str) -> None:
    assert value_of(phrase, anchor=None) == value


@pytest.mark.parametrize(("text", "span"), [
    ["Встреча состоялась 9 октября этого года в Душанбе.", "9 октября этого года"],
    ["Он уехал в 2009 году и вернулся.", "в 2009 году"],
    ["Заседание пройдет в конце марта в Москве.", "в конце марта"],
    ["Товарооборот вырос на 5% в прошлом году.", "в прошлом году"],
    ["Компания выпускает 500 тысяч тонн в год.", "в год"],
])
def test_spans(text: str, span: str) -> None:
    assert [text[m.start : m.end] for m in find_dates(text)] == [span]


@pytest.mark.parametrize("text", [
    "Товарооборот вырос на 7,7% до $4,4 млрд.",
    "Пандемия COVID-19 изменила планы.",
    "На 23-м заседании обсудили 15 вопросов.",
    "В акции участвовали около 300 человек.",
])
def test_numbers_that_are_not_dates(text: str) -> None:
    assert find_dates(text) == []


def test_a_rel_word_sets_the_direction_of_a_month() -> None:
    assert value_of("в следующем мае") == "2026-05"
    assert value_of("в прошлом мае", tense="Fut") == "2025-05"
