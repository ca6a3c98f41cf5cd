"""The entities layer: typing, grouping, canonical names, adjectives, metonymy."""

from __future__ import annotations

import pytest

from svodka.article import Article
from tests.conftest import assert_offsets


def entities_by_name(record: dict) -> dict[str, dict]:
    return {e["name"]: e for e in record["entities"]}


def forms(record: dict, entity: dict, kind: str | None = None) -> list[str]:
    return [record["text"][m["start"]:m["end"]] for m in entity["mentions"]
            if kind is None or m.get("kind", "name") == kind]


def test_seed_people(seed_record):
    people = {e["name"]: e for e in seed_record["entities"] if e["type"] == "PERSON"}
    kalugin = people["Михаил Калугин"]
    names = forms(seed_record, kalugin, "name")
    assert names.count("Михаил Калугин") == 7
    assert "Калугин" in names
    assert {"Владимир Путин", "Ильхам Алиев"} <= set(people)
    assert not any("Российско" in name for name in people)


def test_seed_countries_cities_and_organisations(seed_record):
    by_name = entities_by_name(seed_record)
    russia = by_name["Россия"]
    assert (russia["type"], russia["wikidata"]) == ("COUNTRY", "Q159")
    assert {"РФ", "России", "Российской Федерации"} <= set(forms(seed_record, russia, "name"))
    assert (by_name["Азербайджан"]["type"], by_name["Азербайджан"]["wikidata"]) == (
        "COUNTRY", "Q227")
    assert (by_name["Армения"]["type"], by_name["Армения"]["wikidata"]) == ("COUNTRY", "Q399")
    for city in ("Душанбе", "Москва", "Астрахань", "Баку", "Ереван"):
        assert by_name[city]["type"] == "CITY", city
    assert by_name["МИД России"]["type"] == "ORGANIZATION"
    assert by_name["РИА Новости"]["type"] == "ORGANIZATION"
    assert_offsets(seed_record)


def test_seed_capitals_as_actors_stand_for_their_states(seed_record):
    by_name = entities_by_name(seed_record)
    azerbaijan, armenia = by_name["Азербайджан"]["id"], by_name["Армения"]["id"]
    assert {m.get("stands_for") for m in by_name["Баку"]["mentions"]} == {azerbaijan}
    assert {m.get("stands_for") for m in by_name["Ереван"]["mentions"]} == {armenia}
    # «в Душанбе», «в Москве»: places, not actors
    assert not any(m.get("stands_for") for m in by_name["Душанбе"]["mentions"])


@pytest.fixture(scope="module")
def extract(pipeline):
    def run(text: str) -> dict:
        record = pipeline(Article(text=text)).to_record()
        assert_offsets(record)
        return record

    return run


@pytest.mark.parametrize(
    ("text", "form", "name", "kind"),
    [
        ("Российская делегация прибыла в Анкару.", "Российская", "Россия", "adjective"),
        ("Американские компании уходят с рынка.", "Американские", "США", "adjective"),
        ("Переговоры прошли в Казахстане.", "Казахстане", "Казахстан", "name"),
        ("Делегация ФРГ посетила Минск.", "ФРГ", "Германия", "name"),
        ("Позицию КНР изложил посол.", "КНР", "Китай", "name"),
        ("Армяно-азербайджанская граница остается закрытой.", "Армяно", "Армения", "adjective"),
        ("Армяно-азербайджанская граница остается закрытой.", "азербайджанская", "Азербайджан",
         "adjective"),
    ],
)
def test_country_forms(extract, text, form, name, kind):
    record = extract(text)
    entity = entities_by_name(record)[name]
    assert entity["type"] == "COUNTRY"
    assert form in forms(record, entity, kind)


def test_nested_country_inside_organisation(extract):
    record = extract("Представитель МИД РФ выступил в Женеве.")
    by_name = entities_by_name(record)
    org = by_name["МИД России"]
    # NEREL marks the head inside too; it names the same ministry, so it joins the entity
    assert forms(record, org) == ["МИД РФ", "МИД"]
    assert forms(record, by_name["Россия"]) == ["РФ"]


