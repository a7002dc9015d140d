"""Monte Carlo throughput: draws per second serially, on local processes and on Ray, and the speed-up.

    python benchmarks/monte_carlo.py [--draws 10000] [--workers 2] [--models compromise,nash] [--no-ray]

For each model (the baseline models, then the slowest registered iterative model, if any) on the built-in
scenario (a synthetic 9-actor, 4-issue scenario while the built-in is absent), per draw:
- build: drawing the inputs and building the perturbed Scenario (`InputSpace.scenario_at`, no re-validation);
- model: `model.run` on a pre-built draw;
- draws per second serially, on `--workers` processes and on Ray with as many CPUs, and the speed-up over serial;
- executor overhead: (wall · workers − seconds the batches spent computing) / N, where a batch's computing time
  is build + model for its draws; shown in ms and as a share of a draw's compute time (build + model). This is
  what batching keeps small (dispatch, pickling, worker start-up, idle workers at the end); it does not include
  the build, which is reported on its own.
Targets (issue 5): speed-up ≥ 1.7× on 2 cores for N ≥ 10,000; overhead < 5% of a draw's time.
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np

from realpolitik.executors import ProcessExecutor, RayExecutor, SerialExecutor
from realpolitik.models import available, get_model
from realpolitik.scenario.model import Scenario
from realpolitik.uncertainty.draws import InputSpace
from realpolitik.uncertainty.sweep import Sweep

BASELINES = ("mean", "compromise", "median", "median-cs", "nash")


def synthetic() -> Scenario:
    """Return a 9-actor, 4-issue scenario with fixed pseudo-random inputs."""
    rng = np.random.default_rng(1)
    actors = [f"a{k}" for k in range(9)]
    return Scenario.model_validate({
        "id": "synthetic", "title": "Synthetic 9 × 4",
        "actors": [{"id": a, "name": a, "capability": float(c)}
                   for a, c in zip(actors, rng.uniform(1, 10, 9), strict=True)],
        "issues": [{"id": f"i{j}", "name": f"I{j}", "low": "0", "high": "100"} for j in range(4)],
        "stances": [{"actor": a, "issue": f"i{j}", "position": float(rng.uniform(0, 100)),
                     "salience": float(rng.uniform(0.2, 1))} for j in range(4) for a in actors],
    })


def scenario() -> Scenario:
    """Return the built-in scenario, or the synthetic one while it is absent."""
    from realpolitik.scenario.io import load_scenario

    try:
        return load_scenario("south-caucasus-2020")
    except Exception:  # noqa: BLE001 - the built-in lands on another branch
        return synthetic()


def per_draw_costs(space: InputSpace, model, k: int = 200) -> tuple[float, float]:
    """Return (seconds to build one draw, seconds of model time per draw), averaged over k draws."""
    sweep = Sweep.monte_carlo(space, model, k, seed=0)
    started = time.perf_counter()
    values, rngs = sweep.draw_inputs(0, k)
    draws = [space.scenario_at(v) for v in values]
    build = (time.perf_counter() - started) / k
    started = time.perf_counter()
    for draw, rng in zip(draws, rngs, strict=True):
        model.run(draw, rng)
    return build, (time.perf_counter() - started) / k


def slowest_iterative(s: Scenario) -> list[str]:
    """Return the name of the slowest registered iterative model on `s` (empty if none is registered)."""
    timed = []
    for name, cls in available().items():
        if cls.iterative:
            started = time.perf_counter()
            cls().run(s)
            timed.append((time.perf_counter() - started, name))
    return [max(timed)[1]] if timed else []


def main() -> None:
    """Print the table of figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=10_000)
    parser.add_argument("--iterative-draws", type=int, default=1_000,
                        help="draws for the slowest iterative model (each draw is much longer)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--models", default=",".join(BASELINES))
    parser.add_argument("--no-ray", action="store_true")
    args = parser.parse_args()
    s = scenario()
    space = InputSpace.of(s)
    iterative = slowest_iterative(s)
    names = [m for m in args.models.split(",") if m] + iterative
    print(f"scenario {s.id}: {len(s.actors)} actors, {len(s.issues)} issues, {len(space.inputs)} uncertain inputs; "
          f"N = {args.draws:,} draws; {args.workers} workers; load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} cores (other work on the cores lowers every speed-up)")
    executors = {"serial": SerialExecutor(), "processes": ProcessExecutor(args.workers)}
    if not args.no_ray:
        import ray

        ray.init(num_cpus=args.workers, include_dashboard=False, log_to_driver=False)
        executors["ray"] = RayExecutor(workers=args.workers)
    warm = Sweep.monte_carlo(space, get_model("mean"), 4 * args.workers, seed=0)
    for executor in executors.values():  # start the forkserver and Ray's workers once, outside the timings
        executor.run(warm, batch_size=1)
    parallel = [k for k in executors if k != "serial"]
    print(f"{'model':<12}{'draws':>8}{'build ms':>9}{'model ms':>9}"
          + "".join(f"{k + ' draws/s':>18}" for k in executors)
          + "".join(f"{'speed-up ' + k:>20}" for k in parallel)
          + "".join(f"{'overhead ' + k:>24}" for k in parallel))
    for name in names:
        model = get_model(name)
        build, model_time = per_draw_costs(space, model)
        draws = args.iterative_draws if name in iterative else args.draws
        sweep = Sweep.monte_carlo(space, model, draws, seed=1)
        walls, computes, reference = {}, {}, None
        for label, executor in executors.items():
            result = executor.run(sweep)
            walls[label], computes[label] = result.seconds, result.compute_seconds
            if reference is None:
                reference = result.outcomes
            else:
                assert np.array_equal(reference, result.outcomes, equal_nan=True), f"{label} differs from serial"
        serial = walls["serial"]
        row = f"{name:<12}{draws:>8,}{build * 1e3:>9.3f}{model_time * 1e3:>9.3f}"
        row += "".join(f"{draws / walls[k]:>18,.0f}" for k in executors)
        row += "".join(f"{serial / walls[k]:>19.2f}×" for k in parallel)
        for k in parallel:
            overhead = max(0.0, walls[k] * args.workers - computes[k]) / draws
            row += f"{overhead * 1e3:>9.3f} ms ={overhead / (build + model_time):>7.1%}"
        print(row, flush=True)
    print("build = drawing the inputs and building the perturbed Scenario; model = model.run on it; overhead = "
          "(wall × workers − time the batches spent building and running draws) / N, in ms per draw and as a share "
          "of build + model; identical outcomes across executors checked")


if __name__ == "__main__":
    main()
