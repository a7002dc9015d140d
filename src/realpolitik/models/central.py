"""One-shot central-tendency models: mean position, compromise (weighted mean) and weighted median voter.

These are the baselines of the forecasting literature: Achen (2006) "Evaluating political decision-making
models" (in Thomson et al., *The European Union Decides*, CUP) found the compromise model, a capability ×
salience weighted mean, at or near the top of every model compared on the DEU data.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from realpolitik.errors import ModelError
from realpolitik.forecast import IssueForecast, Round
from realpolitik.models.base import Model
from realpolitik.models.registry import register
from realpolitik.scenario.model import IssueArrays, Scenario

WEIGHTS = ("capability", "capability_salience", "salience", "equal")


def actor_weights(arrays: IssueArrays, scheme: str) -> np.ndarray:
    """Return each actor's weight on the issue under `scheme`: c, c·s, s, or 1 for every actor."""
    if scheme == "capability":
        return arrays.capability.copy()
    if scheme == "capability_salience":
        return arrays.capability * arrays.salience
    if scheme == "salience":
        return arrays.salience.copy()
    return np.ones_like(arrays.position)


def _require_weight(weights: np.ndarray, arrays: IssueArrays, model: str, scheme: str) -> None:
    if not weights.sum() > 0:
        raise ModelError(f"model {model!r} on issue {arrays.issue!r}: every actor's {scheme.replace('_', ' × ')} "
                         "weight is zero, so no outcome is defined. Fix: give at least one actor positive "
                         "capability and salience on this issue")


def weighted_mean(position: np.ndarray, weights: np.ndarray) -> float:
    """Return Σ wᵢxᵢ / Σ wᵢ (weights must not all be zero), kept within the positions' range: rounding can carry
    a mean of 0 and 100 to 100.00000000000001, off the scale."""
    mean = np.dot(weights, position) / weights.sum()
    return float(np.clip(mean, position.min(), position.max()))


def weighted_median(position: np.ndarray, weights: np.ndarray) -> float:
    """Return the weighted median: the first position, in increasing order, where the cumulative weight reaches
    at least half of the total (the lower weighted median; Black's median voter with weighted votes)."""
    order = np.argsort(position, kind="stable")
    cumulative = np.cumsum(weights[order])
    half = cumulative[-1] / 2.0
    # A relative tolerance so that a cumulative sum of exactly half is not lost to rounding.
    k = int(np.searchsorted(cumulative, half * (1 - 1e-12), side="left"))
    return float(position[order][k])


def _one_shot(arrays: IssueArrays, outcome: float, weights: np.ndarray) -> IssueForecast:
    positions = dict(zip(arrays.actors, arrays.position.tolist(), strict=True))
    total = float(weights.sum())
    shares = {a: float(w / total) for a, w in zip(arrays.actors, weights, strict=True)}
    return IssueForecast(arrays.issue, outcome, (Round(0, positions),), diagnostics={"weight_share": shares})


@register
class MeanPosition(Model):
    """The unweighted mean of the actors' positions: the naive baseline every model should beat."""

    name = "mean"
    listing_order = 10
    summary = "unweighted mean of positions"

    def __init__(self) -> None:
        pass

    def run_issue(self, scenario: Scenario, issue: str, rng: np.random.Generator) -> IssueForecast:
        """Return the mean of the positions on `issue`."""
        arrays = scenario.arrays(issue)
        weights = np.ones_like(arrays.position)
        return _one_shot(arrays, weighted_mean(arrays.position, weights), weights)


@register
class Compromise(Model):
    """The compromise model: the capability × salience weighted mean of positions (Achen 2006).

    Outcome = Σ cᵢsᵢxᵢ / Σ cᵢsᵢ. `weights` chooses other weightings for comparison.
    """

    name = "compromise"
    listing_order = 11
    summary = "capability × salience weighted mean (Achen 2006)"
    param_help = {"weights": "actor weights: capability_salience (c·s), capability, salience or equal"}
    param_choices = {"weights": WEIGHTS}

    def __init__(self, weights: str = "capability_salience") -> None:
        self.weights = weights

    def run_issue(self, scenario: Scenario, issue: str, rng: np.random.Generator) -> IssueForecast:
        """Return the weighted mean of the positions on `issue`."""
        arrays = scenario.arrays(issue)
        weights = actor_weights(arrays, self.weights)
        _require_weight(weights, arrays, self.name, self.weights)
        return _one_shot(arrays, weighted_mean(arrays.position, weights), weights)


class _WeightedMedian(Model):
    """Weighted median voter: the position of the actor holding the median unit of weight (Black 1958).

    Subclasses fix the weighting (`weights`, a class constant named by the model's name), so the model has no
    parameters: `get_params` is empty and ``type(m)(**m.resolved_params())`` rebuilds it.
    """

    weights: ClassVar[str]

    def __init__(self) -> None:
        pass

    def run_issue(self, scenario: Scenario, issue: str, rng: np.random.Generator) -> IssueForecast:
        """Return the weighted median of the positions on `issue`."""
        arrays = scenario.arrays(issue)
        weights = actor_weights(arrays, self.weights)
        _require_weight(weights, arrays, self.name, self.weights)
        return _one_shot(arrays, weighted_median(arrays.position, weights), weights)


@register
class MedianCapability(_WeightedMedian):
    """Capability-weighted median voter (Black 1958; the 'power' median of Achen 2006).

    The outcome is the first position, in increasing order, at which the cumulative capability of the actors
    at or below it reaches half of the total: no coalition with more than half the capability prefers a move.
    """

    name = "median"
    listing_order = 12
    summary = "capability-weighted median voter"
    weights = "capability"


@register
class MedianCapabilitySalience(_WeightedMedian):
    """Capability × salience weighted median voter: the median of Bueno de Mesquita's (1994) forecast rule,
    each actor's vote weighted by the capability it is willing to spend on the issue."""

    name = "median-cs"
    listing_order = 13
    summary = "capability × salience weighted median voter"
    weights = "capability_salience"
