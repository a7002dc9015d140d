"""Figures of a forecast: outcomes side by side, and each actor's position by round."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from realpolitik.errors import RealpolitikError
from realpolitik.plot.inputs import actor_names, forecast_records, issue_names
from realpolitik.plot.style import DASHES, POSITION_AXIS, colour, esc, figure, scalar

if TYPE_CHECKING:
    import plotly.graph_objects as go


def outcomes(doc: Any, *, scenario: Any = None) -> go.Figure:
    """Return a grouped bar chart of a forecast: one group per issue, one bar (trace) per model's outcome.

    `doc` is a `ForecastDocument`, its ``to_dict()`` or a list of its records; issue names come from `scenario`
    (default: the document's own). Multi-dimensional outcomes are left out (the tables show them).
    """
    records = forecast_records(doc)
    names = issue_names(doc, scenario)
    data = []
    for k, model in enumerate(dict.fromkeys(r["model"] for r in records)):
        mine = [r for r in records if r["model"] == model and scalar(r["outcome"])]
        data.append({"type": "bar", "name": esc(model), "marker": {"color": colour(k)},
                     "x": [esc(names.get(r["issue"], r["issue"])) for r in mine], "y": [r["outcome"] for r in mine]})
    return figure("Forecast outcome per issue (0-100)", data, barmode="group", yaxis=POSITION_AXIS)


def iterative_records(doc: Any) -> list[dict[str, Any]]:
    """Return the records with more than one round and one-dimensional positions (those `trajectories` draws)."""
    return [r for r in forecast_records(doc) if len(r.get("rounds") or []) > 1
            and all(scalar(p) or p is None for rnd in r["rounds"] for p in rnd["positions"].values())]


def trajectories(doc: Any, model: str | None = None, issue: str | None = None, *, scenario: Any = None) -> go.Figure:
    """Return each actor's position by round (one line per actor) for one `model` on one `issue`.

    Default: the first record of an iterative model (more than one round). A one-shot model has only round 0, so
    its chart is a single point per actor. `RealpolitikError` names what the document holds when the model or the
    issue is not in it, or when the issue's positions are multi-dimensional.
    """
    records = forecast_records(doc)
    if model is None and issue is None and iterative_records(records):
        record = iterative_records(records)[0]
    else:
        matches = [r for r in records
                   if (model is None or r["model"] == model) and (issue is None or r["issue"] == issue)]
        if not matches:
            held = ", ".join(f"{r['model']}/{r['issue']}" for r in records) or "nothing"
            raise RealpolitikError(f"no forecast of model {model!r} on issue {issue!r} in the document (it holds "
                                   f"{held}). Fix: name a model and an issue it holds")
        record = matches[0]
    rounds = record.get("rounds") or []
    if not all(scalar(p) or p is None for r in rounds for p in r["positions"].values()):
        raise RealpolitikError(f"issue {record['issue']!r} has multi-dimensional positions, which a line per actor "
                               "cannot show. Fix: use doc.to_polars() and plot one dimension")
    names = actor_names(doc, scenario)
    data = []
    for k, actor in enumerate(rounds[0]["positions"] if rounds else []):
        data.append({"type": "scatter", "mode": "lines+markers", "name": esc(names.get(actor, actor)),
                     "x": [r["round"] for r in rounds], "y": [r["positions"].get(actor) for r in rounds],
                     "line": {"color": colour(k), "dash": DASHES[k // 16 % 3]}})
    issue_name = issue_names(doc, scenario).get(record["issue"], record["issue"])
    stopped = f" (stopped: {record['stopped']})" if record.get("stopped") else ""
    return figure(f"{record['model']}: positions by round on {issue_name}{stopped}", data,
                  xaxis={"title": {"text": "round"}, "dtick": 1 if len(rounds) <= 20 else None}, yaxis=POSITION_AXIS)
