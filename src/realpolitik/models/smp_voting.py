"""Voting and probabilistic Condorcet elections of KTAB's Spatial Model of Politics, vectorised with NumPy.

Follows KTAB (KAPSARC Toolkit for Behavioral Analysis, Wise et al. 2015-2019, MIT licence): an actor of weight
w votes between options a and b in proportion to a function of its utility difference; coalition strengths sum
the votes; a victory-probability model turns coalition strengths into P[a beats b]; a probabilistic Condorcet
election (PCE) turns those pairwise probabilities into a probability for each option. Every function here works
on arrays and is exact to KTAB's definitions (see ``docs/models/smp.md`` for the formulas).
"""

from __future__ import annotations

import numpy as np

VOTING_RULES = ("Binary", "PropBin", "Prop", "PropCbc", "Cubic", "ASymProsp")
VICTORY_PROB_MODELS = ("Linear", "Square", "Quartic", "Octic", "Binary")
PCE_MODELS = ("Conditional", "MarkovIncentive", "MarkovUniform")

COALITION_FLOOR = 1e-8  # KTAB's minimum coalition strength (options and bargains)
BINARY_VOTE_SCALE = 1e-8  # utility difference that earns a full binary vote
BINARY_VP_THRESHOLD = 1.10  # coalition ratio that gives certain victory under the Binary victory model
BINARY_VP_FLOOR = 1e-6  # the loser's share under a certain Binary victory
MARKOV_INCENTIVE_TOL = 1e-8
MARKOV_UNIFORM_TOL = 1e-6
MARKOV_MAX_ITER = 10_000


def utility(distance: np.ndarray, risk: np.ndarray | float) -> np.ndarray:
    """Return KTAB's risk-adjusted utility u(d; R) = (1 − d)(1 + d·R) of a distance d in [0, 1] (d > 1 uses R).

    R = 1 gives 1 − d² (concave, risk-averse), R = 0 gives 1 − d (linear), R = −1 gives (1 − d)² (convex).
    Unitless, in [0, 1] for d in [0, 1]; arrays broadcast.
    """
    d = np.asarray(distance, dtype=float)
    return (1.0 - d) * (1.0 + np.minimum(d, 1.0) * risk)


def vote(rule: str, weight: np.ndarray | float, diff: np.ndarray) -> np.ndarray:
    """Return the vote of an actor of `weight` for option a over b, where `diff` = u(a) − u(b) (arrays broadcast).

    Positive votes favour a. Rules: Binary w·clip(D/1e-8, −1, 1); PropBin w(0.8D + 0.2·binary); Prop w·D;
    PropCbc w(0.5D + 0.5D³); Cubic w·D³; ASymProsp w·D for losses and (2/3)w·D for gains.
    """
    d = np.asarray(diff, dtype=float)
    if rule == "Prop":
        return weight * d
    if rule == "Binary":
        return weight * np.clip(d / BINARY_VOTE_SCALE, -1.0, 1.0)
    if rule == "PropBin":
        return weight * (0.8 * d + 0.2 * np.clip(d / BINARY_VOTE_SCALE, -1.0, 1.0))
    if rule == "PropCbc":
        return weight * (0.5 * d + 0.5 * d**3)
    if rule == "Cubic":
        return weight * d**3
    if rule == "ASymProsp":
        return weight * np.where(d > 0, (2.0 / 3.0) * d, d)
    raise ValueError(f"unknown voting rule {rule!r}")


def coalitions(rule: str, weights: np.ndarray, utilities: np.ndarray) -> np.ndarray:
    """Return the coalition-strength matrix C (options × options) of voters with `weights` and
    `utilities` (voters × options): C[a, b] = 1e-8 + Σ_k max(0, v_k(a, b)) for a > b, C[b, a] the opposing
    side, both computed from v_k(a, b) with a > b as KTAB does (it matters for the asymmetric rule);
    C[a, a] = 1e-8.
    """
    u = np.asarray(utilities, dtype=float)
    diff = u[:, :, None] - u[:, None, :]  # [k, a, b] = u_ka - u_kb
    v = vote(rule, np.asarray(weights, dtype=float)[:, None, None], diff)
    pro = np.maximum(v, 0.0).sum(axis=0)  # support for a over b
    con = np.maximum(-v, 0.0).sum(axis=0)  # support for b over a
    lower = np.tril(np.ones(pro.shape, dtype=bool), -1)
    c = np.where(lower, pro, con.T) + COALITION_FLOOR
    np.fill_diagonal(c, COALITION_FLOOR)
    return c


