"""Choosing and configuring models by name, as the CLI, the API and the backtests ask for them."""

from __future__ import annotations

import json
from typing import Any

from realpolitik.errors import RealpolitikError
from realpolitik.forecast import Forecast
from realpolitik.models.base import Model
from realpolitik.models.registry import available, get_model
from realpolitik.scenario.model import Scenario


def parse_param(text: str) -> tuple[str, Any]:
    """Parse ``KEY=VALUE``; the value is read as JSON when it can be (numbers, true/false, null), else as text."""
    key, sep, raw = text.partition("=")
    if not sep or not key.strip():
        raise RealpolitikError(f"bad parameter {text!r}. Fix: write it as KEY=VALUE, e.g. --param max_rounds=50")
    try:
        value = json.loads(raw)
    except json.JSONDecodeError:
        value = raw
    return key.strip(), value


def with_scenario_params(name: str, params: dict[str, Any], scenario: Scenario | None) -> dict[str, Any]:
    """Return `params` for model `name` on top of the scenario's ``model_params[name]`` (the scenario's parameter
    defaults; the explicit `params` win)."""
    if scenario is None:
        return dict(params)
    return {**scenario.model_params.get(name, {}), **params}


def build_models(names: list[str] | None = None, variant: str | None = None, rounds: int | None = None,
                 params: list[str] | None = None, scenario: Scenario | None = None) -> list[Model]:
    """Return model instances for `names` (default: every registered model).

    `variant` and `rounds` go to the models that have a ``variant`` / ``max_rounds`` parameter; each ``KEY=VALUE``
    in `params` goes to the models that have that parameter. A setting that no chosen model takes is an error.
    With `scenario`, its ``model_params`` for a model are that model's defaults, overridden by these settings.
    """
    names = list(names or available())
    settings = dict(parse_param(p) for p in params or [])
    if variant is not None:
        settings["variant"] = variant
    if rounds is not None:
        settings["max_rounds"] = rounds
    classes = {name: available().get(name) for name in names}
    models, used = [], set()
    for name, cls in classes.items():
        if cls is None:
            models.append(get_model(name))  # raises the unknown-model error with suggestions
            continue
        accepted = {s.name for s in cls.param_specs()}
        mine = {k: v for k, v in settings.items() if k in accepted}
        used |= set(mine)
        models.append(get_model(name, **with_scenario_params(name, mine, scenario)))
    unused = set(settings) - used
    if unused:
        flag = ", ".join(sorted(unused))
        raise RealpolitikError(f"no chosen model takes the setting(s) {flag} (models: {', '.join(names)}). "
                               "Fix: drop the setting, or choose a model that has it (see `realpolitik models`)")
    return models


def run_models(scenario: Scenario, models: list[Model], tolerate_failures: bool = False
               ) -> tuple[list[Model], list[Forecast], dict[str, str]]:
    """Run each model on the scenario (each with its own generator seeded from the scenario's seed).

    Returns the models that ran, their forecasts, and the failures by model name. A model that cannot forecast this
    scenario (a `RealpolitikError`, e.g. every weight on an issue is zero) raises, unless `tolerate_failures`, in
    which case it is left out and its message recorded, so the other models still give their side-by-side forecast.
    """
    ran, forecasts, failures = [], [], {}
    for model in models:
        try:
            forecasts.append(model.run(scenario))
        except RealpolitikError as exc:
            if not tolerate_failures:
                raise
            failures[model.name] = str(exc)
            continue
        ran.append(model)
    return ran, forecasts, failures
