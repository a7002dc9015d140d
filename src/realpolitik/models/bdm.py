"""Bueno de Mesquita's expected-utility model of group decisions: round-by-round bargaining on one issue.

The model of Bueno de Mesquita (1994) "Political forecasting: an expected utility method" (in Bueno de Mesquita &
Stokman, *European Community Decision Making*, Yale UP), the basis of *The Predictioneer's Game* and of Policon,
as reconstructed by Scholz, Calbert & Smith (2011) "Unravelling Bueno De Mesquita's group decision model",
J. Theoretical Politics 23(4):510-531. Each round every actor works out who is likely to challenge whom, with
risk exponents from how exposed its position is, and gives way (fully or by compromise) to the offer it accepts;
all move at once. ``docs/models/bdm.md`` gives the formulas, the three variants and every choice made.

Three lines::

    from realpolitik.models.bdm import simulate
    path = simulate([4, 7, 10], [1, 1, 2], [0.8, 0.4, 0.6], variant="scholz2011_paper")
    path.outcome  # the forecast statistic after the last round
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from realpolitik.errors import ModelError, RealpolitikError
from realpolitik.forecast import IssueForecast, Round
from realpolitik.models.base import Model
from realpolitik.models.bdm_round import MOVE_TYPES, play_round
from realpolitik.models.bdm_settings import CHOICES, VARIANTS, BDMSettings, resolve_settings
from realpolitik.models.bdm_statistics import median_voter, statistics
from realpolitik.models.registry import register
from realpolitik.scenario.model import Scenario

SCALE = 100.0  # a scenario's issue scale is 0-100
FULL_TABLE_ACTORS = 25  # above this many actors, --explain lists only the pairs with a positive EU or a move


@dataclass(frozen=True)
class RoundRecord:
    """What one round did: the risk exponents used, Δ, and for each actor the offer it adopted.

    `toward[i]` is the actor whose offer i adopted (−1: i stayed), `kind[i]` its type code (see
    `bdm_round.MOVE_TYPES`), `eu_ij[i]`/`eu_ji[i]` the two expected utilities it was judged with,
    `margin` the smallest non-zero decision quantity (how close the round came to another decision).
    """

    risk: np.ndarray
    delta: float
    toward: np.ndarray
    kind: np.ndarray
    eu_ij: np.ndarray
    eu_ji: np.ndarray
    margin: float | None


@dataclass(frozen=True)
class Trajectory:
    """A whole run: `positions[t]` after round t (row 0 = inputs), one `RoundRecord` per round, the statistics
    per round (``mean``, ``weighted_median``, ``median_voter``), and why and when it stopped."""

    positions: np.ndarray
    records: tuple[RoundRecord, ...]
    stats: dict[str, np.ndarray]
    stop_reason: str
    stop_round: int
    delta: float
    settings: BDMSettings

    @property
    def outcome(self) -> float:
        """Return the forecast statistic (`settings.statistic`) after the last round, in input units."""
        return float(self.stats[self.settings.statistic][-1])


def check_inputs(position: Any, capability: Any, salience: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return the inputs as float arrays; raise `RealpolitikError` on a shape mismatch, a non-finite value, a
    negative capability, a salience outside 0-1, or no actor with positive capability × salience."""
    x, c, s = (np.asarray(v, dtype=float).ravel() for v in (position, capability, salience))
    if not (x.size == c.size == s.size) or x.size == 0:
        raise RealpolitikError(f"model 'bdm': got {x.size} positions, {c.size} capabilities and {s.size} "
                               "saliences. Fix: give one of each per actor, at least one actor")
    for name, v in (("position", x), ("capability", c), ("salience", s)):
        if not np.all(np.isfinite(v)):
            raise RealpolitikError(f"model 'bdm': a {name} is not a finite number (actor index "
                                   f"{int(np.flatnonzero(~np.isfinite(v))[0])}). Fix: give finite numbers")
    if np.any(c < 0):
        raise RealpolitikError(f"model 'bdm': capability of actor index {int(np.argmax(c < 0))} is negative. "
                               "Fix: capabilities are ≥ 0")
    if np.any((s < 0) | (s > 1)):
        raise RealpolitikError(f"model 'bdm': salience of actor index {int(np.argmax((s < 0) | (s > 1)))} is "
                               "outside 0-1. Fix: divide saliences given on 0-100 by 100")
    if not np.sum(c * s) > 0:
        raise ModelError("model 'bdm': every actor has zero capability × salience, so nobody votes and no "
                         "forecast statistic is defined. Fix: give at least one actor positive capability and "
                         "salience on this issue")
    return x, c, s


