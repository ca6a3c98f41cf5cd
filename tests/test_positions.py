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
    assert len(shared) == 2
    # the shared title names no country itself; each president may only inherit his own
    # from his other posts in the article (checked for every post above)
    assert {names[p["person"]]["name"] for p in shared} == {"Владимир Путин", "Ильхам Алиев"}


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
    # the title before its linking verb and the holder
    ("Капитаном команды стал Михаил Орлов.",
     "Михаил Орлов", "капитан команды", None, None),
    # a relative clause with a time phrase between the name and the post
    ("Анна Белова, которая в прошлом году стала министром культуры, выступила на форуме.",
     "Анна Белова", "министр культуры", None, None),
    # an apposition after a bracketed transliteration
    ("Виктор Зайцев (Victor Zaitsev), бывший директор завода, дал интервью.",
     "Виктор Зайцев", "директор завода", None, None),
    # two titles before one name, with and without a comma
    ("Народная артистка России, оперная певица Мария Лебедева выступила в Казани.",
     "Мария Лебедева", "оперная певица", None, None),
    ("Командующий Северным флотом адмирал Олег Комаров прибыл в Мурманск.",
     "Олег Комаров", "адмирал", None, None),
    # an adjective used as a post, with its instrumental or accusative object
    ("Командующий Северным флотом адмирал Олег Комаров прибыл в Мурманск.",
     "Олег Комаров", "командующий", "Северный флот", None),
    ("Исполняющий обязанности губернатора Андрей Воробьёв подписал указ.",
     "Андрей Воробьёв", "исполняющий обязанности губернатора", None, None),
    # a city the post governs is its organisation
    ("Мэр Самары Иван Петров открыл новый парк.",
     "Иван Петров", "мэр", "Самара", None),
    # an organisation inside a title that goes on after it
    ("Директор НАСА по космическим программам Джон Смит выступил на конференции.",
     "Джон Смит", "директор НАСА по космическим программам", "НАСА", None),
    # the holder after a genitive possessor
    ("Адвокат Петрова Иван Сидоров заявил журналистам, что обжалует приговор.",
     "Иван Сидоров", "адвокат", None, None),
    # a subject pronoun the coref stage links to the person
    ("Иван Морозов родился в Твери. В 2010 году он стал губернатором области.",
     "Иван Морозов", "губернатор области", None, None),
    # a name set off by commas after the title that opens the clause
    ("Президент Казахстана, Касым-Жомарт Токаев, выразил соболезнования.",
     "Касым-Жомарт Токаев", "президент", None, "Казахстан"),
    # the title before its linking verb, past another post of the holder's
    ("Новым спикером парламента стал бывший глава администрации Игорь Соколов.",
     "Игорь Соколов", "спикер", "парламент", None),
    # an acting post before a passive appointment
    ("Врио губернатора области назначен Павел Кузнецов.",
     "Павел Кузнецов", "врио губернатора области", None, None),
    # an abbreviation in brackets between two stacked titles
    ("Начальник войск радиоэлектронной борьбы (РЭБ) генерал-майор Олег Ковалёв выступил.",
     "Олег Ковалёв", "генерал-майор", None, None),
    # a time phrase between the subject and its linking verb
    ("Иван Тимохин с 2006 по 2008 год работал на посту заместителя губернатора.",
     "Иван Тимохин", "заместитель губернатора", None, None),
    # a title running into the next one that names its holder is that holder's, not the
    # clause subject's
    (("Президент Дмитрий Медведев освободил от должности начальника войск радиоэлектронной "
      "борьбы (РЭБ) генерал-майора Олега Иванова."), "Олег Иванов",
     "начальник войск радиоэлектронной борьбы", None, None),
    (("В прошлом году приехал Стивен Спилберг. В 2012 году главой жюри был известный "
      "итальянский режиссер, актёр и продюсер Нанни Моретти."), "Нанни Моретти", "актёр", None,
     None),
    (("Михаил Лесин, бывший министр печати России, экс-глава «Газпром-медиа», советник "
      "президента России Владимира Путина, умер в Вашингтоне."), "Михаил Лесин",
     "министр печати", None, "Россия"),
    # a perfective «выступить» links an instrumental title to the holder after it
    (("Фильм рассказывает об Оскаре Гранте. Продюсером фильма выступил оскароносный актер "
      "Форест Уитакер."), "Форест Уитакер", "продюсер фильма", None, None),
    # where the holder works, between the link verb and the title
    ("Анна Петрова до 2012 года работала в Google инженером.", "Анна Петрова", "инженер", None,
     None),
    # a person in the genitive right before «на посту»: whose time in the post it is
    ("Первой инициативой Мамуки Бахтадзе на посту премьер-министра Грузии стала реформа.",
     "Мамуки Бахтадзе", "премьер-министр", None, "Грузия"),
    ("Работа Ивана Петрова в должности директора завода закончилась в мае.",
     "Иван Петров", "директор завода", None, None),
    # a name set off by commas after a title that does not open the clause
    ("На суде его адвокат, Стивен Брунстайн, отказался отвечать на вопрос.",
     "Стивен Брунстайн", "адвокат", None, None),
    # a nationality noun between the title and the name
    ("Министр иностранных дел Чехии немец Карл Шварценберг ответил журналистам.",
     "Карл Шварценберг", "министр иностранных дел", None, "Чехия"),
    # a participle before the organisation stays out of the title
    ("Ёсихико Нода, лидер правящей Демократической партии, объявил о перестановках.",
     "Ёсихико Нода", "лидер", "Демократическая партия", None),
    # the appointee before an active verb of appointing
    ("В среду Олега Гусева назначили тренером команды.",
     "Олег Гусев", "тренер команды", None, None),
    # a numbered institution inside the title
    ("Секретарь директора школы № 1 Ирина Бандурина подтвердила информацию.",
     "Ирина Бандурина", "секретарь директора школы № 1", None, None),
    # a stacked title after a comma and an adjective the lexicon does not list
    ("Выступил глава департамента Google, знаменитый изобретатель Рэй Курцвейл.",
     "Рэй Курцвейл", "изобретатель", None, None),
    # a second title joined by «и» before the closing comma
    ("Стивен Бенджамин, адвокат из Ричмонда и президент ассоциации адвокатов, выступил.",
     "Стивен Бенджамин", "адвокат из Ричмонда", None, None),
    # congratulated on the election to a post
    ("Президент поздравил Хасана Рухани с избранием на пост президента Ирана.",
     "Хасан Рухани", "президент", None, "Иран"),
    # an adjective between the appointee and the title
    ("Совет назначил Марио Драги новым главой банка.", "Марио Драги", "глава банка", None, None),
    # an ordinal inside the title's genitive tail, shared by two names
    (("Участковый Денис Иванов и заместители начальника 75-го отдела полиции Олег Прохоренко "
      "и Алексей Малых уволены."), "Алексей Малых", "заместитель начальника 75-го отдела",
     "полиция", None),
    # a prepositional phrase between an instrumental title and its linking verb
    ("Лучшим актером в драматическом сериале стал Кайл Чандлер.",
     "Кайл Чандлер", "актёр", None, None),
    # a noun the lexicon lacks inside a list of titles after a dash
    ("Дарья Жукова — дизайнер, основатель и директор фонда.", "Дарья Жукова", "директор фонда",
     None, None),
    # a kinship noun between an inverted copula and the holder's name
    ("Новым королём стал его старший сын Фредерик Второй.", "Фредерик Второй", "король", None,
     None),
    # a plural title the tagger read as singular is shared by the names listed after it
    ("Мигалки положены первым зампредам Александру Жукову и Ивану Мельникову.",
     "Иван Мельников", "первый зампред", None, None),
    # a place of origin between listed names does not end the list
    ("Эксперты назвали фаворитами активисток Ильвад Эльман из Сомали и Хаджер Шариф из Ливии.",
     "Хаджер Шариф", "активистка", None, None),
    # «выбран» links like «избран»
    ("Синдзо Абэ был выбран председателем партии.", "Синдзо Абэ", "председатель партии", None,
     None),
    # whom the post represents, between the title and the name
    ("Сенатор от штата Алабама Джефф Сешнс выступил против законопроекта.", "Джефф Сешнс",
     "сенатор", None, None),
    # a long biographical aside between the name and the dash
    (("Антон Лебедев (род. 3 мая 1960 года в Воронеже, окончил МГУ) — российский "
      "дипломат."), "Антон Лебедев", "дипломат", None, "Россия"),
    # a genitive name after a title in another case holds the post inside it
    ("Сергей Иванов стал помощником премьер-министра России Дмитрия Медведева.",
     "Дмитрий Медведев", "премьер-министр", None, "Россия"),
    # a genitive the tagger read as nominative still continues the title
    ("Солист рок-группы Rolling Stones Мик Джаггер скоро станет отцом.",
     "Мик Джаггер", "солист рок-группы", "Rolling Stones", None),
    # a post phrase: the clause's subject holds (or held) the post
    ("Стив Джобс уходит в отставку с поста исполнительного директора компании Apple.",
     "Стив Джобс", "исполнительный директор компании", "Apple", None),
    ("Рено проработала в должности генерального прокурора почти восемь лет.",
     "Рено", "генеральный прокурор", None, None),
    (("Владимир Кулишов, назначенный сегодня на пост руководителя Пограничной службы ФСБ, "
      "приступил к работе."), "Владимир Кулишов", "руководитель", "Пограничная служба", None),
    # a post phrase opening the sentence: the holder follows the verb
    ("Джобс ушел. На посту генерального директора Apple его сменит Тим Кук.",
     "Тим Кук", "генеральный директор", "Apple", None),
    # who replaces the holder on a post holds it too
    ("61-летняя Джина Хаспел сменила на посту главы ЦРУ Майка Помпео.",
     "Джина Хаспел", "глава", "ЦРУ", None),
    # titles listed before a nominal aside and the name set off by a comma
    (("Скончался итальянский драматург и режиссёр, лауреат Нобелевской премии по литературе "
      "1997 года, Дарио Фо."), "Дарио Фо", "драматург", None, "Италия"),
    ("Об этом сказал директор музея и археолог, Александр Кержаев.",
     "Александр Кержаев", "директор музея", None, None),
    # a club's name in wiki quotation marks between the title and the name
    ("Шведский защитник ''Detroit Red Wings'' Никлас Лидстрём принял решение.",
     "Никлас Лидстрём", "защитник", None, "Швеция"),
    # adjectives the title left out between the post word and the title
    ("Конгресс ФИФА избрал Джанни Инфантино на пост нового президента.",
     "Джанни Инфантино", "президент", None, None),
    # an aside or a prepositional phrase between an instrumental title and its verb
    ("Министром финансов (канцлером казначейства) должен стать Джордж Осборн.",
     "Джордж Осборн", "министр финансов", None, None),
    ("Президентом Ирана в результате выборов избран 64-летний Хасан Рухани.",
     "Хасан Рухани", "президент", None, "Иран"),
    # a possessor whose name does not decline, then the holder in the nominative
    ("Врач Хиллари Клинтон Лиза Бардек сообщила, что всё хорошо.",
     "Лиза Бардек", "врач", None, None),
    # an organisation after «в» is where the post is held (a country there is not whose)
    ("Представитель Ирана в ОПЕК Мохаммад Хатиби заявил, что выборы пройдут в срок.",
     "Мохаммад Хатиби", "представитель Ирана", "ОПЕК", "Иран"),
    # a military district is the post's jurisdiction
    ("Главкомом назначен командующий войсками Сибирского военного округа Александр Постников.",
     "Александр Постников", "командующий войсками", "Сибирский военный округ", None),
    # «один из …» apposed to a name
    ("Валерий Гергиев, один из известных дирижёров России, выступил в Вене.",
     "Валерий Гергиев", "дирижёр", None, "Россия"),
    # in a list of people each named after their titles, a title after one person's comma
    # opens the next person's titles
    (("На вечере выступили поэт Анатолий Смолин, журналист, член Союза писателей России "
      "Владислав Пастухов, и другие."), "Владислав Пастухов", "журналист", None, None),
    # a participle of a link verb between the name and an apposed title
    (("На выборах он обошёл Маттео Ренци, считающегося одним из наиболее заметных политиков "
     "Италии."), "Маттео Ренци", "политик", None, "Италия"),
    # a subject pronoun of a post: the one person of its gender just named
    (("Профсоюзному активисту Николасу Мадуро 50 лет. С 2006 года он занимал должность "
      "министра иностранных дел."), "Николас Мадуро", "министр иностранных дел", None, None),
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


