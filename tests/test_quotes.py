"""The quotes layer: direct, indirect and mixed quotes, their spans, cues and speakers."""

from __future__ import annotations

import json

import pytest

from svodka.article import Article
from svodka.evaluate.quotes import Span, match_spans, same_speaker
from svodka.extract.marks import find_quoted, top_level
from tests.conftest import assert_offsets


@pytest.fixture(scope="module")
def extract(pipeline):
    def run(text: str) -> dict:
        record = pipeline(Article(text=text)).to_record()
        assert_offsets(record)
        return record

    return run


def quote_for(record: dict, content: str) -> dict | None:
    """The predicted quote matching `content` by the scorer's rule (half the longer span)."""
    start = record["text"].index(content)
    spans = [Span(q["kind"], q["start"], q["end"], q["speaker_name"]) for q in record["quotes"]]
    matches = match_spans(spans, [Span("?", start, start + len(content), None)])
    return record["quotes"][spans.index(matches[0][0])] if matches else None


# (text, reported content, kind, speaker name, cue)
QUOTES = [
    # direct, each mark type; cue after, before, dash line
    ("«Мы готовы к переговорам без предварительных условий», – сказал Сергей Лавров.",
     "Мы готовы к переговорам без предварительных условий", "direct", "Сергей Лавров",
     "сказал"),
    ('"Мы продолжим диалог со всеми партнерами в регионе"\n\n– Мария Захарова',
     "Мы продолжим диалог со всеми партнерами в регионе", "direct", "Мария Захарова", "–"),
    ("Министр финансов Антон Силуанов заявил: „Бюджет будет исполнен без дефицита“.",
     "Бюджет будет исполнен без дефицита", "direct", "Антон Силуанов", "заявил"),
    ("Сергей Лавров заявил: «Россия не откажется от своих планов в Арктике».",
     "Россия не откажется от своих планов в Арктике", "direct", "Сергей Лавров", "заявил"),
    ("Дмитрий Песков сказал:\nМы продолжим работу с партнерами и не будем спешить с выводами.",
     "Мы продолжим работу с партнерами и не будем спешить с выводами", "direct",
     "Дмитрий Песков", "сказал"),
    ("Дмитрий Песков поблагодарил коллег словами: «Без вашей помощи мы бы не справились».",
     "Без вашей помощи мы бы не справились", "direct", "Дмитрий Песков", ":"),
    # indirect
    ("Сергей Лавров заявил журналистам, что Россия готова к переговорам с Украиной.",
     "Россия готова к переговорам с Украиной", "indirect", "Сергей Лавров", "заявил"),
    ("Министр финансов Антон Силуанов сообщил о росте доходов федерального бюджета.",
     "росте доходов федерального бюджета", "indirect", "Антон Силуанов", "сообщил"),
    ("По словам Эльвиры Набиуллиной, инфляция замедлится к концу следующего года.",
     "инфляция замедлится к концу следующего года", "indirect", "Эльвира Набиуллина",
     "По словам"),
    ("Как отметил Дмитрий Песков, Кремль внимательно следит за развитием ситуации.",
     "Кремль внимательно следит за развитием ситуации", "indirect", "Дмитрий Песков",
     "отметил"),
    ("Владимир Путин выразил уверенность в том, что соглашение будет подписано до конца года.",
     "соглашение будет подписано до конца года", "indirect", "Владимир Путин", "выразил"),
    ("Экономика страны восстанавливается быстрее ожиданий, подчеркнул Антон Силуанов.",
     "Экономика страны восстанавливается быстрее ожиданий", "indirect", "Антон Силуанов",
     "подчеркнул"),
    ("Эльвира Набиуллина считает, что ключевая ставка останется прежней.",
     "ключевая ставка останется прежней", "indirect", "Эльвира Набиуллина", "считает"),
    ("Как стало известно «Коммерсанту», правительство готовит новый закон о рынке жилья.",
     "правительство готовит новый закон о рынке жилья", "indirect", "Коммерсант",  # as written
     "Как стало известно"),
    ("Реформа пенсионной системы отложена до осени, сообщает агентство Bloomberg.",
     "Реформа пенсионной системы отложена до осени", "indirect", "Bloomberg", "сообщает"),
    # mixed: reported speech with a quoted fragment
    ("Дмитрий Песков назвал эти обвинения «абсолютно абсурдными».",
     "эти обвинения «абсолютно абсурдными", "mixed", "Дмитрий Песков", "назвал"),
    ("Сергей Лавров заявил, что Запад ведет «опасную игру» в регионе.",
     "Запад ведет «опасную игру» в регионе", "mixed", "Сергей Лавров", "заявил"),
    # unnamed sources: a description, no entity
    ("Источник в правительстве сообщил, что решение о повышении пошлин уже принято.",
     "решение о повышении пошлин уже принято", "indirect", "источник в правительстве",
     "сообщил"),
    ("Эксперты считают, что цены на нефть продолжат расти.",
     "цены на нефть продолжат расти", "indirect", "эксперты", "считают"),
    # a body no lexicon lists, as the subject of a plain speech verb
    ("Коллегия нотариусов (Colegio Notarial) сообщила, что число сделок выросло втрое.",
     "число сделок выросло втрое", "indirect", "коллегия нотариусов", "сообщила"),
    # a judgement: the object and its instrumental predicate, not the rest of the sentence
    ("Министр считает Курилы своей зоной ответственности, а губернатор с ним спорит.",
     "Курилы своей зоной ответственности", "indirect", "министр", "считает"),
    ("Депутат Олег Смолин назвал «Единую Россию» «партией чиновников», а затем покинул зал.",
     "«Единую Россию» «партией чиновников»", "mixed", "Олег Смолин", "назвал"),
    # a question as the content («пояснил, почему …»)
    ("Премьер Хорватии Андрей Пленкович пояснил, почему его страна не поддержит санкции.",
     "почему его страна не поддержит санкции", "indirect", "Андрей Пленкович", "пояснил"),
    # a verb of the broader list
    ("Глава Минфина Антон Силуанов намекнул, что налоги для банков могут вырасти.",
     "налоги для банков могут вырасти", "indirect", "Антон Силуанов", "намекнул"),
    # an occupation noun and an organisation kind refer back to the one named before
    ("Певица Алла Пугачёва вернулась в Москву. Певица призналась, что скучала по сцене.",
     "скучала по сцене", "indirect", "Алла Пугачёва", "призналась"),
    ("Агентство Bloomberg опубликовало расследование. По данным издания, сделка сорвалась.",
     "сделка сорвалась", "indirect", "Bloomberg", "По данным"),
    # a speech noun with «о том, что»: its genitive source, the verb's subject, or nobody
    ("Заявление Минэнерго о том, что экспорт газа сократится, вызвало споры.",
     "экспорт газа сократится", "indirect", "Минэнерго", "Заявление"),
    ("Вице-премьер Алексей Оверчук выступил с заявлением о том, что пошлины отменят.",
     "пошлины отменят", "indirect", "Алексей Оверчук", "заявлением"),
    ("В прессу просочилась информация о том, что банк готовит допэмиссию.",
     "банк готовит допэмиссию", "indirect", None, "информация"),
    ("Компания опровергла слухи о том, что она уходит с рынка.",
     "она уходит с рынка", "indirect", "компания", "опровергла"),
    # a fronted «о» phrase, and «О своих планах X рассказал» restating the sentence before
    ("Певица Жанна Агузарова уехала в Лос-Анджелес. О переезде певица рассказала в блоге.",
     "переезде", "indirect", "Жанна Агузарова", "рассказала"),
    (("Губернатор Олег Кожемяко построит новый порт. О своих планах губернатор рассказал "
     "в интервью."), "Губернатор Олег Кожемяко построит новый порт", "indirect",
     "Олег Кожемяко", "рассказал"),
    # a proposal to someone: the infinitive after the addressee
    ("Спикер Вячеслав Володин предложил депутатам отказаться от летних каникул.",
     "отказаться от летних каникул", "indirect", "Вячеслав Володин", "предложил"),
    # «они» after «по мнению аналитиков»: the nearest group that spoke
    (("Эксперты заявили о росте цен. По мнению аналитиков, рост продолжится. Они считают, "
     "что ставка вырастет."), "ставка вырастет", "indirect", "аналитики", "считают"),
    # a description with a participle phrase inside it, kept whole
    ("Представитель владельцев затопленных в порту судов заявил, что подаст жалобу.",
     "подаст жалобу", "indirect", "представитель владельцев затопленных в порту судов",
     "заявил"),
    # a body that stands for its state speaks under its own name
    ("Переговоры с Ираном продолжатся, заявили в Кремле.", "Переговоры с Ираном продолжатся",
     "indirect", "Кремль", "заявили"),
    ("Санкции будут продлены, сообщил Белый дом.", "Санкции будут продлены", "indirect",
     "Белый дом", "сообщил"),
    # requests past the addressee, calls with «к», and the judgement verbs
    ("Адвокаты Ивана Петрова просили суд отпустить его под залог.", "отпустить его под залог",
     "indirect", "адвокаты Ивана Петрова", "просили"),
    ("Ряд артистов призвали к бойкоту фестиваля.", "бойкоту фестиваля", "indirect",
     "ряд артистов", "призвали"),
    ("Эксперты сочли переговоры полезными.", "переговоры полезными", "indirect",
     "эксперты", "сочли"),
    # an opinion verb negated is still an opinion
    ("Вдова бизнесмена Ольга Сергеева не верит, что он покончил с собой.",
     "он покончил с собой", "indirect", "Ольга Сергеева", "верит"),
    # «Согласно X,» opening a sentence, and a sentence-opening hedge without its comma
    ("Согласно характеристике, осужденный страдает психическим расстройством.",
     "осужденный страдает психическим расстройством", "indirect", "характеристика",
     "Согласно характеристике"),
    ("По предварительным оценкам ремонт моста займет полгода.", "ремонт моста займет полгода",
     "indirect", None, "По предварительным оценкам"),
    # impersonal «как ожидается»
    ("Как ожидается, посол вручит верительные грамоты в среду.",
     "посол вручит верительные грамоты в среду", "indirect", None, "ожидается"),
    # a judgement with the predicate first; a gerund citing grounds
    ("Суд счёл необоснованными запрет на продажу альбома.",
     "необоснованными запрет на продажу альбома", "indirect", "суд", "счёл"),
    ("Суд вынес вердикт, ссылаясь на отсутствие в песнях призывов к насилию.",
     "отсутствие в песнях призывов к насилию", "indirect", "суд", "ссылаясь"),
    # two sources speaking together are one speaker; a document speaks for itself
    (("Президент Реувен Ривлин и премьер Биньямин Нетаньяху заявили, что помилование "
     "необходимо."), "помилование необходимо", "indirect", "Реувен Ривлин и Биньямин Нетаньяху",
     "заявили"),
    ("Родители и адвокат студента настаивают на его невиновности.", "его невиновности",
     "indirect", "родители и адвокат студента", "настаивают"),
    ("В справке Пентагона говорилось, что заключенный опасен.", "заключенный опасен",
     "indirect", "справка Пентагона", "говорилось"),
    # «дал понять, что …»; «стало известно» to a named recipient
    ("Пресс-секретарь Кремля Дмитрий Песков дал понять, что встреча не состоится.",
     "встреча не состоится", "indirect", "Дмитрий Песков", "дал"),
    ("Журналистам стало известно, что сделка отложена.", "сделка отложена", "indirect",
     "журналисты", "стало известно"),
    # the source after a date set off by commas
    ("Пожар на складе потушен, сообщили в субботу, 12 апреля 2025 года, спасатели МЧС.",
     "Пожар на складе потушен", "indirect", "спасатели МЧС", "сообщили"),
    # a verb no lexicon lists, governing «, что»: only with a named source
    ("Министр финансов Антон Силуанов проговорил, что бюджет будет сбалансирован.",
     "бюджет будет сбалансирован", "indirect", "Антон Силуанов", "проговорил"),
    # an organisation named as the article writes it, not expanded from the gazetteer
    ("ОБСЕ заявила, что не направит наблюдателей на выборы.",
     "не направит наблюдателей на выборы", "indirect", "ОБСЕ", "заявила"),
]