def test_surname_joins_the_full_name_and_initials_too(extract):
    record = extract("Министр Сергей Лавров прибыл в Астану. С. Лавров провел переговоры. "
                     "Лавров заявил о прогрессе.")
    people = [e for e in record["entities"] if e["type"] == "PERSON"]
    assert [p["name"] for p in people] == ["Сергей Лавров"]
    assert len([m for m in people[0]["mentions"] if m["kind"] == "name"]) == 3


def test_a_different_initial_is_a_different_person(extract):
    record = extract("Сергей Лавров прибыл в Астану. В. Лавров, его однофамилец, остался дома.")
    people = [e["name"] for e in record["entities"] if e["type"] == "PERSON"]
    assert "Сергей Лавров" in people and len(people) == 2


def test_first_name_and_patronymic_join_the_full_name(extract):
    record = extract("Экс-премьер Виктор Черномырдин приехал в Киев. Виктор Степанович "
                     "ответил на вопросы. Его сменил Сергей Кириенко.")
    people = [e for e in record["entities"] if e["type"] == "PERSON"]
    assert sorted(p["name"] for p in people) == ["Виктор Черномырдин", "Сергей Кириенко"]


def test_a_name_without_its_middle_name_joins_the_full_one(extract):
    record = extract("Адвокат Грегори Ваент Фолл подал иск. Грегори Фолл уверен в победе.")
    people = [e for e in record["entities"] if e["type"] == "PERSON"]
    assert [p["name"] for p in people] == ["Грегори Ваент Фолл"]
    assert len(people[0]["mentions"]) == 2


def test_a_surname_ending_like_a_patronymic_is_a_surname(extract):
    record = extract("Виктор Янукович прибыл в Москву. Виктор Медведчук остался в Киеве.")
    people = sorted(e["name"] for e in record["entities"] if e["type"] == "PERSON")
    assert people == ["Виктор Медведчук", "Виктор Янукович"]


def test_canonical_names_are_nominative(extract):
    record = extract("Встреча с Ильхамом Алиевым прошла в Астрахани.")
    names = {e["name"] for e in record["entities"]}
    assert {"Ильхам Алиев", "Астрахань"} <= names


# --- NEREL conventions: span repairs (svodka/extract/entity_spans.py) -------------------


