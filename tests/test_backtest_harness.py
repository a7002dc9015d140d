"""The harness and its metrics on a tiny synthetic benchmark worked out by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest

from realpolitik.errors import RealpolitikError
from realpolitik.evaluate.dataset import read_table, write_table
from realpolitik.evaluate.harness import build, parse_spec, run_backtest, summarise, summary_records
from realpolitik.evaluate.metrics import group_draws, metrics_with_ci, paired, point_metrics
from realpolitik.executors import ProcessExecutor, SerialExecutor
from realpolitik.forecast import IssueForecast, Round
from realpolitik.models.base import Model
from tests.test_montecarlo import StopAfter

# Three issues in two groups. issue, group, actor, capability, position, salience, outcome, status quo:
TABLE = """issue,group,actor,capability,position,salience,outcome,status_quo
i1,p1,a,1,0,1.0,40,0
i1,p1,b,1,100,0.5,40,0
i2,p1,a,2,20,1.0,80,
i2,p1,b,1,80,1.0,80,
i3,p2,a,1,60,1.0,100,100
i3,p2,b,3,100,1.0,100,100
"""
# By hand. Compromise (c*s weighted mean): i1 (0*1 + 100*0.5)/1.5 = 33.33; i2 (20*2 + 80*1)/3 = 40;
# i3 (60*1 + 100*3)/4 = 90. Errors 6.67, 40, 10 -> MAE 56.67/3 = 18.89.
# Mean position: 50, 50, 80 -> errors 10, 30, 20 -> MAE 20. Always 50: errors 10, 30, 50 -> MAE 30.
# Reference point (50 where none): 0, 50, 100 -> errors 40, 30, 0 -> MAE 23.33.
HAND_MAE = {"compromise": 56.6667 / 3, "mean": 20.0, "baseline:50": 30.0, "baseline:reference": 70 / 3}
HAND_COMPROMISE = {"i1": 100 / 3, "i2": 40.0, "i3": 90.0}


@pytest.fixture
def cases(tmp_path):
    path = tmp_path / "bench.csv"
    path.write_text(TABLE)
    return read_table(path)


def test_point_metrics_by_hand():
    # Errors 10, 30, 5, 25: MAE 17.5; median (10 + 25)/2 = 17.5; RMSE sqrt((100+900+25+625)/4) = sqrt(412.5);
    # within 10: {10, 5} = 0.5; within 20: 0.5.
    m = point_metrics(np.array([40, 70, 0, 80]), np.array([50, 100, 5, 55]))
    assert m == pytest.approx({"mae": 17.5, "median_ae": 17.5, "rmse": math.sqrt(412.5), "within_10": 0.5,
                               "within_20": 0.5})


def test_harness_on_the_synthetic_benchmark(cases):
    result = run_backtest(cases, build(["compromise", "mean"]), progress=False)
    summary = summarise(result, n_boot=4000, seed=1)
    mae = {label: row["mae"].value for label, row in summary.rows.items()}
    assert mae == pytest.approx(HAND_MAE, abs=1e-3)
    # Grouped bootstrap: a resample is {p1,p1}, {p1,p2} or {p2,p2}; the compromise MAE is then
    # (6.67+40)/2 = 23.33, 18.89 or 10. {p2,p2} has probability 1/4 and {p1,p1} 1/4, so the 2.5% and 97.5%
    # percentiles are 10 and 23.33.
    ci = summary.rows["compromise"]["mae"]
    assert (ci.low, ci.high) == pytest.approx((10.0, 70 / 3), abs=1e-3)
    # Paired, compromise against mean: differences -3.33, +10, -10 -> mean -1.11; compromise closer on 2 of 3.
    vs_mean = next(p for p in summary.paired if p.b == "mean")
    assert vs_mean.mean_diff == pytest.approx(-10 / 9, abs=1e-3)
    assert (vs_mean.a_closer, vs_mean.b_closer) == pytest.approx((2 / 3, 1 / 3))


def test_one_group_gives_a_degenerate_interval():
    draws = group_draws(np.array(["g", "g"]), 50, np.random.default_rng(0))
    ci = metrics_with_ci(np.array([10.0, 30.0]), np.array([0.0, 0.0]), np.array(["g", "g"]), draws)
    assert (ci["mae"].value, ci["mae"].low, ci["mae"].high) == (20.0, 20.0, 20.0)
    assert (ci["median_ae"].low, ci["median_ae"].high) == (20.0, 20.0)


class _Interval(Model):
    """A test model: predicts 50 with the interval [40, 60] at the 80% level."""

    name = "interval-test"

    def __init__(self) -> None:
        pass

    def run_issue(self, scenario, issue, rng):
        return IssueForecast(issue, 50.0, (Round(0, {}),),
                             diagnostics={"interval": {"low": 40.0, "high": 60.0, "level": 0.8}})


def test_intervals_are_recorded(cases):
    result = run_backtest(cases, [_Interval()], progress=False)
    rows = result.scored("interval-test")
    assert rows["low"].to_list() == [40.0] * 3 and rows["level"].to_list() == [0.8] * 3


def test_generic_table_round_trip(cases, tmp_path):
    for name in ("again.csv", "again.parquet"):
        again = read_table(write_table(cases, tmp_path / name))
        assert [c.case_id for c in again] == ["i1", "i2", "i3"]
        assert [c.group for c in again] == ["p1", "p1", "p2"]
        assert [c.status_quo for c in again] == [0.0, None, 100.0]
        assert again[1].scenario.arrays("i2").capability.tolist() == [2.0, 1.0]


def test_specs_and_errors(tmp_path):
    assert parse_spec("nash:utility=quadratic,disagreement=status_quo") == (
        "nash", {"utility": "quadratic", "disagreement": "status_quo"})
    with pytest.raises(RealpolitikError, match="unknown model"):
        build(["nope"])
    bad = tmp_path / "bad.csv"
    bad.write_text("issue,actor,position\ni,a,1\n")
    with pytest.raises(RealpolitikError, match="missing column.*capability"):
        read_table(bad)
    bad.write_text(TABLE.replace("i1,p1,b,1,100,0.5,40,0", "i1,p1,b,1,100,0.5,45,0"))
    with pytest.raises(RealpolitikError, match="different outcome"):
        read_table(bad)
    bad.write_text(TABLE.replace("i1,p1,b,1,100,0.5", "i1,p1,b,1,140,0.5"))
    with pytest.raises(RealpolitikError, match="issue 'i1'"):
        read_table(bad)


@pytest.mark.parametrize(("executor", "batch_size"), [(SerialExecutor(), None), (SerialExecutor(), 2),
                                                      (ProcessExecutor(2), 1), (ProcessExecutor(2), None)],
                         ids=["serial", "serial-batches-of-2", "processes-batches-of-1", "processes"])
def test_every_executor_gives_the_hand_metrics(cases, executor, batch_size):
    result = run_backtest(cases, build(["compromise", "mean"]), executor=executor, batch_size=batch_size,
                          progress=False)
    assert not result.interrupted and (result.cases_done, result.cases_total) == (3, 3)
    summary = summarise(result, n_boot=500, seed=2)
    assert {label: row["mae"].value for label, row in summary.rows.items()} == pytest.approx(HAND_MAE, abs=1e-3)
    serial = summarise(run_backtest(cases, build(["compromise", "mean"]), progress=False), n_boot=500, seed=2)
    assert summary_records(summary) == summary_records(serial)


def _repeated_benchmark(tmp_path, copies: int):
    """The synthetic benchmark `copies` times over (issues i1_k, i2_k, i3_k; groups p1_k, p2_k)."""
    header, *rows = TABLE.strip().splitlines()
    lines = [header] + [row.replace(",p", f"_{k},p", 1).replace(",p1,", f",p1_{k},").replace(",p2,", f",p2_{k},")
                        for k in range(copies) for row in rows]
    path = tmp_path / "many.csv"
    path.write_text("\n".join(lines) + "\n")
    return read_table(path)


@pytest.mark.parametrize("executor", [SerialExecutor(), ProcessExecutor(2)], ids=["serial", "processes"])
def test_ctrl_c_keeps_the_cases_that_finished(tmp_path, executor):
    cases = _repeated_benchmark(tmp_path, 10)
    # Ctrl-C pressed once 6 cases have finished (batches of 3): the earlier batches are kept, the rest dropped.
    result = run_backtest(cases, build(["compromise"]), executor=executor, batch_size=3, progress=StopAfter(6))
    # serially the stop comes right after the second batch; on workers, running batches may all finish first
    serial = isinstance(executor, SerialExecutor)
    assert result.interrupted and result.cases_total == 30
    assert result.cases_done == 6 if serial else 6 <= result.cases_done <= 30
    assert result.cases_done % 3 == 0  # whole batches only
    scored = result.scored("compromise")
    assert scored.height == result.cases_done
    for case, prediction in zip(scored["case"], scored["prediction"], strict=True):
        assert prediction == pytest.approx(HAND_COMPROMISE[case.split("_")[0]])
    # the baselines cover the same finished cases, nothing else
    assert set(result.scored("baseline:50")["case"]) == set(scored["case"])


def test_paired_bootstrap_reports_ties_apart():
    # Identical forecasts: every resample is a tie, so no P(A better) is reported at all.
    outcome, groups = np.array([10.0, 20.0, 30.0]), np.array(["p1", "p1", "p2"])
    draws = group_draws(groups, 4000, np.random.default_rng(3))
    same = paired("x", np.array([0.0, 0.0, 0.0]), "y", np.array([0.0, 0.0, 0.0]), outcome, groups, draws)
    assert (same.p_a_better, same.p_tie, same.p_b_better) == (0.0, 1.0, 0.0)
    assert same.probabilities().startswith("—")
    # Group p1: A and B equally far (differences 0, 0); group p2: A 10 points closer (difference -10).
    # Resamples {p1,p1} (probability 1/4) tie; {p1,p2} (1/2) and {p2,p2} (1/4) favour A: 3/4, 1/4, 0.
    half = paired("x", np.array([10.0, 20.0, 30.0]), "y", np.array([10.0, 20.0, 40.0]),
                  np.array([10.0, 20.0, 30.0]), groups, draws)
    assert (half.p_a_better, half.p_tie, half.p_b_better) == pytest.approx((0.75, 0.25, 0.0), abs=0.03)
    assert half.n == 3 and half.mean_diff == pytest.approx(-10 / 3)
