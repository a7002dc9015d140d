"""Risk attitudes, perceived utilities, challenge evaluation and bargains of KTAB's Spatial Model of Politics.

All functions work on arrays over actors: positions and ideals are (N, D) on the [0, 1] scale, saliences (N, D)
in [0, 1] with row sums ≤ 1, capabilities (N,). The challenge evaluation is vectorised over (estimator,
initiator, target) triples and their third parties: O(N) work per triple, O(N³) for every pair in a turn.
"""

from __future__ import annotations

import numpy as np

from realpolitik.models.smp_voting import scalar_pce, utility, victory_probability, vote

BIG_R_RANGES = ("Min", "Mid", "Max")
BIG_R_ADJUSTS = ("None", "OneThird", "Half", "TwoThirds", "Full")
THIRD_PARTY_COMMITS = ("NoCommit", "SemiCommit", "FullCommit")
INTER_VEC_BRGNS = ("S1P1", "S2P2", "S2PMax")

CHALLENGE_FLOOR = 1e-10  # KTAB's minimum coalition strength in a challenge
INTERP_EPS = 1e-6  # added to the own weight of each side's copy of a bargain
ROUND_DIGITS = 4  # S1P1/S2P2 bargains are rounded half-up to 4 decimals on the [0, 1] scale
DENSE_LIMIT = 1 << 24  # perceived utilities held as an N×N×N array up to this many values (N <= 256, 128 MiB)
CHUNK_ELEMENTS = 1 << 14  # bound on (triples × third parties) evaluated at once, to bound memory


def distances(ideals: np.ndarray, positions: np.ndarray, salience: np.ndarray) -> np.ndarray:
    """Return d[i, j], the salience-weighted distance (in [0, 1]) from actor i's ideal to actor j's position:
    sqrt(Σ_k s_ik² (y_ik − x_jk)² / Σ_k s_ik²). Each actor's saliences are first divided by their largest (the
    ratio does not change), so tiny saliences (≈1e-160, whose squares underflow to 0) give the same distances as
    their rescaled values instead of 0/0."""
    top = salience.max(axis=1, keepdims=True)
    s2 = (salience / np.where(top > 0, top, 1.0)) ** 2
    diff = ideals[:, None, :] - positions[None, :, :]
    return np.sqrt(np.einsum("ik,ijk->ij", s2, diff**2) / s2.sum(axis=1)[:, None])


def point_distances(ideals: np.ndarray, points: np.ndarray, salience: np.ndarray) -> np.ndarray:
    """Return d[a, m], the salience-weighted distance of actor a's ideal to point m (points (M, D))."""
    return distances(ideals, points, salience)


def risk_from_probability(p: np.ndarray, big_r_range: str) -> np.ndarray:
    """Return each actor's risk attitude R from the probability of its position (KTAB's linear maps).

    Mid: (3p − p_max − 2p_min)/(2(p_max − p_min)) in [−1/2, 1]; Min: (p − p_min)/(p_max − p_min) in [0, 1];
    Max: (2p − p_max − p_min)/(p_max − p_min) in [−1, 1]. The most probable position gets R = 1. When every
    probability is equal the map is undefined; every actor is then risk-neutral (R = 0), a choice of ours.
    """
    lo, hi = float(p.min()), float(p.max())
    span = hi - lo
    if not span > 0:
        return np.zeros_like(p)
    if big_r_range == "Mid":
        return (3.0 * p - hi - 2.0 * lo) / (2.0 * span)
    if big_r_range == "Min":
        return (p - lo) / span
    if big_r_range == "Max":
        return (2.0 * p - hi - lo) / span
    raise ValueError(f"unknown BigRRange {big_r_range!r}")


def unique_classes(positions: np.ndarray, tol: float = 1e-3) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Group positions that lie within `tol` (Euclidean, [0, 1] scale) of an earlier representative.

    Returns (representatives, assigned, last_match): the actor index of each unique representative, in order
    of first appearance; the class each actor was assigned to (its first representative within `tol`); and
    the last representative within `tol` of each actor (the class KTAB reports, a quirk).
    """
    n = positions.shape[0]
    near = np.linalg.norm(positions[:, None, :] - positions[None, :, :], axis=2) < tol
    # Actor a is a representative iff no earlier representative is near it: a greedy scan over actors in order.
    reps: list[int] = []
    is_rep = np.zeros(n, dtype=bool)
    for a in range(n):  # one pass over actors (not pairs); each step is a vector test
        if not np.any(near[a, :a] & is_rep[:a]):
            is_rep[a] = True
            reps.append(a)
    rep_idx = np.array(reps)
    near_rep = near[:, rep_idx]
    assigned = np.argmax(near_rep, axis=1)
    last = near_rep.shape[1] - 1 - np.argmax(near_rep[:, ::-1], axis=1)
    return rep_idx, assigned, last


def infer_risk(d: np.ndarray, positions: np.ndarray, capability: np.ndarray, rule: str, vp: str, pce: str,
               big_r_range: str, dedupe: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Return (R, p): each actor's risk attitude and the probability of its position used to infer it.

    KTAB runs the risk-neutral PCE (utilities 1 − d) over all N positions, duplicates counted separately
    (`dedupe=False`, its behaviour); `dedupe=True` runs it over unique positions instead (our correction)
    and gives each actor its class's probability. Weights are capabilities alone.
    """
    u0 = 1.0 - d
    if not dedupe:
        p = scalar_pce(rule, vp, pce, capability, u0)
    else:
        reps, assigned, _ = unique_classes(positions)
        p = scalar_pce(rule, vp, pce, capability, u0[:, reps])[assigned]
    return risk_from_probability(p, big_r_range), p


