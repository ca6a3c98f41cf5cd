"""The events layer: meetings, talks, visits, signings, … with who, where and when.

Triggers are lemma sequences from `lexicons/event_triggers.tsv` («встреча», «провести
переговоры», «парафировать»); a trigger right after «не» is skipped. For each trigger
mention, on its line of its sentence:
- participants: the actors (PERSON / ORGANIZATION / COUNTRY entities, or a mention that
  stands for one) in the noun-phrase chain the trigger heads («встреча президентов Путина и
  Алиева», «переговоры с Фиданом», «соглашения … между Азербайджаном и Арменией»), the
  relational adjectives before it («российско-турецкие переговоры»), and for a verb the
  chain to its left (subject or passive agent: «Лавров провел переговоры», «Соглашение между
  Казахстаном и Узбекистаном подписано»). A state or organisation right before a person's
  name is that person's title («президент России Владимир Путин»), not a participant; a
  name after «в / из / от …» is not one either;
- place: the nearest CITY / COUNTRY / REGION / LOCATION / FACILITY mention after «в / на»
  (also through a place noun: «в центре Киева»), or the object of «посетить»;
- date: the value of the nearest timex that names a time (not a duration or recurrence);
  an UNRESOLVED one only where no resolved one is near.
Nearest means fewest tokens away, a clause mark (comma, dash, …) counting CLAUSE_COST.

One event per real-world event: mentions of one type merge when no argument contradicts
(one place; one date, or one inside the other; per actor type one participant set inside
the other) and something ties them (a shared argument, the same sentence, a bare mention
close after, or two bare mentions). Participants are the union: state-level participants
(«лидеров России и Азербайджана») are kept next to the people («Путина и Алиева»).
"""

from __future__ import annotations

import logging
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from svodka.article import Article, Event, Span, Timex, Token
from svodka.lexicons import lexicon_rows, lexicon_words
from svodka.pipeline import Stage

log = logging.getLogger(__name__)

ACTOR_TYPES = frozenset({"PERSON", "ORGANIZATION", "COUNTRY"})
PLACE_TYPES = frozenset({"CITY", "COUNTRY", "REGION", "LOCATION", "FACILITY"})
PLACE_PREPOSITIONS = frozenset({"в", "во", "на"})
# a mention after one of these is a place or a source, not a participant
NOT_ACTOR_PREPOSITIONS = PLACE_PREPOSITIONS | {"из", "от", "до", "через", "к", "ко", "под"}
# prepositions a trigger's noun-phrase chain runs through («переговоры с X», «между X и Y»)
CHAIN_PREPOSITIONS = frozenset({"с", "со", "между", "о", "об", "по", "и", ",", "«", "»", '"'})
CHAIN_POS = frozenset({"NOUN", "PROPN", "ADJ", "DET", "NUM"})
CLAUSE_MARKS = frozenset({",", ";", ":", "—", "–", "-", "(", ")"})
UNDATED = frozenset({"DURATION", "SET"})
UNRESOLVED = "UNRESOLVED"  # a date the text gives but the anchor cannot place: kept last
CLAUSE_COST = 8  # a clause mark between trigger and argument counts as this many tokens
MAX_COST = 16
CHAIN_LENGTH = 16
VISIT_VERBS = frozenset({"посетить", "посещать"})
NEARBY_SENTENCES = 2  # a bare mention («Встреча длилась час») joins an event this close


@lru_cache(maxsize=1)
def trigger_lexicon() -> dict[tuple[str, ...], str]:
    """Trigger lemma sequence → event type."""
    return {tuple(row[0].split()): row[1] for row in lexicon_rows("event_triggers.tsv")}


@lru_cache(maxsize=1)
def trigger_firsts() -> dict[str, int]:
    """First lemma of a trigger → the length of the longest trigger it begins."""
    firsts: dict[str, int] = {}
    for key in trigger_lexicon():
        firsts[key[0]] = max(firsts.get(key[0], 0), len(key))
    return firsts


@dataclass
class Mentioned:
    """One entity mention as the events layer sees it."""

    first: int  # token indices, inclusive
    last: int
    entity: str  # the entity id, or the id of the actor it stands for
    type: str  # that entity's type
    own: str  # the mention's own entity (a place even where it stands for a state)
    own_type: str
    governed: str  # the lemma of the preposition before it, or ""
    located: bool  # after «в / на», maybe through a place noun («в центре Киева»)

    @property
    def actor(self) -> bool:
        return self.type in ACTOR_TYPES and self.governed not in NOT_ACTOR_PREPOSITIONS


