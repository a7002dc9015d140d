"""Model specs: the one way to name a model and its parameters (``NAME`` or ``NAME:key=value,...``).

Every entry point (the Python API, the CLI's ``--model`` and ``--param``, backtests, the web) turns its input into
`ModelSpec`s and builds models through `build_model`, so parameter names, allowed values and *types* are checked
in one place against the model class's `param_specs`. Values keep their type: ``1`` given for an ``int`` parameter
stays ``1``; ``1`` given for a ``bool`` parameter is an error (never read as ``true``); an ``int`` given for a
``float`` parameter is widened to ``float`` (the one lossless conversion).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from realpolitik.errors import RealpolitikError

if TYPE_CHECKING:
    from realpolitik.models.base import Model, ParamSpec
    from realpolitik.scenario.model import Scenario

SIMPLE_TYPES = {"bool": bool, "int": int, "float": float, "str": str, "None": type(None)}


@dataclass(frozen=True)
class ModelSpec:
    """A model name and the parameters set explicitly for it (the others come from the scenario or defaults)."""

    name: str
    params: dict[str, Any] = field(default_factory=dict)

    def text(self) -> str:
        """Return the spec as written on the command line, e.g. ``bdm:max_rounds=1``.

        >>> ModelSpec("bdm", {"max_rounds": 1, "variant": "bdm1994"}).text()
        'bdm:max_rounds=1,variant=bdm1994'
        """
        if not self.params:
            return self.name
        return self.name + ":" + ",".join(f"{k}={_text(v)}" for k, v in self.params.items())


def _text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def parse_value(raw: str) -> Any:
    """Read a parameter value written on a command line: JSON where it parses (numbers, true/false, null), else text.

    >>> parse_value("1"), parse_value("1.0"), parse_value("true"), parse_value("Linear")
    (1, 1.0, True, 'Linear')
    """
    try:
        return json.loads(raw)
    except (json.JSONDecodeError, ValueError):
        return raw


def parse_param(text: str) -> tuple[str, Any]:
    """Parse ``KEY=VALUE`` into the key and its value (see `parse_value`).

    >>> parse_param("max_rounds=5")
    ('max_rounds', 5)
    """
    key, sep, raw = text.partition("=")
    if not sep or not key.strip():
        raise RealpolitikError(f"bad parameter {text!r}. Fix: write it as KEY=VALUE, e.g. max_rounds=50")
    return key.strip(), parse_value(raw.strip())


def parse_model_spec(spec: str | ModelSpec) -> ModelSpec:
    """Parse ``NAME`` or ``NAME:key=value,...`` into a `ModelSpec` (a `ModelSpec` is returned unchanged).

    >>> parse_model_spec("nash:utility=quadratic,disagreement=status_quo")
    ModelSpec(name='nash', params={'utility': 'quadratic', 'disagreement': 'status_quo'})
    """
    if isinstance(spec, ModelSpec):
        return spec
    name, _, rest = spec.strip().partition(":")
    name = name.strip()
    if not name:
        raise RealpolitikError(f"bad model spec {spec!r}. Fix: write NAME or NAME:key=value,key=value")
    params: dict[str, Any] = {}
    for part in rest.split(",") if rest else []:
        if not part.strip():
            continue
        key, value = parse_param(part)
        if key in params:
            raise RealpolitikError(f"model spec {spec!r} sets {key} twice. Fix: give each parameter once")
        params[key] = value
    return ModelSpec(name, params)


def _types_of(annotation: str) -> set[type] | None:
    """Return the Python types a parameter's annotation allows, or None when it is not a union of simple types."""
    names = [part.strip() for part in annotation.replace("Optional[", "").rstrip("]").split("|")]
    if not names or any(n not in SIMPLE_TYPES for n in names):
        return None
    return {SIMPLE_TYPES[n] for n in names}


