"""Backtest cases and the generic backtest table: any dataset with known outcomes, scored the same way.

A `BacktestCase` is one issue with a recorded outcome: a one-issue `Scenario` (actors, capabilities, positions,
saliences, status quo), the outcome on the 0-100 scale, and the group it is resampled with (e.g. its proposal).

The generic table (CSV or Parquet) has one row per issue × actor:

| column | meaning |
|---|---|
| ``issue`` | issue id (required) |
| ``actor`` | actor id (required) |
| ``capability`` | ≥ 0, relative (required) |
| ``position`` | 0-100 (required) |
| ``salience`` | 0-1 (required) |
| ``outcome`` | the recorded outcome, 0-100, the same on every row of the issue (required) |
| ``group`` | resampling group, e.g. the proposal (optional; default: the issue itself) |
| ``status_quo`` | reference point, 0-100 (optional) |
| ``decision_rule`` | bargaining / majority / qualified_majority / unanimity / force (optional) |
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from realpolitik.errors import RealpolitikError
from realpolitik.scenario.model import Scenario

REQUIRED = ("issue", "actor", "capability", "position", "salience", "outcome")
OPTIONAL = ("group", "status_quo", "decision_rule")


@dataclass(frozen=True)
class BacktestCase:
    """One issue with a known outcome: the scenario to forecast, the outcome (0-100) and its resampling group.

    `linked` is the scenario of every issue of the case's group, for multi-issue models (`evaluate.linked`)."""

    case_id: str
    group: str
    scenario: Scenario
    issue: str
    outcome: float
    meta: dict[str, Any] = field(default_factory=dict)
    linked: Scenario | None = None

    @property
    def status_quo(self) -> float | None:
        """The issue's reference point (0-100), or None."""
        return self.scenario.issue(self.issue).status_quo


def slug(text: str) -> str:
    """Return `text` as a scenario id: lower case, with characters outside [a-z0-9_-] replaced by '-'."""
    out = re.sub(r"[^a-z0-9_\-]", "-", str(text).strip().lower())
    return out if out and out[0].isalnum() else f"x{out}"


def case_from_rows(case_id: str, group: str, rows: list[dict[str, Any]], outcome: float,
                   status_quo: float | None = None, decision_rule: str | None = None, title: str | None = None,
                   kinds: dict[str, str] | None = None, names: dict[str, str] | None = None,
                   meta: dict[str, Any] | None = None) -> BacktestCase:
    """Return a case built from actor rows ``{"actor", "capability", "position", "salience"}`` (salience 0-1)."""
    issue = slug(case_id)
    kinds, names = kinds or {}, names or {}
    issue_doc: dict[str, Any] = {"id": issue, "name": title or case_id, "low": "0", "high": "100",
                                 "status_quo": status_quo}
    if decision_rule:
        issue_doc["decision_rule"] = decision_rule
    document = {
        "id": issue, "title": title or case_id,
        "actors": [{"id": r["actor"], "name": names.get(r["actor"], r["actor"]), "capability": r["capability"],
                    "kind": kinds.get(r["actor"], "state")} for r in rows],
        "issues": [issue_doc],
        "stances": [{"actor": r["actor"], "issue": issue, "position": r["position"], "salience": r["salience"]}
                    for r in rows],
    }
    from realpolitik.scenario.io import scenario_from_dict

    return BacktestCase(case_id, group, scenario_from_dict(document), issue, float(outcome), dict(meta or {}))


def read_table(path: str | Path) -> list[BacktestCase]:
    """Read a generic backtest table (CSV or Parquet) into cases, one per issue, in file order."""
    path = Path(path)
    if not path.exists():
        raise RealpolitikError(f"backtest data {path} does not exist. Fix: check the path")
    try:
        frame = pl.read_parquet(path) if path.suffix.lower() == ".parquet" else pl.read_csv(path)
    except Exception as exc:  # polars raises several types for unreadable files
        raise RealpolitikError(f"{path}: cannot read it as {'Parquet' if path.suffix == '.parquet' else 'CSV'} "
                               f"({exc}). Fix: write it as CSV with a header row, or as Parquet") from None
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        raise RealpolitikError(f"{path}: missing column(s) {', '.join(missing)}. Fix: a backtest table needs "
                               f"{', '.join(REQUIRED)} (optional: {', '.join(OPTIONAL)})")
    frame = frame.with_columns(pl.col("issue").cast(pl.Utf8), pl.col("actor").cast(pl.Utf8).str.to_lowercase())
    cases = []
    for (issue,), rows in frame.group_by("issue", maintain_order=True):
        cases.append(_case_from_table(path, str(issue), rows))
    return cases


def _one_value(path: Path, issue: str, rows: pl.DataFrame, column: str) -> Any:
    if column not in rows.columns:
        return None
    values = rows[column].drop_nulls().unique().to_list()
    if len(values) > 1:
        raise RealpolitikError(f"{path}: issue {issue!r} has different {column} values {values}. "
                               f"Fix: give one {column} per issue")
    return values[0] if values else None


def _case_from_table(path: Path, issue: str, rows: pl.DataFrame) -> BacktestCase:
    outcome = _one_value(path, issue, rows, "outcome")
    if outcome is None:
        raise RealpolitikError(f"{path}: issue {issue!r} has no outcome. Fix: fill the outcome column, or drop "
                               "the issue")
    group = _one_value(path, issue, rows, "group")
    actors = rows.select("actor", "capability", "position", "salience").to_dicts()
    try:
        return case_from_rows(issue, str(group) if group is not None else issue, actors, float(outcome),
                              _one_value(path, issue, rows, "status_quo"),
                              _one_value(path, issue, rows, "decision_rule"))
    except RealpolitikError as exc:
        raise RealpolitikError(f"{path}: issue {issue!r}: {exc}") from None


def cases_frame(cases: list[BacktestCase]) -> pl.DataFrame:
    """Return cases as a generic backtest table (one row per issue × actor), ready for `write_table`."""
    rows = []
    for case in cases:
        arrays = case.scenario.arrays(case.issue)
        rule = case.scenario.issue(case.issue).decision_rule.value
        for actor, c, x, s in zip(arrays.actors, arrays.capability, arrays.position, arrays.salience, strict=True):
            rows.append({"issue": case.case_id, "actor": actor, "capability": float(c), "position": float(x),
                         "salience": float(s), "outcome": case.outcome, "group": case.group,
                         "status_quo": case.status_quo, "decision_rule": rule})
    return pl.DataFrame(rows, schema_overrides={"status_quo": pl.Float64})


def write_table(cases: list[BacktestCase], path: str | Path) -> Path:
    """Write cases as a generic backtest table: Parquet if `path` ends in .parquet, else CSV. Returns the path."""
    path = Path(path)
    frame = cases_frame(cases)
    if path.suffix.lower() == ".parquet":
        frame.write_parquet(path)
    else:
        frame.write_csv(path)
    return path
