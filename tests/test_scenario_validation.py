"""Every error a user can cause names the file, the line or field, the actor or issue, and the fix."""

from __future__ import annotations

import pytest

from realpolitik.errors import RealpolitikError, ScenarioError
from realpolitik.scenario.io import load_scenario, parse_text, parse_toml

GOOD = """\
id = "mini"
title = "Mini"

[[sources]]
id = "s1"
citation = "A source"

[[actors]]
id = "alpha"
name = "Alpha"
capability = 1.0

[[actors]]
id = "beta"
name = "Beta"
capability = 3.0

[[issues]]
id = "border"
name = "Border"
low = "no change"
high = "full change"

[[stances]]
actor = "alpha"
issue = "border"
position = 10.0
salience = 0.5
source = "s1"

[[stances]]
actor = "beta"
issue = "border"
position = 90.0
salience = 1.0

[[relations]]
kind = "alliance"
from = "alpha"
to = "beta"
"""


def error_of(text: str, fmt: str = "toml") -> ScenarioError:
    with pytest.raises(ScenarioError) as info:
        parse_text(text, fmt, file="case.toml" if fmt == "toml" else f"case.{fmt}")
    return info.value


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    hits = [k + 1 for k, line in enumerate(text.splitlines()) if needle in line]
    return hits[occurrence - 1]


def test_good_scenario_loads():
    scenario = parse_toml(GOOD)
    assert [a.id for a in scenario.actors] == ["alpha", "beta"]
    assert scenario.arrays("border").position.tolist() == [10.0, 90.0]


def test_unknown_actor_in_stance_names_line_issue_and_fix():
    text = GOOD.replace('actor = "beta"', 'actor = "betta"')
    err = error_of(text)
    message = str(err)
    assert "case.toml:" in message and "unknown actor 'betta'" in message and "did you mean 'beta'" in message
    assert "issue border" in message and "Fix:" in message
    assert err.problems[0].line == line_of(text, 'actor = "betta"')


def test_unknown_actor_in_relation():
    message = str(error_of(GOOD.replace('to = "beta"', 'to = "gamma"')))
    assert "relations[0].to" in message and "unknown actor 'gamma'" in message and "Fix:" in message


@pytest.mark.parametrize("old,new,what", [
    ('id = "beta"', 'id = "alpha"', "duplicate id 'alpha'"),
    ('citation = "A source"', 'citation = "A source"\n\n[[sources]]\nid = "s1"\ncitation = "again"',
     "duplicate id 's1'"),
])
def test_duplicate_ids(old, new, what):
    message = str(error_of(GOOD.replace(old, new, 1)))
    assert what in message and "Fix:" in message


def test_duplicate_issue_id():
    text = GOOD + '\n[[issues]]\nid = "border"\nname = "B"\nlow = "l"\nhigh = "h"\n'
    message = str(error_of(text))
    what = "duplicate id 'border'"
    assert what in message and "Fix:" in message


def test_duplicate_stance():
    text = GOOD + '\n[[stances]]\nactor = "beta"\nissue = "border"\nposition = 50\nsalience = 0.2\n'
    message = str(error_of(text))
    assert "second stance for actor 'beta' on issue 'border'" in message and "Fix:" in message


def test_position_out_of_range_names_actor_issue_line_and_fix():
    text = GOOD.replace("position = 90.0", "position = 120.0")
    err = error_of(text)
    message = str(err)
    assert "stances[1].position" in message and "actor beta, issue border" in message
    assert "between 0 and 100" in message
    assert err.problems[0].line == line_of(text, "position = 120.0")


def test_salience_out_of_range():
    message = str(error_of(GOOD.replace("salience = 1.0", "salience = 1.5")))
    assert "stances[1].salience" in message and "between 0 (indifferent) and 1" in message


@pytest.mark.parametrize("value,what", [("-2.0", "out of range"), ("nan", "number"), ("inf", "number")])
def test_negative_or_non_finite_capability(value, what):
    text = GOOD.replace("capability = 3.0", f"capability = {value}")
    err = error_of(text)
    message = str(err)
    assert "actors[1].capability" in message and "actor beta" in message and "Fix:" in message
    assert what in message
    assert err.problems[0].line == line_of(text, f"capability = {value}")


def test_issue_without_stances():
    text = GOOD + '\n[[issues]]\nid = "trade"\nname = "Trade"\nlow = "closed"\nhigh = "open"\n'
    message = str(error_of(text))
    assert "issue trade" in message and "no actor has a stance" in message and "Fix:" in message


def test_empty_scenario():
    message = str(error_of('id = "empty"\ntitle = "Empty"\n'))
    assert "actors" in message and "issues" in message and "Fix:" in message


