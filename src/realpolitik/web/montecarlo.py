"""Monte Carlo runs for the dashboard, through the project's uncertainty module (`realpolitik.uncertainty`).

`run_monte_carlo` runs each chosen model on the same `draws` draws of the scenario's uncertain inputs (the
scenario's own spreads, or the conventional ones when it declares none; see docs/uncertainty.md) and reduces the
results to what the run page shows: every draw's outcome and the 5, 25, 50, 75 and 95 % quantiles and the mean
per model and issue, plus the uncertainty module's full JSON record of each model's run.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from realpolitik.models.base import Model
from realpolitik.scenario.model import Scenario
from realpolitik.uncertainty.executors import SerialExecutor
from realpolitik.uncertainty.montecarlo import MonteCarloResult
from realpolitik.uncertainty.montecarlo import run_monte_carlo as monte_carlo_of_model

PROGRESS_BATCHES = 50
MAX_BATCH = 200


def run_monte_carlo(scenario: Scenario, models: list[Model], draws: int, seed: int,
                    progress: Callable[[float], None] | None = None) -> dict[str, Any]:
    """Run each model on `draws` draws of `scenario`; return outcomes and quantiles per model and issue.

    The result is ``{"draws", "seed", "method", "outcomes": {model: {issue: [outcome per draw]}},
    "quantiles": {model: {issue: {"q05", "q25", "q50", "q75", "q95", "mean"}}}, "records": [...]}`` on the
    0-100 scale (a multi-dimensional issue appears once per coordinate as ``issue[k]``). `progress(fraction)` is
    called at most about once a second; an exception it raises stops the run.
    """
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
    results = [monte_carlo_of_model(scenario, model, draws, seed, executor=SerialExecutor(), progress=advance,
                                    batch_size=batch) for model in models]
    return summarise(results, draws, seed)


def summarise(results: list[MonteCarloResult], draws: int, seed: int) -> dict[str, Any]:
    """Return the dashboard's summary of Monte Carlo results (see `run_monte_carlo`)."""
    outcomes: dict[str, dict[str, list[float]]] = {}
    quantiles: dict[str, dict[str, dict[str, float]]] = {}
    for r in results:
        values = r.draws
        outcomes[r.model] = {label: values[:, k].tolist() for k, label in enumerate(r.labels)}
        quantiles[r.model] = {d.series: {**{f"q{round(q * 100):02d}": e.value for q, e in d.quantiles.items()},
                                         "mean": d.mean.value} for d in r.distributions}
    spreads = results[0].space.describe_defaults() if results else {}
    method = "draws of the uncertain inputs (realpolitik.uncertainty); scenario-wide spreads: " + ", ".join(
        f"{field} {spread}" for field, spread in spreads.items() if spread)
    return {"draws": draws, "seed": seed, "method": method, "outcomes": outcomes, "quantiles": quantiles,
            "records": [r.to_dict() for r in results]}
