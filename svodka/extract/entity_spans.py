"""Span repairs for the entities layer, after natasha's spans and the gazetteer are merged.

NEREL's conventions, learnt from its train split, that natasha alone misses:
- organisations named by a head noun: «правительство», «полиция» alone, and with a genitive
  place or organisation («правительства Армении», «сборной России») or noun phrase
  («министерство обороны», «кабинет министров»); adjectives before the head join the span
  («российского правительства»); the places inside, and the bare head, are nested mentions;
- an organisation name ending in a place or organisation holds both parts as mentions
  («МВД Украины» → «МВД»; «Совет Безопасности ООН» → «Совет Безопасности», «ООН»), the part
  before only after a country or when it is a proper name of its own;
- a name goes on with «по» and what the body deals with («Комиссия по ценным бумагам США»)
  or, for a state body, the region it acts in («ГУ МВД России по Москве»); a government,
  cabinet or administration takes the person who leads it («правительство Нечаса»);
- lower-case names of bodies («вооружённые силы»); a part of a place named by a direction is
  a location («на юге Англии»); a name natasha tags ORG whose head names a building is a
  facility («Исаакиевский собор»);
- names natasha tags ORG that are no organisations («СМИ», «Интернет», «Twitter»);
- a span across a line break or a bracket is two mentions («Соня Томас (Sonya Thomas)»);
- a place the gazetteer does not know is most often a city, unless its last word says it is
  a street, building or district; a seat of power named as an actor («Кремль заявил») is an
  organisation;
- a city or region name in quotes is a club or band named after it («за «Барселону»»);
- a quoted or Latin-script name after a kind noun is an organisation («газета ''Newsday''»),
  and so is the same name written again in the article;
- a surname of a person found elsewhere in the article is a mention where natasha missed it;
- relational adjectives of cities, regions and people («московский», «нобелевский»).

Word lists: `svodka/lexicons/org_heads.tsv`, `org_stoplist.txt`, `place_heads.tsv`,
`relational_adjectives.tsv`, `quoted_place_nouns.txt`, `org_kind_nouns.txt`,
`topic_org_heads.txt`, `common_org_names.txt`, `facility_heads.txt`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING

from svodka.article import Article, Token
from svodka.gazetteer import Gazetteer, GazetteerEntry, plain_key
from svodka.lexicons import lexicon_rows, lexicon_words
from svodka.nlp import NLP, fold, get_nlp

if TYPE_CHECKING:
    from svodka.extract.entities import Candidate

SPLIT_PARTS = re.compile(r"[^\s()•·|](?:[^\n()•·|]*[^\s()•·|])?")  # runs between breaks
SPLITTERS = ("\n", "(", "•", "·", "|")  # line breaks, brackets, list bullets
ABBREVIATION = re.compile(r"^[А-ЯЁA-Z]{2,6}$")
PLACE_TYPES = {"COUNTRY", "CITY", "REGION", "LOCATION"}


@dataclass(frozen=True)
class OrgHead:
    lemma: str
    alone: bool       # the bare noun is an organisation mention
    complement: str   # "place" | "noun"


@lru_cache(maxsize=1)
def org_heads() -> dict[str, OrgHead]:
    rows = lexicon_rows("org_heads.tsv")[1:]  # the first row is the header
    return {fold(r[0]): OrgHead(fold(r[0]), r[1] == "1", r[2]) for r in rows}


def repair_spans(article: Article, candidates: list[Candidate], gazetteer: Gazetteer
                 ) -> list[Candidate]:
    """Apply every repair of this module; returns the new candidate list, sorted."""
    candidates = drop_non_organisations(article, candidates)
    trim_name_edges(article, candidates)
    candidates = join_split_names(article, candidates)
    candidates = split_spans(article, candidates, gazetteer)
    candidates = balance_quotes(article, candidates)
    type_unknown_places(article, candidates)
    type_metonyms(article, candidates)
    type_quoted_places(article, candidates)
    type_platforms(article, candidates)
    type_facilities(article, candidates)
    candidates += kind_noun_names(article, candidates)
    candidates += wiki_quoted_latin_names(article, candidates)
    candidates += head_noun_organisations(article, candidates, gazetteer)
    candidates += common_name_organisations(article, candidates)
    join_genitive_names(article, candidates)
    candidates += topic_names(article, candidates, gazetteer)
    candidates += direction_locations(article, candidates)
    mission_hosts(article, candidates)
    candidates += nested_organisations(article, candidates, gazetteer)
    candidates += surname_echoes(article, candidates)
    candidates += short_names(article, candidates)
    candidates.sort(key=lambda c: (c.start, -c.end))
    return candidates


# --- legal forms before a quoted company name ------------------------------------------

# «ОАО "Башкирэнерго"», «КОГУП «Кировлес»»: NEREL train marks only the name in the quotes
# after these forms (20 of 21 times)
LEGAL_FORM = re.compile(r"(?:ОАО|ЗАО|ООО|ПАО|АО|ГУП|КОГУП|МУП|ФГУ|НКО|ОДО|ТОО|СК|ОВД)\s*"
                        r"[«\"„“]\s*(?P<name>[^«»\"„“]+?)\s*[»\"“”]?$")


def trim_name_edges(article: Article, candidates: list[Candidate]) -> None:
    """An organisation written as a legal form and a quoted name is the name alone; wiki
    quotation marks at a name's edge («''Samsung Electronics») are no part of it."""
    text = article.text
    for c in candidates:
        start, end = c.start, c.end
        while text.startswith("''", start) and end - start > 2:
            start += 2
        while text[end - 2:end] == "''" and end - start > 2:
            end -= 2
        if (start, end) != (c.start, c.end):
            c.start, c.end, c.normal = start, end, ""
        if c.type != "ORGANIZATION":
            continue
        match = LEGAL_FORM.match(text, c.start, c.end)
        if match is not None and match.end() == c.end:
            c.start, c.end = match.span("name")
            c.normal = ""


# --- people natasha cuts in two ---------------------------------------------------------


