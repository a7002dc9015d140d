"""SMP memory and time per turn by number of actors, with the perceived utilities held as an N×N×N array
(the previous way, ``--baseline``) or computed where read (now).

Each (N, way) runs one SMP turn (``max_rounds=1``) of a random one-issue scenario in a child process of its
own, so peaks do not mix, and prints the child's peak RSS and the turn's wall time; then the ratios of the two
ways. The issue's targets: peak memory O(N^2) per turn, N = 640 under 1 GiB, at most 10% slower at N <= 160.
Run: ``.venv/bin/python benchmarks/smp_memory.py [--sizes 80,160,320,640] [--repeat 3]``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from reference_data import peak_rss_mb  # noqa: E402


def random_scenario(n: int):
    """Return an n-actor, one-issue scenario with seeded random positions, saliences and capabilities."""
    from realpolitik.scenario.model import Scenario

    rng = np.random.default_rng(n)
    actors = [f"a{k}" for k in range(n)]
    return Scenario.model_validate({
        "id": f"random-{n}", "title": f"Random {n}",
        "actors": [{"id": a, "name": a, "capability": float(c)}
                   for a, c in zip(actors, rng.uniform(1, 100, n), strict=True)],
        "issues": [{"id": "x", "name": "X", "low": "0", "high": "100"}],
        "stances": [{"actor": a, "issue": "x", "position": float(rng.uniform(0, 100)),
                     "salience": float(rng.uniform(0.2, 1))} for a in actors],
    })


def one_turn(n: int, baseline: bool, repeat: int) -> dict:
    """Return the best wall time of one SMP turn and the process's peak RSS."""
    from realpolitik.models import get_model, smp_challenge, smp_dynamics
    from realpolitik.models.smp_voting import utility

    if baseline:  # the N×N×N array the model held before
        smp_dynamics.perceived_utilities = lambda d, r: utility(d[None, :, :], r[:, :, None])
    scenario = random_scenario(n)
    model = get_model("smp", max_rounds=1)
    best = np.inf
    for _ in range(repeat):
        start = time.perf_counter()
        model.simulate(scenario)
        best = min(best, time.perf_counter() - start)
    assert smp_challenge  # imported so that the lazy class is what runs unless patched
    return {"seconds": best, "peak_rss_mb": peak_rss_mb()}


def child(n: int, baseline: bool, repeat: int) -> dict:
    command = [sys.executable, __file__, "--child", str(n), "--repeat", str(repeat)] + (["--baseline"] * baseline)
    out = subprocess.run(command, capture_output=True, text=True)
    if out.returncode:
        return {"seconds": float("nan"), "peak_rss_mb": float("nan"), "error": out.stderr.strip().splitlines()[-1]}
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="40,80,160,320,640")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--baseline-up-to", type=int, default=640, help="largest N to run the N^3 way on")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--baseline", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(one_turn(args.child, args.baseline, args.repeat)))
        return
    print(f"{'N':>5} {'N^3 array: s/turn':>18} {'peak RSS':>9} {'lazy: s/turn':>13} {'peak RSS':>9} "
          f"{'time ratio':>10} {'memory ratio':>12}")
    for n in map(int, args.sizes.split(",")):
        repeat = args.repeat if n <= 160 else 1
        old = child(n, True, repeat) if n <= args.baseline_up_to else {"seconds": np.nan, "peak_rss_mb": np.nan}
        new = child(n, False, repeat)
        print(f"{n:>5} {old['seconds']:>18.3f} {old['peak_rss_mb']:>7.0f}MB {new['seconds']:>13.3f} "
              f"{new['peak_rss_mb']:>7.0f}MB {new['seconds'] / old['seconds']:>10.2f} "
              f"{new['peak_rss_mb'] / old['peak_rss_mb']:>12.2f}" + (f"  ({old['error']})" if "error" in old else ""))


if __name__ == "__main__":
    main()
