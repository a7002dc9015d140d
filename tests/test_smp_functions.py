"""Hand-worked checks of SMP's building blocks on two- and three-actor cases (values computed in the comments)."""

from __future__ import annotations

import numpy as np
import pytest

from realpolitik.models.smp_challenge import (
    evaluate_challenges,
    interpolate_bargains,
    perceived_risk,
    risk_from_probability,
    unique_classes,
)
from realpolitik.models.smp_voting import (
    coalitions,
    condorcet_election,
    pairwise_probability,
    scalar_pce,
    utility,
    victory_probability,
    vote,
)

FLOOR = 1e-8


def test_utility_risk_shapes():
    # u(d; R) = (1 - d)(1 + dR) at d = 0.5: R = 1 → 0.5·1.5, R = 0 → 0.5, R = -1 → 0.5·0.5, R = -1/2 → 0.5·0.75
    assert utility(0.5, np.array([1.0, 0.0, -1.0, -0.5])) == pytest.approx([0.75, 0.5, 0.25, 0.375])
    assert utility(0.0, 0.7) == 1.0 and utility(1.0, -1.0) == 0.0


@pytest.mark.parametrize("rule, diff, expected", [
    ("Prop", 0.3, 0.6),                     # 2·0.3
    ("PropCbc", 0.3, 0.327),                # 2·(0.5·0.3 + 0.5·0.027)
    ("Cubic", 0.3, 0.054),                  # 2·0.027
    ("ASymProsp", 0.3, 0.4),                # gains count 2/3: 2·(2/3)·0.3
    ("ASymProsp", -0.3, -0.6),              # losses in full
    ("Binary", 0.3, 2.0),                   # clip(0.3/1e-8) = 1
    ("Binary", 5e-9, 1.0),                  # 5e-9/1e-8 = 0.5
    ("PropBin", 0.3, 0.88),                 # 2·(0.8·0.3 + 0.2·1)
])
def test_vote_rules(rule, diff, expected):
    assert vote(rule, 2.0, np.array(diff)) == pytest.approx(expected)


# Three voters (weights 1, 2, 3), three options; voter k's utilities for options 0, 1, 2:
W3 = np.array([1.0, 2.0, 3.0])
U3 = np.array([[1.0, 0.5, 0.0],
               [0.0, 1.0, 0.5],
               [0.5, 0.0, 1.0]])
# Prop votes for 1 over 0: -0.5, +2, -1.5 → C[1,0] = 2, C[0,1] = 2; for 2 over 0: -1, +1, +1.5 → C[2,0] = 2.5,
# C[0,2] = 1; for 2 over 1: -0.5, -1, +3 → C[2,1] = 3, C[1,2] = 1.5 (each plus the 1e-8 floor).
C3 = np.array([[0.0, 2.0, 1.0],
               [2.0, 0.0, 1.5],
               [2.5, 3.0, 0.0]]) + FLOOR


def test_coalitions_three_voters():
    assert coalitions("Prop", W3, U3) == pytest.approx(C3, abs=1e-12)


def test_victory_probability_models():
    # Linear P[2 beats 0] = 2.5/3.5; Square 6.25/7.25; Octic 2.5⁸/(2.5⁸ + 1)
    assert victory_probability("Linear", 2.5, 1.0) == pytest.approx(5 / 7)
    assert victory_probability("Square", 2.5, 1.0) == pytest.approx(6.25 / 7.25)
    assert victory_probability("Octic", 2.5, 1.0) == pytest.approx(2.5**8 / (2.5**8 + 1))
    # Binary: a ratio ≥ 1.1 is certain up to the loser's 1e-6 share; ratio 1.05 interpolates
    # r = 1.05/2.05, p = (2.1 r − 1)/0.1 = 0.756097…
    assert victory_probability("Binary", 2.5, 1.0) == pytest.approx(1 / (1 + 1e-6))
    assert victory_probability("Binary", 1.05, 1.0) == pytest.approx((2.1 * 1.05 / 2.05 - 1) / 0.1)


def test_pairwise_probability_matrix():
    expected = np.array([[0.5, 0.5, 2 / 7],
                         [0.5, 0.5, 1 / 3],
                         [5 / 7, 2 / 3, 0.5]])
    assert pairwise_probability("Linear", C3) == pytest.approx(expected, abs=1e-8)


def test_conditional_election_three_options():
    # p_a ∝ Π_b P[a,b]: 0.5·0.5·2/7 = 6/84, 0.5·0.5·1/3 = 7/84, 0.5·5/7·2/3 = 20/84 → (6, 7, 20)/33
    assert condorcet_election("Conditional", "Linear", C3) == pytest.approx(np.array([6, 7, 20]) / 33, abs=1e-8)
    assert scalar_pce("Prop", "Linear", "Conditional", W3, U3) == pytest.approx(np.array([6, 7, 20]) / 33, abs=1e-8)