def simulate(position: Any, capability: Any, salience: Any, settings: BDMSettings | None = None, *,
             variant: str = "scholz2011_paper", scale: float = SCALE, **overrides: Any) -> Trajectory:
    """Run the model on one issue from plain arrays and return its `Trajectory`.

    `position` in any units (0-100 for a scenario), `capability` ≥ 0 (only ratios matter), `salience` in 0-1.
    `settings` (or `variant` plus keyword `overrides` such as ``max_rounds=10``) fixes every choice; `scale` is
    Δ when ``delta="scale"``. Δ = 0 (everybody agrees) and one actor return the inputs at round 0.
    """
    x, c, s = check_inputs(position, capability, salience)
    settings = settings.checked() if settings is not None else resolve_settings(variant, **overrides)
    w = c * s
    span = float(x.max() - x.min())
    if settings.delta == "scale" and scale < span:
        raise RealpolitikError(f"model 'bdm': delta='scale' with scale {scale} but the positions span {span}. "
                               "Fix: give the issue's whole scale, or use delta='initial_range'")
    path, records = [x], []
    stats = {k: [v] for k, v in statistics(x, w).items()}
    reason, last = ("agreement" if span == 0.0 else "max_rounds"), 0
    for t in range(1, settings.max_rounds + 1 if span > 0.0 else 1):
        delta = {"initial_range": span, "current_range": float(x.max() - x.min()), "scale": scale}[settings.delta]
        result = play_round(x, c, s, delta, median_voter(x, w), settings)
        rows = np.arange(x.size)
        pick = np.maximum(result.chosen, 0)
        records.append(RoundRecord(result.r, delta, result.chosen,
                                   np.where(result.chosen >= 0, result.offer_type[rows, pick], 0),
                                   result.offer_a[rows, pick], result.offer_b[rows, pick], result.margin))
        previous, x = x, result.position
        path.append(x)
        for k, v in statistics(x, w).items():
            stats[k].append(v)
        reason, last = _stop(settings, previous, x, stats["mean"], delta), t
        if reason is not None:
            break
        reason = "max_rounds"
    return Trajectory(np.array(path), tuple(records), {k: np.array(v) for k, v in stats.items()}, reason, last,
                      span, settings)


def _stop(settings: BDMSettings, before: np.ndarray, after: np.ndarray, mean: list[float],
          delta: float) -> str | None:
    """Return why the run stops after this round, or None to go on."""
    if after.max() == after.min():
        return "agreement"
    if np.array_equal(before, after):
        return "no_moves"
    if settings.stop_rule == "mean_shift" and abs(mean[-1] - mean[-2]) <= settings.tolerance * delta:
        return "mean_shift"
    if settings.stop_rule == "positions" and np.max(np.abs(after - before)) <= settings.tolerance * delta:
        return "positions_settled"
    return None


STOP_TEXT = {
    "agreement": "every actor holds the same position",
    "no_moves": "no actor moved, so every later round would repeat this one",
    "mean_shift": "the weighted mean moved by at most tolerance × Δ",
    "positions_settled": "no position moved by more than tolerance × Δ",
    "max_rounds": "the round limit was reached",
}


