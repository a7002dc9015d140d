"""Forecasting models behind one interface (`Model.run(scenario, rng) -> Forecast`) and their registry.

A model module in this package registers its classes with `@register` and is found by the registry without any
list to edit; third-party models register through the ``realpolitik.models`` entry-point group (see
``docs/models/README.md``). `Model` and `ParamSpec` are imported on first use, so listing model names stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from realpolitik.models.registry import available, catalog, failures, get_model, model_class, names, register

if TYPE_CHECKING:
    from realpolitik.models.base import Model, ParamSpec

__all__ = ["Model", "ParamSpec", "available", "catalog", "failures", "get_model", "model_class", "names",
           "register"]


def __getattr__(name: str) -> Any:
    if name in ("Model", "ParamSpec"):
        from realpolitik.models import base

        return getattr(base, name)
    raise AttributeError(f"module 'realpolitik.models' has no attribute {name!r}")
