"""The exchange model's ``--explain ROUND`` as a Rich table: one row per executed exchange of the round (who gave
way on what for what, both partners' gains, the two outcomes before and after, and what third parties gained and
lost). The model returns the exchanges as data (`ExchangeModel.explain_data`); this module only draws them."""

from __future__ import annotations

from typing import Any, cast

from rich.console import Console
from rich.table import Table

from realpolitik.forecast import Forecast
from realpolitik.models.base import Model
from realpolitik.scenario.model import Scenario

COLUMNS = ("#", "actor", "demands", "supplies", "move", "gain", "outcome", "others +", "others −", "biggest loser")
NUMBERS = ("#", "move", "gain", "outcome", "others +", "others −")


def exchange_rows(e: dict[str, Any]) -> tuple[list[str], list[str]]:
    """Return the table rows of one exchange (an element of ``explain_data(...)["exchanges"]``): partner a's, with
    the exchange's number and its effects on third parties, then partner b's."""
    effects = e["third_parties"]
    gains = sum(v for v in effects.values() if v > 0)
    losses = sum(v for v in effects.values() if v < 0)
    loser = min(effects, key=lambda k: (effects[k], k)) if effects else None
    rows = []
    for side in (e["a"], e["b"]):
        before, after = e["outcome"][side["demands"]]
        rows.append([side["actor"], side["demands"], side["supplies"], f"{side['from']:.2f} → {side['to']:.2f}",
                     f"{side['gain']:.4f}", f"{before:.2f} → {after:.2f}"])
    a_row = [str(e["number"]), *rows[0], f"{gains:.4f}", f"{losses:.4f}",
             f"{loser} ({effects[loser]:.4f})" if loser is not None and effects[loser] < 0 else "—"]
    return a_row, ["", *rows[1], "", "", ""]


def exchange_table(data: dict[str, Any], label: str) -> Table:
    """Return the table of a round's exchanges (`data` as `ExchangeModel.explain_data` returns it)."""
    n = len(data["exchanges"])
    table = Table(title=f"{label}, round {data['round']}: {n} exchange{'s' if n != 1 else ''}, in the order executed",
                  title_justify="left",
                  caption="Each exchange: partner a on its first row, b on the second. Each moves (move: from → to) on "
                          "the issue it supplies toward the other, for a move of the outcome on the issue it demands "
                          "(outcome: before → after the exchange). Gains and the effects on others (third parties: "
                          "sums of gains and of losses) are salience-weighted changes in distance to the outcomes "
                          "(positive: better off); positions and outcomes on 0-100.", caption_justify="left")
    rows = [exchange_rows(e) for e in data["exchanges"]]
    for column in COLUMNS:
        table.add_column(column, overflow="fold",
                         justify="right" if column in NUMBERS and column not in ("move", "outcome") else "left")
    for a_row, b_row in rows:
        table.add_row(*a_row)
        table.add_row(*b_row, end_section=True)
    return table


def no_exchange_line(model: Model, forecast: Forecast, scenario: Scenario, round: int, label: str) -> str | None:
    """Return the one line said instead of a table when round `round` has no exchange (None when it has some or
    the forecast has no such round)."""
    data = cast(Any, model).explain_data(forecast, round)  # the exchange model explains whole forecasts
    if data is None or data["exchanges"]:
        return None
    if len(scenario.issues) < 2:
        return (f"{label}, round {round}: no exchange: the scenario has one issue, and an exchange trades one issue "
                "for another (the model is the compromise model here)")
    candidates = forecast.issues[0].diagnostics.get("candidates", [])
    found = candidates[round - 1] if round - 1 < len(candidates) else 0
    if not found:
        return (f"{label}, round {round}: no exchange: no two actors stand on opposite sides of the outcome on two "
                "tradable issues with different relative saliences")
    return f"{label}, round {round}: no exchange: {found} candidate(s), none valid when its turn came"


def print_exchange_rounds(console: Console, scenario: Scenario, models: list[Model], forecasts: list[Forecast],
                          round: int) -> None:
    """Print round `round`'s exchanges for each exchange model among `models` (a table, or one line when the round
    has none)."""
    from realpolitik.evaluate.harness import model_label
    from realpolitik.models.exchange import ExchangeModel

    for model, forecast in zip(models, forecasts, strict=True):
        if not isinstance(model, ExchangeModel):
            continue
        label = model_label(model)
        line = no_exchange_line(model, forecast, scenario, round, label)
        if line is not None:
            console.print(line, highlight=False)
            continue
        data = cast(Any, model).explain_data(forecast, round)  # the exchange model explains whole forecasts
        if data is not None:
            console.print(exchange_table(data, label))
