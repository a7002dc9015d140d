"""scenario_from_data: NMC capabilities as scenario actors with units, years and sources."""

from __future__ import annotations

import pytest

from realpolitik.data import scenario_from_data
from realpolitik.errors import RealpolitikError
from realpolitik.scenario.model import Scenario


def test_actors_carry_cinc_components_and_source(data):
    actors, sources = scenario_from_data(1920, ["USA", 20], data=data)
    usa, can = actors
    assert (usa.id, can.id, can.name) == ("usa", "can", "Canada")
    assert usa.capability == pytest.approx(0.289566, abs=5e-7)
    parts = {c.name: c for c in usa.components}
    # NMC 1920 for the USA: military personnel 343 thousand, total population 106,461 thousand
    assert parts["milper"].value == 343 and parts["tpop"].value == 106461
    assert parts["milex"].unit == "thousand US$ (current)" and parts["milex"].year == 1920
    assert {c.source for c in usa.components} == {sources[0].id} == {"cow-nmc-v7-0"}
    assert "Singer" in sources[0].citation and "v7.0" in sources[0].citation
    # before 1914 NMC military spending is in pounds sterling
    (uk,) = scenario_from_data(1900, ["UKG"], data=data).actors
    assert {c.name: c.unit for c in uk.components}["milex"] == "thousand GBP (current)"


def test_actors_drop_into_a_scenario(data):
    actors, sources = scenario_from_data(1920, ["usa", "Canada"], measure="milper", data=data)
    scenario = Scenario.model_validate({
        "id": "test", "title": "t", "sources": sources, "actors": actors,
        "issues": [{"id": "tariff", "name": "tariff", "low": "free trade", "high": "high tariff"}],
        "stances": [{"actor": a.id, "issue": "tariff", "position": 50, "salience": 1} for a in actors],
    })
    assert scenario.arrays("tariff").capability.tolist() == [343.0, 4.0]


def test_errors(data):
    with pytest.raises(RealpolitikError, match=r"year 2050 is outside COW NMC v7.0 \(1816-2022\)"):
        scenario_from_data(2050, ["USA"], data=data)
    with pytest.raises(RealpolitikError, match="unknown state 'Atlantis'"):
        scenario_from_data(1920, ["Atlantis"], data=data)
    with pytest.raises(RealpolitikError, match=r"no cinc for Canada \(ccode 20\) in 1900"):
        scenario_from_data(1900, ["CAN"], data=data)
    with pytest.raises(RealpolitikError, match="unknown capability measure 'gdp'"):
        scenario_from_data(1920, ["USA"], measure="gdp", data=data)


def _nmc_folder(tmp_path, stem: str):
    """A folder holding only a hand-made COW NMC CSV under the publisher's file name `stem` (USA 1816)."""
    (tmp_path / f"{stem}.csv").write_text(
        "stateabb,ccode,year,milex,milper,irst,pec,tpop,upop,cinc,version\n"
        "USA,2,1816,3823,17,80,254,8659,101,0.039697,2021\n")
    return tmp_path


def test_version_is_that_of_the_nmc_file_read(tmp_path, data):
    from realpolitik.data import data_dir

    isard = [r for r in data.roots if r.name == "isard"]
    # NMC-60-abridged.csv is COW NMC v6.0 (COW's file name), which ends in 2016
    (tmp_path / "six").mkdir()
    v6 = data_dir([_nmc_folder(tmp_path / "six", "NMC-60-abridged"), *isard])
    actors, sources = scenario_from_data(1816, ["USA"], data=v6)
    assert sources[0].id == "cow-nmc-v6-0" and "v6.0" in sources[0].citation and "v7.0" not in sources[0].citation
    assert {c.source for c in actors[0].components} == {"cow-nmc-v6-0"}
    with pytest.raises(RealpolitikError, match=r"year 2020 is outside COW NMC v6.0 \(1816-2016\)"):
        scenario_from_data(2020, ["USA"], data=v6)
    # the same layout named NMC-70-abridged.csv is v7.0
    (tmp_path / "seven").mkdir()
    v7 = data_dir([_nmc_folder(tmp_path / "seven", "NMC-70-abridged"), *isard])
    assert scenario_from_data(1816, ["USA"], data=v7).sources[0].id == "cow-nmc-v7-0"
