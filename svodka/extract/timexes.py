"""The timexes stage: every temporal expression of the article, normalised.

The dates grammar finds the spans; each is resolved against the article's anchor
(`published`) in the direction of its sentence's tense, with the nearest earlier point as
the antecedent of «в тот же день».
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from importlib import resources

from svodka.article import Article, Timex, Token
from svodka.extract.timex_resolve import reading, resolve
from svodka.grammars.dates import DateMatch, find_dates
from svodka.pipeline import Stage

POINT_VALUE = re.compile(r"^\d{4}(-\d\d){0,2}$")
FIGURE_BEFORE = re.compile(r"\d[\d\s,.]*(\s*[%$€₽]|\s+[а-яёa-z.]+){0,3}\s*$", re.IGNORECASE)
COUNTED_AFTER = re.compile(r"^\s*([а-яёa-z%$€№]|-[а-яё])", re.IGNORECASE)
NAME_BEFORE = re.compile(r"[A-Za-zА-Яа-яЁё№#$/]$")
IN_NAME = re.compile(r"[A-Za-zА-Яа-яЁё]-$")  # «Олимпиада-2016»: a year inside a name
YEARS_AGE = re.compile(r"(?<![\d.,])\d{1,3}\s+(год|года|году|лет)$")
AGE_NUMBER = re.compile(r"^(в|с|со|до|от|на)\s+(\d{1,3})\s+(год|года|году|лет)$")
SENTENCE_WORDS = {"лишения", "заключения", "колонии", "тюрьмы", "тюремного", "условно"}
WEEKDAY_NOUNS = {"среда", "среды", "среде", "средой", "среду"}  # also «окружающей среды»
QUOTE_MARKS = "\"«»„“”'"
YEARS_WORDS = re.compile(r"^(год|года|году|лет)$")
NOUN_LIKE = {"NOUN", "PROPN", "ADJ", "DET", "NUM"}


@lru_cache(maxsize=1)
def age_words() -> dict[str, set[str]]:
    """Words that make «N лет» an age, and the nouns that keep «N-летний» a length."""
    text = resources.files("svodka.lexicons").joinpath("dates_age.tsv").read_text("utf-8")
    classes: dict[str, set[str]] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            word, cls = line.split("\t")[:2]
            classes.setdefault(cls, set()).add(word)
    return classes


def extract_timexes(article: Article) -> list[Timex]:
    """The article's timexes in text order."""
    timexes: list[Timex] = []
    antecedent: str | None = None
    starts = [token.start for token in article.tokens]
    for match in find_dates(article.text):
        if not is_temporal(match, article.text) or not _not_age_or_name(match, article, starts):
            continue
        value = resolve(match.words, anchor=article.published,
                        tense=sentence_tense(article, match.start, match.end),
                        antecedent=antecedent)
        timexes.append(Timex(match.start, match.end, value))
        if POINT_VALUE.match(value):
            antecedent = value
    return timexes


def is_temporal(match: DateMatch, text: str) -> bool:
    """False for matches that are numbers, not dates: a bare number, «в год» after no figure."""
    words = match.words
    if words in (("в", "год"), ("в", "месяц"), ("в", "день"), ("в", "неделю"), ("в", "сутки")):
        before = text[max(0, match.start - 40) : match.start]
        return FIGURE_BEFORE.search(before) is not None
    if len(words) == 1 and words[0].isdigit():
        before, after = text[max(0, match.start - 2) : match.start], text[match.end :]
        if IN_NAME.search(before):
            return True
        return not (NAME_BEFORE.search(before) or COUNTED_AFTER.match(after))
    if len(words) == 1 and words[0] in WEEKDAY_NOUNS:
        return False
    # the start of a title: «Один день Ивана Денисовича», «Сегодня»
    return not (match.start and text[match.start - 1] in QUOTE_MARKS
                and text[match.start].isupper())


def _not_age_or_name(match: DateMatch, article: Article, starts: list[int]) -> bool:
    """False for an age («в возрасте 60 лет», «40-летний сын») and for «накануне» + noun."""
    if not article.tokens:
        return True
    first = bisect.bisect_left(starts, match.start)
    last = bisect.bisect_left(starts, match.end)
    before = [t.text.lower() for t in article.tokens[max(0, first - 2) : first]]
    after = article.tokens[last] if last < len(article.tokens) else None
    words = age_words()
    text = article.text[match.start : match.end].lower()
    if match.words == ("накануне",):
        return after is None or after.pos not in NOUN_LIKE or after.feats.get("Case") != "Gen"
    if YEARS_AGE.search(text) or (len(match.words) == 2 and reading(match.words[0], "num")
                                  and YEARS_WORDS.match(match.words[1])):
        if any(w in words["age_cue"] for w in before):
            return False
        number = AGE_NUMBER.match(text)
        if number and (number.group(1) in ("в", "с", "со") or int(number.group(2)) >= 14) and (
                after is None or after.text.lower() not in SENTENCE_WORDS):
            return False
        previous = article.tokens[first - 1] if first else None
        if previous is not None and previous.feats.get("Case") == "Dat" and previous.pos in (
                "NOUN", "PROPN", "PRON"):
            return False  # «Принцу Филиппу 97 лет»
        return after is None or after.text.lower() not in words["after_age"]
    if "летн" in text and len(match.words) <= 3:
        return after is not None and after.lemma in words["duration_noun"]
    return True


def sentence_tense(article: Article, start: int, end: int) -> str | None:
    """The tense of the verb nearest the span in its sentence: Past, Fut or Pres.

    A present-tense perfective verb («увеличится») is future.
    """
    index = article.sentence_at(start)
    if index is None:
        return None
    best: tuple[int, Token] | None = None
    for token in article.sentence_tokens(index):
        if "Tense" not in token.feats:
            continue
        distance = start - token.end if token.end <= start else max(0, token.start - end)
        if best is None or distance < best[0]:
            best = (distance, token)
    if best is None:
        return None
    feats = best[1].feats
    if feats["Tense"] == "Pres" and feats.get("Aspect") == "Perf":
        return "Fut"
    return feats["Tense"]


def run(article: Article) -> None:
    article.timexes = extract_timexes(article)


STAGE = Stage(name="timexes", requires=("tokens",), assigns=("timexes",), run=run)
