"""Tidy Polars frames of a scenario: actors, issues, stances, relations (docs/frames.md). `Scenario.to_polars`
delegates here; Polars is imported on first use."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from realpolitik.scenario.model import Scenario

TABLES = ("actors", "issues", "stances", "relations")


def _status(item: Any) -> str:
    return item.status.value if item.status is not None else "reviewed"


def scenario_frame(scenario: Scenario, table: str) -> Any:
    """Return one of the scenario's `TABLES` as a Polars frame, one row per item in the scenario's order."""
    import polars as pl

    from realpolitik.tabular import choose

    kind = choose(table, TABLES, "Scenario")
    if kind == "actors":
        rows = [(a.id, a.name, a.kind.value, a.capability, _status(a)) for a in scenario.actors]
        schema = {"actor": pl.Utf8, "name": pl.Utf8, "kind": pl.Utf8, "capability": pl.Float64, "status": pl.Utf8}
    elif kind == "issues":
        rows = [(i.id, i.name, i.low, i.high, i.status_quo, i.decision_rule.value) for i in scenario.issues]
        schema = {"issue": pl.Utf8, "name": pl.Utf8, "low": pl.Utf8, "high": pl.Utf8, "status_quo": pl.Float64,
                  "decision_rule": pl.Utf8}
    elif kind == "stances":
        rows = [(s.actor, s.issue, s.position, s.salience, _status(s)) for s in scenario.stances]
        schema = {"actor": pl.Utf8, "issue": pl.Utf8, "position": pl.Float64, "salience": pl.Float64,
                  "status": pl.Utf8}
    else:
        rows = [(r.kind.value, r.source_actor, r.target, r.directed, r.strength, r.share, _status(r))
                for r in scenario.relations]
        schema = {"kind": pl.Utf8, "from": pl.Utf8, "to": pl.Utf8, "directed": pl.Boolean, "strength": pl.Float64,
                  "share": pl.Float64, "status": pl.Utf8}
    return pl.DataFrame(rows, schema=schema, orient="row")
