"""Cross-article identity: `resolve_entities` and `KnowledgeBase.add` over hand-written records."""

from __future__ import annotations

import itertools
import random

import pytest

from svodka.resolve import KnowledgeBase, resolve_entities
from svodka.resolve.names import (
    initials,
    is_generic_org,
    org_name_keys,
    person_name,
    skeleton,
    word_stems,
)


def record(article: str, *entities: tuple, published: str | None = "2024-01-10",
           positions: tuple = ()) -> dict:
    """A record whose text is its entities' surfaces; an entity is
    (id, type, name[, wikidata[, surfaces]]) — surfaces default to the name."""
    text, out = "", []
    for entity in entities:
        local, kind, name = entity[:3]
        qid = entity[3] if len(entity) > 3 else None
        surfaces = entity[4] if len(entity) > 4 else (name,)
        mentions = []
        for surface in surfaces:
            mentions.append({"start": len(text), "end": len(text) + len(surface), "kind": "name",
                             "stands_for": None})
            text += surface + ". "
        out.append({"id": local, "type": kind, "name": name, "wikidata": qid,
                    "mentions": mentions})
    return {"id": article, "published": published, "text": text, "entities": out,
            "positions": [dict(zip(("person", "title", "organization", "country"), p, strict=True),
                               start=0, end=1) for p in positions]}


def post(person: str, title: str, organization: str | None = None,
         country: str | None = None) -> tuple:
    return (person, title, organization, country)


LAVROV = record("a1", ("e1", "PERSON", "Сергей Лавров"))

