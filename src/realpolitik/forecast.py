"""What every model returns: a `Forecast`, and the versioned JSON document that carries forecasts.

The schema is documented in ``docs/output-format.md``; bump `SCHEMA` when a field changes meaning.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any

SCHEMA = "realpolitik.forecast/1"

Position = float | list[float]


@dataclass(frozen=True)
class Round:
    """The state of one issue after one round; round 0 holds the inputs.

    `positions` maps actor id to a position on the issue's 0-100 scale (or a list of coordinates for a
    multi-dimensional issue). `extra` holds a model's own per-round fields (risk exponents, moves, ...),
    written beside `round` and `positions` in the JSON output.
    """

    round: int
    positions: dict[str, Position]
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-ready form: ``{"round", "positions", **extra}``."""
        return {"round": self.round, "positions": dict(self.positions), **self.extra}


@dataclass(frozen=True)
class IssueForecast:
    """One model's forecast on one issue: the outcome, the rounds that led to it and why it stopped.

    `outcome` is on the issue's 0-100 scale (a list of coordinates for a multi-dimensional issue).
    `stopped` says why an iterative model stopped (e.g. ``"converged"``, ``"max_rounds"``); ``None`` for
    one-shot models. `diagnostics` holds summary figures a model wants to report (weights, utilities, ...).
    """

    issue: str
    outcome: Position
    rounds: tuple[Round, ...]
    stopped: str | None = None
    diagnostics: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-ready form (without model and params, which `Forecast.to_records` adds)."""
        out: dict[str, Any] = {
            "issue": self.issue,
            "outcome": self.outcome,
            "rounds": [r.to_dict() for r in self.rounds],
        }
        if self.stopped is not None:
            out["stopped"] = self.stopped
        if self.diagnostics:
            out["diagnostics"] = self.diagnostics
        return out


@dataclass(frozen=True)
class Forecast:
    """One model's forecasts for every issue of one scenario."""

    model: str
    params: dict[str, Any]
    scenario_id: str
    scenario_version: str
    issues: tuple[IssueForecast, ...]

    def outcome(self, issue: str) -> Position:
        """Return the forecast outcome on `issue` (0-100 scale)."""
        return self.for_issue(issue).outcome

    def for_issue(self, issue: str) -> IssueForecast:
        """Return the `IssueForecast` for `issue`; raise `KeyError` naming the known issues if absent."""
        for item in self.issues:
            if item.issue == issue:
                return item
        known = ", ".join(i.issue for i in self.issues)
        raise KeyError(f"no forecast for issue {issue!r}; this forecast covers: {known}")

    @property
    def outcomes(self) -> dict[str, Position]:
        """Map issue id to outcome."""
        return {i.issue: i.outcome for i in self.issues}

    def to_records(self) -> list[dict[str, Any]]:
        """Return one JSON-ready record per issue: ``model``, ``params``, ``issue``, ``outcome``, ``rounds``."""
        return [{"model": self.model, "params": jsonable(self.params), **jsonable(i.to_dict())} for i in self.issues]


def forecast_document(scenario_id: str, scenario_version: str, forecasts: list[Forecast],
                      **extra: Any) -> dict[str, Any]:
    """Return the versioned output document for several forecasts of one scenario."""
    return {
        "schema": SCHEMA,
        "scenario": {"id": scenario_id, "version": scenario_version},
        "forecasts": [rec for f in forecasts for rec in f.to_records()],
        **jsonable(extra),
    }


def jsonable(value: Any) -> Any:
    """Convert NumPy scalars/arrays, tuples and non-finite floats into plain JSON values (NaN/inf → None)."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if type(value).__module__ == "numpy":  # arrays and scalars, without importing NumPy to ask
        return jsonable(value.tolist() if hasattr(value, "shape") and value.shape else value.item())
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def dumps(document: dict[str, Any]) -> str:
    """Serialise an output document to JSON text."""
    return json.dumps(jsonable(document), indent=2, allow_nan=False)
