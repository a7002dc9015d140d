"""The CLI's ``--explain TURN`` for SMP: who challenged whom in a turn, why, and which bargains won."""

from __future__ import annotations

from typing import Any

from rich.table import Table

from realpolitik.forecast import IssueForecast


def explain_step(forecast: IssueForecast, turn: int) -> Any:
    """Return a Rich table of SMP step `turn` (the move from state turn−1 to turn) read from the forecast's
    joint round fields, or a one-line pointer on issues other than the first, or ``None`` for no such step."""
    if not 1 <= turn < len(forecast.rounds):
        return None
    extra = forecast.rounds[turn].extra
    if "joint" in extra:
        return f"smp: the joint detail of turn {turn} is under issue {extra['joint']!r}"
    bargains = extra["bargains"]
    before = forecast.rounds[turn - 1].extra["risk"]
    table = Table(title=f"SMP turn {turn}: challenges, bargains and queues (stop statistic "
                        f"{extra['stop_statistic']:.4f})")
    for column in ("actor", "risk R", "challenges", "P(win)", "expected gain", "proposed bargain",
                   "queue winner", "P(winner)"):
        table.add_column(column, justify="right" if column.startswith(("P", "risk", "expected")) else "left")
    for actor, challenge in extra["challenges"].items():
        queue = extra["queues"][actor]
        won = queue["winner"]
        p_won = max(queue["probabilities"])
        if won is None:
            winner = "status quo"
        else:
            b = bargains[won]
            side = "initiator_position" if b["initiator"] == actor else "receiver_position"
            coords = ", ".join(f"{c:.2f}" for c in b[side])
            winner = f"#{won} {b['initiator']}→{b['receiver']}: ({coords})"
        if challenge is None:
            table.add_row(actor, f"{before[actor]:+.3f}", "—", "", "no gain > 1e-5", "", winner, f"{p_won:.3f}")
            continue
        mine = [b for b in bargains if b["initiator"] == actor]
        proposed = ", ".join(f"({', '.join(f'{c:.2f}' for c in b['initiator_position'])})" for b in mine)
        table.add_row(actor, f"{before[actor]:+.3f}", challenge["target"], f"{challenge['win_probability']:.3f}",
                      f"{challenge['gain']:+.4f}", proposed, winner, f"{p_won:.3f}")
    return table
