"""A sweep: one model run on many versions of one scenario, cut into batches that any executor can run.

Run ``i`` of a sweep uses its own random stream, ``SeedSequence(seed, spawn_key=(i,))``, which is exactly
``SeedSequence(seed).spawn(n)[i]``: the result of a run depends on the seed and its index only, never on which
worker runs it or how the runs are batched. A Monte Carlo run draws its inputs from that stream (one uniform
number per input, mapped through the input's spread) and hands the rest of the stream to the model; a run with
given input values (Sobol designs, one-at-a-time analyses) hands the whole stream to the model.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, cast

import numpy as np

from realpolitik.errors import ModelError, RealpolitikError
from realpolitik.forecast import Forecast
from realpolitik.models.base import Model
from realpolitik.scenario.model import Scenario
from realpolitik.uncertainty.draws import InputSpace

MAX_FAILURES_KEPT = 20


@dataclass(frozen=True)
class Series:
    """One reported outcome: an issue, and the coordinate of a multi-dimensional issue (``None`` for 1-D)."""

    issue: str
    coordinate: int | None = None

    @property
    def label(self) -> str:
        """Return ``issue`` or ``issue[k]``."""
        return self.issue if self.coordinate is None else f"{self.issue}[{self.coordinate}]"


def series_of(forecast: Forecast) -> tuple[Series, ...]:
    """Return the outcome series of a forecast: one per issue, one per coordinate of a multi-dimensional issue."""
    out: list[Series] = []
    for item in forecast.issues:
        if isinstance(item.outcome, list | tuple):
            out += [Series(item.issue, k) for k in range(len(item.outcome))]
        else:
            out.append(Series(item.issue))
    return tuple(out)


def outcome_vector(forecast: Forecast, series: tuple[Series, ...]) -> np.ndarray:
    """Return the forecast's outcomes in `series` order (0-100 scale)."""
    outcomes = forecast.outcomes
    return np.array([outcomes[s.issue] if s.coordinate is None else cast("list[float]", outcomes[s.issue])[s.coordinate]
                     for s in series], dtype=float)


def scenario_header(scenario: Scenario) -> dict[str, Any]:
    """Return the scenario block of the uncertainty JSON documents: id, version, fingerprint and title."""
    return {"id": scenario.id, "version": scenario.version, "fingerprint": scenario.fingerprint(),
            "title": scenario.title}


def stream(seed: int, index: int) -> np.random.Generator:
    """Return the generator of run `index` of a sweep seeded with `seed` (= ``SeedSequence(seed).spawn(n)[i]``)."""
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(index,)))


@dataclass(frozen=True)
class Batch:
    """The results of runs ``start`` to ``stop - 1``: outcomes (runs × series; NaN where a run failed), the
    failures kept (run index, message), the seconds the batch took where it ran (wall-clock, and CPU seconds of
    that process), and the process id of the worker that ran it (0: not recorded)."""

    start: int
    stop: int
    outcomes: np.ndarray
    failures: tuple[tuple[int, str], ...] = ()
    seconds: float = 0.0
    worker: int = 0
    cpu_seconds: float = 0.0


