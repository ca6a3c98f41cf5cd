"""Temporal expressions: where they are and what words they are made of.

The grammar finds spans; `svodka.extract.timex_resolve` turns a span's words into a value.
The parser runs over folded text (lower case, ё→е, same length), so every word predicate is
a set of folded forms from `svodka/lexicons/dates.tsv`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from yargy import Parser, or_, rule
from yargy.parser import Node, State
from yargy.predicates import custom, in_
from yargy.predicates import type as token_type
from yargy.rule import Rule
from yargy.rule.bnf import is_rule
from yargy.tokenizer import Tokenizer

ROMAN = re.compile(r"^(x{0,2})(ix|iv|v?i{0,3})$")
DURATION_STEM = re.compile(
    r"^(одно|двух|трех|четырех|пяти|шести|семи|восьми|девяти|десяти|одиннадцати|двенадцати|"
    r"пятнадцати|двадцати|двадцатипяти|тридцати|сорока|пятидесяти|шестидесяти|семидесяти|"
    r"восьмидесяти|девяноста|ста|полу)"
    r"(дневн|недельн|месячн|летн|годичн|часов|суточн|лет)\w*$"
)
DASHES = {"-", "—", "–", "‒"}
ORDINAL_SUFFIXES = {"го", "й", "м", "е", "х", "ые", "ых", "ми", "ее", "ого", "ом", "ый", "ой"}


@lru_cache(maxsize=1)
def date_lexicon() -> dict[str, tuple[tuple[str, str], ...]]:
    """Folded form → its (class, value) readings, from lexicons/dates.tsv (loaded once)."""
    text = resources.files("svodka.lexicons").joinpath("dates.tsv").read_text(encoding="utf-8")
    readings: dict[str, list[tuple[str, str]]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        form, cls, value = line.split("\t")
        readings.setdefault(form, []).append((cls, value))
    return {form: tuple(items) for form, items in readings.items()}


def forms(cls: str, *values: str) -> set[str]:
    """The folded forms of a lexicon class (only those with one of `values`, when given)."""
    return {
        form
        for form, readings in date_lexicon().items()
        if any(c == cls and (not values or v in values) for c, v in readings)
    }


def fold(text: str) -> str:
    """Lower case and ё→е without changing the length (offsets stay valid)."""
    folded = text.lower().replace("ё", "е")
    if len(folded) == len(text):
        return folded
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text).replace("ё", "е")


def _is_year(value: str) -> bool:
    return len(value) == 4 and 1000 <= int(value) <= 2100


def _is_day(value: str) -> bool:
    return len(value) <= 2 and 1 <= int(value) <= 31


def _is_month_number(value: str) -> bool:
    return len(value) <= 2 and 1 <= int(value) <= 12


def _is_count(value: str) -> bool:
    return len(value) <= 3


def _is_decade(value: str) -> bool:
    return (len(value) == 4 and value.endswith("0") and 1000 <= int(value) <= 2090) or (
        len(value) == 2 and value.endswith("0")
    )


def _is_century(value: str) -> bool:
    return len(value) <= 2 and 1 <= int(value) <= 21


def is_roman(value: str) -> bool:
    value = value.replace("х", "x").replace("і", "i")
    return bool(value) and ROMAN.match(value) is not None


def is_duration_adjective(value: str) -> bool:
    return DURATION_STEM.match(value) is not None and not value.startswith("лет")


def _is_duration_suffix(value: str) -> bool:
    return value.startswith(("летн", "дневн", "месячн", "недельн", "часов", "суточн"))


def either(*items) -> Rule:
    """or_ over rules and single-token predicates alike."""
    return or_(*[item if isinstance(item, Rule) else rule(item) for item in items])


def word(*values: str) -> in_:
    return in_(set(values))


def lex(cls: str, *values: str) -> in_:
    return in_(forms(cls, *values))


# --- tokens -------------------------------------------------------------------------
INT = token_type("INT")
DASH = in_(DASHES)
YEAR_NUM = custom(_is_year, types="INT")
DAY_NUM = custom(_is_day, types="INT")
COUNT_NUM = custom(_is_count, types="INT")
ROMAN_NUM = custom(is_roman, types=["LATIN", "RU"])
SUFFIX = rule(DASH, in_(ORDINAL_SUFFIXES))
REL = lex("rel")
MONTH = lex("month")
SEASON = lex("season")
WEEKDAY = lex("weekday")
UNIT = lex("unit")
ORDINAL = lex("ordinal")
PART = lex("part")
YEAR_WORD = either(lex("unit", "year"), rule(word("г", "гг"), word(".")))
LAST = word("последние", "последних", "последний", "последним", "последними", "последнюю",
            "последней", "последнее", "последнего", "прошедшее", "минувшее", "ближайшие",
            "ближайших", "ближайший", "ближайшую", "ближайшее", "прошедшие", "минувшие",
            "прошлые")
MODIFIER = word("более", "менее", "около", "почти", "свыше", "примерно", "приблизительно",
                "порядка", "целых", "целый", "целую", "всего", "лишь", "уже", "не", "меньше",
                "больше", "чем", "до", "от", "по", "на", "еще", "ровно", "без", "малого",
                "немногим", "каких-то", "долгих", "долгие", "долгие")
PREPOSITION = word("в", "во", "с", "со", "до", "по", "на", "к", "ко", "от", "после", "за",
                   "начиная", "около", "между", "накануне", "перед", "вплоть", "к")

# --- points -------------------------------------------------------------------------
YEAR_REF = either(
    rule(YEAR_NUM, SUFFIX.optional(), YEAR_WORD.optional()),
    rule(REL, YEAR_WORD),
    rule(REL, YEAR_NUM, YEAR_WORD),
)
DATE = either(
    rule(DAY_NUM, SUFFIX.optional(), MONTH, YEAR_REF.optional()),
    rule(DAY_NUM, word(".", "/"), custom(_is_month_number, types="INT"), word(".", "/"),
         YEAR_NUM, YEAR_WORD.optional()),
)
MONTH_REF = either(rule(MONTH, YEAR_REF.optional()), rule(REL, MONTH))
SEASON_REF = either(rule(SEASON, YEAR_REF.optional()), rule(REL, SEASON))
QUARTER = rule(
    either(ORDINAL, ROMAN_NUM, rule(INT, SUFFIX.optional())),
    lex("unit", "quarter", "half"),
    YEAR_REF.optional(),
)
DECADE = rule(custom(_is_decade, types="INT"), DASH, word("е", "х", "ые", "ых", "ми"),
              YEAR_WORD.optional())
CENTURY = either(
    rule(either(ROMAN_NUM, custom(_is_century, types="INT")), SUFFIX.optional(),
         either(lex("unit", "century"), rule(word("в", "вв"), word(".")))),
    rule(REL, lex("unit", "century")),
)
POINT = either(DATE, MONTH_REF, YEAR_REF, SEASON_REF, QUARTER, DECADE, CENTURY)
PART_POINT = rule(PART, either(POINT, lex("unit", "year", "month", "week")))
ADJECTIVE = either(lex("month_adj"), lex("weekday_adj"))
POINT_EXPRESSION = rule(PREPOSITION.optional(), PREPOSITION.optional(), either(POINT, PART_POINT))

# --- ranges -------------------------------------------------------------------------
RANGE_START = either(POINT, DAY_NUM, MONTH, PART_POINT)
RANGE = rule(
    PREPOSITION.optional(),
    PREPOSITION.optional(),
    RANGE_START,
    either(DASH, word("по", "до", "и", "/", "на")),
    either(POINT, PART_POINT, rule(PART, POINT)),
)

# --- relative to the anchor -----------------------------------------------------------
WEEKDAY_EXPRESSION = rule(
    PREPOSITION.optional(), REL.optional(), WEEKDAY,
    rule(either(word(","), DASH), PREPOSITION.optional(), DATE).optional(),
)
DEICTIC = either(
    rule(lex("deictic"), rule(word(","), DATE).optional()),
    rule(PREPOSITION.optional(), lex("deictic_adj"), UNIT.optional()),
)
REL_UNIT = rule(PREPOSITION.optional(), PART.optional(), REL, UNIT)
PRESENT = either(
    rule(word("в"), word("настоящее"), word("время")),
    rule(word("на"), word("сегодняшний", "нынешний", "текущий"), word("день", "момент")),
    rule(word("в", "на"), word("данный", "текущий"), word("момент")),
    rule(word("в"), word("наши"), word("дни")),
    rule(word("на"), word("сегодня")),
)
ANTECEDENT = rule(
    PREPOSITION, word("тот", "того", "том", "той", "ту", "этот", "этом", "эту", "этой",
                      "этого", "тех", "этих", "то", "это"),
    word("же").optional(), either(UNIT, lex("span_noun")),
)
QUANTITY = either(
    COUNT_NUM,
    rule(INT, word(","), INT),
    rule(lex("num"), lex("num").optional()),
    lex("vague_num"),
    rule(word("с"), word("половиной")),
)
AGO = either(
    rule(MODIFIER.optional(), MODIFIER.optional(), QUANTITY.optional(), UNIT,
         word("тому").optional(), word("назад")),
    rule(word("через", "спустя"), MODIFIER.optional(), QUANTITY.optional(), UNIT),
    rule(QUANTITY.optional(), UNIT, word("спустя", "позже", "позднее", "ранее", "раньше")),
    rule(word("за"), QUANTITY.optional(), UNIT, word("до"), word("этого", "того").optional()),
)

# --- lengths, recurrences, vague points -------------------------------------------------
DURATION = either(
    rule(word("в", "на", "за", "течение", "протяжении").optional(),
         word("течение", "протяжении").optional(),
         MODIFIER.optional(), MODIFIER.optional(), QUANTITY, UNIT,
         rule(word("и").optional(), QUANTITY, UNIT).optional()),
    rule(word("в", "на", "за").optional(), word("течение", "протяжении").optional(),
         LAST, QUANTITY.optional(), UNIT),
    rule(word("в", "на"), word("течение", "протяжении"), UNIT),
    rule(either(MODIFIER, word("за")), UNIT),
    custom(is_duration_adjective, types="RU"),
    rule(COUNT_NUM, DASH, custom(_is_duration_suffix, types="RU")),
    lex("unit", "halfyear", "halfcentury"),
)
SET = either(
    lex("set_adv"),
    rule(lex("every"), QUANTITY.optional(), UNIT),
    rule(word("раз").optional(), word("в"), word("год", "месяц", "день", "неделю", "сутки",
                                                   "квартал")),
    rule(word("по"), either(lex("weekday"), word("выходным", "праздникам", "будням"))),
)
VAGUE = either(
    rule(word("на"), word("днях")),
    rule(word("в"), word("выходные")),
)

TIMEX = either(
    RANGE, POINT_EXPRESSION, WEEKDAY_EXPRESSION, ADJECTIVE, DEICTIC, REL_UNIT, PRESENT, ANTECEDENT,
    AGO, DURATION, SET, VAGUE,
)


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A span the grammar found and its folded words (punctuation included)."""

    start: int
    end: int
    words: tuple[str, ...]


