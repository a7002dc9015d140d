"""Scores of probabilistic forecasts on the 0-100 scale: CRPS, interval coverage, PIT, Brier and log scores, and
grouped-bootstrap intervals for their means (the resampling of `metrics.py`: whole groups, e.g. DEU proposals).

A predictive distribution is given either as an ensemble of draws (one row of `m` values per case) or as a normal
(mean, sd). Conventions:
- CRPS of an ensemble, in closed form (the energy form, Gneiting & Raftery 2007, JASA 102: 359-378):
  ``CRPS = E|X − y| − ½ E|X − X'|`` over the empirical distribution of the draws, where
  ``½ E|X − X'| = (1/m²) Σᵢ (2i − m − 1) x₍ᵢ₎`` for the sorted draws x₍₁₎ ≤ … ≤ x₍ₘ₎: O(m log m).
- CRPS of a normal N(μ, σ²): ``σ [z (2Φ(z) − 1) + 2φ(z) − 1/√π]`` with z = (y − μ)/σ.
- PIT of an ensemble: the mid-rank ``(#{x < y} + ½ #{x = y}) / m`` (outcomes and clipped draws tie at 0, 50, 100);
  of a normal: Φ(z). A calibrated forecaster has uniform PIT values.
- Central interval at level L: the draws' quantiles (1 − L)/2 and (1 + L)/2; covered when low ≤ y ≤ high.
- Brier score of a probability p of an event that happened (o = 1) or not (o = 0): (p − o)²; log score
  −ln(p) if it happened, −ln(1 − p) if not, with p clipped to [`LOG_FLOOR`, 1 − `LOG_FLOOR`] (a share of draws of
  exactly 0 or 1 would otherwise score infinity).
All scores are negatively oriented (lower is better) except coverage, which should equal its level.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from realpolitik.errors import RealpolitikError
from realpolitik.evaluate.metrics import Estimate

LEVELS = (0.5, 0.8, 0.9)
LOG_FLOOR = 1e-3
PIT_BINS = 10
_erf = np.vectorize(math.erf, otypes=[float])


def _draws(draws: np.ndarray) -> np.ndarray:
    x = np.atleast_2d(np.asarray(draws, float))
    if x.shape[1] == 0 or np.isnan(x).any():
        raise RealpolitikError("a predictive ensemble is empty or holds NaN draws. Fix: give every case at least "
                               "one finite draw")
    return x


def crps_ensemble(draws: np.ndarray, outcome: np.ndarray | float) -> np.ndarray:
    """Return the CRPS of each case's ensemble (rows of `draws`, cases × m) against its outcome (points)."""
    x = np.sort(_draws(draws), axis=1)
    y = np.broadcast_to(np.asarray(outcome, float), (x.shape[0],))
    m = x.shape[1]
    spread = x @ (2 * np.arange(1, m + 1) - m - 1) / m**2
    return np.abs(x - y[:, None]).mean(axis=1) - spread


def normal_cdf(z: np.ndarray) -> np.ndarray:
    """Return Φ(z), the standard normal distribution function."""
    return 0.5 * (1 + _erf(np.asarray(z, float) / math.sqrt(2)))


def crps_normal(mean: np.ndarray, sd: np.ndarray, outcome: np.ndarray) -> np.ndarray:
    """Return the CRPS of normal forecasts N(mean, sd²) against the outcomes (sd > 0)."""
    sd = np.asarray(sd, float)
    if np.any(sd <= 0):
        raise RealpolitikError("a normal forecast needs sd > 0. Fix: give a positive standard deviation")
    z = (np.asarray(outcome, float) - np.asarray(mean, float)) / sd
    pdf = np.exp(-z**2 / 2) / math.sqrt(2 * math.pi)
    return sd * (z * (2 * normal_cdf(z) - 1) + 2 * pdf - 1 / math.sqrt(math.pi))


def pit_ensemble(draws: np.ndarray, outcome: np.ndarray | float) -> np.ndarray:
    """Return the mid-rank PIT value of each outcome in its ensemble (0-1)."""
    x = _draws(draws)
    y = np.broadcast_to(np.asarray(outcome, float), (x.shape[0],))[:, None]
    return ((x < y).sum(axis=1) + 0.5 * (x == y).sum(axis=1)) / x.shape[1]


def pit_normal(mean: np.ndarray, sd: np.ndarray, outcome: np.ndarray) -> np.ndarray:
    """Return Φ((outcome − mean)/sd), the PIT of each outcome under its normal forecast."""
    return normal_cdf((np.asarray(outcome, float) - np.asarray(mean, float)) / np.asarray(sd, float))


