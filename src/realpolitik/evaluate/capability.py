"""Capability schemes for the EU's legislative actors: the member states from the Council rules in force, the
Commission and Parliament by a stated convention per procedure.

Schemes (every one computed from the rules and figures in `council.py` and `population.py`, none typed by hand):
- ``equal``: every actor with a position weighs 1, institutions included.
- ``votes``: Council vote weights under the treaty in force on the proposal's date; under Lisbon's double majority,
  which has no vote weights, a member's population share.
- ``shapley``: the Shapley–Shubik index of the Council game for the issue's voting rule (QMV / QMV(10) / Unan).
- ``banzhaf``: the normalised Banzhaf index of the same game.
- ``population``: population shares.

The member states' capabilities are shares of the whole Council (all members, with or without a position), so
they sum to 1. The Commission and the Parliament get a multiple of the largest member state's capability, chosen
per procedure (`INSTITUTIONS`): under codecision (COD) both weigh as much as the largest member state (the EP is a
co-legislator with a veto; the Commission sets the agenda); under consultation (CNS) the Commission still weighs
as much as the largest member state, and the EP a quarter of it (its opinion is not binding). This is a
convention, as in every DEU study; `institutions` overrides it.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import numpy as np

from realpolitik.errors import RealpolitikError
from realpolitik.evaluate.council import council_game, regime_on
from realpolitik.evaluate.population import population_on
from realpolitik.evaluate.power import banzhaf, shapley_shubik

SCHEMES = ("equal", "votes", "shapley", "banzhaf", "population")
PROCEDURES = ("COD", "CNS")
INSTITUTIONS: dict[str, dict[str, float]] = {"COD": {"com": 1.0, "ep": 1.0}, "CNS": {"com": 1.0, "ep": 0.25}}


def check_scheme(scheme: str) -> str:
    """Return `scheme` if it is known; raise `RealpolitikError` listing the schemes otherwise."""
    if scheme not in SCHEMES:
        raise RealpolitikError(f"unknown capability scheme {scheme!r}. Fix: use one of {', '.join(SCHEMES)}")
    return scheme


@lru_cache(maxsize=256)
def member_capabilities(scheme: str, date: dt.date, rule: str) -> dict[str, float]:
    """Return each Council member's capability (shares of the Council, summing to 1) on `date` under `scheme`,
    for a decision by `rule` (QMV, QMV(10) or Unan)."""
    regime = regime_on(date)
    members = regime.members
    if check_scheme(scheme) == "equal":
        values = np.ones(len(members))
    elif scheme == "votes" and regime.votes is not None:
        values = np.array([regime.votes[m] for m in members], dtype=float)
    elif scheme in ("votes", "population"):
        values = np.array([population_on(m, date) for m in members], dtype=float)
    else:
        game = council_game(regime, rule, date)
        values = shapley_shubik(game) if scheme == "shapley" else banzhaf(game)
    values = values / values.sum()
    return dict(zip(members, values.tolist(), strict=True))


def actor_capabilities(scheme: str, date: dt.date, rule: str, procedure: str,
                       institutions: dict[str, dict[str, float]] | None = None) -> dict[str, float]:
    """Return the capability of every member state and of the Commission (``com``) and Parliament (``ep``).

    Member states: shares of the Council under `scheme`. Institutions: the multiple of the largest member's
    capability given by `institutions[procedure]` (default `INSTITUTIONS`); 1 each under ``equal`` when
    members are 1 too (all actors equal).
    """
    members = member_capabilities(scheme, date, rule)
    if scheme == "equal":
        return {**dict.fromkeys(members, 1.0), "com": 1.0, "ep": 1.0}
    table = institutions or INSTITUTIONS
    if procedure not in table:
        raise RealpolitikError(f"no institution weights for procedure {procedure!r}. "
                               f"Fix: use one of {', '.join(table)} or add weights for it")
    largest = max(members.values())
    return {**members, **{actor: share * largest for actor, share in table[procedure].items()}}
