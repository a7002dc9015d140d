"""``realpolitik scenario validate|show|export|import-decide``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from realpolitik.cli.common import DEFAULT_SCENARIO, FormatOpt, OutputOpt, check_format, check_output, emit, err, out
from realpolitik.errors import RealpolitikError

app = typer.Typer(help="Validate, show, export and import scenarios.", no_args_is_help=True, rich_markup_mode=None)


@app.command("validate")
def scenario_validate(
    files: Annotated[list[str], typer.Argument(help="scenario files or built-in names")],
    fmt: FormatOpt = "table",
) -> None:
    """Check scenario files; print every problem with its place and fix, and for a draft what still needs a
    person (draft items, actors without a capability, issues without positions). Exit 1 if any is invalid or
    cannot be forecast yet. ``--format json`` prints ``{"files": [{"file", "status", "counts", "problems",
    "needs_review"}]}`` (status: valid, needs-review or invalid)."""
    from rich.markup import escape

    from realpolitik.scenario.checks import needs_review
    from realpolitik.scenario.io import load_scenario

    check_format(fmt)
    failed, reports = 0, []
    for name in files:
        try:
            loaded = load_scenario(name)
        except RealpolitikError as exc:
            failed += 1
            reports.append({"file": name, "status": "invalid", "problems": _problems(exc), "needs_review": []})
            if fmt == "table":
                err.print(f"[red]✗[/red] {escape(str(exc))}", highlight=False, soft_wrap=True)
            continue
        sizes = {"actors": len(loaded.actors), "issues": len(loaded.issues), "stances": len(loaded.stances),
                 "relations": len(loaded.relations)}
        counts = ", ".join(f"{n} {what}" for what, n in sizes.items())
        todo = needs_review(loaded)
        failed += bool(todo)
        reports.append({"file": name, "status": "needs-review" if todo else "valid", "counts": sizes, "problems": [],
                        "needs_review": _problems(todo)})
        if fmt == "json":
            continue
        if todo:
            out.print(f"[yellow]✗[/yellow] {escape(name)}: valid, but cannot be forecast yet ({counts}); "
                      f"{len(todo)} item(s) need a person:", highlight=False)
            for problem in todo:
                out.print(f"  - {escape(problem.describe())}", highlight=False, soft_wrap=True)
            continue
        out.print(f"[green]✓[/green] {escape(name)}: {counts}", highlight=False)
    if fmt == "json":
        import json

        emit(json.dumps({"files": reports}, indent=2, ensure_ascii=False), None)
    if failed:
        raise typer.Exit(1)


def _problems(found: RealpolitikError | list) -> list[dict]:
    """Return problems (of an error, or a list) as JSON: field, what, fix, subject, line (the error's message as
    ``what`` when it has no itemised problems)."""
    from realpolitik.errors import format_loc

    items = found if isinstance(found, list) else getattr(found, "problems", None)
    if not items and isinstance(found, list):
        return []
    if not items:
        return [{"field": None, "what": str(found), "fix": None, "subject": None, "line": None}]
    return [{"field": format_loc(p.loc) or None, "what": p.what, "fix": p.fix, "subject": p.subject or None,
             "line": p.line} for p in items]


@app.command("show")
def scenario_show(
    name: Annotated[str, typer.Argument(help="a scenario file or built-in name")] = DEFAULT_SCENARIO,
    sources: Annotated[bool, typer.Option(help="list the sources in full")] = True,
    fmt: FormatOpt = "table",
) -> None:
    """Print a scenario's actors, issues, stances (with justifications), relations and sources; ``--format json``
    prints the scenario document (as ``scenario export --to json`` writes it)."""
    from realpolitik.cli.render import print_scenario
    from realpolitik.scenario.io import dumps, load_scenario

    check_format(fmt)
    loaded = load_scenario(name)
    if fmt == "json":
        emit(dumps(loaded, "json"), None)
        return
    print_scenario(out, loaded, show_sources=sources)


@app.command("export")
def scenario_export(
    name: Annotated[str, typer.Argument(help="a scenario file or built-in name")],
    fmt: Annotated[str | None, typer.Option("--to", "-t", help="toml, json or ktab-csv (KTAB's SMP table; "
                                            "default: from -o, where *.csv means ktab-csv, else toml)")] = None,
    output: OutputOpt = None,
    old_fmt: Annotated[str | None, typer.Option("--format", "-f", hidden=True,
                                                help="deprecated spelling of --to")] = None,
) -> None:
    """Write a scenario as TOML, JSON or KTAB's SMP CSV (e.g. to start your own from a built-in)."""
    from realpolitik.scenario.io import EXPORT_FORMATS, dumps, load_scenario

    if old_fmt is not None and fmt is not None and old_fmt != fmt:
        raise RealpolitikError(f"--format {old_fmt} (the old spelling of --to) disagrees with --to {fmt}. "
                               "Fix: give --to only")
    fmt = fmt or old_fmt

    suffixes = {"toml": "toml", "json": "json", "csv": "ktab-csv"}
    implied = None
    if output is not None:
        implied = suffixes.get(output.suffix.lower().lstrip("."))
        if implied is None:
            kind = output.suffix or "a file without extension"
            raise RealpolitikError(f"{output}: cannot write a scenario as {kind}. Fix: name the output *.toml, "
                                   "*.json or (KTAB's CSV) *.csv")
    if fmt is not None and implied is not None and fmt != implied:
        raise RealpolitikError(f"--to {fmt} disagrees with the output file {output}. Fix: drop --to, or "
                               f"name the file *.{'csv' if fmt == 'ktab-csv' else fmt}")
    fmt = fmt or implied or "toml"
    if fmt not in EXPORT_FORMATS:
        raise RealpolitikError(f"unknown --to {fmt!r}. Fix: use one of {', '.join(EXPORT_FORMATS)}")
    check_output(output)
    emit(dumps(load_scenario(name), fmt), output)



@app.command("import-decide")
def scenario_import_decide(
    file: Annotated[Path, typer.Argument(help="a Decide input file (#A, #P, #M, #D rows; .csv or .txt)")],
    output: Annotated[Path, typer.Option("--output", "-o", help="the scenario to write (*.toml or *.json)")],
    salience_scale: Annotated[str, typer.Option(help="saliences in the file: auto (0-100 if any exceeds 1, else 0-1), "
                                                     "unit (0-1) or percent (0-100)")] = "auto",
    scale_check: Annotated[bool, typer.Option(help="refuse positions between 0 and 1 on an issue scaled 0-100 "
                                                   "(written on 0-1); --no-scale-check keeps them as written")] = True,
) -> None:
    """Convert an input file of the Decide exchange-model tools into a scenario file (TOML or JSON)."""
    from realpolitik.scenario.decide import SALIENCE_SCALES, load_decide
    from realpolitik.scenario.io import check_save_path, save_scenario

    if salience_scale not in SALIENCE_SCALES:
        raise RealpolitikError(f"unknown --salience-scale {salience_scale!r}. Fix: use one of "
                               f"{', '.join(SALIENCE_SCALES)}")
    check_save_path(output)
    scenario = load_decide(file, salience_scale, scale_check)
    save_scenario(scenario, output)
    err.print(f"wrote {output}: {len(scenario.actors)} actors, {len(scenario.issues)} issues, "
              f"{len(scenario.stances)} stances", highlight=False, soft_wrap=True)
