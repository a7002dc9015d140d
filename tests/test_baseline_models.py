"""Baseline models against values worked out by hand, and against published single-issue figures."""

from __future__ import annotations

import json

import numpy as np
import pytest

from realpolitik.errors import ModelError, RealpolitikError
from realpolitik.models import available, get_model
from realpolitik.models.nash import nash_solution
from tests.conftest import make_scenario, require_shared

# Four actors on one issue; capability c, position x, salience s.
#   a: c=2, x=10, s=0.5  -> c·s = 1.0
#   b: c=1, x=40, s=1.0  -> c·s = 1.0
#   c: c=4, x=70, s=0.25 -> c·s = 1.0
#   d: c=3, x=90, s=1.0  -> c·s = 3.0
ROWS = [("a", 2, 10, 0.5), ("b", 1, 40, 1.0), ("c", 4, 70, 0.25), ("d", 3, 90, 1.0)]


def outcome(name, rows=ROWS, **params):
    return get_model(name, **params).run(make_scenario(rows, status_quo=30)).outcome("issue")


def test_mean_is_plain_average():
    assert outcome("mean") == pytest.approx((10 + 40 + 70 + 90) / 4)  # 52.5


def test_compromise_is_capability_salience_weighted_mean():
    # (1·10 + 1·40 + 1·70 + 3·90) / (1 + 1 + 1 + 3) = 390 / 6 = 65
    assert outcome("compromise") == pytest.approx(65.0)


def test_compromise_other_weightings():
    # capability only: (2·10 + 1·40 + 4·70 + 3·90) / 10 = 610 / 10 = 61
    assert outcome("compromise", weights="capability") == pytest.approx(61.0)
    # salience only: (0.5·10 + 40 + 0.25·70 + 90) / 2.75 = 152.5 / 2.75
    assert outcome("compromise", weights="salience") == pytest.approx(152.5 / 2.75)


def test_capability_weighted_median():
    # sorted by position, cumulative capability 2, 3, 7, 10 of 10; half = 5 is first reached at x = 70
    assert outcome("median") == 70.0


def test_capability_salience_weighted_median():
    # cumulative c·s 1, 2, 3, 6 of 6; half = 3 is reached exactly at x = 70 (lower weighted median)
    assert outcome("median-cs") == 70.0


def test_weighted_median_exact_half_takes_lower_position():
    rows = [("a", 1, 20, 1.0), ("b", 1, 80, 1.0)]  # cumulative 1 of 2 reaches half at x = 20
    assert outcome("median", rows) == 20.0


def test_nash_linear_two_actors_at_the_ends_is_weighted_mean():
    # maximise 1·log(1 − x/100) + 3·log(x/100): derivative −1/(100 − x) + 3/x = 0 → x = 75
    rows = [("a", 1, 0, 1.0), ("b", 3, 100, 1.0)]
    assert outcome("nash", rows) == pytest.approx(75.0, abs=1e-9)


def test_nash_linear_interior_first_order_condition():
    # Weights c·s = 1, 1, 1, 3 at 10, 40, 70, 90. For 70 < x < 90 the slope of Σ wᵢ log(1 − |x − xᵢ|/100) is
    #   −1/(100 − (x − 10)) − 1/(100 − (x − 40)) − 1/(100 − (x − 70)) + 3/(100 − (90 − x))
    # At x = 80: −1/30 − 1/60 − 1/90 + 3/90 = −0.0278 < 0, at x = 70 (right side): −1/40 − 1/70 − 1/100 + 3/80
    # = −0.0118 < 0, at x = 70 (left side, actor c pulls up): −1/40 − 1/70 + 1/100 + 3/80 = +0.0082 > 0.
    # So the maximum is the kink at x = 70.
    assert outcome("nash") == pytest.approx(70.0, abs=1e-9)


def test_nash_quadratic_symmetric_pair_meets_in_the_middle():
    rows = [("a", 2, 20, 0.5), ("b", 1, 80, 1.0)]  # equal c·s
    assert outcome("nash", rows, utility="quadratic") == pytest.approx(50.0, abs=1e-9)