@pytest.mark.parametrize(("text", "content", "kind", "speaker", "cue"), QUOTES)
def test_quote_patterns(extract, text, content, kind, speaker, cue):
    record = extract(text)
    quote = quote_for(record, content)
    assert quote is not None, record["quotes"]
    assert quote["kind"] == kind
    assert same_speaker(quote["speaker_name"], speaker), quote
    assert quote["cue"] == cue
    if quote["speaker"] is not None:
        entity = next(e for e in record["entities"] if e["id"] == quote["speaker"])
        assert entity["name"] == quote["speaker_name"]


def test_split_quote_has_one_speaker_for_both_halves(extract):
    record = extract("«Переговоры идут трудно», – сказал Дмитрий Песков, – «но мы надеемся на "
                     "результат уже в этом месяце».")
    first = quote_for(record, "Переговоры идут трудно")
    second = quote_for(record, "но мы надеемся на результат уже в этом месяце")
    assert first is not None and second is not None
    assert first is not second
    assert same_speaker(first["speaker_name"], "Дмитрий Песков")
    assert same_speaker(second["speaker_name"], "Дмитрий Песков")


def test_about_this_refers_to_the_statement_before(extract):
    record = extract("В Москве открылся новый музей современного искусства. Об этом сообщил "
                     "Сергей Собянин.")
    quote = quote_for(record, "В Москве открылся новый музей современного искусства")
    assert quote is not None and same_speaker(quote["speaker_name"], "Сергей Собянин")


