"""Properties every variant of the expected-utility model must have, and its guards for degenerate input.

Random scenarios are drawn from seeded generators with continuous positions, so exact ties (which the documented
tie-break settles by actor order) have probability zero.
"""

from __future__ import annotations

import numpy as np
import pytest

from realpolitik.errors import ModelError, RealpolitikError
from realpolitik.models.bdm import simulate
from realpolitik.models.bdm_round import play_round
from realpolitik.models.bdm_settings import VARIANTS, resolve_settings

SEEDS = range(8)


def draw(seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(3, 14))
    return rng.uniform(0, 100, n), rng.uniform(0.1, 5, n), rng.uniform(0.05, 1, n)


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_one_actor_forecasts_its_position(variant):
    path = simulate([37.5], [2.0], [0.6], variant=variant)
    assert path.outcome == 37.5
    assert (path.stop_reason, path.stop_round) == ("agreement", 0)


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_all_positions_equal_forecasts_that_position(variant):
    path = simulate([62.0] * 5, [1, 2, 3, 4, 5], [0.2, 0.4, 0.6, 0.8, 1.0], variant=variant)
    assert path.outcome == 62.0 and path.stop_round == 0 and len(path.records) == 0


@pytest.mark.parametrize("variant", list(VARIANTS))
@pytest.mark.parametrize("seed", SEEDS)
def test_never_leaves_the_initial_range(variant, seed):
    x, c, s = draw(seed)
    path = simulate(x, c, s, variant=variant, stop_rule="fixed", max_rounds=25)
    low, high = x.min(), x.max()
    assert np.all(path.positions >= low - 1e-9) and np.all(path.positions <= high + 1e-9)
    for stat in path.stats.values():
        assert np.all((stat >= low - 1e-9) & (stat <= high + 1e-9))
    assert np.all(np.isfinite(np.array([r.risk for r in path.records])))


@pytest.mark.parametrize("variant", list(VARIANTS))
@pytest.mark.parametrize("seed", SEEDS)
def test_actor_order_does_not_matter(variant, seed):
    x, c, s = draw(seed)
    order = np.random.default_rng(100 + seed).permutation(x.size)
    plain = simulate(x, c, s, variant=variant, stop_rule="fixed", max_rounds=15)
    shuffled = simulate(x[order], c[order], s[order], variant=variant, stop_rule="fixed", max_rounds=15)
    assert shuffled.positions == pytest.approx(plain.positions[:, order], abs=1e-9)
    assert shuffled.outcome == pytest.approx(plain.outcome, abs=1e-9)


@pytest.mark.parametrize("variant", list(VARIANTS))
@pytest.mark.parametrize("seed", SEEDS)
def test_scaling_capabilities_changes_nothing(variant, seed):
    x, c, s = draw(seed)
    plain = simulate(x, c, s, variant=variant, stop_rule="fixed", max_rounds=15)
    scaled = simulate(x, c * 7.3e3, s, variant=variant, stop_rule="fixed", max_rounds=15)
    assert scaled.positions == pytest.approx(plain.positions, abs=1e-9)
    risk = np.array([r.risk for r in plain.records])
    assert np.array([r.risk for r in scaled.records]) == pytest.approx(risk, abs=1e-9)


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_zero_salience_and_zero_capability_actors_are_defined(variant):
    # Actor 1 has zero salience, actor 3 zero capability: they do not vote and never resist, but can be moved.
    x, c, s = [10.0, 40.0, 60.0, 90.0], [3.0, 2.0, 1.0, 0.0], [0.9, 0.0, 0.5, 0.7]
    path = simulate(x, c, s, variant=variant, stop_rule="fixed", max_rounds=20)
    assert np.all(np.isfinite(path.positions))
    assert path.stats["mean"][0] == pytest.approx((3 * 0.9 * 10 + 1 * 0.5 * 60) / (3 * 0.9 + 1 * 0.5))


def test_equal_security_levels_give_risk_neutral_actors():
    # Two identical actors at the ends: D_max = D_min, so R = 0 and r = 1 for both (no division by zero).
    result = play_round(np.array([0.0, 100.0]), np.ones(2), np.full(2, 0.5), 100.0, 0.0,
                        VARIANTS["scholz2011_paper"])
    assert result.danger[0] == result.danger[1]
    assert result.r.tolist() == [1.0, 1.0] and result.big_r.tolist() == [0.0, 0.0]


def test_every_weight_zero_is_a_model_error():
    with pytest.raises(ModelError, match="zero capability × salience"):
        simulate([10, 20], [0, 1], [1, 0])


@pytest.mark.parametrize("args, needle", [
    (([1, 2], [1], [0.5, 0.5]), "one of each per actor"),
    (([1, 2], [1, -1], [0.5, 0.5]), "negative"),
    (([1, 2], [1, 1], [0.5, 50]), "divide saliences"),
    (([1, float("nan")], [1, 1], [0.5, 0.5]), "finite"),
])
def test_bad_inputs_say_what_and_how_to_fix(args, needle):
    with pytest.raises(RealpolitikError, match=needle) as info:
        simulate(*args)
    assert "Fix:" in str(info.value)


def test_settings_are_validated_and_coerced_from_text():
    assert resolve_settings("masad2014", q="0.5", capitulation="false", max_rounds="7").q == 0.5
    with pytest.raises(RealpolitikError, match="unknown variant"):
        resolve_settings("bdm1985")
    with pytest.raises(RealpolitikError, match="probability='utility' is not allowed"):
        resolve_settings("scholz2011_paper", probability="utility")
    with pytest.raises(RealpolitikError, match="out of range"):
        resolve_settings("scholz2011_paper", q=1.5)
    with pytest.raises(RealpolitikError, match="delta='scale'"):
        simulate([0, 150], [1, 1], [1, 1], delta="scale")


def test_delta_choice_matters_and_scale_is_scale_free_in_p():
    # Δ only enters the utilities (P is a ratio of votes): on a 4-10 issue, Δ = 100 shrinks every d by 100/6.
    x, c, s = np.array([4.0, 7.0, 10.0]), np.array([1.0, 1.0, 2.0]), np.array([0.8, 0.4, 0.6])
    data = play_round(x, c, s, 6.0, 7.0, VARIANTS["scholz2011_paper"])
    scale = play_round(x, c, s, 100.0, 7.0, VARIANTS["scholz2011_paper"])
    assert scale.p == pytest.approx(data.p)
    assert not np.allclose(scale.eu_ij, data.eu_ij)


def test_status_quo_probability_below_one_uses_the_median_voter():
    # With Q < 1 the "no challenge" term depends on μ: moving μ changes E^i(U_ij) for Q = 0.5 but not for Q = 1.
    x, c, s = np.array([0.0, 50.0, 100.0]), np.array([1.0, 2.0, 1.0]), np.array([0.5, 0.5, 0.9])
    half = resolve_settings("scholz2011_paper", q=0.5, t=0.5)
    one = VARIANTS["scholz2011_paper"]
    assert not np.allclose(play_round(x, c, s, 100.0, 0.0, half).eu_ij, play_round(x, c, s, 100.0, 50.0, half).eu_ij)
    assert np.allclose(play_round(x, c, s, 100.0, 0.0, one).eu_ij, play_round(x, c, s, 100.0, 50.0, one).eu_ij)
