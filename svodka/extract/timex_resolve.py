"""Normalising a temporal expression: its folded words → a value of the guidelines' format.

`resolve(words, anchor=article.published, tense=..., antecedent=...)`. Relative expressions
count from the anchor (UNRESOLVED without one); a day or month without a year takes the
occurrence nearest the anchor in the direction of the sentence's tense.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from svodka.grammars.dates import DASHES, ORDINAL_SUFFIXES, date_lexicon, is_roman

DURATION, SET, UNRESOLVED = "DURATION", "SET", "UNRESOLVED"
SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
ROMAN_VALUES = {"i": 1, "v": 5, "x": 10}
OPEN_END = {"с", "со", "начиная", "после"}
OPEN_START = {"до", "по", "вплоть"}
RANGE_TO = {"по", "до", "и", "/"}
THAT = {"тот", "того", "том", "той", "ту", "тех"}
THIS = {"этот", "этом", "эту", "этой", "этого", "этих"}
DURATION_WORDS = {"течение", "протяжении", "последние", "последних", "последний", "последним",
                  "последними", "последнюю", "последней", "ближайшие", "ближайших",
                  "ближайший", "ближайшую", "прошедшие", "минувшие", "прошлые", "полгода",
                  "полугода", "полвека", "последнее", "ближайшее"}
LOCATIVE_YEAR = {"году", "годах", "г", "гг"}


@dataclass
class Point:
    """What one side of an expression names; fields absent are None."""

    day: int | None = None
    month: int | None = None
    year: int | None = None
    season: str | None = None
    quarter: int | None = None
    half: int | None = None
    decade: str | None = None
    century: str | None = None
    weekday: int | None = None
    rel: int | None = None  # прошлый -1, этот 0, следующий +1
    rel_unit: str | None = None  # the unit a rel word governs («прошлой неделе»)
    relative_year: bool = False  # the year came from a rel word («этого года»)

    @property
    def empty(self) -> bool:
        return not self.relative_year and all(
            v is None for v in (self.day, self.month, self.year, self.season, self.quarter,
                                self.half, self.decade, self.century, self.weekday,
                                self.rel_unit))


def readings(word: str) -> tuple[tuple[str, str], ...]:
    return date_lexicon().get(word, ())


def reading(word: str, cls: str) -> str | None:
    for c, value in readings(word):
        if c == cls:
            return value
    return None


def quantity(words: Sequence[str]) -> float | None:
    """The count in an expression: digits, «7,5», number words; None if absent or vague."""
    total, seen = 0.0, False
    for i, w in enumerate(words):
        if w.isdigit() and not (i > 0 and words[i - 1] == ","):
            if i + 2 < len(words) and words[i + 1] == "," and words[i + 2].isdigit():
                return float(f"{w}.{words[i + 2]}")
            return float(w)
        value = reading(w, "num")
        if value is not None:
            total, seen = total + float(value), True
        elif reading(w, "vague_num") is not None:
            return None
    if "половиной" in words:
        total += 0.5
    return total if seen else 1.0


def unit_of(words: Sequence[str]) -> str | None:
    for w in reversed(words):
        value = reading(w, "unit")
        if value:
            return value
    return None


def parse_point(words: Sequence[str]) -> Point:
    point = Point()
    n = len(words)
    for i, w in enumerate(words):
        nxt = words[i + 1] if i + 1 < n else ""
        after = words[i + 2] if i + 2 < n else ""
        if w.isdigit():
            number = int(w)
            suffix = nxt in DASHES and after in ORDINAL_SUFFIXES
            follow = after if suffix else nxt
            if suffix and follow in ("е", "х", "ые", "ых", "ми") and w.endswith("0"):
                point.decade = _decade(w)
            elif reading(follow, "unit") == "century" or (follow in ("в", "вв") and not suffix):
                point.century = f"{number - 1:02d}XX"
            elif reading(follow, "unit") in ("quarter", "half"):
                _set_part(point, reading(follow, "unit"), number)
            elif reading(follow, "month"):
                point.day = number
            elif nxt in (".", "/") and after.isdigit() and point.day is None:  # 24.06.2016
                point.day, point.month = number, int(after)
            elif len(w) == 4 or follow in LOCATIVE_YEAR or (
                    i > 0 and words[i - 1] in ("в", "во") and follow not in ("лет", "года")):
                point.year = number
        elif (value := reading(w, "month") or reading(w, "month_adj")) is not None:
            point.month = int(value)
        elif (value := reading(w, "season")) is not None:
            point.season = value
        elif (value := reading(w, "weekday") or reading(w, "weekday_adj")) is not None:
            point.weekday = int(value)
        elif reading(w, "part") and n == i + 2 and reading(nxt, "unit") in ("year", "month",
                                                                             "week"):
            point.rel = 0
            point.relative_year = reading(nxt, "unit") == "year"
            point.rel_unit = None if point.relative_year else reading(nxt, "unit")
        elif (value := reading(w, "ordinal")) is not None and value.isdigit():
            unit = reading(nxt, "unit")
            if unit in ("quarter", "half"):
                _set_part(point, unit, int(value))
        elif is_roman(w) and reading(nxt, "unit") in ("century", "quarter", "half") or (
                is_roman(w) and nxt in ("в", "вв")):
            number = _roman(w)
            unit = reading(nxt, "unit") or "century"
            if unit == "century":
                point.century = f"{number - 1:02d}XX"
            else:
                _set_part(point, unit, number)
        elif (value := reading(w, "rel")) is not None and (w not in THIS or nxt not in ("же",)):
            if reading(nxt, "month"):
                point.rel = int(value)
                continue
            unit = reading(nxt, "unit") or ("season" if reading(nxt, "season") else None)
            unit = unit or ("weekday" if reading(nxt, "weekday") else None)
            point.rel = int(value)
            if unit == "year":
                point.relative_year = True
            elif unit and unit != "season" and unit != "weekday":
                point.rel_unit = unit
    return point


def _set_part(point: Point, unit: str | None, number: int) -> None:
    if unit == "quarter" and 1 <= number <= 4:
        point.quarter = number
    elif unit == "half" and number in (1, 2):
        point.half = number


def _decade(digits: str) -> str:
    if len(digits) == 4:
        return digits[:3] + "X"
    century = "20" if digits in ("00", "10") else "19"
    return century + digits[0] + "X"


def _roman(word: str) -> int:
    word = word.replace("х", "x").replace("і", "i")
    values = [ROMAN_VALUES[c] for c in word]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v
               for i, v in enumerate(values))


# --- values -------------------------------------------------------------------------


def resolve(words: Sequence[str], *, anchor: dt.date | None, tense: str | None = None,
            antecedent: str | None = None) -> str:
    """The value of an expression made of `words` (folded, as the grammar gives them).

    `tense` is the sentence's: "Past", "Fut" or "Pres" (None: unknown, read as past);
    `antecedent` is the value of the nearest earlier point («в тот же день»).
    """
    words = list(words)
    found = set(words)
    if _is_set(words):
        return SET
    if _is_present(words, found):
        return anchor.isoformat() if anchor else UNRESOLVED
    if "днях" in found or any(reading(w, "vague_adv") for w in words):
        return UNRESOLVED
    if "время" in found:
        return DURATION
    if "выходные" in found:
        return _weekend(anchor, tense)
    if found & {"назад", "через", "спустя", "позже", "позднее", "ранее", "раньше"} or (
            words[0] == "за" and "до" in found):
        return _shifted(words, anchor, tense, antecedent)
    if found & THAT or (found & THIS and (unit_of(words) == "day" or "же" in found)):
        value = _from_antecedent(words, antecedent, 0)
        if value == UNRESOLVED and found & THIS and anchor:
            return _from_antecedent(words, anchor.isoformat(), 0)
        return value
    if any(w.startswith(("летн", "дневн", "месячн", "недельн")) for w in words[1:]):
        return DURATION
    ranged = _range(words, anchor, tense)
    if ranged:
        return ranged
    point = parse_point(words)
    for w in words:
        shift = reading(w, "deictic") or reading(w, "deictic_adj")
        if shift is not None and point.day is None:
            if anchor is None:
                return UNRESOLVED
            day = anchor + dt.timedelta(days=int(shift))
            point = Point(day=day.day, month=day.month, year=day.year)
    if point.empty:
        return DURATION if unit_of(words) or _has_duration_word(words) else UNRESOLVED
    if point.rel_unit == "day":
        return _from_antecedent(words, antecedent, point.rel or 0)
    if found & DURATION_WORDS and point.year is None and point.month is None:
        return DURATION
    if words[0] == "на" and point.day and point.year is None:
        tense = "Fut"  # «перенесен на 30 июня»: a date something is set for
    value = point_value(point, anchor, tense)
    if value == UNRESOLVED:
        return value
    if words[0] in OPEN_END or words[:2] == ["начиная", "с"]:
        return value + "/"
    if words[0] in OPEN_START:
        return "/" + value
    return value


def _is_set(words: list[str]) -> bool:
    if any(reading(w, "set_adv") or reading(w, "set_adj") or reading(w, "every") for w in words):
        return True
    if words[0] == "по" and len(words) == 2:
        return True
    core = words[1:] if words[0] == "раз" else words
    return len(core) == 2 and core[0] == "в" and reading(core[1], "unit") not in (None, "weekend")


def _is_present(words: list[str], found: set[str]) -> bool:
    return bool(found & {"настоящее", "данный", "момент", "наши"}) or (
        "сегодняшний" in found and "день" in found) or words == ["на", "сегодня"]


def _has_duration_word(words: list[str]) -> bool:
    from svodka.grammars.dates import is_duration_adjective

    return any(is_duration_adjective(w) for w in words)


def _direction(tense: str | None) -> int:
    return {"Fut": 1, "Pres": 0}.get(tense or "", -1)


def _weekend(anchor: dt.date | None, tense: str | None) -> str:
    if anchor is None:
        return UNRESOLVED
    iso = anchor.isoweekday()
    if _direction(tense) > 0:
        saturday = anchor + dt.timedelta(days=(6 - iso) % 7 or 7)
    else:
        saturday = anchor - dt.timedelta(days=(iso - 6) % 7)
    return f"{saturday.isoformat()}/{(saturday + dt.timedelta(days=1)).isoformat()}"


def _from_antecedent(words: list[str], antecedent: str | None, shift: int) -> str:
    if not antecedent:
        return UNRESOLVED
    unit = unit_of(words)
    if unit == "day" and len(antecedent) >= 10 and antecedent[4] == "-" and antecedent[7] == "-":
        day = dt.date.fromisoformat(antecedent[:10])
        return (day + dt.timedelta(days=shift)).isoformat()
    if unit == "year" and antecedent[:4].isdigit():
        return str(int(antecedent[:4]) + shift)
    if unit == "month" and len(antecedent) >= 7 and antecedent[5:7].isdigit():
        return _month(int(antecedent[:4]), int(antecedent[5:7]) + shift)
    return UNRESOLVED


def _month(year: int, month: int) -> str:
    year += (month - 1) // 12
    return f"{year:04d}-{(month - 1) % 12 + 1:02d}"


def _week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _shifted(words: list[str], anchor: dt.date | None, tense: str | None,
             antecedent: str | None) -> str:
    """«N лет назад», «через N дней» from the anchor; «спустя», «годом позже», «за день до»
    and a past-tense «через» from the antecedent, at the unit's granularity."""
    count = quantity(words)
    unit = unit_of(words)
    if count is None or unit is None:
        return UNRESOLVED
    backwards = bool(set(words) & {"назад", "ранее", "раньше", "до"})
    sign = -1 if backwards else 1
    if set(words) & {"спустя", "позже", "позднее", "ранее", "раньше", "до"} or (
            "через" in words and tense == "Past"):
        anchor = _antecedent_day(antecedent, unit)
    if anchor is None:
        return UNRESOLVED
    if unit == "halfyear":
        unit, count = "month", 6 * count
    elif unit in ("halfcentury", "fiveyears"):
        unit, count = "year", (50 if unit == "halfcentury" else 5) * count
    if unit == "year" and count != int(count):
        unit, count = "month", count * 12
    n = sign * round(count)
    if unit == "day":
        return (anchor + dt.timedelta(days=n)).isoformat()
    if unit == "week":
        return _week(anchor + dt.timedelta(weeks=n))
    if unit == "month":
        return _month(anchor.year, anchor.month + n)
    if unit == "year":
        return str(anchor.year + n)
    if unit == "decade":
        return str(anchor.year + 10 * n)[:3] + "X"
    if unit == "century":
        return f"{(anchor.year + 100 * n) // 100:02d}XX"
    return UNRESOLVED


