"""The money grammar: amount expressions, their spans, scaled values and units."""

from __future__ import annotations

import pytest

from svodka.grammars.money import find_amounts

# text, the expression as written, kind, value, unit
AMOUNTS = [
    ["экспорт достиг $3,2 млрд в марте", "$3,2 млрд", "money", 3.2e9, "USD"],
    ["выделили 4,4 млрд долларов на дороги", "4,4 млрд долларов", "money", 4.4e9, "USD"],
    ["расходы составят 1,2 трлн рублей", "1,2 трлн рублей", "money", 1.2e12, "RUB"],
    ["контракт на €300 млн подписан", "€300 млн", "money", 3e8, "EUR"],
    ["инвестиции в 150 млн юаней", "150 млн юаней", "money", 1.5e8, "CNY"],
    ["фонд получит 2,5 миллиарда евро", "2,5 миллиарда евро", "money", 2.5e9, "EUR"],
    ["премия 9 млн шведских крон", "9 млн шведских крон", "money", 9e6, "SEK"],
    ["кредит в 250 млн долларов США", "250 млн долларов США", "money", 2.5e8, "USD"],
    ["залог в 40 тысяч фунтов стерлингов", "40 тысяч фунтов стерлингов", "money", 4e4, "GBP"],
    ["штраф около 15 тыс. руб. за нарушение", "около 15 тыс. руб.", "money", 1.5e4, "RUB"],
    ["штраф до 700 тыс. рублей", "до 700 тыс. рублей", "money", 7e5, "RUB"],
    ["ущерб оценили примерно в 3,4 млн долларов", "примерно в 3,4 млн долларов", "money", 3.4e6,
     "USD"],
    ["ремонт обошелся в 30 млн рублей", "30 млн рублей", "money", 3e7, "RUB"],
    ["от 30 до 50 тысяч рублей для граждан", "от 30 до 50 тысяч рублей", "money", 3e4, "RUB"],
    ["ущерб в 20-40 млн рублей", "20-40 млн рублей", "money", 2e7, "RUB"],
    ["дом за 63 250 долларов", "63 250 долларов", "money", 63250.0, "USD"],
    ["заплатил миллион долларов", "миллион долларов", "money", 1e6, "USD"],
    ["собрали полтора миллиона евро", "полтора миллиона евро", "money", 1.5e6, "EUR"],
    ["обошлось в несколько миллионов евро", "несколько миллионов евро", "money", 2e6, "EUR"],
    ["билет стоит 90 центов", "90 центов", "money", 0.9, "USD"],
    ["выросла на 7,7% за год", "7,7%", "percent", 7.7, "%"],
    ["получил 12 процентов голосов", "12 процентов", "percent", 12.0, "%"],
    ["набрал более 60 % голосов", "более 60 %", "percent", 60.0, "%"],
    ["явка менее одного процента", "менее одного процента", "percent", 1.0, "%"],
    ["с 40-процентным отставанием", "40-процентным", "percent", 40.0, "%"],
    ["ставка выросла на 3,5 п.п. за месяц", "3,5 п.п.", "points", 3.5, "п.п."],
    ["безработица на 2 процентных пункта выше", "2 процентных пункта", "points", 2.0, "п.п."],
    ["поставки 120 тысяч тонн зерна", "120 тысяч", "amount", 1.2e5, None],
    ["запущено 35 проектов", "35", "amount", 35.0, None],
]


@pytest.mark.parametrize(("text", "written", "kind", "value", "unit"), AMOUNTS)
def test_amount(text: str, written: str, kind: str, value: float, unit: str | None) -> None:
    matches = [m for m in find_amounts(text) if m.kind != "amount" or kind == "amount"]
    assert matches, text
    match = matches[0]
    assert text[match.start : match.end] == written
    assert (match.kind, match.unit) == (kind, unit)
    assert match.value == pytest.approx(value)


# numbers that are not amounts of their own: dates, times, ordinals, parts of names, codes
NOT_AMOUNTS = [
    ["на 23-м заседании комиссии", "23"],
    ["встреча 22.02.2022 в Москве", "22"],
    ["в 16:30 по Москве", "16"],
    ["вакцина от COVID-19 поступила", "19"],
    ["истребитель Су-35 вылетел", "35"],
    ["дом № 37 на улице", "37"],
    ["в 20-летнем возрасте", "20"],
]


@pytest.mark.parametrize(("text", "number"), NOT_AMOUNTS)
def test_not_an_amount(text: str, number: str) -> None:
    assert not [m for m in find_amounts(text) if number in m.text], text


def test_sentence_final_abbreviation_dot_is_left_out() -> None:
    text = "Ущерб составил 750 млн руб. Дело передано в суд."
    (match,) = find_amounts(text)
    assert text[match.start : match.end] == "750 млн руб"


def test_change_preposition_is_outside_the_span() -> None:
    text = "цены выросли на 4% за месяц"
    (match,) = find_amounts(text)
    assert text[match.start : match.end] == "4%"


def test_range_keeps_both_ends() -> None:
    (match,) = find_amounts("выручка от 3 до 5 тыс. долларов")
    assert (match.value, match.high) == (3000.0, 5000.0)


def test_weak_currency_word_needs_a_scale_or_qualifier() -> None:
    assert not [m for m in find_amounts("ребенок весит 8 фунтов") if m.kind == "money"]
    (match,) = find_amounts("обошлось в 30 млн фунтов")
    assert (match.kind, match.unit) == ("money", "GBP")
