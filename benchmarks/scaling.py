"""Monte Carlo parallel efficiency by number of local worker processes (1, 2, 4, ... up to --max-workers).

For each model and worker count P it times the same sweep of the built-in scenario three ways, all in this process:
- ``before``: the process executor of the baseline commit (``--baseline main``), loaded from git beside the current
  package: a new pool per run, the sweep shipped in the pool's initializer; timed as the library ran it (cold);
- ``after cold``: `realpolitik.executors.ProcessExecutor` on a fresh pool: its first run, start-up included;
- ``after warm``: the same pool after `ProcessExecutor.warm(sweep)` (every worker started, the sweep read and its
  first draw run, outside the timed part): what every run after the first costs on the library's warm pool.
Efficiency at P workers = T1 / (P · TP): T1 the serial wall time of the sweep in this process (no executor), TP
the wall time on P workers; ``e/CPU`` puts the serial run's CPU seconds for T1 (on a shared machine the serial wall
time is inflated by other processes, which flatters ``effic.``; on idle cores the two agree).
The overhead split is in worker-seconds, as shares of P · TP: ``compute`` (the batches'
own time where they ran), ``serial.`` (pickling and unpickling the sweep once and every task's arguments and
results, measured here on the same objects), ``imbal.`` (workers idle while the busiest one computes:
P · max busy − Σ busy) and ``sched.`` (the rest: dispatch, wake-ups, the parent's loop; for the baseline, whose
batches do not say which worker ran them, all of P · TP − compute). ``x T1`` is the batches' wall-clock compute
over T1, ``xCPU`` their CPU seconds over the serial run's: when ``x T1`` is well above ``xCPU`` the draws waited
for a core (other processes on the machine), when both are above 1 they ran slower in parallel (memory bandwidth,
turbo).
Every run's outcomes are compared with the serial run's: they must be identical. For each P the four kinds
(serial, before, after cold, after warm) run in ``--repeats`` interleaved rounds, so that load from other
processes hits every kind alike, and each row shows the fastest of its kind (the serial row gives T1 for that P).

Run: ``OPENBLAS_NUM_THREADS=1 .venv/bin/python benchmarks/scaling.py --max-workers 16 --draws 4000 --model bdm``
(``--model compromise,bdm,smp`` for several; ``--baseline ''`` skips the baseline). It reads only the repository.
On a machine with fewer cores than --max-workers the figures beyond its cores show oversubscription, not the
method's limit.
"""

from __future__ import annotations

import argparse
import atexit
import importlib
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from reference_data import peak_rss_mb  # noqa: E402

from realpolitik.executors import ApplyEach, ProcessExecutor, SweepResult, plan_batches  # noqa: E402
from realpolitik.models import get_model  # noqa: E402
from realpolitik.pool import SweepPayload, run_sweep_task  # noqa: E402
from realpolitik.scenario.io import load_scenario  # noqa: E402
from realpolitik.uncertainty.draws import InputSpace  # noqa: E402
from realpolitik.uncertainty.sweep import Batch, Sweep, run_batch  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def baseline_executors(ref: str) -> ModuleType | None:
    """Return the executors module of commit `ref` (from ``git show``), importable by worker processes under the
    name ``executors_baseline``; None when git or the commit is not there."""
    try:
        text = subprocess.run(["git", "show", f"{ref}:src/realpolitik/executors.py"], cwd=ROOT, check=True,
                              capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError) as exc:
        print(f"baseline {ref!r} not available ({exc}); skipping it")
        return None
    folder = tempfile.mkdtemp(prefix="realpolitik-baseline-")
    atexit.register(shutil.rmtree, folder, True)  # after the pools, which close at the end of each timed run
    Path(folder, "executors_baseline.py").write_text(text)
    sys.path.insert(0, folder)  # before any pool starts: the forkserver copies sys.path when it starts
    return importlib.import_module("executors_baseline")


def worker_counts(most: int) -> list[int]:
    """Return 1, 2, 4, ... up to `most`, and `most` itself."""
    counts = [1]
    while counts[-1] * 2 <= most:
        counts.append(counts[-1] * 2)
    return counts if counts[-1] == most else [*counts, most]


