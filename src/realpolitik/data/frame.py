"""`PeaceFrame`: a lazy Polars frame of a declared unit (state-year, dyad-year, state-day) and state system.

Each step of an analysis is a function that takes a `PeaceFrame` and returns a new one with more columns (an
add-on) or fewer rows (a filter); a step refuses a frame of the wrong unit. Steps chain as methods or through
`pipe`, and nothing is computed until `collect()`::

    from realpolitik.data import dyad_years, add_nmc
    df = dyad_years("cow", years=(1816, 2010)).pipe(add_nmc).add_contiguity().filter_prd().collect()

An add-on is a function decorated with `@addon(name, units, summary)` in any module of `realpolitik.data` (or,
from another package, in a module named by the ``realpolitik.addons`` entry-point group). The registry finds it
there, with no list to edit: it works in the CLI's ``--add`` list, as ``frame.add(name)``, as the method
``frame.<function name>(...)`` and as ``from realpolitik.data import <function name>``.
"""

from __future__ import annotations

import functools
import types
import warnings
from collections.abc import Callable
from dataclasses import dataclass, replace
from importlib import import_module
from typing import Any, Literal

import polars as pl

from realpolitik.data.sources import DataDir
from realpolitik.discovery import describe_entry_point, plugin_distribution, plugin_entry_points, scan_package
from realpolitik.errors import RealpolitikError

Unit = Literal["state_year", "dyad_year", "state_day"]
CODE = {"cow": "ccode", "gw": "gwcode"}
BUILDER: dict[str, str] = {"state_year": "state_years", "dyad_year": "dyad_years", "state_day": "state_days"}
# for a frame of the key's unit, the other units from nearest to farthest (which builder a wrong-unit hint names)
NEAREST: dict[str, tuple[str, ...]] = {"state_day": ("state_year", "dyad_year", "state_day"),
                                       "state_year": ("state_day", "dyad_year", "state_year"),
                                       "dyad_year": ("state_year", "state_day", "dyad_year")}


