"""Presentation of scenarios, models and forecasts: Rich tables for people, CSV for scripts (the JSON documents
come from `realpolitik.pipeline`)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from realpolitik.cli.render_explain import render_explain
from realpolitik.forecast import Forecast, Position
from realpolitik.models.base import Model
from realpolitik.scenario.model import Scenario

MAX_ROUND_ROWS = 16


def fmt_position(value: Position | None, digits: int = 1) -> str:
    """Format a position (or a list of coordinates) for a table."""
    if value is None:
        return "–"
    if isinstance(value, list | tuple):
        return "(" + ", ".join(f"{v:.{digits}f}" for v in value) + ")"
    return f"{value:.{digits}f}"


def forecast_json(scenario: Scenario, forecasts: list[Forecast], models: list[Model] | None = None,
                  explain: int | None = None, failures: dict[str, str] | None = None) -> str:
    """Return the versioned JSON document (docs/output-format.md) of forecasts made elsewhere; built by
    `ForecastDocument`, as `realpolitik.forecast` builds it (with `explain`, `models` must have made `forecasts`)."""
    from realpolitik.pipeline.document import ForecastDocument

    named: list[Any] = list(models) if models is not None else [_Named(f.model) for f in forecasts]
    return ForecastDocument(scenario, tuple(named), tuple(forecasts), dict(failures or {}), explain).to_json()


class _Named:
    """Stands in for a model that is not at hand (no explanation to add)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def explainable_rounds(self, forecast: Any) -> range:
        return range(0)


def forecast_csv(forecasts: list[Forecast]) -> str:
    """Return one CSV row per model and issue: model, issue, outcome, rounds, stopped."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["model", "issue", "outcome", "rounds", "stopped"])
    for f in forecasts:
        for item in f.issues:
            outcome = item.outcome if not isinstance(item.outcome, list) else json.dumps(item.outcome)
            writer.writerow([f.model, item.issue, outcome, len(item.rounds) - 1, item.stopped or ""])
    return buffer.getvalue()


def outcomes_table(scenario: Scenario, forecasts: list[Forecast]) -> Table:
    """Return a table with one row per issue and one column per model's outcome."""
    table = Table(title=f"{scenario.title} — forecast outcomes (0–100 scale)", title_justify="left")
    table.add_column("issue")
    table.add_column("name", overflow="fold", max_width=36)
    table.add_column("status quo", justify="right")
    for f in forecasts:
        table.add_column(f.model, justify="right")
    for issue in scenario.issues:
        cells = [fmt_position(f.outcome(issue.id)) for f in forecasts]
        table.add_row(issue.id, issue.name, fmt_position(issue.status_quo), *cells)
    return table


def rounds_table(forecast: Forecast, issue: str) -> Group:
    """Return a heading and the round-by-round positions of each actor on one issue (long runs: head and tail)."""
    item = forecast.for_issue(issue)
    actors = list(item.rounds[0].positions)
    stopped = f", stopped: {item.stopped}" if item.stopped else ""
    heading = Text(f"{forecast.model} on {issue}: positions by round{stopped}", style="italic")
    table = Table()
    table.add_column("round", justify="right")
    for actor in actors:
        table.add_column(actor, justify="right")
    rounds = list(item.rounds)
    if len(rounds) > MAX_ROUND_ROWS:
        rounds = rounds[: MAX_ROUND_ROWS - 4] + [None] + rounds[-3:]
    for r in rounds:
        if r is None:
            table.add_row("…", *["…"] * len(actors))
        else:
            table.add_row(str(r.round), *[fmt_position(r.positions.get(a)) for a in actors])
    return Group(heading, table)


