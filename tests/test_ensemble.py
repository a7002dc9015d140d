"""Stacking weights, their nested cross-validation, and the ensemble model."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from realpolitik.errors import RealpolitikError
from realpolitik.evaluate.stacking import (
    cross_validate_weights,
    fit_weights,
    nested_calibrated_ensemble,
    simplex_grid,
)
from realpolitik.models import get_model
from realpolitik.models.ensemble import SHIPPED
from realpolitik.uncertainty.montecarlo import run_monte_carlo
from tests.conftest import make_scenario


def test_simplex_grid():
    # Three members in steps of 0.5: the 6 vectors (1,0,0), (0,1,0), (0,0,1), (.5,.5,0), (.5,0,.5), (0,.5,.5).
    grid = simplex_grid(3, 0.5)
    assert sorted(map(tuple, grid)) == sorted([(1, 0, 0), (0, 1, 0), (0, 0, 1), (.5, .5, 0), (.5, 0, .5),
                                               (0, .5, .5)])
    # Stars and bars: C(20 + 4 - 1, 3) = 1771 vectors of 4 members in steps of 0.05.
    assert len(simplex_grid(4, 0.05)) == math.comb(23, 3)


def test_fit_weights_finds_the_mixture():
    # The outcome is exactly 0.3 a + 0.7 b; member c is noise: the MAE is 0 only at (0.3, 0.7, 0).
    rng = np.random.default_rng(0)
    a, b, c = rng.uniform(0, 100, (3, 40))
    w = fit_weights(np.vstack([a, b, c]), 0.3 * a + 0.7 * b)
    assert w == pytest.approx([0.3, 0.7, 0.0])
    with pytest.raises(RealpolitikError, match="no forecast on some case"):
        fit_weights(np.array([[1.0, np.nan]]), np.array([1.0, 2.0]))


def test_cross_validated_weights_never_see_the_held_out_fold():
    # Member a is right on groups g0-g4 and b on g5-g9 (each wrong by 40 elsewhere): leaving out one fold
    # changes the training MAE of each weight, and every out-of-fold forecast comes from weights fitted without it.
    groups = [f"g{i // 4}" for i in range(40)]
    outcome = np.zeros(40)
    a = np.where(np.arange(40) < 20, 0.0, 40.0)
    b = np.where(np.arange(40) < 20, 40.0, 0.0)
    cv = cross_validate_weights(np.vstack([a, b]), outcome, groups, k=5, seed=0)
    for fold, w in enumerate(cv.weights):
        test = cv.folds == fold
        assert cv.predictions[test] == pytest.approx(w @ np.vstack([a, b])[:, test])
        train = ~test
        assert w == pytest.approx(fit_weights(np.vstack([a, b])[:, train], outcome[train]))
    assert len({tuple(cv.folds[[i for i, g in enumerate(groups) if g == name]]) for name in set(groups)}) <= 5
    nested = nested_calibrated_ensemble(np.vstack([a, b]), outcome, groups,
                                        [{"n_actors": 3, "dispersion": 10.0, "decision_rule": "x"}] * 40, k=5)
    assert nested.samples.shape == (40, 100) and nested.predictions == pytest.approx(cv.predictions)


def _weights_file(tmp_path, members):
    path = tmp_path / "w.json"
    path.write_text(json.dumps({"schema": "realpolitik.ensemble/1",
                                "members": [{"spec": s, "weight": w} for s, w in members]}))
    return path


def test_ensemble_by_hand(tmp_path):
    # Actors (c, x, s): A (1, 0, 1), B (3, 100, 0.5). Mean of positions 50; compromise (c*s weights 1, 1.5):
    # 150/2.5 = 60. Weights 0.25 compromise + 0.75 mean: 0.25 * 60 + 0.75 * 50 = 52.5.
    scenario = make_scenario([("a", 1, 0, 1), ("b", 3, 100, 0.5)])
    path = _weights_file(tmp_path, [("compromise", 0.25), ("mean", 0.75), ("median", 0.0)])
    forecast = get_model("ensemble", weights=str(path)).run(scenario)
    assert forecast.outcome("issue") == pytest.approx(52.5)
    members = forecast.for_issue("issue").diagnostics["members"]
    assert set(members) == {"compromise", "mean"} and members["compromise"]["outcome"] == pytest.approx(60)
    assert forecast.for_issue("issue").diagnostics["weights_fitted_on"] == "w.json"
    # Monte Carlo runs it like any model.
    mc = run_monte_carlo(scenario, get_model("ensemble", weights=str(path)), 8, seed=1)
    assert mc.draws.shape == (8, 1)


def test_shipped_and_equal_weights():
    shipped = json.loads(SHIPPED.read_text())
    weights = [m["weight"] for m in shipped["members"]]
    assert sum(weights) == pytest.approx(1.0) and min(weights) >= 0
    assert shipped["provenance"]["data"]["issues"] == 172
    equal = get_model("ensemble", weights="equal").members()
    shipped_run = get_model("ensemble").run(make_scenario([("a", 1, 0, 1), ("b", 3, 100, 0.5)]))
    assert "DEU development split" in shipped_run.for_issue("issue").diagnostics["weights_fitted_on"]
    assert len(equal) == len(weights) and [w for _, w, _ in equal] == pytest.approx([1 / len(weights)] * len(weights))


def test_bad_weights_files(tmp_path):
    scenario = make_scenario([("a", 1, 0, 1), ("b", 3, 100, 0.5)])
    with pytest.raises(RealpolitikError, match="does not exist"):
        get_model("ensemble", weights=str(tmp_path / "none.json")).run(scenario)
    with pytest.raises(RealpolitikError, match="summing to 1"):
        get_model("ensemble", weights=str(_weights_file(tmp_path, [("mean", 0.5)]))).run(scenario)
    with pytest.raises(RealpolitikError, match="cannot hold itself"):
        get_model("ensemble", weights=str(_weights_file(tmp_path, [("ensemble", 1.0)]))).run(scenario)
    with pytest.raises(RealpolitikError, match="unknown model"):
        get_model("ensemble", weights=str(_weights_file(tmp_path, [("meen", 1.0)]))).run(scenario)
