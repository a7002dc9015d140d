"""The SMP model behind the common interface: validation, forecast layout, reproducible stochastic runs, the
corrected (non-KTAB) behaviour, and --explain."""

from __future__ import annotations

import numpy as np
import pytest
from rich.console import Console

from realpolitik.cli.render_explain import render_explain
from realpolitik.errors import ModelError, RealpolitikError
from realpolitik.models import available, get_model
from realpolitik.scenario.ktab import ktab_xml_parameters, load_ktab_xml
from realpolitik.scenario.model import Scenario
from tests.conftest import require_shared


def two_issue(salience_b: float = 0.3, with_stance: bool = True) -> Scenario:
    stances = [
        {"actor": "a", "issue": "x", "position": 0, "salience": 0.5},
        {"actor": "a", "issue": "y", "position": 100, "salience": 0.5},
        {"actor": "b", "issue": "x", "position": 100, "salience": 0.6},
        {"actor": "c", "issue": "x", "position": 40, "salience": 0.5},
        {"actor": "c", "issue": "y", "position": 40, "salience": 0.5},
    ]
    if with_stance:
        stances.append({"actor": "b", "issue": "y", "position": 0, "salience": salience_b})
    return Scenario.model_validate({
        "id": "t", "title": "t",
        "actors": [{"id": k, "name": k, "capability": c} for k, c in (("a", 1), ("b", 2), ("c", 1.5))],
        "issues": [{"id": i, "name": i, "low": "0", "high": "100"} for i in ("x", "y")],
        "stances": stances,
    })


def test_registered_with_ktab_defaults():
    assert "smp" in available()
    params = get_model("smp").get_params()
    assert params == {"victory_prob_model": "Linear", "pce_model": "Conditional", "state_transitions": "Deterministic",
                      "voting_rule": "Prop", "big_r_adjust": "OneThird", "big_r_range": "Mid",
                      "third_party_commit": "SemiCommit", "inter_vec_brgn": "S2P2", "bargn_model": "InitOnlyInterp",
                      "ktab_compat": True, "max_rounds": 100, "joint_space": "adapt"}
    with pytest.raises(RealpolitikError, match="voting_rule='Proportional' is not allowed"):
        get_model("smp", voting_rule="Proportional")


def test_saliences_summing_over_one_are_refused_in_strict_mode():
    with pytest.raises(ModelError, match=r"actor 'b' has saliences summing to 1\.100.*Fix: divide"):
        get_model("smp", joint_space="strict").run(two_issue(salience_b=0.5))
    # adapt divides b's saliences (0.6, 0.5) by 1.1 and says so
    f = get_model("smp").run(two_issue(salience_b=0.5))
    assert f.for_issue("x").diagnostics["rescaled_saliences"] == {"b": pytest.approx(1.1)}


def test_missing_stance_is_refused_in_strict_mode():
    with pytest.raises(ModelError, match=r"actor 'b' has no stance on issue 'y'.*Fix:"):
        get_model("smp", joint_space="strict").run(two_issue(with_stance=False))
    # adapt fills it at the c·s-weighted mean of the stated positions: (1·0.5·100 + 1.5·0.5·40)/(0.5 + 0.75) = 64
    f = get_model("smp").run(two_issue(with_stance=False))
    (filled,) = f.for_issue("x").diagnostics["filled_stances"]
    assert filled == {"actor": "b", "issue": "y", "position": pytest.approx(64.0), "salience": 0.0}
    assert f.for_issue("y").rounds[0].positions["b"] == pytest.approx(64.0)


def test_forecast_layout():
    f = get_model("smp").run(two_issue())
    x, y = f.for_issue("x"), f.for_issue("y")
    assert len(x.rounds) == len(y.rounds) == x.diagnostics["turns"] + 1
    assert x.rounds[0].positions == {"a": 0.0, "b": 100.0, "c": 40.0}
    assert x.rounds[0].extra["ideals"] == {"a": 0.0, "b": 100.0, "c": 40.0}  # ideals start at the positions
    assert y.rounds[1].extra["joint"] == "x" and "bargains" in x.rounds[1].extra
    final = x.diagnostics["final_positions"]
    assert sum(p["probability"] for p in final) == pytest.approx(1.0)
    # the outcome is the expected final position over unique positions
    assert f.outcome("y") == pytest.approx(sum(p["probability"] * p["position"][1] for p in final))
    assert 0.0 <= f.outcome("x") <= 100.0


def test_stochastic_runs_are_reproducible_with_the_seed():
    path = require_shared("cases/ktab/inputs") / "smpExample_fixed.xml"
    scenario = load_ktab_xml(path)
    model = get_model("smp", **ktab_xml_parameters(path))
    assert model.state_transitions == "Stochastic"
    first = model.run(scenario)
    assert model.run(scenario) == first
    others = [model.run(scenario, np.random.default_rng(s)) for s in (1, 2, 3)]
    assert any(o.to_records() != first.to_records() for o in others)


@pytest.mark.parametrize("bargn_model", ["InitOnlyInterp", "InitRcvrInterp", "PWCompInterp"])
def test_corrected_mode_runs_and_stays_in_range(bargn_model):
    path = require_shared("cases/ktab/inputs") / "smpExample_fixed_det.xml"
    params = {**ktab_xml_parameters(path), "bargn_model": bargn_model, "ktab_compat": False,
              "victory_prob_model": "Square"}
    f = get_model("smp", **params).run(load_ktab_xml(path))
    for issue in f.issues:
        coords = [v for r in issue.rounds for v in r.positions.values()]
        assert min(coords) >= 0.0 and max(coords) <= 100.0


