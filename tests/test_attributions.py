"""The attributions layer: outlets the article cites as its source."""

from __future__ import annotations

import pytest

from svodka.article import Article


@pytest.fixture(scope="module")
def annotate(pipeline):
    def run(text: str) -> Article:
        return pipeline(Article(text=text))

    return run


# text, outlet as written, canonical source
ATTRIBUTIONS = [
    ["Переговоры продолжатся завтра, передает ТАСС.", "ТАСС", "ТАСС"],
    ["Об этом сообщает Интерфакс.", "Интерфакс", "Интерфакс"],
    ["Как пишет «Коммерсантъ», сделка сорвалась.", "Коммерсантъ", "Коммерсантъ"],
    ["По данным Reuters, добыча нефти снизилась.", "Reuters", "Reuters"],
    ["Со ссылкой на агентство Bloomberg издание сообщило о сделке.", "Bloomberg", "Bloomberg"],
    ["Курс рубля упал, сообщает агентство «Прайм».", "Прайм", "Прайм"],
]


@pytest.mark.parametrize(("text", "written", "source"), ATTRIBUTIONS)
def test_attribution(annotate, text: str, written: str, source: str) -> None:
    article = annotate(text)
    found = {(article.text[a.start : a.end], a.source) for a in article.attributions}
    assert (written, source) in found, article.attributions


NOT_ATTRIBUTIONS = [
    "По данным Росстата, безработица снизилась.",  # a statistics office, not an outlet
    "Об этом сообщил министр финансов.",
    "Компания сообщает о росте продаж.",
]


@pytest.mark.parametrize("text", NOT_ATTRIBUTIONS)
def test_not_an_attribution(annotate, text: str) -> None:
    assert annotate(text).attributions == []


def test_seed_cites_ria_novosti(seed_record) -> None:
    text = seed_record["text"]
    found = [(a["source"], text[a["start"] : a["end"]]) for a in seed_record["attributions"]]
    assert found == [("РИА Новости", "РИА Новости")]


def test_outlet_name_in_quotes_is_put_in_the_nominative(annotate) -> None:
    article = annotate("По данным «Вечерних вестей», мост закроют.")
    assert [(a.source, article.text[a.start : a.end]) for a in article.attributions] == [
        ("Вечерние вести", "Вечерних вестей")]


def test_unknown_name_after_a_general_cue_is_not_an_outlet(annotate) -> None:
    assert annotate("По данным Gartner, продажи планшетов выросли.").attributions == []
