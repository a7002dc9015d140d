"""The Ray executor (Ray in local mode, 2 CPUs) gives exactly the serial result: sweeps for the same seed, and the
backtest harness's hand-computed metrics."""

from __future__ import annotations

import numpy as np
import pytest

from realpolitik.evaluate.dataset import read_table
from realpolitik.evaluate.harness import build, run_backtest, summarise, summary_records
from realpolitik.executors import RayExecutor, SerialExecutor
from realpolitik.models import get_model
from realpolitik.uncertainty.montecarlo import run_monte_carlo
from realpolitik.uncertainty.sensitivity import tornado
from tests.test_backtest_harness import HAND_MAE, TABLE
from tests.test_montecarlo import normal_scenario

ray = pytest.importorskip("ray")


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def test_ray_matches_serial_for_the_same_seed(local_ray):
    scenario, model = normal_scenario(), get_model("compromise")
    serial = run_monte_carlo(scenario, model, 400, seed=11, executor=SerialExecutor())
    on_ray = run_monte_carlo(scenario, model, 400, seed=11, executor=RayExecutor(), batch_size=37)
    assert on_ray.sweep.executor.startswith("ray (local, 2 CPUs)")
    assert np.array_equal(serial.draws, on_ray.draws)
    assert on_ray.for_issue("q").to_dict() == serial.for_issue("q").to_dict()
    oat = tornado(scenario, model, executor=RayExecutor())
    assert [b.to_dict() for b in oat.ranking["q"]] == [b.to_dict() for b in tornado(scenario, model).ranking["q"]]


def test_backtest_on_ray_gives_the_hand_metrics(local_ray, tmp_path):
    data = tmp_path / "bench.csv"
    data.write_text(TABLE)
    cases, models = read_table(data), build(["compromise", "mean"])
    on_ray = run_backtest(cases, models, executor=RayExecutor(), batch_size=1, progress=False)
    assert on_ray.executor.startswith("ray (local, 2 CPUs)") and on_ray.cases_done == 3
    summary = summarise(on_ray, n_boot=500, seed=2)
    assert {label: row["mae"].value for label, row in summary.rows.items()} == pytest.approx(HAND_MAE, abs=1e-3)
    serial = summarise(run_backtest(cases, models, progress=False), n_boot=500, seed=2)
    assert summary_records(summary) == summary_records(serial)