def spans(record: dict) -> set[tuple[str, str]]:
    """(type, text) of every scored mention (kinds name and adjective)."""
    return {(e["type"], record["text"][m["start"]:m["end"]]) for e in record["entities"]
            for m in e["mentions"] if m.get("kind", "name") in ("name", "adjective")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Правительство одобрило законопроект в среду.",
         {("ORGANIZATION", "Правительство")}),
        ("Визит обсуждали в правительстве Армении.",
         {("ORGANIZATION", "правительстве Армении"), ("ORGANIZATION", "правительстве"),
          ("COUNTRY", "Армении")}),
        ("Глава российского правительства выступил с речью.",
         {("ORGANIZATION", "российского правительства"), ("ORGANIZATION", "правительства"),
          ("COUNTRY", "российского")}),
        ("Сотрудники министерства обороны прибыли на место.",
         {("ORGANIZATION", "министерства обороны")}),
        ("Пресс-секретарь кабинета министров отказался от комментариев.",
         {("ORGANIZATION", "кабинета министров")}),
        ("Задержанного доставили в отдел полиции.", {("ORGANIZATION", "полиции")}),
        # a capitalised head the tagger reads as a proper noun
        ("Губернатор и Правительство Ульяновской области выразили соболезнования.",
         {("ORGANIZATION", "Правительство Ульяновской области"),
          ("ORGANIZATION", "Правительство")}),
        # bodies written in lower case
        ("Реформа вооружённых сил России продолжится.",
         {("ORGANIZATION", "вооружённых сил России"), ("COUNTRY", "России")}),
        ("Экс-глава кремлёвской администрации Сергей Нарышкин избран спикером.",
         {("ORGANIZATION", "кремлёвской администрации")}),
        # the person who leads a government, a cabinet or an administration
        ("Ключевые портфели в кабинете Абэ распределены.",
         {("ORGANIZATION", "кабинете Абэ"), ("PERSON", "Абэ")}),
        ("Депутаты отправили в отставку правительство Нечаса.",
         {("ORGANIZATION", "правительство Нечаса"), ("ORGANIZATION", "правительство"),
          ("PERSON", "Нечаса")}),
        # the kind of place before its name belongs to the organisation's span
        ("Как сообщила полиция штата Миссури, задержан мужчина.",
         {("ORGANIZATION", "полиция штата Миссури"), ("REGION", "Миссури")}),
        # a head's genitive complement may be two nouns deep, then a place
        ("Об этом сообщила пресс-служба кабинета министров России.",
         {("ORGANIZATION", "пресс-служба кабинета министров России"), ("COUNTRY", "России")}),
        ("В пресс-службе бюро расследований отказались от комментариев.",
         {("ORGANIZATION", "пресс-службе бюро расследований")}),
    ],
)
def test_organisations_named_by_a_head_noun(extract, text, expected):
    assert expected <= spans(extract(text))


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Сотрудники администрации разошлись по домам.", ("ORGANIZATION", "администрации")),
        ("Новость быстро разошлась по СМИ.", ("ORGANIZATION", "СМИ")),
        ("Ролик набрал миллион просмотров в YouTube.", ("ORGANIZATION", "YouTube")),
    ],
)
def test_words_that_are_no_organisation_mentions(extract, text, absent):
    assert absent not in spans(extract(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Он умер на юге Англии в пятницу.",
         {("LOCATION", "юге Англии"), ("COUNTRY", "Англии")}),
        ("Драка произошла в центре Москвы.", {("LOCATION", "центре Москвы"), ("CITY", "Москвы")}),
        ("Бои идут в восточной Украине.",
         {("LOCATION", "восточной Украине"), ("COUNTRY", "Украине")}),
    ],
)
def test_a_part_of_a_place_named_by_a_direction_is_a_location(extract, text, expected):
    assert expected <= spans(extract(text))


def test_a_direction_location_keeps_the_place_in_the_genitive(extract):
    record = extract("Он умер на юге Англии в пятницу.")
    assert "юг Англии" in {e["name"] for e in record["entities"] if e["type"] == "LOCATION"}


@pytest.mark.parametrize(
    ("text", "facility"),
    [
        ("Туристы посетили Исаакиевский собор.", "Исаакиевский собор"),
        ("Расследование аварии на Саяно-Шушенской ГЭС завершено.", "Саяно-Шушенской ГЭС"),
        ("Акция прошла в Храме Христа Спасителя.", "Храме Христа Спасителя"),
    ],
)
def test_a_building_natasha_tags_as_an_organisation_is_a_facility(extract, text, facility):
    found = spans(extract(text))
    assert ("FACILITY", facility) in found and ("ORGANIZATION", facility) not in found



