"""What-if changes: edits applied to a scenario before a run ("Russia's salience doubles"), never saved as a version.

A change names an actor, a field (``capability``, ``position`` or ``salience``), for the last two an issue, an
operation (``set`` or ``times``) and a value. The changed scenario is validated like any other, so a change that
pushes a salience above 1 is reported with its field and fix.
"""

from __future__ import annotations

import copy
from typing import Any

from realpolitik.errors import Problem, ScenarioError
from realpolitik.scenario.checks import suggest
from realpolitik.scenario.io import scenario_from_dict
from realpolitik.scenario.model import Scenario

FIELDS = ("capability", "position", "salience")
OPERATIONS = ("set", "times")


def apply_what_if(document: dict[str, Any], changes: list[dict[str, Any]]) -> Scenario:
    """Return the scenario of `document` with `changes` applied; `ScenarioError` naming the change if one is bad."""
    if not changes:
        return scenario_from_dict(document, "<what-if>")
    doc = copy.deepcopy(document)
    problems = [p for k, change in enumerate(changes) for p in _apply_one(doc, change, k)]
    if problems:
        raise ScenarioError(problems, "<what-if>")
    return scenario_from_dict(doc, "<what-if>")


def describe_change(change: dict[str, Any]) -> str:
    """Return a change in words, e.g. ``salience of russia on karabakh × 2``."""
    where = f" on {change['issue']}" if change.get("issue") else ""
    op = "×" if change.get("op", "set") == "times" else "="
    return f"{change['field']} of {change['actor']}{where} {op} {change['value']:g}"


def _apply_one(doc: dict[str, Any], change: dict[str, Any], k: int) -> list[Problem]:
    loc = ("what_if", k)
    actor, field, op = change.get("actor"), change.get("field"), change.get("op", "set")
    actors = [a["id"] for a in doc.get("actors", [])]
    if actor not in actors:
        return [Problem((*loc, "actor"), f"unknown actor {actor!r}{suggest(str(actor), actors)}",
                        f"use one of {', '.join(actors)}")]
    if field not in FIELDS or op not in OPERATIONS:
        return [Problem((*loc, "field"), f"cannot apply {op!r} to {field!r}",
                        f"use a field among {', '.join(FIELDS)} and an operation among {', '.join(OPERATIONS)}")]
    if field == "capability":
        target = next(a for a in doc["actors"] if a["id"] == actor)
    else:
        issue = change.get("issue")
        target = next((s for s in doc.get("stances", []) if s["actor"] == actor and s["issue"] == issue), None)
        if target is None:
            return [Problem((*loc, "issue"), f"actor {actor!r} has no stance on issue {issue!r}",
                            "choose an issue this actor has a stance on")]
    value = float(change["value"])
    target[field] = value if op == "set" else target[field] * value
    return []
