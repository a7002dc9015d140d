"""Forecasting models behind one interface (`Model.run(scenario, rng) -> Forecast`) and their registry."""

from importlib import import_module

from realpolitik.models.base import Model, ParamSpec
from realpolitik.models.registry import available, get_model, register

# Each module registers its models on import; this order is the order of models in tables and listings:
# one-shot baselines first, then the iterative bargaining models.
BUILT_IN_MODULES = ("central", "nash", "anchored", "wartrap", "bdm", "smp", "exchange", "ensemble")
for _module in BUILT_IN_MODULES:
    import_module(f"realpolitik.models.{_module}")

__all__ = ["BUILT_IN_MODULES", "Model", "ParamSpec", "available", "get_model", "register"]
