"""The War Trap expected utility of each directed dyad (Bueno de Mesquita 1981, eq. 6 p. 59; risk-neutral form).

EU(A, B) = (2 P_A - 1)(1 - U_AB) + sum_K (P_AK + P_BK - 1)(U_KA - U_KB)

- U_xy is the similarity of x's and y's alliance portfolios on their relevant region (tau-b or S); U_xx = 1.
- P_A = C'_AB / (C'_AB + C'_BB): A's capability projected to B against B's at home (0.5 if both are 0).
- Third parties K are the other states involved in the relevant region of (A, B). K brings
  C*_K = max(C'_KA, C'_KB) (its capability over the shorter of the two distances), and
  P_AK = (C'_AB + C*_K) / (C'_AB + C*_K + C'_BB), P_BK = (C'_BA + C*_K) / (C'_BA + C*_K + C'_AA).
- A third party with missing capability or similarity is skipped; EU is missing if C_A, C_B or U_AB is.

This is the score EUGene stores as "EU (War Trap)" (Bennett & Stam 2000): the 1981 book's uncertainty and risk
adjustments are not applied. Its input to the risk attitudes is `realpolitik.measures.risk`.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from realpolitik.measures.gradient import discounted_capability

BLOCK = 32  # challengers per block of the (A, B, K) tensor: bounds memory at BLOCK * n * n floats per array


def projected_capability(capability: np.ndarray, miles: np.ndarray | None, year: int | None) -> np.ndarray:
    """Return the (n, n) matrix C'_ij of state i's capability projected to state j.

    With `miles` None (no distance discount) C'_ij = C_i.
    """
    c = np.asarray(capability, dtype=float)
    if miles is None or year is None:
        return np.repeat(c[:, None], len(c), axis=1)
    return discounted_capability(c[:, None], miles, year)


def war_trap_eu(projected: np.ndarray, utility: np.ndarray,
                third_party: np.ndarray | Callable[[slice], np.ndarray]) -> np.ndarray:
    """Return the (n, n) War Trap expected utility of A (row) challenging B (column); NaN on the diagonal.

    `projected` is C'_ij from `projected_capability`; `utility` the (n, n) similarity U_xy on each pair's
    relevant region; `third_party` an (n, n, n) boolean or a callable block -> bool saying whether K counts for
    (A, B) — build it with `third_parties`. Values lie in [-2, 2] for similarities in [-1, 1] plus the third-party
    sum, which is bounded by 2 per third party.
    """
    n = len(projected)
    own = np.diagonal(projected)  # C'_xx
    eu = np.full((n, n), np.nan)
    for start in range(0, n, BLOCK):
        rows = slice(start, min(n, start + BLOCK))
        eu[rows] = _block(projected, own, utility, third_party, rows)
    np.fill_diagonal(eu, np.nan)
    return eu


def _block(projected, own, utility, third_party, rows):
    c_ab = projected[rows]  # [a, b] = C'_AB
    c_ba = projected.T[rows]  # [a, b] = C'_BA
    c_bb, c_aa = own[None, :], own[rows][:, None]
    with np.errstate(invalid="ignore", divide="ignore"):
        p = np.where(c_ab + c_bb > 0, c_ab / (c_ab + c_bb), 0.5)
        bilateral = (2 * p - 1) * (1 - utility[rows])
        to_k = projected.T  # [x, k] = C'_kx
        c_star = np.maximum(to_k[rows][:, None, :], to_k[None, :, :])  # [a, b, k]
        p_ak = (c_ab[..., None] + c_star) / (c_ab[..., None] + c_star + c_bb[..., None])
        p_bk = (c_ba[..., None] + c_star) / (c_ba[..., None] + c_star + c_aa[..., None])
        u_k = utility.T  # [x, k] = U_kx
        gain = (p_ak + p_bk - 1) * (u_k[rows][:, None, :] - u_k[None, :, :])
    counts = third_party(rows) if callable(third_party) else third_party[rows]
    third = np.where(counts & np.isfinite(gain), gain, 0.0).sum(-1)
    return bilateral + third


def third_parties(involved: np.ndarray, relevant: np.ndarray,
                  present: np.ndarray | None = None) -> Callable[[slice], np.ndarray]:
    """Return a callable rows -> (len(rows), n, n) bool: whether K is a third party to (A, B).

    K counts when it is involved in the relevant region of (A, B), differs from A and B, and is `present`
    (default: every state).
    """
    n = len(involved)
    present = np.ones(n, dtype=bool) if present is None else np.asarray(present, dtype=bool)
    by_region = np.asarray(involved, dtype=bool).T & present  # [g-1, k]
    index = np.arange(n)

    def counts(rows: slice) -> np.ndarray:
        mask = by_region[relevant[rows] - 1]  # [a, b, k]
        a = index[rows]
        mask &= index[None, None, :] != a[:, None, None]
        mask &= index[None, None, :] != index[None, :, None]
        return mask

    return counts
