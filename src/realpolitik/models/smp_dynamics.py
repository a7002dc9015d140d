"""The turn-by-turn dynamics of KTAB's Spatial Model of Politics: challenges, bargains, queues and moves.

`simulate` runs the model from initial positions to its stopping rule and returns an `SmpTrace` holding every
state (positions, ideals, risk attitudes, position probabilities) and every step (targets, bargains, queues,
winners, stopping statistic). Work per turn is O(N³): the challenge evaluation over all ordered pairs and their
third parties, and one Condorcet election per queue.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from realpolitik.models.smp_challenge import (
    distances,
    evaluate_challenges,
    infer_risk,
    interpolate_bargains,
    perceived_risk,
    perceived_utilities,
    unique_classes,
)
from realpolitik.models.smp_voting import scalar_pce, utility

BARGN_MODELS = ("InitOnlyInterp", "InitRcvrInterp", "PWCompInterp")
STATE_TRANSITIONS = ("Deterministic", "Stochastic")
MIN_GAIN = 1e-5  # a challenge must promise more than this
STOP_RATIO = 0.02
STOP_EPS = 1e-4
MIN_STEPS = 2
SAME_POSITION = 1e-3  # positions closer than this (Euclidean, [0, 1] scale) count as one option


@dataclass(frozen=True)
class SmpSettings:
    """The nine KTAB model parameters, the compatibility switch and the turn cap (KTAB's defaults)."""

    victory_prob_model: str = "Linear"
    pce_model: str = "Conditional"
    state_transitions: str = "Deterministic"
    voting_rule: str = "Prop"
    big_r_adjust: str = "OneThird"
    big_r_range: str = "Mid"
    third_party_commit: str = "SemiCommit"
    inter_vec_brgn: str = "S2P2"
    bargn_model: str = "InitOnlyInterp"
    ktab_compat: bool = True
    max_rounds: int = 100


@dataclass(frozen=True)
class StateView:
    """One state: positions and ideals (N, D) on [0, 1], risk attitudes R (N,) inferred in it, and the
    reported probability (N,) of each actor's position."""

    positions: np.ndarray
    ideals: np.ndarray
    risk: np.ndarray
    probability: np.ndarray


@dataclass(frozen=True)
class Bargains:
    """The bargains proposed in one step: initiator and receiver (M,), each side's copy (M, D) on [0, 1],
    and the perspective each was formed from ("initiator", "receiver" or "compromise")."""

    initiator: np.ndarray
    receiver: np.ndarray
    initiator_position: np.ndarray
    receiver_position: np.ndarray
    perspective: tuple[str, ...]


@dataclass(frozen=True)
class Queue:
    """One actor's queue: its options (bargain indices, −1 = status quo), their PCE probabilities and the
    index (into `options`) of the winner."""

    options: np.ndarray
    probability: np.ndarray
    chosen: int

    @property
    def winner(self) -> int:
        """Return the winning bargain's index, or −1 for the status quo."""
        return int(self.options[self.chosen])


@dataclass(frozen=True)
class Step:
    """One step from state t−1 to t: each actor's target (−1 = none), expected gain and estimated victory
    probability against it, the bargains, every actor's queue and the stopping statistic."""

    target: np.ndarray
    gain: np.ndarray
    win_probability: np.ndarray
    bargains: Bargains
    queues: tuple[Queue, ...]
    change: float


@dataclass
class SmpTrace:
    """A whole run: states 0..T and steps 1..T (`steps[t-1]` leads to `states[t]`), and why it stopped."""

    states: list[StateView] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    stopped: str = ""


@dataclass(frozen=True)
class _Assessment:
    d: np.ndarray
    risk: np.ndarray
    own: np.ndarray  # own[i, j] = u(d_ij; R_i), i's own utility for j's position


def simulate(positions: np.ndarray, salience: np.ndarray, capability: np.ndarray, accommodation: np.ndarray,
             settings: SmpSettings, rng: np.random.Generator) -> SmpTrace:
    """Run SMP from `positions` (N, D on [0, 1]) until the stopping rule holds; return the `SmpTrace`.

    Stops after step t when t reaches `settings.max_rounds`, or when t ≥ 2 and Δ_t/(Δ_1 + 1e-4) < 0.02 where
    Δ_t = Σ_i ‖x_i(t) − x_i(t−1)‖ (Euclidean, [0, 1] scale).
    """
    x = np.array(positions, dtype=float)
    y = x.copy()
    trace = SmpTrace()
    first_delta = 0.0
    while True:
        view = _assess(x, y, salience, capability, settings)
        trace.states.append(StateView(x, y, view.risk, _reported_probability(x, view.own, capability, settings)))
        t = len(trace.steps)
        if t >= settings.max_rounds:
            trace.stopped = "max_rounds"
            return trace
        if t >= MIN_STEPS and trace.steps[-1].change < STOP_RATIO:
            trace.stopped = "converged"
            return trace
        step_parts, x_new = _step(x, y, salience, capability, view, settings, rng)
        delta = float(np.linalg.norm(x_new - x, axis=1).sum())
        if t == 0:
            first_delta = delta
        trace.steps.append(Step(*step_parts, change=delta / (first_delta + STOP_EPS)))
        y = accommodation @ x_new + (1.0 - np.minimum(1.0, accommodation.sum(axis=1)))[:, None] * y
        x = x_new


def _assess(x, y, salience, capability, settings: SmpSettings) -> _Assessment:
    d = distances(y, x, salience)
    risk, _ = infer_risk(d, x, capability, settings.voting_rule, settings.victory_prob_model, settings.pce_model,
                         settings.big_r_range, dedupe=not settings.ktab_compat)
    return _Assessment(d, risk, utility(d, risk[:, None]))


def _reported_probability(x, own, capability, settings: SmpSettings) -> np.ndarray:
    """Probability of each actor's position: a PCE over unique positions with each actor's own utilities."""
    reps, assigned, last = unique_classes(x, SAME_POSITION)
    p = scalar_pce(settings.voting_rule, settings.victory_prob_model, settings.pce_model, capability, own[:, reps])
    return p[last] if settings.ktab_compat else p[assigned]


def _step(x, y, salience, capability, view: _Assessment, settings: SmpSettings, rng):
    n = x.shape[0]
    total = salience.sum(axis=1)
    weight = total * capability
    U = perceived_utilities(view.d, perceived_risk(view.risk, settings.big_r_adjust))
    vp = None if settings.ktab_compat else settings.victory_prob_model
    ii, jj = np.nonzero(~np.eye(n, dtype=bool))
    phi, gain = evaluate_challenges(U, weight, total, ii, ii, jj, ii, settings.voting_rule,
                                    settings.third_party_commit, vp)
    gains = np.full((n, n), -np.inf)
    gains[ii, jj] = gain
    target = np.argmax(gains, axis=1)  # ties go to the lowest index
    best = gains[np.arange(n), target]
    target = np.where(best > MIN_GAIN, target, -1)
    win = np.full(n, np.nan)
    has = target >= 0
    phis = np.zeros((n, n))
    phis[ii, jj] = phi
    win[has] = phis[has, target[has]]
    bargains = _bargains(x, salience, capability, total, U, weight, np.nonzero(has)[0], target[has],
                         win[has], settings)
    queues, x_new = _resolve(x, y, salience, capability, view, bargains, settings, rng)
    return (target, np.where(has, best, np.nan), win, bargains, queues), x_new


def _bargains(x, salience, capability, total, U, weight, ini, rec, p_i, settings: SmpSettings) -> Bargains:
    scheme = settings.inter_vec_brgn
    b_i, b_j = interpolate_bargains(x[ini], x[rec], salience[ini], salience[rec], p_i, scheme)
    if settings.bargn_model == "InitOnlyInterp" or ini.size == 0:
        return Bargains(ini, rec, b_i, b_j, ("initiator",) * ini.size)
    vp = None if settings.ktab_compat else settings.victory_prob_model
    phi_j, gain_i_by_j = evaluate_challenges(U, weight, total, rec, ini, rec, ini, settings.voting_rule,
                                             settings.third_party_commit, vp)
    # KTAB passes the receiver's estimate of the initiator's expected gain where a probability belongs.
    p_alt = gain_i_by_j if settings.ktab_compat else phi_j
    a_i, a_j = interpolate_bargains(x[ini], x[rec], salience[ini], salience[rec], p_alt, scheme)
    if settings.bargn_model == "InitRcvrInterp":
        inter = np.stack([np.arange(ini.size), np.arange(ini.size)], axis=1).ravel()
        both_i = np.stack([b_i, a_i], axis=1).reshape(-1, x.shape[1])
        both_j = np.stack([b_j, a_j], axis=1).reshape(-1, x.shape[1])
        return Bargains(ini[inter], rec[inter], both_i, both_j, ("initiator", "receiver") * ini.size)
    # PWCompInterp: KTAB weights the receiver's bargain by the initiator's capability (c_i S_j).
    w_own = capability[ini] * total[ini]
    w_alt = (capability[ini] if settings.ktab_compat else capability[rec]) * total[rec]
    mix = lambda own, alt: (w_own[:, None] * own + w_alt[:, None] * alt) / (w_own + w_alt)[:, None]  # noqa: E731
    return Bargains(ini, rec, mix(b_i, a_i), mix(b_j, a_j), ("compromise",) * ini.size)


def _resolve(x, y, salience, capability, view: _Assessment, bargains: Bargains, settings: SmpSettings, rng):
    """Resolve every actor's queue by a Condorcet election; return the queues and the new positions."""
    n = x.shape[0]
    own = view.own
    rowsum = own.sum(axis=1)
    ini, rec = bargains.initiator, bargains.receiver
    u_i = utility(distances(y, bargains.initiator_position, salience), view.risk[:, None])
    u_j = utility(distances(y, bargains.receiver_position, salience), view.risk[:, None])
    value = (rowsum[:, None] - own[:, ini] - own[:, rec] + u_i + u_j) / n  # (voters, bargains)
    status_quo = rowsum / n
    members = [np.nonzero((ini == k) | (rec == k))[0] for k in range(n)]
    probability: list[np.ndarray] = [np.empty(0)] * n
    sizes = np.array([m.size for m in members])
    for size in np.unique(sizes):  # queues of equal length are elected together in one batch
        group = np.nonzero(sizes == size)[0]
        cols = np.array([members[k] for k in group], dtype=int).reshape(group.size, size)
        utilities = np.concatenate([np.broadcast_to(status_quo[None, :, None], (group.size, n, 1)),
                                    np.moveaxis(value[:, cols], 0, 1)], axis=2)  # (queues, voters, options)
        p = scalar_pce(settings.voting_rule, settings.victory_prob_model, settings.pce_model, capability,
                       utilities)
        for row, k in enumerate(group):
            probability[k] = p[row]
    x_new = x.copy()
    queues = []
    for k in range(n):  # in actor order, so stochastic draws are reproducible
        p = probability[k]
        options = np.concatenate([[-1], members[k]]).astype(int)
        if settings.state_transitions == "Deterministic":
            chosen = int(np.argmax(p))
        else:
            chosen = int(rng.choice(p.size, p=p / p.sum()))
        queues.append(Queue(options, p, chosen))
        m = options[chosen]
        if m >= 0:
            x_new[k] = bargains.initiator_position[m] if ini[m] == k else bargains.receiver_position[m]
    return tuple(queues), x_new
