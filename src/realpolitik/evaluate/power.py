"""A priori voting power: Shapley–Shubik and Banzhaf indices of weighted voting games, computed exactly.

A game has n players, each with an integer weight vector (votes; population in fixed units; ...). Whether a
coalition wins depends only on its size and its summed weights, through a monotone rule (quotas on each weight,
a minimum number of members, or a disjunction such as Lisbon's blocking-minority clause). The indices come from
the generating function of coalitions counted by (size, summed weights) — Brams & Affuso (1976) "Power and size: a
new paradox", Theory and Decision 7; Bilbao, Fernández, Jiménez & López (2000) "Generating functions for computing
power indices efficiently", TOP 8(2) — never by enumerating the 2ⁿ coalitions:

1. F(k, x) = number of coalitions of size k with summed weights x: a dynamic programme adding one player at a time.
2. For each player i, the count without i, Gᵢ, is F divided by the player's factor (1 + y·zʷⁱ): Gᵢ(k, ·) =
   F(k, ·) − Gᵢ(k − 1, · − wᵢ), exact in integer arithmetic.
3. i swings a coalition S ∌ i when S loses and S ∪ {i} wins; Banzhaf counts swings, Shapley–Shubik weighs a swing of
   a size-k coalition by k!(n − k − 1)!/n!.

Example (the EEC-6 Council of 1958, weights 4, 4, 4, 2, 2, 1, quota 12):
    >>> game = WeightedGame.quota([4, 4, 4, 2, 2, 1], 12)
    >>> shapley_shubik(game).round(4).tolist()
    [0.2333, 0.2333, 0.2333, 0.15, 0.15, 0.0]
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from math import factorial

import numpy as np

from realpolitik.errors import RealpolitikError

MAX_CELLS = 20_000_000  # the (size × summed weights) table must fit comfortably in memory
MAX_PLAYERS = 60  # coalition counts up to 2^60 stay exact in int64

# A rule maps (size grid, summed-weight grids, total weights) to a boolean "wins" array of the same shape.
Rule = Callable[[np.ndarray, tuple[np.ndarray, ...]], np.ndarray]


@dataclass(frozen=True)
class WeightedGame:
    """A simple voting game: players' integer weights (n × d) and a monotone winning rule on (size, Σ weights).

    `rule(size, sums)` receives integer arrays broadcast over every (size, Σw₁, …, Σw_d) cell and returns where a
    coalition with those totals wins. Use `quota` for the common case of quotas on each weight and a member count.
    """

    weights: np.ndarray
    rule: Rule
    description: str = ""

    @classmethod
    def quota(cls, weights, quotas, min_members: int = 0, description: str = "") -> WeightedGame:
        """Return the game won by coalitions with Σw ≥ quota on every weight and at least `min_members` members.

        `weights` is a sequence of integers (one weight per player) or an n × d integer array; `quotas` a number
        or d numbers.
        """
        w = _as_weights(weights)
        q = np.atleast_1d(np.asarray(quotas, dtype=np.int64))
        if q.shape != (w.shape[1],):
            raise RealpolitikError(f"voting game: {q.size} quota(s) for {w.shape[1]} weight(s) per player. "
                                   "Fix: give one quota per weight column")

        def rule(size: np.ndarray, sums: tuple[np.ndarray, ...]) -> np.ndarray:
            wins = size >= min_members
            for total, needed in zip(sums, q, strict=True):
                wins = wins & (total >= needed)
            return wins

        text = description or f"quota {q.tolist()} of {w.sum(axis=0).tolist()}, ≥ {min_members} members"
        return cls(w, rule, text)

    @property
    def n(self) -> int:
        """The number of players."""
        return int(self.weights.shape[0])


def _as_weights(weights) -> np.ndarray:
    w = np.asarray(weights)
    if w.ndim == 1:
        w = w[:, None]
    if w.ndim != 2 or w.shape[0] == 0:
        raise RealpolitikError("voting game: weights must be a non-empty list or an n × d table. Fix: pass one "
                               "weight (or one row of weights) per player")
    if not np.issubdtype(w.dtype, np.integer) and not np.all(w == np.round(w)):
        raise RealpolitikError("voting game: weights must be whole numbers. Fix: scale them to integers "
                               "(e.g. population in thousands)")
    w = w.astype(np.int64)
    if (w < 0).any():
        raise RealpolitikError("voting game: a weight is negative. Fix: use weights ≥ 0")
    return w


def coalition_counts(weights: np.ndarray) -> np.ndarray:
    """Return F[k, x₁, …, x_d]: how many coalitions have k members and summed weights (x₁, …, x_d), exactly."""
    n = weights.shape[0]
    shape = (n + 1, *(int(t) + 1 for t in weights.sum(axis=0)))
    if n > MAX_PLAYERS:
        raise RealpolitikError(f"voting game: {n} players is too many for exact counts (limit {MAX_PLAYERS}). "
                               "Fix: merge identical players or use fewer")
    if int(np.prod(shape, dtype=np.float64)) > MAX_CELLS:
        raise RealpolitikError(f"voting game: the count table would have {np.prod(shape, dtype=np.float64):.0f} "
                               "cells. Fix: express weights in coarser units (e.g. population in 10,000s)")
    counts = np.zeros(shape, dtype=np.int64)
    counts[(0,) * len(shape)] = 1
    for w in weights:
        target = (slice(1, None), *(slice(int(v), None) for v in w))
        source = (slice(None, -1), *(slice(None, dim - int(v)) for dim, v in zip(shape[1:], w, strict=True)))
        counts[target] = counts[target] + counts[source]
    return counts


def _without(counts: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Return the coalition counts of the game without a player of weights `w` (divide out 1 + y·zʷ)."""
    out = np.zeros_like(counts)
    out[0] = counts[0]
    dims = counts.shape[1:]
    target = tuple(slice(int(v), None) for v in w)
    source = tuple(slice(None, d - int(v)) for d, v in zip(dims, w, strict=True))
    for k in range(1, counts.shape[0]):
        out[k] = counts[k]
        out[k][target] -= out[k - 1][source]
    return out


