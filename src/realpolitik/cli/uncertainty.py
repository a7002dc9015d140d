"""The CLI's uncertainty commands: ``forecast --mc N``, ``sensitivity`` and ``whatif``.

`forecast_monte_carlo` is what ``realpolitik forecast ... --mc N`` runs. Heavy imports happen inside the functions,
so the CLI starts fast. Progress bars show on a terminal only, never in a pipe or with ``--format json``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from typer.core import TyperCommand

from realpolitik.cli.common import (
    DEFAULT_SCENARIO,
    INTERRUPTED,
    FormatOpt,
    ModelOpt,
    OutputOpt,
    ParamOpt,
    RayOpt,
    RoundsOpt,
    ScenarioArg,
    SeedOpt,
    SpreadOpt,
    VariantOpt,
    WorkersOpt,
    check_format,
    check_output,
    emit,
    err,
    notice,
    out,
)
from realpolitik.cli.progress import ProgressBar
from realpolitik.errors import RealpolitikError

if TYPE_CHECKING:
    from realpolitik.executors import Executor
    from realpolitik.models.base import Model
    from realpolitik.scenario.model import Scenario
    from realpolitik.scenario.spread import UncertaintyDefaults


METHOD_ALIASES = {"tornado": "oat", "one-at-a-time": "oat"}
EDIT_OPTIONS = ("set_", "scale", "cut_arms", "drop")
EDIT_ORDER = "realpolitik.edit_order"


def parse_spreads(texts: list[str] | None) -> UncertaintyDefaults | None:
    """Parse ``--spread FIELD=SPEC`` options (e.g. ``position=10``, ``capability=x1.5``) into scenario-wide spreads."""
    from realpolitik.scenario.spread import FIELDS, UncertaintyDefaults, parse_spread

    if not texts:
        return None
    chosen = {}
    for text in texts:
        field, sep, spec = text.partition("=")
        field = field.strip().lower()
        if not sep or field not in FIELDS:
            raise RealpolitikError(f"cannot read --spread {text!r}. Fix: write FIELD=SPEC with FIELD one of "
                                   f"{', '.join(FIELDS)}, e.g. --spread position=10 --spread capability=x1.5")
        try:
            chosen[field] = parse_spread(spec, field)
        except ValueError as exc:
            raise RealpolitikError(f"--spread {text}: {exc}") from None
    return UncertaintyDefaults(**chosen)


def choose_executor(workers: int | None, ray: str | None, runs: int, seconds_per_run: float) -> Executor:
    """Return `realpolitik.executors.choose_executor` (imported here, when needed, so the CLI starts fast)."""
    from realpolitik.executors import choose_executor as chosen

    return chosen(workers, ray, runs, seconds_per_run)


def seconds_per_call(fn: Callable[[], object]) -> float:
    """Return the seconds one call of `fn` takes (the faster of two calls; the first pays for imports)."""
    times = []
    for _ in range(2):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def _time_one(scenario: Scenario, model: Model) -> float:
    """Return the seconds one run of `model` takes."""
    return seconds_per_call(lambda: model.run(scenario))


def forecast_monte_carlo(scenario: Scenario, specs: list[str] | None, shared: dict, draws: int, seed: int | None,
                         workers: int | None, ray: str | None, events: list[str] | None,
                         spreads: list[str] | None, fmt: str, output: Path | None,
                         calibration: str | None = "auto") -> None:
    """Run `draws` Monte Carlo draws per model (`realpolitik.monte_carlo`) and print tables or the
    ``realpolitik.montecarlo/1`` document; exit 130 if interrupted."""
    from realpolitik.cli.render_uncertainty import print_monte_carlo
    from realpolitik.models.specs import build_models
    from realpolitik.pipeline.montecarlo import monte_carlo

    if fmt not in ("table", "json"):
        raise RealpolitikError(f"--format {fmt} is not available with --mc. Fix: use --format table or json")
    models = build_models(specs, scenario, shared)
    overrides = parse_spreads(spreads)
    label = f"{', '.join(m.name for m in models)}: {draws:,} draws" + (" each" if len(models) > 1 else "")
    with ProgressBar(draws * len(models), label, err,
                     enabled=fmt != "json") as progress:
        run = monte_carlo(scenario, models, draws, seed=seed, events=events or [], spreads=overrides,
                          executor=lambda s, m: choose_executor(workers, ray, draws, _time_one(s, m)),
                          progress=progress, notice=notice, calibration=calibration)
    if run.interrupted:
        last = run.results[-1]
        err.print(f"interrupted: {last.sweep.n_done:,} of {draws:,} draws of {last.model} finished; "
                  "the figures use those", highlight=False)
    if fmt == "json":
        emit(run.to_json(), output)
    else:
        from realpolitik.cli.render_calibration import print_calibration

        print_monte_carlo(out, scenario, list(run.results))
        print_calibration(out, run.calibration, run.to_dict()["runs"])
    if run.interrupted:
        raise typer.Exit(INTERRUPTED)


def sensitivity(
    scenario: ScenarioArg = DEFAULT_SCENARIO,
    model: ModelOpt = None,
    method: Annotated[str, typer.Option(help="oat (one at a time; alias tornado) or sobol (variance-based)")] = "oat",
    samples: Annotated[int, typer.Option(help="Sobol base sample N (power of 2); runs = N·(inputs + 2)")] = 256,
    by: Annotated[str, typer.Option(help="Sobol indices per input or per actor")] = "input",
    top: Annotated[int, typer.Option(help="rows shown per issue", min=1)] = 10,
    spread: SpreadOpt = None,
    seed: SeedOpt = None,
    workers: WorkersOpt = None,
    ray: RayOpt = None,
    variant: VariantOpt = None,
    rounds: RoundsOpt = None,
    param: ParamOpt = None,
    fmt: FormatOpt = "table",
    output: OutputOpt = None,
) -> None:
    """Rank the uncertain inputs by how much they move each issue's outcome (tornado or Sobol indices)."""
    from realpolitik.cli.render_uncertainty import sensitivity_tables
    from realpolitik.forecast import dumps
    from realpolitik.models.selection import build_models
    from realpolitik.scenario.io import load_scenario
    from realpolitik.uncertainty.draws import InputSpace
    from realpolitik.uncertainty.sensitivity import SweepInterrupted, sensitivity_document, sobol, tornado

    method = METHOD_ALIASES.get(method.strip().lower(), method)
    if method not in ("oat", "sobol"):
        raise RealpolitikError(f"unknown --method {method!r}. Fix: use oat (alias tornado) or sobol")
    check_format(fmt)
    check_output(output)
    loaded = load_scenario(scenario)
    overrides = parse_spreads(spread)
    seed = loaded.seed if seed is None else seed
    inputs = len(InputSpace.of(loaded, overrides).inputs)
    runs = 2 * inputs if method == "oat" else samples * (inputs + 2)
    results = []
    for m in build_models(model, variant=variant, rounds=rounds, params=param, scenario=loaded):
        executor = choose_executor(workers, ray, runs, _time_one(loaded, m))
        try:
            with ProgressBar(runs, f"{m.name}: {runs:,} runs", err, enabled=fmt != "json") as progress:
                if method == "oat":
                    results.append(tornado(loaded, m, overrides, executor, seed, progress, notice=notice))
                else:
                    results.append(sobol(loaded, m, samples, overrides, executor, seed, by, progress=progress,
                                         notice=notice))
        except SweepInterrupted as exc:
            err.print(f"interrupted: {exc}", highlight=False)
            raise typer.Exit(INTERRUPTED) from None
    if fmt == "json":
        emit(dumps(sensitivity_document(loaded, results)), output)
        return
    for result in results:
        for table in sensitivity_tables(result, top):
            out.print(table)


