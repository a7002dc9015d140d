"""Input uncertainty in the scenario format: how far a coded capability, position or salience may be off.

A `Spread` is one of four shapes (exactly one key is given):

- ``plus_minus = d``: uniform on [v − d, v + d] (additive, in the value's own units);
- ``sd = σ``: normal with mean v and standard deviation σ;
- ``factor = f`` (capabilities only): log-uniform on [v / f, v · f], i.e. "×/÷ f";
- ``alternatives = [a, b, ...]``: other codings of the value; a draw takes the coded value or one of the
  alternatives, each with equal probability.

Draws are clipped to the value's range (positions 0-100, saliences 0-1, capabilities ≥ 0), which puts the
probability mass beyond a bound on the bound. `UncertaintyDefaults` holds scenario-wide spreads that apply to
every value without its own spread.
"""

from __future__ import annotations

import math

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

FIELDS = ("capability", "position", "salience")
RANGES: dict[str, tuple[float, float]] = {"capability": (0.0, math.inf), "position": (0.0, 100.0),
                                         "salience": (0.0, 1.0)}
NORMAL_TAIL = 1.959963984540054  # the central 95% of a normal: tornado ends for an ``sd`` spread


class Spread(BaseModel):
    """How uncertain one value is: exactly one of `plus_minus`, `sd`, `factor` or `alternatives`."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    plus_minus: float | None = Field(default=None, ge=0, description="uniform on value ± plus_minus")
    sd: float | None = Field(default=None, ge=0, description="normal with this standard deviation")
    factor: float | None = Field(default=None, ge=1, description="log-uniform on value ×/÷ factor (capability)")
    alternatives: tuple[float, ...] | None = Field(default=None, description="other codings, equally likely")

    @field_validator("plus_minus", "sd", "factor")
    @classmethod
    def _finite(cls, v: float | None) -> float | None:
        if v is not None and not math.isfinite(v):
            raise ValueError("must be a finite number")
        return v

    @field_validator("alternatives")
    @classmethod
    def _finite_alternatives(cls, v: tuple[float, ...] | None) -> tuple[float, ...] | None:
        if v is not None and not all(math.isfinite(x) for x in v):
            raise ValueError("alternatives must be finite numbers")
        return v

    @model_validator(mode="after")
    def _exactly_one(self) -> Spread:
        given = [k for k in ("plus_minus", "sd", "factor", "alternatives") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(f"a spread takes exactly one of plus_minus, sd, factor, alternatives (got "
                             f"{', '.join(given) or 'none'}). Fix: e.g. {{ plus_minus = 10 }} or {{ sd = 5 }}")
        return self

    @property
    def kind(self) -> str:
        """Return ``"plus_minus"``, ``"sd"``, ``"factor"`` or ``"alternatives"``."""
        return next(k for k in ("plus_minus", "sd", "factor", "alternatives") if getattr(self, k) is not None)

    @property
    def is_fixed(self) -> bool:
        """True when the spread leaves the value where it is (± 0, sd 0, ×/÷ 1, no alternatives)."""
        return self.plus_minus == 0 or self.sd == 0 or self.factor == 1 or self.alternatives == ()

    def check_field(self, field: str) -> str | None:
        """Return why this spread does not fit `field` (capability, position, salience), or ``None``."""
        if self.factor is not None and field != "capability":
            return (f"'factor' (×/÷) is for capabilities only, not {field}. "
                    f"Fix: use plus_minus or sd for a {field}")
        low, high = RANGES[field]
        bad = [a for a in self.alternatives or () if not low <= a <= high]
        if bad:
            return (f"alternative {field} {bad[0]!r} is outside {low:g}-{high:g}. "
                    f"Fix: give alternatives on the {field}'s own scale")
        return None

    def describe(self) -> str:
        """Return a short human form: ``±10``, ``sd 5``, ``×/÷1.5``, ``one of [40, 60]``."""
        if self.plus_minus is not None:
            return f"±{self.plus_minus:g}"
        if self.sd is not None:
            return f"sd {self.sd:g}"
        if self.factor is not None:
            return f"×/÷{self.factor:g}"
        return "one of [" + ", ".join(f"{a:g}" for a in self.alternatives or ()) + "] or the coded value"

    def choices(self, value: float) -> np.ndarray:
        """Return the sorted set of codings an ``alternatives`` spread draws from (the coded value included)."""
        return np.array(sorted({value, *(self.alternatives or ())}), dtype=float)

    def quantile(self, value: float, u: np.ndarray) -> np.ndarray:
        """Return the value drawn at uniform(0, 1) numbers `u` (the spread's quantile function), unclipped.

        Uniform: v + d(2u − 1); normal: v + σΦ⁻¹(u); factor: v·f^(2u − 1); alternatives: the ⌊u·k⌋-th of the
        k sorted codings. Monotone in `u`, so a Sobol or quasi-random design on [0, 1] maps onto the spread.
        """
        u = np.asarray(u, dtype=float)
        if self.plus_minus is not None:
            return value + self.plus_minus * (2.0 * u - 1.0)
        if self.sd is not None:
            from scipy.special import ndtri

            return value + self.sd * ndtri(np.clip(u, 1e-300, 1 - 1e-16))
        if self.factor is not None:
            return value * self.factor ** (2.0 * u - 1.0)
        options = self.choices(value)
        return options[np.minimum((u * len(options)).astype(int), len(options) - 1)]

    def ends(self, value: float) -> tuple[float, float]:
        """Return the (low, high) values a one-at-a-time (tornado) analysis sets, unclipped.

        The ends of a bounded spread (v ± d, v ÷ f and v × f, the lowest and highest coding) and the central
        95% of a normal (v ± 1.96σ).
        """
        if self.plus_minus is not None:
            return value - self.plus_minus, value + self.plus_minus
        if self.sd is not None:
            return value - NORMAL_TAIL * self.sd, value + NORMAL_TAIL * self.sd
        if self.factor is not None:
            return value / self.factor, value * self.factor
        options = self.choices(value)
        return float(options[0]), float(options[-1])


class UncertaintyDefaults(BaseModel):
    """Scenario-wide spreads: they apply to every capability, position or salience without its own spread."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    capability: Spread | None = None
    position: Spread | None = None
    salience: Spread | None = None

    @model_validator(mode="after")
    def _fits(self) -> UncertaintyDefaults:
        for field in FIELDS:
            spread = getattr(self, field)
            problem = spread.check_field(field) if spread is not None else None
            if problem:
                raise ValueError(problem)
        return self

    def for_field(self, field: str) -> Spread | None:
        """Return the default spread of `field` (capability, position or salience), or ``None``."""
        return getattr(self, field)

    def is_empty(self) -> bool:
        """True when no default is set."""
        return all(getattr(self, f) is None for f in FIELDS)


# The conventional spreads used when a scenario declares no uncertainty at all (see docs/uncertainty.md).
CONVENTIONAL = UncertaintyDefaults(capability=Spread(factor=1.5), position=Spread(plus_minus=10),
                                   salience=Spread(plus_minus=0.1))


def parse_spread(text: str, field: str) -> Spread:
    """Parse a command-line spread for `field`: ``10`` or ``±10`` (plus_minus), ``sd:5`` (normal), ``x1.5`` or
    ``×1.5`` (factor), ``40|60`` (alternatives), ``0`` (fixed). Raise `ValueError` with the fix otherwise."""
    raw = text.strip().replace(" ", "")
    try:
        if raw.startswith(("sd:", "sd=")):
            spread = Spread(sd=float(raw[3:]))
        elif raw[:1] in ("x", "×", "*"):
            spread = Spread(factor=float(raw[1:].lstrip("/÷")))
        elif "|" in raw:
            spread = Spread(alternatives=tuple(float(p) for p in raw.split("|") if p))
        else:
            spread = Spread(plus_minus=float(raw.lstrip("±").lstrip("+-")))
    except ValueError as exc:
        first = str(exc).splitlines()[-1] if "validation error" in str(exc) else str(exc)
        raise ValueError(f"bad spread {text!r} for {field}: {first}. Fix: write ±10, sd:5, x1.5 "
                         "(capability) or 40|60 (alternative codings)") from None
    problem = spread.check_field(field)
    if problem:
        raise ValueError(problem)
    return spread
