"""Who a quote's source is: the subject of a speech verb, resolved to an entity or described.

A source phrase is found around a cue (before the verb, after it when inverted, or as
«в МИД РФ» for «рассказали в МИД РФ», «говорится в сообщении МВД»). It resolves to:
a person named in it (title and name: «глава пресс-службы … Айрат Мурзагалиев»); the
organisation or country its head word names; the entity a role noun or pronoun was linked
to by the coref stage; otherwise its own words in the nominative («источник в правительстве»,
«эксперты») with no entity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from svodka.article import Article, Entity, Token
from svodka.extract.documents import document_heads
from svodka.extract.marks import Quoted, find_quoted, inside, top_level
from svodka.extract.title_forms import can_take_case, name_genitive
from svodka.lexicons import lexicon_rows, lexicon_words
from svodka.nlp import fold, get_nlp, is_number, last_part_parses

ACTOR_TYPES = {"PERSON", "ORGANIZATION", "COUNTRY", "CITY", "REGION", "LOCATION", "FACILITY"}
PLACE_TYPES = {"CITY", "REGION", "LOCATION"}
NP_POS = {"NOUN", "PROPN", "ADJ", "NUM", "ADP", "DET", "X"}
NP_MAX = 10
CLAUSE_END = {",", ".", ";", ":", "!", "?", "–", "—", "-", "(", ")", "…"}
PREPOSITIONS_IN = {"в", "во"}
ON_SOURCES = {"сайт", "портал"}  # «на сайте Кремля сообщается»: a source after «на»
WEBSITES = ON_SOURCES | {"блог"}  # a website speaks as itself: «сайт Кремля», not «Кремль»
PARENTHESES = re.compile(r"\s*\([^()]*\)")
TIME_WORDS = {"конец", "начало", "середина", "время", "год", "месяц", "неделя", "день",
              "январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август",
              "сентябрь", "октябрь", "ноябрь", "декабрь", "понедельник", "вторник", "среда",
              "четверг", "пятница", "суббота", "воскресенье", "ход", "рамка", "интервью",
              "эфир", "беседа", "разговор", "ходе"}
FROM_WORDS = {"из", "от"}  # prepositions before a source: «сообщения из Сеула»
COUNT_NOUNS = {"десяток", "сотня", "тысяча", "миллион"}
STATEMENT_NOUNS = {"сообщение", "заявление", "пресс-релиз", "релиз", "коммюнике", "материал",
                   "ответ", "комментарий"}
# verbs by which a source issues a document («распространил доклад, в котором говорится»)
ISSUING_VERBS = {"распространить", "распространять", "опубликовать", "публиковать", "выпустить",
                 "выпускать", "издать", "подготовить", "представить", "направить", "обнародовать",
                 "разместить", "подписать", "принять", "утвердить"}


@dataclass(frozen=True)
class Speaker:
    entity: Entity | None
    name: str | None
    gender: str | None = None  # Masc | Fem | Neut | Plur where known
    pronoun: bool = False  # found through a pronoun («— добавил он») the coref stage linked
    role: bool = False  # only described by a post («глава Минфина») no entity stands behind
    described: bool = False  # a singular description of a person («66-летний музыкант»)

    @property
    def known(self) -> bool:
        return self.name is not None


@lru_cache(maxsize=1)
def speech_verbs() -> frozenset[str]:
    return lexicon_words("speech_verbs.txt")


@lru_cache(maxsize=1)
def role_heads() -> frozenset[str]:
    """The first words of the posts in `role_nouns.tsv` («глава», «министр», «президент»)."""
    return frozenset(row[0].split()[0] for row in lexicon_rows("role_nouns.tsv"))


@lru_cache(maxsize=1)
def source_nouns() -> frozenset[str]:
    return lexicon_words("source_nouns.txt")


@lru_cache(maxsize=1)
def new_source_nouns() -> frozenset[str]:
    return lexicon_words("new_source_nouns.txt")


@lru_cache(maxsize=1)
def title_words() -> frozenset[str]:
    """Post head nouns (`title_heads.tsv`, `role_nouns.tsv`) a name may be written with."""
    return frozenset(row[0] for row in lexicon_rows("title_heads.tsv")) | role_heads()


class SpeechContext:
    """One article's tokens with the lookups speaker finding needs."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.text = article.text
        self.tokens = article.tokens
        self.quoted: list[Quoted] = top_level(find_quoted(article.text))
        self.by_start = {t.start: i for i, t in enumerate(self.tokens)}
        self.owner: dict[int, tuple[Entity, int]] = {}  # token → (entity, mention priority)
        self.places: set[int] = set()  # tokens of a place named as a place («в Солсбери»)
        rank = {"name": 0, "nominal": 1, "pronoun": 1, "adjective": 3}
        for entity in article.entities:
            if entity.type not in ACTOR_TYPES:
                continue
            for mention in entity.mentions:
                # «сообщил Белый дом»: the body that speaks is named, not the state it stands for
                target = entity if entity.type in ("ORGANIZATION", "FACILITY") else (
                    article.entity(mention.stands_for) or entity)
                first = self.by_start.get(mention.start)
                if first is None:
                    continue
                priority = rank.get(mention.kind, 2) + (0 if entity.type == "PERSON" else 1)
                j = first
                while j < len(self.tokens) and self.tokens[j].start < mention.end:
                    if target.type in PLACE_TYPES:
                        self.places.add(j)
                    held = self.owner.get(j)
                    if held is None or priority < held[1]:
                        self.owner[j] = (target, priority)
                    j += 1
        self.units = _units(article)
        self.genders: dict[str, str] = {}
        for entity in article.entities:
            if entity.type == "PERSON":
                self.genders[entity.id] = _person_gender(self, entity) or ""

    def quoted_at(self, offset: int) -> Quoted | None:
        return inside(self.quoted, offset, offset + 1)

    def entity_at(self, i: int) -> Entity | None:
        held = self.owner.get(i)
        return held[0] if held else None


def _units(article: Article) -> list[tuple[int, int]]:
    """Token ranges of the sentences, also cut where a line breaks (the tagger's sentences
    run on past a quote that ends a paragraph without a full stop)."""
    units: list[tuple[int, int]] = []
    for sent in article.sentences:
        first = sent.first_token
        for i in range(sent.first_token + 1, sent.last_token):
            if "\n" in article.text[article.tokens[i - 1].end : article.tokens[i].start]:
                units.append((first, i))
                first = i
        units.append((first, sent.last_token))
    return units


def _person_gender(ctx: SpeechContext, entity: Entity) -> str | None:
    counts: dict[str, int] = {}
    for mention in entity.mentions:
        i = ctx.by_start.get(mention.start)
        while i is not None and i < len(ctx.tokens) and ctx.tokens[i].end <= mention.end:
            gender = ctx.tokens[i].feats.get("Gender")
            if gender and ctx.tokens[i].pos in ("PROPN", "PRON"):
                counts[gender] = counts.get(gender, 0) + 1
            i += 1
    return max(counts, key=counts.get) if counts else None


def speaker_of_entity(ctx: SpeechContext, entity: Entity) -> Speaker:
    """The entity as a speaker; a name's bracketed original spelling is left out
    («Дэвид Эберсман (David Ebersman)» → «Дэвид Эберсман»), so is a post written into a
    person's name («Премьер-министр Джон Говард»), and a surname standing alone takes the
    fullest name of the article's person it belongs to («Завахири» → «Айман аль-Завахири»)."""
    gender = ctx.genders.get(entity.id) or None
    name = PARENTHESES.sub("", entity.name).strip() or entity.name
    if entity.type == "PERSON":
        name = _without_post(name)
        if len(name.split()) == 1:
            name = _fullest_name(ctx, entity, name)
        name = _without_patronymic(ctx, entity, name)
    return Speaker(entity, name, gender)


