"""Capabilities: COW National Material Capabilities (with CINC) and COW major-power status."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from realpolitik.data.frame import PeaceFrame, addon
from realpolitik.data.joins import join_monadic

NMC_COLUMNS = ("milex", "milper", "irst", "pec", "tpop", "upop", "cinc")


@addon("nmc", ("state_year", "dyad_year"), "COW NMC components and CINC (v7.0 1816-2022; v6.0 1816-2016)")
def add_nmc(frame: PeaceFrame, keep: Sequence[str] | None = None) -> PeaceFrame:
    """Return the frame with NMC columns: milex (thousands; GBP to 1913, current USD from 1914), milper (thousand
    personnel), irst (thousand tons), pec (thousand coal-ton equivalents), tpop, upop (thousand people) and cinc
    (share of the system total, 0-1). Dyad-years get each twice, suffixed 1 and 2. `keep` selects a subset.

    Null outside the years of the NMC file read (v7.0: 1816-2022; ``NMC-60-abridged``, v6.0: 1816-2016) and where
    NMC has no row for the state-year.
    """
    cols: list[str] = list(keep) if keep is not None else list(NMC_COLUMNS)
    entry = frame.data.entry("cow_nmc")
    return join_monadic(frame, frame.data.scan("cow_nmc"), "cow", cols, entry.years, None, "cow_nmc")


def major_years(frame: PeaceFrame, mry: bool = True) -> tuple[pl.LazyFrame, tuple[int, int]]:
    """Return (ccode, year, cowmaj=1) rows for every year a state was a COW major power, and the years covered.

    With `mry`, spells running to the end of the data (2016) are carried to the frame's last year.
    """
    entry = frame.data.entry("cow_majors")
    assert entry.years is not None, "the catalogue gives cow_majors's years"
    first, last = entry.years
    majors = frame.data.scan("cow_majors")
    end = pl.col("endyear")
    if mry and frame.years[1] > last:
        end = pl.when(end >= last).then(frame.years[1]).otherwise(end)
        last = frame.years[1]
    rows = (
        majors.select(pl.col("ccode").cast(pl.Int32),
                      pl.int_ranges("styear", end + 1, dtype=pl.Int32).alias("year"))
        .explode("year").unique(["ccode", "year"]).with_columns(pl.lit(1, pl.Int8).alias("cowmaj"))
    )
    return rows, (first, last)


@addon("majors", ("state_year", "dyad_year"), "COW major-power status (1816-2016; carried forward with mry)",
       years_of=())  # mry carries the 2016 majors forward by design
def add_cow_majors(frame: PeaceFrame, mry: bool = True) -> PeaceFrame:
    """Return the frame with ``cowmaj`` (state-years) or ``cowmaj1``/``cowmaj2`` (dyad-years): 1 if a COW major
    power in any part of the year, 0 if not, null outside the data's years (1816-2016, or to the frame's last year
    with `mry`, which assumes the 2016 majors stayed majors)."""
    rows, years = major_years(frame, mry)
    return join_monadic(frame, rows, "cow", ["cowmaj"], years, {"cowmaj": 0}, "cow_majors")
