"""Calibration learned from history: hand-worked samples, coverage out of fold, domain flags, the file format."""

from __future__ import annotations

import json

import numpy as np
import pytest

from realpolitik.errors import RealpolitikError
from realpolitik.evaluate.calibration import (
    Calibration,
    cross_validate_calibration,
    fit_model_calibration,
    issue_features,
)
from realpolitik.evaluate.scores import central_interval, covered
from realpolitik.forecast import Forecast, IssueForecast
from realpolitik.scenario.model import Scenario
from tests.conftest import make_scenario


def _features(n: int, dispersion: float = 20.0, actors: int = 10, rule: str = "bargaining") -> list[dict]:
    return [{"n_actors": actors, "dispersion": dispersion, "decision_rule": rule}] * n


def _two_issue_scenario() -> Scenario:
    actors = [("a", 1.0, 0.0, 1.0), ("b", 1.0, 100.0, 1.0)]
    return Scenario.model_validate({
        "id": "two", "title": "Two issues",
        "actors": [{"id": a, "name": a.upper(), "capability": c} for a, c, _, _ in actors],
        "issues": [{"id": i, "name": i, "low": "zero", "high": "hundred"} for i in ("x", "y")],
        "stances": [{"actor": a, "issue": i, "position": p, "salience": s} for a, _, p, s in actors
                    for i in ("x", "y")]})


def test_issue_features_by_hand():
    # Positions 0 and 100 with equal weight: mean 50, weighted SD 50. Positions 0, 0, 90 with weights
    # c*s = 1, 1, 1: mean 30, SD sqrt((900 + 900 + 3600)/3) = sqrt(1800) = 42.4264.
    assert issue_features(make_scenario([("a", 1, 0, 1), ("b", 1, 100, 1)]), "issue")["dispersion"] == 50.0
    f = issue_features(make_scenario([("a", 1, 0, 1), ("b", 2, 0, 0.5), ("c", 1, 90, 1)]), "issue")
    assert f["dispersion"] == pytest.approx(42.4264, abs=1e-4)
    assert f["n_actors"] == 3 and f["decision_rule"] == "bargaining"


def test_calibrated_sample_intervals_and_events_by_hand():
    # 101 residuals -50, -49, ..., 50 (scale none): the quantile at (k - 0.5)/100 is k - 50.5, so a forecast of
    # 50 becomes the sample 0.5, 1.5, ..., 99.5. Its 80% interval is the sample's 10% and 90% quantiles
    # (0.5 + 0.1 * 99 = 10.4 and 0.5 + 0.9 * 99 = 89.6); P(x >= 60) counts 60.5 ... 99.5: 40 of 100.
    residual = np.arange(-50, 51, dtype=float)
    fitted = fit_model_calibration("m", np.full(101, 50.0), 50.0 + residual, _features(101), scale="none")
    sample = fitted.sample(np.array([50.0]), 20.0)[0]
    assert sample == pytest.approx(np.arange(100) + 0.5)
    low, high = central_interval(sample[None, :], 0.8)
    assert (low[0], high[0]) == pytest.approx((10.4, 89.6))
    # Near the edge the sample is clipped to the scale: a forecast of 90 puts 40.5% ... at 100.
    assert fitted.sample(np.array([90.0]), 20.0)[0].max() == 100.0
    calibration = Calibration({"m": fitted}, {}, "hand")
    scenario = make_scenario([("a", 1, 40, 1), ("b", 1, 60, 1)])
    forecast = Forecast("m", {}, scenario.id, "1", (IssueForecast("issue", 50.0, ()),))
    out = calibration.apply(scenario, forecast)
    assert out.probability("issue>=60") == pytest.approx(0.40)
    assert out.for_issue("issue").intervals[0.8] == pytest.approx((10.4, 89.6))


def test_dispersion_scaling():
    # Residuals of +-10 on issues of dispersion 10 and +-30 on issues of dispersion 50: the median dispersion
    # (offset) is 30 (10, 10, 50, 50 -> 30), so normalised residuals are 10/40 = 0.25 and 30/80 = 0.375.
    point = np.full(4, 50.0)
    outcome = np.array([40.0, 60.0, 20.0, 80.0])
    feats = [{"n_actors": 5, "dispersion": d, "decision_rule": "bargaining"} for d in (10.0, 10.0, 50.0, 50.0)]
    fitted = fit_model_calibration("m", np.tile(point, 3), np.tile(outcome, 3), feats * 3, scale="dispersion")
    assert fitted.offset == 30.0
    assert max(fitted.quantiles) == pytest.approx(0.375) and min(fitted.quantiles) == pytest.approx(-0.375)
    # On a calm issue (dispersion 0) the widest draw is 50 + 30 * 0.375 = 61.25.
    assert fitted.sample(np.array([50.0]), 0.0).max() == pytest.approx(61.25)