def _antecedent_day(antecedent: str | None, unit: str) -> dt.date | None:
    """The antecedent as a day, when it is at least as fine as the unit counted."""
    if not antecedent:
        return None
    need = {"day": 10, "week": 10, "month": 7}.get(unit, 4)
    if len(antecedent) < need or not antecedent[:4].isdigit():
        return None
    parts = [int(p) for p in antecedent[:10].split("-") if p.isdigit()]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 7, parts[2] if len(parts) > 2 else 1)


def _split(words: list[str]) -> int | None:
    for j in range(1, len(words) - 1):
        w, nxt = words[j], words[j + 1]
        if w in DASHES and nxt not in ORDINAL_SUFFIXES:
            return j
        if w in RANGE_TO and (w != "и" or words[0] == "между") or (
                w == "на" and words[0] in ("с", "со")):
            return j
    return None


def _range(words: list[str], anchor: dt.date | None, tense: str | None) -> str | None:
    j = _split(words)
    if j is None:
        return None
    left, right = parse_point(words[:j]), parse_point(words[j + 1 :])
    if right.empty:
        return None
    if left.empty:
        day = next((int(w) for w in words[:j] if w.isdigit() and len(w) <= 2), None)
        if day is None or right.month is None:
            month = next((reading(w, "month") for w in words[:j] if reading(w, "month")), None)
            if month is None:
                return None
            left.month = int(month)
        else:
            left.day = day
    if left.day and left.month is None:
        left.month = right.month
    if left.year is None and right.year is not None and (left.month or left.season):
        left.year = right.year
    if right.year is None and left.year is not None and (right.month or right.season):
        right.year = left.year
    start, end = point_value(left, anchor, tense), point_value(right, anchor, tense)
    return f"{start}/{end}"


