"""Turn a result object or its JSON document into what the figures draw: records, names, rows."""

from __future__ import annotations

from typing import Any

from realpolitik.errors import RealpolitikError


def issue_names(result: Any, scenario: Any = None) -> dict[str, str]:
    """Return issue id → name from `scenario`, else the result's own scenario (ids are used where neither has one)."""
    scenario = scenario if scenario is not None else getattr(result, "scenario", None)
    if scenario is None:
        return {}
    return {i.id: i.name for i in scenario.issues}


def actor_names(result: Any, scenario: Any = None) -> dict[str, str]:
    """Return actor id → name, as `issue_names`."""
    scenario = scenario if scenario is not None else getattr(result, "scenario", None)
    return {a.id: a.name for a in scenario.actors} if scenario is not None else {}


def forecast_records(doc: Any) -> list[dict[str, Any]]:
    """Return the per-model, per-issue records of a `ForecastDocument`, its ``realpolitik.forecast/1`` dict, or a
    list of such records."""
    if isinstance(doc, list):
        return doc
    if isinstance(doc, dict):
        if "forecasts" not in doc:
            raise RealpolitikError("not a forecast document (no 'forecasts'). Fix: pass realpolitik.forecast(...) "
                                   "or its to_dict()")
        return doc["forecasts"]
    return [record for f in doc.forecasts for record in f.to_records()]


def montecarlo_quantiles(run: Any) -> tuple[dict[str, dict[str, dict[str, float]]], int]:
    """Return model → series → {q05, q25, q50, q75, q95, mean} and the draws requested, from a `MonteCarloRun`,
    its ``realpolitik.montecarlo/1`` dict, or the dashboard's summary of one (``quantiles`` and ``draws``)."""
    document = run if isinstance(run, dict) else run.to_dict()
    if "quantiles" in document and "draws" in document:
        return document["quantiles"], document["draws"]
    if "runs" not in document:
        raise RealpolitikError("not a Monte Carlo document (no 'runs'). Fix: pass realpolitik.monte_carlo(...) or "
                               "its to_dict()")
    runs = document["runs"]
    quantiles = {r["model"]: {d["issue"]: {**{f"q{round(float(q) * 100):02d}": e["value"]
                                              for q, e in d["quantiles"].items()}, "mean": d["mean"]["value"]}
                              for d in r["outcomes"]} for r in runs}
    return quantiles, runs[0]["draws_requested"] if runs else 0


def whatif_rows(comparison: Any) -> list[dict[str, Any]]:
    """Return rows of model, issue, delta from a `WhatIfComparison`, its ``realpolitik.whatif/1`` dict, or rows
    that carry ``delta`` or ``difference`` themselves."""
    if isinstance(comparison, dict):
        comparison = comparison.get("comparisons", [])
    elif not isinstance(comparison, list | tuple):
        comparison = [r.to_dict() for r in comparison.rows]
    rows = [r if isinstance(r, dict) else r.to_dict() for r in comparison]
    return [{"model": r["model"], "issue": r["issue"], "delta": r.get("delta", r.get("difference"))} for r in rows]
