"""Quotation marks: which marks open and close, paired into quoted segments.

Russian news uses «…», „…“, “…” and straight "…" quotes, nested in any mix. Angled and
low marks say which way they face; a straight or curly mark is judged by its neighbours
(an opener follows a space or the start and precedes a word). Pairs come from a stack;
a mark with no partner is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

OPEN_BEFORE = set(" \t\n\r(([{«„:—–-/")
CLOSE_AFTER = set(" \t\n\r.,;:!?)]}»“”—–-…/")
FAMILY = {"«": "»", "„": "“", "“": "”", '"': '"'}


@dataclass(frozen=True, slots=True)
class Quoted:
    """A quoted segment: `open` and `close` are the offsets of its two marks."""

    open: int
    close: int
    depth: int = 0  # 0 for a top-level segment

    @property
    def start(self) -> int:  # first character inside the marks
        return self.open + 1

    @property
    def end(self) -> int:  # the closing mark (exclusive end of the content)
        return self.close


def _role(text: str, i: int) -> str | None:
    """'open', 'close' or None for the mark at `i`."""
    mark = text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if mark in "«„":
        return "open"
    if mark in "»”":
        return "close"
    opens = before in OPEN_BEFORE or before in '"“'
    closes = after in CLOSE_AFTER or after in '"”»'
    if opens and not after.isspace():
        return "open"
    if closes and not before.isspace():
        return "close"
    return None


def find_quoted(text: str) -> list[Quoted]:
    """Every paired quoted segment of `text`, ordered by opening mark."""
    stack: list[tuple[int, str]] = []  # (offset, expected closer)
    found: list[Quoted] = []
    for i, ch in enumerate(text):
        if ch not in '«»„“”"':
            continue
        role = _role(text, i)
        if ch == "“":  # closes „…“, or opens English “…”
            if any(c == "“" for _, c in stack):
                role = "close"
            elif role == "close":
                role = None
        if role == "open" and ch == '"' and stack and stack[-1][1] == '"' and (
                i + 1 < len(text) and text[i + 1] in CLOSE_AFTER):
            role = "close"
        if role == "open":
            stack.append((i, FAMILY[ch]))
        elif role == "close":
            accepted = {ch} | ({"“", "”"} if ch in "“”" else set())
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][1] in accepted:
                    start = stack[depth][0]
                    del stack[depth:]
                    found.append(Quoted(start, i, depth))
                    break
    found.sort(key=lambda q: q.open)
    return found


def top_level(quoted: list[Quoted]) -> list[Quoted]:
    """The segments not inside another segment."""
    out: list[Quoted] = []
    for q in quoted:
        if out and out[-1].open < q.open and q.close < out[-1].close:
            continue
        out.append(q)
    return out


def inside(quoted: list[Quoted], start: int, end: int) -> Quoted | None:
    """The top-level segment whose content contains [start, end), if any."""
    for q in quoted:
        if q.start <= start and end <= q.end:
            return q
    return None
