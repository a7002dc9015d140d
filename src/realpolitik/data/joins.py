"""How a source table is joined onto a frame: by state (monadic) or by dyad, with coverage-aware filling.

"Missing means missing": within a dataset's years an absent row can mean "no event" (filled with 0 where the
add-on says so), but outside those years every added value is null.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

import numpy as np
import polars as pl

from realpolitik.data.frame import PeaceFrame
from realpolitik.data.systems import PANEL, keyed, unkey
from realpolitik.errors import RealpolitikError


def within(years: tuple[int, int] | None, column: str = "year") -> pl.Expr:
    """Return a boolean expression: `column` lies within `years` (always true when `years` is None)."""
    if years is None:
        return pl.lit(True)
    return pl.col(column).is_between(years[0], years[1])


def cover(cols: list[str], years: tuple[int, int] | None, fill: dict[str, object] | None = None) -> list[pl.Expr]:
    """Return expressions that fill nulls with `fill` inside `years` and null every column outside them."""
    fill = fill or {}
    inside = within(years)
    out = []
    for col in cols:
        value = pl.col(col).fill_null(fill[col]) if col in fill else pl.col(col)
        out.append(pl.when(inside).then(value).otherwise(None).alias(col))
    return out


def _panel(frame: PeaceFrame, system: str) -> tuple[str, ...]:
    """Return the crosswalk panel's name when joining `system` data onto a frame of the other system."""
    return (PANEL[(frame.system, system)],) if system != frame.system else ()


def check_new(frame: PeaceFrame, cols: list[str]) -> None:
    """Raise `RealpolitikError` when a column about to be added is already in the frame."""
    clash = sorted(set(cols) & set(frame.columns))
    if clash:
        raise RealpolitikError(
            f"the frame already has column(s) {', '.join(clash)}; an add-on was applied twice or two add-ons "
            "produce the same names. Fix: apply each add-on once, or drop/rename those columns first"
        )


def state_key(code: pl.Expr, year: pl.Expr) -> pl.Expr:
    """Return one Int64 join key for (state code, year): code * 10^4 + year (codes have at most three digits).

    A single integer key joins several times faster than the (code, year) pair on million-row frames.
    """
    return code.cast(pl.Int64) * 10_000 + year.cast(pl.Int64)


def dyad_key(a: pl.Expr, b: pl.Expr, year: pl.Expr) -> pl.Expr:
    """Return one Int64 join key for (code a, code b, year): a * 10^7 + b * 10^4 + year."""
    return a.cast(pl.Int64) * 10_000_000 + state_key(b, year)


def join_monadic(frame: PeaceFrame, table: pl.LazyFrame, system: str, cols: list[str],
                 years: tuple[int, int] | None, fill: dict[str, object] | None = None,
                 *datasets: str) -> PeaceFrame:
    """Join a state-year `table` (columns: `system` code, year, `cols`) onto a state-year or dyad-year frame.

    On dyad-years each column appears twice, suffixed 1 and 2 for the two states. Returns the new frame.
    """
    code = "ccode" if system == "cow" else "gwcode"
    # rows outside `years` are dropped from the table, so only the filled columns need `cover` on the frame
    table = table.filter(within(years)).select(state_key(pl.col(code), pl.col("year")).alias("_k"), *cols)
    filled = [c for c in cols if c in (fill or {})]
    check_new(frame, cols if frame.unit == "state_year" else [f"{c}{s}" for c in cols for s in "12"])
    lazy, keys = keyed(frame, system)
    if frame.unit == "state_year":
        lazy = lazy.with_columns(state_key(pl.col(keys[0]), pl.col("year")).alias("_k"))
        lazy = lazy.join(table, on="_k", how="left", maintain_order="left").drop("_k")
        lazy = lazy.with_columns(cover(filled, years, fill))
    else:
        dense = _dense_rows(table.collect())
        for side, key in zip(("1", "2"), keys, strict=True):
            if dense is not None:  # a gather per row instead of a hash join: same values, streams, ~3x cheaper
                rows, values = dense
                lazy = lazy.with_columns(_gather_row(rows, pl.col(key), pl.col("year")).alias("_r"))
                lazy = lazy.with_columns(pl.lit(values[c]).gather(pl.col("_r")).alias(f"{c}{side}")
                                         for c in cols).drop("_r")
            else:
                lazy = lazy.with_columns(state_key(pl.col(key), pl.col("year")).alias("_k"))
                renamed = table.rename({c: f"{c}{side}" for c in cols})
                lazy = lazy.join(renamed, on="_k", how="left", maintain_order="left").drop("_k")
            side_fill = {f"{c}{side}": v for c, v in (fill or {}).items()}
            lazy = lazy.with_columns(cover([f"{c}{side}" for c in filled], years, side_fill))
    return frame.with_lazy(unkey(lazy), *datasets, *_panel(frame, system))