@pytest.mark.parametrize("text", [
    "Россия готова расширить поставки зерна в Египет, рассказали в МИД России.",
    "МИД России сообщил, что Россия готова расширить поставки зерна в Египет.",
])
def test_organisations_speak(extract, text):
    record = extract(text)
    quote = quote_for(record, "Россия готова расширить поставки зерна в Египет")
    assert quote is not None
    speaker = next(e for e in record["entities"] if e["id"] == quote["speaker"])
    assert speaker["type"] == "ORGANIZATION"
    assert "МИД" in speaker["name"]


@pytest.mark.parametrize(("text", "content"), [
    # a pronoun and a role noun resolved through coref; «по его словам» carried on
    ("Сергей Лавров прибыл в Анкару. Он заявил, что переговоры будут непростыми.",
     "переговоры будут непростыми"),
    (("Министр иностранных дел России Сергей Лавров прибыл в Анкару. Переговоры с турецкой "
     "стороной будут сложными, сказал дипломат."),
     "Переговоры с турецкой стороной будут сложными"),
    (("Сергей Лавров заявил, что ценит усилия Турции. По его словам, переговоры будут "
     "непростыми."), "переговоры будут непростыми"),
    ("Сергей Лавров провел встречу в Анкаре. По его мнению, переговоры будут непростыми.",
     "переговоры будут непростыми"),
])
def test_pronoun_and_role_noun_speakers(extract, text, content):
    record = extract(text)
    quote = quote_for(record, content)
    assert quote is not None, record["quotes"]
    assert quote["speaker_name"] == "Сергей Лавров"
    assert quote["speaker"] is not None


@pytest.mark.parametrize(("text", "marked"), [
    ("Газета «Ведомости» опубликовала материал о слиянии двух банков.", "Ведомости"),
    ("Компания «Газпром нефть» увеличила добычу на новом месторождении.", "Газпром нефть"),
    ("Проект «Север – Юг» обсудили на встрече в Баку.", "Север – Юг"),
    ("Рынок труда остается так называемой «серой зоной» экономики.", "серой зоной"),
    ("Операция «Буря в пустыне» началась в январе 1991 года.", "Буря в пустыне"),
    # a list of names after a colon, even after a speech verb
    ("Жители предлагают новые названия: «Северная» и «Речная».", "Северная"),
])
def test_names_and_scare_quotes_are_not_quotes(extract, text, marked):
    record = extract(text)
    start = text.index(marked)
    assert not any(q["start"] <= start < q["end"] for q in record["quotes"]), record["quotes"]


@pytest.mark.parametrize(("text", "inner"), [
    ('Он сказал: "Под кодовым названием "Арсенал" прошла проверка".',
     ['Под кодовым названием "Арсенал" прошла проверка', "Арсенал"]),
    ("газета «Ведомости» и «Они «Газпром» тут»", ["Ведомости", "Они «Газпром» тут", "Газпром"]),
    ("Он: „Привет“ и “hello”", ["Привет", "hello"]),
])
def test_quotation_marks_pair_up(text, inner):
    assert [text[q.start:q.end] for q in find_quoted(text)] == inner
    outer = top_level(find_quoted(text))
    assert all(q.depth == 0 for q in outer)


SEED_INDIRECT = [
    "отношениях России и Азербайджана, развитии экономических связей",
    "РФ имеет настрой на развитие отношений с азербайджанской стороной",
    "В экономическом сотрудничестве России и Азербайджана наблюдается позитивная динамика",
    "были намечены перспективные направления работы",
    "имеется нацеленность на скорейшее выправление данной ситуации",
    "мир и созидание на Кавказе – фундаментальный интерес России",
    "сближение с Россией в свое время позволило народам Кавказа сохранить свою идентичность",
    "Дорожная карта включает ряд взаимосвязанных треков",
]


def test_seed_direct_quotes_are_kalugins(seed_record):
    direct = [q for q in seed_record["quotes"] if q["kind"] == "direct"]
    dashed = [q for q in direct if q["cue"] == "–"]
    assert len(dashed) == 6
    assert {q["speaker_name"] for q in dashed} == {"Михаил Калугин"}
    text = seed_record["text"]
    assert all(text[q["start"] - 1] == '"' and text[q["end"]] == '"' for q in dashed)


@pytest.mark.parametrize("fragment", SEED_INDIRECT)
def test_seed_indirect_quotes_are_kalugins(seed_record, fragment):
    text = seed_record["text"]
    start = text.index(fragment)
    covering = [q for q in seed_record["quotes"]
                if q["start"] <= start and start + len(fragment) <= q["end"] + 1]
    assert covering, fragment
    assert covering[0]["speaker_name"] == "Михаил Калугин"
    assert covering[0]["kind"] in ("indirect", "mixed")


def test_seed_opening_statement_is_the_ministrys(seed_record):
    text = seed_record["text"]
    start = text.index("Россия настроена на комплексное развитие")
    quote = next(q for q in seed_record["quotes"] if q["start"] == start)
    assert quote["cue"] == "рассказали"
    speaker = next(e for e in seed_record["entities"] if e["id"] == quote["speaker"])
    assert speaker["name"] == "МИД России"


# --- scoring (svodka evaluate quotes) ---------------------------------------------------


@pytest.mark.parametrize(("predicted", "gold", "agree"), [
    ("Михаил Калугин", "Михаил Калугин", True),
    ("Калугин", "Михаил Калугин", True),
    ("михаил калугин", "Калугин", True),
    ("Пётр Алёшин", "петр алешин", True),
    ("Михаил Калугин", "Сергей Лавров", False),
    (None, None, True),
    (None, "эксперты", False),
    ("эксперты", None, False),
])
def test_speaker_names_agree_as_the_guidelines_say(predicted, gold, agree):
    assert same_speaker(predicted, gold) is agree


