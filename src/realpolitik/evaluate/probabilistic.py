"""Probabilistic backtests: every model's predictive distribution per case, scored with CRPS, interval coverage,
PIT and event scores, each with a grouped-bootstrap interval (the resampling of the MAE table).

A predictive distribution is a sample per case: the model's Monte Carlo draws under the scenario's spreads (the
project's own machinery, `run_monte_carlo`; DEU declares none, so the conventional spreads apply), or a
calibrated sample (`calibration.py`), out of fold when the calibration was fitted on the same cases.
`probabilistic_backtest` is the core entry the pipeline's backtest calls; `score_predictive` scores one sample.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from realpolitik.errors import RealpolitikError
from realpolitik.evaluate.calibration import Calibration, CalibrationCV, case_features
from realpolitik.evaluate.dataset import BacktestCase
from realpolitik.evaluate.metrics import Estimate, group_draws
from realpolitik.evaluate.scores import (
    DEFAULT_EVENTS,
    LEVELS,
    BinaryEvent,
    bootstrap_mean,
    brier,
    central_interval,
    covered,
    crps_ensemble,
    event_forecasts,
    log_score,
    pit_ensemble,
    pit_histogram,
    reliability,
)
from realpolitik.executors import Executor
from realpolitik.models.base import Model


@dataclass(frozen=True)
class Predictive:
    """One forecaster's predictive samples (cases × m, 0-100) with the cases' ids, groups, outcomes, reference
    points and point forecasts; `failures` maps case ids to why no distribution was made there."""

    label: str
    source: str
    cases: list[str]
    groups: list[str]
    outcome: np.ndarray
    status_quo: list[float | None]
    point: np.ndarray
    samples: np.ndarray
    failures: dict[str, str] = field(default_factory=dict)


def monte_carlo_predictive(cases: list[BacktestCase], model: Model, draws: int = 100, seed: int = 0,
                           executor: Executor | None = None, label: str | None = None) -> Predictive:
    """Return `model`'s Monte Carlo predictive samples on every case (`draws` draws, seed `seed` on every case;
    the conventional spreads where a case declares none). A case where the model or every draw fails is left out
    and listed in `failures`."""
    from realpolitik.evaluate.harness import model_label
    from realpolitik.uncertainty.montecarlo import run_monte_carlo

    kept, samples, points, failures = [], [], [], {}
    for case in cases:
        try:
            result = run_monte_carlo(case.scenario, model, draws, seed, executor)
        except RealpolitikError as exc:
            failures[case.case_id] = str(exc)
            continue
        if not len(result.draws):
            failures[case.case_id] = f"every one of {draws} draws failed"
            continue
        column = result.labels.index(case.issue)
        # a draw count below `draws` (some draws failed) is padded by resampling the successful ones in order
        x = np.resize(np.clip(result.draws[:, column], 0, 100), draws)
        kept.append(case)
        samples.append(x)
        points.append(result.for_issue(case.issue).baseline)
    return _predictive(label or model_label(model), f"Monte Carlo, {draws} draws, seed {seed}", kept,
                       np.array(points, float), np.array(samples).reshape(len(kept), draws), failures)


def _predictive(label: str, source: str, cases: list[BacktestCase], point: np.ndarray, samples: np.ndarray,
                failures: dict[str, str] | None = None) -> Predictive:
    return Predictive(label, source, [c.case_id for c in cases], [c.group for c in cases],
                      np.array([c.outcome for c in cases], float), [c.status_quo for c in cases], point, samples,
                      dict(failures or {}))


def calibrated_predictive(cv: CalibrationCV, cases: list[BacktestCase], label: str | None = None) -> Predictive:
    """Return the out-of-fold calibrated samples of `cross_validate_calibration` as a `Predictive`."""
    by_id = {c.case_id: c for c in cases}
    ordered = [by_id[c] for c in cv.cases]
    return _predictive(label or f"{cv.label} + calibration ({cv.k}-fold grouped CV)",
                       f"calibrated out of fold, {cv.k} grouped folds, seed {cv.seed}", ordered, cv.point, cv.samples)


def probabilistic_backtest(cases: list[BacktestCase], models: list[Model], draws: int = 100, seed: int = 0,
                           calibration: Calibration | None = None, executor: Executor | None = None
                           ) -> list[Predictive]:
    """Return every model's Monte Carlo predictive samples on `cases` (`draws` per case, seed `seed`) and, when
    `calibration` knows the model, its calibrated samples too. A calibration fitted on these same cases scores
    in sample there; the honest figure comes from `calibration.cross_validate_calibration` (see
    benchmarks/fit_shipped.py). Score the result with `score_all`."""
    if not cases:
        raise RealpolitikError("no backtest cases to score. Fix: check the data has issues with outcomes")
    out = []
    features = case_features(cases) if calibration is not None else {}
    for model in models:
        mc = monte_carlo_predictive(cases, model, draws, seed, executor)
        out.append(mc)
        if calibration is not None and mc.label in calibration.models:
            fitted = calibration.models[mc.label]
            dispersion = np.array([features[c]["dispersion"] for c in mc.cases])
            kept = [c for c in cases if c.case_id in set(mc.cases)]
            out.append(_predictive(f"{mc.label} + calibration {calibration.name}", f"calibration "
                                   f"{calibration.name}", kept, mc.point, fitted.sample(mc.point, dispersion)))
    return out


@dataclass(frozen=True)
class EventScores:
    """Brier and log scores of one event's probabilities (n cases scored), its reliability points."""

    event: str
    n: int
    brier: Estimate
    log: Estimate
    reliability: list[tuple[float, float, int]]