def print_forecasts(console: Console, scenario: Scenario, models: list[Model], forecasts: list[Forecast],
                    explain: int | None = None, trajectory: bool = True) -> None:
    """Print the outcome table, then for iterative models the round tables (if `trajectory`) or a one-line
    summary per issue, and the explanation of round `explain`."""
    as_of = f" as of {scenario.as_of}" if scenario.as_of else ""
    console.print(f"[bold]{scenario.title}[/bold]{as_of} · {len(scenario.actors)} actors · "
                  f"{len(scenario.issues)} issues · version {scenario.version}", highlight=False)
    console.print(outcomes_table(scenario, forecasts))
    for i in scenario.issues:
        console.print(f"  {i.id}: 0 = {i.low}; 100 = {i.high}", highlight=False, style="dim", markup=False)
    for model, f in zip(models, forecasts, strict=True):
        for issue in scenario.issues if model.iterative else ():
            item = f.for_issue(issue.id)
            if trajectory:
                console.print(rounds_table(f, issue.id))
            else:
                console.print(f"{f.model} on {issue.id}: {len(item.rounds) - 1} rounds, outcome "
                              f"{fmt_position(item.outcome)}" + (f", stopped: {item.stopped}" if item.stopped else ""),
                              highlight=False)
        for issue in scenario.issues if explain is not None else ():
            item = f.for_issue(issue.id)
            rounds = model.explainable_rounds(item)
            if explain is not None and explain in rounds:
                shown = render_explain(model.explain(item, explain))
                if shown is not None:  # e.g. SMP explains a turn once, under its first issue
                    console.print(shown)
            elif len(rounds):
                console.print(f"{model.name} on {issue.id}: no round {explain} to explain (rounds "
                              f"{rounds.start} to {rounds.stop - 1})", highlight=False, style="dim")


def _builtin_summaries() -> list[dict[str, Any]]:
    from realpolitik.scenario.builtins import builtin_names
    from realpolitik.scenario.io import load_scenario

    rows = []
    for name in builtin_names():
        s = load_scenario(name)
        rows.append({"name": name, "title": s.title, "as_of": str(s.as_of or ""), "actors": len(s.actors),
                     "issues": [i.id for i in s.issues]})
    return rows


def builtins_json() -> str:
    """Return the built-in scenarios as JSON."""
    return json.dumps(_builtin_summaries(), indent=2)


def print_builtins(console: Console) -> None:
    """Print a table of the built-in scenarios."""
    table = Table(title="Built-in scenarios", title_justify="left")
    for column in ("name", "title", "as of", "actors", "issues"):
        table.add_column(column, overflow="fold")
    for row in _builtin_summaries():
        table.add_row(row["name"], row["title"], row["as_of"], str(row["actors"]), ", ".join(row["issues"]))
    console.print(table)


def print_scenario(console: Console, scenario: Scenario, show_sources: bool = True) -> None:
    """Print the scenario: actors, issues, stances with justifications, relations and sources."""
    console.print(f"[bold]{scenario.title}[/bold] ({scenario.id}, version {scenario.version}"
                  f"{', as of ' + str(scenario.as_of) if scenario.as_of else ''})", highlight=False)
    if scenario.description:
        console.print(scenario.description, highlight=False)
    actors = Table(title="Actors", title_justify="left")
    for column in ("id", "name", "kind", "capability", "measure", "sources"):
        actors.add_column(column, overflow="fold")
    for a in scenario.actors:
        actors.add_row(a.id, a.name, str(a.kind), f"{a.capability:.4g}", a.capability_measure or "",
                       ", ".join(a.sources))
    console.print(actors)
    issues = Table(title="Issues", title_justify="left")
    for column in ("id", "name", "0 means", "100 means", "status quo", "rule"):
        issues.add_column(column, overflow="fold")
    for i in scenario.issues:
        issues.add_row(i.id, i.name, i.low, i.high, fmt_position(i.status_quo), str(i.decision_rule))
    console.print(issues)
    stances = Table(title="Stances", title_justify="left")
    for column in ("issue", "actor", "position", "salience", "justification", "source"):
        stances.add_column(column, overflow="fold")
    for issue in scenario.issues:
        for s in scenario.stances_on(issue.id):
            stances.add_row(s.issue, s.actor, f"{s.position:g}", f"{s.salience:g}", s.justification or "",
                            s.source or "")
    console.print(stances)
    if scenario.relations:
        relations = Table(title="Relations", title_justify="left")
        for column in ("kind", "from", "to", "directed", "strength", "share", "note", "source"):
            relations.add_column(column, overflow="fold")
        for r in scenario.relations:
            relations.add_row(str(r.kind), r.source_actor, r.target, "yes" if r.directed else "no",
                              f"{r.strength:g}", "" if r.share is None else f"{r.share:g}", r.note or "",
                              r.source or "")
        console.print(relations)
    if show_sources and scenario.sources:
        sources = Table(title="Sources", title_justify="left")
        for column in ("id", "citation", "url", "date", "quote"):
            sources.add_column(column, overflow="fold")
        for src in scenario.sources:
            date = src.published or src.accessed
            sources.add_row(src.id, src.citation, src.url or "", str(date or ""), src.quote or "")
        console.print(sources)
