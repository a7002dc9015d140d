"""File formats: TOML and JSON round trips are lossless; the CSV single-issue table imports with clear errors."""

from __future__ import annotations

import datetime as dt

import pytest

from realpolitik.errors import RealpolitikError, ScenarioError
from realpolitik.scenario.io import (
    dumps_json,
    dumps_toml,
    load_scenario,
    parse_json,
    parse_text,
    parse_toml,
    save_scenario,
)
from realpolitik.scenario.model import Actor, CapabilityComponent, Issue, Relation, Scenario, Source, Stance

RICH = Scenario(
    id="rich", title="Every field used", version="3", as_of=dt.date(2020, 9, 1), description="All fields.", seed=7,
    sources=(Source(id="wb", citation="World Bank WDI", url="https://example.org/wdi", published=dt.date(2020, 7, 1),
                    accessed=dt.date(2020, 9, 1), quote="GDP 48.17", reliability="A"),),
    actors=(
        Actor(id="az", name="Azerbaijan", kind="state", capability=0.5, capability_measure="GDP share",
              components=(CapabilityComponent(name="gdp", value=48.17, unit="US$ bn", year=2019, source="wb"),),
              notes="Caspian oil.", sources=("wb",)),
        Actor(id="am", name="Armenia", kind="state", capability=0.25),
        Actor(id="lobby", name="Armenian lobby", kind="faction", capability=0.0),
    ),
    issues=(Issue(id="nk", name="Karabakh", low="line holds", high="full control", status_quo=0.0,
                  decision_rule="force", description="Central issue."),),
    stances=(
        Stance(actor="az", issue="nk", position=100.0, salience=1.0, justification="stated aim", source="wb"),
        Stance(actor="am", issue="nk", position=0.0, salience=1.0),
        Stance(actor="lobby", issue="nk", position=0.1234567890123, salience=0.3),
    ),
    relations=(Relation(kind="arms_supplier", source_actor="am", target="az", share=0.6, strength=0.5, note="n",
                        source="wb"),
               Relation(kind="hostility", source_actor="az", target="am", directed=False)),
)


def test_toml_round_trip_is_lossless():
    text = dumps_toml(RICH)
    again = parse_toml(text)
    assert again == RICH and dumps_toml(again) == text


def test_json_round_trip_is_lossless():
    text = dumps_json(RICH)
    assert parse_json(text) == RICH


def test_save_and_load_files(tmp_path):
    for name in ("s.toml", "s.json"):
        path = save_scenario(RICH, tmp_path / name)
        assert load_scenario(path) == RICH
    with pytest.raises(RealpolitikError, match="lose data"):
        save_scenario(RICH, tmp_path / "s.csv")


def test_scenario_is_immutable():
    with pytest.raises(Exception, match="frozen"):
        RICH.actors[0].capability = 2.0  # type: ignore[misc]


def test_fingerprint_tracks_content():
    assert parse_toml(dumps_toml(RICH)).fingerprint() == RICH.fingerprint()
    changed = RICH.model_copy(update={"title": "Other"})
    assert changed.fingerprint() != RICH.fingerprint()


CSV = """actor,capability,position,salience
Netherlands,0.08,4,0.8
Belgium,0.08,7,0.4
United Kingdom,0.16,10,0.9
"""


def test_csv_single_issue_import(tmp_path):
    path = tmp_path / "car-emissions.csv"
    path.write_text(CSV)
    scenario = load_scenario(path)
    assert scenario.id == "car-emissions" and [i.id for i in scenario.issues] == ["car-emissions"]
    arrays = scenario.arrays("car-emissions")
    assert arrays.actors == ("netherlands", "belgium", "united_kingdom")
    assert arrays.capability.tolist() == [0.08, 0.08, 0.16]
    assert arrays.position.tolist() == [4, 7, 10] and arrays.salience.tolist() == [0.8, 0.4, 0.9]
    assert scenario.actor("united_kingdom").name == "United Kingdom"


def test_csv_ids_keep_accented_letters():
    scenario = parse_text("actor,capability,position,salience\nÖsterreich,1,20,0.5\nCôte d'Ivoire,1,80,1\n", "csv")
    assert [a.id for a in scenario.actors] == ["osterreich", "cote_d_ivoire"]
    assert scenario.actors[0].name == "Österreich"


def test_csv_with_issue_column_and_column_order():
    text = "Issue,Salience,Position,Capability,Actor\ntax,0.5,20,1,A\ntax,1,80,2,B\ntrade,0.2,50,1,A\n"
    scenario = parse_text(text, "csv", issue=None)
    assert [i.id for i in scenario.issues] == ["tax", "trade"]
    assert len(scenario.stances_on("trade")) == 1


@pytest.mark.parametrize("text,needle,line", [
    ("actor,capability,position\nA,1,2\n", "missing column 'salience'", 1),
    ("actor,capability,position,salience,colour\nA,1,2,0.5,red\n", "unknown column 'colour'", 1),
    ("actor,capability,position,salience\nA,1,2,0.5\nB,one,2,0.5\n", "capability 'one' is not a number", 3),
    ("actor,capability,position,salience\nA,1,2,0.5\nB,1,2\n", "row has 3 cells", 3),
    ("actor,capability,position,salience\nA,1,2,0.5\nB,1,2,50\n", "salience", 3),
    ("actor,capability,position,salience\nA,1,2,0.5\nB,1,200,0.5\n", "between 0 and 100", 3),
    ("actor,capability,position,salience\nA,-1,2,0.5\n", "capability", 2),
    ("", "the CSV file is empty", None),
    ("actor,capability,position,salience\n", "no rows", 1),
    ("actor;capability;position;salience\nA;1;2;0.5\n", "does not use commas", 1),
    ("actor,capability,position,salience\n!!!,1,2,0.5\n", "no letters or digits", 2),
    ("actor,capability,position,salience\nUnited States,1,2,0.5\nunited states!,1,3,0.5\n", "both become the id", 3),
    ("issue,actor,capability,position,salience\nx,A,1,2,0.5\ny,A,2,2,0.5\n", "differs from 1.0", 3),
])
def test_csv_errors_name_row_and_fix(text, needle, line):
    with pytest.raises(ScenarioError) as info:
        parse_text(text, "csv", file="table.csv")
    message = str(info.value)
    assert needle in message and "table.csv" in message and "Fix:" in message
    if line is not None:
        assert info.value.problems[0].line == line
