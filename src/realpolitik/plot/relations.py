"""The relations between a scenario's actors as a network: actors on a circle, one line set per relation kind."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from realpolitik.plot.style import colour, esc, figure

if TYPE_CHECKING:
    import plotly.graph_objects as go

BOW = 0.16  # sideways distance between the arcs of two relations of the same pair, at their middle (circle radius 1)
EDGE_POINTS = 17


def network(scenario: Any) -> go.Figure:
    """Return the relations of `scenario` as a network: actors on a circle, one coloured line trace per relation
    kind, arrows on directed ties (pointing at the target), and a last trace of the actors (markers and names).
    Several relations between the same two actors are drawn as arcs bowed apart (the middle one straight when
    their number is odd), so each stays visible."""
    n = len(scenario.actors)
    angle = 2 * np.pi * np.arange(n) / max(n, 1) + np.pi / 2
    x, y = np.cos(angle), np.sin(angle)
    where = {a.id: k for k, a in enumerate(scenario.actors)}
    bows = pair_offsets(scenario)
    data, arrows = [], []
    for k, kind in enumerate(dict.fromkeys(r.kind.value for r in scenario.relations)):
        xs: list[float | None] = []
        ys: list[float | None] = []
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
                               "arrowcolor": colour(k), "standoff": 9, "text": ""})
        dash = "solid" if kind in ("alliance", "defence_pact") else "dot" if kind == "hostility" else "dash"
        data.append({"type": "scatter", "mode": "lines", "name": esc(kind.replace("_", " ")), "x": xs, "y": ys,
                     "hoverinfo": "name", "line": {"width": 2, "color": colour(k), "dash": dash}})
    data.append({"type": "scatter", "mode": "markers+text", "name": "actors", "x": x.tolist(), "y": y.tolist(),
                 "text": [esc(a.name) for a in scenario.actors], "textposition": _label_positions(x, y),
                 "hovertext": [esc(f"{a.name} ({a.kind.value}), capability {a.capability:g}")
                               if a.capability is not None else esc(f"{a.name} ({a.kind.value})")
                               for a in scenario.actors],
                 "hoverinfo": "text", "marker": {"size": 14, "color": "#333"}, "showlegend": False})
    axis = {"visible": False, "range": [-2.4, 2.4]}
    return figure("Relations between actors (arrows: from → to)", data, xaxis=axis,
                  yaxis={**axis, "range": [-1.25, 1.25]}, height=600, annotations=arrows)


def pair_offsets(scenario: Any) -> list[float]:
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
