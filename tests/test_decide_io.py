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
    (("#D,Opp,Tax,10,0.4,1", "#D,Opp,Tax,10,,1"), r":10: #D \(Opp on Tax\): the salience field is empty"),
    (("#D,Opp,Tax,10,0.4,1", "#X,Opp,Tax,10,0.4,1"), r":10: .*unknown row key '#X'"),
    (("#A,Opp,Opposition,,,", "#A,GOV,Opposition,,,"), r":3: .*defined twice"),
    (("#D,Opp,Spend,20,0.9,1", "#D,Opp,Spend,20,190,1"), r"salience 190 is outside 0-100"),
])
def test_bad_rows_name_the_line_and_the_fix(change, message):
    with pytest.raises(ScenarioError, match=message):
        parse_decide(SMALL.replace(*change), "budget.csv")


def _write(tmp_path, text, name="budget.csv"):
    path = tmp_path / name
    path.write_text(text)
    return path


def _refusal(path, **options) -> str:
    with pytest.raises(ScenarioError) as caught:
        load_decide(path, **options)
    return str(caught.value)


# SMALL's lines: 9 Gov Tax, 10 Opp Tax, 11 Gov Spend, 12 Opp Spend (Spend has no #M rows: the default 0-100).
def test_saliences_on_two_scales_are_refused_with_line_actor_and_fix(tmp_path):
    path = _write(tmp_path, SMALL.replace("#D,Gov,Tax,25,0.8,2", "#D,Gov,Tax,25,80,2")
                  .replace("#D,Gov,Spend,70,0.3,2", "#D,Gov,Spend,70,30,2"))  # Opp's rows keep 0.4 and 0.9
    message = _refusal(path)
    assert "2 problems" in message
    assert (f"{path}:10: #D (Opp on Tax): salience 0.4 looks written on 0-1, but line 9 (Gov on Tax) has 80, so the "
            "file's saliences are read as 0-100, where 0.4 would mean 0.004. Fix: write every salience") in message
    assert f"{path}:12: #D (Opp on Spend): salience 0.9" in message and "--salience-scale percent" in message
    # The same numbers all on one scale import, and agree with the 0-1 file: 80/100 = 0.8, 40/100 = 0.4.
    one_scale = _write(tmp_path, SMALL.replace(",0.8,", ",80,").replace(",0.4,", ",40,").replace(",0.3,", ",30,")
                       .replace(",0.9,", ",90,"), "percent.csv")
    assert [s.salience for s in load_decide(one_scale).stances] == pytest.approx([0.8, 0.4, 0.3, 0.9])
    # Saying the file is on 0-100 takes 0.4 as meant: 0.4/100 = 0.004.
    saliences = {(s.actor, s.issue): s.salience for s in load_decide(path, "percent").stances}
    assert saliences == pytest.approx({("gov", "tax"): 0.8, ("opp", "tax"): 0.004, ("gov", "spend"): 0.3,
                                       ("opp", "spend"): 0.009})


def test_a_salience_of_zero_is_on_either_scale(tmp_path):
    path = _write(tmp_path, SMALL.replace(",0.8,", ",80,").replace(",0.4,", ",0,").replace(",0.3,", ",30,")
                  .replace(",0.9,", ",90,"))
    assert [s.salience for s in load_decide(path).stances] == pytest.approx([0.8, 0.0, 0.3, 0.9])


def test_positions_on_two_scales_within_one_issue_are_refused(tmp_path):
    path = _write(tmp_path, SMALL.replace("#D,Opp,Spend,20,0.9,1", "#D,Opp,Spend,0.2,0.9,1"))
    message = _refusal(path)
    assert (f"{path}:12: #D (Opp on Spend): position 0.2 looks written on 0-1, but issue 'Spend' is on 0-100 and "
            "line 11 (Gov) has 70. Fix: write the issue's positions on its scale (0.2 of 0-1 is 20 of "
            "0-100)") in message
    # kept as written when asked: 0.2 on 0-100 stays 0.2
    kept = load_decide(path, scale_check=False)
    assert {(s.actor, s.issue): s.position for s in kept.stances}[("opp", "spend")] == pytest.approx(0.2)


