"""``realpolitik forecast``: every issue of a scenario with one or more models, side by side (``--mc N``: with
uncertainty). It translates options into `realpolitik.forecast` / `realpolitik.monte_carlo` and presents the result."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from realpolitik.cli.common import (
    DEFAULT_SCENARIO,
    ModelOpt,
    OutputOpt,
    ParamOpt,
    RayOpt,
    RoundsOpt,
    ScenarioArg,
    VariantOpt,
    WorkersOpt,
    check_format,
    check_output,
    emit,
    show,
    warn,
)
from realpolitik.errors import RealpolitikError

if TYPE_CHECKING:
    from rich.console import Console

FORMATS = ("table", "json", "csv")


def check_calibration(choice: str) -> str | None:
    """Return the --calibration choice for the pipeline (None for ``none``); a file is read here, before any work,
    so a bad one is one clear error."""
    from realpolitik.evaluate.calibration import Calibration

    key = choice.strip().lower()
    if key == "none":
        return None
    if key in ("auto", "shipped"):
        return key
    Calibration.load(choice)
    return choice


def forecast(
    scenario: ScenarioArg = DEFAULT_SCENARIO,
    model: ModelOpt = None,
    variant: VariantOpt = None,
    rounds: RoundsOpt = None,
    param: ParamOpt = None,
    explain: Annotated[int | None, typer.Option(
        help="explain a round: 1 to the last for iterative models (bdm, smp), 0 for one-shot ones (wartrap)", min=0)]
    = None,
    trajectory: Annotated[bool | None, typer.Option(
        "--trajectory/--no-trajectory", help="round tables of iterative models (default: when --model is given)")]
    = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, json or csv")] = "table",
    output: OutputOpt = None,
    mc: Annotated[int | None, typer.Option("--mc", help="Monte Carlo: N draws of the uncertain inputs", min=1)]
    = None,
    seed: Annotated[int | None, typer.Option(
        help="seed of the models' random generators (as realpolitik.forecast(seed=...)) and of Monte Carlo draws "
             "(default: the scenario's seed)", min=0)] = None,
    workers: WorkersOpt = None,
    ray: RayOpt = None,
    event: Annotated[list[str] | None, typer.Option(help="Monte Carlo event, e.g. 'karabakh>=60'")] = None,
    spread: Annotated[list[str] | None, typer.Option(help="Monte Carlo spread, e.g. position=10, capability=x1.5")]
    = None,
    calibration: Annotated[str, typer.Option(
        help="auto (the shipped calibration where it applies), shipped, none, or a calibration file")] = "auto",
) -> None:
    """Forecast every issue of a scenario with one or more models, side by side (--mc N: with uncertainty).

    Models are named NAME or NAME:key=value,... (e.g. -m bdm:max_rounds=10); -p KEY=VALUE sets a parameter on
    every chosen model that has it. The scenario's [model_params] are the defaults under both.

    --calibration: calibrated intervals and event probabilities (--event) beside the raw figures; by default the
    shipped DEU calibration where it applies, always named with whether it applies (docs/forecasting.md)."""
    from realpolitik.models.selection import shared_settings
    from realpolitik.pipeline.forecasting import as_scenario
    from realpolitik.pipeline.forecasting import forecast as run_forecast

    check_format(fmt, FORMATS)
    check_output(output)
    chosen_calibration = check_calibration(calibration)
    if explain is not None and (fmt == "csv" or mc is not None):
        raise RealpolitikError("--explain applies to a single run written as a table or JSON. "
                               "Fix: drop --explain, or use --format table/json without --mc")
    shared = shared_settings(variant, rounds, param)
    if mc is not None or any(v is not None for v in (workers, ray, spread)):
        if mc is None:
            raise RealpolitikError("--workers, --ray and --spread apply to Monte Carlo runs. "
                                   "Fix: add --mc N (e.g. --mc 1000)")
        from realpolitik.cli.uncertainty import forecast_monte_carlo

        return forecast_monte_carlo(as_scenario(scenario), model, shared, mc, seed, workers, ray, event, spread,
                                    fmt, output, chosen_calibration)
    if event and fmt == "csv":
        raise RealpolitikError("--event without --mc gives calibrated probabilities, which the CSV format does not "
                               "hold. Fix: use --format table or json, or add --mc N")
    doc = run_forecast(scenario, model, seed=seed, explain=explain, shared=shared,
                       calibration=None if fmt == "csv" else chosen_calibration, events=event or ())
    for name, message in doc.failures.items():
        warn(f"model {name} gave no forecast: {message}")
    if fmt == "json":
        emit(doc.to_json(), output)
    elif fmt == "csv":
        from realpolitik.cli.render import forecast_csv

        emit(forecast_csv(list(doc.forecasts)), output)
    else:
        from realpolitik.cli.render import print_forecasts

        show_rounds = trajectory if trajectory is not None else bool(model)

        def draw(console: Console) -> None:
            from realpolitik.cli.render_calibration import print_calibration

            print_forecasts(console, doc.scenario, list(doc.models), list(doc.forecasts), explain=explain,
                            trajectory=show_rounds)
            if explain is not None:  # the exchange model explains a round across issues: one table, not per issue
                from realpolitik.cli.render_exchange import print_exchange_rounds

                print_exchange_rounds(console, doc.scenario, list(doc.models), list(doc.forecasts), explain)
            print_calibration(console, doc.calibration)

        show(draw, output)

