"""Translate pydantic's validation errors into `Problem`s a person can act on.

Each problem names the field path, the actor or issue it concerns, what was wrong and the fix.
"""

from __future__ import annotations

import math
from typing import Any

from pydantic import BaseModel, ValidationError

from realpolitik.errors import MAX_SHOWN, Problem
from realpolitik.scenario.checks import suggest


def _section_models() -> dict[str, type[BaseModel]]:
    from realpolitik.scenario import model as m
    from realpolitik.scenario import spread as sp

    return {"actors": m.Actor, "issues": m.Issue, "stances": m.Stance, "relations": m.Relation,
            "sources": m.Source, "components": m.CapabilityComponent, "uncertainty": sp.UncertaintyDefaults,
            **{name: sp.Spread for name in ("capability_spread", "position_spread", "salience_spread",
                                            "capability", "position", "salience")}}


def _owner(loc: tuple[Any, ...]) -> type[BaseModel]:
    """Return the model class that holds the last key of `loc`."""
    from realpolitik.scenario.model import Scenario

    sections = [part for part in loc[:-1] if isinstance(part, str)]
    return _section_models().get(sections[-1], Scenario) if sections else Scenario


def _keys(cls: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in cls.model_fields.items()]


def subject_of(loc: tuple[Any, ...], data: Any) -> str:
    """Name the actor, issue or source an error location concerns, from the raw document where possible."""
    if len(loc) < 2 or not isinstance(loc[1], int) or not isinstance(data, dict):
        return ""
    items = data.get(loc[0])
    if not isinstance(items, list) or loc[1] >= len(items) or not isinstance(items[loc[1]], dict):
        return ""
    item = items[loc[1]]
    if loc[0] == "stances":
        return f"actor {item.get('actor', '?')}, issue {item.get('issue', '?')}"
    if loc[0] == "relations":
        return f"{item.get('kind', '?')} from {item.get('from', '?')} to {item.get('to', '?')}"
    if "id" in item:
        return f"{loc[0][:-1]} {item['id']}"
    return ""


def _range_fix(ctx: dict[str, Any], field: str) -> str:
    if field == "position":
        return "use a position between 0 and 100 on the issue's scale"
    if field == "salience":
        return "use a salience between 0 (indifferent) and 1 (nothing matters more)"
    bound = ctx.get("ge", ctx.get("gt", ctx.get("le", ctx.get("lt"))))
    return f"use a value within the allowed range (bound {bound})"


def describe_error(err: dict[str, Any]) -> tuple[str, str]:
    """Return (what went wrong, how to fix it) for one pydantic error dict."""
    loc, kind, value = tuple(err["loc"]), err["type"], err.get("input")
    field = str(loc[-1]) if loc else "document"
    ctx = err.get("ctx") or {}
    if kind == "extra_forbidden":
        allowed = _keys(_owner(loc))
        return (f"unknown key {field!r}{suggest(field, allowed)}",
                f"remove it or correct the spelling; allowed keys here: {', '.join(allowed)}")
    if kind == "missing":
        return f"required key {field!r} is missing", f"add {field} = ..."
    if isinstance(value, float) and not math.isfinite(value):
        return f"{field} = {value!r} is not a finite number", f"write {field} as a finite number"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return f"{field} = {value!r} is out of range ({err['msg'].lower()})", _range_fix(ctx, field)
    if kind == "string_pattern_mismatch":
        return (f"{field} {value!r} is not a valid id",
                "use lower-case letters, digits, '-' and '_' only, starting with a letter or digit (e.g. 'russia')")
    if kind == "enum":
        return f"{field} {value!r} is not allowed", f"use one of {ctx.get('expected', '')}"
    if kind in ("float_parsing", "float_type", "int_parsing", "int_type", "int_from_float", "finite_number"):
        return f"{field} must be a number, got {value!r}", f"write {field} as a plain number, e.g. {field} = 0.5"
    if kind in ("string_type", "string_too_short"):
        return f"{field} must be non-empty text, got {value!r}", f'write {field} = "..." with some text'
    if kind in ("list_type", "tuple_type"):
        example = f"[[{field}]] tables" if len(loc) == 1 else f'{field} = ["..."]'
        return f"{field} must be a list, got {type(value).__name__}", f"write {field} as a list ({example})"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"{field} must be a table of keys, got {type(value).__name__}", f"write {field} as a table"
    if kind in ("date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"):
        return f"{field} must be a date, got {value!r}", f"write {field} as YYYY-MM-DD"
    if kind == "value_error" and "Fix: " in err["msg"]:
        what, _, fix = err["msg"].removeprefix("Value error, ").partition(" Fix: ")
        return what.rstrip(". "), fix
    if kind == "bool_type" or kind == "bool_parsing":
        return f"{field} must be true or false, got {value!r}", f"write {field} = true or {field} = false"
    return f"{field}: {err['msg']} (got {value!r})", "correct the value"


def problems_from(exc: ValidationError, data: Any) -> list[Problem]:
    """Return one `Problem` per pydantic error, with the concerned actor or issue named; beyond `MAX_SHOWN`
    errors, one more problem counts the rest (describing thousands would take seconds)."""
    problems = []
    errors = exc.errors(include_url=False)
    if len(errors) > MAX_SHOWN:
        problems.append(Problem((), f"{len(errors) - MAX_SHOWN} further problems are not listed",
                                "fix the problems listed first, then load the file again"))
    for err in errors[:MAX_SHOWN]:
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        what, fix = describe_error({**err, "loc": loc})
        problems.append(Problem(loc, what, fix, subject=subject_of(loc, data)))
    return problems
