"""The warm worker pool: the same numbers on every worker count and on a reused pool, the sweep read once per
worker, no worker left after `close` or at exit, and a crash or a dead worker reported, never a hang."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from realpolitik.errors import ModelError, RealpolitikError
from realpolitik.executors import ProcessExecutor, SerialExecutor, make_executor, warm_executor
from realpolitik.models import get_model
from realpolitik.models.central import Compromise
from realpolitik.pool import SweepTask, run_sweep_task
from realpolitik.scenario.model import Scenario
from realpolitik.scenario.spread import Spread, UncertaintyDefaults
from realpolitik.uncertainty.draws import InputSpace
from realpolitik.uncertainty.montecarlo import run_monte_carlo
from realpolitik.uncertainty.sensitivity import tornado
from realpolitik.uncertainty.sweep import Sweep
from tests.test_montecarlo import normal_scenario

SPREADS = UncertaintyDefaults(capability=Spread(factor=1.5), salience=Spread(plus_minus=0.1))


def _gone(pid: int) -> bool:
    """Return True when `pid` has exited (a zombie not yet reaped counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return True
    return state in ("Z", "X")


def _all_gone(pids: list[int], seconds: float = 30.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if all(_gone(pid) for pid in pids):
            return True
        time.sleep(0.05)
    return False


def test_same_seed_same_numbers_on_1_2_3_workers_and_on_a_reused_pool():
    scenario, model = normal_scenario(), get_model("median-cs")
    serial = run_monte_carlo(scenario, model, 300, seed=5, spreads=SPREADS, executor=SerialExecutor()).draws
    assert serial.shape == (300, 1) and len(np.unique(serial)) > 3
    with ProcessExecutor(1) as one, ProcessExecutor(2) as two, ProcessExecutor(3) as three:
        for executor in (one, two, three):
            draws = run_monte_carlo(scenario, model, 300, seed=5, spreads=SPREADS, executor=executor).draws
            assert np.array_equal(draws, serial), executor.describe()
        workers = two.pool.pids()
        assert len(workers) == 2
        # the same pool again, with another batching: the same workers, the same numbers
        again = run_monte_carlo(scenario, model, 300, seed=5, spreads=SPREADS, executor=two, batch_size=41).draws
        assert two.pool.pids() == workers and np.array_equal(again, serial)
        # a sweep over given input values (one-at-a-time) on the reused pool matches serial too
        on_pool, serially = tornado(scenario, model, executor=two), tornado(scenario, model)
        assert [b.to_dict() for b in on_pool.ranking["q"]] == [b.to_dict() for b in serially.ranking["q"]]
        assert two.pool.pids() == workers


def test_each_worker_keeps_the_sweep_it_read_keyed_by_its_content():
    space = InputSpace.of(normal_scenario())
    sweep = Sweep.monte_carlo(space, get_model("compromise"), 50, seed=3)
    with ProcessExecutor(2) as executor:
        infos = executor.warm(sweep)  # one warm-up task per worker: each reads the sweep once
        assert len({info.pid for info in infos}) == 2 and all(info.peak_rss_mb > 0 for info in infos)
        with executor.pool.payload(sweep) as stored:
            key = stored.key
        assert not Path(stored.path).exists()
        # the file is gone, yet every worker still runs the sweep: from its cache, found by the content hash
        futures = [executor.pool.submit(run_sweep_task, SweepTask(key, stored.path, a, a + 5)) for a in range(0, 50, 5)]
        outcomes = np.vstack([f.result().outcomes for f in futures])
        assert np.array_equal(outcomes, sweep.run(0, 50).outcomes)


def test_close_leaves_no_worker_process_and_a_later_run_starts_new_ones():
    scenario, model = normal_scenario(), get_model("compromise")
    executor = ProcessExecutor(2)
    first = run_monte_carlo(scenario, model, 40, seed=1, executor=executor).draws
    workers = executor.pool.pids()
    assert len(workers) == 2 and not any(_gone(pid) for pid in workers)
    executor.close()
    assert executor.pool.pids() == [] and _all_gone(workers)
    second = run_monte_carlo(scenario, model, 40, seed=1, executor=executor).draws
    assert np.array_equal(first, second) and set(executor.pool.pids()).isdisjoint(workers)
    with executor:
        pass
    assert executor.pool.pids() == []


def test_make_executor_shares_one_warm_pool_per_worker_count():
    assert make_executor(workers=2) is warm_executor(2) is not warm_executor(3)
    assert isinstance(make_executor(workers=1), SerialExecutor)


AT_EXIT = """
import operator
from realpolitik.executors import ProcessExecutor, make_executor

if __name__ == "__main__":
    shared, own = make_executor(workers=2), ProcessExecutor(2)
    assert shared.map(operator.neg, range(8), batch_size=1).results == [-k for k in range(8)]
    assert own.map(operator.neg, range(8), batch_size=1).results == [-k for k in range(8)]
    print(*shared.pool.pids(), *own.pool.pids())
    print(shared.pool.folder(), own.pool.folder())
"""


def test_pools_left_open_are_shut_down_at_interpreter_exit(tmp_path):
    script = tmp_path / "at_exit.py"
    script.write_text(AT_EXIT)
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    pids, folders = done.stdout.splitlines()
    workers = [int(p) for p in pids.split()]
    assert len(workers) == 4 and _all_gone(workers)
    assert not any(Path(folder).exists() for folder in folders.split())  # the sweep folders went with them
    assert "leaked" not in done.stderr and "Traceback" not in done.stderr


def test_a_pool_dropped_without_close_removes_its_folder():
    import gc

    executor = ProcessExecutor(2)
    folder = Path(executor.pool.folder())
    assert folder.is_dir()
    del executor
    gc.collect()
    assert not folder.exists()


def _crashing_draws(seed: int, n: int, inputs: int) -> list[int]:
    """The draws whose model stream's first number is under 0.1: each draw's stream is
    ``SeedSequence(seed, spawn_key=(i,))``; the sweep takes one uniform per input from it, then the model its next."""
    crashing = []
    for i in range(n):
        rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(i,)))
        rng.random(inputs)
        if rng.random() < 0.1:
            crashing.append(i)
    return crashing


