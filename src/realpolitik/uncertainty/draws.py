"""Perturbing a scenario: its uncertain inputs, their joint draws, and the scenario each draw stands for.

`InputSpace.of(scenario)` lists every capability, position and salience that has a spread (its own, or the
scenario-wide default, or — when the scenario declares no uncertainty at all — the conventional spreads
``CONVENTIONAL``: positions ±10, saliences ±0.1, capabilities ×/÷ 1.5; ``--spread`` overrides replace these
defaults field by field). `values(u)` maps uniform numbers to input
values (vectorised over draws and inputs, clipped to each value's range); `scenario_at(values)` returns the
`Scenario` with those inputs, built from the validated scenario without validating it again (``validate=True``
does), which any model runs on through `Model.run`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from realpolitik.errors import RealpolitikError
from realpolitik.scenario.model import Scenario
from realpolitik.scenario.spread import CONVENTIONAL, FIELDS, RANGES, Spread, UncertaintyDefaults


@dataclass(frozen=True)
class UncertainInput:
    """One uncertain value: an actor's capability, or an actor's position or salience on an issue."""

    field: str
    actor: str
    issue: str | None
    value: float
    spread: Spread

    @property
    def label(self) -> str:
        """Return ``actor.field`` or ``actor.field[issue]`` (the what-if edit syntax)."""
        return f"{self.actor}.{self.field}" + (f"[{self.issue}]" if self.issue else "")

    def clip(self, values: np.ndarray) -> np.ndarray:
        """Return `values` clipped to the field's range (positions 0-100, saliences 0-1, capabilities ≥ 0)."""
        low, high = RANGES[self.field]
        return np.clip(values, low, high)


def declared_spreads(scenario: Scenario) -> bool:
    """True when the scenario declares any uncertainty (an ``[uncertainty]`` table or a per-value spread)."""
    if scenario.uncertainty is not None and not scenario.uncertainty.is_empty():
        return True
    return any(a.capability_spread for a in scenario.actors) or any(
        s.position_spread or s.salience_spread for s in scenario.stances)


def effective_defaults(scenario: Scenario, overrides: UncertaintyDefaults | None = None) -> UncertaintyDefaults:
    """Return the scenario-wide spreads in force: `overrides` field by field over the defaults the scenario would
    have without them — its ``[uncertainty]`` table, or the conventional spreads when it declares no spread at all
    (so ``--spread position=5`` on such a scenario keeps the conventional capability and salience spreads)."""
    base = (scenario.uncertainty or UncertaintyDefaults()) if declared_spreads(scenario) else CONVENTIONAL
    if overrides is None or overrides.is_empty():
        return base
    merged = {f: o if (o := overrides.for_field(f)) is not None else base.for_field(f) for f in FIELDS}
    return UncertaintyDefaults(**merged)