def join_split_names(article: Article, candidates: list[Candidate]) -> list[Candidate]:
    """Two names of people with one space between them are one name: natasha cuts some
    three-word names («Нейл | Патрик Харрис»): a first name alone, then a name, all in the
    nominative. A list of people has a comma or «и»; a name in another case depends on the
    next one."""
    people = sorted((c for c in candidates if c.type == "PERSON" and c.nested_in is None
                     and c.entry is None), key=lambda c: c.start)
    dropped: set[int] = set()
    for left, right in pairwise(people):
        if id(left) in dropped or article.text[left.end:right.start] != " ":
            continue
        words = _tokens(article, left.start, right.end)
        if len(_tokens(article, left.start, left.end)) != 1 or not all(
                t.feats.get("Case") == "Nom" for t in words) or not _first_name_form(
                    fold(words[0].text)):
            continue  # «адвокат Алёхиной Оксана Дарова», «Майкла Джексона Кэтрин»: whose, who
        right.start, right.normal = left.start, ""
        dropped.add(id(left))
    return [c for c in candidates if id(c) not in dropped]


def _first_name_form(word: str) -> bool:
    """A word that can be a first name in the nominative: one pymorphy has a nominative
    reading of, and, ending in «-а»/«-я», only as a known first name («Анна»), since
    «Фолла», «Джексона» are genitives."""
    parses = get_nlp().analyzer.parse(word)
    if word.endswith(("а", "я")):
        return any("Name" in p.tag and "nomn" in p.tag for p in parses)
    return any("nomn" in p.tag for p in parses)


# --- organisations natasha over-tags ------------------------------------------------


def drop_non_organisations(article: Article, candidates: list[Candidate]) -> list[Candidate]:
    """Names of `org_stoplist.txt` are no organisations, but a stop-listed abbreviation of a
    kind of body right before an organisation's name is the first word of that name: «ГУ
    МВД России» (NEREL train: 14 such spans, the bare «ГУ» never)."""
    stoplist = lexicon_words("org_stoplist.txt")
    starts = {c.start: c for c in candidates if c.type == "ORGANIZATION" and c.nested_in is None}
    kept = []
    for c in candidates:
        if not (c.type == "ORGANIZATION" and c.entry is None
                and _span_words(article, c) in stoplist):
            kept.append(c)
            continue
        name = starts.get(c.end + 1)
        if ABBREVIATION.match(article.text[c.start : c.end]) and name is not None and (
                article.text[c.end] == " "):
            c.end = name.end
            name.nested_in = c
            kept.append(c)
    return kept


def _span_words(article: Article, candidate: Candidate) -> str:
    tokens = _tokens(article, candidate.start, candidate.end)
    if len(tokens) == 1:
        return tokens[0].lemma
    return fold(article.text[candidate.start : candidate.end])


# --- spans natasha runs across lines or parentheses -----------------------------------


def split_spans(article: Article, candidates: list[Candidate], gazetteer: Gazetteer
                ) -> list[Candidate]:
    """A span across a line break is one mention per line («Фидель Кастро\n\nФидель
    Кастро»); «Соня Томас (Sonya Thomas)», «Исламское государство (ИГ)» are two; so are
    the items of a bulleted list («Чехия • Дания»)."""
    from svodka.extract.entities import Candidate

    out: list[Candidate] = []
    for c in candidates:
        text = article.text[c.start : c.end]
        if c.entry is not None or not any(mark in text for mark in SPLITTERS):
            out.append(c)
            continue
        for part in SPLIT_PARTS.finditer(text):
            if any(ch.isalpha() for ch in part.group()):
                start, end = c.start + part.start(), c.start + part.end()
                entry = _known_name(article, start, end, gazetteer)
                out.append(Candidate(start, end, entry.type if entry else c.type, entry=entry))
    return out


def _known_name(article: Article, start: int, end: int, gazetteer: Gazetteer
                ) -> GazetteerEntry | None:
    """The gazetteer entry a span names, by its words' lemmas or as written."""
    tokens = _tokens(article, start, end)
    return (gazetteer.find(tuple(t.lemma for t in tokens))
            or gazetteer.find(plain_key(article.text[start:end])))


def balance_quotes(article: Article, candidates: list[Candidate]) -> list[Candidate]:
    """natasha ends a name at a quote's edge: «ФГУП «Главный радиочастотный центр» loses
    its closing mark, «Исламское государство»» keeps one it never opened. NEREL train
    spans never end on an unopened closing mark, and mostly keep the closing mark of one
    they opened (20 against 10). A span that becomes a gazetteer match's is dropped."""
    text = article.text
    for c in candidates:
        if c.entry is not None:
            continue
        span = text[c.start : c.end]
        while span.endswith("»") and span.count("»") > span.count("«"):
            span = span[:-1].rstrip()
        if (span.count("«") > span.count("»") and not span.startswith("«")
                and text[c.start + len(span) : c.start + len(span) + 1] == "»"):
            span += "»"
        if c.start + len(span) != c.end:
            c.end, c.normal = c.start + len(span), ""
    known = {(c.start, c.end, c.type) for c in candidates if c.entry is not None}
    kept = [c for c in candidates if c.entry is not None or (c.start, c.end, c.type) not in known]
    _renest(kept)
    return kept


def _renest(candidates: list[Candidate]) -> None:
    """A candidate nested in one that was split or dropped is nested in what still holds
    it, or in nothing."""
    alive = {id(c) for c in candidates}
    for c in candidates:
        if c.nested_in is not None and id(c.nested_in) not in alive:
            c.nested_in = next((o for o in candidates if o.start <= c.start and c.end <= o.end
                                and (o.start, o.end) != (c.start, c.end)), None)


# --- places the gazetteer does not know ------------------------------------------------


def type_unknown_places(article: Article, candidates: list[Candidate]) -> None:
    """A place natasha found and the gazetteer lacks: a proper name («Сребренице», «Сергиев
    Посад») is typed CITY; one ending in a street, building or district word («Красной
    площади», «Московского района») gets that word's type from `place_heads.tsv`; an
    unknown abbreviation is a region (in NEREL train: four regions, two districts, no
    city)."""
    heads = place_heads()
    for c in candidates:
        if c.type != "LOCATION" or c.entry is not None:
            continue
        tokens = _tokens(article, c.start, c.end)
        lower = [t.lemma for t in tokens if t.text[:1].islower()]
        if lower and lower[-1] in heads:
            c.type = heads[lower[-1]]
        elif len(tokens) == 1 and ABBREVIATION.match(tokens[0].text):
            c.type = "REGION"  # «РТ», «ЧР», «ЦАО»: republics and districts, never cities
        elif (len(tokens) == 1 and tokens[0].pos == "PROPN") or (
                len(tokens) > 1 and not lower):
            c.type = "CITY"


