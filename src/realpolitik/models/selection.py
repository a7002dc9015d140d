"""Choosing and configuring models by name, as the CLI, the API and the backtests ask for them.

The spec syntax and the parameter checks live in `realpolitik.models.specs`; this module keeps the CLI-shaped
helpers (``--variant``, ``--rounds``, ``-p KEY=VALUE``) and running several models side by side.
"""

from __future__ import annotations

from typing import Any

from realpolitik.errors import RealpolitikError
from realpolitik.forecast import Forecast
from realpolitik.models.base import Model
from realpolitik.models.specs import build_models as build_from_specs
from realpolitik.models.specs import parse_param
from realpolitik.scenario.model import Scenario

__all__ = ["build_models", "parse_param", "run_models", "shared_settings"]


def shared_settings(variant: str | None = None, rounds: int | None = None,
                    params: list[str] | None = None) -> dict[str, Any]:
    """Return the settings the CLI's ``--variant``, ``--rounds`` and ``-p KEY=VALUE`` give every chosen model
    that takes them (``--rounds`` is ``max_rounds``)."""
    settings = dict(parse_param(p) for p in params or [])
    if variant is not None:
        settings["variant"] = variant
    if rounds is not None:
        settings["max_rounds"] = rounds
    return settings


def build_models(names: list[str] | None = None, variant: str | None = None, rounds: int | None = None,
                 params: list[str] | None = None, scenario: Scenario | None = None) -> list[Model]:
    """Return model instances for the specs `names` (``NAME`` or ``NAME:key=value,...``; default every registered
    model), with the shared settings of `shared_settings` and the scenario's ``model_params`` as defaults."""
    return build_from_specs(names, scenario, shared_settings(variant, rounds, params))


def run_models(scenario: Scenario, models: list[Model], tolerate_failures: bool = False, seed: int | None = None
               ) -> tuple[list[Model], list[Forecast], dict[str, str]]:
    """Run each model on the scenario (each with its own generator seeded from `seed`, default the scenario's).

    Returns the models that ran, their forecasts, and the failures by model name. A model that cannot forecast this
    scenario (a `RealpolitikError`, e.g. every weight on an issue is zero) raises, unless `tolerate_failures`, in
    which case it is left out and its message recorded, so the other models still give their side-by-side forecast.
    """
    import numpy as np

    ran, forecasts, failures = [], [], {}
    for model in models:
        try:
            rng = np.random.default_rng(scenario.seed if seed is None else seed)
            forecasts.append(check_outcomes(model, model.run(scenario, rng=rng)))
        except RealpolitikError as exc:
            if not tolerate_failures:
                raise
            failures[model.name] = str(exc)
            continue
        ran.append(model)
    return ran, forecasts, failures


def check_outcomes(model: Model, forecast: Forecast) -> Forecast:
    """Return `forecast` if every outcome is a finite number on the 0-100 scale; raise `RealpolitikError` naming the
    model, its parameters and the issue otherwise (a run never records NaN, an infinity or an off-scale outcome)."""
    import math

    for item in forecast.issues:
        values = item.outcome if isinstance(item.outcome, list | tuple) else [item.outcome]
        if not all(isinstance(v, int | float) and math.isfinite(v) and -1e-9 <= v <= 100 + 1e-9 for v in values):
            raise RealpolitikError(f"model {model.name!r} with parameters {model.get_params()} gave outcome "
                                   f"{item.outcome} on issue {item.issue!r}, not a finite number from 0 to 100. "
                                   "Fix: check the model's parameters (see `realpolitik models`)")
    return forecast
