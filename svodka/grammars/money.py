"""Numbers, money and percentages: where they are and what they are worth.

The grammar finds amount expressions — «$4,4 млрд», «около 2,5 миллиарда евро», «от 3 до 5 тыс.
руб.», «на 7,7%» (the «7,7%»), «3,5 п.п.», «120 тысяч» — over folded text (lower case, ё→е,
same length). Digits are merged first into one number token each («4,4» → 4.4, «45 386» →
45386), so the rules see a number as one word. Words come from `svodka/lexicons/amounts.tsv`,
`currencies.tsv` and `currency_qualifiers.tsv`. `find_amounts` returns each expression with
its value scaled («$4,4 млрд» → 4.4e9) and its unit (an ISO 4217 code, "%", "п.п." or None for
a bare number, which the figures stage may read as a count of the noun after it).

Span conventions follow NEREL's MONEY and PERCENT: approximations and bounds are inside
(«около 20 млн фунтов», «более 50 %», «до 500 тыс. рублей», «от 40 до 50 тысяч рублей»), with
the preposition after an approximation («примерно в 3,4 млн долларов»); the change
preposition «на» is outside, and so is a price's «в» standing alone («обошлась в 30 млн»); an abbreviation's dot is inside unless it ends a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from yargy import Parser, or_, rule
from yargy.predicates import custom, in_
from yargy.rule import Rule
from yargy.span import Span
from yargy.token import Token
from yargy.tokenizer import Tokenizer

from svodka.lexicons import lexicon_rows

DASHES = frozenset({"-", "—", "–", "‒"})
NBSP = re.compile(r"&nbsp;")
GLUED_AFTER = re.compile(r"^(?:-?[^\W\d_]|[.:/,]\d)")  # «23-м», «5G», «16:24», «22.02»
GLUED_BEFORE = re.compile(r"(?:[^\W_]-?|\d[.:/]|[№#%]\s?)$")  # «COVID-19», «Су-35», «№ 5»


def fold(text: str) -> str:
    """Lower case and ё→е without changing the length (offsets stay valid)."""
    folded = text.lower().replace("ё", "е")
    if len(folded) == len(text):
        return folded
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text).replace("ё", "е")


# --- lexicons ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Currency:
    lemma: str
    code: str
    factor: float  # 0.01 for «цент», «копейка»
    weak: bool  # also a common noun: money only with a scale word or a qualifier


@lru_cache(maxsize=1)
def amount_words() -> dict[str, dict[str, float]]:
    """Folded form → {class: value} from amounts.tsv (loaded once)."""
    words: dict[str, dict[str, float]] = {}
    for form, cls, value in lexicon_rows("amounts.tsv"):
        words.setdefault(form, {})[cls] = float(value)
    return words


@lru_cache(maxsize=1)
def currency_words() -> dict[str, Currency]:
    """Folded form → its currency, from currencies.tsv (loaded once)."""
    return {form: Currency(lemma, code, float(factor), strength == "weak")
            for form, lemma, code, factor, strength in lexicon_rows("currencies.tsv")}


@lru_cache(maxsize=1)
def currency_qualifiers() -> dict[str, tuple[tuple[str, str, str], ...]]:
    """Position ("before" | "after") → its (stem, currency lemma, code) rows."""
    rows: dict[str, list[tuple[str, str, str]]] = {"before": [], "after": []}
    for position, stem, lemma, code in lexicon_rows("currency_qualifiers.tsv"):
        rows[position].append((stem, lemma, code))
    return {position: tuple(items) for position, items in rows.items()}


def words_of(cls: str) -> set[str]:
    return {form for form, classes in amount_words().items() if cls in classes}


def _currency_forms(*, weak: bool, symbol: bool = False) -> set[str]:
    """Currency words (strong or weak) or symbols («$», «£»: never weak)."""
    return {form for form, currency in currency_words().items()
            if (not form[0].isalpha()) == symbol and (symbol or currency.weak == weak)}


def _is_qualifier_before(value: str) -> bool:
    return any(value.startswith(stem) for stem, _, _ in currency_qualifiers()["before"])


def _is_qualifier_after(value: str) -> bool:
    return any(value == stem for stem, _, _ in currency_qualifiers()["after"])


def _is_number(value: str) -> bool:
    return value[0].isdigit()


# --- rules -------------------------------------------------------------------------


def either(*items) -> Rule:
    return or_(*[item if isinstance(item, Rule) else rule(item) for item in items])


def word(*values: str) -> in_:
    return in_(set(values))


DOT = word(".")
DASH = in_(DASHES)
NUMBER_TOKEN = custom(_is_number, types="INT")
NUMBER_WORD = in_(words_of("number"))
SCALE = rule(in_(words_of("scale")), DOT.optional())
SCALE_ALONE = in_(words_of("scale_alone"))
MODIFIER = in_(words_of("modifier"))
MODIFIERS = either(
    rule(in_(words_of("modifier_lead")), MODIFIER),
    rule(MODIFIER, in_(words_of("modifier_tail")).optional()),
)
NUMBER = either(NUMBER_TOKEN, rule(NUMBER_WORD, NUMBER_WORD.optional(), NUMBER_WORD.optional()))
QUANTITY = either(rule(NUMBER, SCALE.optional()), SCALE_ALONE)
SCALED_QUANTITY = rule(NUMBER, SCALE)
VAGUE_SCALE = in_(words_of("vague_scale"))
VAGUE_QUANTITY = either(  # «несколько миллионов», «нескольких сотен тысяч», «миллиарды»
    rule(in_(words_of("vague")), VAGUE_SCALE.optional(), SCALE),
    rule(VAGUE_SCALE, SCALE),
    in_(words_of("scale_plural")),
)
RANGE = either(
    rule(word("от", "с"), QUANTITY, word("до", "по"), QUANTITY),
    rule(NUMBER_TOKEN, SCALE.optional(), DASH, NUMBER_TOKEN, SCALE.optional()),
)
SCALED_RANGE = either(
    rule(word("от", "с"), QUANTITY, word("до", "по"), SCALED_QUANTITY),
    rule(NUMBER_TOKEN, SCALE.optional(), DASH, SCALED_QUANTITY),
)
VAGUE_RANGE = rule(word("от"), either(VAGUE_QUANTITY, rule(in_(words_of("vague")), VAGUE_SCALE)),
                   word("до"), VAGUE_QUANTITY)

QUALIFIER_BEFORE = custom(_is_qualifier_before, types="RU")
QUALIFIER_AFTER = custom(_is_qualifier_after, types="RU")
CURRENCY_WORD = in_(_currency_forms(weak=False))
WEAK_CURRENCY_WORD = in_(_currency_forms(weak=True))
CURRENCY_SYMBOL = in_(_currency_forms(weak=False, symbol=True))
CURRENCY = either(
    rule(QUALIFIER_BEFORE.optional(), CURRENCY_WORD, DOT.optional(), QUALIFIER_AFTER.optional()),
    rule(QUALIFIER_BEFORE, WEAK_CURRENCY_WORD, QUALIFIER_AFTER.optional()),
    rule(WEAK_CURRENCY_WORD, QUALIFIER_AFTER),
)
# an approximation before the preposition of a price: «(оценили) примерно в 3,4 млн долларов»
APPROXIMATELY_AT = rule(word("примерно", "приблизительно", "почти", "всего", "лишь", "ровно"),
                        word("в", "во"))
MONEY = either(
    rule(either(MODIFIERS, APPROXIMATELY_AT).optional(),
         either(RANGE, QUANTITY, VAGUE_RANGE, VAGUE_QUANTITY), CURRENCY),
    rule(NUMBER_TOKEN, DASH, CURRENCY_WORD),  # «20-долларовой»
    rule(MODIFIERS.optional(), either(SCALED_RANGE, SCALED_QUANTITY), WEAK_CURRENCY_WORD),
    rule(MODIFIERS.optional(), CURRENCY_SYMBOL, either(RANGE, QUANTITY)),
    rule(MODIFIERS.optional(), NUMBER_TOKEN, SCALE.optional(), CURRENCY_SYMBOL),
)

PERCENT_WORD = in_(words_of("percent"))
PERCENT_ADJECTIVE = in_(words_of("percent_adj"))
PERCENT = either(
    rule(MODIFIERS.optional(), either(RANGE, NUMBER), PERCENT_WORD),
    rule(NUMBER_TOKEN, DASH.optional(), PERCENT_ADJECTIVE),
)
POINTS = rule(
    MODIFIERS.optional(),
    NUMBER,
    either(rule(word("п"), DOT, word("п"), DOT.optional()), word("пп"),
           rule(PERCENT_ADJECTIVE, in_(words_of("points")))),
)
AMOUNT = rule(MODIFIERS.optional(), either(RANGE, QUANTITY))

KINDS = (("money", MONEY), ("points", POINTS), ("percent", PERCENT), ("amount", AMOUNT))
EXPRESSION = or_(MONEY, POINTS, PERCENT, AMOUNT)


# --- matching ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AmountMatch:
    """An amount expression: its span, kind, scaled value and unit."""

    start: int
    end: int
    kind: str  # money | percent | points | amount
    value: float  # the lower bound: of a range, of «более 5», of «несколько миллионов» (2e6)
    unit: str | None  # ISO 4217 code, "%", "п.п.", or None for a bare amount
    high: float | None = None  # the upper number of a range
    text: str = ""


class _Pretokenized(Tokenizer):
    """Hands the parser tokens already made, so the text is tokenized once."""

    def __call__(self, tokens):  # type: ignore[override]
        return tokens


TOKENIZER = Tokenizer()
NUMBER_PATTERN = re.compile(
    r"(?<![\d.,:/])(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?![.,:/]?\d)"
)
WINDOW = 14  # tokens an amount expression may span
LOOKBACK = 3  # tokens before a trigger that may start its expression


@lru_cache(maxsize=1)
def amount_parser() -> Parser:
    return Parser(EXPRESSION, tokenizer=_Pretokenized())


@lru_cache(maxsize=1)
def _triggers() -> frozenset[str]:
    return frozenset(words_of("number") | words_of("scale_alone") | words_of("vague")
                     | words_of("vague_scale") | words_of("scale_plural")
                     | _currency_forms(weak=False, symbol=True))


@lru_cache(maxsize=1)
def _starters() -> frozenset[str]:
    return frozenset(words_of("modifier") | words_of("modifier_lead") | words_of("modifier_tail")
                     | {"от", "с", "в", "во"} | _currency_forms(weak=False, symbol=True))


def tokenize(text: str) -> list[Token]:
    """yargy tokens of folded `text`, each written number merged into one INT token whose
    value is the number («45 386» → "45386", «4,4» → "4.4"); digits that are parts of dates,
    times or codes («22.02.2022», «16:24») become OTHER tokens."""
    folded = NBSP.sub("      ", fold(text))
    numbers = {m.start(): m for m in NUMBER_PATTERN.finditer(folded)}
    tokens: list[Token] = []
    skip_to = -1
    for token in TOKENIZER(folded):
        start = token.span.start
        if start < skip_to:
            continue
        match = numbers.get(start)
        if match is not None:
            value = re.sub(r"[ \u00a0\u202f]", "", match.group()).replace(",", ".")
            tokens.append(Token(value, Span(start, match.end()), "INT"))
            skip_to = match.end()
        elif token.type == "INT":
            tokens.append(Token(token.value, token.span, "OTHER"))
        else:
            tokens.append(token)
    return tokens


def find_amounts(text: str) -> list[AmountMatch]:
    """Every amount expression in `text`, in text order (longest match at each place)."""
    tokens = tokenize(text)
    parser, triggers, starters = amount_parser(), _triggers(), _starters()
    found: list[AmountMatch] = []
    covered = 0
    for index, token in enumerate(tokens):
        if index < covered or not (token.type == "INT" or token.value in triggers):
            continue
        first = index
        while first > max(covered, index - LOOKBACK) and tokens[first - 1].value in starters:
            first -= 1
        limit = _window_end(tokens, index)
        start = stop = 0
        for start in range(first, index + 1):
            stop = start + _longest_match(parser, tokens[start:limit])
            if stop > index:
                break
        if stop <= index:
            continue
        span = _trim(text, tokens[start:stop])
        match = read_amount(text, span) if span else None
        if match is not None:
            found.append(match)
        covered = stop
    return found


@lru_cache(maxsize=1)
def _inner_words() -> frozenset[str]:
    """Words that may stand inside or at the end of an expression after its first number."""
    return frozenset(set(amount_words()) | set(currency_words()) | DASHES
                     | {".", "до", "по", "п", "пп"}
                     | {stem for stem, _, _ in currency_qualifiers()["after"]})


def _window_end(tokens: list[Token], index: int) -> int:
    """Where the expression starting at the trigger `index` must end at the latest."""
    inner = _inner_words()
    end = index + 1
    limit = min(len(tokens), index + WINDOW)
    while end < limit:
        token = tokens[end]
        if not (token.type == "INT" or token.value in inner
                or (token.type == "RU" and _is_qualifier_before(token.value))):
            break
        end += 1
    return end


def _longest_match(parser: Parser, tokens: list[Token]) -> int:
    """How many of `tokens` the longest expression starting at the first one covers.

    The answer depends only on the tokens' shape (numbers stand for any number), so it is
    memoised by shape: most expressions repeat one of a few shapes («N млрд долларов»)."""
    shape = tuple("#" if t.type == "INT" else t.value for t in tokens)
    best = _SHAPES.get(shape)
    if best is None:
        chart = parser.chart(tokens, all=False)
        best = 0
        for state in chart.matches(parser.rule):
            best = max(best, state.stop_column.index)
        if len(_SHAPES) < 100_000:
            _SHAPES[shape] = best
    return best


_SHAPES: dict[tuple[str, ...], int] = {}


BARE_ABBREVIATIONS = {"долл"}  # written without their dot in a span: 3 of 3 in NEREL train


def _trim(text: str, tokens: list[Token]) -> list[Token]:
    """Drop a sentence-final abbreviation dot; refuse numbers glued to words or codes."""
    if len(tokens) > 1 and tokens[-1].value == ".":
        after = text[tokens[-1].span.stop : tokens[-1].span.stop + 3]
        if not after[:1].strip() and (not after.strip() or "\n" in after
                                      or after.lstrip()[:1].isupper()):
            tokens = tokens[:-1]
        elif tokens[-2].value.lower() in BARE_ABBREVIATIONS:
            tokens = tokens[:-1]  # «8,1 млрд долл. правительствам»: NEREL train leaves it out
    first, last = tokens[0], tokens[-1]
    if first.type == "INT" and GLUED_BEFORE.search(text[max(0, first.span.start - 2) :
                                                        first.span.start]):
        return []
    if last.type == "INT" and GLUED_AFTER.match(text[last.span.stop : last.span.stop + 2]):
        return []
    return tokens


def read_amount(text: str, tokens: list[Token]) -> AmountMatch | None:
    """The value and unit of the expression made of `tokens`."""
    words = amount_words()
    currencies = currency_words()
    quantities: list[list[float | None]] = []  # [number, scale]
    open_number = False
    currency: Currency | None = None
    qualifiers: list[tuple[str, str]] = []  # (position, word)
    unit: str | None = None
    for token in tokens:
        value = token.value
        classes = words.get(value, {})
        if token.type == "INT" or "number" in classes:
            number = float(value) if token.type == "INT" else classes["number"]
            if open_number and token.type != "INT" and quantities[-1][1] is None:
                quantities[-1][0] = (quantities[-1][0] or 0.0) + number
            else:
                quantities.append([number, None])
            open_number = token.type != "INT"
            continue
        open_number = False
        if "vague" in classes:
            quantities.append([classes["vague"], None])
        elif "vague_scale" in classes:
            if not quantities or quantities[-1][1] is not None:
                quantities.append([2.0 * classes["vague_scale"], None])
            else:
                quantities[-1][0] = (quantities[-1][0] or 1.0) * classes["vague_scale"]
        elif "scale" in classes:
            if not quantities or quantities[-1][1] is not None:
                # a scale word alone: one («миллион»), or at least two («миллиарды»)
                quantities.append([1.0 if "scale_alone" in classes else 2.0, classes["scale"]])
            else:
                quantities[-1][1] = classes["scale"]
        elif value in currencies and currency is None:
            currency = currencies[value]
        elif "percent" in classes:
            unit = unit or "%"
        elif "points" in classes or value in ("п", "пп"):
            unit = "п.п."
        elif token.type == "RU" and currency is None and _is_qualifier_before(value):
            qualifiers.append(("before", value))
        elif token.type == "RU" and _is_qualifier_after(value):
            qualifiers.append(("after", value))
        elif "percent_adj" in classes:
            unit = unit or "%"
    if not quantities:
        return None
    scale = next((q[1] for q in quantities if q[1] is not None), None)
    low = quantities[0][0] * (quantities[0][1] or scale or 1.0)
    high = None
    if len(quantities) > 1:
        high = quantities[-1][0] * (quantities[-1][1] or scale or 1.0)
    kind = "amount"
    if currency is not None:
        kind, unit = "money", _currency_code(currency, qualifiers)
        low, high = low * currency.factor, high * currency.factor if high is not None else None
    elif unit == "п.п.":
        kind = "points"
    elif unit == "%":
        kind = "percent"
    start, end = tokens[0].span.start, tokens[-1].span.stop
    return AmountMatch(start, end, kind, low, unit, high, text[start:end])


def _currency_code(currency: Currency, qualifiers: list[tuple[str, str]]) -> str:
    for position, value in qualifiers:
        for stem, lemma, code in currency_qualifiers()[position]:
            if lemma == currency.lemma and (value.startswith(stem) if position == "before"
                                            else value == stem):
                return code
    return currency.code
