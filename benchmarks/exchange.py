"""Benchmark the exchange model: seconds per run for 30 actors × 10 issues and 100 actors × 20 issues.

Random scenarios (positions uniform on 0-100, saliences on 0.05-1, capabilities on 0.1-10; seed 0), ten rounds
(both presets run ORC's ten rounds on these sizes: exchanges keep coming). Prints, per size and preset, the number
of candidate and executed exchanges per round, seconds per run (best of `--repeat`), and the process's peak RSS;
and as a baseline from the same process, the compromise model's seconds per run on the same scenario.
Run: ``.venv/bin/python benchmarks/exchange.py [--repeat N]``.
"""

from __future__ import annotations

import argparse
import resource
import time

import numpy as np

from realpolitik.models import get_model
from realpolitik.scenario.model import Scenario

SIZES = [(30, 10), (100, 20)]


def random_scenario(actors: int, issues: int, seed: int = 0) -> Scenario:
    """Return a random scenario with every actor on every issue."""
    rng = np.random.default_rng(seed)
    return Scenario.model_validate({
        "id": f"bench-{actors}x{issues}", "title": "benchmark",
        "actors": [{"id": f"a{k:03d}", "name": f"a{k}", "capability": float(rng.uniform(0.1, 10))}
                   for k in range(actors)],
        "issues": [{"id": f"i{d:02d}", "name": f"i{d}", "low": "0", "high": "100"} for d in range(issues)],
        "stances": [{"actor": f"a{k:03d}", "issue": f"i{d:02d}", "position": float(rng.uniform(0, 100)),
                     "salience": float(rng.uniform(0.05, 1))} for k in range(actors) for d in range(issues)],
    })


def best_of(repeat: int, run) -> float:
    """Return the best wall time of `repeat` calls of `run`."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    for actors, issues in SIZES:
        scenario = random_scenario(actors, issues)
        base = best_of(args.repeat, lambda s=scenario: get_model("compromise").run(s))
        for preset in ("default", "parity"):
            model = get_model("exchange", preset=preset, max_rounds=10, tolerance=0.0, stop_when_idle=False)
            seconds = best_of(args.repeat, lambda m=model, s=scenario: m.run(s))
            _, rounds, _ = model.simulate(scenario)
            per_round = [(r.candidates, len(r.exchanges)) for r in rounds]
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"{actors} actors × {issues} issues, preset {preset}: {seconds:.2f} s per run of 10 rounds "
                  f"({seconds / 10:.3f} s per round; {seconds / base:.0f}× the compromise model's "
                  f"{base * 1e3:.1f} ms); "
                  f"candidates/executed per round {per_round[0]} … {per_round[-1]}; peak RSS {rss:.0f} MiB")


if __name__ == "__main__":
    main()
