"""The registered `bdm` model behind the common interface: scenarios with several issues, the JSON document,
`--explain`, and the command line."""

from __future__ import annotations

import json

import numpy as np
import pytest
from rich.console import Console

from realpolitik.cli.render_explain import render_explain
from realpolitik.errors import RealpolitikError
from realpolitik.forecast import dumps, forecast_document
from realpolitik.models.bdm import simulate
from realpolitik.models.registry import get_model
from realpolitik.scenario.model import Scenario
from tests.conftest import require_shared
from tests.test_cli import run as run_cli

ACTORS = [("a", 3.0), ("b", 2.0), ("c", 1.0), ("d", 1.5)]
STANCES = {"trade": [(10, 0.9), (45, 0.3), (70, 0.6), (95, 0.8)], "border": [(80, 0.2), (20, 1.0), (55, 0.5), (0, 0.7)]}


def scenario(issues: dict = STANCES) -> Scenario:
    return Scenario.model_validate({
        "id": "two-issues", "title": "Two issues",
        "actors": [{"id": a, "name": a.upper(), "capability": c} for a, c in ACTORS],
        "issues": [{"id": i, "name": i, "low": "no", "high": "yes"} for i in issues],
        "stances": [{"actor": a, "issue": i, "position": x, "salience": s}
                    for i, rows in issues.items() for (a, _), (x, s) in zip(ACTORS, rows, strict=True)],
    })


def test_issues_are_forecast_independently():
    both = get_model("bdm").run(scenario())
    for issue in STANCES:
        alone = get_model("bdm").run(scenario({issue: STANCES[issue]})).for_issue(issue)
        assert both.for_issue(issue).outcome == alone.outcome
        assert [r.positions for r in both.for_issue(issue).rounds] == [r.positions for r in alone.rounds]


def test_forecast_carries_trajectory_moves_and_stop():
    item = get_model("bdm", variant="scholz2011_paper").run(scenario()).for_issue("trade")
    x = np.array([x for x, _ in STANCES["trade"]])
    c = np.array([c for _, c in ACTORS])
    s = np.array([s for _, s in STANCES["trade"]])
    path = simulate(x, c, s)
    assert item.outcome == path.stats["median_voter"][-1]
    assert item.stopped == f"{path.stop_reason} at round {path.stop_round}"
    assert len(item.rounds) == path.stop_round + 1
    first = item.rounds[1].extra
    assert set(first) >= {"risk_exponents", "moves", "mean", "weighted_median", "median_voter", "forecast"}
    for move in first["moves"]:
        assert set(move) == {"actor", "type", "toward", "eu_ij", "eu_ji", "from", "to"}
        assert item.rounds[1].positions[move["actor"]] == move["to"]
    document = json.loads(dumps(forecast_document("two-issues", "1", [get_model("bdm").run(scenario())])))
    assert document["forecasts"][0]["diagnostics"]["settings"]["probability"] == "paper"


def test_parameters_override_the_variant_and_are_checked():
    model = get_model("bdm", variant="masad2014", max_rounds=3, stop_rule="fixed")
    assert model.settings().selection == "max_sender_eu" and model.settings().max_rounds == 3
    assert len(model.run(scenario()).for_issue("trade").rounds) <= 4
    with pytest.raises(RealpolitikError, match="variant"):
        get_model("bdm", variant="nope")
    with pytest.raises(RealpolitikError, match="selection"):
        get_model("bdm", selection="random")


def test_explain_renders_moves_and_perspectives():
    model = get_model("bdm")
    item = model.run(scenario()).for_issue("trade")
    console = Console(record=True, width=200)
    console.print(render_explain(model.explain(item, 1)))
    text = console.export_text()
    for move in item.rounds[1].extra["moves"]:
        assert move["actor"] in text and move["type"] in text
    assert "quadrant" in text
    with pytest.raises(RealpolitikError, match="Fix"):
        model.explain(item, len(item.rounds))


@pytest.fixture
def car_emissions(tmp_path):
    """The BDM (1994) EC car-emissions inputs, written as a CSV scenario from the reference case at test time."""
    case = json.loads(require_shared("cases/bdm/eu_emissions_1994.json").read_text())
    rows = ["actor,capability,position,salience"]
    rows += [f"{a['name']},{a['capability']},{a['position']},{a['salience']}" for a in case["inputs"]["actors"]]
    path = tmp_path / "car-emissions.csv"
    path.write_text("\n".join(rows) + "\n")
    return path