@dataclass
class Candidate:
    """One trigger mention with its arguments, before mentions merge into events."""

    type: str
    start: int
    end: int
    sentence: int
    participants: list[str] = field(default_factory=list)
    place: str | None = None
    date: str | None = None

    @property
    def bare(self) -> bool:
        return not (self.participants or self.place or self.date)


class Mentions:
    """The outermost entity mentions starting (`first`) and ending (`last`) at each token."""

    def __init__(self, article: Article) -> None:
        tokens = article.tokens
        starts = [token.start for token in tokens]
        by_id = {entity.id: entity for entity in article.entities}
        self.first: dict[int, list[Mentioned]] = {}
        self.last: dict[int, list[Mentioned]] = {}
        for entity in article.entities:
            for mention in entity.mentions:
                first = bisect_right(starts, mention.start) - 1
                last = bisect_left(starts, mention.end) - 1
                if first < 0 or last < first:
                    continue
                actor = by_id.get(mention.stands_for or "")
                target = actor or entity
                before = tokens[first - 1] if first and tokens[first - 1].sentence == tokens[
                    first].sentence else None
                item = Mentioned(first, last, target.id, target.type, entity.id, entity.type,
                                 before.lemma if before and before.pos == "ADP" else "",
                                 _in_place(tokens, first))
                _keep(self.first.setdefault(first, []), item)
                _keep(self.last.setdefault(last, []), item)

    def at(self, index: int, *, step: int) -> list[Mentioned]:
        return (self.first if step > 0 else self.last).get(index, [])


def _in_place(tokens: list[Token], first: int) -> bool:
    """«в Киеве», «в центре Киева», «в московском аэропорту Шереметьево»."""
    nouns = lexicon_words("event_place_nouns.txt")
    for i in range(first - 1, max(-1, first - 4), -1):
        if tokens[i].sentence != tokens[first].sentence:
            return False
        if tokens[i].lemma in PLACE_PREPOSITIONS:
            return True
        if not (tokens[i].lemma in nouns or tokens[i].pos == "ADJ" and i < first - 1):
            return False
    return False


def _keep(items: list[Mentioned], item: Mentioned) -> None:
    """Keep the widest mentions at a token (two adjective mentions may share one token)."""
    width = item.last - item.first
    if items and items[0].last - items[0].first > width:
        return
    if items and items[0].last - items[0].first < width:
        items.clear()
    if all(other.entity != item.entity for other in items):
        items.append(item)


@dataclass
class Scope:
    """What the argument finders look at: tokens, mentions, dated and line-starting tokens."""

    tokens: list[Token]
    mentions: Mentions
    timed: set[int]  # tokens inside a timex
    line_starts: set[int]  # tokens that begin a new line (a headline ends before them)


def extract_events(article: Article) -> list[Event]:
    """The article's events, in the order of their first mentions."""
    text, tokens = article.text, article.tokens
    starts = [token.start for token in tokens]
    timexes = [(timex, _token_range(starts, timex.start, timex.end))
               for timex in article.timexes if timex.value not in UNDATED]
    scope = Scope(tokens, Mentions(article), {i for _, span in timexes for i in span},
                  {i for i in range(1, len(tokens))
                   if "\n" in text[tokens[i - 1].end : tokens[i].start]})
    candidates = []
    for index, sentence in enumerate(article.sentences):
        for first, last, kind in find_triggers(article.sentence_tokens(index)):
            first, last = sentence.first_token + first, sentence.first_token + last
            candidate = Candidate(kind, tokens[first].start, tokens[last].end, index)
            lo, hi = _line(scope, first, sentence.first_token, sentence.last_token)
            _arguments(scope, timexes, first, last, lo, hi, candidate)
            candidates.append(candidate)
    return merge_mentions(candidates, types={e.id: e.type for e in article.entities})


def _line(scope: Scope, first: int, lo: int, hi: int) -> tuple[int, int]:
    """The part of the sentence [lo, hi) on the trigger's line."""
    starts = [i for i in scope.line_starts if lo < i < hi]
    return (max([lo] + [i for i in starts if i <= first]),
            min([hi] + [i for i in starts if i > first]))


def _token_range(starts: list[int], start: int, end: int) -> range:
    """The tokens (given by their start offsets) that a character span touches."""
    return range(bisect_right(starts, start) - 1, bisect_left(starts, end))


