"""User-named events on forecast outcomes, e.g. ``karabakh>=60`` or ``karabakh>=60 & corridor<50``.

An `Event` is data (a pydantic model): a conjunction of `Condition`s, each comparing one issue's outcome (or one
coordinate of a multi-dimensional issue, ``issue[k]``) with a value on the 0-100 scale.
"""

from __future__ import annotations

import operator
import re

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from realpolitik.errors import RealpolitikError
from realpolitik.scenario.checks import suggest

OPERATORS = {">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt}
_CONDITION = re.compile(r"^\s*([a-z0-9][a-z0-9_\-]*(?:\[\d+\])?)\s*(>=|<=|>|<|≥|≤)\s*(-?[0-9.]+)\s*$")


class Condition(BaseModel):
    """``outcome(series) OP value``: series is an issue id, or ``issue[k]`` for a coordinate."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    series: str = Field(min_length=1)
    op: str = Field(pattern=r"^(>=|>|<=|<)$")
    value: float

    def text(self) -> str:
        """Return the condition as written: ``karabakh>=60``."""
        return f"{self.series}{self.op}{self.value:g}"


class Event(BaseModel):
    """An event: every condition holds (a conjunction)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    conditions: tuple[Condition, ...] = Field(min_length=1)

    def text(self) -> str:
        """Return the event as written: ``karabakh>=60 & corridor<50``."""
        return " & ".join(c.text() for c in self.conditions)

    def check(self, known: list[str]) -> None:
        """Raise `RealpolitikError` if a condition names a series not in `known`."""
        for c in self.conditions:
            if c.series not in known:
                raise RealpolitikError(f"event {self.text()!r}: unknown issue {c.series!r}{suggest(c.series, known)}. "
                                       f"Fix: use one of {', '.join(known)}")

    def holds(self, outcomes: np.ndarray, labels: list[str]) -> np.ndarray:
        """Return a boolean per draw: does the event hold for the outcomes (draws × series, labelled)?"""
        self.check(labels)
        result = np.ones(len(outcomes), dtype=bool)
        for c in self.conditions:
            result &= OPERATORS[c.op](outcomes[:, labels.index(c.series)], c.value)
        return result


def parse_event(text: str) -> Event:
    """Parse ``ISSUE OP VALUE [& ISSUE OP VALUE ...]`` (OP one of >=, >, <=, <, ≥, ≤) into an `Event`."""
    conditions = []
    for part in text.split("&"):
        match = _CONDITION.match(part.strip().lower())
        if not match:
            raise RealpolitikError(f"cannot read the event {text!r} (at {part.strip()!r}). Fix: write ISSUE OP VALUE "
                                   "with OP one of >=, >, <=, <, joined by '&', e.g. --event 'karabakh>=60'")
        series, op, value = match.groups()
        op = {"≥": ">=", "≤": "<="}.get(op, op)
        try:
            number = float(value)
        except ValueError:
            raise RealpolitikError(f"event {text!r}: {value!r} is not a number. Fix: e.g. karabakh>=60") from None
        if not 0 <= number <= 100:
            raise RealpolitikError(f"event {text!r}: {number:g} is outside the 0-100 issue scale. "
                                   "Fix: compare with a value between 0 and 100")
        conditions.append(Condition(series=series, op=op, value=number))
    return Event(conditions=tuple(conditions))
