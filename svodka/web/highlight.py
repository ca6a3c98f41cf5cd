"""An article's text cut into pieces for the article page, from the record's spans.

Quotes split the text into chunks (a chunk is inside one quote or outside all); inside a
chunk, entity mentions, dates and figures become marks (the longest first where they
overlap). Pieces are plain text: the template escapes every one of them, so the article's
own `<`, `&` and quotes are shown, never interpreted.
"""

from __future__ import annotations

from typing import Any

from svodka.web.labels import load_labels

TYPE_LABELS = load_labels()["type"]
PRIORITY = {"figure": 0, "date": 1, "entity": 2}


def highlight_text(record: dict[str, Any]) -> list[dict[str, Any]]:
    """[{quote: {...}|None, parts: [{text, kind, cls, title, href}]}] covering the text."""
    text = record["text"]
    entities = {e["id"]: e for e in record.get("entities") or []}
    chunks = _quote_chunks(record, entities, len(text))
    marks = _marks(record, entities)
    out = []
    for start, end, quote in chunks:
        parts: list[dict[str, Any]] = []
        at = start
        for mark in marks:
            m_start, m_end = max(mark["start"], start), min(mark["end"], end)
            if m_start < at or m_start >= m_end:
                continue
            if m_start > at:
                parts.append(_plain(text[at:m_start]))
            parts.append({**mark, "text": text[m_start:m_end]})
            at = m_end
        if at < end:
            parts.append(_plain(text[at:end]))
        out.append({"quote": quote, "parts": parts})
    return out


def _plain(text: str) -> dict[str, Any]:
    return {"text": text, "kind": None, "cls": "", "title": "", "href": None}


def _quote_chunks(record: dict[str, Any], entities: dict[str, Any],
                  length: int) -> list[tuple[int, int, dict[str, Any] | None]]:
    chunks: list[tuple[int, int, dict[str, Any] | None]] = []
    at = 0
    for quote in sorted(record.get("quotes") or [], key=lambda q: (q["start"], -q["end"])):
        if quote["start"] < at or quote["start"] >= quote["end"]:
            continue
        if quote["start"] > at:
            chunks.append((at, quote["start"], None))
        speaker = entities.get(quote.get("speaker") or "")
        name = quote.get("speaker_name") or (speaker["name"] if speaker else None)
        chunks.append((quote["start"], quote["end"], {
            "kind": quote["kind"], "speaker": name or "источник не указан",
            "href": f"/entity/{speaker['gid']}" if speaker and speaker.get("gid") else None}))
        at = quote["end"]
    if at < length:
        chunks.append((at, length, None))
    return chunks


def _marks(record: dict[str, Any], entities: dict[str, Any]) -> list[dict[str, Any]]:
    marks = []
    for entity in entities.values():
        gid = entity.get("gid")
        label = TYPE_LABELS.get(entity["type"], entity["type"].lower())
        for mention in entity.get("mentions") or []:
            marks.append({"start": mention["start"], "end": mention["end"], "kind": "entity",
                          "cls": f"ent ent-{entity['type'].lower()}",
                          "title": f"{entity['name']} — {label}",
                          "href": f"/entity/{gid}" if gid else None})
    for timex in record.get("timexes") or []:
        marks.append({"start": timex["start"], "end": timex["end"], "kind": "date",
                      "cls": "date", "title": f"дата: {timex['value']}", "href": None})
    for figure in record.get("figures") or []:
        what = f" — {figure['indicator']}" if figure.get("indicator") else ""
        marks.append({"start": figure["start"], "end": figure["end"], "kind": "figure",
                      "cls": "fig", "title": f"{figure['value']:g} {figure['unit']}{what}",
                      "href": None})
    marks.sort(key=lambda m: (m["start"], -(m["end"] - m["start"]), PRIORITY[m["kind"]]))
    kept, at = [], 0
    for mark in marks:
        if mark["start"] >= at and mark["end"] > mark["start"]:
            kept.append(mark)
            at = mark["end"]
    return kept