@pytest.mark.parametrize(("text", "person", "title"), [
    ("Иван Петров претендует на пост президента.", "Иван Петров", "президент"),
    ("Анна Смирнова выдвинула свою кандидатуру на должность мэра.", "Анна Смирнова", "мэр"),
    ("Президент Анибал Силва утвердил на посту премьер-министра Педро Коэлью.", "Анибал Силва",
     "премьер-министр"),
    ("На пост президента претендует Иван Петров.", "Иван Петров", "президент"),
    ("Кандидат в президенты Иван Петров выступил в Омске.", "Иван Петров", "президент"),
    ("Кандидат от оппозиции Нана Акуфо-Аддо набрал 47 процентов.", "Нана Акуфо-Аддо",
     "кандидат"),
])
def test_a_candidate_or_the_appointer_holds_no_post_phrase_title(pipeline, text, person, title):
    article = _annotate(pipeline, text)
    names = {e.id: e.name for e in article.entities}
    assert not [p for p in article.positions if names[p.person] == person
                and p.title == title], _posts(article)


@pytest.mark.parametrize(("text", "person", "title"), [
    # a nominative title after a link verb is the verb's subject, no predicate of the person
    # named before
    (("Нанни Моретти возглавил жюри. До этого два года подряд председателями выступали "
      "американские режиссёры и продюсеры."), "Нанни Моретти", "продюсер"),
])
def test_a_nominative_title_after_a_link_verb_is_no_predicate(pipeline, text, person, title):
    article = _annotate(pipeline, text)
    names = {e.id: e.name for e in article.entities}
    assert not [p for p in article.positions if names[p.person] == person
                and p.title == title], _posts(article)


