"""``realpolitik backtest``: translate options into `realpolitik.run_backtest`, print the comparison (a table or the
``realpolitik.backtest/1`` JSON document) and write the HTML + Markdown report."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from realpolitik.cli.common import INTERRUPTED, ModelOpt, RayOpt, WorkersOpt, check_format, check_output, emit, err, out
from realpolitik.errors import RealpolitikError

if TYPE_CHECKING:
    from rich.console import Console

SHORT = {"mae": "MAE", "median_ae": "med. AE", "rmse": "RMSE", "within_10": "≤10", "within_20": "≤20"}
NARROW = 120


def _terminal_cell(cell: str, narrow: bool) -> str:
    # On a narrow terminal: ``23.87 [20.87, 27.06]`` becomes ``23.87`` over ``20.87–27.06``, ``31% [23%, 39%]``
    # ``31%`` over ``23–39%``, ``150/172`` ``150`` over ``/172``, and a label breaks before its parameters
    # and its values (``nash`` over ``(utility=`` over ``quadratic)``) or after its prefix (``baseline:`` over ``50``).
    if not narrow:
        return cell
    interval = re.fullmatch(r"(\S+) \[(\S+?)(%?), (\S+)\]", cell)
    if interval:
        value, low, _, high = interval.groups()
        return f"{value}\n{low}–{high}"
    if re.fullmatch(r"\d+/\d+", cell):
        return cell.replace("/", "\n/")
    return re.sub(r"^([^(:]+:)", "\\1\n", cell.replace("(", "\n(", 1).replace("=", "=\n"))


def print_summary(console: Console, summary, result=None) -> None:
    """Print the comparison table (metrics with 95% intervals), which cases its figures are on, and (given the
    result) the failures grouped by message. Under `NARROW` columns the headers are abbreviated, intervals go under
    their values and model names wrap before their parameters, so that 80 columns show every name whole."""
    from rich.table import Table

    from realpolitik.cli.render_backtest import comparison_note, comparison_rows, failure_lines
    from realpolitik.evaluate.metrics import LABELS, METRICS

    narrow = console.width < NARROW
    table = Table(title="Backtest (errors in points of 0-100; 95% grouped-bootstrap intervals)",
                  padding=(0, 0 if narrow else 1), collapse_padding=narrow, show_lines=narrow)
    names = ["model", "n"] + [(SHORT if narrow else LABELS)[m] for m in METRICS]
    if not summary.complete:
        names.append(f"MAE on\ncommon {summary.common_n}" if narrow else f"MAE on the common {summary.common_n}")
    for name in names:
        table.add_column(name, justify="left" if name == "model" else "right",
                         overflow="fold", min_width=10 if name == "model" else None)
    for row in comparison_rows(summary):
        table.add_row(*(_terminal_cell(c, narrow) for c in row))
    console.print(table)
    console.print(comparison_note(summary), highlight=False, soft_wrap=False)
    for line in failure_lines(result) if result is not None else []:
        console.print(f"failures: {line}", highlight=False)


def print_probabilistic(console: Console, scores: list | None) -> None:
    """Print the probabilistic table (CRPS, coverage, event scores with intervals) and the PIT counts."""
    if not scores:
        return
    from rich.table import Table

    from realpolitik.cli.render_backtest import PROBABILISTIC_HEADER, probabilistic_rows

    table = Table(title="Predictive distributions (95% grouped-bootstrap intervals)", show_lines=True)
    for name in PROBABILISTIC_HEADER:
        table.add_column(name, justify="left" if name == PROBABILISTIC_HEADER[0] else "right", overflow="fold")
    for row in probabilistic_rows(scores):
        table.add_row(*row)
    console.print(table)
    for s in scores:
        console.print(f"PIT counts (tenths) {s.label}: {', '.join(map(str, s.pit_counts))}", highlight=False)


def backtest(
    data: Annotated[Path, typer.Argument(help="a DEU issues table (or its folder), or a generic backtest CSV/Parquet")],
    model: ModelOpt = None,
    capability: Annotated[str, typer.Option(help="DEU capability scheme (docs/backtests.md lists them)")] = "shapley",
    cv: Annotated[int | None, typer.Option(help="folds for the grouped cross-validation of the anchored model "
                                                "(0: none; default 5 when anchored is among the models or no -m is "
                                                "given, else none)", min=0)] = None,
    bootstrap: Annotated[int, typer.Option(help="bootstrap resamples for the intervals", min=100)] = 2000,
    seed: Annotated[int, typer.Option(help="seed of the bootstrap and the folds", min=0)] = 0,
    workers: WorkersOpt = None,
    ray: RayOpt = None,
    reference: Annotated[str | None, typer.Option(help="model the paired comparisons are against "
                                                       "(default compromise, else the first)")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json (the realpolitik.backtest/1 "
                                                            "document)")] = "table",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="write the HTML report here "
                                                                       "(and a .md beside it)")] = None,
    draws: Annotated[int, typer.Option(help="Monte Carlo draws per case for probabilistic scores (CRPS, coverage, "
                                            "PIT, Brier; 0: none)", min=0)] = 0,
    calibration: Annotated[str, typer.Option(help="with --draws: cv (fitted out of fold on this backtest), "
                                                  "shipped, none, or a calibration file")] = "cv",
) -> None:
    """Score forecasting models against recorded outcomes; print the comparison and write an HTML + Markdown report.

    With --draws N each model's predictive distribution is scored too (raw Monte Carlo and calibrated, out of fold
    by default). The ensemble is scored only out of fold (weights refitted per fold) when cross-validation is on.
    On Ctrl-C or SIGTERM the cases that finished are scored and printed, and the exit status is 130."""
    from realpolitik.cli.progress import ProgressBar
    from realpolitik.cli.render_backtest import write_report
    from realpolitik.cli.uncertainty import choose_executor, seconds_per_call
    from realpolitik.evaluate.harness import CaseRunner
    from realpolitik.executors import sigterm_as_ctrl_c
    from realpolitik.models.specs import build_models
    from realpolitik.pipeline.backtest import cv_folds, default_specs, load_cases, run_backtest

    check_format(fmt)
    check_output(output, creates_folder=True)
    if output is not None:
        check_output(output.with_suffix(".md"), creates_folder=True)
    if not draws and calibration.strip().lower() != "cv":
        raise RealpolitikError("--calibration applies to the probabilistic scores. Fix: add --draws N (e.g. 100)")
    if draws and calibration.strip().lower() not in ("cv", "shipped", "none"):
        from realpolitik.evaluate.calibration import Calibration

        Calibration.load(calibration)
    cases, info = load_cases(data, capability)
    if not cases:
        raise RealpolitikError(f"{data}: no backtest cases. Fix: check the data has issues with outcomes")
    folds = cv_folds(cv, model)
    runner = CaseRunner.of(build_models(model or default_specs(folds)))
    executor = choose_executor(workers, ray, len(cases), seconds_per_call(lambda: runner(cases[0])))
    with sigterm_as_ctrl_c(), ProgressBar(len(cases), f"backtest: {len(cases):,} cases", err,
                                        enabled=fmt != "json") as progress:
        run = run_backtest(cases, model, cv=cv, bootstrap=bootstrap, seed=seed, reference=reference,
                           executor=executor, progress=progress, draws=draws, calibration=calibration,
                           config={"command": "realpolitik " + " ".join(sys.argv[1:]), **info})
    run.config.update({k: v for k, v in info.items()})
    result = run.result
    if result.interrupted:
        err.print(f"interrupted: {result.cases_done:,} of {result.cases_total:,} cases finished"
                  + ("; the figures use those, without cross-validation" if result.cases_done else ""),
                  highlight=False)
        if not result.cases_done:
            raise typer.Exit(INTERRUPTED)
    if fmt == "json":
        emit(run.to_json(), None)
    else:
        print_summary(out, run.summary, result)
        print_probabilistic(out, run.probabilistic)
        out.print(f"ensemble: {run.config['ensemble']}", highlight=False)
    if output is not None:
        title = f"Backtest on {Path(info['data']).name} ({info['capability']} capabilities)"
        for path in write_report(result, run.summary, output, title=title, probabilistic=run.probabilistic):
            err.print(f"wrote {path}")
    if result.interrupted:
        raise typer.Exit(INTERRUPTED)