def _dense_rows(table: pl.DataFrame) -> tuple[tuple[pl.Series, int, int], pl.DataFrame] | None:
    """Return ((row of `table` for every code * span + year - first year, null where absent; first year; span),
    `table`) when each state key (column ``_k``) occurs once and codes are 0-999, else ``None`` (hash join)."""
    if table.height == 0 or table["_k"].null_count() or table["_k"].is_duplicated().any():
        return None
    code, year = table["_k"] // 10_000, table["_k"] % 10_000
    low, high = cast(int, code.min()), cast(int, code.max())  # whole numbers: _k has no nulls (checked above)
    if low < 0 or high > 999:
        return None
    first, last = cast(int, year.min()), cast(int, year.max())
    first, span = int(first), int(last) - int(first) + 1
    slots = (code * span + year - first).cast(pl.Int64)
    rows = _nulls("_r", 1000 * span, pl.UInt32)
    rows = rows.scatter(slots, pl.arange(0, table.height, dtype=pl.UInt32, eager=True))
    return (rows, first, span), table


def _nulls(name: str, n: int, dtype: type[pl.DataType]) -> pl.Series:
    """Return `n` nulls of `dtype` (built by Polars: a Python list of them would cost 8 bytes each at its peak)."""
    return pl.repeat(None, n, dtype=dtype, eager=True).alias(name)


def _gather_row(index: tuple[pl.Series, int, int], code: pl.Expr, year: pl.Expr) -> pl.Expr:
    """Return the table row for each (code, year), null where the table has none."""
    rows, first, span = index
    offset = year.cast(pl.Int64) - first
    slot = code.cast(pl.Int64) * span + offset
    inside = offset.is_between(0, span - 1) & slot.is_between(0, rows.len() - 1)
    return pl.when(inside).then(pl.lit(rows).gather(slot.clip(0, rows.len() - 1))).otherwise(None)


def join_dyadic(frame: PeaceFrame, table: pl.LazyFrame, system: str, cols: list[str],
                years: tuple[int, int] | None, fill: dict[str, object] | None = None,
                *datasets: str, directed_source: bool = True) -> PeaceFrame:
    """Join a dyad-year `table` (columns: `system` code1, code2, year, `cols`) onto a dyad-year frame.

    A non-directed source (code1 < code2 only) is matched on the ordered pair, so both directions of a
    directed frame receive its value. Returns the new frame.
    """
    code = "ccode" if system == "cow" else "gwcode"
    # rows outside `years` are dropped from the table, so only the filled columns need `cover` on the frame
    rows = table.filter(within(years)).select(pl.col(f"{code}1").alias("_a"), pl.col(f"{code}2").alias("_b"),
                                              pl.col("year").alias("_y"), *cols).collect()
    check_new(frame, cols)
    lazy, (k1, k2) = keyed(frame, system)
    a, b = (pl.col(k1), pl.col(k2)) if directed_source else (pl.min_horizontal(k1, k2), pl.max_horizontal(k1, k2))
    index = _dense_dyads(rows)
    if index is not None:  # two gathers per row instead of a streaming hash join: same values, ~3x cheaper
        lazy = lazy.with_columns(_gather_dyad_row(index, a, b, pl.col("year")).alias("_r"))
        lazy = lazy.with_columns(pl.lit(rows[c]).gather(pl.col("_r")).alias(c) for c in cols).drop("_r")
    else:
        keyed_rows = rows.select(dyad_key(pl.col("_a"), pl.col("_b"), pl.col("_y")).alias("_k"), *cols)
        lazy = lazy.with_columns(dyad_key(a, b, pl.col("year")).alias("_k"))
        lazy = lazy.join(keyed_rows.lazy(), on="_k", how="left", maintain_order="left").drop("_k")
    lazy = lazy.with_columns(cover([c for c in cols if c in (fill or {})], years, fill))
    return frame.with_lazy(unkey(lazy), *datasets, *_panel(frame, system))


