"""Monte Carlo parallel efficiency by number of local worker processes (1, 2, 4, ... up to --max-workers).

Method (what the issue asks of scale-out, shown here on the library's own `Sweep` and `run_batch`):
- the sweep (scenario, input space, model) is shipped once per worker through the pool's initializer, and tasks
  carry only (start, stop) run ranges;
- batches of draws per task: about `--tasks-per-worker` tasks per worker, each many draws;
- warm-up outside the timed part: the pool is started and every worker runs one small batch before timing;
- the outcomes of every worker count are compared with the serial run: they must be identical.
Efficiency at P workers = T(1) / (P · T(P)), T the wall time of the timed sweep (serial T(1) in this process).

Run: ``.venv/bin/python benchmarks/scaling.py --max-workers 16 [--draws 20000] [--model bdm]``; it reads only the
repository (the built-in scenario ``src/realpolitik/scenarios/south-caucasus-2020.toml``). On this 2-core machine
the figures beyond 2 workers show oversubscription, not the method's limit.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from reference_data import peak_rss_mb  # noqa: E402

from realpolitik.models import get_model  # noqa: E402
from realpolitik.scenario.io import load_scenario  # noqa: E402
from realpolitik.uncertainty.draws import InputSpace  # noqa: E402
from realpolitik.uncertainty.sweep import Sweep, run_batch  # noqa: E402

_SWEEP: Sweep | None = None  # the worker's copy, set once by `_init`


def _init(sweep: Sweep) -> None:
    global _SWEEP
    _SWEEP = sweep


def _span(bounds: tuple[int, int]) -> tuple[int, int, np.ndarray, float]:
    batch = run_batch(_SWEEP, *bounds)
    return batch.start, batch.stop, batch.outcomes, batch.seconds


def spans(n: int, workers: int, per_worker: int) -> list[tuple[int, int]]:
    """Return contiguous run ranges: `per_worker` tasks per worker, as equal as possible."""
    edges = np.linspace(0, n, workers * per_worker + 1).round().astype(int)
    return [(int(a), int(b)) for a, b in zip(edges[:-1], edges[1:], strict=True) if b > a]


def timed(sweep: Sweep, workers: int, per_worker: int) -> tuple[float, np.ndarray]:
    """Return (wall seconds of the timed sweep, outcomes) on a warmed pool of `workers` processes."""
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init, initargs=(sweep,)) as pool:
        list(pool.map(_span, [(0, 1)] * workers))  # warm-up: start every worker, import, first run
        start = time.perf_counter()
        parts = list(pool.map(_span, spans(sweep.n, workers, per_worker)))
        wall = time.perf_counter() - start
    outcomes = np.full((sweep.n, len(sweep.series)), np.nan)
    for a, b, values, _ in parts:
        outcomes[a:b] = values
    return wall, outcomes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-workers", type=int, default=2)
    parser.add_argument("--draws", type=int, default=2000)
    parser.add_argument("--model", default="bdm")
    parser.add_argument("--tasks-per-worker", type=int, default=4)
    args = parser.parse_args()
    scenario = load_scenario("south-caucasus-2020")
    space = InputSpace.of(scenario)
    sweep = Sweep.monte_carlo(space, get_model(args.model), args.draws, seed=1)
    run_batch(sweep, 0, 2)  # warm caches in this process too
    start = time.perf_counter()
    serial = run_batch(sweep, 0, sweep.n).outcomes
    t1 = time.perf_counter() - start
    print(f"{args.model} on {scenario.id}: {args.draws:,} draws, {t1 / args.draws * 1e3:.2f} ms a draw serially "
          f"({t1:.2f} s)")
    print(f"{'workers':>7} {'wall s':>8} {'speed-up':>8} {'efficiency':>10} {'identical':>9}")
    counts = [1]
    while counts[-1] * 2 <= args.max_workers:
        counts.append(counts[-1] * 2)
    if counts[-1] != args.max_workers:
        counts.append(args.max_workers)
    for p in counts:
        wall, outcomes = timed(sweep, p, args.tasks_per_worker)
        same = np.array_equal(outcomes, serial, equal_nan=True)
        print(f"{p:>7} {wall:>8.2f} {t1 / wall:>8.2f} {t1 / (p * wall):>10.0%} {str(same):>9}")
    print(f"peak RSS of the parent: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
