"""Edits the dashboard's forms make to a scenario document: add, change or remove an actor or a stance.

Each function returns a new document (the input is not changed); the caller validates it with the scenario
validator and saves it as a new version. `form_errors` maps the validator's problems back onto form fields.
"""

from __future__ import annotations

import copy
from typing import Any

from realpolitik.errors import Problem, RealpolitikError, ScenarioError

ACTOR_FIELDS = ("id", "name", "kind", "capability", "capability_measure", "notes", "sources")
STANCE_FIELDS = ("actor", "issue", "position", "salience", "justification", "source")
NUMERIC_FIELDS = ("capability", "position", "salience")


def _clean(values: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in fields:
        value = values.get(name)
        if isinstance(value, str):
            value = value.strip()
        if value in (None, ""):
            continue
        out[name] = _number(value) if name in NUMERIC_FIELDS else value
    return out


def _number(value: Any) -> Any:
    """Form fields arrive as text: read a number where the text is one; leave other text for the validator to
    report ("capability must be a number, got 'abc'")."""
    if not isinstance(value, str):
        return value
    try:
        return float(value)
    except ValueError:
        return value


def upsert_actor(document: dict[str, Any], original: str | None, values: dict[str, Any]) -> dict[str, Any]:
    """Return the document with actor `original` replaced by `values` (added when `original` is None).

    A changed id is carried over to the actor's stances and relations. `sources` is a comma-separated list.
    """
    doc = copy.deepcopy(document)
    actor = _clean(values, ACTOR_FIELDS)
    if isinstance(actor.get("sources"), str):
        actor["sources"] = [s.strip() for s in actor["sources"].split(",") if s.strip()]
    actors = doc.setdefault("actors", [])
    if original is None:
        actors.append(actor)
        return doc
    k = _index(actors, original)
    kept = {key: actors[k][key] for key in ("components",) if key in actors[k]}
    actors[k] = {**actor, **kept}
    new_id = actor.get("id", original)
    if new_id != original:
        for stance in doc.get("stances", []):
            if stance.get("actor") == original:
                stance["actor"] = new_id
        for rel in doc.get("relations", []):
            for end in ("from", "to"):
                if rel.get(end) == original:
                    rel[end] = new_id
    return doc


def remove_actor(document: dict[str, Any], actor_id: str) -> dict[str, Any]:
    """Return the document without actor `actor_id`, its stances and its relations."""
    doc = copy.deepcopy(document)
    doc["actors"].pop(_index(doc.get("actors", []), actor_id))
    doc["stances"] = [s for s in doc.get("stances", []) if s.get("actor") != actor_id]
    doc["relations"] = [r for r in doc.get("relations", []) if actor_id not in (r.get("from"), r.get("to"))]
    return doc


def upsert_stance(document: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """Return the document with the stance of (actor, issue) set to `values` (added if there was none)."""
    doc = copy.deepcopy(document)
    stance = _clean(values, STANCE_FIELDS)
    stances = doc.setdefault("stances", [])
    for k, old in enumerate(stances):
        if old.get("actor") == stance.get("actor") and old.get("issue") == stance.get("issue"):
            stances[k] = stance
            return doc
    stances.append(stance)
    return doc


def remove_stance(document: dict[str, Any], actor: str, issue: str) -> dict[str, Any]:
    """Return the document without the stance of `actor` on `issue`."""
    doc = copy.deepcopy(document)
    before = len(doc.get("stances", []))
    doc["stances"] = [s for s in doc.get("stances", []) if (s.get("actor"), s.get("issue")) != (actor, issue)]
    if len(doc["stances"]) == before:
        raise RealpolitikError(f"actor {actor!r} has no stance on issue {issue!r}. Fix: pick a stance from the table")
    return doc


def stance_index(document: dict[str, Any], actor: str, issue: str) -> int | None:
    """Return the position of the stance of (actor, issue) in the document's list, or ``None``."""
    for k, s in enumerate(document.get("stances", [])):
        if (s.get("actor"), s.get("issue")) == (actor, issue):
            return k
    return None


def form_errors(error: ScenarioError, section: str, index: int | None) -> tuple[dict[str, str], list[str]]:
    """Split the problems into those on a field of item `index` of `section` (by field) and all others."""
    fields: dict[str, str] = {}
    others: list[str] = []
    for p in error.problems:
        if index is not None and len(p.loc) >= 3 and p.loc[0] == section and p.loc[1] == index:
            fields.setdefault(str(p.loc[2]), f"{p.what}. Fix: {p.fix}")
        else:
            others.append(Problem(p.loc, p.what, p.fix, p.subject).describe())
    return fields, others


def _index(items: list[dict[str, Any]], item_id: str) -> int:
    for k, item in enumerate(items):
        if item.get("id") == item_id:
            return k
    raise RealpolitikError(f"no actor {item_id!r} in this scenario. Fix: pick an actor from the table")
