"""``realpolitik scenario validate|show|export|import-decide``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from realpolitik.cli.common import DEFAULT_SCENARIO, OutputOpt, check_format, check_output, emit, err, out
from realpolitik.errors import RealpolitikError

app = typer.Typer(help="Validate, show, export and import scenarios.", no_args_is_help=True, rich_markup_mode=None)


@app.command("validate")
def scenario_validate(
    files: Annotated[list[str], typer.Argument(help="scenario files or built-in names")],
) -> None:
    """Check scenario files; print every problem with its place and fix, and for a draft what still needs a
    person (draft items, actors without a capability, issues without positions). Exit 1 if any is invalid or
    cannot be forecast yet."""
    from rich.markup import escape

    from realpolitik.scenario.checks import needs_review
    from realpolitik.scenario.io import load_scenario

    failed = 0
    for name in files:
        try:
            loaded = load_scenario(name)
        except RealpolitikError as exc:
            failed += 1
            err.print(f"[red]✗[/red] {escape(str(exc))}", highlight=False, soft_wrap=True)
            continue
        counts = (f"{len(loaded.actors)} actors, {len(loaded.issues)} issues, {len(loaded.stances)} stances, "
                  f"{len(loaded.relations)} relations")
        todo = needs_review(loaded)
        if todo:
            failed += 1
            out.print(f"[yellow]✗[/yellow] {escape(name)}: valid, but cannot be forecast yet ({counts}); "
                      f"{len(todo)} item(s) need a person:", highlight=False)
            for problem in todo:
                out.print(f"  - {escape(problem.describe())}", highlight=False, soft_wrap=True)
            continue
        out.print(f"[green]✓[/green] {escape(name)}: {counts}", highlight=False)
    if failed:
        raise typer.Exit(1)


@app.command("show")
def scenario_show(
    name: Annotated[str, typer.Argument(help="a scenario file or built-in name")] = DEFAULT_SCENARIO,
    sources: Annotated[bool, typer.Option(help="list the sources in full")] = True,
) -> None:
    """Print a scenario's actors, issues, stances (with justifications), relations and sources."""
    from realpolitik.cli.render import print_scenario
    from realpolitik.scenario.io import load_scenario

    print_scenario(out, load_scenario(name), show_sources=sources)


@app.command("export")
def scenario_export(
    name: Annotated[str, typer.Argument(help="a scenario file or built-in name")],
    fmt: Annotated[str | None, typer.Option("--format", "-f", help="toml, json or ktab-csv (KTAB's SMP table; "
                                            "default: from -o, where *.csv means ktab-csv, else toml)")] = None,
    output: OutputOpt = None,
) -> None:
    """Write a scenario as TOML, JSON or KTAB's SMP CSV (e.g. to start your own from a built-in)."""
    from realpolitik.scenario.io import EXPORT_FORMATS, dumps, load_scenario

    suffixes = {"toml": "toml", "json": "json", "csv": "ktab-csv"}
    implied = None
    if output is not None:
        implied = suffixes.get(output.suffix.lower().lstrip("."))
        if implied is None:
            kind = output.suffix or "a file without extension"
            raise RealpolitikError(f"{output}: cannot write a scenario as {kind}. Fix: name the output *.toml, "
                                   "*.json or (KTAB's CSV) *.csv")
    if fmt is not None and implied is not None and fmt != implied:
        raise RealpolitikError(f"--format {fmt} disagrees with the output file {output}. Fix: drop --format, or "
                               f"name the file *.{'csv' if fmt == 'ktab-csv' else fmt}")
    fmt = fmt or implied or "toml"
    check_format(fmt, EXPORT_FORMATS)
    check_output(output)
    emit(dumps(load_scenario(name), fmt), output)



@app.command("import-decide")
def scenario_import_decide(
    file: Annotated[Path, typer.Argument(help="a Decide input file (#A, #P, #M, #D rows; .csv or .txt)")],
    output: Annotated[Path, typer.Option("--output", "-o", help="the scenario to write (*.toml or *.json)")],
    salience_scale: Annotated[str, typer.Option(help="saliences in the file: auto (0-100 if any exceeds 1, else 0-1), "
                                                     "unit (0-1) or percent (0-100)")] = "auto",
) -> None:
    """Convert an input file of the Decide exchange-model tools into a scenario file (TOML or JSON)."""
    from realpolitik.scenario.decide import SALIENCE_SCALES, load_decide
    from realpolitik.scenario.io import check_save_path, save_scenario

    if salience_scale not in SALIENCE_SCALES:
        raise RealpolitikError(f"unknown --salience-scale {salience_scale!r}. Fix: use one of "
                               f"{', '.join(SALIENCE_SCALES)}")
    check_save_path(output)
    scenario = load_decide(file, salience_scale)
    save_scenario(scenario, output)
    err.print(f"wrote {output}: {len(scenario.actors)} actors, {len(scenario.issues)} issues, "
              f"{len(scenario.stances)} stances", highlight=False, soft_wrap=True)
