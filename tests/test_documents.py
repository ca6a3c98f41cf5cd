"""The documents layer: named treaties and agreements, their names, status, date, place, parties."""

from __future__ import annotations

import datetime as dt

import pytest

from svodka.article import Article


@pytest.fixture(scope="module")
def annotate(pipeline):
    def run(text: str) -> Article:
        return pipeline(Article(text=text, published=dt.date(2025, 6, 1)))

    return run


def entity_names(article: Article, ids: list[str]) -> list[str]:
    return [article.entity(i).name for i in ids]


# text, name, status
DOCUMENTS = [
    ["Стороны подписали меморандум о сотрудничестве в области энергетики.",
     "меморандум о сотрудничестве", "signed"],
    ["Парламент ратифицировал Договор о дружбе и сотрудничестве между Грецией и Кипром.",
     "Договор о дружбе и сотрудничестве между Грецией и Кипром", "ratified"],
    ["Министры парафировали текст соглашения о свободной торговле.",
     "соглашение о свободной торговле", "initialed"],
    ["Стороны готовы к подписанию соглашения о партнерстве.",
     "соглашение о партнерстве", "planned"],
    ["Россия вышла из Договора о ракетах средней и меньшей дальности после денонсации.",
     "Договор о ракетах средней и меньшей дальности", "terminated"],
    ["В прошлом году вступил в силу закон о защите персональных данных.",
     "закон о защите персональных данных", "in_force"],
    ["Эксперты обсуждали новую дорожную карту.", "новая дорожная карта", None],
]


@pytest.mark.parametrize(("text", "name", "status"), DOCUMENTS)
def test_document(annotate, text: str, name: str, status: str | None) -> None:
    article = annotate(text)
    by_name = {d.name: d for d in article.documents}
    assert name in by_name, [d.name for d in article.documents]
    assert by_name[name].status == status


def test_name_is_nominative_and_mentions_join(annotate) -> None:
    article = annotate("Москва действует в соответствии с Хартией о стратегическом "
                       "партнерстве. Хартия о стратегическом партнерстве между Россией и "
                       "Арменией была подписана в Ереване.")
    (document,) = article.documents
    assert document.name == ("Хартия о стратегическом партнерстве между Россией и Арменией")
    assert len(document.mentions) == 2
    assert document.status == "signed"
    assert entity_names(article, [document.place]) == ["Ереван"]
    assert sorted(entity_names(article, document.parties)) == ["Армения", "Россия"]
    for mention in document.mentions:
        assert article.text[mention.start : mention.end].startswith("Харти")


def test_parties_from_the_sentence_that_says_what_they_did(annotate) -> None:
    article = annotate("Президенты Казахстана и Узбекистана утвердили дорожную карту "
                       "экономического сотрудничества.")
    (document,) = article.documents
    assert document.name.startswith("дорожная карта")
    assert sorted(entity_names(article, document.parties)) == ["Казахстан", "Узбекистан"]


def test_a_bare_head_noun_is_not_a_document(annotate) -> None:
    assert annotate("Этот договор обсуждали долго.").documents == []


# --- the seed article -------------------------------------------------------------------


def _seed_document(seed_record: dict, prefix: str) -> dict:
    found = [d for d in seed_record["documents"] if d["name"].startswith(prefix)]
    assert len(found) == 1, [d["name"] for d in seed_record["documents"]]
    return found[0]


def _names(seed_record: dict, ids: list[str]) -> list[str]:
    names = {e["id"]: e["name"] for e in seed_record["entities"]}
    return sorted(names[i] for i in ids)


def test_seed_declaration(seed_record) -> None:
    declaration = _seed_document(seed_record, "Декларация о союзническом взаимодействии")
    assert declaration["name"] == ("Декларация о союзническом взаимодействии между Россией и "
                                   "Азербайджаном")
    assert len(declaration["mentions"]) == 2
    assert declaration["status"] == "signed"
    assert _names(seed_record, [declaration["place"]]) == ["Москва"]
    assert _names(seed_record, declaration["parties"]) == ["Азербайджан", "Россия"]
    if seed_record["timexes"]:
        assert declaration["date"] == "2022-02-22"


def test_seed_peace_agreement(seed_record) -> None:
    agreement = _seed_document(seed_record, "соглашение об установлении мира")
    assert agreement["status"] == "initialed"
    assert _names(seed_record, agreement["parties"]) == ["Азербайджан", "Армения"]


def test_seed_trilateral_agreements(seed_record) -> None:
    agreements = _seed_document(seed_record, "трехсторонние договоренности")
    if seed_record["timexes"]:  # the year inside the name is read from the timexes layer
        assert agreements["name"] == "трехсторонние договоренности 2020-2022 годов"
        assert agreements["date"] == "2020/2022"
