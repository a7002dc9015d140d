"""What every command shares: the consoles, the shared options, output checks and writing, and the one error
printer (`print_error`, used by `realpolitik.cli.main`)."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from realpolitik.errors import RealpolitikError

if TYPE_CHECKING:
    from rich.console import Console

INTERRUPTED = 130
DEFAULT_SCENARIO = "south-caucasus-2020"
PIPE_WIDTH = 100_000
"""The width of table output in a pipe when ``COLUMNS`` is unset: wide enough that no table is cut; each table is
only as wide as its content."""


def output_width() -> int | None:
    """Return the width tables are drawn at: ``$COLUMNS`` when set, the terminal's own on a terminal (None), else
    `PIPE_WIDTH` (a pipe or file: never cut a table)."""
    columns = os.environ.get("COLUMNS", "").strip()
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    return None if sys.stdout.isatty() else PIPE_WIDTH


class LazyConsole:
    """A Rich console made on first use, so that commands that print nothing through Rich (``--help``) do not pay
    for importing it."""

    def __init__(self, **options: Any) -> None:
        self._options = options
        self._console: Console | None = None

    def resolve(self) -> Console:
        """Return the real console (made now if it was not yet): what to hand to Rich's own objects."""
        if self._console is None:
            from rich.console import Console

            self._console = Console(**self._options)
        return self._console

    def __getattr__(self, name: str) -> Any:
        return getattr(self.resolve(), name)


out: Any = LazyConsole(soft_wrap=False, width=output_width())
err: Any = LazyConsole(stderr=True)

ScenarioArg = Annotated[str, typer.Argument(help="scenario file (.toml, .json, .csv, KTAB .xml) or built-in name")]
ModelOpt = Annotated[list[str] | None, typer.Option(
    "--model", "-m", help="model spec NAME or NAME:key=value,... (repeatable); default every model")]
VariantOpt = Annotated[str | None, typer.Option(help="preset of models that have variants (e.g. bdm)")]
RoundsOpt = Annotated[int | None, typer.Option(help="maximum rounds for iterative models (max_rounds)", min=1)]
ParamOpt = Annotated[list[str] | None, typer.Option(
    "--param", "-p", help="KEY=VALUE for every chosen model that has that parameter (shorthand for NAME:KEY=VALUE)")]
FormatOpt = Annotated[str, typer.Option("--format", "-f", help="table or json")]
OutputOpt = Annotated[Path | None, typer.Option("--output", "-o", help="write to this file")]
SeedOpt = Annotated[int | None, typer.Option(help="random seed (default: the scenario's seed)", min=0)]
WorkersOpt = Annotated[int | None, typer.Option(help="local worker processes (default: all cores; 1 = serial)",
                                                min=1)]
RayOpt = Annotated[str | None, typer.Option(help="run on Ray: auto, local, or a cluster address")]
SpreadOpt = Annotated[list[str] | None, typer.Option(
    "--spread", help="scenario-wide spread FIELD=SPEC: position=10, salience=sd:0.05, capability=x1.5")]


def check_format(fmt: str, allowed: tuple[str, ...] = ("table", "json")) -> str:
    """Return `fmt` if it is one of `allowed`; raise `RealpolitikError` naming them otherwise."""
    if fmt not in allowed:
        raise RealpolitikError(f"unknown --format {fmt!r}. Fix: use one of {', '.join(allowed)}")
    return fmt


def check_output(path: Path | None, option: str = "--output", creates_folder: bool = False) -> None:
    """Raise `RealpolitikError` unless `path` can be written: not a folder, in an existing folder that this user may
    write to (with `creates_folder`, the writer makes missing folders: the nearest existing one must be writable).
    Commands call it before doing their work, so a bad path fails at once."""
    if path is None:
        return
    folder = path.parent
    if path.is_dir():
        raise RealpolitikError(f"cannot write {path}: it is a folder. Fix: give {option} a file name")
    if creates_folder:
        while not folder.exists() and folder != folder.parent:
            folder = folder.parent
    if not folder.exists():
        raise RealpolitikError(f"cannot write {path}: the folder {folder} does not exist. Fix: create it "
                               f"(mkdir -p {folder}) or give {option} a path in an existing folder")
    if not folder.is_dir():
        raise RealpolitikError(f"cannot write {path}: {folder} is not a folder. Fix: give {option} a path in a folder")
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise RealpolitikError(f"cannot write {path}: permission denied. Fix: give {option} a path you may write to")


def emit(text: str, output: Path | None) -> None:
    """Write `text` to stdout, or to `output` (then say so on stderr)."""
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    try:
        output.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    except OSError as exc:
        raise RealpolitikError(f"{output}: cannot write the file ({exc.strerror}). Fix: check that the folder "
                               "exists and is writable, or choose another --output path") from None
    err.print(f"wrote {output}", highlight=False)


def table_text(draw: Callable[[Console], None]) -> str:
    """Render Rich output to plain text (for --output with the table format)."""
    from rich.console import Console

    console = Console(file=io.StringIO(), width=output_width() or PIPE_WIDTH, color_system=None, soft_wrap=False)
    draw(console)
    return console.file.getvalue()  # type: ignore[attr-defined]


def show(draw: Callable[[Console], None], output: Path | None) -> None:
    """Draw tables on stdout, or as plain text into `output`."""
    if output is None:
        draw(out)
    else:
        emit(table_text(draw), output)


def notice(text: str) -> None:
    """Print an executor's notice ("stopping… (k of n finished)") on stderr."""
    err.print(text, highlight=False)


def warn(text: str) -> None:
    """Print a warning on stderr."""
    from rich.markup import escape

    err.print(f"[yellow]warning:[/yellow] {escape(text)}", highlight=False)


def print_error(exc: BaseException) -> None:
    """The one error printer: ``error: <message>`` on stderr, without a traceback."""
    from rich.markup import escape

    err.print(f"[bold red]error:[/bold red] {escape(str(exc))}", highlight=False, soft_wrap=True)