class OrderedOptionsCommand(TyperCommand):
    """A Typer command that records the order of its options on the command line in ``ctx.meta[EDIT_ORDER]``
    (click groups the values of a repeated option, losing how they interleave with other options)."""

    def make_parser(self, ctx: typer.Context):
        """Return click's parser, wrapped to record the order of the options it reads."""
        parser = super().make_parser(ctx)
        parse = parser.parse_args

        def recording(args: list[str]):
            opts, rest, order = parse(args=args)
            ctx.meta[EDIT_ORDER] = [param.name for param in order]
            return opts, rest, order

        parser.parse_args = recording  # type: ignore[method-assign]
        return parser


def edits_in_order(ctx: typer.Context, given: dict[str, list[str] | None]) -> list[tuple[str, str]]:
    """Return the (op, text) edits of the ``--set/--scale/--cut-arms/--drop`` options in command-line order
    (grouped by kind when the order was not recorded)."""
    values = {name: iter(v or []) for name, v in given.items()}
    order = [name for name in ctx.meta.get(EDIT_ORDER, []) if name in given] or \
        [name for name in given for _ in given[name] or []]
    return [(name.rstrip("_"), next(values[name])) for name in order]


def whatif(
    ctx: typer.Context,
    scenario: ScenarioArg = DEFAULT_SCENARIO,
    set_: Annotated[list[str] | None, typer.Option("--set", help="ACTOR.FIELD[ISSUE]=VALUE")] = None,
    scale: Annotated[list[str] | None, typer.Option("--scale", help="ACTOR.FIELD[ISSUE]=FACTOR")] = None,
    cut_arms: Annotated[list[str] | None, typer.Option(
        "--cut-arms", help="SUPPLIER:RECIPIENT[=FRACTION]: cut the supplier's share of the recipient's arms")] = None,
    drop: Annotated[list[str] | None, typer.Option("--drop", help="remove an actor (repeatable)")] = None,
    model: ModelOpt = None,
    variant: VariantOpt = None,
    rounds: RoundsOpt = None,
    param: ParamOpt = None,
    save: Annotated[Path | None, typer.Option(help="also write the edited scenario (.toml or .json)")] = None,
    fmt: FormatOpt = "table",
    output: OutputOpt = None,
) -> None:
    """Edit a scenario (--set, --scale, --cut-arms, --drop, applied in the order given); show forecasts before and
    after."""
    from realpolitik.cli.render_uncertainty import whatif_table
    from realpolitik.forecast import dumps
    from realpolitik.models.selection import build_models
    from realpolitik.scenario.io import check_save_path, load_scenario, save_scenario
    from realpolitik.uncertainty.whatif import apply_edits, compare, parse_ordered_edits, whatif_document

    check_format(fmt)
    check_output(output)
    if save is not None:
        check_save_path(save)
    edits = parse_ordered_edits(edits_in_order(ctx, {"set_": set_, "scale": scale, "cut_arms": cut_arms,
                                                     "drop": drop}))
    if not edits:
        raise RealpolitikError("no edit given. Fix: add --set, --scale, --cut-arms or --drop, e.g. "
                               "--set russia.salience[karabakh]=1.0")
    original = load_scenario(scenario)
    edited = apply_edits(original, edits)
    models = build_models(model, variant=variant, rounds=rounds, params=param, scenario=original)
    with ProgressBar(2 * len(models), f"what-if: {len(models)} model(s) before and after", err,
                     enabled=fmt != "json") as progress:
        rows = compare(original, edited, models, progress=progress)
    if save is not None:
        save_scenario(edited, save)
        err.print(f"wrote the edited scenario to {save}")
    if fmt == "json":
        emit(dumps(whatif_document(original, edited, edits, rows)), output)
    else:
        out.print(whatif_table(original, rows, ", ".join(e.text() for e in edits)))