def test_matching_is_one_to_one_and_needs_half_the_longer_span():
    gold = [Span("direct", 0, 100, None), Span("indirect", 200, 260, None)]
    predicted = [Span("direct", 0, 90, None), Span("direct", 10, 100, None),
                 Span("indirect", 200, 215, None)]
    matches = match_spans(predicted, gold)
    assert len(matches) == 1  # the short one covers a quarter of its gold span
    assert matches[0][1] is gold[0]


def test_evaluate_quotes_scores_documents(tmp_path, pipeline):
    from svodka.evaluate.quotes import evaluate_quotes

    text = "Сергей Лавров заявил, что Россия готова к переговорам. Погода была хорошей."
    start = text.index("Россия готова")
    end = text.index(". Погода")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text("В Москве прошел дождь.", encoding="utf-8")
    (tmp_path / "dev-docs.txt").write_text("a\nb\n", encoding="utf-8")
    gold = tmp_path / "dev.jsonl"
    gold.write_text(json.dumps({"doc": "a", "kind": "indirect", "start": start, "end": end,
                                "speaker": "Сергей Лавров"}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    report = evaluate_quotes(gold, tmp_path, annotate=pipeline)
    total = report.tables[0].rows["all"]
    assert (total.tp, total.fp, total.fn) == (1, 0, 0)
    assert report.figures["attribution accuracy"] == 1.0
    assert report.figures["documents"] == 2


def test_evaluate_quotes_is_a_command():
    from svodka.cli import build_parser

    args = build_parser().parse_args(["evaluate", "quotes", "--gold", "g.jsonl", "--texts", "d",
                                      "--json"])
    assert (args.kind, args.gold, args.texts, args.json) == ("quotes", "g.jsonl", "d", True)


# Fixes found on the train-side gold (eval/quotes-train.jsonl); sentences written for the tests.
# (text, reported content, kind, speaker name, cue)
TRAIN_FIXES = [
    # a person in the genitive depends on the speaker's post
    ("Менеджер актрисы Анны Петровой сказал, что её семья просит не беспокоить родных.",
     "её семья просит не беспокоить родных", "indirect", "менеджер актрисы Анны Петровой",
     "сказал"),
    # the recipient of the statement («агентству Reuters») is not its source
    ("Завод откроется весной. Об этом агентству Reuters сообщил директор Иван Смирнов.",
     "Завод откроется весной", "indirect", "Иван Смирнов", "сообщил"),
    # the name in brackets is no subject
    ("Агент из города Тверь (Тверская область) рассказал, что преступник скрылся на машине.",
     "преступник скрылся на машине", "indirect", "агент из города Тверь", "рассказал"),
    # the content comes first, before «, сообщил X:»
    (("В субботу в Казани открылся новый мост через реку, сообщил источник агентства:\n\n\n"
     "Движение по мосту пока ограничено."),
     "В субботу в Казани открылся новый мост через реку", "indirect", "источник агентства",
     "сообщил"),
    # the content put before an inverted verb
    ("О пожаре на складе сообщили местные спасатели.", "пожаре на складе", "indirect",
     "местные спасатели", "сообщили"),
    ("Гибель капитана судна подтвердили местные власти.", "Гибель капитана судна", "indirect",
     "местные власти", "подтвердили"),
    # a short adjective of conviction
    ("Журналист Иван Петров уверен, что нападение не связано с его работой.",
     "нападение не связано с его работой", "indirect", "Иван Петров", "уверен"),
    # «привести слова X»: X is the speaker
    ("Газета приводит слова адвоката Ивана Соколова, что он обжалует приговор.",
     "он обжалует приговор", "indirect", "Иван Соколов", "приводит слова"),
    ("Агентства привели слова Сергея Иванова о том, что переговоры зашли в тупик.",
     "переговоры зашли в тупик", "indirect", "Сергей Иванов", "привели слова"),
    # an organisation head word (федерация) is a source
    ("Спортсмен покинул расположение команды, сообщила национальная федерация плавания.",
     "Спортсмен покинул расположение команды", "indirect", "национальная федерация плавания",
     "сообщила"),
    # a statement published somewhere: the publisher, not the place
    ("В заявлении МВД, опубликованном в Telegram, говорится, что задержаны трое подозреваемых.",
     "задержаны трое подозреваемых", "indirect", "МВД", "говорится"),
    # a source phrase after «хотя,»: the content is the clause after it
    ("Министр дал интервью в Москве, хотя, по утверждению издания, он живет в Сочи.",
     "он живет в Сочи", "indirect", "издание", "по утверждению"),
    # a prepositional aside between the verb and «что»
    (("Анна Орлова сообщила журналистам, со ссылкой на звонок из полиции, что против нее "
     "возбуждено дело."), "против нее возбуждено дело", "indirect", "Анна Орлова", "сообщила"),
    # a denial is a statement
    ("Дмитрий Песков отверг все обвинения в причастности к взрыву.",
     "все обвинения в причастности к взрыву", "indirect", "Дмитрий Песков", "отверг"),
    # the reported content stops at a colon that opens a quotation of its own
    (("Адвокат Оксана Белова заявила о давлении на суд: «Решение было принято заранее, и "
     "все это понимают»."), "давлении на суд", "indirect", "Оксана Белова", "заявила"),
    # a headline whose source is an indeclinable noun
    ("СМИ: правительство готовит новую пенсионную реформу\n\nТекст статьи.",
     "правительство готовит новую пенсионную реформу", "indirect", "СМИ", ":"),
    # a press office named in the locative speaks in the nominative
    ("В пресс-службе ГИМ журналистам сообщили, что выставка откроется в мае.",
     "выставка откроется в мае", "indirect", "пресс-служба ГИМ", "сообщили"),
    # an abbreviation with a case ending is named without it
    ("По данным МИДа, похитители потребовали выкуп.", "похитители потребовали выкуп",
     "indirect", "МИД", "По данным"),
    # «как стало известно сегодня»: a time, not a source
    ("Как стало известно сегодня, суд отклонил ходатайство защиты.",
     "суд отклонил ходатайство защиты", "indirect", None, "Как стало известно"),
    # a possessive pronoun before a relation noun: the person it stands for
    ("Фотограф Олег Мирошников умер в субботу. Об этом сообщила его дочь.",
     "Фотограф Олег Мирошников умер в субботу", "indirect", "дочь Олега Мирошникова",
     "сообщила"),
    # a description written out in full before, with the name it holds
    (("Художественным руководителем театра Петром Орловым подписан приказ. Художественный "
      "руководитель заявил, что сезон откроется премьерой."), "сезон откроется премьерой",
     "indirect", "Пётр Орлов", "заявил"),
    # a hyphenated plural the tagger takes for a name opening the sentence
    ("Активисты-экологи отмечают, что вырубка леса продолжается.",
     "вырубка леса продолжается", "indirect", "Активисты-экологи", "отмечают"),
    # an undeclined name after an inanimate genitive is whose party, not who speaks
    (("Морган Цвангираи выступил в Хараре. «Выборы были нечестными», — заявил представитель "
      "партии Цвангираи."), "Выборы были нечестными", "direct",
     "представитель партии Цвангираи", "заявил"),
    # a relative clause with a subject of its own between the speaker and the verb
    (("Вдова писателя Анна Орлова, с которой он прожил сорок лет, не верит, что рукопись "
      "утеряна."), "рукопись утеряна", "indirect", "Анна Орлова", "верит"),
    # a time phrase inside the source phrase is not part of the source
    (("Согласно оглашенному в понедельник решению городского суда, выборы признаны "
      "недействительными."), "выборы признаны недействительными", "indirect",
     "решение городского суда", "Согласно оглашенному"),
    # a participle phrase between the speaker and the verb names someone else
    (("Министр Олег Лебедев, заразившийся вирусом как и премьер Иван Кравцов, также во "
      "вторник заявил, что идет на поправку."), "идет на поправку", "indirect", "Олег Лебедев",
     "заявил"),
    # a sentence the segmenter runs on past «млрд.»: the quote starts at its mark
    (("Товарооборот в 2023 году составил $4,4 млрд. «Россия остается нашим ключевым "
      "партнером», – сказал Ильхам Алиев."), "Россия остается нашим ключевым партнером",
     "direct", "Ильхам Алиев", "сказал"),
    # a request noun with «о» and the phrase it asks for
    ("Президент Реувен Ривлин обратился к Путину с просьбой о помиловании девушки.",
     "помиловании девушки", "indirect", "Реувен Ривлин", "просьбой"),
    # a common-noun body does not take a verb of another gender
    (("Сергей Орлов отрицал вину, утверждая, что полиция сфабриковала дело, и заявлял, что "
      "его могут убить."), "его могут убить", "indirect", "Сергей Орлов", "заявлял"),
    # the content stops at a colon before a quotation in wiki markup
    ("Сергей Орлов заявлял, что его могут убить: ''«Они не остановятся ни перед чем»''.",
     "его могут убить", "indirect", "Сергей Орлов", "заявлял"),
    # «агентство» refers back to the news agency named before; «Кроме того,» introduces
    (("Сообщение распространило агентство Интерфакс. Кроме того, как отмечает агентство, "
      "доставка стала быстрее."), "доставка стала быстрее", "indirect", "Интерфакс",
     "отмечает"),
    # a two-word description takes the fuller one with a quoted name written before it
    (("Руководство магазина «Северный книжный» сняло журнал с продажи. Руководство магазина "
      "заявило, что на обложке была свастика."), "на обложке была свастика", "indirect",
     "руководство магазина «Северный книжный»", "заявило"),
    # the fuller description keeps every word of the name in it
    (("Дочь Олега Мирошникова сказала, что отец болел. Дочь рассказала, что он умер во сне."),
     "он умер во сне", "indirect", "дочь Олега Мирошникова", "рассказала"),
    # a list of posts before the name they all belong to
    ("«Это большой успех», — заявил актер, продюсер и режиссер Мартин Уэйн Коллинз.",
     "Это большой успех", "direct", "Мартин Уэйн Коллинз", "заявил"),
    # a name after an event in the genitive is the next clause's subject, not its apposition
    (("После подписания контракта Ольсен подошел к Карлсону и попросил назначить встречу."),
     "назначить встречу", "indirect", "Ольсен", "попросил"),
    # a request with an adverbial, an aside, or «от» + whom between the verb and its infinitive
    (("При этом Петров пообещал в случае победы партии на выборах (их назначат на март) "
      "сформировать новое правительство."),
     "в случае победы партии на выборах (их назначат на март) сформировать новое правительство",
     "indirect", "Петров", "пообещал"),
    ("Сенатор Джон Райт потребовал от министерства обороны отозвать контракт.",
     "отозвать контракт", "indirect", "Джон Райт", "потребовал"),
    # advice and requests: a directive verb, a gerund, a request noun with an infinitive
    ("Начальник полиции Йорам Коэн рекомендовал правительству закрыть въезд.",
     "закрыть въезд", "indirect", "Йорам Коэн", "рекомендовал"),
    ("Глава церкви удалился на покой, пообещав полностью подчиняться решениям преемника.",
     "полностью подчиняться решениям преемника", "indirect", "глава церкви", "пообещав"),
    ("Мэр Лондона направил письмо министру, призывая его отказать в согласовании проекта.",
     "отказать в согласовании проекта", "indirect", "мэр Лондона", "призывая"),
    ("Ранее Киев обратился к российской стороне с просьбой передать заключенных на родину.",
     "передать заключенных на родину", "indirect", "Украина", "просьбой"),
    ("Люди вышли на улицы, несмотря на призыв мэра Билла де Блазио прекратить протесты.",
     "прекратить протесты", "indirect", "Билл де Блазио", "призыв"),
    # orders and demands: «чтобы» clauses, a dative addressee with its genitive tail, an
    # accusative addressee before the infinitive, a negated infinitive
    ("Лидер оппозиции Энрике Каприлес требует, чтобы правительство соблюдало конституцию.",
     "правительство соблюдало конституцию", "indirect", "Энрике Каприлес", "требует"),
    ("В феврале Путин поручил мэру Москвы Сергею Собянину снести старые дома.",
     "снести старые дома", "indirect", "Путин", "поручил"),
    ("Каприлес призвал Верховный суд вынести постановление по этому вопросу.",
     "Верховный суд вынести постановление по этому вопросу", "indirect", "Каприлес", "призвал"),
    ("Врачи рекомендовали президенту не возвращаться пока домой.",
     "не возвращаться пока домой", "indirect", "врачи", "рекомендовали"),
    # accusing and criticising: the accused and the charge are what was said
    ("Позже прокурор обвинил бывшего мэра в нарушениях антикоррупционных правил.",
     "бывшего мэра в нарушениях антикоррупционных правил", "indirect", "прокурор",
     "обвинил"),
    ("Депутаты раскритиковали министра за рост цен на бензин.",
     "министра за рост цен на бензин", "indirect", "депутаты", "раскритиковали"),
    # a people noun opening a sentence, which the tagger took for a place
    ("Иорданцы требуют разорвать мирное соглашение с Израилем.",
     "разорвать мирное соглашение с Израилем", "indirect", "Иорданцы", "требуют"),
    # a statement owned by a body named before with its kind: «телекомпании НВО» → НВО
    (("Сериал снимали для телекомпании НВО. «Мы потрясены», — говорится в заявлении "
      "телекомпании."), "Мы потрясены", "direct", "НВО", "говорится"),
    (("Премьеру покажет телеканал ТНТ. «Мы потрясены утратой, — говорится в заявлении "
      "телеканала. — Он был нашим другом»."), "Он был нашим другом", "direct", "ТНТ",
     "говорится"),
    # a short passive of a speech verb is an impersonal cue: the document it is in speaks
    ("В указе сказано, что срок службы продлён до двух лет.", "срок службы продлён до двух лет",
     "indirect", "указ", "сказано"),
    ("В статье 12 кодекса указано, что выборы назначает парламент.",
     "выборы назначает парламент", "indirect", "статья 12 кодекса", "указано"),
    ("На пресс-конференции было сообщено о задержании главаря банды.",
     "задержании главаря банды", "indirect", None, "сообщено"),
    # a bare «документ» is the document named just before: its kind, or its quoted name
    (("В июне Путин подписал закон о запрете пропаганды. Документ также предусматривает "
      "штрафы для иностранцев."), "штрафы для иностранцев", "indirect", "закон",
     "предусматривает"),
    (("Президент подписал распоряжение о выходе из статута. В документе указано, что "
      "решение вступает в силу сразу."), "решение вступает в силу сразу", "indirect",
     "распоряжение", "указано"),
    (("На сайте опубликован документ «Стратегия развития общества». В документе говорится, "
      "что анонимность нужно исключить."), "анонимность нужно исключить", "indirect",
     "Стратегия развития общества", "говорится"),
    # what is asked in the genitive; «, и поэтому потребовала» ends the content before it
    (("ВАДА признала, что ситуация стала беспрецедентной, и поэтому потребовала введения "
      "дополнительных мер."), "введения дополнительных мер", "indirect", "ВАДА", "потребовала"),
    # a request its subject files: «подавала прошение о …»
    ("Толоконникова также подавала прошение об условном освобождении.",
     "условном освобождении", "indirect", "Толоконникова", "прошение"),
    # «"…", — приводит Reuters слова X»: X's words, quoted before the verb; a name after a
    # second person noun in its case is that noun's («генсека ООН Антониу Гутерриша»)
    (("В ООН выразили соболезнования.\n«Мы шокированы его внезапной смертью», — приводит "
      "Reuters слова представителя генсека ООН Антониу Гутерриша."),
     "Мы шокированы его внезапной смертью", "direct",
     "представитель генсека ООН Антониу Гутерриша", "приводит Reuters слова"),
    # what a statement mentions: «в сообщении упоминаются …», «в заявлении упомянут …»
    ("Актёр снялся в 130 фильмах. В сообщении упоминаются его работы в картинах о войне.",
     "его работы в картинах о войне", "indirect", "сообщение", "упоминаются"),
    ("В заявлении также упомянут стрелок из Лас-Вегаса.", "стрелок из Лас-Вегаса",
     "indirect", "заявление", "упомянут"),
    # «согласно этому закону»: the document just named speaks
    (("Парламент принял закон о компании. Согласно этому закону, акционер не может иметь "
      "больше 20 процентов голосов."), "акционер не может иметь больше 20 процентов голосов",
     "indirect", "закон", "Согласно этому закону"),
    # a participle calling for something: «призывающего к …»
    (("Кандидат пользуется поддержкой консервативного Движения чаепития, призывающего к "
      "сокращению расходов."), "сокращению расходов", "indirect", "Движение чаепития",
     "призывающего"),
    # a participle inside the judgement of «назвала его …» does not end it
    (("Русская православная церковь назвала выступление частью скоординированной атаки на "
      "веру."), "выступление частью скоординированной атаки на веру", "indirect",
     "Русская православная церковь", "назвала"),
    # «подверг (резкой) критике X»: what was criticised, up to the comma
    (("Президент Владимир Путин подверг резкой критике выступление группы, а депутаты "
      "промолчали."), "выступление группы", "indirect", "Владимир Путин",
     "подверг резкой критике"),
    # a request whose owner is named in the genitive asks for what «о …» says; the tagger's
    # accusative «Николаса» is the genitive of a name in apposition to the post
    (("Национальное собрание Венесуэлы исполнило просьбу вице-президента страны Николаса "
      "Мадуро об отсрочке инаугурации."), "отсрочке инаугурации", "indirect", "Николас Мадуро",
     "просьбу"),
    ("Требование оппозиции о проведении досрочных выборов осталось без ответа.",
     "проведении досрочных выборов", "indirect", "оппозиция", "Требование"),
    # a website a statement appeared on speaks as itself, «на сайте» as well as «в блоге»
    ("Указ вступил в силу. Об этом сообщается 18 января на сайте Кремля.", "Указ вступил в силу",
     "indirect", "сайт Кремля", "сообщается"),
    ("На официальном сайте Верховной Рады сообщается, что закон подписан.", "закон подписан",
     "indirect", "официальный сайт Верховной Рады", "сообщается"),
    ("В блоге Джона Макафи говорится, что он находится в безопасности.",
     "он находится в безопасности", "indirect", "блог Джона Макафи", "говорится"),
    # a document with «в которой» speaks for itself, not the subject of the clause before it
    (("Оппозиция требует, чтобы власти соблюдали конституцию, в которой сказано, что выборы "
      "проводятся раз в пять лет."), "выборы проводятся раз в пять лет", "indirect",
     "конституция", "сказано"),
    # a statement «для печати» is the statement, and the body that issued it speaks
    (("Международный комитет Красного Креста распространил сообщение для печати, в котором "
      "говорится, что сбор средств завершён."), "сбор средств завершён", "indirect",
     "Международный комитет Красного Креста", "говорится"),
    # an impersonal «как ожидается» inside brackets reports only the bracketed clause
    (("Партия выдвинет Петрова (в этом случае нынешний мэр, как ожидается, возглавит "
      "список кандидатов партии) уже в мае."),
     "в этом случае нынешний мэр, как ожидается, возглавит список кандидатов партии",
     "indirect", None, "ожидается"),
    # a quote after the colon that ends reported speech is the same source's, not the
    # subject's of the reported clause
    (("По словам актрисы Анны Петровой, французские власти не отвечают на её просьбы: "
      "«Я больше не поддерживаю эту страну»."), "Я больше не поддерживаю эту страну",
     "direct", "Анна Петрова", ":"),
    # a source phrase opening the sentence, an aside, then the impersonal verb and a block
    (("Малия сделает перерыв.\n\nВ сообщении Белого дома, выпущенном в воскресенье, 1 мая, "
      "говорится:\nПрезидент и его супруга объявили, что их дочь начнёт учиться в Гарварде."),
     "Президент и его супруга объявили, что их дочь начнёт учиться в Гарварде", "direct",
     "Белый дом", "говорится"),
    # a sentence-opening organisation name the tagger cased as a genitive is the subject
    ("Пресс-служба кабинета министров России сообщила, что указ подписан.", "указ подписан",
     "indirect", "Пресс-служба кабинета министров России", "сообщила"),
    # a short adjective of conviction whose lemma the tagger gives as a verb still reports
    ("Она не знает, однако уверена, что брат сказал бы ей об этом.",
     "брат сказал бы ей об этом", "indirect", None, "уверена"),
    # a source phrase after a colon opens a clause of its own; a share opens its content
    (("У него был диагностирован рак: согласно статистике 96% больных с таким диагнозом "
      "умирают в течение пяти лет."), "96% больных с таким диагнозом умирают в течение пяти лет",
     "indirect", "статистика", "согласно статистике"),
    # «из Сеула»: the source is the place, in the nominative
    ("По сообщениям из Сеула, сановник был осужден за измену.", "сановник был осужден за измену",
     "indirect", "Сеул", "По сообщениям"),
    # a date the tagger reads as an adjective opens the content, not the source's phrase
    (("По данным следствия 3 февраля в квартире на Гаврской улице Пётр Завьялов ударил "
      "сестру."), "3 февраля в квартире на Гаврской улице Пётр Завьялов ударил сестру",
     "indirect", "следствие", "По данным"),
]


@pytest.mark.parametrize(("text", "content", "kind", "speaker", "cue"), TRAIN_FIXES)
def test_train_gold_fixes(extract, text, content, kind, speaker, cue):
    quote = quote_for(extract(text), content)
    assert quote is not None, f"no quote for {content!r}"
    assert (quote["kind"], quote["speaker_name"], quote["cue"]) == (kind, speaker, cue)


# (text, the continuing quote, its speaker): a later quote keeps the speaker just quoted
CONTINUED = [
    # a description of the person who spoke, past an organisation's statement in between
    (("Иван Петров заявил, что пойдёт на выборы. Его поддерживает Движение чаепития, "
      "призывающего к сокращению расходов. Новоиспечённый кандидат сказал, что страна "
      "страдает от стагнации."), "страна страдает от стагнации", "Иван Петров"),
    (("Менеджер певицы сказал, что она чувствует себя хорошо. «Мы благодарим всех за "
     "поддержку» — добавил он."), "Мы благодарим всех за поддержку", "менеджер певицы"),
    (("Владелец клуба Иван Орлов встретился с игроком Петром Седовым. Владелец школы сообщил "
     "журналистам, что занятия продолжатся.\n\nОн также сказал, что готов вернуть деньги "
     "родителям."), "готов вернуть деньги родителям", "владелец школы"),
    (("Алексей Кудрин заявил, что не войдет в новое правительство. «Я не вижу себя в этой "
     "команде», – сказал глава Минфина."), "Я не вижу себя в этой команде", "Алексей Кудрин"),
    (("В заявлении МВД говорится, что возбуждено уголовное дело. В заявлении также говорится, "
     "что пострадавших нет."), "пострадавших нет", "МВД"),
    (("Министр Иван Петров подчеркнул, что школа откроется в срок:\nЕсли подрядчик не успеет, "
     "мы найдем другого."), "Если подрядчик не успеет, мы найдем другого", "Иван Петров"),
]


@pytest.mark.parametrize(("text", "content", "speaker"), CONTINUED)
def test_speaker_carries_on_to_the_continuing_quote(extract, text, content, speaker):
    quote = quote_for(extract(text), content)
    assert quote is not None, f"no quote for {content!r}"
    assert quote["speaker_name"] == speaker


@pytest.mark.parametrize(("text", "not_quoted"), [
    ("Итог проверки: нарушений не выявлено\n\nТекст статьи.", "нарушений не выявлено"),
    ("Власти объявили два тендера на ремонт фонтана «Каменный цветок».",
     "два тендера на ремонт фонтана"),
    (("Герой ведет себя скрытно, что напоминает поведение его предшественника, что объясняет "
     "интерес публики."), "объясняет интерес публики"),
    ("Как сообщил министр:\n\n\nСтроительство школы в районе завершится летом.",
     "Строительство школы в районе завершится летом"),
    # «, что» after a verb of no speech, or with no named source
    ("Засуха привела к тому, что урожай пшеницы сократился вдвое.",
     "урожай пшеницы сократился вдвое"),
    ("Реформа добилась того, что очереди в поликлиниках исчезли.",
     "очереди в поликлиниках исчезли"),
    # impersonal narration: known to nobody named, expected by nobody
    ("Вчера стало известно, что завод закроют.", "завод закроют"),
    ("Ожидается, что мост откроют весной.", "мост откроют весной"),
    # a short participle of a speech verb the tagger reads as an adjective: no conviction
    ("Это обещание было, по всей видимости, призвано уменьшить опасения.",
     "Это обещание было, по всей видимости"),
    # a sentence ending in a colon introduces the block after it; the block's own «О своих
    # планах … сообщила» does not restate that sentence
    (("Это сообщила мать спортсменки Анна Петрова. Она заявила:\nО своих планах дочь "
      "сообщила тренеру в апреле."), "Это сообщила мать спортсменки Анна Петрова. Она заявила:"),
])
def test_no_quote_without_speech(extract, text, not_quoted):
    assert quote_for(extract(text), not_quoted) is None


def test_a_clause_inside_the_same_speakers_statement_is_no_record_of_its_own(extract):
    record = extract("Студент написал в блоге, что готов понести наказание и уверен, что "
                     "друзья его поддержат.")
    assert [q["speaker_name"] for q in record["quotes"]] == ["студент"]


def test_evaluation_scores_only_the_listed_or_gold_documents(tmp_path, pipeline):
    from svodka.evaluate.quotes import evaluate_quotes

    text = "Сергей Лавров заявил, что Россия готова к переговорам."
    start = text.index("Россия готова")
    for doc in ("a", "b", "c"):
        (tmp_path / f"{doc}.txt").write_text(text, encoding="utf-8")
    gold = tmp_path / "quotes-train.jsonl"
    gold.write_text(json.dumps({"doc": "a", "kind": "indirect", "start": start,
                                "end": len(text) - 1, "speaker": "Сергей Лавров"},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    report = evaluate_quotes(gold, tmp_path, annotate=pipeline)
    assert report.figures["documents"] == 1  # the gold's documents, not every text
    assert report.tables[0].rows["all"].fp == 0
    (tmp_path / "quotes-train-docs.txt").write_text("a\nb\n", encoding="utf-8")
    report = evaluate_quotes(gold, tmp_path, annotate=pipeline)
    assert report.figures["documents"] == 2
    assert report.tables[0].rows["all"].fp == 1  # b's quote is not in the gold
    listing = tmp_path / "only-c.txt"
    listing.write_text("c\n", encoding="utf-8")
    report = evaluate_quotes(gold, tmp_path, docs=listing, annotate=pipeline)
    assert report.figures["documents"] == 1
    assert report.tables[0].rows["all"].fn == 0 and report.tables[0].rows["all"].fp == 1


def test_a_direct_quote_over_paragraphs_is_one_record_per_paragraph(extract):
    record = extract("Министр Антон Силуанов заявил: «Бюджет будет исполнен в срок.\n\n"
                     "Мы продолжим политику консолидации».")
    quotes = [q for q in record["quotes"] if q["kind"] == "direct"]
    texts = [record["text"][q["start"] : q["end"]] for q in quotes]
    assert texts == ["Бюджет будет исполнен в срок.", "Мы продолжим политику консолидации"]
    assert {q["speaker_name"] for q in quotes} == {"Антон Силуанов"}


def test_a_block_reporting_in_the_third_person_is_no_direct_quote(extract):
    record = extract("О письме ранее говорил пресс-секретарь Дмитрий Песков:\n"
                     "Он говорил, что олигарх просил прощения у президента.")
    quote = quote_for(record, "олигарх просил прощения у президента")
    assert quote is not None and quote["kind"] == "indirect"


def test_a_block_after_a_reporting_sentence_is_the_same_sources_words(extract):
    record = extract("Вдова Ирина Соколова отмечает, что давно поняла, куда ушло письмо:\n"
                     "Я видела этот текст, он был написан от руки.")
    inner = quote_for(record, "давно поняла, куда ушло письмо")
    block = quote_for(record, "Я видела этот текст, он был написан от руки")
    assert inner is not None and block is not None
    assert block["kind"] == "direct"
    assert inner["speaker_name"] == block["speaker_name"] == "Ирина Соколова"



def test_an_inner_statement_stops_before_the_outlet_that_reports_it(extract):
    text = ("Министр также сообщил о планах провести заседание комиссии весной, передает "
            "агентство «Казинформ».")
    quotes = {(text[q["start"]:q["end"]], q["speaker_name"]) for q in extract(text)["quotes"]}
    assert ("планах провести заседание комиссии весной", "министр") in quotes, quotes
    assert ("Министр также сообщил о планах провести заседание комиссии весной",
            "Казинформ") in quotes, quotes


@pytest.mark.parametrize("text", [
    # a short passive that opens neither a clause nor what it is about reports nothing
    "Правительству было поручено проводить жёсткую экономическую политику.",
    "Как было сказано выше, проект закрыт.",
    # «ходатайство о …» with nobody asking is a topic, not a statement; «отклонил» files none
    "Суд отклонил ходатайство о переносе заседания.",
    # «подвергся критике»: criticised, by nobody named
    "Министр подвергся критике за рост цен.",
    # mentioned by no statement or document
    "Его имя упоминается в разговорах.",
    # a newspaper's quoted name before «приводит слова» is no quote of its words
    "Газета «Известия» приводит слова адвоката Евгения Тонкого.",
])
def test_cues_with_no_source_or_content_report_nothing(extract, text):
    assert extract(text)["quotes"] == []


@pytest.mark.parametrize(("text", "content"), [
    # a cue inside a relative clause: the content ends where the main clause resumes
    ("Юрий, которого певица попросила принять участие в номере, вышел на сцену.",
     "принять участие в номере"),
    ("Министр, который заявил, что цены вырастут, покинул зал.", "цены вырастут"),
    # a comma inside the content is no end of it
    ("Министр, который заявил, что цены, как и зарплаты, вырастут, покинул зал.",
     "цены, как и зарплаты, вырастут"),
])
def test_content_of_a_cue_in_a_relative_clause_ends_with_it(extract, text, content):
    record = extract(text)
    assert [record["text"][q["start"]:q["end"]] for q in record["quotes"]] == [content]


def test_a_second_cue_after_a_conjunction_and_an_adverb_ends_the_first_content(extract):
    record = extract("ВАДА признала, что ситуация стала беспрецедентной, и поэтому потребовала "
                     "введения дополнительных мер.")
    contents = [record["text"][q["start"]:q["end"]] for q in record["quotes"]]
    assert contents == ["ситуация стала беспрецедентной", "введения дополнительных мер"]


@pytest.mark.parametrize(("name", "plain"), [
    ("журналист газеты ''Yukon Sun''", "журналист газеты Yukon Sun"),
    ("''Playboy Enterprises''", "Playboy Enterprises"),
    ("МИД России", "МИД России"),
    (None, None),
])
def test_speaker_names_lose_wiki_markup_quotes(name, plain):
    from svodka.extract.speakers import plain_name

    assert plain_name(name) == plain


def test_a_source_after_a_preposition_is_named_without_it(extract):
    record = extract("По сообщениям из южнокорейской столицы, сановник был осуждён.")
    assert [q["speaker_name"] for q in record["quotes"]] == ["южнокорейская столица"]


@pytest.mark.parametrize(("text", "content"), [
    (("Ранее стало известно, что актриса уехала из России. Об этом в эфире заявила её "
      "представитель Елена Мазур."), "актриса уехала из России"),
    (("Первоначально предполагали, что причиной смерти стал сердечный приступ. Об этом "
      "говорили родные."), "причиной смерти стал сердечный приступ"),
    ("По предварительным данным, водитель уснул за рулём. Об этом сообщила полиция.",
     "водитель уснул за рулём"),
    ("Отметим, что завод закрыт с мая. Об этом сообщил его директор.", "завод закрыт с мая"),
])
def test_a_restated_sentence_is_reported_without_its_own_frame(extract, text, content):
    record = extract(text)
    spans = [record["text"][q["start"]:q["end"]] for q in record["quotes"]]
    assert content in spans