@dataclass(frozen=True)
class Sweep:
    """`n` runs of `model` on versions of `space.scenario`: Monte Carlo draws (`rows` is ``None``) or the given
    input values (`rows`, runs × inputs). `seconds_per_run` is the measured time of one run (building the draw
    and running the model), which executors use to size batches."""

    space: InputSpace
    model: Model
    seed: int
    n: int
    series: tuple[Series, ...]
    rows: np.ndarray | None = field(default=None, repr=False)
    offset: int = 0
    seconds_per_run: float | None = field(default=None, compare=False)

    @classmethod
    def monte_carlo(cls, space: InputSpace, model: Model, n: int, seed: int) -> Sweep:
        """Return a sweep of `n` Monte Carlo draws; raises `ModelError` if the model fails on the coded inputs."""
        if n < 1:
            raise RealpolitikError(f"the number of draws must be at least 1, not {n}. Fix: pass --mc 1000")
        return cls(space, model, seed, n, series_of(model.run(space.scenario)),
                   seconds_per_run=time_one_run(space, model, seed))

    @classmethod
    def at(cls, space: InputSpace, model: Model, rows: np.ndarray, seed: int) -> Sweep:
        """Return a sweep over given input values (runs × inputs)."""
        return cls(space, model, seed, len(rows), series_of(model.run(space.scenario)), np.asarray(rows, float),
                   seconds_per_run=time_one_run(space, model, seed))

    def part(self, start: int, stop: int) -> Sweep:
        """Return the sweep with only the input rows of runs ``start`` to ``stop - 1`` (to ship to a worker)."""
        if self.rows is None:
            return self
        rows = self.rows[start - self.offset:stop - self.offset]
        return Sweep(self.space, self.model, self.seed, self.n, self.series, rows, offset=start,
                     seconds_per_run=self.seconds_per_run)

    def draw_inputs(self, start: int, stop: int) -> tuple[np.ndarray, list[np.random.Generator]]:
        """Return the input values of runs ``start`` to ``stop - 1`` and each run's generator for the model."""
        rngs = [stream(self.seed, i) for i in range(start, stop)]
        if self.rows is not None:
            return self.rows[start - self.offset:stop - self.offset], rngs
        u = np.stack([rng.random(len(self.space.inputs)) for rng in rngs])
        return self.space.values(u), rngs

    def run(self, start: int, stop: int) -> Batch:
        """Run runs ``start`` to ``stop - 1``; a run whose model raises `RealpolitikError` gives NaN outcomes. Any
        other exception (a bug, not a property of the draw) stops the batch with a `ModelError` naming the model,
        the draw and the seed, so it can be reproduced serially."""
        started, cpu = time.perf_counter(), time.process_time()
        values, rngs = self.draw_inputs(start, stop)
        outcomes = np.full((stop - start, len(self.series)), np.nan)
        failures: list[tuple[int, str]] = []
        for k, (row, rng) in enumerate(zip(values, rngs, strict=True)):
            try:
                forecast = self.model.run(self.space.scenario_at(row), rng)
            except RealpolitikError as exc:
                if len(failures) < MAX_FAILURES_KEPT:
                    failures.append((start + k, str(exc)))
                continue
            except Exception as exc:
                raise ModelError(f"{self.model.name} crashed on draw {start + k} (seed {self.seed}): "
                                 f"{type(exc).__name__}: {exc}. Fix: this is a bug in the model, not in the scenario; "
                                 f"reproduce it serially with --workers 1 and the same --seed, and report it") from exc
            outcomes[k] = outcome_vector(forecast, self.series)
        return Batch(start, stop, outcomes, tuple(failures), time.perf_counter() - started,
                     cpu_seconds=time.process_time() - cpu)


TIMING_SECONDS = 0.02
TIMING_RUNS = 5


def time_one_run(space: InputSpace, model: Model, seed: int) -> float:
    """Return the seconds one run takes: building the draw at the coded values and running the model on it (after
    a first run has paid for imports). A run that fails still measures the time it took. A fast run is timed again
    (up to `TIMING_RUNS` times, until `TIMING_SECONDS` have passed) and the fastest time kept: one sub-millisecond
    timing on a busy machine can be off many times over, and batches are sized from it."""
    times: list[float] = []
    while len(times) < TIMING_RUNS and sum(times) < TIMING_SECONDS:
        started = time.perf_counter()
        try:
            model.run(space.scenario_at(space.base), stream(seed, 0))
        except RealpolitikError:
            pass
        times.append(time.perf_counter() - started)
    return min(times)


def run_batch(sweep: Sweep, start: int, stop: int) -> Batch:
    """Run one batch of a sweep (the function executors send to workers)."""
    return sweep.run(start, stop)
