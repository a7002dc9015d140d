"""The backtest harness: every chosen model (and variant, and parameter set) on every case, scored.

Models are named by spec strings ``NAME`` or ``NAME:key=value,key=value`` (e.g. ``compromise:weights=equal``,
``bdm:variant=scholz2011_paper``); no spec means every registered model with its defaults. Two baselines are
scored beside them: always predicting 50 (``baseline:50``), and predicting the issue's reference point
(``baseline:reference``; 50 where an issue has none).

Cases are independent, so they are mapped over one of the uncertainty package's executors
(`realpolitik.executors`: serial, local processes or Ray), in batches, in case order, with a progress
bar on a terminal. Every model run is seeded by its case's scenario, so the predictions are identical whatever the
executor. Ctrl-C stops cleanly: the result holds the cases that finished and says it was interrupted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, cast

import numpy as np
import polars as pl

from realpolitik.errors import RealpolitikError
from realpolitik.evaluate.dataset import BacktestCase
from realpolitik.evaluate.linked import link_cases, needs_links, run_linked
from realpolitik.evaluate.metrics import METRICS, Estimate, Paired, group_draws, metrics_with_ci, paired
from realpolitik.executors import Executor, SerialExecutor
from realpolitik.forecast import jsonable
from realpolitik.models.base import Model
from realpolitik.models.specs import build_models, parse_model_spec

BASELINE_50 = "baseline:50"
BASELINE_REFERENCE = "baseline:reference"


def parse_spec(spec: str) -> tuple[str, dict[str, Any]]:
    """Parse ``NAME[:key=value,...]`` into the model name and its parameters (values read as JSON when they can)."""
    parsed = parse_model_spec(spec)
    return parsed.name, parsed.params


def model_label(model: Model) -> str:
    """Return a label naming the model and the parameters that differ from its defaults, e.g.
    ``nash(utility=quadratic)``."""
    defaults = {s.name: s.default for s in model.param_specs()}
    changed = {k: v for k, v in model.get_params().items() if k in defaults and defaults[k] != v}
    inner = ",".join(f"{k}={v}" for k, v in changed.items())
    return f"{model.name}({inner})" if inner else model.name


def build(specs: list[str] | None) -> list[Model]:
    """Return model instances for the specs (default: every registered model with its defaults)."""
    return build_models(specs)


@dataclass(frozen=True)
class CaseRunner:
    """Runs every model on one case (the function the harness maps over its cases; it pickles to workers)."""

    models: tuple[Model, ...]
    labels: tuple[str, ...]

    @classmethod
    def of(cls, models: list[Model]) -> CaseRunner:
        """Return the runner of `models`, labelled by `model_label`; raises if two models get the same label."""
        labels = [model_label(m) for m in models]
        if len(set(labels)) != len(labels):
            raise RealpolitikError(f"models named twice: {labels}. Fix: give each model spec once")
        return cls(tuple(models), tuple(labels))

    def __call__(self, case: BacktestCase) -> list[dict[str, Any]]:
        """Return one row per model: case, model label, prediction (0-100) or the failure message, and the
        forecast interval where the model gives one."""
        return [self._one(case, model, label) for model, label in zip(self.models, self.labels, strict=True)]

    @staticmethod
    def _one(case: BacktestCase, model: Model, label: str) -> dict[str, Any]:
        row: dict[str, Any] = {"case": case.case_id, "model": label, "prediction": None, "low": None, "high": None,
                               "level": None, "failure": None}
        try:
            if getattr(model, "multi_issue", False) and case.linked is not None:
                forecast = run_linked(model, case.linked).for_issue(case.issue)
            else:
                forecast = model.run(case.scenario, rng=np.random.default_rng(case.scenario.seed)).for_issue(case.issue)
        except RealpolitikError as exc:
            row["failure"] = str(exc)
            return row
        row["prediction"] = float(cast(float, forecast.outcome))  # backtest issues are one-dimensional
        interval = forecast.diagnostics.get("interval")
        if isinstance(interval, dict) and {"low", "high", "level"} <= set(interval):
            row.update(low=float(interval["low"]), high=float(interval["high"]), level=float(interval["level"]))
        return row


@dataclass
class BacktestResult:
    """Predictions of every model (and baseline) on every case, and the configuration that produced them."""

    predictions: pl.DataFrame
    labels: list[str]
    config: dict[str, Any] = field(default_factory=dict)
    interrupted: bool = False
    executor: str = ""
    cases_done: int = 0
    cases_total: int = 0

    def add_predictions(self, label: str, case_ids: list[str], predictions: np.ndarray) -> None:
        """Add forecasts made outside the harness (e.g. out-of-fold cross-validated ones) as one more model."""
        if label in self.labels:
            raise RealpolitikError(f"a model labelled {label!r} is already in the backtest. Fix: use another label")
        cases = self.predictions.filter(pl.col("model") == self.labels[0]).drop(
            "model", "prediction", "low", "high", "level", "failure", "residual")
        extra = pl.DataFrame({"case": case_ids, "model": [label] * len(case_ids),
                              "prediction": np.asarray(predictions, float)}).join(cases, on="case", how="left")
        extra = extra.with_columns((pl.col("prediction") - pl.col("outcome")).alias("residual"))
        self.predictions = pl.concat([self.predictions, extra], how="diagonal_relaxed")
        self.labels.insert(len(self.labels) - 2, label)

    def scored(self, label: str) -> pl.DataFrame:
        """Return the rows of one model that have a prediction."""
        return self.predictions.filter((pl.col("model") == label) & pl.col("prediction").is_not_null())


def case_frame(cases: list[BacktestCase]) -> pl.DataFrame:
    """Return one row per case: id, group, outcome, reference point and DEU-style metadata where present."""
    return pl.DataFrame([{"case": c.case_id, "group": c.group, "outcome": c.outcome, "status_quo": c.status_quo,
                          "procedure": c.meta.get("procedure"), "voting_rule": c.meta.get("voting_rule")}
                         for c in cases],
                        schema={"case": pl.Utf8, "group": pl.Utf8, "outcome": pl.Float64, "status_quo": pl.Float64,
                                "procedure": pl.Utf8, "voting_rule": pl.Utf8})


def run_backtest(cases: list[BacktestCase], models: list[Model], executor: Executor | None = None,
                 progress: Callable[[int], None] | bool | None = None, config: dict[str, Any] | None = None,
                 batch_size: int | None = None) -> BacktestResult:
    """Run every model on every case through `executor` (default: serially in this process); return predictions
    (0-100) with the baselines added.

    `progress` (e.g. the CLI's progress bar) is called with the number of cases of each finished batch. A model that
    raises a `RealpolitikError` on a case gets no prediction there; its message is kept in the ``failure`` column.
    On Ctrl-C the result holds only the cases that finished (baselines too) and ``interrupted`` is True.
    When a model forecasts linked issues jointly (``multi_issue``), each case of a group with several issues also
    carries the group's scenario (`link_cases`), which only such models see.
    """
    if not cases:
        raise RealpolitikError("no backtest cases to score. Fix: check the data has issues with outcomes")
    runner = CaseRunner.of(models)
    if needs_links(models):
        cases = link_cases(cases)
    labels = list(runner.labels)
    executor = executor or SerialExecutor()
    mapped = executor.map(runner, cases, batch_size=batch_size, progress=progress if callable(progress) else None)
    rows = [row for per_case in mapped.finished() for row in per_case]
    frame = case_frame([case for case, done in zip(cases, mapped.done, strict=True) if done])
    baselines = frame.select("case", pl.lit(50.0).alias(BASELINE_50),
                             pl.col("status_quo").fill_null(50.0).alias(BASELINE_REFERENCE))
    base_rows = baselines.unpivot(index="case", variable_name="model", value_name="prediction")
    schema = {"case": pl.Utf8, "model": pl.Utf8, "prediction": pl.Float64, "low": pl.Float64, "high": pl.Float64,
              "level": pl.Float64, "failure": pl.Utf8}
    predictions = pl.concat([pl.DataFrame(rows, schema=schema), base_rows], how="diagonal_relaxed")
    predictions = predictions.join(frame, on="case", how="left").with_columns(
        (pl.col("prediction") - pl.col("outcome")).alias("residual"))
    return BacktestResult(predictions, labels + [BASELINE_50, BASELINE_REFERENCE], dict(config or {}),
                          interrupted=mapped.interrupted, executor=mapped.executor, cases_done=mapped.n_done,
                          cases_total=len(cases))


@dataclass(frozen=True)
class Summary:
    """The comparison table: per model, the number of cases scored and every metric with its interval (on the
    cases that model forecast); the number of cases in the backtest; the cases every model forecast (the common
    subset) and each model's metrics on it; failures per model; paired comparisons of every pair of models."""

    rows: dict[str, dict[str, Estimate]]
    n: dict[str, int]
    failures: dict[str, int]
    paired: list[Paired]
    n_boot: int
    seed: int
    n_cases: int = 0
    common: dict[str, dict[str, Estimate]] = field(default_factory=dict)
    common_n: int = 0
    reference: str = ""

    @property
    def complete(self) -> bool:
        """Return True when every model was scored on every case (so all figures are on the same cases)."""
        return all(k == self.n_cases for k in self.n.values())

    def ranked(self) -> list[str]:
        """Return the scored models, best first: by MAE on the common subset (the same cases for every model),
        then by MAE on their own cases."""
        def key(label: str) -> tuple[float, float]:
            common = self.common.get(label)
            return (common["mae"].value if common else float("inf"), self.rows[label]["mae"].value)

        return sorted(self.rows, key=key)

    def pair(self, a: str, b: str) -> Paired | None:
        """Return the paired comparison of `a` against `b` (either order), or None if either was not scored."""
        for p in self.paired:
            if (p.a, p.b) == (a, b):
                return p
            if (p.a, p.b) == (b, a):
                return p.flipped()
        return None


def summarise(result: BacktestResult, n_boot: int = 2000, seed: int = 0, level: float = 0.95,
              reference: str | None = None) -> Summary:
    """Score every model: metrics with grouped-bootstrap intervals on the cases it forecast and on the cases every
    model forecast (the common subset), and paired comparisons of every pair of models on the cases both forecast
    (`reference`, default the first model, is A in its pairs and comes first). Same seed, same intervals."""
    rng = np.random.default_rng(seed)
    groups_all = result.predictions.select("group").unique(maintain_order=True)["group"].to_numpy()
    draws = group_draws(groups_all, n_boot, rng)
    index = {g: k for k, g in enumerate(np.unique(groups_all))}
    all_cases = set(result.predictions["case"].to_list())
    rows, n, failures, common = {}, {}, {}, {}
    shared = set(all_cases)
    for label in result.labels:
        scored = result.scored(label)
        failures[label] = result.predictions.filter((pl.col("model") == label)
                                                    & pl.col("failure").is_not_null()).height
        n[label] = scored.height
        if scored.height:
            rows[label] = _metrics(scored, draws, index, level)
            shared &= set(scored["case"].to_list())
    if shared:
        for label in rows:
            scored = result.scored(label).filter(pl.col("case").is_in(list(shared)))
            common[label] = _metrics(scored, draws, index, level)
    reference = reference or result.labels[0]
    order = [reference] * (reference in rows) + [label for label in result.labels if label in rows
                                                  and label != reference]
    comparisons = [_paired(result, a, b, draws, index, level) for i, a in enumerate(order) for b in order[i + 1:]]
    return Summary(rows, n, failures, comparisons, n_boot, seed, len(all_cases), common, len(shared), reference)


def _group_codes(frame: pl.DataFrame, index: dict[str, int]) -> np.ndarray:
    return np.array([index[g] for g in frame["group"].to_list()])


def _metrics(scored: pl.DataFrame, draws: np.ndarray, index: dict[str, int], level: float) -> dict[str, Estimate]:
    # Cases keep their global group codes, so every model is resampled with the same draws.
    codes = _group_codes(scored, index)
    return _with_codes(metrics_with_ci, scored["prediction"].to_numpy(), scored["outcome"].to_numpy(), codes,
                       draws, level)


def _with_codes(fn, predicted, outcome, codes, draws, level):
    # metrics_with_ci re-codes groups by np.unique; pass draws restricted to the groups present, in sorted order.
    present = np.unique(codes)
    return fn(predicted, outcome, codes, draws[:, present], level)


def _paired(result: BacktestResult, a: str, b: str, draws: np.ndarray, index: dict[str, int],
            level: float) -> Paired:
    both = result.scored(a).select("case", "group", "outcome", pl.col("prediction").alias("a")).join(
        result.scored(b).select("case", pl.col("prediction").alias("b")), on="case", how="inner")
    codes = _group_codes(both, index)
    present = np.unique(codes)
    return paired(a, both["a"].to_numpy(), b, both["b"].to_numpy(), both["outcome"].to_numpy(), codes,
                  draws[:, present], level)


def summary_records(summary: Summary) -> list[dict[str, Any]]:
    """Return the comparison table as JSON-ready records (one per model)."""
    records = []
    for label, metrics in summary.rows.items():
        record: dict[str, Any] = {"model": label, "n": summary.n[label], "failures": summary.failures[label]}
        for m in METRICS:
            record[m] = metrics[m].value
            record[f"{m}_low"], record[f"{m}_high"] = metrics[m].low, metrics[m].high
        if label in summary.common:
            record["common_n"] = summary.common_n
            record["common_mae"] = summary.common[label]["mae"].value
        records.append(record)
    return jsonable(records)