def _without_patronymic(ctx: SpeechContext, entity: Entity, name: str) -> str:
    """«Жанна Владимировна Фриске» → «Жанна Фриске» when the article also writes her name
    as first name and surname: the name the article uses, not the fullest one."""
    words = name.split()
    if len(words) != 3 or not _patronymic(words[1]):
        return name
    written = [ctx.article.text[m.start:m.end].split() for m in entity.mentions
               if m.kind == "name"]
    if any(len(w) == 2 and not _patronymic(w[1]) for w in written):
        return f"{words[0]} {words[2]}"
    return name


def _patronymic(word: str) -> bool:
    return any("Patr" in p.tag for p in last_part_parses(word))


def _without_post(name: str) -> str:
    """Leading post words of a person's name left out, when at least two name words stay."""
    words = name.split()
    k = 0
    while k < len(words) - 2 and fold(words[k]) in title_words():
        k += 1
    return " ".join(words[k:])


def _fullest_name(ctx: SpeechContext, entity: Entity, name: str) -> str:
    """The one longer person name of the article that ends in this surname (or its lemma,
    «Обамы» → «Барак Обама»; or a particle compound, «аль-Завахири»); else the name."""
    keys = {fold(name)}
    first = next((ctx.by_start.get(m.start) for m in entity.mentions
                  if ctx.by_start.get(m.start) is not None), None)
    if first is not None and ctx.tokens[first].end - ctx.tokens[first].start == len(name):
        keys.add(fold(ctx.tokens[first].lemma))
    fuller = set()
    for other in ctx.article.entities:
        if other is entity or other.type != "PERSON":
            continue
        words = _without_post(PARENTHESES.sub("", other.name).strip()).split()
        last = fold(words[-1]) if len(words) > 1 else ""
        if last in keys or any(last.endswith("-" + key) for key in keys):
            fuller.add(" ".join(words))
    return fuller.pop() if len(fuller) == 1 else name


# --- candidate heads --------------------------------------------------------------------


def is_source_head(ctx: SpeechContext, i: int) -> bool:
    """A token that can head the subject of a speech verb."""
    t = ctx.tokens[i]
    case = t.feats.get("Case")
    if ctx.entity_at(i) is not None:
        if t.pos not in ("PROPN", "NOUN", "PRON", "X") and not t.text.isupper():
            return False
        if _after_oblique_noun(ctx, i) or _place_in_apposition(ctx, i):
            return False
        return case in ("Nom", None) or t.text.isupper() or _opening_nominative(ctx, i)
    if t.pos == "PRON":
        return t.lemma in ("он", "она", "они") and case == "Nom"
    if t.pos == "PROPN" and case == "Nom":
        return True  # a name the tagger knows but no entity holds («сообщают Викиновости»)
    if _capitalised_people(ctx, i):
        return True
    if t.lemma == "один" and i + 1 < len(ctx.tokens) and ctx.tokens[i + 1].lemma == "из":
        return True  # «один из участников встречи»
    if t.lemma in GROUP_WORDS and case == "Nom" and i + 1 < len(ctx.tokens) and (
            ctx.tokens[i + 1].feats.get("Case") == "Gen") and (ctx.tokens[i + 1].feats.get(
                "Animacy") == "Anim" or ctx.tokens[i + 1].lemma in source_nouns()):
        return True  # «ряд артистов», «группа депутатов»
    if t.pos == "NUM" and case in ("Nom", "Acc", None) and _counts_people(ctx, i) and (
            case == "Nom" or not t.text.isalpha() or can_take_case(t.text, "Nom", get_nlp())):
        return True  # «несколько десятков женщин», «25 депутатов»; not «двоих чиновников»
    if t.pos != "NOUN" or case != "Nom":
        return False
    return t.feats.get("Animacy") == "Anim" or t.lemma in source_nouns()


def can_speak(ctx: SpeechContext, n: int, b: int) -> bool:
    """Whether the head noun of the phrase from tokens[n] (before `b`), in whatever case,
    names someone who can be a source («источники», «пресс-служба»; not «звонок»)."""
    head = next((ctx.tokens[j] for j in range(n, b) if ctx.tokens[j].pos != "ADJ"
                 and ctx.tokens[j].lemma != "свой"), None)
    return head is not None and head.pos == "NOUN" and (
        head.feats.get("Animacy") == "Anim" or head.lemma in source_nouns())


def _counts_people(ctx: SpeechContext, i: int) -> bool:
    """A number followed by people in the genitive plural, through «десятков», «сотни»."""
    j = i + 1
    while j < min(len(ctx.tokens), i + 3) and ctx.tokens[j].lemma in COUNT_NOUNS:
        j += 1
    if j >= len(ctx.tokens):
        return False
    t = ctx.tokens[j]
    return t.pos == "NOUN" and t.feats.get("Case") == "Gen" and t.feats.get("Number") == (
        "Plur") and t.feats.get("Animacy") == "Anim"


def _after_oblique_noun(ctx: SpeechContext, i: int) -> bool:
    """An undeclined name in apposition to a noun in another case takes that case
    («агентству Reuters», «газете "Ведомости"»): it is no subject. (A genitive one,
    «представитель компании Apple», still names whom the speaker stands for.)"""
    t = ctx.tokens[i]
    if t.feats.get("Case") not in (None,) and not t.text.isupper():
        return False
    j = i - 1
    while j >= 0 and ctx.entity_at(j) is ctx.entity_at(i):
        j -= 1
    while j >= 0 and ctx.tokens[j].text in ('"', "«", "„", "“"):
        j -= 1
    if j < 0:
        return False
    prev = ctx.tokens[j]
    return prev.pos == "NOUN" and prev.feats.get("Case") in ("Dat", "Ins", "Loc") and (
        ctx.entity_at(j) is None)


def _place_in_apposition(ctx: SpeechContext, i: int) -> bool:
    """«в штате Южная Дакота», «у города Солсбери»: a place name after a common noun in an
    oblique case names that place; it is no subject, whatever case the tagger gave it."""
    entity = ctx.entity_at(i)
    if entity is None or entity.type in ("PERSON", "ORGANIZATION"):
        return False
    j = i - 1
    while j >= 0 and ctx.entity_at(j) is entity:
        j -= 1
    if j < 0:
        return False
    prev = ctx.tokens[j]
    return prev.pos == "NOUN" and ctx.entity_at(j) is None and prev.feats.get("Case") in (
        "Gen", "Dat", "Ins", "Loc")


def agrees(verb: Token, t: Token, ctx: SpeechContext, i: int) -> bool:
    """Number and (past tense) gender agreement between a verb and a subject head."""
    v_number, v_gender = verb.feats.get("Number"), verb.feats.get("Gender")
    entity = ctx.entity_at(i)
    if entity is not None and entity.type == "PERSON":
        gender, number = ctx.genders.get(entity.id) or t.feats.get("Gender"), "Sing"
    else:
        gender, number = t.feats.get("Gender"), t.feats.get("Number")
    if entity is not None and entity.type != "PERSON":
        if t.pos == "NOUN" and t.text[:1].islower() and v_number != "Plur" and (
                v_gender and gender and v_gender != gender):
            return False  # «полиция … и заявлял»: a common noun has the verb's gender
        return (v_number == "Plur") == (number == "Plur")
    if v_number and number and v_number != number and t.lemma not in GROUP_WORDS and not (
            entity is None and ("-" in t.text or _capitalised_people(ctx, i))
            and _nominative_of_number(t, v_number)):
        return False  # «ряд артистов призвали»: a group word takes a plural verb too
    if v_gender == "Fem" and gender == "Masc" and t.pos == "NOUN" and (
            t.feats.get("Animacy") == "Anim"):
        return True  # «сообщила пресс-секретарь»: a post named in the masculine
    return not (v_gender and gender and v_number != "Plur" and v_gender != gender)


