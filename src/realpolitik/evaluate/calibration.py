"""Calibration learned from history: a model's point forecast turned into a predictive distribution whose intervals
cover what they say, fitted on the residuals of a backtest.

Method (a split-conformal predictive distribution, scaled by a spread feature): for each model, the backtest's
residuals are normalised, ``r = (outcome − forecast) / (d + d₀)``, where d is the issue's position dispersion (the
capability × salience weighted standard deviation of the actors' positions, points) and d₀ the median dispersion
of the fitting cases (``scale="dispersion"``), or 1 (``scale="none"``: plain residuals). The calibration keeps
`KNOTS` quantiles of r. A new forecast x on an issue of dispersion d becomes the equally weighted sample
``clip(x + (d + d₀) qₖ, 0, 100)``, k = 1..`KNOTS`: its central 80% interval covers the outcome in about 80% of
cases like the fitting ones (exchangeability), events get probabilities from the sample's shares. Outcomes
beyond the scale pile up at 0 and 100, as DEU's outcomes do.

Honesty: a calibration fitted on a backtest is scored only out of fold (`cross_validate_calibration`: grouped
folds, so issues of one proposal never sit on both sides). It records its data, models, folds and seed, and an
applicability domain (numbers of actors, dispersion, decision rules seen); a forecast outside it is flagged
(`CalibratedForecast.applies` False with the reasons). File format: JSON, schema ``realpolitik.calibration/1``
(docs/forecasting.md).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from realpolitik.errors import RealpolitikError
from realpolitik.evaluate.dataset import BacktestCase
from realpolitik.forecast import Forecast
from realpolitik.scenario.model import Scenario
from realpolitik.uncertainty.events import OPERATORS, parse_event

SCHEMA = "realpolitik.calibration/1"
KNOTS = 100
SCALES = ("dispersion", "none")
LEVELS = (0.5, 0.8, 0.9)
SHIPPED = Path(__file__).resolve().parents[1] / "calibrations" / "deu_dev.json"


def issue_features(scenario: Scenario, issue: str) -> dict[str, Any]:
    """Return what the calibration conditions on and checks its domain with: the number of actors with a stance,
    the position dispersion (capability × salience weighted SD, points; unweighted when every weight is 0) and
    the decision rule."""
    arrays = scenario.arrays(issue)
    weights = arrays.capability * arrays.salience
    if not weights.sum() > 0:
        weights = np.ones_like(arrays.position)
    position = np.asarray(arrays.position, float)
    if position.ndim != 1:
        raise RealpolitikError(f"issue {issue!r} is multi-dimensional: a calibration applies to one-dimensional "
                               "issues only. Fix: calibrate each coordinate's backtest separately")
    mean = np.dot(weights, position) / weights.sum()
    dispersion = float(np.sqrt(np.dot(weights, (position - mean) ** 2) / weights.sum()))
    return {"n_actors": len(arrays.actors), "dispersion": dispersion,
            "decision_rule": scenario.issue(issue).decision_rule.value}


def case_features(cases: list[BacktestCase]) -> dict[str, dict[str, Any]]:
    """Return `issue_features` of every case, by case id."""
    return {c.case_id: issue_features(c.scenario, c.issue) for c in cases}


def _scale(scale: str, dispersion: np.ndarray, offset: float) -> np.ndarray:
    return np.asarray(dispersion, float) + offset if scale == "dispersion" else np.ones_like(dispersion, float)


def _knots(n: int = KNOTS) -> np.ndarray:
    return (np.arange(n) + 0.5) / n


@dataclass(frozen=True)
class ModelCalibration:
    """One model's calibration: the quantiles of its normalised residuals, the scale, and its domain."""

    model: str
    scale: str
    offset: float
    quantiles: tuple[float, ...]
    n: int
    domain: dict[str, Any]

    def sample(self, point: np.ndarray, dispersion: np.ndarray, size: int = KNOTS) -> np.ndarray:
        """Return the calibrated predictive sample (cases × size) for forecasts `point` on issues of `dispersion`:
        the point plus the scaled residual quantiles at (k − ½)/size, clipped to 0-100."""
        point = np.atleast_1d(np.asarray(point, float))
        q = np.interp(_knots(size), _knots(len(self.quantiles)), self.quantiles)
        scale = _scale(self.scale, np.broadcast_to(np.asarray(dispersion, float), point.shape), self.offset)
        return np.clip(point[:, None] + scale[:, None] * q[None, :], 0.0, 100.0)

    def outside(self, features: dict[str, Any]) -> list[str]:
        """Return why an issue with `features` lies outside this calibration's domain (empty when inside)."""
        d = self.domain
        reasons = []
        if not d["n_actors"][0] <= features["n_actors"] <= d["n_actors"][1]:
            reasons.append(f"{features['n_actors']} actors; the calibration saw {d['n_actors'][0]}-{d['n_actors'][1]}")
        if not d["dispersion"][0] <= features["dispersion"] <= d["dispersion"][1]:
            reasons.append(f"position dispersion {features['dispersion']:.1f}; the calibration saw "
                           f"{d['dispersion'][0]:.1f}-{d['dispersion'][1]:.1f}")
        if features["decision_rule"] not in d["decision_rules"]:
            reasons.append(f"decision rule {features['decision_rule']}; the calibration saw "
                           f"{', '.join(d['decision_rules'])}")
        return reasons

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-ready form."""
        return {"model": self.model, "scale": self.scale, "offset": self.offset, "n": self.n,
                "residual_quantiles": [round(q, 6) for q in self.quantiles], "domain": self.domain}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ModelCalibration:
        """Read the form written by `to_dict`."""
        return cls(data["model"], data["scale"], float(data["offset"]), tuple(map(float, data["residual_quantiles"])),
                   int(data["n"]), data["domain"])


def fit_model_calibration(model: str, point: np.ndarray, outcome: np.ndarray, features: list[dict[str, Any]],
                          scale: str = "dispersion") -> ModelCalibration:
    """Fit one model's calibration on its forecasts `point` of `outcome` (issues described by `features`)."""
    if scale not in SCALES:
        raise RealpolitikError(f"unknown calibration scale {scale!r}. Fix: use one of {', '.join(SCALES)}")
    point, outcome = np.asarray(point, float), np.asarray(outcome, float)
    if len(point) < 10:
        raise RealpolitikError(f"model {model!r}: {len(point)} scored cases are too few to calibrate on. "
                               "Fix: backtest on at least 10 (better 100+) cases")
    dispersion = np.array([f["dispersion"] for f in features])
    offset = float(np.median(dispersion)) if scale == "dispersion" else 0.0
    if scale == "dispersion" and offset <= 0:
        offset = 1.0
    residual = (outcome - point) / _scale(scale, dispersion, offset)
    actors = [f["n_actors"] for f in features]
    domain = {"n_actors": [min(actors), max(actors)],
              "dispersion": [round(float(dispersion.min()), 3), round(float(dispersion.max()), 3)],
              "decision_rules": sorted({f["decision_rule"] for f in features}), "scale": "0-100"}
    return ModelCalibration(model, scale, offset, tuple(np.quantile(residual, _knots()).tolist()), len(point), domain)


