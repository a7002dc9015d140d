"""Probabilistic scores against values worked out by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest

from realpolitik.errors import RealpolitikError
from realpolitik.evaluate.metrics import group_draws
from realpolitik.evaluate.scores import (
    at_least,
    bootstrap_mean,
    brier,
    central_interval,
    covered,
    crps_ensemble,
    crps_normal,
    event_forecasts,
    log_score,
    pit_ensemble,
    pit_histogram,
    pit_normal,
    reliability,
    within_reference,
)


def test_crps_of_three_draw_ensembles_by_hand():
    # {0, 10, 20} vs 5: E|X - y| = (5 + 5 + 15)/3 = 25/3; the nine ordered pairs differ by 0,10,20,10,0,10,20,10,0
    # (sum 80), so E|X - X'| = 80/9 and CRPS = 25/3 - 40/9 = 35/9.
    # {0, 30, 90} vs 100: E|X - y| = (100 + 70 + 10)/3 = 60; pair sum 2 * (30 + 90 + 60) = 360, half of 360/9 = 20.
    # {50, 50, 50} vs 40: no spread, the CRPS is the absolute error 10.
    draws = np.array([[20, 0, 10], [90, 30, 0], [50, 50, 50]])
    assert crps_ensemble(draws, np.array([5, 100, 40])) == pytest.approx([35 / 9, 40.0, 10.0])


def test_crps_of_a_normal():
    # At the mean (z = 0): sigma * (2 phi(0) - 1/sqrt(pi)) = sigma * (0.7978846 - 0.5641896) = 0.2336950 sigma.
    assert crps_normal(np.array([50.0]), np.array([10.0]), np.array([50.0]))[0] == pytest.approx(2.336950, abs=1e-6)
    # Far from the mean the CRPS tends to |y - mu| - sigma/sqrt(pi) (z = 8: 80 - 5.6419).
    assert crps_normal(np.array([0.0]), np.array([10.0]), np.array([80.0]))[0] == pytest.approx(80 - 10 / math.sqrt(
        math.pi), abs=1e-6)
    # The ensemble form agrees with the closed form for many draws from the normal (its quantiles).
    u = (np.arange(4000) + 0.5) / 4000
    z = np.sort(np.random.default_rng(1).standard_normal(200_000))[(u * 200_000).astype(int)]
    assert crps_ensemble(50 + 10 * z[None, :], 57.0)[0] == pytest.approx(
        crps_normal(np.array([50.0]), np.array([10.0]), np.array([57.0]))[0], abs=0.03)
    with pytest.raises(RealpolitikError, match="sd > 0"):
        crps_normal(np.array([0.0]), np.array([0.0]), np.array([1.0]))


def test_pit_of_a_known_normal():
    # Phi(1.644854) = 0.95, Phi(0) = 0.5, Phi(-1) = 0.158655 (standard normal table).
    pit = pit_normal(np.array([50.0, 50.0, 50.0]), np.array([10.0, 10.0, 10.0]), np.array([66.44854, 50.0, 40.0]))
    assert pit == pytest.approx([0.95, 0.5, 0.158655], abs=1e-5)
    # Mid-rank of 5 in {0, 5, 10, 20}: one draw below, one tie -> (1 + 0.5)/4.
    assert pit_ensemble(np.array([[0, 5, 10, 20]]), 5.0)[0] == pytest.approx(0.375)


def test_coverage_of_a_calibrated_and_an_over_confident_model():
    rng = np.random.default_rng(7)
    n, m = 3000, 400
    outcome = rng.standard_normal(n)
    calibrated = rng.standard_normal((n, m))
    over_confident = 0.3 * rng.standard_normal((n, m))
    for level in (0.5, 0.8, 0.9):
        assert covered(*central_interval(calibrated, level), outcome).mean() == pytest.approx(level, abs=0.03)
    # A 0.3-sd forecast's 80% interval is +-0.3 * 1.2816 = +-0.3845; P(|Z| <= 0.3845) = 2 Phi(0.3845) - 1 = 0.2994.
    assert covered(*central_interval(over_confident, 0.8), outcome).mean() == pytest.approx(0.2994, abs=0.03)
    # Calibrated: flat PIT histogram (300 per bin); over-confident: U-shaped (P(Z < -0.3*1.2816*...) large tails).
    flat, _ = pit_histogram(pit_ensemble(calibrated, outcome))
    assert np.all(np.abs(flat - n / 10) < 60)
    u_shape, _ = pit_histogram(pit_ensemble(over_confident, outcome))
    assert u_shape[0] > 3 * u_shape[5] and u_shape[-1] > 3 * u_shape[4]


def test_brier_log_and_events():
    # p = 0.7: (0.7 - 1)^2 = 0.09 when it happened, 0.49 when not; -ln 0.7 = 0.356675, -ln 0.3 = 1.203973.
    assert brier(np.array([0.7, 0.7]), np.array([True, False])) == pytest.approx([0.09, 0.49])
    assert log_score(np.array([0.7, 0.7]), np.array([True, False])) == pytest.approx([0.356675, 1.203973], abs=1e-6)
    assert log_score(np.array([0.0]), np.array([True]))[0] == pytest.approx(-math.log(1e-3))
    draws = np.array([[40, 50, 60, 70], [0, 10, 20, 30]])
    mask, p, happened = event_forecasts(at_least(50), draws, np.array([55.0, 50.0]), [None, 20.0])
    assert mask.all() and p == pytest.approx([0.75, 0.0]) and happened.tolist() == [True, True]
    mask, p, happened = event_forecasts(within_reference(10), draws, np.array([55.0, 5.0]), [None, 20.0])
    assert mask.tolist() == [False, True] and p[1] == pytest.approx(0.75) and happened.tolist() == [False, False]


def test_reliability_and_bootstrap():
    points = reliability(np.array([0.05, 0.08, 0.95, 0.91]), np.array([False, True, True, True]))
    assert points == [(pytest.approx(0.065), 0.5, 2), (pytest.approx(0.93), 1.0, 2)]
    groups = np.array(["a", "a", "b", "c"])
    draws = group_draws(groups, 500, np.random.default_rng(0))
    est = bootstrap_mean(np.array([1.0, 3.0, 2.0, 10.0]), groups, draws)
    assert est.value == 4.0 and 1.0 <= est.low <= est.value <= est.high <= 10.0
    # One group drawn three times: the only possible resample mean is the group's mean.
    one = bootstrap_mean(np.array([1.0, 3.0]), np.array(["a", "a"]), np.full((10, 1), 1))
    assert (one.low, one.high) == (2.0, 2.0)