def _capitalised_people(ctx: SpeechContext, i: int) -> bool:
    """A common noun for people opening a sentence that the tagger took for a name in an
    oblique case («Иорданцы требуют …» read as a genitive «Иорданца»)."""
    t = ctx.tokens[i]
    if t.pos != "PROPN" or t.feats.get("Case") in ("Nom", None) or ctx.entity_at(i) is not None:
        return False
    if i > 0 and ctx.tokens[i - 1].text not in CLAUSE_END | {"\n"} and not any(
            a == i for a, _ in ctx.units):
        return False
    return any("nomn" in p.tag and p.tag.POS == "NOUN" and "anim" in p.tag and "Name" not in p.tag
               and "Surn" not in p.tag for p in last_part_parses(t.text))


def _opening_nominative(ctx: SpeechContext, i: int) -> bool:
    """The first word of a sentence and of an organisation's name that the tagger cased
    obliquely though it reads as a nominative («Пресс-служба кабинета министров России
    сообщила» tagged as a genitive)."""
    t = ctx.tokens[i]
    entity = ctx.entity_at(i)
    if entity is None or entity.type != "ORGANIZATION" or not t.text[:1].isupper() or (
            i > 0 and ctx.entity_at(i - 1) is entity):
        return False
    if not any(a == i for a, _ in ctx.units):
        return False
    return any("nomn" in p.tag and p.tag.POS == "NOUN" for p in last_part_parses(t.text))


def _nominative_of_number(t: Token, number: str) -> bool:
    """Whether the last part of a hyphenated word reads as a nominative of `number`: the
    tagger takes «Активисты-правозащитники» opening a sentence for one name."""
    wanted = {"Sing": "sing", "Plur": "plur"}.get(number)
    return wanted is not None and any(
        "nomn" in p.tag and wanted in p.tag and p.tag.POS == "NOUN"
        for p in last_part_parses(t.text))


def _nominative_like(t: Token) -> bool:
    """An inanimate source noun the tagger read as accusative, which has the same form
    («заявило ведомство»)."""
    return (t.pos == "NOUN" and t.feats.get("Case") == "Acc" and t.lemma in source_nouns()
            and t.feats.get("Gender") in ("Neut", "Masc") and t.feats.get("Number") != "Plur")


def speaker_before(ctx: SpeechContext, verb: int, lo: int) -> Speaker | None:
    """The subject before `verb` (nearest agreeing head within tokens[lo:verb]); an
    apposition between commas just before the verb is searched last
    («Маатье Мостарт, представитель фонда Анны Франк, сказал»)."""
    order = list(range(verb - 1, lo - 1, -1))
    if verb - 1 >= lo and ctx.tokens[verb - 1].text == ",":
        comma = next((j for j in range(verb - 2, lo - 1, -1) if ctx.tokens[j].text == ","), None)
        if comma is not None:
            order = list(range(comma - 1, lo - 1, -1)) + list(range(verb - 1, comma - 1, -1))
    bracketed = _bracketed(ctx, lo, verb) | _relative_clauses(ctx, lo, verb)
    for i in order:
        if ctx.quoted_at(ctx.tokens[i].start) or i in bracketed:
            continue
        if ctx.tokens[i].lemma == "который" and ctx.tokens[i].feats.get("Case") == "Nom":
            if _finite_between(ctx, i, verb):
                continue  # «референдум, который должен состояться …, и сообщил»: not its subject
            return _antecedent_of_relative(ctx, i, lo)
        if is_source_head(ctx, i) and ctx.tokens[verb].feats.get("Number") == "Plur" and (
                not _in_prepositional_phrase(ctx, i, lo)):
            first = _coordinated_start(ctx, _np_start(ctx, i, lo), lo)
            if first is not None:  # «Эксперты и журналисты считают», «Ривлин и Нетаньяху …»
                return _joint_speaker(ctx, first, np_end(ctx, i, verb))
        if is_source_head(ctx, i) and agrees(ctx.tokens[verb], ctx.tokens[i], ctx, i):
            if _in_prepositional_phrase(ctx, i, lo):
                continue
            start = _np_start(ctx, i, lo)
            end = np_end(ctx, i, verb)
            joined = _coordinated_end(ctx, end, verb)
            if joined and ctx.tokens[verb].feats.get("Number") == "Plur":
                return _joint_speaker(ctx, start, joined)  # «Родители и адвокат Сингха …»
            return resolve_phrase(ctx, start, end)
    return None


def _relative_clauses(ctx: SpeechContext, lo: int, verb: int) -> set[int]:
    """Tokens of relative clauses and participle phrases closed by a comma before the verb,
    whose words are not the verb's subject: «Сабирова, с которой он встречался несколько
    лет, не верит», «Защитники, представившие суду характеристики осужденной, напомнили»."""
    tokens, inside = ctx.tokens, set()
    for k in range(lo + 1, verb):
        if tokens[k - 1].text == "," and tokens[k].feats.get("VerbForm") == "Part" and (
                tokens[k].feats.get("Case") == "Nom"):
            close = next((j for j in range(k + 1, verb) if tokens[j].text == ","), None)
            if close is not None:  # «Защитники, представившие суду характеристики, напомнили»
                inside.update(range(k - 1, close + 1))
            continue
        if tokens[k].lemma != "который" or tokens[k].feats.get("Case") == "Nom":
            continue  # a nominative «который» stands for the subject itself (handled below)
        start = k - 1 if tokens[k - 1].text == "," else (
            k - 2 if k - 2 >= lo and tokens[k - 1].pos == "ADP" and tokens[k - 2].text == ","
            else None)
        close = next((j for j in range(k + 1, verb) if tokens[j].text == ","), None)
        if start is not None and close is not None:
            inside.update(range(start, close + 1))
    return inside


def _coordinated_start(ctx: SpeechContext, start: int, lo: int) -> int | None:
    """«X и Y» with Y starting at `start`: where X's phrase starts, when X is a source."""
    if start - 2 < lo or ctx.tokens[start - 1].lemma != "и":
        return None
    j = start - 2
    while j > lo and ctx.entity_at(j) is not None and ctx.entity_at(j - 1) is ctx.entity_at(j):
        j -= 1  # the first word of a name
    if not is_source_head(ctx, j) and not (ctx.entity_at(start - 2) is not None and (
            ctx.entity_at(start - 2).type in ("PERSON", "ORGANIZATION"))):
        return None
    return _np_start(ctx, j, lo)


def _coordinated_end(ctx: SpeechContext, end: int, verb: int) -> int:
    """«X и Y» before a plural verb: the end of Y's phrase when Y is a source too, else 0."""
    if end + 1 >= verb or ctx.tokens[end].lemma != "и":
        return 0
    second = end + 1
    while second < verb and ctx.tokens[second].pos in ("ADJ", "DET"):
        second += 1
    if second >= verb or not is_source_head(ctx, second):
        return 0
    last = np_end(ctx, second, verb)
    return last if last == verb else 0


