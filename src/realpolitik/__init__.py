"""realpolitik: make a geopolitical system computable and forecast how contests among its actors end.

The public Python API::

    import realpolitik
    doc = realpolitik.forecast("south-caucasus-2020", ["compromise", "bdm:max_rounds=10"])
    print(doc.to_json())          # exactly what `realpolitik forecast --format json` writes
    doc["bdm"].outcome("karabakh")

Heavy modules (NumPy, pydantic models, the model registry) are imported on first use, so ``import realpolitik``
stays cheap.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from realpolitik.errors import RealpolitikError, ScenarioError
from realpolitik.forecast import Forecast, IssueForecast, Round

if TYPE_CHECKING:  # the lazy names of __all__ as well, for type checkers and editors
    from realpolitik import draft
    from realpolitik.models.base import Model
    from realpolitik.models.registry import get_model
    from realpolitik.models.specs import ModelSpec
    from realpolitik.pipeline.backtest import run_backtest
    from realpolitik.pipeline.document import ForecastDocument
    from realpolitik.pipeline.montecarlo import monte_carlo
    from realpolitik.scenario.io import load_scenario
    from realpolitik.scenario.model import Scenario

__all__ = [
    "Forecast",
    "ForecastDocument",
    "IssueForecast",
    "ModelSpec",
    "RealpolitikError",
    "Round",
    "ScenarioError",
    "__version__",
    "draft",
    "forecast",
    "get_model",
    "load_scenario",
    "monte_carlo",
    "run_backtest",
]

_LAZY = {
    "load_scenario": "realpolitik.scenario.io",
    "get_model": "realpolitik.models.registry",
    "ModelSpec": "realpolitik.models.specs",
    "ForecastDocument": "realpolitik.pipeline.document",
    "monte_carlo": "realpolitik.pipeline.montecarlo",
    "run_backtest": "realpolitik.pipeline.backtest",
}


def forecast(scenario: Scenario | str | Path, models: Iterable[str | ModelSpec | Model] | str | None = None, *,
             seed: int | None = None, explain: int | None = None, shared: Mapping[str, Any] | None = None,
             tolerate_failures: bool | None = None, calibration: Any = "auto",
             events: Iterable[str] = ()) -> ForecastDocument:
    """Forecast every issue of `scenario` with `models` (specs ``NAME`` or ``NAME:key=value,...``; default every
    model) and return the finished `ForecastDocument`; see `realpolitik.pipeline.forecasting.forecast`
    (`calibration` and `events`: its ``calibration`` section, docs/forecasting.md).

    (Defined here, not re-exported lazily, because the module ``realpolitik.forecast`` would shadow the name.)

    >>> import realpolitik
    >>> doc = realpolitik.forecast("south-caucasus-2020", "compromise")
    >>> doc.to_dict()["schema"]
    'realpolitik.forecast/1'
    """
    from realpolitik.pipeline.forecasting import forecast as run

    return run(scenario, models, seed=seed, explain=explain, shared=shared, tolerate_failures=tolerate_failures,
               calibration=calibration, events=events)


def _installed_version() -> str:
    """Return the version in the installed package's metadata (pyproject.toml's, through the wheel or the editable
    install)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("realpolitik")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "0+unknown"


def __getattr__(name: str) -> Any:
    # Lazy re-exports keep `import realpolitik` cheap (no model or file-format imports until used).
    if name == "__version__":
        globals()["__version__"] = found = _installed_version()
        return found
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(_LAZY[name]), name)
    if name == "draft":
        # The package realpolitik.draft is itself callable: realpolitik.draft(text) drafts, realpolitik.draft.review
        # reviews (a function here would be replaced by the package as soon as a submodule is imported).
        from importlib import import_module

        return import_module("realpolitik.draft")
    raise AttributeError(f"module 'realpolitik' has no attribute {name!r}")
