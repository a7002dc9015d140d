"""The two-actor example worked by hand (A: c=2, x=0, s=0.5; B: c=1, x=100, s=1; Δ = 100, d = 1).

Every number below is computed in the test from the formulas, step by step, and only then compared with the model.
Utility of a gain z for a perceiver with exponent r: u(z) = 2 − 4((1 − z)/2)^r, so U_s = u(1), U_f = u(−1) = −2,
U_sq = u(0) = 2 − 4·0.5^r; with Q = 1: E^i(U_ij) = s_j[P U_s + (1 − P) U_f] + (1 − s_j) U_s − U_sq.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from realpolitik.models.bdm import simulate
from realpolitik.models.bdm_round import play_round
from realpolitik.models.bdm_settings import VARIANTS

X = np.array([0.0, 100.0])
C = np.array([2.0, 1.0])
S = np.array([0.5, 1.0])
A, B = 0, 1


def u(z: float, r: float) -> float:
    return 2 - 4 * ((1 - z) / 2) ** r


def risk(big_r: float) -> float:
    return (1 - big_r / 3) / (1 + big_r / 3)


def test_scholz2011_paper_by_hand():
    # Votes for A over B (w = c·s, linear, /Δ): A gives 2·0.5·(100 − 0)/100 = +1, B gives 1·1·(0 − 100)/100 = −1.
    p_ab = 1 / (1 + 1)  # Σ max(0, v) / Σ |v|
    p_ba = 1 / (1 + 1)
    # Pass 1, r = 1: U_s = 2, U_f = −2, U_sq = 0.
    d_a = S[A] * (p_ba * 2 + (1 - p_ba) * -2) + (1 - S[A]) * 2 - 0  # = 0.5·0 + 0.5·2 = 1
    d_b = S[B] * (p_ab * 2 + (1 - p_ab) * -2) + (1 - S[B]) * 2 - 0  # = 0
    assert (d_a, d_b) == (1.0, 0.0)
    big_r_a = (2 * d_a - d_a - d_b) / (d_a - d_b)  # = 1: the most threatened
    big_r_b = (2 * d_b - d_a - d_b) / (d_a - d_b)  # = −1: the most secure
    r_a, r_b = risk(big_r_a), risk(big_r_b)  # (2/3)/(4/3) = 0.5 and (4/3)/(2/3) = 2
    assert (r_a, r_b) == pytest.approx((0.5, 2.0))
    # Pass 2 for A (r = 0.5): U_s = 2, U_f = −2, U_sq = 2 − 4·√0.5 = −0.828427.
    u_sq_a = 2 - 4 * math.sqrt(0.5)
    a = S[B] * (p_ab * u(1, r_a) + (1 - p_ab) * u(-1, r_a)) + (1 - S[B]) * u(1, r_a) - u_sq_a  # 0 + 0 + 0.828427
    b = S[A] * (p_ba * u(1, r_a) + (1 - p_ba) * u(-1, r_a)) + (1 - S[A]) * u(1, r_a) - u_sq_a  # 0 + 1 + 0.828427
    assert (a, b) == pytest.approx((0.828427125, 1.828427125))
    assert b > a > 0  # A loses the conflict it expects and moves to B's position
    # For B (r = 2): U_sq = 1; E^B(U_BA) = 0.5·0 + 0.5·2 − 1 = 0 and E^B(U_AB) = 1·0 + 0 − 1 = −1: no move.
    u_sq_b = 2 - 4 * 0.5**2
    a_b = S[A] * (p_ba * u(1, r_b) + (1 - p_ba) * u(-1, r_b)) + (1 - S[A]) * u(1, r_b) - u_sq_b
    b_b = S[B] * (p_ab * u(1, r_b) + (1 - p_ab) * u(-1, r_b)) + (1 - S[B]) * u(1, r_b) - u_sq_b
    assert (a_b, b_b) == pytest.approx((0.0, -1.0))

    result = play_round(X, C, S, 100.0, 0.0, VARIANTS["scholz2011_paper"])
    assert result.p[A, B] == pytest.approx(p_ab) and result.p[B, A] == pytest.approx(p_ba)
    assert result.danger == pytest.approx([d_a, d_b])
    assert result.r == pytest.approx([r_a, r_b])
    assert (result.eu_ij[A, B], result.eu_ji[A, B]) == pytest.approx((a, b))
    assert (result.eu_ij[B, A], result.eu_ji[B, A]) == pytest.approx((a_b, b_b), abs=1e-12)
    assert result.chosen.tolist() == [B, -1]
    assert result.position.tolist() == [100.0, 100.0]
    path = simulate(X, C, S)
    assert (path.outcome, path.stop_reason, path.stop_round) == (100.0, "agreement", 1)


def test_scholz2011_published_by_hand():
    # Scholz's program: the denominator sums |votes| of every voter over every ordered pair of actors:
    # A: |+1| + |−1| = 2, B: 2 → 4; the numerator for A over B is A's +1 → P_A(B) = P_B(A) = 1/4.
    p = 1 / 4
    # Pass 1 (r = 1): D_A = 0.5·(¼·2 − ¾·2) + 0.5·2 = 0.5, D_B = 1·(¼·2 − ¾·2) + 0 = −1 → r_A = 0.5, r_B = 2.
    d_a = S[A] * (p * 2 - (1 - p) * 2) + (1 - S[A]) * 2
    d_b = S[B] * (p * 2 - (1 - p) * 2)
    assert (d_a, d_b) == (0.5, -1.0)
    # Pass 2: votes use each voter's own exponent; with d = 1 or 0 the powers are 1 or 0, so P stays 1/4.
    r_a = 0.5
    u_sq = 2 - 4 * 0.5**r_a
    a = S[B] * (p * u(1, r_a) + (1 - p) * u(-1, r_a)) + (1 - S[B]) * u(1, r_a) - u_sq  # −1 + 0.828427 = −0.171573
    b = S[A] * (p * u(1, r_a) + (1 - p) * u(-1, r_a)) + (1 - S[A]) * u(1, r_a) - u_sq  # −0.5 + 1 + 0.828427
    assert (a, b) == pytest.approx((-0.171572875, 1.328427125))
    # a < 0 < b and b > |a|: A compromises, moving |a/b| of the way to B: 100 · 0.171573/1.328427 = 12.91549.
    x_a = 0 + (100 - 0) * abs(a / b)
    assert x_a == pytest.approx(12.91549, abs=1e-5)

    result = play_round(X, C, S, 100.0, 0.0, VARIANTS["scholz2011_published"])
    assert result.p[A, B] == pytest.approx(p) and result.danger == pytest.approx([d_a, d_b])
    assert (result.eu_ij[A, B], result.eu_ji[A, B]) == pytest.approx((a, b))
    assert result.position == pytest.approx([x_a, 100.0])