def test_nash_quadratic_first_order_condition():
    # w = 1 at 0, w = 2 at 60: slope Σ wᵢ·(−2(x − xᵢ)/1e4)/(1 − ((x − xᵢ)/100)²) vanishes at the optimum.
    x = nash_solution(np.array([0.0, 60.0]), np.array([1.0, 2.0]), "quadratic")
    d0, d1 = x / 100, (x - 60) / 100
    slope = -2 * d0 / (1 - d0**2) - 2 * 2 * d1 / (1 - d1**2)
    assert abs(slope) < 1e-9 and 30 < x < 60


def test_nash_status_quo_disagreement_stays_in_the_acceptable_set():
    # Status quo 30: a (at 10) accepts only x ≤ 30 + ... i.e. |x − 10| ≤ 20 → x ∈ [0, 30]; d (at 90) accepts
    # x ∈ [30, 150]. The only outcome both accept is the status quo itself.
    assert outcome("nash", disagreement="status_quo") == pytest.approx(30.0)
    # Two actors on the same side of the status quo: a at 60 (w=1), b at 100 (w=1), sq 40.
    # Feasible: |x − 60| ≤ 20 → [40, 80]; gains linear: (20 − |x − 60|)/100 and (x − 40)/100 on [60, 80]:
    # maximise log(80 − x) + log(x − 40) → x = 60 (the kink: left slope 1/20 + 1/20 > 0, right slope −1/20 + 1/20 = 0)
    x = nash_solution(np.array([60.0, 100.0]), np.array([1.0, 1.0]), "linear", status_quo=40.0)
    assert x == pytest.approx(60.0, abs=1e-7)


def test_nash_status_quo_needs_a_status_quo():
    scenario = make_scenario([("a", 1, 0, 1.0), ("b", 1, 100, 1.0)])
    with pytest.raises(ModelError, match="status_quo"):
        get_model("nash", disagreement="status_quo").run(scenario)


def test_zero_weights_are_a_clear_error():
    scenario = make_scenario([("a", 0, 10, 1.0), ("b", 0, 90, 1.0)])
    with pytest.raises(ModelError, match="issue 'issue'.*Fix"):
        get_model("compromise").run(scenario)


def test_registry_lists_models_and_rejects_bad_names_and_params():
    assert {"mean", "compromise", "median", "median-cs", "nash"} <= set(available())
    with pytest.raises(RealpolitikError, match="did you mean 'nash'"):
        get_model("nsh")
    with pytest.raises(RealpolitikError, match="no parameter 'utilty'.*did you mean 'utility'"):
        get_model("nash", utilty="linear")
    with pytest.raises(RealpolitikError, match="not allowed.*Fix"):
        get_model("nash", utility="cubic")


@pytest.mark.parametrize("name", ["mean", "compromise", "median", "median-cs", "nash"])
def test_every_baseline_gives_round_zero_and_serialises(name):
    forecast = get_model(name).run(make_scenario(ROWS))
    record = forecast.to_records()[0]
    assert record["model"] == name and record["issue"] == "issue"
    assert record["rounds"][0] == {"round": 0, "positions": {"a": 10.0, "b": 40.0, "c": 70.0, "d": 90.0}}
    json.dumps(record, allow_nan=False)


@pytest.mark.parametrize("case,mean,median", [
    # eu_emissions_1994: BDM (1994) car-emissions data; the case file's c·s-weighted mean and median.
    ("eu_emissions_1994", 7.389956, 7.0),
    # greece_eu_debt_2015: published mean 82.2 and weighted median 100 (blog post cited in the case file).
    ("greece_eu_debt_2015", 82.22, 100.0),
])
def test_published_single_issue_statistics(case, mean, median):
    data = json.loads((require_shared("cases/bdm") / f"{case}.json").read_text())
    rows = [(f"a{k}", a["capability"], a["position"], a["salience"]) for k, a in enumerate(data["inputs"]["actors"])]
    assert outcome("compromise", rows) == pytest.approx(mean, abs=0.01)
    assert outcome("median-cs", rows) == pytest.approx(median)


def test_a_weighted_mean_never_leaves_the_positions_range():
    # found by the extreme-input property: two actors at 100 with weights 0.3 and 0.6 (one at 0 with none)
    # gave 100.00000000000001, off the scale
    from realpolitik.models.central import weighted_mean

    position, weights = np.array([0.0, 100.0, 100.0]), np.array([0.0, 0.3, 0.6])
    assert np.dot(weights, position) / weights.sum() > 100.0  # the plain formula rounds past the end
    assert weighted_mean(position, weights) == 100.0
