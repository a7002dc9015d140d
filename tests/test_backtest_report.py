"""The backtest command and its report, on the synthetic benchmark and the DEU development split."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys

import pytest
from rich.console import Console
from typer.testing import CliRunner

from realpolitik.cli import app
from realpolitik.cli.backtest import print_summary
from realpolitik.cli.render_backtest import comparison_rows, failure_groups, html_report, markdown_report, paired_matrix
from realpolitik.errors import RealpolitikError
from realpolitik.evaluate.dataset import read_table
from realpolitik.evaluate.deu import read_deu
from realpolitik.evaluate.harness import build, run_backtest, summarise
from realpolitik.evaluate.tuning import cross_validate, grid_predictions, grouped_folds
from realpolitik.forecast import IssueForecast, Round
from realpolitik.models import get_model
from realpolitik.models.base import Model
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


class _Picky(Model):
    """A test model that fails on issues i1* (naming the scenario and an actor) and forecasts 60 on i2*, 80 on i3*."""

    name = "picky"

    def __init__(self) -> None:
        pass

    def run_issue(self, scenario, issue, rng):
        if issue.startswith("i1"):
            actor = "a" if issue.endswith("0") else "b"
            raise RealpolitikError(f"model 'picky' on scenario '{issue}': actor '{actor}' is in the way. Fix: none")
        return IssueForecast(issue, 60.0 if issue.startswith("i2") else 80.0, (Round(0, {}),))


def _bench(tmp_path):
    path = tmp_path / "bench.csv"
    path.write_text(TABLE)
    return read_table(path)


def test_models_scored_on_fewer_cases_are_flagged_and_ranked_on_the_common_cases(tmp_path):
    result = run_backtest(_bench(tmp_path), [*build(["compromise"]), _Picky()], progress=False)
    summary = summarise(result, n_boot=300, seed=0)
    # By hand, on i2 and i3 (the cases every model forecast; outcomes 80, 100): picky 60, 80 -> MAE 20;
    # compromise 40, 90 -> 25; always 50 -> 40; reference point 50, 100 -> 15. On their own cases compromise
    # (18.89 on 3) would rank above picky (20 on 2).
    assert summary.common_n == 2 and summary.n_cases == 3 and summary.n["picky"] == 2
    assert {k: v["mae"].value for k, v in summary.common.items()} == pytest.approx(
        {"baseline:reference": 15.0, "picky": 20.0, "compromise": 25.0, "baseline:50": 40.0})
    rows = comparison_rows(summary)
    assert [r[0] for r in rows] == ["baseline:reference", "picky *", "compromise", "baseline:50"]
    assert rows[1][1] == "2/3" and rows[2][1] == "3" and rows[1][-1].startswith("20.00")
    markdown, page = markdown_report(result, summary), html_report(result, summary)
    message = "model 'picky' on scenario 'i1': actor 'b' is in the way. Fix: none"
    for text in (markdown, page.replace("&#x27;", "'")):
        assert "MAE on the common 2" in text and "picky: no forecast on 1 case: " + message + " (e.g. i1)" in text
    console = Console(width=80, record=True, file=io.StringIO())
    print_summary(console, summary, result)
    assert "picky: no forecast on 1 case" in " ".join(console.export_text().split())


def _copies(path, times: int):
    """Write `TABLE` `times` times over to `path`, copy k's cases and proposals suffixed ``_k`` (i1 → i1_0, i1_1,
    ...); return the path."""
    header, *rows = TABLE.strip().splitlines()
    lines = [header] + [row.replace(",p", f"_{k},p", 1).replace(",p1,", f",p1_{k},").replace(",p2,", f",p2_{k},")
                        for k in range(times) for row in rows]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_failures_are_grouped_by_message_with_example_cases(tmp_path):
    # The benchmark twice over: picky fails on i1_0 (actor 'a') and i1_1 (actor 'b') with the same message.
    path = _copies(tmp_path / "twice.csv", 2)
    result = run_backtest(read_table(path), [_Picky()], progress=False)
    (group,) = failure_groups(result)["picky"]
    assert group.count == 2 and group.cases == ("i1_0", "i1_1")
    assert group.example == "model 'picky' on scenario 'i1_0': actor 'a' is in the way. Fix: none"


def test_every_pair_of_models_is_compared(tmp_path):
    result = run_backtest(_bench(tmp_path), build(["compromise", "mean"]), progress=False)
    summary = summarise(result, n_boot=300, seed=0)
    assert len(summary.paired) == 6  # 4 models (2 baselines), 4 x 3 / 2 pairs
    # By hand: |errors| always 50: 10, 30, 50; reference point: 40, 30, 0 -> differences -30, 0, +50, mean +6.67.
    # Compromise against mean: -3.33, +10, -10 -> mean -1.11 (see the harness test).
    header, matrix = paired_matrix(summary)
    cell = {(row[0], b): row[k + 1] for row in matrix for k, b in enumerate(header[1:])}
    assert cell["baseline:50", "baseline:reference"].startswith("+6.67")
    assert cell["baseline:reference", "baseline:50"].startswith("-6.67")
    assert cell["compromise", "mean"].startswith("-1.11") and cell["mean", "compromise"].startswith("+1.11")
    assert cell["mean", "mean"] == ""
    markdown = markdown_report(result, summary)
    assert "## Paired comparisons, every pair" in markdown and "+6.67" in markdown


LONG = ["compromise:weights=capability", "nash:utility=quadratic", "nash:disagreement=status_quo",
        "compromise:weights=salience"]


def test_the_terminal_table_shows_whole_names_on_80_columns(tmp_path):
    result = run_backtest(_bench(tmp_path), build(LONG), progress=False)
    console = Console(width=80, record=True, file=io.StringIO())
    print_summary(console, summarise(result, n_boot=200, seed=0), result)
    text = console.export_text()
    assert max(map(len, text.splitlines())) <= 80 and "…" not in text
    words = re.findall(r"[\w:]+", text)
    for name in ("compromise", "capability", "salience", "nash", "quadratic", "disagreement", "baseline:"):
        assert name in words, name


def test_the_configuration_records_resolved_parameters(tmp_path):
    data = tmp_path / "bench.csv"
    data.write_text(TABLE)
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["backtest", str(data), "-m", "bdm:variant=masad2014", "--bootstrap", "100",
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    config = json.loads(out.with_suffix(".md").read_text().split("```json")[1].split("```")[0])
    params = config["models"]["bdm(variant=masad2014)"]["params"]
    # Masad's reading as the preset states it: t = 1, sender perspective, 10 fixed rounds, mean statistic.
    assert params["t"] == 1.0 and params["perspective"] == "sender" and params["max_rounds"] == 10
    assert params["stop_rule"] == "fixed" and params["statistic"] == "mean" and None not in params.values()


def test_the_anchored_cv_row_only_when_asked(tmp_path):
    data = _copies(tmp_path / "six.csv", 3)
    base = ["backtest", str(data), "--bootstrap", "100", "--workers", "1"]
    named = runner.invoke(app, base + ["-m", "compromise", "-m", "mean"])
    assert named.exit_code == 0 and "anchored" not in named.output
    explicit = runner.invoke(app, base + ["-m", "compromise", "--cv", "2"])
    assert explicit.exit_code == 0 and "anchored" in explicit.output and "(2-fold" in explicit.output
    asked = runner.invoke(app, base + ["-m", "compromise", "-m", "anchored", "--cv", "3"])
    assert asked.exit_code == 0 and "(3-fold" in asked.output


SIGTERM_BACKTEST = """
import os, signal, sys, time
from realpolitik.cli import app
from realpolitik.forecast import IssueForecast, Round
from realpolitik.models.base import Model
from realpolitik.models.registry import register

