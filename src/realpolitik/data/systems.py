"""State systems (Correlates of War, Gleditsch-Ward): membership spells, the years they allow, code crosswalks.

`mry` ("most recent year"): the published system tables stop at a fixed date (COW 2016-12-31, G-W 2020-12-31);
with ``mry=True`` a state still in the system on that date is carried forward to the end of the last requested
year, as the peacesciencer R package does. `LAST_YEAR` (2024) is the default end: the last year of the reference
frames that package ships, so default counts are reproducible whatever today's date is.
"""

from __future__ import annotations

import datetime as dt
from typing import cast

import polars as pl

from realpolitik.data.frame import CODE, PeaceFrame
from realpolitik.data.sources import DataDir
from realpolitik.errors import RealpolitikError

FIRST_YEAR = 1816
LAST_YEAR = 2024
SYSTEM_TABLE = {"cow": "cw_system", "gw": "gw_system"}
PANEL = {("gw", "cow"): "gw_cw_panel", ("cow", "gw"): "cw_gw_panel"}


def check_system(system: str) -> str:
    """Return `system` lower-cased if it is "cow" or "gw"; raise `RealpolitikError` otherwise."""
    key = str(system).lower()
    if key not in SYSTEM_TABLE:
        raise RealpolitikError(f"unknown state system '{system}'. Fix: use 'cow' (Correlates of War) or 'gw' "
                               "(Gleditsch-Ward)")
    return key


def check_years(years: tuple[int, int] | None, what: str = "the state systems") -> tuple[int, int]:
    """Return `years` as (first, last), defaulting to (1816, `LAST_YEAR`); raise when they run backwards or leave
    1816..the last completed calendar year, naming the part that lies before or beyond."""
    if years is None:
        return FIRST_YEAR, LAST_YEAR
    first, last = int(years[0]), int(years[1])
    newest = dt.date.today().year - 1
    if first > last:
        raise RealpolitikError(f"years {first}-{last} run backwards. Fix: give FIRST-LAST with FIRST <= LAST")
    if first < FIRST_YEAR or last > newest:
        beyond = []
        if first < FIRST_YEAR:
            early = _span(first, min(last, FIRST_YEAR - 1))
            beyond.append(f"{early} {'precede' if '-' in early else 'precedes'} the first year {FIRST_YEAR}")
        if last > newest:
            late = _span(max(first, newest + 1), last)
            beyond.append(f"{late} {'extend' if '-' in late else 'extends'} beyond the last year {newest} (the last "
                          "completed year)")
        lo, hi = max(first, FIRST_YEAR), min(last, newest)
        within = f", e.g. {_span(lo, hi)}" if lo <= hi else ""
        raise RealpolitikError(
            f"years {first}-{last} are {'only partly covered' if within else 'not covered'}: {'; '.join(beyond)}; "
            f"{what} cover {FIRST_YEAR}-{newest}. "
            f"Fix: choose years within {FIRST_YEAR}-{newest}{within}"
        )
    return first, last


def _span(first: int, last: int) -> str:
    """Return ``first-last``, or the single year when they are equal."""
    return str(first) if first == last else f"{first}-{last}"


def state_spells(data: DataDir, system: str, last_year: int, mry: bool = True) -> pl.DataFrame:
    """Return one row per membership spell: code, start, end (dates), plus `microstate` for G-W.

    With `mry`, spells that end on the table's final date are extended to 31 December of `last_year`.
    """
    code = CODE[system]
    table = data.scan(SYSTEM_TABLE[system])
    extra = ["microstate"] if system == "gw" else []
    spells = table.select(pl.col(code).cast(pl.Int32), "start", "end", *extra).collect()
    if mry:
        final = cast(dt.date, spells["end"].max())
        horizon = dt.date(max(last_year, final.year), 12, 31)
        spells = spells.with_columns(
            pl.when(pl.col("end") == final).then(pl.lit(horizon)).otherwise(pl.col("end")).alias("end")
        )
    return spells


def spell_years(spells: pl.DataFrame, first: int, last: int) -> pl.DataFrame:
    """Return one row per spell and calendar year within first..last, with the spell's first and last day in
    that year as day numbers (`d0`, `d1`, days since 1970-01-01)."""
    return (
        spells.with_columns(
            pl.int_ranges(pl.col("start").dt.year(), pl.col("end").dt.year() + 1, dtype=pl.Int32).alias("year"))
        .explode("year")
        .filter(pl.col("year").is_between(first, last))
        .with_columns(
            pl.max_horizontal(pl.col("start"), pl.date(pl.col("year"), 1, 1)).cast(pl.Int32).alias("d0"),
            pl.min_horizontal(pl.col("end"), pl.date(pl.col("year"), 12, 31)).cast(pl.Int32).alias("d1"),
        )
        .drop("start", "end")
    )


def keyed(frame: PeaceFrame, system: str) -> tuple[pl.LazyFrame, list[str]]:
    """Return the frame's lazy plan with key columns holding `system` codes, and the names of those columns.

    When the frame is already in `system` the keys are its own code columns. Otherwise the year-matched isard
    crosswalk panel adds hidden ``_x`` columns (drop them with `unkey`); where the panel maps one code-year to
    several codes (German and Yemeni unification, Serbia), the lowest code is used.
    """
    own = [c for c in frame.keys if c not in ("year", "date")]
    if system == frame.system:
        return frame.lazy, own
    panel_name = PANEL[(frame.system, system)]
    src, dst = CODE[frame.system], CODE[system]
    panel = (
        frame.data.scan(panel_name).select(pl.col(src).cast(pl.Int32), pl.col(dst).cast(pl.Int32),
                                           pl.col("year").cast(pl.Int32))
        .drop_nulls().group_by(src, "year").agg(pl.col(dst).min())
    )
    lazy, names = frame.lazy, []
    for col in own:
        name = f"_x{col}"
        lazy = lazy.join(panel.rename({src: col, dst: name}), on=[col, "year"], how="left", maintain_order="left")
        names.append(name)
    return lazy, names


def unkey(lazy: pl.LazyFrame) -> pl.LazyFrame:
    """Drop the hidden crosswalk columns `keyed` added."""
    return lazy.select(pl.exclude("^_x.*$"))