def round_extra(actors: tuple[str, ...], record: RoundRecord, start: np.ndarray, end: np.ndarray,
                stats: dict[str, float], statistic: str) -> dict[str, Any]:
    """Return the JSON-ready fields of one round: risk exponents, moves (who moved toward whom, why, with the
    two expected utilities), Δ, the decision margin and the forecast statistics."""
    moves = [
        {"actor": actors[i], "type": MOVE_TYPES[int(record.kind[i])], "toward": actors[int(record.toward[i])],
         "eu_ij": float(record.eu_ij[i]), "eu_ji": float(record.eu_ji[i]), "from": float(start[i]),
         "to": float(end[i])}
        for i in np.flatnonzero(record.toward >= 0)
    ]
    return {"risk_exponents": dict(zip(actors, record.risk.tolist(), strict=True)), "moves": moves,
            "delta": record.delta, "min_decision_margin": record.margin, **stats, "forecast": stats[statistic]}


@register
class BDM(Model):
    """Bueno de Mesquita's expected-utility model (BDM 1994, as reconstructed by Scholz, Calbert & Smith 2011).

    `variant` picks a preset of every choice the sources leave open: ``scholz2011_paper`` (the equations as
    printed, least-movement offer choice), ``scholz2011_published`` (Scholz's program; reproduces the published EU
    car-emission figures) or ``masad2014`` (Masad's replication). Every other parameter, when given, overrides
    the preset (None keeps it); see `BDMSettings` and ``docs/models/bdm.md``. Choices made where the papers are
    silent: Δ is the initial range, the median voter is the lowest Condorcet winner among held positions, equal
    security levels give r = 1, ties in least movement go to the larger E^i(U_ji) then the lower actor index, and
    a run stops early when everybody agrees or nobody moves.
    """

    name = "bdm"
    listing_order = 50
    summary = "Bueno de Mesquita's expected-utility bargaining model (Scholz et al. 2011 reconstruction)"
    iterative = True
    param_help = {
        "variant": "preset of every choice below: " + ", ".join(VARIANTS),
        "max_rounds": "round limit (preset: 100 for scholz2011_paper, 10 for the replication variants)",
        "delta": "range Δ distances are divided by: initial_range, current_range or scale (0-100)",
        "probability": "P_i(j): paper (SCS11 equation), code (Scholz's n³ denominator), masad (net votes)",
        "q": "probability the status quo persists without a challenge (1 in every variant)",
        "t": "probability a change without challenge favours the challenger (used only when q < 1)",
        "perspective": "receiver (i perceives both E's) or sender (j offers only if its own E > 0)",
        "capitulation": "whether the capitulation quadrant moves an actor (false in Scholz's program)",
        "selection": "offer adopted: min_move, type_priority (Scholz's program) or max_sender_eu (Masad)",
        "statistic": "forecast statistic: median_voter, mean (c·s weighted) or weighted_median",
        "stop_rule": "mean_shift (|Δmean| ≤ tolerance·Δ), positions (every |Δx| ≤ tolerance·Δ) or fixed",
        "tolerance": "tolerance of the stop rule, as a fraction of Δ (0.001)",
        "zero_tol": "expected utilities within this of zero count as zero, moves within it·Δ tie (0: exact, the "
                    "reference rule)",
    }
    param_choices = {"variant": tuple(VARIANTS), **CHOICES, "capitulation": (True, False)}

    def __init__(self, variant: str = "scholz2011_paper", max_rounds: int | None = None, delta: str | None = None,
                 probability: str | None = None, q: float | None = None, t: float | None = None,
                 perspective: str | None = None, capitulation: bool | None = None, selection: str | None = None,
                 statistic: str | None = None, stop_rule: str | None = None, tolerance: float | None = None,
                 zero_tol: float | None = None) -> None:
        self.variant = variant
        self.max_rounds = max_rounds
        self.delta = delta
        self.probability = probability
        self.q = q
        self.t = t
        self.perspective = perspective
        self.capitulation = capitulation
        self.selection = selection
        self.statistic = statistic
        self.stop_rule = stop_rule
        self.tolerance = tolerance
        self.zero_tol = zero_tol

    def settings(self) -> BDMSettings:
        """Return the variant preset with this instance's non-None parameters applied (validated)."""
        params = self.get_params()
        return resolve_settings(params.pop("variant"), **params)

    def check_params(self) -> None:
        """Raise `RealpolitikError` naming the parameter if any value is not allowed (None keeps the preset)."""
        self.settings()

    def resolved_params(self) -> dict[str, Any]:
        """Return the variant and every setting as resolved (preset, then explicit overrides): what a forecast
        records as ``params``; ``BDM(**resolved)`` reproduces the run."""
        return {"variant": self.variant, **self.settings().to_dict()}

    def run_issue(self, scenario: Scenario, issue: str, rng: np.random.Generator) -> IssueForecast:
        """Forecast one issue: the trajectory of positions on its 0-100 scale, round by round."""
        arrays = scenario.arrays(issue)
        settings = self.settings()
        try:
            path = simulate(arrays.position, arrays.capability, arrays.salience, settings, scale=SCALE)
        except RealpolitikError as exc:
            raise type(exc)(f"issue {issue!r}: {exc}") from None
        return issue_forecast(issue, arrays.actors, arrays.capability, arrays.salience, path, self.variant)

    def explain(self, forecast: IssueForecast, round: int) -> dict[str, Any]:
        """Return `round` as explain data (kind ``bdm-round``): who moved toward whom, and each pair's
        expected-utility quadrant as each actor perceives it (BDM 1994's perspective plot as a table); above
        `FULL_TABLE_ACTORS` actors only the pairs with a positive expected utility or an adopted offer
        (``active_only``). The CLI draws it (`realpolitik.cli.render_explain`)."""
        from realpolitik.models.bdm_perspective import perspective

        large = len(forecast.rounds[0].positions) > FULL_TABLE_ACTORS
        return {"kind": "bdm-round", "issue": forecast.issue, "active_only": large,
                **perspective(forecast, round, active_only=large)}

    def explain_data(self, forecast: IssueForecast, round: int) -> dict[str, Any]:
        """Return round `round` as data: risk exponents, moves and the perspective table of every ordered pair
        at different positions, as columns (see `bdm_perspective.perspective`)."""
        from realpolitik.models.bdm_perspective import explain_data

        return explain_data(forecast, round)


