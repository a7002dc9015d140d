"""The ``eu`` dyad-year add-on: alliance similarity and the War Trap expected utility, as EUGene computed them.

For each year of a COW directed dyad-year frame the states present in the frame form the system; their inputs
are COW NMC CINC (capability shares), ATOP v5.1 alliances, capital-to-capital distances (COW capitals,
great-circle miles) and COW direct contiguity (land border: 0 miles). Each year is computed independently by
`eu_year`, so the work splits by year (see benchmarks/expected_utility.py for a Ray run).

ATOP obligations map to EUGene's four alliance classes by the strongest pledge the two states share in the year:
defence or offence -> 1 (defence pact), neutrality or non-aggression -> 2, consultation only -> 3 (entente),
none -> 4. COW's alliance classes are not ATOP's, so values differ from EUGene's COW-based tau and S (see
docs/expected-utility.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import polars as pl

from realpolitik.data.frame import PeaceFrame, addon
from realpolitik.measures.gradient import distance_matrix
from realpolitik.measures.regions import home_region, involvement
from realpolitik.measures.similarity import alliance_codes
from realpolitik.measures.system import System, dyad_measures

COLUMNS = {"tau_glo": "tau_glob", "tau_reg": "tau_regi", "s_un_glo": "s_un_glo", "s_un_reg": "s_un_reg",
           "s_wt_glo": "s_wt_glo", "s_wt_reg": "s_wt_reg", "rlregion": "rlregion", "eu_wartrap": "eu_wartrap"}


def atop_classes() -> pl.Expr:
    """Return the expression mapping ATOP pledge columns to EUGene's class 1-4 (strongest pledge wins)."""
    return (pl.when((pl.col("atop_defense") == 1) | (pl.col("atop_offense") == 1)).then(1)
            .when((pl.col("atop_neutral") == 1) | (pl.col("atop_nonagg") == 1)).then(2)
            .when(pl.col("atop_consul") == 1).then(3).otherwise(4).cast(pl.Int8).alias("class"))


def eu_inputs(frame: PeaceFrame) -> dict[str, pl.DataFrame]:
    """Return the input tables for the frame's years: ``states`` (ccode, year), ``cinc``, ``atop`` (ccode1,
    ccode2, year, class), ``capitals`` (ccode, year, lat, lng) and ``contiguity`` (land borders)."""
    from realpolitik.data.geography import capital_years, contiguity_years

    first, last = frame.years
    in_years = pl.col("year").is_between(first, last)
    states = frame.lazy.select(pl.col("ccode1").alias("ccode"), "year").unique().collect()
    cinc = frame.data.scan("cow_nmc").select("ccode", "year", "cinc").filter(in_years).collect()
    atop = (frame.data.scan("atop_alliance").filter(in_years)
            .select("ccode1", "ccode2", "year", atop_classes()).collect())
    capitals = capital_years(frame).filter(in_years).collect()
    land, _ = contiguity_years(frame)
    contiguity = land.filter(in_years & (pl.col("conttype") == 1)).select("ccode1", "ccode2", "year").collect()
    return {"states": states, "cinc": cinc, "atop": atop, "capitals": capitals, "contiguity": contiguity}


def system_of_year(year: int, inputs: dict[str, pl.DataFrame]) -> System:
    """Return the `System` of one year from `eu_inputs` tables (missing CINC or capital -> NaN)."""
    of_year = pl.col("year") == year
    codes = np.sort(inputs["states"].filter(of_year)["ccode"].to_numpy())
    index = pl.DataFrame({"ccode": codes, "i": np.arange(len(codes))}, schema={"ccode": pl.Int32, "i": pl.Int64})
    cinc = index.join(inputs["cinc"].filter(of_year).select(pl.col("ccode").cast(pl.Int32), "cinc"),
                      on="ccode", how="left").sort("i")["cinc"].to_numpy().astype(float)
    caps = index.join(inputs["capitals"].filter(of_year).select(pl.col("ccode").cast(pl.Int32), "lat", "lng"),
                      on="ccode", how="left").sort("i")
    pairs = _pair_index(inputs["atop"].filter(of_year), index)
    classes = alliance_codes(len(codes), pairs.select("i1", "i2").to_numpy(), pairs["class"].to_numpy())
    land = _pair_index(inputs["contiguity"].filter(of_year), index)
    contiguous = np.zeros((len(codes), len(codes)), dtype=bool)
    contiguous[land["i1"].to_numpy(), land["i2"].to_numpy()] = True
    miles = distance_matrix(caps["lat"].to_numpy().astype(float), caps["lng"].to_numpy().astype(float),
                            contiguous | contiguous.T)
    return System(tuple(codes.tolist()), cinc, classes, miles, year, home_region(codes), involvement(codes, year))


