"""The Typer app: every command group mounted in one place."""

from __future__ import annotations

import typer

from realpolitik.cli import backtest, calibrate, data, forecast, listing, scenario, serve, uncertainty

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
