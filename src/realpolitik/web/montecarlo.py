"""Monte Carlo runs for the dashboard: outcomes under perturbed inputs, and their quantiles.

`run_monte_carlo` is the ONE function to switch to the project's Monte Carlo API (`realpolitik.uncertainty`) when
it lands on main. Until then it is a stand-in with a plainly documented perturbation: in each draw every stance's
position moves by a normal error (sd `POSITION_SD` points, clipped to 0-100), every salience and capability is
multiplied by a log-normal factor (sd `LOG_SD` of its logarithm; saliences clipped to 0-1), and each model runs
on the perturbed scenario with the draw's own generator. Same seed, same draws.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import numpy as np

from realpolitik.models.base import Model
from realpolitik.scenario.model import Scenario

POSITION_SD = 5.0
LOG_SD = 0.1
QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)
METHOD = (f"stand-in perturbation: position + N(0, {POSITION_SD:g}) clipped to 0-100; salience and capability "
          f"× exp(N(0, {LOG_SD:g})), salience clipped to 0-1")


def run_monte_carlo(scenario: Scenario, models: list[Model], draws: int, seed: int,
                    progress: Callable[[float], None] | None = None) -> dict[str, Any]:
    """Run each model on `draws` perturbed copies of `scenario`; return outcomes and quantiles per model and issue.

    The result is ``{"draws", "seed", "method", "outcomes": {model: {issue: [outcome per draw]}},
    "quantiles": {model: {issue: {"q05", "q25", "q50", "q75", "q95", "mean"}}}}`` on the 0-100 scale;
    multi-dimensional outcomes are left out of the quantiles. `progress(fraction)` is called about once a second.
    """
    rng = np.random.default_rng(seed)
    outcomes: dict[str, dict[str, list[Any]]] = {m.name: {i.id: [] for i in scenario.issues} for m in models}
    last = time.monotonic()
    for draw in range(draws):
        perturbed = perturb(scenario, rng)
        for model in models:
            for item in model.run(perturbed, rng=np.random.default_rng(rng.integers(2**63))).issues:
                outcomes[model.name][item.issue].append(item.outcome)
        if progress is not None and time.monotonic() - last >= 1.0:
            progress((draw + 1) / draws)
            last = time.monotonic()
    return {"draws": draws, "seed": seed, "method": METHOD, "outcomes": outcomes,
            "quantiles": {name: {issue: quantiles(values) for issue, values in per.items()}
                          for name, per in outcomes.items()}}


def perturb(scenario: Scenario, rng: np.random.Generator) -> Scenario:
    """Return a copy of `scenario` with perturbed positions, saliences and capabilities (see the module doc)."""
    n = len(scenario.stances)
    position = np.clip(np.array([s.position for s in scenario.stances]) + rng.normal(0, POSITION_SD, n), 0, 100)
    salience = np.clip(np.array([s.salience for s in scenario.stances]) * np.exp(rng.normal(0, LOG_SD, n)), 0, 1)
    capability = np.array([a.capability for a in scenario.actors]) * np.exp(rng.normal(0, LOG_SD,
                                                                                        len(scenario.actors)))
    stances = tuple(s.model_copy(update={"position": float(p), "salience": float(w)})
                    for s, p, w in zip(scenario.stances, position, salience, strict=True))
    actors = tuple(a.model_copy(update={"capability": float(c)})
                   for a, c in zip(scenario.actors, capability, strict=True))
    # A fresh object, not model_copy: the scenario caches its actor index, which must not carry over.
    fields = {name: getattr(scenario, name) for name in type(scenario).model_fields}
    return type(scenario).model_construct(**{**fields, "stances": stances, "actors": actors})


def quantiles(values: list[Any]) -> dict[str, float] | None:
    """Return the 5, 25, 50, 75 and 95 % quantiles and the mean of scalar outcomes (``None`` if not scalar)."""
    if not values or not all(isinstance(v, int | float) for v in values):
        return None
    array = np.asarray(values, dtype=float)
    qs = np.quantile(array, QUANTILES)
    out = {f"q{round(q * 100):02d}": float(v) for q, v in zip(QUANTILES, qs, strict=True)}
    out["mean"] = float(array.mean())
    return out