def find_triggers(tokens: list[Token]) -> list[tuple[int, int, str]]:
    """(first, last inclusive, type) of each trigger in `tokens`, longest match first."""
    lexicon = trigger_lexicon()
    firsts = trigger_firsts()
    lemmas = [token.lemma for token in tokens]
    found = []
    i = 0
    while i < len(lemmas):
        longest = firsts.get(lemmas[i], 0)
        for n in range(min(longest, len(lemmas) - i), 0, -1):
            kind = lexicon.get(tuple(lemmas[i : i + n]))
            if kind and not (i and lemmas[i - 1] == "не"):
                found.append((i, i + n - 1, kind))
                i += n - 1
                break
        i += 1
    return found


def _arguments(scope: Scope, timexes: list[tuple[Timex, range]], first: int, last: int,
               lo: int, hi: int, candidate: Candidate) -> None:
    tokens = scope.tokens
    verb = any(t.pos in ("VERB", "AUX") for t in tokens[first : last + 1])
    actors: list[tuple[int, str]] = []
    visited = tokens[last].lemma in VISIT_VERBS  # «посетил Вашингтон»: a place, no actor
    _chain(scope, last + 1 + visited, hi, actors, step=1)
    _adjectives(scope, first, lo, actors)
    if verb:
        _chain(scope, first - 1, lo - 1, actors, step=-1)
        if first - 1 > lo and tokens[first - 1].text == ",":
            _chain(scope, first - 2, lo - 1, actors, step=-1)
    else:
        light = _light_verb(scope, first, lo)
        if light is not None:  # «Лавров провел в Баку переговоры с Алиевым»
            _chain(scope, light - 1, lo - 1, actors, step=-1)
    candidate.participants = list(dict.fromkeys(entity for _, entity in sorted(actors)))
    candidate.place = _place(scope, first, last, lo, hi, set(candidate.participants))
    candidate.date = _date(scope.tokens, timexes, first, last, lo, hi)


LIGHT_VERBS = {"провести", "проводить", "вести", "начать", "начинать", "продолжить",
               "продолжать", "завершить", "завершать", "организовать", "устроить"}


def _light_verb(scope: Scope, first: int, lo: int) -> int | None:
    """The verb a trigger noun is the object of, past a place, a date or adverbs before it
    («провел в Баку переговоры», «провели вчера встречу»): its index."""
    tokens = scope.tokens
    i = first - 1
    for _ in range(5):
        if i < lo:
            return None
        token = tokens[i]
        if token.lemma in LIGHT_VERBS and token.pos == "VERB":
            return i
        if not (token.pos in ("ADV", "ADP", "ADJ") or i in scope.timed
                or scope.mentions.at(i, step=-1)):
            return None
        i -= 1
    return None


def _chain(scope: Scope, start: int, stop: int, actors: list[tuple[int, str]], *,
           step: int) -> None:
    """Actors in the noun-phrase chain from `start` towards `stop` (exclusive): names,
    their titles, «и», «с», «между», … (a place after «в» and a date are stepped over).
    A state or organisation right before a person's name is the person's title
    («президент России Владимир Путин»), not a participant of its own."""
    tokens, mentions = scope.tokens, scope.mentions
    i = start
    listing = False  # an «и» seen: a comma going left may separate names of one list
    for _ in range(CHAIN_LENGTH):
        if (i - stop) * step >= 0:  # reached or passed `stop`
            return
        found = mentions.at(i, step=step)
        if found:
            after = found[0].last + 1
            title = any(m.type == "PERSON" for m in mentions.at(after, step=1))
            actors += [(m.first, m.entity) for m in found
                       if m.actor and not (title and m.type != "PERSON")]
            i = (found[0].last if step > 0 else found[0].first) + step
            if step < 0 and found[0].governed:
                i += step  # the preposition before it
            continue
        token = tokens[i]
        if i in scope.timed or token.pos == "ADV":
            i += step
            continue
        if token.lemma in PLACE_PREPOSITIONS and step > 0 and mentions.at(i + 1, step=1):
            i += 1  # «переговоры в Москве с Лавровым»: the place is stepped over
            continue
        if token.text == "," and (not mentions.at(i + 1, step=1) if step > 0 else not listing):
            return
        listing = listing or token.lemma == "и"
        if not (token.pos in CHAIN_POS or token.lemma in CHAIN_PREPOSITIONS
                or token.lemma == "быть"):
            return
        i += step


def _adjectives(scope: Scope, first: int, lo: int, actors: list[tuple[int, str]]) -> None:
    """«российско-азербайджанские переговоры»: adjective mentions right before a trigger."""
    tokens, mentions = scope.tokens, scope.mentions
    i = first - 1
    while i >= lo and (tokens[i].pos in ("ADJ", "CCONJ") or tokens[i].text == ","):
        actors += [(m.first, m.entity) for m in mentions.at(i, step=-1) if m.actor]
        i -= 1


