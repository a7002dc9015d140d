"""Probabilistic scoring inside `run_backtest` (``draws=N``): each model's Monte Carlo predictive distribution and
its calibrated one, scored with `evaluate.probabilistic` (CRPS, coverage 50/80/90, PIT, Brier and log scores of
events, grouped-bootstrap intervals drawn as for the MAE table).

Calibration, chosen by `calibration`:

- ``"cv"`` (the default): out of fold. For each model the calibration is fitted on the backtest's own residuals
  of the other grouped folds and applied to the held-out fold (`cross_validate_calibration`); the out-of-fold
  ensemble row gets its nested calibration (`stacking.nested_calibrated_ensemble`). Every calibrated figure is
  then out of fold.
- ``"shipped"``, a path or a `Calibration`: applied as it is. When its provenance records the same data file
  (SHA-256) the scores are in sample, and the configuration says so (``calibration.in_sample``).
- None or ``"none"``: raw Monte Carlo only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from realpolitik.evaluate.calibration import Calibration, case_features, cross_validate_calibration
from realpolitik.evaluate.harness import BacktestResult, model_label
from realpolitik.evaluate.probabilistic import (
    Predictive,
    calibrated_predictive,
    monte_carlo_predictive,
    score_all,
)
from realpolitik.executors import Executor
from realpolitik.models.base import Model

CV = "cv"


def resolve(calibration: Calibration | str | Path | None, sha256: str | None) -> tuple[Calibration | str | None,
                                                                                    dict[str, Any]]:
    """Return the calibration to use (a `Calibration`, ``"cv"`` or None) and what the configuration records."""
    if calibration is None or (isinstance(calibration, str) and calibration.strip().lower() == "none"):
        return None, {"mode": "none"}
    if isinstance(calibration, str) and calibration.strip().lower() == CV:
        return CV, {"mode": "out of fold (fitted on the other grouped folds of this backtest)"}
    if isinstance(calibration, str) and calibration.strip().lower() == "shipped":
        calibration = Calibration.load()
    elif not isinstance(calibration, Calibration):
        calibration = Calibration.load(Path(calibration))
    prov = calibration.provenance
    fitted_on = (prov.get("data") or {}).get("sha256") if isinstance(prov.get("data"), dict) else None
    fitted_on = fitted_on or (prov.get("config") or {}).get("sha256")
    in_sample = bool(sha256) and fitted_on == sha256
    return calibration, {"mode": "given", "name": calibration.name, "fitted_on_sha256": fitted_on,
                         "in_sample": in_sample}


def predictive_scores(cases: list, models: list[Model], result: BacktestResult, draws: int, seed: int,
                      bootstrap: int, calibration: Calibration | str | None, folds: int,
                      executor: Executor | None = None, stacked: Any = None) -> list[Any]:
    """Return the `ProbabilisticScores` of every model's Monte Carlo draws (`draws` per case, seed `seed`) and of
    its calibrated distribution (see the module docstring), all scored with the same bootstrap resamples."""
    predictives: list[Predictive] = []
    features = case_features(cases) if calibration is not None else {}
    for model in models:
        label = model_label(model)
        mc = monte_carlo_predictive(cases, model, draws, seed, executor, label)
        predictives.append(mc)
        if calibration == CV:
            scored = result.scored(label)
            ids = scored["case"].to_list()
            if len(ids) >= 10 * folds // 5 and len(ids) >= 10:
                cv = cross_validate_calibration(label, ids, scored["group"].to_list(),
                                                scored["prediction"].to_numpy(), scored["outcome"].to_numpy(),
                                                [features[c] for c in ids], k=folds, seed=seed)
                predictives.append(calibrated_predictive(cv, cases))
        elif isinstance(calibration, Calibration) and label in calibration.models:
            kept = [c for c in cases if c.case_id in set(mc.cases)]
            dispersion = np.array([features[c.case_id]["dispersion"] for c in kept])
            samples = calibration.models[label].sample(mc.point, dispersion)
            predictives.append(Predictive(f"{label} + calibration {calibration.name}",
                                          f"calibration {calibration.name}", mc.cases, mc.groups, mc.outcome,
                                          mc.status_quo, mc.point, samples))
    if stacked is not None and calibration == CV:
        predictives.append(_nested_ensemble(stacked, cases, features, folds, seed))
    return score_all(predictives, n_boot=bootstrap, seed=seed)


def _nested_ensemble(stacked: Any, cases: list, features: dict, folds: int, seed: int) -> Predictive:
    from realpolitik.evaluate.stacking import nested_calibrated_ensemble

    by_id = {c.case_id: c for c in cases}
    nested = nested_calibrated_ensemble(stacked.points, stacked.outcome, stacked.groups,
                                        [features[c] for c in stacked.cases], folds, seed)
    ordered = [by_id[c] for c in stacked.cases]
    return Predictive(f"ensemble + calibration (nested {folds}-fold grouped CV)",
                      f"nested grouped CV: weights and calibration fitted without each fold, {folds} folds, "
                      f"seed {seed}", stacked.cases, [c.group for c in ordered], stacked.outcome,
                      [c.status_quo for c in ordered], nested.predictions, nested.samples)
