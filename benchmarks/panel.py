"""Benchmark: the dyad-year panel through the CLI's path, in memory (before) and streamed (after), at three sizes.

The pipeline is `realpolitik data build dyad-years --add nmc,contiguity,atop,mids,peace_years` on directed COW
dyad-years 1816-1900, 1816-1950 and 1816-2024. Every (mode, size) runs in its own child process so peak memory
(process RSS) does not carry over between runs:

- ``before``: the CLI path before streaming: each step computed in memory in turn, then the whole frame written
  to Parquet in memory; peace-years by the eager NumPy rule (`spells.spell_lengths`) as before.
- ``after``: the CLI path now: one lazy plan streamed to the Parquet file (`data.streaming.sink`). Per-step times
  are marginal: the plan up to that step streamed to a file, minus the plan up to the step before.

Prints rows, wall and CPU seconds, CPU seconds per million rows, peak RSS, per-step times, the growth of
time/rows between sizes, the before/after ratios, and checks both modes wrote the same frame (row count and a
hash of the frame sorted by dyad-year). Figures for peacesciencer (R) are those quoted in issue 15, not measured
here: its nmc step 1.70 s median, and the in-memory pipeline 4.6-5.1x faster than peacesciencer in CPU time.

Run: ``OPENBLAS_NUM_THREADS=1 .venv/bin/python benchmarks/panel.py [--before-src DIR]`` (reads ../shared/data in
place). ``--before-src`` runs the ``before`` children on another checkout's ``src`` (e.g. main's, extracted with
``git archive main src | tar -x -C /tmp/main``), so "before" is the code before this change, in the same run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from reference_data import peak_rss_mb, shared_data

ADDONS = ["nmc", "contiguity", "atop", "mids", "peace_years"]
SIZES = (1900, 1950, 2024)
KEYS = ["ccode1", "ccode2", "year"]
R_NMC_S = 1.70                 # issue 15: peacesciencer's nmc step, median (R; not on this machine)
R_CPU_RATIO = (4.6, 5.1)       # issue 15: the in-memory pipeline's CPU time was 4.6-5.1x less than peacesciencer's


def _clock() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def _since(start: tuple[float, float]) -> tuple[float, float]:
    return time.perf_counter() - start[0], time.process_time() - start[1]


def _eager_peace_years(df):
    """Peace-years as the CLI computed them before streaming: one NumPy pass over the collected frame (the rule
    of `spells.spell_lengths`, written out here so the ``before`` code need not have it: the count runs on
    across gaps in a dyad's years, restarts after an event or an unobserved year)."""
    import numpy as np
    import polars as pl

    a, b = df["ccode1"].to_numpy(), df["ccode2"].to_numpy()
    col = df["cowmidongoing"]
    event, missing = col.fill_null(0).to_numpy(), col.is_null().to_numpy()
    start = np.ones(df.height, dtype=bool)
    start[1:] = (a[1:] != a[:-1]) | (b[1:] != b[:-1]) | (event[:-1] == 1) | missing[:-1]
    idx = np.arange(df.height)
    spell = (idx - np.maximum.accumulate(np.where(start, idx, 0))).astype(np.float64)
    spell[missing] = np.nan
    return df.with_columns(pl.Series("cowmidspell", spell).fill_nan(None).cast(pl.Int32))


def child_before(data, last: int, out: Path) -> dict:
    """The pre-streaming CLI path: materialise after every step, collect, write in memory."""
    from realpolitik.data import dyad_years

    steps: dict[str, tuple[float, float]] = {}
    total = _clock()
    start = _clock()
    frame = dyad_years("cow", (1816, last), data=data).materialise()
    steps["build"] = _since(start)
    for name in ADDONS[:-1]:
        start = _clock()
        frame = frame.add(name).materialise()
        steps[name] = _since(start)
    start = _clock()
    df = _eager_peace_years(frame.collect())
    steps["peace_years"] = _since(start)
    start = _clock()
    df.write_parquet(out)
    steps["write"] = _since(start)
    return {"steps": steps, "total": _since(total), "rows": df.height}


def child_after(data, last: int, out: Path) -> dict:
    """The streamed CLI path: one lazy plan sunk to the file; then marginal per-step times (plan prefixes)."""
    from realpolitik.data import dyad_years
    from realpolitik.data.streaming import sink

    def plan(k: int):
        return dyad_years("cow", (1816, last), data=data).add(*ADDONS[:k]).lazy

    total = _clock()
    rows, _ = sink(plan(len(ADDONS)), out)
    result = {"total": _since(total), "rows": rows, "peak": peak_rss_mb()}
    steps, previous = {}, (0.0, 0.0)
    with tempfile.TemporaryDirectory() as tmp:
        for k, name in enumerate(["build", *ADDONS]):
            start = _clock()
            sink(plan(k), Path(tmp) / "prefix.parquet")
            now = _since(start)
            steps[name] = (now[0] - previous[0], now[1] - previous[1])
            previous = now
    result["steps"] = steps
    return result


def child(mode: str, last: int, out: str) -> None:
    """Run one (mode, size) and print its figures as JSON on the last line."""
    import polars as pl

    from realpolitik.data import data_dir

    data = data_dir(shared_data())
    result = (child_before if mode == "before" else child_after)(data, last, Path(out))
    result.setdefault("peak", peak_rss_mb())  # before reading the file back for the hash
    frame = pl.read_parquet(out).sort(KEYS)
    result["hash"] = int(frame.hash_rows(seed=0).sum())
    result["columns"] = frame.width
    print(json.dumps(result))


def run(mode: str, last: int, out: Path, before_src: str | None = None) -> dict:
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1"}
    if mode == "before" and before_src:
        env["PYTHONPATH"] = os.pathsep.join([before_src, env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    proc = subprocess.run([sys.executable, __file__, "--child", mode, str(last), str(out)], env=env,
                          capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(before_src: str | None = None) -> None:
    import polars as pl

    print(f"polars {pl.__version__}, {pl.thread_pool_size()} threads, {os.cpu_count()} cores, load average "
          f"{os.getloadavg()[0]:.1f}; pipeline: dyad-years + {', '.join(ADDONS)}; one child process per run; "
          f"before = {'the code in ' + before_src if before_src else 'the in-memory path of this checkout'}")
    results: dict[tuple[str, int], dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for last in SIZES:
            for mode in ("before", "after"):
                results[mode, last] = run(mode, last, Path(tmp) / f"{mode}{last}.parquet", before_src)
    print(f"\n{'mode':6} {'years':9} {'rows':>10} {'wall s':>7} {'CPU s':>6} {'CPU s/M rows':>12} {'peak MB':>8}"
          "  per-step CPU s (wall s)")
    for (mode, last), r in results.items():
        wall, cpu = r["total"]
        steps = ", ".join(f"{k} {v[1]:.2f} ({v[0]:.2f})" for k, v in r["steps"].items())
        print(f"{mode:6} 1816-{last} {r['rows']:>10,} {wall:7.2f} {cpu:6.2f} {cpu / r['rows'] * 1e6:12.2f} "
              f"{r['peak']:8.0f}  {steps}")
    print("\ngrowth between sizes, (CPU time ratio) / (row ratio); 1.0 = linear in rows")
    for mode in ("before", "after"):
        for small, big in ((1900, 1950), (1950, 2024), (1900, 2024)):
            a, b = results[mode, small], results[mode, big]
            rows, cpu = b["rows"] / a["rows"], b["total"][1] / a["total"][1]
            print(f"  {mode:6} 1816-{small} -> 1816-{big}: rows x{rows:.2f}, CPU x{cpu:.2f}, growth {cpu / rows:.2f}")
    print("\nstreamed (after) against in memory (before), same machine and sizes")
    for last in SIZES:
        a, b = results["before", last], results["after", last]
        same = a["rows"] == b["rows"] and a["hash"] == b["hash"] and a["columns"] == b["columns"]
        cpu = a["total"][1] / b["total"][1]
        print(f"  1816-{last}: CPU x{cpu:.2f}, wall x{a['total'][0] / b['total'][0]:.2f}, peak memory "
              f"{a['peak']:.0f} -> {b['peak']:.0f} MB; identical frames (rows, sorted hash): {same}")
    full_a, full_b = results["before", 2024], results["after", 2024]
    cpu = full_a["total"][1] / full_b["total"][1]
    lo, hi = (r * cpu for r in R_CPU_RATIO)
    print(f"\nagainst peacesciencer (issue 15's figures, not measured here): before {R_CPU_RATIO[0]}-{R_CPU_RATIO[1]}x "
          f"less CPU than peacesciencer, so after {lo:.1f}-{hi:.1f}x (target >= 8x)")
    nmc = full_b["steps"]["nmc"]
    print(f"nmc step, 1816-2024: streamed {nmc[1]:.2f} s CPU ({nmc[0]:.2f} s wall), in memory "
          f"{full_a['steps']['nmc'][1]:.2f} s CPU; peacesciencer {R_NMC_S} s median (issue 15)")
    print(f"peak memory 1816-2024 streamed {full_b['peak']:.0f} MB (target < 400 MB); load average at the end "
          f"{os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        child(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    else:
        main(sys.argv[2] if len(sys.argv) == 3 and sys.argv[1] == "--before-src" else None)
