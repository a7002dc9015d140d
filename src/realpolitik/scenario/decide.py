"""Import of the input files of the Decide exchange-model tools (``decide-exchange-model``, J. Draaijer, GPL; its
``docs/inputfiles.md``; the project's notes in ``docs/models/exchange.md``).

A delimited text file (comma, semicolon or tab; the character after the first row key) of rows keyed in the first
field:

| key | fields | becomes |
|---|---|---|
| ``#A`` | id, full name, comment | an actor (id slugged to a scenario id, the full name its name, comment → notes) |
| ``#P`` | name, description | an issue (id slugged from the name, the description its name) |
| ``#M`` | issue, value, label | a point of the issue scale; min and max give [lo, hi] (default 0-100), their labels |
|        |                     | the issue's ``low``/``high`` |
| ``#D`` | actor, issue, position, salience, power, comment | a stance; position mapped from [lo, hi] to 0-100 |
| ``#/``, ``#O`` | free text | comments, ignored (as are blank lines) |

Choices: saliences on 0-1 are kept; a file whose saliences exceed 1 is read as 0-100 and divided by 100
(``salience_scale="auto"``; AMB-1 of docs/models/exchange.md: Decide's own reader accepts 0-100 and then
silently breaks its position update). Power is per actor-issue row in Decide and per actor here: an actor's power
must be the same on all its rows (it is only ever used in ratios, so any common scale gives the same results).
``#M`` rows may come in any order (Decide's reader crashes on descending ones).
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from realpolitik.errors import Problem, RealpolitikError, ScenarioError
from realpolitik.scenario.csv_table import slug
from realpolitik.scenario.model import Scenario

DELIMITERS = ",;\t|"
KEYS = ("#A", "#P", "#M", "#D", "#/", "#O")
SALIENCE_SCALES = ("auto", "unit", "percent")


def looks_like_decide(text: str) -> bool:
    """Return True if the first non-blank line starts with a Decide row key (``#A``, ``#P``, ``#O``, ...)."""
    for line in text.splitlines():
        if line.strip():
            return line[:2] in KEYS and len(line) > 2 and line[2] in DELIMITERS
    return False


def load_decide(path: str | Path, salience_scale: str = "auto") -> Scenario:
    """Return the `Scenario` in a Decide input file; raise `ScenarioError` naming the line, the field and the fix."""
    from realpolitik.scenario.io import read_text

    path = Path(path)
    return parse_decide(read_text(path), str(path), salience_scale)


@dataclass
class _Reader:
    file: str
    problems: list[Problem] = field(default_factory=list)
    actors: dict[str, dict[str, Any]] = field(default_factory=dict)
    issues: dict[str, dict[str, Any]] = field(default_factory=dict)
    marks: dict[str, list[tuple[float, str]]] = field(default_factory=dict)
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    lines: dict[tuple[str | int, ...], int] = field(default_factory=dict)

    def fail(self, line: int | None, what: str, fix: str, subject: str = "") -> None:
        """Record a problem; rows about an actor-issue pair (subject 'actor on issue') are #D rows."""
        row = ("#D",) if " on " in subject else ()
        self.problems.append(Problem(row, what, fix, subject, line))

    def number(self, line: int, text: str, name: str, subject: str) -> float | None:
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if not math.isfinite(value):
            self.fail(line, f"{name} {text!r} is not a number", f"write the {name} as a number, e.g. 0.5", subject)
            return None
        return value


def parse_decide(text: str, file: str = "<decide>", salience_scale: str = "auto") -> Scenario:
    """Parse the text of a Decide input file into a `Scenario` (see the module docstring for the mapping)."""
    if salience_scale not in SALIENCE_SCALES:
        raise RealpolitikError(f"salience_scale={salience_scale!r}. Fix: use one of {', '.join(SALIENCE_SCALES)}")
    reader = _Reader(file)
    delimiter = _delimiter(text, file)
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as exc:
        raise ScenarioError([Problem((), f"unreadable delimited text ({exc})", "save the file as plain comma-, "
                                     "semicolon- or tab-separated text with balanced quotes")], file) from None
    for line, fields in enumerate(rows, start=1):
        fields = [f.strip() for f in fields]
        if not any(fields):
            continue
        _row(reader, line, fields)
    stances = _stances(reader, salience_scale)
    if reader.problems:
        raise ScenarioError(reader.problems, file)
    document = {"id": slug(Path(file).stem) or "decide", "title": f"Decide input {Path(file).name}",
                "actors": list(reader.actors.values()), "issues": list(_issues(reader)), "stances": stances}
    from realpolitik.scenario.io import scenario_from_dict

    return scenario_from_dict(document, file, lambda loc: reader.lines.get(tuple(loc[:2])))


def _delimiter(text: str, file: str) -> str:
    for line in text.splitlines():
        if line.strip():
            if line[:2] in KEYS and len(line) > 2 and line[2] in DELIMITERS:
                return line[2]
            break
    raise ScenarioError([Problem((), "not a Decide input file: the first line does not start with a row key "
                                 "(#A, #P, #M, #D, #/ or #O) followed by a comma, semicolon or tab",
                                 "start every row with its key, e.g. '#A,nl,Netherlands,'", line=1)], file)


def _row(r: _Reader, line: int, fields: list[str]) -> None:
    key, rest = fields[0], fields[1:]
    needed = {"#A": 1, "#P": 1, "#M": 2, "#D": 5}.get(key)
    if key in ("#/", "#O"):
        return
    if needed is None:
        r.fail(line, f"unknown row key {key!r}", "start the row with #A (actor), #P (issue), #M (scale point), "
               "#D (data) or #/ (comment)")
        return
    if len(rest) < needed or not all(rest[:needed]):
        names = {"#A": "id", "#P": "name", "#M": "issue, value", "#D": "actor, issue, position, salience, power"}
        r.fail(line, f"a {key} row needs {names[key]}; got {len(rest)} field(s)", f"fill in {names[key]}")
        return
    if key == "#A":
        _actor(r, line, rest)
    elif key == "#P":
        _issue(r, line, rest)
    elif key == "#M":
        value = r.number(line, rest[1], "scale value", rest[0])
        if value is not None:
            r.marks.setdefault(rest[0], []).append((value, rest[2] if len(rest) > 2 else ""))
    else:
        r.rows.append((line, rest))


def _new_id(r: _Reader, line: int, key: str, seen: dict[str, dict[str, Any]], what: str, row: str,
            example: str) -> str | None:
    """Return the scenario id of the #A/#P row `key`, or None after reporting an empty or repeated one."""
    ident = slug(key)
    if not ident:
        r.fail(line, f"{what} {key!r} has no letters or digits", f"give it one such as {example!r}")
        return None
    if key in seen or any(item["id"] == ident for item in seen.values()):
        r.fail(line, f"{what} {key!r} is defined twice (or clashes with another once lower-cased)",
               f"give each one {row} row and its own {what.split()[-1]}", key)
        return None
    return ident


def _actor(r: _Reader, line: int, rest: list[str]) -> None:
    key = rest[0]
    ident = _new_id(r, line, key, r.actors, "actor id", "#A", "nl")
    if ident is None:
        return
    r.lines[("actors", len(r.actors))] = line
    actor: dict[str, Any] = {"id": ident, "name": rest[1] if len(rest) > 1 and rest[1] else key, "capability": 0.0}
    if len(rest) > 2 and any(rest[2:]):
        actor["notes"] = " ".join(f for f in rest[2:] if f)
    r.actors[key] = actor


def _issue(r: _Reader, line: int, rest: list[str]) -> None:
    key = rest[0]
    ident = _new_id(r, line, key, r.issues, "issue name", "#P", "budget")
    if ident is None:
        return
    r.lines[("issues", len(r.issues))] = line
    r.issues[key] = {"id": ident, "name": rest[1] if len(rest) > 1 and rest[1] else key, "line": line}


def _scale(r: _Reader, key: str) -> tuple[float, float]:
    values = [v for v, _ in r.marks.get(key, [])]
    return (min(values), max(values)) if values else (0.0, 100.0)


def _issues(r: _Reader):
    for key, issue in r.issues.items():
        lo, hi = _scale(r, key)
        labels = dict(sorted(r.marks.get(key, []), key=lambda m: m[0]))
        yield {"id": issue["id"], "name": issue["name"], "low": labels.get(lo) or f"{lo:g}",
               "high": labels.get(hi) or f"{hi:g}"}


def _stances(r: _Reader, salience_scale: str) -> list[dict[str, Any]]:
    for key in r.marks:
        if key not in r.issues:
            r.fail(None, f"#M rows for issue {key!r}, which has no #P row", "add a #P row for it or fix the name",
                   key)
        elif _scale(r, key)[0] == _scale(r, key)[1]:
            r.fail(r.issues[key]["line"], f"issue {key!r}: its #M rows span no range",
                   "give #M rows for both ends of the scale", key)
    stances, powers, seen = [], {}, {}
    saliences = [s for _, row in r.rows if (s := _quiet_float(row[3])) is not None]
    percent = salience_scale == "percent" or (salience_scale == "auto" and any(s > 1 for s in saliences))
    for line, (actor, issue, position, salience, power, *_) in r.rows:
        subject = f"{actor} on {issue}"
        if actor not in r.actors:
            r.fail(line, f"unknown actor {actor!r}", "add an #A row for it or use the id of an #A row", subject)
            continue
        if issue not in r.issues or _scale(r, issue)[0] == _scale(r, issue)[1]:
            if issue not in r.issues:
                r.fail(line, f"unknown issue {issue!r}", "add a #P row for it or use the name of a #P row", subject)
            continue
        if (actor, issue) in seen:
            r.fail(line, f"a second #D row for {subject} (first on line {seen[actor, issue]})", "keep one row",
                   subject)
            continue
        seen[actor, issue] = line
        values = [r.number(line, t, n, subject) for t, n in ((position, "position"), (salience, "salience"),
                                                            (power, "power"))]
        x, s, c = values
        if x is None or s is None or c is None:
            continue
        lo, hi = _scale(r, issue)
        if not min(lo, hi) <= x <= max(lo, hi):
            r.fail(line, f"position {x:g} is outside the issue's scale [{lo:g}, {hi:g}]",
                   "use a position within the #M range of the issue, or widen the #M rows", subject)
            continue
        s = s / 100.0 if percent else s
        if not 0 <= s <= 1:
            r.fail(line, f"salience {salience} is outside {'0-100' if percent else '0-1'}",
                   "write saliences from 0 to 1 (or all from 0 to 100)", subject)
            continue
        if c < 0:
            r.fail(line, f"power {c:g} is negative", "write a power ≥ 0", subject)
            continue
        if actor in powers and powers[actor][0] != c:
            r.fail(line, f"power {c:g} differs from {powers[actor][0]:g} on line {powers[actor][1]}; a scenario "
                   "holds one capability per actor", "give the actor the same power on every issue", subject)
            continue
        powers.setdefault(actor, (c, line))
        r.lines[("stances", len(stances))] = line
        stances.append({"actor": r.actors[actor]["id"], "issue": r.issues[issue]["id"],
                        "position": (x - lo) * 100.0 / (hi - lo), "salience": s})
    for actor, (c, _) in powers.items():
        r.actors[actor]["capability"] = c
    return stances


def _quiet_float(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None
