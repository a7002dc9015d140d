"""Forecasting models behind one interface (`Model.run(scenario, rng) -> Forecast`) and their registry."""

from realpolitik.models import anchored, bdm, central, nash  # noqa: F401  (each module registers its models)
from realpolitik.models.base import Model, ParamSpec
from realpolitik.models.registry import available, get_model, register

__all__ = ["Model", "ParamSpec", "available", "get_model", "register"]