@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Совет Безопасности ООН принял резолюцию.",
         {("ORGANIZATION", "Совет Безопасности ООН"), ("ORGANIZATION", "Совет Безопасности"),
          ("ORGANIZATION", "ООН")}),
        ("Представитель МВД Украины подтвердил задержание.",
         {("ORGANIZATION", "МВД Украины"), ("ORGANIZATION", "МВД"), ("COUNTRY", "Украины")}),
        ("Посольство РФ в Сирии подтвердило похищение.",
         {("ORGANIZATION", "Посольство РФ в Сирии"), ("COUNTRY", "РФ"), ("COUNTRY", "Сирии")}),
        ("Иск рассмотрит Верховный суд штата Нью-Йорк.",
         {("ORGANIZATION", "Верховный суд штата Нью-Йорк"), ("CITY", "Нью-Йорк")}),
    ],
)
def test_organisations_nested_in_organisation_names(extract, text, expected):
    assert expected <= spans(extract(text))


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Представитель Детского фонда ООН выступил.", ("ORGANIZATION", "Детского фонда")),
        ("Дело рассмотрит Окружной суд Вены.", ("ORGANIZATION", "Окружной суд")),
        ("Иск рассмотрит Верховный суд штата Нью-Йорк.", ("ORGANIZATION", "Верховный суд")),
    ],
)
def test_a_generic_head_before_a_city_or_organisation_is_no_mention_of_its_own(
        extract, text, absent):
    assert absent not in spans(extract(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Компанию возглавила Соня Томас (Sonya Thomas).",
         {("PERSON", "Соня Томас"), ("PERSON", "Sonya Thomas")}),
        ("Фидель Кастро\n\nФидель Кастро родился на Кубе.", {("PERSON", "Фидель Кастро")}),
    ],
)
def test_person_spans_split_at_brackets_and_line_breaks(extract, text, expected):
    found = spans(extract(text))
    assert expected <= found
    assert not any("(" in form or "\n" in form for _, form in found)


@pytest.mark.parametrize(
    ("text", "etype", "form", "name"),
    [
        ("Дело рассмотрел московский суд.", "CITY", "московский", "Москва"),
        ("Римский папа выступил с обращением.", "CITY", "Римский", "Рим"),
        ("Европейские страны ввели пошлины.", "LOCATION", "Европейские", "Европа"),
    ],
)
def test_place_adjectives(extract, text, etype, form, name):
    record = extract(text)
    entity = entities_by_name(record)[name]
    assert entity["type"] == etype
    assert form in forms(record, entity, "adjective")


@pytest.mark.parametrize(
    ("text", "form", "etype"),
    [
        ("Кремль заявил о поддержке переговоров.", "Кремль", "ORGANIZATION"),
        ("Встреча прошла в Кремле.", "Кремле", "FACILITY"),
    ],
)
def test_seat_of_power_as_actor_is_an_organisation(extract, text, form, etype):
    record = extract(text)
    assert any(e["type"] == etype and form in forms(record, e) for e in record["entities"])


def test_streets_and_squares_are_facilities_not_locations(extract):
    record = extract("Митинг прошел на Красной площади.")
    assert ("LOCATION", "Красной площади") not in spans(record)


def test_a_surname_natasha_missed_joins_the_person(extract):
    record = extract("Яровой поручили доработать закон. Ирина Яровая внесла поправки в Госдуму.")
    people = [e for e in record["entities"] if e["type"] == "PERSON"]
    assert [p["name"] for p in people] == ["Ирина Яровая"]
    assert {"Яровой", "Ирина Яровая"} <= set(forms(record, people[0], "name"))


def test_a_missed_surname_misspelt_by_one_letter_joins_the_person(extract):
    record = extract("Подруга олигарха Екатерина Сабирова рассказала о письме. Сабурова "
                     "отмечает, что письмо отправлено.")
    people = [e for e in record["entities"] if e["type"] == "PERSON"]
    assert [p["name"] for p in people] == ["Екатерина Сабирова"]
    assert "Сабурова" in forms(record, people[0], "name")


def test_nobel_prize_adjective_is_a_person_mention(extract):
    record = extract("Писатель получил Нобелевскую премию по литературе.")
    assert ("PERSON", "Нобелевскую") in spans(record)


