"""Time one round of the expected-utility model for n = 10, 50, 200, 1000 actors, on one core.

Prints, per n: milliseconds per round of each variant (vectorised), the peak memory a round allocates, and the
ratio against a plain per-pair Python loop (written below as the baseline: the same `scholz2011_paper` round, a
loop over actor pairs with an inner loop over voters) run in the same process; the baseline's positions are
checked against the vectorised round's. The baseline is O(n³) in Python, so it runs for n ≤ 200 only; for larger n
its time is extrapolated as n³ from n = 200 (marked "~").

    python benchmarks/bdm.py [--sizes 10 50 200 1000] [--repeat 5]
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # one core, before NumPy loads

import argparse  # noqa: E402
import time  # noqa: E402
import tracemalloc  # noqa: E402

import numpy as np  # noqa: E402

from realpolitik.models.bdm_round import play_round  # noqa: E402
from realpolitik.models.bdm_settings import VARIANTS  # noqa: E402
from realpolitik.models.bdm_statistics import median_voter  # noqa: E402

BASELINE_MAX_N = 200


def draw(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.uniform(0, 100, n), rng.uniform(0.1, 5, n), rng.uniform(0.05, 1, n)


def loop_round(x: list[float], c: list[float], s: list[float], delta: float) -> list[float]:
    """The baseline: one scholz2011_paper round with Python loops over pairs (and voters inside each pair)."""
    n = len(x)
    w = [c[k] * s[k] for k in range(n)]

    def prob(i: int, j: int) -> float:
        if x[i] == x[j]:
            return 0.0
        top = bottom = 0.0
        for k in range(n):
            vote = w[k] * (abs(x[k] - x[j]) - abs(x[k] - x[i])) / delta
            top += max(0.0, vote)
            bottom += abs(vote)
        return top / bottom if bottom > 0 else 0.0

    p = [[prob(i, j) for j in range(n)] for i in range(n)]

    def eu(r: float, p_win: float, s_resist: float, d: float) -> float:
        u_s, u_f, u_sq = 2 - 4 * (0.5 - 0.5 * d) ** r, 2 - 4 * (0.5 + 0.5 * d) ** r, 2 - 4 * 0.5**r
        return s_resist * (p_win * u_s + (1 - p_win) * u_f) + (1 - s_resist) * u_s - u_sq

    danger = [sum(eu(1.0, p[j][i], s[i], abs(x[i] - x[j]) / delta) for j in range(n) if x[j] != x[i])
              for i in range(n)]
    high, low = max(danger), min(danger)
    big_r = [(2 * d - high - low) / (high - low) if high > low else 0.0 for d in danger]
    r = [(1 - b / 3) / (1 + b / 3) for b in big_r]
    new = list(x)
    for i in range(n):
        best = None
        for j in range(n):
            if x[j] == x[i]:
                continue
            d = abs(x[i] - x[j]) / delta
            a, b = eu(r[i], p[i][j], s[j], d), eu(r[i], p[j][i], s[i], d)
            if b > a > 0:
                target = x[j]
            elif a < 0 < b:
                target = x[i] + (x[j] - x[i]) * abs(a / b) if b > -a else x[j]
            else:
                continue
            key = (abs(target - x[i]), -b, j)
            if best is None or key < best[0]:
                best = (key, target)
        if best is not None:
            new[i] = best[1]
    return new


def time_round(x: np.ndarray, c: np.ndarray, s: np.ndarray, variant: str, repeat: int) -> float:
    """Return the best of `repeat` wall-clock times of one vectorised round, in milliseconds."""
    delta, mu, settings = float(x.max() - x.min()), median_voter(x, c * s), VARIANTS[variant]
    best = np.inf
    for _ in range(repeat):
        start = time.perf_counter()
        play_round(x, c, s, delta, mu, settings)
        best = min(best, time.perf_counter() - start)
    return best * 1e3


def peak_memory(x: np.ndarray, c: np.ndarray, s: np.ndarray) -> float:
    """Return the peak memory (MB) allocated while one scholz2011_paper round runs."""
    tracemalloc.start()
    play_round(x, c, s, float(x.max() - x.min()), median_voter(x, c * s), VARIANTS["scholz2011_paper"])
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 50, 200, 1000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    header = (f"{'n':>5} | {'paper ms':>9} {'published ms':>12} {'masad ms':>9} | {'peak MB':>8} | "
              f"{'loop ms':>10} {'loop/vectorised':>15}")
    print("one round of the BDM expected-utility model, one core (best of", args.repeat, "runs)")
    print(header)
    print("-" * len(header))
    loop_at_max = None
    for n in args.sizes:
        x, c, s = draw(n)
        times = {v: time_round(x, c, s, v, args.repeat) for v in VARIANTS}
        memory = peak_memory(x, c, s)
        if n <= BASELINE_MAX_N:
            start = time.perf_counter()
            baseline = loop_round(x.tolist(), c.tolist(), s.tolist(), float(x.max() - x.min()))
            loop_ms = (time.perf_counter() - start) * 1e3
            vectorised = play_round(x, c, s, float(x.max() - x.min()), 0.0, VARIANTS["scholz2011_paper"]).position
            assert np.allclose(baseline, vectorised, atol=1e-9), "baseline and vectorised rounds disagree"
            loop_at_max, loop_text = (n, loop_ms), f"{loop_ms:10.1f}"
        elif loop_at_max is not None:
            loop_ms = loop_at_max[1] * (n / loop_at_max[0]) ** 3
            loop_text = f"~{loop_ms:9.0f}"
        else:
            loop_ms, loop_text = float("nan"), f"{'-':>10}"
        ratio = loop_ms / times["scholz2011_paper"]
        print(f"{n:5d} | {times['scholz2011_paper']:9.2f} {times['scholz2011_published']:12.2f} "
              f"{times['masad2014']:9.2f} | {memory:8.1f} | {loop_text} {ratio:15.0f}")
    print("target: one round for 200 actors in under 20 ms; loop/vectorised = baseline time ÷ paper time")


if __name__ == "__main__":
    main()
