"""`monte_carlo`: draws of a scenario's uncertain inputs through each model, as one `realpolitik.montecarlo/1`
document (docs/uncertainty.md). The CLI's ``forecast --mc N`` and the web's runs both call it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from realpolitik.executors import Executor
from realpolitik.models.base import Model
from realpolitik.models.specs import ModelSpec, build_models
from realpolitik.scenario.model import Scenario
from realpolitik.scenario.spread import UncertaintyDefaults
from realpolitik.uncertainty.montecarlo import MonteCarloResult, monte_carlo_document
from realpolitik.uncertainty.montecarlo import run_monte_carlo as run_one


@dataclass(frozen=True)
class MonteCarloRun:
    """The Monte Carlo results of several models on one scenario (in the order asked); `interrupted` when a stop
    request ended the run early (the last result then holds the draws that finished)."""

    scenario: Scenario
    results: tuple[MonteCarloResult, ...]
    calibration: dict[str, Any] | None = None

    @property
    def interrupted(self) -> bool:
        """Return True when the run stopped before every draw of every model finished."""
        return bool(self.results) and self.results[-1].sweep.interrupted

    def to_dict(self) -> dict[str, Any]:
        """Return the versioned ``realpolitik.montecarlo/1`` document."""
        doc = monte_carlo_document(self.scenario, list(self.results))
        if self.calibration is not None:
            from realpolitik.forecast import jsonable

            doc["calibration"] = jsonable(self.calibration)
        return doc

    def to_json(self) -> str:
        """Return `to_dict` as JSON text (non-finite numbers written as null)."""
        from realpolitik.forecast import dumps

        return dumps(self.to_dict())


def monte_carlo(scenario: Scenario | str | Path, models: Iterable[str | ModelSpec | Model] | str | None, draws: int,
                *, seed: int | None = None, events: Iterable[str] = (), spreads: UncertaintyDefaults | None = None,
                executor: Executor | Callable[[Scenario, Model], Executor] | None = None,
                progress: Callable[[int], None] | None = None, notice: Callable[[str], None] | None = None,
                shared: dict[str, Any] | None = None, batch_size: int | None = None,
                calibration: Any = "auto") -> MonteCarloRun:
    """Run each model (specs as for `realpolitik.forecast`, the scenario's ``model_params`` as defaults) on the same
    `draws` draws of the scenario's uncertain inputs, seeded by `seed` (default the scenario's).

    `events` (e.g. ``"karabakh>=60"``) get probabilities; `spreads` override the scenario-wide spreads; `executor`
    is an executor or a function choosing one per model (default: serial); `progress` is called with the number of
    draws of each finished batch. A stop request ends the run after the model it interrupted. `calibration` (as for
    `realpolitik.forecast`) adds the ``calibration`` section: each model's unperturbed forecast calibrated, its
    samples ordered by the Monte Carlo draws' ranks, with the probabilities of the same `events`.
    """
    from realpolitik.pipeline.forecasting import as_scenario
    from realpolitik.uncertainty.events import parse_event

    loaded = as_scenario(scenario)
    specs = [models] if isinstance(models, str | ModelSpec | Model) else models
    chosen = build_models(specs, loaded, shared)
    parsed = [parse_event(e) for e in events]
    seed = loaded.seed if seed is None else seed
    results = []
    for model in chosen:
        chosen_executor = executor(loaded, model) if callable(executor) and not isinstance(executor, Executor) \
            else executor
        result = run_one(loaded, model, draws, seed, chosen_executor, parsed, spreads, progress,
                         batch_size=batch_size, notice=notice)
        results.append(result)
        if result.sweep.interrupted:
            break
    from realpolitik.pipeline.calibrating import baseline_forecast, calibration_section

    ran = chosen[:len(results)]
    section = calibration_section(loaded, ran, [baseline_forecast(r, loaded) for r in results], calibration,
                                  [e.text() for e in parsed], results)
    return MonteCarloRun(loaded, tuple(results), section)
