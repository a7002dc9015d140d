"""The calibration reaches every entry point through the pipeline: the forecast and Monte Carlo documents' sections,
``forecast --calibration``, ``calibrate``, ``backtest --draws``, the out-of-fold ensemble, the dashboard's run page."""

from __future__ import annotations

import json

import numpy as np
import pytest
from typer.testing import CliRunner

import realpolitik
from realpolitik.cli import app
from realpolitik.evaluate.calibration import KNOTS, Calibration, ModelCalibration
from realpolitik.scenario.model import Scenario
from tests.web_support import COMPROMISE, doc

runner = CliRunner()

# A hand-made calibration: plain residuals (scale "none") whose quantiles are k − 49.5, k = 0..99, so a forecast x
# becomes the 100 values x − 49.5, x − 48.5, ..., x + 49.5, clipped to 0-100.
QUANTILES = tuple(float(k) - 49.5 for k in range(KNOTS))


def hand_calibration(rules=("bargaining",)) -> Calibration:
    domain = {"n_actors": [2, 3], "dispersion": [0.0, 100.0], "decision_rules": list(rules), "scale": "0-100"}
    return Calibration({"compromise": ModelCalibration("compromise", "none", 0.0, QUANTILES, 100, domain)},
                       {"cases": 100, "groups": 20, "data": {"dataset": "hand-made", "sha256": "x"}}, "hand")


def mini() -> Scenario:
    return Scenario.model_validate(doc())


def interval(issue: dict, level: float) -> tuple[float, float]:
    found = next(i for i in issue["intervals"] if i["level"] == level)
    return found["low"], found["high"]


def test_forecast_section_by_hand():
    section = realpolitik.forecast(mini(), "compromise", calibration=hand_calibration(),
                                   events=["border>=60"]).to_dict()["calibration"]
    assert section["name"] == "hand" and section["used"] is True
    (entry,) = section["models"]
    assert entry["applies"] is True and entry["reasons"] == [] and entry["joint"] == "independent issues"
    border, trade = entry["issues"]
    # border: 73.75 + (k − 49.5) = 24.25 + k, clipped at 100 from k = 76 on. np.quantile's linear rule puts the
    # 10% point at position 0.1 · 99 = 9.9 → 24.25 + 9.9 = 34.15, the 90% point at 89.1 → 100.
    assert border["point"] == pytest.approx(COMPROMISE["border"])
    assert interval(border, 0.8) == pytest.approx((34.15, 100.0))
    # trade: 54.2857 − 49.5 + position; 25% at 24.75, 75% at 74.25, median at 49.5 (the point itself).
    t = COMPROMISE["trade"]
    assert interval(trade, 0.5) == pytest.approx((t - 49.5 + 24.75, t - 49.5 + 74.25))
    assert trade["median"] == pytest.approx(t)
    # P(border ≥ 60): 24.25 + k ≥ 60 for k = 36..99, 64 of 100 values.
    assert entry["events"] == [{"event": "border>=60", "probability": pytest.approx(0.64)}]


def test_auto_names_a_calibration_that_does_not_apply_and_shows_no_figures(tmp_path):
    path = hand_calibration(rules=("unanimity",)).save(tmp_path / "hand.json")
    explicit = realpolitik.forecast(mini(), "compromise", calibration=str(path)).to_dict()["calibration"]
    (entry,) = explicit["models"]
    assert entry["applies"] is False and entry["shown"] is True and len(entry["issues"]) == 2
    assert "border: decision rule bargaining; the calibration saw unanimity" in entry["reasons"]
    # the default: the shipped calibration, named, with why it does not apply, and no calibrated figures
    default = realpolitik.forecast("south-caucasus-2020", "compromise").to_dict()["calibration"]
    assert default["name"] == "deu_dev" and default["mode"] == "auto" and default["used"] is False
    (entry,) = default["models"]
    assert entry["shown"] is False and "issues" not in entry
    assert "karabakh: decision rule force; the calibration saw qualified_majority, unanimity" in entry["reasons"]
    assert "does not apply" in default["why"]
    # none: said so
    off = realpolitik.forecast(mini(), "compromise", calibration=None).to_dict()["calibration"]
    assert off["name"] is None and off["used"] is False
    # a model the calibration does not know
    other = realpolitik.forecast(mini(), "mean", calibration=hand_calibration()).to_dict()["calibration"]
    assert other["models"][0]["shown"] is False and "has no model 'mean'" in other["models"][0]["reasons"][0]


