"""The nlp stage: tokens, lemmas, and nominative names of NER spans."""

from __future__ import annotations

import pytest

from svodka.article import Article
from svodka.nlp import get_nlp, one_script, restore_yo
from svodka.pipeline import Pipeline
from svodka.settings import Settings


@pytest.fixture(scope="module")
def annotate():
    pipeline = Pipeline.from_settings(Settings(stages=("nlp",)))
    return lambda text: pipeline(Article(text=text))


@pytest.mark.parametrize(
    ("text", "span", "normal"),
    [
        ("Аналитик Центра евразийских исследований выступил.", "Центра евразийских исследований",
         "Центр евразийских исследований"),
        ("Заседание Высшего Евразийского экономического совета прошло.",
         "Высшего Евразийского экономического совета", "Высший Евразийский экономический совет"),
        ("Депутаты Государственной думы проголосовали.", "Государственной думы",
         "Государственная дума"),
        ("Встреча с Ильхамом Алиевым прошла в Москве.", "Ильхамом Алиевым", "Ильхам Алиев"),
        ("Переговоры прошли в Минске.", "Минске", "Минск"),
    ],
)
def test_span_normal_forms(annotate, text, span, normal):
    article = annotate(text)
    found = {text[s.start:s.end]: s.normal for s in article.ner_spans}
    assert found[span] == normal


def test_tokens_cover_the_text_with_lemmas_and_sentences(annotate):
    text = "Министр прибыл в Баку. Переговоры продолжатся завтра."
    article = annotate(text)
    assert len(article.sentences) == 2
    for token in article.tokens:
        assert text[token.start:token.end] == token.text
    lemmas = {t.text: t.lemma for t in article.tokens}
    assert lemmas["прибыл"] == "прибыть" and lemmas["Переговоры"] == "переговоры"
    assert article.tokens[0].sentence == 0 and article.tokens[-1].sentence == 1


def test_lemma_key_folds_case_and_yo():
    assert get_nlp().lemma_key("Российской Федерации") == ("российский", "федерация")
    assert get_nlp().lemma_key("Ёлкой") == ("елка",)


@pytest.mark.parametrize(
    ("normal", "original", "expected"),
    [
        ("Бахтиер Рахимов", "Бахтиёра Рахимова", "Бахтиёр Рахимов"),
        ("Петр Иванов", "Петра Иванова", "Петр Иванов"),
        ("Семен Федоров", "Семёна Фёдорова", "Семён Фёдоров"),
    ],
)
def test_restore_yo(normal, original, expected):
    assert restore_yo(normal, original) == expected


@pytest.mark.parametrize(("text", "fixed"), [
    ("Cолист группы", "Солист группы"),  # a Latin «C» in a Russian word
    ("канал на YоuТubе", "канал на YouTube"),  # Cyrillic «о», «Т», «е» in a Latin one
    ("Fruktы и __NOTOC__", "Fruktы и __NOTOC__"),  # no look-alike, no word: left alone
])
def test_words_mixing_scripts_are_read_in_one(text, fixed):
    assert one_script(text) == fixed


def test_a_word_with_a_latin_lookalike_is_analysed_as_russian(pipeline):
    article = pipeline(Article(text="Cолист группы Иван Петров дал концерт."))
    first = article.tokens[0]
    assert (first.start, first.end, first.lemma) == (0, 6, "солист")
    assert article.text.startswith("Cолист")  # the text itself stays as written
