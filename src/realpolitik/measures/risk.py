"""Risk attitudes from security levels over hypothetical alliance portfolios (Bueno de Mesquita 1985).

The security of state i in region g is the sum of the War Trap expected utilities of every other state involved
in g challenging i: Sec_i = sum_j EU(j, i) (lower is more secure). Its range is found over the alliance portfolios
i could have held — every assignment of the four classes to its ties with the states of the region — with
everything else fixed. The risk score is where i's actual portfolio sits in that range:

    R_i = (2 Sec_i - Sec_max - Sec_min) / (Sec_max - Sec_min)  in [-1, 1]   (-1: the most secure portfolio)
    r_i = (1 - R_i / 3) / (1 + R_i / 3)                        in [0.5, 2]  (the utility curvature)

How the range is searched (the paper is silent; EUGene ran a genetic algorithm over 1,000-2,000 portfolios,
Bueno de Mesquita sampled 30,000): a steepest-ascent local search over single-tie changes, run for the minimum
and for the maximum from the actual portfolio, from "no alliances", from "defence pacts with all" and from
`restarts` random portfolios. Every step evaluates all 3(n-1) single-tie changes at once. On systems small
enough to enumerate (4^(n-1) portfolios) the search is compared with the exact range in the tests; the range it
finds always contains the actual portfolio, so R stays in [-1, 1].

Choices where the sources are silent: within the computation for region g every pair's similarity is taken
over the partner set of region g, third parties are the states involved in g, and i is added to the region's
states when it is not involved there. R is missing (NaN) when the range is empty (Sec_max = Sec_min).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from realpolitik.measures.similarity import N_CLASSES, similarity

EXHAUSTIVE_LIMIT = 4**6  # enumerate every portfolio up to this many (4,096)


@dataclass(frozen=True)
class RiskResult:
    """One state's security (actual, min, max over portfolios found), risk score R and how many were evaluated."""

    security: float
    security_min: float
    security_max: float
    risk: float
    evaluated: int
    exhaustive: bool

    @property
    def transformed(self) -> float:
        """Return r = (1 - R/3) / (1 + R/3), the utility curvature in [0.5, 2] (NaN when R is)."""
        return float(transform_risk(self.risk))


def transform_risk(risk: float | np.ndarray) -> np.ndarray:
    """Return r = (1 - R/3) / (1 + R/3): R = -1 gives 2 (risk-averse), 0 gives 1, +1 gives 0.5."""
    r = np.asarray(risk, dtype=float)
    return (1 - r / 3) / (1 + r / 3)


def risk_score(security: float, low: float, high: float) -> float:
    """Return R = (2 Sec - Sec_max - Sec_min) / (Sec_max - Sec_min), or NaN for an empty range."""
    if not high > low:
        return float("nan")
    return float((2 * security - high - low) / (high - low))


def security(codes: np.ndarray, projected: np.ndarray, target: int, measure: str = "tau",
             capability: np.ndarray | None = None) -> np.ndarray:
    """Return Sec_target = sum over j != target of EU(j, target), for one system or a batch of code matrices.

    All states of `codes` ((..., n, n) alliance classes) are the region's states: they are the partner set of
    every similarity and the third parties of every EU. `projected` is C'_ij ((n, n), see `wartrap`).
    """
    codes = np.asarray(codes)
    n = codes.shape[-1]
    utility = similarity(codes, np.ones(n, dtype=bool), measure, capability)  # [..., x, y]
    i = target
    c_ji, c_ij = projected[:, i], projected[i, :]
    c_ii, c_jj = projected[i, i], np.diagonal(projected)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = np.where(c_ji + c_ii > 0, c_ji / (c_ji + c_ii), 0.5)
        bilateral = (2 * p - 1) * (1 - utility[..., :, i])  # [..., j]
        c_star = np.maximum(projected.T, projected[:, i][None, :])  # [j, k] = max(C'_kj, C'_ki)
        p_jk = (c_ji[:, None] + c_star) / (c_ji[:, None] + c_star + c_ii)
        p_ik = (c_ij[:, None] + c_star) / (c_ij[:, None] + c_star + c_jj[:, None])
        gain = (p_jk + p_ik - 1) * (np.swapaxes(utility, -1, -2) - utility[..., i, :][..., None, :])
    index = np.arange(n)
    third = (index[None, :] != index[:, None]) & (index[None, :] != i)
    eu = bilateral + np.where(third & np.isfinite(gain), gain, 0.0).sum(-1)
    eu = np.where(np.isfinite(eu), eu, 0.0)
    return np.where(index != i, eu, 0.0).sum(-1)


def _with_portfolio(codes: np.ndarray, target: int, portfolios: np.ndarray) -> np.ndarray:
    """Return a batch of code matrices with the target's row and column replaced by each portfolio."""
    batch = np.repeat(codes[None], len(portfolios), axis=0)
    batch[:, target, :] = portfolios
    batch[:, :, target] = portfolios
    return batch


