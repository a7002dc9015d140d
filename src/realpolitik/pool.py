"""A warm pool of local worker processes, kept between runs, with each worker's cache of the sweeps it was sent.

`WorkerPool` wraps a `concurrent.futures.ProcessPoolExecutor` (``forkserver`` start method) that is started on
first use and kept until `WorkerPool.close` (or interpreter exit), so a second Monte Carlo, sensitivity or backtest
run on the same pool pays no start-up. A sweep's scenario and model go to each worker once: the parent pickles the
sweep once into a file in memory-backed storage (`SweepPayload`), named by the SHA-256 of its bytes; a task
(`SweepTask`) carries that key, the file's path and its run range (plus the input rows of those runs, for sweeps
over given values). A worker that has not seen the key reads the file once and keeps the sweep in a small
least-recently-used cache (`CACHE_SIZE` sweeps), so a later run of the same sweep on a warm pool reads nothing.
Workers return each batch as one `Batch` (outcomes as a NumPy array, not per-draw objects).

Workers ignore Ctrl-C (the parent handles it) and exit when the parent is gone, even after SIGKILL. A pool no run
has used for `idle_seconds` (environment ``REALPOLITIK_POOL_IDLE``, default 600; 0 or inf keeps it until exit) stops its
workers, so a long-lived web server does not hold them idle; the next run starts new ones.
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import multiprocessing
import os
import pickle
import shutil
import signal
import tempfile
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from threading import BrokenBarrierError
from typing import Any

import numpy as np

from realpolitik.errors import RealpolitikError
from realpolitik.uncertainty.sweep import Batch, Sweep, run_batch

CACHE_SIZE = 4
PRIME_SECONDS = 60.0

_CACHE: OrderedDict[str, Sweep] = OrderedDict()  # in a worker: the sweeps it has read, most recent last
_BARRIER: Any = None  # in a worker: the pool's barrier (`WorkerPool.warm` gives every worker one task)


@dataclass(frozen=True)
class SweepTask:
    """Runs ``start`` to ``stop - 1`` of the sweep stored under `key` at `path` (with `rows`, their input values,
    for a sweep over given values); `label` names the sweep in errors (e.g. ``bdm``)."""

    key: str
    path: str
    start: int
    stop: int
    rows: np.ndarray | None = None
    label: str = ""

    @property
    def size(self) -> int:
        """Return the number of runs."""
        return self.stop - self.start

    def describe(self) -> str:
        """Return e.g. ``draws 40-79 of bdm``."""
        return f"draws {self.start}-{self.stop - 1}" + (f" of {self.label}" if self.label else "")


def cached_sweep(key: str, path: str) -> Sweep:
    """Return the sweep stored under `key`: from this worker's cache, else read from `path` (once per worker)."""
    sweep = _CACHE.get(key)
    if sweep is None:
        sweep = pickle.loads(Path(path).read_bytes())
        _CACHE[key] = sweep
        while len(_CACHE) > CACHE_SIZE:
            _CACHE.popitem(last=False)
    _CACHE.move_to_end(key)
    return sweep


def run_sweep_task(task: SweepTask) -> Batch:
    """Run one task of a sweep in a worker; return its batch, stamped with this worker's process id."""
    sweep = cached_sweep(task.key, task.path)
    if task.rows is not None:
        sweep = replace(sweep, rows=task.rows, offset=task.start)
    return replace(run_batch(sweep, task.start, task.stop), worker=os.getpid())


@dataclass(frozen=True)
class WorkerInfo:
    """What `WorkerPool.warm` learns of one worker: its process id and peak resident memory (MiB)."""

    pid: int
    peak_rss_mb: float


def _prime(key: str | None, path: str | None) -> WorkerInfo:
    """Warm-up task: load the sweep and run its first draw here, then wait until every worker has one such task."""
    if key is not None and path is not None:
        run_batch(cached_sweep(key, path), 0, 1)
    if _BARRIER is not None:
        try:
            _BARRIER.wait(PRIME_SECONDS)
        except BrokenBarrierError:
            pass
    return WorkerInfo(os.getpid(), _peak_rss_mb())


def _peak_rss_mb() -> float:
    """Return this process's peak resident memory in MiB (0.0 where the platform has no `resource` module)."""
    try:
        import resource  # POSIX only: imported here so that the package imports everywhere
    except ImportError:  # pragma: no cover - Windows
        return 0.0
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _start_worker(parent: int, barrier: Any) -> None:
    """Worker start-up: keep the pool's barrier, leave Ctrl-C to the parent, and exit when the parent is gone
    (e.g. killed with SIGKILL, which gives the pool no chance to stop its workers)."""
    global _BARRIER
    _BARRIER = barrier
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True, name="parent-watch").start()


def _exit_with_parent(parent: int, every: float = 1.0) -> None:
    while True:
        time.sleep(every)
        try:
            os.kill(parent, 0)
        except ProcessLookupError:
            os._exit(1)
        except PermissionError:  # the pid now belongs to another user's process: ours is gone
            os._exit(1)


PREFIX = "realpolitik-pool-"