def test_markov_elections_reach_their_fixed_points():
    """The Markov elections converge to the stationary vector of their linear update, found here by solving the
    linear system (a different method from the iteration)."""
    P = np.array([[0.5, 0.5, 2 / 7], [0.5, 0.5, 1 / 3], [5 / 7, 2 / 3, 0.5]])
    n = 3
    # MarkovUniform: p_a = (1/n)(p_a Σ_b P_ab + Σ_b P_ab p_b)  ⇔  (P + diag(rowsum) − n·I) p = 0
    M = P + np.diag(P.sum(axis=1)) - n * np.eye(n)
    expected = _null_vector(M)
    assert condorcet_election("MarkovUniform", "Linear", C3) == pytest.approx(expected, abs=1e-5)
    # MarkovIncentive: I = C∘P (+1e-10 on the diagonal), Q = I / column sums,
    # p_a = Σ_b P_ab (p_a Q_ba + p_b Q_ab)  ⇔  (diag(Σ_b P_ab Q_ba) + P∘Q − I) p = 0
    inc = C3 * P + np.diag([1e-10] * 3)
    Q = inc / inc.sum(axis=0)
    M = np.diag((P * Q.T).sum(axis=1)) + P * Q - np.eye(n)
    assert condorcet_election("MarkovIncentive", "Linear", C3) == pytest.approx(_null_vector(M), abs=1e-7)


def _null_vector(M: np.ndarray) -> np.ndarray:
    _, _, vt = np.linalg.svd(M)
    v = np.abs(vt[-1])
    return v / v.sum()


def test_two_option_election():
    # Voter A (w 3) values options 1.0 and 0.6, voter B (w 1) 0.5 and 0.9: C[0,1] = 1.2, C[1,0] = 0.4,
    # P[0 beats 1] = 0.75; Conditional: 0.5·0.75 : 0.5·0.25 → (0.75, 0.25)
    p = scalar_pce("Prop", "Linear", "Conditional", np.array([3.0, 1.0]), np.array([[1.0, 0.6], [0.5, 0.9]]))
    assert p == pytest.approx([0.75, 0.25], abs=1e-8)


def test_risk_ranges_and_adjustment():
    p = np.array([0.1, 0.2, 0.7])
    # Mid: (3p − 0.7 − 2·0.1)/(2·0.6) = (0.3 − 0.9, 0.6 − 0.9, 2.1 − 0.9)/1.2
    assert risk_from_probability(p, "Mid") == pytest.approx([-0.5, -0.25, 1.0])
    assert risk_from_probability(p, "Min") == pytest.approx([0.0, 1 / 6, 1.0])  # (p − 0.1)/0.6
    assert risk_from_probability(p, "Max") == pytest.approx([-1.0, -2 / 3, 1.0])  # (2p − 0.8)/0.6
    r = perceived_risk(np.array([1.0, -0.5]), "OneThird")  # r[h,i] = (2R_h + R_i)/3
    assert r == pytest.approx(np.array([[1.0, 0.5], [0.0, -0.5]]))
    assert perceived_risk(np.array([1.0, -0.5]), "Full") == pytest.approx(np.array([[1.0, -0.5], [1.0, -0.5]]))


def _three_actor_case():
    # One dimension, risk-neutral: U[h, i, j] = 1 − |x_i − x_j| for every estimator h.
    x = np.array([0.0, 0.4, 1.0])
    u = 1.0 - np.abs(x[:, None] - x[None, :])
    U = np.broadcast_to(u, (3, 3, 3)).copy()
    salience = np.array([0.5, 0.8, 1.0])  # S_i
    weight = salience * np.array([1.0, 1.0, 2.0])  # S_i·c_i = 0.5, 0.8, 2.0
    return U, weight, salience


