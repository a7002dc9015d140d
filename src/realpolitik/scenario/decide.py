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
silently breaks its position update). The scale is read once for the whole file: in a file read as 0-100 a salience
above 0 and at most 1 (0.8 beside 80) is refused as a mix of the two scales, since dividing it by 100 would be a
silent wrong answer (``salience_scale="percent"`` says such values are meant). Likewise, on an issue scaled from 0
to 100 or more, a position strictly between 0 and 1 (0.3 beside 70, or 0.3 and 0.9 with none above 1) is refused
as written on 0-1 (``scale_check=False`` keeps it as written). Power is per actor-issue row in Decide and per
actor here: an actor's power must be the same on all its rows (it is only ever used in ratios, so any common scale
gives the same results). ``#M`` rows may come in any order (Decide's reader crashes on descending ones).

Every refusal names the line, the row key and the field or the actor: an empty required field by its name, a
repeated #A id, #P name, #M value of an issue or #D actor-issue pair with the lines of both rows.
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
FIELDS = {"#A": ("id",), "#P": ("name",), "#M": ("issue", "value"),
          "#D": ("actor", "issue", "position", "salience", "power")}
EXAMPLES = {"id": "nl", "name": "budget", "issue": "budget", "value": "0", "actor": "nl", "position": "50",
            "salience": "0.5", "power": "1"}
WIDE_SCALE = 100.0  # an issue scaled from 0 to at least this is checked for positions written on 0-1


def looks_like_decide(text: str) -> bool:
    """Return True if the first non-blank line starts with a Decide row key (``#A``, ``#P``, ``#O``, ...)."""
    for line in text.splitlines():
        if line.strip():
            return line[:2] in KEYS and len(line) > 2 and line[2] in DELIMITERS
    return False


def load_decide(path: str | Path, salience_scale: str = "auto", scale_check: bool = True) -> Scenario:
    """Return the `Scenario` in a Decide input file; raise `ScenarioError` naming the line, the field and the fix."""
    from realpolitik.scenario.io import read_text

    path = Path(path)
    return parse_decide(read_text(path), str(path), salience_scale, scale_check)


@dataclass
class _Reader:
    file: str
    problems: list[Problem] = field(default_factory=list)
    actors: dict[str, dict[str, Any]] = field(default_factory=dict)
    issues: dict[str, dict[str, Any]] = field(default_factory=dict)
    marks: dict[str, list[tuple[float, str]]] = field(default_factory=dict)
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    lines: dict[tuple[str | int, ...], int] = field(default_factory=dict)

    firsts: dict[tuple[str, ...], int] = field(default_factory=dict)

    def fail(self, line: int | None, what: str, fix: str, subject: str = "", row: str = "") -> None:
        """Record a problem about a `row` (its key); rows about an actor-issue pair ('actor on issue') are #D rows."""
        key = row or ("#D" if " on " in subject else "")
        self.problems.append(Problem((key,) if key else (), what, fix, subject, line))

    def first(self, key: tuple[str, ...], line: int) -> int | None:
        """Return the line where `key` was first seen, or None (and remember `line`) when it is new."""
        if key in self.firsts:
            return self.firsts[key]
        self.firsts[key] = line
        return None

    def number(self, line: int, text: str, name: str, subject: str, row: str = "") -> float | None:
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if not math.isfinite(value):
            self.fail(line, f"{name} {text!r} is not a number", f"write the {name} as a number, e.g. 0.5", subject,
                      row)
            return None
        return value


def parse_decide(text: str, file: str = "<decide>", salience_scale: str = "auto", scale_check: bool = True) -> Scenario:
    """Parse the text of a Decide input file into a `Scenario` (see the module docstring for the mapping and for
    `scale_check`, the refusal of positions that look written on 0-1 on an issue of a wider scale)."""
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
    stances = _stances(reader, salience_scale, scale_check)
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
    if key in ("#/", "#O"):
        return
    names = FIELDS.get(key)
    if names is None:
        r.fail(line, f"unknown row key {key!r}", "start the row with #A (actor), #P (issue), #M (scale point), "
               "#D (data) or #/ (comment)")
        return
    if _empty_fields(r, line, key, names, rest):
        return
    if key == "#A":
        _actor(r, line, rest)
    elif key == "#P":
        _issue(r, line, rest)
    elif key == "#M":
        _mark(r, line, rest)
    else:
        r.rows.append((line, rest))


def _empty_fields(r: _Reader, line: int, key: str, names: tuple[str, ...], rest: list[str]) -> bool:
    """Report the required fields of a row that are empty or missing, by name; return True when there are any."""
    empty = [name for k, name in enumerate(names) if k >= len(rest) or not rest[k]]
    if not empty:
        return False
    listed = " and ".join([", ".join(empty[:-1]), empty[-1]] if len(empty) > 1 else empty)
    filled = [rest[k] if k < len(rest) and rest[k] else EXAMPLES[name] for k, name in enumerate(names)]
    subject = f"{rest[0]} on {rest[1]}" if key == "#D" and len(rest) > 1 and rest[0] and rest[1] else ""
    r.fail(line, f"the {listed} field{'s are' if len(empty) > 1 else ' is'} empty; a {key} row holds "
           f"{', '.join(names)}", f"fill in the {listed}, e.g. '{','.join([key, *filled])}'", subject, key)
    return True