# (case, records, [(article, entity), (article, entity)], the same global entity?)
IDENTITY_CASES = [
    ("inflected canonical name", [LAVROV, record("a2", ("e1", "PERSON", "Сергея Лаврова"))],
     ("a1", "e1"), ("a2", "e1"), True),
    ("patronymic", [LAVROV, record("a2", ("e1", "PERSON", "Сергей Викторович Лавров"))],
     ("a1", "e1"), ("a2", "e1"), True),
    ("surname only", [LAVROV, record("a2", ("e4", "PERSON", "Лавров", None, ("Лаврова",)))],
     ("a1", "e1"), ("a2", "e4"), True),
    ("initial", [LAVROV, record("a2", ("e2", "PERSON", "С. Лавров"))],
     ("a1", "e1"), ("a2", "e2"), True),
    ("another initial", [LAVROV, record("a2", ("e2", "PERSON", "А. Лавров"))],
     ("a1", "e1"), ("a2", "e2"), False),
    ("transliteration", [LAVROV, record("a2", ("e1", "PERSON", "Sergey Lavrov"))],
     ("a1", "e1"), ("a2", "e1"), True),
    ("one surname, two people",
     [record("a1", ("e1", "PERSON", "Сергей Иванов")),
      record("a2", ("e1", "PERSON", "Алексей Иванов"))],
     ("a1", "e1"), ("a2", "e1"), False),
    ("ambiguous surname stays apart",
     [record("a1", ("e1", "PERSON", "Сергей Иванов")),
      record("a2", ("e1", "PERSON", "Алексей Иванов")),
      record("a3", ("e1", "PERSON", "Иванов"))],
     ("a1", "e1"), ("a3", "e1"), False),
    ("a compatible post decides",
     [record("a1", ("e1", "PERSON", "Сергей Иванов"), positions=[post("e1", "министр обороны")]),
      record("a2", ("e1", "PERSON", "Алексей Иванов"), positions=[post("e1", "футболист")]),
      record("a3", ("e1", "PERSON", "Иванов"), positions=[post("e1", "министр")])],
     ("a1", "e1"), ("a3", "e1"), True),
    ("an incompatible post keeps apart",
     [record("a1", ("e1", "PERSON", "Сергей Иванов"), positions=[post("e1", "министр обороны")]),
      record("a2", ("e1", "PERSON", "Иванов"), positions=[post("e1", "вратарь")])],
     ("a1", "e1"), ("a2", "e1"), False),
    ("the same article names the full name",
     [record("a1", ("e1", "PERSON", "Сергей Иванов")),
      record("a2", ("e1", "PERSON", "Алексей Иванов"), ("e2", "PERSON", "Иванов"))],
     ("a2", "e1"), ("a2", "e2"), True),
    ("a bare first name in the article of its full name",
     [record("a1", ("e1", "PERSON", "Жанна Петрова"), ("e2", "PERSON", "Жанна", None, ("Жанны",)))],
     ("a1", "e1"), ("a1", "e2"), True),
    ("a bare first name two full names share",
     [record("a1", ("e1", "PERSON", "Жанна Петрова"), ("e2", "PERSON", "Жанна Орлова"),
             ("e3", "PERSON", "Жанна"))],
     ("a1", "e1"), ("a1", "e3"), False),
    ("same QID, different names",
     [record("a1", ("e1", "ORGANIZATION", "Организация Объединённых Наций", "Q1065")),
      record("a2", ("e3", "ORGANIZATION", "ООН", "Q1065"))],
     ("a1", "e1"), ("a2", "e3"), True),
    ("same name, different QIDs",
     [record("a1", ("e1", "PERSON", "Джон Смит", "Q111")),
      record("a2", ("e1", "PERSON", "Джон Смит", "Q222"))],
     ("a1", "e1"), ("a2", "e1"), False),
    ("a name without a QID joins the one QID it matches",
     [record("a1", ("e1", "PERSON", "Джон Смит", "Q111")),
      record("a2", ("e1", "PERSON", "Джон Смит"))],
     ("a1", "e1"), ("a2", "e1"), True),
    ("types never merge",
     [record("a1", ("e1", "PERSON", "Вашингтон")),
      record("a2", ("e1", "CITY", "Вашингтон"))],
     ("a1", "e1"), ("a2", "e1"), False),
    ("organisation by alias",
     [record("a1", ("e1", "ORGANIZATION", "Газпром", None, ("Газпрома",))),
      record("a2", ("e2", "ORGANIZATION", "ПАО «Газпром»", None, ("ПАО «Газпром»", "Газпрома")))],
     ("a1", "e1"), ("a2", "e2"), True),
    ("an inflected name meets its nominative",
     [record("a1", ("e1", "ORGANIZATION", "Торгово-промышленная палата")),
      record("a2", ("e2", "ORGANIZATION", "Торгово-промышленной палаты"))],
     ("a1", "e1"), ("a2", "e2"), True),
    ("an acronym is no stem of a word",
     [record("a1", ("e1", "ORGANIZATION", "Дума", None, ("Думы",))),
      record("a2", ("e2", "ORGANIZATION", "ДУМ"))],
     ("a1", "e1"), ("a2", "e2"), False),
    ("a short form of a longer name is not its own name",
     [record("a1", ("e1", "ORGANIZATION", "Коммунистическая партия Кубы", None,
                    ("Коммунистической партии Кубы", "Коммунистической партии"))),
      record("a2", ("e1", "ORGANIZATION", "КПРФ", None, ("КПРФ", "Коммунистической партии")))],
     ("a1", "e1"), ("a2", "e1"), False),
    ("an inflected generic surface is no name of a body",
     [record("a1", ("e1", "ORGANIZATION", "правительство Италии", None,
                    ("правительство Италии", "правительства"))),
      record("a2", ("e1", "ORGANIZATION", "правительство Киргизии", None,
                    ("правительства Киргизии", "правительства")))],
     ("a1", "e1"), ("a2", "e1"), False),
    ("a seat of power and the body by one name",
     [record("a1", ("e1", "FACILITY", "Кремль")),
      record("a2", ("e1", "ORGANIZATION", "Кремль", None, ("Кремля",)))],
     ("a1", "e1"), ("a2", "e1"), True),
    ("acronym and full name",
     [record("a1", ("e1", "ORGANIZATION", "Федеральная служба безопасности")),
      record("a2", ("e5", "ORGANIZATION", "ФСБ"))],
     ("a1", "e1"), ("a2", "e5"), True),
    ("a generic name is the kind, in any case form",
     [record("a1", ("e1", "ORGANIZATION", "полиция")),
      record("a2", ("e1", "ORGANIZATION", "полиции"))],
     ("a1", "e1"), ("a2", "e1"), True),
    ("a generic name never joins a named body",
     [record("a1", ("e1", "ORGANIZATION", "МИД России", None, ("МИД России", "МИД"))),
      record("a2", ("e1", "ORGANIZATION", "МИД"))],
     ("a1", "e1"), ("a2", "e1"), False),
    ("a generic name never joins a QID",
     [record("a1", ("e1", "ORGANIZATION", "МИД России", "Q789889", ("МИД России", "МИД"))),
      record("a2", ("e1", "ORGANIZATION", "МИД"))],
     ("a1", "e1"), ("a2", "e1"), False),
    ("two kinds stay apart",
     [record("a1", ("e1", "ORGANIZATION", "МИД")), record("a2", ("e1", "ORGANIZATION", "МВД"))],
     ("a1", "e1"), ("a2", "e1"), False),
    ("places by name",
     [record("a1", ("e1", "CITY", "Тверь")), record("a2", ("e7", "CITY", "Тверь"))],
     ("a1", "e1"), ("a2", "e7"), True),
]


