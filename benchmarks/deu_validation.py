"""The cross-validated DEU table of docs/validation.md: every registered model and variant under every capability
scheme.

Run: REALPOLITIK_SHARED=../shared .venv/bin/python benchmarks/deu_validation.py [--bootstrap 2000] [--cache DIR]
Prints Markdown tables (errors in points of 0-100, 95% intervals from a bootstrap grouped by proposal) and each
model's run time as a ratio to the compromise model's, measured in the same process.

`wartrap` searches every actor's risk attitude, about 10-30 s per DEU issue with its default 8 restarts; it runs
with ``restarts=2`` (docs/expected-utility.md: the exact risk range in 22 of 24 test systems, max |R error| 0.002)
on `--workers` processes, and only under the schemes of `--wartrap-schemes` (default shapley). `--cache DIR` keeps
each (scheme, model) run's predictions, so a rerun (e.g. with another --bootstrap) does not recompute them.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import time
from pathlib import Path

import numpy as np
import polars as pl

from realpolitik.cli.render_backtest import comparison_rows, failure_groups
from realpolitik.evaluate.capability import SCHEMES
from realpolitik.evaluate.deu import read_deu
from realpolitik.evaluate.harness import (
    BASELINE_50,
    BASELINE_REFERENCE,
    BacktestResult,
    build,
    model_label,
    run_backtest,
    summarise,
)
from realpolitik.evaluate.metrics import point_metrics
from realpolitik.evaluate.tuning import cross_validate
from realpolitik.executors import ProcessExecutor, SerialExecutor

SPECS = ["compromise", "compromise:weights=capability", "compromise:weights=salience", "compromise:weights=equal",
         "mean", "median", "median-cs", "nash", "nash:utility=quadratic", "nash:disagreement=status_quo",
         "bdm", "bdm:variant=scholz2011_published", "bdm:variant=masad2014", "smp", "exchange"]
WARTRAP = "wartrap:restarts=2"


def run_one(cases, spec: str, scheme: str, workers: int, cache: Path | None) -> tuple[pl.DataFrame, str, float]:
    """Return one model's prediction rows (baselines included), its label and its run time (s), from the cache
    when it holds them."""
    model = build([spec])[0]
    label = model_label(model)
    file = cache / f"{scheme}__{re.sub(r'[^A-Za-z0-9=_.-]+', '_', spec)}.parquet" if cache else None
    if file is not None and file.exists():
        return pl.read_parquet(file), label, json.loads(file.with_suffix(".json").read_text())["seconds"]
    executor = ProcessExecutor(workers) if spec.startswith("wartrap") and workers > 1 else SerialExecutor()
    start = time.perf_counter()
    predictions = run_backtest(cases, [model], executor=executor, progress=False).predictions
    seconds = time.perf_counter() - start
    if file is not None:
        file.parent.mkdir(parents=True, exist_ok=True)
        predictions.write_parquet(file)
        file.with_suffix(".json").write_text(json.dumps({"seconds": seconds, "executor": executor.describe()}))
    return predictions, label, seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bootstrap", type=int, default=2000)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--schemes", nargs="+", default=list(SCHEMES), choices=SCHEMES)
    parser.add_argument("--wartrap-schemes", nargs="*", default=["shapley"], choices=SCHEMES)
    parser.add_argument("--workers", type=int, default=2, help="processes for wartrap")
    parser.add_argument("--cache", type=Path, default=None)
    args = parser.parse_args()
    data = Path(os.environ.get("REALPOLITIK_SHARED", Path(__file__).resolve().parents[2] / "shared")) / "data/deu"
    for scheme in args.schemes:
        cases = list(read_deu(data, scheme).cases)
        specs = SPECS + ([WARTRAP] if scheme in args.wartrap_schemes else [])
        frames, labels, timings = [], [], {}
        for spec in specs:
            frame, label, seconds = run_one(cases, spec, scheme, args.workers, args.cache)
            frames.append(frame.filter(~pl.col("model").is_in([BASELINE_50, BASELINE_REFERENCE])) if frames
                          else frame)
            labels.append(label)
            timings[label] = seconds
        result = BacktestResult(pl.concat(frames, how="diagonal_relaxed"), labels + [BASELINE_50, BASELINE_REFERENCE],
                                {"capability": scheme})
        repeats = [cross_validate(cases, k=args.folds, seed=s) for s in range(5)]
        outcome = np.array([c.outcome for c in cases])
        result.add_predictions(f"anchored ({args.folds}-fold grouped CV)", [c.case_id for c in cases],
                               repeats[0].predictions)
        summary = summarise(result, n_boot=args.bootstrap, seed=0, reference="compromise")
        print(f"\n### Capability scheme: {scheme} ({len(cases)} issues, {len({c.group for c in cases})} proposals)\n")
        print(f"Ranked by MAE on the {summary.common_n} issues every model forecast; a model marked * has a "
              "forecast on fewer issues, and its figures are on those only.\n")
        print("| model | n | MAE [95% CI] | median AE [95% CI] | RMSE [95% CI] | within 10 | within 20 | "
              f"MAE on the common {summary.common_n} |")
        print("|---|---|---|---|---|---|---|---|")
        for row in comparison_rows(summary):
            print("| " + " | ".join(row) + " |")
        for label, groups in failure_groups(result).items():
            for group in groups:
                print(f"\nNo forecast from {label} on {group.count} issues: {group.example} (e.g. "
                      f"{', '.join(group.cases)})")
        cv_mae = [point_metrics(r.predictions, outcome)["mae"] for r in repeats]
        print(f"\nAnchored, grouped CV MAE over 5 fold assignments (seeds 0-4): "
              f"{', '.join(f'{m:.2f}' for m in cv_mae)} (mean {np.mean(cv_mae):.2f}); chosen per fold (seed 0): "
              f"{'; '.join(str(c) for c in repeats[0].chosen)}")
        print("\nPaired against compromise (mean abs. error difference on the issues both forecast, negative = "
              "compromise better; P(compromise better / tie / worse) over bootstrap resamples):\n")
        for p in summary.paired:
            if p.a == "compromise":
                print(f"- {p.b} (n={p.n}): {p.mean_diff:+.2f} [{p.low:+.2f}, {p.high:+.2f}], {p.probabilities()}")
        base = timings["compromise"]
        print("\nRun time relative to compromise: " + ", ".join(
            f"{k}: {v / base:.1f}x" for k, v in timings.items() if any(s in k for s in ("bdm", "nash", "smp")))
              + "".join(f"; {k}: {v:.0f} s on {args.workers} processes ({v / len(cases):.1f} s per issue)"
                        for k, v in timings.items() if k.startswith("wartrap")))


if __name__ == "__main__":
    main()