@dataclass(frozen=True)
class CalibratedIssue:
    """One issue's calibrated forecast: the raw point, the calibrated median and central intervals."""

    issue: str
    point: float
    median: float
    intervals: dict[float, tuple[float, float]]
    applies: bool
    reasons: tuple[str, ...]
    sample: np.ndarray = field(repr=False)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-ready form."""
        return {"issue": self.issue, "point": self.point, "median": self.median, "applies": self.applies,
                "reasons": list(self.reasons),
                "intervals": [{"level": lv, "low": lo, "high": hi} for lv, (lo, hi) in self.intervals.items()]}


@dataclass(frozen=True)
class CalibratedForecast:
    """A model's forecast of every issue of a scenario with calibrated intervals and event probabilities.

    `applies` is False when some issue lies outside the calibration's domain (`reasons` says why); the numbers
    are still given, but they rest on data unlike the scenario and must be read as such."""

    model: str
    calibration: str
    issues: tuple[CalibratedIssue, ...]
    joint: str  # how events across issues are combined

    @property
    def applies(self) -> bool:
        """Return True when every issue lies inside the calibration's domain."""
        return all(i.applies for i in self.issues)

    @property
    def reasons(self) -> list[str]:
        """Return why the calibration does not apply, issue by issue."""
        return [f"{i.issue}: {r}" for i in self.issues for r in i.reasons]

    def for_issue(self, issue: str) -> CalibratedIssue:
        """Return the calibrated forecast of one issue."""
        for item in self.issues:
            if item.issue == issue:
                return item
        raise RealpolitikError(f"no calibrated forecast for issue {issue!r}. Fix: use one of "
                               f"{', '.join(i.issue for i in self.issues)}")

    def probability(self, event: str) -> float:
        """Return the calibrated probability of an event such as ``karabakh>=60`` or ``a>=60 & b<50``."""
        parsed = parse_event(event)
        labels = [i.issue for i in self.issues]
        parsed.check(labels)
        if self.joint == "monte-carlo ranks":
            samples = np.column_stack([i.sample for i in self.issues])
            return float(np.mean(parsed.holds(samples, labels)))
        probability = 1.0  # independent issues: conditions on one issue jointly, issues multiplied
        for issue in dict.fromkeys(c.series for c in parsed.conditions):
            sample = self.for_issue(issue).sample
            hits = np.ones(len(sample), dtype=bool)
            for c in parsed.conditions:
                if c.series == issue:
                    hits &= OPERATORS[c.op](sample, c.value)
            probability *= float(np.mean(hits))
        return probability

    def to_dict(self, events: list[str] | tuple[str, ...] = ()) -> dict[str, Any]:
        """Return the JSON-ready form, with the probabilities of `events`."""
        return {"model": self.model, "calibration": self.calibration, "applies": self.applies,
                "reasons": self.reasons, "joint": self.joint, "issues": [i.to_dict() for i in self.issues],
                "events": [{"event": e, "probability": self.probability(e)} for e in events]}


