"""``--explain ROUND`` as Rich tables: the models return explain *data* (`Model.explain`), this module draws it.

Each model's data names its ``kind``; `render_explain` picks the drawing for that kind, and shows the data of a
kind it does not know (e.g. a third-party model's) as indented JSON, so every explanation reaches the user.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from realpolitik.forecast import jsonable


def render_explain(data: Any) -> RenderableType | None:
    """Return a Rich renderable of one model's explain data (None when there is nothing to show)."""
    if data is None:
        return None
    draw = DRAWINGS.get(data.get("kind", "")) if isinstance(data, dict) else None
    if draw is None:
        return Text(json.dumps(jsonable(data), indent=2))
    return draw(data)


def bdm_round(view: dict[str, Any]) -> Group:
    """Draw a bdm round: the moves (who gave way to whom) and the perspective table (pairs as each actor sees
    them; with ``active_only``, only the pairs with a positive expected utility or an adopted offer)."""
    moves = Table(title=f"bdm on {view['issue']}, round {view['round']}: who gave way to whom", title_justify="left")
    for column in ("actor", "r", "moved toward", "why", "E^i(U_ij)", "E^i(U_ji)", "from", "to"):
        moves.add_column(column, justify="left" if column in ("actor", "moved toward", "why") else "right")
    for m in view["moves"]:
        moves.add_row(m["actor"], f"{view['risk_exponents'][m['actor']]:.3f}", m["toward"], m["type"],
                      f"{m['eu_ij']:.4f}", f"{m['eu_ji']:.4f}", f"{m['from']:.2f}", f"{m['to']:.2f}")
    note = f" (pairs with a positive expected utility only; {view['n_pairs']} pairs in all)" \
        if view.get("active_only") else ""
    table = Table(title=f"perspectives: actor i's view of challenging j (E^i(U_ij)) and of j challenging i "
                        f"(E^i(U_ji)){note}", title_justify="left")
    for column in ("i", "j", "E^i(U_ij)", "E^i(U_ji)", "quadrant", "j's offer to i", "adopted"):
        table.add_column(column, justify="right" if column.startswith("E") else "left")
    pairs = view["pairs"]
    for k in range(len(pairs["actor"])):
        table.add_row(pairs["actor"][k], pairs["other"][k], f"{pairs['eu_ij'][k]:.4f}", f"{pairs['eu_ji'][k]:.4f}",
                      pairs["quadrant"][k], pairs["offer"][k], "yes" if pairs["adopted"][k] else "")
    header = Text(f"Round {view['round']}: {len(view['moves'])} actor(s) moved. Expected utilities perceived by "
                  f"{view['perceived_by']}; r = risk exponent (0.5 risk-acceptant … 2 risk-averse).")
    return Group(header, moves, table)


def smp_turn(step: dict[str, Any]) -> Group:
    """Draw an SMP turn: a row per actor (its challenge, the bargain its queue adopted and the *adopted position*,
    the row actor's own side of that bargain), then every bargain with both sides."""
    turn, bargains = step["turn"], step["bargains"]
    table = Table(title=f"SMP turn {turn}: challenges and adopted bargains (stop statistic "
                        f"{step['stop_statistic']:.4f})",
                  caption="adopted position: the row actor's own side of the adopted bargain (see the bargain table)")
    for column in ("actor", "risk R", "challenges", "P(win)", "expected gain", "proposed bargain",
                   "adopted bargain", "adopted position", "P(adopted)"):
        table.add_column(column, justify="right" if column.startswith(("P", "risk", "expected")) else "left")
    for actor, challenge in step["challenges"].items():
        queue = step["queues"][actor]
        won = queue["winner"]
        p_won = queue["probabilities"][queue["options"].index(won)]
        if won is None:
            adopted, position = "status quo", "unchanged"
        else:
            b = bargains[won]
            side = "initiator" if b["initiator"] == actor else "receiver"
            adopted = f"#{won} {b['initiator']}→{b['receiver']}"
            position = f"{_coords(b[side + '_position'])} as {side}"
        risk = f"{step['risk_before'][actor]:+.3f}"
        if challenge is None:
            table.add_row(actor, risk, "—", "", "no gain > 1e-5", "", adopted, position, f"{p_won:.3f}")
            continue
        mine = [f"#{m} {_coords(b['initiator_position'])}" for m, b in enumerate(bargains) if b["initiator"] == actor]
        table.add_row(actor, risk, challenge["target"], f"{challenge['win_probability']:.3f}",
                      f"{challenge['gain']:+.4f}", ", ".join(mine), adopted, position, f"{p_won:.3f}")
    sides = Table(title=f"SMP turn {turn}: bargains (each party moves to its own side if its queue adopts it)")
    for column in ("bargain", "initiator", "receiver", "perspective", "initiator's position", "receiver's position"):
        sides.add_column(column)
    for m, b in enumerate(bargains):
        sides.add_row(f"#{m}", b["initiator"], b["receiver"], b["perspective"], _coords(b["initiator_position"]),
                      _coords(b["receiver_position"]))
    return Group(table, sides)


def wartrap_dyads(view: dict[str, Any]) -> Table:
    """Draw War Trap's directed pairs (sorted by expected utility, highest first) and the predicted outcomes."""
    table = Table(title=f"War Trap / War and Reason, issue {view['issue']} ({view.get('discount', '')})")
    for col in ("challenger A", "target B", "EU(A→B)", "P(A)", "P(B)", "predicted"):
        table.add_column(col, justify="right" if col.startswith(("EU", "P(")) else "left")
    for r in view["pairs"]:
        table.add_row(r["a"], r["b"], f"{r['eu_wartrap']:+.3f}", f"{r['p_a']:.2f}", f"{r['p_b']:.2f}", r["predicted"])
    return table


def _coords(values: list[float]) -> str:
    return "(" + ", ".join(f"{c:.2f}" for c in values) + ")"


DRAWINGS: dict[str, Callable[[dict[str, Any]], RenderableType]] = {
    "bdm-round": bdm_round,
    "smp-turn": smp_turn,
    "wartrap-dyads": wartrap_dyads,
}
