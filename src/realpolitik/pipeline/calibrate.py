"""`fit_calibration_run`: fit a calibration (``realpolitik.calibration/1``) on a backtest and measure it out of fold.
The CLI's ``realpolitik calibrate`` only translates its options into this call and writes the file.

Every model's calibration is fitted on all its backtest residuals (what the file holds); its out-of-fold figures
come from grouped cross-validation of the same procedure (`cross_validate_calibration`, `folds` folds by case
group, fold seed `seed`), so the coverage printed is what new issues like these can expect. The ensemble with its
shipped weights is calibrated on its out-of-fold forecasts (weights refitted per fold), never on in-sample ones.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from realpolitik.errors import RealpolitikError
from realpolitik.evaluate.calibration import (
    LEVELS,
    Calibration,
    case_features,
    cross_validate_calibration,
    fit_model_calibration,
)
from realpolitik.evaluate.harness import BASELINE_50, BASELINE_REFERENCE
from realpolitik.evaluate.scores import central_interval, covered, crps_ensemble


@dataclass(frozen=True)
class CalibrationRun:
    """A fitted calibration and, per model label, its out-of-fold figures (coverage per level, CRPS, n)."""

    calibration: Calibration
    out_of_fold: dict[str, dict[str, Any]]
    backtest: Any

    def to_dict(self) -> dict[str, Any]:
        """Return the calibration document (``realpolitik.calibration/1``) with the out-of-fold figures."""
        return self.calibration.to_dict()


def _label_for_file(label: str) -> str:
    from realpolitik.pipeline.stacked import NAME

    return NAME if label.startswith(f"{NAME} (") else label


def fit_calibration_run(data: str | Path | list, models: Iterable[str] | None = None, *, capability: str = "shapley",
                        folds: int = 5, seed: int = 0, draws: int = 0, name: str = "", scale: str = "dispersion",
                        executor: Any = None, progress: Any = None, config: dict[str, Any] | None = None
                        ) -> CalibrationRun:
    """Backtest `models` on `data` (as `run_backtest`), fit a calibration per model on its residuals and measure
    it by grouped `folds`-fold cross-validation (seed `seed`). `draws` > 0 also scores the raw Monte Carlo
    distributions beside the calibrated ones (the backtest document's ``probabilistic`` section)."""
    from realpolitik.pipeline.backtest import run_backtest

    if folds < 2:
        raise RealpolitikError(f"--folds {folds}: a calibration is measured out of fold on at least 2 folds. "
                               "Fix: use --folds 5")
    run = run_backtest(data, list(models) if models else ["compromise"], capability=capability, cv=folds,
                       bootstrap=200, seed=seed, executor=executor, progress=progress, config=config,
                       draws=draws, calibration="cv")
    if run.interrupted:
        raise RealpolitikError("the backtest was interrupted, so no calibration was written. Fix: run it again")
    result = run.result
    cases = data if isinstance(data, list) else _cases(data, capability)
    features = case_features(cases)
    fitted, oof = {}, {}
    for label in result.labels:
        if label in (BASELINE_50, BASELINE_REFERENCE) or label.startswith("anchored ("):
            continue
        scored = result.scored(label)
        ids = scored["case"].to_list()
        point, outcome = scored["prediction"].to_numpy(), scored["outcome"].to_numpy()
        key = _label_for_file(label)
        fitted[key] = fit_model_calibration(key, point, outcome, [features[c] for c in ids], scale)
        cv = cross_validate_calibration(key, ids, scored["group"].to_list(), point, outcome,
                                        [features[c] for c in ids], scale, folds, seed)
        oof[key] = {"n": len(ids), "crps": float(np.mean(crps_ensemble(cv.samples, outcome))),
                    "coverage": {f"{lv:g}": float(np.mean(covered(*central_interval(cv.samples, lv), outcome)))
                                 for lv in LEVELS}}
    cfg = run.config
    provenance = {"data": {"file": cfg.get("data"), "sha256": cfg.get("sha256"), "format": cfg.get("format"),
                           "capability": cfg.get("capability"), "issues": cfg.get("cases"),
                           "groups": cfg.get("groups")},
                  "cases": cfg.get("cases"), "groups": cfg.get("groups"), "scale": scale,
                  "models": cfg.get("models"), "folds": folds, "fold_seed": seed, "grouped_by": "case group",
                  "ensemble": cfg.get("ensemble"), "ensemble_cv": cfg.get("ensemble_cv"),
                  "out_of_fold": oof, "realpolitik": cfg.get("realpolitik"), "command": cfg.get("command"),
                  "script": "realpolitik calibrate"}
    return CalibrationRun(Calibration(fitted, provenance, name), oof, run)


def _cases(data: str | Path, capability: str) -> list:
    from realpolitik.pipeline.backtest import load_cases

    return load_cases(data, capability)[0]
