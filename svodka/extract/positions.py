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
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, pairwise

from svodka.article import Article, Position, Token
from svodka.extract.coref import AGE
from svodka.extract.title_forms import can_take_case, genitive, nominative
from svodka.grammars.titles import (
    HEAD_LABELS,
    MODIFIER_LABELS,
    adjective_head,
    find_titles,
    label_token,
)
from svodka.lexicons import lexicon_rows, lexicon_words
from svodka.nlp import NLP, fold, get_nlp, is_number, last_part_parses
from svodka.pipeline import Stage

log = logging.getLogger(__name__)

GEO_TYPES = {"COUNTRY", "CITY", "REGION", "LOCATION"}
PLACE_TYPES = GEO_TYPES | {"ORGANIZATION", "FACILITY", "DISTRICT"}
# what a title's `organization` may name: the body, or the city or region a post governs
# («мэр Москвы», «губернатор Приморья»); a country goes to `country`
JURISDICTIONS = {"ORGANIZATION", "CITY", "REGION", "DISTRICT"}
APPOSITION_MARKS = {",", "—", "–", "-", "("}
LINK_WORDS_MAX = 4
DOMINANCE = 3  # how much more often than all others together the article's country is named
INSERT_MAX = 6
BIO_ASIDE_MAX = 30  # tokens of a bracketed aside between a name and a dash
NULL_SUBJECT_SENTENCES = 2  # how far back a subjectless clause's person may be named  # tokens of an aside between a title and the name it precedes
# between an appointee and the post: «на пост посла», «в качестве премьера», «освободил
# Небензю от должности заместителя министра», «снять Зюганова с поста лидера»
POST_WORDS = {"на", "пост", "должность", "в", "качестве", "от", "с", "поста", "должности"}


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
        self.lines = list(accumulate(  # each token's line: line breaks before it
            (article.text.count("\n", a.end, b.start) for a, b in pairwise(self.tokens)),
            initial=0))
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
        cuts = self._title_cuts(occurrences)
        for occ in occurrences:
            for i in range(occ.first, occ.last + 1):
                self.inner.setdefault(i, []).append(occ)
                if occ.kind in ("name", "adjective") and i not in self.outer and \
                        i < cuts.get(id(occ), i + 1):
                    self.outer[i] = occ
        self.labels = [self.label(i) for i in range(len(self.tokens))]
        self._mark_genitives_read_as_nominative()
        self._mark_acting()
        self.title_starts: dict[int, int] = {}  # a title's first token → its stop

    def _mark_genitives_read_as_nominative(self) -> None:
        """An inanimate noun right after a title head that the tagger read as nominative but
        that can be genitive continues the title: «Солист рок-группы Rolling Stones»."""
        for i in range(1, len(self.tokens)):
            token = self.tokens[i]
            if self.labels[i] == "other" and self.labels[i - 1] in HEAD_LABELS and (
                    token.pos == "NOUN" and token.feats.get("Animacy") == "Inan"
                    and token.feats.get("Case") == "Nom") and any(
                    p.tag.case == "gent" for p in last_part_parses(token.text)):
                self.labels[i] = "gen"

    def _mark_acting(self) -> None:
        """«и. о.», «и.о.», «врио» before a title head: label "acting"."""
        tokens = self.tokens
        for i, token in enumerate(tokens):
            word = fold(token.text)
            if word == "врио":
                self.labels[i] = "acting"
            elif word == "и" and i + 3 < len(tokens) and tokens[i + 1].text == "." and \
                    fold(tokens[i + 2].text) == "о" and tokens[i + 3].text == "." and \
                    tokens[i + 1].start == token.end:
                for j in range(i, i + 4):
                    self.labels[j] = "acting"

    def _title_cuts(self, occurrences: list[Occurrence]) -> dict[int, int]:
        """Titles the entity stage took into a name. A person's name that begins with title
        words («Принц Уильям», «Сэр Алекс Фергюсон», «Генерал-полковник Владимир Кулаков»)
        is narrowed to the name; an organisation that ends in a title right before a
        person's name («администрация президента США Барака Обамы») stays the
        organisation's up to the title head only. Returns id(occurrence) → the token its
        outer reach stops at."""
        cuts: dict[int, int] = {}
        people = {o.first for o in occurrences if o.type == "PERSON" and o.kind == "name"}
        for occ in occurrences:
            if occ.kind != "name":
                continue
            if occ.type == "PERSON":
                first = occ.first
                while first < occ.last and self._title_word(first):
                    first += 1
                if any(self.tokens[i].pos != "ADJ" for i in range(first, occ.last + 1)):
                    occ.first = first  # not «Папа Римский», «Принц Кембриджский»
            elif occ.type == "ORGANIZATION" and occ.last + 1 in people:
                head = next((i for i in range(occ.first, occ.last + 1)
                             if self._title_word(i, heads_only=True)), None)
                if head is not None:
                    cuts[id(occ)] = head
        return cuts

    def _title_word(self, i: int, *, heads_only: bool = False) -> bool:
        token = self.tokens[i]
        label = label_token(token.text, token.lemma, token.pos, token.feats.get("Case"))
        return label in HEAD_LABELS or not heads_only and label in MODIFIER_LABELS

    def label(self, i: int) -> str:
        token = self.tokens[i]
        occ = self.outer.get(i)
        if occ is not None:
            if occ.type == "PERSON":
                return "person"
            if occ.kind == "adjective" and occ.type == "COUNTRY":
                return "modgen" if token.feats.get("Case") == "Gen" else "mod"
            if occ.type in PLACE_TYPES:
                return "ent"
        head = adjective_head(token.text, token.pos)
        if head is not None and not self.modifies_next(i):
            return head
        if token.text == "№" and i + 1 < len(self.tokens) and is_number(self.tokens[i + 1]) or (
                i > 0 and self.tokens[i - 1].text == "№" and is_number(token)):
            return "gen"  # «директор школы № 1 Махачкалы»
        if ORDINAL.match(token.text) and i + 1 < len(self.tokens) and (
                self.tokens[i + 1].feats.get("Case") == "Gen"):
            return "gen"  # «начальника 75-го отдела полиции»
        if token.pos == "VERB" and token.feats.get("VerbForm") == "Part" and (
                token.feats.get("Case") == "Gen") and self.modifies_next(i):
            return "gen"  # «лидер правящей партии»: a participle inside the genitive tail
        return label_token(token.text, token.lemma, token.pos, token.feats.get("Case"))

    def modifies_next(self, i: int) -> bool:
        """An adjective followed by a noun in its case modifies it: «ведущий специалист»."""
        if i + 1 >= len(self.tokens):
            return False
        nxt = self.tokens[i + 1]
        return nxt.pos in ("NOUN", "ADJ") and nxt.feats.get("Case") == \
            self.tokens[i].feats.get("Case")

    def person_at(self, i: int, *, starting: bool) -> Occurrence | None:
        occ = self.outer.get(i)
        if occ is None or occ.type != "PERSON" or occ.kind != "name":
            return None
        if (starting and occ.first != i) or (not starting and occ.last != i):
            return None
        return occ

    def same_sentence(self, i: int, j: int) -> bool:
        """Tokens i and j in one sentence and on one line (the tagger runs a headline with
        no full stop on into the next paragraph)."""
        return 0 <= i < len(self.tokens) and 0 <= j < len(self.tokens) and (
            self.tokens[i].sentence == self.tokens[j].sentence) and (
            self.lines[i] == self.lines[j])