def _joint_speaker(ctx: SpeechContext, start: int, end: int) -> Speaker:
    """Two sources speaking together: one speaker named by the whole phrase."""
    entities: list[Entity] = []
    for j in range(start, end):
        entity = ctx.entity_at(j)
        if entity is not None and entity not in entities:
            entities.append(entity)
    names = [speaker_of_entity(ctx, entity).name for entity in entities]
    if len(names) >= 2 and all(e.type in ("PERSON", "ORGANIZATION") for e in entities):
        return Speaker(None, " и ".join(names), "Plur")  # «Реувен Ривлин и Биньямин Нетаньяху»
    return Speaker(None, nominative(ctx, start, end), "Plur")


def _finite_between(ctx: SpeechContext, lo: int, hi: int) -> bool:
    return any(t.pos in ("VERB", "AUX") and t.feats.get("VerbForm") == "Fin"
               for t in ctx.tokens[lo + 1 : hi])


def _bracketed(ctx: SpeechContext, lo: int, hi: int) -> set[int]:
    """Token indices inside round brackets («агент из города Мобил (штат Алабама)»)."""
    inside_: set[int] = set()
    depth = 0
    for i in range(lo, hi):
        text = ctx.tokens[i].text
        if text == "(":
            depth += 1
        elif text == ")":
            depth = max(0, depth - 1)
        elif depth:
            inside_.add(i)
    return inside_


def speaker_after(ctx: SpeechContext, verb: int, hi: int, *, weak: bool = True
                  ) -> Speaker | None:
    """The subject after an inverted verb («сказал он», «сообщил представитель …»): a person
    first, then a head marked nominative, then any head (a recipient «РИА Новости» loses)."""
    heads: list[int] = []
    own_quote = ctx.quoted_at(ctx.tokens[verb].start)  # an attribution inside the marks
    i = verb + 1
    while i < hi:
        t = ctx.tokens[i]
        if t.text == "," and _date_between_commas(ctx, i, hi):
            i = _date_between_commas(ctx, i, hi)  # «сообщили в воскресенье, 8 июля, полицейские»
            continue
        if t.text == "," and heads and _titles_then_name(ctx, i + 1, hi):
            i += 1  # «заявил актер, продюсер и директор Нейл Патрик Харрис»
            continue
        if t.text in CLAUSE_END or t.lemma == "что":
            break
        if t.pos == "ADP" and i + 1 < hi:
            i = np_end(ctx, i + 1, hi, apposition=False)  # a prepositional phrase is no subject
            continue
        named = _quoted_name(ctx, i)
        if named is not None:
            heads.append(i)
            i = ctx.by_start.get(named.close, i + 1) + 1 if named.close in ctx.by_start else i + 1
            continue
        if ctx.quoted_at(t.start) == own_quote and (
                is_source_head(ctx, i) or _nominative_like(t)) and (
                agrees(ctx.tokens[verb], t, ctx, i)) and not (
                heads and _genitive_dependent(ctx, i)):
            heads.append(i)
        i += 1
    if not heads:
        return None

    def rank(i: int) -> tuple[int, int]:
        if _quoted_name(ctx, i) is not None:
            return 2, i
        entity = ctx.entity_at(i)
        if entity is not None and entity.type == "PERSON":
            return 0, i
        nominative = ctx.tokens[i].feats.get("Case") == "Nom" or _nominative_like(ctx.tokens[i])
        return (1 if nominative and ctx.tokens[i].pos != "PROPN" else 2), i

    head = min(heads, key=rank)
    if not weak and rank(head)[0] == 2:
        return None
    named = _quoted_name(ctx, head)
    if named is not None:
        return quoted_speaker(ctx, named)
    start = head
    while start - 1 > verb and (ctx.tokens[start - 1].pos == "ADJ" or ctx.tokens[
            start - 1].feats.get("VerbForm") == "Part") and ctx.tokens[start - 1].feats.get(
            "Case") == ctx.tokens[head].feats.get("Case"):
        start -= 1  # «израильские СМИ», «информированный источник»
    return resolve_phrase(ctx, start, np_end(ctx, head, hi))


def _titles_then_name(ctx: SpeechContext, i: int, hi: int) -> bool:
    """Nominative nouns and adjectives joined by commas and «и», then a person's name: the
    rest of a list of posts before the name they all belong to."""
    nouns = 0
    for j in range(i, min(hi, i + 10)):
        t = ctx.tokens[j]
        entity = ctx.entity_at(j)
        if entity is not None:
            return entity.type == "PERSON" and nouns > 0
        if t.pos == "NOUN" and t.feats.get("Case") == "Nom" and t.feats.get("Animacy") == "Anim":
            nouns += 1
        elif not (t.pos == "ADJ" and t.feats.get("Case") == "Nom" or t.text == ","
                  or t.lemma == "и"):
            return False
    return False


def _date_between_commas(ctx: SpeechContext, comma: int, hi: int) -> int:
    """Past a date set off by commas («, 8 июля 2018 года,»): the index after it, else 0."""
    tokens = ctx.tokens
    for j in range(comma + 1, min(hi, comma + 8)):
        if tokens[j].text == ",":
            inner = tokens[comma + 1 : j]
            if inner and (tokens[comma + 1].pos == "NUM" or tokens[comma + 1].text.isdigit()) and all(
                    t.pos in ("NUM", "NOUN", "ADJ") for t in inner) and j + 1 < hi:
                return j + 1
            return 0
    return 0


def _quoted_name(ctx: SpeechContext, i: int) -> Quoted | None:
    """The short capitalised quoted name («"Комсомольская правда"») opening at token i."""
    t = ctx.tokens[i]
    if t.text not in ('"', "«", "„", "“"):
        return None
    for q in ctx.quoted:
        if q.open == t.start:
            inner = ctx.text[q.start : q.end]
            if inner[:1].isupper() and len(inner.split()) <= 4:
                return q
            return None
    return None


def quoted_speaker(ctx: SpeechContext, q: Quoted) -> Speaker:
    """A source named in quotes: its entity, or the name put in the nominative."""
    first = ctx.by_start.get(q.start)
    if first is not None and ctx.entity_at(first) is not None:
        return speaker_of_entity(ctx, ctx.entity_at(first))
    analyzer = get_nlp().analyzer
    words = []
    j = first
    while j is not None and j < len(ctx.tokens) and ctx.tokens[j].end <= q.end:
        t = ctx.tokens[j]
        word = _inflect(analyzer, t) if t.pos in ("NOUN", "ADJ", "PROPN") else t.text
        words.append(word[:1].upper() + word[1:] if t.text[:1].isupper() else word)
        j += 1
    name = " ".join(words) or ctx.text[q.start : q.end]
    return Speaker(None, name, None)


def speaker_in(ctx: SpeechContext, lo: int, hi: int, *, verb: int | None = None
               ) -> Speaker | None:
    """«в МИД РФ», «в сообщении МВД», «в пресс-службе базы»: the place a statement came from,
    looked for after the verb first, then before it."""
    order = list(range(lo, hi - 1))
    if verb is not None:
        order = list(range(verb + 1, min(hi - 1, verb + 7))) + list(
            range(verb - 1, max(lo, verb - 10) - 1, -1))
    for i in order:
        t = ctx.tokens[i]
        head = i + 1
        while head < hi - 1 and ctx.tokens[head].pos == "ADJ":
            head += 1
        phrase = i + 1
        past = _participle_phrase_end(ctx, head, hi) if head < hi - 1 else 0
        if past and t.lemma in PREPOSITIONS_IN:
            head = phrase = past - 1  # «в опубликованном на сайте Кремля указе»: the decree
        # «в МИД РФ»; «на (официальном) сайте Кремля»: a website a statement appeared on
        if t.lemma == "на" and ctx.tokens[i + 1].lemma == "который":
            host = _gathering_host(ctx, i + 1, lo)  # «пресс-конференция президента Бориса
            if host is not None:  # Тадича, на которой было сообщено …»
                return host
        if not (t.lemma in PREPOSITIONS_IN or t.lemma == "на" and ctx.tokens[head].lemma in (
                ON_SOURCES)) or ctx.quoted_at(t.start):
            continue
        if i > 0 and ctx.tokens[i - 1].feats.get("VerbForm") == "Part":
            continue  # «в заявлении МВД, опубликованном в Facebook»: where it appeared
        if ctx.tokens[i + 1].lemma == "который":  # «сообщение, в котором говорится»
            return _relative_source(ctx, i + 1, lo)
        entity = ctx.entity_at(head)
        h = ctx.tokens[head]
        if head in ctx.places:
            continue  # «в Солсбери»: where it happened, not who said it
        if entity is None and not (h.pos == "NOUN" and (
                h.lemma in source_nouns() or h.feats.get("Animacy") == "Anim")) and not (
                _names_a_body(ctx, phrase, np_end(ctx, head, hi), head)):
            continue
        speaker = resolve_phrase(ctx, phrase, np_end(ctx, head, hi))
        if speaker is not None:
            return speaker
    if verb is not None and verb - lo > 10:
        return _opening_source(ctx, lo, verb)
    return None


