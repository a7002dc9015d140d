"""One round of Bueno de Mesquita's expected-utility model, vectorised over all actor pairs.

Follows Scholz, Calbert & Smith (2011) "Unravelling Bueno De Mesquita's group decision model", J. Theoretical
Politics 23(4):510-531, with the variants of `realpolitik.models.bdm_settings`. Matrices are indexed ``[i, j]``
(row i, column j); nothing loops over pairs in Python. Pairwise vote sums, which are sums over a third actor k, are
taken with prefix sums over the voters sorted by position (a voter prefers i to j exactly when it sits on i's side
of their midpoint), so a round costs O(n² log n) time and O(n²) memory.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from realpolitik.models.bdm_settings import BDMSettings

NONE, CONFLICT_LOSE, COMPROMISE, CAPITULATION = 0, 1, 2, 3
MOVE_TYPES = {CONFLICT_LOSE: "conflict_lose", COMPROMISE: "compromise", CAPITULATION: "capitulation"}


@dataclass(frozen=True)
class RoundResult:
    """Everything one round computes, before and after the move.

    Pass 1 (all risk exponents 1): `p1` (P_i(j)), `danger` (D_i), `big_r` (R_i). Pass 2: `r` (risk exponents),
    `p` (P_i(j)), `eu_ij` = E^i(U_ij) and `eu_ji` = E^i(U_ji) (both perceived by i with r_i). The offer each
    receiver i judged from j: `offer_a`, `offer_b` (the two expected utilities it was classified with), `offer_type`
    (0 none, 1 conflict lost, 2 compromise, 3 capitulation) and `offer_to` (the position it would move i to).
    `chosen[i]` is the j whose offer i adopted (−1: none); `position` the positions after the round.
    """

    p1: np.ndarray
    danger: np.ndarray
    big_r: np.ndarray
    r: np.ndarray
    p: np.ndarray
    eu_ij: np.ndarray
    eu_ji: np.ndarray
    offer_a: np.ndarray
    offer_b: np.ndarray
    offer_type: np.ndarray
    offer_to: np.ndarray
    chosen: np.ndarray
    position: np.ndarray
    margin: float | None


def vote_gains(x: np.ndarray, w: np.ndarray, delta: float, exponent: np.ndarray) -> np.ndarray:
    """Return G[k, y] = w_k·(|x_k − x_y|/Δ)^e_k: voter k's weighted distance to actor y's position.

    Voter k's vote for i over j is G[k, j] − G[k, i] (positive when k is nearer i).
    """
    distance = np.abs(x[:, None] - x[None, :]) / delta
    if np.all(exponent == 1.0):
        return w[:, None] * distance
    return w[:, None] * distance ** exponent[:, None]


@dataclass(frozen=True)
class VoterSplit:
    """Which voters sit on which side of each pair's midpoint; depends on the positions only, so a round computes
    it once for every vote sum. `order` sorts the voters by position (stable); `below[i, j]` counts the voters
    strictly left of (x_i + x_j)/2 and `above[i, j]` those at or left of it."""

    order: np.ndarray
    below: np.ndarray
    above: np.ndarray


def voter_split(x: np.ndarray) -> VoterSplit:
    """Return the `VoterSplit` of positions `x`.

    The midpoints are searched in sorted order (each row of the sorted midpoint matrix is increasing, which
    NumPy's binary search exploits) and then put back in input order; the counts are the same integers as a
    search of the unsorted matrix.
    """
    n = x.size
    order = np.argsort(x, kind="stable")
    ranked = x[order]
    mid = (ranked[:, None] + ranked[None, :]) / 2.0
    rank = np.empty(n, dtype=np.intp)
    rank[order] = np.arange(n)
    back = np.ix_(rank, rank)
    below = np.searchsorted(ranked, mid, side="left")[back]
    above = np.searchsorted(ranked, mid, side="right")[back]
    return VoterSplit(order, below, above)


def support(x: np.ndarray, gains: np.ndarray, split: VoterSplit | None = None) -> np.ndarray:
    """Return N[i, j] = Σ_k max(0, G[k, j] − G[k, i]): the votes for i over j from the voters who prefer i.

    The voters preferring i to j are those strictly on i's side of the midpoint (x_i + x_j)/2 — a contiguous run of
    the voters sorted by position — so each entry is a difference of prefix sums. N[i, i] = 0. `split` (from
    `voter_split(x)`) saves recomputing the sides when several vote sums share the positions.
    """
    n = x.size
    split = split if split is not None else voter_split(x)
    below, above = split.below, split.above
    prefix = np.zeros((n + 1, n))
    np.cumsum(gains[split.order], axis=0, out=prefix[1:])
    col_j = np.broadcast_to(np.arange(n)[None, :], (n, n))
    col_i = col_j.T
    left = x[:, None] < x[None, :]  # i left of j: i's supporters are left of the midpoint
    low_sum = prefix[below, col_j] - prefix[below, col_i]
    high_sum = (prefix[n, col_j] - prefix[above, col_j]) - (prefix[n, col_i] - prefix[above, col_i])
    out = np.where(left, low_sum, high_sum)
    out[x[:, None] == x[None, :]] = 0.0
    return np.maximum(out, 0.0)


def pairwise_spread(gains: np.ndarray) -> float:
    """Return Σ_k Σ_a Σ_b |G[k, a] − G[k, b]| over all ordered pairs (a, b): Scholz's program's n³ denominator.

    For sorted values g₍₀₎ ≤ … ≤ g₍ₙ₋₁₎ of one row, Σ_a Σ_b |g_a − g_b| = 2 Σ_m (2m − n + 1) g₍ₘ₎.
    """
    n = gains.shape[1]
    ranked = np.sort(gains, axis=1)
    coefficient = 2.0 * np.arange(n) - n + 1
    return float(2.0 * (ranked @ coefficient).sum())


def win_probability(x: np.ndarray, w: np.ndarray, delta: float, kind: str, r: np.ndarray,
                    split: VoterSplit | None = None) -> np.ndarray:
    """Return P[i, j], the probability that i's position prevails over j's (0 where x_i = x_j or nobody votes).

    ``paper``: Σ_k max(0, v_k)/Σ_k |v_k| with linear votes v_k = w_k(|x_k − x_j| − |x_k − x_i|)/Δ;
    ``code``: the same numerator with votes w_k((|x_k − x_j|/Δ)^r_k − (|x_k − x_i|/Δ)^r_k) over the sum of |votes|
    of every voter over every ordered pair of actors; ``masad``: max(0, Σ_k v_k)/Σ_k |v_k|. `split`: see `support`.
    """
    exponent = r if kind == "code" else np.ones_like(r)
    gains = vote_gains(x, w, delta, exponent)
    favour = support(x, gains, split)
    if kind == "code":
        total = pairwise_spread(gains)
        return favour / total if total > 0 else np.zeros_like(favour)
    magnitude = favour + favour.T
    top = np.maximum(favour - favour.T, 0.0) if kind == "masad" else favour
    return np.divide(top, magnitude, out=np.zeros_like(top), where=magnitude > 0)


def _u(r: np.ndarray, z: np.ndarray) -> np.ndarray:
    """Return the BDM (1985) utility 2 − 4((1 − z)/2)^r of a gain z ∈ [−1, 1] (a fraction of Δ), r per row."""
    base = np.clip(0.5 - 0.5 * z, 0.0, 1.0)
    return 2.0 - 4.0 * base ** r[:, None]


def expected_utilities(x: np.ndarray, s: np.ndarray, delta: float, r: np.ndarray, p: np.ndarray,
                       mu: float, settings: BDMSettings) -> tuple[np.ndarray, np.ndarray]:
    """Return (E^i(U_ij), E^i(U_ji)) as n×n matrices, both perceived by row actor i with its exponent r_i.

    E^i(U_ij) = s_j[P_ij U_s + (1 − P_ij) U_f] + (1 − s_j) U_s − Q U_sq − (1 − Q)[T U_b + (1 − T) U_w];
    E^i(U_ji) is the same with the roles swapped (resisting salience s_i, P_ji, and j's distance to μ).
    Utilities: U_s = u(d), U_f = u(−d), U_sq = u(0), U_b/w = u(±(d_μ + d)/2) with d = |x_i − x_j|/Δ.
    Pairs at one position (and the diagonal) get 0: there is nothing to contest.
    """
    d = np.abs(x[:, None] - x[None, :]) / delta
    u_s, u_f = _u(r, d), _u(r, -d)
    u_sq = (2.0 - 4.0 * 0.5**r)[:, None]
    q, t = settings.q, settings.t
    same = d == 0

    def not_challenging(challenger_mu: np.ndarray) -> np.ndarray:
        if q == 1.0:
            return u_sq
        reach = (challenger_mu + d) / 2.0
        return q * u_sq + (1 - q) * (t * _u(r, reach) + (1 - t) * _u(r, -reach))

    mu_i = (np.abs(x - mu) / delta)[:, None]
    mu_j = (np.abs(x - mu) / delta)[None, :]
    eu_ij = s[None, :] * (p * u_s + (1 - p) * u_f) + (1 - s[None, :]) * u_s - not_challenging(mu_i)
    eu_ji = s[:, None] * (p.T * u_s + (1 - p.T) * u_f) + (1 - s[:, None]) * u_s - not_challenging(mu_j)
    eu_ij[same] = 0.0
    eu_ji[same] = 0.0
    return eu_ij, eu_ji


def risk_exponents(danger: np.ndarray, tol: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """Return (R, r): R_i = (2D_i − D_max − D_min)/(D_max − D_min) ∈ [−1, 1] and r_i = (1 − R_i/3)/(1 + R_i/3).

    The most threatened actor gets r = 0.5, the most secure r = 2. When every D_i is equal (exactly, as the reference
    computes it; within `tol` relative with ``zero_tol`` > 0) R = 0 and r = 1 for all: nobody is more or less secure
    than anybody else.
    """
    high, low = float(danger.max()), float(danger.min())
    if high - low <= tol * max(1.0, abs(high), abs(low)):
        big_r = np.zeros_like(danger)
    else:
        big_r = (2.0 * danger - high - low) / (high - low)
    return big_r, (1.0 - big_r / 3.0) / (1.0 + big_r / 3.0)


def classify(x: np.ndarray, a: np.ndarray, b: np.ndarray, sent: np.ndarray, capitulation: bool,
             tol: float) -> tuple[np.ndarray, np.ndarray]:
    """Return (type, new position) of the offer from j to receiver i, from a = i's E of challenging j and b = the
    E of j challenging i (SCS11 §6; BDM 1994's quadrants).

    Conflict lost (b > a > 0): move to x_j. Compromise (a < 0 < b, b > |a|): move to x_i + (x_j − x_i)|a/b|.
    Capitulation (a < 0 < b, b < |a|): move to x_j. Otherwise no move. Values within `tol` of zero, and
    differences within `tol`, count as zero (no move on a boundary).
    """
    conflict = sent & (a > tol) & (b - a > tol)
    yielding = sent & (a < -tol) & (b > tol)
    compromise = yielding & (b + a > tol)
    capitulate = yielding & (-a - b > tol) if capitulation else np.zeros_like(sent)
    kind = np.select([conflict, compromise, capitulate], [CONFLICT_LOSE, COMPROMISE, CAPITULATION], NONE)
    ratio = np.divide(np.abs(a), np.abs(b), out=np.zeros_like(a), where=compromise)
    target = np.broadcast_to(x[None, :], a.shape)
    moved = np.where(kind == COMPROMISE, x[:, None] + (target - x[:, None]) * ratio, target)
    return kind, np.where(kind == NONE, x[:, None], moved)


def lexicographic_pick(valid: np.ndarray, keys: list[tuple[np.ndarray, float]]) -> np.ndarray:
    """Return, per row, the column minimising `keys` in order (each key with a tie tolerance) among `valid`
    columns; ties left after the last key go to the lowest column; −1 where no column is valid."""
    candidate = valid.copy()
    for key, tol in keys:
        masked = np.where(candidate, key, np.inf)
        best = masked.min(axis=1, keepdims=True)
        candidate &= masked <= best + tol
    return np.where(candidate.any(axis=1), candidate.argmax(axis=1), -1)


def select_offer(x: np.ndarray, kind: np.ndarray, target: np.ndarray, a: np.ndarray, b: np.ndarray,
                 rule: str, delta: float, tol: float) -> np.ndarray:
    """Return for each receiver the index of the sender whose move-inducing offer it adopts (−1: none).

    ``min_move``: least movement |x_new − x_i| (ties within tol·Δ: larger b, then lower index);
    ``type_priority``: conflict lost > compromise > capitulation; conflicts and capitulations by least movement,
    compromises by the smallest (|a|x_i + |b|x_j)/(|a| + |b|) (Scholz's program; ties: lower index).
    """
    move = np.abs(target - x[:, None])
    if rule == "min_move":
        return lexicographic_pick(kind != NONE, [(move, tol * delta), (-b, tol)])
    weight = np.abs(a) + np.abs(b)
    key = np.divide(np.abs(a) * x[:, None] + np.abs(b) * x[None, :], weight, out=np.zeros_like(a),
                    where=weight > 0)
    chosen = np.full(x.size, -1)
    for code, by in ((CAPITULATION, move), (COMPROMISE, key), (CONFLICT_LOSE, move)):  # last assignment wins
        pick = lexicographic_pick(kind == code, [(by, 0.0)])
        chosen = np.where(pick >= 0, pick, chosen)
    return chosen


def decision_margin(a: np.ndarray, b: np.ndarray, sent: np.ndarray) -> float | None:
    """Return the smallest non-zero |a|, |b|, |b − a|, |b − |a|| over the offers judged (None if none)."""
    if not sent.any():
        return None
    values = np.abs(np.stack([a[sent], b[sent], b[sent] - a[sent], b[sent] - np.abs(a[sent])]))
    values = values[values > 0]
    return float(values.min()) if values.size else None


def play_round(x: np.ndarray, c: np.ndarray, s: np.ndarray, delta: float, mu: float,
               settings: BDMSettings) -> RoundResult:
    """Play one round: risk exponents (two passes), expected utilities, offers, choice and simultaneous update.

    `x` positions, `c` capabilities (≥ 0), `s` saliences (0-1), `delta` > 0 the range Δ, `mu` the median voter
    position (used only when q < 1). Returns a `RoundResult` with the new positions.
    """
    n = x.size
    w = c * s
    ones = np.ones(n)
    split = voter_split(x)
    p1 = win_probability(x, w, delta, settings.probability, ones, split)
    _, eu_ji_1 = expected_utilities(x, s, delta, ones, p1, mu, settings)
    danger = eu_ji_1.sum(axis=1)
    big_r, r = risk_exponents(danger, settings.zero_tol)
    p = p1 if settings.probability != "code" else win_probability(x, w, delta, "code", r, split)
    eu_ij, eu_ji = expected_utilities(x, s, delta, r, p, mu, settings)

    apart = x[:, None] != x[None, :]
    if settings.perspective == "receiver":
        a, b, sent = eu_ij, eu_ji, apart
    else:  # j sends i an offer only if j's own expected utility of challenging i is positive
        a, b = eu_ij, eu_ij.T
        sent = apart & (b > 0)
    tol = settings.zero_tol
    if settings.selection == "max_sender_eu":
        chosen = lexicographic_pick(sent, [(-b, 0.0), (np.abs(x[None, :] - x[:, None]), 0.0)])
        single = np.zeros_like(sent)
        single[np.arange(n)[chosen >= 0], chosen[chosen >= 0]] = True
        kind, target = classify(x, a, b, single, settings.capitulation, tol)
        chosen = np.where(kind[np.arange(n), np.maximum(chosen, 0)] != NONE, chosen, -1)
    else:
        kind, target = classify(x, a, b, sent, settings.capitulation, tol)
        chosen = select_offer(x, kind, target, a, b, settings.selection, delta, tol)
    rows = np.flatnonzero(chosen >= 0)
    position = x.copy()
    position[rows] = target[rows, chosen[rows]]
    return RoundResult(p1, danger, big_r, r, p, eu_ij, eu_ji, a, b, kind, target, chosen, position,
                       decision_margin(a, b, sent))