def test_monte_carlo_section_is_the_core_calibration_of_the_same_draws():
    from realpolitik.evaluate.calibration import calibrate_forecast
    from realpolitik.pipeline.calibrating import baseline_forecast

    cal = hand_calibration()
    run = realpolitik.monte_carlo(mini(), "compromise", 60, seed=3, events=["border>=60 & trade<50"],
                                  calibration=cal)
    (entry,) = run.to_dict()["calibration"]["models"]
    (result,) = run.results
    core = calibrate_forecast(mini(), baseline_forecast(result, mini()), cal, monte_carlo=result)
    assert entry["joint"] == "monte-carlo ranks"
    assert entry["events"][0]["probability"] == pytest.approx(core.probability("border>=60 & trade<50"))
    assert interval(entry["issues"][0], 0.9) == pytest.approx(core.issues[0].intervals[0.9])
    # the ranks follow the draws: taken in the order of its Monte Carlo draws, border's calibrated sample never
    # decreases (values clipped at 100 tie)
    sample = core.for_issue("border").sample
    draws = result.draws[:, result.labels.index("border")]
    assert np.all(np.diff(sample[np.argsort(draws)]) >= 0) and len(sample) == 60


def _scenario_file(tmp_path):
    from realpolitik.scenario.io import dumps_toml

    path = tmp_path / "mini.toml"
    path.write_text(dumps_toml(mini()))
    return path


def test_cli_forecast_calibration_json_and_table(tmp_path, capsys, monkeypatch):
    from tests.test_cli import run

    scenario = _scenario_file(tmp_path)
    cal = hand_calibration().save(tmp_path / "hand.json")
    args = ["forecast", str(scenario), "-m", "compromise", "--calibration", str(cal), "--event", "border>=60"]
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    section = json.loads(result.stdout)["calibration"]
    assert section["models"][0]["events"][0]["probability"] == pytest.approx(0.64)
    table = runner.invoke(app, args, env={"COLUMNS": "160"})
    assert table.exit_code == 0, table.output
    assert "Calibration: hand (asked for" in table.stdout and "calibration hand applies" in table.stdout
    low, high = interval(section["models"][0]["issues"][0], 0.8)
    assert low == pytest.approx(34.15) and f"{low:.1f}–{high:.1f}" in table.stdout and "0.640" in table.stdout
    mc = runner.invoke(app, [*args, "--mc", "50", "--seed", "2"], env={"COLUMNS": "200"})
    assert mc.exit_code == 0, mc.output
    assert "raw MC 50%" in mc.stdout and "raw MC" in mc.stdout and "calibrated" in mc.stdout
    code, _, err = run(capsys, monkeypatch, "forecast", str(scenario), "--calibration", str(tmp_path / "none.json"))
    assert code == 1 and "does not exist. Fix: check the path" in err and "Traceback" not in err