@dataclass(frozen=True)
class ProbabilisticScores:
    """One forecaster's probabilistic scores, each a mean over cases with its grouped-bootstrap interval."""

    label: str
    source: str
    n: int
    crps: Estimate
    mae: Estimate
    coverage: dict[float, Estimate]
    events: list[EventScores]
    pit_counts: list[int]

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-ready form."""
        def est(e: Estimate) -> dict[str, float]:
            return {"value": e.value, "low": e.low, "high": e.high}

        return {"model": self.label, "source": self.source, "n": self.n, "crps": est(self.crps),
                "mae": est(self.mae), "coverage": {f"{lv:g}": est(e) for lv, e in self.coverage.items()},
                "events": [{"event": e.event, "n": e.n, "brier": est(e.brier), "log": est(e.log),
                            "reliability": e.reliability} for e in self.events],
                "pit_counts": self.pit_counts}


def score_predictive(pred: Predictive, draws: np.ndarray, all_groups: list[str], level: float = 0.95,
                     events: tuple[BinaryEvent, ...] = DEFAULT_EVENTS) -> ProbabilisticScores:
    """Score one forecaster; `draws` = `group_draws` over `all_groups` (sorted), shared by every forecaster."""
    index = {g: k for k, g in enumerate(sorted(set(all_groups)))}
    codes = np.array([index[g] for g in pred.groups])

    def mean(values: np.ndarray, mask: np.ndarray | None = None) -> Estimate:
        sel = codes if mask is None else codes[mask]
        present = np.unique(sel)
        return bootstrap_mean(values if mask is None else values[mask], sel, draws[:, present], level)

    y = pred.outcome
    coverage = {lv: mean(covered(*central_interval(pred.samples, lv), y).astype(float)) for lv in LEVELS}
    event_scores = []
    for event in events:
        mask, p, happened = event_forecasts(event, pred.samples, y, pred.status_quo)
        if not mask.any():
            continue
        event_scores.append(EventScores(event.name, int(mask.sum()), mean(brier(p, happened), mask),
                                        mean(log_score(p, happened), mask), reliability(p[mask], happened[mask])))
    counts, _ = pit_histogram(pit_ensemble(pred.samples, y))
    return ProbabilisticScores(pred.label, pred.source, len(y), mean(crps_ensemble(pred.samples, y)),
                               mean(np.abs(pred.point - y)), coverage, event_scores, counts.tolist())


def score_all(predictives: list[Predictive], n_boot: int = 2000, seed: int = 0, level: float = 0.95,
              events: tuple[BinaryEvent, ...] = DEFAULT_EVENTS) -> list[ProbabilisticScores]:
    """Score every forecaster with the same bootstrap resamples of whole groups (same seed, same intervals)."""
    groups = sorted({g for p in predictives for g in p.groups})
    draws = group_draws(np.array(groups), n_boot, np.random.default_rng(seed))
    return [score_predictive(p, draws, groups, level, events) for p in predictives if len(p.cases)]