@register
class Terminator(Model):
    name = "sigterm-test"
    def __init__(self) -> None:
        pass
    def run_issue(self, scenario, issue, rng):
        if issue == "i1_3":
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(5)
        return IssueForecast(issue, 50.0, (Round(0, {}),))

app(sys.argv[1:])
"""


def test_sigterm_writes_the_partial_report(tmp_path):
    # Ten copies of the benchmark, serially one case per batch: SIGTERM arrives on i1_3, the 10th case, so the 9
    # before it are kept and reported, marked interrupted; exit status 130 as for Ctrl-C.
    header, *rows = TABLE.strip().splitlines()
    lines = [header] + [row.replace(",p", f"_{k},p", 1).replace(",p1,", f",p1_{k},").replace(",p2,", f",p2_{k},")
                        for k in range(10) for row in rows]
    data = tmp_path / "many.csv"
    data.write_text("\n".join(lines) + "\n")
    script = tmp_path / "term.py"
    script.write_text(SIGTERM_BACKTEST)
    out = tmp_path / "report.html"
    done = subprocess.run([sys.executable, str(script), "backtest", str(data), "-m", "sigterm-test", "--workers", "1",
                           "--bootstrap", "100", "-o", str(out)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 130, done.stderr
    assert "interrupted: 9 of 30 cases finished" in done.stderr
    markdown = out.with_suffix(".md").read_text()
    config = json.loads(markdown.split("```json")[1].split("```")[0])
    assert config["interrupted"] is True and config["cases_done"] == 9
    assert "**Interrupted**: 9 of 30 cases" in markdown and "Interrupted" in out.read_text()