def test_an_issue_written_on_0_1_under_a_0_100_scale_is_refused(tmp_path):
    text = SMALL.replace("#D,Gov,Spend,70,", "#D,Gov,Spend,0.7,").replace("#D,Opp,Spend,20,", "#D,Opp,Spend,0.2,")
    message = _refusal(_write(tmp_path, text))
    assert ":11: #D (Gov on Spend): position 0.7 looks written on 0-1, but issue 'Spend' is on 0-100 and none of " \
           "its positions exceeds 1" in message
    assert "add the rows '#M,Spend,0' and '#M,Spend,1'" in message
    # Doing so maps them by hand: (0.7 − 0)·100/(1 − 0) = 70, 0.2 → 20.
    fixed = _write(tmp_path, text.replace("#P,Spend,Spending,,,", "#P,Spend,Spending,,,\n#M,Spend,0,,,\n#M,Spend,1,,,"),
                   "fixed.csv")
    positions = {(s.actor, s.issue): s.position for s in load_decide(fixed).stances}
    assert positions[("gov", "spend")] == pytest.approx(70) and positions[("opp", "spend")] == pytest.approx(20)


def test_small_positions_on_a_narrow_or_offset_scale_are_kept(tmp_path):
    # Spend on 0-10: 0.5 is a plausible half step, not a 0-1 value; it maps to 0.5·100/10 = 5.
    text = SMALL.replace("#P,Spend,Spending,,,", "#P,Spend,Spending,,,\n#M,Spend,0,,,\n#M,Spend,10,,,")
    text = text.replace("#D,Gov,Spend,70,", "#D,Gov,Spend,7,").replace("#D,Opp,Spend,20,", "#D,Opp,Spend,0.5,")
    positions = {(s.actor, s.issue): s.position for s in load_decide(_write(tmp_path, text)).stances}
    assert positions[("opp", "spend")] == pytest.approx(5) and positions[("gov", "spend")] == pytest.approx(70)


@pytest.mark.parametrize(("change", "message"), [
    (("#D,Opp,Tax,10,0.4,1", "#D,Opp,Tax,10,,,"),
     ":10: #D (Opp on Tax): the salience and power fields are empty; a #D row holds actor, issue, position, "
     "salience, power. Fix: fill in the salience and power, e.g. '#D,Opp,Tax,10,0.5,1'"),
    (("#D,Opp,Tax,10,0.4,1", "#D,Opp,Tax"), ":10: #D (Opp on Tax): the position, salience and power fields are empty"),
    (("#D,Opp,Tax,10,0.4,1", "#D,,Tax,10,0.4,1"), ":10: #D: the actor field is empty"),
    (("#M,Tax,30,High tax,,", "#M,Tax,,High tax,,"), ":6: #M: the value field is empty; a #M row holds issue, value. "
                                                    "Fix: fill in the value, e.g. '#M,Tax,0'"),
    (("#A,Opp,Opposition,,,", "#A,,Opposition,,,"), ":3: #A: the id field is empty"),
    (("#P,Spend,Spending,,,", "#P,,Spending,,,"), ":7: #P: the name field is empty"),
])
def test_an_empty_field_is_named_with_its_line_and_row_key(tmp_path, change, message):
    path = _write(tmp_path, SMALL.replace(*change))
    assert f"{path}{message}" in _refusal(path)


@pytest.mark.parametrize(("extra", "message"), [
    ("#A,Opp,Opposition again,,,", "#A (Opp): actor id 'Opp' is defined twice: lines 3 and 13"),
    ("#A,OPP,Opposition again,,,", "#A (OPP): actor id 'OPP' is defined twice (as 'Opp': the same id once "
                                   "lower-cased): lines 3 and 13"),
    ("#P,Tax,Tax again,,,", "#P (Tax): issue name 'Tax' is defined twice: lines 4 and 13"),
    ("#M,Tax,10.0,Low again,,", "#M (Tax): issue 'Tax' has the scale value 10 twice: lines 5 and 13"),
    ("#D,Opp,Tax,15,0.4,1", "#D (Opp on Tax): Opp on Tax has two #D rows: lines 10 and 13"),
])
def test_a_repeated_row_names_both_lines_and_the_key(tmp_path, extra, message):
    path = _write(tmp_path, SMALL + extra + "\n")
    assert f"{path}:13: {message}" in _refusal(path)


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