def pit_histogram(pit: np.ndarray, bins: int = PIT_BINS) -> tuple[np.ndarray, np.ndarray]:
    """Return (counts, edges) of PIT values in `bins` equal bins of [0, 1] (a value of 1 falls in the last)."""
    return np.histogram(np.clip(pit, 0, 1), bins=bins, range=(0.0, 1.0))


def central_interval(draws: np.ndarray, level: float) -> tuple[np.ndarray, np.ndarray]:
    """Return the (low, high) central `level` interval of each case's draws."""
    if not 0 < level < 1:
        raise RealpolitikError(f"interval level {level} is not between 0 and 1. Fix: e.g. 0.8 for 80%")
    x = _draws(draws)
    return np.quantile(x, (1 - level) / 2, axis=1), np.quantile(x, (1 + level) / 2, axis=1)


def covered(low: np.ndarray, high: np.ndarray, outcome: np.ndarray) -> np.ndarray:
    """Return, per case, whether low ≤ outcome ≤ high."""
    y = np.asarray(outcome, float)
    return (y >= np.asarray(low, float)) & (y <= np.asarray(high, float))


def brier(probability: np.ndarray, happened: np.ndarray) -> np.ndarray:
    """Return the Brier score (p − o)² of each forecast probability."""
    return (np.asarray(probability, float) - np.asarray(happened, float)) ** 2


def log_score(probability: np.ndarray, happened: np.ndarray, floor: float = LOG_FLOOR) -> np.ndarray:
    """Return −ln of the probability given to what happened (p clipped to [floor, 1 − floor])."""
    p = np.clip(np.asarray(probability, float), floor, 1 - floor)
    return -np.where(np.asarray(happened, bool), np.log(p), np.log(1 - p))


@dataclass(frozen=True)
class BinaryEvent:
    """An event on one issue's outcome, decided per case from the outcome and the case's reference point.

    `holds(values, status_quo)` maps outcomes (any shape, last axis the draws or a single value) and the case's
    reference point to booleans; `needs_reference` events are not scored where a case has none."""

    name: str
    holds: Callable[[np.ndarray, float | None], np.ndarray]
    needs_reference: bool = False


def at_least(threshold: float) -> BinaryEvent:
    """The event "outcome ≥ threshold"."""
    return BinaryEvent(f"outcome ≥ {threshold:g}", lambda x, _sq: np.asarray(x, float) >= threshold)


def within_reference(distance: float = 10.0) -> BinaryEvent:
    """The event "outcome within `distance` points of the reference point" (the status quo holds, roughly)."""
    return BinaryEvent(f"within {distance:g} of the reference point",
                       lambda x, sq: np.abs(np.asarray(x, float) - sq) <= distance, needs_reference=True)


DEFAULT_EVENTS = (at_least(50.0), within_reference(10.0))


def event_forecasts(event: BinaryEvent, draws: np.ndarray, outcome: np.ndarray,
                    status_quo: list[float | None]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return (mask of cases scored, probability from the share of draws, whether it happened) for `event`."""
    x = _draws(draws)
    mask = np.array([not event.needs_reference or sq is not None for sq in status_quo])
    p = np.full(len(x), np.nan)
    happened = np.zeros(len(x), dtype=bool)
    for k in np.flatnonzero(mask):
        p[k] = float(np.mean(event.holds(x[k], status_quo[k])))
        happened[k] = bool(event.holds(np.array([outcome[k]]), status_quo[k])[0])
    return mask, p, happened


def reliability(probability: np.ndarray, happened: np.ndarray, bins: int = 10) -> list[tuple[float, float, int]]:
    """Return the reliability diagram's points: per non-empty probability bin, (mean forecast probability,
    observed frequency, number of forecasts)."""
    p = np.asarray(probability, float)
    code = np.minimum((p * bins).astype(int), bins - 1)
    return [(float(p[code == b].mean()), float(np.mean(np.asarray(happened)[code == b])), int((code == b).sum()))
            for b in range(bins) if (code == b).any()]


def bootstrap_mean(values: np.ndarray, groups: np.ndarray, draws: np.ndarray, level: float = 0.95) -> Estimate:
    """Return the mean of per-case `values` with its grouped-bootstrap percentile interval; `draws` is
    `metrics.group_draws(all_groups, ...)` restricted to the groups of these cases, in sorted group order."""
    values = np.asarray(values, float)
    _, code = np.unique(np.asarray(groups), return_inverse=True)
    weight = draws[:, code]
    boot = weight @ values / np.maximum(weight.sum(axis=1), 1)
    tail = (1 - level) / 2 * 100
    return Estimate(float(values.mean()), float(np.percentile(boot, tail)), float(np.percentile(boot, 100 - tail)))
