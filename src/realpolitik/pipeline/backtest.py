"""`run_backtest`: score models on cases with known outcomes; the whole result (predictions, CV, summary, config).

The CLI's ``backtest`` command only translates its options into this call and presents the `BacktestRun`.
"""

from __future__ import annotations

import hashlib
import platform
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from realpolitik.errors import RealpolitikError
from realpolitik.evaluate.harness import (
    BASELINE_50,
    BASELINE_REFERENCE,
    BacktestResult,
    Summary,
    model_label,
    summarise,
)
from realpolitik.executors import Executor
from realpolitik.models.base import Model
from realpolitik.models.specs import ModelSpec, build_models, parse_model_spec

SCHEMA = "realpolitik.backtest/1"
DEFAULT_FOLDS = 5
CV_MODEL = "anchored"
ENSEMBLE = "ensemble"


@dataclass(frozen=True)
class BacktestRun:
    """A finished (or interrupted) backtest: the per-case predictions (`result`), the comparison (`summary`, with
    paired comparisons against `summary.reference`) and the configuration that reproduces it (`config`)."""

    result: BacktestResult
    summary: Summary
    config: dict[str, Any]
    probabilistic: list[Any] | None = None

    @property
    def interrupted(self) -> bool:
        """Return True when the run was stopped before every case finished.

        >>> import realpolitik
        >>> from realpolitik.evaluate.dataset import case_from_rows
        >>> rows = [{"actor": "a", "capability": 1.0, "position": 20.0, "salience": 1.0},
        ...         {"actor": "b", "capability": 3.0, "position": 80.0, "salience": 1.0}]
        >>> realpolitik.run_backtest([case_from_rows("i", "g", rows, 60.0)], ["compromise"], bootstrap=10).interrupted
        False
        """
        return self.result.interrupted

    def to_dict(self) -> dict[str, Any]:
        """Return the versioned JSON-ready document ``realpolitik.backtest/1`` (docs/backtests.md): configuration,
        per-model metrics with intervals, paired comparisons against the reference, failures, and with ``draws`` the
        ``probabilistic`` scores of each predictive distribution.

        >>> import realpolitik
        >>> from realpolitik.evaluate.dataset import case_from_rows
        >>> rows = [{"actor": "a", "capability": 1.0, "position": 20.0, "salience": 1.0},
        ...         {"actor": "b", "capability": 3.0, "position": 80.0, "salience": 1.0}]
        >>> run = realpolitik.run_backtest([case_from_rows("i", "g", rows, 60.0)], ["compromise"], bootstrap=10)
        >>> doc = run.to_dict()
        >>> doc["schema"], doc["cases"]["scored"], doc["reference"]
        ('realpolitik.backtest/1', 1, 'compromise')
        """
        from dataclasses import asdict

        s = self.summary
        return {
            "schema": SCHEMA,
            "config": self.config,
            "interrupted": self.interrupted,
            "cases": {"total": self.result.cases_total, "done": self.result.cases_done, "scored": s.n_cases,
                      "common": s.common_n},
            "reference": s.reference,
            "models": [{"model": label, "n": s.n[label], "failures": s.failures.get(label, 0),
                        "metrics": {m: asdict(e) for m, e in s.rows[label].items()},
                        "metrics_on_common": {m: asdict(e) for m, e in s.common.get(label, {}).items()}}
                       for label in s.rows],
            "paired": [asdict(p) for p in s.paired],
            **({"probabilistic": [p.to_dict() for p in self.probabilistic]} if self.probabilistic else {}),
        }

    def to_json(self) -> str:
        """Return `to_dict` as JSON text (non-finite numbers written as null).

        >>> import json, realpolitik
        >>> from realpolitik.evaluate.dataset import case_from_rows
        >>> rows = [{"actor": "a", "capability": 1.0, "position": 20.0, "salience": 1.0},
        ...         {"actor": "b", "capability": 3.0, "position": 80.0, "salience": 1.0}]
        >>> run = realpolitik.run_backtest([case_from_rows("i", "g", rows, 60.0)], ["compromise"], bootstrap=10)
        >>> json.loads(run.to_json())["schema"]
        'realpolitik.backtest/1'
        """
        from realpolitik.forecast import dumps

        return dumps(self.to_dict())

    def to_polars(self, table: str = "summary") -> Any:
        """Return a tidy Polars frame (docs/frames.md): ``"summary"``, one row per model × metric (value, bootstrap
        interval, the same on the common cases); ``"predictions"``, one row per case × model.

        One case (a: capability 1 at 20, b: capability 3 at 80; outcome 60): the compromise predicts 65.

        >>> import realpolitik
        >>> from realpolitik.evaluate.dataset import case_from_rows
        >>> rows = [{"actor": "a", "capability": 1.0, "position": 20.0, "salience": 1.0},
        ...         {"actor": "b", "capability": 3.0, "position": 80.0, "salience": 1.0}]
        >>> run = realpolitik.run_backtest([case_from_rows("i", "g", rows, 60.0)], ["compromise"], bootstrap=10)
        >>> p = run.to_polars("predictions")
        >>> p.filter(p["model"] == "compromise").select("prediction", "outcome", "residual").row(0)
        (65.0, 60.0, 5.0)
        """
        from realpolitik.pipeline import frames
        from realpolitik.tabular import choose

        kind = choose(table, ("summary", "predictions"), "BacktestRun")
        return frames.backtest_summary(self) if kind == "summary" else frames.backtest_predictions(self)

    def to_pandas(self, table: str = "summary") -> Any:
        """Return `to_polars(table)` as a pandas DataFrame (needs the ``pandas`` extra).

        >>> import realpolitik
        >>> from realpolitik.evaluate.dataset import case_from_rows
        >>> rows = [{"actor": "a", "capability": 1.0, "position": 20.0, "salience": 1.0}]
        >>> run = realpolitik.run_backtest([case_from_rows("i", "g", rows, 20.0)], ["compromise"], bootstrap=10)
        >>> list(run.to_pandas("predictions")["model"])
        ['compromise', 'baseline:50', 'baseline:reference']
        """
        from realpolitik.tabular import to_pandas

        return to_pandas(self.to_polars(table), "BacktestRun")