@pytest.mark.parametrize(("text", "parts", "joined"), [
    # a first name, then a name, all nominative: one person cut in two
    ("Вчера выступил Нейл Патрик Харрис.", ("Нейл", "Патрик Харрис"), True),
    # whose defender, then the defender: two people
    ("Выступил защитник Алёхиной Александр Подрабинёк.", ("Алёхиной", "Александр Подрабинёк"),
     False),
    # a comma between them: a list
    ("Выступили Нейл, Патрик Харрис.", ("Нейл", "Патрик Харрис"), False),
])
def test_a_name_cut_in_two_is_joined(text, parts, joined):
    from svodka.extract.entities import Candidate
    from svodka.extract.entity_spans import join_split_names
    from svodka.nlp import get_nlp

    article = Article(text=text)
    get_nlp().annotate(article)
    candidates = [Candidate(text.index(p), text.index(p) + len(p), "PERSON") for p in parts]
    spans = {(c.start, c.end) for c in join_split_names(article, candidates)}
    whole = (text.index(parts[0]), text.index(parts[1]) + len(parts[1]))
    assert spans == ({whole} if joined else {(c.start, c.end) for c in candidates})


def test_a_post_written_with_a_capital_is_no_person(extract):
    record = extract("Сегодня Президент России Дмитрий Медведев внёс закон. Впервые о "
                     "готовящемся законе Президент заявил 6 августа.")
    people = {e["name"] for e in record["entities"] if e["type"] == "PERSON"}
    assert people == {"Дмитрий Медведев"}, people


@pytest.mark.parametrize(("text", "joined"), [
    (("Сотрудник Агентства национальной безопасности США уехал. АНБ утверждает, что всё в "
     "порядке."), True),
    # two organisations with those initials: neither
    (("Агентство национальной безопасности США и Агентство научных библиотек спорят. АНБ "
     "молчит."), False),
])
def test_an_acronym_joins_the_one_full_name_it_spells(extract, text, joined):
    record = extract(text)
    acronym = next(e for e in record["entities"] if any(
        record["text"][m["start"]:m["end"]] == "АНБ" for m in e["mentions"]))
    assert (acronym["name"] != "АНБ") is joined, acronym


@pytest.mark.parametrize(("text", "name"), [
    ("По словам Мануэля Арайи, писателя отравили.", "Мануэль Арайя"),
    ("Встреча с Аланом Гарсией прошла в Лиме.", "Алан Гарсия"),
    ("Мануэль Арайя рассказал об этом.", "Мануэль Арайя"),
])
def test_a_declined_surname_in_ia_gets_its_nominative(extract, text, name):
    record = extract(text)
    assert name in {e["name"] for e in record["entities"] if e["type"] == "PERSON"}, record[
        "entities"]


def test_an_organisation_named_again_without_its_adjectives_is_the_same(extract):
    record = extract("Административный суд Кёльна снял запрет. Суд Кёльна выносил вердикт "
                     "в среду.")
    courts = [e for e in record["entities"] if e["type"] == "ORGANIZATION"
              and any(record["text"][m["start"]:m["end"]] == "Суд Кёльна" for m in e["mentions"])]
    assert [e["name"] for e in courts] == ["Административный суд Кёльна"], record["entities"]


@pytest.mark.parametrize(("text", "name"), [
    # a first name pymorphy cannot read loses the ending its surname lost
    ("Агентство лишило Лэнса Армстронга всех титулов.", "Лэнс Армстронг"),
    ("Письмо Лэнсу Армстронгу отправили вчера.", "Лэнс Армстронг"),
    # a declining reading of a first name before its indeclinable homograph
    ("Письмо Анне Карениной пришло утром.", "Анна Каренина"),
    # a first name that does not share the surname's ending stays as written
    ("Встреча с Хорхе Лопесом прошла в Мадриде.", "Хорхе Лопес"),
])
def test_a_declined_first_name_gets_its_nominative(extract, text, name):
    record = extract(text)
    assert name in {e["name"] for e in record["entities"] if e["type"] == "PERSON"}, record[
        "entities"]