@pytest.mark.parametrize("case, records, left, right, same", IDENTITY_CASES,
                         ids=[c[0] for c in IDENTITY_CASES])
def test_identity(case, records, left, right, same):
    base = resolve_entities(records)
    assert base.gid_of(*left) is not None and base.gid_of(*right) is not None
    assert (base.gid_of(*left) == base.gid_of(*right)) is same


CORPUS = [
    record("a1", ("e1", "PERSON", "Сергей Лавров"), ("e2", "COUNTRY", "Россия", "Q159"),
           published="2024-03-02", positions=[post("e1", "министр иностранных дел", None, "e2")]),
    record("a2", ("e1", "PERSON", "Лавров", None, ("Лаврова", "Лавров")),
           ("e2", "ORGANIZATION", "ООН", "Q1065"), published="2024-01-15",
           positions=[post("e1", "министр иностранных дел")]),
    record("a3", ("e1", "PERSON", "Sergei Lavrov"), ("e2", "COUNTRY", "Россия", "Q159",
                                                      ("России",)),
           ("e3", "ORGANIZATION", "Форум стран-экспортёров газа"), published="2024-05-20",
           positions=[post("e1", "министр иностранных дел", None, "e2")]),
    record("a4", ("e1", "PERSON", "Сергей Иванов"), ("e2", "PERSON", "Алексей Иванов"),
           ("e3", "PERSON", "Иванов"), ("e4", "ORGANIZATION", "Фсэг"), published=None),
    record("a5", ("e1", "ORGANIZATION", "Организация Объединённых Наций", "Q1065"),
           ("e2", "PERSON", "С. Лавров"), ("e3", "ORGANIZATION", "ФСЭГ"),
           published="2023-12-31"),
]


def snapshot(base: KnowledgeBase) -> tuple:
    return base.entities, base.mapping, base.tenures


def test_global_entity_fields():
    base = resolve_entities(CORPUS)
    lavrov = base.entities[base.gid_of("a1", "e1")]
    assert lavrov.type == "PERSON" and lavrov.name == "Сергей Лавров"
    assert lavrov.articles == ["a1", "a2", "a3", "a5"]
    assert {"Лаврова", "Sergei Lavrov", "С. Лавров"} <= lavrov.aliases
    assert lavrov.mention_count == 5
    assert (lavrov.first_seen, lavrov.last_seen) == ("2023-12-31", "2024-05-20")
    un = base.entities["Q1065"]
    assert un.wikidata == "Q1065" and un.articles == ["a2", "a5"]
    assert base.gid_of("a1", "e9") is None
    forum = base.gid_of("a3", "e3")
    assert base.gid_of("a5", "e3") == forum and base.gid_of("a4", "e4") == forum


def test_tenures_first_and_last_seen():
    base = resolve_entities(CORPUS)
    lavrov = base.gid_of("a1", "e1")
    tenures = [t for t in base.tenures if t.gid == lavrov]
    with_country = [t for t in tenures if t.country == "Q159"]
    assert len(with_country) == 1
    assert with_country[0].title == "министр иностранных дел"
    assert (with_country[0].first_seen, with_country[0].last_seen) == ("2024-03-02", "2024-05-20")
    assert with_country[0].articles == ["a1", "a3"]
    bare = [t for t in tenures if t.country is None]
    assert [(t.first_seen, t.articles) for t in bare] == [("2024-01-15", ["a2"])]


