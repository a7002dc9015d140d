"""The forecast statistics of the expected-utility model: weighted mean, weighted median and median voter.

All weight actor k by w_k = c_k·s_k (capability × salience), as Bueno de Mesquita (1994) and Scholz, Calbert &
Smith (2011) do. Positions are in the units of the input (0-100 for a scenario).
"""

from __future__ import annotations

import numpy as np

from realpolitik.models.central import weighted_mean, weighted_median

__all__ = ["median_voter", "statistics", "weighted_mean", "weighted_median"]


def median_voter(position: np.ndarray, weights: np.ndarray, tol: float = 0.0) -> float:
    """Return the Condorcet winner among the held positions: the held position a that beats or ties every other
    held b in the weighted pairwise vote Σ_k w_k(|x_k − b| − |x_k − a|) ≥ 0.

    That is the held position minimising F(a) = Σ_k w_k|x_k − a| (the vote for a over b is F(b) − F(a)); with
    several minimisers (exactly equal, as the reference compares; within `tol` relative with ``zero_tol`` > 0) the
    lowest position is returned, as BDM (1994) gives none.
    """
    held = np.unique(position)
    total = np.abs(position[None, :] - held[:, None]) @ weights
    return float(held[np.flatnonzero(total <= total.min() + tol * total.max())[0]])


def statistics(position: np.ndarray, weights: np.ndarray) -> dict[str, float]:
    """Return the c·s-weighted mean, the weighted median and the median voter of `position`."""
    return {
        "mean": weighted_mean(position, weights),
        "weighted_median": weighted_median(position, weights),
        "median_voter": median_voter(position, weights),
    }