def worker_list(text: str) -> list[int]:
    """Parse ``--workers 1,4,16``: whole numbers of at least 1 (argparse reports anything else with the fix)."""
    try:
        counts = [int(w) for w in text.split(",")]
    except ValueError:
        counts = []
    if not counts or min(counts) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a list of worker counts. Fix: e.g. --workers 1,4,8,16")
    return counts


@dataclass
class Row:
    """One timed sweep: how it ran, its wall time and what the overhead split needs."""

    label: str
    workers: int
    wall: float
    identical: bool
    result: SweepResult | None = None
    serialise: float = 0.0
    tasks: list[tuple[int, int]] | None = None
    worker_rss: float = 0.0


def serialisation_seconds(sweep: Sweep, result: SweepResult, spans: list[tuple[int, int]], workers: int,
                          cold: bool) -> float:
    """Return the CPU seconds of pickling + unpickling everything a pooled run sends: the sweep once (and read once
    per worker when `cold`), each task's arguments and each batch's result (measured on equivalent objects)."""
    folder = tempfile.mkdtemp(prefix="realpolitik-bench-")
    with SweepPayload(sweep, folder) as stored:
        total = stored.serialise_seconds
        data = Path(stored.path).read_bytes()
        tasks = stored.tasks(sweep, spans)
    started = time.perf_counter()
    if cold:
        for _ in range(workers):
            pickle.loads(data)
    for task, (a, b) in zip(tasks, spans, strict=True):
        message = pickle.dumps((ApplyEach(run_sweep_task), [task]))
        pickle.loads(message)
        reply = pickle.dumps([_equivalent_batch(result, a, b)])
        pickle.loads(reply)
    os.rmdir(folder)
    return total + time.perf_counter() - started


def _equivalent_batch(result: SweepResult, a: int, b: int) -> Batch:
    return Batch(a, b, result.outcomes[a:b], (), 0.0, 1)


def _timed(run) -> tuple[float, float, object]:
    """Return (wall seconds, this process's CPU seconds, result) of ``run()``."""
    started, cpu = time.perf_counter(), time.process_time()
    result = run()
    return time.perf_counter() - started, time.process_time() - cpu, result


def _first_run(sweep: Sweep, workers: int) -> SweepResult:
    with ProcessExecutor(workers) as executor:
        return executor.run(sweep)


def rounds(sweep: Sweep, workers: int, baseline: ModuleType | None, runs: int) -> tuple[dict[str, list], float]:
    """Time `runs` rounds, each of: the serial sweep, the baseline's run, a cold run and a warm run on `workers`
    processes, interleaved so that load from other processes hits every kind alike; return the timings by kind
    and the largest worker's peak RSS (MiB)."""
    timings: dict[str, list] = {"serial": [], "before": [], "after cold": [], "after warm": []}
    with ProcessExecutor(workers) as warm:
        warm.warm(sweep)  # outside the timed part: every worker started, the sweep cached, its first draw run
        for _ in range(runs):
            timings["serial"].append(_timed(lambda: run_batch(sweep, 0, sweep.n)))
            if baseline is not None:
                timings["before"].append(_timed(lambda: baseline.ProcessExecutor(workers).run(sweep)))
            timings["after cold"].append(_timed(lambda: _first_run(sweep, workers)))
            timings["after warm"].append(_timed(lambda: warm.run(sweep)))
        rss = max(info.peak_rss_mb for info in warm.warm(sweep))
    return timings, rss


def rows_of(sweep: Sweep, workers: int, timings: dict[str, list], rss: float, baseline: ModuleType | None,
            serial: np.ndarray) -> list[Row]:
    """Return the fastest run of each kind as a table row (noise on a shared machine only ever adds time)."""
    spans = plan_batches(sweep.n, workers, None, sweep.seconds_per_run)
    rows = []
    for label in ("before", "after cold", "after warm"):
        if not timings[label]:
            continue
        wall, _, result = min(timings[label], key=lambda t: t[0])
        same = np.array_equal(result.outcomes, serial, equal_nan=True)
        if label == "before":
            assert baseline is not None
            rows.append(Row(label, workers, wall, same, result,
                            tasks=baseline.plan_batches(sweep.n, workers, None, sweep.seconds_per_run)))
        else:
            rows.append(Row(label, workers, wall, same, result,
                            serialisation_seconds(sweep, result, spans, workers, label == "after cold"), spans, rss))
    return rows


