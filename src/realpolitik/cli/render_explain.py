"""The CLI's ``--explain ROUND`` for bdm as Rich tables: who gave way to whom, and the perspective table.

Presentation only: the numbers come from `realpolitik.models.bdm_perspective.perspective`.
"""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from realpolitik.forecast import IssueForecast
from realpolitik.models.bdm_perspective import COLUMNS, perspective

FULL_TABLE_ACTORS = 25  # above this many actors, only pairs with a move or a positive expected utility are listed


def render(forecast: IssueForecast, round: int) -> Group:
    """Return a Rich renderable: the moves of `round` and the perspective table (pairs as each actor sees them;
    above `FULL_TABLE_ACTORS` actors only the pairs with a positive expected utility or an adopted offer)."""
    large = len(forecast.rounds[0].positions) > FULL_TABLE_ACTORS
    view = perspective(forecast, round, active_only=large)
    moves = Table(title=f"bdm on {forecast.issue}, round {round}: who gave way to whom", title_justify="left")
    for column in ("actor", "r", "moved toward", "why", "E^i(U_ij)", "E^i(U_ji)", "from", "to"):
        moves.add_column(column, justify="left" if column in ("actor", "moved toward", "why") else "right")
    for m in view["moves"]:
        moves.add_row(m["actor"], f"{view['risk_exponents'][m['actor']]:.3f}", m["toward"], m["type"],
                      f"{m['eu_ij']:.4f}", f"{m['eu_ji']:.4f}", f"{m['from']:.2f}", f"{m['to']:.2f}")
    note = f" (pairs with a positive expected utility only; {view['n_pairs']} pairs in all)" if large else ""
    table = Table(title=f"perspectives: actor i's view of challenging j (E^i(U_ij)) and of j challenging i "
                        f"(E^i(U_ji)){note}", title_justify="left")
    for column in ("i", "j", "E^i(U_ij)", "E^i(U_ji)", "quadrant", "j's offer to i", "adopted"):
        table.add_column(column, justify="right" if column.startswith("E") else "left")
    for actor, other, eu_ij, eu_ji, where, offer, adopted in zip(*(view["pairs"][k] for k in COLUMNS), strict=True):
        table.add_row(actor, other, f"{eu_ij:.4f}", f"{eu_ji:.4f}", where, offer, "yes" if adopted else "")
    header = Text(f"Round {round}: {len(view['moves'])} actor(s) moved. Expected utilities perceived by "
                  f"{view['perceived_by']}; r = risk exponent (0.5 risk-acceptant … 2 risk-averse).")
    return Group(header, moves, table)