def test_a_short_name_in_brackets_is_the_organisation_however_natasha_typed_it(extract):
    record = extract("Исламское государство (ИГ) взяло на себя ответственность. Сторонники ИГ "
                     "вышли на улицы. Позже ИГ заявило о новых планах.")
    owners = {e["name"] for e in record["entities"] for m in e["mentions"]
              if record["text"][m["start"]:m["end"]] == "ИГ"}
    assert owners == {"Исламское государство"}, record["entities"]
    assert all(e["type"] == "ORGANIZATION" for e in record["entities"]
               if e["name"] == "Исламское государство")


def test_a_latin_name_in_brackets_is_the_same_organisation(extract):
    record = extract("Компания «Газпром нефть» (Gazprom Neft) отчиталась о прибыли.")
    owners = {e["name"] for e in record["entities"] for m in e["mentions"]
              if record["text"][m["start"]:m["end"]] == "Gazprom Neft"}
    assert len(owners) == 1 and "Газпром" in owners.pop(), record["entities"]


@pytest.mark.parametrize(("text", "name", "is_organisation"), [
    ("Об этом сообщили в агентстве по недвижимости ''Strutt & Parker''.", "Strutt & Parker",
     True),
    ("Сообщения появились на ''Reddit'' в понедельник.", "Reddit", True),
    ("Певец выпустил альбом ''Fallen Angels''.", "Fallen Angels", False),
    ("Самые известные песни: ''Suzanne'', ''Hallelujah''.", "Hallelujah", False),
])
def test_a_latin_name_in_wiki_quotes_is_an_organisation_unless_a_work(extract, text, name,
                                                                      is_organisation):
    assert (("ORGANIZATION", name) in spans(extract(text))) == is_organisation


def test_a_social_network_used_is_a_product_and_the_company_an_organisation(extract):
    found = spans(extract("Об этом он написал в Facebook. Facebook заблокировал его страницу."))
    assert {("PRODUCT", "Facebook"), ("ORGANIZATION", "Facebook")} <= found, found


@pytest.mark.parametrize(("text", "span"), [
    # a legal form before a quoted company name is no part of the name
    ('Глава ОАО "Башкирэнерго" уволен.', "Башкирэнерго"),
    ("Директор КОГУП «Кировлес» арестован.", "Кировлес"),
    # nor are wiki quotation marks at a name's edge
    ("Суд отказал в аресте руководителя ''Samsung Electronics'' Ли Джэёна.",
     "Samsung Electronics"),
])
def test_an_organisation_span_is_its_name_without_legal_form_or_marks(extract, text, span):
    names = {form for kind, form in spans(extract(text)) if kind == "ORGANIZATION"}
    assert span in names and not any(span in n and n != span for n in names), names


@pytest.mark.parametrize(("text", "bare", "name"), [
    # the nearest fuller name before the bare head
    (("МИД Италии подтвердил похищение. По данным МИД РФ, все трое живы. По данным МИДа, "
      "похитители требуют выкуп."), "МИДа", "МИД России"),
    # none before: the one fuller name the article has
    ("Полиция начала проверку. Полиция Нью-Йорка задержала двоих.", "Полиция",
     "Полиция Нью-Йорка"),
    # a fuller name going on in the nominative is another organisation
    ("Газпром нефть отчиталась о прибыли. Газпром промолчал.", "Газпром", "Газпром"),
])
def test_a_bare_organisation_head_joins_the_fuller_name(extract, text, bare, name):
    record = extract(text)
    owners = {e["name"] for e in record["entities"] for m in e["mentions"]
              if record["text"][m["start"]:m["end"]] == bare}
    assert owners == {name}, record["entities"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Нападающий перешёл из «Барселоны» в «Ювентус» прошлым летом.",
         ("ORGANIZATION", "Барселоны")),
        ("Вчера выступила солистка группы «Ленинград».", ("ORGANIZATION", "Ленинград")),
        ("Поезд прибыл на станцию «Киев» утром.", ("CITY", "Киев")),
        ("Автобус ехал по трассе «Москва» на юг.", ("CITY", "Москва")),
        ("Он живёт в Барселоне уже десять лет.", ("CITY", "Барселоне")),
    ],
)
def test_a_city_name_in_quotes_is_an_organisation_named_after_it(extract, text, expected):
    assert expected in spans(extract(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Он долго писал для газеты ''Sunrise Herald'' в Бостоне.",
         {("ORGANIZATION", "Sunrise Herald")}),
        ("Бывший глава ''Quillmoor'' уехал. Теперь ''Quillmoor'' закрыт.",
         {("ORGANIZATION", "Quillmoor")}),
        ("Журнал ''Urban Kite'' вышел тиражом в тысячу. Тираж ''Urban Kite'' вырос.",
         {("ORGANIZATION", "Urban Kite")}),
    ],
)
def test_a_name_after_an_organisation_kind_noun_is_an_organisation(extract, text, expected):
    record = extract(text)
    assert expected <= spans(record)
    org = next(e for e in record["entities"] if e["name"] == next(iter(expected))[1])
    assert len(org["mentions"]) == text.count(next(iter(expected))[1])


