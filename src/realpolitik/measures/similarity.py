"""Alliance-portfolio similarity: Kendall's tau-b (Bueno de Mesquita 1975) and Signorino & Ritter's S (1999).

An alliance portfolio is a row of the (n, n) code matrix: the class of state x's tie to each state k, coded as
EUGene does (Bennett & Stam 2000): 1 defence pact, 2 neutrality or non-aggression pact, 3 entente, 4 no alliance.
A state's tie to itself is a defence pact. Both measures are computed for every pair at once from 4x4 contingency
tables (one count per partner k: row = x's class with k, column = y's class with k), built by one matrix product.

The partner set is every state of the system (global) or every state involved in a region plus the two states of
the pair (regional).
"""

from __future__ import annotations

import numpy as np

DEFENCE, NEUTRALITY, ENTENTE, NO_ALLIANCE = 1, 2, 3, 4
N_CLASSES = 4
_DISTANCE = np.abs(np.arange(N_CLASSES)[:, None] - np.arange(N_CLASSES)[None, :]) / (N_CLASSES - 1)


def alliance_codes(n: int, pairs: np.ndarray, classes: np.ndarray) -> np.ndarray:
    """Return the symmetric (n, n) int8 class matrix for `n` states: 4 (none) by default, 1 on the diagonal.

    `pairs` is an (m, 2) array of state indices and `classes` the m classes (1-4); where a pair appears more than
    once the strongest (lowest) class counts.
    """
    codes = np.full((n, n), NO_ALLIANCE, dtype=np.int8)
    pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    classes = np.asarray(classes, dtype=np.int8)
    np.minimum.at(codes, (pairs[:, 0], pairs[:, 1]), classes)
    np.minimum.at(codes, (pairs[:, 1], pairs[:, 0]), classes)
    np.fill_diagonal(codes, DEFENCE)
    return codes


