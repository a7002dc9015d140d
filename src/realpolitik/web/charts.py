"""The dashboard's figures: those of `realpolitik.plot` (the figures a script draws), as plain dicts for the page.

`realpolitik.plot` builds every figure and escapes every label that comes from a scenario. Here a figure becomes the
JSON the page hands to plotly.js, with its title taken out of the chart (where Plotly's toolbar would cover it) and
kept as ``figure["title"]`` (plain text, escaped by the page) for the page to show as a heading above the chart.
"""

from __future__ import annotations

import html
import json
from typing import Any

from realpolitik.plot import forecast, relations, uncertainty
from realpolitik.plot.relations import EDGE_POINTS, edge_path, pair_offsets
from realpolitik.plot.style import LAYOUT, POSITION_AXIS, colour, esc, figure
from realpolitik.scenario.model import Scenario

__all__ = ["EDGE_POINTS", "delta_figure", "distribution_figure", "edge_path", "esc", "outcomes_figure",
           "page_figure", "pair_figure", "pair_offsets", "relations_figure", "trajectory_figure"]


def page_figure(fig: Any) -> dict[str, Any]:
    """Return a Plotly figure as the page's dict: ``data``, ``layout`` (without the title) and ``title`` (plain
    text)."""
    data = json.loads(fig.to_json())
    layout = data["layout"]
    title = html.unescape(layout.pop("title", {}).get("text", ""))
    layout["margin"] = {**LAYOUT["margin"], "t": 30}
    return {"title": title, "data": data["data"], "layout": layout}


def outcomes_figure(scenario: Scenario, records: list[dict[str, Any]]) -> dict[str, Any]:
    """Return `realpolitik.plot.outcomes` of a run's forecast records."""
    return page_figure(forecast.outcomes(records, scenario=scenario))


def trajectory_figure(scenario: Scenario, record: dict[str, Any]) -> dict[str, Any] | None:
    """Return `realpolitik.plot.trajectories` of one record (``None`` unless the model iterated on a
    one-dimensional issue)."""
    if not forecast.iterative_records([record]):
        return None
    return page_figure(forecast.trajectories([record], scenario=scenario))


def distribution_figure(scenario: Scenario, monte_carlo: dict[str, Any]) -> dict[str, Any]:
    """Return `realpolitik.plot.montecarlo` of a run's Monte Carlo document (or the page's summary of it)."""
    return page_figure(uncertainty.montecarlo(monte_carlo, scenario=scenario))


def delta_figure(scenario: Scenario, rows: list[dict[str, Any]], title: str) -> dict[str, Any]:
    """Return `realpolitik.plot.whatif` of rows of model, issue and delta (the change between two runs)."""
    return page_figure(uncertainty.whatif(rows, scenario=scenario, title=title))


def relations_figure(scenario: Scenario) -> dict[str, Any]:
    """Return `realpolitik.plot.network` of the scenario's relations."""
    return page_figure(relations.network(scenario))


def pair_figure(scenario: Scenario, rows: list[dict[str, Any]], a: int, b: int) -> dict[str, Any]:
    """Return run `a`'s and run `b`'s outcomes per issue as grouped bars: one colour per model, run `a` solid and
    run `b` hatched, each (model, run) named in the legend; the issue names stay horizontal under their group."""
    issue_names = {i.id: i.name for i in scenario.issues}
    shown = [r for r in rows if isinstance(r["a"], int | float) or isinstance(r["b"], int | float)]
    issues = list(dict.fromkeys(r["issue"] for r in shown))
    data = []
    for k, model in enumerate(dict.fromkeys(r["model"] for r in shown)):
        mine = {r["issue"]: r for r in shown if r["model"] == model}
        for run, key, pattern in ((a, "a", ""), (b, "b", "/")):
            data.append({"type": "bar", "name": esc(f"{model}, run {run}"), "legendgroup": esc(model),
                         "x": [esc(issue_names.get(i, i)) for i in issues],
                         "y": [mine[i][key] if i in mine and isinstance(mine[i][key], int | float) else None
                               for i in issues],
                         "marker": {"color": colour(k), "pattern": {"shape": pattern},
                                    "line": {"color": "#333", "width": 1}}})
    return page_figure(figure(f"Outcomes of run {a} (solid) and run {b} (hatched), per model", data,
                              barmode="group", xaxis={"tickangle": 0, "automargin": True}, yaxis=POSITION_AXIS))
