"""Monte Carlo over uncertain inputs: N draws of a scenario, one model, the distribution of each outcome.

For every issue (every coordinate of a multi-dimensional issue) the result reports the mean, standard deviation,
quantiles and a histogram of the outcome over the draws, the probability of each user-named event, and the Monte
Carlo standard error (MCSE) of every reported figure, so the reader can tell whether N was large enough:

- mean: s / √n;
- standard deviation: √((m₄ − s⁴) / n) / (2s), the delta-method error of s from the fourth central moment m₄;
- quantile q: half the distance between the order statistics at ranks n·q ± √(n·q·(1 − q)) (the ±1σ binomial
  interval of the rank; no density estimate needed);
- probability p: √(p(1 − p) / n).

Draw i uses the stream ``SeedSequence(seed).spawn(N)[i]``, so the same seed gives the same result whatever the
executor and the number of workers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from realpolitik.executors import Executor, SerialExecutor, SweepResult
from realpolitik.models.base import Model
from realpolitik.scenario.model import Scenario
from realpolitik.scenario.spread import UncertaintyDefaults
from realpolitik.uncertainty.draws import InputSpace
from realpolitik.uncertainty.events import Event
from realpolitik.uncertainty.sweep import Sweep, outcome_vector, scenario_header

SCHEMA = "realpolitik.montecarlo/1"
QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)
HISTOGRAM_BINS = np.linspace(0.0, 100.0, 21)


@dataclass(frozen=True)
class Estimate:
    """A Monte Carlo estimate and its standard error (MCSE)."""

    value: float
    se: float

    def to_dict(self) -> dict[str, float]:
        """Return ``{"value", "se"}``."""
        return {"value": self.value, "se": self.se}


@dataclass(frozen=True)
class OutcomeDistribution:
    """The distribution of one outcome (0-100 scale) over the successful draws, with MCSEs."""

    series: str
    baseline: float
    n: int
    mean: Estimate
    sd: Estimate
    quantiles: dict[float, Estimate]
    histogram: tuple[tuple[float, ...], tuple[int, ...]]

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-ready form."""
        edges, counts = self.histogram
        return {"issue": self.series, "baseline": self.baseline, "n": self.n, "mean": self.mean.to_dict(),
                "sd": self.sd.to_dict(), "quantiles": {f"{q:g}": e.to_dict() for q, e in self.quantiles.items()},
                "histogram": {"edges": list(edges), "counts": list(counts)}}


def mean_estimate(x: np.ndarray) -> Estimate:
    """Return the sample mean and its MCSE s/√n."""
    n = len(x)
    sd = float(np.std(x, ddof=1)) if n > 1 else 0.0
    return Estimate(float(np.mean(x)), sd / np.sqrt(n))


def sd_estimate(x: np.ndarray) -> Estimate:
    """Return the sample standard deviation and its MCSE √((m₄ − s⁴)/n)/(2s)."""
    n = len(x)
    if n < 2:
        return Estimate(0.0, float("nan"))
    s = float(np.std(x, ddof=1))
    if s == 0:
        return Estimate(0.0, 0.0)
    m4 = float(np.mean((x - x.mean()) ** 4))
    return Estimate(s, float(np.sqrt(max(m4 - s**4, 0.0) / n) / (2 * s)))


def quantile_estimate(x: np.ndarray, q: float) -> Estimate:
    """Return the q-quantile and its MCSE from the order statistics at ranks n·q ± √(n·q·(1 − q))."""
    ordered = np.sort(x)
    n = len(ordered)
    spread = np.sqrt(n * q * (1 - q))
    lo = int(np.clip(np.floor(n * q - spread), 0, n - 1))
    hi = int(np.clip(np.ceil(n * q + spread), 0, n - 1))
    return Estimate(float(np.quantile(ordered, q)), float(ordered[hi] - ordered[lo]) / 2)


def probability_estimate(hits: np.ndarray) -> Estimate:
    """Return the share of True in `hits` and its MCSE √(p(1 − p)/n)."""
    n = len(hits)
    p = float(np.mean(hits)) if n else float("nan")
    return Estimate(p, float(np.sqrt(p * (1 - p) / n)) if n else float("nan"))


