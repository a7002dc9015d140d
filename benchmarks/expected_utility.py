"""Benchmark: War Trap EU and alliance similarity (tau-b, S) for every directed COW dyad-year 1816-2016.

Prints wall time and peak memory of (1) the baseline, building the bare directed dyad-year frame in this process,
(2) the `eu` add-on over all years in one process, and (3) the same years split across a local Ray cluster (one
task per year; `--no-ray` skips it), with ratios against the baseline. Target: under 60 s on 2 cores.

With ``--war-reason YEARS`` (e.g. ``1816,1850``) it times the ``eu_war_reason`` add-on (risk search, War and
Reason, IIG) on every directed dyad of those years, serial and on `--workers` local processes (one task per year
through `realpolitik.executors`), and extrapolates the 1816-2016 panel from a cost model: each risk
search costs about m^3 for a region of m states (measured seconds per unit, summed over every (state, region)
cell the panel needs).

Run: ``.venv/bin/python benchmarks/expected_utility.py [--years 1816-2016] [--workers 2] [--no-ray]
[--war-reason 1816,1850 [--restarts 8] [--only-war-reason]]``
(reads ../shared/data or $REALPOLITIK_SHARED/data in place).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import polars as pl
from reference_data import peak_rss_mb, shared_data

from realpolitik.data import dyad_years
from realpolitik.data.expected_utility import eu_inputs, eu_year

MEASURES = ("tau", "s_un")  # the figure: War Trap EU (on tau) and S




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


def risk_cost_units(task) -> float:
    """Return the cost-model units of one `YearTask`: the sum of m^3 over the (state, region) risk searches its
    dyads need (m: states involved in the region, plus the state)."""
    import numpy as np

    from realpolitik.data.war_and_reason import system_of_year

    if not task.covered:
        return 0.0
    system = system_of_year(task.year, task.inputs)
    n = len(system.ids)
    position = {int(c): k for k, c in enumerate(system.ids)}
    a = np.array([position[x] for x, y in task.dyads.tolist() if x in position and y in position])
    b = np.array([position[y] for x, y in task.dyads.tolist() if x in position and y in position])
    region = system.relevant[a, b]
    needed = np.zeros((n, 5), dtype=bool)
    needed[a, region - 1] = needed[b, region - 1] = True
    needed &= np.isfinite(system.capability)[:, None]
    sizes = system.involved.sum(0)[None, :] + ~system.involved  # [i, g]: region members with i added
    return float((sizes.astype(float) ** 3 * needed).sum())


def bench_war_reason(data: list[Path], years: list[int], workers: int, restarts: int, panel: tuple[int, int]) -> None:
    """Time the eu_war_reason add-on on `years` serial and on processes; extrapolate the panel."""
    from realpolitik.data.war_and_reason import add_war_and_reason, year_tasks
    from realpolitik.executors import ProcessExecutor, SerialExecutor

    frames = {y: dyad_years("cow", (y, y), data=data) for y in years}
    measured, units = 0.0, 0.0
    for y, frame in frames.items():
        start = time.perf_counter()
        out = frame.pipe(add_war_and_reason, restarts=restarts, executor=SerialExecutor()).collect()
        seconds = time.perf_counter() - start
        u = sum(risk_cost_units(t) for t in year_tasks(frame, restarts=restarts))
        measured, units = measured + seconds, units + u
        print(f"eu_war_reason {y}: {out.height:,} directed dyads, {out['riskT1'].is_not_null().sum():,} with risk; "
              f"serial {seconds:.1f} s ({u:,.0f} cost units); peak RSS {peak_rss_mb():.0f} MB")
    if len(years) > 1 and workers > 1:
        many = dyad_years("cow", (min(years), max(years)), data=data)
        many = many.with_lazy(many.lazy.filter(pl.col("year").is_in(years)))
        start = time.perf_counter()
        many.pipe(add_war_and_reason, restarts=restarts, executor=ProcessExecutor(workers)).collect()
        split = time.perf_counter() - start
        print(f"eu_war_reason {','.join(map(str, years))} on {workers} processes (one task per year): {split:.1f} s "
              f"against {measured:.1f} s serial ({measured / split:.2f}x)")
    full = dyad_years("cow", panel, data=data)
    total = sum(risk_cost_units(t) for t in year_tasks(full, restarts=restarts))
    estimate = measured / units * total if units else float("nan")
    print(f"extrapolated {panel[0]}-{panel[1]} serial: {estimate / 3600:,.1f} h ({total:,.0f} cost units at "
          f"{measured / units * 1e6:.2f} s per million); /{workers} workers ~ {estimate / workers / 3600:,.1f} h")


def main() -> None:
    """Time the baseline, the single-process run and the Ray run; print figures and ratios."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--years", default="1816-2016")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-ray", action="store_true")
    parser.add_argument("--war-reason", default="", help="years to time the eu_war_reason add-on on, e.g. 1816,1850")
    parser.add_argument("--restarts", type=int, default=8)
    parser.add_argument("--only-war-reason", action="store_true")
    args = parser.parse_args()
    first, last = (int(x) for x in args.years.split("-"))
    data = shared_data()
    if args.war_reason:
        years = [int(y) for y in args.war_reason.split(",")]
        bench_war_reason(data, years, args.workers, args.restarts, (first, last))
        if args.only_war_reason:
            return

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
