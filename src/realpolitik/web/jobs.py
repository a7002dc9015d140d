"""Background execution of long runs (Monte Carlo) in this server process, one at a time.

Work is not persisted in a queue: if the process dies, the store still says "running" and the next start-up marks
those runs failed (`Store.recover_interrupted`), so nothing is lost silently.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future, ThreadPoolExecutor

from realpolitik.store.repository import Store
from realpolitik.web.runs import execute_run

log = logging.getLogger(__name__)


class JobRunner:
    """Executes queued runs on a single worker thread."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="realpolitik-run")
        self._stop = threading.Event()

    def submit(self, run_id: int) -> Future:
        """Queue run `run_id` for execution; return its future (the result is in the store)."""
        return self._pool.submit(self._execute, run_id)

    def _execute(self, run_id: int) -> None:
        try:
            execute_run(self.store, run_id, self._stop)
        except Exception:  # already recorded as failed where possible; keep the worker alive
            log.exception("run %s could not be executed", run_id)

    def shutdown(self, wait: bool = False) -> None:
        """Stop accepting runs; with `wait`, finish the queued ones first, else cancel the running one."""
        if not wait:
            self._stop.set()
        self._pool.shutdown(wait=True, cancel_futures=not wait)
