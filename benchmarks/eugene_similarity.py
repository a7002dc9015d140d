"""Compare tau-b and S recomputed from ATOP v5.1 with EUGene's COW-alliance values on the 579 sampled dyad-years.

Prints, per measure, how many rows agree to 1e-6 and to 0.05, the median absolute difference, and the agreement
of the relevant region. Differences are expected: EUGene used COW alliance data (v3-era) and the COW system list
of its day; ATOP codes more pledges (offence, consultation) and more treaties.

Run: ``.venv/bin/python benchmarks/eugene_similarity.py`` (reads ../shared/data or $REALPOLITIK_SHARED/data).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import numpy as np
import polars as pl

from realpolitik.data import dyad_years
from realpolitik.data.expected_utility import eu_inputs, eu_year


def main() -> None:
    """Recompute the sampled dyad-years' similarity and print the agreement with EUGene."""
    base = Path(os.environ.get("REALPOLITIK_SHARED", Path(__file__).resolve().parents[2] / "shared")) / "data"
    sample = pl.read_parquet(base / "eugene" / "eugene_iig_sample.parquet")
    years = sorted(sample["year"].unique().to_list())
    start = time.perf_counter()
    frame = dyad_years("cow", (min(years), max(years)), data=[base / "peacesciencer", base / "isard"])
    inputs = eu_inputs(frame)
    ours = pl.concat([eu_year(y, inputs) for y in years])
    keys = ["ccode1", "ccode2", "year"]
    joined = sample.join(ours.with_columns(pl.col(k).cast(pl.Int64) for k in keys), on=keys, how="left",
                         suffix="_ours")
    print(f"{len(years)} years recomputed in {time.perf_counter() - start:.1f} s; "
          f"{joined['tau_glob_ours'].is_not_null().sum()} of {len(sample)} sampled dyads found in the COW system")
    region = (joined["rlregion"] == joined["rlregion_ours"]).sum()
    print(f"relevant region equal: {region} of {len(sample)}")
    for col in ("tau_glob", "tau_regi", "s_un_glo", "s_un_reg", "s_wt_glo", "s_wt_reg"):
        diff = (joined[col] - joined[f"{col}_ours"]).abs().drop_nulls().to_numpy()
        print(f"{col:9s} exact(1e-6) {np.sum(diff < 1e-6):3d}  within .05 {np.sum(diff < 0.05):3d}  "
              f"median |diff| {np.median(diff):.3f}  n {len(diff)}")


if __name__ == "__main__":
    main()
