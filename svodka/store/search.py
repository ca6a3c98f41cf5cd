"""Full-text search with Russian morphology: what is indexed, query terms, snippets.

Every searchable item of a record becomes one search document (`index_rows`): the article
(title and text), each quote (its text and the speaker's name) and each entity (its
canonical name and the surface forms of its mentions). A document is indexed as its
lemmas (`lemmatize`: words, pymorphy lemmas via `get_nlp().lemmatize`, folded),
so an inflected query finds the base form and the other way round. The backends match
and rank (SQLite FTS5 bm25, PostgreSQL ts_rank); this module turns their rows into hits
with a plain-text snippet of the original text and the offsets of the matched words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any

from svodka.store.base import SEARCH_KINDS, StoreError

# Words as razdel tokenises them (hyphenated words whole: «Ростов-на-Дону») but found by one
# regex, six times faster; a lemma's alphanumeric runs are the terms both FTS tokenisers
# keep whole, so what is indexed is exactly what is matched.
TOKEN = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
WORD = re.compile(r"[^\W_]+")
SNIPPET_CHARS = 200
SEARCH_VERSION = 2  # the migration that creates the index (0002_search)
INSERT_DOC = ("INSERT INTO search_docs (article_id, kind, ref, body, lemmas) "
              "VALUES (?, ?, ?, ?, ?)")
MAX_QUERY_TERMS = 32

# (kind, article_id, ref, title, published, score, body): what a backend's match returns
MatchRow = tuple[str, str, str | None, str | None, Any, float, str]


def terms(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, term) for every word of `text`: its lemma, or each part of a hyphenated
    one (`вице-премьеру` → вице, премьер), with the offsets of the word."""
    for match in TOKEN.finditer(text):
        for term in _word_terms(match.group()):
            yield match.start(), match.end(), term


@lru_cache(maxsize=200_000)
def _word_terms(word: str) -> tuple[str, ...]:
    from svodka.nlp import get_nlp

    return tuple(WORD.findall(get_nlp().lemmatize(word)))


def lemmatize(text: str) -> str:
    """The text as its terms separated by spaces: what the index stores."""
    return " ".join(term for _, _, term in terms(text))


def search_documents(record: dict[str, Any]) -> list[tuple[str, str | None, str]]:
    """(kind, ref, body) of every searchable item of a record."""
    title, text = record.get("title"), record["text"]
    docs: list[tuple[str, str | None, str]] = [
        ("article", None, f"{title}\n{text}" if title else text)]
    names = {e["id"]: e["name"] for e in record.get("entities") or []}
    for n, quote in enumerate(record.get("quotes") or []):
        speaker = quote.get("speaker_name") or names.get(quote.get("speaker"))
        body = text[quote["start"]:quote["end"]]
        docs.append(("quote", str(n), f"{body} — {speaker}" if speaker else body))
    for entity in record.get("entities") or []:
        forms = {lemmatize(entity["name"]): entity["name"]}  # one form per lemma text
        for mention in entity.get("mentions") or []:
            surface = text[mention["start"]:mention["end"]]
            forms.setdefault(lemmatize(surface), surface)
        docs.append(("entity", entity["id"], " · ".join(forms.values())))
    return docs


def index_rows(record: dict[str, Any]) -> list[tuple[str, str, str | None, str, str]]:
    """The search_docs rows of a record: (article_id, kind, ref, body, lemmas)."""
    return [(record["id"], kind, ref, body, lemmatize(body))
            for kind, ref, body in search_documents(record)]


def query_terms(text: str) -> tuple[str, ...]:
    """The distinct terms of a query, in order; none for a query without words.

    Terms are alphanumeric runs only, so FTS syntax typed by a user («"», «*», «OR»,
    «NEAR(») is never an operator: it is dropped or searched as a plain word."""
    if not isinstance(text, str):
        raise StoreError(f"search: the query must be text, not {type(text).__name__}")
    found = tuple(dict.fromkeys(term for _, _, term in terms(text)))
    if len(found) > MAX_QUERY_TERMS:
        raise StoreError(f"search: too many words in the query ({len(found)}, at most "
                         f"{MAX_QUERY_TERMS})")
    return found


def check_options(kinds: Sequence[str], limit: int, offset: int) -> tuple[str, ...]:
    """The kinds to search, after checking them and the page (StoreError names the bad one)."""
    if isinstance(kinds, str):
        kinds = (kinds,)
    unknown = [kind for kind in kinds if kind not in SEARCH_KINDS]
    if unknown or not kinds:
        raise StoreError(f"search: unknown kind {', '.join(map(repr, unknown)) or '(none)'}"
                         f" (use {', '.join(SEARCH_KINDS)})")
    if not isinstance(limit, int) or limit < 1:
        raise StoreError(f"search: limit must be a positive integer, not {limit!r}")
    if not isinstance(offset, int) or offset < 0:
        raise StoreError(f"search: offset must be 0 or more, not {offset!r}")
    return tuple(dict.fromkeys(kinds))


def make_hits(rows: Sequence[MatchRow], query: Sequence[str]) -> list[dict[str, Any]]:
    """A backend's match rows → hits: plain data with a snippet and its highlights."""
    hits = []
    for kind, article_id, ref, title, published, score, body in rows:
        text, highlights = snippet(body, query)
        hits.append({
            "kind": kind,
            "article_id": article_id,
            "ref": int(ref) if kind == "quote" and ref is not None else ref,
            "title": title,
            "published": published.isoformat() if hasattr(published, "isoformat")
            else published,
            "score": float(score),
            "snippet": text,
            "highlights": highlights,
        })
    return hits


def snippet(body: str, query: Sequence[str], *,
            width: int = SNIPPET_CHARS) -> tuple[str, list[list[int]]]:
    """About `width` characters of `body` around its best match (the window holding the
    most matched words), cut at spaces, with «…» where cut; and the [start, end] offsets
    into that snippet of every word whose lemma is a query term."""
    wanted = set(query)
    spans = sorted({(start, end) for start, end, term in terms(body) if term in wanted})
    if len(body) <= width:
        return body, [[start, end] for start, end in spans]
    begin = _best_window(spans, width)
    start = max(0, min(begin - width // 5, len(body) - width))
    end = min(len(body), start + width)
    if start > 0:
        space = body.find(" ", start, begin)
        start = space + 1 if space >= 0 else start
    if end < len(body):
        space = body.rfind(" ", max(start, end - 30), end)
        end = space if space > start else end
    prefix = "…" if start > 0 else ""
    text = prefix + body[start:end] + ("…" if end < len(body) else "")
    shift = len(prefix) - start
    return text, [[s + shift, e + shift] for s, e in spans if s >= start and e <= end]


def _best_window(spans: list[tuple[int, int]], width: int) -> int:
    """The start of the first matched word beginning the window with the most matches."""
    best, best_count = 0, 0
    for i, (start, _) in enumerate(spans):
        count = sum(1 for s, e in spans[i:] if e <= start + width * 4 // 5)
        if count > best_count:
            best, best_count = start, count
    return best