def extract_positions(article: Article, *, nlp: NLP) -> list[Position]:
    if not article.tokens or not article.entities:
        return []
    ctx = Context(article)
    positions: list[Position] = []
    seen: set[tuple[str, int, int]] = set()
    titles = _split_stacked(ctx, find_titles(ctx.labels))
    starts = {first: stop for first, stop in titles}
    ctx.title_starts = starts
    prenamed: dict[int, list[str]] = {}  # a title's first token → the people named after it
    found = []
    for first, stop in reversed(titles):
        people = holders(ctx, first, stop)
        if people and (_named_after(ctx, first, stop) is not None or _comma_named(
                ctx, first, _head_index(ctx, first, stop), stop) is not None):
            prenamed[first] = people
        elif not people or (apposed := _apposition_holder(ctx, first, stop)) is None or (
                _introduced(apposed, starts)):
            # a title running into the next one that names its holder is that holder's,
            # before any subject of the clause: «освободил … начальника войск РЭБ (РЭБ)
            # генерал-майора Олега Иванова» is Иванов's post, not Медведев's (but «Михаил
            # Лесин, бывший министр печати, …, советник Путина» stays Лесин's)
            stacked = _stacked(ctx, first, stop, starts, prenamed)
            if stacked:
                people = stacked
                prenamed[first] = people
        found.append((first, stop, people))
    found.reverse()
    _listed_after(ctx, found, prenamed)
    _repeated_titles(ctx, found)
    for first, stop, people in found:
        if not people or fold(ctx.tokens[_head_index(ctx, first, stop)].lemma) in NOT_POSTS or (
                _running_for(ctx, first)):
            continue  # «кандидат в президенты» runs for a post, holds none
        title, start, end, organization, country = describe(ctx, first, stop, nlp,
                                                            shared=len(people) > 1)
        for person in people:
            if (person, start, end) in seen or not title:
                continue
            seen.add((person, start, end))
            positions.append(Position(person=person, title=title, start=start, end=end,
                                      organization=organization, country=country))
    for first, stop, person in _possessor_posts(ctx, titles):
        title, start, end, organization, country = describe(ctx, first, stop, nlp, shared=False)
        if title and (person, start, end) not in seen:
            seen.add((person, start, end))
            positions.append(Position(person=person, title=title, start=start, end=end,
                                      organization=organization, country=country))
    positions += relative_clauses(ctx, nlp, seen)
    positions.sort(key=lambda p: (p.start, p.end))
    inherit_places(positions)
    _state_posts_default(ctx, positions)
    return positions


