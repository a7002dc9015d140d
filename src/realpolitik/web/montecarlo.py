"""Monte Carlo runs for the dashboard, through the project's uncertainty module (`realpolitik.uncertainty`).

`run_monte_carlo` runs each chosen model on the same `draws` draws of the scenario's uncertain inputs (the
scenario's own spreads, or the conventional ones when it declares none; see docs/uncertainty.md) on an executor
from `realpolitik.executors.make_executor`: local worker processes (at most `MAX_WORKERS`, or
``$REALPOLITIK_WEB_WORKERS``), or this process when the whole run would take under `SERIAL_SECONDS`. The result
keeps summaries only (mean, standard deviation, quantiles, histogram, event probabilities, each with its Monte Carlo
standard error), never every draw's outcome, so a run's JSON stays small whatever the number of draws.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any

from realpolitik.executors import Executor, SerialExecutor, all_cores, make_executor
from realpolitik.models.base import Model
from realpolitik.scenario.model import Scenario
from realpolitik.uncertainty.events import parse_event
from realpolitik.uncertainty.montecarlo import MonteCarloResult
from realpolitik.uncertainty.montecarlo import run_monte_carlo as monte_carlo_of_model

PROGRESS_BATCHES = 50
MAX_BATCH = 200
MAX_WORKERS = 4
SERIAL_SECONDS = 2.0
MAX_FAILURES_KEPT = 20


def web_workers() -> int:
    """Return the worker processes a web Monte Carlo run may use: ``$REALPOLITIK_WEB_WORKERS``, else the cores
    this process may use, at most `MAX_WORKERS` (the server shares the machine)."""
    configured = os.environ.get("REALPOLITIK_WEB_WORKERS", "").strip()
    if configured.isdigit() and int(configured) >= 1:
        return int(configured)
    return max(1, min(all_cores(), MAX_WORKERS))


def web_executor(draws: int, seconds_per_draw: float | None) -> Executor:
    """Return the executor for `draws` draws that each take about `seconds_per_draw` (all models together):
    serial when the run would take under `SERIAL_SECONDS` (starting processes would cost more), else processes."""
    workers = web_workers()
    if workers == 1 or (seconds_per_draw is not None and draws * seconds_per_draw < SERIAL_SECONDS):
        return SerialExecutor()
    return make_executor(workers=workers)


def run_monte_carlo(scenario: Scenario, models: list[Model], draws: int, seed: int, events: list[str] = (),
                    seconds_per_draw: float | None = None, progress: Callable[[float], None] | None = None,
                    executor: Executor | None = None) -> dict[str, Any]:
    """Run each model on `draws` draws of `scenario`; return summaries per model and issue (0-100 scale).

    The result is ``{"draws", "seed", "method", "executor", "events", "quantiles": {model: {issue: {"q05", "q25",
    "q50", "q75", "q95", "mean"}}}, "summaries": {model: {issue: {"n", "baseline", "mean", "sd", "quantiles",
    "histogram"}}}, "probabilities": {model: {event: {"value", "se"}}}, "records": [...]}`` (a multi-dimensional
    issue appears once per coordinate as ``issue[k]``; `records` is the uncertainty module's record of each model's
    run without its outcomes). `progress(fraction)` is called at most about once a second; an exception it raises
    stops the run.
    """
    parsed = [parse_event(e) for e in events]
    executor = executor or web_executor(draws, seconds_per_draw)
    total = max(1, draws * len(models))
    done = 0
    last = time.monotonic()

    def advance(k: int) -> None:
        nonlocal done, last
        done += k
        if progress is not None and time.monotonic() - last >= 1.0:
            progress(done / total)
            last = time.monotonic()

    batch = max(1, min(MAX_BATCH, draws // PROGRESS_BATCHES))
    results = [monte_carlo_of_model(scenario, model, draws, seed, executor=executor, events=parsed,
                                    progress=advance, batch_size=batch) for model in models]
    return summarise(results, draws, seed, executor.describe())


def summarise(results: list[MonteCarloResult], draws: int, seed: int, executor: str = "") -> dict[str, Any]:
    """Return the dashboard's summary of Monte Carlo results (see `run_monte_carlo`)."""
    quantiles: dict[str, dict[str, dict[str, float]]] = {}
    summaries: dict[str, dict[str, dict[str, Any]]] = {}
    probabilities: dict[str, dict[str, dict[str, float]]] = {}
    records = []
    for r in results:
        quantiles[r.model] = {d.series: {**{f"q{round(q * 100):02d}": e.value for q, e in d.quantiles.items()},
                                         "mean": d.mean.value} for d in r.distributions}
        summaries[r.model] = {d.series: {k: v for k, v in d.to_dict().items() if k != "issue"}
                              for d in r.distributions}
        probabilities[r.model] = {e.text(): est.to_dict() for e, est in r.events}
        record = {k: v for k, v in r.to_dict().items() if k not in ("outcomes", "events")}
        record["failures"] = record["failures"][:MAX_FAILURES_KEPT]
        records.append(record)
    spreads = results[0].space.describe_defaults() if results else {}
    method = "draws of the uncertain inputs (realpolitik.uncertainty); scenario-wide spreads: " + ", ".join(
        f"{field} {spread}" for field, spread in spreads.items() if spread)
    events = list(dict.fromkeys(e for per in probabilities.values() for e in per))
    return {"draws": draws, "seed": seed, "method": method, "executor": executor, "events": events,
            "quantiles": quantiles, "summaries": summaries, "probabilities": probabilities, "records": records}
