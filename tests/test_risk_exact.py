"""Risk attitudes against a brute force written out plainly here (spec sections 4-6): every portfolio of the
target, security from tau-b / S counted pair by pair, on random small systems."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from realpolitik.measures.risk import risk_attitude
from realpolitik.measures.similarity import alliance_codes
from realpolitik.measures.wartrap import projected_capability


def plain_tau(a: list[int], b: list[int]) -> float:
    """Kendall tau-b of two class vectors: (Nc - Nd) / sqrt((n0 - T_a)(n0 - T_b)), NaN when undefined."""
    nc = nd = ta = tb = 0
    pairs = list(itertools.combinations(range(len(a)), 2))
    for s, t in pairs:
        da, db = a[s] - a[t], b[s] - b[t]
        nc += da * db > 0
        nd += da * db < 0
        ta += da == 0
        tb += db == 0
    n0 = len(pairs)
    den = (n0 - ta) * (n0 - tb)
    return (nc - nd) / math.sqrt(den) if den > 0 else math.nan


def plain_s(a: list[int], b: list[int], w: list[float]) -> float:
    """Signorino-Ritter S: 1 - 2 * sum w |a - b| / 3 / sum w."""
    return 1 - 2 * sum(wk * abs(x - y) / 3 for wk, x, y in zip(w, a, b, strict=True)) / sum(w)


def plain_security(codes: np.ndarray, c: np.ndarray, i: int, measure: str, w: list[float]) -> float:
    """Sec_i = sum over j != i of EU(j, i), EU from spec section 5, dropping undefined terms as documented."""
    n = len(codes)
    rows = [list(r) for r in codes]

    def u(x: int, y: int) -> float:
        return plain_tau(rows[x], rows[y]) if measure == "tau" else plain_s(rows[x], rows[y], w)

    total = 0.0
    for j in range(n):
        if j == i:
            continue
        p = c[j, i] / (c[j, i] + c[i, i])
        eu = (2 * p - 1) * (1 - u(j, i))
        if math.isnan(eu):
            continue
        for k in range(n):
            if k in (i, j):
                continue
            star = max(c[k, j], c[k, i])
            p_jk = (c[j, i] + star) / (c[j, i] + star + c[i, i])
            p_ik = (c[i, j] + star) / (c[i, j] + star + c[j, j])
            term = (p_jk + p_ik - 1) * (u(k, j) - u(k, i))
            eu += 0.0 if math.isnan(term) else term
        total += eu
    return total


def brute_force(codes: np.ndarray, c: np.ndarray, i: int, measure: str, w: list[float]) -> tuple[float, float]:
    """Return (min, max) security over all 4^(n-1) portfolios of state i."""
    values = []
    for portfolio in itertools.product((1, 2, 3, 4), repeat=len(codes) - 1):
        trial = codes.copy()
        full = list(portfolio[:i]) + [1] + list(portfolio[i:])
        trial[i, :] = full
        trial[:, i] = full
        values.append(plain_security(trial, c, i, measure, w))
    return min(values), max(values)


def random_system(n: int, seed: int):
    rng = np.random.default_rng(seed)
    iu = np.triu_indices(n, 1)
    codes = alliance_codes(n, np.c_[iu], rng.choice([1, 2, 3, 4, 4], len(iu[0])))
    miles = rng.uniform(0, 3000, (n, n))
    cap = rng.dirichlet(np.ones(n))
    return codes, projected_capability(cap, (miles + miles.T) / 2 * (1 - np.eye(n)), 2000), cap


@pytest.mark.parametrize(("measure", "seed"), [("tau", 1), ("tau", 2), ("tau", 3), ("s", 4), ("s_weighted", 5)])
def test_risk_equals_brute_force_enumeration(measure, seed):
    n = 5
    codes, c, cap = random_system(n, seed)
    w = list(cap) if measure == "s_weighted" else [1.0] * n
    for target in (0, 2):
        low, high = brute_force(codes, c, target, measure, w)
        actual = plain_security(codes, c, target, measure, w)
        expected = (2 * actual - high - low) / (high - low)
        for exhaustive in (None, False):  # the default (enumeration here) and the local search
            got = risk_attitude(codes, c, target, measure, cap, exhaustive=exhaustive)
            assert got.security == pytest.approx(actual, abs=1e-9)
            assert got.security_min == pytest.approx(low, abs=1e-9), (measure, seed, target, exhaustive)
            assert got.security_max == pytest.approx(high, abs=1e-9), (measure, seed, target, exhaustive)
            assert got.risk == pytest.approx(expected, abs=1e-9)


def test_degenerate_portfolio_all_defence_pacts():
    # with defence pacts to everyone, the target's tau-b with every state is undefined: every EU(j, i) is dropped
    n = 5
    codes, c, cap = random_system(n, 9)
    codes[0, :] = codes[:, 0] = 1
    w = [1.0] * n
    result = risk_attitude(codes, c, 0)
    assert result.security == 0.0 == plain_security(codes, c, 0, "tau", w)
    low, high = brute_force(codes, c, 0, "tau", w)
    assert (result.security_min, result.security_max) == pytest.approx((low, high), abs=1e-9)


@pytest.mark.parametrize(("measure", "seed"), [("tau", 21), ("s", 22), ("s_weighted", 23)])
def test_security_and_single_tie_changes_equal_plain_computation(measure, seed):
    # the search's fast security (quadratic form) and its screened change for every single-tie change of the
    # target, against the plain pair-by-pair security of each changed portfolio
    from realpolitik.measures.risk import RegionTables, _Security

    n, target = 7, 3
    codes, c, cap = random_system(n, seed)
    w = list(cap) if measure == "s_weighted" else [1.0] * n
    model = _Security(RegionTables(codes, measure, cap), c, target)
    portfolio = codes[target].copy()
    base = plain_security(codes, c, target, measure, w)
    assert model.values(portfolio)[0] == pytest.approx(base, abs=1e-12)
    screened = model.deltas(portfolio[None])[0]
    for m in range(n):
        for y in range(4):
            if m == target or y + 1 == portfolio[m]:
                continue
            trial = codes.copy()
            trial[target, m] = trial[m, target] = y + 1
            expected = plain_security(trial, c, target, measure, w)
            assert model.values(trial[target])[0] == pytest.approx(expected, abs=1e-12)
            assert screened[m, y] == pytest.approx(expected - base, abs=1e-6), (m, y)