@lru_cache(maxsize=1)
def place_heads() -> dict[str, str]:
    return {fold(r[0]): r[1] for r in lexicon_rows("place_heads.tsv")[1:]}


def type_metonyms(article: Article, candidates: list[Candidate]) -> None:
    """A seat of power named as an actor is the organisation sitting there («Кремль
    заявил»); after a place preposition («в Кремле») it stays a building."""
    from svodka.extract.entities import _after_place_word

    for c in candidates:
        if (c.entry is not None and c.entry.type == "FACILITY" and c.entry.stands_for
                and not _after_place_word(article, c.start)):
            c.type = "ORGANIZATION"


def type_facilities(article: Article, candidates: list[Candidate]) -> None:
    """A name natasha tags ORG whose head noun names a building or a place built
    (`facility_heads.txt`: «Исаакиевский собор», «Саяно-Шушенской ГЭС», «Храме Христа
    Спасителя») is a facility; a gazetteer organisation keeps its type."""
    heads = lexicon_words("facility_heads.txt")
    for c in candidates:
        if c.type != "ORGANIZATION" or c.entry is not None:
            continue
        head = _first_noun(article, c)
        if head is not None and fold(head.lemma) in heads:
            c.type = "FACILITY"


PLATFORM_BEFORE = {"в", "во", "на", "через", "из"}


def type_platforms(article: Article, candidates: list[Candidate]) -> None:
    """A social network after «в», «на», «через» is the platform used, a PRODUCT («написал в
    Facebook»), not the company («Facebook заблокировал …» stays an organisation)."""
    platforms = lexicon_words("platforms.txt")
    ends = [t.end for t in article.tokens]
    for c in candidates:
        if c.type != "ORGANIZATION" or fold(article.text[c.start:c.end]) not in platforms:
            continue
        k = bisect_right(ends, c.start) - 1  # the token before the name
        if k >= 0 and fold(article.tokens[k].text) in PLATFORM_BEFORE:
            c.type = "PRODUCT"


QUOTES = (("«", "»"), ('"', '"'), ("''", "''"), ("„", "“"))


def type_quoted_places(article: Article, candidates: list[Candidate]) -> None:
    """A city or region name in quotes is an organisation named after it: a club or a band
    («за «Барселону», «солистка группы «Ленинград»»; NEREL train: 34 organisations of 45
    such names), unless a noun before the quotes calls it a site or a settlement
    («аэродрома «Лахта», «посёлке «Горки-8»»: `quoted_place_nouns.txt`)."""
    place_nouns = lexicon_words("quoted_place_nouns.txt") | set(place_heads())
    for c in candidates:
        if c.type not in ("CITY", "REGION") or c.nested_in is not None:
            continue
        if not _in_quotes(article.text, c.start, c.end):
            continue
        before = [t for t in article.tokens if t.end <= c.start][-2:]
        if any(t.lemma in place_nouns for t in before):
            continue
        c.type, c.entry, c.normal = "ORGANIZATION", None, ""


def _in_quotes(text: str, start: int, end: int) -> bool:
    """The span is the whole of a quoted phrase: «Барселона», "Тамбов", ''Зенит''."""
    return any(text[:start].endswith(left) and text.startswith(right, end)
               for left, right in QUOTES)


LATIN = "A-Za-zÀ-ÖØ-öø-ÿĀ-ž"
LATIN_WORD = rf"[{LATIN}0-9][{LATIN}0-9.&’'\-]*"
KIND_NAME = re.compile(
    r"\s+(?:(?:«|''|\"|„)(?P<quoted>[^«»\"'„“\n]{2,60}?)(?:»|''|\"|“)"
    rf"|(?P<latin>[A-ZÀ-ÖØ-ÞĀ-Ž][{LATIN}0-9.&’'\-]*(?: (?:{LATIN_WORD}|&))*))")


def kind_noun_names(article: Article, candidates: list[Candidate]) -> list[Candidate]:
    """A name natasha missed right after a noun saying what kind of organisation it is, in
    quotes or in Latin script, is an organisation: «газета ''Newsday''», «стартап Reddit»,
    «основатель ''Group DF''», «компания «Вектор»» (`org_kind_nouns.txt`); so is every other
    place the article writes that name where natasha found nothing."""
    from svodka.extract.entities import Candidate

    kinds = lexicon_words("org_kind_nouns.txt")
    stoplist = lexicon_words("org_stoplist.txt")
    taken = [(c.start, c.end) for c in candidates]
    out: list[Candidate] = []
    for token in article.tokens:
        if token.pos != "NOUN" or token.lemma not in kinds:
            continue
        span = _kind_name(article.text, token.end)
        if span is None or _overlapping(taken, *span) or fold(
                article.text[span[0]:span[1]]) in stoplist:
            continue
        out.append(Candidate(*span, "ORGANIZATION"))
        taken.append(span)
    for first in list(out):
        out += _name_echoes(article, first, taken)
    return out


WIKI_LATIN = re.compile(rf"''([A-ZÀ-ÖØ-ÞĀ-Ž][{LATIN}0-9.&’'!\-]*(?: [{LATIN}0-9.&’'!\-]+)*)''")
# words before a quoted title that names a work or a thing, not a body («альбом ''Blackstar''»)
WORK_WORDS = {"песня", "альбом", "сингл", "фильм", "клип", "роман", "книга", "сериал", "трек",
              "экземпляр", "композиция", "спектакль", "игра", "шоу", "вертолет", "самолет",
              "автомобиль", "картина", "мюзикл", "опера", "поэма",
              "стихотворение", "версия", "номер", "выпуск", "проект", "программа", "операция",
              "акция", "закон", "фраза", "слово", "надпись", "лозунг", "хит"}


