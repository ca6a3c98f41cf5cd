"""The positions layer: a person holding a post, with the organisation and country named.

Titles are found by the grammar in `svodka.grammars.titles`; a title becomes a position when
it is tied to a person in one of these ways (the first that applies):

- before the name: «Директор четвертого департамента стран СНГ МИД РФ Михаил Калугин»; a
  plural title before a list of names is shared: «президентов Владимира Путина и Ильхама
  Алиева» → both «президент»;
- an apposition after the name: «Иванов, посол России в Турции,»;
- a copula or appointment after the name: «Иванов стал министром», «Петров назначен на
  пост губернатора»;
- a relative clause after the name: «Калугин, возглавляющий департамент …» → «глава
  департамента …»;
- the title is a nominal mention the coref stage linked to a person («президент Сербии
  посетил …»).

The organisation (or country) is the entity named at the end of the title («… МИД РФ»,
«министр иностранных дел Армении»); it is cut from the title text. The country may also
come from a country adjective («российский министр») or the one country named inside the
title. A title joining several countries («глав МИД России и Армении») binds none: a wrong
country is worse than none. Titles are nominative lower-case forms of the head and its
modifiers, the rest as written; `start`/`end` cover the title as written.
"""

from __future__ import annotations

import logging
from bisect import bisect_left
from dataclasses import dataclass

from svodka.article import Article, Position, Token
from svodka.extract.title_forms import genitive, nominative
from svodka.grammars.titles import HEAD_LABELS, find_titles, label_token
from svodka.lexicons import lexicon_rows, lexicon_words
from svodka.nlp import NLP, fold, get_nlp
from svodka.pipeline import Stage

log = logging.getLogger(__name__)

GEO_TYPES = {"COUNTRY", "CITY", "REGION", "LOCATION"}
PLACE_TYPES = GEO_TYPES | {"ORGANIZATION", "FACILITY"}
APPOSITION_MARKS = {",", "—", "–", "-", "("}
LINK_WORDS_MAX = 4
POST_WORDS = {"на", "пост", "должность"}  # «на пост посла»


@dataclass
class Occurrence:
    """A mention, located by token indices."""

    entity: str
    type: str
    kind: str
    first: int
    last: int  # inclusive


class Context:
    def __init__(self, article: Article) -> None:
        self.article = article
        self.tokens = article.tokens
        self.starts = [t.start for t in self.tokens]
        self.outer: dict[int, Occurrence] = {}  # token → outermost name mention holding it
        self.inner: dict[int, list[Occurrence]] = {}  # token → every mention holding it
        occurrences = []
        for entity in article.entities:
            for mention in entity.mentions:
                first = bisect_left(self.starts, mention.start)
                last = bisect_left(self.starts, mention.end) - 1
                if first <= last:
                    occurrences.append(Occurrence(entity.id, entity.type, mention.kind,
                                                  first, last))
        occurrences.sort(key=lambda o: (o.first, -o.last))
        for occ in occurrences:
            for i in range(occ.first, occ.last + 1):
                self.inner.setdefault(i, []).append(occ)
                if occ.kind in ("name", "adjective") and i not in self.outer:
                    self.outer[i] = occ
        self.labels = [self.label(i) for i in range(len(self.tokens))]

    def label(self, i: int) -> str:
        token = self.tokens[i]
        occ = self.outer.get(i)
        if occ is not None:
            if occ.type == "PERSON":
                return "person"
            if occ.kind == "adjective" and occ.type == "COUNTRY":
                return "gen" if token.feats.get("Case") == "Gen" else "mod"
            if occ.type in PLACE_TYPES:
                return "ent"
        return label_token(token.text, token.lemma, token.pos, token.feats.get("Case"))

    def person_at(self, i: int, *, starting: bool) -> Occurrence | None:
        occ = self.outer.get(i)
        if occ is None or occ.type != "PERSON" or occ.kind != "name":
            return None
        if (starting and occ.first != i) or (not starting and occ.last != i):
            return None
        return occ

    def same_sentence(self, i: int, j: int) -> bool:
        return 0 <= i < len(self.tokens) and 0 <= j < len(self.tokens) and (
            self.tokens[i].sentence == self.tokens[j].sentence)


def extract_positions(article: Article, *, nlp: NLP) -> list[Position]:
    if not article.tokens or not article.entities:
        return []
    ctx = Context(article)
    positions: list[Position] = []
    seen: set[tuple[str, int, int]] = set()
    titles = find_titles(ctx.labels)
    starts = {first: stop for first, stop in titles}
    prenamed: dict[int, list[str]] = {}  # a title's first token → the people named after it
    found = []
    for first, stop in reversed(titles):
        people = holders(ctx, first, stop)
        if ctx.person_at(stop, starting=True) is not None and people:
            prenamed[first] = people
        elif not people and stop + 1 in starts and fold(ctx.tokens[stop].text) == "и":
            people = prenamed.get(stop + 1, [])  # «певица и актриса Селена Гомес»
            if people:
                prenamed[first] = people
        found.append((first, stop, people))
    for first, stop, people in reversed(found):
        if not people:
            continue
        title, start, end, organization, country = describe(ctx, first, stop, nlp,
                                                            shared=len(people) > 1)
        for person in people:
            if (person, start, end) in seen or not title:
                continue
            seen.add((person, start, end))
            positions.append(Position(person=person, title=title, start=start, end=end,
                                      organization=organization, country=country))
    positions += relative_clauses(ctx, nlp, seen)
    positions.sort(key=lambda p: (p.start, p.end))
    return positions


