"""The executors' generic map: batched, in item order, with progress and Ctrl-C, serially and on processes."""

from __future__ import annotations

import operator
import os
import signal
import subprocess
import sys
import time

import pytest

from realpolitik.errors import RealpolitikError
from realpolitik.executors import ProcessExecutor, RayExecutor, SerialExecutor, plan_batches
from tests.test_montecarlo import StopAfter

EXECUTORS = [SerialExecutor(), ProcessExecutor(2)]
IDS = ["serial", "processes"]


def test_plan_batches_covers_every_item_once():
    assert plan_batches(10, 1, 4) == [(0, 4), (4, 8), (8, 10)]
    # guided, 2 workers: each batch takes a quarter of what is left, rounded up:
    # ceil(23/4) = 6, ceil(17/4) = 5, ceil(12/4) = 3, ceil(9/4) = 3, ceil(6/4) = 2, then 1, 1, 1, 1
    sizes = [6, 5, 3, 3, 2, 1, 1, 1, 1]
    edges = [sum(sizes[:k]) for k in range(len(sizes) + 1)]
    assert plan_batches(23, 2) == list(zip(edges[:-1], edges[1:], strict=True))


@pytest.mark.parametrize("executor", EXECUTORS, ids=IDS)
@pytest.mark.parametrize("batch_size", [None, 1, 4, 100])
def test_map_keeps_item_order(executor, batch_size):
    seen = []
    result = executor.map(operator.neg, range(23), batch_size=batch_size, progress=seen.append)
    assert result.results == [-k for k in range(23)] and result.done.all() and not result.interrupted
    assert sum(seen) == 23
    assert result.executor == executor.describe()


def test_map_progress_counts_weights():
    seen = []
    SerialExecutor().map(len, ["ab", "cde", "", "f"], batch_size=2, progress=seen.append, weight=len)
    assert seen == [5, 1]


@pytest.mark.parametrize("executor", EXECUTORS, ids=IDS)
def test_map_ctrl_c_keeps_whole_finished_batches(executor):
    result = executor.map(operator.neg, range(40), batch_size=4, progress=StopAfter(8))
    # Serially the stop comes right after the second batch; on workers, batches already running finish (all of
    # them, on a fast machine), so only the lower bound is certain there.
    serial = isinstance(executor, SerialExecutor)
    assert result.interrupted and result.n_done % 4 == 0
    assert result.n_done == 8 if serial else 8 <= result.n_done <= 40
    done = [k for k in range(40) if result.done[k]]
    assert result.finished() == [-k for k in done]
    assert all(result.results[k] is None for k in range(40) if not result.done[k])


def test_an_error_in_a_worker_propagates():
    with pytest.raises(TypeError):
        ProcessExecutor(2).map(operator.neg, ["a"])


SIGTERM_MAP = """
import operator, os, signal, sys
from realpolitik.executors import ProcessExecutor, SerialExecutor

class TermAfter:
    def __init__(self, limit):
        self.limit, self.seen = limit, 0
    def __call__(self, k):
        self.seen += k
        if self.seen >= self.limit:
            os.kill(os.getpid(), signal.SIGTERM)

if __name__ == "__main__":
    executor = SerialExecutor() if sys.argv[1] == "serial" else ProcessExecutor(2)
    before = signal.getsignal(signal.SIGTERM)
    result = executor.map(operator.neg, range(40), batch_size=4, progress=TermAfter(8))
    assert signal.getsignal(signal.SIGTERM) is before
    print(result.interrupted, result.n_done, result.finished() == [-k for k in range(40) if result.done[k]])
"""


