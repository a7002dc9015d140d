"""The International Interaction Game's predicted outcome under complete information (War and Reason, ch. 3).

The game tree (Bueno de Mesquita & Lalman 1992, pp. 72-92): A demands or not. Without A's demand, B demands or
not (no demand: status quo); after B's demand A acquiesces (AcqA) or counters. After A's demand B acquiesces
(AcqB) or counters. A counter starts a crisis: A uses force, and B retaliates (WarA) or capitulates (CapB); or A
does not, and B uses force, after which A retaliates (WarB) or capitulates (CapA); or B does not (Nego).

`equilibrium` solves it by backward induction with strict preference (ties go to the move that ends the game
sooner: acquiescing, capitulating, not demanding, not using force). Rule ``"eugene"`` adds EUGene's coding of
indeterminate cases (Bennett & Stam 2000, note 24): when A would rather keep the status quo but a demand would
lead to WarA, the case is coded WarA.
"""

from __future__ import annotations

import numpy as np

from realpolitik.measures.war_and_reason import OUTCOMES

RULES = ("eugene", "backward_induction")
_CODE = {name: k for k, name in enumerate(OUTCOMES)}


def equilibrium(u_a: np.ndarray, u_b: np.ndarray, rule: str = "eugene") -> np.ndarray:
    """Return the index into `OUTCOMES` of the predicted outcome for utilities shaped (..., 8); -1 where missing."""
    if rule not in RULES:
        raise ValueError(f"unknown equilibrium rule {rule!r}; use one of {RULES}")
    u_a, u_b = np.asarray(u_a, dtype=float), np.asarray(u_b, dtype=float)

    def const(name):
        return np.full(u_a.shape[:-1], _CODE[name])

    def ua(code):
        return np.take_along_axis(u_a, code[..., None], -1)[..., 0]

    def ub(code):
        return np.take_along_axis(u_b, code[..., None], -1)[..., 0]

    def get(u, name):
        return u[..., _CODE[name]]

    b_after_force = np.where(get(u_b, "wara") > get(u_b, "capb"), const("wara"), const("capb"))
    a_after_force = np.where(get(u_a, "warb") > get(u_a, "capa"), const("warb"), const("capa"))
    b_at_crisis = np.where(ub(a_after_force) > get(u_b, "nego"), a_after_force, const("nego"))
    crisis = np.where(ua(b_after_force) > ua(b_at_crisis), b_after_force, b_at_crisis)
    after_a_demand = np.where(ub(crisis) > get(u_b, "acqb"), crisis, const("acqb"))
    after_b_demand = np.where(ua(crisis) > get(u_a, "acqa"), crisis, const("acqa"))
    no_a_demand = np.where(ub(after_b_demand) > get(u_b, "sq"), after_b_demand, const("sq"))
    outcome = np.where(ua(after_a_demand) > ua(no_a_demand), after_a_demand, no_a_demand)
    if rule == "eugene":
        outcome = np.where((outcome == _CODE["sq"]) & (after_a_demand == _CODE["wara"]), _CODE["wara"], outcome)
    missing = ~(np.isfinite(u_a).all(-1) & np.isfinite(u_b).all(-1))
    return np.where(missing, -1, outcome)


def outcome_names(codes: np.ndarray) -> np.ndarray:
    """Return the outcome names (``"sq"``, ``"wara"``, ...) of equilibrium codes; ``""`` for missing."""
    names = np.array((*OUTCOMES, ""), dtype=object)
    return names[np.asarray(codes)]
