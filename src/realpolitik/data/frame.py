"""`PeaceFrame`: a lazy Polars frame of a declared unit (state-year, dyad-year, state-day) and state system.

Each step of an analysis is a function that takes a `PeaceFrame` and returns a new one with more columns (an
add-on) or fewer rows (a filter); a step refuses a frame of the wrong unit. Steps chain as methods or through
`pipe`, and nothing is computed until `collect()`::

    from realpolitik.data import dyad_years, add_nmc
    df = dyad_years("cow", years=(1816, 2010)).pipe(add_nmc).add_contiguity().filter_prd().collect()

New add-ons (for example expected-utility measures) register with `@addon(...)` and then work in the CLI's
``--add`` list and through `PeaceFrame.add(name)` without any other change.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, Literal

import polars as pl

from realpolitik.data.sources import DataDir
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
    the `years` it spans, the data directory it reads from, and the datasets its columns came from (`cited`)."""

    lazy: pl.LazyFrame
    unit: Unit
    system: str
    data: DataDir
    years: tuple[int, int]
    directed: bool = True
    cited: tuple[str, ...] = ()

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

    # -- add-ons and filters as methods (each delegates to the function of the same name) ------------------------
    def add_nmc(self, **kw: Any) -> PeaceFrame:
        """See `realpolitik.data.capabilities.add_nmc`."""
        return get_addon("nmc").fn(self, **kw)

    def add_cow_majors(self, **kw: Any) -> PeaceFrame:
        """See `realpolitik.data.capabilities.add_cow_majors`."""
        return get_addon("majors").fn(self, **kw)

    def add_contiguity(self, **kw: Any) -> PeaceFrame:
        """See `realpolitik.data.geography.add_contiguity`."""
        return get_addon("contiguity").fn(self, **kw)

    def add_capital_distance(self, **kw: Any) -> PeaceFrame:
        """See `realpolitik.data.geography.add_capital_distance`."""
        return get_addon("capdist").fn(self, **kw)

    def add_minimum_distance(self, **kw: Any) -> PeaceFrame:
        """See `realpolitik.data.geography.add_minimum_distance`."""
        return get_addon("mindist").fn(self, **kw)

    def add_atop_alliance(self, **kw: Any) -> PeaceFrame:
        """See `realpolitik.data.alliances.add_atop_alliance`."""
        return get_addon("atop").fn(self, **kw)

    def add_cow_mids(self, **kw: Any) -> PeaceFrame:
        """See `realpolitik.data.disputes.add_cow_mids`."""
        return get_addon("mids").fn(self, **kw)

    def add_gml_mids(self, **kw: Any) -> PeaceFrame:
        """See `realpolitik.data.disputes.add_gml_mids`."""
        return get_addon("gml").fn(self, **kw)

    def add_cow_wars(self, **kw: Any) -> PeaceFrame:
        """See `realpolitik.data.wars.add_cow_wars`."""
        return get_addon("wars").fn(self, **kw)

    def add_ucdp_acd(self, **kw: Any) -> PeaceFrame:
        """See `realpolitik.data.wars.add_ucdp_acd`."""
        return get_addon("ucdp").fn(self, **kw)

    def add_ucdp_onsets(self, **kw: Any) -> PeaceFrame:
        """See `realpolitik.data.wars.add_ucdp_onsets`."""
        return get_addon("ucdp_onsets").fn(self, **kw)

    def add_strategic_rivalries(self, **kw: Any) -> PeaceFrame:
        """See `realpolitik.data.rivalries.add_strategic_rivalries`."""
        return get_addon("rivalries").fn(self, **kw)

    def add_democracy(self, **kw: Any) -> PeaceFrame:
        """See `realpolitik.data.economy.add_democracy`."""
        return get_addon("democracy").fn(self, **kw)

    def add_gdp_pop(self, **kw: Any) -> PeaceFrame:
        """See `realpolitik.data.economy.add_gdp_pop`."""
        return get_addon("gdppop").fn(self, **kw)

    def add_igos(self, **kw: Any) -> PeaceFrame:
        """See `realpolitik.data.igos.add_igos`."""
        return get_addon("igos").fn(self, **kw)

    def add_peace_years(self, **kw: Any) -> PeaceFrame:
        """See `realpolitik.data.spells.add_peace_years`."""
        return get_addon("peace_years").fn(self, **kw)

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
    """A registered add-on: its CLI name, the function, the units it accepts and a one-line summary."""

    name: str
    fn: Callable[..., PeaceFrame]
    units: tuple[Unit, ...]
    summary: str


ADDONS: dict[str, AddOn] = {}


def addon(name: str, units: tuple[Unit, ...], summary: str) -> Callable[[Callable[..., PeaceFrame]], Callable]:
    """Register the decorated step under `name` (for ``--add``) and make it refuse frames of other units."""

    def register(fn: Callable[..., PeaceFrame]) -> Callable[..., PeaceFrame]:
        @functools.wraps(fn)
        def step(frame: PeaceFrame, *args: Any, **kwargs: Any) -> PeaceFrame:
            if not isinstance(frame, PeaceFrame):
                raise RealpolitikError(
                    f"add-on '{name}' needs a PeaceFrame, got {type(frame).__name__}. Fix: start from "
                    "realpolitik.data.state_years(...) or dyad_years(...)"
                )
            frame.check_unit(f"add-on '{name}'", *units)
            return fn(frame, *args, **kwargs)

        ADDONS[name] = AddOn(name, step, units, summary)
        return step

    return register


def get_addon(name: str) -> AddOn:
    """Return the add-on registered as `name`; raise `RealpolitikError` listing the known ones otherwise."""
    _load_addons()
    if name not in ADDONS:
        raise RealpolitikError(
            f"unknown add-on '{name}'. Fix: use one of {', '.join(sorted(ADDONS))}"
        )
    return ADDONS[name]


def _load_addons() -> None:
    """Import the add-on modules so their `@addon` registrations run."""
    from realpolitik.data import (  # noqa: F401
        alliances,
        capabilities,
        disputes,
        economy,
        expected_utility,
        geography,
        igos,
        rivalries,
        spells,
        war_and_reason,
        wars,
    )
