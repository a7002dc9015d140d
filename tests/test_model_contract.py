"""The model contract over every registered model, and proof that the checks catch broken models.

Parametrised from the registry: a new model (built-in module or installed plugin) is covered by adding nothing
but itself.
"""

from __future__ import annotations

import numpy as np
import pytest

from realpolitik.forecast import IssueForecast, Round
from realpolitik.models.base import Model
from realpolitik.models.central import MedianCapability
from realpolitik.models.checks import (
    check_actor_order_invariance,
    check_deterministic,
    check_model,
    check_params_stored,
    check_resolved_params_rebuild,
    model_checks,
)
from realpolitik.models.registry import available, catalog, names


@pytest.mark.parametrize("check", list(model_checks()), ids=lambda c: c.__name__)
@pytest.mark.parametrize("name", names())
def test_model_contract(name, check):
    check(available()[name])


@pytest.mark.parametrize("name", names())
def test_catalog_read_from_source_matches_the_class(name):
    # the registry lists models without importing them; what it read must be what the class says
    info, cls = catalog()[name], available()[name]
    assert (info.name, info.summary, info.iterative, info.order) == (cls.name, cls.summary, cls.iterative,
                                                                     cls.listing_order)


def test_listing_order_is_baselines_then_iterative():
    # the order of the model tables before the registry scanned the package (baselines, then bargaining models),
    # with the ensemble last of the one-shot models and the exchange model last of the iterative ones
    assert names() == ["mean", "compromise", "median", "median-cs", "nash", "anchored", "wartrap", "ensemble", "bdm",
                       "smp", "exchange"]


def test_median_rebuilds_from_its_resolved_params():
    # issue 12: median's get_params returned {"weights": "capability"}, which __init__ does not take
    model = MedianCapability()
    assert type(model)(**model.resolved_params()).resolved_params() == {}


# -- deliberately broken toy models: each must fail the check named beside it ---------------------------------------
class _Toy(Model):
    name = "toy"

    def __init__(self, weights: str = "capability") -> None:
        self.weights = weights

    def run_issue(self, scenario, issue, rng):
        arrays = scenario.arrays(issue)
        w = arrays.capability
        return IssueForecast(issue, float(np.dot(w, arrays.position) / w.sum()), (Round(0, {}),))


class MutatesParam(_Toy):
    def __init__(self, weights: str = "capability") -> None:
        self.weights = weights.upper()  # a parameter changed in __init__


class FirstActorWins(_Toy):
    def run_issue(self, scenario, issue, rng):
        arrays = scenario.arrays(issue)  # depends on which actor is listed first
        return IssueForecast(issue, float(arrays.position[0]), (Round(0, {}),))


class UnseededNoise(_Toy):
    def run_issue(self, scenario, issue, rng):
        forecast = super().run_issue(scenario, issue, rng)  # draws from a generator the caller cannot seed
        return IssueForecast(issue, forecast.outcome + float(np.random.default_rng().uniform(-1, 1)), forecast.rounds)


class OldMedian(MedianCapability):
    def get_params(self):
        return {"weights": self.weights}  # what median did before issue 12


@pytest.mark.parametrize(("cls", "check"), [
    (MutatesParam, check_params_stored),
    (FirstActorWins, check_actor_order_invariance),
    (UnseededNoise, check_deterministic),
    (OldMedian, check_resolved_params_rebuild),
], ids=lambda x: x.__name__)
def test_checks_fail_for_a_broken_model(cls, check):
    with pytest.raises(AssertionError):
        check(cls)
    with pytest.raises(AssertionError, match=check.__name__):
        check_model(cls)


def test_a_sound_toy_model_passes_every_check():
    check_model(_Toy)