@pytest.mark.parametrize("text", [
    ("Иван Петров встретил Олега Сидорова в Москве, где прошёл форум. Он занимал должность "
     "министра."),
    "Анна Петрова приехала в Москву. Он занимал должность министра.",
])
def test_a_subject_pronoun_with_no_single_fitting_person_holds_no_post(pipeline, text):
    article = _annotate(pipeline, text)
    assert not [p for p in article.positions if p.title == "министр"], _posts(article)


def test_a_title_ending_a_headline_is_not_the_next_paragraphs_name(pipeline):
    article = _annotate(pipeline, "Росгвардия будет охранять губернаторов\n\nВладимир Путин "
                                  "подписал указ о новой службе.")
    assert not [p for p in article.positions if p.title == "губернатор"], _posts(article)


def test_offsets_cover_the_title_as_written(pipeline):
    article = _annotate(pipeline, "Губернатора Новгородской области Андрея Никитина "
                                  "переизбрали.")
    (post,) = [p for p in article.positions]
    assert article.text[post.start:post.end].startswith("Губернатора")
    assert post.title.startswith("губернатор")


def test_titles_listed_after_a_name_all_go_to_it(pipeline):
    posts = _posts(_annotate(pipeline, "Олег Крылов — поэт, переводчик и публицист."))
    assert {p[1] for p in posts if p[0] == "Олег Крылов"} == {"поэт", "переводчик",
                                                              "публицист"}, posts