# (text, the people the article names): which name mentions are one person
PEOPLE = [
    # a surname-or-patronymic word is the patronymic of the one Борис named in full
    ("Борис Березовский уехал в Лондон. Борис Абрамович позвонил жене. Борис долго молчал.",
     ["Борис Березовский"]),
    # not when the article names someone with it as a surname
    ("Роман Абрамович купил клуб. Борис Березовский уехал. Борис Абрамович позвонил.",
     ["Борис Абрамович", "Борис Березовский", "Роман Абрамович"]),
    # nor when the word has no patronymic reading
    ("Виктор Янукович прибыл в Москву. Виктор Медведчук остался в Киеве.",
     ["Виктор Медведчук", "Виктор Янукович"]),
    # two spellings of one foreign first name, one letter apart: the commoner one names her
    ("Бриджит Бардо пригрозила уехать. Брижит Бардо в 1968 году. Брижит Бардо дала интервью.",
     ["Брижит Бардо"]),
    # a different ending is a different person
    ("Александр Петров и Александра Петров пришли на встречу.",
     ["Александр Петров", "Александра Петров"]),
    # so are two names more than one letter apart
    ("Марина Иванова и Мария Иванова пришли на встречу.", ["Марина Иванова", "Мария Иванова"]),
    # a surname written with one letter less joins the one full name it misspells
    ("Стивен Пэддок открыл огонь. Пэдок действовал один.", ["Стивен Пэддок"]),
    # a different ending is no misspelling
    ("Хосе Луис Бонет заявил это. Бонетт ушёл.", ["Бонетт", "Хосе Луис Бонет"]),
]


@pytest.mark.parametrize(("text", "people"), PEOPLE)
def test_which_name_mentions_are_one_person(extract, text, people):
    record = extract(text)
    assert sorted(e["name"] for e in record["entities"] if e["type"] == "PERSON") == people


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Комиссия по ценным бумагам США начала проверку банка.",
         {("ORGANIZATION", "Комиссия по ценным бумагам США"), ("COUNTRY", "США")}),
        ("Решение Европейского суда по правам человека вступило в силу.",
         {("ORGANIZATION", "Европейского суда по правам человека")}),
        ("Депутат думского комитета по обороне выступил против.",
         {("ORGANIZATION", "думского комитета по обороне")}),
        ("Проект одобрил Комитет Госдумы по вопросам семьи, женщин и детей.",
         {("ORGANIZATION", "Комитет Госдумы по вопросам семьи, женщин и детей"),
          ("ORGANIZATION", "Госдумы")}),
        ("Обыск провело управление по борьбе с терроризмом ФСБ России.",
         {("ORGANIZATION", "управление по борьбе с терроризмом ФСБ России")}),
        # a branch of a state body named with the region it acts in, holding the body's name
        ("Об этом сообщили в МВД России по Москве.",
         {("ORGANIZATION", "МВД России по Москве"), ("ORGANIZATION", "МВД России"),
          ("CITY", "Москве")}),
        ("Сотрудники УФСБ по Пермскому краю задержали подозреваемого.",
         {("ORGANIZATION", "УФСБ по Пермскому краю"), ("ORGANIZATION", "УФСБ")}),
        # a stop-listed abbreviation of a kind of body opens the name after it
        ("Начальник ГУ МВД по г. Москве ответил на вопросы.",
         {("ORGANIZATION", "ГУ МВД по г. Москве"), ("ORGANIZATION", "ГУ МВД")}),
        ("В пресс-службе ГУ МВД России по Москве уточнили подробности.",
         {("ORGANIZATION", "пресс-службе ГУ МВД России по Москве"),
          ("ORGANIZATION", "ГУ МВД России по Москве"), ("ORGANIZATION", "ГУ МВД России")}),
    ],
)
def test_organisation_names_go_on_with_what_they_deal_with(extract, text, expected):
    assert expected <= spans(extract(text))


