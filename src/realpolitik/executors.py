"""Executors: the same work run serially, on local processes, or on a Ray cluster.

An executor has one primitive, `Executor.map(fn, items)`: it cuts the items into contiguous batches (many items
per task, so dispatch costs little per item), applies `fn` to every item of a batch where the batch runs, and
returns the results in item order. `Executor.run(sweep)` is a map over the batches of a Monte Carlo or
sensitivity sweep; the backtest harness (`realpolitik.evaluate.harness`) maps its cases. Because each sweep run
draws from its own stream (see `realpolitik.uncertainty.sweep`) and each backtest case is seeded by its scenario,
results are identical whatever the executor, the number of workers and the batch size. Batches are sized by time
when the time of one item is known (about `BATCH_SECONDS` each), so that Ctrl-C stops promptly: on the first
Ctrl-C the executor says so ("stopping… (k of n finished)"), batches not started are cancelled, batches already
running finish, finished ones are kept, and the result says it was interrupted. SIGTERM (``kill``, a job
scheduler's stop) is handled the same way while a map runs in the main thread: it is turned into Ctrl-C.

- `SerialExecutor`: in this process.
- `ProcessExecutor`: a warm pool of local processes (`realpolitik.pool.WorkerPool`: ``forkserver`` start method,
  safe beside threads such as Ray's or a progress display's; workers ignore SIGINT, the parent handles it), started
  on first use and kept for later runs until `close()`; a sweep goes to each worker once (cached by content hash).
  `make_executor`/`warm_executor` share one per worker count across a program. Default: every core.
- `RayExecutor`: Ray tasks; ``address=None`` starts a local Ray, ``"auto"`` joins the cluster running on this
  machine (starting a local one if there is none), any other address (``ray://host:10001``, ``host:6379``)
  joins that cluster. Ray is an optional dependency: ``pip install 'realpolitik[ray]'``.
"""

from __future__ import annotations

import math
import os
import signal
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import numpy as np

from realpolitik.errors import RealpolitikError
from realpolitik.pool import SweepTask, WorkerInfo, WorkerPool, run_sweep_task
from realpolitik.uncertainty.sweep import Batch, Sweep, run_batch

MAX_BATCH = 1000
BATCH_SECONDS = 0.5
MIN_TASK_SECONDS = 0.02
SERIAL_BATCH = 50
SERIAL_STEPS = 100
GUIDED_SHARE = 2

T = TypeVar("T")
R = TypeVar("R")


