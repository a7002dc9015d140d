"""Background execution of long runs (Monte Carlo) in this server process, one at a time, and the run leases.

Work is not persisted in a queue. Every run this server records is leased to it (`Store.instance`); a heartbeat
thread renews those leases every third of the lease time and marks as failed the runs whose lease has expired
(`Store.recover_interrupted`): the runs of a server that died, found by whichever server on the same database
still runs. So nothing is lost silently, and the runs of another live server are never taken.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future, ThreadPoolExecutor

from realpolitik.store.repository import Store
from realpolitik.web.runs import execute_run

log = logging.getLogger(__name__)


class JobRunner:
    """Executes queued runs on a single worker thread; keeps this server's run leases alive."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="realpolitik-run")
        self._stop = threading.Event()
        self._closed = threading.Event()
        self._heartbeat = threading.Thread(target=self._beat, name="realpolitik-lease", daemon=True)
        self._heartbeat.start()

    def submit(self, run_id: int) -> Future:
        """Queue run `run_id` for execution; return its future (the result is in the store)."""
        return self._pool.submit(self._execute, run_id)

    def _execute(self, run_id: int) -> None:
        try:
            execute_run(self.store, run_id, self._stop)
        except Exception:  # already recorded as failed where possible; keep the worker alive
            log.exception("run %s could not be executed", run_id)

    def _beat(self) -> None:
        while not self._closed.wait(self.store.lease_s / 3):
            try:
                self.store.renew_leases()
                failed = self.store.recover_interrupted()
                if failed:
                    log.warning("marked runs whose server stopped as failed: %s", failed)
            except Exception:  # the database may be briefly unreachable; try again at the next beat
                log.exception("could not renew the run leases")

    def shutdown(self, wait: bool = False) -> None:
        """Stop accepting runs; with `wait`, finish the queued ones first, else cancel the running one."""
        if not wait:
            self._stop.set()
        self._pool.shutdown(wait=True, cancel_futures=not wait)
        self._closed.set()
        self._heartbeat.join(timeout=5)