# --- who holds the title ----------------------------------------------------------------


def holders(ctx: Context, first: int, stop: int) -> list[str]:
    """The person ids the title [first, stop) belongs to."""
    head = _head_index(ctx, first, stop)
    person = ctx.person_at(stop, starting=True) if ctx.same_sentence(first, stop) else None
    if person is not None and _agrees(ctx.tokens[head], ctx.tokens[stop]):
        people = [person.entity]
        if ctx.tokens[head].feats.get("Number") == "Plur":
            people += _listed_people(ctx, person.last + 1)
        return people
    before = first - 1
    fillers = lexicon_words("title_link_fillers.txt")
    while before > first - LINK_WORDS_MAX and before >= 1 and (
            fold(ctx.tokens[before].text) in fillers or ctx.tokens[before].pos in ("ADV", "ADJ")
            or fold(ctx.tokens[before].text) == "и"):
        before -= 1
    if before >= 1 and ctx.tokens[before].text in APPOSITION_MARKS:
        person = ctx.person_at(before - 1, starting=False)
        if person is not None and (ctx.tokens[before].text != "," or _closes(ctx, stop)):
            return [person.entity]
    person = _copula_subject(ctx, first) or _complement_object(ctx, first, head)
    if person is not None:
        return [person.entity]
    return [occ.entity for occ in ctx.inner.get(head, [])
            if occ.type == "PERSON" and occ.kind == "nominal"][:1]


def _agrees(head: Token, name: Token) -> bool:
    """A genitive name after a title in another case is its possessor, not its holder:
    «адвокаты Мингазова»."""
    return name.feats.get("Case") != "Gen" or head.feats.get("Case") in (None, "Gen")


def _listed_people(ctx: Context, i: int) -> list[str]:
    """Further names after a shared plural title: «… Путина и Алиева», «А, Б и В»."""
    people = []
    while i + 1 < len(ctx.tokens) and fold(ctx.tokens[i].text) in ("и", ","):
        person = ctx.person_at(i + 1, starting=True)
        if person is None:
            break
        people.append(person.entity)
        i = person.last + 1
    return people


def _closes(ctx: Context, stop: int) -> bool:
    """An apposition ends at punctuation or at the end of its sentence."""
    if stop >= len(ctx.tokens) or not ctx.same_sentence(stop - 1, stop):
        return True
    return not ctx.tokens[stop].text[:1].isalnum()


def _copula_subject(ctx: Context, first: int) -> Occurrence | None:
    """«Иванов стал министром», «Петров был назначен на пост губернатора»."""
    verbs = {row[0]: row[1:] for row in lexicon_rows("title_link_verbs.tsv")}
    fillers = lexicon_words("title_link_fillers.txt")
    has_verb = False
    i = first - 1
    while i >= 0 and first - i <= LINK_WORDS_MAX and ctx.same_sentence(i, first):
        token = ctx.tokens[i]
        person = ctx.person_at(i, starting=False)
        if person is not None:
            return person if has_verb else None
        if token.lemma in verbs:
            if "passive" in verbs[token.lemma] and token.feats.get("Voice") != "Pass":
                return None
            has_verb = True
        elif fold(token.text) not in fillers and token.pos != "ADV":
            return None
        i -= 1
    return None


def _complement_object(ctx: Context, first: int, head: int) -> Occurrence | None:
    """An appointee named before the title: «назначил Джона Смита послом», «утверждение
    Пан Ги Муна генеральным секретарем», «выдвинул Смита на пост посла»."""
    i = first - 1
    post_word = False
    while i >= 0 and first - i <= 3 and fold(ctx.tokens[i].text) in POST_WORDS:
        post_word = post_word or fold(ctx.tokens[i].text) != "на"
        i -= 1
    person = ctx.person_at(i, starting=False) if ctx.same_sentence(i, first) else None
    if person is None or ctx.tokens[person.first].feats.get("Case") == "Nom":
        return None
    case = ctx.tokens[head].feats.get("Case")
    return person if case == "Ins" or (post_word and case == "Gen") else None


def _head_index(ctx: Context, first: int, stop: int) -> int:
    return next((i for i in range(first, stop) if ctx.labels[i] in HEAD_LABELS), first)


# --- what the title says ------------------------------------------------------------------