def test_max_rounds_caps_turns():
    f = get_model("smp", max_rounds=1).run(two_issue())
    assert f.for_issue("x").stopped == "max_rounds" and len(f.for_issue("x").rounds) == 2


def test_explain_shows_challenges():
    path = require_shared("cases/ktab/inputs") / "smpExample_fixed_det.xml"
    model = get_model("smp", **ktab_xml_parameters(path))
    f = model.run(load_ktab_xml(path))
    console = Console(width=200, record=True)
    console.print(render_explain(model.explain(f.issues[0], 1)))
    text = console.export_text()
    # KTAB's log, turn 0: "actor 3 has most advantageous target 2 worth 0.432", Est by 3 of prob 0.7837
    assert "david" in text and "carol" in text and "0.784" in text and "+0.4318" in text
    assert model.explain(f.issues[1], 1) is None  # the joint detail is shown once, under the first issue
    assert model.explain(f.issues[0], 99) is None


# -- scenario model parameters (KTAB XML ModelParameters) -----------------------------------------------------


def test_xml_model_parameters_are_the_defaults_when_smp_runs_on_the_scenario():
    from realpolitik.models.selection import build_models
    from realpolitik.scenario.io import load_scenario
    from tests.ktab_reference import read_run

    path = require_shared("cases/ktab/inputs") / "smpExample_fixed_det.xml"
    scenario = load_scenario(path)
    # smpExample_fixed_det.xml's <ModelParameters>: MarkovIncentive, PropCbc, Deterministic (the rest KTAB's defaults)
    (model,) = build_models(["smp"], scenario=scenario)
    f = model.run(scenario)
    assert (f.params["pce_model"], f.params["voting_rule"], f.params["state_transitions"]) == (
        "MarkovIncentive", "PropCbc", "Deterministic")
    # with the file's parameters (and no --param) the run is KTAB's own reference run of this file
    ref = read_run(require_shared("cases/ktab/runs") / "smpExample_fixed_det_r1")
    first = f.issues[0]
    assert len(first.rounds) == ref.positions.shape[0]
    final = [first.rounds[-1].positions[a.id] for a in scenario.actors]
    assert np.allclose(final, ref.positions[-1, :, 0], atol=1e-9)
    # an explicit setting overrides the scenario's
    (explicit,) = build_models(["smp"], params=["voting_rule=Prop"], scenario=scenario)
    assert explicit.voting_rule == "Prop" and explicit.pce_model == "MarkovIncentive"


def test_cli_forecast_records_the_xml_parameters_that_ran(capsys, monkeypatch):
    import json

    from tests.test_cli import run

    folder = require_shared("cases/ktab/inputs")
    code, out, _ = run(capsys, monkeypatch, "forecast", str(folder / "smpExample_fixed.xml"), "-m", "smp", "-f", "json")
    params = json.loads(out)["forecasts"][0]["params"]
    assert code == 0 and params["state_transitions"] == "Stochastic" and params["voting_rule"] == "PropCbc"
    code, out, _ = run(capsys, monkeypatch, "forecast", str(folder / "smpExample_fixed.xml"), "-m", "smp", "-f",
                       "json", "-p", "state_transitions=Deterministic")
    det = json.loads(out)["forecasts"]
    code, out, _ = run(capsys, monkeypatch, "forecast", str(folder / "smpExample_fixed_det.xml"), "-m", "smp", "-f",
                       "json")
    same = json.loads(out)["forecasts"]
    assert det[0]["params"] == same[0]["params"] and [r["outcome"] for r in det] == [r["outcome"] for r in same]


# -- actors with zero salience everywhere --------------------------------------------------------------------


def _with_bystander(*, joint_space: str = "adapt", drop: bool = False):
    base = two_issue().model_dump(mode="json", by_alias=True, exclude={"model_params"})
    if not drop:
        base["actors"].append({"id": "z", "name": "z", "capability": 50})
        base["stances"] += [{"actor": "z", "issue": "x", "position": 90, "salience": 0},
                            {"actor": "z", "issue": "y", "position": 10, "salience": 0}]
    return get_model("smp", joint_space=joint_space).run(Scenario.model_validate(base))


def test_zero_salience_actor_is_left_out_under_adapt():
    with_z, without = _with_bystander(), _with_bystander(drop=True)
    first = with_z.issues[0]
    assert first.diagnostics["left_out"] == {"z": "zero salience on every issue"}
    assert [i.outcome for i in with_z.issues] == [i.outcome for i in without.issues]
    assert [r.positions for r in first.rounds] == [r.positions for r in without.issues[0].rounds]
    assert "z" not in first.rounds[0].positions


def test_zero_salience_actor_is_refused_under_strict():
    with pytest.raises(ModelError, match="'z' has zero salience on every issue.*joint_space=adapt"):
        _with_bystander(joint_space="strict")


# -- explain: the adopted bargain is named once, with both sides ---------------------------------------------


def test_explain_names_the_adopted_bargain_and_the_row_actors_side():
    path = require_shared("cases/ktab/inputs") / "smpExample_fixed_det.xml"
    model = get_model("smp", **ktab_xml_parameters(path))
    f = model.run(load_ktab_xml(path))
    console = Console(width=250, record=True)
    console.print(render_explain(model.explain(f.issues[0], 1)))
    lines = console.export_text().splitlines()
    # KTAB's log, turn 1: David's bargain with Carol (david→carol) is adopted by both; each moves to its own side
    david = next(line for line in lines if line.startswith("│ david"))
    carol = next(line for line in lines if line.startswith("│ carol"))
    assert "#3 david→carol" in david and "as initiator" in david
    assert "#3 david→carol" in carol and "as receiver" in carol
    assert any(line.startswith("│ #3") and "david" in line and "carol" in line for line in lines)
    assert "queue winner" not in console.export_text()
