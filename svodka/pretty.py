"""A readable terminal view of one article record (what `--format pretty` prints)."""

from __future__ import annotations

from typing import Any

TYPE_ORDER = ["PERSON", "ORGANIZATION", "COUNTRY", "CITY", "REGION", "LOCATION", "FACILITY",
              "PRODUCT"]


def render_pretty(record: dict[str, Any], *, width: int = 100) -> str:
    text = record["text"]
    lines = [
        "═" * width,
        f"{record['id']}  {record.get('published') or 'no date'}"
        + (f"  {record['source']}" if record.get("source") else ""),
    ]
    if record.get("title"):
        lines.append(record["title"])
    lines.append(f"{len(text):,} characters")
    names = {e["id"]: e["name"] for e in record.get("entities", [])}
    lines += _entities(record, text, names)
    lines += _positions(record, names)
    lines += _quotes(record, text)
    lines += _simple(record, text, names)
    for error in record.get("errors", []):
        lines.append(f"! {error}")
    return "\n".join(lines)


def _entities(record: dict[str, Any], text: str, names: dict[str, str]) -> list[str]:
    entities = record.get("entities", [])
    if not entities:
        return []
    out = ["", f"ENTITIES ({len(entities)})"]
    order = {t: i for i, t in enumerate(TYPE_ORDER)}
    for entity in sorted(entities, key=lambda e: (order.get(e["type"], 99), e["name"])):
        forms: dict[str, int] = {}
        for mention in entity["mentions"]:
            form = text[mention["start"] : mention["end"]]
            if mention.get("kind", "name") != "name":
                form += f" ({mention['kind']})"
            if mention.get("stands_for"):
                form += f" → {names.get(mention['stands_for'], mention['stands_for'])}"
            forms[form] = forms.get(form, 0) + 1
        shown = ", ".join(f"{f}×{n}" if n > 1 else f for f, n in forms.items())
        qid = f" [{entity['wikidata']}]" if entity.get("wikidata") else ""
        out.append(f"  {entity['type']:<13} {entity['name']}{qid}: {shown}")
    return out


def _positions(record: dict[str, Any], names: dict[str, str]) -> list[str]:
    positions = record.get("positions", [])
    if not positions:
        return []
    out = ["", f"POSTS ({len(positions)})"]
    for p in positions:
        where = ", ".join(names[x] for x in (p.get("organization"), p.get("country")) if x)
        out.append(f"  {names.get(p['person'], p['person'])}: {p['title']}"
                   + (f" — {where}" if where else ""))
    return out


def _quotes(record: dict[str, Any], text: str) -> list[str]:
    quotes = record.get("quotes", [])
    if not quotes:
        return []
    out = ["", f"QUOTES ({len(quotes)})"]
    for q in quotes:
        content = " ".join(text[q["start"] : q["end"]].split())
        if len(content) > 160:
            content = content[:157] + "…"
        out.append(f"  [{q['kind']}] {q.get('speaker_name') or '?'} ({q.get('cue') or '—'}): "
                   f"«{content}»")
    return out


def _simple(record: dict[str, Any], text: str, names: dict[str, str]) -> list[str]:
    out: list[str] = []
    if record.get("timexes"):
        out += ["", f"DATES ({len(record['timexes'])})"]
        out += [f"  {text[t['start']:t['end']]} → {t['value']}" for t in record["timexes"]]
    if record.get("events"):
        out += ["", f"EVENTS ({len(record['events'])})"]
        for e in record["events"]:
            who = ", ".join(names.get(p, p) for p in e.get("participants", []))
            place = names.get(e.get("place") or "", "")
            out.append(f"  {e['type']}: «{text[e['start']:e['end']]}» {who}"
                       + (f" @ {place}" if place else "") + (f" {e['date']}" if e.get("date") else ""))
    if record.get("figures"):
        out += ["", f"FIGURES ({len(record['figures'])})"]
        for f in record["figures"]:
            change = f.get("change")
            extra = f" ({change['direction']} {change['value']:g}{change['unit']})" if change else ""
            out.append(f"  {text[f['start']:f['end']]} = {f['value']:g} {f['unit']}"
                       f" {f.get('indicator') or ''} {f.get('period') or ''}"
                       f"{' forecast' if f.get('forecast') else ''}{extra}".rstrip())
    if record.get("documents"):
        out += ["", f"DOCUMENTS ({len(record['documents'])})"]
        for d in record["documents"]:
            out.append(f"  {d['name']} [{d.get('status') or '?'}] {d.get('date') or ''}".rstrip())
    if record.get("attributions"):
        out += ["", "SOURCES CITED: " + ", ".join(a["source"] for a in record["attributions"])]
    return out