def contingency(codes: np.ndarray, partners: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
    """Return the (n, n, 4, 4) contingency tables of every pair's portfolios over a partner set.

    Cell [a, b, x, y] sums the weight (1 unless `weights` is given) of partners k with class x+1 to a and y+1 to
    b. Partners are the states where `partners` (bool, n) is true, plus a and b themselves for the pair (a, b).
    Works on a leading batch axis too: `codes` (..., n, n), `partners` (..., n).
    """
    codes = np.asarray(codes)
    n = codes.shape[-1]
    w = np.ones(codes.shape[:-1]) if weights is None else np.broadcast_to(np.nan_to_num(weights), codes.shape[:-1])
    member = np.asarray(partners, dtype=bool)
    onehot = (codes[..., None] == np.arange(1, N_CLASSES + 1)).astype(float)  # [..., a, k, x]
    stacked = np.swapaxes(onehot, -1, -2).reshape(*codes.shape[:-2], n * N_CLASSES, n)  # [..., a*4+x, k]
    table = (stacked * (w * member)[..., None, :]) @ np.swapaxes(stacked, -1, -2)
    table = table.reshape(*codes.shape[:-2], n, N_CLASSES, n, N_CLASSES).swapaxes(-3, -2)
    # the pair's own two states join the partner set when they are outside it:
    # partner k = a adds cell (class(a, a), class(b, a)); partner k = b (b != a) adds cell (class(a, b), class(b, b))
    outside = w * ~member  # [..., k]
    if not outside.any():
        return table
    own = onehot[..., np.arange(n), np.arange(n), :]  # [..., a, x]: a's class with itself (a defence pact)
    transposed = np.swapaxes(onehot, -3, -2)  # [..., a, b, y] = onehot[..., b, a, y]
    table += (outside[..., :, None, None, None] * own[..., :, None, :, None] * transposed[..., :, :, None, :])
    extra_b = outside[..., None, :, None, None] * onehot[..., :, :, :, None] * own[..., None, :, None, :]
    table += np.where(np.eye(n, dtype=bool)[:, :, None, None], 0.0, extra_b)
    return table


def _pair_kinds() -> tuple[np.ndarray, np.ndarray]:
    """Return 16x16 0/1 matrices marking cell pairs ((x, y), (x', y')) with x < x' and y < y' (concordant) or
    x < x' and y > y' (discordant)."""
    x, y = np.divmod(np.arange(N_CLASSES * N_CLASSES), N_CLASSES)
    later = x[:, None] < x[None, :]
    return (later & (y[:, None] < y[None, :])).astype(float), (later & (y[:, None] > y[None, :])).astype(float)


_CONCORDANT, _DISCORDANT = _pair_kinds()


def tau_b(table: np.ndarray) -> np.ndarray:
    """Return Kendall's tau-b of each 4x4 contingency table (last two axes), in [-1, 1]; NaN where undefined.

    tau_b = (Nc - Nd) / sqrt((n0 - T1)(n0 - T2)) with Nc/Nd the concordant/discordant pairs of partners, n0 =
    N(N-1)/2 and T1, T2 the pairs tied on the column / row class. It is undefined (NaN) when all partners share
    one class for either state (the table has fewer than two non-empty rows or columns).
    """
    t = np.asarray(table, dtype=float)
    flat = t.reshape(*t.shape[:-2], N_CLASSES * N_CLASSES)
    total = flat.sum(-1)
    n0 = total * (total - 1) / 2
    rows, cols = t.sum(-1), t.sum(-2)
    ties_rows = (rows * (rows - 1) / 2).sum(-1)
    ties_cols = (cols * (cols - 1) / 2).sum(-1)
    concordant = ((flat @ _CONCORDANT) * flat).sum(-1)
    discordant = ((flat @ _DISCORDANT) * flat).sum(-1)
    denominator = (n0 - ties_cols) * (n0 - ties_rows)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(denominator > 0, (concordant - discordant) / np.sqrt(np.maximum(denominator, 1e-300)),
                        np.nan)


def s_score(table: np.ndarray) -> np.ndarray:
    """Return Signorino-Ritter S of each 4x4 (weighted) contingency table, in [-1, 1]; NaN when it sums to 0.

    S = 1 - 2 * sum_k w_k |a_k - b_k| / 3 / sum_k w_k: the weighted mean distance between the two portfolios'
    classes (largest distance 3) rescaled to [-1, 1].
    """
    t = np.asarray(table, dtype=float)
    total = t.sum(axis=(-1, -2))
    distance = (t * _DISTANCE).sum(axis=(-1, -2))
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, 1.0 - 2.0 * distance / np.where(total > 0, total, 1.0), np.nan)


def similarity(codes: np.ndarray, partners: np.ndarray, measure: str = "tau",
               capability: np.ndarray | None = None) -> np.ndarray:
    """Return the (n, n) similarity of every pair's alliance portfolios over a partner set.

    `measure` is ``"tau"`` (Kendall tau-b), ``"s"`` (unweighted S) or ``"s_weighted"`` (S with each partner
    weighted by its capability share; a partner with missing capability weighs 0).
    """
    if measure == "tau":
        return tau_b(contingency(codes, partners))
    if measure == "s":
        return s_score(contingency(codes, partners))
    if measure == "s_weighted":
        if capability is None:
            raise ValueError("measure 's_weighted' needs capability weights")
        return s_score(contingency(codes, partners, weights=capability))
    raise ValueError(f"unknown similarity measure {measure!r}; use 'tau', 's' or 's_weighted'")


def regional_similarity(codes: np.ndarray, involved: np.ndarray, relevant: np.ndarray, measure: str = "tau",
                        capability: np.ndarray | None = None) -> np.ndarray:
    """Return the (n, n) similarity of each pair over the states involved in the pair's relevant region.

    `involved` is the (n, 5) involvement matrix and `relevant` the (n, n) relevant region (1-5) of each pair
    (see `realpolitik.measures.regions`). Every pair's partner set also includes the pair itself.
    """
    out = np.full(relevant.shape, np.nan)
    for region in np.unique(relevant):
        pick = relevant == region
        out[pick] = similarity(codes, involved[:, region - 1], measure, capability)[pick]
    return out
