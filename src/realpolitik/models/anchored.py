"""The anchored compromise: the compromise model with tuned weights and a pull toward (or push away from) the
reference point that depends on the decision rule.

Compromise model: Achen (2006), "Evaluating political decision-making models", in Thomson et al. (eds.), *The
European Union Decides*, CUP — the outcome is the capability × salience weighted mean of the positions. This model
generalises it in three ways, each a parameter, all tuned only by grouped cross-validation on the DEU development
split (see `realpolitik.evaluate.tuning` and docs/validation.md):

    C = Σ cᵢ^β sᵢ^α xᵢ / Σ cᵢ^β sᵢ^α                      (β = α = 1: the compromise model)
    outcome = C + λ (q − C), clipped to [0, 100]           (q: the issue's status quo / reference point)

with λ = `reference_pull` on issues decided by majority or bargaining and λ = `reference_pull_unanimity` on issues
decided by unanimity (each member a veto player, so the status quo might hold more sway). λ < 0 pushes the outcome
away from the status quo: a change, once made, tends to go further than the weighted mean. Where an issue has no
status quo, outcome = C. Choices where the sources are silent: the pull is linear in the distance; the result is
clipped to the scale. Ranges: α, β ≥ 0 (a negative exponent would make the smallest actor the heaviest and
0^−α infinite); −1 ≤ λ ≤ 1 (λ = 1 is the status quo itself, beyond it would overshoot past the status quo; λ = −1
doubles the distance from it).

The defaults (α = β = 1, λ = λ_unanimity = 0) make it exactly the compromise model: nothing is tuned to the data
the project has. Tuned settings come only from grouped cross-validation inside a backtest (`tuning.cross_validate`);
on the DEU development split the cross-validated error is *worse* than the plain compromise model
(docs/validation.md), so no tuned setting is offered as a default.
"""

from __future__ import annotations

import numpy as np

from realpolitik.forecast import IssueForecast, Round
from realpolitik.models.base import Model
from realpolitik.models.central import _require_weight, weighted_mean
from realpolitik.models.registry import register
from realpolitik.scenario.model import DecisionRule, IssueArrays, Scenario


def anchored_weights(arrays: IssueArrays, salience_power: float, capability_power: float) -> np.ndarray:
    """Return each actor's weight cᵢ^β sᵢ^α (0^0 counts as 1, so α = 0 ignores salience entirely)."""
    return np.power(arrays.capability, capability_power) * np.power(arrays.salience, salience_power)


def anchored_outcome(centre: float, status_quo: float | None, pull: float) -> float:
    """Return centre + pull × (status_quo − centre), clipped to [0, 100]; the centre if there is no status quo."""
    if status_quo is None:
        return centre
    return float(np.clip(centre + pull * (status_quo - centre), 0.0, 100.0))


@register
class AnchoredCompromise(Model):
    """Compromise model with salience/capability exponents and a rule-dependent reference-point pull."""

    name = "anchored"
    listing_order = 30
    summary = "compromise with weight exponents and a rule-dependent reference-point pull (tuned only by CV)"
    param_help = {
        "salience_power": "α ≥ 0 in the weight cᵢ^β sᵢ^α (1 = compromise model)",
        "capability_power": "β ≥ 0 in the weight cᵢ^β sᵢ^α (1 = compromise model)",
        "reference_pull": "λ in [−1, 1] toward the status quo on majority/bargaining issues (negative = away)",
        "reference_pull_unanimity": "λ in [−1, 1] toward the status quo on unanimity issues (negative = away)",
    }
    param_ranges = {"salience_power": (0.0, None), "capability_power": (0.0, None),
                    "reference_pull": (-1.0, 1.0), "reference_pull_unanimity": (-1.0, 1.0)}

    def __init__(self, salience_power: float = 1.0, capability_power: float = 1.0, reference_pull: float = 0.0,
                 reference_pull_unanimity: float = 0.0) -> None:
        self.salience_power = salience_power
        self.capability_power = capability_power
        self.reference_pull = reference_pull
        self.reference_pull_unanimity = reference_pull_unanimity

    def run_issue(self, scenario: Scenario, issue: str, rng: np.random.Generator) -> IssueForecast:
        """Return the anchored compromise on `issue` (0-100)."""
        arrays = scenario.arrays(issue)
        weights = anchored_weights(arrays, self.salience_power, self.capability_power)
        _require_weight(weights, arrays, self.name, "capability^β × salience^α")
        centre = weighted_mean(arrays.position, weights)
        unanimity = scenario.issue(issue).decision_rule == DecisionRule.UNANIMITY
        pull = self.reference_pull_unanimity if unanimity else self.reference_pull
        outcome = anchored_outcome(centre, arrays.status_quo, pull)
        positions = dict(zip(arrays.actors, arrays.position.tolist(), strict=True))
        return IssueForecast(issue, outcome, (Round(0, positions),),
                             diagnostics={"weighted_mean": centre, "pull": pull if arrays.status_quo is not None
                                          else None})
