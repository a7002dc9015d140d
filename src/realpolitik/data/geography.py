"""Geography: COW direct contiguity, capital-to-capital distance and minimum distance between states."""

from __future__ import annotations

from typing import Literal

import polars as pl

from realpolitik.data.frame import PeaceFrame, addon
from realpolitik.data.joins import join_dyadic, join_monadic

EARTH_RADIUS_KM = 6378.137  # WGS84 equatorial radius, the sphere used by geosphere::distVincentySphere


def contiguity_years(frame: PeaceFrame, slice: Literal["first", "last"] = "first",
                     mry: bool = False) -> tuple[pl.LazyFrame, tuple[int, int]]:
    """Return directed (ccode1, ccode2, year, conttype) rows from COW direct contiguity, one per dyad-year.

    A relationship counts in every calendar year from its start to its end month. When a dyad's relationship
    changes within a year, `slice="first"` keeps the one that began earliest (in force at the start of the year),
    `"last"` the one that began latest; ties go to the lower (closer) type.
    """
    entry = frame.data.entry("cow_contdir")
    assert entry.years is not None, "the catalogue gives cow_contdir's years"
    first, last = entry.years
    table = frame.data.scan("cow_contdir").select(
        pl.col("ccode1").cast(pl.Int32), pl.col("ccode2").cast(pl.Int32), pl.col("conttype").cast(pl.Int8),
        "stdate", "enddate")
    end_year = pl.col("enddate").dt.year()
    if mry and frame.years[1] > last:
        end_year = pl.when(end_year >= last).then(frame.years[1]).otherwise(end_year)
        last = frame.years[1]
    rows = (
        table.with_columns(pl.int_ranges(pl.col("stdate").dt.year(), end_year + 1, dtype=pl.Int32).alias("year"))
        .explode("year")
        .sort(["ccode1", "ccode2", "year", "stdate", "conttype"], descending=[False, False, False,
                                                                            slice == "last", False])
        .group_by("ccode1", "ccode2", "year", maintain_order=True).first()
        .select("ccode1", "ccode2", "year", "conttype")
    )
    return rows, (first, last)


@addon("contiguity", ("state_year", "dyad_year"), "COW direct contiguity v3.2 (1816-2016)")
def add_contiguity(frame: PeaceFrame, slice: Literal["first", "last"] = "first", mry: bool = False) -> PeaceFrame:
    """Return the frame with COW contiguity.

    Dyad-years get ``conttype``: 1 land border; 2, 3, 4, 5 separated by at most 12, 24, 150, 400 miles of water;
    0 none of these (a nominal code, not an ordinal scale). State-years get ``land`` (number of land neighbours)
    and ``sea`` (number of types 2-5). Null outside 1816-2016 unless `mry` carries the 2016 borders forward.
    """
    rows, years = contiguity_years(frame, slice, mry)
    if frame.unit == "dyad_year":
        return join_dyadic(frame, rows, "cow", ["conttype"], years, {"conttype": 0}, "cow_contdir")
    counts = rows.group_by(pl.col("ccode1").alias("ccode"), "year").agg(
        (pl.col("conttype") == 1).sum().cast(pl.Int32).alias("land"),
        pl.col("conttype").is_between(2, 5).sum().cast(pl.Int32).alias("sea"))
    return join_monadic(frame, counts, "cow", ["land", "sea"], years, {"land": 0, "sea": 0}, "cow_contdir")


def sphere_distance_km(lat1: pl.Expr, lng1: pl.Expr, lat2: pl.Expr, lng2: pl.Expr) -> pl.Expr:
    """Return the great-circle distance in km (Vincenty's formula on a sphere of radius `EARTH_RADIUS_KM`)."""
    p1, p2, dl = lat1.radians(), lat2.radians(), (lng2 - lng1).radians()
    num = ((p2.cos() * dl.sin()) ** 2 + (p1.cos() * p2.sin() - p1.sin() * p2.cos() * dl.cos()) ** 2).sqrt()
    den = p1.sin() * p2.sin() + p1.cos() * p2.cos() * dl.cos()
    return pl.arctan2(num, den) * EARTH_RADIUS_KM


def capital_years(frame: PeaceFrame, transsum: Literal["first", "last"] = "first") -> pl.LazyFrame:
    """Return (code, year, lat, lng) of each state's capital per year; in a year with a move, `transsum` picks
    the capital held first or last."""
    name = "cow_capitals" if frame.system == "cow" else "gw_capitals"
    code = frame.code
    return (
        frame.data.scan(name)
        .select(pl.col(code).cast(pl.Int32), "stdate", "lat", "lng",
                pl.int_ranges(pl.col("stdate").dt.year(), pl.col("enddate").dt.year() + 1,
                              dtype=pl.Int32).alias("year"))
        .explode("year")
        .sort([code, "year", "stdate"], descending=[False, False, transsum == "last"])
        .group_by(code, "year", maintain_order=True).first()
        .select(code, "year", "lat", "lng")
    )


@addon("capdist", ("state_year", "dyad_year"), "capital-to-capital distance, km (peacesciencer capitals)")
def add_capital_distance(frame: PeaceFrame, transsum: Literal["first", "last"] = "first") -> PeaceFrame:
    """Return the frame with ``capdist`` (dyad-years: km between the two capitals) or ``mincapdist``
    (state-years: km to the nearest other member's capital that year). Null where a capital is unknown."""
    name = "cow_capitals" if frame.system == "cow" else "gw_capitals"
    caps = capital_years(frame, transsum)
    code = frame.code
    if frame.unit == "dyad_year":
        lazy = frame.lazy
        for side in "12":
            lazy = lazy.join(caps.rename({code: f"{code}{side}", "lat": f"_lat{side}", "lng": f"_lng{side}"}),
                             on=[f"{code}{side}", "year"], how="left", maintain_order="left")
        dist = sphere_distance_km(pl.col("_lat1"), pl.col("_lng1"), pl.col("_lat2"), pl.col("_lng2"))
        return frame.with_lazy(lazy.with_columns(dist.alias("capdist")).drop("_lat1", "_lng1", "_lat2", "_lng2"),
                               name)
    from realpolitik.data.dyads import dyad_years

    pairs = add_capital_distance(dyad_years(frame.system, frame.years, data=frame.data), transsum).lazy
    nearest = pairs.group_by(pl.col(f"{code}1").alias(code), "year").agg(pl.col("capdist").min().alias("mincapdist"))
    return join_monadic(frame, nearest, frame.system, ["mincapdist"], None, None, name)


@addon("mindist", ("state_year", "dyad_year"), "minimum distance between states, km (CShapes 2.0, 1886-2019)")
def add_minimum_distance(frame: PeaceFrame) -> PeaceFrame:
    """Return the frame with ``mindist`` (dyad-years: km between the states' borders on 1 January; 0 when they
    touch) or ``minmindist`` (state-years: the smallest such distance to any other state). Null outside
    1886-2019 and where CShapes has no value."""
    name = "cow_mindist" if frame.system == "cow" else "gw_mindist"
    entry = frame.data.entry(name)
    table = frame.data.scan(name)
    if frame.unit == "dyad_year":
        return join_dyadic(frame, table, frame.system, ["mindist"], entry.years, None, name, directed_source=False)
    code = frame.code
    both = pl.concat([
        table.select(pl.col(f"{code}1").alias(code), "year", "mindist"),
        table.select(pl.col(f"{code}2").alias(code), "year", "mindist"),
    ]).group_by(code, "year").agg(pl.col("mindist").min().alias("minmindist"))
    return join_monadic(frame, both, frame.system, ["minmindist"], entry.years, None, name)

