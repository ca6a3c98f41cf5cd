"""SVG geometry for the pages, computed here so templates only loop: a timeline of dated
items, a line chart of figures over time, and a laid-out graph of who meets whom."""

from __future__ import annotations

import datetime as dt
import math
import random
import re
from typing import Any

MONTHS = ("янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек")
PERIOD = re.compile(r"^(\d{4})(?:-(?:(\d{2})|Q([1-4])|H([12])))?")


def day_of(value: str | None) -> dt.date | None:
    """The first day a date or period value names: 2025-04-28, 2025-04, 2025-Q2, 2025."""
    match = PERIOD.match(value or "")
    if not match:
        return None
    year, month, quarter, half = match.groups()
    if value and len(value) >= 10:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            pass
    first = int(month) if month else (int(quarter) - 1) * 3 + 1 if quarter else \
        (int(half) - 1) * 6 + 1 if half else 1
    return dt.date(int(year), min(max(first, 1), 12), 1)


def _scale(days: list[dt.date], left: float, right: float) -> tuple[Any, list[dict[str, Any]]]:
    low, high = min(days), max(days)
    if low == high:
        low, high = low - dt.timedelta(days=15), high + dt.timedelta(days=15)
    span = (high - low).days

    def x(day: dt.date) -> float:
        return round(left + (right - left) * (day - low).days / span, 1)

    ticks, month = [], dt.date(low.year, low.month, 1)
    step = max(1, math.ceil(span / 30 / 10))
    while month <= high:
        if month >= low:
            ticks.append({"x": x(month), "label": f"{MONTHS[month.month - 1]} {month.year}"})
        total = month.year * 12 + month.month - 1 + step
        month = dt.date(total // 12, total % 12 + 1, 1)
    return x, ticks


def timeline(items: list[dict[str, Any]], *, width: int = 900) -> dict[str, Any] | None:
    """Items with `date`, `label`, `href`, `kind` → points on lanes (one lane per kind)."""
    dated = [(day_of(item.get("date")), item) for item in items]
    dated = [(day, item) for day, item in dated if day]
    if not dated:
        return None
    kinds = sorted({item["kind"] for _, item in dated})
    x, ticks = _scale([day for day, _ in dated], 130, width - 40)
    lane = 26
    points = [{**item, "x": x(day), "y": 30 + lane * kinds.index(item["kind"]),
               "day": day.isoformat()} for day, item in dated]
    height = 30 + lane * len(kinds) + 20
    return {"width": width, "height": height, "points": points, "ticks": ticks,
            "axis_y": height - 22,
            "lanes": [{"label": kind, "y": 30 + lane * i} for i, kind in enumerate(kinds)]}


def line_chart(points: list[dict[str, Any]], *, width: int = 900,
               height: int = 260) -> dict[str, Any] | None:
    """Points with `date`, `value`, `label` → a polyline with axes (at least two dates)."""
    dated = sorted(((day_of(p.get("date")), p) for p in points), key=lambda dp: (
        dp[0] or dt.date.min, dp[1]["value"]))
    dated = [(day, p) for day, p in dated if day]
    if len({day for day, _ in dated}) < 2:
        return None
    x, ticks = _scale([day for day, _ in dated], 70, width - 40)
    top = max(p["value"] for _, p in dated) * 1.1 or 1.0
    bottom = height - 30

    def y(value: float) -> float:
        return round(bottom - (bottom - 15) * value / top, 1)

    marks = [{**p, "x": x(day), "y": y(p["value"]), "day": day.isoformat(),
              "short": _short(p["value"])} for day, p in dated]
    return {"width": width, "height": height, "bottom": bottom, "ticks": ticks,
            "path": " ".join(f"{m['x']},{m['y']}" for m in marks), "points": marks,
            "yticks": [{"y": y(top * k / 4), "label": _short(top * k / 4)} for k in range(5)]}


def _short(value: float) -> str:
    for size, suffix in ((1e12, " трлн"), (1e9, " млрд"), (1e6, " млн"), (1e3, " тыс.")):
        if abs(value) >= size:
            return f"{value / size:.1f}{suffix}"
    return f"{value:.1f}"


def graph_layout(graph: dict[str, Any], *, width: int = 900, height: int = 640,
                 rounds: int = 300) -> dict[str, Any]:
    """A force-directed layout (deterministic: seeded), nodes sized by their weight."""
    nodes = graph["nodes"]
    rng = random.Random(7)
    pos = {n["gid"]: [rng.uniform(0.2, 0.8) * width, rng.uniform(0.2, 0.8) * height]
           for n in nodes}
    k = math.sqrt(width * height / max(len(nodes), 1)) * 0.5
    for step in range(rounds):
        move = {gid: [0.0, 0.0] for gid in pos}
        gids = list(pos)
        for i, a in enumerate(gids):
            for b in gids[i + 1:]:
                dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
                d = max(math.hypot(dx, dy), 1.0)
                push = k * k / d
                move[a][0] += dx / d * push
                move[a][1] += dy / d * push
                move[b][0] -= dx / d * push
                move[b][1] -= dy / d * push
        for edge in graph["edges"]:
            a, b = edge["a"], edge["b"]
            dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
            d = max(math.hypot(dx, dy), 1.0)
            pull = d * d / k
            for gid, sign in ((a, -1), (b, 1)):
                move[gid][0] += sign * dx / d * pull
                move[gid][1] += sign * dy / d * pull
        for gid, (px, py) in pos.items():  # gravity keeps components near the centre
            move[gid][0] += (width / 2 - px) * 0.3
            move[gid][1] += (height / 2 - py) * 0.3
        heat = width / 10 * (1 - step / rounds) + 1
        for gid, (mx, my) in move.items():
            d = max(math.hypot(mx, my), 1e-9)
            pos[gid][0] += mx / d * min(d, heat)
            pos[gid][1] += my / d * min(d, heat)
    _fit(pos, width, height)
    top = max((n["weight"] for n in nodes), default=1)
    placed = [{**n, "x": round(pos[n["gid"]][0], 1), "y": round(pos[n["gid"]][1], 1),
               "r": round(5 + 11 * math.sqrt(n["weight"] / top), 1)} for n in nodes]
    lines = [{**e, "x1": round(pos[e["a"]][0], 1), "y1": round(pos[e["a"]][1], 1),
              "x2": round(pos[e["b"]][0], 1), "y2": round(pos[e["b"]][1], 1),
              "w": min(1 + e["events"], 6)} for e in graph["edges"]]
    return {"width": width, "height": height, "nodes": placed, "edges": lines}


def _fit(pos: dict[str, list[float]], width: int, height: int) -> None:
    """Scale the layout into the canvas (one scale for both axes, never more than 1.5×),
    centred, leaving room for the labels."""
    if not pos:
        return
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    scale = min((width - 180) / max(max(xs) - min(xs), 1.0),
                (height - 70) / max(max(ys) - min(ys), 1.0), 1.5)
    mid_x, mid_y = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    for p in pos.values():
        p[0] = width / 2 + (p[0] - mid_x) * scale
        p[1] = height / 2 + 5 + (p[1] - mid_y) * scale
