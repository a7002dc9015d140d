"""Review a drafted scenario without a CLI or a browser: list the queue, accept, edit or reject items, add issues
and positions, and save a normal scenario. Every function takes a `Scenario` and returns a new one (scenarios
are immutable); the CLI (`realpolitik draft review`) and the dashboard's review page call these.

Item ids: an actor's id; ``relation:KIND:FROM:TO`` for a relation; a quantity's or stance cue's id (``q3``,
``c2``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from realpolitik.errors import RealpolitikError
from realpolitik.scenario.checks import UnreviewedScenarioError, needs_review
from realpolitik.scenario.io import save_scenario, scenario_from_dict, to_document
from realpolitik.scenario.model import Scenario

_SECTIONS = ("actors", "relations", "quantities", "stance_cues")


@dataclass(frozen=True)
class ReviewItem:
    """One drafted item waiting for a person: where it is, what it says and the words it rests on."""

    id: str
    section: str
    label: str
    quote: str | None
    offsets: tuple[int, int] | None


def relation_id(entry: dict[str, Any]) -> str:
    """Return the review id of a relation entry (``relation:KIND:FROM:TO``)."""
    return f"relation:{entry['kind']}:{entry['from']}:{entry['to']}"


def _item_id(section: str, entry: dict[str, Any]) -> str:
    return relation_id(entry) if section == "relations" else entry["id"]


def queue(scenario: Scenario) -> list[ReviewItem]:
    """Return the drafted items still to review, in file order, with the quote and offsets of their source."""
    doc = to_document(scenario)
    sources = {s["id"]: s for s in doc.get("sources", [])}
    items = []
    for section in _SECTIONS:
        for entry in doc.get(section, []):
            if entry.get("status") != "draft":
                continue
            ref = entry.get("source") or next(iter(entry.get("sources", [])), None)
            src = sources.get(ref, {})
            offsets = tuple(src["offsets"]) if src.get("offsets") else None
            items.append(ReviewItem(_item_id(section, entry), section, _label(section, entry), src.get("quote"),
                                    offsets))
    return items


def _label(section: str, e: dict[str, Any]) -> str:
    if section == "actors":
        return f"{e['kind']} {e['name']} ({e['id']})"
    if section == "relations":
        return f"{e['kind']} {e['from']} -> {e['to']}" + ("" if e.get("directed", True) else " (undirected)")
    if section == "quantities":
        return f"{e['value']:g} {e['unit']}" + (f" held by {e['holder']}" if e.get("holder") else "")
    return f"{e['actor']} {e['direction']} {e['about']!r}"


def _find(doc: dict[str, Any], item_id: str) -> tuple[str, int]:
    for section in _SECTIONS:
        for k, entry in enumerate(doc.get(section, [])):
            if _item_id(section, entry) == item_id:
                return section, k
    known = [_item_id(s, e) for s in _SECTIONS for e in doc.get(s, [])]
    raise RealpolitikError(f"no drafted item {item_id!r}. Fix: use an id from the review queue, e.g. "
                           f"{', '.join(known[:5]) or '(the queue is empty)'}")


def _rebuild(doc: dict[str, Any]) -> Scenario:
    return scenario_from_dict(doc, "<review>")


def accept(scenario: Scenario, item_id: str, capability: float | None = None) -> Scenario:
    """Accept a drafted item as it stands (an actor needs a `capability`, given here or by `edit`)."""
    doc = to_document(scenario)
    section, k = _find(doc, item_id)
    entry = doc[section][k]
    if section == "actors":
        if capability is not None:
            entry["capability"] = capability
        if entry.get("capability") is None:
            raise RealpolitikError(f"actor {item_id!r} has no capability. Fix: accept(scenario, {item_id!r}, "
                                   "capability=...) with a number on the scenario's capability measure")
    entry.pop("status", None)
    return _rebuild(doc)


def edit(scenario: Scenario, item_id: str, **changes: Any) -> Scenario:
    """Change fields of a drafted item (e.g. ``kind="alliance"``, ``value=3000``, ``capability=1.5``); an edited
    item counts as reviewed. Unknown fields or bad values raise `ScenarioError` naming them."""
    doc = to_document(scenario)
    section, k = _find(doc, item_id)
    entry = doc[section][k]
    old_id = entry.get("id")
    entry.update({("from" if key == "source_actor" else "to" if key == "target" else key): value
                  for key, value in changes.items()})
    entry.pop("status", None)
    if section == "actors" and old_id != entry["id"]:
        _rename_actor(doc, old_id, entry["id"])
    return _rebuild(doc)


def _rename_actor(doc: dict[str, Any], old: str, new: str) -> None:
    for rel in doc.get("relations", []):
        rel["from"] = new if rel["from"] == old else rel["from"]
        rel["to"] = new if rel["to"] == old else rel["to"]
    for section, field in (("quantities", "holder"), ("stance_cues", "actor"), ("stances", "actor")):
        for entry in doc.get(section, []):
            if entry.get(field) == old:
                entry[field] = new


def reject(scenario: Scenario, item_id: str) -> Scenario:
    """Remove a drafted item; rejecting an actor also removes the drafted items that name it (a reviewed item
    that names it is an error: edit or reject that first)."""
    doc = to_document(scenario)
    section, k = _find(doc, item_id)
    entry = doc[section].pop(k)
    if section == "actors":
        _drop_dependents(doc, entry["id"])
    return _rebuild(doc)


def _drop_dependents(doc: dict[str, Any], actor: str) -> None:
    checks = (("relations", ("from", "to")), ("quantities", ("holder",)), ("stance_cues", ("actor",)),
              ("stances", ("actor",)))
    for section, fields in checks:
        kept = []
        for entry in doc.get(section, []):
            if not any(entry.get(f) == actor for f in fields):
                kept.append(entry)
            elif entry.get("status") != "draft":
                raise RealpolitikError(f"actor {actor!r} is named by a reviewed {section[:-1]}. Fix: reject or edit "
                                       "that item first")
        doc[section] = kept
    for entry in doc.get("quantities", []):
        if entry.get("where") == actor:
            entry.pop("where")


def add_issue(scenario: Scenario, issue_id: str, name: str, low: str, high: str, status_quo: float | None = None,
              decision_rule: str = "bargaining") -> Scenario:
    """Add an issue on a 0-100 scale (`low` says what 0 means, `high` what 100 means)."""
    doc = to_document(scenario)
    issue: dict[str, Any] = {"id": issue_id, "name": name, "low": low, "high": high, "decision_rule": decision_rule}
    if status_quo is not None:
        issue["status_quo"] = status_quo
    doc.setdefault("issues", []).append(issue)
    return _rebuild(doc)


def set_stance(scenario: Scenario, actor: str, issue: str, position: float, salience: float,
               cue: str | None = None, justification: str | None = None) -> Scenario:
    """Give `actor` a position (0-100) and salience (0-1) on `issue`; with `cue`, the stance cue it comes from is
    consumed (its source and wording carry over). A position outside the cue's suggested range is allowed."""
    doc = to_document(scenario)
    stance: dict[str, Any] = {"actor": actor, "issue": issue, "position": position, "salience": salience}
    if cue is not None:
        section, k = _find(doc, cue)
        if section != "stance_cues":
            raise RealpolitikError(f"{cue!r} is not a stance cue. Fix: pass the id of a stance cue (c1, c2, ...)")
        entry = doc[section].pop(k)
        stance["justification"] = justification or f"{entry['actor']} {entry['direction']} {entry['about']!r}"
        if entry.get("source"):
            stance["source"] = entry["source"]
    elif justification:
        stance["justification"] = justification
    doc["stances"] = [s for s in doc.get("stances", []) if (s["actor"], s["issue"]) != (actor, issue)] + [stance]
    return _rebuild(doc)


def finish(scenario: Scenario, scenario_id: str | None = None, title: str | None = None) -> Scenario:
    """Return the reviewed scenario as a normal one (no draft status); raise `UnreviewedScenarioError` listing
    what still needs a person if anything does."""
    doc = to_document(scenario)
    doc.pop("status", None)
    doc["version"] = "1" if doc.get("version") == "draft" else doc.get("version", "1")
    if scenario_id:
        doc["id"] = scenario_id
    if title:
        doc["title"] = title
    todo = needs_review(_rebuild({**doc, "status": "draft"}))
    todo = [p for p in todo if p.loc != ("status",)]
    if todo:
        raise UnreviewedScenarioError(todo, doc["id"])
    return _rebuild(doc)


def save(scenario: Scenario, path: str | Path, scenario_id: str | None = None, title: str | None = None) -> Path:
    """Save the reviewed scenario as a normal scenario file (.toml or .json); see `finish`."""
    return save_scenario(finish(scenario, scenario_id, title), path)
