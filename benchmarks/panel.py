"""Benchmark: the dyad-year panel through the CLI's path, in memory (before) and streamed (after), at three sizes.

The pipeline is `realpolitik data build dyad-years --add nmc,contiguity,atop,mids,peace_years` on directed COW
dyad-years 1816-1900, 1816-1950 and 1816-2024. Every (mode, size, repeat) runs in its own child process so peak
memory (process RSS) does not carry over between runs; each is run `REPEATS` times, interleaved, and the medians
are printed (CPU time: the machine is shared, wall time depends on the other work):

- ``before``: the CLI path before streaming: each step computed in memory in turn, then the whole frame written
  to Parquet in memory; peace-years by the eager NumPy rule (`spells.spell_lengths`) as before. By default it runs
  on the code issue 15 measured (`ISSUE_REV`, extracted with ``git archive``), so that the issue's ratio against
  peacesciencer carries over; ``--before-rev REV`` or ``--before-src DIR`` pick other code, ``--before-src .``
  this checkout's own in-memory path.
- ``after``: the CLI path now: one lazy plan streamed to the Parquet file (`data.streaming.sink`). Per-step times
  are marginal: the plan up to that step streamed to a file, minus the plan up to the step before.

Prints rows, wall and CPU seconds, CPU seconds per million rows, peak RSS, per-step times, the growth of
time/rows between sizes, the before/after ratios, and checks both modes wrote the same values (every column both
wrote, compared row for row after sorting by dyad-year; columns only one of them wrote are named). Figures for
peacesciencer (R) are those quoted in issue 15, not measured here: its nmc step 1.70 s median, and the in-memory
pipeline (`ISSUE_REV`) 4.6-5.1x less CPU than peacesciencer; so the streamed pipeline's ratio is that times the
before/after CPU ratio measured here, valid only when ``before`` is `ISSUE_REV`'s code.

Run: ``OPENBLAS_NUM_THREADS=1 .venv/bin/python benchmarks/panel.py [--before-rev REV | --before-src DIR]`` (reads
../shared/data in place; needs the git history for the default ``before``).
"""

from __future__ import annotations

import json
import os
import statistics
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
ISSUE_REV = "9384595"          # main when issue 15 measured that ratio (commit of 2026-12-04 09:47 UTC)
REPEATS = 3


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
    """Run one (mode, size) and print its figures as JSON on the last line (peak RSS before anything is read back)."""
    import polars as pl

    from realpolitik.data import data_dir

    data = data_dir(shared_data())
    result = (child_before if mode == "before" else child_after)(data, last, Path(out))
    result.setdefault("peak", peak_rss_mb())
    result["columns"] = len(pl.read_parquet_schema(out))
    print(json.dumps(result))


