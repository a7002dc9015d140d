"""What-if edits on a hand-checked scenario, and clear errors for bad edits."""

from __future__ import annotations

import pytest

from realpolitik.errors import RealpolitikError
from realpolitik.models import get_model
from realpolitik.scenario.model import Scenario
from realpolitik.uncertainty.whatif import (
    CutArms,
    EditList,
    apply_edits,
    compare,
    parse_cut_arms,
    parse_drop,
    parse_edits,
    parse_scale,
    parse_set,
)

# alpha c=1, x=10, s=0.5; beta c=3, x=90, s=1; gamma c=2, x=50, s=0.5 on "border".
# Compromise weights c·s = 0.5, 3, 1: (0.5·10 + 3·90 + 1·50) / 4.5 = 325 / 4.5 = 72.222.
# "trade": only beta (x=60) and gamma (x=20) have stances.
DOC = {
    "id": "hand", "title": "Hand",
    "actors": [{"id": "alpha", "name": "A", "capability": 1.0}, {"id": "beta", "name": "B", "capability": 3.0},
               {"id": "gamma", "name": "G", "capability": 2.0}],
    "issues": [{"id": "border", "name": "Border", "low": "0", "high": "100"},
               {"id": "trade", "name": "Trade", "low": "0", "high": "100"}],
    "stances": [{"actor": "alpha", "issue": "border", "position": 10, "salience": 0.5},
                {"actor": "beta", "issue": "border", "position": 90, "salience": 1.0},
                {"actor": "gamma", "issue": "border", "position": 50, "salience": 0.5},
                {"actor": "beta", "issue": "trade", "position": 60, "salience": 0.5},
                {"actor": "gamma", "issue": "trade", "position": 20, "salience": 0.5}],
    "relations": [{"kind": "arms_supplier", "from": "gamma", "to": "beta", "share": 0.4},
                  {"kind": "arms_supplier", "from": "alpha", "to": "beta"},
                  {"kind": "alliance", "from": "alpha", "to": "gamma"}],
}


@pytest.fixture
def scenario() -> Scenario:
    return Scenario.model_validate(DOC)


def border(s: Scenario) -> float:
    return get_model("compromise").run(s).outcome("border")


def test_original(scenario):
    assert border(scenario) == pytest.approx(325 / 4.5)


@pytest.mark.parametrize("edit, expected", [
    # weights 1, 3, 1: (10 + 270 + 50) / 5 = 66
    ("--set alpha.salience[border]=1", 66.0),
    # beta c = 1.5: weights 0.5, 1.5, 1: (5 + 135 + 50) / 3 = 63.333
    ("--scale beta.capability=0.5", 190 / 3),
    # without gamma: (5 + 270) / 3.5 = 78.571
    ("--drop gamma", 275 / 3.5),
    # beta c = 3·(1 − 0.4) = 1.8: weights 0.5, 1.8, 1: (5 + 162 + 50) / 3.3 = 65.758
    ("--cut-arms gamma:beta", 217 / 3.3),
    # half the supply: beta c = 3·(1 − 0.5·0.4) = 2.4: (5 + 216 + 50) / 3.9 = 69.487
    ("--cut-arms gamma->beta=0.5", 271 / 3.9),
    # alpha x = 30 on every issue it has (border only): (15 + 270 + 50) / 4.5 = 74.444
    ("--set alpha.position=30", 335 / 4.5),
])
def test_each_edit_by_hand(scenario, edit, expected):
    flag, raw = edit.split(" ", 1)
    parsed = {"--set": parse_set, "--scale": parse_scale, "--drop": parse_drop, "--cut-arms": parse_cut_arms}[flag](raw)
    assert parsed.text().replace("->", ":") == edit.replace("->", ":")
    edited = apply_edits(scenario, [parsed])
    assert border(edited) == pytest.approx(expected)
    assert border(scenario) == pytest.approx(325 / 4.5)  # the original is untouched


def test_cut_arms_removes_or_reduces_the_relation(scenario):
    full = apply_edits(scenario, [CutArms(supplier="gamma", recipient="beta")])
    assert [(r.source_actor, r.target) for r in full.relations if r.kind == "arms_supplier"] == [("alpha", "beta")]
    half = apply_edits(scenario, [CutArms(supplier="gamma", recipient="beta", fraction=0.5)])
    assert half.relations[0].share == pytest.approx(0.2)


def test_drop_removes_stances_relations_and_orphaned_issues(scenario):
    edited = apply_edits(scenario, [parse_drop("gamma"), parse_drop("beta")])
    assert [a.id for a in edited.actors] == ["alpha"]
    assert [i.id for i in edited.issues] == ["border"] and edited.relations == ()
    rows = compare(scenario, edited, [get_model("mean")])
    by_issue = {r.issue: r for r in rows}
    assert by_issue["border"].edited == 10 and by_issue["border"].difference == pytest.approx(10 - 50)
    assert by_issue["trade"].edited is None and by_issue["trade"].difference is None


def test_edits_in_order_and_as_json_data(scenario):
    edits = parse_edits(sets=["beta.capability=6"], scales=["beta.capability=0.5"])
    assert border(apply_edits(scenario, edits)) == pytest.approx(325 / 4.5)  # 6 · 0.5 = 3: unchanged
    data = {"edits": [{"op": "set", "actor": "alpha", "field": "salience", "issue": "border", "value": 1.0},
                      {"op": "cut_arms", "supplier": "gamma", "recipient": "beta"}]}
    parsed = EditList.model_validate(data).edits
    # weights 1, 1.8, 1: (10 + 162 + 50) / 3.8 = 58.421
    assert border(apply_edits(scenario, parsed)) == pytest.approx(222 / 3.8)


@pytest.mark.parametrize("edit, message", [
    ("--set alfa.salience[border]=1", "unknown actor 'alfa' (did you mean 'alpha'?)"),
    ("--set alpha.salinece[border]=1", "unknown field 'salinece' (did you mean 'salience'?)"),
    ("--set alpha.salience[borderr]=1", "unknown issue 'borderr' (did you mean 'border'?)"),
    ("--set alpha.salience[border]=1.5", "salience[border] would be 1.5, outside 0-1"),
    ("--set alpha.position[border]=-5", "position[border] would be -5, outside 0-100"),
    ("--scale beta.salience=2", "salience[border] would be 2, outside 0-1"),
    ("--set alpha.capability[border]=2", "capability belongs to the actor"),
    ("--set alpha.position[trade]=5", "actor 'alpha' has no stance on issue 'trade'"),
    ("--scale beta.capability=-1", "factor must be a finite number"),
    ("--set alpha.capability=-1", "capability would be -1"),
    ("--cut-arms beta:gamma", "no arms_supplier relation from 'beta' to 'gamma'"),
    ("--cut-arms alpha:beta", "has no share"),
    ("--cut-arms gamma:beta=1.5", "fraction 1.5 is outside 0-1"),
    ("--drop zeta", "unknown actor 'zeta'"),
    ("--set alpha.salience", "cannot read --set"),
    ("--set alpha.salience=high", "'high' is not a number"),
    ("--cut-arms gamma", "cannot read --cut-arms"),
])
def test_bad_edits_give_clear_errors(scenario, edit, message):
    flag, raw = edit.split(" ", 1)
    parse = {"--set": parse_set, "--scale": parse_scale, "--drop": parse_drop, "--cut-arms": parse_cut_arms}[flag]
    with pytest.raises(RealpolitikError) as info:
        apply_edits(scenario, [parse(raw)])
    assert message in str(info.value) and "Fix:" in str(info.value)