def _pair_index(rows: pl.DataFrame, index: pl.DataFrame) -> pl.DataFrame:
    """Return rows with the two states' positions i1, i2 in the year's system (pairs outside it dropped)."""
    out = rows.with_columns(pl.col("ccode1").cast(pl.Int32), pl.col("ccode2").cast(pl.Int32))
    out = out.join(index.rename({"ccode": "ccode1", "i": "i1"}), on="ccode1", how="inner")
    return out.join(index.rename({"ccode": "ccode2", "i": "i2"}), on="ccode2", how="inner")


def eu_year(year: int, inputs: dict[str, pl.DataFrame], measures: tuple[str, ...] = ("tau", "s_un", "s_wt"),
            eu_measure: str = "tau") -> pl.DataFrame:
    """Return one year's directed dyads (ccode1, ccode2, year) with similarity, relevant region and War Trap EU."""
    system = system_of_year(year, inputs)
    values = dyad_measures(system, measures, eu_measure)
    n = len(system.ids)
    a, b = np.nonzero(~np.eye(n, dtype=bool))
    codes = np.asarray(system.ids, dtype=np.int32)
    data = {"ccode1": codes[a], "ccode2": codes[b], "year": np.full(len(a), year, dtype=np.int32)}
    present = np.isfinite(system.capability)
    for key, column in COLUMNS.items():
        if key in values:
            data[column] = values[key][a, b].astype(np.int8 if key == "rlregion" else np.float64)
    if "eu_wartrap" in data:  # a missing capability enters war_trap_eu as P = 0.5, not as missing
        data["eu_wartrap"] = np.where(present[a] & present[b], data["eu_wartrap"], np.nan)
    floats = [c for c, v in data.items() if v.dtype == np.float64]
    return pl.DataFrame(data).with_columns(pl.col(floats).fill_nan(None))


def eu_schema(measures: tuple[str, ...] = ("tau", "s_un", "s_wt"), eu_measure: str = "tau") -> dict[str, Any]:
    """Return the column types `eu_year` returns for `measures` and `eu_measure`."""
    wanted = {f"{m}_{r}" for m in (*measures, eu_measure) for r in ("glo", "reg")} | {"rlregion", "eu_wartrap"}
    schema: dict[str, Any] = {"ccode1": pl.Int32, "ccode2": pl.Int32, "year": pl.Int32}
    schema.update({c: pl.Int8 if k == "rlregion" else pl.Float64 for k, c in COLUMNS.items() if k in wanted})
    return schema


def covered_years(inputs: dict[str, pl.DataFrame]) -> set[int]:
    """Return the years with rows in both the capability (NMC) and the alliance (ATOP) inputs: outside them an
    empty table means "no data", not "no capability" or "no alliances"."""
    return set(inputs["cinc"]["year"].unique().to_list()) & set(inputs["atop"]["year"].unique().to_list())


def eu_years(frame: PeaceFrame, years: Iterable[int] | None = None, **options) -> pl.DataFrame:
    """Return `eu_year` for each year of the frame (or `years`) covered by both NMC and ATOP, concatenated
    (other years have no rows, so they are null after a left join)."""
    inputs = eu_inputs(frame)
    wanted = sorted(inputs["states"]["year"].unique().to_list()) if years is None else list(years)
    covered = covered_years(inputs)
    parts = [eu_year(y, inputs, **options) for y in wanted if y in covered]
    return pl.concat(parts) if parts else pl.DataFrame(schema=eu_schema(**options))


@addon("eu", ("dyad_year",), "alliance similarity (tau-b, S) and War Trap expected utility (EUGene parity)",
       years_of=("cow_nmc", "atop_alliance"))
def add_expected_utility(frame: PeaceFrame, measures: tuple[str, ...] = ("tau", "s_un", "s_wt"),
                         eu_measure: str = "tau") -> PeaceFrame:
    """Return the dyad-years with ``tau_glob``, ``tau_regi``, ``s_un_glo``, ``s_un_reg``, ``s_wt_glo``,
    ``s_wt_reg`` (similarity in [-1, 1], global and on the relevant region), ``rlregion`` (1 Europe, 2 Middle
    East, 3 Africa, 4 Asia, 5 Americas) and ``eu_wartrap`` (War Trap EU of ccode1 challenging ccode2).

    COW system frames only (ATOP and NMC use COW codes). Null (never NaN or 0) where an input is missing: every
    column in years outside NMC or ATOP (ATOP 5.1 ends in 2018, NMC v7 in 2022), ``eu_wartrap`` where either
    state's capability is missing, a similarity where it is undefined. Similarity and EU are
    computed over the states present in the frame each year, so build the frame unfiltered.
    """
    frame.check_cow_directed("add-on 'eu'", "EU differs by direction")
    values = eu_years(frame, measures=measures, eu_measure=eu_measure)
    keys = ["ccode1", "ccode2", "year"]
    values = values.with_columns(pl.col(k).cast(pl.Int32) for k in keys)
    lazy = frame.lazy.with_columns(pl.col(k).cast(pl.Int32) for k in keys)
    return frame.with_lazy(lazy.join(values.lazy(), on=keys, how="left", maintain_order="left"),
                           "cow_nmc", "atop_alliance", "cow_capitals", "cow_contdir")