def _names_a_body(ctx: SpeechContext, start: int, end: int, head: int) -> bool:
    """«сообщили в аукционном доме» after «аукционным домом Christie’s»: a description the
    article wrote out before with an organisation's name."""
    fuller = _fuller_description(ctx, start, end, head)
    return fuller is not None and any(
        ctx.entity_at(j) is not None and ctx.entity_at(j).type == "ORGANIZATION"
        for j in range(*fuller))


def _opening_source(ctx: SpeechContext, lo: int, verb: int) -> Speaker | None:
    """«В сообщении Белого дома, выпущенном в воскресенье, 1 мая, говорится: …»: a source
    phrase that opens the sentence, then an aside set off by commas, before the verb."""
    if ctx.tokens[lo].lemma not in PREPOSITIONS_IN or ctx.quoted_at(ctx.tokens[lo].start):
        return None
    head = lo + 1
    while head < verb and ctx.tokens[head].pos == "ADJ":
        head += 1
    if head >= verb or ctx.tokens[head].lemma not in source_nouns():
        return None
    end = np_end(ctx, head, verb)
    if end >= verb or ctx.tokens[end].text != ",":
        return None
    return resolve_phrase(ctx, lo + 1, end)


def _antecedent_of_relative(ctx: SpeechContext, i: int, lo: int) -> Speaker | None:
    """«…, 61-летней Пилар Абель, которая утверждает, что …»: the phrase before the comma."""
    j = i - 1
    if j < lo or ctx.tokens[j].text != ",":
        return None
    which = ctx.tokens[i]
    for k in range(j - 1, max(lo - 1, j - 8), -1):  # the nearest noun that agrees with it
        t = ctx.tokens[k]
        if t.text in CLAUSE_END:
            break
        if t.pos in ("NOUN", "PROPN") and _agrees_in_form(which, t) and not _agrees_in_form(
                which, ctx.tokens[j - 1]) and ctx.entity_at(j - 1) is not ctx.entity_at(k):
            entity = ctx.entity_at(k)
            if entity is not None:
                return speaker_of_entity(ctx, entity)
            start = k
            while start - 1 >= lo and ctx.tokens[start - 1].pos in ("ADJ", "DET"):
                start -= 1
            return nominative_speaker(ctx, start, j, k)
    for k in range(j - 1, max(lo - 1, j - 6), -1):
        entity = ctx.entity_at(k)
        if entity is not None:
            return speaker_of_entity(ctx, entity)
        if ctx.tokens[k].pos == "NOUN":
            return _named_before_apposition(ctx, k, lo) or resolve_phrase(ctx, k, j)
    return None


def _agrees_in_form(which: Token, noun: Token) -> bool:
    """«который» and a noun agree in number, and in gender when singular."""
    if which.feats.get("Number") != noun.feats.get("Number"):
        return False
    return which.feats.get("Number") == "Plur" or which.feats.get("Gender") == noun.feats.get(
        "Gender")


def nominative_speaker(ctx: SpeechContext, start: int, end: int, head: int) -> Speaker:
    """An unnamed source tokens[start:end] headed at `head`, as its nominative description."""
    if ctx.tokens[head].lemma == "документ" and end == head + 1:
        named = _document_antecedent(ctx, start)
        if named is not None:
            return named
    number = ctx.tokens[head].feats.get("Number")
    fuller = _fuller_description(ctx, start, end, head)
    if fuller is not None:  # the phrase written out before, with the name it may hold
        speaker = resolve_phrase(ctx, *fuller)
        if speaker is not None:
            return speaker
    if start + 1 < end and ctx.tokens[start].lemma in DEMONSTRATIVES:
        start += 1  # «этому закону» with no fuller name before: «закон»
    name = nominative(ctx, start, end)
    owner = _possessor(ctx, start, end, head)
    if owner is not None:
        name += " " + _genitive_name(ctx, owner)  # «его дочь» → «дочь Джорджа Мендонсы»
    return Speaker(None, name, "Plur" if number == "Plur" else
                   ctx.tokens[head].feats.get("Gender"),
                   role=ctx.tokens[head].lemma in role_heads() and number != "Plur",
                   described=_describes_person(ctx, head, start, end))


def _document_antecedent(ctx: SpeechContext, start: int) -> Speaker | None:
    """«Путин подписал закон … Документ предусматривает …»: a bare «документ» is the kind of
    document named last before it, within `DOCUMENT_BACK` sentences («закон», «указ»), or
    the name in quotation marks after an earlier «документ» («документ «Стратегия …»»)."""
    sentence = ctx.tokens[start].sentence
    for j in range(start - 1, -1, -1):
        t = ctx.tokens[j]
        if sentence - t.sentence > DOCUMENT_BACK:
            return None
        if t.pos != "NOUN" or ctx.quoted_at(t.start):
            continue
        if t.lemma == "документ" and j + 1 < start:
            named = ctx.quoted_at(ctx.tokens[j + 1].start + 1)
            if named is not None and ctx.tokens[j + 1].text in ("«", '"', "„", "“"):
                return Speaker(None, ctx.text[named.open + 1:named.close], None)
        elif any(words == (t.lemma,) for words, _ in document_heads().get(t.lemma, ())):
            return Speaker(None, t.lemma, None)
    return None


DOCUMENT_BACK = 2  # sentences back that a bare «документ» looks for the document it names
OWNER_GENDER = {"его": "Masc", "ее": "Fem"}  # possessive pronouns of one person


def _possessor(ctx: SpeechContext, start: int, end: int, head: int) -> Entity | None:
    """The person a possessive pronoun before a relation noun stands for («его адвокаты»,
    «её дочь»): the nearest person named before whose gender fits."""
    if start == 0 or end != head + 1 or ctx.tokens[head].pos != "NOUN" or ctx.tokens[
            head].feats.get("Animacy") != "Anim":
        return None
    gender = OWNER_GENDER.get(fold(ctx.tokens[start - 1].text))
    if gender is None:
        return None
    for j in range(start - 2, max(-1, start - 80), -1):
        entity = ctx.entity_at(j)
        if entity is not None and entity.type == "PERSON":
            return entity if ctx.genders.get(entity.id) in (gender, "") else None
    return None


