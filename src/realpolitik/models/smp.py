"""KTAB's Spatial Model of Politics (SMP): multi-dimensional bargaining with inferred risk attitudes, third
parties joining challenges and bargains settled by probabilistic Condorcet elections.

Follows KTAB, the KAPSARC Toolkit for Behavioral Analysis (B. Wise et al., KAPSARC 2015-2019, MIT licence;
github.com/KAPSARC/KTAB, commit c57b72a), and reproduces its command-line runner `smpc` exactly in
deterministic mode: positions and ideals per turn on KTAB's 0.01 grid, position probabilities to KTAB's four
logged decimals, the same number of turns and the same stopping statistic (tested on KTAB's own runs).

Choices where KTAB is silent or where we differ, all documented in ``docs/models/smp.md``:
- The scenario's issues are the dimensions of one joint space; KTAB needs every actor on every dimension with
  saliences summing to ≤ 1. `joint_space="strict"` enforces that with a `ModelError` naming the actor and the
  fix; the default ``"adapt"`` (so that SMP runs beside the other models on any scenario) fills a missing
  stance with salience 0 at the issue's status quo (else the c·s-weighted mean position) and divides salience
  sums above 1 by the sum, and leaves out actors with zero salience on every issue (their distances are
  undefined; an error under ``"strict"``), listing all three in the forecast's diagnostics. Positions are divided
  by 100.
- `ktab_compat=True` (default) reproduces every KTAB quirk; `False` corrects the ones that are bugs (receiver's
  bargain built from a gain instead of a probability, compromise weighted by the initiator's capability twice,
  reported probability of the last instead of the assigned class) and the two modelling short-cuts (risk
  inference counting duplicate positions separately, the victory model ignored in challenges).
- Stochastic state transitions draw from the `numpy.random.Generator` passed to `run` (seeded from the
  scenario's seed), so a run is reproducible; KTAB's is not (its threads share one generator).
- The forecast outcome on each issue is the expected final position: Σ over unique final positions of their
  probability × coordinate (KTAB reports the probabilities but names no single outcome).
- When every position is equally probable, risk attitudes are undefined in KTAB; we make every actor
  risk-neutral (R = 0). Zero capability is allowed (the actor's votes are zero; KTAB throws).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from realpolitik.errors import ModelError
from realpolitik.forecast import Forecast, IssueForecast, Round
from realpolitik.models.base import Model
from realpolitik.models.registry import register
from realpolitik.models.smp_challenge import BIG_R_ADJUSTS, BIG_R_RANGES, INTER_VEC_BRGNS, THIRD_PARTY_COMMITS
from realpolitik.models.smp_dynamics import (
    BARGN_MODELS,
    SAME_POSITION,
    STATE_TRANSITIONS,
    SmpSettings,
    SmpTrace,
    simulate,
)
from realpolitik.models.smp_explain import explain_step
from realpolitik.models.smp_voting import PCE_MODELS, VICTORY_PROB_MODELS, VOTING_RULES, scalar_pce, utility
from realpolitik.scenario.model import Scenario

SALIENCE_TOL = 1e-9


JOINT_SPACE = ("adapt", "strict")


def joint_arrays(scenario: Scenario, joint_space: str = "strict"
                 ) -> tuple[tuple[str, ...], np.ndarray, np.ndarray, np.ndarray, np.ndarray, dict[str, Any]]:
    """Return (actor ids, capability (N,), positions (N, D) on [0, 1], saliences (N, D) on [0, 1],
    accommodation matrix (N, N), adaptations) with the scenario's issues as the D dimensions.

    ``"strict"`` (KTAB's contract) raises `ModelError` when an actor lacks a stance on an issue or its saliences
    sum to more than 1. ``"adapt"`` fills a missing stance with salience 0 at the issue's status quo (else the
    capability × salience weighted mean of the stated positions) and divides saliences summing to more than 1 by
    their sum; `adaptations` lists what was changed. An actor with zero salience on every issue has no defined
    distances: an error under ``"strict"``; under ``"adapt"`` it is left out (it neither moves nor votes, as if
    absent from the scenario; its accommodation entries go with it) and listed under ``left_out``.
    """
    actors = tuple(a.id for a in scenario.actors)
    index = {a: k for k, a in enumerate(actors)}
    issues = [i.id for i in scenario.issues]
    n, d = len(actors), len(issues)
    capability = np.array([a.capability for a in scenario.actors], dtype=float)
    position = np.full((n, d), np.nan)
    salience = np.zeros((n, d))
    for st in scenario.stances:
        position[index[st.actor], issues.index(st.issue)] = st.position / 100.0
        salience[index[st.actor], issues.index(st.issue)] = st.salience
    accommodation = np.eye(n)
    for entry in scenario.ideal_adjustment:
        accommodation[index[entry.actor], index[entry.toward]] = entry.weight
    adaptations: dict[str, Any] = {}
    silent = salience.sum(axis=1) <= 0.0
    if silent.any() and joint_space == "strict":
        a = int(np.argmax(silent))
        raise ModelError(f"model 'smp' on scenario {scenario.id!r}: actor {actors[a]!r} has zero salience on "
                         "every issue, so its distances are undefined. Fix: give it a positive salience on "
                         "at least one issue, remove it, or run with joint_space=adapt (which leaves it out)")
    if silent.all():
        raise ModelError(f"model 'smp' on scenario {scenario.id!r}: every actor has zero salience on every issue, "
                         "so no distance is defined. Fix: give the actors positive saliences")
    if silent.any():
        adaptations["left_out"] = {actors[a]: "zero salience on every issue" for a in np.nonzero(silent)[0]}
        keep = ~silent
        actors = tuple(a for a, k in zip(actors, keep, strict=True) if k)
        capability, position, salience = capability[keep], position[keep], salience[keep]
        accommodation = accommodation[np.ix_(keep, keep)]
    missing = np.argwhere(np.isnan(position))
    if missing.size and joint_space == "strict":
        a, k = missing[0]
        raise ModelError(f"model 'smp' on scenario {scenario.id!r}: actor {actors[a]!r} has no stance on issue "
                         f"{issues[k]!r}, and SMP places every actor in the joint space of all issues. Fix: add "
                         "that stance (salience 0 if the actor does not care), or run with joint_space=adapt")
    given = ~np.isnan(position)
    for a, k in missing:
        stated = given[:, k]
        sq = scenario.issues[k].status_quo
        weights = capability[stated] * salience[stated, k]
        if sq is not None or not stated.any():  # nobody left with a stance here: the status quo, else mid-scale
            fill = sq / 100.0 if sq is not None else 0.5
        else:
            fill = float(np.average(position[stated, k], weights=weights if weights.sum() > 0 else None))
        position[a, k] = fill
        adaptations.setdefault("filled_stances", []).append(
            {"actor": actors[a], "issue": issues[k], "position": 100.0 * fill, "salience": 0.0})
    sums = salience.sum(axis=1)
    over = np.nonzero(sums > 1.0 + SALIENCE_TOL)[0]
    if over.size and joint_space == "strict":
        a = over[0]
        raise ModelError(f"model 'smp' on scenario {scenario.id!r}: actor {actors[a]!r} has saliences summing to "
                         f"{sums[a]:.3f} across the issues; SMP needs a sum of at most 1 (salience is shared "
                         "attention across the dimensions). Fix: divide that actor's saliences by their sum, or "
                         "run with joint_space=adapt")
    if over.size:
        salience[over] /= sums[over, None]
        adaptations["rescaled_saliences"] = {actors[a]: float(sums[a]) for a in over}
    return actors, capability, position, salience, accommodation, adaptations


def class_probabilities(positions: np.ndarray, ideals: np.ndarray, salience: np.ndarray, capability: np.ndarray,
                        risk: np.ndarray, settings: SmpSettings) -> tuple[np.ndarray, np.ndarray]:
    """Return (representatives, probabilities) of the unique positions of a state (each actor's own utilities)."""
    from realpolitik.models.smp_challenge import distances, unique_classes

    reps, _, _ = unique_classes(positions, SAME_POSITION)
    own = utility(distances(ideals, positions[reps], salience), risk[:, None])
    p = scalar_pce(settings.voting_rule, settings.victory_prob_model, settings.pce_model, capability, own)
    return reps, p


@register
class SpatialModelOfPolitics(Model):
    """KTAB's Spatial Model of Politics over all issues of a scenario jointly (see the module docstring)."""

    name = "smp"
    listing_order = 60
    summary = "KTAB Spatial Model of Politics: multi-dimensional bargaining (KAPSARC KTAB, exact parity)"
    iterative = True
    param_help = {
        "victory_prob_model": "P[a beats b] from coalition strengths: Linear, Square, Quartic, Octic or Binary",
        "pce_model": "probabilistic Condorcet election: Conditional, MarkovIncentive or MarkovUniform",
        "state_transitions": "Deterministic (most probable bargain wins) or Stochastic (drawn from the seed)",
        "voting_rule": "vote as a function of utility difference: Binary, PropBin, Prop, PropCbc, Cubic, ASymProsp",
        "big_r_adjust": "risk attitude h attributes to i: None, OneThird, Half, TwoThirds, Full (of R_i)",
        "big_r_range": "range of inferred risk attitudes: Min [0,1], Mid [-1/2,1], Max [-1,1]",
        "third_party_commit": "third parties' commitment: NoCommit, SemiCommit, FullCommit",
        "inter_vec_brgn": "bargain interpolation: S1P1, S2P2 (rounded to 0.01) or S2PMax",
        "bargn_model": "bargains formed: InitOnlyInterp, InitRcvrInterp or PWCompInterp",
        "ktab_compat": "reproduce KTAB's quirks and bugs exactly (true) or use the corrected behaviour (false)",
        "max_rounds": "maximum number of turns (KTAB: 100)",
        "joint_space": "adapt (fill missing stances, rescale salience sums > 1, leave out actors with no salience; "
                       "recorded in diagnostics) or strict (KTAB's contract: refuse such scenarios)",
    }
    param_choices = {
        "victory_prob_model": VICTORY_PROB_MODELS,
        "pce_model": PCE_MODELS,
        "state_transitions": STATE_TRANSITIONS,
        "voting_rule": VOTING_RULES,
        "big_r_adjust": BIG_R_ADJUSTS,
        "big_r_range": BIG_R_RANGES,
        "third_party_commit": THIRD_PARTY_COMMITS,
        "inter_vec_brgn": INTER_VEC_BRGNS,
        "bargn_model": BARGN_MODELS,
        "ktab_compat": (True, False),
        "joint_space": JOINT_SPACE,
    }

    def __init__(self, victory_prob_model: str = "Linear", pce_model: str = "Conditional",
                 state_transitions: str = "Deterministic", voting_rule: str = "Prop", big_r_adjust: str = "OneThird",
                 big_r_range: str = "Mid", third_party_commit: str = "SemiCommit", inter_vec_brgn: str = "S2P2",
                 bargn_model: str = "InitOnlyInterp", ktab_compat: bool = True, max_rounds: int = 100,
                 joint_space: str = "adapt") -> None:
        self.victory_prob_model = victory_prob_model
        self.pce_model = pce_model
        self.state_transitions = state_transitions
        self.voting_rule = voting_rule
        self.big_r_adjust = big_r_adjust
        self.big_r_range = big_r_range
        self.third_party_commit = third_party_commit
        self.inter_vec_brgn = inter_vec_brgn
        self.bargn_model = bargn_model
        self.ktab_compat = ktab_compat
        self.max_rounds = max_rounds
        self.joint_space = joint_space

    def settings(self) -> SmpSettings:
        """Return the parameters as the engine's `SmpSettings`."""
        self.check_params()
        if not (isinstance(self.max_rounds, int) and self.max_rounds >= 1):
            raise ModelError(f"model 'smp': max_rounds={self.max_rounds!r} is not a positive whole number. "
                             "Fix: pass --rounds N with N ≥ 1")
        params = self.get_params()
        params.pop("joint_space")
        return SmpSettings(**params)

    def simulate(self, scenario: Scenario, rng: np.random.Generator | None = None) -> tuple[tuple[str, ...], SmpTrace]:
        """Return the actor ids and the full `SmpTrace` (every state and step) of a run on `scenario`."""
        actors, trace, _, _, _ = self._simulate(scenario, rng)
        return actors, trace

    def _simulate(self, scenario: Scenario, rng: np.random.Generator | None):
        settings = self.settings()
        rng = rng if rng is not None else np.random.default_rng(scenario.seed)
        actors, capability, position, salience, accommodation, adapted = joint_arrays(scenario, self.joint_space)
        trace = simulate(position, salience, capability, accommodation, settings, rng)
        return actors, trace, capability, salience, adapted

    def run(self, scenario: Scenario, rng: np.random.Generator | None = None) -> Forecast:
        """Run SMP on all issues jointly; return one `IssueForecast` per issue (joint detail on the first)."""
        actors, trace, capability, salience, adapted = self._simulate(scenario, rng)
        settings = self.settings()
        final = trace.states[-1]
        reps, p = class_probabilities(final.positions, final.ideals, salience, capability, final.risk, settings)
        outcome = 100.0 * (p @ final.positions[reps])
        issues = [i.id for i in scenario.issues]
        forecasts = []
        for k, issue in enumerate(issues):
            rounds = []
            for t, state in enumerate(trace.states):
                per_issue = {"ideals": dict(zip(actors, (100.0 * state.ideals[:, k]).tolist(), strict=True))}
                joint = _joint_round(actors, trace, t) if k == 0 else {"joint": issues[0]}
                positions = dict(zip(actors, (100.0 * state.positions[:, k]).tolist(), strict=True))
                rounds.append(Round(t, positions, {**per_issue, **joint}))
            diagnostics: dict[str, Any] = {"turns": len(trace.steps), "dimensions": issues}
            if k == 0:
                diagnostics.update(adapted)
                diagnostics["stop_statistic"] = [s.change for s in trace.steps]
                diagnostics["final_positions"] = [{"probability": float(pr),
                                                   "position": (100.0 * final.positions[r]).tolist(),
                                                   "actor": actors[r]} for r, pr in zip(reps, p, strict=True)]
            forecasts.append(IssueForecast(issue, float(outcome[k]), tuple(rounds), trace.stopped, diagnostics))
        return Forecast(self.name, self.get_params(), scenario.id, scenario.version, tuple(forecasts))

    def run_issue(self, scenario: Scenario, issue: str, rng: np.random.Generator) -> IssueForecast:
        """Return the forecast on one issue (SMP always runs all issues jointly)."""
        return self.run(scenario, rng).for_issue(issue)

    def explain(self, forecast: IssueForecast, round: int) -> Any:
        """Return step `round` as explain data (kind ``smp-turn``): who challenged whom, why, the bargains and which
        won; the CLI draws it."""
        return explain_step(forecast, round)


def _joint_round(actors: tuple[str, ...], trace: SmpTrace, t: int) -> dict[str, Any]:
    """Return the joint per-round fields of round t (see docs/models/smp.md for the schema)."""
    state = trace.states[t]
    out: dict[str, Any] = {
        "probability": dict(zip(actors, state.probability.tolist(), strict=True)),
        "risk": dict(zip(actors, state.risk.tolist(), strict=True)),
    }
    if t == 0:
        return out
    step = trace.steps[t - 1]
    b = step.bargains
    out["stop_statistic"] = step.change
    out["challenges"] = {
        actors[i]: ({"target": actors[step.target[i]], "gain": float(step.gain[i]),
                     "win_probability": float(step.win_probability[i])} if step.target[i] >= 0 else None)
        for i in range(len(actors))
    }
    out["bargains"] = [
        {"id": m, "initiator": actors[b.initiator[m]], "receiver": actors[b.receiver[m]],
         "perspective": b.perspective[m],
         "initiator_position": (100.0 * b.initiator_position[m]).tolist(),
         "receiver_position": (100.0 * b.receiver_position[m]).tolist()}
        for m in range(b.initiator.size)
    ]
    out["queues"] = {
        actors[k]: {"options": [None if o < 0 else int(o) for o in q.options],
                    "probabilities": q.probability.tolist(),
                    "winner": None if q.winner < 0 else q.winner}
        for k, q in enumerate(step.queues)
    }
    return out
