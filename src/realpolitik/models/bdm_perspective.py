"""The perspective table of one round of the expected-utility model: who challenged whom, and how each actor
saw each pair (Bueno de Mesquita 1994 plots E^i(U_ij) against E^i(U_ji) for one actor; this is that plot as rows).

The round is recomputed from the positions before it and the inputs and settings the `IssueForecast` carries,
so a forecast read back from JSON can be explained too.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from rich.console import Group
from rich.table import Table
from rich.text import Text

from realpolitik.errors import RealpolitikError
from realpolitik.forecast import IssueForecast
from realpolitik.models.bdm_round import MOVE_TYPES, play_round
from realpolitik.models.bdm_settings import BDMSettings
from realpolitik.models.bdm_statistics import median_voter

FULL_TABLE_ACTORS = 25  # above this many actors, only pairs with a move or a positive expected utility are listed


def quadrant(a: float, b: float) -> str:
    """Return the name of the quadrant of (a, b) = (E^i(U_ij), E^i(U_ji)) as actor i perceives the pair."""
    if a > 0 and b > 0:
        return "conflict, i loses" if b > a else "conflict, i wins"
    if a < 0 < b:
        return "i compromises" if b > -a else "i capitulates"
    if a > 0 > b:
        return "j gives way"
    if a < 0 and b < 0:
        return "stalemate"
    return "boundary"


def perspective(forecast: IssueForecast, round: int) -> dict[str, Any]:
    """Return round `round` (≥ 1) recomputed: risk exponents, moves, and one row per ordered pair (i, j) with
    E^i(U_ij), E^i(U_ji), the quadrant, the offer type j's offer had for i and whether i adopted it.

    Raises `RealpolitikError` if the forecast is not a bdm forecast or the round is not one it computed.
    """
    diagnostics = forecast.diagnostics
    if "settings" not in diagnostics or "capability" not in diagnostics:
        raise RealpolitikError(f"issue {forecast.issue!r}: this forecast does not carry the bdm inputs. "
                               "Fix: explain a forecast made by the bdm model")
    last = len(forecast.rounds) - 1
    if not 1 <= round <= last:
        raise RealpolitikError(f"issue {forecast.issue!r}: round {round} was not played (rounds 1-{last}). "
                               f"Fix: use --explain with a round from 1 to {last}" if last else
                               f"issue {forecast.issue!r}: no round was played (the actors already agree). "
                               "Fix: nothing to explain; the inputs are the forecast")
    actors = tuple(forecast.rounds[0].positions)
    x = np.array([forecast.rounds[round - 1].positions[a] for a in actors], dtype=float)
    c = np.array([diagnostics["capability"][a] for a in actors], dtype=float)
    s = np.array([diagnostics["salience"][a] for a in actors], dtype=float)
    settings = BDMSettings(**diagnostics["settings"])
    delta = forecast.rounds[round].extra.get("delta", diagnostics["delta"])
    result = play_round(x, c, s, delta, median_voter(x, c * s), settings)
    pairs = []
    for i, j in zip(*np.nonzero(x[:, None] != x[None, :]), strict=True):
        a, b = float(result.offer_a[i, j]), float(result.offer_b[i, j])
        kind = int(result.offer_type[i, j])
        pairs.append({"actor": actors[i], "other": actors[j], "eu_ij": a, "eu_ji": b, "quadrant": quadrant(a, b),
                      "offer": MOVE_TYPES.get(kind, "none"), "adopted": bool(result.chosen[i] == j)})
    return {"round": round, "risk_exponents": dict(zip(actors, result.r.tolist(), strict=True)),
            "moves": forecast.rounds[round].extra.get("moves", []), "pairs": pairs,
            "perceived_by": "receiver" if settings.perspective == "receiver" else "each actor itself"}


def render(forecast: IssueForecast, round: int) -> Group:
    """Return a Rich renderable: the moves of `round` and the perspective table (pairs as each actor sees them)."""
    view = perspective(forecast, round)
    moves = Table(title=f"bdm on {forecast.issue}, round {round}: who gave way to whom", title_justify="left")
    for column in ("actor", "r", "moved toward", "why", "E^i(U_ij)", "E^i(U_ji)", "from", "to"):
        moves.add_column(column, justify="left" if column in ("actor", "moved toward", "why") else "right")
    for m in view["moves"]:
        moves.add_row(m["actor"], f"{view['risk_exponents'][m['actor']]:.3f}", m["toward"], m["type"],
                      f"{m['eu_ij']:.4f}", f"{m['eu_ji']:.4f}", f"{m['from']:.2f}", f"{m['to']:.2f}")
    pairs = view["pairs"]
    note = ""
    if len(view["risk_exponents"]) > FULL_TABLE_ACTORS:
        pairs = [p for p in pairs if p["adopted"] or p["eu_ij"] > 0 or p["eu_ji"] > 0]
        note = f" (pairs with a positive expected utility only; {len(view['pairs'])} pairs in all)"
    table = Table(title=f"perspectives: actor i's view of challenging j (E^i(U_ij)) and of j challenging i "
                        f"(E^i(U_ji)){note}", title_justify="left")
    for column in ("i", "j", "E^i(U_ij)", "E^i(U_ji)", "quadrant", "j's offer to i", "adopted"):
        table.add_column(column, justify="right" if column.startswith("E") else "left")
    for p in pairs:
        table.add_row(p["actor"], p["other"], f"{p['eu_ij']:.4f}", f"{p['eu_ji']:.4f}", p["quadrant"], p["offer"],
                      "yes" if p["adopted"] else "")
    header = Text(f"Round {round}: {len(view['moves'])} actor(s) moved. Expected utilities perceived by "
                  f"{view['perceived_by']}; r = risk exponent (0.5 risk-acceptant … 2 risk-averse).")
    return Group(header, moves, table)
