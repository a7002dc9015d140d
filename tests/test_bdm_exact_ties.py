"""BDM's default path compares exactly; ``zero_tol`` is the one opt-in tolerance (issue 12 review, item 9).

Hand-worked: dangers D = (1, 1 + 1e-13) are not equal, so R_i = (2D_i − D_max − D_min)/(D_max − D_min) = (−1, 1)
and r_i = (1 − R_i/3)/(1 + R_i/3) = (2, 0.5); with zero_tol = 1e-12 they count as equal (R = 0, r = 1).
Median voter of positions (0, 100) with weights (1 + 1e-13, 1): F(0) = 100, F(100) = 100(1 + 1e-13), so 0 is the
one minimiser; with weights (1, 1 + 1e-13) it is 100 exactly, and 0 (the lowest tied) with zero_tol = 1e-12."""

from __future__ import annotations

import numpy as np
import pytest

from realpolitik.errors import RealpolitikError
from realpolitik.models.bdm_round import risk_exponents
from realpolitik.models.bdm_statistics import median_voter
from realpolitik.models.specs import build_model


def test_risk_exponents_exact_by_default():
    big_r, r = risk_exponents(np.array([1.0, 1.0 + 1e-13]))
    assert big_r.tolist() == [-1.0, 1.0]
    assert r == pytest.approx([2.0, 0.5])
    big_r, r = risk_exponents(np.array([1.0, 1.0 + 1e-13]), 1e-12)
    assert big_r.tolist() == [0.0, 0.0] and r.tolist() == [1.0, 1.0]


def test_median_voter_exact_by_default():
    x = np.array([0.0, 100.0])
    assert median_voter(x, np.array([1.0 + 1e-13, 1.0])) == 0.0
    assert median_voter(x, np.array([1.0, 1.0 + 1e-13])) == 100.0
    assert median_voter(x, np.array([1.0, 1.0 + 1e-13]), 1e-12) == 0.0
    assert median_voter(x, np.array([1.0, 1.0])) == 0.0  # an exact tie: the lowest


def test_zero_tol_must_be_finite():
    with pytest.raises(RealpolitikError, match="zero_tol"):
        build_model("bdm:zero_tol=Infinity")
    assert build_model("bdm:zero_tol=1e-12").settings().zero_tol == 1e-12
