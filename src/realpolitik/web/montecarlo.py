"""Monte Carlo runs for the dashboard, through the project's uncertainty module (`realpolitik.uncertainty`).

`run_monte_carlo` runs each chosen model (through `realpolitik.monte_carlo`, as the CLI does) on the same `draws`
draws of the scenario's uncertain inputs (the
scenario's own spreads, or the conventional ones when it declares none; see docs/uncertainty.md) on an executor
from `realpolitik.executors.make_executor`: the server's warm pool of local worker processes (at most
`MAX_WORKERS`, or ``$REALPOLITIK_WEB_WORKERS``; started by the first such run and kept for the next ones), or this
process when the whole run would take under `SERIAL_SECONDS`. Batches are the executor's (guided, 20 ms to 0.5 s
of work each), so progress moves at least every half second. The result
is the versioned ``realpolitik.montecarlo/1`` document: summaries only (mean, standard deviation, quantiles,
histogram, event probabilities, each with its Monte Carlo standard error), never every draw's outcome, so a run's
JSON stays small whatever the number of draws. `summary_view` derives what the run page shows from it, and from
the summaries stored before that format (runs of an older version: shown with a note; any other shape gives a note
in place of the distribution, never a blank section or an error).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from typing import Any

from realpolitik.executors import Executor, SerialExecutor, all_cores, make_executor
from realpolitik.models.base import Model
from realpolitik.scenario.model import Scenario

MAX_WORKERS = 4
SERIAL_SECONDS = 2.0
MAX_FAILURES_KEPT = 20
FORMAT = "realpolitik.montecarlo/1"
QUANTILE_KEYS = ("q05", "q25", "q50", "q75", "q95", "mean")
OLDER_FORMAT = "are stored in an older format; re-run to see the distribution"
NO_OUTCOMES = "hold no outcome distribution: no draw gave an outcome (see the run's failures)"
OLDER_SUMMARY = (f"are stored in an older format (before {FORMAT}): shown from the summary stored with the run; re-run "
                 "for the full distribution")


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


def run_monte_carlo(scenario: Scenario, models: list[Model], draws: int, seed: int, events: Sequence[str] = (),
                    seconds_per_draw: float | None = None, progress: Callable[[float], None] | None = None,
                    executor: Executor | None = None, calibration: Any = "auto") -> dict[str, Any]:
    """Run each model on `draws` draws of `scenario` through `realpolitik.monte_carlo`; return its versioned
    ``realpolitik.montecarlo/1`` document (docs/uncertainty.md), the one format the CLI writes too, with at most
    `MAX_FAILURES_KEPT` failure messages per model. It holds summaries only (distributions, event probabilities,
    each with its Monte Carlo standard error), never every draw's outcome. `progress(fraction)` is called at most
    about once a second; an exception it raises stops the run. `calibration` as for `realpolitik.monte_carlo`
    (the document's ``calibration`` section)."""
    from realpolitik.pipeline.montecarlo import monte_carlo

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

    document = monte_carlo(scenario, models, draws, seed=seed, events=list(events), executor=executor,
                           progress=advance, calibration=calibration).to_dict()
    for record in document["runs"]:
        record["failures"] = record["failures"][:MAX_FAILURES_KEPT]
    return document


def summary_view(document: Any) -> dict[str, Any]:
    """Return what the run page shows of a ``realpolitik.montecarlo/1`` document: ``draws``, ``seed``,
    ``executor``, ``method`` (the spreads in words), ``events``, ``quantiles`` (model → issue → q05 … q95 and mean),
    ``probabilities`` (model → event → value and MCSE) and ``note`` (None, or why there is no distribution). A run
    stored before that format gives its stored summary with a `note` saying so; a shape this version cannot read
    gives only the note."""
    if not isinstance(document, dict) or document.get("schema") != FORMAT:
        return _older_view(document)
    runs = document.get("runs", [])
    quantiles = {r["model"]: {d["issue"]: {**{f"q{round(float(q) * 100):02d}": e["value"]
                                              for q, e in d["quantiles"].items()}, "mean": d["mean"]["value"]}
                              for d in r["outcomes"]} for r in runs}
    probabilities = {r["model"]: {e["event"]: e["probability"] for e in r["events"]} for r in runs}
    spreads = runs[0]["spreads"]["defaults"] if runs else {}
    method = "draws of the uncertain inputs (realpolitik.uncertainty); scenario-wide spreads: " + ", ".join(
        f"{field} {spread}" for field, spread in spreads.items() if spread)
    return {"draws": runs[0]["draws_requested"] if runs else 0, "seed": runs[0]["seed"] if runs else None,
            "executor": runs[0]["executor"] if runs else "", "method": method,
            "events": list(dict.fromkeys(e for per in probabilities.values() for e in per)),
            "quantiles": {model: per for model, per in quantiles.items() if per}, "probabilities": probabilities,
            "note": None if any(quantiles.values()) else NO_OUTCOMES}


def _older_view(document: Any) -> dict[str, Any]:
    """The view of a Monte Carlo summary stored before ``realpolitik.montecarlo/1``: ``{"draws", "seed",
    "method", "executor"?, "events"?, "quantiles": {model: {series: {q05 … q95, mean} | None}},
    "probabilities"?: {model: {event: {value, se}}}, ...}``, of which the page shows the complete quantile rows;
    only `OLDER_FORMAT` when there is none."""
    older = document if isinstance(document, dict) else {}
    quantiles = {str(model): {str(issue): q for issue, q in per.items() if _quantile_row(q)}
                 for model, per in _mapping(older.get("quantiles")).items() if isinstance(per, dict)}
    quantiles = {model: per for model, per in quantiles.items() if per}
    draws, seed = older.get("draws"), older.get("seed")
    if not quantiles or not isinstance(draws, int) or isinstance(draws, bool):
        return {"draws": 0, "seed": None, "executor": "", "method": "", "events": [], "quantiles": {},
                "probabilities": {}, "note": OLDER_FORMAT}
    probabilities = {str(model): {str(event): p for event, p in per.items() if _probability(p)}
                     for model, per in _mapping(older.get("probabilities")).items() if isinstance(per, dict)}
    return {"draws": draws, "seed": seed if isinstance(seed, int) else None,
            "executor": str(older.get("executor") or ""), "method": str(older.get("method") or ""),
            "events": list(dict.fromkeys(e for per in probabilities.values() for e in per)),
            "quantiles": quantiles, "probabilities": probabilities, "note": OLDER_SUMMARY}


def _mapping(value: Any) -> dict[Any, Any]:
    return value if isinstance(value, dict) else {}


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _quantile_row(row: Any) -> bool:
    return isinstance(row, dict) and all(_number(row.get(key)) for key in QUANTILE_KEYS)


def _probability(estimate: Any) -> bool:
    return isinstance(estimate, dict) and _number(estimate.get("value")) and (
        estimate.get("se") is None or _number(estimate.get("se")))
