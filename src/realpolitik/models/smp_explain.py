"""The CLI's ``--explain TURN`` for SMP: who challenged whom in a turn, why, and which bargains won."""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.table import Table

from realpolitik.forecast import IssueForecast


def explain_step(forecast: IssueForecast, turn: int) -> Any:
    """Return a Rich renderable of SMP step `turn` (the move from state turn−1 to turn) read from the forecast's
    joint round fields; ``None`` on issues other than the first (the joint detail covers every issue and is shown
    once) and for no such step.

    The first table has a row per actor: its challenge, the bargain its queue adopted (by id, initiator→receiver)
    and the *adopted position*, i.e. the row actor's own side of that bargain (where it moves; the two parties of
    one bargain move to different sides). The second table lists every bargain with both sides.
    """
    if not 1 <= turn < len(forecast.rounds):
        return None
    extra = forecast.rounds[turn].extra
    if "joint" in extra:
        return None
    bargains = extra["bargains"]
    before = forecast.rounds[turn - 1].extra["risk"]
    table = Table(title=f"SMP turn {turn}: challenges and adopted bargains (stop statistic "
                        f"{extra['stop_statistic']:.4f})",
                  caption="adopted position: the row actor's own side of the adopted bargain (see the bargain table)")
    for column in ("actor", "risk R", "challenges", "P(win)", "expected gain", "proposed bargain",
                   "adopted bargain", "adopted position", "P(adopted)"):
        table.add_column(column, justify="right" if column.startswith(("P", "risk", "expected")) else "left")
    for actor, challenge in extra["challenges"].items():
        queue = extra["queues"][actor]
        won = queue["winner"]
        p_won = queue["probabilities"][queue["options"].index(won)]
        if won is None:
            adopted, position = "status quo", "unchanged"
        else:
            b = bargains[won]
            side = "initiator" if b["initiator"] == actor else "receiver"
            adopted = f"#{won} {b['initiator']}→{b['receiver']}"
            position = f"{_coords(b[side + '_position'])} as {side}"
        if challenge is None:
            table.add_row(actor, f"{before[actor]:+.3f}", "—", "", "no gain > 1e-5", "", adopted, position,
                          f"{p_won:.3f}")
            continue
        mine = [f"#{m} {_coords(b['initiator_position'])}" for m, b in enumerate(bargains) if b["initiator"] == actor]
        table.add_row(actor, f"{before[actor]:+.3f}", challenge["target"], f"{challenge['win_probability']:.3f}",
                      f"{challenge['gain']:+.4f}", ", ".join(mine), adopted, position, f"{p_won:.3f}")
    sides = Table(title=f"SMP turn {turn}: bargains (each party moves to its own side if its queue adopts it)")
    for column in ("bargain", "initiator", "receiver", "perspective", "initiator's position", "receiver's position"):
        sides.add_column(column)
    for m, b in enumerate(bargains):
        sides.add_row(f"#{m}", b["initiator"], b["receiver"], b["perspective"], _coords(b["initiator_position"]),
                      _coords(b["receiver_position"]))
    return Group(table, sides)


def _coords(values: list[float]) -> str:
    return "(" + ", ".join(f"{c:.2f}" for c in values) + ")"
