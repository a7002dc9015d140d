"""Move sizes of candidate exchanges (docs/models/exchange.md, One round, steps 4-5; random rates), vectorised
over a batch of candidates.

Notation (step 3): in a candidate, actor ``a`` demands issue ``p`` and supplies ``q`` (it moves on q toward b);
actor ``b`` demands ``q`` and supplies ``p``. Outcome shifts ``dOp``, ``dOq`` are magnitudes; moves ``da``, ``db``
are distances, applied toward the partner's position.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from realpolitik.models.exchange_settings import ExchangeSettings


@dataclass
class Candidates:
    """The static data of every candidate exchange of a round, one entry per candidate, in input order."""

    a: np.ndarray
    b: np.ndarray
    p: np.ndarray
    q: np.ndarray
    sap: np.ndarray
    saq: np.ndarray
    sbp: np.ndarray
    sbq: np.ndarray
    waq: np.ndarray
    wbp: np.ndarray
    Wp: np.ndarray
    Wq: np.ndarray

    def __len__(self) -> int:
        return int(self.a.size)


@dataclass
class RoundState:
    """What changes while a round executes its exchanges (step 7)."""

    x: np.ndarray          # (n, m) round-start positions
    y: np.ndarray          # (n, m) running voting positions
    w: np.ndarray          # (n, m) capability × salience (0 where no stance)
    W: np.ndarray          # (m,) issue totals
    direction: np.ndarray  # (n, m) sign of the moves made so far this round (0: none)
    moved: np.ndarray      # (n, m) total distance moved so far this round
    linked: np.ndarray     # (n, m, n) positions seen by demander k on issue d (round start + its linked updates)
    linked_sum: np.ndarray  # (n, m) Σ_j w_jd linked[k, d, j]
    running_sum: np.ndarray  # (m,) Σ_j w_jd y_jd

    @classmethod
    def start(cls, x: np.ndarray, w: np.ndarray) -> RoundState:
        """Return the state at the start of a round with positions `x` (no stance: any finite value, w = 0)."""
        n, m = x.shape
        linked = np.broadcast_to(x.T[None, :, :], (n, m, n)).copy()
        start_sum = (w * x).sum(axis=0)
        return cls(x, x.copy(), w, w.sum(axis=0), np.zeros((n, m)), np.zeros((n, m)), linked,
                   np.broadcast_to(start_sum, (n, m)).copy(), start_sum.copy())


@dataclass
class Moves:
    """Computed moves of a batch of candidates."""

    ya: np.ndarray
    yb: np.ndarray
    da: np.ndarray
    db: np.ndarray
    dOp: np.ndarray
    dOq: np.ndarray
    Ga: np.ndarray
    Gb: np.ndarray
    Op: np.ndarray  # (k, 2): outcome on p before / after, as the exchange computes it (step 8)
    Oq: np.ndarray
    valid: np.ndarray


def _div(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1.0), 0.0)


def max_gains(c: Candidates, i: np.ndarray, Fp: np.ndarray, Fq: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return each partner's largest gain that leaves the other a gain of 0 (the ends of the Pareto frontier):
    for a, b moves fully on p (shift `Fp`) and a concedes on q until b's gain is 0, within a's full move `Fq`."""
    sap, saq, sbp, sbq = c.sap[i], c.saq[i], c.sbp[i], c.sbq[i]
    q_a = _div(sbp * Fp, sbq)
    p_a = np.where(q_a > Fq, _div(sbq * Fq, sbp), Fp)
    q_a = np.minimum(q_a, Fq)
    p_b = _div(saq * Fq, sap)
    q_b = np.where(p_b > Fp, _div(sap * Fp, saq), Fq)
    p_b = np.minimum(p_b, Fp)
    return sap * p_a - saq * q_a, sbq * q_b - sbp * p_b


def compute(c: Candidates, i: np.ndarray, st: RoundState, s: ExchangeSettings,
            rng: np.random.Generator) -> Moves:
    """Return the moves of candidates `i` from the current state (steps 4-5, M1-M5; Dijkstra et al. 2018 with
    ``random_rate``)."""
    a, b, p, q = c.a[i], c.b[i], c.p[i], c.q[i]
    waq, wbp, Wp, Wq = c.waq[i], c.wbp[i], c.Wp[i], c.Wq[i]
    ya, yb = st.y[a, q], st.y[b, p]
    source = st.x if s.demand_position == "round_start" else st.y
    ta, tb = source[b, q], source[a, p]
    Da, Db = np.abs(ta - ya), np.abs(tb - yb)
    sa, sb = np.sign(ta - ya), np.sign(tb - yb)
    Fp, Fq = wbp * Db / Wp, waq * Da / Wq
    r = _rate(c, i, s, Fp, Fq)
    # M1: b moves all the way; M2: if a would pass b's position, a moves all the way instead.
    dOp = Fp.copy()
    dOq = r * dOp
    over = dOq * Wq / waq > Da
    dOq = np.where(over, Fq, dOq)
    dOp = np.where(over, _div(dOq, r), dOp)
    if s.random_rate > 0:
        dOp, dOq = _random_rate(c, i, dOp, dOq, Fp, Fq, s.random_rate, rng)
    Op0, Oq0 = _outcomes_before(c, i, st, s, ya, yb)
    dOp, dOq = _caps(s, dOp, dOq, Op0, Oq0, ta - Oq0, sa, tb - Op0, sb)
    da, db = dOq * Wq / waq, dOp * Wp / wbp
    Ga, Gb = c.sap[i] * dOp - c.saq[i] * dOq, c.sbq[i] * dOq - c.sbp[i] * dOp
    new_a, new_b = ya + sa * da, yb + sb * db
    valid = ((np.minimum(Ga, Gb) >= s.min_gain) & _move_ok(st, s, a, q, da, sa, new_a)
             & _move_ok(st, s, b, p, db, sb, new_b))
    return Moves(np.clip(new_a, 0, 100), np.clip(new_b, 0, 100), da, db, dOp, dOq, Ga, Gb,
                 np.stack([Op0, Op0 + sb * dOp], axis=1), np.stack([Oq0, Oq0 + sa * dOq], axis=1), valid)