def test_order_does_not_matter():
    expected = snapshot(resolve_entities(CORPUS))
    for order in itertools.permutations(CORPUS):
        assert snapshot(resolve_entities(order)) == expected


def test_incremental_equals_batch():
    expected = snapshot(resolve_entities(CORPUS))
    shuffled = list(CORPUS)
    for seed in range(5):
        random.Random(seed).shuffle(shuffled)
        base = KnowledgeBase()
        for item in shuffled:
            base.add(item)
        assert snapshot(base) == expected


def test_a_later_namesake_makes_a_bare_surname_ambiguous():
    base = KnowledgeBase()
    base.add(record("a1", ("e1", "PERSON", "Сергей Иванов")))
    base.add(record("a2", ("e1", "PERSON", "Иванов")))
    assert base.gid_of("a1", "e1") == base.gid_of("a2", "e1")
    base.add(record("a3", ("e1", "PERSON", "Алексей Иванов")))
    assert base.gid_of("a2", "e1") not in {base.gid_of("a1", "e1"), base.gid_of("a3", "e1")}
    assert set(base.entities) == set(base.mapping.values())


def test_an_article_is_added_once():
    base = KnowledgeBase()
    base.add(LAVROV)
    with pytest.raises(ValueError, match="a1"):
        base.add(LAVROV)


@pytest.mark.parametrize("left, right", [
    ("Сергей", "Sergey"), ("Сергей", "Sergei"), ("Евгений", "Yevgeny"), ("Юрий", "Yuri"),
    ("Лавров", "Lavrov"), ("Щербаков", "Shcherbakov"), ("Хабиров", "Khabirov"),
])
def test_skeleton_meets_across_scripts(left, right):
    assert skeleton(left) == skeleton(right)


@pytest.mark.parametrize("name, form, surname", [
    ("Сергей Викторович Лавров", "full", "lavrov"),
    ("Сурков Владислав Юрьевич", "full", "surkov"),
    ("В. В. Путин", "initial", "putin"),
    ("Путиным", "surname", "putin"),
    ("Барак Обамы", "full", "obam"),
])
def test_person_name(name, form, surname):
    parts = person_name(name)
    assert (parts.form, parts.surname) == (form, surname)


@pytest.mark.parametrize("name, expected", [
    ("Федеральная служба безопасности", ("фсб",)),
    ("Организация Объединённых Наций", ("оон", "оо")),
    ("Следственный комитет России", ("скр", "ск")),
    ("Газпром", ()),
])
def test_initials(name, expected):
    assert initials(name) == expected


@pytest.mark.parametrize("left, right", [
    ("правительство", "правительстве"), ("полиция", "полицией"), ("Братья-мусульмане",
                                                                 "Братьев-мусульман"),
    ("Государственная дума", "Государственной думы"),
])
def test_word_stems_meet_across_cases(left, right):
    assert word_stems(left) == word_stems(right)


def test_word_stems_keep_acronyms_and_short_words():
    assert word_stems("ДУМ") != word_stems("Дума")
    assert word_stems("ООН") == ("ООН",)
    assert word_stems("Яблоко") == ("яблок",)


@pytest.mark.parametrize("name, generic", [
    ("МИД", True), ("правительства", True), ("Министерства иностранных дел", True),
    ("полицией", True), ("правительством", True), ("МИД России", False), ("правительство РФ", False), ("Газпром", False),
])
def test_is_generic_org_in_any_case_form(name, generic):
    assert is_generic_org(name) is generic


def test_org_name_keys():
    keys = org_name_keys("Коммунистическая партия Кубы",
                         {"Коммунистической партии Кубы", "Коммунистической партии", "КПК"})
    assert keys == sorted({"коммунистическ парт куб", "КПК"})
    assert org_name_keys("МИД России", {"МИД", "МИДа"}) == ["МИД росс"]
    assert org_name_keys("Газпром", {"Газпрома", "Газпрому"}) == ["газпром"]
