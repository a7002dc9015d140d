"""Fit the shipped ensemble weights and calibration on the DEU development split, and print the honest
(out-of-fold) probabilistic tables of docs/validation.md.

Run: REALPOLITIK_SHARED=../shared .venv/bin/python benchmarks/fit_shipped.py [--write] [--draws 100]
[--folds 5] [--seed 0] [--bootstrap 2000]

Steps, all on the 172 issues of the development split under the `shapley` capability scheme (the reader's default):
1. point forecasts of the ensemble's candidate members (`MEMBERS`);
2. the stacked ensemble, weights refitted in each outer grouped fold (nested CV), and its calibration fitted on
   residuals that are out of fold within the training folds: the honest ensemble figures;
3. each member's calibration scored out of fold (grouped k-fold);
4. Monte Carlo predictive distributions (`--draws` per issue, seed `--seed`, conventional spreads) of the fast
   members (`MC_MEMBERS`), raw;
5. with ``--write``: the weights fitted on all 172 issues and the calibration of every member and of the ensemble
   (on its out-of-fold residuals) written to src/realpolitik/calibrations/ with their provenance.
Nothing is fitted to the built-in scenario. Same arguments, same files (the fit is deterministic).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import time
from pathlib import Path

import numpy as np

from realpolitik.evaluate.calibration import Calibration, case_features, cross_validate_calibration, fit_calibration
from realpolitik.evaluate.deu import find_issues_file, read_deu
from realpolitik.evaluate.harness import build, run_backtest
from realpolitik.evaluate.probabilistic import Predictive, calibrated_predictive, monte_carlo_predictive, score_all
from realpolitik.evaluate.stacking import STEP, cross_validate_weights, fit_weights, nested_calibrated_ensemble
from realpolitik.models.ensemble import SCHEMA as ENSEMBLE_SCHEMA

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "realpolitik" / "calibrations"
MEMBERS = ["mean", "compromise", "median-cs", "nash", "nash:utility=quadratic", "bdm:variant=scholz2011_published",
           "smp"]
MC_MEMBERS = ["compromise", "mean", "nash", "median-cs"]
SCHEME = "shapley"


def shared() -> Path:
    """Return the shared reference folder ($REALPOLITIK_SHARED, else ../shared beside the checkout)."""
    return Path(os.environ.get("REALPOLITIK_SHARED", ROOT.parent / "shared"))


def fmt(e) -> str:
    """Return ``value [low, high]``."""
    return f"{e.value:.2f} [{e.low:.2f}, {e.high:.2f}]"


def pct(e) -> str:
    """Return ``v% [lo%, hi%]``."""
    return f"{e.value:.0%} [{e.low:.0%}, {e.high:.0%}]"


def table(scores) -> str:
    """Return the probabilistic table as Markdown."""
    lines = ["| forecaster | n | MAE of point | CRPS | 50% cover | 80% cover | 90% cover | Brier (≥ 50) | "
             "log (≥ 50) | Brier (within 10 of rp) |", "|" + "---|" * 10]
    for s in sorted(scores, key=lambda s: s.crps.value):
        ev = {e.event: e for e in s.events}
        ge50 = ev["outcome ≥ 50"]
        rp = ev.get("within 10 of the reference point")
        lines.append(f"| {s.label} | {s.n} | {fmt(s.mae)} | {fmt(s.crps)} | {pct(s.coverage[0.5])} | "
                     f"{pct(s.coverage[0.8])} | {pct(s.coverage[0.9])} | {fmt(ge50.brier)} | {fmt(ge50.log)} | "
                     f"{fmt(rp.brier) + f' (n={rp.n})' if rp else '—'} |")
    return "\n".join(lines)


def main() -> None:
    """Fit, score and (with --write) ship."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="write the shipped files")
    parser.add_argument("--draws", type=int, default=100, help="Monte Carlo draws per issue (0: skip)")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--fold-seeds", type=int, default=5, help="fold assignments of the nested CV to report")
    parser.add_argument("--bootstrap", type=int, default=2000)
    parser.add_argument("--scale", default="dispersion", choices=("dispersion", "none"))
    args = parser.parse_args()
    data_dir = shared() / "data" / "deu"
    deu = read_deu(data_dir, SCHEME)
    cases = list(deu.cases)
    file = find_issues_file(data_dir)
    data = {"dataset": "DEU development split (proposals 1995-2000)", "file": file.name,
            "sha256": hashlib.sha256(file.read_bytes()).hexdigest(), "capability": SCHEME, "issues": len(cases),
            "proposals": len({c.group for c in cases}), "skipped_without_outcome": list(deu.skipped),
            "citation": "Thomson et al. 2006 (CUP), Thomson et al. 2012 (JEPP 19(4)); DEU III, Arregui & "
                        "Perarnaud 2022 (JEPP 29(1)), doi:10.34810/data53, CC BY 4.0"}
    start = time.perf_counter()
    models = build(MEMBERS)
    result = run_backtest(cases, models, progress=False, config={"format": "deu", "capability": SCHEME})
    labels = result.labels[:len(MEMBERS)]
    print(f"point forecasts of {len(MEMBERS)} members on {len(cases)} issues: {time.perf_counter() - start:.0f} s")
    by_case = {label: dict(zip(result.scored(label)["case"], result.scored(label)["prediction"], strict=True))
               for label in labels}
    ids = [c.case_id for c in cases]
    points = np.array([[by_case[label].get(c, np.nan) for c in ids] for label in labels])
    outcome = np.array([c.outcome for c in cases])
    groups = [c.group for c in cases]
    features = case_features(cases)
    feats = [features[c] for c in ids]

    # 2. the ensemble, nested: weights and calibration refitted without each outer fold
    nested = {seed: nested_calibrated_ensemble(points, outcome, groups, feats, args.folds, seed, args.scale)
              for seed in range(args.seed, args.seed + args.fold_seeds)}
    ens = nested[args.seed]
    print(f"\nensemble, {args.folds}-fold grouped nested CV, MAE over fold seeds "
          f"{args.seed}-{args.seed + args.fold_seeds - 1}: " + ", ".join(f"{np.abs(n.predictions - outcome).mean():.2f}"
                                                      for n in nested.values()))
    print(f"weights per outer fold (seed {args.seed}):")
    for w in ens.weights:
        print("  " + ", ".join(f"{label} {v:.2f}" for label, v in zip(labels, w, strict=True) if v > 0))
    predictives: list[Predictive] = [
        Predictive(f"ensemble + calibration (nested {args.folds}-fold CV)", "nested CV", ids, groups, outcome,
                   [c.status_quo for c in cases], ens.predictions, ens.samples)]
    # 3. each member's calibration, out of fold
    for label, row in zip(labels, points, strict=True):
        cv = cross_validate_calibration(label, ids, groups, row, outcome, feats, args.scale, args.folds, args.seed)
        predictives.append(calibrated_predictive(cv, cases))
    # 4. raw Monte Carlo of the fast members
    if args.draws:
        for spec in MC_MEMBERS:
            t0 = time.perf_counter()
            predictives.append(monte_carlo_predictive(cases, build([spec])[0], args.draws, args.seed))
            print(f"Monte Carlo {spec}: {args.draws} draws x {len(cases)} issues, {time.perf_counter() - t0:.0f} s")
    scores = score_all(predictives, args.bootstrap, args.seed)
    print(f"\n{len(cases)} issues, {len({*groups})} proposals; 95% intervals from {args.bootstrap} bootstrap "
          f"resamples of whole proposals (seed {args.seed}); calibration folds {args.folds}, fold seed "
          f"{args.seed}, scale {args.scale}\n")
    print(table(scores))
    print("\nPIT histograms (10 bins):")
    for s in scores:
        print(f"  {s.label}: {s.pit_counts}")
    if not args.write:
        return
    # 5. ship: weights on all issues; calibrations of members (their residuals) and of the ensemble (its
    # out-of-fold residuals, plain CV with the fold seed)
    weights = fit_weights(points, outcome, STEP)
    oof = cross_validate_weights(points, outcome, groups, args.folds, args.seed)
    provenance = {"data": data, "script": "benchmarks/fit_shipped.py",
                  "folds": args.folds, "fold_seed": args.seed, "grouped_by": "proposal (prnr)"}
    ensemble = {"schema": ENSEMBLE_SCHEMA, "method": f"stacking: non-negative weights summing to 1 minimising MAE, "
                f"simplex grid step {STEP}", "members": [{"spec": spec, "weight": round(float(w), 4)}
                                                        for spec, w in zip(MEMBERS, weights, strict=True)],
                "provenance": {**provenance, "out_of_fold_mae": round(float(np.abs(oof.predictions - outcome)
                                                                           .mean()), 3)}}
    OUT.mkdir(exist_ok=True)
    (OUT / "ensemble_deu_dev.json").write_text(json.dumps(ensemble, indent=1) + "\n", encoding="utf-8")
    result.add_predictions("ensemble", ids, oof.predictions)
    calibration = fit_calibration(result, cases, labels + ["ensemble"], args.scale,
                                  {**provenance, "ensemble_residuals": "out of fold (grouped CV)"}, "deu_dev")
    calibration.save(OUT / "deu_dev.json")
    Calibration.load(OUT / "deu_dev.json")
    print(f"\nwrote {OUT / 'ensemble_deu_dev.json'} and {OUT / 'deu_dev.json'}")
    print("shipped weights: " + ", ".join(f"{m['spec']} {m['weight']:.2f}" for m in ensemble["members"]))


if __name__ == "__main__":
    main()