class _Pretokenized(Tokenizer):
    """Hands the parser tokens already made, so the text is tokenized once."""

    def __call__(self, tokens):  # type: ignore[override]
        return tokens


TOKENIZER = Tokenizer()
WINDOW = 16  # tokens a temporal expression may span
STARTERS = frozenset(
    {"в", "во", "с", "со", "до", "по", "на", "к", "от", "после", "за", "начиная", "около",
     "между", "через", "спустя", "течение", "протяжении", "более", "менее", "почти",
     "свыше", "примерно", "приблизительно", "порядка", "не", "раз", "каждый", "каждую",
     "каждое", "каждые", "каждого", "тот", "том", "той", "ту", "этот", "этом", "эту", "этой",
     "этого", "последние", "последних", "ближайшие", "ближайших", "целых", "уже", "лишь",
     "всего", "еще", "ровно", "вплоть", "перед", "без", "же"}
)


TRIGGER_CLASSES = frozenset({"month", "weekday", "unit", "season", "deictic", "deictic_adj",
                             "set_adv", "month_adj", "weekday_adj"})
LOOKBACK = 3  # tokens before a trigger that may start its expression


@lru_cache(maxsize=1)
def _starters() -> frozenset[str]:
    words = {form for form, readings in date_lexicon().items()
             if any(cls in ("rel", "part", "num", "ordinal", "vague_num", "every")
                    for cls, _ in readings)}
    return STARTERS | words