def test_challenge_three_actors_semicommit():
    """Actor 0 (at 0) challenges actor 2 (at 1); actor 1 (at 0.4) is the third party.

    Principals: a_0 = 0.5·(1 − 0) = 0.5, a_2 = 2·(0 − 1) = −2 → A = 0.5, B = 2.
    Third party: c0 = 0.8·(U_10 − U_12) = 0.8·(0.6 − 0.4) = 0.16 → π = 0.66/2.66.
    Joining 0: π(2·0.6 + 1) + (1 − π)·3·0.4 = 1.2 + π; joining 2: π·3·0.6 + (1 − π)(2·0.4 + 1) = 1.8.
    v = 0.8·(π − 0.6) < 0, so B = 2 + 0.8·(0.6 − π); φ = 0.5/(0.5 + B).
    EU_0 = (1 − S_2)·2U_00 + S_2[φ·2U_00 + (1 − φ)·2U_02] = 2φ (S_2 = 1); gain = 2φ − (U_00 + U_02) = 2φ − 1.
    """
    U, weight, salience = _three_actor_case()
    pi = (0.5 + 0.16) / 2.66
    B = 2.0 + 0.8 * (0.6 - pi)
    phi = 0.5 / (0.5 + B)
    one = np.array([0])
    got_phi, got_gain = evaluate_challenges(U, weight, salience, one, one, np.array([2]), one, "Prop", "SemiCommit")
    assert got_phi[0] == pytest.approx(phi, abs=1e-9)
    assert got_gain[0] == pytest.approx(2 * phi - 1, abs=1e-9)
    # NoCommit and FullCommit make both totals equal, so the third party is silent: φ = 0.5/2.5
    for commit in ("NoCommit", "FullCommit"):
        silent, _ = evaluate_challenges(U, weight, salience, one, one, np.array([2]), one, "Prop", commit)
        assert silent[0] == pytest.approx(0.2, abs=1e-9)


def test_challenge_two_actors():
    """Two actors at 0 and 1 (S = 0.6, 0.4; c = 1): A = 0.6, B = 0.4, φ = 0.6;
    EU_0 = (1 − 0.4)·2 + 0.4·(0.6·2 + 0.4·0) = 1.68; gain = 1.68 − (1 + 0) = 0.68."""
    U = np.broadcast_to(np.eye(2), (2, 2, 2)).copy()
    s = np.array([0.6, 0.4])
    one = np.array([0])
    phi, gain = evaluate_challenges(U, s, s, one, one, np.array([1]), one, "Prop", "SemiCommit")
    assert phi[0] == pytest.approx(0.6, abs=1e-9) and gain[0] == pytest.approx(0.68, abs=1e-9)
    # with the victory model applied (our correction), Square gives 0.36/(0.36 + 0.16)
    phi_sq, _ = evaluate_challenges(U, s, s, one, one, np.array([1]), one, "Prop", "SemiCommit", vp="Square")
    assert phi_sq[0] == pytest.approx(0.36 / 0.52, abs=1e-9)


def test_s2p2_bargain_and_rounding():
    # x_i = 0.2, x_j = 0.8, s = 0.5 each, p_i = 0.75: w_i = 0.375² = 0.140625, w_j = 0.125² = 0.015625,
    # b = (0.140625·0.2 + 0.015625·0.8)/0.15625 = 0.26 (the 1e-6 terms move it by < 5e-6, lost in the rounding)
    b_i, b_j = interpolate_bargains(np.array([[0.2]]), np.array([[0.8]]), np.array([[0.5]]), np.array([[0.5]]),
                                    np.array([0.75]), "S2P2")
    assert b_i[0, 0] == 0.26 and b_j[0, 0] == 0.26
    # S1P1: w_i = 0.375, w_j = 0.125 → b = (0.075 + 0.1)/0.5 = 0.35
    b_i, _ = interpolate_bargains(np.array([[0.2]]), np.array([[0.8]]), np.array([[0.5]]), np.array([[0.5]]),
                                  np.array([0.75]), "S1P1")
    assert b_i[0, 0] == 0.35
    # S2PMax: i is favoured (d_i = 0) and stays; j moves by d_j s_i²/(d_j s_i² + 1e-6 + (1 − d_j) s_j²), d_j = 0.5
    b_i, b_j = interpolate_bargains(np.array([[0.2]]), np.array([[0.8]]), np.array([[0.5]]), np.array([[0.5]]),
                                    np.array([0.75]), "S2PMax")
    f = 0.5 * 0.25 / (0.5 * 0.25 + 1e-6 + 0.5 * 0.25)
    assert b_i[0, 0] == 0.2 and b_j[0, 0] == pytest.approx(0.8 - 0.6 * f)


def test_unique_classes_and_the_last_representative_quirk():
    # 0.5000 and 0.5008 are one class (0.0008 < 1e-3); 0.5016 is 0.0016 from the first representative: a new
    # class, but within 1e-3 of 0.5008, so KTAB reports actor 1 with the last class (index 1), not its own (0).
    reps, assigned, last = unique_classes(np.array([[0.5], [0.5008], [0.5016]]))
    assert reps.tolist() == [0, 2] and assigned.tolist() == [0, 0, 1] and last.tolist() == [0, 1, 1]
