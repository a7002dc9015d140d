"""Figures of the uncertainty analyses: Monte Carlo distributions, a tornado chart, a what-if comparison."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from realpolitik.plot.inputs import issue_names, montecarlo_quantiles, whatif_rows
from realpolitik.plot.style import POSITION_AXIS, colour, esc, figure

if TYPE_CHECKING:
    import plotly.graph_objects as go


def montecarlo(run: Any, *, scenario: Any = None) -> go.Figure:
    """Return box plots of Monte Carlo outcomes: one box trace per model, one box per issue (box 25-75 %, line at
    the median, whiskers at 5 % and 95 %, the mean marked). `run` is a `MonteCarloRun` or its ``to_dict()``."""
    quantiles, draws = montecarlo_quantiles(run)
    names = issue_names(run, scenario)
    data = []
    for k, (model, per_issue) in enumerate(quantiles.items()):
        shown = [(issue, v) for issue, v in per_issue.items() if v is not None]
        data.append({"type": "box", "name": esc(model), "x": [esc(names.get(i, i)) for i, _ in shown],
                     "lowerfence": [v["q05"] for _, v in shown], "q1": [v["q25"] for _, v in shown],
                     "median": [v["q50"] for _, v in shown], "q3": [v["q75"] for _, v in shown],
                     "upperfence": [v["q95"] for _, v in shown], "mean": [v["mean"] for _, v in shown],
                     "marker": {"color": colour(k)}})
    return figure(f"Monte Carlo outcomes, {draws} draws (box 25-75 %, whiskers 5-95 %)", data, boxmode="group",
                  yaxis=POSITION_AXIS)


def tornado(sensitivity: Any, issue: str | None = None, *, top: int = 15) -> go.Figure:
    """Return a tornado chart of a one-at-a-time `Sensitivity` (or its ``to_dict()``) on one `issue` (default the
    first): per input, a bar from the baseline to the outcome at the input's low end and one to its high end, the
    `top` largest swings at the top."""
    from realpolitik.errors import RealpolitikError

    record = sensitivity if isinstance(sensitivity, dict) else sensitivity.to_dict()
    if record.get("method") != "oat":
        raise RealpolitikError("a tornado chart shows a one-at-a-time analysis. Fix: use method oat (tornado(...))")
    issues = {i["issue"]: i for i in record["issues"]}
    chosen = issues.get(issue or next(iter(issues), ""))
    if chosen is None:
        raise RealpolitikError(f"the analysis has no issue {issue!r}. Fix: use one of {', '.join(issues)}")
    bars = chosen["inputs"][:top][::-1]  # Plotly draws the first category at the bottom
    base = chosen["baseline"]
    labels = [esc(b["input"]) for b in bars]
    data = [{"type": "bar", "orientation": "h", "name": name, "y": labels, "base": base,
             "x": [b[key] - base for b in bars], "marker": {"color": colour(k)},
             "customdata": [b[end] for b in bars], "hovertemplate": f"%{{y}}: {end} %{{customdata:g}}, outcome "
             f"%{{x:+.2f}} from {base:.2f}<extra></extra>"}
            for k, (name, key, end) in enumerate((("input at its low end", "outcome_low", "low"),
                                                  ("input at its high end", "outcome_high", "high")))]
    return figure(f"{record['model']}: what moves the outcome on {chosen['issue']} (baseline {base:.1f})", data,
                  barmode="overlay", height=max(360, 28 * len(bars) + 120),
                  xaxis={"title": {"text": "outcome (0-100)"}}, yaxis={"automargin": True})


def whatif(comparison: Any, *, scenario: Any = None, title: str = "What-if: change in outcome") -> go.Figure:
    """Return bars of the change in outcome (edited − original, points) per issue, one trace per model.

    `comparison` is a `WhatIfComparison`, its ``to_dict()``, or rows of model, issue and ``difference`` (or
    ``delta``); issues whose change is unknown (dropped, multi-dimensional) are left out."""
    rows = whatif_rows(comparison)
    names = issue_names(None, scenario if scenario is not None else getattr(comparison, "original", None))
    data = []
    for k, model in enumerate(dict.fromkeys(r["model"] for r in rows)):
        mine = [r for r in rows if r["model"] == model and isinstance(r["delta"], int | float)]
        data.append({"type": "bar", "name": esc(model), "marker": {"color": colour(k)},
                     "x": [esc(names.get(r["issue"], r["issue"])) for r in mine], "y": [r["delta"] for r in mine]})
    return figure(title, data, barmode="group", yaxis={"title": {"text": "change in outcome (points)"}})