def _split_stacked(ctx: Context, titles: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Two titles of one person the grammar read as one, the second in the same oblique
    case right before the name: «командующего 58-й армии Северо-Кавказского округа
    генерал-лейтенанта Анатолия Хрулева» is a command and a rank. A second head right
    after the first is its possessor instead («помощника министра Иванова»)."""
    out = []
    for first, stop in titles:
        head = _head_index(ctx, first, stop)
        case = ctx.tokens[head].feats.get("Case")
        last = stop - 1
        if case in ("Gen", "Acc", "Dat", "Ins") and last > head + 1 and ctx.labels[last] in (
                HEAD_LABELS) and _same_form(case, ctx.tokens[last]) and ctx.person_at(
                    stop, starting=True) is not None:
            cut = last
            while cut - 1 > head + 1 and ctx.tokens[cut - 1].pos == "ADJ" and _same_form(
                    case, ctx.tokens[cut - 1]):
                cut -= 1  # «74-летнего генерала», «российского агента»
            out += [(first, cut), (last, stop)]
        else:
            out.append((first, stop))
    return out


def _same_form(case: str, token: Token) -> bool:
    """The token in that case, an animate accusative and a genitive counting as one."""
    other = token.feats.get("Case")
    return other == case or {case, other} <= {"Gen", "Acc"}


def _running_for(ctx: Context, first: int) -> bool:
    """The post a candidate runs for: «кандидат в президенты», «кандидатом в мэры»."""
    return first >= 2 and fold(ctx.tokens[first - 1].text) in ("в", "во") and fold(
        ctx.tokens[first - 2].lemma) in NOT_POSTS


def _possessor_posts(ctx: Context, titles: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """The post of a possessor named after a title it disagrees with: in «помощником
    премьер-министра России Дмитрия Медведева» Медведев is the premier, not the aide. The
    possessor's post is the genitive head inside the title and what follows it; a title with
    no second head («адвокат Гибсона») gives its possessor none."""
    out = []
    for first, stop in titles:
        head = _head_index(ctx, first, stop)
        inner = next((i for i in range(head + 1, stop) if ctx.labels[i] == "headgen"), None)
        if inner is None:
            continue
        person = _named_after(ctx, first, stop)
        if person is not None and not _agrees(ctx.tokens[head], ctx.tokens[person.first],
                                              ctx.tokens[person.first + 1:person.last + 1]):
            out.append((inner, stop, person.entity))
    return out


def _listed_after(ctx: Context, found: list[tuple[int, int, list[str]]],
                  prenamed: dict[int, list[str]]) -> None:
    """Titles listed after a name share its holder: «Габдулла Тукай — поэт, литературный
    критик, публицист и переводчик»: a bare title right after a comma or «и» that follows
    a title whose holder is named before it."""
    for index in range(1, len(found)):
        first, stop, people = found[index]
        before, end, holders_before = found[index - 1]
        if people or not holders_before or before in prenamed:
            continue
        between = [fold(t.text) for t in ctx.tokens[end:first]]
        if (between in ([","], ["и"], [",", "и"]) or _unlisted_item(ctx, end, first)) and (
                ctx.same_sentence(end, first)):
            found[index] = (first, stop, holders_before)


def _unlisted_item(ctx: Context, end: int, first: int) -> bool:
    """One nominative noun the title lexicon lacks between two listed titles: «дизайнер,
    основатель и директор Центра …»."""
    between = ctx.tokens[end:first]
    return len(between) == 3 and fold(between[0].text) == "," and fold(
        between[2].text) in (",", "и") and between[1].pos == "NOUN" and between[1].feats.get(
        "Case") == "Nom" and between[1].feats.get("Animacy") == "Anim"


def _repeated_titles(ctx: Context, found: list[tuple[int, int, list[str]]]) -> None:
    """A bare title repeats the post of the last person who held one with the same head:
    «президент Сербии Александр Вучич … президент заявил», «актёр Дональд Синден … актёр
    сыграл». Only in the nominative, for one person, and when no other person was named
    since: «президент» after another president's name is not the first one's."""
    last: dict[str, list[str]] = {}  # head lemma → the people of its last title
    for index, (first, stop, people) in enumerate(found):
        head = ctx.tokens[_head_index(ctx, first, stop)]
        lemma = head.lemma
        if people:
            last[lemma] = people
        elif _bare(ctx, first, stop) and len(last.get(lemma, [])) == 1 and head.feats.get("Number") != "Plur" and \
                head.feats.get("Case") == "Nom" and _last_named(ctx, first) == last[lemma][0]:
            found[index] = (first, stop, last[lemma])


def _bare(ctx: Context, first: int, stop: int) -> bool:
    """A title naming no organisation or place: «глава России» is not the «глава» of the
    ambassador named before it."""
    return not any(occ.type in PLACE_TYPES for i in range(first, stop)
                   for occ in ctx.inner.get(i, []))


def _last_named(ctx: Context, i: int) -> str | None:
    """The person whose name or pronoun comes last before token i."""
    for j in range(i - 1, -1, -1):
        if ctx.labels[j] == "person":
            return ctx.outer[j].entity
        pronoun = _subject_at(ctx, j)
        if pronoun is not None:
            return pronoun.entity
    return None


def inherit_places(positions: list[Position]) -> None:
    """A bare title takes the organisation and country of the same person's fuller post in
    the article: «президент России Путин … президент Путин заявил» — both say Russia. Only
    when every fuller post of that title agrees (two different ones give nothing)."""
    for post in positions:
        if post.organization or post.country:
            continue
        donors = {(other.organization, other.country) for other in positions
                  if other.person == post.person and (other.organization or other.country)
                  and _same_post(post.title, other.title)}
        if len(donors) == 1:
            post.organization, post.country = donors.pop()


def _state_posts_default(ctx: Context, positions: list[Position]) -> None:
    """A state post that names no place («премьер-министр Владимир Путин») serves the
    article's dominant country: the one named at least twice and `DOMINANCE` times as often
    as all the others together. News elides the country a one-country story is about; in a
    story about two countries a bare «президент» could be either."""
    country = _dominant_country(ctx.article)
    if country is None:
        return
    heads = lexicon_words("title_state_heads.txt")
    for post in positions:
        if post.organization is None and post.country is None and \
                any(word in heads for word in post.title.split()):
            post.country = country


def _dominant_country(article: Article) -> str | None:
    counts = sorted(((sum(m.kind in ("name", "adjective") for m in e.mentions), e.id)
                     for e in article.entities if e.type == "COUNTRY"), reverse=True)
    if not counts or counts[0][0] < 2:
        return None
    return counts[0][1] if counts[0][0] >= DOMINANCE * sum(n for n, _ in counts[1:]) else None


def _same_post(bare: str, full: str) -> bool:
    """«президент» is «президент» or a longer title beginning with it («министр» and
    «министр финансов»)."""
    return full == bare or full.startswith(bare + " ")


# --- who holds the title ----------------------------------------------------------------


def holders(ctx: Context, first: int, stop: int) -> list[str]:
    """The person ids the title [first, stop) belongs to."""
    head = _head_index(ctx, first, stop)
    person = _named_after(ctx, first, stop) or _comma_named(ctx, first, head, stop)
    if person is not None and not _agrees(ctx.tokens[head], ctx.tokens[person.first],
                                          ctx.tokens[person.first + 1:person.last + 1]):
        person = _person_after_possessor(ctx, head, person)
    elif person is not None and ctx.tokens[head].feats.get("Number") != "Plur" and (
            ctx.tokens[head].feats.get("Case") == "Nom"):
        # «Врач Хиллари Клинтон Лиза Бардек»: a name that does not decline, then the holder
        holder = _person_after_possessor(ctx, head, person)
        if holder is not None and ctx.tokens[holder.first].feats.get("Case") == "Nom":
            person = holder
    if person is not None:
        people = [person.entity]
        if _plural(ctx.tokens[head]):
            people += _listed_people(ctx, person.last + 1)
        successor = _successor(ctx, first)
        if successor is not None and successor.entity not in people:
            people.append(successor.entity)  # «Хаспел сменила на посту главы ЦРУ Помпео»
        return people
    among = _among(ctx, first, head, stop) or _listed_before_others(ctx, first, head)
    if among:
        return among
    person = _apposition_holder(ctx, first, stop)
    if person is not None:
        return [person.entity]
    person = (_copula_subject(ctx, first) or _complement_object(ctx, first, head)
              or _inverted_copula(ctx, first, head, stop) or _post_phrase_holder(ctx, first))
    if person is not None:
        return [person.entity]
    linked = [occ.entity for occ in ctx.inner.get(head, [])
              if occ.type == "PERSON" and occ.kind == "nominal"][:1]
    if linked and ctx.tokens[head].feats.get("Case") in OBLIQUE_CASES and not _named_in_sentence(
            ctx, linked[0], head):
        return []  # «указом президента», «пост президента»: the office more than its holder
    return linked


# cases in which a role noun the coref stage linked to a person, with no name in its own
# sentence, mostly names the office («полномочия президента», «указом президента»): NEREL
# train links 65 of 241 such titles to the person (0.27), against 0.51 in the nominative
OBLIQUE_CASES = {"Gen", "Acc", "Dat", "Loc"}


def _named_in_sentence(ctx: Context, entity: str, i: int) -> bool:
    """Whether the person's name is written in the sentence of token i."""
    sentence = ctx.article.sentences[ctx.tokens[i].sentence]
    return any((occ := ctx.outer.get(j)) is not None and occ.entity == entity
               and occ.kind == "name" and ctx.same_sentence(i, j)
               for j in range(sentence.first_token, sentence.last_token))


def _apposition_holder(ctx: Context, first: int, stop: int) -> Occurrence | None:
    """The name a title stands in apposition after: «Михаил Лесин, бывший министр печати»,
    «Хаспел — директор ЦРУ», past link words («Бах, один из самых известных …»)."""
    before = first - 1
    fillers = lexicon_words("title_link_fillers.txt")
    words = 0  # adjectives do not count: «— один из самых известных голливудских продюсеров»
    while words < LINK_WORDS_MAX - 1 and before >= 1 and (
            fold(ctx.tokens[before].text) in fillers or ctx.tokens[before].pos in ("ADV", "ADJ")
            or fold(ctx.tokens[before].text) == "и"):
        words += ctx.tokens[before].pos != "ADJ"
        before -= 1
    if before >= 1 and _linking_participle(ctx.tokens[before]):
        before -= 1
    if before >= 1 and ctx.tokens[before].text in APPOSITION_MARKS:
        person = _name_before(ctx, before)
        if person is not None and (ctx.tokens[before].text != "," or _closes(ctx, stop)):
            return person
    return None


LINKING_PARTICIPLES = {"являться", "считаться", "стать", "становиться", "остаться",
                       "оставаться"}


def _linking_participle(token: Token) -> bool:
    """«Маттео Ренци, считающегося одним из наиболее заметных политиков»: a participle that
    links an apposed title to the name as a verb would."""
    return token.lemma in LINKING_PARTICIPLES and token.feats.get("VerbForm") == "Part"


def _among(ctx: Context, first: int, head: int, stop: int) -> list[str]:
    """«В числе развлекавших гостей артистов были Дженнифер Лопес, Стинг и …», «Среди
    погибших журналистов — Иван Петров»: a plural genitive title after «в числе» or
    «среди», then the names it counts."""
    token = ctx.tokens[head]
    if token.feats.get("Number") != "Plur" or token.feats.get("Case") != "Gen":
        return []
    i = first - 1
    while i >= 0 and first - i <= 3 and (
            ctx.tokens[i].pos == "ADJ" or ctx.tokens[i].feats.get("VerbForm") == "Part"
            or ctx.tokens[i].pos == "NOUN" and ctx.tokens[i].feats.get("Case") in ("Acc", "Gen")):
        i -= 1  # «развлекавших гостей»
    opening = fold(ctx.tokens[i].text) if i >= 0 else ""
    if not (opening == "среди" or opening == "числе" and i >= 1
            and fold(ctx.tokens[i - 1].text) == "в"):
        return []
    j = stop
    while j < len(ctx.tokens) and j - stop < 2 and (
            ctx.tokens[j].lemma in ("быть", "оказаться") or ctx.tokens[j].text in ("—", "–", ":")):
        j += 1
    person = ctx.person_at(j, starting=True) if ctx.same_sentence(first, j) else None
    if person is None:
        return []
    return [person.entity, *_listed_people(ctx, person.last + 1)]


def _named_after(ctx: Context, first: int, stop: int) -> Occurrence | None:
    """The name right after a title, past a short insert: an age («защитник «Зенита»
    34-летний Бранислав Иванович»), a bracketed or quoted aside («президент МОК (МОК) Томас
    Бах», «артист «Солнечный клоун» Олег Попов») or a dash («водитель автобуса — Сергей
    Кубасов»), or whom the post represents («сенатор от штата Алабама Джефф Сешнс»)."""
    i = stop
    head = ctx.tokens[_head_index(ctx, first, stop)]
    plural = head.feats.get("Number") == "Plur" and head.feats.get("Case") == "Nom"
    while i < len(ctx.tokens) and i - stop <= INSERT_MAX + 2 and ctx.same_sentence(first, i):
        person = ctx.person_at(i, starting=True)  # (+2: the marks of a wiki ''…'' name)
        if person is not None:
            return person
        token = ctx.tokens[i]
        if plural and i == stop and token.text == ":" and i + 1 < len(ctx.tokens):
            i += 1  # «гандболистки клуба «Динамо»: Ольга Левина, Анна Седойкина»
            continue
        if i == stop and token.pos == "NOUN" and token.feats.get("Animacy") == "Anim" and (
                token.feats.get("Case") == head.feats.get("Case")) and ctx.labels[i] == "other":
            i += 1  # «Министр иностранных дел Чехии немец Карл Шварценберг»
            continue
        if token.text in ("(", "«", '"', "''", "'", "„", "“"):
            close = _closing(ctx, i)
            if close is None:
                return None
            i = close + 1
        elif token.text in ("—", "–") or token.pos == "ADJ" and token.text[:1].isdigit():
            i += 1
        elif i == stop and fold(token.text) == "от":  # «Сенатор от штата Алабама Джефф Сешнс»
            i += 1
            while i < len(ctx.tokens) and i - stop <= INSERT_MAX and ctx.person_at(
                    i, starting=True) is None and ctx.tokens[i].pos in ("NOUN", "PROPN", "ADJ"):
                i += 1
        elif token.text == "," and i + 1 < len(ctx.tokens) and \
                fold(ctx.tokens[i + 1].text) == "как":
            i += 2  # «таких музыкантов, как Колин Дэвис»
        else:
            return None
    return None


def _comma_named(ctx: Context, first: int, head: int, stop: int) -> Occurrence | None:
    """A name set off by commas after a nominative title: «Президент России, Владимир Путин,
    выразил соболезнования», «его назначенный судом адвокат, Стивен Брунстайн, отказался»."""
    if ctx.tokens[head].feats.get("Case") != "Nom" or stop + 1 >= len(ctx.tokens) or \
            ctx.tokens[stop].text != "," or not ctx.same_sentence(first, stop + 1):
        return None
    start = stop + 1
    aside = _nominal_aside(ctx, start)
    if aside is not None and ctx.person_at(start, starting=True) is None:
        start = aside  # «драматург и режиссёр, лауреат Нобелевской премии …, Дарио Фо»
    person = ctx.person_at(start, starting=True)
    if person is None or ctx.tokens[person.first].feats.get("Case") not in (None, "Nom"):
        return None
    after = person.last + 1
    if after < len(ctx.tokens) and ctx.same_sentence(first, after) and \
            ctx.tokens[after].text in (",", "("):
        return person
    if (after >= len(ctx.tokens) or not ctx.same_sentence(first, after)
            or ctx.tokens[after].text in (".", "!", "?")) and _after_finite_verb(ctx, first):
        return person  # «…, сказал директор музея и археолог, Александр Кержаев.»
    return None


ASIDE_MAX = 12  # tokens of a nominal aside between a title's comma and the name


def _nominal_aside(ctx: Context, i: int) -> int | None:
    """A verbless nominal phrase from token i to a comma («лауреат Нобелевской премии по
    литературе 1997 года,»): the index after that comma."""
    if ctx.tokens[i].pos != "NOUN" or ctx.tokens[i].feats.get("Case") != "Nom":
        return None
    for j in range(i + 1, min(len(ctx.tokens) - 1, i + ASIDE_MAX)):
        token = ctx.tokens[j]
        if token.text == ",":
            return j + 1 if ctx.same_sentence(i, j + 1) else None
        if token.pos not in ("NOUN", "ADJ", "ADP", "NUM", "PROPN", "CCONJ"):
            return None
    return None


def _after_finite_verb(ctx: Context, first: int) -> bool:
    """The title follows a finite verb of its clause: the inverted subject («скончался
    итальянский драматург», «сказал директор музея»)."""
    i = first - 1
    while i >= 0 and ctx.same_sentence(i, first) and (
            ctx.tokens[i].pos in ("ADJ", "ADV", "DET") or ctx.labels[i] != "other"
            or fold(ctx.tokens[i].text) in ("и", ",")):
        i -= 1  # past the titles listed before it: «драматург и режиссёр»
    return i >= 0 and ctx.same_sentence(i, first) and ctx.tokens[i].pos == "VERB" and (
        ctx.tokens[i].feats.get("VerbForm") == "Fin")


def _closing(ctx: Context, i: int) -> int | None:
    """The index of the mark closing the bracket or quote at i, within a short insert with
    no name of a person in it."""
    opening = ctx.tokens[i].text
    if opening == "'" and i + 1 < len(ctx.tokens) and ctx.tokens[i + 1].text == "'":
        for j in range(i + 2, min(i + INSERT_MAX + 2, len(ctx.tokens) - 1)):  # wiki ''…''
            if ctx.labels[j] == "person":
                return None
            if ctx.tokens[j].text == "'" and ctx.tokens[j + 1].text == "'":
                return j + 1
        return None
    closing = {"(": ")", "«": "»", "„": "“", "“": "”"}.get(opening, opening)
    for j in range(i + 1, min(i + INSERT_MAX, len(ctx.tokens))):
        if ctx.labels[j] == "person":
            return None
        if ctx.tokens[j].text == closing:
            return j
    return None


def _stacked(ctx: Context, first: int, stop: int, starts: dict[int, int],
             prenamed: dict[int, list[str]]) -> list[str]:
    """The people of the next title when this one runs into it in the same case: «певица
    и актриса Селена Гомес», «народная артистка СССР, оперная певица Елена Образцова»,
    «наблюдатель от ОБСЕ парламентарий Хуан Суареш» — two posts of one person named once.
    «уволил начальника ПВО Президент Медведев» is two people."""
    close = _closing(ctx, stop) if stop < len(ctx.tokens) and \
        ctx.tokens[stop].text == "(" else None
    if stop in starts:
        nxt = stop
    elif stop + 1 in starts and fold(ctx.tokens[stop].text) in ("и", ","):
        nxt = stop + 1
    elif close is not None and close + 1 in starts:
        nxt = close + 1  # «начальник войск РЭБ (РЭБ) генерал-майор Олег Иванов»
    else:
        nxt = _past_adjectives(ctx, stop)  # «…, знаменитый изобретатель Рэй Курцвейл»
        if nxt not in starts:
            nxt = _past_age(ctx, stop)  # «военного командира боснийских сербов 74-летнего
            if nxt not in starts:  # генерала Ратко Младича»
                return []
    case = ctx.tokens[_head_index(ctx, first, stop)].feats.get("Case")
    other = ctx.tokens[_head_index(ctx, nxt, starts[nxt])].feats.get("Case")
    return prenamed.get(nxt, []) if case == other or {case, other} <= {"Gen", "Acc"} else []


def _introduced(person: Occurrence, starts: dict[int, int]) -> bool:
    """Whether a title stands right before the person's name: in «поэт Анатолий Смолин,
    журналист, член Союза писателей Владислав Пастухов» the title after Смолин's comma
    opens the next person's titles, since Смолин came with one of his own."""
    return person.first in starts.values()


def _past_age(ctx: Context, stop: int) -> int:
    """The index after a person's age («74-летнего») at `stop`; -1 when there is none."""
    return stop + 1 if stop < len(ctx.tokens) and AGE.match(ctx.tokens[stop].text) else -1


def _past_adjectives(ctx: Context, stop: int) -> int:
    """The index after a comma or «и» and up to three adjectives the title lexicon does not
    list («знаменитый», «известный»); -1 when there is no such run."""
    if stop >= len(ctx.tokens) or fold(ctx.tokens[stop].text) not in ("и", ","):
        return -1
    i = stop + 1
    while i < len(ctx.tokens) and i - stop <= 3 and ctx.tokens[i].pos == "ADJ" and (
            ctx.labels[i] == "other"):
        i += 1
    return i if i > stop + 1 else -1


def _agrees(head: Token, name: Token, rest: list[Token] | None = None) -> bool:
    """A genitive name after a title in another case is its possessor, not its holder:
    «адвокаты Мингазова». The tagger often reads an animate accusative («включая депутата
    Иванова») or a feminine name in -ии as genitive, so a name whose form can also be in
    the head's oblique case agrees («вокалистке Виктории»)."""
    name_case, head_case = name.feats.get("Case"), head.feats.get("Case")
    if name_case != "Gen" or head_case in (None, "Gen", "Acc"):
        return True
    if head_case == "Nom" and rest and all(t.feats.get("Case") == "Nom" for t in rest) and (
            can_take_case(name.text, "Nom", get_nlp())):
        return True  # «водитель Джимми Ли Дайкс»: an indeclinable first name read as genitive
    return head_case != "Nom" and can_take_case(name.text, head_case, get_nlp())


def _person_after_possessor(ctx: Context, head: int, possessor: Occurrence) -> Occurrence | None:
    """The holder named after a genitive possessor: «адвокат Гибсона Стивен Колодни»."""
    nxt = possessor.last + 1
    person = ctx.person_at(nxt, starting=True) if ctx.same_sentence(head, nxt) else None
    if person is None or ctx.tokens[nxt].feats.get("Case") == "Gen" and not _agrees(
            ctx.tokens[head], ctx.tokens[nxt]):
        return None
    return person


OTHERS = {"другой", "прочий", "остальной"}


def _listed_before_others(ctx: Context, first: int, head: int) -> list[str]:
    """«картины Пикассо, Дали, Поля Сезанна и других художников»: a plural title after «и
    других» is the post of the people listed before it."""
    if not _plural(ctx.tokens[head]) or first < 3 or ctx.tokens[first - 1].lemma not in OTHERS or (
            fold(ctx.tokens[first - 2].text) != "и"):
        return []
    people = []
    i = first - 3
    while (person := ctx.person_at(i, starting=False)) is not None:
        people.insert(0, person.entity)
        if person.first < 2 or ctx.tokens[person.first - 1].text != ",":
            break
        i = person.first - 2
    return people if ctx.same_sentence(i, first) else []


def _listed_people(ctx: Context, i: int) -> list[str]:
    """Further names after a shared plural title: «… Путина и Алиева», «А, Б и В»."""
    people = []
    while True:
        if i < len(ctx.tokens) and ctx.tokens[i].text == "(":
            close = _closing(ctx, i)  # «Колин Дэвис (Великобритания), Валерий Гергиев …»
            i = close + 1 if close is not None else i
        if i + 1 < len(ctx.tokens) and fold(ctx.tokens[i].text) == "из":
            place = next((o for o in ctx.inner.get(i + 1, []) if o.type in GEO_TYPES), None)
            i = place.last + 1 if place is not None else i  # «Ильвад Эльман из Сомали и …»
        if not (i + 1 < len(ctx.tokens) and fold(ctx.tokens[i].text) in ("и", ",")):
            break
        person = ctx.person_at(i + 1, starting=True)
        if person is None:
            break
        people.append(person.entity)
        i = person.last + 1
    return people


def _plural(token: Token) -> bool:
    """A plural noun; a hyphenated one the tagger leaves singular is read by its last part
    («летчики-космонавты»)."""
    if token.feats.get("Number") == "Plur":
        return True
    parses = last_part_parses(token.text)
    if "-" not in token.text:  # «первым зампредам»: the tagger read it singular, no reading is
        return bool(parses) and all("plur" in p.tag for p in parses)
    return bool(parses) and "plur" in parses[0].tag and "nomn" in parses[0].tag


def _closes(ctx: Context, stop: int) -> bool:
    """An apposition ends at punctuation or at the end of its sentence, or goes on with a
    phrase of its own («Бенджамин, адвокат из Ричмонда»), but not with a verb: in
    «Иванов, министр заявил» the comma lists two people."""
    if stop >= len(ctx.tokens) or not ctx.same_sentence(stop - 1, stop):
        return True
    token = ctx.tokens[stop]
    if fold(token.text) == "и" and stop + 1 in ctx.title_starts:
        return _closes(ctx, ctx.title_starts[stop + 1])  # «…, адвокат и президент ассоциации,»
    return not token.text[:1].isalnum() or token.pos in ("ADP", "ADJ")


def _name_before(ctx: Context, mark: int) -> Occurrence | None:
    """The name ending before an apposition mark, past a bracketed aside: «Крессида Дик
    (Cressida Dick), бывший руководитель …»."""
    person = ctx.person_at(mark - 1, starting=False)
    if person is not None or mark < 2 or ctx.tokens[mark - 1].text != ")":
        return person
    # a dash may follow a long aside of dates and places: «Антониу Гутерреш (порт. …; род.
    # 30 апреля 1949 в Лиссабоне) — португальский политик»
    reach = BIO_ASIDE_MAX if ctx.tokens[mark].text in ("—", "–") else INSERT_MAX
    for j in range(mark - 2, max(0, mark - 2 - reach), -1):
        if ctx.tokens[j].text == "(":
            return ctx.person_at(j - 1, starting=False) if j >= 1 else None
    return None


def _copula_subject(ctx: Context, first: int) -> Occurrence | None:
    """«Иванов стал министром», «Петров был назначен на пост губернатора», «он стал первым
    чернокожим президентом» (a subject pronoun the coref stage tied to a person), also in a
    relative clause or a participle phrase after the name («Рекки, который станет хоккеистом»,
    «Питт, занимавший пост главы SEC»); adjectives between the verb and the title do not
    count against the window."""
    verbs = link_verbs()
    fillers = lexicon_words("title_link_fillers.txt")
    has_verb = participle = False
    i = first - 1
    words = 0
    while i >= 0 and words < LINK_WORDS_MAX and ctx.same_sentence(i, first):
        token = ctx.tokens[i]
        person = _subject_at(ctx, i)
        if person is not None:
            return person if has_verb else None
        if has_verb and i >= 2 and ctx.tokens[i - 1].text == "," and (
                token.lemma == "который" and token.feats.get("Case") == "Nom"):
            return _subject_at(ctx, i - 2)  # «Рекки, который станет хоккеистом»
        if has_verb and participle and token.text in (",", "—", "–"):
            return _subject_at(ctx, i - 1)  # «Обама — занимавший пост президента»
        if token.lemma in verbs:
            if "passive" in verbs[token.lemma] and token.feats.get("Voice") != "Pass":
                return None
            if ctx.tokens[first].feats.get("Case") == "Nom" and token.lemma not in (
                    "быть", "являться"):
                return None  # «выступили мэр Бостона и …»: the verb's subject, no predicate
            has_verb = True
            participle = token.feats.get("VerbForm") == "Part"
        elif has_verb and _time_word(ctx, i):
            i -= 1  # «Тимохин с 2006 по 2008 год работал на посту …»: when, not who
            continue
        elif not has_verb and ctx.tokens[first].feats.get("Case") == "Ins" and (
                where := _workplace_phrase(ctx, i)) is not None:
            i = where - 1  # «работала в Google инженером»: where, between verb and title
            continue
        elif fold(token.text) not in fillers and token.pos not in ("ADV", "ADJ", "NUM"):
            return _null_subject(ctx, i, first) if has_verb and not participle else None
        words += token.pos != "ADJ"
        i -= 1
    return _null_subject(ctx, i, first) if has_verb and not participle else None


@lru_cache(maxsize=1)
def link_verbs() -> dict[str, tuple[str, ...]]:
    """Verb lemma → its marks («passive») from `title_link_verbs.tsv`."""
    return {row[0]: row[1:] for row in lexicon_rows("title_link_verbs.tsv")}


WORKPLACE_MAX = 4  # words of «в/на …» naming where, between a link verb and its title


def _workplace_phrase(ctx: Context, i: int) -> int | None:
    """The start of a «в Google», «в компании Yahoo», «на флоте» phrase ending at token i
    (a preposition of place, then nouns or a name), or None."""
    for k in range(i, max(-1, i - WORKPLACE_MAX), -1):
        token = ctx.tokens[k]
        if token.pos == "ADP":
            return k if fold(token.text) in ("в", "во", "на", "при") and k < i else None
        if token.pos not in ("NOUN", "PROPN", "ADJ", "X") or ctx.labels[k] in HEAD_LABELS:
            return None
    return None


POST_NOUNS = {"пост", "должность"}
# titles that name no post held: NEREL train links 5 of its 20 «кандидат» professions
NOT_POSTS = {"кандидат", "кандидатка", "претендент", "претендентка"}
CANDIDACY = {"кандидат", "кандидатка", "кандидатура", "претендент", "претендентка", "претендовать",
             "баллотироваться", "выдвинуть", "выдвигать", "выдвижение", "предложить",
             "предлагать", "рассматривать", "рассматриваться", "называться", "прочить",
             "метить", "хотеть", "намереваться", "собираться", "планировать", "мечтать",
             "вернуться", "возвращение", "бороться", "борьба", "выборы", "гонка"}


def _adjectives_start(ctx: Context, first: int, head: int) -> int:
    """Where the title at `first` starts with the adjectives before it that agree with its
    head and that the title grammar left out («нового президента»)."""
    case = ctx.tokens[head].feats.get("Case")
    while first >= 1 and ctx.tokens[first - 1].pos == "ADJ" and (
            ctx.tokens[first - 1].feats.get("Case") == case) and ctx.same_sentence(first - 1, first):
        first -= 1
    return first


def _post_phrase_holder(ctx: Context, first: int) -> Occurrence | None:
    """The subject of the clause a post phrase stands in: «Джобс уходит в отставку с поста
    генерального директора», «Рено проработала в должности генерального прокурора», «Шахназ
    была в Иордании в качестве волонтёра», «Кулишов, назначенный сегодня на пост
    руководителя …» — the nearest person in the nominative before it, with a verb between
    and no other subject, no clause break but a participle's or «который»'s comma, and not the
    one who appoints («утвердил на посту»). A candidacy («претендует на пост», «кандидатура
    на должность») holds no post."""
    stop = ctx.title_starts.get(first, first + 1)
    i = _adjectives_start(ctx, first, _head_index(ctx, first, stop)) - 1
    if i < 1:
        return None
    token = ctx.tokens[i]
    if not (token.lemma in POST_NOUNS or fold(token.text) == "качестве" and (
            fold(ctx.tokens[i - 1].text) == "в")):
        return None
    if i >= 1 and ctx.tokens[i - 1].pos == "ADP" and (
            i == 1 or not ctx.same_sentence(i - 2, first)):
        return _holder_after_post(ctx, first)
    owner = _genitive_owner(ctx, i)
    if owner is not None:
        return owner
    verb = False
    j = i - 1
    while j >= 0 and ctx.same_sentence(j, first):
        t = ctx.tokens[j]
        if fold(t.lemma) in CANDIDACY:
            return None
        person = _subject_at(ctx, j)
        if person is not None:
            case = ctx.tokens[person.first].feats.get("Case")
            return person if verb and case in (None, "Nom") else None
        if t.text in (",", "—", "–") and j + 1 < first:
            after = ctx.tokens[j + 1]
            if not (after.feats.get("VerbForm") == "Part" or after.lemma == "который"):
                return None  # another clause; a participle or relative clause goes on
        elif t.text in (";", ":", "(", ")", "«", "»", '"'):
            return None
        elif t.pos in ("VERB", "AUX"):
            if t.lemma in APPOINTING and t.feats.get("Voice") != "Pass":
                return None  # «Силва утвердил на посту премьера …»: the appointee holds it
            verb = True
        elif t.pos in ("NOUN", "PRON") and t.feats.get("Case") == "Nom" and not (
                ctx.labels[j] in HEAD_LABELS or t.lemma == "который"):
            return None  # a subject of its own, not a person
        j -= 1
    return None


def _genitive_owner(ctx: Context, i: int) -> Occurrence | None:
    """A person named in the genitive right before «на посту» / «в должности» at i, with no
    verb: «инициативой Мамуки Бахтадзе на посту премьер-министра», «сменщики Роберта Мюллера
    на посту директора ФБР» — whose time in the post it is."""
    if not _in_post(ctx, i, ("на", "в")):
        return None
    person = ctx.person_at(i - 2, starting=False)
    if person is None or person.first == 0 or all(
            t.feats.get("Case") == "Nom" for t in ctx.tokens[person.first : person.last + 1]):
        return None
    before = ctx.tokens[person.first - 1]
    if before.pos != "NOUN" or fold(before.lemma) in CANDIDACY or not ctx.same_sentence(
            person.first - 1, i):
        return None  # «сменил Иванова на посту …»: an object; «кандидатура Иванова»
    return person


REPLACING = {"сменить", "сменять", "заменить", "заменять"}


def _successor(ctx: Context, first: int) -> Occurrence | None:
    """Who replaces the one named after «сменил на посту X»: the clause's subject holds X too."""
    i = first - 1
    if not _in_post(ctx, i, ("на",)) or ctx.tokens[i - 2].lemma not in REPLACING:
        return None
    return _post_phrase_holder(ctx, first)


def _in_post(ctx: Context, i: int, prepositions: tuple[str, ...]) -> bool:
    """Tokens i-1, i read «на посту» / «в должности» (with one of `prepositions`), and a
    word stands before them."""
    return i >= 2 and fold(ctx.tokens[i].text) in ("посту", "должности") and fold(
        ctx.tokens[i - 1].text) in prepositions


POST_AFTER_MAX = 8  # words between an opening post phrase's title and the holder's name


def _holder_after_post(ctx: Context, first: int) -> Occurrence | None:
    """A post phrase that opens its sentence, then a verb and the holder: «На посту
    генерального директора Apple его сменит Тим Кук», «На пост главы правительства была
    избрана 42-летняя Аленка Братушек»."""
    stop = ctx.title_starts.get(first)
    if stop is None:
        return None
    verb = False
    k, words = stop, 0
    while k < len(ctx.tokens) and words < POST_AFTER_MAX and ctx.same_sentence(first, k):
        t = ctx.tokens[k]
        person = ctx.person_at(k, starting=True)
        if person is not None:  # (the tagger may case a foreign name wrong after «42-летняя»)
            nominative = t.feats.get("Case") in (None, "Nom") or ctx.tokens[k - 1].pos == (
                "ADJ") and ctx.tokens[k - 1].feats.get("Case") == "Nom"
            return person if verb and nominative else None
        if verb and k in ctx.title_starts:
            k = ctx.title_starts[k]  # the holder's other post, named before the name
            continue
        if t.pos in ("VERB", "AUX"):
            if fold(t.lemma) in CANDIDACY or t.lemma in APPOINTING and t.feats.get(
                    "Voice") != "Pass":
                return None
            verb = True
        elif not t.text[:1].isalnum() or t.pos in ("NOUN", "PRON") and t.feats.get(
                "Case") == "Nom":
            return None
        words += t.pos not in ("ADJ", "NUM")
        k += 1
    return None


TIME_LEMMAS = {"год", "месяц", "неделя", "день", "протяжение", "течение", "период", "время",
               "январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август",
               "сентябрь", "октябрь", "ноябрь", "декабрь"}


def _time_word(ctx: Context, i: int) -> bool:
    """A word of a time phrase between a subject and its linking verb: a number, a time
    noun, a preposition or numeral word before one («на протяжении восьми лет», «до 1999
    года», «с 2006 по 2008 год»)."""
    token = ctx.tokens[i]
    if is_number(token) or fold(token.lemma) in TIME_LEMMAS:
        return True
    following = ctx.tokens[i + 1] if i + 1 < len(ctx.tokens) else None
    return token.pos in ("ADP", "ADJ") and following is not None and (
        is_number(following) or fold(following.lemma) in TIME_LEMMAS)


def _null_subject(ctx: Context, i: int, first: int) -> Occurrence | None:
    """The person a subjectless clause goes on about: «С 2006 года — начальник управления. В
    2008 году назначен заместителем министра» in a biography is the last person named,
    within the last `NULL_SUBJECT_SENTENCES` sentences. Not when the clause has a
    nominative noun or pronoun of its own (its subject)."""
    sentence = ctx.tokens[first].sentence
    while i >= 0 and ctx.tokens[i].sentence == sentence:
        token = ctx.tokens[i]
        if token.pos in ("NOUN", "PROPN", "PRON") and token.feats.get("Case") == "Nom":
            return None
        if token.text in (",", ";", ":") and token.pos == "PUNCT":
            return None  # a clause inside a longer sentence: its subject may be anywhere
        i -= 1
    for j in range(i, -1, -1):
        if sentence - ctx.tokens[j].sentence > NULL_SUBJECT_SENTENCES:
            return None
        person = _subject_at(ctx, j)
        if person is not None:
            return person
    return None


def _inverted_copula(ctx: Context, first: int, head: int, stop: int) -> Occurrence | None:
    """A title in the instrumental before its linking verb and the holder: «Капитаном стал
    Михаэль Баллак», «Мэром избран легендарный баскетболист Дэйв Бинг», «Новым спикером
    Госдумы стал экс-глава администрации Сергей Нарышкин» (past another title of the
    holder's); a nominative (or acting) title before a passive appointment: «Врио
    премьер-министра назначен Владимир Гройсман»."""
    case = ctx.tokens[head].feats.get("Case")
    nominative = case == "Nom" or ctx.labels[first] == "acting"
    if case != "Ins" and not nominative:
        return None
    verbs = link_verbs()
    fillers = lexicon_words("title_link_fillers.txt")
    has_verb = False
    i = stop
    words = 0
    while i < len(ctx.tokens) and words < LINK_WORDS_MAX and ctx.same_sentence(head, i):
        token = ctx.tokens[i]
        person = ctx.person_at(i, starting=True)
        if person is not None:
            return person if has_verb and token.feats.get("Case") in (None, "Nom") else None
        aside = _aside_end(ctx, i) if not has_verb else None
        if aside is not None:
            i = aside  # «Министром финансов (канцлером казначейства) должен стать …»,
            words += 1  # «Президентом Ирана в результате выборов избран …»
            continue
        if has_verb and i in ctx.title_starts and i > stop:
            i = ctx.title_starts[i]  # the holder's other post, named before the name
            continue
        if token.lemma in verbs:
            if nominative and ("passive" not in verbs[token.lemma]
                               or token.feats.get("Voice") != "Pass"):
                return None
            has_verb = True
        elif has_verb and (fold(token.text) in ("его", "ее", "её", "их") or token.pos == "NOUN"
                           and token.feats.get("Case") == "Nom"
                           and token.feats.get("Animacy") == "Anim"):
            pass  # «Новым королём стал его старший сын Тауфаахау Тупу V»
        elif not (fold(token.text) in fillers or token.pos in ("ADV", "ADJ", "NUM")
                  or ctx.labels[i] in HEAD_LABELS or not has_verb and _in_place_phrase(ctx, i)):
            return None
        words += token.pos not in ("ADJ", "NUM")
        i += 1
    return None


ASIDE_WORDS = 8  # tokens of a bracketed aside or a prepositional phrase before the verb


def _aside_end(ctx: Context, i: int) -> int | None:
    """The index past a bracketed aside («(канцлером казначейства)») or a prepositional
    phrase of nouns in an oblique case («в результате выборов», «среди мужчин») at token i;
    None when none starts there."""
    token = ctx.tokens[i]
    if token.text == "(":
        for j in range(i + 1, min(len(ctx.tokens), i + ASIDE_WORDS)):
            if ctx.tokens[j].text == ")":
                return j + 1
            if ctx.person_at(j, starting=True) is not None:
                return None
        return None
    if token.pos != "ADP":
        return None
    j = i + 1
    while j < len(ctx.tokens) and j - i < ASIDE_WORDS and (
            ctx.tokens[j].pos in ("ADJ", "NOUN", "NUM") and ctx.tokens[j].feats.get("Case") not in (
                None, "Nom") and ctx.person_at(j, starting=True) is None):
        j += 1
    return j if j > i + 1 and ctx.tokens[j - 1].pos == "NOUN" else None


def _in_place_phrase(ctx: Context, i: int) -> bool:
    """The noun of a prepositional phrase in the locative: «Лучшим актером в драматическом
    сериале стал …»."""
    token = ctx.tokens[i]
    j = i - 1
    while j >= 0 and ctx.tokens[j].pos == "ADJ":
        j -= 1
    return token.pos == "NOUN" and token.feats.get("Case") == "Loc" and j >= 0 and (
        ctx.tokens[j].pos == "ADP")


def _subject_at(ctx: Context, i: int) -> Occurrence | None:
    """A person's name ending at token i, or a pronoun there linked to a person (or, as the
    subject of a post, standing for the one person of its gender just named)."""
    person = ctx.person_at(i, starting=False)
    if person is not None:
        return person
    return next((occ for occ in ctx.inner.get(i, []) if occ.type == "PERSON"
                 and occ.kind == "pronoun"), None) or _pronoun_person(ctx, i)


PRONOUN_GENDERS = {"он": "Masc", "она": "Fem"}
PRONOUN_BACK = 1  # sentences before a post's subject pronoun where its person is named


def _pronoun_person(ctx: Context, i: int) -> Occurrence | None:
    """«Мадуро 50 лет. С 2006 года он занимал должность министра»: a nominative «он»/«она»
    the coref stage left unlinked holds a post as the one person of its gender named in its
    sentence or the one before, when no other person is named there."""
    token = ctx.tokens[i]
    gender = PRONOUN_GENDERS.get(fold(token.text))
    if gender is None or token.pos != "PRON" or token.feats.get("Case") != "Nom":
        return None
    sentence = token.sentence
    found: dict[str, Occurrence] = {}
    for j in range(i - 1, -1, -1):
        if sentence - ctx.tokens[j].sentence > PRONOUN_BACK:
            break
        occ = ctx.person_at(j, starting=False)
        if occ is not None:
            found.setdefault(occ.entity, occ)
    if len(found) != 1:
        return None
    (occ,) = found.values()
    genders = {t.feats.get("Gender") for t in ctx.tokens[occ.first:occ.last + 1]
               if t.pos == "PROPN"}
    return occ if genders == {gender} else None


def _complement_object(ctx: Context, first: int, head: int) -> Occurrence | None:
    """An appointee named before the title: «назначил Джона Смита послом», «утверждение
    Пан Ги Муна генеральным секретарем», «выдвинул Смита на пост посла»."""
    first = _adjectives_start(ctx, first, head)  # «на пост нового президента»
    i = first - 1
    post_word = False
    while i >= 0 and first - i <= 4 and (fold(ctx.tokens[i].text) in POST_WORDS or fold(
            ctx.tokens[i].lemma) in APPOINTMENT_NOUNS and i >= 1 and ctx.tokens[i - 1].lemma == "с"):
        post_word = post_word or fold(ctx.tokens[i].text) not in ("на", "в", "от", "с")
        i -= 1  # «поздравил Рухани с избранием на пост президента»
    while i >= 0 and first - i <= 4 and ctx.tokens[i].pos == "ADJ" and (
            ctx.tokens[i].feats.get("Case") == ctx.tokens[head].feats.get("Case")):
        i -= 1  # «назначили Марио Драги новым главой ЕЦБ»
    case = ctx.tokens[head].feats.get("Case")
    if i >= 1 and case == "Ins" and ctx.tokens[i].lemma in APPOINTING and (
            ctx.tokens[i].feats.get("Voice") != "Pass"):
        i -= 1  # the appointee before the verb: «Гуллита назначили тренером»
    person = _name_before(ctx, i + 1) if ctx.same_sentence(i, first) else None
    if person is None or ctx.tokens[person.first].feats.get("Case") == "Nom":
        return None
    return person if case == "Ins" or (post_word and case == "Gen") else None


ORDINAL = re.compile(r"^\d+-?(?:го|й|м|х|я|е|ой|ого|ему|ом|ых)$")  # «75-го», «3-й»
APPOINTMENT_NOUNS = {"избрание", "назначение", "переизбрание", "утверждение", "вступление"}
APPOINTING = {"назначить", "назначать", "избрать", "избирать", "переизбрать", "утвердить",
              "утверждать", "выбрать", "выбирать", "сделать", "делать"}


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
    if after_v and not joined and places[-1].type == "ORGANIZATION" and (
            places[-1].last >= stop - 2):
        organization = _named_core(ctx, places[-1]).entity  # «представитель Тегерана в ОПЕК»
        end_index = places[-1].first - 1
    elif places and not joined and not after_v and places[-1].last >= stop - 2:
        last = _named_core(ctx, places[-1])
        cut = [last]
        if last.type in GEO_TYPES and len(places) > 1 and places[-2].type == "ORGANIZATION" \
                and places[-2].last + 1 == last.first:
            cut.insert(0, places[-2])
        for occ in cut:
            if occ.type in JURISDICTIONS and organization is None:
                organization = occ.entity
            elif occ.type == "COUNTRY" and country is None:
                country = occ.entity
        end_index = cut[0].first
        while end_index - 1 > head and (ctx.labels[end_index - 1] in ("quote", "and", "po") or (
                _describes_next(ctx, end_index - 1))):
            end_index -= 1  # «лидер правящей Демократической партии» → «лидер»
    elif places and not joined:
        organization = _inner_body(ctx, places)
    if country is None and not joined and not (shared and len(places) > 1):
        country = _one_country(ctx, first, stop)
    start_index = first
    while start_index < head and ctx.labels[start_index] in MODIFIER_LABELS and \
            _country_adjective(ctx, start_index):
        start_index += 1
    if ctx.labels[first] == "acting":  # «врио губернатора области»: the post stays genitive
        written = " ".join(ctx.article.text[ctx.tokens[first].start:
                                            ctx.tokens[end_index - 1].end].split())
        title = written[:1].lower() + written[1:]
    else:
        title = nominative(ctx.tokens, start_index, head, end_index, ctx.article.text, nlp)
    start = ctx.tokens[start_index].start
    end = ctx.tokens[end_index - 1].end
    return title, start, end, organization, country


def _describes_next(ctx: Context, i: int) -> bool:
    """An adjective or participle in the case of the word after it, which it describes."""
    token, nxt = ctx.tokens[i], ctx.tokens[i + 1]
    return (token.pos == "ADJ" or token.feats.get("VerbForm") == "Part") and ctx.labels[i] in (
        "gen", "other", "modgen") and token.feats.get("Case") == nxt.feats.get("Case") is not None


def _inner_body(ctx: Context, places: list[Occurrence]) -> str | None:
    """The organisation named inside a title that goes on after it: «директор НАСА по
    космическим полётам», «представитель Следственного комитета при прокуратуре»; the last
    one not after «в»/«при»/«от» (those name where, not whose)."""
    for occ in reversed(places):
        if occ.type == "ORGANIZATION" and ctx.labels[occ.first - 1] != "v":
            return occ.entity
    return None


def _named_core(ctx: Context, occ: Occurrence) -> Occurrence:
    """The named body at the end of an organisation described in lower case: in «директор
    четвертого департамента стран СНГ МИД РФ» the organisation is «МИД РФ» and the
    department stays in the title."""
    if occ.type != "ORGANIZATION" or ctx.tokens[occ.first].text[:1].isupper():
        return occ
    inner = [o for o in ctx.inner.get(occ.last, []) if o.first > occ.first and o.last == occ.last
             and o.kind == "name" and o.type in JURISDICTIONS
             and ctx.tokens[o.first].text[:1].isupper()]
    return min(inner, key=lambda o: o.first) if inner else occ


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
                "gen", "modgen", "ent", "quote", "and", "po", "dat", "v", "head", "headgen",
                "other") and (
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
