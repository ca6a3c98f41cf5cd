"""Input formats → Article.

`read_inputs(paths)` yields an `Article` for every article it can read and an
`InputError` (naming the file, the line where there is one, and the reason) for every
one it cannot; the caller decides what to do with each and the run goes on.

Formats: article files (header + body, or plain text), JSON Lines records
`{id?, text, published?, title?, source?, url?}`, directories (recursive, sorted), `.gz`
of any of these, and `-` for standard input.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from svodka.article import Article, text_id
from svodka.errors import InputError
from svodka.read.decode import DecodeError, decode
from svodka.read.header import parse_date, parse_header
from svodka.settings import Settings

TEXT_SUFFIXES = {".txt", ".text", ""}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
READ_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES

__all__ = ["iter_paths", "read_bytes", "read_inputs", "read_text"]


def read_inputs(
    paths: Iterable[str | Path], *, settings: Settings | None = None
) -> Iterator[Article | InputError]:
    settings = settings or Settings()
    for path in paths:
        if str(path) == "-":
            yield from read_bytes(sys.stdin.buffer.read(), "<stdin>", settings=settings)
            continue
        path = Path(path)
        if not path.exists():
            yield InputError(str(path), "no such file or directory")
            continue
        files = iter_paths(path) if path.is_dir() else [path]
        for file in files:
            yield from read_file(file, settings=settings)


def iter_paths(directory: Path) -> list[Path]:
    """Article files below `directory`, recursively, in sorted order (hidden ones left out)."""
    found = []
    for path in sorted(directory.rglob("*")):
        if not path.is_file() or any(p.startswith(".") for p in path.relative_to(directory).parts):
            continue
        if _logical_suffix(path) in READ_SUFFIXES:
            found.append(path)
    return found


def _logical_suffix(path: Path) -> str:
    suffixes = path.suffixes
    if suffixes and suffixes[-1] == ".gz":
        return suffixes[-2].lower() if len(suffixes) > 1 else ""
    return path.suffix.lower()


def _stem(path: Path) -> str:
    name = path.name
    name = name.removesuffix(".gz")
    return name.rsplit(".", 1)[0] if "." in name else name


def read_file(path: Path, *, settings: Settings) -> Iterator[Article | InputError]:
    source = str(path)
    try:
        size = path.stat().st_size
        if size > settings.max_file_bytes and _logical_suffix(path) not in JSONL_SUFFIXES:
            yield InputError(source, _too_large(size, settings.max_file_bytes))
            return
        with path.open("rb") as handle:
            data = handle.read()
        if path.suffix.lower() == ".gz":
            data = _gunzip(data, source, settings)
    except InputError as error:
        yield error
        return
    except OSError as error:
        yield InputError(source, f"cannot read: {error.strerror or error}")
        return
    yield from read_bytes(data, source, stem=_stem(path), settings=settings,
                          jsonl=_logical_suffix(path) in JSONL_SUFFIXES)


def _gunzip(data: bytes, source: str, settings: Settings) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as handle:
            out = handle.read(settings.max_file_bytes * 4 + 1)
    except (OSError, EOFError) as error:
        raise InputError(source, f"bad gzip data: {error}") from None
    return out


def _too_large(size: int, limit: int) -> str:
    return f"too large ({size / 1e6:.1f} MB; the limit is {limit / 1e6:.0f} MB)"


def read_bytes(
    data: bytes,
    source: str,
    *,
    stem: str | None = None,
    settings: Settings | None = None,
    jsonl: bool | None = None,
) -> Iterator[Article | InputError]:
    """Read one file's (or stdin's) bytes: JSON Lines when `jsonl` (or it looks so)."""
    settings = settings or Settings()
    if not data.strip():
        yield InputError(source, "empty file")
        return
    try:
        raw, _encoding = decode(data)
    except DecodeError as error:
        yield InputError(source, str(error))
        return
    if jsonl is None:
        jsonl = raw.lstrip("\ufeff \t\r\n").startswith("{")
    if jsonl:
        yield from read_jsonl(raw, source, settings=settings)
    else:
        yield read_text(raw, source, stem=stem, settings=settings)


def read_text(
    raw: str, source: str, *, stem: str | None = None, settings: Settings | None = None
) -> Article | InputError:
    """One article file: an optional header, then the body."""
    settings = settings or Settings()
    try:
        header = parse_header(raw)
    except ValueError as error:
        return InputError(source, f"header: {error}")
    text = raw[header.body_start :]
    if not text.strip():
        return InputError(source, "no article text after the header")
    if len(text) > settings.max_article_chars:
        return InputError(source, _too_long(len(text), settings.max_article_chars))
    return Article(
        text=text,
        id=stem or text_id(text),
        published=header.published,
        source=header.source,
        url=header.url,
        title=header.title,
        origin=source,
    )


def _too_long(chars: int, limit: int) -> str:
    return f"article too long ({chars:,} characters; the limit is {limit:,})"


def read_jsonl(raw: str, source: str, *, settings: Settings) -> Iterator[Article | InputError]:
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield InputError(source, f"malformed JSON ({error.msg}, column {error.colno})",
                             line=number)
            continue
        yield article_from_json(record, source, number, settings=settings)


def article_from_json(
    record: Any, source: str, line: int, *, settings: Settings
) -> Article | InputError:
    if not isinstance(record, dict):
        return InputError(source, "a record must be a JSON object", line=line)
    text = record.get("text")
    if text is None:
        return InputError(source, 'field "text" is missing', line=line)
    if not isinstance(text, str):
        return InputError(source, 'field "text" must be a string', line=line)
    if not text.strip():
        return InputError(source, 'field "text" is empty', line=line)
    if len(text) > settings.max_article_chars:
        return InputError(source, _too_long(len(text), settings.max_article_chars), line=line)
    published = record.get("published") or record.get("date")
    try:
        published_date = _as_date(published)
    except (TypeError, ValueError) as error:
        return InputError(source, f'field "published": {error}', line=line)
    fields = {}
    for key in ("title", "source", "url"):
        value = record.get(key)
        fields[key] = str(value) if value is not None else None
    return Article(
        text=text,
        id=str(record["id"]) if record.get("id") not in (None, "") else text_id(text),
        published=published_date,
        origin=f"{source}:{line}",
        **fields,
    )


def _as_date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise TypeError(f"bad date {value!r} (expected YYYY-MM-DD)")
    return parse_date(value)