@pytest.mark.parametrize(("text", "title", "people"), [
    # a hyphenated plural the tagger reads as singular
    (("К ним присоединятся летчики-космонавты Борис Волынов, Анатолий Березовой, Виктор "
     "Горбатко."), "лётчик-космонавт", {"Борис Волынов", "Анатолий Березовой", "Виктор Горбатко"}),
    # a country in brackets after each name of the list
    (("Среди них такие музыканты, как Колин Дэвис (Великобритания), Валерий Гергиев (Россия), "
     "Марис Янсонс (Латвия)."), "музыкант", {"Колин Дэвис", "Валерий Гергиев", "Марис Янсонс"}),
    # «в числе X-ов были A, B и C»
    ("В числе развлекавших гостей артистов были Дженнифер Лопес, Стинг и Энрике Иглесиас.",
     "артист", {"Дженнифер Лопес", "Стинг", "Энрике Иглесиас"}),
    # the names listed before «и других X-ов»
    ("На выставке показали картины Пабло Пикассо, Василия Кандинского и других художников.",
     "художник", {"Пабло Пикассо", "Василий Кандинский"}),
])
def test_a_plural_title_goes_to_every_name_of_its_list(pipeline, text, title, people):
    posts = _posts(_annotate(pipeline, text))
    assert {p[0] for p in posts if p[1] == title} == people, posts


def test_a_plural_title_before_a_list_with_kak(pipeline):
    posts = _posts(_annotate(pipeline, "Среди гостей были такие музыканты, как Денис "
                                       "Мацуев и Юрий Башмет."))
    assert {p[0] for p in posts if p[1] == "музыкант"} == {"Денис Мацуев", "Юрий Башмет"}


def test_a_bare_title_inherits_the_persons_country_from_a_fuller_one(pipeline):
    article = _annotate(pipeline, "Президент России Владимир Путин прибыл в Казань. Позже "
                                  "президент Путин провел совещание.")
    posts = [p for p in _posts(article) if p[1] == "президент"]
    assert len(posts) == 2 and all(p[3] == "Россия" for p in posts), posts