@dataclass(frozen=True)
class Calibration:
    """Calibrations of several models, fitted on one backtest, with the provenance to reproduce them."""

    models: dict[str, ModelCalibration]
    provenance: dict[str, Any]
    name: str = ""

    def for_model(self, label: str) -> ModelCalibration:
        """Return the calibration of the model labelled `label` (e.g. ``compromise``, ``nash(utility=quadratic)``)."""
        if label not in self.models:
            raise RealpolitikError(f"calibration {self.name or '(unnamed)'} has no model {label!r}. Fix: use one of "
                                   f"{', '.join(self.models)}, or fit a calibration on a backtest of {label}")
        return self.models[label]

    def apply(self, scenario: Scenario, forecast: Forecast, draws: np.ndarray | None = None,
              labels: list[str] | None = None, model: str | None = None) -> CalibratedForecast:
        """Return the calibrated forecast of every issue of `forecast` (a run of a model on `scenario`).

        `model`: the label the calibration knows the model by (default: the forecast's model name). `draws` and
        `labels` (Monte Carlo outcomes, draws × issues, e.g. `MonteCarloResult.draws`): when given, the calibrated
        samples are ordered by the draws' ranks, so events across issues keep the Monte Carlo dependence (the
        Schaake shuffle); otherwise issues are taken as independent."""
        calibration = self.for_model(model or forecast.model)
        size = KNOTS if draws is None else int(np.asarray(draws).shape[0])
        missing = [i.issue for i in forecast.issues if draws is not None and i.issue not in (labels or [])]
        if missing or (draws is not None and size == 0):
            raise RealpolitikError(f"the Monte Carlo draws given to calibration {self.name} have no column for "
                                   f"{', '.join(missing) or 'any issue'} (or no draws). Fix: pass the Monte Carlo "
                                   "result of the same model on the same scenario")
        issues = []
        for item in forecast.issues:
            try:
                features = issue_features(scenario, item.issue)
            except RealpolitikError as exc:
                raise RealpolitikError(f"{exc} (calibration {self.name})") from None
            outcome = item.outcome
            if isinstance(outcome, list):
                raise RealpolitikError(f"calibration {self.name} covers one-dimensional issues; {item.issue!r} has "
                                       f"{len(outcome)} dimensions. Fix: forecast it without a calibration")
            sample = calibration.sample(np.array([float(outcome)]), features["dispersion"], size)[0]
            if draws is not None:
                ranks = np.argsort(np.argsort(np.asarray(draws)[:, (labels or []).index(item.issue)], kind="stable"),
                                   kind="stable")
                sample = np.sort(sample)[ranks]
            reasons = tuple(calibration.outside(features))
            intervals = {lv: (float(np.quantile(sample, (1 - lv) / 2)), float(np.quantile(sample, (1 + lv) / 2)))
                         for lv in LEVELS}
            issues.append(CalibratedIssue(item.issue, float(outcome), float(np.median(sample)), intervals,
                                          not reasons, reasons, sample))
        joint = "monte-carlo ranks" if draws is not None else "independent issues"
        return CalibratedForecast(calibration.model, self.name, tuple(issues), joint)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON document (schema ``realpolitik.calibration/1``)."""
        return {"schema": SCHEMA, "name": self.name, "method": METHOD, "provenance": self.provenance,
                "models": {k: v.to_dict() for k, v in self.models.items()}}

    def save(self, path: str | Path) -> Path:
        """Write the calibration as JSON to `path`; return the path."""
        path = Path(path)
        path.write_text(json.dumps(self.to_dict(), indent=1) + "\n", encoding="utf-8")
        return path

    @classmethod
    def load(cls, path: str | Path | None = None) -> Calibration:
        """Read a calibration file (default: the shipped DEU development-split calibration)."""
        path = Path(path) if path is not None else SHIPPED
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise RealpolitikError(f"calibration file {path} does not exist. Fix: check the path") from None
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise RealpolitikError(f"{path}: not a JSON calibration file ({exc}). Fix: pass a file written by "
                                   "Calibration.save / `realpolitik calibrate`") from None
        if not isinstance(data, dict) or data.get("schema") != SCHEMA:
            raise RealpolitikError(f"{path}: schema is {data.get('schema') if isinstance(data, dict) else None!r}, "
                                   f"not {SCHEMA!r}. Fix: refit the calibration with this version of realpolitik")
        try:
            models = {k: ModelCalibration.from_dict(v) for k, v in data["models"].items()}
        except (KeyError, TypeError, ValueError) as exc:
            raise RealpolitikError(f"{path}: a model entry is incomplete ({exc!r}). Fix: refit the calibration") \
                from None
        return cls(models, data.get("provenance", {}), data.get("name") or path.stem)


def calibrate_forecast(scenario: Scenario, forecast: Forecast, calibration: Calibration | str | Path | None = None,
                       monte_carlo: Any = None, model: str | None = None) -> CalibratedForecast:
    """Return `forecast` calibrated by `calibration` (a `Calibration`, a file path, or None for the shipped DEU
    calibration); `monte_carlo` (a `MonteCarloResult` of the same model on `scenario`) keeps the Monte Carlo
    dependence between issues for joint events. What `forecast --calibration FILE` and the dashboard call."""
    if not isinstance(calibration, Calibration):
        calibration = Calibration.load(calibration)
    if monte_carlo is not None:
        return calibration.apply(scenario, forecast, monte_carlo.draws, monte_carlo.labels, model)
    return calibration.apply(scenario, forecast, model=model)


METHOD = ("split-conformal predictive distribution: forecast + (dispersion + offset) x quantiles of normalised "
          "out-of-sample residuals, clipped to 0-100 (scale 'none': plain residuals)")


def _scored(result: Any, label: str) -> tuple[list[str], list[str], np.ndarray, np.ndarray]:
    scored = result.scored(label)
    return (scored["case"].to_list(), scored["group"].to_list(), scored["prediction"].to_numpy(),
            scored["outcome"].to_numpy())


def fit_calibration(result: Any, cases: list[BacktestCase], models: list[str] | None = None,
                    scale: str = "dispersion", provenance: dict[str, Any] | None = None,
                    name: str = "") -> Calibration:
    """Fit a calibration for each model of a backtest (`harness.BacktestResult`, default every model but the
    baselines) on its residuals over `cases` (the backtest's cases, for the features)."""
    features = case_features(cases)
    labels = models or [label for label in result.labels if not label.startswith("baseline:")]
    fitted = {}
    for label in labels:
        if label not in result.labels:
            raise RealpolitikError(f"model {label!r} is not in the backtest. Fix: use one of "
                                   f"{', '.join(result.labels)}")
        ids, _, point, outcome = _scored(result, label)
        fitted[label] = fit_model_calibration(label, point, outcome, [features[c] for c in ids], scale)
    record = {"config": result.config, "cases": len(cases), "groups": len({c.group for c in cases}),
              "scale": scale, **(provenance or {})}
    return Calibration(fitted, record, name)


@dataclass(frozen=True)
class CalibrationCV:
    """Out-of-fold calibrated samples of one model: case ids, groups, outcomes, raw forecasts, samples."""

    label: str
    cases: list[str]
    groups: list[str]
    outcome: np.ndarray
    point: np.ndarray
    samples: np.ndarray
    k: int
    seed: int


def cross_validate_calibration(label: str, cases: list[str], groups: list[str], point: np.ndarray,
                               outcome: np.ndarray, features: list[dict[str, Any]], scale: str = "dispersion",
                               k: int = 5, seed: int = 0) -> CalibrationCV:
    """Return out-of-fold calibrated samples: in each of k grouped folds, the calibration is fitted on the other
    folds' residuals and applied to the held-out fold's forecasts."""
    from realpolitik.evaluate.tuning import grouped_folds

    point, outcome = np.asarray(point, float), np.asarray(outcome, float)
    folds = grouped_folds(list(groups), k, seed)
    dispersion = np.array([f["dispersion"] for f in features])
    samples = np.empty((len(point), KNOTS))
    for fold in range(k):
        test = folds == fold
        train = np.flatnonzero(~test)
        fitted = fit_model_calibration(label, point[train], outcome[train], [features[i] for i in train], scale)
        samples[test] = fitted.sample(point[test], dispersion[test])
    return CalibrationCV(label, list(cases), list(groups), outcome, point, samples, k, seed)