def victory_probability(model: str, strength: np.ndarray, against: np.ndarray) -> np.ndarray:
    """Return P[a beats b] from the coalition strengths for a (`strength`) and for b (`against`).

    Linear/Square/Quartic/Octic: f(s)/(f(s) + f(t)) with f the 1st/2nd/4th/8th power. Binary: a ratio of 1.10
    or more is certain (the loser keeps a 1e-6 share), linear in s/(s+t) in between (KTAB's rescaling).
    """
    s, t = np.asarray(strength, dtype=float), np.asarray(against, dtype=float)
    if model == "Binary":
        thr = BINARY_VP_THRESHOLD
        r = s / (s + t)
        mid = (r * (thr + 1.0) - 1.0) / (thr - 1.0)
        x1 = np.where(s >= thr * t, 1.0, np.where(t >= thr * s, BINARY_VP_FLOOR, mid))
        x2 = np.where(s >= thr * t, BINARY_VP_FLOOR, np.where(t >= thr * s, 1.0, 1.0 - mid))
        return x1 / (x1 + x2)
    power = {"Linear": 1, "Square": 2, "Quartic": 4, "Octic": 8}[model]
    fs, ft = s**power, t**power
    return fs / (fs + ft)


def pairwise_probability(model: str, c: np.ndarray) -> np.ndarray:
    """Return the matrix P[a, b] = P[a beats b] from the coalition matrix `c`; P[a, a] = 1/2 and P + Pᵀ = 1."""
    p = victory_probability(model, c, c.T)
    lower = np.tril(np.ones(p.shape, dtype=bool), -1)
    p = np.where(lower, p, 1.0 - p.T)  # KTAB evaluates a > b and mirrors it
    np.fill_diagonal(p, 0.5)
    return p


def condorcet_election(pce: str, victory_model: str, c: np.ndarray) -> np.ndarray:
    """Return the probability of each option (sums to 1) from the coalition matrix `c` by the PCE model.

    Conditional: p_a ∝ Π_b P[a, b]. MarkovUniform: uniform start, q_a = (1/n) Σ_b P[a, b](p_a + p_b),
    p ← (p + q)/2 until max|q − p| < 1e-6. MarkovIncentive: challenge incentive I = C∘P (+1e-10 on the
    diagonal), Q[a, b] = I[a, b]/Σ_k I[k, b], q_a = Σ_b P[a, b](p_a Q[b, a] + p_b Q[a, b]), until < 1e-8.
    """
    p_win = pairwise_probability(victory_model, c)
    n = c.shape[0]
    if pce == "Conditional":
        prod = np.prod(p_win, axis=1)
        total = prod.sum()
        if not total > 0:  # every product underflowed: compare in logs instead
            with np.errstate(divide="ignore"):
                logs = np.log(p_win).sum(axis=1)
            prod = np.exp(logs - logs.max())
            total = prod.sum()
        return prod / total
    p = np.full(n, 1.0 / n)
    if pce == "MarkovUniform":
        for _ in range(MARKOV_MAX_ITER):
            q = (p_win * (p[:, None] + p[None, :])).sum(axis=1) / n
            change = np.max(np.abs(q - p))
            p = (p + q) / 2.0
            if change <= MARKOV_UNIFORM_TOL:
                break
        return p
    if pce == "MarkovIncentive":
        incentive = c * p_win
        incentive[np.diag_indices(n)] += 1e-10
        challenge = incentive / incentive.sum(axis=0, keepdims=True)
        for _ in range(MARKOV_MAX_ITER):
            q = (p_win * (p[:, None] * challenge.T + p[None, :] * challenge)).sum(axis=1)
            change = np.max(np.abs(q - p))
            p = (p + q) / 2.0
            if change <= MARKOV_INCENTIVE_TOL:
                break
        return p
    raise ValueError(f"unknown PCE model {pce!r}")


def scalar_pce(rule: str, victory_model: str, pce: str, weights: np.ndarray, utilities: np.ndarray) -> np.ndarray:
    """Return the probability of each option (columns of `utilities`, voters × options) when voters of
    `weights` vote by `rule`: coalitions, then victory probabilities, then the Condorcet election."""
    return condorcet_election(pce, victory_model, coalitions(rule, weights, utilities))
