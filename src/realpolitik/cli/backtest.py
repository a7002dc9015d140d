"""The `realpolitik backtest` command: score models on a dataset with known outcomes and write the report."""

from __future__ import annotations

import hashlib
import platform
import re
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from realpolitik.errors import RealpolitikError
from realpolitik.evaluate.capability import SCHEMES, check_scheme
from realpolitik.evaluate.metrics import LABELS, METRICS
from realpolitik.uncertainty.commands import INTERRUPTED, RayOpt, WorkersOpt


def load_cases(data: Path, capability: str) -> tuple[list, dict[str, Any]]:
    """Return the cases of a DEU table or a generic backtest table, and the data part of the configuration."""
    from realpolitik.evaluate.dataset import read_table
    from realpolitik.evaluate.deu import find_issues_file, is_deu_table, read_deu

    if is_deu_table(data):
        deu = read_deu(data, check_scheme(capability))
        file = find_issues_file(data)
        info = {"format": "deu", "data": str(file), "sha256": _sha256(file), "capability": capability,
                "skipped_without_outcome": list(deu.skipped)}
        return list(deu.cases), info
    cases = read_table(data)
    return cases, {"format": "generic", "data": str(data), "sha256": _sha256(data),
                   "capability": "as given in the table"}


def default_specs(cv: int) -> list[str]:
    """Return the default model specs: every registered model, except that with cross-validation on, the anchored
    model's CV row replaces its in-sample row (with its defaults it repeats the compromise model)."""
    from realpolitik.models.registry import available

    return [name for name in available() if not (cv and name == "anchored")]


DEFAULT_FOLDS = 5


def cv_folds(cv: int | None, specs: list[str] | None) -> int:
    """Return the folds of the anchored model's cross-validation: `cv` when given (``--cv K``), else
    `DEFAULT_FOLDS` when the anchored model was asked for (named in `specs`, or no specs: every model), else 0."""
    from realpolitik.evaluate.harness import parse_spec

    if cv is not None:
        return cv
    if not specs or any(parse_spec(spec)[0] == "anchored" for spec in specs):
        return DEFAULT_FOLDS
    return 0


def _sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


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
    from realpolitik.evaluate.report import comparison_note, comparison_rows, failure_lines

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


def backtest(
    data: Annotated[Path, typer.Argument(help="a DEU issues table (or its folder), or a generic backtest CSV/Parquet")],
    model: Annotated[list[str] | None, typer.Option("--model", "-m",
                                                    help="model spec NAME or NAME:key=value,... (repeatable); "
                                                         "default every registered model")] = None,
    capability: Annotated[str, typer.Option(help=f"DEU capability scheme: {', '.join(SCHEMES)}")] = "shapley",
    cv: Annotated[int | None, typer.Option(help="folds for the grouped cross-validation of the anchored model "
                                                "(0: none; default 5 when anchored is among the models or no -m is "
                                                "given, else none)", min=0)] = None,
    bootstrap: Annotated[int, typer.Option(help="bootstrap resamples for the intervals", min=100)] = 2000,
    seed: Annotated[int, typer.Option(help="seed of the bootstrap and the folds", min=0)] = 0,
    workers: WorkersOpt = None,
    ray: RayOpt = None,
    reference: Annotated[str | None, typer.Option(help="model the paired comparisons are against "
                                                       "(default compromise, else the first)")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="write the HTML report here "
                                                                       "(and a .md beside it)")] = None,
) -> None:
    """Score forecasting models against recorded outcomes and write an HTML + Markdown report."""
    from realpolitik import __version__
    from realpolitik.evaluate.harness import CaseRunner, build, model_label, run_backtest, summarise
    from realpolitik.evaluate.report import write_report
    from realpolitik.evaluate.tuning import cross_validate
    from realpolitik.uncertainty.commands import choose_executor, seconds_per_call

    err = Console(stderr=True)
    cases, info = load_cases(data, capability)
    cv = cv_folds(cv, model)
    models = build(model or default_specs(cv))
    config = {"command": "realpolitik " + " ".join(sys.argv[1:]), **info,
              "models": {model_label(m): {"name": m.name, "params": m.resolved_params()} for m in models},
              "bootstrap": bootstrap, "seed": seed, "cv_folds": cv, "realpolitik": __version__,
              "python": platform.python_version(), "cases": len(cases),
              "groups": len({c.group for c in cases})}
    runner = CaseRunner.of(models)
    executor = choose_executor(workers, ray, len(cases), seconds_per_call(lambda: runner(cases[0])))
    config["executor"] = executor.describe()
    result = run_backtest(cases, models, executor=executor, config=config)
    if result.interrupted:
        err.print(f"interrupted: {result.cases_done:,} of {result.cases_total:,} cases finished"
                  + ("; the figures use those, without cross-validation" if result.cases_done else ""),
                  highlight=False)
        result.config.update(interrupted=True, cases_done=result.cases_done)
        if not result.cases_done:
            raise typer.Exit(INTERRUPTED)
    elif cv:
        folds = cross_validate(cases, k=cv, seed=seed)
        result.add_predictions(f"anchored ({cv}-fold grouped CV)", [c.case_id for c in cases], folds.predictions)
        result.config["cv_chosen_per_fold"] = list(folds.chosen)
    labels = result.labels
    if reference is not None and reference not in labels:
        raise RealpolitikError(f"--reference {reference!r} is not among the models ({', '.join(labels)}). "
                               "Fix: name one of them")
    reference = reference or ("compromise" if "compromise" in labels else labels[0])
    summary = summarise(result, n_boot=bootstrap, seed=seed, reference=reference)
    print_summary(Console(), summary, result)
    if output is not None:
        title = f"Backtest on {Path(info['data']).name} ({info['capability']} capabilities)"
        for path in write_report(result, summary, output, title=title):
            err.print(f"wrote {path}")
    if result.interrupted:
        raise typer.Exit(INTERRUPTED)
