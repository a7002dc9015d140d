"""What-if edits: scenario transformations as data, parsed from the command line or built in Python / JSON.

Edits (pydantic models, told apart by ``op``):

- `SetValue` ``--set russia.salience[karabakh]=1.0``: set a capability, or a position / salience on one issue
  (on every issue the actor has a stance on when ``[issue]`` is left out);
- `ScaleValue` ``--scale turkey.capability=0.5``: multiply the same values by a factor;
- `DropActor` ``--drop iran``: remove an actor with its stances and relations (an issue left without stances goes
  too);
- `CutArms` ``--cut-arms nato:turkey`` (optionally ``=0.5`` for half): the recipient's capability falls by the
  supplier's share of its arms imports, c′ = c·(1 − fraction·share), using the scenario's ``arms_supplier``
  relation; a full cut removes the relation, a partial one leaves share·(1 − fraction).

`apply_edits` applies edits in order and returns a new validated `Scenario`; every mistake (unknown actor, field
or issue, a value out of range, a missing arms relation) raises `RealpolitikError` naming the edit and the fix.
`compare` runs models on both scenarios and lines the outcomes up with their difference.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from realpolitik.errors import RealpolitikError, ScenarioError
from realpolitik.forecast import Position
from realpolitik.models.base import Model
from realpolitik.scenario.checks import suggest
from realpolitik.scenario.model import Scenario
from realpolitik.scenario.spread import FIELDS, RANGES
from realpolitik.uncertainty.sweep import scenario_header

SCHEMA = "realpolitik.whatif/1"
_ID = r"[a-z0-9][a-z0-9_\-]*"
_TARGET = re.compile(rf"^({_ID})\.([a-z_]+)(?:\[({_ID})\])?\s*=\s*(\S+)$")
_ARMS = re.compile(rf"^({_ID})\s*(?::|->|→)\s*({_ID})(?:\s*=\s*(\S+))?$")


class _Edit(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    def text(self) -> str:  # pragma: no cover - every subclass overrides
        """Return the edit in command-line form."""
        raise NotImplementedError


class SetValue(_Edit):
    """Set an actor's capability, or its position or salience on one issue (every issue if `issue` is None)."""

    op: Literal["set"] = "set"
    actor: str
    field: str
    issue: str | None = None
    value: float

    def text(self) -> str:
        """Return ``--set actor.field[issue]=value``."""
        return f"--set {_target(self)}={self.value:g}"


class ScaleValue(_Edit):
    """Multiply an actor's capability, or its positions or saliences, by `factor` (≥ 0)."""

    op: Literal["scale"] = "scale"
    actor: str
    field: str
    issue: str | None = None
    factor: float

    def text(self) -> str:
        """Return ``--scale actor.field[issue]=factor``."""
        return f"--scale {_target(self)}={self.factor:g}"


class DropActor(_Edit):
    """Remove an actor, its stances and its relations."""

    op: Literal["drop"] = "drop"
    actor: str

    def text(self) -> str:
        """Return ``--drop actor``."""
        return f"--drop {self.actor}"


class CutArms(_Edit):
    """Cut (a `fraction` of) the arms supply from `supplier` to `recipient`."""

    op: Literal["cut_arms"] = "cut_arms"
    supplier: str
    recipient: str
    fraction: float = Field(default=1.0, ge=0, le=1)

    def text(self) -> str:
        """Return ``--cut-arms supplier:recipient[=fraction]``."""
        return f"--cut-arms {self.supplier}:{self.recipient}" + ("" if self.fraction == 1 else f"={self.fraction:g}")


Edit = Annotated[SetValue | ScaleValue | DropActor | CutArms, Field(discriminator="op")]


