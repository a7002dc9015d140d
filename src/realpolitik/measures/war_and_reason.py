"""War and Reason utilities, probability of success and the eight outcome utilities of each side.

Bueno de Mesquita & Lalman, *War and Reason* (1992), Appendix 1 (eqs A1.1-A1.10) and Table 2.2, as EUGene
implements them (Bennett & Stam 2000). With s the similarity of A's and B's portfolios on their relevant region
(tau-b or S; a similarity of 1 is replaced by 0.999, as EUGene does) and r a side's transformed risk:

    U(own demand)   = 2 - 4 ((1 + s) / 4) ** r
    U(other demand) = 2 - 4 ((3 - s) / 4) ** r
    U(status quo)   = 2 - 4 (1 / 2) ** r

Conventions (`convention`): ``"eugene"`` (default) reproduces EUGene v3 output: the first striker's war cost is
0.5 (1 - P) against 1.0 (1 - P) for the side struck, and B's domestic cost of force is P_B * U_A(SQ) (A's
status-quo utility). ``"paper"`` follows the published text: both war costs are 1.0 (1 - P) and B's domestic cost
is P_B * U_B(SQ).
"""

from __future__ import annotations

import numpy as np

from realpolitik.measures.wartrap import BLOCK

OUTCOMES = ("sq", "nego", "acqa", "acqb", "capa", "capb", "wara", "warb")
CONVENTIONS = ("eugene", "paper")
SIMILARITY_CAP = 0.999


def demand_utilities(similarity: np.ndarray, r: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return (U(own demand), U(other's demand), U(status quo)) for similarity s and transformed risk r.

    All three lie in [-2, 2]; with r = 1 they are 1 - s, s - 1 and 0.
    """
    s = np.asarray(similarity, dtype=float)
    s = np.where(s >= 1 - 1e-9, SIMILARITY_CAP, s)
    r = np.asarray(r, dtype=float)
    return 2 - 4 * ((1 + s) / 4) ** r, 2 - 4 * ((3 - s) / 4) ** r, 2 - 4 * 0.5**r


def probability_of_success(projected: np.ndarray, utility: np.ndarray, involved: np.ndarray,
                           relevant: np.ndarray, risk: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return the (n, n) probabilities (P_A, P_B) that A (row) and B (column) prevail, with third parties.

    Every K in {A, B} and the states involved in the relevant region of (A, B) joins the side it prefers: A
    estimates K's preference as d = (dt / 2) exp(R_A dt) with dt = U_KA - U_KB (R_A untransformed), and
    P_A = sum_{d > 0} C_K d / sum C_K |d|, with C_A = C'_AB, C_B = C'_BB and C_K = max(C'_KA, C'_KB) for third
    parties. P_B is the same from B's side; P_A + P_B need not be 1. `risk` is the (n, 5) untransformed R of each
    state in each region; `utility` the (n, n) similarity on each pair's relevant region. NaN where undefined.
    """
    n = len(projected)
    p_a, p_b = np.full((n, n), np.nan), np.full((n, n), np.nan)
    for start in range(0, n, BLOCK):
        rows = slice(start, min(n, start + BLOCK))
        p_a[rows], p_b[rows] = _probability_block(projected, utility, involved, relevant, risk, rows)
    np.fill_diagonal(p_a, np.nan)
    np.fill_diagonal(p_b, np.nan)
    return p_a, p_b


def _probability_block(projected, utility, involved, relevant, risk, rows):
    n = len(projected)
    index = np.arange(n)
    a = index[rows]
    region = relevant[rows] - 1  # [a, b]
    r_a = risk[a[:, None], region]
    r_b = risk[index[None, :], region]
    u_k = utility.T  # [x, k] = U_kx
    d_tau = u_k[rows][:, None, :] - u_k[None, :, :]  # [a, b, k]: U_KA - U_KB
    c_k = np.maximum(projected.T[rows][:, None, :], projected.T[None, :, :])
    # K = A and K = B: similarity on the pair's own region, A projecting to B, B at home
    is_a = index[None, None, :] == a[:, None, None]
    is_b = index[None, None, :] == index[None, :, None]
    pair = utility[rows][..., None]
    d_tau = np.where(is_a, 1.0 - pair, np.where(is_b, pair - 1.0, d_tau))
    c_k = np.where(is_a, projected[rows][..., None], np.where(is_b, np.diagonal(projected)[None, :, None], c_k))
    counts = np.asarray(involved, dtype=bool).T[region] | is_a | is_b
    with np.errstate(invalid="ignore", over="ignore"):
        pref_a = d_tau / 2 * np.exp(r_a[..., None] * d_tau)
        pref_b = -d_tau / 2 * np.exp(-r_b[..., None] * d_tau)
        out = []
        for pref in (pref_a, pref_b):
            ok = counts & np.isfinite(pref) & np.isfinite(c_k)
            num = np.where(ok & (pref > 0), c_k * pref, 0.0).sum(-1)
            den = np.where(ok, c_k * np.abs(pref), 0.0).sum(-1)
            out.append(np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan))
    missing = ~np.isfinite(pair[..., 0]) | ~np.isfinite(r_a) | ~np.isfinite(r_b)
    missing |= ~np.isfinite(projected[rows]) | ~np.isfinite(np.diagonal(projected))[None, :]
    return np.where(missing, np.nan, out[0]), np.where(missing, np.nan, out[1])


def outcome_utilities(u_a: tuple[np.ndarray, np.ndarray, np.ndarray], p_a: np.ndarray,
                      u_b: tuple[np.ndarray, np.ndarray, np.ndarray], p_b: np.ndarray,
                      convention: str = "eugene") -> tuple[np.ndarray, np.ndarray]:
    """Return A's and B's utilities for the eight outcomes, each shaped (..., 8) in the order of `OUTCOMES`.

    `u_a` is A's (U(own demand), U(B's demand), U(SQ)) from `demand_utilities`, `u_b` B's (U(own), U(A's), U(SQ)).
    A's domestic cost of force is P_A U_A(SQ); for B see the module docstring.
    """
    if convention not in CONVENTIONS:
        raise ValueError(f"unknown convention {convention!r}; use one of {CONVENTIONS}")
    a_own, a_other, a_sq = (np.asarray(x, dtype=float) for x in u_a)
    b_own, b_other, b_sq = (np.asarray(x, dtype=float) for x in u_b)
    first = 0.5 if convention == "eugene" else 1.0
    phi_a = p_a * a_sq
    phi_b = p_b * (a_sq if convention == "eugene" else b_sq)
    nego_a = p_a * a_own + (1 - p_a) * a_other
    nego_b = p_b * b_own + (1 - p_b) * b_other
    side_a = (a_sq, nego_a, a_other, a_own, a_other - (1 - p_a), a_own - phi_a,
              nego_a - phi_a - first * (1 - p_a), nego_a - phi_a - (1 - p_a))
    side_b = (b_sq, nego_b, b_own, b_other, b_own - phi_b, b_other - (1 - p_b),
              nego_b - phi_b - (1 - p_b), nego_b - phi_b - first * (1 - p_b))
    return np.stack(np.broadcast_arrays(*side_a), -1), np.stack(np.broadcast_arrays(*side_b), -1)
