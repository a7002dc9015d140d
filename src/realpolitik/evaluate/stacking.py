"""Stacking weights for the `ensemble` model: non-negative weights summing to one that minimise the mean absolute
error of the weighted mean of member models' forecasts, and their honest (nested, grouped) evaluation.

Why stacking on MAE and not EBMA (Montgomery, Hollenbach & Ward 2012): EBMA weighs members by the likelihood of
the outcomes under each member's predictive density, but the members' Monte Carlo densities are conventions that
cover the outcome in 10-30% of DEU issues (issue 13), so the likelihood would reward whichever member happens to
have the widest draws, not the best forecaster. Stacking needs only point forecasts; the predictive distribution
comes from the calibration (`calibration.py`) fitted on the ensemble's own out-of-fold residuals.

The weights are found by exhaustive search on the simplex grid with step `STEP` (MAE is piecewise linear in the
weights, so the optimum sits on a vertex of the arrangement; a grid of step 0.05 over up to 8 members is exact
enough for weights reported to two decimals, and deterministic). Ties are broken towards the first setting found
in lexicographic order.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from realpolitik.errors import RealpolitikError

STEP = 0.05
CHUNK = 20_000


def simplex_grid(n: int, step: float = STEP) -> np.ndarray:
    """Return every weight vector of `n` non-negative multiples of `step` summing to one (settings × n)."""
    units = round(1 / step)
    rows = [np.diff([0, *cut, units + n]) - 1 for cut in itertools.combinations(range(1, units + n), n - 1)]
    return np.array(rows, dtype=float) / units


def fit_weights(points: np.ndarray, outcome: np.ndarray, step: float = STEP) -> np.ndarray:
    """Return the simplex weights (one per member, rows of `points`: members × cases) with the lowest MAE."""
    points, outcome = np.asarray(points, float), np.asarray(outcome, float)
    if points.ndim != 2 or points.shape[1] != len(outcome) or not len(outcome):
        raise RealpolitikError("stacking needs a members × cases matrix of forecasts and one outcome per case. "
                               "Fix: give every member a forecast on every case")
    if np.isnan(points).any():
        raise RealpolitikError("a member has no forecast on some case. Fix: stack only members that forecast "
                               "every case, or drop those cases")
    grid = simplex_grid(points.shape[0], step)
    best, best_mae = grid[0], np.inf
    for start in range(0, len(grid), CHUNK):
        chunk = grid[start:start + CHUNK]
        mae = np.abs(chunk @ points - outcome).mean(axis=1)
        k = int(np.argmin(mae))
        if mae[k] < best_mae - 1e-12:
            best, best_mae = chunk[k], float(mae[k])
    return best


@dataclass(frozen=True)
class StackingCV:
    """Out-of-fold ensemble forecasts (weights refitted without each fold) and the weights of each fold."""

    predictions: np.ndarray
    weights: tuple[np.ndarray, ...]
    folds: np.ndarray
    k: int
    seed: int


def cross_validate_weights(points: np.ndarray, outcome: np.ndarray, groups: list[str], k: int = 5, seed: int = 0,
                           step: float = STEP) -> StackingCV:
    """Grouped k-fold cross-validation of the stacking: each fold's forecasts use weights fitted on the others."""
    from realpolitik.evaluate.tuning import grouped_folds

    points, outcome = np.asarray(points, float), np.asarray(outcome, float)
    folds = grouped_folds(list(groups), k, seed)
    predictions = np.empty(len(outcome))
    weights = []
    for fold in range(k):
        test = folds == fold
        w = fit_weights(points[:, ~test], outcome[~test], step)
        predictions[test] = w @ points[:, test]
        weights.append(w)
    return StackingCV(predictions, tuple(weights), folds, k, seed)


@dataclass(frozen=True)
class NestedEnsemble:
    """Honest figures for a calibrated ensemble: out-of-fold ensemble forecasts and calibrated samples, where each
    outer fold's weights and calibration were fitted on the other folds only (the calibration on residuals that
    are themselves out of fold within those folds)."""

    predictions: np.ndarray
    samples: np.ndarray
    weights: tuple[np.ndarray, ...]
    folds: np.ndarray
    k: int
    seed: int


def nested_calibrated_ensemble(points: np.ndarray, outcome: np.ndarray, groups: list[str],
                               features: list[dict], k: int = 5, seed: int = 0, scale: str = "dispersion",
                               step: float = STEP) -> NestedEnsemble:
    """Return out-of-fold forecasts and calibrated samples of the stacked ensemble by nested grouped CV: in each
    outer fold, inner grouped CV on the training folds gives out-of-fold residuals to fit the calibration on,
    weights are fitted on all training folds, and both are applied to the held-out fold."""
    from realpolitik.evaluate.calibration import KNOTS, fit_model_calibration
    from realpolitik.evaluate.tuning import grouped_folds

    points, outcome = np.asarray(points, float), np.asarray(outcome, float)
    groups = list(groups)
    folds = grouped_folds(groups, k, seed)
    dispersion = np.array([f["dispersion"] for f in features])
    predictions, samples = np.empty(len(outcome)), np.empty((len(outcome), KNOTS))
    weights = []
    for fold in range(k):
        test, train = np.flatnonzero(folds == fold), np.flatnonzero(folds != fold)
        inner = cross_validate_weights(points[:, train], outcome[train], [groups[i] for i in train], k, seed, step)
        calibration = fit_model_calibration("ensemble", inner.predictions, outcome[train],
                                            [features[i] for i in train], scale)
        w = fit_weights(points[:, train], outcome[train], step)
        predictions[test] = w @ points[:, test]
        samples[test] = calibration.sample(predictions[test], dispersion[test])
        weights.append(w)
    return NestedEnsemble(predictions, samples, tuple(weights), folds, k, seed)
