"""Stokman's equal-gain exchange model (the "Decide" vote-trading model): actors give way on issues they care
less about in return for moves on issues they care more about.

Stokman & Van Oosten (1994) in Bueno de Mesquita & Stokman (eds), *European Community Decision Making*; Van Assen,
Stokman & Van Oosten (2003), *Rationality and Society* 15(1) (RKS exchange rate, externalities); Dijkstra, Van
Assen, Stokman & Draaijer (2018) (random exchange rates), with the rules of the open implementation
``decide-exchange-model`` (GPL; read to learn, no code taken). Every ambiguity between them (AMB-1 to AMB-17,
listed in ``docs/models/exchange.md``) is a parameter; ``preset="parity"`` reproduces the open implementation and
``preset="default"`` departs from it where documented in ``docs/models/exchange.md``.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from realpolitik.errors import ModelError
from realpolitik.forecast import Forecast, IssueForecast, Position, Round
from realpolitik.models.base import Model
from realpolitik.models.exchange_links import LINKS, tradable_pairs
from realpolitik.models.exchange_round import Inputs, RoundResult, outcome, run_round
from realpolitik.models.exchange_settings import (
    AT_OUTCOME,
    CAP_ORDER,
    CAP_OUTCOME,
    DEMAND_POSITION,
    PARTNER_EFFECT,
    PRESETS,
    RATES,
    RECOMPUTE,
    REPEAT_MOVES,
    TIES,
    ExchangeSettings,
    resolve,
    settings_fields,
)
from realpolitik.models.registry import register
from realpolitik.scenario.model import Scenario

_BOOL = (True, False, None)


@register
class ExchangeModel(Model):
    """The equal-gain exchange model over the tradable issue pairs of a scenario (see the module docstring)."""

    name = "exchange"
    summary = "Stokman's equal-gain exchange model: vote trading across linked issues (Decide)"
    iterative = True
    listing_order = 70
    multi_issue: ClassVar[bool] = True
    param_help = {
        "preset": "parity (decide-exchange-model 2022.1.28, choice by choice) or default (documented departures); "
                  "every other parameter left unset takes the preset's value",
        "links": "which issue pairs can be traded: auto (the scenario's issue_links groups, else all), all, "
                 "groups (only the scenario's groups) or none",
        "rate": "AMB-2 exchange rate: equal_gain (Stokman & Van Oosten 1994) or rks (Van Assen et al. 2003)",
        "at_outcome": "AMB-4 side of an actor exactly at the expected outcome: left or right",
        "cap_order": "AMB-5 order of the outcome caps: a_then_b or b_then_a",
        "recheck_sides": "AMB-6 drop an exchange whose demander the running outcome has reached by its turn",
        "demand_position": "AMB-7 position a demander wants: round_start (its policy position) or current",
        "repeat_moves": "AMB-8 several moves of one actor on one issue per round: same_direction or once",
        "recompute": "AMB-9 candidates recomputed after an execution: shared (actor-issue), issues (any shared "
                     "issue) or all",
        "ties": "AMB-10 equal gains: input_order or random (drawn from the scenario's seed)",
        "fixed_weight": "AMB-11 Rule U: share of the way to the voting position every moved actor goes",
        "salience_weight": "AMB-11 Rule U: extra share × (1 − salience)",
        "max_rounds": "AMB-12 number of rounds (the most rounds when stop_when_idle)",
        "stop_when_idle": "AMB-12 stop at the first round with no exchange",
        "tolerance": "AMB-12 stop when no issue's expected outcome moved more than this (points) in a round; 0: off",
        "cap_outcome": "AMB-13 outcome the caps and effects use: linked (round start + linked updates) or running",
        "min_gain": "AMB-14 smallest gain of an executed exchange",
        "min_move": "AMB-14 smallest move of an executed exchange",
        "random_rate": "AMB-16 p of the random exchange rate (Dijkstra et al. 2018); 0 = the plain rate",
        "partner_effect": "AMB-17 effect reported for the two partners: gain (their G) or measured (as others)",
    }
    param_choices = {"preset": PRESETS, "links": LINKS, "rate": (*RATES, None), "at_outcome": (*AT_OUTCOME, None),
                     "cap_order": (*CAP_ORDER, None), "recheck_sides": _BOOL,
                     "demand_position": (*DEMAND_POSITION, None), "repeat_moves": (*REPEAT_MOVES, None),
                     "recompute": (*RECOMPUTE, None), "ties": (*TIES, None), "stop_when_idle": _BOOL,
                     "cap_outcome": (*CAP_OUTCOME, None), "partner_effect": (*PARTNER_EFFECT, None)}

    def __init__(self, preset: str = "default", links: str = "auto", rate: str | None = None,
                 at_outcome: str | None = None, cap_order: str | None = None, recheck_sides: bool | None = None,
                 demand_position: str | None = None, repeat_moves: str | None = None, recompute: str | None = None,
                 ties: str | None = None, fixed_weight: float | None = None, salience_weight: float | None = None,
                 max_rounds: int | None = None, stop_when_idle: bool | None = None, tolerance: float | None = None,
                 cap_outcome: str | None = None,
                 min_gain: float | None = None, min_move: float | None = None, random_rate: float | None = None,
                 partner_effect: str | None = None) -> None:
        self.preset = preset
        self.links = links
        self.rate = rate
        self.at_outcome = at_outcome
        self.cap_order = cap_order
        self.recheck_sides = recheck_sides
        self.demand_position = demand_position
        self.repeat_moves = repeat_moves
        self.recompute = recompute
        self.ties = ties
        self.fixed_weight = fixed_weight
        self.salience_weight = salience_weight
        self.max_rounds = max_rounds
        self.stop_when_idle = stop_when_idle
        self.tolerance = tolerance
        self.cap_outcome = cap_outcome
        self.min_gain = min_gain
        self.min_move = min_move
        self.random_rate = random_rate
        self.partner_effect = partner_effect

    def settings(self) -> ExchangeSettings:
        """Return the settings the run uses: the preset's, with every parameter that was set applied."""
        self.check_params()
        settings = resolve(self.preset, {f: getattr(self, f) for f in settings_fields()})
        _check_numbers(settings)
        return settings

    def resolved_params(self) -> dict[str, Any]:
        """Return every parameter as the run uses it (the preset's values filled in)."""
        return {"preset": self.preset, "links": self.links,
                **{f: getattr(self.settings(), f) for f in settings_fields()}}

    def simulate(self, scenario: Scenario, rng: np.random.Generator | None = None
                 ) -> tuple[Inputs, list[RoundResult], str]:
        """Return the model's inputs, every round's result and why it stopped (``idle``, ``converged`` or
        ``max_rounds``)."""
        settings = self.settings()
        rng = rng if rng is not None else np.random.default_rng(scenario.seed)
        inp = scenario_inputs(scenario, self.links)
        x, rounds = inp.x, []
        for _ in range(settings.max_rounds):
            result = run_round(inp, x, settings, rng)
            rounds.append(result)
            x = result.next_start
            if settings.stop_when_idle and not result.exchanges:
                return inp, rounds, "idle"
            moved = np.abs(outcome(result.next_start, inp.w) - outcome(result.start, inp.w))
            if settings.tolerance > 0 and moved.max(initial=0.0) < settings.tolerance:
                return inp, rounds, "converged"
        return inp, rounds, "max_rounds"

    def run(self, scenario: Scenario, rng: np.random.Generator | None = None) -> Forecast:
        """Run the exchange model on all issues of `scenario` jointly; one `IssueForecast` per issue."""
        inp, rounds, stopped = self.simulate(scenario, rng)
        actors = sorted(a.id for a in scenario.actors)
        issues = [i.id for i in scenario.issues]
        w = inp.w
        records = [[exchange_data(e, actors, issues, t) for e in r.exchanges] for t, r in enumerate(rounds, 1)]
        forecasts = []
        for d, issue in enumerate(issues):
            here = [k for k in range(len(actors)) if inp.present[k, d]]
            def on(values: np.ndarray, d: int = d, here: list[int] = here) -> dict[str, Position]:
                return {actors[k]: float(values[k, d]) for k in here}
            trajectory = [Round(0, on(inp.x), {"outcome": float(outcome(inp.x, w)[d])})]
            for t, result in enumerate(rounds, 1):
                trajectory.append(Round(t, on(result.next_start), {
                    "voting_positions": on(result.voting),
                    "voting_outcome": float(outcome(result.voting, w)[d]),
                    "start_outcome": float(outcome(result.start, w)[d]),
                    "next_outcome": float(outcome(result.next_start, w)[d]),
                    "exchanges": [e for e in records[t - 1] if issue in e["issues"]],
                }))
            final = float(outcome(rounds[-1].voting, w)[d]) if rounds else float(outcome(inp.x, w)[d])
            partners = sorted({i for r in records for e in r for i in e["issues"] if issue in e["issues"]} - {issue})
            diagnostics = {"exchanges": sum(len(r) for r in records), "traded_with": partners,
                           "candidates": [r.candidates for r in rounds], "dropped": [r.dropped for r in rounds]}
            forecasts.append(IssueForecast(issue, final, tuple(trajectory), stopped, diagnostics))
        return Forecast(self.name, self.resolved_params(), scenario.id, scenario.version, tuple(forecasts))

    def run_issue(self, scenario: Scenario, issue: str, rng: np.random.Generator) -> IssueForecast:
        """Return the forecast on one issue (the model always runs all issues jointly)."""
        return self.run(scenario, rng).for_issue(issue)

    def explainable_rounds(self, forecast: IssueForecast) -> range:
        """Return rounds 1 to the last: each has its executed exchanges as `explain_data`."""
        return range(1, len(forecast.rounds))

    def explain_data(self, forecast: IssueForecast | Forecast, round: int) -> dict[str, Any] | None:
        """Return the exchanges executed in `round` as data: on an issue forecast those that involve the issue, on
        a whole `Forecast` all of them (each once). ``None`` for a round the forecast does not have."""
        issues = forecast.issues if isinstance(forecast, Forecast) else (forecast,)
        if not issues or not 1 <= round < len(issues[0].rounds):
            return None
        seen: dict[int, dict[str, Any]] = {}
        for item in issues:
            for e in item.rounds[round].extra.get("exchanges", []):
                seen.setdefault(e["number"], e)
        return {"round": round, "exchanges": [seen[k] for k in sorted(seen)]}


