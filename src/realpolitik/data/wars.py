"""Wars and armed conflicts: COW inter-state wars (dyad-years), UCDP armed conflicts and onsets (state-years)."""

from __future__ import annotations

from typing import Literal

import polars as pl

from realpolitik.data.frame import PeaceFrame, addon
from realpolitik.data.joins import join_dyadic, join_monadic

WAR_FIELDS = ["warnum", "warside1", "warside2", "initiator1", "initiator2", "outcome1", "outcome2", "batdeath1",
              "batdeath2", "resume"]
UCDP_TYPES = ("extrasystemic", "interstate", "intrastate", "II")


@addon("wars", ("dyad_year",), "COW inter-state wars v4.0 (1816-2007)")
def add_cow_wars(frame: PeaceFrame) -> PeaceFrame:
    """Return the dyad-years with COW inter-state war participation: ``cowinteronset`` and ``cowinterongoing``
    (1/0, null outside 1816-2007) and, for one war per dyad-year (an onset before an ongoing war, then the lowest
    war number), ``warnum``, the two states' sides (``warside1``/``warside2``, 1 or 2), ``initiator1``/
    ``initiator2``, ``outcome1``/``outcome2`` (COW codes: 1 win, 2 loss, 3 compromise, ...), battle deaths
    (``batdeath1``/``batdeath2``, -9 unknown) and ``resume``."""
    entry = frame.data.entry("cow_war_inter")
    keys = ["ccode1", "ccode2", "year"]
    rows = frame.data.scan("cow_war_inter").rename({"sidea1": "warside1", "sidea2": "warside2"})
    for rank in (pl.col("cowinteronset"), -pl.col("warnum")):
        rows = rows.filter(rank == rank.max().over(keys))
    flags = ["cowinteronset", "cowinterongoing"]
    return join_dyadic(frame, rows, "cow", flags + WAR_FIELDS, entry.years, dict.fromkeys(flags, 0),
                       "cow_war_inter")


def ucdp_state_years(frame: PeaceFrame, sides: Literal["a", "primary", "all"] = "a",
                     types: tuple[str, ...] = UCDP_TYPES, only_wars: bool = False) -> pl.LazyFrame:
    """Return (gwcode, year, ucdpongoing, ucdponset, maxintensity, conflict_ids) from UCDP ACD conflict-years.

    `sides` says which states take part: "a" the primary state on side A (peacesciencer's rule), "primary" the
    primary states on both sides, "all" also the states that supported either side with troops. An onset is a
    conflict-year in which a new episode began (its ``start_date2`` falls in the year).
    """
    columns = {"a": ["gwno_a"], "primary": ["gwno_a", "gwno_b"],
               "all": ["gwno_a", "gwno_b", "gwno_a_2nd", "gwno_b_2nd"]}[sides]
    acd = frame.data.scan("ucdp_acd").filter(pl.col("type_of_conflict").is_in(list(types)))
    if only_wars:
        acd = acd.filter(pl.col("intensity_level") == 2)
    acd = acd.with_columns((pl.col("start_date2").dt.year() == pl.col("year")).cast(pl.Int8).alias("_onset"))
    parts = [acd.select(pl.col(c).cast(pl.Int32).alias("gwcode"), pl.col("year").cast(pl.Int32), "conflict_id",
                        "intensity_level", "_onset") for c in columns]
    return (
        pl.concat(parts).drop_nulls("gwcode")
        .group_by("gwcode", "year").agg(
            pl.lit(1, pl.Int8).alias("ucdpongoing"), pl.col("_onset").max().alias("ucdponset"),
            pl.col("intensity_level").max().cast(pl.Int8).alias("maxintensity"),
            pl.col("conflict_id").unique().sort().cast(pl.String).str.join("; ").alias("conflict_ids"))
    )


@addon("ucdp", ("state_year",), "UCDP/PRIO armed conflicts v25.1 (1946-2024)")
def add_ucdp_acd(frame: PeaceFrame, sides: Literal["a", "primary", "all"] = "a",
                 types: tuple[str, ...] = UCDP_TYPES, only_wars: bool = False) -> PeaceFrame:
    """Return the state-years with ``ucdpongoing`` and ``ucdponset`` (1/0; null outside 1946-2024),
    ``maxintensity`` (1 minor, 2 war; null when no conflict) and ``conflict_ids`` (UCDP ids, "; "-joined).

    See `ucdp_state_years` for `sides` (default side A only, like peacesciencer); `types` restricts the conflict
    types and `only_wars` keeps conflict-years of intensity 2 (1,000+ battle deaths).
    """
    entry = frame.data.entry("ucdp_acd")
    rows = ucdp_state_years(frame, sides, types, only_wars)
    cols = ["ucdpongoing", "ucdponset", "maxintensity", "conflict_ids"]
    return join_monadic(frame, rows, "gw", cols, entry.years, {"ucdpongoing": 0, "ucdponset": 0}, "ucdp_acd")


@addon("ucdp_onsets", ("state_year",), "UCDP conflict onsets v19.1 (1946-2017)")
def add_ucdp_onsets(frame: PeaceFrame) -> PeaceFrame:
    """Return the state-years with UCDP onset counts: ``sumnewconf`` (new conflicts) and ``sumonset1``,
    ``sumonset2``, ``sumonset3``, ``sumonset5``, ``sumonset10`` (new episodes after 1, 2, 3, 5, 10 quiet years);
    null outside 1946-2017."""
    entry = frame.data.entry("ucdp_onsets")
    cols = list(entry.columns[2:])
    return join_monadic(frame, frame.data.scan("ucdp_onsets"), "gw", cols, entry.years, None, "ucdp_onsets")
