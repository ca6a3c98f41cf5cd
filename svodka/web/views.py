"""HTML pages: the same read functions as /api/…, rendered by the templates in templates/.

Each view builds a plain context (read-side data plus SVG geometry from charts.py and the
highlighted text from highlight.py); templates only loop and test.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from svodka.store import queries
from svodka.web.charts import graph_layout, line_chart, timeline
from svodka.web.highlight import TYPE_LABELS, highlight_text
from svodka.web.labels import load_labels

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
EVENT_LABELS = load_labels()["event"]
PERIOD_LABELS = load_labels()["period"]
templates.env.globals.update(type_labels=TYPE_LABELS, event_labels=EVENT_LABELS,
                             hit_labels=load_labels()["hit"])


def _number(value: float) -> str:
    """12 345 678,9 — thousands by thin spaces, a decimal comma, no trailing zeros."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", "\u2009").replace(".", ",")


templates.env.filters["num"] = _number


def render(request: Request, name: str, code: int = 200, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context, status_code=code)


def error_page(request: Request, status: int, detail: str) -> HTMLResponse:
    return render(request, "error.html", status, title="Ошибка", status=status, detail=detail)


def _read(request: Request, function: Any, *args: Any, **kwargs: Any) -> Any:
    return request.app.state.backend.read(function, *args, **kwargs)


def _event_items(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"date": e["when"], "kind": EVENT_LABELS.get(e["type"], e["type"]),
             "label": f"{EVENT_LABELS.get(e['type'], e['type'])}: {e['title'] or ''}",
             "href": f"/article/{e['article_id']}"} for e in events]


def index(request: Request, q: str | None = None) -> HTMLResponse:
    """The search page; without a query, the latest articles and the main entities."""
    results = _read(request, queries.search, q, limit=100) if q and q.strip() else None
    found: dict[str, dict[str, Any]] = {}
    if results is not None:
        for hit in results["items"]:
            hit["pieces"] = _snippet_pieces(hit["snippet"], hit["highlights"])
            if hit["gid"]:
                found.setdefault(hit["gid"], {"gid": hit["gid"], "name": hit["snippet"]})
        results["items"] = [hit for hit in results["items"] if not hit["gid"]]
    return render(
        request, "index.html", title="Поиск", q=q or "", results=results,
        found_entities=list(found.values()),
        articles=_read(request, queries.list_articles, limit=15)["items"],
        people=_read(request, queries.list_entities, type="PERSON", limit=12)["items"],
        countries=_read(request, queries.list_entities, type="COUNTRY", limit=12)["items"])


def _snippet_pieces(snippet: str, highlights: list[list[int]]) -> list[dict[str, Any]]:
    pieces, at = [], 0
    for start, end in sorted(highlights):
        if start < at or end <= start:
            continue
        pieces += [{"text": snippet[at:start], "hit": False},
                   {"text": snippet[start:end], "hit": True}]
        at = end
    return pieces + [{"text": snippet[at:], "hit": False}]


def article(request: Request, article_id: str) -> HTMLResponse:
    record = _read(request, queries.get_article, article_id)
    entities = sorted(record.get("entities") or [],
                      key=lambda e: (-len(e.get("mentions") or []), e["name"]))
    return render(request, "article.html", title=record.get("title") or record["id"],
                  record=record, chunks=highlight_text(record), entities=entities)


def entity(request: Request, gid: str) -> HTMLResponse:
    data = _read(request, queries.get_entity, gid)
    items = _event_items(data["events"]) + [
        {"date": q["published"], "kind": "цитата", "label": q["text"][:80],
         "href": f"/article/{q['article_id']}"} for q in data["quotes"]] + [
        {"date": t["first_seen"], "kind": "должность", "label": t["title"], "href": None}
        for t in data["tenures"]]
    return render(request, "entity.html", title=data["name"], entity=data,
                  chart=timeline(items))


def entities(request: Request, q: str | None = None, type: str | None = None,
             offset: int = 0) -> HTMLResponse:
    page = _read(request, queries.list_entities, prefix=q, type=type, limit=100, offset=offset)
    return render(request, "entities.html", title="Сущности", page=page, q=q or "",
                  type=type or "", types=list(TYPE_LABELS))


