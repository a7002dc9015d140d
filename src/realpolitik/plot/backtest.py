"""Figures of a backtest's probabilistic scores: the reliability diagram."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from realpolitik.errors import RealpolitikError
from realpolitik.plot.style import colour, esc, figure

if TYPE_CHECKING:
    import plotly.graph_objects as go


def _events(scores: Any) -> list[tuple[str, list[dict[str, Any]]]]:
    """Return (forecaster, events) pairs from `ProbabilisticScores` objects or their ``to_dict()`` forms."""
    out = []
    for s in scores:
        record = s if isinstance(s, dict) else s.to_dict()
        out.append((record["model"], record["events"]))
    return out


def reliability(scores: Any, event: str = "outcome ≥ 50") -> go.Figure:
    """Return a reliability diagram of `event`: forecast probability against the observed frequency, one trace
    per forecaster (marker size by the number of forecasts in the bin), and the diagonal of perfect calibration.

    `scores` are `realpolitik.evaluate.probabilistic.ProbabilisticScores` (``score_all``'s result) or their
    ``to_dict()`` forms; `RealpolitikError` when no forecaster scored `event`."""
    data = []
    for k, (label, events) in enumerate(_events(scores)):
        found = next((e for e in events if e["event"] == event), None)
        if found is None or not found["reliability"]:
            continue
        p, freq, n = zip(*found["reliability"], strict=True)
        data.append({"type": "scatter", "mode": "lines+markers", "name": esc(label), "x": list(p), "y": list(freq),
                     "text": [f"n={c}" for c in n], "marker": {"size": [6 + 2 * float(np.sqrt(c)) for c in n],
                                                            "color": colour(k)}, "line": {"color": colour(k)}})
    if not data:
        raise RealpolitikError(f"no forecaster scored the event {event!r}. Fix: score predictive distributions "
                               "(backtest --probabilistic) or name an event they scored")
    return figure(f"Reliability diagram: P({event})", data, height=450,
                  shapes=[{"type": "line", "x0": 0, "y0": 0, "x1": 1, "y1": 1, "line": {"dash": "dot"}}],
                  xaxis={"title": {"text": "forecast probability"}, "range": [0, 1]},
                  yaxis={"title": {"text": "observed frequency"}, "range": [0, 1]})