def issue_forecast(issue: str, actors: tuple[str, ...], capability: np.ndarray, salience: np.ndarray,
                   path: Trajectory, variant: str) -> IssueForecast:
    """Return the `IssueForecast` of a trajectory: every round's positions and extras, the outcome and why it
    stopped; the diagnostics carry the inputs and resolved settings so a round can be recomputed."""
    statistic = path.settings.statistic
    stats_at = [{k: float(v[t]) for k, v in path.stats.items()} for t in range(len(path.positions))]
    rounds = [Round(0, dict(zip(actors, path.positions[0].tolist(), strict=True)),
                    {**stats_at[0], "forecast": stats_at[0][statistic]})]
    for t, record in enumerate(path.records, start=1):
        rounds.append(Round(t, dict(zip(actors, path.positions[t].tolist(), strict=True)),
                            round_extra(actors, record, path.positions[t - 1], path.positions[t], stats_at[t],
                                        statistic)))
    stopped = f"{path.stop_reason} at round {path.stop_round}"
    diagnostics = {
        "variant": variant,
        "settings": path.settings.to_dict(),
        "delta": path.delta,
        "stop": {"reason": path.stop_reason, "round": path.stop_round, "why": STOP_TEXT[path.stop_reason]},
        "final": stats_at[-1],
        "capability": dict(zip(actors, capability.tolist(), strict=True)),
        "salience": dict(zip(actors, salience.tolist(), strict=True)),
    }
    return IssueForecast(issue, path.outcome, tuple(rounds), stopped, diagnostics)