def _payload_dir() -> str:
    """Return a new private folder for sweep files, named for this process: in memory (``/dev/shm``) where the
    system has it. Folders left by processes that no longer run (killed before they could clean up) go first."""
    shm = "/dev/shm"
    base = shm if os.path.isdir(shm) and os.access(shm, os.W_OK) else tempfile.gettempdir()
    remove_orphans(base)
    return tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=base)


def remove_orphans(base: str) -> list[str]:
    """Remove the sweep folders under `base` whose creating process has exited; return their paths."""
    removed = []
    for path in Path(base).glob(f"{PREFIX}*-*"):
        owner = path.name.removeprefix(PREFIX).split("-", 1)[0]
        if owner.isdigit() and not _running(int(owner)):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(str(path))
    return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: not ours to judge
        return True
    return True


def _write_payload(data: bytes, key: str, folder: str) -> str:
    """Write the pickled sweep into `folder`; where that fails (a full ``/dev/shm``), into the system's temporary
    folder on disk, which workers read as well. Return the file's path; a clear error when neither can hold it."""
    failures = []
    for where in dict.fromkeys((folder, tempfile.gettempdir())):
        path = None
        try:
            handle, path = tempfile.mkstemp(prefix=f"{key}-", suffix=".pickle", dir=where)
            with os.fdopen(handle, "wb") as file:
                file.write(data)
            return path
        except OSError as exc:
            if path is not None:
                Path(path).unlink(missing_ok=True)
            failures.append(f"{where}: {exc.strerror or exc}")
    raise RealpolitikError(f"cannot store the sweep for the worker processes ({len(data) / 1e6:.1f} MB; "
                           f"{'; '.join(failures)}). Fix: free space in {folder} and {tempfile.gettempdir()} "
                           "(or set TMPDIR to a folder with space), or run with --workers 1")


class SweepPayload:
    """A sweep pickled once for the workers (without its input rows and timing), stored in a file of its own whose
    name starts with the SHA-256 of its bytes (its `key`); `serialise_seconds` is what pickling and writing it took.
    Use as a context manager: the file is removed afterwards (workers that read it keep their copy)."""

    def __init__(self, sweep: Sweep, folder: str) -> None:
        started = time.perf_counter()
        try:
            data = pickle.dumps(replace(sweep, rows=None, offset=0, seconds_per_run=None), pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, AttributeError, TypeError) as exc:
            raise RealpolitikError(f"model {sweep.model.name} cannot be sent to worker processes ({exc}). Fix: define "
                                   "the model class at module level in an importable module, or use --workers 1") \
                from None
        self.key = hashlib.sha256(data).hexdigest()[:32]
        # a file of its own even for a sweep already stored: two runs of the same sweep at once (two web requests)
        # must not rewrite or remove each other's file while workers read it; workers cache by `key` alone
        self.path = _write_payload(data, self.key, folder)
        self.nbytes = len(data)
        self.serialise_seconds = time.perf_counter() - started
        self.label = sweep.model.name

    def tasks(self, sweep: Sweep, spans: list[tuple[int, int]]) -> list[SweepTask]:
        """Return one task per (start, stop) span, with the spans' input rows for a sweep over given values."""
        given, offset = sweep.rows, sweep.offset
        return [SweepTask(self.key, self.path, a, b, None if given is None else given[a - offset:b - offset],
                          self.label) for a, b in spans]

    def __enter__(self) -> SweepPayload:
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            os.unlink(self.path)
        except FileNotFoundError:
            pass


_OPEN: weakref.WeakSet[WorkerPool] = weakref.WeakSet()


