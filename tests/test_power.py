"""Power indices against hand-computed small games, a brute-force count written here, and published values."""

from __future__ import annotations

import datetime as dt
import itertools
from math import factorial

import numpy as np
import pytest

from realpolitik.errors import RealpolitikError
from realpolitik.evaluate.council import VOTES_1995, VOTES_NICE, council_game, regime_on
from realpolitik.evaluate.power import WeightedGame, banzhaf, banzhaf_counts, shapley_shubik


def test_eec6_council_1958_by_hand():
    # Weights 4,4,4,2,2,1, quota 12 of 17. Every sum of the others' weights is even, so Luxembourg (1) can never
    # turn 11 into 12: a null player. A big member swings the coalitions of the others worth 8..11:
    # {4,4}, {4,4,1}, {4,4,2}x2, {4,4,2,1}x2, {4,2,2}x2, {4,2,2,1}x2 = 10. Belgium swings those worth 10..11:
    # {4,4,2} and {4,4,2,1}, three choices of the two big members each = 6. Shapley-Shubik: 14/60 and 9/60.
    game = WeightedGame.quota([4, 4, 4, 2, 2, 1], 12)
    assert banzhaf_counts(game).tolist() == [10, 10, 10, 6, 6, 0]
    np.testing.assert_allclose(shapley_shubik(game), np.array([14, 14, 14, 9, 9, 0]) / 60)
    np.testing.assert_allclose(banzhaf(game), np.array([10, 10, 10, 6, 6, 0]) / 42)


def test_two_criteria_game_by_hand():
    # Votes 3,1,1,1; a coalition wins with >= 3 votes AND >= 2 members. Orders of entry (24): A first -> the
    # second player pivots (6 orders, 2 each for B, C, D); A second or third -> A pivots (12); A last -> the third
    # small player pivots ({B,C,D} has 3 votes; 6 orders, 2 each). SS = 1/2, 1/6, 1/6, 1/6.
    # Banzhaf: A swings every non-empty S of {B,C,D} except {B,C,D} itself = 6; B swings {A} and {C,D} = 2.
    game = WeightedGame.quota([3, 1, 1, 1], 3, min_members=2)
    np.testing.assert_allclose(shapley_shubik(game), [1 / 2, 1 / 6, 1 / 6, 1 / 6])
    assert banzhaf_counts(game).tolist() == [6, 2, 2, 2]


def test_dictator_and_unanimity():
    assert shapley_shubik(WeightedGame.quota([5, 1, 1], 5)).tolist() == [1.0, 0.0, 0.0]
    unanimity = council_game(regime_on(dt.date(1998, 1, 1)), "Unan", dt.date(1998, 1, 1))
    np.testing.assert_allclose(shapley_shubik(unanimity), np.full(15, 1 / 15))
    np.testing.assert_allclose(banzhaf(unanimity), np.full(15, 1 / 15))


def _brute_force(weights, wins):
    """Shapley-Shubik and raw Banzhaf by enumerating every coalition (an independent implementation)."""
    n = len(weights)
    ss, bz = np.zeros(n), np.zeros(n, dtype=int)
    for i in range(n):
        others = [j for j in range(n) if j != i]
        for k in range(n):
            for s in itertools.combinations(others, k):
                if not wins(s) and wins(s + (i,)):
                    bz[i] += 1
                    ss[i] += factorial(k) * factorial(n - k - 1) / factorial(n)
    return ss, bz


def test_eu15_qmv_against_brute_force_and_published_values():
    members = regime_on(dt.date(1998, 1, 1)).members
    weights = [VOTES_1995[m] for m in members]
    game = council_game(regime_on(dt.date(1998, 1, 1)), "QMV", dt.date(1998, 1, 1))
    ss, bz = _brute_force(weights, lambda s: sum(weights[j] for j in s) >= 62)
    np.testing.assert_allclose(shapley_shubik(game), ss, atol=1e-12)
    assert banzhaf_counts(game).tolist() == bz.tolist()
    # Shapley-Shubik shares of the EU-15 Council (62 of 87 votes) as reported in the voting-power literature
    # (e.g. Felsenthal & Machover 1998, The Measurement of Voting Power): 11.67% for a 10-vote member, 9.55% for
    # Spain, 5.52% (5 votes), 4.54% (4), 3.53% (3), 2.07% for Luxembourg.
    published = {"de": 11.67, "es": 9.55, "be": 5.52, "at": 4.54, "dk": 3.53, "lu": 2.07}
    index = dict(zip(members, shapley_shubik(game) * 100, strict=True))
    for member, value in published.items():
        assert index[member] == pytest.approx(value, abs=0.005)


def test_qmv10_member_clause_against_brute_force():
    members = regime_on(dt.date(1998, 1, 1)).members
    weights = [VOTES_1995[m] for m in members]
    game = council_game(regime_on(dt.date(1998, 1, 1)), "QMV(10)", dt.date(1998, 1, 1))
    ss, bz = _brute_force(weights, lambda s: sum(weights[j] for j in s) >= 62 and len(s) >= 10)
    np.testing.assert_allclose(shapley_shubik(game), ss, atol=1e-12)
    assert banzhaf_counts(game).tolist() == bz.tolist()


def test_nice_eu27_banzhaf_published():
    # Felsenthal & Machover (2001), "The Treaty of Nice and qualified majority voting", Social Choice and Welfare
    # 18: relative Banzhaf index of the EU-27 Council under Nice (255 of 345 votes, 14 members), in percent.
    # The two smallest classes (4 and 3 votes) are not compared: we do not hold their published figures to two
    # decimals with confidence.
    date = dt.date(2008, 1, 1)
    regime = regime_on(date)
    assert regime.name == "EU-27, Nice" and sum(regime.votes.values()) == 345
    index = dict(zip(regime.members, banzhaf(council_game(regime, "QMV", date)) * 100, strict=True))
    published = {29: 7.78, 27: 7.42, 14: 4.26, 13: 3.97, 12: 3.68, 10: 3.09, 7: 2.18}
    for member, value in index.items():
        if VOTES_NICE[member] in published:
            assert value == pytest.approx(published[VOTES_NICE[member]], abs=0.005), member


def test_lisbon_rule_against_brute_force():
    # A 10-member double-majority game with the blocking-minority clause, counted by enumeration.
    population = [80, 65, 60, 45, 38, 20, 17, 10, 5, 1]
    n = len(population)

    def wins(s):
        return (len(s) >= 6 and sum(population[j] for j in s) >= 0.65 * sum(population)) or len(s) >= n - 3

    def rule(size, sums):
        return ((size >= 6) & (sums[0] >= np.ceil(0.65 * sum(population)))) | (size >= n - 3)

    game = WeightedGame(np.array(population)[:, None], rule)
    ss, bz = _brute_force(population, wins)
    np.testing.assert_allclose(shapley_shubik(game), ss, atol=1e-12)
    assert banzhaf_counts(game).tolist() == bz.tolist()


def test_bad_games_are_user_errors():
    with pytest.raises(RealpolitikError, match="whole numbers"):
        WeightedGame.quota([1.5, 2], 2)
    with pytest.raises(RealpolitikError, match="quota"):
        WeightedGame.quota([[1, 2], [3, 4]], 2)
    with pytest.raises(RealpolitikError, match="no player is ever pivotal"):
        shapley_shubik(WeightedGame.quota([1, 1], 5))
    with pytest.raises(RealpolitikError, match="before"):
        regime_on(dt.date(1990, 1, 1))
