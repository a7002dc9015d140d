"""The backtest command and its report, on the synthetic benchmark and the DEU development split."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from realpolitik.cli import app
from realpolitik.evaluate.deu import read_deu
from realpolitik.evaluate.tuning import cross_validate, grid_predictions, grouped_folds
from realpolitik.models import get_model
from tests.conftest import require_shared
from tests.test_backtest_harness import TABLE

runner = CliRunner()


def test_backtest_command_writes_offline_html_and_markdown(tmp_path):
    data = tmp_path / "bench.csv"
    data.write_text(TABLE)
    out = tmp_path / "r" / "report.html"
    result = runner.invoke(app, ["backtest", str(data), "-m", "compromise", "-m", "mean", "--cv", "0",
                                 "--bootstrap", "200", "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text()
    assert not re.search(r"<script[^>]+src=", page)  # plotly.js is embedded, not fetched
    assert "Plotly.newPlot" in page and "18.89" in page  # the hand-computed compromise MAE (see harness test)
    markdown = (tmp_path / "r" / "report.md").read_text()
    config = json.loads(markdown.split("```json")[1].split("```")[0])
    assert config["models"]["compromise"]["params"] == {"weights": "capability_salience"}
    assert config["format"] == "generic" and config["bootstrap"] == 200 and len(config["sha256"]) == 64


def test_backtest_command_on_two_processes_prints_the_serial_table(tmp_path):
    data = tmp_path / "bench.csv"
    data.write_text(TABLE)
    args = ["backtest", str(data), "-m", "compromise", "-m", "mean", "--cv", "0", "--bootstrap", "200"]
    serial = runner.invoke(app, args + ["--workers", "1"])
    parallel = runner.invoke(app, args + ["--workers", "2"])
    assert serial.exit_code == 0 and parallel.exit_code == 0, parallel.output
    assert "18.89" in parallel.output and parallel.output == serial.output  # the hand-computed compromise MAE


def test_backtest_command_errors(tmp_path):
    result = runner.invoke(app, ["backtest", str(tmp_path / "missing.csv")])
    assert result.exit_code != 0
    data = tmp_path / "bench.csv"
    data.write_text(TABLE)
    result = runner.invoke(app, ["backtest", str(data), "-m", "compromise", "--cv", "0", "--reference", "nope"])
    assert result.exit_code != 0 and "--reference" in str(result.exception)


def test_tuning_grid_matches_the_registered_model():
    cases = list(read_deu(require_shared("data/deu"), "shapley").cases)[:25]
    settings, table = grid_predictions(cases)
    for k in (0, 57, len(settings) - 1):
        model = get_model("anchored", **settings[k])
        direct = [model.run(c.scenario).outcome(c.issue) for c in cases]
        assert table[k] == pytest.approx(direct)


def test_folds_hold_whole_groups_and_cv_is_out_of_fold():
    cases = list(read_deu(require_shared("data/deu"), "shapley").cases)
    folds = grouped_folds([c.group for c in cases], 5, seed=3)
    by_group = {}
    for case, fold in zip(cases, folds, strict=True):
        by_group.setdefault(case.group, set()).add(int(fold))
    assert all(len(f) == 1 for f in by_group.values()) and set(folds.tolist()) == set(range(5))
    cv = cross_validate(cases, k=5, seed=3)
    assert len(cv.chosen) == 5 and cv.predictions.shape == (len(cases),)


def test_anchored_model_by_hand():
    from tests.conftest import make_scenario

    # a: c 1, x 0, s 1; b: c 1, x 100, s 0.5; status quo 0. α = β = 1: C = 50/1.5 = 33.33; a pull of −0.1 moves it
    # 0.1 × 33.33 away from the status quo: 36.67. α = 2: weights 1 and 0.25, C = 25/1.25 = 20.
    scenario = make_scenario([("a", 1, 0, 1.0), ("b", 1, 100, 0.5)], status_quo=0)
    model = get_model("anchored", salience_power=1.0, capability_power=1.0, reference_pull=-0.1)
    assert model.run(scenario).outcome("issue") == pytest.approx(110 / 3)
    model = get_model("anchored", salience_power=2.0, reference_pull=0.0)
    assert model.run(scenario).outcome("issue") == pytest.approx(20.0)