def scenario_inputs(scenario: Scenario, links: str = "auto") -> Inputs:
    """Return the model's arrays for `scenario`: each actor's capability copied to every issue it has a stance on
    (capability enters only through ratios; docs/models/exchange.md, Inputs) and the tradable issue pairs under
    `links`. Actors are in the order of their ids, so that the order of a scenario's actors cannot change a result
    (exact ties in gain, sums)."""
    ordered = sorted(scenario.actors, key=lambda a: a.id)
    actors = {a.id: k for k, a in enumerate(ordered)}
    issues = {i.id: d for d, i in enumerate(scenario.issues)}
    n, m = len(actors), len(issues)
    x, s = np.zeros((n, m)), np.zeros((n, m))
    present = np.zeros((n, m), dtype=bool)
    for st in scenario.stances:
        k, d = actors[st.actor], issues[st.issue]
        x[k, d], s[k, d], present[k, d] = st.position, st.salience, True
    c = np.repeat(np.array([a.capability for a in ordered], dtype=float)[:, None], m, axis=1)
    for issue, d in issues.items():  # as the compromise model: no weight, no expected outcome (never a silent 0)
        if not (c[:, d] * s[:, d] * present[:, d]).sum() > 0:
            raise ModelError(f"model 'exchange' on issue {issue!r}: every actor's capability × salience weight is "
                             "zero, so no outcome is defined. Fix: give at least one actor positive capability and "
                             "salience on this issue")
    return Inputs(x, s, c, present, tradable_pairs(scenario, links))


