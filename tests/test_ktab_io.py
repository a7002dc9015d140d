"""KTAB scenario files: CSV and XML import (including the shipped files' quirks) and CSV export."""

from __future__ import annotations

import pytest

from realpolitik.errors import RealpolitikError, ScenarioError
from realpolitik.scenario.io import load_scenario
from realpolitik.scenario.ktab import (
    KTAB_DEFAULT_SEED,
    dumps_ktab_csv,
    ktab_xml_parameters,
    load_ktab_csv,
    load_ktab_xml,
    parse_ktab_csv,
    parse_ktab_xml,
)
from tests.conftest import require_shared


def inputs():
    return require_shared("cases/ktab/inputs")


def test_csv_values_as_in_the_file():
    # SOE-Pol-Comp.csv: 13 actors, 2 dimensions; XJ has influence 100, positions 30 and 20, saliences 24 and 48
    s = load_ktab_csv(inputs() / "SOE-Pol-Comp.csv")
    assert len(s.actors) == 13 and [i.name for i in s.issues] == ["Policy Position", "Competitive Position"]
    xj = s.actor("xj")
    assert xj.name == "XJ" and xj.notes == "Xi Jinping" and xj.capability == 100.0
    assert [(st.position, st.salience) for st in s.stances if st.actor == "xj"] == [(30.0, 0.24), (20.0, 0.48)]
    assert s.seed == KTAB_DEFAULT_SEED == 15455440707583219804


def test_csv_with_and_without_final_comma_agree():
    a = load_ktab_csv(inputs() / "dummyData_3Dim.csv")
    b = load_ktab_csv(inputs() / "dummyData_3Dim-no-final-comma.csv")
    assert a.actors == b.actors and a.stances == b.stances and len(a.issues) == 3


def test_csv_export_round_trips():
    for name in ("SOE-Policy.csv", "SOE-Pol-Comp.csv", "dummyData_6Dim.csv"):
        s = load_ktab_csv(inputs() / name)
        assert parse_ktab_csv(dumps_ktab_csv(s)) == s


def test_upstream_smp_example_has_an_empty_coordinate():
    with pytest.raises(ScenarioError) as err:
        load_ktab_xml(inputs() / "smpExample.xml")
    text = str(err.value)
    assert "smpExample.xml:32:" in text and "dCoord" in text and "Alice" in text and "empty" in text and "Fix:" in text


def test_xml_without_ideal_adjustment_defaults_to_identity():
    s = load_ktab_xml(inputs() / "dummyData_3Dim.xml")  # KTAB itself throws on this file
    assert s.ideal_adjustment == () and len(s.actors) == 7


def test_xml_scenario_parameters_and_accommodation():
    path = inputs() / "smpExample_fixed_det.xml"
    s = load_ktab_xml(path)
    assert s.seed == 3507583219545544127 and [a.name for a in s.actors] == ["Alice", "Bob", "Carol", "David", "Ellie"]
    pairs = {(e.actor, e.toward): e.weight for e in s.ideal_adjustment}
    assert pairs == {("alice", "alice"): 0.87, ("bob", "bob"): 0.75, ("bob", "alice"): 0.07,
                     ("carol", "carol"): 0.65, ("carol", "david"): 0.13, ("david", "david"): 0.57}
    params = ktab_xml_parameters(path)
    assert params["pce_model"] == "MarkovIncentive" and params["voting_rule"] == "PropCbc"
    assert ktab_xml_parameters(inputs() / "smpExample_fixed.xml")["state_transitions"] == "Stochastic"


def test_load_scenario_dispatches_ktab_files():
    assert load_scenario(inputs() / "SOE-Policy.csv").actor("xj").capability == 100.0
    assert len(load_scenario(inputs() / "smpExample_fixed_det.xml").ideal_adjustment) == 6


@pytest.mark.parametrize("text, needle", [
    ("S,d,3,1\nActor,Description,Influence,P,S\nA,a,1,50,50\nB,b,1,40,50\n", "declares 3 actors"),
    ("S,d,1,2\nActor,Description,Influence,P,S,Q,T\nA,a,1,50,60,40,50\n", "sum to 110"),
    ("S,d,1,1\nActor,Description,Influence,P,S\nA,a,big,50,50\n", "'big' is not a number"),
    ("S,d,x,1\nActor,Description,Influence,P,S\n", "not a whole number"),
])
def test_csv_errors_name_the_line_and_fix(text, needle):
    with pytest.raises(ScenarioError) as err:
        parse_ktab_csv(text, "f.csv")
    assert needle in str(err.value) and "f.csv:" in str(err.value) and "Fix:" in str(err.value)


