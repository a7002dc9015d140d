"""Benchmark: War Trap EU and alliance similarity (tau-b, S) for every directed COW dyad-year 1816-2016.

Prints wall time and peak memory of (1) the baseline, building the bare directed dyad-year frame in this process,
(2) the `eu` add-on over all years in one process, and (3) the same years split across a local Ray cluster (one
task per year; `--no-ray` skips it), with ratios against the baseline. Target: under 60 s on 2 cores.

Run: ``.venv/bin/python benchmarks/expected_utility.py [--years 1816-2016] [--workers 2] [--no-ray]``
(reads ../shared/data or $REALPOLITIK_SHARED/data in place).
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

import polars as pl

from realpolitik.data import dyad_years
from realpolitik.data.expected_utility import eu_inputs, eu_year

MEASURES = ("tau", "s_un")  # the figure: War Trap EU (on tau) and S


def shared_data() -> list[Path]:
    """Return the peacesciencer and isard reference folders."""
    base = Path(os.environ.get("REALPOLITIK_SHARED", Path(__file__).resolve().parents[2] / "shared")) / "data"
    folders = [base / "peacesciencer", base / "isard"]
    if not all(f.is_dir() for f in folders):
        sys.exit(f"reference data not found under {base}; set REALPOLITIK_SHARED")
    return folders


def peak_rss_mb() -> float:
    """Return this process's peak resident set size in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_local(inputs: dict, years: list[int]) -> pl.DataFrame:
    """Return every year's EU rows computed in this process."""
    return pl.concat([eu_year(y, inputs, MEASURES) for y in years])


def run_ray(inputs: dict, years: list[int], workers: int) -> pl.DataFrame:
    """Return every year's EU rows computed as one Ray task per year (largest years first)."""
    import ray

    ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False)
    try:
        shared = ray.put(inputs)
        task = ray.remote(lambda y, data: eu_year(y, data, MEASURES))
        sizes = inputs["states"].group_by("year").len()
        order = sizes.sort("len", descending=True)["year"].to_list()
        parts = ray.get([task.remote(y, shared) for y in order if y in set(years)])
    finally:
        ray.shutdown()
    return pl.concat(parts)


def main() -> None:
    """Time the baseline, the single-process run and the Ray run; print figures and ratios."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--years", default="1816-2016")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-ray", action="store_true")
    args = parser.parse_args()
    first, last = (int(x) for x in args.years.split("-"))
    data = shared_data()

    start = time.perf_counter()
    frame = dyad_years("cow", (first, last), data=data)
    rows = frame.collect().height
    baseline = time.perf_counter() - start
    print(f"baseline: {rows:,} directed dyad-years {first}-{last} built in {baseline:.2f} s; "
          f"peak RSS {peak_rss_mb():.0f} MB")

    start = time.perf_counter()
    inputs = eu_inputs(frame)
    years = sorted(inputs["states"]["year"].unique().to_list())
    prepared = time.perf_counter() - start
    start = time.perf_counter()
    local = run_local(inputs, years)
    elapsed = time.perf_counter() - start
    print(f"single process: {local.height:,} rows ({len(years)} years), inputs {prepared:.2f} s + measures "
          f"{elapsed:.2f} s = {prepared + elapsed:.2f} s ({(prepared + elapsed) / baseline:.1f}x baseline); "
          f"peak RSS {peak_rss_mb():.0f} MB")
    print(f"  non-null: eu_wartrap {local['eu_wartrap'].is_not_null().sum():,}, "
          f"s_un_glo {local['s_un_glo'].is_not_null().sum():,}")
    if not args.no_ray:
        start = time.perf_counter()
        remote = run_ray(inputs, years, args.workers)
        ray_elapsed = time.perf_counter() - start
        same = remote.sort("ccode1", "ccode2", "year").equals(local.sort("ccode1", "ccode2", "year"))
        print(f"ray, {args.workers} workers, one task per year: {ray_elapsed:.2f} s incl. start-up "
              f"({ray_elapsed / elapsed:.2f}x the single process; identical rows: {same})")


if __name__ == "__main__":
    main()
