"""The settings of Bueno de Mesquita's expected-utility model and its three documented variants.

Every place where the sources of the model disagree (Scholz, Calbert & Smith 2011 "Unravelling Bueno De Mesquita's
group decision model", J. Theoretical Politics 23(4); the public programs that replicate it) is one field of
`BDMSettings`; a variant is a preset of all fields. See ``docs/models/bdm.md`` for what each choice means.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from realpolitik.errors import RealpolitikError

DELTAS = ("initial_range", "current_range", "scale")
PROBABILITIES = ("paper", "code", "masad")
PERSPECTIVES = ("receiver", "sender")
SELECTIONS = ("min_move", "type_priority", "max_sender_eu")
STATISTICS = ("median_voter", "mean", "weighted_median")
STOP_RULES = ("mean_shift", "positions", "fixed")

CHOICES: dict[str, tuple[str, ...]] = {
    "delta": DELTAS,
    "probability": PROBABILITIES,
    "perspective": PERSPECTIVES,
    "selection": SELECTIONS,
    "statistic": STATISTICS,
    "stop_rule": STOP_RULES,
}


@dataclass(frozen=True)
class BDMSettings:
    """Every choice the model's sources leave open, resolved.

    - `delta`: the range Δ that distances are divided by: ``initial_range`` (max − min of the initial positions,
      fixed for the run), ``current_range`` (recomputed every round) or ``scale`` (the issue's whole scale).
    - `probability`: how the probability of success P_i(j) is computed: ``paper`` (SCS11 equation), ``code``
      (Scholz's program: voters' risk exponents and an n³ denominator) or ``masad`` (clipped net votes).
    - `q`, `t`: probability that the status quo persists without a challenge, and that a change favours the
      challenger (only used when q < 1).
    - `perspective`: ``receiver`` (the receiver perceives both expected utilities) or ``sender`` (an offer is sent
      by j only when j's own E^j(U_ji) > 0, and judged with the receiver's own E^i(U_ij)).
    - `capitulation`: whether the capitulation region moves an actor (Scholz's program never does).
    - `selection`: which offer an actor adopts: ``min_move`` (least movement; ties: larger E^i(U_ji), then lower
      actor index), ``type_priority`` (conflict > compromise > capitulation; compromise by the position-value key)
      or ``max_sender_eu`` (the offer with the largest sender value, classified afterwards).
    - `statistic`: the forecast statistic: ``median_voter`` (Condorcet winner among held positions), ``mean``
      (capability × salience weighted mean) or ``weighted_median``.
    - `stop_rule`: ``mean_shift`` (|mean_t − mean_{t−1}| ≤ tolerance·Δ), ``positions`` (every |Δx_i| ≤
      tolerance·Δ) or ``fixed`` (run `max_rounds`). Every rule also stops when all actors agree or nobody moves.
    - `zero_tol`: expected utilities (and their differences) within this of zero count as zero when offers are
      classified, and moves within zero_tol·Δ tie when one is chosen; relative to the values compared, it also
      ties the median voter's minimisers and makes near-equal dangers count as all equal in the risk exponents;
      0 (the default) is exact float comparison everywhere and reproduces the reference programs bit for bit
      (the reference outputs were computed without an epsilon; docs/models/bdm.md). A finite number ≥ 0.
    """

    delta: str = "initial_range"
    probability: str = "paper"
    q: float = 1.0
    t: float = 0.5
    perspective: str = "receiver"
    capitulation: bool = True
    selection: str = "min_move"
    statistic: str = "median_voter"
    stop_rule: str = "mean_shift"
    tolerance: float = 0.001
    max_rounds: int = 100
    zero_tol: float = 0.0

    def checked(self) -> BDMSettings:
        """Return these settings if every field is valid; raise `RealpolitikError` naming the field otherwise."""
        for name, choices in CHOICES.items():
            value = getattr(self, name)
            if value not in choices:
                raise RealpolitikError(f"model 'bdm': {name}={value!r} is not allowed. "
                                       f"Fix: use one of {', '.join(choices)}")
        for name, low, high in (("q", 0.0, 1.0), ("t", 0.0, 1.0), ("tolerance", 0.0, math.inf),
                                ("zero_tol", 0.0, math.inf)):
            value = getattr(self, name)
            if not (isinstance(value, int | float) and math.isfinite(value) and low <= value <= high):
                bounds = f"between {low} and {high}" if math.isfinite(high) else f"≥ {low} (finite)"
                raise RealpolitikError(f"model 'bdm': {name}={value!r} is out of range. "
                                       f"Fix: give a number {bounds}")
        if not (isinstance(self.max_rounds, int) and self.max_rounds >= 0):
            raise RealpolitikError(f"model 'bdm': max_rounds={self.max_rounds!r} is not a whole number ≥ 0. "
                                   "Fix: give e.g. --rounds 100")
        return self

    def to_dict(self) -> dict[str, Any]:
        """Return the settings as a plain dict (JSON-ready)."""
        return asdict(self)


VARIANTS: dict[str, BDMSettings] = {
    # The equations as Scholz, Calbert & Smith (2011) print them, with the text's rule of least movement.
    "scholz2011_paper": BDMSettings(),
    # Scholz's program as github.com/jmckib/bdm-scholz-expected-utility-model follows it; reproduces the
    # published EU car-emissions figures (BDM 1994 Belgium plot, SCS11 10-round mean series).
    "scholz2011_published": BDMSettings(probability="code", capitulation=False, selection="type_priority",
                                        statistic="mean", stop_rule="fixed", max_rounds=10, zero_tol=0.0),
    # Masad's independent reading (github.com/dmasad/BDM_DecisionModel_Replication).
    "masad2014": BDMSettings(probability="masad", t=1.0, perspective="sender", selection="max_sender_eu",
                             statistic="mean", stop_rule="fixed", max_rounds=10, zero_tol=0.0),
}

SETTING_NAMES = tuple(f.name for f in fields(BDMSettings))


def resolve_settings(variant: str, **overrides: Any) -> BDMSettings:
    """Return the `variant` preset with every non-None override applied, validated.

    Raises `RealpolitikError` for an unknown variant or setting, or a value out of range.
    """
    if variant not in VARIANTS:
        raise RealpolitikError(f"model 'bdm': unknown variant {variant!r}. Fix: use one of {', '.join(VARIANTS)}")
    unknown = set(overrides) - set(SETTING_NAMES)
    if unknown:
        raise RealpolitikError(f"model 'bdm': unknown setting(s) {', '.join(sorted(unknown))}. "
                               f"Fix: use one of {', '.join(SETTING_NAMES)}")
    given = {k: _coerce(k, v) for k, v in overrides.items() if v is not None}
    return replace(VARIANTS[variant], **given).checked()


def _coerce(name: str, value: Any) -> Any:
    """Convert a value given as text (e.g. ``--param q=0.5``) to the setting's type."""
    kind = {f.name: str(f.type) for f in fields(BDMSettings)}[name]  # annotations are strings here
    if not isinstance(value, str) or kind == "str":
        return value
    try:
        if kind == "bool":
            if value.lower() not in ("true", "false", "1", "0", "yes", "no"):
                raise ValueError(value)
            return value.lower() in ("true", "1", "yes")
        return int(value) if kind == "int" else float(value)
    except ValueError:
        label, example = {"bool": ("true or false", "true"), "int": ("whole number", "50")}.get(kind, ("number", "0.5"))
        raise RealpolitikError(f"model 'bdm': {name}={value!r} is not a {label}. "
                               f"Fix: give {name} as a {label}, e.g. {name}={example}") from None