def check_value(model: str, spec: ParamSpec, value: Any) -> Any:
    """Return `value` if its type fits the parameter `spec` of `model` (an int for a float parameter is widened to
    float); raise `RealpolitikError` naming model, parameter, value and the fix otherwise. Never turns 0/1 into
    booleans or booleans into numbers.

    >>> from realpolitik.models.base import ParamSpec
    >>> check_value("bdm", ParamSpec("max_rounds", None, "int | None"), 1)
    1
    >>> check_value("bdm", ParamSpec("q", None, "float | None"), 1)
    1.0
    """
    allowed = _types_of(spec.annotation)
    if allowed is None:
        return check_number(model, spec, value)
    kind = type(value)
    if kind in allowed:
        return check_number(model, spec, value)
    if kind is int and float in allowed:
        return check_number(model, spec, float(value))
    wanted = _wanted(allowed)
    if bool in allowed and kind in (int, float):
        fix = f"write {spec.name}=true or {spec.name}=false"
    elif int in allowed and kind is float and float(value).is_integer():
        fix = f"write the whole number without a decimal point ({spec.name}={int(value)})"
    elif int in allowed or float in allowed:
        example = spec.default if type(spec.default) in (int, float) else (50 if int in allowed else 1.0)
        fix = f"give {wanted.split(' (')[0]}, e.g. {spec.name}={example}"
    else:
        fix = f"give {wanted}"
    shown = json.dumps(value) if not isinstance(value, str) else repr(value)
    if spec.choices and not (bool in allowed and kind in (int, float)):
        fix = f"use one of {', '.join(map(repr, spec.choices))}"
    raise RealpolitikError(f"model {model!r}: parameter {spec.name} = {shown} is {_kind(value)}, not {wanted}. "
                           f"Fix: {fix}")