def wiki_quoted_latin_names(article: Article, candidates: list[Candidate]) -> list[Candidate]:
    """A Latin-script name in wiki quotation marks (''Strutt & Parker'', ''Reddit'') natasha
    left out is an organisation — in NEREL train 75 of 123 such names are — unless the word
    before says it is a work or a thing («альбом ''Blackstar''», «вертолёт ''Robinson 44''»)
    or it stands in a list of such titles."""
    from svodka.extract.entities import Candidate

    taken = [(c.start, c.end) for c in candidates]
    ends = [t.end for t in article.tokens]
    out: list[Candidate] = []
    works_end = -1  # where the last work's title ended: titles listed after it are works too
    for match in WIKI_LATIN.finditer(article.text):
        start, end = match.span(1)
        k = bisect_right(ends, match.start()) - 1  # the last token before the marks
        while k >= 0 and not article.tokens[k].text[:1].isalnum() and (
                article.tokens[k].text not in (",", ":")):
            k -= 1
        before = article.tokens[k] if k >= 0 else None
        listed = works_end >= 0 and article.text[works_end:match.start()].strip() in (",", "и")
        if before is not None and before.text == ":" and k >= 1:
            before = article.tokens[k - 1]  # «песни: ''Suzanne''»: the word before the colon
        if listed or before is not None and fold(before.lemma) in WORK_WORDS:
            works_end = match.end()  # «песни: ''Suzanne'', ''Hallelujah''»
            continue
        if _overlapping(taken, start, end):
            continue
        out.append(Candidate(start, end, "ORGANIZATION"))
        taken.append((start, end))
    return out


def _kind_name(text: str, offset: int) -> tuple[int, int] | None:
    """The span of the quoted or Latin-script name after `offset`, without the quotes and
    the full stop after it; a capital and two letters at least («группа E» is no name)."""
    match = KIND_NAME.match(text, offset)
    if match is None:
        return None
    group = "quoted" if match.group("quoted") else "latin"
    start, end = match.span(group)
    name = text[start:end].strip().rstrip(".'’-&")
    if not name[:1].isupper() or sum(ch.isalpha() for ch in name) < 2:
        return None
    start += len(text[start:end]) - len(text[start:end].lstrip())
    return start, start + len(name)


def _name_echoes(article: Article, first: Candidate, taken: list[tuple[int, int]]
                 ) -> list[Candidate]:
    """Every other occurrence of `first`'s name, as written, that no candidate touches."""
    from svodka.extract.entities import Candidate

    name = article.text[first.start : first.end]
    out = []
    for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", article.text):
        if not _overlapping(taken, *match.span()):
            out.append(Candidate(*match.span(), "ORGANIZATION", same_as=first))
            taken.append(match.span())
    return out


