"""Filters that keep a subset of dyad-years: politically relevant, contiguous and major-power dyads.

Each adds the columns it needs (contiguity, major-power status) when they are missing, as peacesciencer does.
"""

from __future__ import annotations

import polars as pl

from realpolitik.data.frame import PeaceFrame
from realpolitik.errors import RealpolitikError


def _with(frame: PeaceFrame, *needed: str) -> PeaceFrame:
    cols = frame.columns
    if "conttype" in needed and "conttype" not in cols:
        frame = frame.add_contiguity()
    if "cowmaj" in needed and "cowmaj1" not in cols:
        frame = frame.add_cow_majors()
    return frame


def filter_prd(frame: PeaceFrame) -> PeaceFrame:
    """Return the politically relevant dyad-years: contiguous (COW types 1-5: land, or at most 400 miles of water)
    or with at least one COW major power (Lemke and Reed 2001).

    Relevance is decided only where contiguity is observed (1816-2016): later dyad-years are dropped, since
    relevance cannot be settled for non-major dyads and keeping only the major ones would bias the sample.
    """
    frame.check_unit("filter_prd", "dyad_year")
    frame = _with(frame, "conttype", "cowmaj")
    relevant = pl.col("conttype").is_between(1, 5) | (pl.col("cowmaj1") == 1) | (pl.col("cowmaj2") == 1)
    return frame.with_lazy(frame.lazy.filter(pl.col("conttype").is_not_null() & relevant))


def filter_contiguous(frame: PeaceFrame, max_type: int = 5) -> PeaceFrame:
    """Return the dyad-years whose COW contiguity type is 1..`max_type` (1 = land border only; 5, the default,
    includes separation by up to 400 miles of water)."""
    frame.check_unit("filter_contiguous", "dyad_year")
    if not 1 <= max_type <= 5:
        raise RealpolitikError(f"max_type {max_type} is not a COW contiguity type. Fix: use 1 (land) to 5 (400 "
                               "miles of water)")
    frame = _with(frame, "conttype")
    return frame.with_lazy(frame.lazy.filter(pl.col("conttype").is_between(1, max_type)))


def filter_major_powers(frame: PeaceFrame, both: bool = False) -> PeaceFrame:
    """Return the dyad-years with at least one COW major power, or with two when `both`."""
    frame.check_unit("filter_major_powers", "dyad_year")
    frame = _with(frame, "cowmaj")
    one, two = pl.col("cowmaj1") == 1, pl.col("cowmaj2") == 1
    return frame.with_lazy(frame.lazy.filter(one & two if both else one | two))
