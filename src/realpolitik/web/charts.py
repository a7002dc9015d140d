"""Plotly figures (as plain dicts) for the dashboard: outcomes, trajectories, distributions, what-if, relations.

Every label that comes from a scenario is HTML-escaped, because Plotly reads a subset of HTML in its text; only
``&``, ``<`` and ``>`` are escaped, the entities Plotly decodes (it shows ``&quot;`` literally). The page passes the
figures to plotly.js as JSON. Positions are on each issue's 0-100 scale. A figure's title is not
drawn by Plotly (where its toolbar would cover it) but kept as ``figure["title"]`` (plain text) for the page to
show as a heading above the chart.
"""

from __future__ import annotations

import html
from typing import Any

import numpy as np

from realpolitik.scenario.model import Scenario

LAYOUT = {"margin": {"l": 50, "r": 20, "t": 30, "b": 40}, "height": 360,
          "legend": {"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
          "template": None, "font": {"family": "system-ui, sans-serif", "size": 12}}
PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2", "#7f7f7f",
           "#bcbd22", "#393b79", "#ad494a", "#637939", "#7b4173", "#e7ba52", "#3182bd")
DASHES = ("solid", "dash", "dot")


def esc(text: Any) -> str:
    """Return `text` escaped for Plotly's HTML-like labels (so ``<script>`` shows as text and ``"`` as itself)."""
    return html.escape(str(text), quote=False)


def _layout(**extra: Any) -> dict[str, Any]:
    return {**LAYOUT, **extra}


def _figure(title: str, data: list[dict[str, Any]], layout: dict[str, Any]) -> dict[str, Any]:
    """Return a figure whose `title` (plain text, escaped by the page) is shown above the chart."""
    return {"title": title, "data": data, "layout": layout}


def outcomes_figure(scenario: Scenario, records: list[dict[str, Any]]) -> dict[str, Any]:
    """Return a grouped bar chart: one group per issue, one bar per model's outcome (scalar outcomes only)."""
    models = list(dict.fromkeys(r["model"] for r in records))
    issue_names = {i.id: esc(i.name) for i in scenario.issues}
    data = []
    for k, model in enumerate(models):
        mine = [r for r in records if r["model"] == model and isinstance(r["outcome"], int | float)]
        data.append({"type": "bar", "name": esc(model), "marker": {"color": PALETTE[k % len(PALETTE)]},
                     "x": [issue_names.get(r["issue"], esc(r["issue"])) for r in mine],
                     "y": [r["outcome"] for r in mine]})
    return _figure("Forecast outcome per issue (0-100)", data,
                   _layout(barmode="group", yaxis={"range": [0, 100], "title": {"text": "position"}}))