class Crashy(Compromise):
    """Compromise, except that it divides by zero when its stream's first number is under 0.1."""

    name = "crashy"

    def run(self, scenario, rng=None):
        if rng is not None and rng.random() < 0.1:
            raise ZeroDivisionError("boom")
        return super().run(scenario, rng)


class Dying(Compromise):
    """Compromise, except that on draw streams whose first number is under 0.1 its process exits at once."""

    name = "dying"

    def run(self, scenario, rng=None):
        if rng is not None and rng.random() < 0.1:
            os._exit(3)
        return super().run(scenario, rng)


@pytest.mark.parametrize("executor", [SerialExecutor(), ProcessExecutor(2)], ids=["serial", "processes"])
def test_a_crash_in_a_model_names_the_model_the_draw_and_the_seed(executor):
    scenario = normal_scenario()
    crashing = _crashing_draws(3, 200, len(InputSpace.of(scenario).inputs))
    assert crashing  # about 20 of 200 draws
    with pytest.raises(ModelError, match=r"crashy crashed on draw (\d+) \(seed 3\): ZeroDivisionError: boom") as caught:
        run_monte_carlo(scenario, Crashy(), 200, seed=3, executor=executor)
    draw = int(str(caught.value).split("draw ")[1].split(" ")[0])
    # serially the first crashing draw stops the run; on workers, whichever batch fails first
    assert draw == crashing[0] if isinstance(executor, SerialExecutor) else draw in crashing
    if isinstance(executor, ProcessExecutor):  # the pool is still usable afterwards
        assert run_monte_carlo(scenario, get_model("compromise"), 20, seed=3, executor=executor).sweep.n_done == 20
        executor.close()


def test_a_worker_that_dies_is_an_error_naming_the_draws_not_a_hang():
    scenario = normal_scenario()
    with ProcessExecutor(2) as executor:
        with pytest.raises(RealpolitikError, match=r"a worker process died while draws \d+-\d+ of dying .*Fix: rerun"):
            run_monte_carlo(scenario, Dying(), 200, seed=3, executor=executor, batch_size=10)
        # the broken pool was closed: the next run starts fresh workers and gives the serial numbers
        fine = run_monte_carlo(scenario, get_model("compromise"), 50, seed=3, executor=executor).draws
        assert np.array_equal(fine, run_monte_carlo(scenario, get_model("compromise"), 50, seed=3).draws)


class Local(Compromise):
    """Compromise under another name, holding a lambda: it cannot be pickled for the workers."""

    name = "local"

    def __init__(self) -> None:
        super().__init__()
        self.hook = lambda x: x


def test_a_model_that_cannot_reach_the_workers_is_a_clear_error():
    with ProcessExecutor(2) as executor, pytest.raises(RealpolitikError, match=r"model local cannot be sent to "
                                                        r"worker processes .*Fix: define the model class at module"):
        run_monte_carlo(normal_scenario(), Local(), 20, seed=1, executor=executor)


