"""State-year and state-day frames for the COW and Gleditsch-Ward state systems."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from realpolitik.data.frame import CODE, PeaceFrame
from realpolitik.data.sources import DataDir, data_dir
from realpolitik.data.systems import SYSTEM_TABLE, check_system, check_years, spell_years, state_spells


def state_years(system: str = "cow", years: tuple[int, int] | None = None, *, mry: bool = True,
                data: str | Path | DataDir | None = None) -> PeaceFrame:
    """Return a state-year frame: one row per state (``ccode`` or ``gwcode``) and calendar year it was a member.

    A state counts in a year when it was a member on at least one day of it. `years` defaults to 1816-2024;
    with `mry` states alive at the system table's end are carried to the last year (see `systems`). G-W frames
    also carry the ``microstate`` flag. E.g. COW 1816-2024 gives 17,511 rows.
    """
    system = check_system(system)
    first, last = check_years(years)
    root = data_dir(data)
    code = CODE[system]
    extra = ["microstate"] if system == "gw" else []
    rows = (
        spell_years(state_spells(root, system, last, mry), first, last)
        .group_by(code, "year").agg(*[pl.col(c).first() for c in extra])
        .sort(code, "year")
    )
    return PeaceFrame(rows.lazy(), "state_year", system, root, (first, last), cited=(SYSTEM_TABLE[system],))


def state_days(system: str = "cow", years: tuple[int, int] | None = None, *, mry: bool = True,
               data: str | Path | DataDir | None = None) -> PeaceFrame:
    """Return a state-day frame: one row per state and date (``date``) on which it was a system member.

    Lazy: about 6.4 million rows for COW 1816-2024 when collected.
    """
    system = check_system(system)
    first, last = check_years(years)
    root = data_dir(data)
    code = CODE[system]
    spells = state_spells(root, system, last, mry).lazy().with_columns(
        pl.max_horizontal(pl.col("start"), pl.date(first, 1, 1)).alias("start"),
        pl.min_horizontal(pl.col("end"), pl.date(last, 12, 31)).alias("end"),
    ).filter(pl.col("start") <= pl.col("end"))
    days = (
        spells.select(code, pl.date_ranges("start", "end", "1d").alias("date"))
        .explode("date").unique([code, "date"], keep="first").sort(code, "date")
        .with_columns(pl.col("date").dt.year().cast(pl.Int32).alias("year"))
    )
    return PeaceFrame(days, "state_day", system, root, (first, last), cited=(SYSTEM_TABLE[system],))
