"""Benchmark SMP on KTAB's example scenarios of 26, 34, 40, 80 and 160 actors.

Prints wall time and peak traced memory per run and per turn, and the speed-up over KTAB's own runner on the
same scenarios as measured for ../shared/specs/ktab-smp.md §8 (smpc -O2 build, 2-vCPU machine: 40 actors 5.5 s,
80 actors about 55 s, 160 actors about 18.5 minutes). The issue's targets: ≥ 100× faster than KTAB at 80 and 160
actors, and 160 actors in under 10 s. Run: ``.venv/bin/python benchmarks/smp.py [--repeat N]``.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import tracemalloc
from pathlib import Path

from realpolitik.models import get_model
from realpolitik.scenario.ktab import load_ktab_csv

sys.path.insert(0, str(Path(__file__).resolve().parent))
from reference_data import peak_rss_mb  # noqa: E402

SHARED = Path(os.environ.get("REALPOLITIK_SHARED", Path(__file__).resolve().parents[2] / "shared"))
SCENARIOS = ["SOE-Policy.csv", "SOE-Competitive.csv", "dummyData-a040.csv", "dummyData-a080.csv",
             "dummyData-a160.csv"]
KTAB_SECONDS = {40: 5.5, 80: 55.0, 160: 18.5 * 60}  # the spec's measurements of KTAB's smpc


def timed(path: Path) -> tuple[int, int, float]:
    """Return (actors, turns, wall seconds) of one default SMP run on a KTAB CSV."""
    scenario = load_ktab_csv(path)
    model = get_model("smp")
    start = time.perf_counter()
    _, trace = model.simulate(scenario)
    return len(scenario.actors), len(trace.steps), time.perf_counter() - start


def peak_memory(path: Path) -> tuple[float, float]:
    """Return (peak traced MiB of the whole run, peak traced MiB of its first turn alone) of a separate run
    (tracing slows NumPy down, so it is not timed). The first turn is a max_rounds=1 run."""
    scenario = load_ktab_csv(path)
    peaks = []
    for model in (get_model("smp"), get_model("smp", max_rounds=1)):
        tracemalloc.start()
        model.simulate(scenario)
        peaks.append(tracemalloc.get_traced_memory()[1] / 2**20)
        tracemalloc.stop()
    return peaks[0], peaks[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs per scenario; the fastest is reported")
    args = parser.parse_args()
    folder = SHARED / "cases" / "ktab" / "inputs"
    if not folder.is_dir():
        raise SystemExit(f"KTAB inputs not found at {folder}; set REALPOLITIK_SHARED to the shared/ folder")
    print(f"{'scenario':<22}{'actors':>7}{'turns':>7}{'wall s':>9}{'s/turn':>9}{'peak MiB':>10}"
          f"{'turn MiB':>10}{'KTAB s':>9}{'speed-up':>10}")
    for name in SCENARIOS:
        n, turns, wall = min((timed(folder / name) for _ in range(args.repeat)), key=lambda r: r[2])
        peak, turn_peak = peak_memory(folder / name)
        ktab = KTAB_SECONDS.get(n)
        ratio = f"{ktab / wall:>9.0f}×" if ktab else f"{'':>10}"
        print(f"{name:<22}{n:>7}{turns:>7}{wall:>9.3f}{wall / turns:>9.4f}{peak:>10.1f}{turn_peak:>10.1f}"
              f"{ktab if ktab else '':>9}{ratio}")
    print(f"process peak RSS (all runs, this process): {peak_rss_mb():.0f} MB; per-N peaks in a child process each: "
          "benchmarks/smp_memory.py")


if __name__ == "__main__":
    main()
