"""The model registry: names → model classes, so every shell can find every model.

A model module registers its class with `@register`; `realpolitik.models` imports the built-in model modules.
"""

from __future__ import annotations

from typing import Any

from realpolitik.errors import RealpolitikError
from realpolitik.models.base import Model
from realpolitik.scenario.checks import suggest

_REGISTRY: dict[str, type[Model]] = {}


def register(cls: type[Model]) -> type[Model]:
    """Class decorator: add a model class to the registry under `cls.name`."""
    if cls.name in _REGISTRY and _REGISTRY[cls.name] is not cls:
        raise ValueError(f"model name {cls.name!r} is registered twice")
    _REGISTRY[cls.name] = cls
    return cls


def available() -> dict[str, type[Model]]:
    """Return every registered model class by name, in registration order."""
    import realpolitik.models  # noqa: F401  (registers the built-in models)

    return dict(_REGISTRY)


def get_model(name: str, **params: Any) -> Model:
    """Return an instance of the model registered as `name`, built with `params`.

    Raises `RealpolitikError` naming the known models for an unknown name, and the known parameters for an
    unknown parameter.

    >>> from realpolitik import get_model, load_scenario
    >>> model = get_model("median")
    >>> model.name, model.run(load_scenario("south-caucasus-2020")).outcome("karabakh")
    ('median', 50.0)
    """
    models = available()
    if name not in models:
        raise RealpolitikError(f"unknown model {name!r}{suggest(name, models)}. "
                               f"Fix: use one of {', '.join(models)} (see `realpolitik models`)")
    cls = models[name]
    known = {s.name for s in cls.param_specs()}
    for key in params:
        if key not in known:
            raise RealpolitikError(f"model {name!r} has no parameter {key!r}{suggest(key, known)}. "
                                   f"Fix: use one of {', '.join(sorted(known)) or '(none)'}")
    try:
        model = cls(**params)
    except (TypeError, ValueError) as exc:
        raise RealpolitikError(f"model {name!r}: bad parameters {params}: {exc}") from None
    model.check_params()
    return model
