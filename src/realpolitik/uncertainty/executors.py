"""Executors: the same sweep run serially, on local processes, or on a Ray cluster.

Every executor cuts a sweep into contiguous batches of runs (many runs per task, so dispatch costs little per
run), runs them, and puts each batch's outcomes at its run indices. Because each run draws from its own stream
(see `realpolitik.uncertainty.sweep`), the result is identical whatever the executor, the number of workers and
the batch size. Ctrl-C stops cleanly: batches not started are cancelled, batches already finished are kept, and
the result says it was interrupted.

- `SerialExecutor`: in this process.
- `ProcessExecutor`: `concurrent.futures.ProcessPoolExecutor` (``forkserver`` start method, safe beside threads
  such as Ray's or a progress display's; workers ignore SIGINT, the parent handles it). Default: every core.
- `RayExecutor`: Ray tasks; ``address=None`` starts a local Ray, ``"auto"`` joins the cluster running on this
  machine (starting a local one if there is none), any other address (``ray://host:10001``, ``host:6379``)
  joins that cluster. Ray is an optional dependency: ``pip install 'realpolitik[ray]'``.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import signal
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field

import numpy as np

from realpolitik.errors import RealpolitikError
from realpolitik.uncertainty.sweep import Batch, Sweep, run_batch

MAX_BATCH = 1000
SERIAL_BATCH = 50
TASKS_PER_WORKER = 4


def all_cores() -> int:
    """Return the number of CPU cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def plan_batches(n: int, workers: int, batch_size: int | None = None) -> list[tuple[int, int]]:
    """Return contiguous (start, stop) ranges covering runs 0..n-1: `batch_size` runs each, by default about
    `TASKS_PER_WORKER` tasks per worker and at most `MAX_BATCH` runs per task."""
    size = batch_size or max(1, min(MAX_BATCH, math.ceil(n / (workers * TASKS_PER_WORKER))))
    return [(a, min(a + size, n)) for a in range(0, n, size)]


@dataclass
class SweepResult:
    """The outcomes of a sweep (runs × series; NaN where a run failed or did not run), which runs finished,
    the failures (run index, message), whether Ctrl-C interrupted it, how it ran, how long it took (wall-clock
    seconds) and the seconds its batches spent computing where they ran (summed over workers)."""

    sweep: Sweep
    outcomes: np.ndarray
    done: np.ndarray
    failures: list[tuple[int, str]] = field(default_factory=list)
    interrupted: bool = False
    executor: str = ""
    seconds: float = 0.0
    compute_seconds: float = 0.0

    @property
    def n_done(self) -> int:
        """Return how many runs finished (successfully or not)."""
        return int(self.done.sum())

    @property
    def ok(self) -> np.ndarray:
        """Return the mask of runs that finished with an outcome."""
        return self.done & ~np.isnan(self.outcomes).any(axis=1)

    def add(self, batch: Batch) -> None:
        """Store one batch's outcomes at its run indices."""
        self.outcomes[batch.start:batch.stop] = batch.outcomes
        self.done[batch.start:batch.stop] = True
        self.failures.extend(batch.failures)
        self.compute_seconds += batch.seconds


class _Interrupt:
    """Set when Ctrl-C stopped a sweep."""

    stopped = False


class Executor(ABC):
    """Runs the batches of a sweep; subclasses say where."""

    workers: int = 1

    def run(self, sweep: Sweep, batch_size: int | None = None,
            progress: Callable[[int], None] | None = None) -> SweepResult:
        """Run every batch of `sweep`; call `progress(k)` after each batch of k runs; return the result.

        Ctrl-C keeps the finished batches and returns with ``interrupted=True``.
        """
        result = SweepResult(sweep, np.full((sweep.n, len(sweep.series)), np.nan), np.zeros(sweep.n, bool),
                             executor=self.describe())
        flag = _Interrupt()
        started = time.perf_counter()
        batches = self._iterate(sweep, plan_batches(sweep.n, self.workers, batch_size or self.batch_size(sweep)),
                                flag)
        thrown = False
        while True:
            try:
                batch = batches.throw(KeyboardInterrupt()) if flag.stopped and not thrown else next(batches)
                thrown = thrown or flag.stopped
            except StopIteration:
                break
            except KeyboardInterrupt:  # raised where the iterator cannot catch it: nothing more to collect
                flag.stopped = True
                break
            try:
                result.add(batch)
                if progress is not None:
                    progress(batch.stop - batch.start)
            except KeyboardInterrupt:
                result.add(batch)
                flag.stopped = True
        result.failures.sort()
        result.interrupted = flag.stopped
        result.seconds = time.perf_counter() - started
        return result

    def batch_size(self, sweep: Sweep) -> int | None:
        """Return the executor's preferred runs per batch (``None``: by the number of workers)."""
        return None

    @abstractmethod
    def _iterate(self, sweep: Sweep, batches: list[tuple[int, int]], flag: _Interrupt) -> Iterator[Batch]:
        """Yield finished batches in any order; on KeyboardInterrupt cancel the rest, set `flag.stopped`,
        yield what finished, and return."""

    @abstractmethod
    def describe(self) -> str:
        """Return how the executor runs, e.g. ``processes (2 workers)``."""