def _genitive_name(ctx: SpeechContext, entity: Entity) -> str:
    """The person's fullest name in the genitive: a mention written so, else inflected."""
    name = speaker_of_entity(ctx, entity).name or entity.name
    words = name.split()
    for mention in entity.mentions:
        first = ctx.by_start.get(mention.start)
        if first is None:
            continue
        tokens = [t for t in ctx.tokens[first:first + len(words)] if t.end <= mention.end]
        if len(tokens) == len(words) and all(t.feats.get("Case") == "Gen" for t in tokens):
            return ctx.text[tokens[0].start:tokens[-1].end]
    nlp, gender = get_nlp(), ctx.genders.get(entity.id) or None
    return " ".join(name_genitive(word, gender, nlp) for word in words)


def owned_by(ctx: SpeechContext, start: int, end: int, owner: Speaker) -> Speaker | None:
    """«ссылаясь на свои источники» after «газета The New York Post»: the sources are the
    owner's («источники The New York Post»)."""
    if owner.entity is None or ctx.tokens[start].lemma != "свой" or start + 1 >= end:
        return None
    described = nominative(ctx, start + 1, end)
    return Speaker(None, f"{described} {_genitive_name(ctx, owner.entity)}", "Plur" if (
        ctx.tokens[start + 1].feats.get("Number") == "Plur") else None)


def _fuller_description(ctx: SpeechContext, start: int, end: int, head: int
                        ) -> tuple[int, int] | None:
    """A description the article wrote out in full before: «Дочь Джорджа Мендонсы сказала …
    Дочь рассказала …», «министерство здравоохранения Великобритании … министерство
    здравоохранения сообщило», «немецкий закон «О Фольксвагене» … Согласно этому закону»:
    (start, end) of that nearest fuller phrase."""
    demonstrative = start + 1 < end and ctx.tokens[start].lemma in DEMONSTRATIVES
    if demonstrative:
        start += 1  # «этому закону»: the one just named, in full
        head = next((j for j in range(start, end) if ctx.tokens[j].pos != "ADJ"), start)
    if ctx.tokens[head].pos != "NOUN" or end - start > 4 or any(
            t.pos not in ("NOUN", "ADJ") for t in ctx.tokens[start:end]):
        return None
    lemmas = [fold(t.lemma) for t in ctx.tokens[start:end]]
    n = len(lemmas)
    for j in range(start - n, -1, -1):
        after = j + n
        if after >= start or fold(ctx.tokens[j].lemma) != lemmas[0] or [
                fold(t.lemma) for t in ctx.tokens[j:after]] != lemmas:
            continue
        t = ctx.tokens[after]
        named = ctx.entity_at(after)
        if named is not None and named.type != "PERSON" and end == head + 1:
            stop = after  # «телекомпании НВО»: the name in apposition
            while stop < start and ctx.entity_at(stop) is named:
                stop += 1
            return j, stop
        if not (t.feats.get("Case") == "Gen" and t.pos in ("NOUN", "PROPN", "ADJ") or (
                t.text in ("«", '"', "„", "“") and (end > head + 1 or demonstrative))):
            continue
        if t.text in ("«", '"', "„", "“"):  # «руководство магазина «Молодая гвардия»»
            quoted = ctx.quoted_at(t.start + 1) if after + 1 < start else None
            stop = next((k for k in range(after, start) if ctx.tokens[k].start > quoted.close),
                        start) if quoted is not None else after
        else:
            stop = np_end(ctx, after - 1, start, apposition=False)
        if stop > after:
            return j, stop
    return None


DEMONSTRATIVES = {"этот", "данный", "тот", "указанный", "упомянутый"}


def _named_before_apposition(ctx: SpeechContext, k: int, lo: int) -> Speaker | None:
    """«Джо Арпайо, своего политического союзника, который …»: the person the apposition
    describes."""
    start = k
    while start - 1 >= lo and ctx.tokens[start - 1].pos in ("ADJ", "DET"):
        start -= 1
    if start - 2 < lo or ctx.tokens[start - 1].text != ",":
        return None
    entity = ctx.entity_at(start - 2)
    if entity is None or entity.type != "PERSON":
        return None
    return speaker_of_entity(ctx, entity)


def _relative_source(ctx: SpeechContext, i: int, lo: int) -> Speaker | None:
    """The statement «в котором говорится» refers to, or whoever issued it."""
    j = i - 2  # the word before «, в котором»
    if j < lo or ctx.tokens[i - 2].text != ",":
        return None
    for k in range(j - 1, max(lo - 1, j - 6), -1):
        t = ctx.tokens[k]
        if t.pos != "NOUN" or _in_prepositional_phrase(ctx, k, lo):
            continue  # «сообщение для печати, в котором»: the statement, not the press
        if t.lemma in STATEMENT_NOUNS or t.lemma in source_nouns():
            for m in range(k - 1, lo - 1, -1):  # «Комитет … распространил сообщение, в котором»
                if ctx.tokens[m].pos == "VERB" and ctx.tokens[m].feats.get("VerbForm") == "Fin":
                    if t.lemma not in STATEMENT_NOUNS and ctx.tokens[m].lemma not in ISSUING_VERBS:
                        break  # «правительство придерживалось конституции, в которой сказано»
                    found = speaker_before(ctx, m, lo)
                    if found is not None:
                        return found
                    break
        return resolve_phrase(ctx, k, j)
    return None


GATHERINGS = {"пресс-конференция", "брифинг", "заседание", "встреча", "совещание", "съезд",
              "конференция", "форум", "саммит", "церемония", "выступление"}


def _gathering_host(ctx: SpeechContext, i: int, lo: int) -> Speaker | None:
    """Whose gathering «, на котором …» (token i is «который») refers to: the genitive
    after a gathering noun right before the comma («пресс-конференция президента Сербии
    Бориса Тадича, на которой было сообщено …»)."""
    j = i - 2
    if j < lo or ctx.tokens[j].text != ",":
        return None
    for k in range(j - 1, max(lo - 1, j - 8), -1):
        t = ctx.tokens[k]
        if t.pos == "NOUN" and fold(t.lemma) in GATHERINGS:
            return resolve_phrase(ctx, k + 1, j) if k + 1 < j else None
        if t.pos not in ("NOUN", "PROPN", "ADJ", "X"):
            return None
    return None


def _in_prepositional_phrase(ctx: SpeechContext, i: int, lo: int) -> bool:
    j = i
    case = ctx.tokens[i].feats.get("Case")
    if ctx.tokens[i].pos == "PROPN" and i - 1 >= lo and ctx.tokens[i - 1].pos == "NOUN" and (
            ctx.tokens[i - 1].feats.get("Case") == "Gen") and not _subject_after_event(ctx, i):
        case = "Gen"  # «из города Мобил»: a name in apposition takes its noun's case
    while j - 1 >= lo and (ctx.tokens[j - 1].pos in ("ADJ", "NOUN", "PROPN", "NUM", "DET")
                           and ctx.tokens[j - 1].feats.get("Case") == case
                           or ctx.tokens[j - 1].text in ('"', "«", "»")):
        j -= 1
    return j - 1 >= lo and ctx.tokens[j - 1].pos == "ADP"


def _subject_after_event(ctx: SpeechContext, i: int) -> bool:
    """«до убийства Чэпмен подошел …»: a person's name in the nominative after an inanimate
    genitive is the next clause's subject, not an apposition to it (a town's or a firm's
    name is: «из города Мобил»)."""
    entity = ctx.entity_at(i)
    return entity is not None and entity.type == "PERSON" and (
        ctx.tokens[i].feats.get("Case") == "Nom") and (
        ctx.tokens[i - 1].feats.get("Animacy") == "Inan")


def _np_start(ctx: SpeechContext, i: int, lo: int) -> int:
    """Walk left over the adjectives and title words that belong to the head's phrase."""
    while i - 1 >= lo and (ctx.tokens[i - 1].pos in ("ADJ", "PROPN", "NOUN")) and (
            ctx.tokens[i - 1].feats.get("Case") in ("Nom", None)):
        i -= 1
    return i