def load_cases(data: str | Path, capability: str = "shapley") -> tuple[list, dict[str, Any]]:
    """Return the cases of a DEU table (or its folder) or a generic backtest table, and what to record of the data
    (format, file, SHA-256, capability scheme)."""
    from realpolitik.evaluate.capability import check_scheme
    from realpolitik.evaluate.dataset import read_table
    from realpolitik.evaluate.deu import find_issues_file, is_deu_table, read_deu

    data = Path(data)
    if is_deu_table(data):
        deu = read_deu(data, check_scheme(capability))
        file = find_issues_file(data)
        info = {"format": "deu", "data": str(file), "sha256": _sha256(file), "capability": capability,
                "skipped_without_outcome": list(deu.skipped)}
        return list(deu.cases), info
    cases = read_table(data)
    return cases, {"format": "generic", "data": str(data), "sha256": _sha256(data),
                   "capability": "as given in the table"}


def _sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def default_specs(cv: int) -> list[ModelSpec]:
    """Return every registered model, except that with cross-validation on the CV model's out-of-sample row
    replaces its in-sample one (with its defaults it repeats the compromise model), and the ensemble is never
    scored in sample: its shipped weights were fitted on the DEU development split (with cross-validation its
    out-of-fold row is added instead)."""
    from realpolitik.models.registry import available

    return [ModelSpec(name) for name in available() if not (cv and name == CV_MODEL) and name != ENSEMBLE]


def cv_folds(cv: int | None, specs: Iterable[str | ModelSpec] | None) -> int:
    """Return the folds of the grouped cross-validation (anchored model, ensemble weights): `cv` when given, else
    `DEFAULT_FOLDS` when the anchored model or the ensemble is asked for (named in `specs`, or no specs: every
    model), else 0."""
    if cv is not None:
        return cv
    specs = list(specs or [])
    if not specs or any(parse_model_spec(s).name in (CV_MODEL, ENSEMBLE) for s in specs):
        return DEFAULT_FOLDS
    return 0