def point_value(point: Point, anchor: dt.date | None, tense: str | None) -> str:
    """The value of a point; UNRESOLVED where it needs an anchor there is none of."""
    if point.decade:
        return point.decade
    if point.century:
        return point.century
    year = point.year
    if point.relative_year and point.year is None:
        if anchor is None:
            return UNRESOLVED
        year = anchor.year + (point.rel or 0)
    if point.rel_unit:
        return _relative_unit(point, anchor)
    if point.weekday is not None and point.day is None:
        return _weekday(point, anchor, tense)
    if point.quarter or point.half:
        year = year or _infer_year(anchor, tense, _quarter_month(point), 0)
        if year is None:
            return UNRESOLVED
        if point.quarter:
            return f"{year}-Q{point.quarter}"
        first = 1 if point.half == 1 else 7
        return f"{year}-{first:02d}/{year}-{first + 5:02d}"
    if point.season:
        return _season(point.season, year, anchor, tense, relative=point.rel)
    if point.month:
        if point.rel in (-1, 1):  # «в следующем мае»
            tense = "Fut" if point.rel > 0 else "Past"
        year = year or _infer_year(anchor, tense, point.month, point.day or 0)
        if year is None:
            return UNRESOLVED
        if point.day:
            try:
                return dt.date(year, point.month, point.day).isoformat()
            except ValueError:
                return UNRESOLVED
        return f"{year:04d}-{point.month:02d}"
    if year is not None:
        return f"{year:04d}"
    return UNRESOLVED


