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

    def __repr__(self) -> str:
        draws = self.results[0].requested if self.results else 0
        stopped = ", interrupted" if self.interrupted else ""
        return (f"MonteCarloRun(scenario={self.scenario.id!r}, models=[{', '.join(r.model for r in self.results)}], "
                f"draws={draws}{stopped})")

    def _repr_html_(self) -> str:
        """Return the distributions (and event probabilities) as compact HTML tables (notebooks)."""
        from realpolitik.display import html_block, number, table

        rows = [[r.model, d.series, d.baseline, d.mean.value, d.sd.value, d.quantiles[0.05].value,
                 d.quantiles[0.5].value, d.quantiles[0.95].value, d.n] for r in self.results for d in r.distributions]
        tables = [table(["model", "issue", "baseline", "mean", "sd", "5 %", "median", "95 %", "draws"], rows,
                        "Outcomes over the draws (0-100)")]
        events = [[r.model, e.text(), number(est.value, 3), number(est.se, 3)] for r in self.results
                  for e, est in r.events]
        if events:
            tables.append(table(["model", "event", "probability", "MCSE"], events, "Events"))
        draws = self.results[0].requested if self.results else 0
        lines = [f"Monte Carlo on {self.scenario.id}: {draws} draws per model, seed "
                 f"{self.results[0].seed if self.results else '—'}" + (" (interrupted)" if self.interrupted else "")]
        return html_block(self.scenario.title, lines, tables)

    @property
    def interrupted(self) -> bool:
        """Return True when the run stopped before every draw of every model finished.

        >>> import realpolitik
        >>> realpolitik.monte_carlo("south-caucasus-2020", "median", 5, seed=1).interrupted
        False
        """
        return bool(self.results) and self.results[-1].sweep.interrupted

    def to_dict(self) -> dict[str, Any]:
        """Return the versioned ``realpolitik.montecarlo/1`` document.

        >>> import realpolitik
        >>> doc = realpolitik.monte_carlo("south-caucasus-2020", "median", 5, seed=1).to_dict()
        >>> doc["schema"], [r["model"] for r in doc["runs"]], doc["runs"][0]["seed"]
        ('realpolitik.montecarlo/1', ['median'], 1)
        """
        doc = monte_carlo_document(self.scenario, list(self.results))
        if self.calibration is not None:
            from realpolitik.forecast import jsonable

            doc["calibration"] = jsonable(self.calibration)
        return doc

    def to_json(self) -> str:
        """Return `to_dict` as JSON text (non-finite numbers written as null).

        >>> import json, realpolitik
        >>> json.loads(realpolitik.monte_carlo("south-caucasus-2020", "median", 5, seed=1).to_json())["schema"]
        'realpolitik.montecarlo/1'
        """
        from realpolitik.forecast import dumps

        return dumps(self.to_dict())

    def to_polars(self, table: str = "draws") -> Any:
        """Return a tidy Polars frame (docs/frames.md): ``"draws"``, one row per successful draw × model × issue
        (model, draw, issue, outcome); ``"summary"``, one row per model × issue (baseline, n, mean, sd, quantiles,
        each with its Monte Carlo standard error); ``"events"``, one row per model × event.

        >>> import realpolitik
        >>> draws = realpolitik.monte_carlo("south-caucasus-2020", "median", 5, seed=1).to_polars()
        >>> draws.shape, draws.columns   # 5 draws × 3 issues
        ((15, 4), ['model', 'draw', 'issue', 'outcome'])
        """
        from realpolitik.pipeline import frames
        from realpolitik.tabular import choose

        kind = choose(table, ("draws", "summary", "events"), "MonteCarloRun")
        build = {"draws": frames.montecarlo_draws, "summary": frames.montecarlo_summary,
                 "events": frames.montecarlo_events}[kind]
        return build(self)

    def to_pandas(self, table: str = "draws") -> Any:
        """Return `to_polars(table)` as a pandas DataFrame (needs the ``pandas`` extra).

        >>> import realpolitik
        >>> realpolitik.monte_carlo("south-caucasus-2020", "median", 5, seed=1).to_pandas("summary").shape[0]
        3
        """
        from realpolitik.tabular import to_pandas

        return to_pandas(self.to_polars(table), "MonteCarloRun")


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

    >>> import realpolitik
    >>> run = realpolitik.monte_carlo("south-caucasus-2020", "compromise", 20, seed=1, events=["karabakh>=55"])
    >>> run.interrupted, run.results[0].draws.shape   # 20 draws × 3 issues
    (False, (20, 3))
    >>> doc = run.to_dict()
    >>> doc["schema"], doc["runs"][0]["draws_done"], doc["runs"][0]["events"][0]["probability"]["value"]
    ('realpolitik.montecarlo/1', 20, 0.2)
    """
    from realpolitik.pipeline.forecasting import as_scenario
    from realpolitik.scenario.checks import require_reviewed
    from realpolitik.uncertainty.events import parse_event

    loaded = as_scenario(scenario)
    require_reviewed(loaded)
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