def test_xml_errors():
    bad_pair = ("<Scenario><name>s</name><Dimensions><dName>d</dName></Dimensions><Actors><Actor><name>A</name>"
                "<capability>1</capability><Position><dCoord>5</dCoord></Position><Salience><dSal>5</dSal>"
                "</Salience></Actor></Actors>\n<IdealAdjustment><iaPair><adjustingIdeal>A</adjustingIdeal>"
                "<referencePos>Zed</referencePos><adjust>0.5</adjust></iaPair></IdealAdjustment></Scenario>")
    with pytest.raises(ScenarioError, match=r"f.xml:2: .*referencePos.*unknown actor 'Zed'"):
        parse_ktab_xml(bad_pair, "f.xml")
    with pytest.raises(ScenarioError, match="root element is not <Scenario>"):
        parse_ktab_xml("<Workbook/>", "f.xml")
    with pytest.raises(ScenarioError, match="malformed XML"):
        parse_ktab_xml("<Scenario>", "f.xml")


def test_export_refuses_what_ktab_csv_cannot_hold():
    s = load_ktab_xml(inputs() / "smpExample_fixed_det.xml")
    with pytest.raises(RealpolitikError, match="no ideal-adjustment matrix"):
        dumps_ktab_csv(s)


def test_xml_model_parameters_travel_with_the_scenario(tmp_path):
    from realpolitik.scenario.io import dumps_json, dumps_toml, parse_json, parse_toml

    s = load_scenario(inputs() / "smpExample_fixed.xml")
    # the file's <ModelParameters>: PCEModel MarkovIncentive, StateTransitions Stochastic, VotingRule PropCbc, ...
    assert s.model_params["smp"]["state_transitions"] == "Stochastic"
    assert s.model_params["smp"]["pce_model"] == "MarkovIncentive" and s.model_params["smp"]["voting_rule"] == "PropCbc"
    assert parse_toml(dumps_toml(s)).model_params == s.model_params == parse_json(dumps_json(s)).model_params
    assert "model_params" not in dumps_json(load_ktab_csv(inputs() / "SOE-Policy.csv"))  # empty: left out


@pytest.mark.parametrize("block, needle", [
    ({"smpp": {"voting_rule": "Prop"}}, "unknown model 'smpp' (did you mean 'smp'?)"),
    ({"smp": {"votingrule": "Prop"}}, "model 'smp' has no parameter 'votingrule' (did you mean 'voting_rule'?)"),
    ({"smp": {"voting_rule": "Proportional"}}, "'Proportional' is not a value of smp.voting_rule"),
])
def test_unknown_model_parameters_are_errors_with_a_fix(block, needle):
    from realpolitik.scenario.io import scenario_from_dict, to_document

    doc = {**to_document(load_ktab_csv(inputs() / "SOE-Policy.csv")), "model_params": block}
    with pytest.raises(ScenarioError) as exc:
        scenario_from_dict(doc, "x.json")
    assert needle in str(exc.value) and "model_params" in str(exc.value) and "Fix:" in str(exc.value)


def test_cli_exports_ktab_csv_that_reimports_to_the_same_forecast(capsys, monkeypatch, tmp_path):
    from realpolitik.models import get_model
    from tests.test_cli import run

    source = inputs() / "SOE-Pol-Comp.csv"
    target = tmp_path / "copy.csv"
    code, _, _ = run(capsys, monkeypatch, "scenario", "export", str(source), "-o", str(target))
    assert code == 0
    # KTAB's layout: row 1 name, description, 13 actors, 2 dimensions; XJ's row as in the source file
    rows = target.read_text().splitlines()
    assert rows[0].split(",")[2:] == ["13", "2"] and rows[1].startswith("Actor,Description,Influence")
    assert any(r.startswith("XJ,Xi Jinping,100,30,24,20,48") for r in rows)
    a, b = load_scenario(source), load_scenario(target)
    fa, fb = get_model("smp").run(a), get_model("smp").run(b)
    assert [i.outcome for i in fa.issues] == [i.outcome for i in fb.issues]
    assert [r.positions for r in fa.issues[0].rounds] == [r.positions for r in fb.issues[0].rounds]
    code, out, _ = run(capsys, monkeypatch, "scenario", "export", str(source), "-f", "ktab-csv")
    assert code == 0 and out.splitlines()[1:] == rows[1:]
    code, _, err = run(capsys, monkeypatch, "scenario", "export", str(inputs() / "smpExample_fixed.xml"), "-o",
                       str(tmp_path / "x.csv"))
    assert code == 1 and "ideal-adjustment" in err
