"""The one face every forecasting model has (the scikit-learn convention).

The constructor stores parameters and does nothing else; `run(scenario, rng=...)` does the work and returns a
`Forecast`. Parameters are introspected from the constructor's signature, so the CLI, the web forms and the run
store can list and record them without knowing the model.
"""

from __future__ import annotations

import inspect
from abc import ABC, abstractmethod
from typing import Any, ClassVar

import numpy as np

from realpolitik.errors import RealpolitikError
from realpolitik.forecast import Forecast, IssueForecast
from realpolitik.models.params import ParamSpec
from realpolitik.scenario.checks import require_reviewed
from realpolitik.scenario.model import Scenario

__all__ = ["Model", "ParamSpec"]


class Model(ABC):
    """Base class of all forecasting models.

    Subclasses set `name` (registry key), `summary` (one line), `iterative` (whether `rounds` has more than
    round 0), optionally `listing_order` (place in listings among models of the same kind; write these four as
    literals so the registry can read them without importing the module), declare their parameters as keyword
    arguments of `__init__` stored under the same attribute names (each with a default), and implement
    `run_issue` (or override `run` for models that treat several issues jointly).
    `param_help` and `param_choices` describe parameters for the shells.
    """

    name: ClassVar[str]
    summary: ClassVar[str] = ""
    iterative: ClassVar[bool] = False
    listing_order: ClassVar[int] = 1000
    param_help: ClassVar[dict[str, str]] = {}
    param_choices: ClassVar[dict[str, tuple[Any, ...]]] = {}

    def run(self, scenario: Scenario, rng: np.random.Generator | None = None) -> Forecast:
        """Forecast every issue of `scenario`; `rng` defaults to one seeded from `scenario.seed`."""
        require_reviewed(scenario)  # drafts and unreviewed items are never forecast
        rng = rng if rng is not None else np.random.default_rng(scenario.seed)
        issues = tuple(self.run_issue(scenario, issue.id, rng) for issue in scenario.issues)
        return Forecast(self.name, self.resolved_params(), scenario.id, scenario.version, issues)

    @abstractmethod
    def run_issue(self, scenario: Scenario, issue: str, rng: np.random.Generator) -> IssueForecast:
        """Forecast one issue of `scenario`."""

    def explain(self, forecast: IssueForecast, round: int) -> Any:
        """Return data explaining `round` of an issue forecast (who challenged whom and why; a dict with a
        ``kind`` key), or ``None`` when the model has nothing to explain. Iterative models override this; the
        CLI's ``--explain ROUND`` draws it (``cli/render_explain.py``)."""
        return None

    def explainable_rounds(self, forecast: IssueForecast) -> range:
        """Return the rounds `explain` can describe on this issue forecast: 1 to the last round for iterative
        models, round 0 (the one decision) for one-shot models that explain themselves, none for the others."""
        if type(self).explain is Model.explain:
            return range(0)
        return range(1, len(forecast.rounds)) if self.iterative else range(0, 1)

    def explain_data(self, forecast: IssueForecast, round: int) -> dict[str, Any] | None:
        """Return what `explain` shows for `round` as JSON-ready data, or ``None`` when the model has none.
        ``--explain ROUND --format json`` writes it as the ``explain`` field of each forecast record."""
        return None

    @classmethod
    def param_specs(cls) -> list[ParamSpec]:
        """Describe the constructor's parameters (name, default, type, choices, help)."""
        specs = []
        for p in inspect.signature(cls.__init__).parameters.values():
            if p.name == "self" or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
                continue
            annotation = p.annotation if isinstance(p.annotation, str) else getattr(p.annotation, "__name__", "")
            specs.append(ParamSpec(p.name, p.default, str(annotation), cls.param_choices.get(p.name),
                                   cls.param_help.get(p.name, "")))
        return specs

    def get_params(self) -> dict[str, Any]:
        """Return the parameters this instance was built with, by name."""
        return {spec.name: getattr(self, spec.name) for spec in self.param_specs()}

    def resolved_params(self) -> dict[str, Any]:
        """Return the parameters as the run uses them, by name: `get_params` with every preset or default that a
        parameter left open (e.g. None for "the variant's value") filled in, so that ``type(self)(**resolved)``
        runs the same model. A `Forecast` records these as its ``params``."""
        return self.get_params()

    def check_params(self) -> None:
        """Raise `RealpolitikError` if a parameter with declared choices has a value outside them."""
        for name, choices in self.param_choices.items():
            value = getattr(self, name)
            if value not in choices:
                allowed = ", ".join(map(repr, choices))
                raise RealpolitikError(f"model {self.name!r}: parameter {name}={value!r} is not allowed. "
                                       f"Fix: use one of {allowed}")

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_params().items())
        return f"{type(self).__name__}({args})"