def test_out_of_fold_coverage_of_a_synthetic_model():
    # A model whose errors are N(0, 15) and which claims nothing: calibrated out of fold, its 80% intervals
    # cover about 80% (the exchangeable case of split-conformal prediction).
    rng = np.random.default_rng(3)
    n = 1200
    point = rng.uniform(20, 80, n)
    outcome = point + rng.normal(0, 15, n)
    groups = [f"g{i // 3}" for i in range(n)]
    cv = cross_validate_calibration("m", [str(i) for i in range(n)], groups, point, outcome, _features(n),
                                    "none", k=5, seed=0)
    for level in (0.5, 0.8, 0.9):
        assert covered(*central_interval(cv.samples, level), outcome).mean() == pytest.approx(level, abs=0.04)


def test_domain_flags_a_scenario_unlike_the_data():
    fitted = fit_model_calibration("m", np.full(20, 50.0), np.linspace(30, 70, 20),
                                   _features(20, dispersion=20.0, actors=10, rule="qualified_majority"), "none")
    calibration = Calibration({"m": fitted}, {}, "hand")
    scenario = make_scenario([("a", 1, 40, 1), ("b", 1, 60, 1)])
    forecast = Forecast("m", {}, scenario.id, "1", (IssueForecast("issue", 50.0, ()),))
    out = calibration.apply(scenario, forecast)
    assert not out.applies
    text = " | ".join(out.reasons)
    assert "2 actors; the calibration saw 10-10" in text and "decision rule bargaining" in text
    assert "dispersion 10.0; the calibration saw 20.0-20.0" in text
    with pytest.raises(RealpolitikError, match="no model 'nash'"):
        calibration.apply(scenario, forecast, model="nash")


def test_monte_carlo_ranks_carry_the_dependence_between_issues():
    residual = np.arange(-50, 51, dtype=float)
    fitted = fit_model_calibration("m", np.full(101, 50.0), 50.0 + residual, _features(101), scale="none")
    calibration = Calibration({"m": fitted}, {}, "hand")
    scenario = _two_issue_scenario()
    forecast = Forecast("m", {}, scenario.id, "1", (IssueForecast("x", 50.0, ()), IssueForecast("y", 50.0, ())))
    # Independent issues: P(x >= 50 and y >= 50) = 0.5 * 0.5. Draws moving together (identical ranks): 0.5.
    assert calibration.apply(scenario, forecast).probability("x>=50 & y>=50") == pytest.approx(0.25)
    draws = np.column_stack([np.arange(200.0), np.arange(200.0)])
    joint = calibration.apply(scenario, forecast, draws=draws, labels=["x", "y"])
    assert joint.probability("x>=50 & y>=50") == pytest.approx(0.5, abs=0.01)
    assert joint.to_dict(["x>=50"])["events"][0]["probability"] == pytest.approx(0.5, abs=0.01)
    with pytest.raises(RealpolitikError, match="no column for y"):
        calibration.apply(scenario, forecast, draws=draws[:, :1], labels=["x"])


def test_save_load_and_bad_files(tmp_path):
    fitted = fit_model_calibration("m", np.full(20, 50.0), np.linspace(30, 70, 20), _features(20), "none")
    path = Calibration({"m": fitted}, {"data": "synthetic"}, "hand").save(tmp_path / "c.json")
    loaded = Calibration.load(path)
    assert loaded.models["m"].quantiles == pytest.approx(fitted.quantiles, abs=1e-6)
    assert loaded.provenance == {"data": "synthetic"} and loaded.name == "hand"
    with pytest.raises(RealpolitikError, match="does not exist"):
        Calibration.load(tmp_path / "none.json")
    (tmp_path / "bad.json").write_text(json.dumps({"schema": "other/1"}))
    with pytest.raises(RealpolitikError, match="not 'realpolitik.calibration/1'"):
        Calibration.load(tmp_path / "bad.json")
    with pytest.raises(RealpolitikError, match="too few"):
        fit_model_calibration("m", np.zeros(3), np.zeros(3), _features(3))


def test_the_shipped_calibration_records_its_provenance():
    shipped = Calibration.load()
    assert shipped.provenance["data"]["issues"] == 172 and shipped.provenance["data"]["proposals"] == 69
    assert {"compromise", "mean", "nash", "smp", "ensemble"} <= set(shipped.models)
    assert shipped.models["compromise"].domain["decision_rules"] == ["qualified_majority", "unanimity"]