@dataclass(frozen=True)
class PeaceFrame:
    """A lazy frame plus what it holds: `unit`, state `system` ("cow" or "gw"), whether dyads are `directed`,
    the `years` it spans, the data directory it reads from, the datasets its columns came from (`cited`) and the
    columns each add-on applied so far added (`added`, by add-on name)."""

    lazy: pl.LazyFrame
    unit: Unit
    system: str
    data: DataDir
    years: tuple[int, int]
    directed: bool = True
    cited: tuple[str, ...] = ()
    added: tuple[tuple[str, tuple[str, ...]], ...] = ()

    # -- keys ----------------------------------------------------------------------------------------------------
    @property
    def code(self) -> str:
        """Return the state-code column stem: ``ccode`` (COW) or ``gwcode`` (G-W)."""
        return CODE[self.system]

    @property
    def keys(self) -> list[str]:
        """Return the columns that identify a row: e.g. ``[ccode1, ccode2, year]`` for COW dyad-years."""
        if self.unit == "dyad_year":
            return [f"{self.code}1", f"{self.code}2", "year"]
        if self.unit == "state_day":
            return [self.code, "date"]
        return [self.code, "year"]

    @property
    def columns(self) -> list[str]:
        """Return the column names (no data is computed)."""
        return self.lazy.collect_schema().names()

    # -- chaining ------------------------------------------------------------------------------------------------
    def with_lazy(self, lazy: pl.LazyFrame, *datasets: str) -> PeaceFrame:
        """Return a copy holding `lazy`, citing `datasets` in addition to those already cited."""
        cited = self.cited + tuple(d for d in datasets if d not in self.cited)
        return replace(self, lazy=lazy, cited=cited)

    def pipe(self, step: Callable[..., PeaceFrame], *args: Any, **kwargs: Any) -> PeaceFrame:
        """Return `step(self, *args, **kwargs)`."""
        return step(self, *args, **kwargs)

    def add(self, *names: str) -> PeaceFrame:
        """Return the frame with the add-ons `names` (as in the CLI's ``--add``) applied in order."""
        frame = self
        for name in names:
            frame = get_addon(name).fn(frame)
        return frame

    def collect(self) -> pl.DataFrame:
        """Compute and return the frame as a Polars `DataFrame`."""
        return self.lazy.collect()

    def materialise(self) -> PeaceFrame:
        """Return a copy whose lazy plan is the computed result (cuts long plans; used before executor add-ons).
        Rows in key order are marked so, so that Polars skips sorting them again (e.g. for peace-years)."""
        from realpolitik.data.streaming import in_key_order

        df = self.collect()
        return replace(self, lazy=df.lazy().set_sorted(self.keys) if in_key_order(df, self.keys) else df.lazy())

    def check_unit(self, step: str, *units: Unit) -> None:
        """Raise `RealpolitikError` unless this frame's unit is one of `units`."""
        if self.unit not in units:
            wanted = " or ".join(u.replace("_", "-") + "s" for u in units)
            # the builders of the accepted units, the one nearest this frame's unit first
            order = [u for u in NEAREST[self.unit] if u in units]
            python = " or ".join(f"realpolitik.data.{BUILDER[u]}(...)" for u in order)
            cli = " or ".join(f"`realpolitik data build {u.replace('_', '-')}s`" for u in order)
            raise RealpolitikError(
                f"{step} works on {wanted}; this frame holds {self.unit.replace('_', '-')}s. Fix: build the frame "
                f"with {python} (on the command line: {cli})"
            )

    def check_cow_directed(self, step: str, why: str) -> None:
        """Raise `RealpolitikError` unless this is a directed COW-system frame (`why`: why direction matters)."""
        if self.system != "cow":
            raise RealpolitikError(f"{step} needs a COW-system frame (ATOP and NMC use COW codes). "
                                   "Fix: build the dyad-years with system 'cow'")
        if not self.directed:
            raise RealpolitikError(f"{step} needs directed dyad-years ({why}). "
                                   "Fix: build the dyad-years with directed=True (drop --non-directed)")

    # -- add-ons as methods: `frame.add_nmc(...)` is the add-on function of that name applied to the frame -------
    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):  # never resolve dunder or private look-ups (copy, pickle) through the registry
            raise AttributeError(name)
        found = addon_for_function(name)
        if found is None:
            raise AttributeError(f"'PeaceFrame' object has no attribute {name!r}")
        return types.MethodType(found.fn, self)

    def __dir__(self) -> list[str]:
        return sorted({*super().__dir__(), *addon_functions()})

    # -- filters as methods (each delegates to the function of the same name) ---------------------------------------
    def filter_prd(self) -> PeaceFrame:
        """See `realpolitik.data.filters.filter_prd`."""
        from realpolitik.data.filters import filter_prd

        return filter_prd(self)

    def filter_contiguous(self, **kw: Any) -> PeaceFrame:
        """See `realpolitik.data.filters.filter_contiguous`."""
        from realpolitik.data.filters import filter_contiguous

        return filter_contiguous(self, **kw)

    def filter_major_powers(self, **kw: Any) -> PeaceFrame:
        """See `realpolitik.data.filters.filter_major_powers`."""
        from realpolitik.data.filters import filter_major_powers

        return filter_major_powers(self, **kw)


@dataclass(frozen=True)
class AddOn:
    """A registered add-on: its CLI name, the function, the units it accepts, a one-line summary, and `years_of`:
    the catalogue datasets outside whose years its values are null (``None``: every dataset it cites; ``()``: no
    bound, e.g. major-power status carried forward with ``mry``)."""

    name: str
    fn: Callable[..., PeaceFrame]
    units: tuple[Unit, ...]
    summary: str
    years_of: tuple[str, ...] | None = None

    @property
    def function(self) -> str:
        """Return the function's name: the `PeaceFrame` method and the `realpolitik.data` export."""
        return self.fn.__name__


ADDONS: dict[str, AddOn] = {}
ENTRY_POINT_GROUP = "realpolitik.addons"
PACKAGE = "realpolitik.data"