def _quarter_month(point: Point) -> int:
    return (point.quarter - 1) * 3 + 1 if point.quarter else (1 if point.half == 1 else 7)


def _infer_year(anchor: dt.date | None, tense: str | None, month: int, day: int) -> int | None:
    """The year of a month (and day) named without one, by the tense's direction."""
    if anchor is None:
        return None
    direction = _direction(tense)
    here = (anchor.month, anchor.day if day else 0)
    there = (month, day)
    if direction < 0:
        return anchor.year if there <= here else anchor.year - 1
    if direction > 0:
        return anchor.year if there >= here else anchor.year + 1
    candidates = [anchor.year - 1, anchor.year, anchor.year + 1]
    return min(candidates, key=lambda y: abs((dt.date(y, month, max(day, 1)) - anchor).days))


def _relative_unit(point: Point, anchor: dt.date | None) -> str:
    if anchor is None:
        return UNRESOLVED
    rel = point.rel or 0
    unit = point.rel_unit
    if unit == "week":
        return _week(anchor + dt.timedelta(weeks=rel))
    if unit == "month":
        return _month(anchor.year, anchor.month + rel)
    if unit == "quarter":
        quarter = (anchor.month - 1) // 3 + rel
        return f"{anchor.year + quarter // 4}-Q{quarter % 4 + 1}"
    if unit == "decade":
        return str(anchor.year + 10 * rel)[:3] + "X"
    if unit == "century":
        return f"{anchor.year // 100 + rel:02d}XX"
    if unit == "year":
        return str(anchor.year + rel)
    return UNRESOLVED


def _weekday(point: Point, anchor: dt.date | None, tense: str | None) -> str:
    if anchor is None:
        return UNRESOLVED
    iso, wanted = anchor.isoweekday(), point.weekday or 1
    rel = point.rel if point.rel in (-1, 1) else _direction(tense)
    if rel > 0:
        return (anchor + dt.timedelta(days=(wanted - iso) % 7 or 7)).isoformat()
    back = (iso - wanted) % 7 or 7
    return (anchor - dt.timedelta(days=back)).isoformat()


def _season(season: str, year: int | None, anchor: dt.date | None, tense: str | None, *,
            relative: int | None) -> str:
    if year is not None:
        return f"{year}-{season}"
    if anchor is None:
        return UNRESOLVED
    first, last = SEASON_MONTHS[season]
    month = anchor.month
    # the season's occurrence that holds the anchor or began most recently before it
    if season == "WI":
        current = anchor.year if month == 12 else anchor.year - 1
    else:
        current = anchor.year if month >= first else anchor.year - 1
    in_season = (first <= month <= last) if season != "WI" else month in (12, 1, 2)
    direction = relative if relative in (-1, 1) else _direction(tense)
    if direction > 0 and not in_season:
        current += 1
    elif direction < 0 and relative == -1 and in_season:
        current -= 1
    return f"{current}-{season}"
