"""The `ensemble` in a backtest, scored out of fold: its stacking weights refitted in each grouped fold.

The shipped ensemble weights were fitted on the DEU development split, so scoring ``ensemble`` with them on that
split would be in sample. With cross-validation on, `run_backtest` replaces the in-sample row by this one: every
member of the shipped weights file is run on the cases, and each fold's forecasts are the weighted mean of the
members with weights fitted (`evaluate.stacking.fit_weights`) on the other folds only (grouped by the cases'
groups, e.g. DEU proposals).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from realpolitik.evaluate.harness import BacktestResult, model_label
from realpolitik.executors import Executor
from realpolitik.models.base import Model

NAME = "ensemble"


def cv_label(folds: int) -> str:
    """Return the label of the out-of-fold ensemble row."""
    return f"{NAME} ({folds}-fold grouped CV stacking)"


@dataclass(frozen=True)
class StackedCV:
    """Out-of-fold ensemble forecasts: case ids, forecasts, member labels, weights per fold, member points."""

    cases: list[str]
    predictions: np.ndarray
    members: list[str]
    weights: list[list[float]]
    points: np.ndarray
    outcome: np.ndarray
    groups: list[str]
    best_single: dict[str, Any]

    def describe(self) -> dict[str, Any]:
        """Return what the configuration records of the fit, with the honest comparison: the member with the lowest
        MAE on the training folds, chosen in each fold and scored on the held-out one."""
        return {"members": self.members, "scored_cases": len(self.cases),
                "weights_per_fold": [dict(zip(self.members, w, strict=True)) for w in self.weights],
                "method": "stacking (simplex weights minimising MAE, step 0.05), refitted in each grouped fold",
                "mae_out_of_fold": float(np.mean(np.abs(self.predictions - self.outcome))),
                "best_single_member_chosen_in_fold": self.best_single}


def best_single_in_fold(points: np.ndarray, outcome: np.ndarray, folds: np.ndarray, members: list[str]
                        ) -> dict[str, Any]:
    """Return the out-of-fold MAE of choosing, in each fold, the member with the lowest MAE on the other folds (what
    a forecaster without hindsight would do instead of stacking), and the members chosen."""
    prediction, chosen = np.empty(len(outcome)), []
    for fold in np.unique(folds):
        test = folds == fold
        best = int(np.argmin(np.abs(points[:, ~test] - outcome[~test]).mean(axis=1)))
        prediction[test] = points[best, test]
        chosen.append(members[best])
    return {"mae_out_of_fold": float(np.mean(np.abs(prediction - outcome))), "chosen_per_fold": chosen}


def member_models(weights: str = "shipped") -> list[Model]:
    """Return every member of the ensemble's weights file (zero weights included: each fold may choose them)."""
    from realpolitik.models.ensemble import SHIPPED, read_weights
    from realpolitik.models.specs import build_models

    source = SHIPPED if weights in ("shipped", "equal") else weights
    return build_models([str(m["spec"]) for m in read_weights(source)["members"]])


def stacked_cv(cases: list, result: BacktestResult, folds: int, seed: int, executor: Executor | None = None,
               weights: str = "shipped") -> StackedCV:
    """Run the members not already in `result` on `cases`, then cross-validate the stacking weights by grouped
    `folds`-fold CV (fold seed `seed`) on the cases every member forecast."""
    from realpolitik.evaluate.harness import run_backtest as run_cases
    from realpolitik.evaluate.stacking import cross_validate_weights

    members = member_models(weights)
    labels = [model_label(m) for m in members]
    missing = [m for m, label in zip(members, labels, strict=True) if label not in result.labels]
    extra = run_cases(cases, missing, executor=executor) if missing else None
    frames = {}
    for label in labels:
        source = result if label in result.labels or extra is None else extra
        scored = source.scored(label)
        frames[label] = dict(zip(scored["case"].to_list(), scored["prediction"].to_list(), strict=True))
    common = [c for c in cases if all(c.case_id in frames[label] for label in labels)]
    points = np.array([[frames[label][c.case_id] for c in common] for label in labels], float)
    outcome = np.array([c.outcome for c in common], float)
    groups = [c.group for c in common]
    fitted = cross_validate_weights(points, outcome, groups, folds, seed)
    return StackedCV([c.case_id for c in common], fitted.predictions, labels,
                     [[round(float(x), 4) for x in w] for w in fitted.weights], points, outcome, groups,
                     best_single_in_fold(points, outcome, fitted.folds, labels))