def check_number(model: str, spec: ParamSpec, value: Any) -> Any:
    """Return `value` if it is not a number, or a finite number within the parameter's `bounds`; raise
    `RealpolitikError` naming model, parameter, value and the fix otherwise (NaN and infinities never reach a model).

    >>> from realpolitik.models.base import ParamSpec
    >>> check_number("anchored", ParamSpec("reference_pull", 0.0, "float", bounds=(-1.0, 1.0)), 0.5)
    0.5
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    low, high = spec.bounds or (None, None)
    default = spec.default if isinstance(spec.default, int | float) and not isinstance(spec.default, bool) else None
    if not math.isfinite(value):
        example = default if default is not None else (low if low is not None else 0)
        raise RealpolitikError(f"model {model!r}: parameter {spec.name} = {value} is not a finite number. "
                               f"Fix: give a finite number{_range_words(low, high)}, e.g. {spec.name}={example}")
    if (low is not None and value < low) or (high is not None and value > high):
        example = default if default is not None else (low if low is not None else high)
        raise RealpolitikError(f"model {model!r}: parameter {spec.name} = {value} is out of range. "
                               f"Fix: give a number{_range_words(low, high)}, e.g. {spec.name}={example}")
    return value


def _range_words(low: float | None, high: float | None) -> str:
    if low is not None and high is not None:
        return f" from {low} to {high}"
    if low is not None:
        return f" ≥ {low}"
    return f" ≤ {high}" if high is not None else ""


def _wanted(allowed: set[type]) -> str:
    words = {int: "a whole number", float: "a number", bool: "true or false", str: "text"}
    main = [words[t] for t in (int, float, bool, str) if t in allowed and not (t is int and float in allowed)]
    return " or ".join(main) + (" (or null)" if type(None) in allowed else "")


def _kind(value: Any) -> str:
    names = {bool: "true/false", int: "a whole number", float: "a number", str: "text"}
    return names.get(type(value), type(value).__name__)


def model_class(name: str) -> type[Model]:
    """Return the registered model class `name`; raise `RealpolitikError` naming the known models otherwise."""
    from realpolitik.models.registry import available, get_model

    classes = available()
    if name not in classes:
        get_model(name)  # raises the unknown-model error with suggestions
    return classes[name]


def check_params(name: str, params: Mapping[str, Any]) -> dict[str, Any]:
    """Return `params` of model `name` checked against its `param_specs`: every name known, every type right."""
    from realpolitik.scenario.checks import suggest

    specs = {s.name: s for s in model_class(name).param_specs()}
    checked = {}
    for key, value in params.items():
        if key not in specs:
            raise RealpolitikError(f"model {name!r} has no parameter {key!r}{suggest(key, specs)}. "
                                   f"Fix: use one of {', '.join(sorted(specs)) or '(none)'}")
        checked[key] = check_value(name, specs[key], value)
    return checked


def build_model(spec: str | ModelSpec, scenario: Scenario | None = None) -> Model:
    """Return the model a spec names, its parameters checked; the scenario's ``model_params`` for that model are
    defaults under the spec's own parameters.

    >>> build_model("nash:utility=quadratic").get_params()
    {'utility': 'quadratic', 'disagreement': 'breakdown'}
    """
    from realpolitik.models.registry import get_model

    spec = parse_model_spec(spec)
    defaults = dict(scenario.model_params.get(spec.name, {})) if scenario is not None else {}
    if defaults:
        defaults = check_params(spec.name, defaults)
    params = {**defaults, **check_params(spec.name, spec.params)}
    return get_model(spec.name, **params)


def with_shared(specs: Iterable[str | ModelSpec] | None, shared: Mapping[str, Any] | None = None) -> list[ModelSpec]:
    """Return the specs (default: every registered model) with the `shared` settings (the CLI's ``-p KEY=VALUE``,
    ``--rounds``, ``--variant``) added to each model that takes them; a spec's own value wins. A shared setting that
    no chosen model takes is an error."""
    from realpolitik.models.registry import available

    parsed = [parse_model_spec(s) for s in specs] if specs else [ModelSpec(name) for name in available()]
    if not shared:
        return parsed
    out, used = [], set()
    for spec in parsed:
        accepted = {s.name for s in model_class(spec.name).param_specs()}
        mine = {k: v for k, v in shared.items() if k in accepted}
        used |= set(mine)
        out.append(ModelSpec(spec.name, {**mine, **spec.params}))
    unused = set(shared) - used
    if unused:
        names = ", ".join(s.name for s in parsed)
        raise RealpolitikError(f"no chosen model takes the setting(s) {', '.join(sorted(unused))} (models: {names}). "
                               "Fix: drop the setting, or choose a model that has it (see `realpolitik models`)")
    return out


def build_models(specs: Iterable[str | ModelSpec | Model] | None = None, scenario: Scenario | None = None,
                 shared: Mapping[str, Any] | None = None) -> list[Model]:
    """Return models for `specs` (default: every registered model): each spec a ``NAME[:key=value,...]`` text, a
    `ModelSpec`, or a ready `Model` (used as it is). See `build_model` and `with_shared`."""
    from realpolitik.models.base import Model

    items = list(specs or [])
    if not items:
        return [build_model(s, scenario) for s in with_shared(None, shared)]
    texts = with_shared([item for item in items if not isinstance(item, Model)], shared) if any(
        not isinstance(item, Model) for item in items) else []
    built = iter(build_model(s, scenario) for s in texts)
    return [item if isinstance(item, Model) else next(built) for item in items]


def refuse_repeats(names: list[str]) -> None:
    """Raise `RealpolitikError` if a model is chosen twice: a forecast document holds one record per model and
    issue, so `realpolitik.forecast` (and with it the CLI and the web) refuses a repeat. Backtests label each
    model by its settings (``nash(utility=quadratic)``) and compare several settings of one model side by side."""
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise RealpolitikError(f"model {repeated[0]!r} is chosen twice. Fix: choose each model once; to compare two "
                               "settings of one model, run them separately")
