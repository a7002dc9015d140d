"""SMP's ``--explain TURN`` as data: who challenged whom in a turn, why, and which bargains won (the CLI draws it)."""

from __future__ import annotations

from typing import Any

from realpolitik.forecast import IssueForecast


def explain_step(forecast: IssueForecast, turn: int) -> dict[str, Any] | None:
    """Return SMP step `turn` (the move from state turn−1 to turn) as explain data of kind ``smp-turn``, read from
    the forecast's joint round fields: ``challenges`` and ``queues`` per actor, every ``bargains`` with both sides,
    ``risk_before`` (each actor's risk attitude at the start of the turn) and the ``stop_statistic``. ``None`` on
    issues other than the first (the joint detail covers every issue and is shown once) and for no such step.
    """
    if not 1 <= turn < len(forecast.rounds):
        return None
    extra = forecast.rounds[turn].extra
    if "joint" in extra:
        return None
    return {"kind": "smp-turn", "issue": forecast.issue, "turn": turn, "stop_statistic": extra["stop_statistic"],
            "risk_before": forecast.rounds[turn - 1].extra["risk"], "challenges": extra["challenges"],
            "queues": extra["queues"], "bargains": extra["bargains"]}
