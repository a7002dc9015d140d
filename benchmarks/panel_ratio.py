"""Benchmark: the dyad-year pipeline's CPU time against peacesciencer's, on one consistent basis.

Issue 15 quotes that the pipeline of commit 9384595 (one lazy chain collected once into an in-memory frame, as
`benchmarks/dyad_years.py` measured it then) took 4.6-5.1x less CPU than peacesciencer (R; not on this machine).
This script carries that ratio over on the same basis: it times 9384595's code and the current code, each in its own
child process, on directed COW dyad-years 1816-2024 with nmc, contiguity, atop, mids and peace-years:

- ``issue``: 9384595's code, the chain collected in memory (the basis of the quoted ratio);
- ``collect``: the current code, the same chain collected in memory: the same pipeline as peacesciencer's
  (which builds an in-memory data frame and writes no file);
- ``sink``: the current CLI path, streamed to a Parquet file: the conservative figure, since it counts the file
  writing that neither the quoted basis nor peacesciencer does.

Prints the median CPU seconds of `--repeats` interleaved runs, peak RSS, and the ratios times 4.6-5.1.
Run: ``OPENBLAS_NUM_THREADS=1 .venv/bin/python benchmarks/panel_ratio.py [--repeats 3]`` (reads ../shared/data).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from panel import ISSUE_REV, R_CPU_RATIO, extract
from reference_data import peak_rss_mb, shared_data

LAST = 2024


def child(mode: str, out: str) -> None:
    """Run one mode once and print CPU seconds, wall seconds, rows and peak RSS as JSON."""
    from realpolitik.data import data_dir, dyad_years

    data = data_dir(shared_data())
    start = time.perf_counter(), time.process_time()
    chain = dyad_years("cow", (1816, LAST), data=data)
    chain = chain.add_nmc().add_contiguity().add_atop_alliance().add_cow_mids().add_peace_years()
    if mode == "sink":
        from realpolitik.data.streaming import sink

        rows, _ = sink(chain.lazy, Path(out))
    else:
        rows = chain.collect().height
    wall, cpu = time.perf_counter() - start[0], time.process_time() - start[1]
    print(json.dumps({"cpu": cpu, "wall": wall, "rows": rows, "peak": peak_rss_mb()}))


def run(mode: str, issue_src: str, out: Path) -> dict:
    """One child run of `mode` (``issue`` on 9384595's ``src``)."""
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1"}
    if mode == "issue":
        env["PYTHONPATH"] = os.pathsep.join([issue_src, env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    proc = subprocess.run([sys.executable, __file__, "--child", mode, str(out)], env=env, capture_output=True,
                          text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(repeats: int) -> None:
    """Interleave the three modes `repeats` times and print medians and ratios."""
    modes = ("issue", "collect", "sink")
    runs: dict[str, list[dict]] = {m: [] for m in modes}
    with tempfile.TemporaryDirectory() as tmp:
        issue_src = extract(ISSUE_REV, Path(tmp))
        for _ in range(repeats):
            for mode in modes:
                runs[mode].append(run(mode, issue_src, Path(tmp) / f"{mode}.parquet"))
    med = {m: statistics.median(r["cpu"] for r in runs[m]) for m in modes}
    print(f"directed COW dyad-years 1816-{LAST} + nmc, contiguity, atop, mids, peace-years; median of {repeats} "
          f"interleaved runs (CPU s; load average {os.getloadavg()[0]:.1f})")
    for m in modes:
        r = runs[m][0]
        each = ", ".join(f"{x['cpu']:.2f}" for x in runs[m])
        print(f"  {m:8s} CPU {med[m]:6.2f} s  (runs {each})  "
              f"rows {r['rows']:,}  peak RSS {max(x['peak'] for x in runs[m]):.0f} MB")
    for label, mode in (("same pipeline as peacesciencer (collected in memory)", "collect"),
                        ("CLI path incl. writing Parquet (conservative)", "sink")):
        x = med["issue"] / med[mode]
        print(f"{label}: x{x:.2f} less CPU than {ISSUE_REV}'s code, so {R_CPU_RATIO[0] * x:.1f}-"
              f"{R_CPU_RATIO[1] * x:.1f}x less than peacesciencer (issue 15's ratio; target >= 8x)")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3])
    else:
        parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
        parser.add_argument("--repeats", type=int, default=3)
        main(parser.parse_args().repeats)
