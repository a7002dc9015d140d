"""Import of Decide exchange-model input files (#A/#P/#M/#D rows), and the scenario's issue_links groups."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from realpolitik.errors import RealpolitikError, ScenarioError
from realpolitik.scenario import dumps_json, dumps_toml, load_scenario, parse_text
from realpolitik.scenario.decide import load_decide, parse_decide
from realpolitik.scenario.model import Scenario
from tests.conftest import require_shared

SMALL = """#O,Two parties and a budget,,,,
#A,Gov,Government,the cabinet,,
#A,Opp,Opposition,,,
#P,Tax,Tax rate,,,
#M,Tax,10,Low tax,,
#M,Tax,30,High tax,,
#P,Spend,Spending,,,
#/,actor,issue,position,salience,power
#D,Gov,Tax,25,0.8,2
#D,Opp,Tax,10,0.4,1
#D,Gov,Spend,70,0.3,2
#D,Opp,Spend,20,0.9,1
"""


def test_small_file_maps_scale_ids_and_power(tmp_path):
    path = tmp_path / "budget.csv"
    path.write_text(SMALL)
    s = load_decide(path)
    assert [a.id for a in s.actors] == ["gov", "opp"]
    assert s.actor("gov").name == "Government" and s.actor("gov").notes == "the cabinet"
    assert s.actor("gov").capability == 2 and s.actor("opp").capability == 1
    assert (s.issue("tax").low, s.issue("tax").high) == ("Low tax", "High tax")
    assert (s.issue("spend").low, s.issue("spend").high) == ("0", "100")
    # Tax scale 10-30: (25 − 10)·100/20 = 75
    assert {(st.actor, st.issue): st.position for st in s.stances} == {
        ("gov", "tax"): 75, ("opp", "tax"): 0, ("gov", "spend"): 70, ("opp", "spend"): 20}
    assert load_scenario(path) == s  # wired into the one loader by sniffing the #-keyed rows


def test_tab_separated_txt_and_percent_saliences(tmp_path):
    path = tmp_path / "sample.txt"
    path.write_text(SMALL.replace(",", "\t").replace("0.8", "80").replace("0.4", "40").replace("0.3", "30")
                    .replace("0.9", "90"))
    s = load_scenario(path)
    assert {(st.actor, st.issue): st.salience for st in s.stances}[("gov", "tax")] == pytest.approx(0.8)


def test_descending_scale_rows_are_accepted():
    s = parse_decide(SMALL.replace("#M,Tax,10,Low tax,,\n#M,Tax,30,High tax,,", "#M,Tax,30,High,,\n#M,Tax,10,Low,,"))
    assert s.issue("tax").low == "Low"


@pytest.mark.parametrize(("change", "message"), [
    (("#D,Opp,Tax,10,0.4,1", "#D,Nobody,Tax,10,0.4,1"), r":10: .*unknown actor 'Nobody'.*Fix: add an #A row"),
    (("#D,Opp,Tax,10,0.4,1", "#D,Opp,Tix,10,0.4,1"), r":10: .*unknown issue 'Tix'"),
    (("#D,Opp,Tax,10,0.4,1", "#D,Opp,Tax,5,0.4,1"), r":10: .*position 5 is outside the issue's scale \[10, 30\]"),
    (("#D,Opp,Tax,10,0.4,1", "#D,Opp,Tax,ten,0.4,1"), r":10: .*position 'ten' is not a number"),
    (("#D,Opp,Tax,10,0.4,1", "#D,Opp,Tax,10,0.4,3"),
     r":12: #D \(Opp on Spend\): power 1 differs from 3 on line 10.*Fix: give"),
    (("#D,Opp,Tax,10,0.4,1", "#D,Opp,Tax,10,0.4,-1"), r"power -1 is negative"),
    (("#D,Opp,Tax,10,0.4,1", "#D,Opp,Tax,10,,1"), r":10: .*needs actor, issue, position, salience, power"),
    (("#D,Opp,Tax,10,0.4,1", "#X,Opp,Tax,10,0.4,1"), r":10: .*unknown row key '#X'"),
    (("#A,Opp,Opposition,,,", "#A,GOV,Opposition,,,"), r":3: .*defined twice"),
    (("#D,Opp,Spend,20,0.9,1", "#D,Opp,Spend,20,190,1"), r"salience 190 is outside 0-100"),
])
def test_bad_rows_name_the_line_and_the_fix(change, message):
    with pytest.raises(ScenarioError, match=message):
        parse_decide(SMALL.replace(*change), "budget.csv")


def test_not_a_decide_file():
    with pytest.raises(ScenarioError, match="not a Decide input file"):
        parse_decide("actor,position\n", "x.csv")


def test_txt_that_is_not_decide(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello\n")
    with pytest.raises(RealpolitikError, match=r"\.txt scenario must be a Decide input file"):
        load_scenario(path)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_any_bytes_give_a_scenario_or_a_scenario_error(data):
    text = data.decode("utf-8", errors="replace")
    try:
        parse_decide("#A," + text, "fuzz.csv")
    except ScenarioError:
        pass


def test_every_decide_file_in_the_spec():
    """The five Decide files of shared/specs/exchange-model.md §14-§15 (read in place) import with their sizes."""
    import re

    text = (require_shared("specs") / "exchange-model.md").read_text()
    files = re.findall(r"```\n(#A.*?)```", text, re.S)
    sizes = [(len(s.actors), len(s.issues), len(s.stances)) for s in (parse_decide(f, "spec.csv") for f in files)]
    assert sizes == [(2, 2, 4), (4, 2, 8), (3, 2, 5), (3, 1, 3), (6, 4, 24)]


# -- issue_links -----------------------------------------------------------------------------------------------

LINKED = {"id": "l", "title": "t", "actors": [{"id": "a", "name": "A", "capability": 1}],
          "issues": [{"id": i, "name": i, "low": "0", "high": "100"} for i in ("p", "q", "r")],
          "stances": [{"actor": "a", "issue": i, "position": 50, "salience": 0.5} for i in ("p", "q", "r")],
          "issue_links": [{"id": "deal", "issues": ["p", "q"], "note": "one package"}]}


def test_issue_links_round_trip_toml_and_json():
    s = Scenario.model_validate(LINKED)
    assert parse_text(dumps_toml(s), "toml") == s
    assert parse_text(dumps_json(s), "json") == s
    plain = Scenario.model_validate({k: v for k, v in LINKED.items() if k != "issue_links"})
    assert "issue_links" not in dumps_json(plain)


@pytest.mark.parametrize(("links", "message"), [
    ([{"id": "deal", "issues": ["p", "x"]}], r"issue_links\[0\]\.issues\[1\].*unknown issue 'x'"),
    ([{"id": "deal", "issues": ["p", "p"]}], r"listed twice"),
    ([{"id": "deal", "issues": ["p"]}], r"issue_links\[0\]\.issues"),
    ([{"id": "d", "issues": ["p", "q"]}, {"id": "d", "issues": ["q", "r"]}], r"duplicate id 'd'"),
])
def test_bad_issue_links(links, message):
    text = dumps_json(Scenario.model_validate({k: v for k, v in LINKED.items() if k != "issue_links"}))
    import json

    doc = json.loads(text)
    doc["issue_links"] = links
    with pytest.raises(ScenarioError, match=message):
        parse_text(json.dumps(doc, indent=2), "json", "s.json")