def pair(request: Request, a: str | None = None, b: str | None = None) -> HTMLResponse:
    countries = _read(request, queries.list_entities, type="COUNTRY", limit=60)["items"]
    people = _read(request, queries.list_entities, type="PERSON", limit=60)["items"]
    if not (a and b):
        return render(request, "pair.html", title="Пара", rel=None, choices=countries + people,
                      a=a or "", b=b or "")
    rel = _read(request, queries.relation, a, b)
    items = _event_items(rel["events"]) + [
        {"date": d["date"] or d["published"], "kind": "документ", "label": d["name"],
         "href": f"/article/{d['article_id']}"} for d in _documents(request, rel)]
    series, indicator, connect = _main_series(rel["figures"])
    return render(request, "pair.html", title=f"{rel['a']['name']} — {rel['b']['name']}",
                  rel=rel, choices=countries + people, a=rel["a"]["gid"], b=rel["b"]["gid"],
                  events_chart=timeline(items),
                  figures_chart=line_chart(series), indicator=indicator,
                  connect=connect)


def _documents(request: Request, rel: dict[str, Any]) -> list[dict[str, Any]]:
    """Documents (agreements, declarations…) named in the articles mentioning both."""
    docs = []
    for row in rel["articles"]:
        record = _read(request, queries.get_article, row["id"])
        docs += [{**d, "article_id": row["id"], "published": row["published"]}
                 for d in record.get("documents") or []]
    return docs


def _main_series(figures: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], str | None, bool]:
    """The (indicator, unit, period kind) with the most dates among reported, non-forecast
    figures, explicit periods before publication dates — so yearly and quarterly values are
    never drawn on one line; one point per date (the latest article's value)."""
    groups: dict[tuple[str, str, str], dict[str, dict[str, Any]]] = {}
    reports: Counter[tuple[str, str]] = Counter()
    for f in sorted(figures, key=lambda f: (f["published"] or "", f["article_id"], f["id"])):
        if not f["indicator"] or f["forecast"] or f["unit"] == "%":
            continue
        period = f["period"] or ""
        kind = "quarter" if "Q" in period else "year" if len(period) == 4 else \
            "month" if len(period) == 7 else "day"
        date = period if kind != "day" else f["published"]
        if date:
            reports[(f["indicator"], f["unit"])] += 1
            groups.setdefault((f["indicator"], f["unit"], kind), {})[date] = {
                "date": date, "value": f["value"], "href": f"/article/{f['article_id']}",
                "label": f"{f['text']} ({f['published']})"}
    ranked = sorted(groups.items(), key=lambda kv: (kv[0][2] == "day", -len(kv[1]),
                                                    -reports[kv[0][:2]], kv[0]))
    for (indicator, unit, kind), points in ranked:
        if len(points) >= 2:
            return list(points.values()), f"{indicator}, {unit} ({PERIOD_LABELS[kind]})", True
    merged: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for (indicator, unit, _), points in ranked:
        merged.setdefault((indicator, unit), []).extend(points.values())
    for (indicator, unit), points in sorted(merged.items(), key=lambda kv: (
            -len(kv[1]), -reports[kv[0]], kv[0])):
        if len({p["date"] for p in points}) >= 2:  # periods differ: points only, no line
            return points, f"{indicator}, {unit} ({PERIOD_LABELS['mixed']})", False
    return [], None, False


def graph(request: Request, type: str | None = None) -> HTMLResponse:
    data = _read(request, queries.meetings_graph, type=type or None, nodes=40)
    return render(request, "graph.html", title="Кто с кем встречается", type=type or "",
                  graph=graph_layout(data), types=list(TYPE_LABELS))


def docs(request: Request) -> HTMLResponse:
    """The OpenAPI description as a page of our own (Swagger UI would need a CDN)."""
    spec = request.app.openapi()
    operations = []
    for path, methods in spec["paths"].items():
        for method, op in methods.items():
            operations.append({
                "id": op.get("operationId"), "method": method.upper(), "path": path,
                "description": op.get("description") or op.get("summary") or "",
                "parameters": [{"name": p["name"], "where": p["in"],
                                "required": p.get("required", False),
                                "description": p.get("description") or "",
                                "type": _schema_type(p.get("schema") or {})}
                               for p in op.get("parameters", [])]})
    return render(request, "docs.html", title="API", spec=spec, operations=operations)


def _schema_type(schema: dict[str, Any]) -> str:
    kinds = [s.get("type", "") for s in schema.get("anyOf", [schema])]
    return " | ".join(k for k in kinds if k and k != "null") or "string"


def mount_web(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    for path, view in (("/", index), ("/article/{article_id}", article),
                       ("/entity/{gid}", entity), ("/entities", entities), ("/pair", pair),
                       ("/graph", graph), ("/docs", docs)):
        app.add_api_route(path, view, methods=["GET"], response_class=HTMLResponse,
                          include_in_schema=False)