def trajectory_figure(scenario: Scenario, record: dict[str, Any]) -> dict[str, Any] | None:
    """Return each actor's position by round for one iterative model on one issue (``None`` if not iterative)."""
    rounds = record.get("rounds") or []
    if len(rounds) < 2:
        return None
    actors = list(rounds[0]["positions"])
    names = {a.id: a.name for a in scenario.actors}
    data = []
    for k, actor in enumerate(actors):
        ys = [r["positions"].get(actor) for r in rounds]
        if not all(isinstance(y, int | float) or y is None for y in ys):
            return None  # multi-dimensional positions: shown in the table instead
        data.append({"type": "scatter", "mode": "lines+markers", "name": esc(names.get(actor, actor)),
                     "x": [r["round"] for r in rounds], "y": ys,
                     "line": {"color": PALETTE[k % len(PALETTE)], "dash": DASHES[k // len(PALETTE) % 3]}})
    issue = scenario.issue(record["issue"]).name if record["issue"] in {i.id for i in scenario.issues} else ""
    stopped = f" (stopped: {record['stopped']})" if record.get("stopped") else ""
    return _figure(f"{record['model']}: positions by round on {issue or record['issue']}{stopped}", data,
                   _layout(xaxis={"title": {"text": "round"}, "dtick": 1 if len(rounds) <= 20 else None},
                           yaxis={"range": [0, 100], "title": {"text": "position"}}))


def distribution_figure(scenario: Scenario, monte_carlo: dict[str, Any]) -> dict[str, Any]:
    """Return box plots of the Monte Carlo outcomes: one box per model and issue (whiskers at 5 % and 95 %)."""
    issue_names = {i.id: esc(i.name) for i in scenario.issues}
    data = []
    for k, (model, per_issue) in enumerate(monte_carlo["quantiles"].items()):
        xs, q = [], {key: [] for key in ("q05", "q25", "q50", "q75", "q95", "mean")}
        for issue, values in per_issue.items():
            if values is None:
                continue
            xs.append(issue_names.get(issue, esc(issue)))
            for key in q:
                q[key].append(values[key])
        data.append({"type": "box", "name": esc(model), "x": xs, "lowerfence": q["q05"], "q1": q["q25"],
                     "median": q["q50"], "q3": q["q75"], "upperfence": q["q95"], "mean": q["mean"],
                     "marker": {"color": PALETTE[k % len(PALETTE)]}})
    title = f"Monte Carlo outcomes, {monte_carlo['draws']} draws (box 25-75 %, whiskers 5-95 %)"
    return _figure(title, data, _layout(boxmode="group",
                                        yaxis={"range": [0, 100], "title": {"text": "position"}}))


def delta_figure(scenario: Scenario, rows: list[dict[str, Any]], title: str) -> dict[str, Any]:
    """Return bars of outcome differences (``rows`` of model, issue, delta) per issue, one colour per model."""
    models = list(dict.fromkeys(r["model"] for r in rows))
    issue_names = {i.id: esc(i.name) for i in scenario.issues}
    data = []
    for k, model in enumerate(models):
        mine = [r for r in rows if r["model"] == model and r["delta"] is not None]
        data.append({"type": "bar", "name": esc(model), "marker": {"color": PALETTE[k % len(PALETTE)]},
                     "x": [issue_names.get(r["issue"], esc(r["issue"])) for r in mine],
                     "y": [r["delta"] for r in mine]})
    return _figure(title, data, _layout(barmode="group",
                                        yaxis={"title": {"text": "change in outcome (points)"}}))


def pair_figure(scenario: Scenario, rows: list[dict[str, Any]], a: int, b: int) -> dict[str, Any]:
    """Return run `a`'s and run `b`'s outcomes per issue as grouped bars: one colour per model, run `a` solid and
    run `b` hatched, each (model, run) named in the legend; the issue names stay horizontal under their group."""
    issue_names = {i.id: i.name for i in scenario.issues}
    shown = [r for r in rows if isinstance(r["a"], int | float) or isinstance(r["b"], int | float)]
    issues = list(dict.fromkeys(r["issue"] for r in shown))
    models = list(dict.fromkeys(r["model"] for r in shown))
    data = []
    for k, model in enumerate(models):
        mine = {r["issue"]: r for r in shown if r["model"] == model}
        for run, key, pattern in ((a, "a", ""), (b, "b", "/")):
            data.append({"type": "bar", "name": esc(f"{model}, run {run}"), "legendgroup": esc(model),
                         "x": [esc(issue_names.get(i, i)) for i in issues],
                         "y": [mine[i][key] if i in mine and isinstance(mine[i][key], int | float) else None
                               for i in issues],
                         "marker": {"color": PALETTE[k % len(PALETTE)], "pattern": {"shape": pattern},
                                    "line": {"color": "#333", "width": 1}}})
    return _figure(f"Outcomes of run {a} (solid) and run {b} (hatched), per model", data,
                   _layout(barmode="group", xaxis={"tickangle": 0, "automargin": True},
                           yaxis={"range": [0, 100], "title": {"text": "position"}}))


def relations_figure(scenario: Scenario) -> dict[str, Any]:
    """Return the relations as a network: actors on a circle, one coloured line set per relation kind, arrows
    on directed ties (pointing at the target). Several relations between the same two actors are drawn as arcs
    bowed apart (the middle one straight when their number is odd), so each stays visible."""
    n = len(scenario.actors)
    angle = 2 * np.pi * np.arange(n) / max(n, 1) + np.pi / 2
    x, y = np.cos(angle), np.sin(angle)
    where = {a.id: k for k, a in enumerate(scenario.actors)}
    bows = pair_offsets(scenario)
    data, arrows = [], []
    kinds = list(dict.fromkeys(r.kind.value for r in scenario.relations))
    for k, kind in enumerate(kinds):
        colour = PALETTE[k % len(PALETTE)]
        xs, ys = [], []
        for j, rel in enumerate(scenario.relations):
            if rel.kind.value != kind:
                continue
            a, b = where[rel.source_actor], where[rel.target]
            px, py = edge_path((x[a], y[a]), (x[b], y[b]), bows[j])
            xs += [*px, None]
            ys += [*py, None]
            if rel.directed:
                arrows.append({"x": px[-1], "y": py[-1], "ax": px[-4], "ay": py[-4], "xref": "x", "yref": "y",
                               "axref": "x", "ayref": "y", "showarrow": True, "arrowhead": 2, "arrowsize": 1.2,
                               "arrowcolor": colour, "standoff": 9, "text": ""})
        dash = "solid" if kind in ("alliance", "defence_pact") else "dot" if kind == "hostility" else "dash"
        data.append({"type": "scatter", "mode": "lines", "name": esc(kind.replace("_", " ")), "x": xs, "y": ys,
                     "hoverinfo": "name", "line": {"width": 2, "color": colour, "dash": dash}})
    data.append({"type": "scatter", "mode": "markers+text", "name": "actors", "x": x.tolist(), "y": y.tolist(),
                 "text": [esc(a.name) for a in scenario.actors], "textposition": _label_positions(x, y),
                 "hovertext": [esc(f"{a.name} ({a.kind.value}), capability {a.capability:g}")
                               for a in scenario.actors],
                 "hoverinfo": "text", "marker": {"size": 14, "color": "#333"}, "showlegend": False})
    axis = {"visible": False, "range": [-2.4, 2.4]}
    return _figure("Relations between actors (arrows: from → to)", data,
                   _layout(xaxis=axis, yaxis={**axis, "range": [-1.25, 1.25]}, height=600, annotations=arrows))


BOW = 0.16  # sideways distance between the arcs of two relations of the same pair, at their middle (circle radius 1)
EDGE_POINTS = 17


def pair_offsets(scenario: Scenario) -> list[float]:
    """Return per relation (in scenario order) how far its arc bows from the straight line between its actors:
    the m relations of one pair get (k - (m - 1) / 2) · BOW for k = 0 .. m-1, on the same side whatever their
    direction."""
    pairs: dict[frozenset[str], list[int]] = {}
    for j, rel in enumerate(scenario.relations):
        pairs.setdefault(frozenset((rel.source_actor, rel.target)), []).append(j)
    offsets = [0.0] * len(scenario.relations)
    for members in pairs.values():
        for k, j in enumerate(members):
            rel = scenario.relations[j]
            side = 1.0 if rel.source_actor <= rel.target else -1.0  # the same normal for a→b and b→a
            offsets[j] = side * (k - (len(members) - 1) / 2) * BOW
    return offsets


def edge_path(start: tuple[float, float], end: tuple[float, float], bow: float) -> tuple[list[float], list[float]]:
    """Return the points of a quadratic Bézier arc from `start` to `end` whose middle lies `bow` to the left of
    the straight line's middle (a straight line when `bow` is 0)."""
    (x0, y0), (x1, y1) = start, end
    dx, dy = x1 - x0, y1 - y0
    length = float(np.hypot(dx, dy)) or 1.0
    # control point: the middle point is halfway between the chord's middle and the control point
    cx, cy = (x0 + x1) / 2 - 2 * bow * dy / length, (y0 + y1) / 2 + 2 * bow * dx / length
    t = np.linspace(0.0, 1.0, EDGE_POINTS)
    xs = (1 - t) ** 2 * x0 + 2 * (1 - t) * t * cx + t**2 * x1
    ys = (1 - t) ** 2 * y0 + 2 * (1 - t) * t * cy + t**2 * y1
    return [float(v) for v in xs], [float(v) for v in ys]


def _label_positions(x: np.ndarray, y: np.ndarray) -> list[str]:
    """Place each actor's label outside the circle: above the top, below the bottom, beside the sides."""
    vertical = np.where(y > 0.5, "top", np.where(y < -0.5, "bottom", "middle"))
    horizontal = np.where(np.abs(x) < 0.2, "center", np.where(x > 0, "right", "left"))
    return [f"{v} {h}" for v, h in zip(vertical, horizontal, strict=True)]