def _overlapping(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


# --- organisations named by a head noun -------------------------------------------------


def head_noun_organisations(article: Article, candidates: list[Candidate],
                            gazetteer: Gazetteer) -> list[Candidate]:
    from svodka.extract.entities import Candidate

    heads = org_heads()
    out: list[Candidate] = []
    by_start = {c.start: c for c in sorted(candidates, key=lambda c: c.end)
                if c.nested_in is None}
    for index in range(len(article.sentences)):
        tokens = article.sentence_tokens(index)
        for i, token in enumerate(tokens):
            head = heads.get(token.lemma)
            if head is None or token.pos not in ("NOUN", "PROPN") or (
                    token.pos == "PROPN" and not token.text[:1].isupper()):
                continue  # (the tagger reads a capitalised «Полиция», «Правительство» as PROPN)
            if any(c.start <= token.start < c.end for c in candidates + out):
                continue
            end, inner = _complement(article, tokens, i, head, by_start)
            start = _adjectives_before(tokens, i, gazetteer)
            if (not inner and end == token.end and not head.alone
                    and not _relational_before(tokens, i, start, gazetteer)):
                continue
            outer = Candidate(start, end, "ORGANIZATION")
            for c in inner:
                if c.type in PLACE_TYPES or c.type == "ORGANIZATION":
                    c.nested_in = outer
            out.append(outer)
            if head.alone and (start, end) != (token.start, token.end):
                # NEREL marks the bare head inside too: «правительства» in «правительства РФ»
                out.append(Candidate(token.start, token.end, "ORGANIZATION", nested_in=outer,
                                     same_as=outer))
    return out


@lru_cache(maxsize=1)
def common_org_names() -> dict[str, list[tuple[str, ...]]]:
    """First lemma → the lower-case organisation names (`common_org_names.txt`) it opens."""
    names: dict[str, list[tuple[str, ...]]] = {}
    for line in lexicon_words("common_org_names.txt"):
        words = tuple(fold(w) for w in line.split())
        names.setdefault(words[0], []).append(words)
    return names


def common_name_organisations(article: Article, candidates: list[Candidate]
                              ) -> list[Candidate]:
    """Bodies written in lower case that NEREL marks as organisations: «вооружённых сил»,
    «сухопутных войск», «кремлёвской администрации»."""
    from svodka.extract.entities import Candidate

    names = common_org_names()
    taken = [(c.start, c.end) for c in candidates]
    out: list[Candidate] = []
    tokens = article.tokens
    for i, token in enumerate(tokens):
        for name in names.get(fold(token.lemma), ()):
            end = i + len(name)
            if end > len(tokens) or tuple(fold(t.lemma) for t in tokens[i:end]) != name or (
                    not token.text[:1].islower()):
                continue
            span = (token.start, tokens[end - 1].end)
            if not _overlapping(taken, *span):
                out.append(Candidate(*span, "ORGANIZATION"))
                taken.append(span)
    return out


def _relational_before(tokens: list[Token], i: int, start: int, gazetteer: Gazetteer) -> bool:
    """A place's adjective among those before head `tokens[i]` names whose body it is:
    «американские власти», «сирийская армия», «сеульский суд» are organisations in NEREL
    train (36 of 43, 15 of 15, 10 of 13), where the bare «власти» or «суд» are not."""
    return any(gazetteer.find_adjective(t.lemma) or t.lemma in place_adjectives()
               for t in tokens[:i] if t.start >= start)


def _adjectives_before(tokens: list[Token], i: int, gazetteer: Gazetteer) -> int:
    """Where the span of head `tokens[i]` starts: before the adjectives that agree with it
    («коалиционного правительства», «малайзийской полиции»)."""
    case = tokens[i].feats.get("Case")
    start = tokens[i].start
    for k in range(i - 1, max(i - 3, -1), -1):
        token = tokens[k]
        if token.pos != "ADJ" or token.feats.get("Case") != case:
            break
        if not (token.text[:1].islower() or gazetteer.find_adjective(token.lemma)):
            break
        start = token.start
    return start


def join_genitive_names(article: Article, candidates: list[Candidate]) -> None:
    """An organisation name right before a place or organisation name in the genitive
    takes it in: natasha tags «Верховный суд» and «Бангладеша» apart, NEREL train marks
    «Верховный суд Бангладеша» as one organisation (828 times against 14) holding the
    place. Right to left, so that «Палаты представителей Конгресса США» chains up."""
    outer = sorted((c for c in candidates if c.nested_in is None and c.kind == "name"),
                   key=lambda c: c.start)
    for left, right in reversed(list(pairwise(outer))):
        gap = _tokens(article, left.end, right.start)
        if (left.type != "ORGANIZATION" or right.type not in PLACE_TYPES | {"ORGANIZATION"}
                or article.text[left.end : right.start].strip(" ") != (
                    gap[0].text if gap else "")
                or gap and not (len(gap) == 1 and _territory_word(gap[0]))
                or not gap and not _genitive_name(article, right)):
            continue
        left.end = right.end
        left.normal = ""
        right.nested_in = left


TERRITORY_WORDS = {"штат", "город", "провинция", "графство", "префектура", "округ", "область",
                   "край", "департамент"}


def _territory_word(token: Token) -> bool:
    """A lower-case genitive kind of place before its name: «суд штата Массачусетс», «власти
    города Кембриджа» (NEREL train's organisation spans take both words in)."""
    return token.lemma in TERRITORY_WORDS and token.text[:1].islower() and token.feats.get(
        "Case") == "Gen"


def _genitive_name(article: Article, candidate: Candidate) -> bool:
    """The name's first word is in the genitive, or an abbreviation («США», «РФ»), which
    natasha's tagger cases by guess."""
    tokens = _tokens(article, candidate.start, candidate.end)
    return bool(tokens) and (tokens[0].feats.get("Case") == "Gen"
                             or bool(ABBREVIATION.match(tokens[0].text)))


def nested_organisations(article: Article, candidates: list[Candidate],
                         gazetteer: Gazetteer) -> list[Candidate]:
    """«МВД Украины» holds the organisation «МВД»; «Совет Безопасности ООН» holds «Совет
    Безопасности» and «ООН»: an organisation name ending in a place or organisation right
    after a name gives both parts as mentions. The part before is a mention of its own when
    the name ends in a country, or when it is a proper name of its own (every word
    capitalised): NEREL train marks it 207 of 327 times after a country, 10 of 15 times
    for such a proper name, and 52 of 160 times otherwise («Детского фонда» in «Детского
    фонда ООН», «Суд» in «Суд Вены»)."""
    from svodka.extract.entities import Candidate

    spans = {(c.start, c.end) for c in candidates}
    stoplist = lexicon_words("org_stoplist.txt")
    out: list[Candidate] = []
    for c in candidates:
        if c.type != "ORGANIZATION":
            continue
        tokens = _tokens(article, c.start, c.end)
        if len(tokens) < 2:
            continue
        tail = next((t for t in candidates if t.end == c.end and c.start < t.start
                     and t.type in PLACE_TYPES | {"ORGANIZATION"}), None)
        if tail is None and ABBREVIATION.match(tokens[-1].text):
            entry = gazetteer.find(plain_key(tokens[-1].text))
            tail = Candidate(tokens[-1].start, tokens[-1].end, "ORGANIZATION", nested_in=c,
                             entry=entry if entry and entry.type == "ORGANIZATION" else None)
            if (tail.start, tail.end) not in spans:
                out.append(tail)
        if tail is None:
            continue
        before = [t for t in tokens if t.end <= tail.start]
        if before and _territory_word(before[-1]):
            before.pop()  # «Верховный суд штата Нью-Йорк» holds «Верховный суд»
        if (not before or before[-1].pos not in ("NOUN", "PROPN")
                or not before[0].text[:1].isupper()
                or fold(article.text[c.start : before[-1].end]) in stoplist
                or fold(before[-1].text) in CITY_WORDS):
            continue  # (not «ГУ» of «ГУ МВД», nor «ГУ МВД по городу» of «… Москве»)
        if tail.type != "COUNTRY" and not _proper_name(before):
            continue  # «Детского фонда ООН», «Суд Вены»: NEREL train marks no inner name
        if (c.start, before[-1].end) not in spans:
            out.append(Candidate(c.start, before[-1].end, "ORGANIZATION", nested_in=c,
                                 same_as=c))
    return out


def _proper_name(tokens: list[Token]) -> bool:
    """Two or more words, every one capitalised: «Совет Безопасности» (of «… ООН»)."""
    return len(tokens) >= 2 and all(t.text[:1].isupper() for t in tokens)


def _complement(article: Article, tokens: list[Token], i: int, head: OrgHead,
                by_start: dict[int, Candidate]) -> tuple[int, list[Candidate]]:
    """The end of the organisation span starting at head `tokens[i]`, and the candidates
    its complement covers."""
    end = tokens[i].end
    j = i + 1
    if head.complement == "noun":
        for _ in range(GENITIVE_NOUNS):
            k = j
            while k < len(tokens) and tokens[k].pos == "ADJ" and tokens[k].feats.get(
                    "Case") == "Gen":
                k += 1
            if not (k < len(tokens) and tokens[k].pos == "NOUN" and tokens[k].feats.get(
                    "Case") == "Gen" and tokens[k].text[:1].islower()):
                break
            end, j = tokens[k].end, k + 1
    inner = []
    if j + 1 < len(tokens) and _territory_word(tokens[j]):
        j += 1  # «полиция штата Миссури»: the kind of place, then its name
    if j < len(tokens):
        named = by_start.get(tokens[j].start)
        if named is not None and (named.type != "PERSON" or head.lemma in LED_BY) and tokens[
                j].feats.get(
                "Case") == "Gen":
            end = named.end
            inner.append(named)
    return end, inner


# --- names that go on with «по» ----------------------------------------------------------

TOPIC_MAX = 14  # tokens of a «по …» phrase inside an organisation's name
# «по борьбе с терроризмом», «по контролю за оборотом …», «по подготовке к юбилею»
TOPIC_LINKS = {"с": {"Ins"}, "со": {"Ins"}, "за": {"Ins", "Acc"}, "к": {"Dat"}}
TOPIC_CASES = {"Dat", "Loc"}
BRANCH_PLACES = {"CITY", "REGION"}  # where a branch of a state body acts
CITY_WORDS = {"г", ".", "город", "городу"}
NOT_TOPICS = {"повод", "случай", "причина", "итог", "результат", "просьба", "приглашение",
              "инициатива", "указание", "данные", "слово", "мнение", "сообщение", "требование",
              "решение", "заявление", "распоряжение", "приказ", "телефон", "телевидение",
              "радио", "интернет", "почта", "время", "мера", "сравнение", "оценка", "версия",
              "подсчет", "прогноз", "факт", "обвинение", "статья", "закон", "поручение",
              "линия", "путь", "улица", "дорога", "адрес", "информация", "сведение", "сумма",
              "счет", "возможность", "окончание", "завершение", "истечение", "специальность",
              "желание", "состояние", "призыв", "пенальти", "матч", "рекомендация", "очко",
              "национальность", "происхождение", "образование", "профессия"}


@lru_cache(maxsize=1)
def topic_heads() -> frozenset[str]:
    return frozenset(fold(w) for w in lexicon_words("topic_org_heads.txt"))


def topic_names(article: Article, candidates: list[Candidate], gazetteer: Gazetteer
                ) -> list[Candidate]:
    """An organisation's name goes on with «по» and what it deals with or where it acts:
    «Комиссия по ценным бумагам США», «сборной России по хоккею», «ГУ МВД России по
    Москве», «думского комитета по обороне» (NEREL train writes them whole). A named
    organisation whose head is one of `topic_org_heads.txt` is extended; a lower-case head
    with no name («комитета по обороне») becomes one. The places and organisations inside
    are nested mentions. Returns the new candidates."""
    from svodka.extract.entities import Candidate

    heads = topic_heads()
    out: list[Candidate] = []
    outer = [c for c in candidates if c.nested_in is None and c.kind == "name"]
    by_start = {c.start: c for c in sorted(outer, key=lambda c: c.end)}
    for index in range(len(article.sentences)):
        tokens = article.sentence_tokens(index)
        for i, token in enumerate(tokens):
            if fold(token.lemma) not in heads or token.pos not in ("NOUN", "PROPN"):
                continue
            holder = next((c for c in outer if c.start <= token.start < c.end), None)
            if holder is not None and (holder.type != "ORGANIZATION" or holder.nested_in
                                       is not None or _first_noun(article, holder) is not token):
                continue  # (the name's own head: not «управления» in «университет управления»)
            j = i + 1
            while j < len(tokens) and holder is not None and tokens[j].end <= holder.end:
                j += 1  # past the rest of the name holding the head
            if holder is None and j < len(tokens) and tokens[j].feats.get("Case") == "Gen":
                named = by_start.get(tokens[j].start)  # «комитета Госдумы по …»
                if named is not None and named.type == "ORGANIZATION":
                    while j < len(tokens) and tokens[j].end <= named.end:
                        j += 1
            if j >= len(tokens) or fold(tokens[j].text) != "по":
                continue
            if holder is not None and _branch_place(tokens, j, by_start) is not None:
                continue  # «Следственный комитет России по Челябинской области»: a branch
            end = _topic_end(tokens, j, by_start)
            if end is None:
                continue
            inside = [c for c in outer if c is not holder and token.start <= c.start
                      and c.end <= tokens[end - 1].end]
            if holder is not None:
                holder.end = tokens[end - 1].end
                holder.normal = ""
                new = holder
            else:
                new = Candidate(_adjectives_before(tokens, i, gazetteer), tokens[end - 1].end,
                                "ORGANIZATION")
                out.append(new)
            for c in inside:
                c.nested_in = new
    for c in outer:  # «МВД России по Москве», «УФСБ по Пермскому краю»: where a branch acts
        if c.type != "ORGANIZATION" or c.nested_in is not None:
            continue
        after = _tokens_from(article, c.end)
        if len(after) < 2 or fold(after[0].text) != "по" or article.text[
                c.end : after[0].start].strip():
            continue
        at = _branch_place(after, 0, by_start)
        if at is None or by_start[after[at].start].nested_in is not None:
            continue  # (not «удара ВВС Израиля по Палестинским территориям»)
        end = _topic_end(after, at - 1, by_start)  # from the «по» or the city word
        if end is None:
            continue
        for inner in outer:
            if c.end <= inner.start and inner.end <= after[end - 1].end:
                inner.nested_in = c
        body = _named_body(article, candidates, c)  # «пресс-службе ГУ МВД России»
        out.append(_inner_name(body))
        for extended in (c,) if body is c else (c, body):
            extended.end = after[end - 1].end
            extended.normal = ""
            extended.entry = None  # a branch is a body of its own, not the one it belongs to
    return out


def _branch_place(tokens: list[Token], j: int, by_start: dict[int, Candidate]) -> int | None:
    """Where the city or region a branch acts in starts, when the «по» at tokens[j] names
    one (past «г.», «городу»: «по г. Москве»); else None."""
    at = j + 1
    while at + 1 < len(tokens) and fold(tokens[at].text) in CITY_WORDS:
        at += 1
    place = by_start.get(tokens[at].start) if at < len(tokens) else None
    return at if place is not None and place.type in BRANCH_PLACES else None


def _named_body(article: Article, candidates: list[Candidate], c: Candidate) -> Candidate:
    """The capitalised organisation name a lower-case head's span ends in («ГУ МВД России» in
    «пресс-службе ГУ МВД России»), else the span itself."""
    if not article.text[c.start : c.start + 1].islower():
        return c
    inside = [n for n in candidates if n.nested_in is c and n.type == "ORGANIZATION"
              and n.end == c.end and article.text[n.start : n.start + 1].isupper()]
    return min(inside, key=lambda n: n.start) if inside else c


def _inner_name(c: Candidate) -> Candidate:
    """A state body's name before the region it acts in, as a mention of its own inside
    («МВД России» in «ГУ МВД России по Москве»; NEREL train marks the inner name there, but
    is split on «сборной России» inside «сборной России по хоккею», so topics keep none)."""
    from svodka.extract.entities import Candidate

    return Candidate(c.start, c.end, "ORGANIZATION", entry=c.entry, nested_in=c)


def _first_noun(article: Article, c: Candidate) -> Token | None:
    return next((t for t in _tokens(article, c.start, c.end) if t.pos in ("NOUN", "PROPN")),
                None)


def _tokens_from(article: Article, offset: int, count: int = TOPIC_MAX + 2) -> list[Token]:
    """Up to `count` tokens of the sentence going on at `offset`."""
    tokens = article.tokens
    first = bisect_left(tokens, offset, key=lambda t: t.start)
    index = bisect_right(article.sentences, first, key=lambda s: s.first_token) - 1
    if index < 0 or first >= article.sentences[index].last_token:
        return []
    return tokens[first : min(first + count, article.sentences[index].last_token)]


def _topic_end(tokens: list[Token], j: int, by_start: dict[int, Candidate]) -> int | None:
    """The exclusive end index of the «по …» phrase at tokens[j], or None when what follows
    «по» names no field or place a body deals with («суд по делу …», «по словам …»)."""
    k = _np(tokens, j + 1, TOPIC_CASES, by_start)
    if k is None:
        return None
    first = tokens[k - 1]
    if fold(first.lemma) in NOT_TOPICS or fold(first.lemma) == "дело" and (
            first.feats.get("Number") != "Plur"):
        return None
    end, linked = k, False
    while end < len(tokens) and end - j <= TOPIC_MAX:
        t = tokens[end]
        word = fold(t.text)
        if word in ("и", ",") and end + 1 < len(tokens):
            nxt = _np(tokens, end + 1, {tokens[end - 1].feats.get("Case")}, by_start)
            if nxt is None:
                break  # a list goes on in the case of the noun before it
            end = nxt
        elif word in TOPIC_LINKS and not linked:
            nxt = _np(tokens, end + 1, TOPIC_LINKS[word], by_start)
            if nxt is None:
                break
            end, linked = nxt, True
        elif word == "№" and end + 1 < len(tokens) and tokens[end + 1].text[:1].isdigit():
            end += 2
        else:
            nxt = _np(tokens, end, {"Gen"}, by_start)
            if nxt is None:
                break
            end = nxt
    return end


def _np(tokens: list[Token], k: int, cases: set[str | None], by_start: dict[int, Candidate]
        ) -> int | None:
    """Past a noun phrase at tokens[k] (adjectives, then a noun in one of `cases`, or a
    place or organisation name), or None."""
    named = by_start.get(tokens[k].start) if k < len(tokens) else None
    if named is not None:
        if named.type not in PLACE_TYPES | {"ORGANIZATION"}:
            return None
        while k < len(tokens) and tokens[k].end <= named.end:
            k += 1
        return k
    while k < len(tokens) and tokens[k].pos == "ADJ" and tokens[k].feats.get("Case") in cases:
        k += 1
    if k < len(tokens) and by_start.get(tokens[k].start) is not None:
        return _np(tokens, k, cases, by_start)  # «по Останкинскому району Москвы»
    if k < len(tokens) and tokens[k].pos == "NOUN" and tokens[k].feats.get("Case") in cases and (
            tokens[k].text[:1].islower()):
        return k + 1
    return None


# heads whose complement may be the person who leads the body: «правительство Нечаса»,
# «кабинета Абэ», «администрации Обамы» (NEREL train: an ORGANIZATION span 17 of 27, 6 of 8
# and 10 of 15 times such a head stands before a name)
LED_BY = {"правительство", "кабинет", "администрация"}
GENITIVE_NOUNS = 2  # «пресс-служба кабинета министров России», «пресс-службе бюро расследований»


MISSIONS = {"посольство", "консульство", "генконсульство", "представительство"}
HOST = re.compile(r" (?:в|во) ")


def mission_hosts(article: Article, candidates: list[Candidate]) -> None:
    """A diplomatic mission's name runs on to where it sits: «Посольство РФ в Сирии»,
    «посольства России в США» (so NEREL train writes them), holding both places."""
    starts = {c.start: c for c in candidates if c.nested_in is None and c.type in PLACE_TYPES}
    for c in candidates:
        if c.type != "ORGANIZATION" or c.nested_in is not None:
            continue
        tokens = _tokens(article, c.start, c.end)
        if len(tokens) < 2 or fold(tokens[0].lemma) not in MISSIONS:
            continue
        match = HOST.match(article.text, c.end)
        place = starts.get(match.end()) if match else None
        if place is not None:
            c.end = place.end
            c.normal = ""
            place.nested_in = c


def _tokens(article: Article, start: int, end: int) -> list[Token]:
    """The tokens inside [start, end), found by bisection (tokens are sorted by start)."""
    tokens = article.tokens
    out = []
    for t in tokens[bisect_left(tokens, start, key=lambda t: t.start):]:
        if t.start >= end:
            break
        if t.end <= end:
            out.append(t)
    return out


# --- parts of a place named by a direction -------------------------------------------------

DIRECTIONS = {"север", "юг", "запад", "восток", "северо-восток", "северо-запад", "юго-восток",
              "юго-запад", "центр"}
DIRECTION_ADJECTIVES = {"северный", "южный", "западный", "восточный", "центральный",
                        "северо-восточный", "северо-западный", "юго-восточный", "юго-западный"}
PARTED_PLACES = {"COUNTRY", "CITY", "REGION"}


def direction_locations(article: Article, candidates: list[Candidate]) -> list[Candidate]:
    """A part of a country, region or city named by a direction is a location holding the
    place: «на юге Англии», «в центре Москвы», «на северо-востоке Испании», «в восточной
    Украине» (NEREL train: a LOCATION span 25 of 32 times after «в»/«на», 5 of 5 for the
    adjective)."""
    from svodka.extract.entities import Candidate

    places = {c.start: c for c in candidates if c.type in PARTED_PLACES and c.nested_in is None}
    out: list[Candidate] = []
    tokens = article.tokens
    for i, token in enumerate(tokens[:-1]):
        place = places.get(tokens[i + 1].start)
        if place is None or not token.text[:1].islower():
            continue
        lemma = fold(token.lemma)
        noun = lemma in DIRECTIONS and i > 0 and fold(tokens[i - 1].text) in ("в", "во", "на") \
            and _genitive_name(article, place)
        adjective = lemma in DIRECTION_ADJECTIVES and token.pos == "ADJ" and token.feats.get(
            "Case") == _tokens(article, place.start, place.end)[0].feats.get("Case")
        if noun or adjective:  # («юг Англии»: the place stays in the genitive)
            normal = f"{token.lemma} {article.text[place.start:place.end]}" if noun else ""
            outer = Candidate(token.start, place.end, "LOCATION", normal=normal)
            place.nested_in = outer
            out.append(outer)
    return out


# --- relational adjectives of cities, regions, macro-regions and people --------------------


@lru_cache(maxsize=1)
def place_adjectives() -> dict[str, tuple[str, str]]:
    """Adjective lemma → (svodka type, canonical name): «московский» → (CITY, Москва),
    «нобелевский» → (PERSON, Альфред Нобель)."""
    rows = lexicon_rows("relational_adjectives.tsv")[1:]  # the first row is the header
    return {fold(r[0]): (r[1], r[2]) for r in rows}


def place_adjective_candidates(article: Article, found: list[Candidate], gazetteer: Gazetteer,
                               nlp: NLP) -> list[Candidate]:
    """«московского суда» → CITY Москва (kind `adjective`), also inside organisation names."""
    from svodka.extract.entities import Candidate

    table = place_adjectives()
    out: list[Candidate] = []
    for token in article.tokens:
        if token.pos != "ADJ":
            continue
        place = table.get(token.lemma)
        if place is None or any(c.start <= token.start and token.end <= c.end
                                and c.type not in ("PERSON", "ORGANIZATION") for c in found):
            continue
        kind, name = place
        entry = gazetteer.find(nlp.lemma_key(name)) if kind != "PERSON" else None
        if entry is not None and entry.type != kind:
            entry = None
        out.append(Candidate(token.start, token.end, kind, kind="adjective", entry=entry,
                             normal=name))
    return out


# --- surnames repeated where natasha missed them ------------------------------------------


def surname_echoes(article: Article, candidates: list[Candidate]) -> list[Candidate]:
    """A capitalised word natasha left out that is, up to its ending, the surname of a person
    found elsewhere in the article («Путин подписал…» in a title; «закона Яровой» after
    «Ирина Яровая») is a mention of that person."""
    from svodka.extract.entities import Candidate, one_letter_apart

    stems: dict[str, Candidate] = {}
    for c in candidates:
        words = article.text[c.start : c.end].split()
        if c.type == "PERSON" and words and surname_stem(words[-1]):
            stems.setdefault(surname_stem(words[-1]), c)
    if not stems:
        return []
    taken = sorted((c.start, c.end) for c in candidates)
    out: list[Candidate] = []
    for token in article.tokens:
        if (not token.text[:1].isupper() or not token.text.isalpha()
                or token.pos not in ("PROPN", "NOUN", "ADJ")):
            continue
        stem = surname_stem(token.text)
        if stem not in stems:
            # «Сабурова» for «Сабирова»: a proper noun one letter off the one stem it fits
            near = [s for s in stems if len(s) >= MISSPELT_STEM_MIN and one_letter_apart(stem, s)]
            if token.pos != "PROPN" or len(near) != 1:
                continue
            stem = near[0]
        if any(s <= token.start < e for s, e in taken):
            continue
        owner = stems[stem]
        # the owner's surname as the normal form, so that grouping joins the two
        normal = owner.normal.split()[-1] if owner.normal else ""
        out.append(Candidate(token.start, token.end, "PERSON", normal=normal, same_as=owner))
    return out


MISSPELT_STEM_MIN = 6  # letters of a surname stem before a one-letter variant is the same


def surname_stem(word: str) -> str:
    """A surname without its case ending, four letters at least: «Яровой» → «яров»."""
    word = fold(word)
    stem = word.rstrip("аеиоуыэюяй")
    return stem if len(stem) >= 4 and len(word) - len(stem) <= 2 else ""


# --- short names in brackets ------------------------------------------------------------

SHORT_NAME = re.compile(r"[»\"“]?\s*\(([A-ZА-ЯЁ][A-ZА-ЯЁ0-9&-]{1,9})\)")
# «Нью-Ингленд Пэтриотс (New England Patriots)», «коллегия регистраторов (Colegio de
# Registradores)»: the name in Latin script, in brackets, with no other words
LATIN_ALIAS = re.compile(
    rf"[»\"“]?\s*\(((?:[A-ZÀ-ÖØ-ÞĀ-Ž][{LATIN}0-9.&’'\-]*)(?: (?:{LATIN_WORD}|&))*)\)")


def short_names(article: Article, candidates: list[Candidate]) -> list[Candidate]:
    """«Хмельницкой атомной электростанции (ХАЭС)»: capitals in brackets right after an
    organisation name are its short name, a mention of the same entity; so is every later
    «ХАЭС» natasha left out. A name in Latin script in brackets («Нью-Ингленд Пэтриотс (New
    England Patriots)») is the same organisation's original name."""
    from svodka.extract.entities import Candidate

    at = {(c.start, c.end): c for c in candidates if c.type == "ORGANIZATION"}
    places = {(c.start, c.end): c for c in candidates if c.type in PLACE_TYPES and c.entry is None}
    taken = sorted((c.start, c.end) for c in candidates)
    out: list[Candidate] = []
    short: dict[str, Candidate] = {}
    for c in candidates:
        if c.type != "ORGANIZATION" or c.nested_in is not None:
            continue
        match = SHORT_NAME.match(article.text, c.end) or LATIN_ALIAS.match(article.text, c.end)
        if match is None:
            continue
        span = match.span(1)
        inner = at.get(span)
        if inner is None and span in places:  # natasha read «(ИГ)» as a place
            inner = places[span]
            inner.type = "ORGANIZATION"
        if inner is None:
            if any(s < span[1] and span[0] < e for s, e in taken):
                continue
            inner = Candidate(*span, "ORGANIZATION")
            out.append(inner)
        if inner.entry is None and inner is not c:
            inner.same_as = c
            short.setdefault(match.group(1), inner)
    if not short:
        return out
    taken += [(c.start, c.end) for c in out]
    for token in article.tokens:
        owner = short.get(token.text)
        if owner is not None and not any(s < token.end and token.start < e for s, e in taken):
            out.append(Candidate(token.start, token.end, "ORGANIZATION", same_as=owner))
    return out
