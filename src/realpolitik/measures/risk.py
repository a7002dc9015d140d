"""Risk attitudes from security levels over hypothetical alliance portfolios (Bueno de Mesquita 1985).

The security of state i in region g is the sum of the War Trap expected utilities of every other state involved
in g challenging i: Sec_i = sum_j EU(j, i) (lower is more secure). Its range is found over the alliance portfolios
i could have held — every assignment of the four classes to its ties with the states of the region — with
everything else fixed. The risk score is where i's actual portfolio sits in that range:

    R_i = (2 Sec_i - Sec_max - Sec_min) / (Sec_max - Sec_min)  in [-1, 1]   (-1: the most secure portfolio)
    r_i = (1 - R_i / 3) / (1 + R_i / 3)                        in [0.5, 2]  (the utility curvature)

Structure used (p = i's portfolio, p_k its class with k; U similarity; g_jk = P_jk + P_ik - 1 and a_j = 2P_j - 1
depend on capabilities only):

    Sec(p) = sum_j a_j (1 - U_ji(p)) + sum_j sum_k g_jk (U_kj(p) - U_ki(p))
           = const - sum_k (a_k + sum_j g_jk) U_ki(p) + sum_{k<j} (g_jk + g_kj) U_kj(p_k, p_j)

- U_kj for k, j != i depends on p only through the one partner i, whose cell in the (k, j) table is (p_k, p_j);
  with the region's (k, j) tables built once (`RegionTables`, shared by every target) each value is O(1). So the
  pair part is a quadratic form in the one-hot portfolio v (4n entries): sum_{k<j} (g_jk + g_kj) U_kj = v'Fv/2,
  F (4n, 4n) built once per target (from the region's Nc - Nd tables, in cache-sized blocks of rows); the pair
  part of every single-tie change is (vF)[m, y] - (vF)[m, p_m].
- U_ki depends on all of p, but changing one tie p_m moves one cell of each (k, i) table. With the tau-b
  denominators fixed by the move (they depend only on class counts), both sums are linear in per-cell counts, so
  the change of Sec for every one of the 3(n-1) single-tie changes is one matrix product over (partner, class):
  O(n^2) per step instead of the O(n^4) of re-evaluating every neighbour (O(n^3) each). The screened changes
  equal the exact ones (to float32 rounding; tests/test_risk_exact.py checks them) except where a similarity
  becomes undefined (a state allied in one class to everyone); every accepted step is re-evaluated exactly. The
  k = m term (U_mi, where two cells of the (m, i) table move) is updated in O(1) per change.
- Each climber carries its state from step to step: the tau-b parts of its (k, i) tables (Nc - Nd, per-cell
  contributions, margins) from the exact evaluation that accepted its last step, and vF in float64, which a trial
  updates by two rows of F per tie it moves (one product with F where more than a quarter of the ties move).
  So a step costs one screening (one O(n^2 b) product plus O(n b) work) and the exact evaluation of its trials.
- Arithmetic: exact values (accepting a step, the range) in float64; portfolios where a similarity is undefined
  are evaluated term by term (the definition, dropping those terms). Partner counts are products of 0/1
  matrices, exact in float32 (tau-b counts, Nc - Nd and ties are integers, so any order of summation gives the
  same value); the one float32 product left is the screening's sum over partners, which only ranks changes.

No exact polynomial algorithm is offered because the problem does not have one to offer: the tau-b numerator
and the U_kj terms couple pairs of ties, and maximising a weighted sum of Kendall taus over the partners' classes
is a Kemeny-type aggregation problem, NP-hard in general. What is exact and what is not:
- Up to 4^(n-1) <= EXHAUSTIVE_LIMIT portfolios (n <= 9 states) every portfolio is evaluated: the exact range.
  For tau-b (`_enumerate_tau`) the partners split into an outer and an inner block (up to 6 ties, 4,096
  assignments): every (k, i) table is the sum of the two blocks' tables, so Nc - Nd is S_outer + S_inner + a
  cross term (one batched product per block pair), the denominators follow from the class counts and v'Fv/2
  splits the same way; 7-8x faster than evaluating each portfolio, the same minimum and maximum (to 1e-14).
- Above, a local search for the minimum and for the maximum from the actual portfolio, "no alliances",
  "defence pacts with all" and `restarts` random portfolios (repeated starts once: a state without alliances
  starts from "no alliances" twice), all climbers screened together. Below JACOBI_FROM
  states a step takes the best single-tie change (steepest ascent). From JACOBI_FROM states a step applies
  every improving change of a different tie at once (the coupling of two ties is O(1/n) of a tie's own effect),
  halving the set until the exact security improves. Either way the search stops at a local optimum under
  single-tie changes, so the range found is an inner bound of the true range (Sec_min found >= the true minimum,
  Sec_max found <= the true maximum; R can be off, not out of [-1, 1]). No bound on the gap is known (the problem
  is NP-hard); on random 9-state systems the forced search matched enumeration in 15 of 16 cases (max |R error|
  0.034; benchmarks/risk.py prints this). The starts, moves and stopping rule are those of the search this one
  sped up: on random and COW systems its R values are the same to rounding (benchmarks/risk.py prints the
  largest difference).

The range always contains the actual portfolio, so R stays in [-1, 1]. Undefined similarities drop the EU terms
that use them, as in `security`.

Choices where the sources are silent: within the computation for region g every pair's similarity is taken
over the partner set of region g, third parties are the states involved in g, and i is added to the region's
states when it is not involved there. R is missing (NaN) when the range is empty (Sec_max = Sec_min).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from realpolitik.measures.similarity import N_CLASSES, similarity

EXHAUSTIVE_LIMIT = 4**8  # enumerate every portfolio up to this many (65,536: 9 states)
JACOBI_FROM = 32  # from this many states a search step changes every improving tie at once (below: steepest)
CLIMB_CELLS = 40_000_000  # climbers screened together: bounds the (climbers, n, n) arrays of a fallback
_TOL = 1e-12
_BLOCK = 16  # rows of states per block when building F
_CELLS = N_CLASSES * N_CLASSES
_X, _Y = np.divmod(np.arange(_CELLS), N_CLASSES)
# _SIGN[c, c'] = sign(x' - x) * sign(y' - y): +1 concordant pair of cells, -1 discordant, 0 tied
_SIGN = (np.sign(_X[None, :] - _X[:, None]) * np.sign(_Y[None, :] - _Y[:, None])).astype(float)
_DIST = np.abs(_X - _Y) / (N_CLASSES - 1)
# _FLIP[y0, y]: the sign terms among partner m's cell (defence, y0 -> y) and partner i's (y0 -> y, defence)
_FLIP = -((np.arange(N_CLASSES)[:, None] > 0) != (np.arange(N_CLASSES)[None, :] > 0)).astype(float)
# one product gives Q = t SIGN, the row and column margins and N of (..., 16) tables (small-axis sums are slow)
_PARTS = np.concatenate([_SIGN, (_X[:, None] == np.arange(N_CLASSES)).astype(float),
                         (_Y[:, None] == np.arange(N_CLASSES)).astype(float), np.ones((_CELLS, 1))], 1)


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


def _coefficients(projected: np.ndarray, i: int) -> tuple[np.ndarray, np.ndarray]:
    """Return a_j = 2 P_j - 1 (n) and g[j, k] = P_jk + P_ik - 1 (n, n) of Sec_i (NaN where undefined)."""
    c_ji, c_ij = projected[:, i], projected[i, :]
    c_ii, c_jj = projected[i, i], np.diagonal(projected)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = np.where(c_ji + c_ii > 0, c_ji / (c_ji + c_ii), 0.5)
        c_star = np.maximum(projected.T, projected[:, i][None, :])  # [j, k] = max(C'_kj, C'_ki)
        p_jk = (c_ji[:, None] + c_star) / (c_ji[:, None] + c_star + c_ii)
        p_ik = (c_ij[:, None] + c_star) / (c_ij[:, None] + c_star + c_jj[:, None])
    return 2 * p - 1, p_jk + p_ik - 1


def security(codes: np.ndarray, projected: np.ndarray, target: int, measure: str = "tau",
             capability: np.ndarray | None = None) -> np.ndarray:
    """Return Sec_target = sum over j != target of EU(j, target), for one system or a batch of code matrices.

    All states of `codes` ((..., n, n) alliance classes) are the region's states: they are the partner set of
    every similarity and the third parties of every EU. `projected` is C'_ij ((n, n), see `wartrap`). This is
    the direct definition (O(n^3) per portfolio); the searches use `_Security`, which gives the same values.
    """
    codes = np.asarray(codes)
    n = codes.shape[-1]
    utility = similarity(codes, np.ones(n, dtype=bool), measure, capability)  # [..., x, y]
    i = target
    a, g = _coefficients(projected, i)
    with np.errstate(invalid="ignore"):
        bilateral = a * (1 - utility[..., :, i])  # [..., j]
        gain = g * (np.swapaxes(utility, -1, -2) - utility[..., i, :][..., None, :])
    index = np.arange(n)
    third = (index[None, :] != index[:, None]) & (index[None, :] != i)
    eu = bilateral + np.where(third & np.isfinite(gain), gain, 0.0).sum(-1)
    eu = np.where(np.isfinite(eu), eu, 0.0)
    return np.where(index != i, eu, 0.0).sum(-1)


class RegionTables:
    """What every target of one region shares: the (k, j) contingency tables of every pair of its states over
    all of them (weights per partner), reduced to the statistics the similarities need."""

    def __init__(self, codes: np.ndarray, measure: str = "tau", capability: np.ndarray | None = None) -> None:
        if measure not in ("tau", "s", "s_weighted"):
            raise ValueError(f"unknown similarity measure {measure!r}; use 'tau', 's' or 's_weighted'")
        if measure == "s_weighted" and capability is None:
            raise ValueError("measure 's_weighted' needs capability weights")
        self.codes = np.asarray(codes, dtype=np.int8)
        n = len(self.codes)
        self.measure = measure
        self.weights = np.ones(n) if measure != "s_weighted" else np.nan_to_num(np.asarray(capability, float))
        self.onehot = (self.codes[..., None] == np.arange(1, N_CLASSES + 1)).astype(float)  # [k, m, x]
        stacked = np.swapaxes(self.onehot, 1, 2).reshape(n * N_CLASSES, n)  # [k*4+x, m]
        table = (stacked * self.weights) @ stacked.T  # [k*4+x, j*4+y]
        table = table.reshape(n, N_CLASSES, n, N_CLASSES).transpose(0, 2, 1, 3).reshape(n, n, _CELLS)
        self.by_partner = np.swapaxes(self.onehot, 0, 1).reshape(n, n * N_CLASSES)  # [m, k*4+x]: class of k with m
        self.by_partner32 = self.by_partner.astype(np.float32)  # 0/1: exact
        if measure == "tau":
            self.q = table @ _SIGN  # [k, j, c]: the S = Nc - Nd contribution of one more partner in cell c
            self.s = (table * self.q).sum(-1) / 2
            self.hist = self.onehot.sum(1)  # [k, x]: k's class counts (the rows of every (k, j) table)
            # [k, x, j, y] = S + Q[k, j, (x, y)]: the (k, j) table's Nc - Nd plus one more partner in cell (x, y)
            self.s_plus = (self.s[..., None] + self.q).reshape(n, n, N_CLASSES, N_CLASSES).transpose(0, 2, 1, 3)
            self.s_plus = np.ascontiguousarray(self.s_plus)
        else:
            self.distance = table @ _DIST


def _tau_parts(flat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return (S = Nc - Nd, [Q | row margins | column margins | N]) of (..., 16) tables (see `_split`)."""
    out = flat @ _PARTS
    return np.einsum("...c,...c->...", flat, out[..., :_CELLS]) / 2, out