def exchange_data(e: dict[str, Any], actors: list[str], issues: list[str], round: int) -> dict[str, Any]:
    """Return an executed exchange as JSON-ready data with actor and issue ids."""
    a, b, p, q = actors[e["a"]], actors[e["b"]], issues[e["p"]], issues[e["q"]]
    third = {actors[k]: float(v) for k, v in enumerate(e["effects"])
             if k not in (e["a"], e["b"]) and e["on_any"][k]}
    return {
        "round": round, "number": e["number"], "issues": [p, q],
        "a": {"actor": a, "demands": p, "supplies": q, "from": e["a_from"], "to": e["a_to"], "gain": e["gain_a"],
              "effect": float(e["effects"][e["a"]])},
        "b": {"actor": b, "demands": q, "supplies": p, "from": e["b_from"], "to": e["b_to"], "gain": e["gain_b"],
              "effect": float(e["effects"][e["b"]])},
        "outcome": {p: e["outcome_p"], q: e["outcome_q"]},
        "third_parties": third,
    }


def _check_numbers(s: ExchangeSettings) -> None:
    problems = []
    if not (isinstance(s.max_rounds, int) and s.max_rounds >= 1):
        problems.append(f"max_rounds={s.max_rounds!r} is not a whole number ≥ 1. Fix: pass max_rounds=10")
    if not 0.0 <= s.random_rate <= 1.0:
        problems.append(f"random_rate={s.random_rate!r} is outside [0, 1]. Fix: pass a value from 0 to 1")
    for name in ("fixed_weight", "salience_weight", "min_gain", "min_move", "tolerance"):
        if not (isinstance(getattr(s, name), int | float) and getattr(s, name) >= 0):
            problems.append(f"{name}={getattr(s, name)!r} is not a number ≥ 0. Fix: pass a non-negative number")
    if s.fixed_weight + s.salience_weight > 1:
        problems.append(f"fixed_weight + salience_weight = {s.fixed_weight + s.salience_weight} exceeds 1 (actors "
                        "would overshoot their voting positions). Fix: keep the sum at most 1")
    if problems:
        raise ModelError("model 'exchange': " + "; ".join(problems))
