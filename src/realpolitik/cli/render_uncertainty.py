"""Rich tables for Monte Carlo, sensitivity and what-if results (the JSON documents carry the same figures)."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from realpolitik.cli.render import fmt_position
from realpolitik.scenario.model import Scenario
from realpolitik.uncertainty.montecarlo import MonteCarloResult
from realpolitik.uncertainty.sensitivity import Sensitivity, SobolIndex, TornadoBar
from realpolitik.uncertainty.whatif import Comparison

BLOCKS = " ▁▂▃▄▅▆▇█"


def sparkline(counts: tuple[int, ...] | list[int]) -> str:
    """Return a one-line histogram: one block character per bin, height proportional to the count."""
    top = max(counts) if counts else 0
    if not top:
        return ""
    return "".join(BLOCKS[0 if c == 0 else max(1, round(c / top * (len(BLOCKS) - 1)))] for c in counts)


def _pm(value: float, se: float, digits: int = 1) -> str:
    return f"{value:.{digits}f} ± {se:.{digits}f}"


def monte_carlo_header(result: MonteCarloResult) -> str:
    """Return the one-line summary: model, draws done / requested, failures, executor, time, seed."""
    failed = result.sweep.n_done - int(result.sweep.ok.sum())
    note = f" · [red]{failed} failed[/red]" if failed else ""
    stop = " · [yellow]interrupted[/yellow]" if result.sweep.interrupted else ""
    return (f"[bold]{result.model}[/bold] · {result.sweep.n_done:,}/{result.requested:,} draws{note}{stop} · "
            f"seed {result.seed} · {result.sweep.executor} · {result.sweep.seconds:.1f} s")


def monte_carlo_table(scenario: Scenario, result: MonteCarloResult) -> Table:
    """Return one row per issue: baseline, mean ± MCSE, sd, quantiles (± MCSE of the median), histogram 0-100."""
    table = Table(title=f"{scenario.title} — {result.model}: outcome distribution over {len(result.draws):,} draws "
                        "(0–100 scale, ± Monte Carlo standard error)", title_justify="left")
    for column in ("issue", "coded", "mean", "sd", "5%", "25%", "median", "75%", "95%", "histogram 0…100"):
        table.add_column(column, justify="left" if column in ("issue", "histogram 0…100") else "right")
    for d in result.distributions:
        q = d.quantiles
        table.add_row(escape(d.series), fmt_position(d.baseline), _pm(d.mean.value, d.mean.se, 2),
                      _pm(d.sd.value, d.sd.se, 2),
                      fmt_position(q[0.05].value), fmt_position(q[0.25].value), _pm(q[0.5].value, q[0.5].se),
                      fmt_position(q[0.75].value), fmt_position(q[0.95].value), sparkline(d.histogram[1]))
    return table


def events_table(result: MonteCarloResult) -> Table:
    """Return the probability (± MCSE) of each user-named event."""
    table = Table(title=f"{result.model}: event probabilities", title_justify="left")
    table.add_column("event")
    table.add_column("probability", justify="right")
    n = len(result.draws)
    for event, est in result.events:
        note = f" (no draw of {n:,})" if est.value == 0 else (f" (every draw of {n:,})" if est.value == 1 else "")
        table.add_row(escape(event.text()), f"{est.value:.3f} ± {est.se:.3f}{note}")
    return table


def print_monte_carlo(console: Console, scenario: Scenario, results: list[MonteCarloResult]) -> None:
    """Print, per model, the summary line, the distribution table, the event table and any failures."""
    for result in results:
        console.print(monte_carlo_header(result), highlight=False)
        if result.distributions:
            console.print(monte_carlo_table(scenario, result))
        if result.events:
            console.print(events_table(result))
        for index, message in result.sweep.failures[:3]:
            console.print(f"  draw {index} failed: {message}", highlight=False, soft_wrap=True)
    if results:
        spreads = results[0].space.describe_defaults()
        shown = ", ".join(f"{k} {v}" for k, v in spreads.items() if v) or "per value only"
        console.print(f"spreads: {shown} (values with their own spread use it)", highlight=False)


def sensitivity_tables(result: Sensitivity, top: int = 10) -> list[Table]:
    """Return one table per issue: the `top` inputs by swing (one at a time) or by total Sobol index."""
    tables = []
    for issue, ranked in result.ranking.items():
        title = (f"{result.model} on {escape(issue)} (coded outcome {result.baseline[issue]:.1f}): "
                 + ("one-at-a-time swings" if result.method == "oat" else "Sobol indices (± 95% CI)"))
        table = Table(title=title, title_justify="left")
        if result.method == "oat":
            for column in ("input", "low", "high", "outcome at low", "outcome at high", "swing"):
                table.add_column(column, justify="left" if column == "input" else "right")
            for bar in ranked[:top]:
                assert isinstance(bar, TornadoBar)  # the one-at-a-time method ranks tornado bars
                table.add_row(escape(bar.input), f"{bar.low:.3g}", f"{bar.high:.3g}", f"{bar.outcome_low:.1f}",
                              f"{bar.outcome_high:.1f}", f"{bar.swing:.2f}")
        else:
            for column in ("input", "first order S1", "total ST"):
                table.add_column(column, justify="left" if column == "input" else "right")
            for s in ranked[:top]:
                assert isinstance(s, SobolIndex)  # the Sobol method ranks Sobol indices
                table.add_row(escape(s.input), _pm(s.s1, s.s1_conf, 3), _pm(s.st, s.st_conf, 3))
        if len(ranked) > top:
            table.caption = f"{len(ranked) - top} more inputs (--top N shows more; JSON has all)"
        tables.append(table)
    return tables


def whatif_table(scenario: Scenario, rows: list[Comparison], edits_text: str) -> Table:
    """Return one row per issue and model: the original outcome, the edited one and the difference."""
    table = Table(title=f"{escape(scenario.title)} — what if {escape(edits_text)}", title_justify="left")
    for column in ("issue", "model", "original", "edited", "difference"):
        table.add_column(column, justify="left" if column in ("issue", "model") else "right")
    for row in rows:
        diff = row.difference
        shown = "issue dropped" if diff is None else (
            fmt_position(diff) if isinstance(diff, list) else f"{round(diff, 1) + 0.0:+.1f}")  # no "-0.0"
        table.add_row(row.issue, row.model, fmt_position(row.original), fmt_position(row.edited), shown)
    return table
