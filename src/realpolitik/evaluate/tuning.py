"""Honest tuning: grouped K-fold cross-validation of the anchored compromise's parameters.

Folds hold whole groups (DEU proposals), so no proposal's issues are on both sides of a split. In each fold the
parameters with the lowest mean absolute error on the training folds are chosen from `GRID` and used to forecast
the held-out fold; the out-of-fold forecasts are what gets scored. The search is vectorised over cases (it computes
the same outcome as `AnchoredCompromise.run`, which a test checks), so a grid of hundreds of settings takes
seconds.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from realpolitik.evaluate.dataset import BacktestCase
from realpolitik.models.anchored import anchored_weights
from realpolitik.scenario.model import DecisionRule

GRID: dict[str, tuple[float, ...]] = {
    "salience_power": (0.0, 0.5, 1.0, 1.5, 2.0),
    "capability_power": (0.0, 0.5, 1.0),
    "reference_pull": (-0.4, -0.3, -0.2, -0.1, 0.0, 0.1, 0.2),
    "reference_pull_unanimity": (-0.4, -0.3, -0.2, -0.1, 0.0, 0.1, 0.2),
}


@dataclass(frozen=True)
class CrossValidation:
    """Out-of-fold forecasts (one per case, in case order) and the parameters chosen in each fold."""

    predictions: np.ndarray
    chosen: tuple[dict[str, float], ...]
    folds: np.ndarray  # fold number of each case
    k: int
    seed: int


def grouped_folds(groups: list[str], k: int, seed: int) -> np.ndarray:
    """Return each case's fold (0..k-1): groups shuffled with `seed` and dealt round-robin into k folds."""
    unique = sorted(set(groups))
    order = np.random.default_rng(seed).permutation(len(unique))
    fold_of = {unique[g]: rank % k for rank, g in enumerate(order)}
    return np.array([fold_of[g] for g in groups])


def _centres(cases: list[BacktestCase], salience_power: float, capability_power: float) -> np.ndarray:
    out = np.empty(len(cases))
    for j, case in enumerate(cases):
        arrays = case.scenario.arrays(case.issue)
        weights = anchored_weights(arrays, salience_power, capability_power)
        out[j] = np.dot(weights, arrays.position) / weights.sum() if weights.sum() > 0 else arrays.position.mean()
    return out


def grid_predictions(cases: list[BacktestCase], grid: dict[str, tuple[float, ...]] | None = None
                     ) -> tuple[list[dict[str, float]], np.ndarray]:
    """Return every parameter setting of the grid and the (settings × cases) matrix of forecasts (0-100)."""
    grid = grid or GRID
    status_quo = np.array([np.nan if c.status_quo is None else c.status_quo for c in cases])
    unanimity = np.array([c.scenario.issue(c.issue).decision_rule == DecisionRule.UNANIMITY for c in cases])
    settings, rows = [], []
    for alpha, beta in itertools.product(grid["salience_power"], grid["capability_power"]):
        centre = _centres(cases, alpha, beta)
        for pull, pull_u in itertools.product(grid["reference_pull"], grid["reference_pull_unanimity"]):
            lam = np.where(unanimity, pull_u, pull)
            moved = np.clip(centre + lam * (status_quo - centre), 0, 100)
            rows.append(np.where(np.isnan(status_quo), centre, moved))
            settings.append({"salience_power": alpha, "capability_power": beta, "reference_pull": pull,
                             "reference_pull_unanimity": pull_u})
    return settings, np.array(rows)


def cross_validate(cases: list[BacktestCase], k: int = 5, seed: int = 0,
                   grid: dict[str, tuple[float, ...]] | None = None) -> CrossValidation:
    """Grouped k-fold cross-validation of the anchored compromise; returns out-of-fold forecasts."""
    settings, table = grid_predictions(cases, grid)
    outcome = np.array([c.outcome for c in cases])
    errors = np.abs(table - outcome)
    folds = grouped_folds([c.group for c in cases], k, seed)
    predictions = np.empty(len(cases))
    chosen = []
    for fold in range(k):
        test = folds == fold
        best = int(np.argmin(errors[:, ~test].mean(axis=1)))
        predictions[test] = table[best, test]
        chosen.append(settings[best])
    return CrossValidation(predictions, tuple(chosen), folds, k, seed)


def fit(cases: list[BacktestCase], grid: dict[str, tuple[float, ...]] | None = None) -> dict[str, float]:
    """Return the grid setting with the lowest mean absolute error on all `cases` (in-sample: a diagnostic only)."""
    settings, table = grid_predictions(cases, grid)
    outcome = np.array([c.outcome for c in cases])
    return settings[int(np.argmin(np.abs(table - outcome).mean(axis=1)))]