def test_a_folder_left_by_a_killed_process_is_removed_by_the_next_pool(tmp_path, monkeypatch):
    from realpolitik import pool

    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = int(gone.stdout)  # a process that has exited
    orphan = tmp_path / f"{pool.PREFIX}{dead}-abc"
    orphan.mkdir()
    (orphan / "sweep.pickle").write_bytes(b"x")
    mine = tmp_path / f"{pool.PREFIX}{os.getpid()}-def"
    mine.mkdir()
    assert pool.remove_orphans(str(tmp_path)) == [str(orphan)]
    assert not orphan.exists() and mine.exists()


def test_two_runs_of_the_same_sweep_at_once_do_not_remove_each_others_file():
    # two web requests running the same scenario store the same sweep (the same key) at the same time; the one that
    # finishes first must not take the file the other's workers have yet to read
    space = InputSpace.of(normal_scenario())
    sweep = Sweep.monte_carlo(space, get_model("compromise"), 20, seed=3)
    with ProcessExecutor(2) as executor:
        with executor.pool.payload(sweep) as first:
            with executor.pool.payload(sweep) as second:
                assert second.key == first.key
            futures = [executor.pool.submit(run_sweep_task, task) for task in first.tasks(sweep, [(0, 10), (10, 20)])]
            outcomes = np.vstack([f.result().outcomes for f in futures])
    assert np.array_equal(outcomes, sweep.run(0, 20).outcomes)


def test_a_scenario_edited_between_two_runs_on_a_warm_pool_is_not_served_from_the_cache():
    scenario = normal_scenario()
    fields = scenario.model_dump()
    fields["stances"][2]["position"] = 80.0  # actor c (weight 5 of 10) from 60 to 80: mean (80 + 150 + 400) / 10 = 63
    edited = Scenario.model_validate(fields)
    model = get_model("compromise")
    with ProcessExecutor(2) as executor:
        before = run_monte_carlo(scenario, model, 400, seed=9, executor=executor).draws
        after = run_monte_carlo(edited, model, 400, seed=9, executor=executor).draws
    assert abs(before.mean() - 53.0) < 0.5 and abs(after.mean() - 63.0) < 0.5  # sd 2.21 / sqrt(400) = 0.11
    assert np.array_equal(after, run_monte_carlo(edited, model, 400, seed=9).draws)


def test_the_executors_import_where_the_platform_has_no_resource_module():
    # Windows has no `resource` module: the web app and the CLI import the executors at start-up, so the pool must
    # not need it to be imported (only a warm-up's memory figure uses it)
    code = "import sys; sys.modules['resource'] = None; import realpolitik.executors, realpolitik.web.montecarlo"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_where_the_platform_has_no_forkserver_the_pool_spawns_its_workers(monkeypatch):
    import multiprocessing

    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])  # as on Windows
    scenario, model = normal_scenario(), get_model("compromise")
    with ProcessExecutor(2) as executor:
        draws = run_monte_carlo(scenario, model, 60, seed=4, executor=executor).draws
        assert executor.pool.executor()._mp_context.get_start_method() == "spawn"
    assert np.array_equal(draws, run_monte_carlo(scenario, model, 60, seed=4).draws)


def _full_disk_in(full: str, real_fdopen):
    """An `os.fdopen` whose files under `full` fail to write as a full file system does (ENOSPC)."""
    import errno

    class FullFile:
        def __init__(self, handle: int) -> None:
            self.file = real_fdopen(handle, "wb")

        def __enter__(self):
            return self

        def __exit__(self, *exc: object) -> None:
            self.file.close()

        def write(self, data: bytes) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    def fdopen(handle: int, mode: str = "r", *args, **kwargs):
        if os.readlink(f"/proc/self/fd/{handle}").startswith(full):
            return FullFile(handle)
        return real_fdopen(handle, mode, *args, **kwargs)

    return fdopen


def test_a_full_memory_folder_stores_the_sweep_on_disk_and_the_run_gives_the_same_numbers(tmp_path, monkeypatch):
    import tempfile

    from realpolitik import pool

    full, disk = tmp_path / "shm", tmp_path / "disk"
    full.mkdir()
    disk.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(disk))
    monkeypatch.setattr(pool.os, "fdopen", _full_disk_in(str(full), os.fdopen))
    sweep = Sweep.monte_carlo(InputSpace.of(normal_scenario()), get_model("compromise"), 20, seed=3)
    with pool.SweepPayload(sweep, str(full)) as payload:
        assert Path(payload.path).parent == disk and not list(full.iterdir())  # no partial file left behind
        outcomes = np.vstack([run_sweep_task(t).outcomes for t in payload.tasks(sweep, [(0, 10), (10, 20)])])
    assert np.array_equal(outcomes, sweep.run(0, 20).outcomes)
    assert not list(disk.iterdir())


