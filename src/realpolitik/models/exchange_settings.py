"""The exchange model's settings: one field per ambiguity (AMB-n, docs/models/exchange.md) and the two presets.

``parity`` reproduces the open implementation (``decide-exchange-model`` 2022.1.28) choice by
choice; ``default`` departs from it where its behaviour is questionable. ``docs/models/exchange.md``
gives the reasons for every departure.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

PRESETS = ("default", "parity")
AT_OUTCOME = ("left", "right")
CAP_ORDER = ("a_then_b", "b_then_a")
DEMAND_POSITION = ("round_start", "current")
REPEAT_MOVES = ("same_direction", "once")
RECOMPUTE = ("shared", "issues", "all")
TIES = ("input_order", "random")
CAP_OUTCOME = ("linked", "running")
PARTNER_EFFECT = ("gain", "measured")
RATES = ("equal_gain", "rks")


@dataclass(frozen=True)
class ExchangeSettings:
    """Every choice the round algorithm makes (AMB numbers as in docs/models/exchange.md)."""

    rate: str = "equal_gain"              # AMB-2
    at_outcome: str = "left"              # AMB-4
    cap_order: str = "a_then_b"           # AMB-5
    recheck_sides: bool = False           # AMB-6
    demand_position: str = "round_start"  # AMB-7
    repeat_moves: str = "same_direction"  # AMB-8
    recompute: str = "shared"             # AMB-9
    ties: str = "random"                  # AMB-10
    fixed_weight: float = 0.1             # AMB-11
    salience_weight: float = 0.4          # AMB-11
    max_rounds: int = 10                  # AMB-12
    stop_when_idle: bool = False          # AMB-12
    tolerance: float = 0.0                # AMB-12: stop when no expected outcome moves more than this
    cap_outcome: str = "linked"           # AMB-13
    min_gain: float = 1e-10               # AMB-14
    min_move: float = 1e-10               # AMB-14
    random_rate: float = 0.0              # AMB-16 (Dijkstra et al. 2018: p)
    partner_effect: str = "gain"          # AMB-17


PARITY = ExchangeSettings()
DEFAULT = ExchangeSettings(ties="input_order", stop_when_idle=True, tolerance=0.01, recheck_sides=True,
                           cap_outcome="running", partner_effect="measured")
PRESET_SETTINGS = {"parity": PARITY, "default": DEFAULT}


def settings_fields() -> tuple[str, ...]:
    """Return the names of the settings, in declaration order."""
    return tuple(f.name for f in fields(ExchangeSettings))


def resolve(preset: str, overrides: dict[str, Any]) -> ExchangeSettings:
    """Return the preset's settings with every override that is not None applied."""
    base = PRESET_SETTINGS[preset]
    given = {k: v for k, v in overrides.items() if v is not None}
    return ExchangeSettings(**{**{f: getattr(base, f) for f in settings_fields()}, **given})
