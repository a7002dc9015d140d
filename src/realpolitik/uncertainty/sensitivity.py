"""Sensitivity analysis: which uncertain input moves each issue's outcome most.

- One at a time (`tornado`): every input in turn is set to the low and then the high end of its spread (v ± d,
  v ÷ f and v × f, the lowest and highest coding, v ± 1.96σ for a normal; clipped to the value's range) with every
  other input at its coded value. The swing |outcome(high) − outcome(low)| ranks the inputs (a tornado chart).
  Cheap (2 runs per input) but blind to interactions.
- Variance-based (`sobol`): first-order (S1) and total (ST) Sobol indices from SALib's Saltelli/Sobol design and
  estimators (Saltelli et al. 2010, "Variance based sensitivity analysis of model output", *Computer Physics
  Communications* 181), with SALib's bootstrap confidence intervals. Each input is a coordinate of the unit cube,
  mapped through its spread's quantile function, so all spread shapes (normal, log-uniform, alternatives) are
  sampled with their own distributions. S1 is the share of the outcome's variance an input explains alone, ST the
  share it is involved in, interactions included; N·(D + 2) runs for D inputs (or groups).

Both run through an executor, so they scale out as Monte Carlo does.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from realpolitik.errors import RealpolitikError
from realpolitik.executors import Executor, SerialExecutor, SweepResult
from realpolitik.models.base import Model
from realpolitik.scenario.model import Scenario
from realpolitik.scenario.spread import UncertaintyDefaults
from realpolitik.uncertainty.draws import InputSpace
from realpolitik.uncertainty.sweep import Sweep, outcome_vector, scenario_header

SCHEMA = "realpolitik.sensitivity/1"
GROUPINGS = ("input", "actor")


@dataclass(frozen=True)
class TornadoBar:
    """One input's one-at-a-time effect on one outcome: its low/high values and the outcomes there."""

    input: str
    low: float
    high: float
    outcome_low: float
    outcome_high: float

    @property
    def swing(self) -> float:
        """Return |outcome(high) − outcome(low)| on the 0-100 scale."""
        return abs(self.outcome_high - self.outcome_low)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-ready form."""
        return {"input": self.input, "low": self.low, "high": self.high, "outcome_low": self.outcome_low,
                "outcome_high": self.outcome_high, "swing": self.swing}


@dataclass(frozen=True)
class SobolIndex:
    """First-order and total Sobol indices of one input (or group) on one outcome, with 95% CI half-widths."""

    input: str
    s1: float
    s1_conf: float
    st: float
    st_conf: float

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-ready form."""
        return {"input": self.input, "S1": self.s1, "S1_conf": self.s1_conf, "ST": self.st, "ST_conf": self.st_conf}