def test_cli_json_reproduces_the_published_round_one(capsys, monkeypatch, car_emissions):
    """jmckib's Example.log (Scholz's program): round 1 Belgium compromises with France → 8.41593, Luxembourg
    loses to Belgium → 7, Ireland loses to Luxembourg → 4; the run goes 10 rounds."""
    code, out, _ = run_cli(capsys, monkeypatch, "forecast", str(car_emissions), "--model", "bdm",
                           "--variant", "scholz2011_published", "--format", "json")
    assert code == 0
    record = json.loads(out)["forecasts"][0]
    assert record["stopped"] == "max_rounds at round 10"
    moves = {m["actor"]: (m["type"], m["toward"], round(m["to"], 5)) for m in record["rounds"][1]["moves"]}
    assert moves == {"belgium": ("compromise", "france", 8.41593), "luxembourg": ("conflict_lose", "belgium", 7.0),
                     "ireland": ("conflict_lose", "luxembourg", 4.0)}


def test_cli_table_rounds_and_explain(capsys, monkeypatch, car_emissions):
    code, out, _ = run_cli(capsys, monkeypatch, "forecast", str(car_emissions), "--model", "bdm", "--rounds", "3",
                           "--param", "stop_rule=fixed", "--explain", "2")
    assert code == 0
    assert "stopped: max_rounds at round 3" in out
    assert "Round 2:" in out and "perspectives" in out
    code, _, err = run_cli(capsys, monkeypatch, "forecast", str(car_emissions), "--model", "bdm",
                           "--variant", "bdm2009")
    assert code == 1 and "unknown variant" in err and "Fix" in err


def test_docs_python_example_runs():
    """The Python example in docs/models/bdm.md runs as written (and its forecast lies within the positions)."""
    from tests.test_docs import code_blocks

    (example,) = code_blocks("models/bdm.md", "python")
    namespace: dict = {}
    exec(example, namespace)
    assert 4 <= namespace["path"].outcome <= 10 and namespace["path"].stop_reason in ("mean_shift", "agreement")


# The two-actor example of tests/test_bdm_worked_example.py (A: c=2, x=0, s=0.5; B: c=1, x=100, s=1; Δ = 100),
# worked by hand for scholz2011_published: P_A(B) = P_B(A) = 1/4, r_A = 0.5, r_B = 2.
# A: a = E^A(U_AB) = 1·(¼·2 + ¾·(−2)) + 0 + 0.828427 = −0.171573; b = E^A(U_BA) = 0.5·(−1) + 0.5·2 + 0.828427
#    = 1.328427 → a < 0 < b, b > |a|: A compromises with B and adopts it.
# B (r = 2, U_s = 2, U_f = −2, U_sq = 1): E^B(U_BA) = 0.5·(−1) + 0.5·2 − 1 = −0.5; E^B(U_AB) = 1·(−1) + 0 − 1 = −2
#    → both negative: stalemate, no offer.
TWO_ACTORS = "actor,capability,position,salience\na,2,0,0.5\nb,1,100,1\n"
HAND_PAIRS = {"actor": ["a", "b"], "other": ["b", "a"], "eu_ij": [-0.171572875, -0.5], "eu_ji": [1.328427125, -2.0],
              "quadrant": ["i compromises", "stalemate"], "offer": ["compromise", "none"], "adopted": [True, False]}


def assert_pairs(pairs, expected):
    assert {k: list(v) for k, v in pairs.items() if not k.startswith("eu")} == \
        {k: v for k, v in expected.items() if not k.startswith("eu")}
    for key in ("eu_ij", "eu_ji"):
        assert list(pairs[key]) == pytest.approx(expected[key], abs=1e-8)


@pytest.fixture
def two_actors(tmp_path):
    path = tmp_path / "two.csv"
    path.write_text(TWO_ACTORS)
    return path


def test_perspective_columns_match_the_hand_worked_pairs(two_actors):
    from realpolitik.models.bdm_perspective import perspective
    from realpolitik.scenario.io import load_scenario

    item = get_model("bdm", variant="scholz2011_published").run(load_scenario(str(two_actors))).issues[0]
    view = perspective(item, 1)
    assert all(isinstance(column, np.ndarray) for column in view["pairs"].values())
    assert_pairs(view["pairs"], HAND_PAIRS)
    assert view["risk_exponents"] == pytest.approx({"a": 0.5, "b": 2.0})
    assert view["n_pairs"] == 2
    active = perspective(item, 1, active_only=True)["pairs"]  # B's row has no positive E and no adopted offer
    assert_pairs(active, {k: v[:1] for k, v in HAND_PAIRS.items()})