def _evaluate(codes, projected, target, portfolios, measure, capability):
    return security(_with_portfolio(codes, target, portfolios), projected, target, measure, capability)


def _neighbours(portfolio: np.ndarray, target: int) -> np.ndarray:
    """Return every portfolio that differs from `portfolio` in exactly one tie (never the tie to itself)."""
    partners = np.flatnonzero(np.arange(len(portfolio)) != target)
    columns = np.tile(partners, N_CLASSES - 1)
    steps = np.repeat(np.arange(1, N_CLASSES), len(partners))
    out = np.repeat(portfolio[None], len(columns), axis=0)
    out[np.arange(len(columns)), columns] = (portfolio[columns] - 1 + steps) % N_CLASSES + 1
    return out


def _climb(codes, projected, target, starts, signs, measure, capability, max_steps):
    """Steepest ascent of sign * Sec from every start at once; return (best Sec per start, evaluations).

    All climbers move together: each step evaluates every single-tie change of every unfinished climber in one
    batch, and a climber stops when none of its changes improves it.
    """
    current = np.array(starts)
    value = signs * _evaluate(codes, projected, target, current, measure, capability)
    evaluated = len(current)
    active = np.ones(len(current), dtype=bool)
    for _ in range(max_steps):
        live = np.flatnonzero(active)
        if not len(live):
            break
        candidates = np.stack([_neighbours(current[k], target) for k in live])  # [live, m, n]
        m = candidates.shape[1]
        flat = candidates.reshape(-1, candidates.shape[-1])
        values = _evaluate(codes, projected, target, flat, measure, capability).reshape(len(live), m)
        values = values * signs[live][:, None]
        evaluated += flat.shape[0]
        best = values.argmax(1)
        gain = values[np.arange(len(live)), best]
        better = gain > value[live] + 1e-12
        current[live[better]] = candidates[better, best[better]]
        value[live[better]] = gain[better]
        active[live[~better]] = False
    return signs * value, evaluated


def risk_attitude(codes: np.ndarray, projected: np.ndarray, target: int, measure: str = "tau",
                  capability: np.ndarray | None = None, rng: np.random.Generator | None = None,
                  restarts: int = 8, max_steps: int = 200, exhaustive: bool | None = None) -> RiskResult:
    """Return the target's security range and risk score R in a region given as its states' arrays.

    `codes` (n, n) are the region's alliance classes, `projected` (n, n) the capabilities C'_ij. The range is
    enumerated exactly when 4^(n-1) <= EXHAUSTIVE_LIMIT (or `exhaustive` is true), else searched as the module
    docstring describes, with `restarts` random starts drawn from `rng`.
    """
    codes = np.asarray(codes, dtype=np.int8)
    n = len(codes)
    actual = codes[target].copy()
    base = float(_evaluate(codes, projected, target, actual[None], measure, capability)[0])
    if n < 2:
        return RiskResult(base, base, base, float("nan"), 1, True)
    enumerate_all = exhaustive if exhaustive is not None else N_CLASSES ** (n - 1) <= EXHAUSTIVE_LIMIT
    if enumerate_all:
        low, high, evaluated = _enumerate(codes, projected, target, measure, capability)
    else:
        rng = rng if rng is not None else np.random.default_rng(0)
        starts = [actual, np.full(n, 4, dtype=np.int8), np.ones(n, dtype=np.int8)]
        starts += [rng.integers(1, N_CLASSES + 1, n).astype(np.int8) for _ in range(restarts)]
        for s in starts:
            s[target] = 1
        both = np.array(starts + starts)
        signs = np.repeat([-1.0, 1.0], len(starts))
        found, evaluated = _climb(codes, projected, target, both, signs, measure, capability, max_steps)
        low, high = float(found.min()), float(found.max())
    low, high = min(low, base), max(high, base)
    return RiskResult(base, low, high, risk_score(base, low, high), evaluated, enumerate_all)


def _enumerate(codes, projected, target, measure, capability, chunk: int = 4096):
    """Return (min, max, count) of security over all 4^(n-1) portfolios of the target."""
    n = len(codes)
    partners = np.array([k for k in range(n) if k != target])
    total = N_CLASSES ** len(partners)
    low, high = np.inf, -np.inf
    for start in range(0, total, chunk):
        numbers = np.arange(start, min(total, start + chunk))
        digits = (numbers[:, None] // N_CLASSES ** np.arange(len(partners))[None, :]) % N_CLASSES + 1
        portfolios = np.ones((len(numbers), n), dtype=np.int8)
        portfolios[:, partners] = digits
        values = _evaluate(codes, projected, target, portfolios, measure, capability)
        low, high = min(low, float(values.min())), max(high, float(values.max()))
    return low, high, total
