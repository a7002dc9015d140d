"""Tidy Polars frames of the pipeline's documents: forecasts, Monte Carlo runs, backtests (columns: docs/frames.md).

`ForecastDocument.to_polars`, `MonteCarloRun.to_polars` and `BacktestRun.to_polars` delegate here. A position on a
multi-dimensional issue becomes one row per coordinate (``dimension`` 0, 1, ...); a one-dimensional issue has
``dimension`` 0. Positions and outcomes are on the issue's 0-100 scale.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import polars as pl

if TYPE_CHECKING:
    from realpolitik.pipeline.backtest import BacktestRun
    from realpolitik.pipeline.document import ForecastDocument
    from realpolitik.pipeline.montecarlo import MonteCarloRun

ROUNDS_SCHEMA = {"model": pl.Utf8, "issue": pl.Utf8, "round": pl.Int64, "actor": pl.Utf8, "dimension": pl.Int64,
                 "position": pl.Float64}
OUTCOMES_SCHEMA = {"model": pl.Utf8, "issue": pl.Utf8, "dimension": pl.Int64, "outcome": pl.Float64,
                   "rounds": pl.Int64, "stopped": pl.Utf8}
DRAWS_SCHEMA = {"model": pl.Utf8, "draw": pl.Int64, "issue": pl.Utf8, "outcome": pl.Float64}
EVENTS_SCHEMA = {"model": pl.Utf8, "event": pl.Utf8, "probability": pl.Float64, "probability_se": pl.Float64}
QUANTILE_COLUMNS = ("q05", "q25", "q50", "q75", "q95")


def coordinates(value: Any) -> list[tuple[int, float | None]]:
    """Return (dimension, value) pairs of a position: one pair for a number, one per coordinate for a list."""
    if isinstance(value, list | tuple):
        return [(k, None if v is None else float(v)) for k, v in enumerate(value)]
    return [(0, None if value is None else float(value))]


def forecast_rounds(doc: ForecastDocument) -> pl.DataFrame:
    """Return one row per model × issue × round × actor (× dimension): every recorded position."""
    rows = [(f.model, item.issue, r.round, actor, k, v)
            for f in doc.forecasts for item in f.issues for r in item.rounds
            for actor, position in r.positions.items() for k, v in coordinates(position)]
    return pl.DataFrame(rows, schema=ROUNDS_SCHEMA, orient="row")


def forecast_outcomes(doc: ForecastDocument) -> pl.DataFrame:
    """Return one row per model × issue (× dimension): the outcome, the number of rounds recorded (round 0, the
    inputs, included) and why an iterative model stopped."""
    rows = [(f.model, item.issue, k, v, len(item.rounds), item.stopped)
            for f in doc.forecasts for item in f.issues for k, v in coordinates(item.outcome)]
    return pl.DataFrame(rows, schema=OUTCOMES_SCHEMA, orient="row")


def montecarlo_draws(run: MonteCarloRun) -> pl.DataFrame:
    """Return one row per successful draw × model × outcome series (issue id, ``issue[k]`` for a coordinate), in
    the run's model order, then by draw, then in the scenario's issue order."""
    frames = []
    for result in run.results:
        ok = result.sweep.ok
        index = ok.nonzero()[0]
        outcomes = result.sweep.outcomes[ok]  # draws × series
        labels = result.labels
        frames.append(pl.DataFrame({"model": [result.model] * outcomes.size,
                                    "draw": index.repeat(len(labels)).tolist(),
                                    "issue": labels * len(index), "outcome": outcomes.ravel().tolist()},
                                   schema=DRAWS_SCHEMA))
    return pl.concat(frames) if frames else pl.DataFrame(schema=DRAWS_SCHEMA)


def montecarlo_summary(run: MonteCarloRun) -> pl.DataFrame:
    """Return one row per model × outcome series: baseline, draws used, mean, sd and quantiles with their MCSEs."""
    rows = []
    for result in run.results:
        for d in result.distributions:
            row: dict[str, Any] = {"model": result.model, "issue": d.series, "baseline": d.baseline, "n": d.n,
                                   "mean": d.mean.value, "mean_se": d.mean.se, "sd": d.sd.value, "sd_se": d.sd.se}
            for name, (_q, est) in zip(QUANTILE_COLUMNS, sorted(d.quantiles.items()), strict=True):
                row[name], row[f"{name}_se"] = est.value, est.se
            rows.append(row)
    schema = {"model": pl.Utf8, "issue": pl.Utf8, "baseline": pl.Float64, "n": pl.Int64, "mean": pl.Float64,
              "mean_se": pl.Float64, "sd": pl.Float64, "sd_se": pl.Float64,
              **{c: pl.Float64 for name in QUANTILE_COLUMNS for c in (name, f"{name}_se")}}
    return pl.DataFrame(rows, schema=schema)


def montecarlo_events(run: MonteCarloRun) -> pl.DataFrame:
    """Return one row per model × event: its probability over the draws and the MCSE."""
    rows = [(r.model, e.text(), est.value, est.se) for r in run.results for e, est in r.events]
    return pl.DataFrame(rows, schema=EVENTS_SCHEMA, orient="row")


def backtest_predictions(run: BacktestRun) -> pl.DataFrame:
    """Return one row per case × model (baselines included): prediction, interval, failure, outcome, residual."""
    columns = ["case", "group", "model", "prediction", "low", "high", "level", "outcome", "residual", "status_quo",
               "failure"]
    frame = run.result.predictions
    return frame.select([c for c in columns if c in frame.columns])


def backtest_summary(run: BacktestRun) -> pl.DataFrame:
    """Return one row per model × metric: n cases scored, failures, the value with its bootstrap interval, and the
    same on the cases every model forecast (``common_*``, null when the model missed some)."""
    s = run.summary
    rows = []
    for label, metrics in s.rows.items():
        common = s.common.get(label, {})
        for metric, est in metrics.items():
            on_common = common.get(metric)
            rows.append((label, metric, s.n[label], s.failures.get(label, 0), est.value, est.low, est.high,
                         *((on_common.value, on_common.low, on_common.high) if on_common else (None,) * 3)))
    schema = {"model": pl.Utf8, "metric": pl.Utf8, "n": pl.Int64, "failures": pl.Int64, "value": pl.Float64,
              "low": pl.Float64, "high": pl.Float64, "common_value": pl.Float64, "common_low": pl.Float64,
              "common_high": pl.Float64}
    return pl.DataFrame(rows, schema=schema, orient="row")
