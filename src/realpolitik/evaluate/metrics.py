"""Accuracy metrics for forecasts on the 0-100 scale, with confidence intervals from a bootstrap that resamples
whole groups (DEU's proposals), and paired comparisons of two forecasters on the same issues.

All errors are in points of the 0-100 scale; shares are fractions (0-1).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

METRICS = ("mae", "median_ae", "rmse", "within_10", "within_20")
LABELS = {"mae": "mean abs. error", "median_ae": "median abs. error", "rmse": "RMSE",
          "within_10": "share within 10", "within_20": "share within 20"}


def point_metrics(predicted: np.ndarray, outcome: np.ndarray) -> dict[str, float]:
    """Return MAE, median absolute error, RMSE (points) and the shares of forecasts within 10 and 20 points."""
    error = np.abs(np.asarray(predicted, float) - np.asarray(outcome, float))
    return {"mae": float(error.mean()), "median_ae": float(np.median(error)),
            "rmse": float(np.sqrt(np.mean(error**2))), "within_10": float(np.mean(error <= 10)),
            "within_20": float(np.mean(error <= 20))}


def group_draws(groups: np.ndarray, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """Return a (n_boot × n_groups) matrix: how often each group is drawn in each bootstrap resample (groups are
    drawn with replacement, as many as there are)."""
    n_groups = len(np.unique(groups))
    draws = rng.integers(0, n_groups, size=(n_boot, n_groups))
    return np.apply_along_axis(np.bincount, 1, draws, minlength=n_groups)


def _bootstrap_errors(error: np.ndarray, groups: np.ndarray, draws: np.ndarray) -> dict[str, np.ndarray]:
    """Return each metric's value in each bootstrap resample (an array of length n_boot per metric)."""
    _, code = np.unique(groups, return_inverse=True)
    weight = draws[:, code]  # n_boot × n_cases: how often each case appears in each resample
    total = weight.sum(axis=1)
    out = {
        "mae": weight @ error / total,
        "rmse": np.sqrt(weight @ error**2 / total),
        "within_10": weight @ (error <= 10) / total,
        "within_20": weight @ (error <= 20) / total,
    }
    order = np.argsort(error)
    sorted_error, cum = error[order], np.cumsum(weight[:, order], axis=1)
    # The median of a resample: the lower and upper middle values of the weighted sample, averaged.
    lower = np.array([sorted_error[np.searchsorted(c, (t + 1) // 2)] for c, t in zip(cum, total, strict=True)])
    upper = np.array([sorted_error[np.searchsorted(c, t // 2 + 1)] for c, t in zip(cum, total, strict=True)])
    out["median_ae"] = (lower + upper) / 2
    return out


@dataclass(frozen=True)
class Estimate:
    """A metric's value on the data and its bootstrap percentile interval."""

    value: float
    low: float
    high: float


def metrics_with_ci(predicted: np.ndarray, outcome: np.ndarray, groups: np.ndarray, draws: np.ndarray,
                    level: float = 0.95) -> dict[str, Estimate]:
    """Return every metric with a grouped-bootstrap percentile interval at `level` (draws from `group_draws`)."""
    error = np.abs(np.asarray(predicted, float) - np.asarray(outcome, float))
    point = point_metrics(predicted, outcome)
    boot = _bootstrap_errors(error, np.asarray(groups), draws)
    tail = (1 - level) / 2 * 100
    return {m: Estimate(point[m], float(np.percentile(boot[m], tail)), float(np.percentile(boot[m], 100 - tail)))
            for m in METRICS}


TIE = 1e-9  # |mean difference| at or below this many points counts as a tie


@dataclass(frozen=True)
class Paired:
    """Forecaster A against B on the same `n` issues: mean of |error A| − |error B| (points; negative = A better),
    its grouped-bootstrap interval, the share of issues where A is strictly closer / B strictly closer, and the
    bootstrap shares of resamples in which A's MAE is lower (``p_a_better``), equal (``p_tie``) or higher
    (``p_b_better``); the three sum to 1."""

    a: str
    b: str
    mean_diff: float
    low: float
    high: float
    a_closer: float
    b_closer: float
    p_a_better: float
    p_tie: float = 0.0
    p_b_better: float = 0.0
    n: int = 0

    @property
    def identical(self) -> bool:
        """Return True when A and B have the same absolute error on every issue (no bootstrap can tell them apart)."""
        return self.a_closer == 0 and self.b_closer == 0

    def probabilities(self) -> str:
        """Return ``P(A better) x.xx, P(tie) x.xx, P(B better) x.xx``, or ``—`` (identical errors) when A and B
        have the same absolute error on every issue."""
        if self.identical:
            return "— (identical errors on every issue)"
        return f"P(A better) {self.p_a_better:.2f}, P(tie) {self.p_tie:.2f}, P(B better) {self.p_b_better:.2f}"

    def flipped(self) -> Paired:
        """Return B against A (the same comparison, signs and shares swapped)."""
        return Paired(self.b, self.a, -self.mean_diff, -self.high, -self.low, self.b_closer, self.a_closer,
                      self.p_b_better, self.p_tie, self.p_a_better, self.n)


def paired(name_a: str, pred_a: np.ndarray, name_b: str, pred_b: np.ndarray, outcome: np.ndarray,
           groups: np.ndarray, draws: np.ndarray, level: float = 0.95) -> Paired:
    """Compare two forecasters issue by issue (see `Paired`); a resample whose mean difference is within `TIE`
    points of 0 counts as a tie, not as a win for either."""
    outcome = np.asarray(outcome, float)
    diff = np.abs(np.asarray(pred_a, float) - outcome) - np.abs(np.asarray(pred_b, float) - outcome)
    diff[np.abs(diff) <= TIE] = 0.0
    if not len(diff):
        nan = float("nan")
        return Paired(name_a, name_b, nan, nan, nan, nan, nan, nan, nan, nan, 0)
    _, code = np.unique(np.asarray(groups), return_inverse=True)
    weight = draws[:, code]
    boot = weight @ diff / weight.sum(axis=1)
    tail = (1 - level) / 2 * 100
    tie = np.abs(boot) <= TIE
    return Paired(name_a, name_b, float(diff.mean()), float(np.percentile(boot, tail)),
                  float(np.percentile(boot, 100 - tail)), float(np.mean(diff < 0)), float(np.mean(diff > 0)),
                  float(np.mean((boot < 0) & ~tie)), float(np.mean(tie)), float(np.mean((boot > 0) & ~tie)),
                  len(diff))


def interval_coverage(low: np.ndarray, high: np.ndarray, outcome: np.ndarray) -> float:
    """Return the share of outcomes inside their forecast interval [low, high] (for calibration checks)."""
    outcome = np.asarray(outcome, float)
    return float(np.mean((outcome >= np.asarray(low, float)) & (outcome <= np.asarray(high, float))))