def perceived_risk(risk: np.ndarray, big_r_adjust: str) -> np.ndarray:
    """Return r[h, i], the risk attitude h attributes to i: R_h (None), (2R_h + R_i)/3 (OneThird),
    (R_h + R_i)/2 (Half), (R_h + 2R_i)/3 (TwoThirds) or R_i (Full)."""
    rh, ri = risk[:, None], risk[None, :]
    weights = {"None": 0.0, "OneThird": 1.0 / 3.0, "Half": 0.5, "TwoThirds": 2.0 / 3.0, "Full": 1.0}
    if big_r_adjust not in weights:
        raise ValueError(f"unknown BigRAdjust {big_r_adjust!r}")
    if big_r_adjust == "None":
        return np.broadcast_to(rh, (risk.size, risk.size)).copy()
    if big_r_adjust == "Full":
        return np.broadcast_to(ri, (risk.size, risk.size)).copy()
    if big_r_adjust == "OneThird":
        return (2.0 * rh + ri) / 3.0
    if big_r_adjust == "Half":
        return (rh + ri) / 2.0
    return (rh + 2.0 * ri) / 3.0


class PerceivedUtilities:
    """U[h, i, j] = u(d_ij; r_hi), h's estimate of i's utility for j's position, computed where it is read.

    Holds only d and r (N×N each): the N×N×N array would take 2.1 GiB at N = 640. Each value is the same
    elementwise computation as `utility` on the full array, so the results are bit-identical. Supports the
    reads of the challenge evaluation: ``U[h, i, j]`` and ``U[h, :, j]`` with index arrays, and `diagonal`.
    """

    def __init__(self, d: np.ndarray, r: np.ndarray) -> None:
        self.d, self.r = d, r
        self.shape = (r.shape[0], *d.shape)

    def __getitem__(self, key):
        h, i, j = key
        if isinstance(i, slice):  # U[h, :, j] -> (Q, N): u(d[m, j]; r[h, m]) for every m
            return utility(self.d[i, j].T, self.r[h, i])
        return utility(self.d[i, j], self.r[h, i])

    def diagonal(self, h: np.ndarray) -> np.ndarray:
        """Return U[h, m, m] for every m: (Q, N)."""
        return utility(np.diagonal(self.d)[None, :], self.r[h])


def perceived_utilities(d: np.ndarray, r: np.ndarray) -> np.ndarray | PerceivedUtilities:
    """Return U[h, i, j] = u(d_ij; r_hi): h's estimate of i's utility for j's position.

    Up to DENSE_LIMIT values it is the N×N×N array (gathers from it are faster than recomputing); above, a
    `PerceivedUtilities` that computes values where read, so a turn's memory stays O(N^2). Same values either way.
    """
    if r.shape[0] * d.size <= DENSE_LIMIT:
        return utility(d[None, :, :], r[:, :, None])
    return PerceivedUtilities(d, r)


