"""The exchange model's DEU table of docs/validation.md: the exchange model (default and parity presets) beside the
compromise model and the baselines, on the same 172 issues, under every capability scheme.

The exchange model sees each DEU proposal's issues linked (`realpolitik.evaluate.linked`): a proposal with two or
more issues with an outcome is one multi-issue scenario, and the model is scored on each of its issues; a proposal
with one issue is a one-issue scenario, on which the model equals the compromise model.

Run: REALPOLITIK_SHARED=../shared .venv/bin/python benchmarks/deu_exchange.py [--bootstrap 2000]
Prints Markdown (errors in points of 0-100, 95% intervals from a bootstrap grouped by proposal) and the run time of
each model as a ratio to the compromise model's, measured in the same process.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import polars as pl
from realpolitik.evaluate.report import comparison_rows

from realpolitik.evaluate.capability import SCHEMES
from realpolitik.evaluate.deu import read_deu
from realpolitik.evaluate.harness import BASELINE_50, BASELINE_REFERENCE, BacktestResult, build, run_backtest, summarise
from realpolitik.evaluate.linked import link_cases

SPECS = ["compromise", "exchange", "exchange:preset=parity"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bootstrap", type=int, default=2000)
    parser.add_argument("--schemes", nargs="+", default=list(SCHEMES), choices=SCHEMES)
    args = parser.parse_args()
    data = Path(os.environ.get("REALPOLITIK_SHARED", Path(__file__).resolve().parents[2] / "shared")) / "data/deu"
    for scheme in args.schemes:
        cases = list(read_deu(data, scheme).cases)
        linked = link_cases(cases)
        frames, labels, timings = [], [], {}
        for model in build(SPECS):
            start = time.perf_counter()
            frame = run_backtest(cases, [model], progress=False).predictions
            timings[frame["model"][0]] = time.perf_counter() - start
            frames.append(frame.filter(~pl.col("model").is_in([BASELINE_50, BASELINE_REFERENCE])) if frames else frame)
            labels.append(frame["model"][0])
        result = BacktestResult(pl.concat(frames, how="diagonal_relaxed"), labels + [BASELINE_50, BASELINE_REFERENCE],
                                {"capability": scheme})
        summary = summarise(result, n_boot=args.bootstrap, seed=0, reference="compromise")
        multi = sum(c.linked is not None for c in linked)
        groups = len({c.group for c in linked if c.linked is not None})
        print(f"\n#### Capability scheme: {scheme} ({len(cases)} issues; {multi} of them in {groups} proposals with "
              "two or more issues, linked)\n")
        print("| model | n | MAE [95% CI] | median AE [95% CI] | RMSE [95% CI] | within 10 | within 20 |")
        print("|---|---|---|---|---|---|---|")
        for row in comparison_rows(summary):
            print("| " + " | ".join(row[:7]) + " |")
        print("\nPaired against compromise (negative = compromise better):\n")
        for p in summary.paired:
            if p.a == "compromise":
                print(f"- {p.b} (n={p.n}): {p.mean_diff:+.2f} [{p.low:+.2f}, {p.high:+.2f}], {p.probabilities()}")
        base = timings["compromise"]
        print("\nRun time relative to compromise: " + ", ".join(
            f"{k}: {v / base:.0f}x ({v:.1f} s)" for k, v in timings.items() if k != "compromise"))


if __name__ == "__main__":
    main()