def run_backtest(data: str | Path | list, models: Iterable[str | ModelSpec | Model] | None = None, *,
                 capability: str = "shapley", cv: int | None = None, bootstrap: int = 2000, seed: int = 0,
                 reference: str | None = None, executor: Executor | None = None,
                 progress: Callable[[int], None] | None = None, config: dict[str, Any] | None = None,
                 draws: int = 0, calibration: Any = "cv") -> BacktestRun:
    """Run `models` (specs ``NAME[:key=value,...]``; default every registered model) on every case of `data` (a DEU
    issues table or its folder, a generic CSV/Parquet table, or a list of cases) and score them.

    `cv` folds of grouped cross-validation fit the anchored model out of sample (default: 5 when the anchored
    model is among the models, else none); `bootstrap` resamples give the intervals (same `seed`, same intervals);
    paired comparisons are against `reference` (default compromise when present, else the first model). On an
    interruption (Ctrl-C, SIGTERM) the result holds the cases that finished, without cross-validation.

    The `ensemble` with its shipped weights is scored only out of fold when cross-validation is on (its weights
    refitted in each fold, row ``ensemble (K-fold grouped CV stacking)``); with ``cv=0`` it is scored as given and
    the configuration says its weights were fitted on the DEU development split. `draws` > 0 adds probabilistic
    scores (`BacktestRun.probabilistic`): each model's Monte Carlo draws (`draws` per case, seed `seed`) and its
    calibrated distribution (`calibration`: ``"cv"`` out of fold, the default; ``"shipped"``, a path or a
    `Calibration` as given; None for raw draws only; see `realpolitik.pipeline.predictive`).

    Three one-issue cases with the same two actors (a: capability 1 at 20, b: capability 3 at 80, equal saliences),
    coded outcomes 65, 55 and 75. The compromise forecasts (1·20 + 3·80) / 4 = 65 each time (errors 0, 10, 10:
    mean 6.67); the weighted median forecasts b's 80 (errors 15, 25, 5: mean 15):

    >>> import realpolitik
    >>> from realpolitik.evaluate.dataset import case_from_rows
    >>> rows = [{"actor": "a", "capability": 1.0, "position": 20.0, "salience": 1.0},
    ...         {"actor": "b", "capability": 3.0, "position": 80.0, "salience": 1.0}]
    >>> cases = [case_from_rows(f"issue {k}", f"group {k}", rows, outcome)
    ...          for k, outcome in enumerate((65.0, 55.0, 75.0))]
    >>> run = realpolitik.run_backtest(cases, ["compromise", "median"], bootstrap=50)
    >>> {m["model"]: round(m["metrics"]["mae"]["value"], 2) for m in run.to_dict()["models"]}
    {'compromise': 6.67, 'median': 15.0, 'baseline:50': 15.0, 'baseline:reference': 15.0}
    """
    from realpolitik import __version__
    from realpolitik.evaluate.harness import run_backtest as run_cases
    from realpolitik.evaluate.tuning import cross_validate

    if isinstance(data, list):
        given = {"format": "cases", "data": "(given in Python)"}  # unless the caller's config describes the data
        cases, info = data, {k: v for k, v in given.items() if k not in (config or {})}
    else:
        cases, info = load_cases(data, capability)
    specs = list(models) if models else None
    named = [ModelSpec(s.name) if isinstance(s, Model) else s for s in specs] if specs else None
    folds = cv_folds(cv, named)
    chosen = build_models(specs or default_specs(folds))
    names = {parse_model_spec(s).name for s in named} if named else None
    anchored_cv = bool(folds) and (cv is not None or names is None or CV_MODEL in names)
    stack_cv = bool(folds) and (names is None or ENSEMBLE in names)
    if stack_cv:  # the shipped weights are never scored in sample: the out-of-fold row replaces them
        chosen = [m for m in chosen if not (m.name == ENSEMBLE and getattr(m, "weights", "") == "shipped")]
    labels = [model_label(m) for m in chosen] + [BASELINE_50, BASELINE_REFERENCE]
    if anchored_cv:
        labels.append(f"{CV_MODEL} ({folds}-fold grouped CV)")
    if stack_cv:
        from realpolitik.pipeline.stacked import cv_label

        labels.append(cv_label(folds))
    reference = reference_label(reference, labels)
    if reference is not None and reference not in labels:
        raise RealpolitikError(f"reference (--reference) {reference!r} is not among the models ({', '.join(labels)}). "
                               "Fix: name one of them")
    record = {**(config or {}), **info,
              "models": {model_label(m): {"name": m.name, "params": m.resolved_params()} for m in chosen},
              "bootstrap": bootstrap, "seed": seed, "cv_folds": folds, "fold_seed": seed, "realpolitik": __version__,
              "python": platform.python_version(), "cases": len(cases), "groups": len({c.group for c in cases}),
              "ensemble": _ensemble_note(chosen, stack_cv, folds)}
    if draws:
        from realpolitik.pipeline.predictive import resolve

        calibration, record["calibration"] = resolve(calibration, info.get("sha256"))
        record["draws"] = draws
    if executor is not None:
        record["executor"] = executor.describe()
    result = run_cases(cases, chosen, executor=executor, progress=progress, config=record)
    if result.interrupted:
        result.config.update(interrupted=True, cases_done=result.cases_done)
    stacked = None
    if not result.interrupted and anchored_cv:
        fitted = cross_validate(cases, k=folds, seed=seed)
        result.add_predictions(f"{CV_MODEL} ({folds}-fold grouped CV)", [c.case_id for c in cases],
                               fitted.predictions)
        result.config["cv_chosen_per_fold"] = list(fitted.chosen)
    if not result.interrupted and stack_cv:
        from realpolitik.pipeline.stacked import cv_label, stacked_cv

        stacked = stacked_cv(cases, result, folds, seed, executor)
        result.add_predictions(cv_label(folds), stacked.cases, stacked.predictions)
        result.config["ensemble_cv"] = stacked.describe()
    if not result.cases_done:
        return BacktestRun(result, Summary({}, {}, {}, [], bootstrap, seed), result.config)
    reference = reference or ("compromise" if "compromise" in result.labels else result.labels[0])
    summary = summarise(result, n_boot=bootstrap, seed=seed, reference=reference)
    scores = None
    if draws and not result.interrupted:
        from realpolitik.pipeline.predictive import predictive_scores

        done = [c for c in cases if c.case_id in set(result.scored(BASELINE_50)["case"].to_list())]
        scores = predictive_scores(done, chosen, result, draws, seed, bootstrap, calibration, folds or DEFAULT_FOLDS,
                                   executor, stacked)
    return BacktestRun(result, summary, result.config, scores)


def _ensemble_note(chosen: list[Model], stack_cv: bool, folds: int) -> str:
    if stack_cv:
        return (f"scored out of fold only: stacking weights refitted in each of {folds} grouped folds (row "
                f"'ensemble ({folds}-fold grouped CV stacking)'); the shipped weights are not scored")
    if any(m.name == ENSEMBLE and getattr(m, "weights", "") == "shipped" for m in chosen):
        return ("scored with its shipped weights, fitted on the DEU development split: in sample on that split "
                "(use cross-validation, --cv K, for its honest figure)")
    return "not scored"


def reference_label(reference: str | None, labels: list[str]) -> str | None:
    """Return the label of `reference` given as a label (``nash(utility=quadratic)``) or as a model spec
    (``nash:utility=quadratic``, the ``--model`` syntax), compared by the model it builds."""
    if reference is None or reference in labels or ":" not in reference:
        return reference
    try:
        return model_label(build_models([reference])[0])
    except RealpolitikError:
        return reference