def evaluate_challenges(U: np.ndarray | PerceivedUtilities, weight: np.ndarray, salience_total: np.ndarray,
                        h: np.ndarray,
                        i: np.ndarray, j: np.ndarray, k: np.ndarray, rule: str, commit: str,
                        vp: str | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Return (phi, gain) for each quadruple (h, i, j, k): h's estimate of the probability that i wins a
    challenge to j, and of the expected gain to k of i challenging j.

    `weight` is S·c per actor, `salience_total` S. Principals vote with their own perceived utilities; every
    third party m ∉ {i, j} votes by comparing its utility totals after joining either side (SemiCommit:
    joining i gives π(2U_mi + U_mm) + (1 − π)3U_mj, joining j gives π·3U_mi + (1 − π)(2U_mj + U_mm), π from
    the principals and m's own leaning; NoCommit and FullCommit make the totals equal, so third parties cast
    no vote). phi = A/(A + B) of the summed coalitions, or f(A)/(f(A) + f(B)) with victory model `vp` when
    given (KTAB ignores its victory model here). EU = (1 − S_j)·2U_ki + S_j[φ·2U_ki + (1 − φ)·2U_kj];
    gain = EU − (U_ki + U_kj). Works in chunks so memory stays O(chunk × N).
    """
    n = U.shape[0]
    q = h.size
    phi = np.empty(q)
    gain = np.empty(q)
    step = max(1, CHUNK_ELEMENTS // max(n, 1))
    for lo in range(0, q, step):  # chunks of thousands of triples, not a loop over pairs
        sl = slice(lo, lo + step)
        phi[sl], gain[sl] = _evaluate_chunk(U, weight, salience_total, h[sl], i[sl], j[sl], k[sl], rule,
                                            commit, vp)
    return phi, gain


def _evaluate_chunk(U, weight, salience_total, h, i, j, k, rule, commit, vp):
    q = np.arange(h.size)
    u_ii, u_ij = U[h, i, i], U[h, i, j]
    u_ji, u_jj = U[h, j, i], U[h, j, j]
    a_i = vote(rule, weight[i], u_ii - u_ij)
    a_j = vote(rule, weight[j], u_ji - u_jj)
    A0 = CHALLENGE_FLOOR + np.maximum(a_i, 0.0) + np.maximum(a_j, 0.0)
    B0 = CHALLENGE_FLOOR + np.maximum(-a_i, 0.0) + np.maximum(-a_j, 0.0)
    if commit == "SemiCommit":
        # (Q, N): h's view of m's utility for its own position (U a PerceivedUtilities or an N×N×N array)
        u_mm = U.diagonal(h) if isinstance(U, PerceivedUtilities) else np.diagonal(U, axis1=1, axis2=2)[h]
        lose_i = u_mm - U[h, :, i]  # what third party m gives up if i's position replaces its own
        lose_j = u_mm - U[h, :, j]
        c0 = vote(rule, weight[None, :], lose_j - lose_i)  # m's own leaning: U_mi − U_mj
        pro = np.maximum(c0, 0.0)
        pi = (A0[:, None] + pro) / (A0[:, None] + B0[:, None] + pro + (pro - c0))
        # join_i − join_j = π(2U_mi + U_mm) + (1 − π)3U_mj − π·3U_mi − (1 − π)(2U_mj + U_mm)
        #                 = π(U_mm − U_mi) − (1 − π)(U_mm − U_mj)
        v = vote(rule, weight[None, :], pi * (lose_i + lose_j) - lose_j)
        v[q, i] = 0.0  # the principals are not third parties
        v[q, j] = 0.0
        pro_v = np.maximum(v, 0.0)
        A = A0 + pro_v.sum(axis=1)
        B = B0 + (pro_v - v).sum(axis=1)
    elif commit in ("NoCommit", "FullCommit"):
        A, B = A0, B0  # the two totals are identical, so every third-party vote is zero
    else:
        raise ValueError(f"unknown ThirdPartyCommit {commit!r}")
    phi = victory_probability(vp, A, B) if vp is not None else A / (A + B)
    u_ki, u_kj = U[h, k, i], U[h, k, j]
    s_j = salience_total[j]
    eu = (1.0 - s_j) * 2.0 * u_ki + s_j * (phi * 2.0 * u_ki + (1.0 - phi) * 2.0 * u_kj)
    return phi, eu - (u_ki + u_kj)


def round_half_up(x: np.ndarray, digits: int = ROUND_DIGITS) -> np.ndarray:
    """Return `x` rounded half-up to `digits` decimals (KTAB rounds bargain coordinates so)."""
    scale = 10.0**digits
    return np.floor(x * scale + 0.5) / scale


def interpolate_bargains(x_i: np.ndarray, x_j: np.ndarray, s_i: np.ndarray, s_j: np.ndarray, p_i: np.ndarray,
                         scheme: str) -> tuple[np.ndarray, np.ndarray]:
    """Return (b_I, b_J), the initiator's and the receiver's copies of the bargain between positions
    `x_i` and `x_j` (B, D) with saliences `s_i`, `s_j` (B, D) when i wins with probability `p_i` (B,).

    S2P2 (S1P1): weights (s·p)² ((s·p)¹) per dimension, each side's copy adding 1e-6 to its own weight, then
    rounded half-up to 4 decimals. S2PMax: each side moves toward the other by d·s_other² / (d·s_other² + 1e-6
    + (1 − d)·s_own²) with d = max(0, p_other − p_own); not rounded.
    """
    p_i = p_i[:, None]
    p_j = 1.0 - p_i
    if scheme in ("S2P2", "S1P1"):
        power = 2 if scheme == "S2P2" else 1
        w_i, w_j = (s_i * p_i) ** power, (s_j * p_j) ** power
        b_own = ((w_i + INTERP_EPS) * x_i + w_j * x_j) / (w_i + INTERP_EPS + w_j)
        b_other = (w_i * x_i + (w_j + INTERP_EPS) * x_j) / (w_i + w_j + INTERP_EPS)
        return round_half_up(b_own), round_half_up(b_other)
    if scheme == "S2PMax":
        d_i = np.maximum(0.0, p_j - p_i)
        d_j = np.maximum(0.0, p_i - p_j)
        f_i = d_i * s_j**2 / (d_i * s_j**2 + INTERP_EPS + (1.0 - d_i) * s_i**2)
        f_j = d_j * s_i**2 / (d_j * s_i**2 + INTERP_EPS + (1.0 - d_j) * s_j**2)
        return x_i + f_i * (x_j - x_i), x_j + f_j * (x_i - x_j)
    raise ValueError(f"unknown InterVecBrgn {scheme!r}")
