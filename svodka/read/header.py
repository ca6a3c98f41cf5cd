"""The metadata header of an article file.

Two forms, both removed from `text`:
- the compact one: ` date 2025-12-14 ` at the very start, the body on the same line;
- header lines `key: value` or `key value` (keys: date, published, title, source, url)
  before the body, ending at a blank line (or at the first line that is not a header line).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

HEADER_KEYS = ("date", "published", "title", "source", "url")
COMPACT = re.compile(r"\A[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})[ \t]+(?=\S)")
LINE = re.compile(
    r"[ \t]*(" + "|".join(HEADER_KEYS) + r")[ \t]*(?::[ \t]*|[ \t]+)(\S[^\n]*?)[ \t]*\r?(?:\n|\Z)"
)
BLANK = re.compile(r"[ \t]*\r?\n")


@dataclass
class Header:
    published: dt.date | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    body_start: int = 0  # where `text` begins in the decoded file


def parse_header(raw: str) -> Header:
    """Find the header at the start of `raw`. Raises ValueError for a bad date."""
    header = Header()
    compact = COMPACT.match(raw)
    if compact:
        header.published = parse_date(compact.group(1))
        header.body_start = compact.end()
        return header
    pos = 0
    fields: dict[str, str] = {}
    while True:
        line = LINE.match(raw, pos)
        if not line or line.group(1) in fields:
            break
        fields[line.group(1)] = line.group(2)
        pos = line.end()
    if not fields:
        return header
    while blank := BLANK.match(raw, pos):
        pos = blank.end()
    date = fields.get("date") or fields.get("published")
    header.published = parse_date(date) if date else None
    header.title = fields.get("title")
    header.source = fields.get("source")
    header.url = fields.get("url")
    header.body_start = pos
    return header


def parse_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise ValueError(f"bad date {value!r} (expected YYYY-MM-DD)") from None
