"""Starting and executing runs: check the request, record the run, run the models, store the results.

A run without Monte Carlo draws executes at once (the request waits for it); one with draws goes to the
background `JobRunner` and is polled through its status. Either way the results are written in one transaction
together with ``status = "done"``; an error marks the run failed with the error's message.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from realpolitik.errors import RealpolitikError
from realpolitik.forecast import forecast_document
from realpolitik.models.base import Model
from realpolitik.models.registry import get_model
from realpolitik.models.selection import parse_param, with_scenario_params
from realpolitik.scenario.model import Scenario
from realpolitik.store.records import RunRecord
from realpolitik.store.repository import Store
from realpolitik.web.montecarlo import run_monte_carlo
from realpolitik.web.whatif import apply_what_if

MAX_DRAWS = 100_000


@dataclass
class RunRequest:
    """What a person asks to run: scenario id and version (default newest), models with parameters, settings."""

    scenario: str
    models: list[dict[str, Any]]
    version: int | None = None
    seed: int | None = None
    draws: int = 0
    what_if: list[dict[str, Any]] = field(default_factory=list)
    base_run: int | None = None
    note: str | None = None
    tags: list[str] = field(default_factory=list)


def parse_model_params(text: str, names: list[str]) -> dict[str, dict[str, Any]]:
    """Parse ``model.key=value`` settings (comma- or line-separated) into parameters per chosen model.

    Values are read as JSON where they can be (numbers, true/false, null), else as text.
    """
    out: dict[str, dict[str, Any]] = {name: {} for name in names}
    for item in (part.strip() for part in text.replace("\n", ",").split(",")):
        if not item:
            continue
        model, dot, setting = item.partition(".")
        if not dot or model not in out:
            raise RealpolitikError(f"parameter {item!r} does not name a chosen model. Fix: write MODEL.KEY=VALUE "
                                   f"with MODEL one of {', '.join(names) or '(choose a model first)'}, "
                                   "e.g. bdm.max_rounds=50")
        key, value = parse_param(setting)
        out[model][key] = value
    return out


def build_run_models(choices: list[dict[str, Any]], scenario: Scenario | None = None) -> list[Model]:
    """Return model instances for ``[{"name", "params"}]``; `RealpolitikError` for an unknown name or parameter.

    With `scenario`, its ``model_params`` for a model are that model's defaults, overridden by the chosen params."""
    if not choices:
        raise RealpolitikError("no model chosen. Fix: choose at least one model (see GET /api/models)")
    names = [c["name"] for c in choices]
    if len(set(names)) != len(names):
        raise RealpolitikError("a model is chosen twice. Fix: choose each model once")
    return [get_model(c["name"], **with_scenario_params(c["name"], c.get("params") or {}, scenario)) for c in choices]


def create_run(store: Store, request: RunRequest) -> RunRecord:
    """Check `request` (models, parameters, what-if changes) and record it as a queued run; return the run."""
    if not 0 <= request.draws <= MAX_DRAWS:
        raise RealpolitikError(f"draws = {request.draws} is out of range. Fix: use 0 (no Monte Carlo) to {MAX_DRAWS}")
    build_run_models(request.models)  # checks the choices before the scenario is looked up
    version = store.get_version(request.scenario, request.version)
    scenario = apply_what_if(version.document, request.what_if)  # raises on a bad change, before anything is saved
    models = build_run_models(request.models, scenario)
    seed = scenario.seed if request.seed is None else request.seed
    recorded = [{"name": m.name, "params": m.get_params()} for m in models]
    return store.create_run(request.scenario, version.number, recorded, seed, request.draws, request.what_if,
                            request.base_run, request.note, tuple(request.tags))


def execute_run(store: Store, run_id: int, stop: threading.Event | None = None) -> RunRecord:
    """Run a queued run to the end and store its results (or its failure); return the finished run.

    Setting `stop` (e.g. at server shutdown) cancels a Monte Carlo run at its next progress report.
    """
    run = store.start_run(run_id)
    try:
        results = compute_results(store, run, stop)
    except RealpolitikError as exc:
        return store.fail_run(run_id, str(exc))
    except Exception as exc:  # a model bug must not leave the run hanging as "running"
        return store.fail_run(run_id, f"internal error in the run: {type(exc).__name__}: {exc}")
    return store.finish_run(run_id, results)


def compute_results(store: Store, run: RunRecord, stop: threading.Event | None = None) -> dict[str, Any]:
    """Return a run's results: the forecast document of its models and, with draws, the Monte Carlo summary."""
    version = store.get_version(run.slug, run.version)
    scenario = apply_what_if(version.document, run.what_if)
    models = build_run_models(run.models, scenario)
    forecasts = [m.run(scenario, rng=np.random.default_rng(run.seed)) for m in models]
    document = forecast_document(scenario.id, scenario.version, forecasts)
    document["scenario"].update({"stored_version": run.version, "fingerprint": scenario.fingerprint()})
    results: dict[str, Any] = {"forecast": document, "monte_carlo": None}
    if run.draws:
        results["monte_carlo"] = run_monte_carlo(scenario, models, run.draws, run.seed,
                                                 progress=lambda f: _report(store, run.id, f, stop))
    return results


def _report(store: Store, run_id: int, fraction: float, stop: threading.Event | None) -> None:
    if stop is not None and stop.is_set():
        raise RealpolitikError("cancelled: the server shut down during this run. Fix: start the run again")
    store.set_progress(run_id, fraction)
