"""Run the ``eu_war_reason`` add-on (War and Reason risk attitudes and utilities) on the directed COW panel.

It builds the directed COW dyad-years of ``--years`` (default 1816-2016, the issue's panel), adds
``eu_war_reason`` on ``--workers`` local processes (one task per year, the risk of each (state, region) cell
searched once per year and shared by the year's dyads) and prints, with a line per finished year as it goes
(also appended to ``--log`` when given):
- wall seconds, CPU seconds of this process and of its worker processes (sampled from /proc), CPU / wall;
- rows, years, and how many rows have a predicted equilibrium;
- peak RSS of this process and of the largest worker.

Run: ``OPENBLAS_NUM_THREADS=1 .venv/bin/python benchmarks/risk_panel.py [--years 1816-2016 | 1900,1950]
[--workers 2] [--log panel.log] [--out panel.parquet]``. On a shared machine the wall time is an upper bound:
compare CPU seconds. The issue's target: 1816-2016 in under one hour on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from reference_data import peak_rss_mb, shared_data  # noqa: E402


def parse_years(text: str) -> list[int]:
    """Return the years of ``1816-2016`` (a range, inclusive) or ``1900,1950`` (a list)."""
    if "-" in text:
        first, last = (int(y) for y in text.split("-"))
        return list(range(first, last + 1))
    return [int(y) for y in text.split(",") if y]


class Descendants(threading.Thread):
    """Samples every second the CPU seconds and peak RSS of this process's descendants (the worker pool is
    started by a fork server, so its workers are not our children and ``getrusage`` does not see them): the last
    sample of each process (Linux /proc; CPU of a process that exits between two samples is undercounted by at
    most a second)."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.cpu: dict[int, float] = {}
        self.peak_mb: dict[int, float] = {}
        self.stopped = threading.Event()
        self.tick = os.sysconf("SC_CLK_TCK")

    def run(self) -> None:
        while not self.stopped.wait(1.0):
            self.sample()

    def sample(self) -> None:
        """Record the CPU seconds and VmHWM of every process below this one."""
        parents: dict[int, int] = {}
        stats: dict[int, list[str]] = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                parents[int(entry.name)] = int(fields[1])
                stats[int(entry.name)] = fields
        mine = {os.getpid()}
        changed = True
        while changed:
            below = {pid for pid, parent in parents.items() if parent in mine} - mine
            changed = bool(below)
            mine |= below
        for pid in mine - {os.getpid()}:
            fields = stats[pid]
            self.cpu[pid] = (int(fields[11]) + int(fields[12])) / self.tick
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            for line in status.splitlines():
                if line.startswith("VmHWM:"):
                    self.peak_mb[pid] = max(self.peak_mb.get(pid, 0.0), int(line.split()[1]) / 1024)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--years", default="1816-2016", help="a range (1816-2016) or a list (1900,1950)")
    parser.add_argument("--workers", type=int, default=2, help="local processes (1: serial, in this process)")
    parser.add_argument("--restarts", type=int, default=8)
    parser.add_argument("--log", type=Path, help="also append the progress lines to this file")
    parser.add_argument("--out", type=Path, help="write the rows to this Parquet file")
    args = parser.parse_args()

    import polars as pl

    from realpolitik.data import dyad_years
    from realpolitik.data.war_and_reason import add_war_and_reason
    from realpolitik.executors import ProcessExecutor, SerialExecutor

    years = parse_years(args.years)
    log = args.log.open("a") if args.log else None

    def say(line: str) -> None:
        stamp = time.strftime("%H:%M:%S", time.gmtime())
        for stream in (sys.stdout, log):
            if stream is not None:
                print(f"[{stamp} UTC] {line}", file=stream, flush=True)

    start, cpu = time.perf_counter(), time.process_time()
    tree = Descendants()
    tree.start()
    frame = dyad_years("cow", (min(years), max(years)), directed=True, data=shared_data())
    if len(years) != max(years) - min(years) + 1:
        frame = frame.with_lazy(frame.lazy.filter(pl.col("year").is_in(years)))
    executor = SerialExecutor() if args.workers == 1 else ProcessExecutor(args.workers)
    finished = [0]

    def progress(k: int) -> None:
        finished[0] += k
        say(f"{finished[0]} years done, {time.perf_counter() - start:.0f} s wall")

    say(f"eu_war_reason on directed COW {args.years} ({len(years)} years), {executor.describe()}")
    rows = add_war_and_reason(frame, restarts=args.restarts, executor=executor, progress=progress).collect()
    wall, own = time.perf_counter() - start, time.process_time() - cpu
    tree.stopped.set()
    tree.join()
    workers = sum(tree.cpu.values())
    child_rss = max(tree.peak_mb.values(), default=0.0)
    if args.out:
        rows.write_parquet(args.out)
    say(f"rows {rows.height:,} over {rows['year'].n_unique()} years, {rows['eqT'].is_not_null().sum():,} with an "
        f"equilibrium, {rows['riskT1'].is_not_null().sum():,} with riskT1")
    say(f"wall {wall:.0f} s ({wall / 3600:.2f} h), CPU {own + workers:.0f} s ({(own + workers) / 3600:.2f} h: "
        f"this process {own:.0f} s, workers {workers:.0f} s), CPU/wall {(own + workers) / wall:.2f}")
    say(f"peak RSS: this process {peak_rss_mb():.0f} MB, largest worker {child_rss:.0f} MB")
    if log is not None:
        log.close()


if __name__ == "__main__":
    main()
