"""The figures layer: which numbers are figures, and their indicator, change, period, forecast."""

from __future__ import annotations

import datetime as dt

import pytest

from svodka.article import Article, Timex
from svodka.extract import figures


@pytest.fixture(scope="module")
def annotate():
    from svodka.nlp import get_nlp

    nlp = get_nlp()

    def run(text: str, timexes: dict[str, str] | None = None) -> Article:
        """`timexes`: expression → value, standing in for the timexes stage."""
        article = Article(text=text, published=dt.date(2025, 6, 1))
        nlp.annotate(article)
        article.timexes = [Timex(text.index(expression), text.index(expression)
                                 + len(expression), value)
                           for expression, value in (timexes or {}).items()]
        figures.run(article)
        return article

    return run


def written(article: Article) -> list[str]:
    return [article.text[f.start : f.end] for f in article.figures]


# text, the figure as written, value, unit, indicator, change (value, unit, direction) or None
FIGURES = [
    ["Товарооборот вырос на 12% до $8,1 млрд.", "$8,1 млрд", 8.1e9, "USD", "товарооборот",
     (12.0, "%", "up")],
    ["Экспорт зерна сократился на 5,5% до 1,2 трлн рублей.", "1,2 трлн рублей", 1.2e12, "RUB",
     "экспорт", (5.5, "%", "down")],
    ["Инфляция снизилась на 0,4 п.п. за месяц.", "0,4 п.п.", 0.4, "п.п.", "инфляция",
     (0.4, "п.п.", "down")],
    ["Бюджет города составил 3 млрд рублей.", "3 млрд рублей", 3e9, "RUB", "бюджет", None],
    ["Добыча нефти достигла 120 тысяч тонн в сутки.", "120 тысяч", 1.2e5, "тонна",
     "добыча нефть", None],
    ["Правительство одобрило 35 проектов.", "35", 35.0, "проект", None, None],
    ["В больнице находятся 21 человек.", "21", 21.0, "человек", None, None],
    # a bare sum after a word of cost: money, in the article's currency (else rubles)
    ["Ремонт дачи обошелся в 930 тысяч.", "930 тысяч", 9.3e5, "RUB", None, None],
    ["Контракт на €2 млн подписан. Сервис обойдется клубу еще в 300 тысяч.", "300 тысяч",
     3e5, "EUR", None, None],
]


@pytest.mark.parametrize(("text", "expected", "value", "unit", "indicator", "change"), FIGURES)
def test_figure(annotate, text, expected, value, unit, indicator, change) -> None:
    article = annotate(text)
    found = {article.text[f.start : f.end]: f for f in article.figures}
    assert expected in found, written(article)
    figure = found[expected]
    assert figure.value == pytest.approx(value)
    assert (figure.unit, figure.indicator) == (unit, indicator)
    if change is None:
        assert figure.change is None
    else:
        assert (figure.change.value, figure.change.unit, figure.change.direction) == change


NOT_FIGURES = [
    "Заседание прошло 23 февраля 2022 года.",
    "На 23-м заседании комиссии решений не приняли.",
    "В 2019 году его избрали мэром.",
    "Истребители Су-35 и Boeing 737 показали на выставке.",
    "Встреча начнется в 16:30.",
    "Он проработал там 3 года.",
    "Дело возбуждено по ч. 2 ст. 105 УК РФ.",
    "Тираж журнала достиг 930 тысяч.",
]


@pytest.mark.parametrize("text", NOT_FIGURES)
def test_not_a_figure(annotate, text) -> None:
    assert annotate(text).figures == []


def test_period_is_the_timex_of_the_clause(annotate) -> None:
    article = annotate("В 2023 году выручка выросла до 5 млрд рублей, а в 2024 году — "
                       "7 млрд рублей.", {"В 2023 году": "2023", "в 2024 году": "2024"})
    periods = {article.text[f.start : f.end]: f.period for f in article.figures}
    assert periods == {"5 млрд рублей": "2023", "7 млрд рублей": "2024"}


def test_forecast_from_cue_and_future_tense(annotate) -> None:
    article = annotate("В прошлом году импорт составил 2 млрд долларов. В следующем году "
                       "ожидается 3 млрд долларов, а экспорт составит 4 млрд долларов.",
                       {"В прошлом году": "2024", "В следующем году": "2026"})
    forecast = {article.text[f.start : f.end]: f.forecast for f in article.figures}
    assert forecast == {"2 млрд долларов": False, "3 млрд долларов": True,
                        "4 млрд долларов": True}


def test_period_after_publication_year_is_a_forecast(annotate) -> None:
    article = annotate("В 2027 году экспорт газа составил 9 млрд долларов.",
                       {"В 2027 году": "2027"})
    (figure,) = article.figures
    assert (figure.period, figure.forecast) == ("2027", True)


def test_elliptical_amount_takes_the_currency_of_its_neighbour(annotate) -> None:
    article = annotate("Победитель получит 300 млн рублей, второе место — 250 млн.")
    units = {article.text[f.start : f.end]: f.unit for f in article.figures}
    assert units == {"300 млн рублей": "RUB", "250 млн": "RUB"}


# --- the seed article -------------------------------------------------------------------


def test_seed_trade_turnover(seed_record) -> None:
    text = seed_record["text"]
    by_text = {text[f["start"] : f["end"]]: f for f in seed_record["figures"]}
    level = by_text["$4,4 млрд"]
    assert level["value"] == pytest.approx(4.4e9)
    assert (level["unit"], level["indicator"], level["forecast"]) == ("USD", "товарооборот",
                                                                      False)
    assert level["change"] == {"value": 7.7, "unit": "%", "direction": "up"}
    assert by_text["7,7%"]["value"] == pytest.approx(7.7)
    assert by_text["7,7%"]["unit"] == "%"
    forecast = by_text["$5 млрд"]
    assert (forecast["value"], forecast["unit"], forecast["forecast"]) == (5e9, "USD", True)
    if seed_record["timexes"]:
        assert level["period"] == "2024"
        assert forecast["period"] == "2025"


def test_seed_has_no_figures_from_dates_or_ordinals(seed_record) -> None:
    text = seed_record["text"]
    spans = [text[f["start"] : f["end"]] for f in seed_record["figures"]]
    assert not [s for s in spans if "2022" in s or "23" in s or "9" == s]


# --- scoring against NEREL -----------------------------------------------------------------


def test_score_figures_counts_exact_spans_by_type() -> None:
    from svodka.evaluate.brat import BratDocument, BratEntity
    from svodka.evaluate.figures import score_figures

    text = "Цена выросла на 5% до 300 рублей, а потом до 9 евро."
    gold = BratDocument(id="d1", text=text, entities={
        "T1": BratEntity("T1", "PERCENT", 16, 18, "5%"),
        "T2": BratEntity("T2", "MONEY", 22, 32, "300 рублей"),
        "T3": BratEntity("T3", "MONEY", 45, 51, "9 евро"),
    })
    record = {"id": "d1", "figures": [
        {"start": 16, "end": 18, "unit": "%"},
        {"start": 22, "end": 32, "unit": "RUB"},
        {"start": 42, "end": 51, "unit": "EUR"},  # «до 9 евро»: not the gold span
        {"start": 0, "end": 4, "unit": "цена"},  # a count: not scored
    ]}
    table = score_figures([record], [gold]).tables[0]
    assert (table.rows["PERCENT"].tp, table.rows["PERCENT"].fp) == (1, 0)
    money = table.rows["MONEY"]
    assert (money.tp, money.fp, money.fn) == (1, 1, 1)
    assert table.rows["all"].f1 == pytest.approx(2 / 3)