# the most (dyad, year) slots a dense dyad index may hold (64 MB of row numbers); larger tables are hash-joined
DENSE_SLOTS = 1 << 24


@dataclass(frozen=True)
class DyadIndex:
    """Where each (code a, code b, year) of a dyad-year table lies: `pairs[a * 1000 + b]` is the pair's first slot
    (null for a pair the table lacks), `rows[slot + year - first]` the table row (null for a year it lacks)."""

    pairs: pl.Series
    rows: pl.Series
    first: int
    span: int


def _dense_dyads(table: pl.DataFrame) -> DyadIndex | None:
    """Return the `DyadIndex` of `table` (columns ``_a``, ``_b``, ``_y``) when each dyad-year occurs once, codes are
    0-999 and the slots fit in `DENSE_SLOTS`; else ``None`` (the caller hash-joins).

    Built with NumPy sorts rather than Polars' hashing, which holds ~50 MB more at its peak on ATOP's 273k rows."""
    keys = table.select("_a", "_b", "_y")
    if table.height == 0 or keys.null_count().sum_horizontal().item():
        return None
    a, b, year = (keys[c].cast(pl.Int64).to_numpy() for c in ("_a", "_b", "_y"))
    if min(a.min(), b.min()) < 0 or max(a.max(), b.max()) > 999:
        return None
    first, span = int(year.min()), int(year.max() - year.min()) + 1
    distinct, dyad = np.unique(a * 1000 + b, return_inverse=True)
    if distinct.size * span > DENSE_SLOTS:
        return None
    slots = dyad * span + (year - first)
    rows = np.full(distinct.size * span, -1, dtype=np.int32)
    rows[slots] = np.arange(table.height)
    if (rows[slots] != np.arange(table.height)).any():  # a slot written twice: a duplicated dyad-year
        return None
    pairs = np.full(int(distinct[-1]) // 1000 * 1000 + 1000, -1, dtype=np.int32)
    pairs[distinct] = np.arange(distinct.size) * span
    return DyadIndex(_with_nulls("_p", pairs, pl.Int32), _with_nulls("_r", rows, pl.UInt32), first, span)


def _with_nulls(name: str, values: np.ndarray, dtype: type[pl.DataType]) -> pl.Series:
    """Return `values` as a Series of `dtype`, null where negative."""
    series = pl.Series(name, values)
    return pl.select(pl.when(series >= 0).then(series).cast(dtype).alias(name)).to_series()


def _gather_dyad_row(index: DyadIndex, a: pl.Expr, b: pl.Expr, year: pl.Expr) -> pl.Expr:
    """Return the table row for each (a, b, year), null where the table has none."""
    pair = a.cast(pl.Int64) * 1000 + b.cast(pl.Int64)
    offset = year.cast(pl.Int64) - index.first
    inside = (a.is_between(0, 999) & b.is_between(0, 999) & pair.is_between(0, index.pairs.len() - 1)
              & offset.is_between(0, index.span - 1))
    start = pl.lit(index.pairs).gather(pair.clip(0, index.pairs.len() - 1))
    slot = (start + offset).clip(0, index.rows.len() - 1)
    return pl.when(inside).then(pl.lit(index.rows).gather(slot)).otherwise(None)
