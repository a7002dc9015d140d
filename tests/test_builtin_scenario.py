"""The built-in scenario south-caucasus-2020: it validates, is complete, and its figures match the fact base.

Capability figures are checked against ../shared/seed/FACTS.md read in place (its CSV block and tables), and the
composite is checked against a hand calculation of the documented formula:
capability = 100 * (GDP/G + MILEX/M + MILPER/P) / 3 over the nine sovereign states of the scenario.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import tomllib
from importlib.resources import files

import pytest

from realpolitik.scenario.model import Scenario
from tests.conftest import require_shared

SCENARIO_FILE = files("realpolitik") / "scenarios" / "south-caucasus-2020.toml"

ACTORS = {"turkey", "azerbaijan", "armenia", "artsakh", "russia", "usa", "nato", "eu", "israel", "iran", "france",
          "georgia"}
STATES = ("usa", "russia", "france", "turkey", "iran", "israel", "azerbaijan", "georgia", "armenia")
ISSUES = {"karabakh", "russian_presence", "turkish_role"}

# Totals over the nine states, added up by hand from FACTS.md §2a (GDP 2019 in US$ bn, SIPRI 2019 milex in US$ bn
# with Georgia's 2018 figure, COW 2016 milper in thousands):
# G = 21521.395 + 1693.115 + 2728.870 + 761.006 + 283.650 + 402.471 + 48.174 + 17.638 + 13.619 = 27469.938
# M = 732.0 + 65.1 + 50.1 + 20.4 + 12.6 + 20.5 + 1.927 + 0.317 + 0.667 = 903.611
# P = 1381 + 798 + 209 + 511 + 523 + 177 + 67 + 21 + 45 = 3732
G, M, P = 27469.938, 903.611, 3732.0
CSV_NAMES = {"usa": "USA", "russia": "Russia", "france": "France", "turkey": "Turkey", "iran": "Iran",
             "israel": "Israel", "azerbaijan": "Azerbaijan", "georgia": "Georgia", "armenia": "Armenia",
             "eu": "EU", "artsakh": "Nagorno-Karabakh"}


@pytest.fixture(scope="module")
def raw() -> dict:
    with SCENARIO_FILE.open("rb") as fh:
        return tomllib.load(fh)


@pytest.fixture(scope="module")
def scenario(raw: dict) -> Scenario:
    return Scenario.model_validate(raw)


@pytest.fixture(scope="module")
def facts() -> str:
    return require_shared("seed/FACTS.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def facts_csv(facts: str) -> dict[str, dict[str, str]]:
    block = facts.split("```csv", 1)[1].split("```", 1)[0]
    return {row["actor"]: row for row in csv.DictReader(io.StringIO(block.strip()))}


def component(scenario: Scenario, actor: str, name: str) -> float:
    matches = [c.value for c in scenario.actor(actor).components if c.name == name]
    assert len(matches) == 1, f"{actor} has {len(matches)} components named {name!r}"
    return matches[0]


# -- structure -------------------------------------------------------------------------------------------------


def test_file_is_shipped_in_the_package_and_validates(scenario: Scenario) -> None:
    assert SCENARIO_FILE.is_file()
    assert scenario.id == "south-caucasus-2020"
    assert scenario.as_of is not None and scenario.as_of <= dt.date(2020, 9, 27)


def test_all_twelve_actors_and_the_named_issues_exist(scenario: Scenario) -> None:
    assert {a.id for a in scenario.actors} == ACTORS
    assert ISSUES <= {i.id for i in scenario.issues}
    karabakh = scenario.issue("karabakh")
    assert karabakh.status_quo == 0
    assert "line of contact" in karabakh.low and "full Azerbaijani control" in karabakh.high


def test_every_issue_has_labelled_ends_and_several_stances(scenario: Scenario) -> None:
    for issue in scenario.issues:
        assert issue.low and issue.high and issue.description
        assert len(scenario.stances_on(issue.id)) >= 5, issue.id


def test_every_actor_has_a_stance_on_karabakh(scenario: Scenario) -> None:
    assert {s.actor for s in scenario.stances_on("karabakh")} == ACTORS


def test_every_stance_has_a_justification_and_a_declared_source(scenario: Scenario) -> None:
    known = {s.id for s in scenario.sources}
    for st in scenario.stances:
        assert st.justification and len(st.justification) > 40, (st.actor, st.issue)
        assert st.source in known, (st.actor, st.issue)


def test_every_relation_has_a_note_and_a_declared_source(scenario: Scenario) -> None:
    known = {s.id for s in scenario.sources}
    for rel in scenario.relations:
        assert rel.note and rel.source in known, (rel.kind, rel.source_actor, rel.target)


def test_every_capability_has_a_measure_and_sourced_components(scenario: Scenario) -> None:
    for actor in scenario.actors:
        assert actor.capability_measure and len(actor.capability_measure) > 40, actor.id
        names = {c.name for c in actor.components}
        assert {"GDP", "military expenditure", "active military personnel"} <= names, actor.id
        for comp in actor.components:
            assert comp.unit and comp.year is not None, (actor.id, comp.name)
            # a component without a source must be a documented zero (a bloc rule or a budget counted elsewhere)
            assert comp.source is not None or comp.value == 0, (actor.id, comp.name)


def test_every_source_is_declared_once_and_used(scenario: Scenario) -> None:
    used = {r for a in scenario.actors for r in a.sources}
    used |= {c.source for a in scenario.actors for c in a.components if c.source}
    used |= {s.source for s in scenario.stances} | {r.source for r in scenario.relations}
    assert {s.id for s in scenario.sources} == used


def test_no_source_postdates_the_as_of_date(scenario: Scenario) -> None:
    for src in scenario.sources:
        if src.published is not None:
            assert src.published <= scenario.as_of, src.id


def test_the_package_does_not_need_the_shared_folder() -> None:
    text = SCENARIO_FILE.read_text(encoding="utf-8")
    assert "../shared" not in text and "/work/" not in text


def test_justifications_survive_a_json_round_trip(scenario: Scenario) -> None:
    again = Scenario.model_validate(scenario.model_dump(mode="json", by_alias=True))
    assert again == scenario
    assert again.fingerprint() == scenario.fingerprint()


# -- figures against FACTS.md, read in place --------------------------------------------------------------------


@pytest.mark.parametrize("actor", [*STATES, "eu"])
def test_gdp_matches_the_fact_base(scenario: Scenario, facts_csv: dict, actor: str) -> None:
    expected_bn = float(facts_csv[CSV_NAMES[actor]]["gdp_2019_usd"]) / 1e9
    assert component(scenario, actor, "GDP") == pytest.approx(expected_bn, abs=0.0006)


@pytest.mark.parametrize("actor", STATES)
def test_personnel_matches_cow_2016_in_the_fact_base(scenario: Scenario, facts_csv: dict, actor: str) -> None:
    expected = float(facts_csv[CSV_NAMES[actor]]["cow_milper_2016_k"])
    assert component(scenario, actor, "active military personnel") == expected


@pytest.mark.parametrize("actor", ["usa", "russia", "france", "turkey", "iran", "israel"])
def test_sipri_2019_military_expenditure_matches_the_fact_base(scenario: Scenario, facts_csv: dict,
                                                               actor: str) -> None:
    row = facts_csv[CSV_NAMES[actor]]
    assert row["milex_basis"] == "SIPRI"
    assert component(scenario, actor, "military expenditure") == pytest.approx(float(row["milex_2019_usd"]) / 1e9)


@pytest.mark.parametrize("actor", ["azerbaijan", "armenia"])
def test_derived_military_expenditure_is_sipri_share_times_gdp(scenario: Scenario, facts_csv: dict,
                                                               actor: str) -> None:
    row = facts_csv[CSV_NAMES[actor]]
    share = float(re.search(r"SIPRI ([\d.]+)% GDP", row["milex_basis"]).group(1))
    assert component(scenario, actor, "military expenditure share of GDP") == share
    gdp = component(scenario, actor, "GDP")
    milex = component(scenario, actor, "military expenditure")
    assert milex == pytest.approx(share / 100 * gdp, abs=0.0006)
    assert milex == pytest.approx(float(row["milex_2019_usd"]) / 1e9, abs=0.0006)


def test_georgia_uses_the_sipri_2018_figure_of_the_fact_base(scenario: Scenario, facts: str) -> None:
    georgia_row = next(line for line in facts.splitlines() if line.startswith("| Georgia |"))
    millions = float(re.search(r"SIPRI 2018: (\d+) m", georgia_row).group(1))
    assert component(scenario, "georgia", "military expenditure") == pytest.approx(millions / 1000)
    assert next(c.year for c in scenario.actor("georgia").components if c.name == "military expenditure") == 2018


def test_karabakh_authorities_inputs_match_the_fact_base(scenario: Scenario, facts: str, facts_csv: dict) -> None:
    assert component(scenario, "artsakh", "population") * 1000 == float(facts_csv["Nagorno-Karabakh"]["pop_2019"])
    low, high = (float(x.replace(",", "")) / 1000 for x in re.search(r"([\d,]+)–([\d,]+) pre-2020", facts).groups())
    assert component(scenario, "artsakh", "active military personnel") == pytest.approx((low + high) / 2)
    # Armenia's GDP per capita, 2019: 13,619,290,539 US$ / 2,962,500 people = 4,597.2 US$
    armenia = facts_csv["Armenia"]
    per_capita = float(armenia["gdp_2019_usd"]) / float(armenia["pop_2019"])
    assert component(scenario, "artsakh", "GDP per capita of Armenia") == pytest.approx(per_capita, abs=0.5)
    # GDP estimate: 145,053 people x 4,597 US$ = 0.6668 US$ bn
    assert component(scenario, "artsakh", "GDP") == pytest.approx(145_053 * 4_597 / 1e9, abs=0.0006)
    assert component(scenario, "artsakh", "military expenditure") == 0


def test_arms_shares_match_the_sipri_figures_in_the_fact_base(scenario: Scenario, facts: str) -> None:
    az = re.search(r"\| Azerbaijan 2015–19 \| Israel (\d+)%, Russia (\d+)%", facts).groups()
    am = re.search(r"\| Armenia 2015–19[^|]*\| Russia (\d+)%", facts).group(1)
    tr = re.search(r"\| Azerbaijan 2014–18 \|[^|]*Turkey ([\d.]+)%", facts).group(1)
    shares = {(r.source_actor, r.target): r.share for r in scenario.relations if r.kind == "arms_supplier"}
    assert shares[("israel", "azerbaijan")] == pytest.approx(float(az[0]) / 100)
    assert shares[("russia", "azerbaijan")] == pytest.approx(float(az[1]) / 100)
    assert shares[("russia", "armenia")] == pytest.approx(float(am) / 100)
    assert shares[("turkey", "azerbaijan")] == pytest.approx(float(tr) / 100)


# -- the composite, by hand ----------------------------------------------------------------------------------------


def test_armenia_capability_by_hand(scenario: Scenario) -> None:
    # GDP share 13.619 / 27469.938 = 0.000496; milex share 0.667 / 903.611 = 0.000738;
    # personnel share 45 / 3732 = 0.012058; mean = 0.004431; x 100 = 0.4431
    assert scenario.actor("armenia").capability == pytest.approx(0.4431, abs=1e-4)


def test_azerbaijan_capability_by_hand(scenario: Scenario) -> None:
    # 48.174 / 27469.938 = 0.001754; 1.927 / 903.611 = 0.002133; 67 / 3732 = 0.017953; mean x 100 = 0.7280
    assert scenario.actor("azerbaijan").capability == pytest.approx(0.7280, abs=1e-4)


def test_bloc_capabilities_by_hand(scenario: Scenario) -> None:
    # EU: GDP only, 15694.05 / 27469.938 = 0.571317; / 3 x 100 = 19.044
    assert scenario.actor("eu").capability == pytest.approx(19.044, abs=1e-3)
    # NATO: milex 732.0 + 20.4 + 50.1 = 802.5 -> 0.888101; personnel 1381 + 511 + 209 = 2101 -> 0.562969;
    # (0 + 0.888101 + 0.562969) / 3 x 100 = 48.369
    assert component(scenario, "nato", "military expenditure") == pytest.approx(732.0 + 20.4 + 50.1)
    assert component(scenario, "nato", "active military personnel") == 1381 + 511 + 209
    assert scenario.actor("nato").capability == pytest.approx(48.369, abs=1e-3)


def test_every_capability_is_the_documented_composite_of_its_components(scenario: Scenario) -> None:
    totals = [sum(component(scenario, a, name) for a in STATES)
              for name in ("GDP", "military expenditure", "active military personnel")]
    assert totals == pytest.approx([G, M, P])
    for actor in scenario.actors:
        shares = [component(scenario, actor.id, "GDP") / G,
                  component(scenario, actor.id, "military expenditure") / M,
                  component(scenario, actor.id, "active military personnel") / P]
        assert actor.capability == pytest.approx(100 * sum(shares) / 3, abs=1e-4), actor.id


def test_the_nine_states_share_one_hundred(scenario: Scenario) -> None:
    assert sum(scenario.actor(a).capability for a in STATES) == pytest.approx(100, abs=1e-3)


# -- the documented stance rules --------------------------------------------------------------------------------


def test_midway_rule_for_actors_leaning_from_the_minsk_framework(scenario: Scenario) -> None:
    position = {s.actor: s.position for s in scenario.stances_on("karabakh")}
    framework, armenian_end, azerbaijani_end = 50, 0, 100
    assert position["russia"] == (framework + armenian_end) / 2  # the text: Russia favours Armenia
    assert position["iran"] == (framework + azerbaijani_end) / 2  # declared territorial integrity, peaceful means
    assert position["israel"] == (framework + azerbaijani_end) / 2  # arms to Azerbaijan, no declared aim
    for co_chair in ("usa", "france"):
        assert position[co_chair] == framework