def describe(ctx: Context, first: int, stop: int, nlp: NLP, *,
             shared: bool) -> tuple[str, int, int, str | None, str | None]:
    """(nominative title, start, end, organization id, country id) of a title."""
    head = _head_index(ctx, first, stop)
    places = _place_mentions(ctx, head + 1, stop)
    joined = any(ctx.labels[i] == "and" for i in range(head + 1, stop)) and len(
        {p.entity for p in places}) > 1
    organization = country = None
    end_index = stop
    after_v = bool(places) and places[-1].first > head + 1 and \
        ctx.labels[places[-1].first - 1] == "v"  # «посол в Сингапуре» is not Singapore's
    if places and not joined and not after_v and places[-1].last >= stop - 2:
        last = places[-1]
        cut = [last]
        if last.type in GEO_TYPES and len(places) > 1 and places[-2].type == "ORGANIZATION" \
                and places[-2].last + 1 == last.first:
            cut.insert(0, places[-2])
        for occ in cut:
            if occ.type == "ORGANIZATION" and organization is None:
                organization = occ.entity
            elif occ.type == "COUNTRY" and country is None:
                country = occ.entity
        end_index = cut[0].first
        while end_index - 1 > head and ctx.labels[end_index - 1] in ("quote", "and", "po"):
            end_index -= 1
    if country is None and not joined and not (shared and len(places) > 1):
        country = _one_country(ctx, first, stop)
    start_index = first
    while start_index < head and ctx.labels[start_index] == "mod" and \
            _country_adjective(ctx, start_index):
        start_index += 1
    title = nominative(ctx.tokens, start_index, head, end_index, ctx.article.text, nlp)
    start = ctx.tokens[start_index].start
    end = ctx.tokens[end_index - 1].end
    return title, start, end, organization, country


def _place_mentions(ctx: Context, first: int, stop: int) -> list[Occurrence]:
    found: list[Occurrence] = []
    for i in range(first, stop):
        occ = ctx.outer.get(i)
        if occ is not None and occ.type in PLACE_TYPES and occ.kind == "name" and (
                not found or found[-1] is not occ) and occ.last < stop:
            found.append(occ)
    return found


def _country_adjective(ctx: Context, i: int) -> Occurrence | None:
    occ = ctx.outer.get(i)
    return occ if occ is not None and occ.kind == "adjective" and occ.type == "COUNTRY" \
        else None


def _one_country(ctx: Context, first: int, stop: int) -> str | None:
    """The one country a title names (not after «в»: «посол России в Турции» → Россия)."""
    countries = []
    for i in range(first, stop):
        if i > first and ctx.labels[i - 1] == "v":
            continue
        for occ in ctx.inner.get(i, []):
            if occ.type == "COUNTRY" and occ.kind in ("name", "adjective") and \
                    occ.entity not in countries:
                countries.append(occ.entity)
    return countries[0] if len(countries) == 1 else None


# --- «Калугин, возглавляющий департамент …» ------------------------------------------------


def relative_clauses(ctx: Context, nlp: NLP, seen: set[tuple[str, int, int]]) -> list[Position]:
    """A participle of «возглавлять»/«руководить» after «Name,» → «глава <object>»."""
    heading = lexicon_words("title_heading_verbs.txt")
    out: list[Position] = []
    for i, token in enumerate(ctx.tokens):
        if token.lemma not in heading or token.feats.get("VerbForm") != "Part" or i < 2:
            continue
        if ctx.tokens[i - 1].text != ",":
            continue
        person = ctx.person_at(i - 2, starting=False)
        if person is None:
            continue
        j = i + 1
        stop = j
        while stop < len(ctx.tokens) and ctx.same_sentence(i, stop) and ctx.labels[stop] in (
                "gen", "ent", "quote", "and", "po", "dat", "v", "head", "headgen", "other") and (
                ctx.tokens[stop].text[:1].isalnum() or ctx.labels[stop] == "quote"):
            if stop > j and ctx.labels[stop] in ("other", "head", "headgen") and \
                    ctx.tokens[stop].pos not in ("NOUN", "ADJ", "PROPN"):
                break
            stop += 1
        if stop == j or ctx.tokens[j].pos not in ("NOUN", "ADJ"):
            continue
        title, organization, country = _headed_object(ctx, j, stop, nlp)
        start, end = token.start, ctx.tokens[stop - 1].end
        if (person.entity, start, end) not in seen:
            seen.add((person.entity, start, end))
            out.append(Position(person=person.entity, title=title, start=start, end=end,
                                organization=organization, country=country))
    return out


def _headed_object(ctx: Context, first: int, stop: int,
                   nlp: NLP) -> tuple[str, str | None, str | None]:
    places = _place_mentions(ctx, first, stop)
    organization = country = None
    end_index = stop
    if places and places[-1].last == stop - 1 and places[-1].first > first:
        last = places[-1]
        organization = last.entity if last.type == "ORGANIZATION" else None
        country = last.entity if last.type == "COUNTRY" else None
        end_index = last.first
    words = []
    for i in range(first, end_index):
        token = ctx.tokens[i]
        if token.feats.get("Case") in ("Acc", "Ins") and token.pos in ("NOUN", "ADJ"):
            words.append(genitive(token, nlp))
        else:
            words.append(token.text)
            words += [t.text for t in ctx.tokens[i + 1 : end_index]]
            break
    return "глава " + " ".join(words), organization, country


def run(article: Article) -> None:
    article.positions = extract_positions(article, nlp=get_nlp())


STAGE = Stage(name="positions", requires=("tokens", "entities"), assigns=("positions",),
              run=run)
