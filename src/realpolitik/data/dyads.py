"""Dyad-year frames (directed and non-directed) for the COW and Gleditsch-Ward state systems."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from realpolitik.data.frame import CODE, PeaceFrame
from realpolitik.data.sources import DataDir, data_dir
from realpolitik.data.streaming import MORSEL_ROWS
from realpolitik.data.systems import SYSTEM_TABLE, check_system, check_years, state_spells


def dyad_years(system: str = "cow", years: tuple[int, int] | None = None, *, directed: bool = True,
               mry: bool = True, data: str | Path | DataDir | None = None) -> PeaceFrame:
    """Return a dyad-year frame: every pair of states (``ccode1``, ``ccode2`` or ``gwcode1``, ``gwcode2``) and year
    in which both were system members on at least one common day.

    Two states that were both members in some year but never on the same day (Suriname entered after the
    Republic of Vietnam left, in 1975) do not form a dyad that year; this is computed from the membership dates,
    not read from a list. Directed frames hold both orders; non-directed ones only ``code1 < code2``. G-W frames
    carry ``microstate1``/``microstate2``. E.g. COW directed 1816-2024 has 2,214,930 rows.
    """
    system = check_system(system)
    first, last = check_years(years)
    root = data_dir(data)
    code = CODE[system]
    extra = ["microstate"] if system == "gw" else []
    overlaps = spell_overlaps(state_spells(root, system, last, mry), code, extra, first, last, directed)
    years_of = pl.int_ranges("y0", pl.col("y1") + 1, dtype=pl.Int32).alias("year")
    # one source per block of about `MORSEL_ROWS` dyad-years: the streaming engine explodes a source's rows as one
    # morsel, so blocks keep its memory to a block's rows rather than the whole panel's
    blocks = overlaps.with_columns(((pl.col("y1") - pl.col("y0") + 1).cum_sum() // MORSEL_ROWS).alias("_block"))
    parts = [part.lazy().select(f"{code}1", f"{code}2", years_of, *[f"{c}{s}" for s in "12" for c in extra])
             .explode("year") for part in blocks.partition_by("_block", maintain_order=True, include_key=False)]
    empty = pl.LazyFrame(schema={f"{code}1": pl.Int32, f"{code}2": pl.Int32, "year": pl.Int32,
                                 **{f"{c}{s}": overlaps.schema[f"{c}1"] for s in "12" for c in extra}})
    dyads = pl.concat(parts or [empty]).set_sorted([f"{code}1", f"{code}2", "year"])  # pairs, then years, in order
    return PeaceFrame(dyads, "dyad_year", system, root, (first, last), directed=directed,
                      cited=(SYSTEM_TABLE[system],))


def spell_overlaps(spells: pl.DataFrame, code: str, extra: list[str], first: int, last: int,
                   directed: bool) -> pl.DataFrame:
    """Return, for every pair of membership spells of two states that share at least one day, the pair's codes
    (``code1``, ``code2``), `extra` columns suffixed 1 and 2, and the calendar years ``y0``..``y1`` within
    first..last that hold a shared day; sorted by pair then years, each dyad-year in exactly one row.

    Two states' spells overlap on [later start, earlier end]; every calendar year that interval touches has a
    shared day. A state's spells are disjoint, so a pair's overlaps are too and come in year order; only a year
    in which one overlap ends and the next begins (a state leaving and returning within the year) would be
    counted twice, and it is kept in the first.
    """
    def side(s: str) -> pl.DataFrame:
        return spells.select(pl.col(code).alias(f"{code}{s}"), pl.col("start").alias(f"s{s}"),
                             pl.col("end").alias(f"e{s}"), *[pl.col(c).alias(f"{c}{s}") for c in extra])

    pair = pl.col(f"{code}1") < pl.col(f"{code}2") if not directed else pl.col(f"{code}1") != pl.col(f"{code}2")
    start, end = pl.max_horizontal("s1", "s2"), pl.min_horizontal("e1", "e2")
    keys = [f"{code}1", f"{code}2"]
    return (
        side("1").join(side("2"), how="cross")
        .filter(pair & (start <= end))
        .select(*keys, *[f"{c}{s}" for s in "12" for c in extra],
                pl.max_horizontal(start.dt.year(), pl.lit(first)).cast(pl.Int32).alias("y0"),
                pl.min_horizontal(end.dt.year(), pl.lit(last)).cast(pl.Int32).alias("y1"))
        .sort(*keys, "y0", "y1")
        .with_columns(pl.max_horizontal("y0", pl.col("y1").shift(1).over(keys) + 1).alias("y0"))
        .filter(pl.col("y0") <= pl.col("y1"))
    )
