"""The Typer app: every command group mounted in one place."""

from __future__ import annotations

import typer

from realpolitik.cli import backtest, calibrate, data, draft, forecast, listing, scenario, serve, uncertainty

app = typer.Typer(help="Make a geopolitical system computable and forecast how contests among its actors end.",
                  no_args_is_help=True, pretty_exceptions_enable=False, add_completion=False,
                  rich_markup_mode=None)  # plain help: drawing it with Rich costs ~0.1 s of imports
app.command("forecast")(forecast.forecast)
app.command("models")(listing.models)
app.command("scenarios")(listing.scenarios)
app.add_typer(scenario.app, name="scenario")
app.add_typer(data.app, name="data")
app.command("backtest")(backtest.backtest)
app.command("calibrate")(calibrate.calibrate)
app.command("sensitivity")(uncertainty.sensitivity)
app.command("whatif", cls=uncertainty.OrderedOptionsCommand)(uncertainty.whatif)
app.command("serve")(serve.serve)
app.add_typer(draft.app, name="draft")


def _print_version(value: bool) -> None:
    if value:
        from realpolitik import __version__

        typer.echo(f"realpolitik {__version__}")
        raise typer.Exit()


@app.callback()
def _options(version: bool = typer.Option(False, "--version", callback=_print_version, is_eager=True,
                                          help="Print the installed version (from the package metadata) and exit.")
             ) -> None:
    """Make a geopolitical system computable and forecast how contests among its actors end."""
