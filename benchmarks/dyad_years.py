"""Benchmark: all directed COW dyad-years 1816-2024 with NMC, contiguity, ATOP, COW MIDs and peace-years.

Prints wall time per stage and for the whole pipeline, the process's peak resident memory, and ratios against
(a) a baseline run in this process: reading peacesciencer's stored, pre-built dyad-year frame (``cow_ddy``), the
least work any pipeline must do, and (b) the R reference times quoted in the issue (peacesciencer: about 4.8 s to
build the dyad-years and 12.9 s for peace-years on all dyads; not measured here). Target: < 3 s and < 2 GB.

Run: ``.venv/bin/python benchmarks/dyad_years.py`` (reads ../shared/data or $REALPOLITIK_SHARED/data in place).
"""

from __future__ import annotations

import os
import statistics
import time

import polars as pl
from reference_data import peak_rss_mb, shared_data

from realpolitik.data import data_dir, dyad_years

R_BUILD_S, R_PEACE_YEARS_S = 4.8, 12.9




def pipeline(data) -> pl.DataFrame:
    """The benchmarked analysis, as one lazy chain collected once."""
    return (dyad_years("cow", data=data)
            .add_nmc().add_contiguity().add_atop_alliance().add_cow_mids().add_peace_years().collect())


def stages(data) -> tuple[float, float, float]:
    """Return seconds for building, adding the four add-ons, and peace-years, each computed separately."""
    t0 = time.perf_counter()
    frame = dyad_years("cow", data=data).materialise()
    t1 = time.perf_counter()
    frame = frame.add_nmc().add_contiguity().add_atop_alliance().add_cow_mids().materialise()
    t2 = time.perf_counter()
    frame.add_peace_years().collect()
    return t1 - t0, t2 - t1, time.perf_counter() - t2


def spell_rule_differences(data) -> tuple[int, int]:
    """Return (rows, dyads) of the directed COW dyad-years 1816-2024 whose cowmidspell differs between the default
    rule (peacesciencer's: the count runs on across a state's exit-and-re-entry gap) and `reset_on_reentry=True`."""
    frame = dyad_years("cow", data=data).add_cow_mids(keep=[]).materialise()
    a = frame.add_peace_years().collect()
    b = frame.add_peace_years(reset_on_reentry=True).collect()
    differ = a.filter(a["cowmidspell"].ne_missing(b["cowmidspell"]))
    return differ.height, differ.select("ccode1", "ccode2").unique().height


def main(repeats: int = 3) -> None:
    folders = shared_data()
    data = data_dir(folders)
    print(f"polars {pl.__version__}, {pl.thread_pool_size()} threads, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}; best and median of {repeats} runs")

    totals, cpus = [], []
    for _ in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        result = pipeline(data)
        totals.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
        del result
    peak = peak_rss_mb()
    split = [stages(data) for _ in range(repeats)]
    build, addons, spells = (min(s[k] for s in split) for k in range(3))

    t1 = time.perf_counter()
    stored = pl.read_parquet(folders[0] / "cow_ddy.parquet")
    t_baseline = time.perf_counter() - t1
    best, median = min(totals), statistics.median(totals)

    print(f"rows {stored.height:,} directed COW dyad-years 1816-2024")
    rows, dyads = spell_rule_differences(data)
    print(f"peace-years, default (peacesciencer's rule) vs reset_on_reentry=True: {rows:,} rows differ "
          f"({dyads:,} directed dyads), all after an exit-and-re-entry gap. /work/shared holds no peacesciencer "
          "spell output to compare with directly; issue 14 measured 146,758 rows (2,538 dyads) between "
          "peacesciencer and the restart rule")
    print(f"build dyad-years               {build:5.2f} s  (R reference {R_BUILD_S} s: x{R_BUILD_S / build:.1f})")
    print(f"add nmc, contiguity, atop, mids {addons:5.2f} s")
    print(f"peace-years                    {spells:5.2f} s  (R reference {R_PEACE_YEARS_S} s: "
          f"x{R_PEACE_YEARS_S / spells:.1f})")
    r_total = R_BUILD_S + R_PEACE_YEARS_S
    print(f"whole pipeline, one lazy chain {best:5.2f} s best, {median:.2f} s median  (target < 3 s; "
          f"R reference for build + peace-years alone {r_total} s: x{r_total / best:.1f})")
    print(f"  CPU time of the best run       {cpus[totals.index(best)]:5.2f} s  (all threads; on an idle machine "
          "wall time is roughly CPU time / threads)")
    print(f"baseline in this process, read the stored cow_ddy frame: {t_baseline:.3f} s  "
          f"(pipeline / baseline = x{best / t_baseline:.0f})")
    print(f"peak memory of the whole pipeline (process RSS) {peak:.0f} MB  (target < 2048 MB)")
    print(f"load average at the end {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
