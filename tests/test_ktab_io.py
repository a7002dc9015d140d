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
    ("S,d,x,1\nActor,Description,Influence,P,S\n", "not whole numbers"),
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
