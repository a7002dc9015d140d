"""`forecast`: a scenario and model specs in, a `ForecastDocument` out (the one path every entry point takes)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from realpolitik.errors import RealpolitikError
from realpolitik.models.base import Model
from realpolitik.models.selection import run_models
from realpolitik.models.specs import ModelSpec, build_models, refuse_repeats
from realpolitik.pipeline.document import ForecastDocument
from realpolitik.scenario.checks import require_reviewed
from realpolitik.scenario.model import Scenario


def as_scenario(scenario: Scenario | str | Path) -> Scenario:
    """Return `scenario` itself, or the scenario a file path or built-in name refers to."""
    if isinstance(scenario, Scenario):
        return scenario
    from realpolitik.scenario.io import load_scenario

    return load_scenario(scenario)


def forecast(scenario: Scenario | str | Path, models: Iterable[str | ModelSpec | Model] | str | None = None, *,
             seed: int | None = None, explain: int | None = None, shared: Mapping[str, Any] | None = None,
             tolerate_failures: bool | None = None, calibration: Any = "auto",
             events: Iterable[str] = ()) -> ForecastDocument:
    """Forecast every issue of `scenario` with `models` and return the finished `ForecastDocument`.

    `scenario` is a `Scenario`, a file path or a built-in name. `models` are specs ``NAME`` or
    ``NAME:key=value,...`` (or `ModelSpec`s, or ready `Model`s used as they are; default: every registered model).
    The scenario's ``[model_params.NAME]`` are each model's defaults under the spec's own parameters; names, allowed
    values and types are checked against the model's `param_specs` (``max_rounds=1`` stays the number 1). `shared`
    settings go to every chosen model that takes them (the CLI's ``-p KEY=VALUE``). Each model runs with its own
    generator seeded by `seed` (default: the scenario's seed). With several models, one that cannot forecast the
    scenario is recorded under ``failures`` (unless `tolerate_failures` is False) and the others still run.
    `explain` adds the explanation data of that round to each record that has one.
    `calibration` (``"auto"``, ``"shipped"``, a path, a `Calibration`, or None) adds the document's ``calibration``
    section: calibrated intervals and the probabilities of `events` (e.g. ``"karabakh>=60"``), always naming the
    calibration and whether it applies (`realpolitik.pipeline.calibrating`, docs/forecasting.md).

    >>> import realpolitik
    >>> doc = realpolitik.forecast("south-caucasus-2020", ["compromise"])
    >>> round(doc["compromise"].outcome("karabakh"), 2)
    53.33
    """
    loaded = as_scenario(scenario)
    require_reviewed(loaded)  # a scenario-wide refusal, said once rather than as every model's failure
    specs = [models] if isinstance(models, str | ModelSpec | Model) else models
    chosen = build_models(specs, loaded, shared)
    refuse_repeats([m.name for m in chosen])
    tolerate = len(chosen) > 1 if tolerate_failures is None else tolerate_failures
    ran, forecasts, failures = run_models(loaded, chosen, tolerate_failures=tolerate, seed=seed)
    if explain is not None:
        check_explain_round(ran, forecasts, explain)
    from realpolitik.pipeline.calibrating import calibration_section

    section = calibration_section(loaded, ran, forecasts, calibration, events)
    return ForecastDocument(loaded, tuple(ran), tuple(forecasts), failures, explain, section)


def check_explain_round(models: list[Model], forecasts: list, round: int) -> None:
    """Raise `RealpolitikError` unless some model can explain `round` on some issue (iterative models: 1 to that
    issue's last round; one-shot models that explain themselves: 0)."""
    ranges = {m.name: [m.explainable_rounds(item) for item in f.issues] for m, f in zip(models, forecasts, strict=True)}
    if any(round in r for per_issue in ranges.values() for r in per_issue):
        return
    usable = {name: per_issue for name, per_issue in ranges.items() if any(len(r) for r in per_issue)}
    if not usable:
        chosen = ", ".join(m.name for m in models)
        raise RealpolitikError(f"--explain: none of the chosen models ({chosen}) explains its rounds (iterative "
                               "models explain rounds from 1, wartrap round 0). Fix: add e.g. --model bdm, --model "
                               "smp or --model wartrap, or drop --explain")
    spans = "; ".join(f"{name}: {_span(per_issue)}" for name, per_issue in usable.items())
    raise RealpolitikError(f"--explain {round}: no chosen model reached that round on any issue ({spans}). "
                           f"Fix: use one of those rounds")


def _span(per_issue: list[range]) -> str:
    lo = min(r.start for r in per_issue if len(r))
    hi = max(r.stop for r in per_issue if len(r)) - 1
    return f"round {lo}" if lo == hi else f"rounds {lo} to {hi}"