def addon(name: str, units: tuple[Unit, ...], summary: str,
          years_of: tuple[str, ...] | None = None) -> Callable[[Callable[..., PeaceFrame]], Callable]:
    """Register the decorated step under `name` (for ``--add``) and make it refuse frames of other units.

    Applying an add-on again replaces the columns it added the first time (same names, no duplicates).
    """

    def register(fn: Callable[..., PeaceFrame]) -> Callable[..., PeaceFrame]:
        @functools.wraps(fn)
        def step(frame: PeaceFrame, *args: Any, **kwargs: Any) -> PeaceFrame:
            if not isinstance(frame, PeaceFrame):
                raise RealpolitikError(
                    f"add-on '{name}' needs a PeaceFrame, got {type(frame).__name__}. Fix: start from "
                    "realpolitik.data.state_years(...) or dyad_years(...)"
                )
            frame.check_unit(f"add-on '{name}'", *units)
            previous = dict(frame.added)
            if name in previous:  # applied before: drop what it added, then add it afresh
                dropped = list(previous.pop(name))
                frame = replace(frame, lazy=frame.lazy.drop(dropped), added=tuple(previous.items()))
            before = set(frame.columns)
            out = fn(frame, *args, **kwargs)
            new = tuple(c for c in out.columns if c not in before)
            return replace(out, added=(*frame.added, (name, new)))

        other = ADDONS.get(name)
        if other is not None and (other.fn.__module__, other.fn.__qualname__) != (fn.__module__, fn.__qualname__):
            raise RealpolitikError(f"add-on name '{name}' is registered twice ({other.fn.__module__}."
                                   f"{other.fn.__qualname__} and {fn.__module__}.{fn.__qualname__}). "
                                   "Fix: give one of them another name")
        ADDONS[name] = AddOn(name, step, units, summary, years_of)
        return step

    return register


def get_addon(name: str) -> AddOn:
    """Return the add-on registered as `name`; raise `RealpolitikError` listing the known ones otherwise."""
    _load_addons()
    if name not in ADDONS:
        if name in _FAILED:
            raise RealpolitikError(_FAILED[name])
        raise RealpolitikError(
            f"unknown add-on '{name}'. Fix: use one of {', '.join(sorted(ADDONS))}"
        )
    return ADDONS[name]


def addons() -> dict[str, AddOn]:
    """Return every registered add-on by name (built-in modules and plugins), importing their modules."""
    _load_addons()
    return dict(ADDONS)


_FAILED: dict[str, str] = {}


@functools.cache
def _function_index() -> dict[str, tuple[str, str]]:
    """Map each built-in add-on function name to (module, add-on name), read from the source (nothing imported)."""
    return {d.qualname: (d.module, d.values.get("arg0", d.values.get("name", d.qualname)))
            for d in scan_package(PACKAGE, "addon")}


def addon_functions() -> list[str]:
    """Return the function names of the built-in add-ons (``add_nmc`` ...) without importing their modules, plus
    those of plugins already loaded."""
    return sorted({*_function_index(), *(a.function for a in ADDONS.values())})


def addon_for_function(function: str) -> AddOn | None:
    """Return the add-on whose function is named `function` (``add_nmc``), or ``None``."""
    if function in _function_index():
        module, name = _function_index()[function]
        import_module(module)
        return ADDONS.get(name)
    _load_addons()
    return next((a for a in ADDONS.values() if a.function == function), None)


@functools.cache
def _load_addons() -> None:
    """Import every module that defines an add-on: the `realpolitik.data` modules holding ``@addon``, then the
    modules named in the ``realpolitik.addons`` entry-point group (a failing plugin is left out with a warning)."""
    for module in dict.fromkeys(m for m, _ in _function_index().values()):
        import_module(module)
    for ep in plugin_entry_points(ENTRY_POINT_GROUP):
        try:
            ep.load()
        except Exception as exc:  # noqa: BLE001  (third-party code: reported, never raised here)
            _FAILED[ep.name] = (f"add-on plugin {describe_entry_point(ep)} failed to load: {type(exc).__name__}: "
                                f"{exc}. Fix: repair, upgrade or uninstall the distribution "
                                f"{plugin_distribution(ep)!r}")
            warnings.warn(_FAILED[ep.name], RuntimeWarning, stacklevel=2)