def _rate(c: Candidates, i: np.ndarray, s: ExchangeSettings, Fp: np.ndarray, Fq: np.ndarray) -> np.ndarray:
    """Return ΔO_q per ΔO_p: equal gain (Rule E), or RKS (gains in proportion to each partner's maximum gain)."""
    sap, saq, sbp, sbq = c.sap[i], c.saq[i], c.sbp[i], c.sbq[i]
    if s.rate == "equal_gain":
        return (sap + sbp) / (saq + sbq)
    gma, gmb = max_gains(c, i, Fp, Fq)
    return _div(sap * gmb + sbp * gma, saq * gmb + sbq * gma)


def _outcomes_before(c: Candidates, i: np.ndarray, st: RoundState, s: ExchangeSettings, ya: np.ndarray,
                     yb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return the outcomes on p and q the caps start from (AMB-13): the running outcome, or ORC's round-start
    positions with the demander's linked updates and the mover at its current position."""
    a, b, p, q = c.a[i], c.b[i], c.p[i], c.q[i]
    if s.cap_outcome != "linked":
        return st.running_sum[p] / c.Wp[i], st.running_sum[q] / c.Wq[i]
    waq, wbp = c.waq[i], c.wbp[i]
    Oq0 = (st.linked_sum[b, q] - waq * st.linked[b, q, a] + waq * ya) / c.Wq[i]
    Op0 = (st.linked_sum[a, p] - wbp * st.linked[a, p, b] + wbp * yb) / c.Wp[i]
    return Op0, Oq0


def _caps(s: ExchangeSettings, dOp: np.ndarray, dOq: np.ndarray, Op0: np.ndarray, Oq0: np.ndarray,
          gap_q: np.ndarray, sa: np.ndarray, gap_p: np.ndarray, sb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """M4: shrink a move that would carry an outcome across the demander's position (gap = position − outcome),
    keeping the exchange's rate; in `cap_order`."""
    ratio = _div(dOq, dOp)
    for who in (("a", "b") if s.cap_order == "a_then_b" else ("b", "a")):
        if who == "a":
            cross = gap_q * (gap_q - sa * dOq) < 0
            dOq = np.where(cross, np.abs(gap_q), dOq)
            dOp = np.where(cross, _div(dOq, ratio), dOp)
        else:
            cross = gap_p * (gap_p - sb * dOp) < 0
            dOp = np.where(cross, np.abs(gap_p), dOp)
            dOq = np.where(cross, ratio * dOp, dOq)
    return dOp, dOq


def _move_ok(st: RoundState, s: ExchangeSettings, k: np.ndarray, d: np.ndarray, delta: np.ndarray,
             sign: np.ndarray, new: np.ndarray) -> np.ndarray:
    """M5 for one mover: a move in (min_move, 100], landing in [0, 100], in the direction of its earlier moves on the
    issue this round, and at most 100 in all."""
    return ((delta > s.min_move) & (delta <= 100) & _inside(new) & _direction_ok(st.direction[k, d], sign, s)
            & (st.moved[k, d] + delta <= 100 + 1e-9))


def _inside(y: np.ndarray) -> np.ndarray:
    return (y >= -1e-9) & (y <= 100 + 1e-9)


def _direction_ok(previous: np.ndarray, sign: np.ndarray, s: ExchangeSettings) -> np.ndarray:
    if s.repeat_moves == "once":
        return previous == 0
    return (previous == 0) | (previous == sign)


def _random_rate(c: Candidates, i: np.ndarray, dOp: np.ndarray, dOq: np.ndarray, Fp: np.ndarray, Fq: np.ndarray,
                 p: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Dijkstra et al. (2018) random exchange rates: a focal partner wins or loses a random share `p`·z
    of the way to its maximum gain (or to 0); it moves fully and the other's move is solved for that gain."""
    sap, saq, sbp, sbq = c.sap[i], c.saq[i], c.sbp[i], c.sbq[i]
    u, v, z = rng.random((3, i.size))
    gain = sap * dOp - saq * dOq
    gma, gmb = max_gains(c, i, Fp, Fq)
    focal_a = u < 0.5
    gmax = np.where(focal_a, gma, gmb)
    target = np.where(v < 0.5, gain + p * z * (gmax - gain), gain - p * z * gain)
    # focal a: a moves fully on q, p solved from a's gain; if b would pass a, b moves fully and q is re-solved.
    q_a = Fq
    p_a = _div(target + saq * q_a, sap)
    past = p_a > Fp
    p_a = np.where(past, Fp, p_a)
    q_a = np.where(past, np.where(saq > 0, _div(sap * Fp - target, saq), Fq), q_a)
    # focal b: b moves fully on p, q solved from b's gain; symmetric.
    p_b = Fp
    q_b = _div(target + sbp * p_b, sbq)
    past = q_b > Fq
    q_b = np.where(past, Fq, q_b)
    p_b = np.where(past, np.where(sbp > 0, _div(sbq * Fq - target, sbp), Fp), p_b)
    new_p = np.clip(np.where(focal_a, p_a, p_b), 0, None)
    new_q = np.clip(np.where(focal_a, q_a, q_b), 0, None)
    return new_p, new_q
