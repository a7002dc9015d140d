"""Strategic rivalries (Thompson, Sakuwa and Suhas 2021, 1494-2020)."""

from __future__ import annotations

import polars as pl

from realpolitik.data.frame import PeaceFrame, addon
from realpolitik.data.joins import join_dyadic, join_monadic

TYPES = ["positional", "spatial", "ideological", "interventionary", "principal", "aprin"]


def rivalry_years(frame: PeaceFrame) -> pl.LazyFrame:
    """Return directed (ccode1, ccode2, year) rows for every year of a strategic rivalry, with ``tssr_id``, the
    rivalry-type dummies (1/0) and ``ongoingrivalry`` = 1; where a dyad has two rivalries in a year, the lower id."""
    table = frame.data.scan("tss_rivalries").select(
        pl.col("tssr_id").cast(pl.Int32), pl.col("ccode1").cast(pl.Int32), pl.col("ccode2").cast(pl.Int32),
        pl.int_ranges("start", pl.col("end") + 1, dtype=pl.Int32).alias("year"),
        *[pl.col(t).fill_null(0).cast(pl.Int8) for t in TYPES])
    both = pl.concat([table, table.with_columns(pl.col("ccode2").alias("ccode1"), pl.col("ccode1").alias("ccode2"))])
    return (
        both.explode("year").sort("tssr_id")
        .group_by("ccode1", "ccode2", "year", maintain_order=True).first()
        .with_columns(pl.lit(1, pl.Int8).alias("ongoingrivalry"))
    )


@addon("rivalries", ("state_year", "dyad_year"), "strategic rivalries, Thompson et al. 2021 (1494-2020)")
def add_strategic_rivalries(frame: PeaceFrame) -> PeaceFrame:
    """Return the frame with strategic rivalries. Dyad-years get ``tssr_id`` (null when no rivalry),
    ``ongoingrivalry`` and the type dummies ``positional``, ``spatial``, ``ideological``, ``interventionary``,
    ``principal``, ``aprin`` (1/0). State-years get ``n_rivalries`` and ``n_<type>`` counts. Null after 2020."""
    entry = frame.data.entry("tss_rivalries")
    rows = rivalry_years(frame)
    if frame.unit == "dyad_year":
        cols = ["tssr_id", "ongoingrivalry", *TYPES]
        fill: dict[str, object] = {c: 0 for c in cols if c != "tssr_id"}
        return join_dyadic(frame, rows, "cow", cols, entry.years, fill, "tss_rivalries")
    counts = rows.group_by(pl.col("ccode1").alias("ccode"), "year").agg(
        pl.len().cast(pl.Int32).alias("n_rivalries"), *[pl.col(t).sum().cast(pl.Int32).alias(f"n_{t}")
                                                         for t in TYPES[:4]])
    cols = ["n_rivalries", *[f"n_{t}" for t in TYPES[:4]]]
    return join_monadic(frame, counts, "cow", cols, entry.years, dict.fromkeys(cols, 0), "tss_rivalries")
