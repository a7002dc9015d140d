"""Limits every loader checks before parsing, and one error type out of every loader for any bytes (issue 14)."""

from __future__ import annotations

import json

import pytest

from realpolitik.errors import ScenarioError
from realpolitik.scenario.builtins import builtin_text
from realpolitik.scenario.io import dumps, parse_json, parse_text, parse_toml, to_document
from realpolitik.scenario.limits import MAX_BYTES, MAX_CSV_FIELD, MAX_DEPTH, MAX_KEY_PARTS, MAX_TOML_ITEMS

BUILTIN = builtin_text("south-caucasus-2020")


def refused(text: str, fmt: str, needle: str) -> str:
    with pytest.raises(ScenarioError) as err:
        parse_text(text, fmt, file=f"up.{fmt}")
    message = str(err.value)
    assert needle in message and "Fix:" in message and f"up.{fmt}" in message, message
    return message


@pytest.mark.parametrize("fmt", ["toml", "json"])
def test_an_integer_of_5000_digits_is_refused_by_the_token_limit(fmt):
    text = "seed = " + "9" * 5000 if fmt == "toml" else '{"seed": ' + "9" * 5000 + "}"
    refused(text, fmt, "5,000 characters (the limit is 400)")  # was ValueError (int-string conversion limit)


@pytest.mark.parametrize("text", ["x = " + "[" * 1000 + "]" * 1000, "x = " + "{a = " * 1000 + "1" + "}" * 1000])
def test_toml_nested_1000_deep_is_refused_by_the_depth_limit(text):
    refused(text, "toml", f"nested more than {MAX_DEPTH} deep")  # was RecursionError


def test_json_nested_deeply_is_refused_by_the_depth_limit():
    refused("[" * 100_000 + "]" * 100_000, "json", f"nested more than {MAX_DEPTH} deep")


def test_a_csv_cell_over_the_field_limit_is_refused():
    text = "actor,capability,position,salience\n" + "a" * 140_000 + ",1,2,0.5\n"  # over csv's own 131,072
    refused(text, "csv", f"longer than {MAX_CSV_FIELD:,} characters")  # was _csv.Error
    ktab = "S,d,1,1\nActor,Description,Influence,P,S\n" + "a" * 140_000 + ",x,1,50,50\n"
    refused(ktab, "csv", f"longer than {MAX_CSV_FIELD:,} characters")


@pytest.mark.parametrize("count", ["inf", "1e300", "nan", "-1", "2.5", "10001"])
def test_a_ktab_actor_count_that_is_not_a_small_whole_number_is_refused(count):
    refused(f"S,d,{count},1\nActor,Description,Influence,P,S\na,x,1,50,50\n", "csv", "is not a whole number")


def test_a_toml_header_with_thousands_of_dots_is_refused_before_parsing():
    # tomllib builds a key of k parts in O(k²): 60,000 parts took 12 s before the limit.
    refused("[" + "x." * 60_000 + "x]\n", "toml", f"more than {MAX_KEY_PARTS} parts")
    refused("[" + '"x" . ' * 60_000 + "x]\n", "toml", f"more than {MAX_KEY_PARTS} parts")


@pytest.mark.parametrize("shape", ["[t{i}]\n", "k{i} = {i}\n", "[[a]]\nx={i}\n"])
def test_a_toml_file_of_many_items_is_refused_before_parsing(shape):
    text = "".join(shape.format(i=i) for i in range(MAX_TOML_ITEMS))
    refused(text, "toml", f"more than {MAX_TOML_ITEMS:,} items")


def test_text_over_the_size_limit_is_refused():
    refused('x = "' + "a" * MAX_BYTES + '"', "toml", "more than the limit of")


def test_the_builtin_scenario_is_far_inside_every_limit():
    assert parse_toml(BUILTIN).id == "south-caucasus-2020"


def test_json_duplicate_keys_are_refused_with_the_line():
    text = '{\n  "id": "a",\n  "title": "A",\n  "title": "B"\n}\n'
    message = refused(text, "json", "the key 'title' appears twice")
    assert "up.json:4:" in message


def test_nul_and_lone_surrogates_in_text_are_refused():
    doc = json.loads(dumps(parse_toml(BUILTIN), "json"))
    doc["title"] = "war\x00peace"
    refused(json.dumps(doc), "json", "NUL character")
    doc["title"] = "war\ud800"
    refused(json.dumps(doc), "json", "unpaired surrogate")


def test_a_scenario_seed_outside_0_to_2_64_is_refused():
    doc = to_document(parse_toml(BUILTIN))
    doc["seed"] = 2**64
    refused(json.dumps(doc), "json", "seed")
    doc["seed"] = 2**64 - 1  # KTAB's largest seed loads
    assert parse_json(json.dumps(doc)).seed == 2**64 - 1


def test_empty_alternatives_round_trip_through_toml():
    doc = to_document(parse_toml(BUILTIN))
    doc["stances"][0]["salience_spread"] = {"alternatives": []}
    scenario = parse_json(json.dumps(doc))
    again = parse_toml(dumps(scenario, "toml"))  # was `salience_spread = {}`, which does not load
    assert again.stances[0].salience_spread.alternatives == ()
    assert again == scenario


@pytest.mark.parametrize("text", ["\udcff", "x = 1\n\x00", "[a]\n[a]\n", "a = 1e999999", '{"a": 1e999999}'])
def test_odd_inputs_raise_only_the_projects_error(text):
    for fmt in ("toml", "json", "csv", "xml"):
        with pytest.raises(ScenarioError):
            parse_text(text, fmt)