def synthetic_table(path, groups=10, per_group=3, seed=0):
    """Two actors per issue, the outcome a noisy function of the positions (a table as the generic reader wants)."""
    rng = np.random.default_rng(seed)
    lines = ["issue,group,actor,capability,position,salience,outcome,status_quo"]
    for g in range(groups):
        for k in range(per_group):
            a, b = rng.uniform(0, 100, 2).round(1)
            outcome = float(np.clip((a + b) / 2 + rng.normal(0, 15), 0, 100).round(1))
            issue = f"i{g}_{k}"
            lines += [f"{issue},g{g},a,1,{a},1.0,{outcome},", f"{issue},g{g},b,2,{b},0.5,{outcome},"]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_cli_calibrate_writes_the_fit_and_prints_out_of_fold_coverage(tmp_path, capsys, monkeypatch):
    from realpolitik.evaluate.calibration import case_features, cross_validate_calibration, fit_model_calibration
    from realpolitik.evaluate.dataset import read_table
    from realpolitik.evaluate.scores import central_interval, covered
    from tests.test_cli import run

    table = synthetic_table(tmp_path / "t.csv")
    out = tmp_path / "sub" / "cal.json"
    result = runner.invoke(app, ["calibrate", str(table), "-m", "compromise", "--folds", "5", "-o", str(out)],
                           env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    saved = Calibration.load(out)
    cases = read_table(table)
    features = case_features(cases)
    # compromise by hand: weights c·s = 1 and 1, so the forecast is the plain mean of the two positions
    point = np.array([float(c.scenario.arrays(c.issue).position.mean()) for c in cases])
    outcome = np.array([c.outcome for c in cases])
    expected = fit_model_calibration("compromise", point, outcome, [features[c.case_id] for c in cases])
    assert saved.models["compromise"].quantiles == pytest.approx(expected.quantiles, abs=1e-6)  # stored to 6 places
    assert saved.provenance["folds"] == 5 and saved.provenance["fold_seed"] == 0
    assert saved.provenance["data"]["sha256"] and saved.provenance["models"]["compromise"]["name"] == "compromise"
    cv = cross_validate_calibration("compromise", [c.case_id for c in cases], [c.group for c in cases], point,
                                    outcome, [features[c.case_id] for c in cases], k=5, seed=0)
    cover80 = float(np.mean(covered(*central_interval(cv.samples, 0.8), outcome)))
    assert saved.provenance["out_of_fold"]["compromise"]["coverage"]["0.8"] == pytest.approx(cover80)
    assert f"{cover80:.0%}" in result.stdout
    blocked = tmp_path / "file"
    blocked.write_text("x")
    code, _, err = run(capsys, monkeypatch, "calibrate", str(table), "-o", str(blocked / "cal.json"))
    assert code == 1 and "Fix:" in err and "Traceback" not in err


def test_cli_backtest_draws_json_scores_the_core_predictives(tmp_path):
    from realpolitik.evaluate.calibration import case_features, cross_validate_calibration
    from realpolitik.evaluate.dataset import read_table
    from realpolitik.evaluate.probabilistic import calibrated_predictive, monte_carlo_predictive, score_all
    from realpolitik.models.specs import build_model

    table = synthetic_table(tmp_path / "t.csv")
    result = runner.invoke(app, ["backtest", str(table), "-m", "compromise", "--draws", "12", "--bootstrap", "200",
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["config"]["draws"] == 12 and doc["config"]["calibration"]["mode"].startswith("out of fold")
    by_label = {p["model"]: p for p in doc["probabilistic"]}
    cases = read_table(table)
    mc = monte_carlo_predictive(cases, build_model("compromise"), 12, 0)
    features = case_features(cases)
    point = np.array([float(c.scenario.arrays(c.issue).position.mean()) for c in cases])
    cv = cross_validate_calibration("compromise", [c.case_id for c in cases], [c.group for c in cases], point,
                                    np.array([c.outcome for c in cases]), [features[c.case_id] for c in cases],
                                    k=5, seed=0)
    raw, calibrated = score_all([mc, calibrated_predictive(cv, cases)], n_boot=200, seed=0)
    assert by_label["compromise"]["crps"]["value"] == pytest.approx(raw.crps.value)
    assert by_label["compromise"]["pit_counts"] == raw.pit_counts
    label = "compromise + calibration (5-fold grouped CV)"
    assert by_label[label]["coverage"]["0.8"]["value"] == pytest.approx(calibrated.coverage[0.8].value)
    assert by_label[label]["crps"]["low"] == pytest.approx(calibrated.crps.low)


def test_backtest_scores_the_ensemble_only_out_of_fold(tmp_path):
    from realpolitik.evaluate.dataset import read_table
    from realpolitik.evaluate.harness import run_backtest as run_cases
    from realpolitik.evaluate.stacking import cross_validate_weights
    from realpolitik.pipeline.stacked import member_models

    table = synthetic_table(tmp_path / "t.csv")
    run = realpolitik.run_backtest(table, ["compromise", "ensemble"], bootstrap=200)
    labels = run.result.labels
    assert "ensemble" not in labels and "ensemble (5-fold grouped CV stacking)" in labels
    assert "out of fold" in run.config["ensemble"]
    cases = read_table(table)
    members = member_models()
    points = run_cases(cases, members)
    from realpolitik.evaluate.harness import model_label

    matrix = np.array([points.scored(model_label(m))["prediction"].to_numpy() for m in members])
    expected = cross_validate_weights(matrix, np.array([c.outcome for c in cases]), [c.group for c in cases], 5, 0)
    got = run.result.scored("ensemble (5-fold grouped CV stacking)")["prediction"].to_numpy()
    assert got == pytest.approx(expected.predictions)
    # the honest comparison recorded beside it: in each fold the member with the lowest training MAE
    y = np.array([c.outcome for c in cases])
    picks = [int(np.argmin(np.abs(matrix[:, expected.folds != f] - y[expected.folds != f]).mean(axis=1)))
             for f in range(5)]
    single = np.array([matrix[picks[f], i] for i, f in enumerate(expected.folds)])
    best = run.config["ensemble_cv"]["best_single_member_chosen_in_fold"]
    assert best["mae_out_of_fold"] == pytest.approx(np.abs(single - y).mean())
    # without cross-validation the default models leave it out; asked for with --cv 0 it is flagged in sample
    assert "ensemble" not in [s.name for s in realpolitik.pipeline.backtest.default_specs(0)]
    flagged = realpolitik.run_backtest(table, ["ensemble"], cv=0, bootstrap=200)
    assert "in sample" in flagged.config["ensemble"]


def test_ensemble_in_whatif_and_on_the_dashboard(tmp_path):
    from fastapi.testclient import TestClient

    from realpolitik.web.app import create_app

    weights = tmp_path / "w.json"
    members = [{"spec": "compromise", "weight": 0.25}, {"spec": "mean", "weight": 0.75}]
    weights.write_text(json.dumps({"schema": "realpolitik.ensemble/1", "members": members}))
    # what-if: scale beta's salience on border by 0.5. Compromise weights c·s: 0.5, 1.5, 0.5 → (5 + 135 + 20)/2.5 =
    # 64; mean of positions (10 + 90 + 40)/3 = 46.667; ensemble 0.25·64 + 0.75·46.667 = 51.0.
    scenario = _scenario_file(tmp_path)
    result = runner.invoke(app, ["whatif", str(scenario), "-m", f"ensemble:weights={weights}", "--scale",
                                 "beta.salience[border]=0.5", "--format", "json"])
    assert result.exit_code == 0, result.output
    row = next(r for r in json.loads(result.stdout)["comparisons"] if r["issue"] == "border")
    assert row["edited"] == pytest.approx(0.25 * 64 + 0.75 * 140 / 3)
    # the dashboard runs the shipped ensemble; its outcome is the shipped weights over the members' own forecasts
    shipped = json.loads((realpolitik.models.ensemble.SHIPPED).read_text())
    specs = [m["spec"] for m in shipped["members"] if m["weight"] > 0]
    members = realpolitik.forecast(mini(), specs, seed=7)
    expected = sum(m["weight"] * members.forecasts[specs.index(m["spec"])].outcome("trade")
                   for m in shipped["members"] if m["weight"] > 0)
    with TestClient(create_app(f"sqlite:///{tmp_path / 'web.db'}"), base_url="http://localhost") as client:
        assert client.post("/api/scenarios", json=doc()).status_code == 201
        run = client.post("/api/runs", json={"scenario": "mini", "models": [{"name": "ensemble"}]}).json()
    record = next(r for r in run["results"]["forecast"]["forecasts"] if r["issue"] == "trade")
    assert record["outcome"] == pytest.approx(expected)


def test_web_run_page_shows_the_pipeline_calibration(tmp_path):
    from fastapi.testclient import TestClient

    from realpolitik.web.app import create_app

    with TestClient(create_app(f"sqlite:///{tmp_path / 'web.db'}"), base_url="http://localhost") as client:
        assert client.post("/api/scenarios", json=doc()).status_code == 201
        run = client.post("/api/runs", json={"scenario": "mini", "models": [{"name": "compromise"}],
                                             "calibration": "shipped", "events": ["border>=60"]}).json()
        page = client.get(f"/runs/{run['id']}").text
        off = client.post("/scenarios/mini/runs", data={"models": ["compromise"], "calibration": "none"},
                          follow_redirects=True).text
        bad = client.post("/api/runs", json={"scenario": "mini", "models": [{"name": "compromise"}],
                                             "calibration": "/etc/passwd"})
    section = run["results"]["forecast"]["calibration"]
    api = realpolitik.forecast(mini(), "compromise", seed=run["seed"], calibration="shipped",
                               events=["border>=60"]).to_dict()["calibration"]
    assert section == json.loads(json.dumps(api))
    (entry,) = section["models"]
    border = entry["issues"][0]
    low, high = interval(border, 0.8)
    assert 'id="calibration"' in page and "deu_dev" in page and "does <b>not</b> apply" in page
    assert f"{low:.1f}–{high:.1f}" in page and "decision rule bargaining" in page
    assert f"{entry['events'][0]['probability']:.3f}" in page
    assert "No calibration (raw figures only)." in off
    assert bad.status_code == 422


def test_the_table_says_once_which_models_the_calibration_does_not_apply_to():
    # the built-in scenario's decision rules (force, bargaining) are outside DEU's: one statement, reasons grouped
    import io

    from rich.console import Console

    from realpolitik.cli.render_calibration import print_calibration

    section = realpolitik.forecast("south-caucasus-2020", ["compromise", "nash"]).to_dict()["calibration"]
    console = Console(file=io.StringIO(), width=200, color_system=None)
    print_calibration(console, section)
    text = console.file.getvalue()
    assert text.count("does NOT apply") == 1 and "does NOT apply to compromise, nash:" in text
    assert text.count("karabakh: decision rule force; the calibration saw qualified_majority, unanimity") == 1


def test_models_the_calibration_does_not_know_share_one_line():
    import io

    from rich.console import Console

    from realpolitik.cli.render_calibration import print_calibration

    section = realpolitik.forecast("south-caucasus-2020", ["bdm", "wartrap"]).to_dict()["calibration"]
    console = Console(file=io.StringIO(), width=300, color_system=None)
    print_calibration(console, section)
    text = console.file.getvalue()
    assert "bdm, wartrap:" in text and text.count("has none of these models") == 1
