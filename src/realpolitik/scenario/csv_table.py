"""Import of the common single-issue table: one row per actor with capability, position and salience.

Columns (header row, case-insensitive, any order): ``actor`` (required), ``capability``, ``position``,
``salience`` (required), and optionally ``name``, ``kind`` and ``issue`` (several issues in one table, one row per
actor and issue; an actor's capability must then agree across its rows). Saliences written on 0-100 (any value
above 1 in the column) are an error rather than a silent rescale: divide them by 100.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from realpolitik.errors import Problem, ScenarioError
from realpolitik.scenario.limits import csv_rows

REQUIRED = ("actor", "capability", "position", "salience")
OPTIONAL = ("name", "kind", "issue")


def slug(text: str) -> str:
    """Return a lower-case id made of letters, digits, '-' and '_' (e.g. 'United States' → 'united_states',
    'Österreich' → 'osterreich'); an empty string when nothing usable is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9_\-]+", "_", ascii_text.strip().lower()).strip("_-")[:64]


@dataclass
class CsvTable:
    """A scenario document read from a CSV table, with the row (line) each actor and stance came from."""

    document: dict[str, Any]
    stance_lines: list[int] = field(default_factory=list)
    actor_lines: list[int] = field(default_factory=list)

    def line_of(self, loc: tuple[str | int, ...]) -> int | None:
        """Return the CSV line of the stance or actor an error location points at."""
        if len(loc) >= 2 and isinstance(loc[1], int):
            lines = {"stances": self.stance_lines, "actors": self.actor_lines}.get(str(loc[0]), [])
            return lines[loc[1]] if loc[1] < len(lines) else None
        return None


def _number(raw: str, column: str, line: int, who: str) -> tuple[float | None, Problem | None]:
    try:
        value = float(raw)
    except ValueError:
        return None, Problem((column,), f"{column} {raw!r} is not a number",
                             f"write {column} as a plain number such as 0.5", subject=who, line=line)
    if not math.isfinite(value):
        return None, Problem((column,), f"{column} {raw!r} is not finite", "use a finite number",
                             subject=who, line=line)
    return value, None


def _header(rows: list[list[str]], file: str) -> list[str]:
    if not rows:
        raise ScenarioError([Problem((), "the CSV file is empty",
                                     f"start with a header row: {','.join(REQUIRED)}")], file)
    header = [h.strip().lower() for h in rows[0]]
    if len(header) == 1 and any(sep in header[0] for sep in ";\t|"):
        raise ScenarioError([Problem((), f"the header {rows[0][0]!r} is one column: the file does not use commas",
                                     "separate the columns with commas (export the table as comma-separated CSV)",
                                     line=1)], file)
    problems = [Problem((col,), f"unknown column {col!r}", f"use only {', '.join(REQUIRED + OPTIONAL)}", line=1)
                for col in header if col not in REQUIRED + OPTIONAL]
    problems += [Problem((col,), f"missing column {col!r}", f"add a {col!r} column to the header", line=1)
                 for col in REQUIRED if col not in header]
    if len(set(header)) != len(header):
        problems.append(Problem((), "a column name appears twice in the header", "keep one of each", line=1))
    if problems:
        raise ScenarioError(problems, file)
    return header


def parse_csv_table(text: str, file: str = "<csv>", issue: str | None = None) -> CsvTable:
    """Return the scenario document built from a single-issue CSV table; raise `ScenarioError` on bad rows.

    The issue id comes from an ``issue`` column, else from `issue`, else ``"issue"``; the scenario id from the
    file's stem.
    """
    rows = [row for row in csv_rows(text, file) if any(cell.strip() for cell in row)]
    header = _header(rows, file)
    default_issue = slug(issue or "") or "issue"
    if len(rows) == 1:
        raise ScenarioError([Problem((), "the table has a header but no rows",
                                     "add one row per actor below the header", line=1)], file)
    actors: dict[str, dict[str, Any]] = {}
    names: dict[str, str] = {}
    table = CsvTable({})
    stances, issues, problems = [], {}, []
    for line, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            problems.append(Problem((), f"row has {len(row)} cells but the header has {len(header)}",
                                    "give every row one cell per column", line=line))
            continue
        cells = {col: cell.strip() for col, cell in zip(header, row, strict=True)}
        actor_id, who = slug(cells["actor"]), f"actor {cells['actor']}"
        if not actor_id:
            problems.append(Problem(("actor",), f"actor name {cells['actor']!r} has no letters or digits to make an "
                                    "id from", "name the actor with letters or digits", line=line))
            continue
        if names.setdefault(actor_id, cells["actor"]) != cells["actor"]:
            problems.append(Problem(("actor",), f"actors {names[actor_id]!r} and {cells['actor']!r} both become the "
                                    f"id {actor_id!r}", "give the two actors names that differ in letters or digits",
                                    subject=who, line=line))
            continue
        values = {}
        for column in ("capability", "position", "salience"):
            values[column], problem = _number(cells[column], column, line, who)
            if problem:
                problems.append(problem)
        if None in values.values():
            continue
        issue_id = slug(cells.get("issue") or "") or default_issue
        issues.setdefault(issue_id, {"id": issue_id, "name": cells.get("issue") or issue_id,
                                     "low": "position 0", "high": "position 100"})
        if actor_id not in actors:
            table.actor_lines.append(line)
        known = actors.setdefault(actor_id, {"id": actor_id, "name": cells.get("name") or cells["actor"],
                                             "capability": values["capability"],
                                             **({"kind": cells["kind"]} if cells.get("kind") else {})})
        if known["capability"] != values["capability"]:
            problems.append(Problem(("capability",), f"capability {values['capability']} differs from "
                                    f"{known['capability']} given on an earlier row", "give one capability per "
                                    "actor", subject=who, line=line))
        stances.append({"actor": actor_id, "issue": issue_id, "position": values["position"],
                        "salience": values["salience"]})
        table.stance_lines.append(line)
    if problems:
        raise ScenarioError(problems, file)
    stem = (slug(PurePath(file).stem) if not file.startswith("<") else "") or "csv-scenario"
    table.document = {"id": stem, "title": f"Imported from {PurePath(file).name}", "actors": list(actors.values()),
                      "issues": list(issues.values()), "stances": stances}
    return table