def _swings_by_size(game: WeightedGame) -> np.ndarray:
    """Return S[i, k]: how many size-k coalitions without player i that lose, and win when i joins."""
    counts = coalition_counts(game.weights)
    grids = np.indices(list(counts.shape), sparse=True)  # a list: numpy's stubs type a shape tuple as 0-d here
    size, sums = grids[0], tuple(grids[1:])
    wins = np.broadcast_to(game.rule(size, sums), counts.shape)
    swings = np.zeros((game.n, game.n), dtype=np.int64)
    for i, w in enumerate(game.weights):
        rest = _without(counts, w)
        # wins_with[k, x] = whether a coalition of size k + 1 with sums x + w wins (cells beyond the table cannot
        # occur: they would need more weight than all players but i have).
        with_i = np.zeros_like(wins)
        target = (slice(None, -1), *(slice(None, d - int(v)) for d, v in zip(counts.shape[1:], w, strict=True)))
        source = (slice(1, None), *(slice(int(v), None) for v in w))
        with_i[target] = wins[source]
        pivotal = with_i & ~wins
        axes = tuple(range(1, counts.ndim))
        swings[i] = np.where(pivotal, rest, 0).sum(axis=axes)[: game.n]
    return swings


def banzhaf_counts(game: WeightedGame) -> np.ndarray:
    """Return each player's raw Banzhaf count: the number of coalitions it swings (an integer per player)."""
    return _swings_by_size(game).sum(axis=1)


def banzhaf(game: WeightedGame, normalized: bool = True) -> np.ndarray:
    """Return the Banzhaf index per player: swings / Σ swings (normalised, sums to 1), or, with
    ``normalized=False``, the Penrose–Banzhaf measure swings / 2ⁿ⁻¹ (the probability of being decisive)."""
    counts = banzhaf_counts(game).astype(float)
    if not normalized:
        return counts / 2.0 ** (game.n - 1)
    total = counts.sum()
    if total == 0:
        raise RealpolitikError(f"voting game ({game.description}): no player is ever decisive, so the Banzhaf "
                               "index is undefined. Fix: check the quota is reachable")
    return counts / total


def shapley_shubik(game: WeightedGame) -> np.ndarray:
    """Return the Shapley–Shubik index per player (shares summing to 1): the probability that the player is
    pivotal when players join in a uniformly random order."""
    n = game.n
    k = np.arange(n)
    order_weight = np.array([factorial(int(j)) * factorial(n - int(j) - 1) for j in k], dtype=float) / factorial(n)
    index = _swings_by_size(game).astype(float) @ order_weight
    if not index.sum() > 0:
        raise RealpolitikError(f"voting game ({game.description}): no player is ever pivotal, so the "
                               "Shapley–Shubik index is undefined. Fix: check the quota is reachable")
    return index
