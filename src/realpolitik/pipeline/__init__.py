"""The core's entry points: a scenario and model specs in, a finished versioned document out.

`forecast` (document `realpolitik.forecast/1`), `monte_carlo` (`realpolitik.montecarlo/1`) and `run_backtest`
are what the CLI, the web and the Python API call; the shells only translate options and present results. Each is
imported from its module on first use so that ``import realpolitik.pipeline`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the lazy names of __all__, for type checkers and editors
    from realpolitik.pipeline.backtest import BacktestRun, run_backtest
    from realpolitik.pipeline.document import ForecastDocument
    from realpolitik.pipeline.forecasting import forecast
    from realpolitik.pipeline.montecarlo import monte_carlo

__all__ = ["BacktestRun", "ForecastDocument", "forecast", "monte_carlo", "run_backtest"]

_HOMES = {"ForecastDocument": "document", "forecast": "forecasting", "monte_carlo": "montecarlo",
          "BacktestRun": "backtest", "run_backtest": "backtest"}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        from importlib import import_module

        return getattr(import_module(f"realpolitik.pipeline.{_HOMES[name]}"), name)
    raise AttributeError(f"module 'realpolitik.pipeline' has no attribute {name!r}")
