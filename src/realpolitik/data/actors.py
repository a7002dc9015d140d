"""Scenario actors from peace-science data: capabilities of named states in a year, each value citing its source."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

import polars as pl

from realpolitik.data.catalog import COW
from realpolitik.data.sources import DataDir, data_dir
from realpolitik.errors import RealpolitikError
from realpolitik.scenario.model import Actor, CapabilityComponent, Source

NMC_UNITS = {
    "milper": "thousand military personnel",
    "irst": "thousand tons of iron and steel",
    "pec": "thousand coal-ton equivalents of energy",
    "tpop": "thousand people",
    "upop": "thousand people in cities of 100,000+",
    "cinc": "share of the state-system total (0-1)",
}


class ScenarioData(NamedTuple):
    """Actors ready to drop into a `Scenario`, and the `Source` entries their values cite."""

    actors: tuple[Actor, ...]
    sources: tuple[Source, ...]


def _milex_unit(year: int) -> str:
    return "thousand GBP (current)" if year <= 1913 else "thousand US$ (current)"


def _resolve(states: pl.DataFrame, wanted: int | str) -> int:
    """Return the COW code for `wanted`: a code, an abbreviation ("USA") or a name, case-insensitive."""
    if isinstance(wanted, int) or str(wanted).isdigit():
        code = int(wanted)
        if code in states["ccode"].to_list():
            return code
    else:
        key = str(wanted).strip().lower()
        names = pl.col("cw_abb").str.to_lowercase() == key, pl.col("cw_name").str.to_lowercase() == key
        hit = states.filter(names[0] | names[1])
        if hit.height:
            return int(hit["ccode"][0])
    raise RealpolitikError(
        f"unknown state '{wanted}': not a COW state code, abbreviation or name. Fix: use e.g. 2, 'USA' or "
        "'United States of America' (see the cw_system table)"
    )


def scenario_from_data(year: int, actors: Sequence[int | str], *, measure: str = "cinc",
                       data: str | Path | DataDir | None = None) -> ScenarioData:
    """Return scenario actors for the named states in `year`, with capabilities from COW NMC.

    Each actor's ``capability`` is its NMC `measure` (default ``cinc``, the share of the system's material
    capabilities, 0-1) and its ``components`` hold every NMC indicator with unit and year; every value cites the
    NMC source returned alongside, whose id and citation carry the version of the NMC file actually read (v7.0 for
    ``cow_nmc``/``NMC-70-abridged``, v6.0 for ``NMC-60-abridged``). Actor ids are lower-case COW abbreviations
    (``usa``). Raises when the year is outside that file's years (v7.0: 1816-2022), a state is unknown, or NMC
    has no value for a state that year.
    """
    if measure not in (*NMC_UNITS, "milex"):
        raise RealpolitikError(f"unknown capability measure '{measure}'. Fix: use one of cinc, milex, "
                               f"{', '.join(c for c in NMC_UNITS if c != 'cinc')}")
    root = data_dir(data)
    entry = root.entry("cow_nmc")
    assert entry.years is not None, "the catalogue gives cow_nmc's years"
    first, last = entry.years
    if not first <= int(year) <= last:
        raise RealpolitikError(f"year {year} is outside COW NMC v{entry.version} ({first}-{last}). Fix: choose a "
                               f"year within {first}-{last}")
    states = root.scan("cw_system").select(pl.col("ccode").cast(pl.Int32), "cw_abb", "cw_name").unique("ccode")
    states = states.collect()
    codes = [_resolve(states, a) for a in actors]
    nmc = root.scan("cow_nmc").filter(pl.col("year") == int(year)).collect()
    source = Source(id=entry.source_id, citation=f"{entry.citation} Correlates of War National Material "
                    f"Capabilities, v{entry.version}.", url=COW + "national-material-capabilities/")
    built = [_actor(nmc, states, code, int(year), measure, source.id) for code in codes]
    return ScenarioData(tuple(built), (source,))


def _actor(nmc: pl.DataFrame, states: pl.DataFrame, code: int, year: int, measure: str, source: str) -> Actor:
    state = states.filter(pl.col("ccode") == code).row(0, named=True)
    rows = nmc.filter(pl.col("ccode") == code)
    if rows.height == 0 or rows[measure][0] is None:
        raise RealpolitikError(
            f"COW NMC has no {measure} for {state['cw_name']} (ccode {code}) in {year}: the state was not a system "
            "member that year or the value is missing. Fix: choose another year or another measure"
        )
    row = rows.row(0, named=True)
    units = {**NMC_UNITS, "milex": _milex_unit(year)}
    components = tuple(
        CapabilityComponent(name=col, value=float(row[col]), unit=unit, year=year, source=source)
        for col, unit in units.items() if row[col] is not None
    )
    return Actor(id=state["cw_abb"].lower(), name=state["cw_name"], capability=float(row[measure]),
                 capability_measure=f"COW NMC {measure} ({units[measure]}), {year}", components=components,
                 sources=(source,))