@pytest.mark.parametrize(("text", "holder"), [
    ("Актер Павел Смирнов снялся в новом фильме. Актер рассказал о съемках.", "Павел Смирнов"),
    # another man named in between holds no such post: «актер» is still Смирнов
    (("Актер Павел Смирнов снялся в новом фильме с Андреем Ивановым. Актер рассказал о "
      "съемках."), "Павел Смирнов"),
    # two actors in one sentence: the bare title goes to its subject, not to the one in an
    # oblique case (the coref stage prefers the subject there)
    (("Актер Павел Смирнов снялся в новом фильме с актером Андреем Ивановым. Актер "
      "рассказал о съемках."), "Павел Смирнов"),
    # two actors in two sentences: the one named last
    (("Актер Павел Смирнов снялся в новом фильме. Актер Андрей Иванов тоже снялся в нём. "
      "Актер рассказал о съемках."), "Андрей Иванов"),
])
def test_a_repeated_bare_title_goes_to_the_last_person_named_with_it(pipeline, text, holder):
    article = _annotate(pipeline, text)
    second = text.rindex("Актер")
    holders = {p[0] for p, position in zip(_posts(article), article.positions)
               if position.start == second}
    assert holders == {holder}, _posts(article)


@pytest.mark.parametrize(("text", "country"), [
    # one country the story is about: a bare state post is that country's
    (("Премьер-министр Иван Петров заявил, что Россия выполнит обязательства. Экономика "
     "России растет, сообщил он. В России снижается инфляция."), "Россия"),
    # two countries: a bare «премьер-министр» could be either
    (("Премьер-министр Иван Петров заявил, что Россия и Франция выполнят обязательства. "
     "Франция и Россия договорились."), None),
])
def test_a_bare_state_post_takes_the_one_country_of_the_story(pipeline, text, country):
    posts = [p for p in _posts(_annotate(pipeline, text)) if p[1] == "премьер-министр"]
    assert posts and all(p[3] == country for p in posts), posts


@pytest.mark.parametrize(("word", "gender", "genitive"), [
    ("Джордж", "Masc", "Джорджа"),
    ("Мингазов", "Masc", "Мингазова"),
    ("Мендонса", "Masc", "Мендонсы"),
    ("Петрова", "Fem", "Петровой"),
    ("Вяземская", "Fem", "Вяземской"),
    ("Завадский", "Masc", "Завадского"),
    ("Шойгу", "Masc", "Шойгу"),
    ("Линч", "Fem", "Линч"),
    ("аль-Завахири", "Masc", "аль-Завахири"),
])
def test_a_name_in_the_genitive(word, gender, genitive):
    from svodka.extract.title_forms import name_genitive
    from svodka.nlp import get_nlp

    assert name_genitive(word, gender, get_nlp()) == genitive


@pytest.mark.parametrize(("text", "person", "titles"), [
    # a post and a rank read as one title, the rank in the same case right before the name
    ("Издание называет командующего 20-й армией генерал-майора Игоря Седова.",
     "Игорь Седов", {"командующий", "генерал-майор"}),  # the army is the organisation
    # a person's age between the two
    ("Трибунал осудил бывшего командира бригады 60-летнего полковника Петра Савина.",
     "Пётр Савин", {"командир бригады", "полковник"}),
    # a second head right after the first is its possessor, not another post
    ("Он встретился с помощником министра Иваном Петровым.", "Иван Петров",
     {"помощник министра"}),
])
def test_a_rank_after_a_post_is_a_title_of_its_own(pipeline, text, person, titles):
    posts = _posts(_annotate(pipeline, text))
    assert {p[1] for p in posts if p[0] == person} == titles, posts


def test_a_linked_role_noun_in_an_oblique_case_names_the_office_not_a_post(pipeline):
    text = ("Президент Франции Эмманюэль Макрон прибыл в Берлин. Полномочия президента "
            "истекают в 2027 году. Президент заявил, что не будет баллотироваться.")
    article = _annotate(pipeline, text)
    starts = {p.start for p in article.positions}
    assert text.index("президента") not in starts, _posts(article)
    assert text.rindex("Президент") in starts, _posts(article)  # the subject is his


def test_a_country_adjective_before_the_organisation_is_no_part_of_the_title(pipeline):
    text = ("Лавров провел переговоры с главой МИД КНР Ван И. Глава китайского МИД подчеркнул, "
            "что Пекин выступает за урегулирование.")
    posts = _posts(_annotate(pipeline, text))
    assert ("Ван И", "глава", "МИД Китая", "Китай", "Глава") in posts, posts
