"""The model registry: names → model classes, discovered where they are defined (no second list).

Two sources, read lazily:

- **built-in models**: every module of the `realpolitik.models` package whose source holds a class decorated with
  `@register`. The registry reads the modules' source (`realpolitik.discovery.scan_package`) to know each model's
  name, summary and kind without importing NumPy-heavy code, and imports a module when one of its models is used.
- **plugins**: a third-party distribution declares its models in the entry-point group ``realpolitik.models``
  (``name = "package.module:Class"``, the entry-point name being the model's `name`); they are loaded on first use.
  A plugin that fails to load or collides with a built-in is left out with a warning naming the plugin; asking for
  it by name raises `RealpolitikError` with the same message. The built-in models keep working.

Listings are ordered one-shot models first, then iterative ones, each by `Model.listing_order`, then by name.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from typing import TYPE_CHECKING, Any

from realpolitik.discovery import describe_entry_point, plugin_distribution, plugin_entry_points, scan_package
from realpolitik.errors import RealpolitikError

if TYPE_CHECKING:
    from realpolitik.models.base import Model

ENTRY_POINT_GROUP = "realpolitik.models"
PACKAGE = "realpolitik.models"
DEFAULT_ORDER = 1000

_REGISTRY: dict[str, type[Model]] = {}


@dataclass(frozen=True)
class ModelInfo:
    """What a listing shows of a model before its code is imported.

    `plugin` is the distribution that provides it (``None`` for a built-in or a class registered at run time by
    `register`); `target` is ``module:Class``.
    """

    name: str
    summary: str
    iterative: bool
    order: int
    target: str
    plugin: str | None = None

    @property
    def sort_key(self) -> tuple[bool, int, str]:
        """Return the listing order: one-shot before iterative, then `order`, then name."""
        return (self.iterative, self.order, self.name)


def register(cls: type[Model]) -> type[Model]:
    """Class decorator: add a model class to the registry under `cls.name` (where the class is defined)."""
    if cls.name in _REGISTRY and _REGISTRY[cls.name] is not cls:
        other = _REGISTRY[cls.name]
        raise RealpolitikError(f"model name {cls.name!r} is registered twice ({other.__module__}.{other.__qualname__}"
                               f" and {cls.__module__}.{cls.__qualname__}). Fix: give one of them another name")
    _REGISTRY[cls.name] = cls
    return cls


@cache
def _builtins() -> dict[str, ModelInfo]:
    infos: dict[str, ModelInfo] = {}
    for decl in scan_package(PACKAGE, "register"):
        v = decl.values
        if not isinstance(v.get("name"), str):  # a name that is not a literal: import to read it
            cls = getattr(import_module(decl.module), decl.qualname)
            v = {"name": cls.name, "summary": cls.summary, "iterative": cls.iterative,
                 "listing_order": getattr(cls, "listing_order", DEFAULT_ORDER)}
        infos[v["name"]] = ModelInfo(v["name"], v.get("summary", ""), bool(v.get("iterative", False)),
                                     int(v.get("listing_order", DEFAULT_ORDER)), f"{decl.module}:{decl.qualname}")
    return infos


@cache
def _plugins() -> tuple[dict[str, ModelInfo], dict[str, str]]:
    """Load every plugin class; return their infos and, by name, the message of each plugin left out."""
    infos: dict[str, ModelInfo] = {}
    failures: dict[str, str] = {}
    builtins = _builtins()
    for ep in plugin_entry_points(ENTRY_POINT_GROUP):
        where = describe_entry_point(ep)
        fix = f"Fix: repair, upgrade or uninstall the distribution {plugin_distribution(ep)!r}"
        if ep.name in builtins or ep.name in infos:
            failures[ep.name] = (f"model plugin {where} is left out: the name {ep.name!r} is already taken by "
                                 f"{(builtins.get(ep.name) or infos[ep.name]).target}. {fix} (rename its model)")
            continue
        try:
            cls = _check_plugin_class(ep.name, ep.load())
        except Exception as exc:  # noqa: BLE001  (any failure of third-party code is reported, never raised here)
            failures[ep.name] = f"model plugin {where} failed to load: {type(exc).__name__}: {exc}. {fix}"
            continue
        _REGISTRY.setdefault(cls.name, cls)
        infos[ep.name] = _info(cls, plugin_distribution(ep))
    for message in failures.values():
        warnings.warn(message, RuntimeWarning, stacklevel=3)
    return infos, failures


def _info(cls: type[Model], plugin: str | None = None) -> ModelInfo:
    return ModelInfo(cls.name, cls.summary, cls.iterative, getattr(cls, "listing_order", DEFAULT_ORDER),
                     f"{cls.__module__}:{cls.__qualname__}", plugin)


def _check_plugin_class(name: str, obj: Any) -> type[Model]:
    from realpolitik.models.base import Model

    if not (isinstance(obj, type) and issubclass(obj, Model)):
        raise TypeError(f"the entry point names {obj!r}, not a subclass of realpolitik.models.Model")
    if getattr(obj, "name", None) != name:
        raise TypeError(f"the class's name is {getattr(obj, 'name', None)!r} but the entry point is {name!r}; "
                        "they must be equal")
    return obj


def catalog() -> dict[str, ModelInfo]:
    """Return every available model's `ModelInfo` by name, in listing order, importing no built-in model code.

    Plugins are imported (their classes hold their summaries); plugins that fail are left out (see `failures`).
    """
    infos = {**_builtins(), **_plugins()[0]}
    for name, cls in _REGISTRY.items():  # classes registered at run time (a script, a test) outside any package scan
        if name not in infos:
            infos[name] = _info(cls)
    return {info.name: info for info in sorted(infos.values(), key=lambda i: i.sort_key)}


def run_time_names() -> list[str]:
    """Return the names registered with `register` outside the package scan and the plugins (a script, a test)."""
    return [name for name in _REGISTRY if name not in _builtins() and name not in _plugins()[0]]


def names() -> list[str]:
    """Return the names of the available models in listing order (one-shot first, then iterative)."""
    return list(catalog())


def failures() -> dict[str, str]:
    """Return, by entry-point name, the message of every model plugin that was left out (empty when none)."""
    return dict(_plugins()[1])


def model_class(name: str) -> type[Model]:
    """Return the class of the model `name`, importing its module; raise `RealpolitikError` for an unknown name
    (naming the known models) or a plugin that failed to load (naming the plugin)."""
    info = catalog().get(name)
    if info is None:
        if name in failures():
            raise RealpolitikError(failures()[name])
        from realpolitik.scenario.checks import suggest

        known = names()
        raise RealpolitikError(f"unknown model {name!r}{suggest(name, known)}. "
                               f"Fix: use one of {', '.join(known)} (see `realpolitik models`)")
    if name not in _REGISTRY:
        module, _, qualname = info.target.partition(":")
        getattr(import_module(module), qualname)
    return _REGISTRY[name]


def available() -> dict[str, type[Model]]:
    """Return every available model class by name, in listing order (imports every model module)."""
    return {name: model_class(name) for name in catalog()}


def get_model(name: str, **params: Any) -> Model:
    """Return an instance of the model registered as `name`, built with `params`.

    Raises `RealpolitikError` naming the known models for an unknown name, and the known parameters for an
    unknown parameter.

    This is the low-level call: ``get_model(name, **params).run(scenario)`` uses exactly `params` and does NOT apply
    the scenario's ``[model_params]``; `realpolitik.forecast` (the pipeline every entry point takes) does.

    >>> from realpolitik import get_model, load_scenario
    >>> model = get_model("median")
    >>> model.name, model.run(load_scenario("south-caucasus-2020")).outcome("karabakh")
    ('median', 50.0)
    """
    cls = model_class(name)
    known = {s.name for s in cls.param_specs()}
    for key in params:
        if key not in known:
            from realpolitik.scenario.checks import suggest

            raise RealpolitikError(f"model {name!r} has no parameter {key!r}{suggest(key, known)}. "
                                   f"Fix: use one of {', '.join(sorted(known)) or '(none)'}")
    try:
        model = cls(**params)
    except (TypeError, ValueError) as exc:
        raise RealpolitikError(f"model {name!r}: bad parameters {params}: {exc}") from None
    model.check_params()
    return model


def refresh() -> None:
    """Forget what discovery found (after installing or removing a plugin in a running process)."""
    _builtins.cache_clear()
    _plugins.cache_clear()