def np_end(ctx: SpeechContext, head: int, hi: int, *, apposition: bool = True) -> int:
    """The exclusive end of the phrase headed at `head`: its genitive tail and, with
    `apposition`, the name after a title («глава пресс-службы Айрат Мурзагалиев»)."""
    j = head + 1
    while j < hi and j - head < NP_MAX:
        t = ctx.tokens[j]
        if not apposition and t.pos in ("NOUN", "PROPN") and t.feats.get("Case") == "Nom" and not (
                ctx.entity_at(j) is not None and ctx.entity_at(j) is ctx.entity_at(j - 1)):
            break  # (a name's own next word, «Джорджа Мендонсы», goes on)
        quoted = ctx.quoted_at(t.start)
        if t.text in ('"', "«", "»", "“", "”", "„") or quoted is not None:
            j += 1
            continue
        past = _participle_phrase_end(ctx, j, hi)
        if past:
            j = past  # «адвокат родственников расстрелянных под Катынью военнопленных»
            continue
        if t.pos not in NP_POS or t.text in CLAUSE_END:
            break
        if t.pos == "ADP" and t.lemma not in ("в", "во", "по", "при", "с") and not (
                t.lemma == "из" and (ctx.tokens[j - 1].lemma == "один" or j - 1 == head and (
                    ctx.tokens[head].feats.get("Animacy") == "Anim"))):
            break  # «один из участников», «агент из города Мобил»
        if t.pos == "ADP" and j + 1 < hi and ctx.tokens[j + 1].lemma in TIME_WORDS:
            break  # «губернатор в конце января»
        if t.lemma in ("с", "со") and j + 1 < hi and ctx.tokens[j + 1].lemma == "ссылка":
            break  # «СМИ со ссылкой на источники»: the source the speaker cites
        if is_number(t) and j + 1 < hi and ctx.tokens[j + 1].lemma in TIME_WORDS:
            break  # «по данным следствия 3 февраля …»: a date opens the content
        if _new_subject(ctx, head, j):
            break  # «по оценке аналитиков заявление совета …»: the content's own subject
        j += 1
    while j > head + 1 and ctx.tokens[j - 1].pos == "ADP":
        j -= 1
    return j


PARTICIPLE_REACH = 8  # tokens from an oblique participle to the noun it agrees with


def _participle_phrase_end(ctx: SpeechContext, j: int, hi: int) -> int:
    """A participle in an oblique case with its own words, then the noun it agrees with:
    the index past that noun, else 0."""
    t = ctx.tokens[j]
    case = t.feats.get("Case")
    if t.feats.get("VerbForm") != "Part" or case in (None, "Nom"):
        return 0
    k, reach = j + 1, j + PARTICIPLE_REACH
    while k < min(hi, reach):
        u = ctx.tokens[k]
        dated = _date_between_commas(ctx, k, hi) if u.text == "," else 0
        if dated:  # «в опубликованном в среду, 29 января 2020 года, указе»
            reach += dated - k
            k = dated
            continue
        if u.text in CLAUSE_END or u.pos in ("VERB", "AUX") and u.feats.get("VerbForm") == "Fin":
            return 0
        if u.pos == "NOUN" and u.feats.get("Case") == case and u.feats.get(
                "Number") == t.feats.get("Number") and k > j + 1 and ctx.tokens[k - 1].pos != "ADP":
            return k + 1
        k += 1
    return 0


def _new_subject(ctx: SpeechContext, head: int, j: int) -> bool:
    """A common noun in the nominative after a head in an oblique case starts a new phrase."""
    t = ctx.tokens[j]
    return t.pos == "NOUN" and t.feats.get("Case") == "Nom" and ctx.entity_at(j) is None and (
        ctx.tokens[head].feats.get("Case") not in ("Nom", None)) and ctx.entity_at(head) is None


def resolve_phrase(ctx: SpeechContext, start: int, end: int) -> Speaker | None:
    """A source phrase tokens[start:end] → the entity it names, or its description."""
    tokens = ctx.tokens[start:end]
    if not tokens:
        return None
    named = _quoted_name(ctx, start)
    if named is not None:
        return quoted_speaker(ctx, named)
    while start + 2 < end and ctx.tokens[start].pos == "ADP" and (
            ctx.tokens[start + 1].lemma in TIME_WORDS):
        start += 2  # «согласно оглашенному в понедельник решению суда»: when, not who
    if start + 1 < end and ctx.tokens[start].lemma in FROM_WORDS:
        start += 1  # «по сообщениям из Сеула»: the source is Сеул
    head = next((j for j in range(start, end) if ctx.tokens[j].pos != "ADJ"), start)
    head_case = case_of(ctx.tokens[head])
    for j in range(start, end):  # the head, or a name in apposition to it
        entity = ctx.entity_at(j)
        if entity is not None and entity.type == "PERSON" and (
                j == head or case_of(ctx.tokens[j]) in ("Nom", None, head_case)) and (
                j == head or not _oblique_name(ctx, j, end, entity, head_case)) and (
                not _nearer_holder(ctx, head, j)):
            return _as_pronoun(ctx, head, speaker_of_entity(ctx, entity))
    entity = ctx.entity_at(head)
    if entity is None and ctx.tokens[head].lemma not in WEBSITES and (
            ctx.tokens[head].lemma in STATEMENT_NOUNS
            or ctx.tokens[head].lemma in lexicon_words("quoted_name_words.txt")):
        entity = next((ctx.entity_at(j) for j in range(head + 1, end)
                       if ctx.entity_at(j) is not None), None)  # «в сообщении МВД» → МВД
    if entity is not None:
        return _as_pronoun(ctx, head, speaker_of_entity(ctx, entity))
    if ctx.tokens[head].lemma in STATEMENT_NOUNS and head + 1 < end:
        owner = _named_owner(ctx, head + 1, end)
        if owner is not None:  # «в заявлении телекомпании» after «телекомпании НВО» → НВО
            return owner
    if ctx.tokens[head].pos == "PRON":
        if ctx.tokens[head].lemma == "они":
            return _plural_antecedent(ctx, head)
        return None  # an unlinked pronoun: the caller carries the last speaker on
    return nominative_speaker(ctx, start, end, head)


def _named_owner(ctx: SpeechContext, start: int, end: int) -> Speaker | None:
    """The named organisation or person a statement's genitive owner refers back to: the
    fuller phrase written before, when it holds a name."""
    head = next((j for j in range(start, end) if ctx.tokens[j].pos != "ADJ"), start)
    if ctx.tokens[head].pos != "NOUN" or ctx.tokens[head].feats.get("Case") != "Gen":
        return None
    fuller = _fuller_description(ctx, start, end, head)
    if fuller is None:
        return None
    named = [ctx.entity_at(j) for j in range(*fuller) if ctx.entity_at(j) is not None]
    if not named:
        return None
    if named[-1].type == "ORGANIZATION":
        return speaker_of_entity(ctx, named[-1])
    return resolve_phrase(ctx, *fuller)


def _describes_person(ctx: SpeechContext, head: int, start: int, end: int) -> bool:
    """A singular animate common noun with no name in its phrase («66-летний музыкант»,
    «дочь актрисы»), not one that brings in a new source («источник», «один из экспертов»)."""
    t = ctx.tokens[head]
    return t.pos == "NOUN" and t.feats.get("Animacy") == "Anim" and (
        t.feats.get("Number") != "Plur") and fold(t.lemma) not in new_source_nouns() and not any(
        ctx.entity_at(j) is not None and ctx.entity_at(j).type == "PERSON"
        for j in range(start, end))


