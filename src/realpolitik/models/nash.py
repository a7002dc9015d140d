"""The Nash bargaining solution on one issue (Nash 1950; as a forecasting model: Achen 2006, Schneider,
Finke & Bailer 2010 "Bargaining power in the European Union").

The outcome maximises the asymmetric Nash product Πᵢ (uᵢ(x) − dᵢ)^wᵢ with bargaining weights wᵢ = cᵢsᵢ, i.e.
it maximises Σᵢ wᵢ log(uᵢ(x) − dᵢ) over the x every actor weakly prefers to disagreement.

Choices where the sources leave room, all parameters:
- `utility`: ``"linear"`` uᵢ(x) = 1 − |x − xᵢ|/100 (default) or ``"quadratic"`` uᵢ(x) = 1 − ((x − xᵢ)/100)².
  Both are concave, so the objective is concave and its maximiser unique (for positive weights).
- `disagreement`: ``"breakdown"`` (default) dᵢ = 0, the utility of an outcome at the far end of the scale, i.e.
  failing to agree is as bad as the worst outcome; or ``"status_quo"`` dᵢ = uᵢ(status quo), which requires the
  issue's status quo and keeps the outcome inside the set every actor prefers to it (the status quo itself when
  that set is a single point).
With linear utility and breakdown disagreement, two actors at 0 and 100 settle at the weighted mean
100·w₂/(w₁+w₂); Achen (2006) shows the compromise model approximates this solution generally.
"""

from __future__ import annotations

import numpy as np

from realpolitik.errors import ModelError
from realpolitik.forecast import IssueForecast, Round
from realpolitik.models.base import Model
from realpolitik.models.central import _require_weight
from realpolitik.models.registry import register
from realpolitik.scenario.model import Scenario


def utilities(x: float, ideal: np.ndarray, utility: str) -> np.ndarray:
    """Return each actor's utility (≤ 1, 1 at its ideal) for outcome `x` on the 0-100 scale."""
    distance = np.abs(x - ideal) / 100.0
    return 1.0 - (distance if utility == "linear" else distance**2)


def nash_solution(ideal: np.ndarray, weights: np.ndarray, utility: str = "linear",
                  status_quo: float | None = None, tol: float = 1e-12) -> float:
    """Return the x in [0, 100] maximising Σ wᵢ log(uᵢ(x) − dᵢ); dᵢ = uᵢ(status_quo) if given, else 0.

    Actors with zero weight do not enter the product. The objective is concave, so the maximiser is where its
    one-sided derivatives change sign; bisection on them finds it to `tol` (value comparisons would stall at
    √eps near the flat top).
    """
    active = weights > 0
    ideal, weights = ideal[active], weights[active]
    if status_quo is None:
        floor = np.zeros_like(ideal)
        reach = np.full_like(ideal, 100.0)  # u > 0 within one scale length of the ideal
    else:
        floor = utilities(status_quo, ideal, utility)
        reach = np.abs(status_quo - ideal)  # u ≥ u(sq) within the status quo's distance of the ideal
    lo, hi = max(0.0, float(np.max(ideal - reach))), min(100.0, float(np.min(ideal + reach)))
    if hi - lo <= tol:
        return float(status_quo) if status_quo is not None else lo

    def slope(x: float, side: float) -> float:
        # One-sided derivative of the objective at x; side = +1 (right) or -1 (left).
        offset = x - ideal
        if utility == "linear":
            direction = np.where(offset == 0, side, np.sign(offset))
            du = -direction / 100.0
        else:
            du = -2.0 * offset / 1e4
        gain = utilities(x, ideal, utility) - floor
        return float(np.dot(weights, du / gain))

    a, b = lo, hi
    for _ in range(200):
        if b - a <= tol:
            break
        x = (a + b) / 2
        if slope(x, +1.0) > 0:
            a = x
        elif slope(x, -1.0) < 0:
            b = x
        else:
            return x  # a kink where the left slope is ≥ 0 and the right slope ≤ 0: the maximum
    return (a + b) / 2


@register
class NashBargaining(Model):
    """Asymmetric Nash bargaining solution with capability × salience bargaining power (see module docstring)."""

    name = "nash"
    listing_order = 20
    summary = "Nash bargaining solution, c·s bargaining power (Achen 2006; Schneider et al. 2010)"
    param_help = {
        "utility": "actor utility over the scale: linear (1 − |x − xᵢ|/100) or quadratic (1 − ((x − xᵢ)/100)²)",
        "disagreement": "breakdown (dᵢ = 0, the worst outcome) or status_quo (dᵢ = uᵢ(status quo))",
    }
    param_choices = {"utility": ("linear", "quadratic"), "disagreement": ("breakdown", "status_quo")}

    def __init__(self, utility: str = "linear", disagreement: str = "breakdown") -> None:
        self.utility = utility
        self.disagreement = disagreement

    def run_issue(self, scenario: Scenario, issue: str, rng: np.random.Generator) -> IssueForecast:
        """Return the Nash bargaining solution on `issue`."""
        arrays = scenario.arrays(issue)
        weights = arrays.capability * arrays.salience
        _require_weight(weights, arrays, self.name, "capability_salience")
        status_quo = None
        if self.disagreement == "status_quo":
            if arrays.status_quo is None:
                raise ModelError(f"model 'nash' with disagreement='status_quo' needs a status quo on issue "
                                 f"{issue!r}. Fix: set status_quo on the issue, or use disagreement='breakdown'")
            status_quo = arrays.status_quo
        outcome = nash_solution(arrays.position, weights, self.utility, status_quo)
        positions = dict(zip(arrays.actors, arrays.position.tolist(), strict=True))
        gains = utilities(outcome, arrays.position, self.utility)
        return IssueForecast(issue, outcome, (Round(0, positions),),
                             diagnostics={"utility_at_outcome": dict(zip(arrays.actors, gains.tolist(), strict=True))})