def test_when_no_folder_can_hold_the_sweep_the_error_names_them_and_the_fix(tmp_path, monkeypatch):
    import tempfile

    from realpolitik import pool

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(pool.os, "fdopen", _full_disk_in(str(tmp_path), os.fdopen))
    sweep = Sweep.monte_carlo(InputSpace.of(normal_scenario()), get_model("compromise"), 20, seed=3)
    with pytest.raises(RealpolitikError, match=r"No space left on device.*Fix: free space.*--workers 1"):
        pool.SweepPayload(sweep, str(tmp_path))
    assert not list(tmp_path.iterdir())


def test_a_pool_unused_for_its_idle_time_stops_its_workers_and_the_next_run_starts_new_ones():
    space = InputSpace.of(normal_scenario())
    sweep = Sweep.monte_carlo(space, get_model("compromise"), 20, seed=3)
    executor = ProcessExecutor(2)
    executor.pool.idle_seconds = 0.3
    try:
        first = executor.run(sweep).outcomes
        pids = executor.pool.pids()
        assert len(pids) == 2
        with executor.pool.in_use():  # a run in progress keeps the workers however long it takes
            time.sleep(0.8)
            assert executor.pool.started and executor.pool.pids() == pids
        deadline = time.monotonic() + 30
        while executor.pool.started and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not executor.pool.started and _all_gone(pids)
        assert np.array_equal(executor.run(sweep).outcomes, first)  # new workers, the same numbers
        assert set(executor.pool.pids()).isdisjoint(pids)
    finally:
        executor.close()


def test_the_idle_time_comes_from_the_environment_and_a_bad_value_names_the_variable(monkeypatch):
    from realpolitik.pool import WorkerPool, idle_default

    monkeypatch.delenv("REALPOLITIK_POOL_IDLE", raising=False)
    assert idle_default() == 600.0
    monkeypatch.setenv("REALPOLITIK_POOL_IDLE", "0")
    assert WorkerPool(1).idle_seconds == 0.0  # kept until exit
    for bad in ("ten", "-5", "nan"):
        monkeypatch.setenv("REALPOLITIK_POOL_IDLE", bad)
        with pytest.raises(RealpolitikError, match="REALPOLITIK_POOL_IDLE.*Fix: set it to 600"):
            idle_default()


def _idle_pool(idle_seconds: float):
    """A one-worker pool whose idle clock is running (one task ran inside `in_use`)."""
    from realpolitik.pool import WorkerPool

    pool = WorkerPool(1, idle_seconds=idle_seconds)
    with pool.in_use():
        pool.submit(os.getpid).result(timeout=60)
    return pool


def test_tasks_submitted_directly_keep_the_pool_until_they_finish():
    # the idle clock (0.2 s) starts with no run in progress; three tasks of 0.4 s each go straight to `submit` on
    # the one worker: the clock must wait for them, not stop the pool under them (which cancels the queued two)
    pool = _idle_pool(0.2)
    try:
        futures = [pool.submit(time.sleep, 0.4) for _ in range(3)]
        assert [f.result(timeout=60) for f in futures] == [None, None, None]
    finally:
        pool.close()


def test_a_dropped_pool_is_not_kept_alive_by_its_idle_clock():
    import gc
    import weakref

    pool = _idle_pool(600)
    pids, ref = pool.pids(), weakref.ref(pool)
    del pool
    gc.collect()
    assert ref() is None  # the ten-minute clock does not hold the pool (nor its workers) once its owner drops it
    assert _all_gone(pids)


def test_an_idle_time_longer_than_a_timer_can_wait_keeps_the_workers_without_a_thread_error(monkeypatch):
    import threading

    from realpolitik.pool import WorkerPool

    failures: list = []
    monkeypatch.setattr(threading, "excepthook", failures.append)
    monkeypatch.setenv("REALPOLITIK_POOL_IDLE", "inf")  # "never", as a user may well write it
    pool = WorkerPool(1)
    try:
        with pool.in_use():
            pool.submit(os.getpid).result(timeout=60)
        time.sleep(0.3)
        assert failures == [] and pool.started
    finally:
        pool.close()


def _stop_the_map(k: int) -> None:
    raise ValueError("the caller gave up")


def test_a_map_its_progress_callback_stopped_leaves_the_pool_free_to_idle():
    executor = ProcessExecutor(1)
    executor.pool.idle_seconds = 0.2
    try:
        with pytest.raises(ValueError) as kept:  # `kept` holds the traceback, and with it the map's frames
            executor.map(abs, range(-20, 0), batch_size=1, progress=_stop_the_map)
        pids = executor.pool.pids()
        deadline = time.monotonic() + 30
        while executor.pool.started and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not executor.pool.started and _all_gone(pids)
        assert "gave up" in str(kept.value)
    finally:
        executor.close()
