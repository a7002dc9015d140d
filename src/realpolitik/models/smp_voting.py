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
CHUNK_ELEMENTS = 1 << 15  # bound on the votes held at once: cache-sized temporaries are much faster


def utility(distance: np.ndarray, risk: np.ndarray | float) -> np.ndarray:
    """Return KTAB's risk-adjusted utility u(d; R) = (1 − d)(1 + d·R) of a distance d in [0, 1] (d > 1 uses R).

    R = 1 gives 1 − d² (concave, risk-averse), R = 0 gives 1 − d (linear), R = −1 gives (1 − d)² (convex).
    Unitless, in [0, 1] for d in [0, 1]; arrays broadcast.
    """
    d = np.asarray(distance, dtype=float)
    # In place on one array of the broadcast shape: the same operations (so bit-identical results) without two
    # fresh N×N×N temporaries per call, which made this ~10× slower at 80 actors (page faults on each new array).
    out = np.multiply(np.minimum(d, 1.0), risk)
    out += 1.0
    out *= 1.0 - d
    return out


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
    """Return the coalition-strength matrix C (..., options, options) of voters with `weights` (voters,) and
    `utilities` (..., voters, options): C[a, b] = 1e-8 + Σ_k max(0, v_k(a, b)) for a > b, C[b, a] the opposing
    side, both computed from v_k(a, b) with a > b as KTAB does (it matters for the asymmetric rule);
    C[a, a] = 1e-8. Leading axes are independent elections.
    """
    u = np.asarray(utilities, dtype=float)
    w = np.asarray(weights, dtype=float)
    voters, n = u.shape[-2:]
    flat = u.reshape(-1, voters, n)
    pro = np.empty((flat.shape[0], n, n))  # support for a over b
    con = np.empty_like(pro)  # support for b over a
    per_election = voters * n * n
    if per_election <= CHUNK_ELEMENTS:  # small elections: several at once
        step = CHUNK_ELEMENTS // per_election
        for lo in range(0, flat.shape[0], step):
            block = flat[lo:lo + step]
            v = vote(rule, w[:, None, None], block[:, :, :, None] - block[:, :, None, :])
            pro[lo:lo + step], con[lo:lo + step] = _sides(v, axis=1)
    else:  # one large election: a block of rows a at a time (cache-sized temporaries)
        rows = max(1, CHUNK_ELEMENTS // (voters * n))
        for e in range(flat.shape[0]):
            for lo in range(0, n, rows):
                v = vote(rule, w[:, None, None], flat[e, :, lo:lo + rows, None] - flat[e, :, None, :])
                pro[e, lo:lo + rows], con[e, lo:lo + rows] = _sides(v, axis=0)
    pro = pro.reshape(*u.shape[:-2], n, n)
    con = con.reshape(*u.shape[:-2], n, n)
    n = u.shape[-1]
    lower = np.tril(np.ones((n, n), dtype=bool), -1)
    c = np.where(lower, pro, np.swapaxes(con, -1, -2)) + COALITION_FLOOR
    c[..., np.arange(n), np.arange(n)] = COALITION_FLOOR
    return c


def _sides(v: np.ndarray, axis: int) -> tuple[np.ndarray, np.ndarray]:
    """Return (Σ max(0, v), Σ max(0, −v)) over the voters' `axis`."""
    pos = np.maximum(v, 0.0)
    total_pos = pos.sum(axis=axis)
    pos -= v  # now max(0, −v)
    return total_pos, pos.sum(axis=axis)


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
    """Return P[a, b] = P[a beats b] from the coalition matrix `c` (..., n, n); P[a, a] = 1/2, P + Pᵀ = 1."""
    ct = np.swapaxes(c, -1, -2)
    p = victory_probability(model, c, ct)
    n = c.shape[-1]
    lower = np.tril(np.ones((n, n), dtype=bool), -1)
    p = np.where(lower, p, 1.0 - np.swapaxes(p, -1, -2))  # KTAB evaluates a > b and mirrors it
    p[..., np.arange(n), np.arange(n)] = 0.5
    return p


def condorcet_election(pce: str, victory_model: str, c: np.ndarray) -> np.ndarray:
    """Return the probability of each option (..., n), summing to 1, from coalition matrices `c` (..., n, n).

    Conditional: p_a ∝ Π_b P[a, b]. MarkovUniform: uniform start, q_a = (1/n) Σ_b P[a, b](p_a + p_b),
    p ← (p + q)/2 until max|q − p| ≤ 1e-6. MarkovIncentive: challenge incentive I = C∘P (+1e-10 on the
    diagonal), Q[a, b] = I[a, b]/Σ_k I[k, b], q_a = Σ_b P[a, b](p_a Q[b, a] + p_b Q[a, b]), until ≤ 1e-8.
    Each election in a batch stops on its own criterion, as if run alone.
    """
    p_win = pairwise_probability(victory_model, c)
    n = c.shape[-1]
    if pce == "Conditional":
        prod = np.prod(p_win, axis=-1)
        total = prod.sum(axis=-1, keepdims=True)
        if not np.all(total > 0):  # a product underflowed to zero everywhere: compare in logs instead
            with np.errstate(divide="ignore"):
                logs = np.log(p_win).sum(axis=-1)
            prod = np.exp(logs - logs.max(axis=-1, keepdims=True))
            total = prod.sum(axis=-1, keepdims=True)
        return prod / total
    if pce == "MarkovUniform":
        def update(p):
            return (p_win * (p[..., :, None] + p[..., None, :])).sum(axis=-1) / n
        return _iterate(update, c.shape[:-1], MARKOV_UNIFORM_TOL)
    if pce == "MarkovIncentive":
        incentive = c * p_win
        incentive[..., np.arange(n), np.arange(n)] += 1e-10
        challenge = incentive / incentive.sum(axis=-2, keepdims=True)
        challenge_t = np.swapaxes(challenge, -1, -2)

        def update(p):
            return (p_win * (p[..., :, None] * challenge_t + p[..., None, :] * challenge)).sum(axis=-1)
        return _iterate(update, c.shape[:-1], MARKOV_INCENTIVE_TOL)
    raise ValueError(f"unknown PCE model {pce!r}")


def _iterate(update, shape: tuple[int, ...], tol: float) -> np.ndarray:
    """Run p ← (p + q)/2 with q = update(p) from the uniform distribution; each election (leading index)
    stops after the first iteration whose max|q − p| ≤ tol."""
    p = np.full(shape, 1.0 / shape[-1])
    active = np.ones(shape[:-1], dtype=bool)
    for _ in range(MARKOV_MAX_ITER):
        q = update(p)
        change = np.max(np.abs(q - p), axis=-1)
        p = np.where(active[..., None], (p + q) / 2.0, p)
        active &= change > tol
        if not active.any():
            break
    return p


def scalar_pce(rule: str, victory_model: str, pce: str, weights: np.ndarray, utilities: np.ndarray) -> np.ndarray:
    """Return the probability of each option (columns of `utilities`, (..., voters, options)) when voters of
    `weights` vote by `rule`: coalitions, then victory probabilities, then the Condorcet election (leading axes
    are independent elections)."""
    return condorcet_election(pce, victory_model, coalitions(rule, weights, utilities))