def _context() -> Any:
    """Return the ``forkserver`` start method's context (safe beside threads, preloads the models), or ``spawn``
    where the platform has no forkserver (Windows)."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["realpolitik.models", "realpolitik.executors"])
    return context


class WorkerPool:
    """`workers` local processes, started on first use and kept until `close` (or interpreter exit); thread-safe.
    After a worker dies the pool is broken: `close` it, and the next use starts a fresh one."""

    def __init__(self, workers: int, idle_seconds: float | None = None) -> None:
        self.workers = workers
        self.idle_seconds = idle_default() if idle_seconds is None else idle_seconds
        self._lock = threading.Lock()
        self._executor: ProcessPoolExecutor | None = None
        self._barrier: Any = None
        self._folder: str | None = None
        self._remove_folder: weakref.finalize | None = None
        self._users = 0
        self._idle_timer: threading.Timer | None = None
        _OPEN.add(self)

    @contextmanager
    def in_use(self) -> Iterator[WorkerPool]:
        """Mark the pool busy for the block (a run: its sweep file, tasks and results); when the last user leaves,
        the idle clock starts, and the workers stop after `idle_seconds` unless another run comes first. Every task
        given to `submit` holds the pool the same way until it is done."""
        self._hold()
        try:
            yield self
        finally:
            self._release()

    def _hold(self) -> None:
        with self._lock:
            self._users += 1
            self._stop_clock()

    def _stop_clock(self) -> None:
        """Cancel the idle clock (the caller holds the lock)."""
        if self._idle_timer is not None:
            self._idle_timer.cancel()
            self._idle_timer = None

    def _release(self) -> None:
        with self._lock:
            self._users -= 1
            # a longer wait than a timer can make (e.g. inf) means: keep the workers until exit
            if self._users == 0 and self._executor is not None and 0 < self.idle_seconds <= threading.TIMEOUT_MAX:
                # the clock holds the pool only weakly: a pool its owner dropped goes (and its workers with it)
                self._idle_timer = threading.Timer(self.idle_seconds, _close_idle_pool, (weakref.ref(self),))
                self._idle_timer.daemon = True
                self._idle_timer.start()

    def _close_if_idle(self) -> None:
        with self._lock:
            if self._users or self._idle_timer is None or threading.current_thread() is not self._idle_timer:
                return  # a run started (or the clock was restarted) since this timer was set
            self._idle_timer = None
            detached = self._detach()
        self._shut(*detached)

    @property
    def started(self) -> bool:
        """Return True while worker processes may be running."""
        return self._executor is not None

    def executor(self) -> ProcessPoolExecutor:
        """Return the running process pool, starting it if needed."""
        with self._lock:
            if self._executor is None:
                context = _context()
                self._barrier = context.Barrier(self.workers)
                self._executor = ProcessPoolExecutor(self.workers, mp_context=context, initializer=_start_worker,
                                                     initargs=(os.getpid(), self._barrier))
            return self._executor

    def folder(self) -> str:
        """Return the pool's folder for sweep files (created on first use, removed by `close`)."""
        with self._lock:
            if self._folder is None:
                self._folder = _payload_dir()
                # removed by `close`, or when the pool is dropped unclosed, or at interpreter exit
                self._remove_folder = weakref.finalize(self, shutil.rmtree, self._folder, True)
            return self._folder

    def submit(self, fn: Any, *args: Any) -> Future:
        """Submit ``fn(*args)`` to a worker; a pool broken since its last use (a worker died while idle) is
        replaced by a fresh one first. The pool counts as in use until the task is done (see `in_use`)."""
        self._hold()
        try:
            try:
                future = self.executor().submit(fn, *args)
            except BrokenProcessPool:
                self.close()
                future = self.executor().submit(fn, *args)
        except BaseException:
            self._release()
            raise
        future.add_done_callback(functools.partial(_release_pool, weakref.ref(self)))
        return future

    def payload(self, sweep: Sweep) -> SweepPayload:
        """Return `sweep` stored for the workers (a context manager that removes the file afterwards)."""
        return SweepPayload(sweep, self.folder())

    def warm(self, sweep: Sweep | None = None) -> list[WorkerInfo]:
        """Start every worker and, with a `sweep`, load it into each worker's cache and run its first draw there;
        return what each worker reports (process id, peak RSS). Each worker gets exactly one warm-up task (they
        wait for each other), so afterwards no worker pays a start-up or a first read."""
        with self.in_use():
            if sweep is None:
                futures = [self.submit(_prime, None, None) for _ in range(self.workers)]
                return [f.result() for f in futures]
            with self.payload(sweep) as stored:
                futures = [self.submit(_prime, stored.key, stored.path) for _ in range(self.workers)]
                wait(futures)
            if self._barrier is not None and self._barrier.broken:
                self._barrier.reset()
            return [f.result() for f in futures]

    def pids(self) -> list[int]:
        """Return the process ids of the pool's current workers."""
        executor = self._executor
        processes = getattr(executor, "_processes", None) or {}
        return sorted(processes)

    def close(self) -> None:
        """Stop the workers (waiting for running tasks) and remove the sweep files; a later use starts new ones."""
        with self._lock:
            self._stop_clock()
            detached = self._detach()
        self._shut(*detached)

    def _detach(self) -> tuple[ProcessPoolExecutor | None, weakref.finalize | None]:
        executor, self._executor = self._executor, None
        remove, self._remove_folder, self._folder = self._remove_folder, None, None
        return executor, remove

    @staticmethod
    def _shut(executor: ProcessPoolExecutor | None, remove: weakref.finalize | None) -> None:
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)
        if remove is not None:
            remove()


def _close_idle_pool(ref: weakref.ref[WorkerPool]) -> None:
    pool = ref()
    if pool is not None:
        pool._close_if_idle()


def _release_pool(ref: weakref.ref[WorkerPool], future: Future) -> None:
    pool = ref()
    if pool is not None:
        pool._release()


def idle_default() -> float:
    """Seconds an unused pool keeps its workers: ``REALPOLITIK_POOL_IDLE`` (0 = until exit), default 600."""
    raw = os.environ.get("REALPOLITIK_POOL_IDLE", "").strip()
    if not raw:
        return 600.0
    try:
        seconds = float(raw)
    except ValueError:
        seconds = -1.0
    if not seconds >= 0:
        raise RealpolitikError(f"REALPOLITIK_POOL_IDLE={raw!r} is not a number of seconds. Fix: set it to 600 (ten "
                               "minutes), or 0 to keep idle workers until the program exits")
    return seconds


def close_all() -> None:
    """Close every open pool (run at interpreter exit)."""
    for pool in list(_OPEN):
        pool.close()


atexit.register(close_all)
