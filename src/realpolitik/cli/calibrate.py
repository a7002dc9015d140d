"""``realpolitik calibrate``: fit a calibration file on a backtest and print its out-of-fold coverage. It translates
options into `realpolitik.pipeline.calibrate.fit_calibration_run` and writes the versioned file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from realpolitik.cli.common import ModelOpt, check_output, err, out


def calibrate(
    data: Annotated[Path, typer.Argument(help="a DEU issues table (or its folder), or a generic backtest CSV/Parquet")],
    output: Annotated[Path, typer.Option("--output", "-o", help="the calibration file to write (JSON)")],
    model: ModelOpt = None,
    capability: Annotated[str, typer.Option(help="DEU capability scheme (docs/backtests.md lists them)")] = "shapley",
    folds: Annotated[int, typer.Option(help="grouped folds for the out-of-fold figures (and the ensemble's "
                                            "weights)", min=2)] = 5,
    seed: Annotated[int, typer.Option(help="seed of the folds (and of the Monte Carlo draws)", min=0)] = 0,
    draws: Annotated[int, typer.Option(help="Monte Carlo draws per case to print the raw distributions' scores "
                                            "beside the calibrated ones (0: none)", min=0)] = 0,
    name: Annotated[str | None, typer.Option(help="the calibration's name (default: the file's stem)")] = None,
) -> None:
    """Fit a calibration (realpolitik.calibration/1) on a backtest of the models (-m, default compromise) and print
    its out-of-fold coverage of the central 50/80/90% intervals (grouped cross-validation)."""
    from rich.table import Table

    from realpolitik.cli.backtest import print_probabilistic
    from realpolitik.pipeline.calibrate import fit_calibration_run

    check_output(output, creates_folder=True)
    fitted = fit_calibration_run(data, model, capability=capability, folds=folds, seed=seed, draws=draws,
                                 name=name or output.stem,
                                 config={"command": "realpolitik " + " ".join(sys.argv[1:])})
    output.parent.mkdir(parents=True, exist_ok=True)
    fitted.calibration.save(output)
    table = Table(title=f"Calibration {fitted.calibration.name}: out of fold ({folds} grouped folds, seed {seed})")
    for col in ("model", "n", "CRPS", "50% cover", "80% cover", "90% cover"):
        table.add_column(col, justify="left" if col == "model" else "right")
    for label, figures in fitted.out_of_fold.items():
        cover = figures["coverage"]
        table.add_row(label, str(figures["n"]), f"{figures['crps']:.2f}",
                      *[f"{cover[k]:.0%}" for k in ("0.5", "0.8", "0.9")])
    out.print(table)
    print_probabilistic(out, fitted.backtest.probabilistic)
    err.print(f"wrote {output}", highlight=False)
