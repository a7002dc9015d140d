"""Militarized interstate disputes (COW-MID 5.0 and GML-MID 2.2.1) reduced to one row per dyad-year.

The published directed dispute-year tables can hold several disputes for one dyad-year. `whittle` keeps one,
applying these rules in order, each only among the disputes still tied (the rules peacesciencer's author
documented for its ``*_ddydisps`` tables; Miller 2021, "How to (Meticulously) Convert Participant-Level Dispute
Data to Dyadic Dispute-Year Data"):

1. onsets before ongoing disputes (a dispute that starts this year beats one carried over);
2. highest dispute fatality level (unknown, -9, ranks between 0 and 1);
3. highest dispute hostility level;
4. longest minimum duration, then longest maximum duration;
5. reciprocated before unreciprocated;
6. earliest start month;
7. lowest dispute number (a deterministic final tie-break where peacesciencer drops one at random).
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from realpolitik.data.frame import PeaceFrame, addon
from realpolitik.data.joins import join_dyadic

DYAD_YEAR = ["ccode1", "ccode2", "year"]
DYADIC = ["dispnum", "sidea1", "sidea2", "fatality1", "fatality2", "fatalpre1", "fatalpre2", "hiact1", "hiact2",
          "hostlev1", "hostlev2", "orig1", "orig2", "fatality", "hostlev", "mindur", "maxdur", "recip", "stmon"]


def whittle(rows: pl.LazyFrame, onset: str) -> pl.LazyFrame:
    """Return `rows` (dispute-years with the columns the rules use) reduced to one row per directed dyad-year."""
    fatality_rank = pl.when(pl.col("fatality") == -9).then(0.5).otherwise(pl.col("fatality").cast(pl.Float64))
    rules = [
        pl.col(onset), fatality_rank, pl.col("hostlev"), pl.col("mindur"), pl.col("maxdur"), pl.col("recip"),
        -pl.col("stmon"), -pl.col("dispnum"),
    ]
    for rank in rules:
        rank = rank.cast(pl.Float64).fill_null(float("-inf"))
        rows = rows.filter(rank == rank.max().over(DYAD_YEAR))
    return rows


def cow_dispute_years(frame: PeaceFrame) -> pl.LazyFrame:
    """Return COW-MID 5.0 directed dispute-years whittled to one per dyad-year, with ``cowmidonset``,
    ``cowmidongoing`` and the dyadic and dispute-level fields."""
    disps = frame.data.scan("cow_mid_disps").select("dispnum", "stmon", "fatality", "mindur", "maxdur", "hostlev",
                                                     "recip")
    rows = frame.data.scan("cow_mid_dirdisps").join(disps, on="dispnum", how="left")
    rows = rows.rename({"disponset": "cowmidonset", "dispongoing": "cowmidongoing"})
    return whittle(rows, "cowmidonset").select(*DYAD_YEAR, "cowmidonset", "cowmidongoing", *DYADIC)


def gml_dispute_years(frame: PeaceFrame) -> pl.LazyFrame:
    """Return GML-MID 2.2.1 directed dispute-years whittled to one per dyad-year, with ``gmlmidonset``,
    ``gmlmidongoing`` and the dyadic and dispute-level fields."""
    rows = frame.data.scan("gml_dirdisp").rename({"midonset": "gmlmidonset", "midongoing": "gmlmidongoing"})
    return whittle(rows, "gmlmidonset").select(*DYAD_YEAR, "gmlmidonset", "gmlmidongoing", *DYADIC)


def _add(frame: PeaceFrame, rows: pl.LazyFrame, name: str, prefix: str, keep: Sequence[str] | None) -> PeaceFrame:
    flags = [f"{prefix}onset", f"{prefix}ongoing"]
    extra = list(keep) if keep is not None else DYADIC
    entry = frame.data.entry(name)
    return join_dyadic(frame, rows.select(*DYAD_YEAR, *flags, *extra), "cow", flags + extra, entry.years,
                       dict.fromkeys(flags, 0), name)


@addon("mids", ("dyad_year",), "COW-MID 5.0 disputes, one row per dyad-year (1816-2014)")
def add_cow_mids(frame: PeaceFrame, keep: Sequence[str] | None = None) -> PeaceFrame:
    """Return the dyad-years with COW-MID 5.0: ``cowmidonset`` and ``cowmidongoing`` (1/0; null outside
    1816-2014) and, for the one dispute kept per dyad-year (see the module's rules), ``dispnum``, sides,
    fatality, highest action, hostility, originator and duration fields (`keep` selects a subset)."""
    return _add(frame, cow_dispute_years(frame), "cow_mid_dirdisps", "cowmid", keep)


@addon("gml", ("dyad_year",), "GML-MID 2.2.1 disputes, one row per dyad-year (1816-2010)")
def add_gml_mids(frame: PeaceFrame, keep: Sequence[str] | None = None) -> PeaceFrame:
    """Return the dyad-years with GML-MID 2.2.1: ``gmlmidonset``, ``gmlmidongoing`` (null outside 1816-2010)
    and the fields of the one dispute kept per dyad-year. Cannot be combined with `add_cow_mids` on one frame
    unless `keep` is empty for one of them (their field names are the same)."""
    return _add(frame, gml_dispute_years(frame), "gml_dirdisp", "gmlmid", keep)