def test_json_carries_the_explained_round(capsys, monkeypatch, two_actors):
    code, out, _ = run_cli(capsys, monkeypatch, "forecast", str(two_actors), "-m", "bdm", "-m", "mean",
                           "--variant", "scholz2011_published", "--explain", "1", "-f", "json")
    assert code == 0
    records = {r["model"]: r for r in json.loads(out)["forecasts"]}
    explained = records["bdm"]["explain"]
    assert explained["round"] == 1 and explained["perceived_by"] == "receiver"
    assert_pairs(explained["pairs"], HAND_PAIRS)
    assert [(m["actor"], m["type"], m["toward"], round(m["to"], 5)) for m in explained["moves"]] == \
        [("a", "compromise", "b", 12.91549)]  # 100·0.171573/1.328427
    assert "explain" not in records["mean"]  # a one-shot model has nothing to explain
    code, out, _ = run_cli(capsys, monkeypatch, "forecast", str(two_actors), "-m", "bdm", "-f", "json")
    assert "explain" not in json.loads(out)["forecasts"][0]


def test_explain_round_is_checked_before_anything_is_printed(capsys, monkeypatch, two_actors):
    # paper variant: A loses the conflict and moves to 100 in round 1, so the run stops after round 1.
    code, out, err = run_cli(capsys, monkeypatch, "forecast", str(two_actors), "-m", "bdm", "--explain", "2")
    assert code == 1 and out == ""
    assert "--explain 2:" in err and "(bdm: round 1)" in err and "Fix" in err
    code, out, err = run_cli(capsys, monkeypatch, "forecast", str(two_actors), "-m", "bdm", "--explain", "0")
    assert code != 0 and out == ""
    code, out, err = run_cli(capsys, monkeypatch, "forecast", str(two_actors), "-m", "mean", "--explain", "1")
    assert code == 1 and out == "" and "explains its rounds" in err and "Fix" in err
    code, out, err = run_cli(capsys, monkeypatch, "forecast", str(two_actors), "-m", "bdm", "--explain", "1",
                             "-f", "csv")
    assert code == 1 and out == "" and "Fix" in err
    code, out, _ = run_cli(capsys, monkeypatch, "forecast", str(two_actors), "-m", "bdm", "--explain", "1")
    assert code == 0 and "Round 1:" in out


# masad2014 as the specification's §9 and its variant table define it (docs/models/bdm.md), then q overridden.
MASAD_WITH_Q = {"variant": "masad2014", "delta": "initial_range", "probability": "masad", "q": 0.5, "t": 1.0,
                "perspective": "sender", "capitulation": True, "selection": "max_sender_eu", "statistic": "mean",
                "stop_rule": "fixed", "tolerance": 0.001, "max_rounds": 4, "zero_tol": 0.0}


def test_json_params_hold_the_resolved_settings_and_reproduce_the_run(capsys, monkeypatch, car_emissions):
    code, out, _ = run_cli(capsys, monkeypatch, "forecast", str(car_emissions), "-m", "bdm", "--variant",
                           "masad2014", "--rounds", "4", "--param", "q=0.5", "-f", "json")
    assert code == 0
    record = json.loads(out)["forecasts"][0]
    assert record["params"] == MASAD_WITH_Q
    from realpolitik.scenario.io import load_scenario

    again = get_model("bdm", **record["params"]).run(load_scenario(str(car_emissions)))
    assert json.loads(dumps(forecast_document("x", "1", [again])))["forecasts"][0]["rounds"] == record["rounds"]
    assert get_model("bdm").resolved_params()["max_rounds"] == 100  # scholz2011_paper's preset
    assert get_model("bdm", variant="scholz2011_published").resolved_params()["probability"] == "code"


def test_default_tie_rule_is_exact_float_comparison_as_in_the_reference():
    """Two offers that move actor 0 (at 50) by 10 and by 10.00000000000001: exact comparison (SCS11's rule, spec §9)
    takes the strictly smaller move, actor 2's. A tolerance of 1e-12·Δ (Δ = 100) would call them tied and pass to
    the larger b, actor 1's offer: the old default's answer. The tolerance is opt-in (`zero_tol`)."""
    from realpolitik.models.bdm_round import CONFLICT_LOSE, NONE, select_offer
    from realpolitik.models.bdm_settings import BDMSettings

    x = np.array([50.0, 39.99999999999999, 60.0])
    assert abs(x[1] - x[0]) > abs(x[2] - x[0])  # 10.00000000000001 > 10 in floats
    kind = np.full((3, 3), NONE)
    kind[0, 1] = kind[0, 2] = CONFLICT_LOSE
    target = np.broadcast_to(x[None, :], (3, 3)).copy()
    a = np.full((3, 3), -0.5)
    b = np.zeros((3, 3))
    b[0, 1], b[0, 2] = 0.9, 0.1  # actor 1's offer has the larger b
    chosen = select_offer(x, kind, target, a, b, "min_move", 100.0, BDMSettings().zero_tol)
    assert chosen[0] == 2
    assert select_offer(x, kind, target, a, b, "min_move", 100.0, 1e-12)[0] == 1