def _as_pronoun(ctx: SpeechContext, head: int, speaker: Speaker) -> Speaker:
    if ctx.tokens[head].pos != "PRON":
        return speaker
    return replace(speaker, pronoun=True,
                   gender=speaker.gender or ctx.tokens[head].feats.get("Gender"))


def _oblique_name(ctx: SpeechContext, j: int, end: int, entity: Entity,
                  head_case: str | None) -> bool:
    """A name after a common-noun head whose words stand in another case: it depends on the
    head («менеджер Мии Фэрроу») rather than naming it."""
    while j - 1 >= 0 and ctx.entity_at(j - 1) is entity:
        j -= 1
    if ctx.tokens[j - 1].pos not in ("NOUN",):
        return False
    if head_case != "Gen" and _genitive_dependent(ctx, j):
        return True  # «представитель партии Цвангираи»: the party's, not the speaker's name
    k = j
    while k < end and ctx.entity_at(k) is entity:
        t = ctx.tokens[k]
        case = case_of(t)
        if case and head_case and case != head_case and fold(t.text) != fold(t.lemma):
            return True  # an inflected form («Мии»), not an undeclined foreign name
        k += 1
    return False


def _nearer_holder(ctx: SpeechContext, head: int, j: int) -> bool:
    """A person noun between the head and the name at j, in the name's case and number, is
    whose name it is: «представителя генсека ООН Антониу Гутерриша» names the secretary
    general, not his spokesman (but «пресс-секретарь президента Дмитрий Песков» the spokesman,
    and «адвокат заявителей Бартоломея Соханьского» the lawyer)."""
    name = ctx.tokens[j]
    return any(t.pos == "NOUN" and t.feats.get("Animacy") == "Anim" and case_of(t) == case_of(
        name) and t.feats.get("Number") == name.feats.get("Number") for t in ctx.tokens[head + 1:j])


def case_of(t: Token) -> str | None:
    """The tagger's case, with the accusative of an animate masculine or plural noun read as
    the genitive it is written as («вице-президента страны Николаса Мадуро»: the tagger
    calls «Николаса» accusative)."""
    case = t.feats.get("Case")
    if case == "Acc" and t.feats.get("Animacy") == "Anim" and (
            t.feats.get("Gender") == "Masc" or t.feats.get("Number") == "Plur"):
        return "Gen"
    return case


def _genitive_dependent(ctx: SpeechContext, j: int) -> bool:
    """The person's name starting at token j depends on the inanimate genitive noun before it
    («партии Цвангираи», «фонда Шойгу»): its words are genitive or do not decline."""
    entity = ctx.entity_at(j)
    before = ctx.tokens[j - 1] if j > 0 else None
    if entity is None or before is None or before.pos != "NOUN" or before.feats.get(
            "Case") != "Gen" or before.feats.get("Animacy") != "Inan":
        return False
    k = j
    while k < len(ctx.tokens) and ctx.entity_at(k) is entity:
        if not _undeclined_or_genitive(ctx.tokens[k]):
            return False
        k += 1
    return True


def _undeclined_or_genitive(t: Token) -> bool:
    """A name word in the genitive, or one that does not decline (ends in «и», «у», «о», «е»,
    «э», «ю»: «Цвангираи», «Шойгу»), so it may be a genitive."""
    return t.feats.get("Case") == "Gen" or fold(t.text)[-1:] in ("и", "у", "о", "е", "э", "ю")


def _plural_antecedent(ctx: SpeechContext, i: int) -> Speaker | None:
    """«Врачи оценивают … . Они сообщают, что …»: the nearest plural group of people."""
    for j in range(i - 1, max(-1, i - 40), -1):
        t = ctx.tokens[j]
        if t.pos == "NOUN" and t.feats.get("Number") == "Plur" and t.feats.get(
                "Animacy") == "Anim" and not ctx.quoted_at(t.start):
            start = j
            while start - 1 >= 0 and ctx.tokens[start - 1].pos == "ADJ":
                start -= 1
            if t.feats.get("Case") != "Nom" and not (  # «по мнению аналитиков, …»: a source too
                    t.feats.get("Case") == "Gen" and start > 0
                    and ctx.tokens[start - 1].lemma in SOURCE_OF_WORDS):
                continue
            return resolve_phrase(ctx, start, np_end(ctx, j, len(ctx.tokens), apposition=False))
    return None


GROUP_WORDS = {"ряд", "группа", "большинство", "часть", "множество"}
SOURCE_OF_WORDS = {"слово", "мнение", "данные", "оценка", "информация", "сведение",
                   "утверждение", "заявление", "прогноз", "версия", "подсчет", "расчет"}


def nominative(ctx: SpeechContext, start: int, end: int) -> str:
    """The phrase as written, with its head noun (and the adjectives before it) put in the
    nominative: «источника в правительстве» → «источник в правительстве»."""
    analyzer = get_nlp().analyzer
    parts: list[str] = []
    head_done = False
    while start + 1 < end and ctx.tokens[start].pos == "ADP":
        start += 1  # «по сообщениям из Сеула»: the source is «Сеул», not «из Сеула»
    head = next((j for j in range(start, end) if ctx.tokens[j].pos == "NOUN"), None)
    gender = ctx.tokens[head].feats.get("Gender") if head is not None else None
    for j in range(start, end):
        t = ctx.tokens[j]
        if j > start:
            parts.append(ctx.text[ctx.tokens[j - 1].end : t.start])
        if head_done or t.pos not in ("ADJ", "NOUN") or t.text.isupper():
            parts.append(t.text)  # «СМИ», «МВД» stay as written
            head_done = True
            continue
        parts.append(_inflect(analyzer, t, gender=gender if t.pos == "ADJ" else None))
        head_done = t.pos == "NOUN"
    phrase = "".join(parts)
    first = ctx.tokens[start]
    if first.pos == "PROPN" or any(p.tag.grammemes & NAME_TAGS
                                   for p in analyzer.parse(fold(first.text))):
        return phrase  # «Сабурова», «Кремль»: a name keeps its capital
    return phrase[:1].lower() + phrase[1:] if phrase[1:2].islower() else phrase


NAME_TAGS = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn"})
WIKI_QUOTES = re.compile(r"''+")  # wiki markup's ''…'' around a name («газеты ''Yukon Sun''»)


def plain_name(name: str | None) -> str | None:
    """A speaker's name without wiki markup quotes: «журналист газеты Yukon Sun»."""
    if name is None:
        return None
    return " ".join(WIKI_QUOTES.sub("", name).split()) or name


UD_CASE = {"Nom": "nomn", "Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt",
           "Loc": "loct"}


UD_GENDER = {"Masc": "masc", "Fem": "femn", "Neut": "neut"}


def _inflect(analyzer, token: Token, *, gender: str | None = None
             ) -> str:
    """`token` in the nominative (pymorphy3's analyzer); an adjective takes the head's
    gender («25-летнего аспиранта» → «25-летний»)."""
    wanted = {"nomn"}
    if token.feats.get("Number") == "Plur":
        wanted.add("plur")
    case = UD_CASE.get(token.feats.get("Case", ""))
    parses = [p for p in analyzer.parse(fold(token.text)) if p.tag.POS in ("NOUN", "ADJF")]
    want_gender = UD_GENDER.get(gender or "")
    parses.sort(key=lambda p: (p.tag.case != case,
                               bool(want_gender) and p.tag.gender not in (want_gender, None)))
    for parse in parses:
        inflected = parse.inflect(wanted)
        if inflected is not None:
            return inflected.word
    return fold(token.text)