def run(mode: str, last: int, out: Path, before_src: str | None = None) -> dict:
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1"}
    if mode == "before" and before_src:
        env["PYTHONPATH"] = os.pathsep.join([before_src, env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    proc = subprocess.run([sys.executable, __file__, "--child", mode, str(last), str(out)], env=env,
                          capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def extract(rev: str, folder: Path) -> str:
    """Extract `rev`'s ``src`` from this checkout's git history into `folder`; return the ``src`` path."""
    root = Path(__file__).resolve().parents[1]
    archive = subprocess.run(["git", "-C", str(root), "archive", rev, "src"], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    return str(folder / "src")


def median_run(runs: list[dict]) -> dict:
    """Return the median of `runs` (one mode and size): total and per-step (wall, CPU) and peak, each its median."""
    def med(values: list[float]) -> float:
        return statistics.median(values)

    steps = {k: (med([r["steps"][k][0] for r in runs]), med([r["steps"][k][1] for r in runs]))
             for k in runs[0]["steps"]}
    return {"rows": runs[0]["rows"], "columns": runs[0]["columns"], "steps": steps,
            "total": (med([r["total"][0] for r in runs]), med([r["total"][1] for r in runs])),
            "peak": med([r["peak"] for r in runs]), "cpus": [r["total"][1] for r in runs]}


def same_values(before: Path, after: Path) -> tuple[bool, list[str]]:
    """Return whether the two files hold the same rows and values in every column both have (sorted by dyad-year;
    read one column at a time), and the columns only one of them has."""
    import polars as pl

    a, b = pl.scan_parquet(before), pl.scan_parquet(after)
    ca, cb = a.collect_schema(), b.collect_schema()
    only = [f"{c} (before only)" for c in ca if c not in cb] + [f"{c} (after only)" for c in cb if c not in ca]
    order_a = a.select(KEYS).with_row_index("_i").sort(KEYS).select("_i").collect()["_i"]
    order_b = b.select(KEYS).with_row_index("_i").sort(KEYS).select("_i").collect()["_i"]
    same = order_a.len() == order_b.len()
    for col in (c for c in ca if c in cb):
        if not same:
            break
        x = a.select(col).collect()[col].gather(order_a)
        y = b.select(col).collect()[col].gather(order_b)
        same = x.dtype == y.dtype and x.equals(y)
    return same, only


def main(before_src: str | None = None, before_rev: str | None = None) -> None:
    import polars as pl

    with tempfile.TemporaryDirectory() as tmp:
        if before_src is None:
            before_rev = before_rev or ISSUE_REV
            before_src = extract(before_rev, Path(tmp))
        label = f"the code at {before_rev}" if before_rev else f"the code in {before_src}"
        if before_src == ".":  # this checkout's in-memory path
            before_src, label = None, "this checkout's in-memory path"
        print(f"polars {pl.__version__}, {pl.thread_pool_size()} threads, {os.cpu_count()} cores, load average "
              f"{os.getloadavg()[0]:.1f}; pipeline: dyad-years + {', '.join(ADDONS)}; one child process per run, "
              f"{REPEATS} runs each (medians); before = {label}")
        runs: dict[tuple[str, int], list[dict]] = {}
        same: dict[int, tuple[bool, list[str]]] = {}
        for last in SIZES:
            for _ in range(REPEATS):
                for mode in ("before", "after"):
                    out = Path(tmp) / f"{mode}{last}.parquet"
                    runs.setdefault((mode, last), []).append(run(mode, last, out, before_src))
            same[last] = same_values(Path(tmp) / f"before{last}.parquet", Path(tmp) / f"after{last}.parquet")
    results = {key: median_run(r) for key, r in runs.items()}
    report(results, same)


def report(results: dict[tuple[str, int], dict], same: dict[int, tuple[bool, list[str]]]) -> None:
    """Print the tables and ratios of `main`."""
    print(f"\n{'mode':6} {'years':9} {'rows':>10} {'wall s':>7} {'CPU s':>6} {'CPU s/M rows':>12} {'peak MB':>8}"
          "  CPU s of each run; per-step CPU s (wall s), medians")
    for (mode, last), r in results.items():
        wall, cpu = r["total"]
        runs = "/".join(f"{c:.2f}" for c in r["cpus"])
        steps = ", ".join(f"{k} {v[1]:.2f} ({v[0]:.2f})" for k, v in r["steps"].items())
        print(f"{mode:6} 1816-{last} {r['rows']:>10,} {wall:7.2f} {cpu:6.2f} {cpu / r['rows'] * 1e6:12.2f} "
              f"{r['peak']:8.0f}  {runs}; {steps}")
    print("\ngrowth between sizes, (CPU time ratio) / (row ratio); 1.0 = linear in rows")
    for mode in ("before", "after"):
        for small, big in ((1900, 1950), (1950, 2024), (1900, 2024)):
            a, b = results[mode, small], results[mode, big]
            rows, cpu = b["rows"] / a["rows"], b["total"][1] / a["total"][1]
            print(f"  {mode:6} 1816-{small} -> 1816-{big}: rows x{rows:.2f}, CPU x{cpu:.2f}, growth {cpu / rows:.2f}")
    print("\nstreamed (after) against in memory (before), same machine and sizes")
    for last in SIZES:
        a, b = results["before", last], results["after", last]
        equal, only = same[last]
        extra = f"; columns in one only: {', '.join(only)}" if only else ""
        print(f"  1816-{last}: CPU x{a['total'][1] / b['total'][1]:.2f}, wall x{a['total'][0] / b['total'][0]:.2f}, "
              f"peak memory {a['peak']:.0f} -> {b['peak']:.0f} MB; same rows and values in every shared column: "
              f"{equal}{extra}")
    full_a, full_b = results["before", 2024], results["after", 2024]
    print(f"\nstreamed vs in memory, 1816-2024: x{full_a['total'][1] / full_b['total'][1]:.2f} less CPU. The ratio to "
          "peacesciencer needs one basis on both sides (issue 15's is a chain collected in memory, no file): "
          "benchmarks/panel_ratio.py prints it")
    nmc = full_b["steps"]["nmc"]
    print(f"nmc step, 1816-2024: streamed {nmc[1]:.2f} s CPU ({nmc[0]:.2f} s wall), in memory "
          f"{full_a['steps']['nmc'][1]:.2f} s CPU; peacesciencer {R_NMC_S} s median (issue 15)")
    print(f"peak memory 1816-2024 streamed {full_b['peak']:.0f} MB (target < 400 MB); load average at the end "
          f"{os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        child(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    elif len(sys.argv) == 3 and sys.argv[1] in ("--before-src", "--before-rev"):
        main(*((sys.argv[2], None) if sys.argv[1] == "--before-src" else (None, sys.argv[2])))
    elif len(sys.argv) == 1:
        main()
    else:
        sys.exit("usage: panel.py [--before-rev REV | --before-src DIR]")