def all_cores() -> int:
    """Return the number of CPU cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def plan_batches(n: int, workers: int, batch_size: int | None = None,
                 seconds_per_item: float | None = None) -> list[tuple[int, int]]:
    """Return contiguous (start, stop) ranges covering items 0..n-1: `batch_size` items each when given, else
    guided batches: each takes ``1 / (GUIDED_SHARE · workers)`` of the items still unplanned, so batches shrink
    towards the end and the workers finish together; never more than `MAX_BATCH` items or, when
    `seconds_per_item` is known, about `BATCH_SECONDS` of work (Ctrl-C stays prompt), and never under
    `MIN_TASK_SECONDS` of work (dispatch stays a small fraction) unless that would leave a worker idle."""
    if batch_size:
        return [(a, min(a + batch_size, n)) for a in range(0, n, batch_size)]
    most = time_capped(seconds_per_item)
    least = min(most, time_floor(seconds_per_item), math.ceil(n / workers))
    spans, start = [], 0
    while start < n:
        size = min(n - start, max(least, min(most, math.ceil((n - start) / (GUIDED_SHARE * workers)))))
        spans.append((start, start + size))
        start += size
    return spans


def time_capped(seconds_per_item: float | None) -> int:
    """Return the most items that take about `BATCH_SECONDS` (`MAX_BATCH` when the time is unknown)."""
    if not _known(seconds_per_item):
        return MAX_BATCH
    return max(1, min(MAX_BATCH, int(BATCH_SECONDS / seconds_per_item)))  # type: ignore[operator]


def time_floor(seconds_per_item: float | None) -> int:
    """Return the fewest items that take `MIN_TASK_SECONDS` (1 when the time is unknown)."""
    if not _known(seconds_per_item):
        return 1
    return max(1, math.ceil(MIN_TASK_SECONDS / seconds_per_item))  # type: ignore[operator]


def _known(seconds: float | None) -> bool:
    return seconds is not None and seconds > 0 and math.isfinite(seconds)


@dataclass(frozen=True)
class ApplyEach:
    """The task a worker runs for one batch of a map: `fn` applied to every item, results in order."""

    fn: Callable[[Any], Any]

    def __call__(self, chunk: list) -> list:
        """Return ``[fn(item) for item in chunk]``."""
        return [self.fn(item) for item in chunk]


@dataclass
class MapResult(Generic[R]):
    """The results of `Executor.map` in item order (``None`` where an item did not run), which items finished,
    whether Ctrl-C interrupted the map, how it ran and how long it took (wall-clock seconds)."""

    results: list[R | None]
    done: np.ndarray
    interrupted: bool = False
    executor: str = ""
    seconds: float = 0.0

    @property
    def n_done(self) -> int:
        """Return how many items finished."""
        return int(self.done.sum())

    def finished(self) -> list[R]:
        """Return the results of the items that finished, in item order."""
        return [r for r, d in zip(self.results, self.done, strict=True) if d]  # type: ignore[misc]


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
    busy: dict[int, float] = field(default_factory=dict)
    cpu_seconds: float = 0.0

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
        self.cpu_seconds += batch.cpu_seconds
        if batch.worker:
            self.busy[batch.worker] = self.busy.get(batch.worker, 0.0) + batch.seconds


@dataclass(frozen=True)
class SweepPart:
    """Runs ``start`` to ``stop - 1`` of a sweep, with only the input rows they need (one item of a sweep's map)."""

    sweep: Sweep
    start: int
    stop: int

    @classmethod
    def of(cls, sweep: Sweep, start: int, stop: int) -> SweepPart:
        """Return the part of `sweep` holding runs ``start`` to ``stop - 1``."""
        return cls(sweep.part(start, stop), start, stop)

    @property
    def size(self) -> int:
        """Return the number of runs."""
        return self.stop - self.start


def run_part(part: SweepPart) -> Batch:
    """Run one part of a sweep (the function a sweep maps over its parts)."""
    return run_batch(part.sweep, part.start, part.stop)


class _Interrupt:
    """Set when Ctrl-C stopped a map; counts the finished items (or their weight) for the stopping notice."""

    def __init__(self, total: int, notice: Callable[[str], None] | None = None) -> None:
        self.stopped = False
        self.finished = 0
        self.total = total
        self.notice = notice

    def stop(self) -> None:
        """Record Ctrl-C; the first time, tell the user the map is stopping and how far it got."""
        if not self.stopped and self.notice is not None:
            self.notice(f"stopping… ({self.finished:,} of {self.total:,} finished); waiting for the running batches")
        self.stopped = True


def _sigterm_as_ctrl_c(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


@contextmanager
def sigterm_as_ctrl_c() -> Iterator[None]:
    """Within the block, SIGTERM raises KeyboardInterrupt like Ctrl-C (in the main thread only; elsewhere, and
    where the platform has no SIGTERM, nothing changes). The previous handler is restored afterwards."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGTERM"):
        yield
        return
    previous = signal.signal(signal.SIGTERM, _sigterm_as_ctrl_c)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class Executor(ABC):
    """Maps functions over items in batches; subclasses say where the batches run."""

    workers: int = 1

    def map(self, fn: Callable[[T], R], items: Iterable[T], batch_size: int | None = None,
            progress: Callable[[int], None] | None = None,
            weight: Callable[[T], int] | None = None, seconds_per_item: float | None = None,
            notice: Callable[[str], None] | None = None) -> MapResult[R]:
        """Apply `fn` to every item, in batches of `batch_size` items (default: the executor's choice, at most
        `BATCH_SECONDS` of work when `seconds_per_item` is given); return the results in item order. After each
        finished batch call ``progress(k)``, k the batch's items (or the sum of ``weight(item)`` over them).

        `fn` and the items must pickle for process and Ray executors (functions defined at module level). An
        exception other than Ctrl-C raised by `fn` propagates. Ctrl-C, or SIGTERM, calls ``notice("stopping… (k of
        n finished)…")`` at once, keeps the finished batches, shuts the workers down and returns with
        ``interrupted=True``.
        """
        with sigterm_as_ctrl_c():
            return self._map(fn, items, batch_size, progress, weight, seconds_per_item, notice)

    def _map(self, fn: Callable[[T], R], items: Iterable[T], batch_size: int | None,
             progress: Callable[[int], None] | None, weight: Callable[[T], int] | None,
             seconds_per_item: float | None, notice: Callable[[str], None] | None) -> MapResult[R]:
        items = list(items)
        spans = plan_batches(len(items), self.workers, batch_size or self.batch_size(len(items)), seconds_per_item)
        chunks = [items[a:b] for a, b in spans]
        result: MapResult[R] = MapResult([None] * len(items), np.zeros(len(items), bool), executor=self.describe())
        size = (lambda chunk: sum(map(weight, chunk))) if weight is not None else len
        flag = _Interrupt(sum(size(chunk) for chunk in chunks), notice)
        started = time.perf_counter()
        finished = self._iterate(ApplyEach(fn), chunks, flag)
        try:
            thrown = False
            while True:
                try:
                    k, values = finished.throw(KeyboardInterrupt()) if flag.stopped and not thrown else next(finished)
                    thrown = thrown or flag.stopped
                except StopIteration:
                    break
                except KeyboardInterrupt:  # raised where the iterator cannot catch it: nothing more to collect
                    flag.stop()
                    break
                a, b = spans[k]
                try:
                    result.results[a:b] = values
                    result.done[a:b] = True
                    flag.finished += size(chunks[k])
                    if progress is not None:
                        progress(size(chunks[k]))
                except KeyboardInterrupt:
                    result.results[a:b] = values
                    result.done[a:b] = True
                    flag.stop()
        finally:  # a map left early (its progress callback raised) settles its batches and frees the pool now
            finished.close()
        result.interrupted = flag.stopped
        result.seconds = time.perf_counter() - started
        return result

    def run(self, sweep: Sweep, batch_size: int | None = None,
            progress: Callable[[int], None] | None = None,
            notice: Callable[[str], None] | None = None) -> SweepResult:
        """Run every run of `sweep` (a map over parts of `batch_size` runs, by default about `BATCH_SECONDS` of
        work each, from the sweep's measured ``seconds_per_run``); call `progress(k)` after each part of k runs;
        return the result. Ctrl-C calls `notice` at once, keeps the finished parts and returns with
        ``interrupted=True``."""
        spans = plan_batches(sweep.n, self.workers, batch_size or self.batch_size(sweep.n), sweep.seconds_per_run)
        parts = [SweepPart.of(sweep, a, b) for a, b in spans]
        mapped = self.map(run_part, parts, batch_size=1, progress=progress, weight=_part_size, notice=notice)
        return _collect(sweep, mapped)

    def batch_size(self, n: int) -> int | None:
        """Return the executor's preferred items per batch for `n` items (``None``: by the number of workers)."""
        return None

    @abstractmethod
    def _iterate(self, task: Callable[[list], list], chunks: list[list], flag: _Interrupt) -> Generator[
            tuple[int, list], None, None]:
        """Yield ``(k, task(chunks[k]))`` for every chunk as it finishes, in any order; on KeyboardInterrupt cancel
        the rest, set `flag.stopped`, yield what finished, and return."""

    @abstractmethod
    def describe(self) -> str:
        """Return how the executor runs, e.g. ``processes (2 workers)``."""


def _part_size(part: SweepPart | SweepTask) -> int:
    return part.size


def _collect(sweep: Sweep, mapped: MapResult) -> SweepResult:
    """Return the sweep's result from the batches of its mapped parts."""
    result = SweepResult(sweep, np.full((sweep.n, len(sweep.series)), np.nan), np.zeros(sweep.n, bool),
                         interrupted=mapped.interrupted, executor=mapped.executor, seconds=mapped.seconds)
    for batch in mapped.finished():
        result.add(batch)
    result.failures.sort()
    return result


class SerialExecutor(Executor):
    """Runs every batch in this process, one after another."""

    workers = 1

    def batch_size(self, n: int) -> int | None:
        """Small batches (about `SERIAL_STEPS` of them, at most `SERIAL_BATCH` items each): progress moves often,
        Ctrl-C loses little."""
        return max(1, min(SERIAL_BATCH, math.ceil(n / SERIAL_STEPS)))

    def _iterate(self, task: Callable[[list], list], chunks: list[list], flag: _Interrupt) -> Generator[
            tuple[int, list], None, None]:
        try:
            for k, chunk in enumerate(chunks):
                yield k, task(chunk)
        except KeyboardInterrupt:
            flag.stop()

    def describe(self) -> str:
        """Return ``serial``."""
        return "serial"


class ProcessExecutor(Executor):
    """Runs batches on a warm pool of local worker processes (`realpolitik.pool.WorkerPool`): started on first use
    and kept for later runs until `close()`, the end of a ``with`` block or interpreter exit. Use `warm_executor`
    (what `make_executor` returns) to share one pool per worker count across a program's runs."""

    def __init__(self, workers: int | None = None) -> None:
        if workers is not None and workers < 1:
            raise RealpolitikError(f"--workers must be at least 1, not {workers}. Fix: pass --workers 2")
        self.workers = workers or all_cores()
        self.pool = WorkerPool(self.workers)

    def __enter__(self) -> ProcessExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the worker processes (a later run starts new ones)."""
        self.pool.close()

    def warm(self, sweep: Sweep | None = None) -> list[WorkerInfo]:
        """Start every worker and, with a `sweep`, load it into each and run its first draw there (see
        `WorkerPool.warm`); return each worker's process id and peak RSS."""
        return self.pool.warm(sweep)

    def run(self, sweep: Sweep, batch_size: int | None = None,
            progress: Callable[[int], None] | None = None,
            notice: Callable[[str], None] | None = None) -> SweepResult:
        """Run the sweep as `Executor.run` does; the sweep is pickled once and each worker reads it once (cached by
        content hash, so a later run of the same sweep reads nothing); a task names only its runs (and, for a
        sweep over given values, carries their input rows)."""
        spans = plan_batches(sweep.n, self.workers, batch_size or self.batch_size(sweep.n), sweep.seconds_per_run)
        with self.pool.in_use(), self.pool.payload(sweep) as stored:
            mapped = self.map(run_sweep_task, stored.tasks(sweep, spans), batch_size=1, progress=progress,
                              weight=_part_size, notice=notice)
        return _collect(sweep, mapped)

    def _iterate(self, task: Callable[[list], list], chunks: list[list], flag: _Interrupt) -> Generator[
            tuple[int, list], None, None]:
        with self.pool.in_use():
            yield from self._iterate_in_use(task, chunks, flag)

    def _iterate_in_use(self, task: Callable[[list], list], chunks: list[list], flag: _Interrupt) -> Generator[
            tuple[int, list], None, None]:
        futures = {self.pool.submit(task, chunk): k for k, chunk in enumerate(chunks)}
        delivered: set[int] = set()
        try:
            pending = set(futures)
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    delivered.add(futures[future])
                    yield futures[future], self._result(future, chunks[futures[future]])
        except KeyboardInterrupt:
            flag.stop()
            rest = [f for f, k in futures.items() if k not in delivered]
            for future in rest:
                future.cancel()
            for future in rest:  # batches already running finish; queued ones were cancelled
                if not future.cancelled():
                    try:
                        value = future.result()
                    except (BrokenProcessPool, KeyboardInterrupt):  # its worker was killed too (e.g. SIGTERM to all)
                        self.pool.close()
                        continue
                    yield futures[future], value
        finally:
            _settle(futures)

    def _result(self, future: Future, chunk: list) -> list:
        """Return a finished batch's results; a dead worker closes the pool and raises `RealpolitikError`."""
        try:
            return future.result()
        except BrokenProcessPool:
            self.pool.close()
            raise RealpolitikError(
                f"a worker process died while {_what(chunk)} or a batch beside it ran (killed, out of memory, or a "
                "crash in native code); the pool was shut down. Fix: rerun with fewer --workers, or with --workers 1 "
                "to see the error in this process") from None

    def describe(self) -> str:
        """Return ``processes (N workers)``."""
        return f"processes ({self.workers} workers)"


def _what(chunk: list) -> str:
    """Return what a batch held, e.g. ``draws 40-79 of bdm`` (a sweep's) or ``a batch of 4 items``."""
    describe = getattr(chunk[0], "describe", None) if len(chunk) == 1 else None
    return str(describe()) if callable(describe) else f"a batch of {len(chunk)} items"


def _settle(futures: dict[Future, int]) -> None:
    """Cancel the batches not started and wait for the running ones, so none outlives its map on the warm pool."""
    for future in futures:
        future.cancel()
    wait([f for f in futures if not f.done()])


_WARM: dict[int, ProcessExecutor] = {}
_WARM_LOCK = threading.Lock()


def warm_executor(workers: int | None = None) -> ProcessExecutor:
    """Return this process's shared process executor for `workers` workers (default every core): the same object
    for the same count, so every Monte Carlo, sensitivity or backtest run after the first finds its workers
    started and the sweep's data cached. Its pool is closed at interpreter exit, or by `close_pools()`."""
    count = workers or all_cores()
    with _WARM_LOCK:
        if count not in _WARM:
            _WARM[count] = ProcessExecutor(count)
        return _WARM[count]


def close_pools() -> None:
    """Stop the worker processes of every shared executor (`warm_executor`); later runs start new ones."""
    with _WARM_LOCK:
        executors = list(_WARM.values())
    for executor in executors:
        executor.close()


def _ray_call(task: Callable[[list], list], chunk: list) -> list:
    return task(chunk)


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
            args = self._init_args()
            target = os.environ.get("RAY_ADDRESS", "auto") if args.get("address") == "auto" else args.get("address")
            if target:
                check_reachable(target)
            try:
                ray.init(**args)
            except (ConnectionError, RuntimeError, ValueError, TimeoutError) as exc:
                raise RealpolitikError(f"--ray {self.address}: cannot join the Ray cluster at {args.get('address')} "
                                       f"({exc}). {RAY_FIX}") from None
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

    def _iterate(self, task: Callable[[list], list], chunks: list[list], flag: _Interrupt) -> Generator[
            tuple[int, list], None, None]:
        ray = self._ray()
        remote = ray.remote(_ray_call)
        shared = ray.put(task)  # the function is stored once; each task gets its chunk
        refs = {remote.remote(shared, chunk): k for k, chunk in enumerate(chunks)}
        pending = list(refs)
        try:
            while pending:
                done, pending = ray.wait(pending, num_returns=1)
                yield refs[done[0]], ray.get(done[0])
        except KeyboardInterrupt:
            flag.stop()
            for ref in pending:
                ray.cancel(ref)
            ready, _ = ray.wait(pending, num_returns=len(pending), timeout=1.0) if pending else ([], [])
            for ref in ready:
                try:
                    yield refs[ref], ray.get(ref)
                except Exception:  # noqa: BLE001 - a cancelled task has no result
                    continue

    def describe(self) -> str:
        """Return ``ray (ADDRESS, N CPUs)``."""
        return f"ray ({self.address or 'local'}, {self.workers} CPUs)"


RAY_FIX = ("Fix: start the cluster (`ray start --head` on its head node), check the address (HOST:6379, or "
           "ray://HOST:10001 for Ray Client), or use --ray local / --workers N to run on this machine")
CONNECT_SECONDS = 5.0


def check_reachable(address: str, timeout: float = CONNECT_SECONDS) -> None:
    """Raise `RealpolitikError` unless something accepts a TCP connection at a Ray `address` (``host:port`` or
    ``ray://host:port``) within `timeout` seconds: ``ray.init`` retries an unreachable address for minutes,
    silently. ``auto`` and addresses without a port are left to Ray."""
    import socket

    hostport = address.split("://", 1)[-1].split("/", 1)[0]
    host, sep, port = hostport.rpartition(":")
    if address == "auto" or not sep or not port.isdigit():
        return
    try:
        with socket.create_connection((host.strip("[]"), int(port)), timeout=timeout):
            pass
    except OSError as exc:
        reason = exc.strerror or str(exc) or type(exc).__name__
        raise RealpolitikError(f"--ray {address}: nothing answers at {host}:{port} ({reason}). {RAY_FIX}") from None


def _ray_cluster_running() -> bool:
    if os.environ.get("RAY_ADDRESS"):
        return True
    return os.path.exists("/tmp/ray/ray_current_cluster")


def make_executor(workers: int | None = None, ray: str | None = None) -> Executor:
    """Return the executor the CLI options ask for: Ray when `ray` is given (an address, ``auto`` or
    ``local``), serial for one worker, else the shared warm pool of local processes (`warm_executor`; default:
    every core)."""
    if ray is not None:
        return RayExecutor(ray, workers)
    if workers == 1:
        return SerialExecutor()
    return warm_executor(workers)


def choose_executor(workers: int | None, ray: str | None, runs: int, seconds_per_run: float) -> Executor:
    """Return the executor the ``--workers``/``--ray`` options ask for (a sweep's or a backtest's, the CLI's and
    the web's): as asked (`make_executor`: the shared warm pool for processes), or serial when nothing was asked,
    the `runs` would take under a second and no shared pool is running yet (starting worker processes would cost
    more than it saves; the result is the same)."""
    if workers is None and ray is None and runs * seconds_per_run < 1.0 and not _warm_pool_running():
        return SerialExecutor()
    return make_executor(workers, ray)


def _warm_pool_running() -> bool:
    """Return True when the shared pool for every core (what ``--workers`` unset asks for) has started."""
    executor = _WARM.get(all_cores())
    return executor is not None and executor.pool.started
