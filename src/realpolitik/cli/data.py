"""The ``realpolitik data`` commands: build a frame with add-ons and write it; list the datasets present.

Mounted by the main CLI as the ``data`` group. A user error prints one message (no traceback, through the one
error printer of `realpolitik.cli.common`) and exits 1; the progress bar shows only on a terminal.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from realpolitik.cli.common import RayOpt, WorkersOpt, check_output, err, print_error
from realpolitik.errors import RealpolitikError

if TYPE_CHECKING:
    from realpolitik.data.frame import PeaceFrame

app = typer.Typer(help="Peace-science data: state-years, dyad-years and their add-ons.", no_args_is_help=True,
                  rich_markup_mode=None)
UNITS = ("state-years", "dyad-years", "state-days")

DataDirOption = Annotated[str | None, typer.Option(
    "--data-dir", help="folder(s) holding the datasets (default: $REALPOLITIK_DATA)")]


def _fail(exc: RealpolitikError) -> typer.Exit:
    print_error(exc)
    return typer.Exit(1)


def parse_years(text: str | None) -> tuple[int, int] | None:
    """Return (first, last) from ``1816-2016`` or ``1990``; raise `RealpolitikError` on anything else."""
    if text is None:
        return None
    parts = text.split("-")
    if len(parts) in (1, 2) and all(p.strip().isdigit() for p in parts):
        return int(parts[0]), int(parts[-1])
    raise RealpolitikError(f"--years {text!r} is not a year range. Fix: write FIRST-LAST, e.g. 1816-2016")


def takes_executor(fn: Callable) -> bool:
    """Return whether an add-on function runs its work through an executor (an ``executor`` parameter)."""
    return "executor" in inspect.signature(fn).parameters


def _steps(unit: str, system: str, years: tuple[int, int] | None, directed: bool, addons: list[str],
           data: str | None, workers: int | None = None, ray: str | None = None) -> list[tuple[str, Callable]]:
    from realpolitik.data import dyad_years, get_addon, state_days, state_years
    from realpolitik.executors import make_executor

    parallel = {name for name in addons if takes_executor(get_addon(name).fn)}  # also fails on unknown names
    if (workers is not None or ray is not None) and not parallel:
        raise RealpolitikError("--workers/--ray only speed up add-ons that run year by year "
                               f"({', '.join(_parallel_addons())}) or a panel written in --parts. Fix: drop "
                               "--workers/--ray, or add one of them, or give --parts N")
    builders = {"state-years": lambda: state_years(system, years, data=data),
                "dyad-years": lambda: dyad_years(system, years, directed=directed, data=data),
                "state-days": lambda: state_days(system, years, data=data)}
    # steps only extend the lazy plan; the CLI streams it to the output file (see `_write`). Add-ons that run
    # year by year through an executor need their input computed, so only they materialise.
    steps: list[tuple[str, Callable]] = [(f"build {unit}", lambda _: builders[unit]())]
    for name in addons:
        if name in parallel:
            steps.append((f"add {name}", lambda frame, n=name: get_addon(n).fn(
                frame, executor=make_executor(workers, ray)).materialise()))
        else:
            steps.append((f"add {name}", lambda frame, n=name: frame.add(n)))
    return steps


def _parallel_addons() -> list[str]:
    from realpolitik.data.frame import addons

    return sorted(a.name for a in addons().values() if takes_executor(a.fn))


def _run(steps: list[tuple[str, Callable]]) -> PeaceFrame:
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    frame: Any = None  # the first step makes the frame
    if not err.is_terminal:  # Rich's own test: a TTY, or forced (FORCE_COLOR, TTY_COMPATIBLE, force_terminal)
        for _, step in steps:
            frame = step(frame)
        return frame
    columns = (TextColumn("{task.description:<24}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
               TimeElapsedColumn())
    console = err.resolve() if hasattr(type(err), "resolve") else err
    with Progress(*columns, console=console, transient=False) as bar:
        task = bar.add_task("", total=len(steps))
        for label, step in steps:
            bar.update(task, description=label)
            frame = step(frame)
            bar.advance(task)
    return frame


def _write(frame, output: Path) -> tuple[int, int]:
    """Stream `frame` to `output` (.csv or .parquet) and return (rows, columns) written; raise `RealpolitikError`
    naming the path when that fails. The panel is never held in memory whole (Polars' streaming engine)."""
    import polars as pl

    from realpolitik.data.streaming import sink

    try:
        return sink(frame.lazy, output)
    except (OSError, pl.exceptions.PolarsError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc).splitlines()[0]
        raise RealpolitikError(
            f"cannot write {output}: {reason}. Fix: check that the folder {output.parent} exists and that you may "
            "write to it (permissions, free space), or give -o another path"
        ) from None


def _check_parts_folder(unit: str, output: Path) -> None:
    """Raise `RealpolitikError` unless `output` can receive a partitioned dyad-year panel."""
    if unit != "dyad-years":
        raise RealpolitikError(f"--parts writes dyad-years only, not {unit}. Fix: drop --parts, or build dyad-years")
    if output.suffix == ".csv":
        raise RealpolitikError(f"cannot write {output}: --parts writes Parquet files into a folder. Fix: give -o "
                               "a folder name (e.g. -o panel), or drop --parts for one CSV file")
    if output.exists() and (not output.is_dir() or any(output.iterdir())):
        what = "a file" if not output.is_dir() else "a folder that is not empty"
        raise RealpolitikError(f"cannot write parts into {output}: it is {what} (old parts would mix with the new "
                               "ones). Fix: remove it, or give -o a new folder")
    check_output(output / "part-000.parquet", creates_folder=True)


def _write_parts(output: Path, system: str, years: tuple[int, int] | None, directed: bool, addons: list[str],
                 data: str | None, parts: int, workers: int | None, ray: str | None) -> tuple[int, int, int]:
    """Write the dyad-years with `addons` as `parts` Parquet files in `output` on the executor the options ask for
    (see `realpolitik.data.streaming.write_dyad_blocks`); return (rows, columns, files) written."""
    import polars as pl

    from realpolitik.data import data_dir as resolve
    from realpolitik.data.streaming import write_dyad_blocks
    from realpolitik.data.systems import check_system, check_years
    from realpolitik.executors import make_executor

    system, span = check_system(system), check_years(years)
    try:
        written = write_dyad_blocks(output, system, span, addons, resolve(data), make_executor(workers, ray),
                                    blocks=parts, directed=directed)
        width = len(pl.read_parquet_schema(written[0][0]))
    except (OSError, pl.exceptions.PolarsError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc).splitlines()[0]
        raise RealpolitikError(f"cannot write parts into {output}: {reason}. Fix: check that you may write there "
                               "(permissions, free space), or give -o another folder") from None
    return sum(n for _, n in written), width, len(written)


@app.command()
def build(
    unit: Annotated[str, typer.Argument(help="state-years, dyad-years or state-days")],
    output: Annotated[Path, typer.Option("--output", "-o",
                                         help="file to write (.parquet or .csv); with --parts, a folder")],
    system: Annotated[str, typer.Option(help="state system: cow or gw")] = "cow",
    add: Annotated[str, typer.Option(help="comma-separated add-ons, applied in order (see `data list`)")] = "",
    years: Annotated[str | None, typer.Option(help="year range FIRST-LAST (default 1816-2024)")] = None,
    directed: Annotated[bool, typer.Option("--directed/--non-directed", help="dyad direction")] = True,
    data_dir: DataDirOption = None,
    workers: WorkersOpt = None,
    ray: RayOpt = None,
    parts: Annotated[int | None, typer.Option(
        min=1, help="dyad-years only: write N Parquet files part-000.parquet ... into the folder -o, cut by the "
                    "dyad's first state, one task each on --workers/--ray")] = None,
) -> None:
    """Build a frame, apply add-ons, and write it, e.g. `data build dyad-years --add nmc,contiguity -o d.parquet`.

    Add-ons that run year by year (eu_war_reason) use --workers N local processes (default: all cores;
    1 = serial) or --ray (auto, local, or a cluster address), one task per year. With --parts N the dyad-years
    are written as N Parquet files in the folder -o, one task per file on --workers/--ray; read in name order
    they are the single file's rows (e.g. `polars.scan_parquet("panel/*.parquet")`)."""
    try:
        if unit not in UNITS:
            raise RealpolitikError(f"unknown unit {unit!r}. Fix: use one of {', '.join(UNITS)}")
        if parts is not None:
            _check_parts_folder(unit, output)
            addons = [a.strip() for a in add.split(",") if a.strip()]
            height, width, files = _write_parts(output, system, parse_years(years), directed, addons, data_dir,
                                                parts, workers, ray)
            err.print(f"wrote {output}: {height:,} rows x {width} columns in {files} Parquet files")
            return
        if output.suffix not in (".parquet", ".csv"):
            raise RealpolitikError(f"cannot write {output}: unknown format. Fix: name the file .parquet or .csv")
        check_output(output)  # before the work, not after it
        addons = [a.strip() for a in add.split(",") if a.strip()]
        steps = _steps(unit, system, parse_years(years), directed, addons, data_dir, workers, ray)
        written: list[tuple[int, int]] = []
        # the steps above only plan (except executor add-ons); this one computes, streaming into the file
        steps.append((f"write {output.name}", lambda frame: written.append(_write(frame, output)) or frame))
        frame = _run(steps)
        height, width = written[0]
    except RealpolitikError as exc:
        raise _fail(exc) from None
    err.print(f"wrote {output}: {height:,} rows x {width} columns; sources: {', '.join(frame.cited)}")


LIST_FORMATS = ("table", "json")


@app.command("list")
def list_datasets(
    data_dir: DataDirOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json")] = "table",
) -> None:
    """Show every dataset, the files accepted for it and their versions, which are present, and the add-ons.

    Without a data directory (no --data-dir, no $REALPOLITIK_DATA) it lists the catalogue: the files to obtain and
    where, and how to point realpolitik at the folder that holds them.
    """
    import os

    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from realpolitik.data.frame import addons as registered
    from realpolitik.data.frame import get_addon
    from realpolitik.data.sources import ENV_VAR, present_datasets
    from realpolitik.data.sources import data_dir as resolve

    try:
        if fmt not in LIST_FORMATS:
            raise RealpolitikError(f"unknown --format {fmt!r} for `data list`. Fix: use one of "
                                   f"{', '.join(LIST_FORMATS)}")
        named = data_dir is not None or bool(os.environ.get(ENV_VAR, "").strip(os.pathsep))
        root = resolve(data_dir) if named else None
        get_addon("nmc")  # registers every add-on
    except RealpolitikError as exc:
        raise _fail(exc) from None
    how = (f"No data directory is set. To use these datasets, put them in a folder and set {ENV_VAR}=/that/folder "
           "or pass --data-dir /that/folder (several folders: separate them with ':').")
    rows = [{"dataset": name, "title": entry.title, "version": entry.version,
             "years": f"{entry.years[0]}-{entry.years[1]}" if entry.years else "", "file": str(path or ""),
             "expected": entry.expected_files(), "obtain": entry.obtain}
            for name, (path, entry) in present_datasets(root).items()]
    if fmt == "json":
        addons = {a.name: {"units": list(a.units), "summary": a.summary} for a in registered().values()}
        doc = {"data_dir": root.where() if root else None, "datasets": rows, "addons": addons}
        if root is None:
            doc["note"] = how
        typer.echo(json.dumps(doc, indent=2))
        return
    out = Console()
    if root is None:
        out.print("[bold]Datasets realpolitik reads[/bold] (no data directory set, so none is checked for "
                  "presence)\n")
        for row in rows:
            out.print(f"[bold]{row['dataset']}[/bold]  v{row['version']}  {row['years']}  {escape(row['title'])}",
                      highlight=False, soft_wrap=True)
            out.print(f"  files: {escape(row['expected'])}", highlight=False, soft_wrap=True)
            out.print(f"  obtain: {escape(row['obtain'])}", highlight=False, soft_wrap=True)
        out.print()
    else:
        table = Table(title=f"datasets in {root.where()}")
        for col in ("dataset", "version", "years", "present", "title"):
            table.add_column(col, overflow="fold")
        for row in rows:
            table.add_row(row["dataset"], row["version"], row["years"],
                          Path(row["file"]).name if row["file"] else "[red]missing[/red]", row["title"])
        out.print(table)
    addons = Table(title="add-ons (--add)")
    for col in ("name", "units", "summary"):
        addons.add_column(col)
    for a in registered().values():
        addons.add_row(a.name, ", ".join(u.replace("_", "-") for u in a.units), a.summary)
    out.print(addons)
    if root is None:
        out.print(how, highlight=False, soft_wrap=True)
