"""Start-up time of the `realpolitik` command, whole process, and the top of its import tree.

    python benchmarks/startup.py [--runs 7] [--top 15]

For `--help`, `models` and `forecast -m compromise` (the built-in scenario): the median, min and max wall time of
`--runs` fresh processes (what a user waits for), against the baseline of a bare ``python -c pass`` measured in the
same way in the same run (the interpreter's own start-up), and the ratio of each to it. Then the modules that
``python -X importtime`` reports as slowest (cumulative) when the command's app is imported, which is where
start-up time goes. `models` reads its listing from a cache file that the first run writes (see
`realpolitik.models.listing`): the cold row times a run without it. The target of issue 12 is under 0.3 s for
`--help` and `models` on the idle machine; on a
machine shared with other work the figures are higher, so read them against the baseline.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

COMMANDS = {
    "--help": ["--help"],
    "models (cold cache)": ["models"],
    "models": ["models"],
    "forecast -m compromise": ["forecast", "-m", "compromise"],
}
CLI = [sys.executable, "-c", "from realpolitik.cli import main; main()"]


def wall_times(argv: list[str], runs: int) -> list[float]:
    """Return the wall time of `runs` fresh processes running `argv` (output discarded)."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - started)
    return times


def import_tree(module: str, top: int) -> list[tuple[int, str]]:
    """Return the `top` slowest imports (cumulative microseconds, module) of importing `module`."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", f"import {module}"], capture_output=True,
                          text=True, check=True)
    rows = []
    for line in done.stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            rows.append((int(parts[1]), parts[2].rstrip()))
    return sorted(rows, reverse=True)[:top]


def main() -> None:
    """Print the start-up figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()
    baseline = statistics.median(wall_times([sys.executable, "-c", "pass"], args.runs))
    print(f"whole-process wall time, median of {args.runs} runs (baseline `python -c pass`: {baseline:.3f} s)")
    print(f"{'command':<26}{'median':>9}{'min':>9}{'max':>9}{'× baseline':>12}")
    cache = tempfile.mkdtemp(prefix="realpolitik-startup-")
    os.environ["REALPOLITIK_CACHE_DIR"] = cache  # the model listing's cache (realpolitik.models.listing)
    for label, argv in COMMANDS.items():
        if "cold" in label:  # every run starts without the listing cache: what the first `models` costs
            times = []
            for _ in range(args.runs):
                shutil.rmtree(cache, ignore_errors=True)
                times += wall_times(CLI + argv, 1)
        else:
            times = wall_times(CLI + argv, args.runs)
        median = statistics.median(times)
        print(f"{label:<26}{median:>8.3f}s{min(times):>8.3f}s{max(times):>8.3f}s{median / baseline:>11.1f}×")
    for module in ("realpolitik.cli.application", "realpolitik.models"):
        print(f"\nslowest imports of `import {module}` (cumulative, python -X importtime):")
        for micros, name in import_tree(module, args.top):
            print(f"{micros / 1000:>9.1f} ms  {name}")


if __name__ == "__main__":
    main()
