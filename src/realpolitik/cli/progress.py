"""A progress bar for long work (sweeps, backtests, what-if runs, data builds): Rich, on stderr, shown only on a
terminal, only once the work has run for a second, and never when the command writes JSON (``enabled=False``)."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress

    from realpolitik.cli.common import LazyConsole


class ProgressBar:
    """Counts finished items (sweep runs, backtest cases); after `delay` seconds (on a terminal) shows a Rich progress
    bar until closed.

    Use as a context manager and pass the instance as an executor's `progress` callback.
    """

    def __init__(self, total: int, description: str, console: Console | LazyConsole | None = None, delay: float = 1.0,
                 enabled: bool = True) -> None:
        self.enabled = enabled
        self.total = total
        self.description = description
        if console is None:
            from rich.console import Console

            console = Console(stderr=True)
        from realpolitik.cli.common import LazyConsole

        self.console: Any = console.resolve() if isinstance(console, LazyConsole) else console
        self.delay = delay
        self.completed = 0
        self._started = time.perf_counter()
        self._bar: Progress | None = None
        self._task = None

    def __call__(self, runs: int) -> None:
        """Record `runs` more finished items."""
        self.completed += runs
        due = time.perf_counter() - self._started >= self.delay
        if self._bar is None and self.enabled and self.console.is_terminal and due:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                           TimeElapsedColumn(), TimeRemainingColumn(), console=self.console, transient=True)
            # Task first, then start, then publish: a Ctrl-C arriving in between must not leave a bar without a task.
            task = bar.add_task(self.description, total=self.total, completed=self.completed)
            bar.start()
            self._bar, self._task = bar, task
        elif self._bar is not None and self._task is not None:
            self._bar.update(self._task, completed=self.completed)

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()