@dataclass(frozen=True)
class Sensitivity:
    """A sensitivity analysis of one model: per outcome (issue), the ranked inputs."""

    method: str
    model: str
    params: dict[str, Any]
    baseline: dict[str, float]
    ranking: dict[str, tuple[TornadoBar, ...] | tuple[SobolIndex, ...]]
    runs: int
    sweep: SweepResult
    settings: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-ready record (everything the table shows)."""
        return {"method": self.method, "model": self.model, "params": self.params, "runs": self.runs,
                "interrupted": self.sweep.interrupted, "executor": self.sweep.executor,
                "seconds": self.sweep.seconds, "settings": self.settings,
                "issues": [{"issue": k, "baseline": self.baseline[k], "inputs": [b.to_dict() for b in bars]}
                           for k, bars in self.ranking.items()]}

    def to_polars(self) -> Any:
        """Return one row per issue × input, ranked (docs/frames.md; `uncertainty.frames.sensitivity_frame`)."""
        from realpolitik.uncertainty.frames import sensitivity_frame

        return sensitivity_frame(self)

    def to_pandas(self) -> Any:
        """Return `to_polars()` as a pandas DataFrame (needs the ``pandas`` extra)."""
        from realpolitik.tabular import to_pandas

        return to_pandas(self.to_polars(), "Sensitivity")


def _baseline(space: InputSpace, model: Model, sweep: Sweep) -> dict[str, float]:
    values = outcome_vector(model.run(space.scenario), sweep.series)
    return {s.label: float(v) for s, v in zip(sweep.series, values, strict=True)}


class SweepInterrupted(RealpolitikError):
    """Ctrl-C stopped a sensitivity analysis, which needs every run (the CLI exits 130, as for Ctrl-C elsewhere)."""


def _require_complete(result: SweepResult, what: str) -> None:
    if result.interrupted:
        raise SweepInterrupted(f"{what} interrupted after {result.n_done} of {result.sweep.n} runs; indices need "
                               "every run. Fix: run again (fewer --samples finish sooner)")
    if not result.ok.all():
        index, message = result.failures[0] if result.failures else (-1, "no outcome")
        raise RealpolitikError(f"{what}: {int((~result.ok).sum())} runs failed (first, run {index}: {message}). "
                               "Fix: narrow the spreads that produce impossible inputs (e.g. zero capabilities)")


def tornado(scenario: Scenario, model: Model, spreads: UncertaintyDefaults | None = None,
            executor: Executor | None = None, seed: int = 0,
            progress: Callable[[int], None] | None = None,
            notice: Callable[[str], None] | None = None) -> Sensitivity:
    """Return the one-at-a-time analysis: per issue, inputs ranked by swing (largest first). Ctrl-C raises
    `SweepInterrupted` (after `notice` says it is stopping)."""
    space = InputSpace.of(scenario, spreads)
    lows, highs = space.ends()
    base = space.base
    rows = np.repeat(base[None, :], 2 * len(base), axis=0)
    index = np.arange(len(base))
    rows[2 * index, index] = lows
    rows[2 * index + 1, index] = highs
    sweep = Sweep.at(space, model, rows, seed)
    result = (executor or SerialExecutor()).run(sweep, progress=progress, notice=notice)
    _require_complete(result, "one-at-a-time analysis")
    ranking = {}
    for k, series in enumerate(sweep.series):
        bars = [TornadoBar(label, float(lows[j]), float(highs[j]), float(result.outcomes[2 * j, k]),
                           float(result.outcomes[2 * j + 1, k])) for j, label in enumerate(space.labels)]
        ranking[series.label] = tuple(sorted(bars, key=lambda b: -b.swing))
    return Sensitivity("oat", model.name, model.resolved_params(), _baseline(space, model, sweep), ranking, len(rows),
                       result, {"spreads": {i.label: i.spread.describe() for i in space.inputs}})


def _groups(space: InputSpace, group_by: str) -> list[str] | None:
    if group_by not in GROUPINGS:
        raise RealpolitikError(f"unknown grouping {group_by!r}. Fix: use one of {', '.join(GROUPINGS)}")
    return [item.actor for item in space.inputs] if group_by == "actor" else None


def sobol(scenario: Scenario, model: Model, samples: int = 256, spreads: UncertaintyDefaults | None = None,
          executor: Executor | None = None, seed: int = 0, group_by: str = "input", resamples: int = 100,
          progress: Callable[[int], None] | None = None,
          notice: Callable[[str], None] | None = None) -> Sensitivity:
    """Return first-order and total Sobol indices per issue, inputs (or actors) ranked by total index. Ctrl-C
    raises `SweepInterrupted` (after `notice` says it is stopping).

    `samples` is SALib's base sample N (a power of 2); the model runs N·(D + 2) times for D inputs or groups.
    """
    from SALib.analyze import sobol as sobol_analyze
    from SALib.sample import sobol as sobol_sample

    if samples < 2 or samples & (samples - 1):
        raise RealpolitikError(f"--samples must be a power of 2 (Sobol sequences need it), not {samples}. "
                               "Fix: e.g. --samples 256")
    space = InputSpace.of(scenario, spreads)
    groups = _groups(space, group_by)
    problem: dict[str, Any] = {"num_vars": len(space.inputs), "names": space.labels,
                               "bounds": [[0.0, 1.0]] * len(space.inputs)}
    if groups is not None:
        problem["groups"] = groups
    names = list(dict.fromkeys(groups)) if groups is not None else space.labels
    if len(names) < 2:
        raise RealpolitikError("Sobol indices need at least two uncertain inputs (or groups). "
                               "Fix: add spreads, or use --method oat")
    u = sobol_sample.sample(problem, samples, calc_second_order=False, seed=seed)
    sweep = Sweep.at(space, model, space.values(u), seed)
    result = (executor or SerialExecutor()).run(sweep, progress=progress, notice=notice)
    _require_complete(result, "Sobol analysis")
    ranking = {}
    for k, series in enumerate(sweep.series):
        y = result.outcomes[:, k]
        if np.var(y) == 0:
            indices = [SobolIndex(n, 0.0, 0.0, 0.0, 0.0) for n in names]
        else:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                si = sobol_analyze.analyze(problem, y, calc_second_order=False, num_resamples=resamples,
                                           seed=seed, print_to_console=False)
            indices = [SobolIndex(n, float(si["S1"][j]), float(si["S1_conf"][j]), float(si["ST"][j]),
                                  float(si["ST_conf"][j])) for j, n in enumerate(names)]
        ranking[series.label] = tuple(sorted(indices, key=lambda s: -s.st))
    settings = {"samples": samples, "group_by": group_by, "seed": seed, "resamples": resamples,
                "spreads": {i.label: i.spread.describe() for i in space.inputs}}
    return Sensitivity("sobol", model.name, model.resolved_params(), _baseline(space, model, sweep), ranking,
                       len(u), result, settings)


def sensitivity_document(scenario: Scenario, results: list[Sensitivity]) -> dict[str, Any]:
    """Return the versioned JSON document of sensitivity analyses of several models on one scenario."""
    return {"schema": SCHEMA, "scenario": scenario_header(scenario), "analyses": [r.to_dict() for r in results]}