WEAK_TRIGGERS = frozenset({"настоящее", "течение", "протяжении", "последние", "последних",
                           "последнее", "ближайшие", "ближайших", "ближайшее", "наши",
                           "через", "спустя"})
AFTER_UNIT = frozenset({"назад", "спустя", "позже", "позднее", "ранее", "раньше"})
FOLLOWERS = frozenset({"время", "дни", "момент", "/", "."})


@lru_cache(maxsize=1)
def _triggers() -> frozenset[str]:
    words = {form for form, readings in date_lexicon().items()
             if any(cls in TRIGGER_CLASSES for cls, _ in readings)}
    return frozenset(words | {"настоящее", "днях", "назад", "через", "спустя", "течение",
                              "протяжении", "последние", "последних", "последнее",
                              "ближайшие", "ближайших", "ближайшее", "выходные", "выходным",
                              "сегодня", "наши"})


class LookaheadParser(Parser):
    """yargy's Earley parser predicting only productions that can begin with the next token.

    Plain yargy predicts the whole grammar at every position; with one token of lookahead
    a date grammar costs a fraction of that. Whether a rule can begin with a token depends
    only on the token's value and type, so the answers are cached.
    """

    def __init__(self, rule_: Rule, **options) -> None:
        super().__init__(rule_, **options)
        self._nullable: dict[int, bool] = {}
        self._starts: dict[tuple[int, str, str], bool] = {}

    def predict(self, column, next_column, rule_) -> None:
        token = next_column.token if next_column is not None else None
        for index, production in enumerate(rule_.productions):
            if self._can_begin(production.terms, token):
                node = Node(rule_, production, rank=index, children=[])
                column.append(State(rule_, production, dot_index=0, start_column=column,
                                    stop_column=column, node=node))

    def _can_begin(self, terms, token) -> bool:
        """Whether a production can begin with `token` (None: the text ends here)."""
        for term in terms:
            if token is None:
                if not (is_rule(term) and self._is_nullable(term)):
                    return False
                continue
            if not is_rule(term):
                return bool(term(token))
            if self._rule_begins(term, token):
                return True
            if not self._is_nullable(term):
                return False
        return True

    def _rule_begins(self, rule_, token) -> bool:
        key = (id(rule_), token.value, token.type)
        known = self._starts.get(key)
        if known is None:
            self._starts[key] = False  # a left-recursive rule begins only through others
            known = any(self._can_begin(p.terms, token) for p in rule_.productions)
            if len(self._starts) > 200_000:
                self._starts.clear()
            self._starts[key] = known
        return known

    def _is_nullable(self, rule_) -> bool:
        known = self._nullable.get(id(rule_))
        if known is None:
            self._nullable[id(rule_)] = False
            known = any(all(is_rule(t) and self._is_nullable(t) for t in p.terms)
                        for p in rule_.productions)
            self._nullable[id(rule_)] = known
        return known