def test_malformed_toml_names_the_line():
    text = GOOD.replace('name = "Alpha"', 'name = "Alpha')
    err = error_of(text)
    assert "case.toml" in str(err) and "malformed TOML" in str(err)
    assert err.problems[0].line == line_of(text, 'name = "Alpha')


def test_malformed_json_names_the_line():
    err = error_of('{\n  "id": "x",\n  "title": "X"\n  "actors": []\n}', "json")
    assert "malformed JSON" in str(err) and err.problems[0].line == 4


def test_wrong_types():
    message = str(error_of(GOOD.replace("capability = 3.0", 'capability = "big"')))
    assert "capability must be a number, got 'big'" in message
    message = str(error_of(GOOD.replace('[[actors]]\nid = "alpha"', '[[actors]]\nid = 7', 1)))
    assert "actors[0].id" in message


@pytest.mark.parametrize("old,new,field", [
    ("capability = 3.0", "capability = true", "capability"),
    ("position = 90.0", 'position = "90"', "position"),
    ("salience = 1.0", "salience = false", "salience"),
    ('kind = "alliance"', 'kind = "alliance"\nstrength = "high"', "strength"),
])
def test_wrong_types_are_errors_not_conversions(old, new, field):
    text = GOOD.replace(old, new, 1)
    err = error_of(text)
    assert f"{field} must be a number" in str(err) and "Fix:" in str(err)
    assert err.problems[0].line == line_of(text, new.splitlines()[-1])


def test_json_booleans_are_not_numbers():
    from realpolitik.scenario.io import dumps_json

    text = dumps_json(parse_toml(GOOD)).replace('"salience": 1.0', '"salience": true')
    assert "salience must be a number, got True" in str(error_of(text, "json"))


def test_json_error_line_with_nested_tables():
    # actors[0] carries a nested components table: the line of actors[1].capability must still be right
    from realpolitik.scenario.io import dumps_json

    with_components = GOOD.replace('capability = 1.0', 'capability = 1.0\n[[actors.components]]\nname = "gdp"\n'
                                   'value = 1.0\nunit = "US$ bn"', 1)
    text = dumps_json(parse_toml(with_components)).replace('"capability": 3.0', '"capability": -3.0')
    err = error_of(text, "json")
    assert "actors[1].capability" in str(err) and err.problems[0].line == line_of(text, '"capability": -3.0')


def test_folder_instead_of_file(tmp_path):
    folder = tmp_path / "scenario.toml"
    folder.mkdir()
    for path in (folder, tmp_path):
        with pytest.raises(RealpolitikError, match="is a folder, not a scenario file"):
            load_scenario(path)


def test_unknown_key_is_not_ignored():
    text = GOOD.replace("salience = 0.5", "salince = 0.5")
    err = error_of(text)
    message = str(err)
    assert "unknown key 'salince'" in message and "did you mean 'salience'" in message
    assert "required key 'salience' is missing" in message
    assert err.problems[0].line in {line_of(text, "salince"), line_of(text, "[[stances]]")}


def test_unknown_top_level_key():
    message = str(error_of("titel = 'x'\n" + GOOD))
    assert "unknown key 'titel'" in message and "did you mean 'title'" in message


def test_unknown_source_reference():
    message = str(error_of(GOOD.replace('source = "s1"', 'source = "s2"')))
    assert "unknown source 's2'" in message and "[[sources]]" in message


def test_bad_enum_and_bad_id():
    message = str(error_of(GOOD.replace('kind = "alliance"', 'kind = "friendship"')))
    assert "kind 'friendship' is not allowed" in message and "defence_pact" in message
    message = str(error_of(GOOD.replace('id = "alpha"', 'id = "Alpha Land"', 1)))
    assert "not a valid id" in message


def test_json_error_names_field_and_line():
    from realpolitik.scenario.io import dumps_json

    text = dumps_json(parse_toml(GOOD)).replace('"position": 90.0', '"position": 190.0')
    err = error_of(text, "json")
    assert "stances[1].position" in str(err) and err.problems[0].line == line_of(text, '"position": 190.0')


def test_missing_file_and_unknown_extension(tmp_path):
    with pytest.raises(RealpolitikError, match="no such scenario file"):
        load_scenario(tmp_path / "absent.toml")
    odd = tmp_path / "scenario.yaml"
    odd.write_text("x: 1")
    with pytest.raises(RealpolitikError, match=r"\*\.toml"):
        load_scenario(odd)


def test_non_utf8_file(tmp_path):
    path = tmp_path / "latin.toml"
    path.write_bytes(GOOD.replace("Alpha", "Alph\xe4").encode("latin-1"))
    with pytest.raises(RealpolitikError, match="not UTF-8"):
        load_scenario(path)


def test_error_survives_pickling():
    import pickle

    err = error_of(GOOD.replace("position = 90.0", "position = 120.0"))
    again = pickle.loads(pickle.dumps(err))
    assert str(again) == str(err) and again.problems == err.problems
