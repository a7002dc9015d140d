"""The cross-validated DEU table of docs/validation.md: every model and variant under every capability scheme.

Run: REALPOLITIK_SHARED=../shared .venv/bin/python benchmarks/deu_validation.py [--bootstrap 2000]
Prints Markdown tables (errors in points of 0-100, 95% intervals from a bootstrap grouped by proposal) and each
model's run time as a ratio to the compromise model's, measured in the same process.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import numpy as np

from realpolitik.evaluate.capability import SCHEMES
from realpolitik.evaluate.deu import read_deu
from realpolitik.evaluate.harness import build, model_label, run_backtest, summarise
from realpolitik.evaluate.metrics import point_metrics
from realpolitik.evaluate.report import comparison_rows, paired_rows
from realpolitik.evaluate.tuning import cross_validate

SPECS = ["compromise", "compromise:weights=capability", "compromise:weights=salience", "compromise:weights=equal",
         "mean", "median", "median-cs", "nash", "nash:utility=quadratic", "nash:disagreement=status_quo",
         "bdm", "bdm:variant=scholz2011_published", "bdm:variant=masad2014"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bootstrap", type=int, default=2000)
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    data = Path(os.environ.get("REALPOLITIK_SHARED", Path(__file__).resolve().parents[2] / "shared")) / "data/deu"
    for scheme in SCHEMES:
        cases = list(read_deu(data, scheme).cases)
        models = build(SPECS)
        timings = {}
        for model in models:
            start = time.perf_counter()
            run_backtest(cases, [model], progress=False)
            timings[model_label(model)] = time.perf_counter() - start
        result = run_backtest(cases, models, progress=False, config={"capability": scheme})
        repeats = [cross_validate(cases, k=args.folds, seed=s) for s in range(5)]
        outcome = np.array([c.outcome for c in cases])
        result.add_predictions(f"anchored ({args.folds}-fold grouped CV)", [c.case_id for c in cases],
                               repeats[0].predictions)
        summary = summarise(result, n_boot=args.bootstrap, seed=0, reference="compromise")
        print(f"\n### Capability scheme: {scheme} ({len(cases)} issues, {len({c.group for c in cases})} proposals)\n")
        print("| model | n | MAE [95% CI] | median AE [95% CI] | RMSE [95% CI] | within 10 | within 20 |")
        print("|---|---|---|---|---|---|---|")
        for row in comparison_rows(summary):
            print("| " + " | ".join(row) + " |")
        cv_mae = [point_metrics(r.predictions, outcome)["mae"] for r in repeats]
        print(f"\nAnchored, grouped CV MAE over 5 fold assignments (seeds 0-4): "
              f"{', '.join(f'{m:.2f}' for m in cv_mae)} (mean {np.mean(cv_mae):.2f}); chosen per fold (seed 0): "
              f"{'; '.join(str(c) for c in repeats[0].chosen)}")
        print("\nPaired against compromise (mean abs. error difference, negative = compromise better):\n")
        for row in paired_rows(summary):
            print(f"- {row[1]}: {row[2]}, P(compromise better) {row[5]}")
        base = timings["compromise"]
        print("\nRun time relative to compromise: " + ", ".join(
            f"{k}: {v / base:.1f}x" for k, v in timings.items() if "bdm" in k or "nash" in k))


if __name__ == "__main__":
    main()