class EditList(BaseModel):
    """An ordered list of edits (what the API accepts as JSON: ``{"edits": [{"op": "set", ...}, ...]}``)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    edits: tuple[Edit, ...] = ()


def _target(edit: SetValue | ScaleValue) -> str:
    return f"{edit.actor}.{edit.field}" + (f"[{edit.issue}]" if edit.issue else "")


# -- parsing ----------------------------------------------------------------------------------------------------

def _expected(flag: str, field: str | None) -> str:
    """Return what a number in `flag` (for `field`) may be, for the fix of a bad number."""
    if flag == "--cut-arms":
        return "a fraction within 0-1 (1 cuts the whole supply)"
    if flag == "--scale":
        return "a factor ≥ 0 (e.g. 0.5 halves)"
    if field in RANGES:
        low, high = RANGES[field]
        return f"a {field} within {low:g}-{high:g}" if math.isfinite(high) else f"a {field} ≥ {low:g}"
    return f"a number (FIELD: {', '.join(FIELDS)})"


def _number(text: str, flag: str, raw: str, field: str | None = None) -> float:
    try:
        value = float(text)
    except ValueError:
        raise RealpolitikError(f"{flag} {raw}: {text!r} is not a number. Fix: give {_expected(flag, field)}") \
            from None
    if not math.isfinite(value):
        raise RealpolitikError(f"{flag} {raw}: the value must be a finite number. Fix: give {_expected(flag, field)}")
    return value


def _parse_target(raw: str, flag: str) -> tuple[str, str, str | None, float]:
    match = _TARGET.match(raw.strip().lower())
    if not match:
        raise RealpolitikError(f"cannot read {flag} {raw!r}. Fix: write ACTOR.FIELD[ISSUE]=VALUE, e.g. "
                               f"{flag} russia.salience[karabakh]=1.0 (FIELD: capability, position, salience)")
    actor, field, issue, value = match.groups()
    return actor, field, issue, _number(value, flag, raw, field)


def parse_set(raw: str) -> SetValue:
    """Parse ``ACTOR.FIELD[ISSUE]=VALUE``."""
    actor, field, issue, value = _parse_target(raw, "--set")
    return SetValue(actor=actor, field=field, issue=issue, value=value)


def parse_scale(raw: str) -> ScaleValue:
    """Parse ``ACTOR.FIELD[ISSUE]=FACTOR``."""
    actor, field, issue, value = _parse_target(raw, "--scale")
    return ScaleValue(actor=actor, field=field, issue=issue, factor=value)


def parse_drop(raw: str) -> DropActor:
    """Parse an actor id."""
    actor = raw.strip().lower()
    if not re.fullmatch(_ID, actor):
        raise RealpolitikError(f"cannot read --drop {raw!r}. Fix: give an actor id, e.g. --drop iran")
    return DropActor(actor=actor)


def parse_cut_arms(raw: str) -> CutArms:
    """Parse ``SUPPLIER:RECIPIENT[=FRACTION]`` (``->`` also separates supplier and recipient)."""
    match = _ARMS.match(raw.strip().lower())
    if not match:
        raise RealpolitikError(f"cannot read --cut-arms {raw!r}. Fix: write SUPPLIER:RECIPIENT or "
                               "SUPPLIER:RECIPIENT=FRACTION, e.g. --cut-arms nato:turkey=0.5")
    supplier, recipient, fraction = match.groups()
    share = 1.0 if fraction is None else _number(fraction, "--cut-arms", raw)
    if not 0 <= share <= 1:
        raise RealpolitikError(f"--cut-arms {raw}: fraction {share:g} is outside 0-1. "
                               "Fix: 1 cuts the whole supply, 0.5 half of it")
    return CutArms(supplier=supplier, recipient=recipient, fraction=share)


PARSERS = {"set": parse_set, "scale": parse_scale, "cut_arms": parse_cut_arms, "drop": parse_drop}


def parse_edit(op: str, raw: str) -> _Edit:
    """Parse one command-line edit: `op` is ``set``, ``scale``, ``cut_arms`` or ``drop`` (the option's name)."""
    return PARSERS[op](raw)


def parse_ordered_edits(pairs: list[tuple[str, str]]) -> list[_Edit]:
    """Parse command-line edits given as (op, text) pairs in command-line order; they apply in that order."""
    return [parse_edit(op, raw) for op, raw in pairs]


def parse_edits(sets: list[str] | None = None, scales: list[str] | None = None, drops: list[str] | None = None,
                cuts: list[str] | None = None) -> list[_Edit]:
    """Parse edits grouped by kind, in the order --set, --scale, --cut-arms, --drop (the CLI keeps the command-line
    order instead: see `parse_ordered_edits`)."""
    edits: list[_Edit] = [*map(parse_set, sets or []), *map(parse_scale, scales or []),
                          *map(parse_cut_arms, cuts or []), *map(parse_drop, drops or [])]
    return edits


# -- applying ---------------------------------------------------------------------------------------------------

_DROPPED = "__dropped__"  # actors removed by earlier edits (kept in the working document, removed before validation)


def _check_actor(doc: dict[str, Any], actor: str, edit: _Edit) -> dict[str, Any]:
    actors = {a["id"]: a for a in doc["actors"]}
    if actor in doc.get(_DROPPED, ()) and isinstance(edit, DropActor):
        raise RealpolitikError(f"{edit.text()}: actor {actor!r} is dropped twice. Fix: give --drop {actor} once")
    if actor in doc.get(_DROPPED, ()):
        raise RealpolitikError(f"{edit.text()}: actor {actor!r} was removed by an earlier --drop {actor}. Fix: put "
                               f"the edit before --drop {actor} (edits apply in the order given), or leave it out")
    if actor not in actors:
        raise RealpolitikError(f"{edit.text()}: unknown actor {actor!r}{suggest(actor, actors)}. "
                               f"Fix: use one of {', '.join(actors)}")
    return actors[actor]


def _targets(doc: dict[str, Any], edit: SetValue | ScaleValue) -> list[dict[str, Any]]:
    """Return the dicts (actor or stances) whose `edit.field` the edit changes."""
    actor = _check_actor(doc, edit.actor, edit)
    if edit.field not in FIELDS:
        raise RealpolitikError(f"{edit.text()}: unknown field {edit.field!r}{suggest(edit.field, FIELDS)}. "
                               f"Fix: use one of {', '.join(FIELDS)}")
    if edit.field == "capability":
        if edit.issue is not None:
            raise RealpolitikError(f"{edit.text()}: capability belongs to the actor, not to an issue. "
                                   f"Fix: write {edit.actor}.capability without [{edit.issue}]")
        return [actor]
    stances = [s for s in doc["stances"] if s["actor"] == edit.actor]
    if edit.issue is None:
        return stances
    issues = [i["id"] for i in doc["issues"]]
    if edit.issue not in issues:
        raise RealpolitikError(f"{edit.text()}: unknown issue {edit.issue!r}{suggest(edit.issue, issues)}. "
                               f"Fix: use one of {', '.join(issues)}")
    chosen = [s for s in stances if s["issue"] == edit.issue]
    if not chosen:
        has = ", ".join(s["issue"] for s in stances) or "none"
        raise RealpolitikError(f"{edit.text()}: actor {edit.actor!r} has no stance on issue {edit.issue!r} "
                               f"(it has: {has}). Fix: add the stance to the scenario, or edit another issue")
    return chosen


def _put(edit: _Edit, target: dict[str, Any], field: str, value: float) -> None:
    low, high = RANGES[field]
    if not (low <= value <= high and math.isfinite(value)):
        where = f"[{target['issue']}]" if "issue" in target else ""
        raise RealpolitikError(f"{edit.text()}: {field}{where} would be {value:g}, outside {low:g}-{high:g}. "
                               f"Fix: choose a {field} within {low:g}-{high:g}")
    target[field] = value


def _apply_set_scale(doc: dict[str, Any], edit: SetValue | ScaleValue) -> None:
    if isinstance(edit, ScaleValue) and not (edit.factor >= 0 and math.isfinite(edit.factor)):
        raise RealpolitikError(f"{edit.text()}: the factor must be a finite number ≥ 0. Fix: e.g. 0.5 halves")
    for target in _targets(doc, edit):
        value = edit.value if isinstance(edit, SetValue) else target[edit.field] * edit.factor
        _put(edit, target, edit.field, value)


def _apply_drop(doc: dict[str, Any], edit: DropActor) -> None:
    _check_actor(doc, edit.actor, edit)
    if len(doc["actors"]) == 1:
        raise RealpolitikError(f"{edit.text()}: it is the only actor. Fix: keep at least one actor")
    doc["actors"] = [a for a in doc["actors"] if a["id"] != edit.actor]
    doc.setdefault(_DROPPED, []).append(edit.actor)
    doc["stances"] = [s for s in doc["stances"] if s["actor"] != edit.actor]
    doc["relations"] = [r for r in doc["relations"] if edit.actor not in (r["from"], r["to"])]
    covered = {s["issue"] for s in doc["stances"]}
    doc["issues"] = [i for i in doc["issues"] if i["id"] in covered]


def _apply_cut(doc: dict[str, Any], edit: CutArms) -> None:
    _check_actor(doc, edit.supplier, edit)
    recipient = _check_actor(doc, edit.recipient, edit)
    arms = [r for r in doc["relations"] if r["kind"] == "arms_supplier" and r["to"] == edit.recipient]
    found = [r for r in arms if r["from"] == edit.supplier]
    if not found:
        known = ", ".join(r["from"] for r in arms) or "none"
        raise RealpolitikError(f"{edit.text()}: the scenario has no arms_supplier relation from {edit.supplier!r} "
                               f"to {edit.recipient!r} (suppliers of {edit.recipient}: {known}). Fix: add the "
                               f"relation with its share, or use --scale {edit.recipient}.capability=FACTOR")
    relation = found[0]
    if relation.get("share") is None:
        raise RealpolitikError(f"{edit.text()}: the arms_supplier relation {edit.supplier} → {edit.recipient} has "
                               "no share. Fix: give it share = (the supplier's share, 0-1, of the recipient's arms "
                               "imports)")
    recipient["capability"] = recipient["capability"] * (1.0 - edit.fraction * relation["share"])
    if edit.fraction == 1:
        doc["relations"] = [r for r in doc["relations"] if r is not relation]
    else:
        relation["share"] = relation["share"] * (1.0 - edit.fraction)


def apply_edits(scenario: Scenario, edits: list[_Edit] | tuple[_Edit, ...]) -> Scenario:
    """Return a new scenario with `edits` applied in order (the input is not changed)."""
    doc = scenario.model_dump(mode="python", by_alias=True)
    for edit in edits:
        if isinstance(edit, SetValue | ScaleValue):
            _apply_set_scale(doc, edit)
        elif isinstance(edit, DropActor):
            _apply_drop(doc, edit)
        elif isinstance(edit, CutArms):
            _apply_cut(doc, edit)
        else:  # pragma: no cover - the union is closed
            raise TypeError(f"not an edit: {edit!r}")
    doc.pop(_DROPPED, None)
    try:
        return Scenario.model_validate(doc)
    except (ScenarioError, ValueError) as exc:
        raise RealpolitikError(f"the edited scenario is invalid: {exc}") from None


# -- comparing --------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Comparison:
    """One model's outcome on one issue before and after the edits; `edited` is None if the issue was dropped."""

    model: str
    issue: str
    original: Position
    edited: Position | None

    @property
    def difference(self) -> Position | None:
        """Return edited − original (per coordinate for a multi-dimensional issue)."""
        if self.edited is None:
            return None
        if isinstance(self.original, list | tuple):
            return [e - o for e, o in zip(self.edited, self.original, strict=True)]  # type: ignore[arg-type]
        return self.edited - self.original  # type: ignore[operator]

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-ready form."""
        return {"model": self.model, "issue": self.issue, "original": self.original, "edited": self.edited,
                "difference": self.difference}


def compare(original: Scenario, edited: Scenario, models: list[Model],
            progress: Callable[[int], None] | None = None) -> list[Comparison]:
    """Run each model on both scenarios; return one row per model and issue of the original. `progress` is called
    with 1 after each run (two per model)."""
    rows = []
    for model in models:
        before = model.run(original).outcomes
        if progress is not None:
            progress(1)
        after = model.run(edited).outcomes
        if progress is not None:
            progress(1)
        rows += [Comparison(model.name, issue, outcome, after.get(issue)) for issue, outcome in before.items()]
    return rows


def whatif_document(original: Scenario, edited: Scenario, edits: list[_Edit],
                    rows: list[Comparison]) -> dict[str, Any]:
    """Return the versioned JSON document of a what-if comparison."""
    return {"schema": SCHEMA,
            "scenario": scenario_header(original),
            "edited_fingerprint": edited.fingerprint(),
            "edits": [{**e.model_dump(), "text": e.text()} for e in edits],
            "comparisons": [r.to_dict() for r in rows]}


@dataclass(frozen=True)
class WhatIfComparison:
    """A what-if comparison: the scenario, the edited one, the edits and one `Comparison` per model and issue."""

    original: Scenario
    edited: Scenario
    edits: tuple[_Edit, ...]
    rows: tuple[Comparison, ...]

    def to_dict(self) -> dict[str, Any]:
        """Return the versioned ``realpolitik.whatif/1`` document (what ``whatif --format json`` prints)."""
        return whatif_document(self.original, self.edited, list(self.edits), list(self.rows))

    def to_polars(self) -> Any:
        """Return one row per model × issue: original, edited, difference (docs/frames.md)."""
        from realpolitik.uncertainty.frames import whatif_frame

        return whatif_frame(self.rows)

    def to_pandas(self) -> Any:
        """Return `to_polars()` as a pandas DataFrame (needs the ``pandas`` extra)."""
        from realpolitik.tabular import to_pandas

        return to_pandas(self.to_polars(), "WhatIfComparison")


def what_if(scenario: Scenario, edits: list[_Edit] | tuple[_Edit, ...], models: list[Model]) -> WhatIfComparison:
    """Apply `edits` to `scenario`, run each model on both and return the `WhatIfComparison`.

    >>> from realpolitik.scenario.io import load_scenario
    >>> from realpolitik.models.specs import build_models
    >>> scenario = load_scenario("south-caucasus-2020")
    >>> result = what_if(scenario, [parse_drop("turkey")], build_models(["compromise"], scenario))
    >>> result.to_polars().columns
    ['model', 'issue', 'dimension', 'original', 'edited', 'difference']
    """
    edited = apply_edits(scenario, edits)
    return WhatIfComparison(scenario, edited, tuple(edits), tuple(compare(scenario, edited, models)))
