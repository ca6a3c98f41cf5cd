"""The positions layer: who holds which post, at which organisation, of which country."""

from __future__ import annotations

import pytest

from svodka.article import Article


def _annotate(pipeline, text: str) -> Article:
    return pipeline(Article(text=text))


def _posts(article: Article) -> list[tuple[str, str, str | None, str | None, str]]:
    """(person name, title, organisation name, country name, title as written)."""
    names = {e.id: e.name for e in article.entities}
    return [(names[p.person], p.title, names.get(p.organization), names.get(p.country),
             article.text[p.start:p.end]) for p in article.positions]


# --- the seed ----------------------------------------------------------------------------


def test_seed_kalugin_directs_a_department_of_the_foreign_ministry(seed_record):
    names = {e["id"]: e for e in seed_record["entities"]}
    kalugin = [p for p in seed_record["positions"]
               if names[p["person"]]["name"] == "Михаил Калугин"
               and p["title"] == "директор четвертого департамента стран СНГ"]
    assert kalugin, seed_record["positions"]
    (post,) = kalugin
    organization = names[post["organization"]]
    assert organization["type"] == "ORGANIZATION" and organization["name"] == "МИД России"
    assert seed_record["text"][post["start"]:post["end"]].startswith("Директор четвертого")


def test_seed_presidents_get_no_wrong_country(seed_record):
    names = {e["id"]: e for e in seed_record["entities"]}
    for person in ("Владимир Путин", "Ильхам Алиев"):
        posts = [p for p in seed_record["positions"] if names[p["person"]]["name"] == person]
        assert any(p["title"] == "президент" for p in posts), (person, posts)
        for post in posts:
            country = names[post["country"]]["name"] if post["country"] else None
            assert country in (None, "Россия" if person == "Владимир Путин" else "Азербайджан")
    shared = [p for p in seed_record["positions"]
              if seed_record["text"][p["start"]:p["end"]] == "президентов"]
    assert len(shared) == 2 and all(p["country"] is None for p in shared)


def test_every_position_points_at_entities(seed_record):
    ids = {e["id"]: e["type"] for e in seed_record["entities"]}
    for post in seed_record["positions"]:
        assert ids[post["person"]] == "PERSON"
        assert post["organization"] is None or post["organization"] in ids
        assert post["country"] is None or ids[post["country"]] == "COUNTRY"
        assert post["title"] == post["title"].strip() and post["title"][:1].islower()


# --- sentences, table-driven ---------------------------------------------------------------

SENTENCES = [
    # text, person, title, organisation, country
    ("Министр иностранных дел Армении Арарат Мирзоян прибыл в Москву.",
     "Арарат Мирзоян", "министр иностранных дел", None, "Армения"),
    ("Вчера глава МИД Сергей Лавров провел переговоры в Женеве.",
     "Сергей Лавров", "глава", "МИД", None),
    ("Об этом сообщил Олег Иванов, посол России в Турции, на встрече с журналистами.",
     "Олег Иванов", "посол России в Турции", None, "Россия"),
    ("Российский министр Антон Силуанов выступил на форуме.",
     "Антон Силуанов", "министр", None, "Россия"),
    ("Генерального директора «Газпрома» Алексея Миллера ждали на совещании.",
     "Алексей Миллер", "генеральный директор", "Газпром", None),
    ("Сергей Петров назначен министром финансов.",
     "Сергей Петров", "министр финансов", None, None),
]


@pytest.mark.parametrize(("text", "person", "title", "organization", "country"), SENTENCES)
def test_titles_in_sentences(pipeline, text, person, title, organization, country):
    posts = _posts(_annotate(pipeline, text))
    found = [p for p in posts if p[0] == person and p[1] == title]
    assert found, posts
    _, _, org_name, country_name, _ = found[0]
    if organization is not None:
        assert org_name is not None and organization in org_name
    assert country_name == country


def test_shared_plural_title_goes_to_each_name_without_a_country(pipeline):
    article = _annotate(pipeline, "В Берлине прошла встреча президентов России и Франции. "
                                  "Переговоры президентов Эмманюэля Макрона и Олафа Шольца "
                                  "длились три часа.")
    posts = _posts(article)
    people = {p[0] for p in posts if p[1] == "президент"}
    assert len(people) == 2, posts
    assert all(p[3] is None for p in posts if p[1] == "президент")


def test_relative_clause_names_the_post(pipeline):
    posts = _posts(_annotate(pipeline, "Михаил Калугин, возглавляющий департамент МИД, "
                                       "прибыл в Баку."))
    assert any(p[0] == "Михаил Калугин" and p[1].startswith("глава департамента")
               for p in posts), posts


@pytest.mark.parametrize("text", [
    "Адвокаты Равиля Мингазова сообщили об этом суду.",
    "Президент Ирана назначил Али Хосейни послом в Ираке.",
    "На встрече с Анной Петровой говорили о погоде.",
])
def test_no_post_without_a_link_to_the_name(pipeline, text):
    article = _annotate(pipeline, text)
    names = {e.id: e.name for e in article.entities}
    assert not [p for p in article.positions
                if names[p.person] in ("Равиль Мингазов", "Анна Петрова")
                or (names[p.person] == "Али Хосейни" and p.title == "президент")], \
        _posts(article)


def test_offsets_cover_the_title_as_written(pipeline):
    article = _annotate(pipeline, "Губернатора Новгородской области Андрея Никитина "
                                  "переизбрали.")
    (post,) = [p for p in article.positions]
    assert article.text[post.start:post.end].startswith("Губернатора")
    assert post.title.startswith("губернатор")