def distribution(series: str, x: np.ndarray, baseline: float) -> OutcomeDistribution:
    """Summarise one outcome's draws `x` (NaN-free)."""
    counts, edges = np.histogram(np.clip(x, 0, 100), bins=HISTOGRAM_BINS)
    return OutcomeDistribution(series, baseline, len(x), mean_estimate(x), sd_estimate(x),
                               {q: quantile_estimate(x, q) for q in QUANTILES},
                               (tuple(edges.tolist()), tuple(int(c) for c in counts)))


@dataclass(frozen=True)
class MonteCarloResult:
    """A Monte Carlo run of one model: per-outcome distributions, event probabilities, the raw draws."""

    model: str
    params: dict[str, Any]
    scenario_id: str
    seed: int
    requested: int
    space: InputSpace
    sweep: SweepResult
    distributions: tuple[OutcomeDistribution, ...]
    events: tuple[tuple[Event, Estimate], ...]

    @property
    def draws(self) -> np.ndarray:
        """Return the outcomes of the successful draws (draws × series)."""
        return self.sweep.outcomes[self.sweep.ok]

    @property
    def labels(self) -> list[str]:
        """Return the outcome series' labels (issue ids, ``issue[k]`` for coordinates)."""
        return [s.label for s in self.sweep.sweep.series]

    def for_issue(self, series: str) -> OutcomeDistribution:
        """Return the distribution of one issue's outcome (``issue[k]`` for a coordinate)."""
        return self.distributions[self.labels.index(series)]

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-ready record of this run (everything the table shows, and more)."""
        failed = self.sweep.n_done - int(self.sweep.ok.sum())
        return {
            "model": self.model, "params": self.params, "seed": self.seed, "draws_requested": self.requested,
            "draws_done": self.sweep.n_done, "draws_failed": failed, "interrupted": self.sweep.interrupted,
            "executor": self.sweep.executor, "seconds": self.sweep.seconds,
            "spreads": {"defaults": self.space.describe_defaults(),
                        "inputs": {i.label: i.spread.describe() for i in self.space.inputs}},
            "outcomes": [d.to_dict() for d in self.distributions],
            "events": [{"event": e.text(), "probability": est.to_dict()} for e, est in self.events],
            "failures": [{"draw": i, "error": msg} for i, msg in self.sweep.failures],
        }


def run_monte_carlo(scenario: Scenario, model: Model, n: int, seed: int = 0, executor: Executor | None = None,
                    events: tuple[Event, ...] | list[Event] = (), spreads: UncertaintyDefaults | None = None,
                    progress: Callable[[int], None] | None = None, batch_size: int | None = None,
                    notice: Callable[[str], None] | None = None) -> MonteCarloResult:
    """Run `model` on `n` draws of `scenario` and summarise every outcome.

    `spreads` override the scenario-wide spreads field by field; `executor` defaults to serial. Events naming an
    unknown issue raise `RealpolitikError` before any draw runs. Statistics use the successful draws (a draw whose
    model raises `RealpolitikError` is counted as failed and listed). On Ctrl-C the executor calls `notice` with
    a "stopping…" message and the result holds the draws that finished.
    """
    space = InputSpace.of(scenario, spreads)
    sweep = Sweep.monte_carlo(space, model, n, seed)
    labels = [s.label for s in sweep.series]
    for event in events:
        event.check(labels)
    result = (executor or SerialExecutor()).run(sweep, batch_size=batch_size, progress=progress,
                                                   notice=notice)
    draws = result.outcomes[result.ok]
    baseline = model.run(scenario)
    base = dict(zip(labels, outcome_vector(baseline, sweep.series).tolist(), strict=True))
    dists = tuple(distribution(label, draws[:, k], base[label]) for k, label in enumerate(labels)) \
        if len(draws) else ()
    estimates = tuple((e, probability_estimate(e.holds(draws, labels))) for e in events)
    return MonteCarloResult(model.name, model.resolved_params(), scenario.id, seed, n, space, result, dists, estimates)


def monte_carlo_document(scenario: Scenario, results: list[MonteCarloResult]) -> dict[str, Any]:
    """Return the versioned JSON document of Monte Carlo runs of several models on one scenario."""
    return {"schema": SCHEMA, "scenario": scenario_header(scenario), "runs": [r.to_dict() for r in results]}