def _cost(tokens: list[Token], a: int, b: int) -> int:
    """Tokens between positions a < b, each clause mark counting CLAUSE_COST."""
    marks = sum(1 for t in tokens[a + 1 : b] if t.text in CLAUSE_MARKS)
    return b - a + marks * CLAUSE_COST


def _place(scope: Scope, first: int, last: int, lo: int, hi: int,
           actors: set[str]) -> str | None:
    """The nearest place after «в / на» (or right after «посетить») in the sentence."""
    tokens, mentions = scope.tokens, scope.mentions
    best: tuple[int, str] | None = None
    for i in range(lo, hi):
        for mention in mentions.at(i, step=1):
            if mention.own_type not in PLACE_TYPES or mention.own in actors:
                continue
            visited = i == last + 1 and tokens[last].lemma in VISIT_VERBS
            if not (mention.located or visited):
                continue
            cost = _cost(tokens, last, i) if i > last else _cost(tokens, mention.last, first)
            if cost <= MAX_COST and (best is None or cost < best[0]):
                best = (cost, mention.own)
    return best[1] if best else None


def _date(tokens: list[Token], timexes: list[tuple[Timex, range]], first: int, last: int,
          lo: int, hi: int) -> str | None:
    """The value of the nearest timex in the sentence that names a time (not a duration);
    an UNRESOLVED one only where no resolved one is close enough."""
    best: tuple[tuple[bool, int], str] | None = None
    for timex, span in timexes:
        if span.start < lo or span.stop > hi:
            continue
        if span.stop - 1 < first:
            cost = _cost(tokens, span.stop - 1, first)
        elif span.start > last:
            cost = _cost(tokens, last, span.start)
        else:
            cost = 0
        rank = (timex.value == UNRESOLVED, cost)
        if cost <= MAX_COST and (best is None or rank < best[0]):
            best = (rank, timex.value)
    return best[1] if best else None


# --- one event per real-world event ------------------------------------------------


def _known(date: str | None) -> str | None:
    return None if date == UNRESOLVED else date


def _compatible(event: Event, candidate: Candidate, types: dict[str, str]) -> bool:
    """No argument contradicts: one place, one date (or one inside the other), and for
    each actor type one set of participants inside the other."""
    if event.place and candidate.place and event.place != candidate.place:
        return False
    dates = (_known(event.date), _known(candidate.date))
    if all(dates) and not (dates[0].startswith(dates[1]) or dates[1].startswith(dates[0])):
        return False
    for kind in ACTOR_TYPES:
        mine = {p for p in event.participants if types.get(p) == kind}
        theirs = {p for p in candidate.participants if types.get(p) == kind}
        if mine and theirs and not (mine <= theirs or theirs <= mine):
            return False
    return True


def _same_event(event: Event, last_sentence: int, candidate: Candidate,
                types: dict[str, str]) -> bool:
    """Compatible, and tied: a shared argument, the same sentence, a bare mention close
    after the event, or two bare mentions."""
    if event.type != candidate.type or not _compatible(event, candidate, types):
        return False
    shared = bool(set(event.participants) & set(candidate.participants)
                  or (event.place and event.place == candidate.place)
                  or (_known(event.date) and _known(candidate.date)))
    event_bare = not (event.participants or event.place or event.date)
    close = candidate.sentence - last_sentence <= NEARBY_SENTENCES
    return (shared or candidate.sentence == last_sentence or (candidate.bare and close)
            or (candidate.bare and event_bare))


def merge_mentions(candidates: list[Candidate], *, types: dict[str, str]) -> list[Event]:
    """Mentions of one real-world event → one event, its first mention first.

    `types` maps entity ids to entity types (people are compared with people, …).
    """
    events: list[Event] = []
    last_sentence: list[int] = []
    for candidate in candidates:
        span = Span(candidate.start, candidate.end)
        for index, event in enumerate(events):
            if _same_event(event, last_sentence[index], candidate, types):
                event.mentions.append(span)
                event.participants += [p for p in candidate.participants
                                       if p not in event.participants]
                event.place = event.place or candidate.place
                if _known(candidate.date) and (not _known(event.date) or len(
                        candidate.date) > len(event.date)):
                    event.date = candidate.date
                event.date = event.date or candidate.date
                last_sentence[index] = candidate.sentence
                break
        else:
            events.append(Event(candidate.type, candidate.start, candidate.end, [span],
                                list(candidate.participants), candidate.place, candidate.date))
            last_sentence.append(candidate.sentence)
    return events


def run(article: Article) -> None:
    article.events = extract_events(article)


STAGE = Stage(name="events", requires=("tokens", "entities", "timexes"), assigns=("events",),
              run=run)