def _split(parts: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, ...]:
    """Return (S, per-cell S contributions Q, row margins, column margins, N) from `_tau_parts`."""
    s, out = parts
    return s, out[..., :_CELLS], out[..., _CELLS:_CELLS + N_CLASSES], out[..., _CELLS + N_CLASSES:-1], out[..., -1]


def _ties(margins: np.ndarray) -> np.ndarray:
    return np.einsum("...x,...x->...", margins, margins - 1) / 2


def _tau(s, n0, ties_cols, ties_rows):
    den = (n0 - ties_cols) * (n0 - ties_rows)
    defined = den > 0
    return np.where(defined, s / np.sqrt(np.where(defined, den, 1.0)), np.nan)


def _inv_sqrt(den: np.ndarray) -> np.ndarray:
    """Return 1 / sqrt(den) where den > 0, else 0 (an undefined tau-b)."""
    return np.where(den > 0, 1.0 / np.sqrt(np.maximum(den, 1e-300)), 0.0)


def _s(distance, total):
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, 1.0 - 2.0 * distance / np.where(total > 0, total, 1.0), np.nan)


class _Security:
    """Sec_i(p) for one target, fast: exact values for batches of portfolios and screened single-tie changes."""

    def __init__(self, region: RegionTables, projected: np.ndarray, target: int) -> None:
        n, i = len(region.codes), target
        self.n, self.i, self.region = n, i, region
        self.tau = region.measure == "tau"
        w = region.weights
        self.w, self.total = w, w.sum()
        a, g = _coefficients(projected, i)
        index = np.arange(n)
        third = (index[None, :] != index[:, None]) & (index[None, :] != i) & (index[:, None] != i)
        self.a = np.where(index != i, a, np.nan)
        self.g = np.where(third, g, 0.0)  # NaN kept: such terms are dropped like in `security`
        g0 = np.nan_to_num(self.g)
        self.coef = np.where(index != i, np.nan_to_num(self.a) + g0.sum(0), 0.0)  # multiplies -U_ki
        self.pair = g0 + g0.T  # multiplies U_kj
        if not self.tau:  # [m, y] = sum_k coef_k dist[class of k with m, y]
            dist = _DIST.reshape(N_CLASSES, N_CLASSES)
            self.spread_s = region.by_partner @ (self.coef[:, None, None] * dist[None]).reshape(-1, N_CLASSES)
        # U_kj (k, j != i) with i's cell in the (k, j) table set to (x, y): see `_pair`
        x0 = region.codes[:, i] - 1
        self.c0 = x0[:, None] * N_CLASSES + x0[None, :]  # i's actual cell in each (k, j) table
        if self.tau:
            self.q0 = region.q.reshape(-1)[np.arange(n * n) * _CELLS + self.c0.ravel()].reshape(n, n)  # Q[k, j, c0]
            self.s_base = region.s - self.q0
            hist = region.hist
            ties = _ties(hist) - (hist[np.arange(n), x0] - 1)
            self.ties_plus = ties[:, None] + hist - (np.arange(N_CLASSES)[None, :] == x0[:, None])  # [k, x]
            self.n0 = n * (n - 1) / 2
            self.inv_m = _inv_sqrt(self.n0 - self.ties_plus)  # [m, y]: 0 where U_mj is undefined for every j
        else:
            self.d_base = region.distance.reshape(n, n) - w[i] * _DIST[self.c0]
        self.pairs = self._pair_matrix()
        self.a_sum = float(np.nan_to_num(self.a).sum())
        self.clean = bool(np.isfinite(self.a[index != i]).all() and np.isfinite(self.g).all())
        self.rest = region.onehot * w[None, :, None]  # [k, m, x]
        self.rest[:, i, :] = 0.0
        self.rest_by_class = np.ascontiguousarray(self.rest.transpose(0, 2, 1).reshape(n * N_CLASSES, n))
        self.rest32 = self.rest_by_class.astype(np.float32) if region.measure != "s_weighted" else None

    def _pair(self, k, j, x, y) -> np.ndarray:
        """Return U_kj (k, j != i) when i's cell in the (k, j) table is (x, y) (0-based classes; broadcast)."""
        kj = k * self.n + j
        c = x * N_CLASSES + y
        if self.tau:
            c0 = self.c0.ravel().take(kj)
            num = self.s_base.ravel().take(kj) + self.region.q.ravel().take(kj * _CELLS + c) - _SIGN.ravel().take(
                c0 * _CELLS + c)
            ties = self.ties_plus.ravel()
            return _tau(num, self.n0, ties.take(j * N_CLASSES + y), ties.take(k * N_CLASSES + x))
        return _s(self.d_base.ravel().take(kj) + self.w[self.i] * _DIST.take(c), self.total)

    def _tables(self, p: np.ndarray, onehot: np.ndarray | None = None) -> np.ndarray:
        """Return the (b, n, 16) tables of every (k, i) for portfolios p (b, n): k's class vs i's class."""
        if onehot is None:
            onehot = self._onehot(p)  # [b, m, y]
        b, n = p.shape
        flat = np.ascontiguousarray(onehot.transpose(1, 0, 2)).reshape(n, b * N_CLASSES)  # [m, b*4+y]
        if self.rest32 is not None:  # counts of partners: exact in float32, twice as fast
            t = (self.rest32 @ flat.astype(np.float32)).astype(float)
        else:
            t = self.rest_by_class @ flat
        t = t.reshape(n, N_CLASSES, b, N_CLASSES).transpose(2, 0, 1, 3)  # one product
        t[..., 0] += self.w[self.i] * onehot  # partner i: (p_k, defence)
        return t.reshape(*p.shape, _CELLS)

    def _column(self, tables: np.ndarray, parts: tuple | None = None) -> np.ndarray:
        if self.tau:
            s, _, rows, cols, total = _split(parts if parts is not None else _tau_parts(tables))
            return _tau(s, total * (total - 1) / 2, _ties(cols), _ties(rows))
        return _s((tables * _DIST).sum(-1), self.total)

    def _pair_matrix(self) -> np.ndarray:
        """Return F ((4n, 4n), row k*4+x, column j*4+y) = (g_jk + g_kj) U_kj when i's cell in the (k, j) table is
        (x, y), 0 where undefined: the pair part of Sec is v'Fv/2 for the one-hot portfolio v, and changing p_m to
        y moves it by (Fv)[m, y] - (Fv)[m, p_m]. One matrix product per batch instead of n^2 gathers."""
        n, region = self.n, self.region
        if self.tau:  # Nc - Nd with i's cell moved from c0 to (x, y): S - Q[c0] + Q[(x, y)] - SIGN[c0, (x, y)]
            x0 = region.codes[:, self.i] - 1
            sign = np.sign(np.arange(N_CLASSES)[None, :] - x0[:, None])  # SIGN[c0, (x, y)] = sign_k[x] sign_j[y]
            q0 = self.q0
            f = np.empty((n, N_CLASSES, n, N_CLASSES))
            inv_m = self.inv_m[None, None, :, :]
            for k in range(0, n, _BLOCK):  # blocks of rows: the temporaries stay in cache
                rows = slice(k, k + _BLOCK)
                block = f[rows]
                np.subtract(region.s_plus[rows], q0[rows, None, :, None], out=block)
                block -= sign[rows, :, None, None] * sign[None, None, :, :]
                scale = self.inv_m[rows, :, None, None] * inv_m
                scale *= self.pair[rows, None, :, None]
                block *= scale
        else:
            u = _s(self.d_base[..., None] + self.w[self.i] * _DIST, self.total).reshape(n, n, N_CLASSES, N_CLASSES)
            f = np.nan_to_num(self.pair[:, :, None, None] * u, nan=0.0).transpose(0, 2, 1, 3)
        return f.reshape(n * N_CLASSES, n * N_CLASSES)

    def _onehot(self, p: np.ndarray) -> np.ndarray:
        return (p[..., None] == np.arange(1, N_CLASSES + 1)).astype(float)

    def values(self, p: np.ndarray) -> np.ndarray:
        """Return the exact Sec_i of each portfolio in p ((b, n) classes 1-4, p[:, i] = 1).

        Sec = sum_j a_j - sum_k coef_k U_ki + v'Fv/2 where every similarity is defined (one product per batch);
        portfolios with an undefined similarity (whose EU terms are dropped) are evaluated term by term."""
        return self.evaluate(p)[0]

    def evaluate(self, p: np.ndarray, base: tuple[np.ndarray, np.ndarray] | None = None) -> tuple[np.ndarray, tuple]:
        """Return `values(p)` and the state `deltas` needs of each portfolio ((k, i) tables, their tau-b parts and
        vF), so that a search step does not rebuild them for the portfolio it accepted. With `base` = (portfolios
        p0, their vF), vF is updated from p0's over the ties that differ (two rows of F each) instead of a product."""
        p = np.atleast_2d(p)
        onehot = self._onehot(p)
        tables = self._tables(p, onehot)
        parts = _tau_parts(tables) if self.tau else None
        u_col = self._column(tables, parts)  # [b, k] = U_ki
        u_col[:, self.i] = 0.0
        v = onehot.reshape(len(p), -1)
        vf = v @ self.pairs if base is None else self._moved(p, *base)
        out = self.a_sum - u_col @ self.coef + (vf * v).sum(-1) / 2
        slow = ~np.isfinite(out) if self.clean else np.ones(len(p), dtype=bool)
        if self.tau:
            undefined = self.inv_m[np.arange(self.n), p - 1] == 0  # [b, k]: U_k. undefined
            undefined[:, self.i] = False
            slow |= undefined.any(1)
        elif not self.total > 0:
            slow[:] = True
        if slow.any():
            out[slow] = self._values_by_term(p[slow])
        return out, (None, *parts, vf) if parts is not None else (tables, None, None, vf)

    def _moved(self, p: np.ndarray, p0: np.ndarray, vf0: np.ndarray) -> np.ndarray:
        """Return vF of portfolios p from vF0 of p0: + F[m, new class] - F[m, old class] for each tie m that moved
        (a product with F where more than a quarter of the ties moved)."""
        changed = p != p0
        dense = changed.sum(1) > max(1, self.n // 4)
        vf = vf0.copy()
        if dense.any():
            vf[dense] = self._onehot(p[dense]).reshape(int(dense.sum()), -1) @ self.pairs
        rows, ties = np.nonzero(changed & ~dense[:, None])
        if len(rows):
            step = self.pairs[ties * N_CLASSES + p[rows, ties] - 1] - self.pairs[ties * N_CLASSES + p0[rows, ties] - 1]
            starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
            vf[rows[starts]] += np.add.reduceat(step, starts, axis=0)
        return vf

    def _values_by_term(self, p: np.ndarray) -> np.ndarray:
        """Return Sec_i term by term (the definition, undefined terms dropped as in `security`): O(n^2) gathers."""
        u_col = self._column(self._tables(p))  # [b, k] = U_ki
        idx = p - 1
        u = self._pair(np.arange(self.n)[:, None], np.arange(self.n)[None, :], idx[:, :, None], idx[:, None, :])
        with np.errstate(invalid="ignore"):
            gain = self.g * (np.swapaxes(u, 1, 2) - u_col[:, None, :])  # [b, j, k] = g_jk (U_kj - U_ki)
            eu = self.a * (1 - u_col) + np.where(np.isfinite(gain), gain, 0.0).sum(-1)
        return np.where(np.isfinite(eu), eu, 0.0).sum(-1)

    def deltas(self, p: np.ndarray, state: tuple | None = None) -> np.ndarray:
        """Return the screened change of Sec_i for every single-tie change of each portfolio in p (b, n):
        (b, n, 4), [., m, y] sets p_m = y + 1 (0 at m = i).

        Both parts of Sec are linear in per-cell counts once the tau-b denominators are fixed, so each is one
        matrix product over (partner, class): O(n^2) per portfolio. Exact while no similarity involved is
        undefined (degenerate portfolios: those terms count 0 here, and accepted steps are re-evaluated).
        `state` is `evaluate(p)[1]` when known.
        """
        onehot = (p[..., None] == np.arange(1, N_CLASSES + 1)).astype(float)  # [b, j, z]
        y0 = (p - 1).astype(np.int64)
        tables, s, combo, vf = state if state is not None else (self._tables(p), None, None, None)  # [b, k, 16]
        parts = None if s is None else (s, combo)
        if self.tau and parts is None:
            parts = _tau_parts(tables)
        if self.tau and vf is None:
            vf = onehot.reshape(len(p), -1) @ self.pairs
        u = self._column(tables, parts)  # [b, k] = U_ki
        at = np.arange(N_CLASSES) == y0[..., None]  # [b, m, y]: the current class
        if self.tau:
            out = self._tau_deltas(parts, vf, y0, at, u)
            out[at] = 0.0
            out[:, self.i] = 0.0
            return out
        out = self._s_deltas(tables, onehot, y0)
        # the k = m term: partner m's cell (defence, p_m) and partner i's cell (p_m, defence) both move
        out += self.coef[:, None] * self._generic_own(y0)
        own = self._own(tables, y0) - u[..., None]
        own[np.isnan(own)] = 0.0
        out -= self.coef[:, None] * own
        out[at] = 0.0
        out[:, self.i] = 0.0
        return out

    def _tau_deltas(self, parts, vf, y0, at, u):
        """Return the screened changes (b, m, y) for tau-b: the partner-wise formula for every k, then the k = m
        term replaced by its exact O(1) update (two cells of the (m, i) table move)."""
        n, n0 = self.n, self.n0
        s, q, rows, cols, _ = _split(parts)
        b = len(s)
        t_rows = _ties(rows)  # [b, k]
        inv_row = _inv_sqrt(n0 - t_rows)
        c = cols[:, 0]  # [b, y]: i's class counts, the same in every (k, i) table
        t0 = _ties(c)[:, None, None]
        c_old = c[np.arange(b)[:, None], y0][..., None]
        ties_col = np.where(at, t0, t0 - (c_old - 1) + c[:, None, :])  # [b, m, y]: column ties after the change
        inv_col = _inv_sqrt(n0 - ties_col)
        current = _inv_sqrt(n0 - t0)  # [b, 1, 1]: inv_col where nothing moves
        alpha = self.coef * inv_row  # [b, k]
        scaled = np.empty((n * N_CLASSES, b * N_CLASSES), dtype=np.float32)  # [k*4+x, b*4+y] = alpha_k Q_k[x, y]
        np.multiply(alpha[:, :, None, None], q.reshape(b, n, N_CLASSES, N_CLASSES),
                    out=scaled.reshape(n, N_CLASSES, b, N_CLASSES).transpose(2, 0, 1, 3), casting="unsafe")
        spread = (self.region.by_partner32 @ scaled).astype(float)  # screening only: float32
        spread = spread.reshape(n, b, N_CLASSES).transpose(1, 0, 2)
        spread -= spread[at].reshape(b, n, 1)  # [b, m, y] = sum_k alpha_k dS_k
        total = (alpha * s).sum(-1)[:, None, None]
        du = inv_col * (total + spread) - total * current  # sum_k coef_k dU_ki (k = m included generically)
        undefined = (inv_col == 0) | (current == 0)
        du[undefined] = 0.0
        # sum_j (g_jm + g_mj) U_mj with i's cell (y, p_j), for every (m, y): vF
        df = vf.reshape(b, n, N_CLASSES).copy()
        df -= df[at].reshape(b, n, 1)
        df[(self.inv_m == 0) | (self.inv_m[np.arange(n), y0] == 0)[..., None]] = 0.0
        out = df - du
        # the k = m term: what the formula above put in (partner m's cell (defence, y) only) ...
        q0 = q[:, :, :N_CLASSES]  # [b, m, y] = Q_m[defence, y]
        q0_old = q0[at].reshape(b, n, 1)
        generic = inv_row[..., None] * (inv_col * (s[..., None] + (q0 - q0_old)) - current * s[..., None])
        generic[undefined] = 0.0
        out += self.coef[:, None] * generic
        # ... and the exact change: partner m's cell (defence, p_m) -> (defence, y), partner i's (p_m, defence)
        # -> (y, defence); Nc - Nd after removing both and adding them back (_FLIP: the pair's own sign terms)
        q_i = q[:, :, ::N_CLASSES]  # [b, m, x] = Q_m[x, defence]
        num = s[..., None] - q0_old - q_i[at].reshape(b, n, 1) + q0 + q_i + _FLIP[y0]
        moved = ~at
        r_old = rows[at].reshape(b, n, 1)
        ties_row = t_rows[..., None] + np.where(moved, rows - r_old + 1, 0)
        own = _tau(num, n0, ties_col, ties_row) - u[..., None]
        own[np.isnan(own)] = 0.0
        out -= self.coef[:, None] * own
        return out

    def _s_deltas(self, tables, onehot, y0):
        if not self.total > 0:
            return np.zeros((*y0.shape, N_CLASSES))
        scale = -2.0 / self.total
        du = self.w[:, None] * self.spread_s  # [m, y] = w_m sum_k coef_k dist[x_km, y]
        du = scale * (du[None] - np.take_along_axis(np.broadcast_to(du, y0.shape + (N_CLASSES,)), y0[..., None], 2))
        h = np.einsum("jm,bjz->bmz", self.pair, onehot) @ _DIST.reshape(N_CLASSES, N_CLASSES)  # [b, m, y]
        df = scale * self.w[self.i] * (h - np.take_along_axis(h, y0[..., None], 2))
        return df - du

    def _generic_own(self, y0):
        """Return what the partner-wise S formula puts in for k = m (replaced by `_own`): dU_mi per (m, y)."""
        if not self.total > 0:
            return np.zeros((*y0.shape, N_CLASSES))
        d0 = _DIST[:N_CLASSES]  # dist[defence, y]
        return -2.0 / self.total * self.w[:, None] * (d0 - d0[y0][..., None])

    def _own(self, tables, y0):
        """Return the S similarity U_mi after each change of p_m (b, m, y): two cells of the (m, i) table move,
        partner m's (defence, p_m) -> (defence, y) and partner i's (p_m, defence) -> (y, defence)."""
        ys = np.arange(N_CLASSES)
        c1, d1 = y0[..., None], ys  # partner m's cell before and after (row defence = 0)
        c2, d2 = y0[..., None] * N_CLASSES, ys * N_CLASSES  # partner i's cell
        d = (tables * _DIST).sum(-1)[..., None]
        wm, wi = self.w[:, None], self.w[self.i]
        return _s(d + wm * (_DIST[d1] - _DIST[c1]) + wi * (_DIST[d2] - _DIST[c2]), self.total)


def _moves(gains: np.ndarray, p: np.ndarray, count: int) -> tuple[np.ndarray, np.ndarray]:
    """Return the trials of climbers with screened gains (b, n, 4) at portfolios p (b, n), and each trial's
    climber (row of p): for each climber its `count` best improving ties at once (each to its best class), then
    halving down to the best single change; none for a climber without an improving change."""
    best_y, best = gains.argmax(2), gains.max(2)
    improving = best > _TOL
    order = np.argsort(np.where(improving, -best, np.inf), axis=1, kind="stable")
    rank = np.empty_like(order)
    np.put_along_axis(rank, order, np.arange(p.shape[1])[None, :], 1)  # [b, m]: m's place among the best
    counts = np.minimum(improving.sum(1), count)
    halvings = np.array([int(c).bit_length() for c in counts])
    owners = np.repeat(np.arange(len(p)), halvings)
    sizes = counts[owners] >> (np.arange(len(owners)) - np.repeat(np.cumsum(halvings) - halvings, halvings))
    trials = np.where(rank[owners] < sizes[:, None], best_y[owners] + 1, p[owners]).astype(p.dtype)
    return owners, trials


def _rows(state: tuple, index) -> tuple:
    """Return the rows `index` of a `_Security.evaluate` state."""
    return tuple(None if a is None else a[index] for a in state)


def _put(state: tuple, index, source: tuple | None, rows) -> None:
    """Write rows `rows` of state `source` into rows `index` of `state` (in place)."""
    assert source is not None  # a trial was accepted from this batch, so it was evaluated
    for into, part in zip(state, source, strict=True):
        if into is not None:
            into[index] = part[rows]


def _climb(model: _Security, starts: np.ndarray, signs: np.ndarray, max_steps: int,
           per_step: int) -> tuple[np.ndarray, int]:
    """Local search for the maximum of sign * Sec from every start at once (module docstring); return the
    best Sec per start and the number of exact evaluations. Each step screens every single-tie change of every
    live climber, tries its `per_step` best changes of different ties at once (halving on failure) and keeps
    the first trial whose exact security improves; a climber stops when no trial does."""
    p = np.array(starts)
    found, state = model.evaluate(p)  # state: the (k, i) tables of each climber's portfolio, kept as it moves
    value = signs * found
    evaluated = len(p)
    active = np.ones(len(p), dtype=bool)
    for _ in range(max_steps):
        live = np.flatnonzero(active)
        if not len(live):
            break
        gains = signs[live, None, None] * model.deltas(p[live], _rows(state, live))
        gains[:, model.i] = -np.inf
        gains[np.arange(len(live))[:, None], np.arange(model.n)[None, :], p[live] - 1] = -np.inf
        if per_step == 1:
            flat = gains.reshape(len(live), -1)
            best = flat.argmax(1)
            owners = np.flatnonzero(flat[np.arange(len(live)), best] > _TOL)
            trials = p[live[owners]].copy()
            trials[np.arange(len(owners)), best[owners] // N_CLASSES] = best[owners] % N_CLASSES + 1
        else:
            owners, trials = _moves(gains, p[live], per_step)
        if not len(trials):
            break
        first = np.r_[True, owners[1:] != owners[:-1]]  # each climber's largest trial goes first
        values = np.full(len(trials), -np.inf)
        base = p[live[owners]], state[-1][live[owners]]
        found, first_state = model.evaluate(trials[first], (base[0][first], base[1][first]))
        values[first] = signs[live][owners[first]] * found
        ok = values > value[live][owners] + _TOL
        succeeded = np.zeros(len(live), dtype=bool)
        succeeded[owners[first & ok]] = True
        retry = ~first & ~succeeded[owners]  # the halves, only where the largest failed
        retry_state = None
        if retry.any():
            found, retry_state = model.evaluate(trials[retry], (base[0][retry], base[1][retry]))
            values[retry] = signs[live][owners[retry]] * found
            ok = values > value[live][owners] + _TOL
        evaluated += int(first.sum() + retry.sum())
        done = np.ones(len(live), dtype=bool)
        taken = np.flatnonzero(ok)
        taken = taken[np.unique(owners[taken], return_index=True)[1]]  # each climber's first improving trial
        climbers = live[owners[taken]]
        p[climbers], value[climbers], done[owners[taken]] = trials[taken], values[taken], False
        row = np.where(first, np.cumsum(first) - 1, np.cumsum(retry) - 1)  # the trial's row in its batch's state
        for batch, source in ((first, first_state), (retry, retry_state)):
            pick = batch[taken]
            if pick.any():
                _put(state, climbers[pick], source, row[taken[pick]])
        active[live[done]] = False
    return signs * value, evaluated


def risk_attitude(codes: np.ndarray, projected: np.ndarray, target: int, measure: str = "tau",
                  capability: np.ndarray | None = None, rng: np.random.Generator | None = None,
                  restarts: int = 8, max_steps: int = 200, exhaustive: bool | None = None,
                  tables: RegionTables | None = None) -> RiskResult:
    """Return the target's security range and risk score R in a region given as its states' arrays.

    `codes` (n, n) are the region's alliance classes, `projected` (n, n) the capabilities C'_ij. The range is
    enumerated exactly when 4^(n-1) <= EXHAUSTIVE_LIMIT (or `exhaustive` is true), else searched as the module
    docstring describes, with `restarts` random starts drawn from `rng`. `tables` (from `RegionTables` on the
    same codes, measure and capability) saves rebuilding the region's tables for each of its states.
    """
    codes = np.asarray(codes, dtype=np.int8)
    n = len(codes)
    region = tables if tables is not None else RegionTables(codes, measure, capability)
    model = _Security(region, np.asarray(projected, dtype=float), target)
    actual = codes[target].copy()
    base = float(model.values(actual)[0])
    if n < 2:
        return RiskResult(base, base, base, float("nan"), 1, True)
    enumerate_all = exhaustive if exhaustive is not None else N_CLASSES ** (n - 1) <= EXHAUSTIVE_LIMIT
    if enumerate_all:
        fast = model.tau and model.clean
        low, high, evaluated = _enumerate_tau(model) if fast else _enumerate(model)
    else:
        rng = rng if rng is not None else np.random.default_rng(0)
        starts = [actual, np.full(n, 4, dtype=np.int8), np.ones(n, dtype=np.int8)]
        starts += [rng.integers(1, N_CLASSES + 1, n).astype(np.int8) for _ in range(restarts)]
        for s in starts:
            s[target] = 1
        starts = np.unique(np.array(starts), axis=0)  # the climb is deterministic: a repeated start adds nothing
        both = np.concatenate([starts, starts])
        signs = np.repeat([-1.0, 1.0], len(starts))
        per_step = n if n >= JACOBI_FROM else 1
        found, evaluated = np.empty(len(both)), 0
        chunk = max(1, CLIMB_CELLS // (n * n))
        for start in range(0, len(both), chunk):
            part = slice(start, start + chunk)
            found[part], count = _climb(model, both[part], signs[part], max_steps, per_step)
            evaluated += count
        low, high = float(found.min()), float(found.max())
    low, high = min(low, base), max(high, base)
    return RiskResult(base, low, high, risk_score(base, low, high), evaluated, enumerate_all)


def _enumerate(model: _Security, chunk: int = 4096) -> tuple[float, float, int]:
    """Return (min, max, count) of security over all 4^(n-1) portfolios of the target."""
    n, i = model.n, model.i
    partners = np.array([k for k in range(n) if k != i])
    total = N_CLASSES ** len(partners)
    low, high = np.inf, -np.inf
    for start in range(0, total, chunk):
        numbers = np.arange(start, min(total, start + chunk))
        digits = (numbers[:, None] // N_CLASSES ** np.arange(len(partners))[None, :]) % N_CLASSES + 1
        portfolios = np.ones((len(numbers), n), dtype=np.int8)
        portfolios[:, partners] = digits
        values = model.values(portfolios)
        low, high = min(low, float(values.min())), max(high, float(values.max()))
    return low, high, total


def _digits(count: int, width: int) -> np.ndarray:
    """Return every assignment of `width` ties to the 4 classes (0-based), (4^width, width)."""
    numbers = np.arange(N_CLASSES ** width)
    return ((numbers[:, None] // N_CLASSES ** np.arange(width)[None, :]) % N_CLASSES)[:count]


def _enumerate_tau(model: _Security, inner: int = 6, cells: int = 1 << 21) -> tuple[float, float, int]:
    """Return (min, max, count) of tau-b security over all 4^(n-1) portfolios, split into an outer and an inner
    block of ties. Every (k, i) table is the sum of the blocks' tables, so its Nc - Nd is S_outer + S_inner + a
    cross term that is one batched product per (outer, inner) pair; the tau-b denominators and the pair part
    v'Fv/2 split the same way. Portfolios with an undefined similarity go to `_Security.values` (term by term)."""
    n, i = model.n, model.i
    partners = np.array([k for k in range(n) if k != i])
    width = min(inner, len(partners))
    outer, low_ties = partners[:len(partners) - width], partners[len(partners) - width:]
    w_i = model.w[i]
    rest = model.rest  # [k, m, x], partner i's column zero
    rows_plus = rest.sum(1)[:, None, :] + w_i * np.eye(N_CLASSES)[None]  # [k, p_k, x]
    inv_row = _inv_sqrt(model.n0 - _ties(rows_plus))  # [k, p_k]
    alpha = model.coef[:, None] * inv_row
    bad_k = (inv_row == 0) | (model.inv_m == 0)
    bad_k[i] = False

    def block(ties: np.ndarray, digits: np.ndarray, with_target: bool):
        onehot = (digits[..., None] == np.arange(N_CLASSES)).astype(float)  # [c, m, y]
        c = len(digits)
        by = rest[:, ties, :].transpose(0, 2, 1).reshape(n * N_CLASSES, len(ties))  # [k*4+x, m]
        t = (by @ onehot.transpose(1, 0, 2).reshape(len(ties), c * N_CLASSES)).reshape(n, N_CLASSES, c, N_CLASSES)
        t = np.ascontiguousarray(t.transpose(2, 0, 1, 3))  # [c, k, x, y]
        rows = np.arange(c)[:, None]
        t[rows, ties[None, :], digits, 0] += w_i  # partner i's cell (p_k, defence) of each k in the block
        t = t.reshape(c, n, _CELLS)
        q = t @ _SIGN
        s = (t * q).sum(-1) / 2
        a = np.zeros((c, n))
        a[:, ties] = alpha[ties, digits]
        bad = bad_k[ties, digits].any(1)
        v = np.zeros((c, n, N_CLASSES))
        v[:, ties] = onehot
        if with_target:
            v[:, i, 0] = 1.0
        v = v.reshape(c, -1)
        hist = onehot.sum(1)
        return t, q, s, a, bad, v, hist

    inner_digits = _digits(N_CLASSES ** width, width)
    t_l, q_l, s_l, a_l, bad_l, v_l, hist_l = block(low_ties, inner_digits, False)
    q_l = np.ascontiguousarray(q_l.transpose(1, 2, 0))  # [k, c, l]
    quad_l = (v_l @ model.pairs * v_l).sum(-1) / 2
    vf_l = v_l @ ((model.pairs + model.pairs.T) / 2)
    hist_l = hist_l.copy()
    hist_l[:, 0] += w_i
    total = N_CLASSES ** len(partners)
    low, high = np.inf, -np.inf
    step = max(1, cells // (len(inner_digits) * n))
    n_outer = N_CLASSES ** len(outer)
    for start in range(0, n_outer, step):
        digits = _digits(min(n_outer, start + step), len(outer))[start:]
        t_h, _, s_h, a_h, bad_h, v_h, hist_h = block(outer, digits, True)
        cross = np.matmul(t_h.transpose(1, 0, 2), q_l)  # [k, h, l]
        s = s_h.T[:, :, None] + s_l.T[:, None, :] + cross
        weighted = np.einsum("hk,khl->hl", a_h, s) + np.einsum("lk,khl->hl", a_l, s)
        inv_col = _inv_sqrt(model.n0 - _ties(hist_h[:, None, :] + hist_l[None, :, :]))
        quad = (v_h @ model.pairs * v_h).sum(-1)[:, None] / 2 + quad_l[None, :] + v_h @ vf_l.T
        sec = model.a_sum - inv_col * weighted + quad
        bad = bad_h[:, None] | bad_l[None, :] | (inv_col == 0) | ~np.isfinite(sec)
        if bad.any():
            hh, ll = np.nonzero(bad)
            p = np.ones((len(hh), n), dtype=np.int8)
            p[:, outer] = digits[hh] + 1
            p[:, low_ties] = inner_digits[ll] + 1
            sec[bad] = model.values(p)
        low, high = min(low, float(sec.min())), max(high, float(sec.max()))
    return low, high, total
