"""Input spreads: the documented example, quantile maps worked by hand, command-line spreads, bad spreads."""

from __future__ import annotations

import numpy as np
import pytest

from realpolitik.errors import ScenarioError
from realpolitik.scenario.io import dumps_toml, parse_text
from realpolitik.scenario.spread import Spread, parse_spread
from realpolitik.uncertainty.draws import InputSpace
from tests.test_docs import code_blocks
from tests.test_scenario_validation import GOOD


def test_documented_example_declares_its_spreads_and_round_trips():
    (example,) = code_blocks("scenario-format.md", "toml")
    scenario = parse_text(example, "toml")
    assert scenario.uncertainty.position == Spread(plus_minus=10)
    assert scenario.actors[0].capability_spread == Spread(factor=1.2)
    assert scenario.stances[1].salience_spread.alternatives == (0.7,)
    assert parse_text(dumps_toml(scenario), "toml") == scenario
    space = InputSpace.of(scenario)
    by_label = {i.label: i.spread.describe() for i in space.inputs}
    # own spreads win over the defaults; b's capability takes the ×/÷1.5 default
    assert by_label == {"a.capability": "×/÷1.2", "b.capability": "×/÷1.5", "a.position[border]": "sd 5",
                        "b.position[border]": "±10", "a.salience[border]": "sd 0.05",
                        "b.salience[border]": "one of [0.7] or the coded value"}


def test_quantile_maps_by_hand():
    u = np.array([0.0, 0.25, 0.5, 0.975])
    assert Spread(plus_minus=10).quantile(50, u).tolist() == pytest.approx([40, 45, 50, 59.5])  # 50 + 10(2u − 1)
    # Φ⁻¹(0.25) = −0.67449, Φ⁻¹(0.975) = 1.95996
    assert Spread(sd=2).quantile(50, u[1:]).tolist() == pytest.approx([48.65102, 50, 53.91993], abs=1e-5)
    # 4·2^(2u − 1): 2, 2.828, 4, 7.73
    assert Spread(factor=2).quantile(4, u).tolist() == pytest.approx([2, 2 * 2**0.5, 4, 4 * 2**0.95])
    # sorted codings {40, 50, 60}: u < 1/3 → 40, < 2/3 → 50, else 60
    assert Spread(alternatives=(60, 40)).quantile(50, u).tolist() == [40, 40, 50, 60]
    assert Spread(sd=2).ends(50) == pytest.approx((50 - 3.919928, 50 + 3.919928))


def test_draws_are_clipped_to_the_scale():
    text = GOOD.replace("salience = 1.0", "salience = 1.0\nsalience_spread = { plus_minus = 0.5 }")
    space = InputSpace.of(parse_text(text, "toml"))
    assert space.labels == ["beta.salience[border]"]
    assert space.values(np.array([[0.0], [0.99]]))[:, 0].tolist() == pytest.approx([0.5, 1.0])
    assert space.scenario_at(np.array([0.75])).stances[1].salience == 0.75


@pytest.mark.parametrize("text, field, expected", [
    ("10", "position", Spread(plus_minus=10)), ("±0.1", "salience", Spread(plus_minus=0.1)),
    ("sd:5", "position", Spread(sd=5)), ("x1.5", "capability", Spread(factor=1.5)),
    ("40|60", "position", Spread(alternatives=(40, 60))),
])
def test_command_line_spreads(text, field, expected):
    assert parse_spread(text, field) == expected


@pytest.mark.parametrize("spread, message", [
    ("{ plus_minus = 10, sd = 2 }", "exactly one of plus_minus, sd, factor, alternatives (got plus_minus, sd)"),
    ("{ }", "exactly one of"),
    ("{ sd = -1 }", "out of range"),
    ("{ factor = 1.5 }", "'factor' (×/÷) is for capabilities only, not position"),
    ("{ alternatives = [10, 120] }", "alternative position 120.0 is outside 0-100"),
    ("{ plus_mnus = 3 }", "unknown key 'plus_mnus' (did you mean 'plus_minus'?)"),
])
def test_bad_spreads_name_the_stance_and_the_fix(spread, message):
    text = GOOD.replace("position = 90.0", f"position = 90.0\nposition_spread = {spread}")
    with pytest.raises(ScenarioError) as info:
        parse_text(text, "toml", file="case.toml")
    assert message in str(info.value) and "actor beta, issue border" in str(info.value)
    assert "Fix:" in str(info.value)


def test_fast_draws_equal_fully_validated_draws():
    (example,) = code_blocks("scenario-format.md", "toml")
    space = InputSpace.of(parse_text(example, "toml"))
    rng = np.random.default_rng(0)
    for row in space.values(rng.random((20, len(space.inputs)))):
        fast, checked = space.scenario_at(row), space.scenario_at(row, validate=True)
        assert fast == checked and fast.fingerprint() == checked.fingerprint()
        assert fast.uncertainty is None and fast.actors[0].capability_spread is None
        assert fast.actor("a").capability == row[space.labels.index("a.capability")]
