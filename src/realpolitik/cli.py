"""The `realpolitik` command: forecasts, scenarios and models from the terminal.

The CLI holds no model logic: it loads a scenario, builds models through the registry, and presents forecasts.
A user error (`RealpolitikError`) is printed as one message without a traceback and exits with status 1.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from realpolitik.data.cli import app as data_app
from realpolitik.errors import RealpolitikError

app = typer.Typer(help="Make a geopolitical system computable and forecast how contests among its actors end.",
                  no_args_is_help=True, pretty_exceptions_enable=False, add_completion=False)
scenario_app = typer.Typer(help="Validate, show and export scenarios.", no_args_is_help=True)
app.add_typer(scenario_app, name="scenario")
app.add_typer(data_app, name="data")

from realpolitik.evaluate.command import backtest as _backtest  # noqa: E402  (the backtest command lives there)

app.command("backtest")(_backtest)

out = Console(soft_wrap=False, width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True)

DEFAULT_SCENARIO = "south-caucasus-2020"
FORMATS = ("table", "json", "csv")


def _check_format(fmt: str, allowed: tuple[str, ...] = FORMATS) -> str:
    if fmt not in allowed:
        raise RealpolitikError(f"unknown --format {fmt!r}. Fix: use one of {', '.join(allowed)}")
    return fmt


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise RealpolitikError(f"{output}: cannot write the file ({exc.strerror}). Fix: check that the folder "
                               "exists and is writable, or choose another --output path") from None
    err.print(f"wrote {output}", highlight=False)


def _table_text(draw) -> str:
    """Render Rich output to plain text (for --output with the table format)."""
    console = Console(file=io.StringIO(), width=160, color_system=None)
    draw(console)
    return console.file.getvalue()


@app.command()
def forecast(
    scenario: Annotated[str, typer.Argument(help="scenario file (.toml, .json, .csv, KTAB .xml) or built-in name")]
    = DEFAULT_SCENARIO,
    model: Annotated[list[str] | None, typer.Option("--model", "-m", help="model name (repeatable); default all")]
    = None,
    variant: Annotated[str | None, typer.Option(help="preset of models that have variants (e.g. bdm)")] = None,
    rounds: Annotated[int | None, typer.Option(help="maximum rounds for iterative models", min=1)] = None,
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="model parameter KEY=VALUE")] = None,
    explain: Annotated[int | None, typer.Option(
        help="explain a round: 1 to the last for iterative models (bdm, smp), 0 for one-shot ones (wartrap)", min=0)]
    = None,
    trajectory: Annotated[bool | None, typer.Option(
        "--trajectory/--no-trajectory", help="round tables of iterative models (default: when --model is given)")]
    = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, json or csv")] = "table",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="write to this file")] = None,
    mc: Annotated[int | None, typer.Option("--mc", help="Monte Carlo: N draws of the uncertain inputs", min=1)]
    = None,
    seed: Annotated[int | None, typer.Option(help="Monte Carlo seed (default: the scenario's seed)", min=0)] = None,
    workers: Annotated[int | None, typer.Option(
        help="Monte Carlo worker processes (default: all cores; 1 = serial)", min=1)] = None,
    ray: Annotated[str | None, typer.Option(help="Monte Carlo on Ray: auto, local, or a cluster address")] = None,
    event: Annotated[list[str] | None, typer.Option(help="Monte Carlo event, e.g. 'karabakh>=60'")] = None,
    spread: Annotated[list[str] | None, typer.Option(help="Monte Carlo spread, e.g. position=10, capability=x1.5")]
    = None,
) -> None:
    """Forecast every issue of a scenario with one or more models, side by side (--mc N: with uncertainty)."""
    from realpolitik.models.selection import build_models, run_models
    from realpolitik.render import check_explain_round, forecast_csv, forecast_json, print_forecasts
    from realpolitik.scenario.io import load_scenario

    _check_format(fmt)
    if explain is not None and (fmt == "csv" or mc is not None):
        raise RealpolitikError("--explain applies to a single run written as a table or JSON. "
                               "Fix: drop --explain, or use --format table/json without --mc")
    loaded = load_scenario(scenario)
    models = build_models(model, variant=variant, rounds=rounds, params=param, scenario=loaded)
    if mc is not None or any(v is not None for v in (seed, workers, ray, event, spread)):
        from realpolitik.uncertainty.commands import forecast_monte_carlo

        if mc is None:
            raise RealpolitikError("--seed, --workers, --ray, --event and --spread apply to Monte Carlo runs. "
                                   "Fix: add --mc N (e.g. --mc 1000)")
        return forecast_monte_carlo(loaded, models, mc, seed, workers, ray, event, spread, fmt, output)
    models, forecasts, failures = run_models(loaded, models, tolerate_failures=len(models) > 1)
    for name, message in failures.items():
        err.print(f"[yellow]warning:[/yellow] model {name} gave no forecast: {escape(message)}", highlight=False)
    if explain is not None:
        check_explain_round(models, forecasts, explain)
    if fmt == "json":
        _emit(forecast_json(loaded, forecasts, models, explain, failures), output)
    elif fmt == "csv":
        _emit(forecast_csv(forecasts), output)
    else:
        show_rounds = trajectory if trajectory is not None else bool(model)

        def draw(console: Console) -> None:
            print_forecasts(console, loaded, models, forecasts, explain=explain, trajectory=show_rounds)

        if output is None:
            draw(out)
        else:
            _emit(_table_text(draw), output)


@app.command()
def models(fmt: Annotated[str, typer.Option("--format", "-f", help="table or json")] = "table") -> None:
    """List the registered forecasting models and their parameters."""
    from realpolitik.render import models_json, print_models

    _check_format(fmt, ("table", "json"))
    if fmt == "json":
        _emit(models_json(), None)
    else:
        print_models(out)


@app.command()
def scenarios(fmt: Annotated[str, typer.Option("--format", "-f", help="table or json")] = "table") -> None:
    """List the built-in scenarios."""
    from realpolitik.render import builtins_json, print_builtins

    _check_format(fmt, ("table", "json"))
    if fmt == "json":
        _emit(builtins_json(), None)
    else:
        print_builtins(out)


@scenario_app.command("validate")
def scenario_validate(
    files: Annotated[list[str], typer.Argument(help="scenario files or built-in names")],
) -> None:
    """Check scenario files; print every problem with its place and fix. Exit 1 if any is invalid."""
    from realpolitik.scenario.io import load_scenario

    failed = 0
    for name in files:
        try:
            loaded = load_scenario(name)
        except RealpolitikError as exc:
            failed += 1
            err.print(f"[red]✗[/red] {escape(str(exc))}", highlight=False, soft_wrap=True)
            continue
        out.print(f"[green]✓[/green] {name}: {len(loaded.actors)} actors, {len(loaded.issues)} issues, "
                  f"{len(loaded.stances)} stances, {len(loaded.relations)} relations")
    if failed:
        raise typer.Exit(1)


@scenario_app.command("show")
def scenario_show(
    name: Annotated[str, typer.Argument(help="a scenario file or built-in name")] = DEFAULT_SCENARIO,
    sources: Annotated[bool, typer.Option(help="list the sources in full")] = True,
) -> None:
    """Print a scenario's actors, issues, stances (with justifications), relations and sources."""
    from realpolitik.render import print_scenario
    from realpolitik.scenario.io import load_scenario

    print_scenario(out, load_scenario(name), show_sources=sources)