def _new_id(r: _Reader, line: int, key: str, seen: dict[str, dict[str, Any]], what: str, row: str,
            example: str) -> str | None:
    """Return the scenario id of the #A/#P row `key`, or None after reporting an empty or repeated one."""
    ident = slug(key)
    if not ident:
        r.fail(line, f"{what} {key!r} has no letters or digits", f"give it one such as {example!r}", row=row)
        return None
    other = key if key in seen else next((k for k, item in seen.items() if item["id"] == ident), None)
    if other is not None:
        alias = "" if other == key else f" (as {other!r}: the same id once lower-cased)"
        r.fail(line, f"{what} {key!r} is defined twice{alias}: lines {r.firsts[row, other]} and {line}",
               f"keep one {row} row for it, or give the other its own {what.split()[-1]}", key, row)
        return None
    r.first((row, key), line)
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


def _mark(r: _Reader, line: int, rest: list[str]) -> None:
    issue = rest[0]
    value = r.number(line, rest[1], "scale value", issue, "#M")
    if value is None:
        return
    first = r.first(("#M", issue, repr(value)), line)
    if first is not None:
        r.fail(line, f"issue {issue!r} has the scale value {value:g} twice: lines {first} and {line}",
               "keep one #M row per value of an issue", issue, "#M")
        return
    r.marks.setdefault(issue, []).append((value, rest[2] if len(rest) > 2 else ""))


def _stances(r: _Reader, salience_scale: str, scale_check: bool) -> list[dict[str, Any]]:
    for key in r.marks:
        if key not in r.issues:
            r.fail(None, f"#M rows for issue {key!r}, which has no #P row", "add a #P row for it or fix the name",
                   key)
        elif _scale(r, key)[0] == _scale(r, key)[1]:
            r.fail(r.issues[key]["line"], f"issue {key!r}: its #M rows span no range",
                   "give #M rows for both ends of the scale", key)
    percent, refused = _salience_scale(r, salience_scale)
    if scale_check:
        refused |= _position_mix(r)
    stances, powers = [], {}
    for line, (actor, issue, position, salience, power, *_) in r.rows:
        subject = f"{actor} on {issue}"
        if actor not in r.actors:
            r.fail(line, f"unknown actor {actor!r}", "add an #A row for it or use the id of an #A row", subject)
            continue
        if issue not in r.issues or _scale(r, issue)[0] == _scale(r, issue)[1]:
            if issue not in r.issues:
                r.fail(line, f"unknown issue {issue!r}", "add a #P row for it or use the name of a #P row", subject)
            continue
        first = r.first(("#D", actor, issue), line)
        if first is not None:
            r.fail(line, f"{subject} has two #D rows: lines {first} and {line}", "keep one #D row per actor and "
                   "issue", subject)
            continue
        if line in refused:
            continue
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


def _salience_scale(r: _Reader, salience_scale: str) -> tuple[bool, set[int]]:
    """Return whether the file's saliences are on 0-100, read once for the whole file, and the lines refused as
    written on the other scale (auto only: a salience in (0, 1] where another exceeds 1)."""
    numbers = [(line, row, s) for line, row in r.rows if (s := _quiet_float(row[3])) is not None and math.isfinite(s)]
    over = next(((line, row) for line, row, s in numbers if s > 1), None)
    if salience_scale != "auto":
        return salience_scale == "percent", set()
    if over is None:
        return False, set()
    refused = set()
    for line, row, s in numbers:
        if 0 < s <= 1:
            r.fail(line, f"salience {row[3]} looks written on 0-1, but line {over[0]} ({over[1][0]} on {over[1][1]}) "
                   f"has {over[1][3]}, so the file's saliences are read as 0-100, where {row[3]} would mean "
                   f"{s / 100:g}", "write every salience of the file on one scale, 0-1 (80 → 0.8) or 0-100 "
                   "(0.8 → 80); if the small values are meant on 0-100, import with --salience-scale percent",
                   f"{row[0]} on {row[1]}")
            refused.add(line)
    return True, refused


def _position_mix(r: _Reader) -> set[int]:
    """Report positions strictly between 0 and 1 on an issue scaled from 0 to `WIDE_SCALE` or more, beside a
    position above 1 (two scales in one issue) or with none above 1 (the issue written on 0-1); return their
    lines."""
    by_issue: dict[str, list[tuple[int, str, float]]] = {}
    for line, (actor, issue, position, *_) in r.rows:
        x = _quiet_float(position)
        if x is not None and math.isfinite(x) and issue in r.issues:
            by_issue.setdefault(issue, []).append((line, actor, x))
    refused = set()
    for issue, rows in by_issue.items():
        lo, hi = _scale(r, issue)
        if lo != 0 or hi < WIDE_SCALE:
            continue
        wide = next((row for row in rows if row[2] > 1), None)
        evidence = f"line {wide[0]} ({wide[1]}) has {wide[2]:g}" if wide else "none of its positions exceeds 1"
        extra = "" if wide else f", or add the rows '#M,{issue},0' and '#M,{issue},1' to put the issue on 0-1"
        for line, actor, x in rows:
            if 0 < x < 1:
                r.fail(line, f"position {x:g} looks written on 0-1, but issue {issue!r} is on {lo:g}-{hi:g} and "
                       f"{evidence}", f"write the issue's positions on its scale ({x:g} of 0-1 is {x * hi:g} of "
                       f"0-{hi:g}){extra}; if {x:g} is meant, import with --no-scale-check", f"{actor} on {issue}")
                refused.add(line)
    return refused


def _quiet_float(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None
