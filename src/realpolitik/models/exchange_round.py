"""One round of the exchange model (docs/models/exchange.md, One round): candidates, execution in gain order,
position update."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from realpolitik.models.exchange_moves import Candidates, Moves, RoundState, compute
from realpolitik.models.exchange_settings import ExchangeSettings


@dataclass(frozen=True)
class Inputs:
    """The model's arrays: positions (n, m) on 0-100, saliences (n, m) on 0-1, capabilities (n, m), which
    actor-issue pairs hold a stance, and which issue pairs may be traded (m, m, symmetric)."""

    x: np.ndarray
    s: np.ndarray
    c: np.ndarray
    present: np.ndarray
    tradable: np.ndarray

    @property
    def w(self) -> np.ndarray:
        """Capability × salience, 0 where an actor has no stance."""
        return np.where(self.present, self.c * self.s, 0.0)


@dataclass
class RoundResult:
    """A round's outcome: voting positions, next start positions and the exchanges executed, in order."""

    start: np.ndarray
    voting: np.ndarray
    next_start: np.ndarray
    exchanges: list[dict[str, Any]] = field(default_factory=list)
    candidates: int = 0
    dropped: int = 0


def outcome(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Return the expected outcome of every issue: Σ w x / Σ w, kept within the positions' range as
    `central.weighted_mean` keeps it (rounding of the sums can step past it: 100.00000000000001); 0 where no actor
    has weight (`scenario_inputs` refuses such an issue)."""
    total = w.sum(axis=0)
    mean = np.clip((w * x).sum(axis=0) / np.where(total > 0, total, 1.0), x.min(axis=0), x.max(axis=0))
    return np.where(total > 0, mean, 0.0)


def build_candidates(inp: Inputs, x: np.ndarray, settings: ExchangeSettings) -> Candidates:
    """Return every possible exchange of a round (steps 2-3): actor pairs on opposite sides of the expected outcome
    on both issues of a tradable pair, roles by salience ratio, in input order (issue pair, then actor pair).

    Pairs that can have no positive gain are left out: a zero weight on the supply issue, a zero salience on the
    demand issue, or equal salience ratios (their gain is 0, so they would be dropped at once)."""
    n, m = x.shape
    w, s = inp.w, inp.s
    W = w.sum(axis=0)
    o = outcome(x, w)
    left = (x <= o) if settings.at_outcome == "left" else (x < o)
    ip, iq = np.nonzero(np.triu(inp.tradable, 1))
    ai, aj = np.triu_indices(n, 1)
    ip2, iq2 = ip[:, None], iq[:, None]
    ai2, aj2 = ai[None, :], aj[None, :]
    present = inp.present
    ok = (present[ai2, ip2] & present[ai2, iq2] & present[aj2, ip2] & present[aj2, iq2]
          & (left[ai2, ip2] != left[aj2, ip2]) & (left[ai2, iq2] != left[aj2, iq2]))
    k_pair, k_actor = np.nonzero(ok)
    p, q, i, j = ip[k_pair], iq[k_pair], ai[k_actor], aj[k_actor]
    # a = the actor with the larger s_p / s_q (ties: i), compared without dividing
    j_is_a = s[i, p] * s[j, q] < s[j, p] * s[i, q]
    a, b = np.where(j_is_a, j, i), np.where(j_is_a, i, j)
    sap, saq, sbp, sbq = s[a, p], s[a, q], s[b, p], s[b, q]
    keep = (w[a, q] > 0) & (w[b, p] > 0) & (sap * sbq > saq * sbp)
    idx = np.nonzero(keep)[0]
    return Candidates(a[idx], b[idx], p[idx], q[idx], sap[idx], saq[idx], sbp[idx], sbq[idx], w[a[idx], q[idx]],
                      w[b[idx], p[idx]], W[p[idx]], W[q[idx]])


class _Index:
    """Candidate indices by (actor, issue) key, for the roles an actor-issue can play in a candidate."""

    def __init__(self, c: Candidates, m: int) -> None:
        self.groups = {role: _group(keys) for role, keys in (
            ("supply_a", c.a * m + c.q), ("supply_b", c.b * m + c.p),
            ("demand_a", c.a * m + c.p), ("demand_b", c.b * m + c.q),
            ("issue_p", c.p), ("issue_q", c.q))}

    def get(self, role: str, key: int) -> np.ndarray:
        order, spans = self.groups[role]
        span = spans.get(int(key))
        return order[span[0]:span[1]] if span else _EMPTY


_EMPTY = np.zeros(0, dtype=np.intp)


def _group(keys: np.ndarray) -> tuple[np.ndarray, dict[int, tuple[int, int]]]:
    order = np.argsort(keys, kind="stable")
    unique, starts = np.unique(keys[order], return_index=True)
    ends = np.append(starts[1:], keys.size)
    return order, dict(zip(unique.tolist(), zip(starts.tolist(), ends.tolist(), strict=True), strict=True))


def _affected(index: _Index, m: int, a: int, b: int, p: int, q: int, s: ExchangeSettings) -> np.ndarray:
    """Return the candidates to recompute after executing (a supplies q, b supplies p), step 7, AMB-9."""
    if s.recompute == "issues":
        return np.concatenate([index.get(r, d) for r in ("issue_p", "issue_q") for d in (p, q)])
    moved = [a * m + q, b * m + p]          # (actor, issue) pairs whose voting position changed
    demanded = [a * m + p, b * m + q]       # (demander, issue) pairs that saw a linked update
    parts = [index.get(r, k) for r in ("supply_a", "supply_b") for k in moved]
    parts += [index.get(r, k) for r in ("demand_a", "demand_b") for k in demanded]
    if s.demand_position == "current":
        parts += [index.get(r, k) for r in ("demand_a", "demand_b") for k in moved]
    return np.concatenate(parts)


def run_round(inp: Inputs, x: np.ndarray, settings: ExchangeSettings, rng: np.random.Generator) -> RoundResult:
    """Run one round from start positions `x` (step 7): execute candidates in descending gain with updates."""
    n, m = x.shape
    c = build_candidates(inp, x, settings)
    st = RoundState.start(np.where(inp.present, x, 0.0), inp.w)
    result = RoundResult(x, x.copy(), x.copy(), candidates=len(c))
    if not len(c):
        return result
    everything = np.arange(len(c))
    mv = compute(c, everything, st, settings, rng)
    gain = np.where(mv.valid, (mv.Ga + mv.Gb) / 2, -np.inf)
    index = _Index(c, m)
    executed = 0
    refresh = settings.cap_outcome == "running" and settings.recompute != "all"
    fresh = np.zeros(len(c), dtype=bool)
    while True:
        k = _pick(gain, settings, rng)
        if k < 0:
            break
        if refresh and not fresh[k]:
            fresh[k] = True
            if _refresh(c, k, st, settings, rng, mv, gain):
                continue
        gain[k] = -np.inf
        a, b, p, q = int(c.a[k]), int(c.b[k]), int(c.p[k]), int(c.q[k])
        moves = _row(mv, k)
        if settings.recheck_sides and not _still_opposite(st, inp, x, a, b, p, q):
            continue
        executed += 1
        result.exchanges.append(_record(executed, st, inp, c, k, moves, x, settings))
        _apply(st, a, b, p, q, moves)
        fresh[:] = False
        affected = everything[np.isfinite(gain)] if settings.recompute == "all" else _affected(
            index, m, a, b, p, q, settings)
        _recompute(c, np.unique(affected[np.isfinite(gain[affected])]), st, settings, rng, mv, gain)
    result.dropped = len(c) - executed
    result.voting = np.where(inp.present, st.y, x)
    result.next_start = _update(x, st.y, inp, result.exchanges, settings)
    return result


def _recompute(c: Candidates, i: np.ndarray, st: RoundState, s: ExchangeSettings, rng: np.random.Generator,
               mv: Moves, gain: np.ndarray) -> None:
    """Recompute candidates `i` from the current state; store their moves and gains (−inf: dropped)."""
    if i.size:
        again = compute(c, i, st, s, rng)
        _store(mv, i, again)
        gain[i] = np.where(again.valid, (again.Ga + again.Gb) / 2, -np.inf)


def _refresh(c: Candidates, k: int, st: RoundState, s: ExchangeSettings, rng: np.random.Generator, mv: Moves,
             gain: np.ndarray) -> bool:
    """With caps on the running outcome, recompute the best candidate `k` against the current state before it is
    executed (the others are not all recomputed after each execution); return True if its gain fell, so that it
    goes back into the queue."""
    before = gain[k]
    _recompute(c, np.array([k]), st, s, rng, mv, gain)
    return bool(gain[k] < before)


def _pick(gain: np.ndarray, s: ExchangeSettings, rng: np.random.Generator) -> int:
    k = int(np.argmax(gain))
    if not np.isfinite(gain[k]):
        return -1
    if s.ties == "random":
        tied = np.nonzero(gain >= gain[k] - 1e-20)[0]
        if tied.size > 1:
            return int(tied[rng.integers(tied.size)])
    return k


def _still_opposite(st: RoundState, inp: Inputs, x: np.ndarray, a: int, b: int, p: int, q: int) -> bool:
    """AMB-6: is the running outcome still short of each demander's position on its demand issue?"""
    o = st.running_sum / np.where(st.W > 0, st.W, 1.0)
    return bool(np.sign(x[a, p] - o[p]) == np.sign(x[a, p] - x[b, p]) != 0
                and np.sign(x[b, q] - o[q]) == np.sign(x[b, q] - x[a, q]) != 0)


def _row(mv, k: int) -> dict[str, Any]:
    return {name: getattr(mv, name)[k] for name in ("ya", "yb", "da", "db", "dOp", "dOq", "Ga", "Gb", "Op", "Oq")}


def _store(mv, i: np.ndarray, new) -> None:
    for name in ("ya", "yb", "da", "db", "dOp", "dOq", "Ga", "Gb", "Op", "Oq", "valid"):
        getattr(mv, name)[i] = getattr(new, name)


def _apply(st: RoundState, a: int, b: int, p: int, q: int, moves: dict[str, Any]) -> None:
    for actor, issue, new, demander in ((a, q, moves["ya"], b), (b, p, moves["yb"], a)):
        old = st.y[actor, issue]
        st.direction[actor, issue] = np.sign(new - old)
        st.moved[actor, issue] += abs(new - old)
        st.y[actor, issue] = new
        wk = st.w[actor, issue]
        st.running_sum[issue] += wk * (new - old)
        seen = st.linked[demander, issue, actor]
        st.linked_sum[demander, issue] += wk * (new - seen)
        st.linked[demander, issue, actor] = new


def _record(number: int, st: RoundState, inp: Inputs, c: Candidates, k: int, mv: dict[str, Any], x: np.ndarray,
            s: ExchangeSettings) -> dict[str, Any]:
    """Return an executed exchange as data, with every actor's effect (step 8); actor and issue are indices."""
    a, b, p, q = int(c.a[k]), int(c.b[k]), int(c.p[k]), int(c.q[k])
    Op, Oq = mv["Op"], mv["Oq"]
    effect = np.zeros(x.shape[0])
    for issue, (o0, o1) in ((p, Op), (q, Oq)):
        here = inp.present[:, issue]
        effect += np.where(here, inp.s[:, issue] * (np.abs(o0 - x[:, issue]) - np.abs(o1 - x[:, issue])), 0.0)
    if s.partner_effect == "gain":
        effect[a], effect[b] = mv["Ga"], mv["Gb"]
    return {"number": number, "a": a, "b": b, "p": p, "q": q,
            "a_from": float(st.y[a, q]), "a_to": float(mv["ya"]), "b_from": float(st.y[b, p]), "b_to": float(mv["yb"]),
            "gain_a": float(mv["Ga"]), "gain_b": float(mv["Gb"]),
            "outcome_p": [float(Op[0]), float(Op[1])], "outcome_q": [float(Oq[0]), float(Oq[1])],
            "effects": effect, "on_any": inp.present[:, p] | inp.present[:, q]}


def _update(x: np.ndarray, y: np.ndarray, inp: Inputs, exchanges: list[dict[str, Any]],
            s: ExchangeSettings) -> np.ndarray:
    """Rule U (step 9): each actor-issue moved in the round goes part of the way to its voting position."""
    moved = np.zeros(x.shape, dtype=bool)
    for e in exchanges:
        moved[e["a"], e["q"]] = moved[e["b"], e["p"]] = True
    share = s.fixed_weight + s.salience_weight * (1.0 - inp.s)
    return np.where(moved, x + share * (y - x), x)