@scenario_app.command("export")
def scenario_export(
    name: Annotated[str, typer.Argument(help="a scenario file or built-in name")],
    fmt: Annotated[str | None, typer.Option("--format", "-f", help="toml, json or ktab-csv (KTAB's SMP table; "
                                            "default: from -o, where *.csv means ktab-csv, else toml)")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="write to this file")] = None,
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
    _check_format(fmt, EXPORT_FORMATS)
    _emit(dumps(load_scenario(name), fmt), output)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="address to listen on; anything but localhost exposes your store")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option(help="port to listen on", min=1, max=65535)] = 8000,
    db: Annotated[str | None, typer.Option(help="store: a SQLite file or postgresql+psycopg://... URL without a "
                                           "password (default $REALPOLITIK_DB or the per-user data directory)")] = None,
    db_file: Annotated[Path | None, typer.Option(help="file holding the store URL (use it for a password)")] = None,
    token_file: Annotated[Path | None, typer.Option(help="file holding the access token (default "
                                                    "$REALPOLITIK_TOKEN); required beyond localhost")] = None,
    allow_host: Annotated[list[str] | None, typer.Option(help="another host name clients use (repeatable)")] = None,
) -> None:
    """Start the web dashboard and JSON API (see docs/web.md, "Serving beyond localhost")."""
    from realpolitik.web.server import serve as run_server

    run_server(host, port, db, token_file=token_file, db_file=db_file, allow_hosts=tuple(allow_host or ()))


def _register_uncertainty() -> None:
    from realpolitik.uncertainty.commands import register_commands

    register_commands(app)


_register_uncertainty()


def main() -> None:
    """Entry point of the `realpolitik` console script."""
    try:
        app()
    except RealpolitikError as exc:
        err.print(f"[bold red]error:[/bold red] {escape(str(exc))}", highlight=False, soft_wrap=True)
        raise SystemExit(1) from None
    except KeyboardInterrupt:
        err.print("interrupted")
        raise SystemExit(130) from None


if __name__ == "__main__":
    main()
