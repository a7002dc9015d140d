"""``realpolitik forecast --seed`` seeds a plain forecast exactly as ``realpolitik.forecast(seed=...)`` does, so the
CLI reproduces an API or web run of a random model (issue 12 review, item 4)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import realpolitik
from realpolitik.cli import app

SCENARIO = "south-caucasus-2020"
SPEC = "exchange:ties=random"  # ties between equal-gain exchanges are broken by the run's generator


def _cli(*extra: str) -> dict:
    result = CliRunner().invoke(app, ["forecast", SCENARIO, "-m", SPEC, "--format", "json", *extra])
    assert result.exit_code == 0, result.output
    return {r["issue"]: r["outcome"] for r in json.loads(result.stdout)["forecasts"]}


@pytest.mark.parametrize("seed", [0, 2])
def test_cli_seed_equals_python_seed(seed):
    python = realpolitik.forecast(SCENARIO, [SPEC], seed=seed)["exchange"].outcomes
    assert _cli("--seed", str(seed)) == pytest.approx(python, abs=1e-12)


def test_the_seed_matters_for_this_model():
    """Otherwise the comparison above could not fail: seeds 0 and 2 give different outcomes."""
    assert _cli("--seed", "0") != pytest.approx(_cli("--seed", "2"), abs=1e-6)
