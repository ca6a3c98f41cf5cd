"""`gazetteer.link.entity_qid`: the QID an entity has by its canonical name alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from svodka.gazetteer import Gazetteer, plain_key
from svodka.gazetteer.link import entity_qid
from svodka.gazetteer.people import People, Person

ORGS = ("qid\tname\taliases\tcountry\tkind\tsource\n"
        "Q1140115\tПравительство России\tПравительство РФ\t\tgovernment\tnerel-train\n")
CITIES = ("qid\tname\taliases\tcountry\tsource\n"
          "Q7\tСеверск\t\tQ5\twikidata\n")
REGIONS = ("qid\tname\taliases\tcountry\tsource\n"
           "Q8\tЮжный край\tСеверск\tQ5\twikidata\n")
COUNTRIES = "qid\tname\tsource\nQ5\tСтрана\twikidata\n"


@pytest.fixture(scope="module")
def gazetteer(tmp_path_factory) -> Gazetteer:
    data = Path(tmp_path_factory.mktemp("gazetteer"))
    for name, text in (("organizations.tsv", ORGS), ("cities.tsv", CITIES),
                       ("regions.tsv", REGIONS), ("countries.tsv", COUNTRIES)):
        (data / name).write_text(text, encoding="utf-8")
    return Gazetteer.load(plain_key, data_dir=data)


PEOPLE = People([Person("Q7747", "Владимир Владимирович Путин", 71),
                 Person("Q9", "Карл Вебер", 1)])


@pytest.mark.parametrize("etype, name, qid", [
    ("ORGANIZATION", "правительство РФ", "Q1140115"),   # lower case: no span match, a name one
    ("ORGANIZATION", "Правительство России", "Q1140115"),
    ("CITY", "Северск", "Q7"),
    ("REGION", "Северск", None),      # the key is the city's: another type takes nothing
    ("LOCATION", "Северск", None),
    ("PERSON", "Владимир Путин", "Q7747"),
    ("PERSON", "Путин", "Q7747"),
    ("PERSON", "Вебер", None),        # not prominent
    ("PERSON", "Правительство России", None),  # a person is looked up among people only
    ("ORGANIZATION", "Владимир Путин", None),
    ("ORGANIZATION", "  ", None),
])
def test_entity_qid(gazetteer, etype, name, qid):
    assert entity_qid(etype, name, gazetteer, PEOPLE, plain_key) == qid


def test_the_entities_layer_links_people_and_lower_case_names(pipeline):
    from svodka.article import Article

    text = ("Ангела Меркель позвонила коллеге. Меркель заявила, что правительство РФ "
            "ответит позже. Иван Трофимович Сидорчук промолчал.")
    record = pipeline(Article(text=text, id="link")).to_record()
    by_name = {e["name"]: e for e in record["entities"]}
    assert by_name["Ангела Меркель"]["wikidata"] == "Q567"         # people_curated.tsv
    assert by_name["Ангела Меркель"]["type"] == "PERSON"
    government = [e for e in record["entities"] if e["type"] == "ORGANIZATION"
                  and e["name"].lower().startswith("правительств")]
    assert [e["wikidata"] for e in government] == ["Q1140115"]
    assert next(e for e in record["entities"] if "Сидорчук" in e["name"])["wikidata"] is None


def test_the_seed_article_links_its_heads_of_state(seed_record):
    qids = {e["name"]: e["wikidata"] for e in seed_record["entities"] if e["type"] == "PERSON"}
    assert qids["Владимир Путин"] == "Q7747"
    assert qids["Михаил Калугин"] is None