@pytest.mark.parametrize(("text", "branch", "body"), [
    ("Следственный комитет России по Челябинской области завершил расследование.",
     "Следственный комитет России по Челябинской области", "Следственный комитет России"),
    ("Об этом сообщили в ГУ МВД России по Москве.", "ГУ МВД России по Москве", "МВД России"),
])
def test_a_branch_is_an_organisation_of_its_own_named_as_written(extract, text, branch, body):
    entities = {e["name"]: e for e in extract(text)["entities"]}
    assert branch in entities and body in entities, sorted(entities)
    assert entities[branch]["id"] != entities[body]["id"]
    assert entities[branch].get("wikidata") is None


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Суд по делу Иванова начался в понедельник.", ("ORGANIZATION", "Суд по делу")),
        ("Он ушёл со службы по состоянию здоровья.",
         ("ORGANIZATION", "службы по состоянию здоровья")),
        ("Начальник ГУ МВД по городу Москве ответил.", ("ORGANIZATION", "ГУ МВД по городу")),
        ("Начальник ГУ МВД ответил.", ("ORGANIZATION", "ГУ")),
        ("После удара ВВС Израиля по Палестинским территориям начались протесты.",
         ("ORGANIZATION", "ВВС Израиля по Палестинским территориям")),
    ],
)
def test_a_po_phrase_that_is_no_part_of_the_name(extract, text, absent):
    assert absent not in spans(extract(text))


def test_a_bare_abbreviation_a_gazetteer_alias_opens_joins_the_named_entry(extract):
    # «ЦБ» opens the aliases «ЦБ РФ», «ЦБ России» of Банк России
    record = extract("ЦБ сохранил ставку. Совет директоров Банка России принял это решение.")
    bank = next(e for e in record["entities"] if e["name"] == "Банк России")
    assert "ЦБ" in {record["text"][m["start"]:m["end"]] for m in bank["mentions"]}
    # with no such entry named, a bare «ЦБ» stays an organisation of its own
    alone = extract("ЦБ сохранил ставку.")
    assert [e["name"] for e in alone["entities"] if e["type"] == "ORGANIZATION"] == ["ЦБ"]


def test_gazetteer_entries_keep_the_abbreviations_their_aliases_open_with():
    from svodka.extract.entities import get_gazetteer

    assert get_gazetteer().by_qid("Q806651").short_names == ("ЦБ",)


def test_companies_news_keeps_naming_link_in_either_script(extract):
    record = extract("Концерн Volkswagen и компания Samsung заключили сделку. Акции Фольксвагена "
                     "выросли.")
    linked = {e["name"]: e.get("wikidata") for e in record["entities"]}
    assert linked.get("Volkswagen") == "Q156578" and linked.get("Samsung") == "Q20716", linked
    assert len([e for e in record["entities"] if e.get("wikidata") == "Q156578"]) == 1
