"""The Ray executor (Ray in local mode, 2 CPUs) gives exactly the serial result for the same seed."""

from __future__ import annotations

import numpy as np
import pytest

from realpolitik.models import get_model
from realpolitik.uncertainty.executors import RayExecutor, SerialExecutor
from realpolitik.uncertainty.montecarlo import run_monte_carlo
from realpolitik.uncertainty.sensitivity import tornado
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