@pytest.mark.parametrize("kind", ["serial", "processes"])
def test_sigterm_stops_a_map_like_ctrl_c(tmp_path, kind):
    # SIGTERM sent once 8 items (2 batches) have finished: the map returns what finished, the workers are shut
    # down (no semaphores leak), and the process exits normally; the previous SIGTERM handler is restored.
    script = tmp_path / "term.py"
    script.write_text(SIGTERM_MAP)
    done = subprocess.run([sys.executable, str(script), kind], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    interrupted, n_done, ordered = done.stdout.split()
    assert interrupted == "True" and ordered == "True" and int(n_done) % 4 == 0
    assert int(n_done) == 8 if kind == "serial" else 8 <= int(n_done) <= 40
    assert "leaked" not in done.stderr


def test_batches_are_sized_by_time_when_the_time_of_an_item_is_known():
    # 25 ms an item: at most 0.5 s / 0.025 s = 20 items a batch (not a quarter of 4000 = 1000) until a quarter
    # of the rest is less: from 80 left, ceil(80/4) = 20, then 15, 12, 9, 6, 5, 4, 3, 2, 1, 1, 1, 1
    timed = plan_batches(4000, 2, seconds_per_item=0.025)
    assert timed[:196] == [(a, a + 20) for a in range(0, 3920, 20)]
    assert [b - a for a, b in timed[196:]] == [20, 15, 12, 9, 6, 5, 4, 3, 2, 1, 1, 1, 1]
    # time unknown: at most 1000 (a quarter of 4000), then ceil(3000/4) = 750, ceil(2250/4) = 563
    assert plan_batches(4000, 2)[:3] == [(0, 1000), (1000, 1750), (1750, 2313)]
    # fast items: the usual cap applies (0.5 s / 0.1 ms = 5000 > 1000); a slow item still gets a batch of 1
    assert plan_batches(20_000, 2, seconds_per_item=1e-4)[0] == (0, 1000)
    assert plan_batches(3, 2, seconds_per_item=10.0) == [(0, 1), (1, 2), (2, 3)]


def test_no_batch_is_shorter_than_tens_of_milliseconds_unless_a_worker_would_idle():
    # 0.3 ms a draw (compromise), 4000 draws, 16 workers: the first batch is ceil(4000 / 32) = 125 draws; none is
    # under ceil(0.02 s / 0.3 ms) = 67 draws (20 ms) except the remainder at the end
    spans = plan_batches(4000, 16, seconds_per_item=3e-4)
    sizes = [b - a for a, b in spans]
    assert spans[0] == (0, 125) and min(sizes[:-1]) == 67 and sum(sizes) == 4000
    # 40 draws of 0.3 ms on 16 workers: 20 ms of work would be one batch; each worker gets ceil(40/16) = 3 instead
    assert [b - a for a, b in plan_batches(40, 16, seconds_per_item=3e-4)][:13] == [3] * 13


def test_a_sweep_measures_its_run_time_and_sizes_its_batches_by_it(monkeypatch):
    from realpolitik import executors
    from realpolitik.models import get_model
    from realpolitik.uncertainty import sweep
    from realpolitik.uncertainty.draws import InputSpace
    from tests.test_montecarlo import normal_scenario

    monkeypatch.setattr(sweep, "time_one_run", lambda space, model, seed: 0.1)  # 0.5 s / 0.1 s = 5 runs a batch
    sized = []
    monkeypatch.setattr(executors, "run_part", lambda part: (sized.append(part.size), sweep.run_batch(
        part.sweep, part.start, part.stop))[1])
    class OneWorker(SerialExecutor):  # in this process, but batches planned as for workers
        def batch_size(self, n):
            return None

    space = InputSpace.of(normal_scenario())
    # 1 worker: half of what is left, at most 5 runs: min(5, ceil(23/2)) = 5, 5, 5, ceil(8/2) = 4, 2, 1, 1
    result = OneWorker().run(sweep.Sweep.monte_carlo(space, get_model("compromise"), 23, seed=1))
    assert result.done.all() and sized == [5, 5, 5, 4, 2, 1, 1]


@pytest.mark.parametrize("executor", EXECUTORS, ids=IDS)
def test_the_first_ctrl_c_says_it_is_stopping_and_how_far_it_got(executor):
    notices = []
    result = executor.map(operator.neg, range(40), batch_size=4, progress=StopAfter(8), notice=notices.append)
    # Ctrl-C comes as the second batch is counted: 8 of 40 items had finished
    assert result.interrupted and notices == ["stopping… (8 of 40 finished); waiting for the running batches"]


def test_an_unreachable_ray_address_is_a_clear_error_not_a_hang():
    import socket

    pytest.importorskip("ray")
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    for address in (f"127.0.0.1:{port}", f"ray://127.0.0.1:{port}"):
        with pytest.raises(RealpolitikError, match=rf"--ray {address}: nothing answers at 127.0.0.1:{port}.*"
                                                   r"Fix: start the cluster \(`ray start --head`"):
            RayExecutor(address, workers=1).map(operator.neg, range(3))


ORPHAN_MAP = """
import os, sys, time
from pathlib import Path
from realpolitik.executors import ProcessExecutor

def stall(k):
    Path(sys.argv[1], f"{os.getpid()}").touch()
    time.sleep(120)
    return k

if __name__ == "__main__":
    ProcessExecutor(2).map(stall, range(4), batch_size=1)
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_workers_exit_when_their_parent_is_killed(tmp_path):
    # SIGKILL gives the pool no chance to stop its workers; each worker watches its parent and exits.
    script, marks = tmp_path / "orphan.py", tmp_path / "pids"
    script.write_text(ORPHAN_MAP)
    marks.mkdir()
    parent = subprocess.Popen([sys.executable, str(script), str(marks)])
    try:
        for _ in range(600):  # wait (up to a minute) for both workers to start their item
            if len(list(marks.iterdir())) >= 2:
                break
            time.sleep(0.1)
        workers = [int(p.name) for p in marks.iterdir()]
        assert len(workers) >= 2
    finally:
        parent.send_signal(signal.SIGKILL)
        parent.wait()
    for _ in range(300):  # the watch polls once a second; allow a loaded machine plenty of slack
        if not any(_alive(pid) for pid in workers):
            break
        time.sleep(0.1)
    leftover = [pid for pid in workers if _alive(pid)]
    for pid in leftover:
        os.kill(pid, signal.SIGKILL)
    assert leftover == []
