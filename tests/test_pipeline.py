"""The one forecast pipeline: the Python API, the CLI and the web give the same document; one model-spec syntax;
parameter types kept as written and checked once (issue 12, points 1 and 7)."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import realpolitik
from realpolitik.cli import app
from realpolitik.errors import RealpolitikError
from realpolitik.models.specs import ModelSpec, parse_model_spec
from tests.conftest import require_shared
from tests.test_backtest_harness import TABLE
from tests.test_scenario_validation import GOOD

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()

# The built-in scenario with BDM limited to one round by the scenario itself. The issue measured karabakh 50.0 via
# the CLI (one round) and 71.24 via `get_model("bdm").run` (27 rounds, model_params ignored).
ONE_ROUND = "\n[model_params.bdm]\nmax_rounds = 1\n"


@pytest.fixture
def one_round(tmp_path) -> Path:
    from realpolitik.scenario.io import dumps, load_scenario

    path = tmp_path / "one-round.toml"
    path.write_text(dumps(load_scenario("south-caucasus-2020"), "toml") + ONE_ROUND)
    return path


def cli_json(*args: str) -> dict:
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_api_and_cli_honour_the_scenario_model_params_identically(one_round):
    api = realpolitik.forecast(one_round, ["bdm"])
    cli = cli_json("forecast", str(one_round), "-m", "bdm")
    assert api.to_dict() == cli
    assert api["bdm"].outcome("karabakh") == pytest.approx(50.0)  # one round: the issue's CLI figure
    record = next(r for r in cli["forecasts"] if r["issue"] == "karabakh")
    assert len(record["rounds"]) == 2  # round 0 (the inputs) and the one round the scenario allows


def test_max_rounds_one_stays_the_number_one(one_round):
    from realpolitik.scenario.io import load_scenario

    assert load_scenario(one_round).model_params["bdm"]["max_rounds"] == 1
    assert type(load_scenario(one_round).model_params["bdm"]["max_rounds"]) is int
    record = cli_json("forecast", str(one_round), "-m", "bdm")["forecasts"][0]
    assert record["params"]["max_rounds"] == 1 and record["params"]["max_rounds"] is not True


def test_explicit_params_win_over_the_scenario_defaults(one_round):
    doc = realpolitik.forecast(one_round, "bdm:max_rounds=3")
    assert doc["bdm"].params["max_rounds"] == 3
    assert len(doc["bdm"].for_issue("karabakh").rounds) <= 4  # round 0 and at most 3 rounds


@pytest.mark.parametrize(("spec", "expected"), [
    ("bdm:capitulation=1", "capitulation=true or capitulation=false"),  # 1 is never read as true
    ("bdm:max_rounds=1.5", "a whole number"),
    ("bdm:max_rounds=x", "e.g. max_rounds=50"),
    ("nash:utility=2", "'linear', 'quadratic'"),
    ("bdm:rounds=3", "did you mean 'max_rounds'"),
])
def test_a_wrong_type_or_name_is_an_error_naming_model_param_and_fix(spec, expected):
    with pytest.raises(RealpolitikError) as caught:
        realpolitik.forecast("south-caucasus-2020", spec)
    message = str(caught.value)
    assert spec.split(":")[0] in message and spec.split(":")[1].split("=")[0] in message
    assert "Fix:" in message and expected in message


def test_a_scenario_default_of_the_wrong_type_is_refused(tmp_path):
    path = tmp_path / "bool.toml"
    path.write_text(GOOD + "\n[model_params.bdm]\ncapitulation = 1\n")
    with pytest.raises(RealpolitikError, match="capitulation = 1 is a whole number"):
        realpolitik.forecast(path, "bdm")


def test_an_int_for_a_float_parameter_is_widened_not_refused():
    doc = realpolitik.forecast("south-caucasus-2020", "bdm:q=1")
    assert doc["bdm"].params["q"] == 1.0 and type(doc["bdm"].params["q"]) is float


def test_one_model_spec_syntax():
    assert parse_model_spec("nash:utility=quadratic,disagreement=status_quo") == ModelSpec(
        "nash", {"utility": "quadratic", "disagreement": "status_quo"})
    spec = cli_json("forecast", "south-caucasus-2020", "-m", "nash:utility=quadratic")
    shorthand = cli_json("forecast", "south-caucasus-2020", "-m", "nash", "-p", "utility=quadratic")
    assert spec == shorthand and spec["forecasts"][0]["params"]["utility"] == "quadratic"
    with pytest.raises(RealpolitikError, match="NAME:key=value"):
        parse_model_spec(":x=1")


def test_backtest_takes_the_same_model_specs_and_writes_json(tmp_path):
    data = tmp_path / "bench.csv"
    data.write_text(TABLE)
    doc = cli_json("backtest", str(data), "-m", "compromise", "-m", "nash:utility=quadratic", "--cv", "0",
                   "--bootstrap", "200")
    assert doc["schema"] == "realpolitik.backtest/1" and doc["reference"] == "compromise"
    rows = {row["model"]: row for row in doc["models"]}
    assert "nash(utility=quadratic)" in rows
    # By hand (tests/test_backtest_harness.py): compromise errors 6.67, 40, 10 -> MAE 18.89; always 50 -> 30.
    assert rows["compromise"]["metrics"]["mae"]["value"] == pytest.approx(56.67 / 3, abs=0.01)
    assert rows["baseline:50"]["metrics"]["mae"]["value"] == pytest.approx(30.0)


def test_run_backtest_in_python_matches_the_command(tmp_path):
    data = tmp_path / "bench.csv"
    data.write_text(TABLE)
    run = realpolitik.run_backtest(data, ["compromise", "mean"], cv=0, bootstrap=200, seed=3)
    cli = cli_json("backtest", str(data), "-m", "compromise", "-m", "mean", "--cv", "0", "--bootstrap", "200",
                   "--seed", "3")
    assert run.to_dict()["models"] == cli["models"] and run.to_dict()["paired"] == cli["paired"]


def test_unwritable_backtest_output_fails_before_any_work(tmp_path, monkeypatch):
    import realpolitik.pipeline.backtest as pipeline_backtest

    def no_work(*args, **kwargs):
        raise AssertionError("the data was read before the output path was checked")

    monkeypatch.setattr(pipeline_backtest, "load_cases", no_work)
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    data = tmp_path / "bench.csv"
    data.write_text(TABLE)
    result = runner.invoke(app, ["backtest", str(data), "-o", str(blocker / "report.html")])
    assert result.exit_code != 0 and isinstance(result.exception, RealpolitikError)
    assert "is not a folder" in str(result.exception) and "Fix:" in str(result.exception)


def test_unwritable_output_is_one_line_from_the_console_script(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    done = subprocess.run([sys.executable, "-m", "realpolitik.cli", "backtest", str(tmp_path / "missing.csv"),
                           "-o", str(blocker / "report.html")], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith("error: cannot write") and "not a folder" in done.stderr


def test_sigterm_stops_a_backtest_that_still_prints_the_finished_cases(tmp_path, monkeypatch):
    from realpolitik.evaluate import harness

    data = tmp_path / "bench.csv"
    data.write_text(TABLE)
    original = harness.CaseRunner.__call__
    calls = []

    def terminate_during_second_case(self, case):
        calls.append(case.case_id)
        if len(calls) == 4:  # two calls time one case; then SIGTERM during the map's second case
            os.kill(os.getpid(), signal.SIGTERM)
        return original(self, case)

    monkeypatch.setattr(harness.CaseRunner, "__call__", terminate_during_second_case)
    result = runner.invoke(app, ["backtest", str(data), "-m", "compromise", "--cv", "0", "--bootstrap", "200",
                                 "--workers", "1", "-f", "json"])
    assert result.exit_code == 130
    doc = json.loads(result.stdout)
    assert doc["interrupted"] is True and doc["cases"]["done"] == 1 and doc["models"][0]["n"] == 1
    assert "interrupted:" in result.stderr


def test_the_web_document_is_the_pipeline_document(tmp_path):
    from fastapi.testclient import TestClient

    from realpolitik.scenario.model import Scenario
    from realpolitik.web.app import create_app
    from tests.web_support import doc

    with TestClient(create_app(f"sqlite:///{tmp_path / 'web.db'}"), base_url="http://localhost") as client:
        assert client.post("/api/scenarios", json=doc()).status_code == 201
        run = client.post("/api/runs", json={"scenario": "mini", "models": [{"name": "compromise"}]}).json()
    forecast = run["results"]["forecast"]
    api = realpolitik.forecast(Scenario.model_validate(doc()), "compromise", seed=run["seed"]).to_dict()
    assert forecast["scenario"].pop("stored_version") == 1
    assert forecast["scenario"] == api["scenario"] and forecast["scenario"]["title"] == doc()["title"]
    assert forecast["forecasts"] == api["forecasts"]


def test_the_readme_python_example_prints_exactly_the_cli_json(capsys):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    code = re.search(r"```python\n(.*?)```", readme, re.S).group(1)
    command = re.search(r"the same as: realpolitik (.+)", code).group(1).split()
    exec(compile(code, "README.md", "exec"), {})
    printed = capsys.readouterr().out
    result = runner.invoke(app, command)
    assert result.exit_code == 0, result.output
    assert printed == result.stdout and json.loads(printed)["schema"] == "realpolitik.forecast/1"


def _wide_scenario(tmp_path: Path, actors: int) -> Path:
    lines = ['id = "wide"', 'title = "Wide"', "", "[[issues]]", 'id = "border"', 'name = "Border"',
             'low = "no change"', 'high = "full change"']
    for k in range(actors):
        lines += ["", "[[actors]]", f'id = "actor{k:02d}"', f'name = "Actor {k}"', f"capability = {1 + k % 5}.0",
                  "", "[[stances]]", f'actor = "actor{k:02d}"', 'issue = "border"', f"position = {(k * 37) % 101}.0",
                  f"salience = {0.3 + (k % 7) / 10}"]
    path = tmp_path / "wide.toml"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_piped_tables_are_never_cut_and_honour_columns(tmp_path):
    path = _wide_scenario(tmp_path, 36)
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    command = [sys.executable, "-m", "realpolitik.cli", "forecast", str(path), "-m", "bdm", "--rounds", "3"]
    piped = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    assert piped.returncode == 0, piped.stderr
    assert "…" not in piped.stdout and "actor35" in piped.stdout  # every actor's column, whole
    narrow = subprocess.run(command, capture_output=True, text=True, env={**env, "COLUMNS": "90"}, timeout=120)
    assert max(len(line) for line in narrow.stdout.splitlines()) <= 90


def test_the_readme_data_command_works_as_written(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    line = next(x for x in readme.splitlines() if "data build" in x)
    folders = re.search(r"REALPOLITIK_DATA=(\S+)", line).group(1).split(":")
    shared = require_shared("data")
    located = ":".join(str(shared / Path(folder).name) for folder in folders)  # the README's folders, found here
    args = line.split("realpolitik ", 1)[1].split()
    args[args.index("-o") + 1] = str(tmp_path / "dy.parquet")
    env = {**os.environ, "REALPOLITIK_DATA": located}
    done = subprocess.run([sys.executable, "-m", "realpolitik.cli", *args, "--years", "1816-1817"],
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "dy.parquet").exists()


def test_progress_bars_show_on_a_terminal_only_and_never_with_json():
    import io

    from rich.console import Console

    from realpolitik.cli.progress import ProgressBar

    def drawn(enabled: bool, terminal: bool) -> str:
        buffer = io.StringIO()
        console = Console(file=buffer, force_terminal=terminal, width=100)
        with ProgressBar(10, "work", console, delay=0.0, enabled=enabled) as bar:
            bar(5)
            bar(5)
        return buffer.getvalue()

    assert "work" in drawn(enabled=True, terminal=True)
    assert drawn(enabled=True, terminal=False) == ""  # a pipe
    assert drawn(enabled=False, terminal=True) == ""  # --format json


def test_whatif_reports_its_progress_two_runs_per_model():
    from realpolitik.scenario.io import load_scenario
    from realpolitik.uncertainty.whatif import compare

    scenario = load_scenario("south-caucasus-2020")
    ticks = []
    compare(scenario, scenario, realpolitik.forecast(scenario, ["compromise", "mean"]).models, progress=ticks.append)
    assert ticks == [1, 1, 1, 1]


API_MODULES = ["realpolitik", "realpolitik.models.specs", "realpolitik.models.registry", "realpolitik.scenario.io",
               "realpolitik.pipeline.forecasting", "realpolitik.pipeline.document", "realpolitik.pipeline.montecarlo",
               "realpolitik.pipeline.backtest", "realpolitik.draft.document"]


@pytest.mark.parametrize("module", API_MODULES)
def test_docstring_examples_of_the_api_run(module):
    import doctest
    import importlib

    failed, tried = doctest.testmod(importlib.import_module(module))
    assert tried > 0 and failed == 0


def _api_callables():
    """Every public function of the top-level API and every public method of the classes it returns."""
    import inspect

    from realpolitik.draft.document import draft
    from realpolitik.pipeline.backtest import BacktestRun
    from realpolitik.pipeline.montecarlo import MonteCarloRun

    functions = {name: draft if name == "draft" else getattr(realpolitik, name) for name in realpolitik.__all__
                 if name == "draft" or inspect.isfunction(getattr(realpolitik, name))}
    functions["parse_model_spec"] = parse_model_spec
    for cls in (realpolitik.ForecastDocument, ModelSpec, MonteCarloRun, BacktestRun):
        for name, member in vars(cls).items():
            if not name.startswith("_") and (inspect.isfunction(member) or isinstance(member, property)):
                functions[f"{cls.__name__}.{name}"] = member
    return functions


def test_every_public_function_of_the_api_has_a_docstring_example():
    callables = _api_callables()
    assert {"forecast", "monte_carlo", "run_backtest", "load_scenario", "get_model", "draft",
            "ForecastDocument.to_json", "ModelSpec.text"} <= set(callables)
    missing = sorted(name for name, f in callables.items() if ">>>" not in (f.__doc__ or ""))
    assert missing == [], f"add a runnable >>> example to the docstrings of: {', '.join(missing)}"
    homes = {(f.fget if isinstance(f, property) else f).__module__ for f in callables.values()}
    assert homes <= set(API_MODULES), f"add {sorted(homes - set(API_MODULES))} to API_MODULES so its examples run"