@dataclass(frozen=True)
class InputSpace:
    """The uncertain inputs of a scenario, with a vectorised map from uniform numbers to their values."""

    scenario: Scenario
    inputs: tuple[UncertainInput, ...]
    defaults: UncertaintyDefaults
    _document: dict[str, Any] = field(repr=False, compare=False, default_factory=dict)
    _slots: tuple[tuple[str, int, str], ...] = field(repr=False, compare=False, default=())

    @classmethod
    def of(cls, scenario: Scenario, overrides: UncertaintyDefaults | None = None) -> InputSpace:
        """Return the input space of `scenario`; `overrides` replace its scenario-wide spreads field by field.

        Inputs whose spread is fixed (± 0, sd 0, ×/÷ 1) are left out. Raises `RealpolitikError` when nothing
        is uncertain.
        """
        defaults = effective_defaults(scenario, overrides)
        inputs: list[UncertainInput] = []
        for actor in scenario.actors:
            spread = actor.capability_spread or defaults.capability
            if spread is not None and not spread.is_fixed and actor.capability is not None:
                inputs.append(UncertainInput("capability", actor.id, None, actor.capability, spread))
        for name in ("position", "salience"):
            for stance in scenario.stances:
                spread = getattr(stance, f"{name}_spread") or defaults.for_field(name)
                if spread is not None and not spread.is_fixed:
                    inputs.append(UncertainInput(name, stance.actor, stance.issue, getattr(stance, name), spread))
        if not inputs:
            raise RealpolitikError(f"scenario {scenario.id!r}: no input is uncertain (every spread is fixed). "
                                   "Fix: give spreads in the scenario's [uncertainty] table or per value, or "
                                   "pass --spread position=10 (see docs/uncertainty.md)")
        document = scenario.model_dump(mode="python", by_alias=True, exclude={"uncertainty"})
        for actor in document["actors"]:
            actor.pop("capability_spread", None)
        for stance in document["stances"]:
            stance.pop("position_spread", None)
            stance.pop("salience_spread", None)
        actor_row = {a["id"]: k for k, a in enumerate(document["actors"])}
        stance_row = {(s["actor"], s["issue"]): k for k, s in enumerate(document["stances"])}
        slots = tuple(("actors", actor_row[i.actor], i.field) if i.field == "capability"
                      else ("stances", stance_row[(i.actor, i.issue)], i.field) for i in inputs)
        return cls(scenario, tuple(inputs), defaults, document, slots)

    @property
    def labels(self) -> list[str]:
        """Return the inputs' labels (``actor.field[issue]``), in order."""
        return [item.label for item in self.inputs]

    @property
    def base(self) -> np.ndarray:
        """Return the coded values of the inputs."""
        return np.array([item.value for item in self.inputs], dtype=float)

    def values(self, u: np.ndarray) -> np.ndarray:
        """Map uniform numbers `u` (draws × inputs, in [0, 1)) to input values, clipped to their ranges."""
        u = np.atleast_2d(np.asarray(u, dtype=float))
        out = np.empty_like(u)
        for k, item in enumerate(self.inputs):
            out[:, k] = item.clip(item.spread.quantile(item.value, u[:, k]))
        return out

    def ends(self) -> tuple[np.ndarray, np.ndarray]:
        """Return each input's (low, high) tornado values, clipped to the field's range."""
        pairs = [tuple(item.clip(np.array(item.spread.ends(item.value)))) for item in self.inputs]
        return np.array([p[0] for p in pairs], dtype=float), np.array([p[1] for p in pairs], dtype=float)

    def scenario_at(self, values: np.ndarray, validate: bool = False) -> Scenario:
        """Return the scenario with the inputs set to `values`; spreads are removed (a draw is a point).

        By default the draw is built from the already-validated scenario without validating it again: only
        capabilities, positions and saliences change, `values` come from `values()`/`ends()` and so are clipped
        to their ranges, and ids and references are untouched, so every check would pass (a test compares both
        paths). ``validate=True`` validates the whole perturbed document instead (about 5-10× slower).
        """
        if validate:
            return self._validated(values)
        slots = {(section, row): {} for section, row, _ in self._slots}
        for (section, row, key), value in zip(self._slots, np.asarray(values, float).tolist(), strict=True):
            slots[(section, row)][key] = value
        base = self.scenario
        actors = tuple(a.model_copy(update={**slots.get(("actors", k), {}), "capability_spread": None})
                       for k, a in enumerate(base.actors))
        stances = tuple(s.model_copy(update={**slots.get(("stances", k), {}), "position_spread": None,
                                             "salience_spread": None})
                        for k, s in enumerate(base.stances))
        fields = {name: getattr(base, name) for name in Scenario.model_fields}
        return Scenario.model_construct(**{**fields, "actors": actors, "stances": stances, "uncertainty": None})

    def _validated(self, values: np.ndarray) -> Scenario:
        doc = self._document
        sections = {"actors": [dict(a) for a in doc["actors"]], "stances": [dict(s) for s in doc["stances"]]}
        for (section, row, key), value in zip(self._slots, np.asarray(values, float).tolist(), strict=True):
            sections[section][row][key] = value
        return Scenario.model_validate({**doc, **sections})

    def describe_defaults(self) -> dict[str, str | None]:
        """Return the scenario-wide spreads in force, in short human form (``None`` where fixed)."""
        return {f: (s.describe() if (s := self.defaults.for_field(f)) else None) for f in FIELDS}
