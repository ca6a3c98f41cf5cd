"""The title grammar, table-driven: labels in, title token ranges out."""

from __future__ import annotations

import pytest

from svodka.grammars.titles import adjective_head, find_titles, is_head, label_token

TITLES = [
    # «Директор четвертого департамента стран СНГ МИД РФ Михаил Калугин»
    (["head", "gen", "gen", "gen", "gen", "ent", "ent", "person", "person"], [(0, 7)]),
    # «генеральный директор «Газпрома» Алексей Миллер»
    (["mod", "head", "quote", "ent", "quote", "person", "person"], [(0, 5)]),
    # «министр промышленности и торговли»
    (["head", "gen", "and", "gen", "other"], [(0, 4)]),
    # «заместитель председателя по вопросам экономики»
    (["head", "gen", "po", "dat", "gen"], [(0, 5)]),
    # «посол России в Турции»
    (["other", "head", "ent", "v", "ent", "other"], [(1, 5)]),
    # a name ends a title: «президентов Путина и Алиева»
    (["head", "person", "and", "person"], [(0, 1)]),
    # two titles in one text
    (["head", "ent", "person", "other", "head", "gen", "person"], [(0, 2), (4, 6)]),
    # no head, no title: «стран СНГ»
    (["gen", "ent", "person"], []),
    # a genitive modifier continues a title: «заместитель генерального прокурора Иванов»
    (["head", "modgen", "headgen", "person"], [(0, 3)]),
    # an adjective post takes its object: «командующий Северным флотом адмирал Комаров»
    (["headobj", "obj", "obj", "head", "person"], [(0, 3), (3, 4)]),
    # «исполняющий обязанности губернатора»
    (["headobj", "head", "headgen", "person"], [(0, 3)]),
    # two heads joined by «и» are two titles: «политика и бизнесмена Янковича»
    (["headgen", "and", "headgen", "person"], [(0, 1), (2, 3)]),
    # a modifier alone is no title
    (["mod", "other", "person"], []),
]


@pytest.mark.parametrize(("labels", "expected"), TITLES)
def test_find_titles(labels, expected):
    assert find_titles(labels) == expected


LABELS = [
    # text, lemma, UD POS, case → label
    ("президентов", "президент", "NOUN", "Gen", "headgen"),
    ("президент", "президент", "NOUN", "Nom", "head"),
    ("Генерального", "генеральный", "ADJ", "Gen", "modgen"),
    ("генеральный", "генеральный", "ADJ", "Nom", "mod"),
    ("департамента", "департамент", "NOUN", "Gen", "gen"),
    ("СНГ", "снг", "PROPN", None, "gen"),
    ("по", "по", "ADP", None, "po"),
    ("«", "«", "PUNCT", None, "quote"),
    ("заявил", "заявить", "VERB", None, "other"),
    ("экс-президента", "экс-президент", "NOUN", "Gen", "headgen"),
    ("фотограф-любитель", "фотограф-любитель", "NOUN", "Nom", "head"),
]


@pytest.mark.parametrize(("text", "lemma", "pos", "case", "label"), LABELS)
def test_label_token(text, lemma, pos, case, label):
    assert label_token(text, lemma, pos, case) == label


@pytest.mark.parametrize(("text", "pos", "label"), [
    ("управляющего", "VERB", "headobj"),
    ("Командующий", "ADJ", "headobj"),
    ("ведущая", "ADJ", "head"),
    ("ведомство", "NOUN", None),
    ("вести", "VERB", None),
])
def test_adjective_heads(text, pos, label):
    assert adjective_head(text, pos) == label


def test_heads_come_from_the_compiled_lexicon():
    for lemma in ("президент", "министр", "глава", "директор", "посол", "губернатор"):
        assert is_head(lemma), lemma
    assert not is_head("встреча")


def test_written_heads_add_occupations_the_compiled_lexicon_lacks():
    assert is_head("биатлонист") and is_head("вице-адмирал")


def test_a_genitive_head_continues_a_title():
    # «пресс-секретарь президента Дмитрий Песков»
    assert find_titles(["head", "headgen", "person", "person"]) == [(0, 2)]
    # «постпред России при ООН»
    assert find_titles(["head", "ent", "v", "ent", "person"]) == [(0, 4)]