def show(row: Row, t1: float, t1_cpu: float, n: int) -> str:
    """Return one line of the table."""
    p, budget = row.workers, row.workers * row.wall
    line = (f"{row.label:<10} {p:>3} {row.wall:>8.2f} {row.wall * p / n * 1e3:>9.3f} {t1 / row.wall:>6.2f}x "
            f"{t1 / budget:>6.0%} {t1_cpu / budget:>6.0%}")
    if row.result is None or row.tasks is None:
        return line
    compute = row.result.compute_seconds
    sizes = [b - a for a, b in row.tasks]
    cpu = getattr(row.result, "cpu_seconds", 0.0)
    busy = list(getattr(row.result, "busy", {}).values())
    if busy:
        imbalance = p * max(busy) - compute  # a worker that got no batch was idle throughout
        rest = budget - compute - row.serialise - imbalance
        split = f"{row.serialise / budget:>7.1%} {imbalance / budget:>6.1%} {rest / budget:>6.1%}"
    else:  # the baseline's batches do not say which worker ran them
        split = f"{'':>7} {'':>6} {(budget - compute) / budget:>6.1%}"
    return (line + f" {compute / budget:>7.0%} {split} {compute / t1:>5.2f} "
            f"{cpu / t1_cpu if cpu else float('nan'):>5.2f} {len(sizes):>5} {max(sizes):>5}-{min(sizes):<5} "
            f"{str(row.identical):>9} {row.worker_rss or float('nan'):>7.0f}")


HEADER = (f"{'run':<10} {'P':>3} {'wall s':>8} {'ms/draw·P':>9} {'speed':>7} {'effic.':>6} {'e/CPU':>6} {'compute':>7} "
          f"{'serial.':>7} {'imbal.':>6} {'sched.':>6} {'x T1':>5} {'xCPU':>5} {'tasks':>5} {'draws/task':>11} "
          f"{'identical':>9} {'wRSS MB':>7}")


def measure(model_name: str, draws: int, counts: list[int], baseline: ModuleType | None, runs: int) -> None:
    """Print the table for one model."""
    scenario = load_scenario("south-caucasus-2020")
    sweep = Sweep.monte_carlo(InputSpace.of(scenario), get_model(model_name), draws, seed=1)
    run_batch(sweep, 0, 2)  # imports and caches paid in this process too
    print(f"\n{model_name} on {scenario.id}: {draws:,} draws; {runs} interleaved rounds per worker count")
    print(HEADER)
    for p in counts:
        timings, rss = rounds(sweep, p, baseline, runs)
        t1, t1_cpu, batch = min(timings["serial"], key=lambda t: t[0])
        print(f"{'serial':<10} {1:>3} {t1:>8.2f} {t1 / draws * 1e3:>9.3f}   (T1; CPU {t1_cpu / draws * 1e3:.3f} ms a "
              f"draw)")
        for row in rows_of(sweep, p, timings, rss, baseline, batch.outcomes):
            print(show(row, t1, t1_cpu, draws))


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--max-workers", type=int, default=2)
    parser.add_argument("--workers", type=worker_list, default=None,
                        help="worker counts, comma-separated (instead of 1, 2, 4 ... max)")
    parser.add_argument("--draws", default="2000", help="draws per model: one number, or one per model (a,b,c)")
    parser.add_argument("--model", default="bdm", help="one model or several, comma-separated")
    parser.add_argument("--baseline", default="main", help="git commit whose executor is 'before' ('' to skip)")
    parser.add_argument("--repeats", type=int, default=3, help="timed runs of each kind; the fastest is shown")
    args = parser.parse_args()
    baseline = baseline_executors(args.baseline) if args.baseline else None
    models = [m.strip() for m in args.model.split(",") if m.strip()]
    draws = [int(d) for d in args.draws.split(",")]
    draws = draws * len(models) if len(draws) == 1 else draws
    print(f"{os.cpu_count()} cores here; load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}; "
          f"OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', 'unset')}")
    for name, n in zip(models, draws, strict=True):
        counts = args.workers or worker_counts(args.max_workers)
        measure(name, n, counts, baseline, args.repeats)
    print(f"\npeak RSS of the parent: {peak_rss_mb():.0f} MB (wRSS: the largest worker's peak RSS)")


if __name__ == "__main__":
    main()
