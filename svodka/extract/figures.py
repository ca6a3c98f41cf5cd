"""The figures layer: numbers that matter — money, percentages, counts — with their context.

The money grammar (`svodka.grammars.money`) finds the amount expressions; this stage decides
which are figures and reads each one's context from the article's tokens:
- a bare number is a count of the noun after it («35 проектов» → unit «проект»), an
  elliptical sum of money when a money figure stands near it («… 17 млрд рублей, 12 млрд из
  них …»), or nothing (dates, years, ordinals «23-м», numbers inside names «Су-35»);
- change: «вырос на 7,7% до $4,4 млрд» gives the 4.4e9 USD figure the change
  {7.7, "%", "up"}; the «7,7%» is a figure of its own and carries the same change (it is one);
- indicator: the nearest indicator noun of the sentence (lexicons/indicators.tsv), before the
  figure when there is one;
- period: a point-in-time timex of the figure's clause, else the nearest one before it in the
  sentence (read from `article.timexes` when the timexes stage ran; otherwise None);
- forecast: a cue word (lexicons/forecast_cues.txt) or a future-tense verb in the clause, or a
  period after the publication year.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache

from svodka.article import Article, Change, Figure, Timex, Token
from svodka.grammars.money import AmountMatch, find_amounts
from svodka.lexicons import lexicon_rows, lexicon_words
from svodka.pipeline import Stage

log = logging.getLogger(__name__)

CLAUSE_BREAKS = frozenset({",", ";", ":", "—", "–", "-", "(", ")", "«", "»", '"'})
NOT_PERIODS = frozenset({"DURATION", "SET", "UNRESOLVED"})
COUNT_MODIFIERS = frozenset({"ADJ", "DET"})  # words allowed between a number and its noun
PHRASE_ENDS = frozenset({"PUNCT", "ADP", "VERB", "AUX", "CCONJ", "SCONJ"})
DEFAULT_CURRENCY = "RUB"  # a sum of money that names no currency in Russian news
SCALES = frozenset({"тыс", "тысяча", "млн", "миллион", "млрд", "миллиард", "трлн", "триллион"})


@lru_cache(maxsize=1)
def indicator_phrases() -> dict[str, tuple[tuple[str, ...], ...]]:
    """First lemma → the indicator phrases starting with it, longest first."""
    phrases: dict[str, list[tuple[str, ...]]] = {}
    for (phrase,) in lexicon_rows("indicators.tsv"):
        words = tuple(phrase.split())
        phrases.setdefault(words[0], []).append(words)
    return {first: tuple(sorted(items, key=len, reverse=True)) for first, items in phrases.items()}


@lru_cache(maxsize=1)
def count_exclusions() -> dict[str, frozenset[str]]:
    """Position ("after" | "before") → lemmas that make a number no count («3 года», «ст. 5»)."""
    rows: dict[str, set[str]] = {"after": set(), "before": set()}
    for lemma, position in lexicon_rows("count_exclusions.tsv"):
        rows[position].add(lemma)
    return {position: frozenset(lemmas) for position, lemmas in rows.items()}


@lru_cache(maxsize=1)
def change_directions() -> dict[str, str]:
    return {lemma: direction for lemma, direction in lexicon_rows("change_words.tsv")}


@dataclass
class Found:
    """A figure in the making: its amount, the tokens around it, its clause."""

    match: AmountMatch
    start: int
    end: int
    unit: str
    value: float
    sentence: int
    first: int  # index of its first token in article.tokens
    last: int  # index after its last token
    change: Change | None = None


def extract_figures(article: Article) -> list[Figure]:
    found = [f for f in (_figure(article, m) for m in find_amounts(article.text)) if f]
    _elliptical_amounts(article, found)
    found = [f for f in found if f.unit]
    _link_changes(article, found)
    figures = []
    for item in found:
        period = _period(article, item)
        figures.append(Figure(
            start=item.start, end=item.end, value=item.value, unit=item.unit,
            indicator=_indicator(article, item), period=period,
            forecast=_forecast(article, item, period), change=item.change,
        ))
    return figures


# --- which amounts are figures -------------------------------------------------------


def _figure(article: Article, match: AmountMatch) -> Found | None:
    first, last = _token_range(article, match.start, match.end)
    if first is None:
        return None
    sentence = article.tokens[first].sentence
    found = Found(match, match.start, match.end, match.unit or "", match.value, sentence,
                  first, last)
    if match.kind != "amount":
        return found
    if _in_timex(article, match):
        return None
    noun = _counted_noun(article, match, last)
    if noun is None:
        # a bare «12 млрд» may be elliptical money: kept unitless until all figures are known
        ends = last >= len(article.tokens) or article.tokens[last].pos in PHRASE_ENDS
        return found if _has_scale(article, first, last) and ends else None
    found.unit = noun.lemma
    return found


def _has_scale(article: Article, first: int, last: int) -> bool:
    return any(t.lemma in SCALES for t in article.tokens[first:last])


def _token_range(article: Article, start: int, end: int) -> tuple[int | None, int]:
    first = None
    last = 0
    for index in range(_first_token_at(article, start), len(article.tokens)):
        token = article.tokens[index]
        if token.start >= end:
            break
        if token.end > start:
            first = index if first is None else first
            last = index + 1
    return first, last


def _first_token_at(article: Article, offset: int) -> int:
    lo, hi = 0, len(article.tokens)
    while lo < hi:
        mid = (lo + hi) // 2
        if article.tokens[mid].end <= offset:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _in_timex(article: Article, match: AmountMatch) -> bool:
    return any(t.start < match.end and match.start < t.end for t in article.timexes)


def _counted_noun(article: Article, match: AmountMatch, last: int) -> Token | None:
    """The noun a bare number counts («35 проектов», «120 тысяч тонн»), or None."""
    first = _first_token_at(article, match.start)
    if not any(ch.isdigit() for ch in match.text) and not _has_scale(article, first, last):
        return None
    tokens = article.tokens
    index = last
    while index < len(tokens) and index < last + 3 and tokens[index].pos in COUNT_MODIFIERS:
        index += 1
    if index >= len(tokens) or tokens[index].sentence != tokens[last - 1].sentence:
        return None
    noun = tokens[index]
    exclusions = count_exclusions()
    if noun.pos != "NOUN" or noun.lemma in exclusions["after"]:
        return None
    if first > 0 and tokens[first - 1].lemma in exclusions["before"] or (
            first > 1 and tokens[first - 1].text == "." and tokens[first - 2].lemma
            in exclusions["before"]):
        return None
    digits = match.text.split()[-1] if match.text.split() else ""
    singular = digits.isdigit() and digits.endswith("1") and not digits.endswith("11")
    if noun.feats.get("Case") != "Gen" and not singular:
        return None
    if _is_year(match) and noun.lemma != "человек":
        return None
    return noun


def _is_year(match: AmountMatch) -> bool:
    return match.text.isdigit() and len(match.text) == 4 and 1800 <= match.value <= 2100


def _elliptical_amounts(article: Article, found: list[Found]) -> None:
    """A bare scaled amount («316 млн») takes the unit of the nearest money or count figure
    in its sentence or the one before («17 млрд рублей … 12 млрд»; «10 тысяч человек …
    140 тысяч»); without one it is dropped."""
    for item in found:
        if item.unit:
            continue
        near = [other for other in found if other.unit and other.match.kind in ("money",
                                                                              "amount")
                and 0 <= item.sentence - other.sentence <= 1]
        before = [other for other in near if other.start < item.start]
        after = [other for other in near if other.sentence == item.sentence
                 and other.start > item.end]
        source = before[-1] if before else (after[0] if after else None)
        if source is not None:
            item.unit = source.unit
        elif _money_context(article, item):  # «обошлись в 930 тысяч», «стоимостью 5 млн»
            money = [other.unit for other in found if other.unit and other.match.kind == "money"]
            item.unit = max(set(money), key=money.count) if money else DEFAULT_CURRENCY


def _money_context(article: Article, item: Found) -> bool:
    """A word of price or cost just before the amount (past «в», «на», «около»)."""
    j = item.first - 1
    while j >= 0 and j >= item.first - 4 and article.tokens[j].lemma in (
            "в", "на", "около", "до", "порядка", "почти", "примерно", "свыше", "более"):
        j -= 1
    return j >= 0 and article.tokens[j].lemma in lexicon_words("money_context.txt")


# --- change ---------------------------------------------------------------------------


def _link_changes(article: Article, found: list[Found]) -> None:
    """«вырос на 7,7% до $4,4 млрд»: the «на» amount is a change, the «до» amount its level."""
    tokens = article.tokens
    directions = change_directions()
    for index, item in enumerate(found):
        if item.first == 0 or tokens[item.first - 1].lemma != "на":
            continue
        direction = _clause_direction(article, item, directions)
        if direction is None:
            continue
        item.change = Change(item.value, item.unit, direction)
        for level in found[index + 1 :]:
            between = tokens[item.last : level.first]
            if any(t.text in CLAUSE_BREAKS for t in between) or len(between) > 2:
                break
            if level.match.text.lower().startswith("до ") or (
                    between and between[-1].lemma == "до"):
                _drop_leading_do(article, level)
                level.change = Change(item.value, item.unit, direction)
                break
    for item in found:
        if item.change is None and item.match.text.lower().startswith("до "):
            before = tokens[max(0, item.first - 3) : item.first]
            if any(t.lemma in directions for t in before):
                _drop_leading_do(article, item)


def _drop_leading_do(article: Article, item: Found) -> None:
    """A level after a change verb («вырос до $4,4 млрд») is a target, not a bound."""
    if item.match.text.lower().startswith("до "):
        item.first += 1
        item.start = article.tokens[item.first].start


def _clause_direction(article: Article, item: Found, directions: dict[str, str]) -> str | None:
    tokens = article.tokens
    lo, hi = _clause(article, item)
    before = [t for t in tokens[lo : item.first] if t.lemma in directions]
    if before:
        return directions[before[-1].lemma]
    after = [t for t in tokens[item.last : hi] if t.lemma in directions]
    return directions[after[0].lemma] if after else None


def _clause(article: Article, item: Found) -> tuple[int, int]:
    """Token range of the clause holding the figure (sentence split at commas, dashes…)."""
    sentence = article.sentences[item.sentence]
    tokens = article.tokens
    lo = item.first
    while lo > sentence.first_token and tokens[lo - 1].text not in CLAUSE_BREAKS:
        lo -= 1
    hi = item.last
    while hi < sentence.last_token and tokens[hi].text not in CLAUSE_BREAKS:
        hi += 1
    return lo, hi


# --- indicator, period, forecast -------------------------------------------------------


def _indicator(article: Article, item: Found) -> str | None:
    phrases = indicator_phrases()
    sentence = article.sentences[item.sentence]
    tokens = article.tokens
    found: list[tuple[int, str]] = []
    index = sentence.first_token
    while index < sentence.last_token:
        matched = None
        for phrase in phrases.get(tokens[index].lemma, ()):
            end = index + len(phrase)
            if end <= sentence.last_token and tuple(
                    t.lemma for t in tokens[index:end]) == phrase:
                matched = phrase
                break
        if matched and not item.first <= index < item.last:
            found.append((index, " ".join(matched)))
            index += len(matched)
        else:
            index += 1
    before = [name for position, name in found if position < item.first]
    if before:
        return before[-1]
    _, hi = _clause(article, item)
    after = [name for position, name in found if item.last <= position < hi]
    return after[0] if after else None


def _period(article: Article, item: Found) -> str | None:
    sentence = article.sentences[item.sentence]
    candidates = [t for t in article.timexes
                  if sentence.start <= t.start < sentence.end and t.value not in NOT_PERIODS
                  and not (t.start < item.end and item.start < t.end)]
    if not candidates:
        return None
    lo, hi = _clause(article, item)
    clause_start = article.tokens[lo].start
    clause_end = article.tokens[hi - 1].end
    inside = [t for t in candidates if clause_start <= t.start < clause_end]
    if inside:
        return _nearest(inside, item).value
    before = [t for t in candidates if t.end <= item.start]
    return before[-1].value if before else None


def _nearest(timexes: list[Timex], item: Found) -> Timex:
    return min(timexes, key=lambda t: min(abs(t.end - item.start), abs(item.end - t.start)))


def _forecast(article: Article, item: Found, period: str | None) -> bool:
    cues = lexicon_words("forecast_cues.txt")
    lo, hi = _clause(article, item)
    for token in article.tokens[lo:hi]:
        if token.lemma in cues or token.feats.get("Tense") == "Fut":
            return True
    if period and article.published and period[:4].isdigit():
        return int(period[:4]) > article.published.year
    return False


def run(article: Article) -> None:
    article.figures = extract_figures(article)


STAGE = Stage(name="figures", requires=("tokens",), assigns=("figures",), run=run)