class SerialExecutor(Executor):
    """Runs every batch in this process, one after another."""

    workers = 1

    def batch_size(self, sweep: Sweep) -> int | None:
        """Small batches: progress moves often, Ctrl-C loses little."""
        return SERIAL_BATCH

    def _iterate(self, sweep: Sweep, batches: list[tuple[int, int]], flag: _Interrupt) -> Iterator[Batch]:
        try:
            for start, stop in batches:
                yield run_batch(sweep, start, stop)
        except KeyboardInterrupt:
            flag.stopped = True

    def describe(self) -> str:
        """Return ``serial``."""
        return "serial"


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class ProcessExecutor(Executor):
    """Runs batches on local worker processes (`concurrent.futures.ProcessPoolExecutor`)."""

    def __init__(self, workers: int | None = None) -> None:
        if workers is not None and workers < 1:
            raise RealpolitikError(f"--workers must be at least 1, not {workers}. Fix: pass --workers 2")
        self.workers = workers or all_cores()

    def _iterate(self, sweep: Sweep, batches: list[tuple[int, int]], flag: _Interrupt) -> Iterator[Batch]:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["realpolitik.models", "realpolitik.uncertainty.sweep"])
        pool = ProcessPoolExecutor(self.workers, mp_context=context, initializer=_ignore_sigint)
        futures = [pool.submit(run_batch, sweep.part(a, b), a, b) for a, b in batches]
        delivered: set[int] = set()
        try:
            pending = set(futures)
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    delivered.add(id(future))
                    yield future.result()
        except KeyboardInterrupt:
            flag.stopped = True
            rest = [f for f in futures if id(f) not in delivered]
            for future in rest:
                future.cancel()
            for future in rest:  # batches already running finish (they are short); queued ones were cancelled
                if not future.cancelled():
                    yield future.result()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def describe(self) -> str:
        """Return ``processes (N workers)``."""
        return f"processes ({self.workers} workers)"


def _ray_batch(sweep: Sweep, start: int, stop: int) -> Batch:
    return run_batch(sweep, start, stop)


class RayExecutor(Executor):
    """Runs batches as Ray tasks, on a local Ray or a cluster (see the module docstring for `address`)."""

    def __init__(self, address: str | None = None, workers: int | None = None) -> None:
        self.address = address
        self._workers = workers

    def _ray(self):
        try:
            import ray
        except ImportError:
            raise RealpolitikError("the Ray executor needs Ray, which is not installed. "
                                   "Fix: pip install 'realpolitik[ray]', or drop --ray to use local processes") \
                from None
        if not ray.is_initialized():
            ray.init(**self._init_args())
        return ray

    def _init_args(self) -> dict:
        local = {"num_cpus": self._workers or all_cores(), "include_dashboard": False, "log_to_driver": False}
        if self.address in (None, "", "local"):
            return local
        if self.address == "auto" and not _ray_cluster_running():
            return local
        return {"address": self.address, "log_to_driver": False}

    @property
    def workers(self) -> int:  # type: ignore[override]
        """Return the CPUs Ray offers (the requested number before Ray starts)."""
        try:
            import ray

            if ray.is_initialized():
                return max(1, int(ray.cluster_resources().get("CPU", 1)))
        except ImportError:
            pass
        return self._workers or all_cores()

    def _iterate(self, sweep: Sweep, batches: list[tuple[int, int]], flag: _Interrupt) -> Iterator[Batch]:
        ray = self._ray()
        remote = ray.remote(_ray_batch)
        shared = ray.put(sweep)
        pending = [remote.remote(shared, a, b) for a, b in batches]
        try:
            while pending:
                done, pending = ray.wait(pending, num_returns=1)
                yield ray.get(done[0])
        except KeyboardInterrupt:
            flag.stopped = True
            for ref in pending:
                ray.cancel(ref)
            ready, _ = ray.wait(pending, num_returns=len(pending), timeout=1.0) if pending else ([], [])
            for ref in ready:
                try:
                    yield ray.get(ref)
                except Exception:  # noqa: BLE001 - a cancelled task has no result
                    continue

    def describe(self) -> str:
        """Return ``ray (ADDRESS, N CPUs)``."""
        return f"ray ({self.address or 'local'}, {self.workers} CPUs)"


def _ray_cluster_running() -> bool:
    if os.environ.get("RAY_ADDRESS"):
        return True
    return os.path.exists("/tmp/ray/ray_current_cluster")


def make_executor(workers: int | None = None, ray: str | None = None) -> Executor:
    """Return the executor the CLI options ask for: Ray when `ray` is given (an address, ``auto`` or
    ``local``), serial for one worker, else local processes (default: every core)."""
    if ray is not None:
        return RayExecutor(ray, workers)
    if workers == 1:
        return SerialExecutor()
    return ProcessExecutor(workers)