@lru_cache(maxsize=1)
def date_parser() -> Parser:
    return LookaheadParser(TIMEX, tokenizer=_Pretokenized())


def _is_trigger(token, triggers: frozenset[str]) -> bool:
    if token.type == "INT":
        return True
    if token.type == "RU" and (token.value in triggers or is_duration_adjective(token.value)):
        return True
    return token.type in ("LATIN", "RU") and is_roman(token.value)


def _longest_match(parser: Parser, tokens: list) -> int:
    """How many of `tokens` the longest timex starting at the first one covers (0: none)."""
    chart = parser.chart(tokens, all=False)
    best = 0
    for state in chart.matches(parser.rule):
        best = max(best, state.stop_column.index)
    return best


def find_dates(text: str) -> list[DateMatch]:
    """Every temporal expression the grammar finds in `text`, in text order.

    The parser is anchored: it runs only where a date word or a number is, trying the
    trigger itself and up to LOOKBACK preceding prepositions, modifiers or numbers as the start.
    """
    tokens = list(TOKENIZER(fold(text)))
    parser, triggers, starters = date_parser(), _triggers(), _starters()
    units = forms("unit")
    found: list[DateMatch] = []
    covered = 0
    for index, token in enumerate(tokens):
        if index < covered or not _is_trigger(token, triggers):
            continue
        if _is_weak(token, triggers) and not _strong_follows(tokens, index, triggers):
            continue
        stop = 0
        for start in _starts(tokens, index, max(covered, index - LOOKBACK), starters, units):
            stop = start + _longest_match(parser, tokens[start : start + WINDOW])
            if stop > index:
                break
        if stop <= index:
            continue
        found.append(DateMatch(tokens[start].span.start, tokens[stop - 1].span.stop,
                               tuple(t.value for t in tokens[start:stop])))
        covered = stop
    return found


def _is_weak(token, triggers: frozenset[str]) -> bool:
    """A number or helper word that is a date only with a date word after it."""
    if token.type == "INT":
        return not _is_year(token.value) and not _is_decade(token.value)
    return token.value in WEAK_TRIGGERS


def _strong_follows(tokens: list, index: int, triggers: frozenset[str]) -> bool:
    for token in tokens[index + 1 : index + 5]:
        if token.value in triggers and token.value not in WEAK_TRIGGERS:
            return True
        if token.value in FOLLOWERS or (token.type == "INT" and _is_year(token.value)):
            return True
    return False


def _starts(tokens: list, index: int, lowest: int, starters: frozenset[str],
            units: set[str]) -> list[int]:
    """Where an expression around the trigger at `index` may begin, earliest first."""
    first = index
    while first > lowest and (tokens[first - 1].value in starters
                              or tokens[first - 1].type == "INT"):
        first -= 1
    starts = list(range(first, index))
    alone = tokens[index].value not in units or (
        index + 1 < len(tokens) and tokens[index + 1].value in AFTER_UNIT)
    if alone:
        starts.append(index)
    return starts
