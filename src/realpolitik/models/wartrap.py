"""The War Trap / War and Reason expected-utility model on a scenario's actors (`realpolitik forecast --model
wartrap`).

Follows Bueno de Mesquita, *The War Trap* (1981) and *War and Reason* (with Lalman, 1992) as EUGene computes them
(Bennett & Stam 2000; docs/expected-utility.md). For every directed pair of actors it reports the War Trap EU of
A challenging B, the War and Reason probability of success and utilities, and the predicted outcome of the
International Interaction Game (who would demand, whether the target would resist, whether it ends in war).

Choices where the papers are silent or a scenario differs from a state system:
- The scenario is one region: every actor is a potential third party to every pair.
- Alliance portfolios come from the scenario's relations: ``defence_pact`` -> defence pact (1), ``alliance`` ->
  entente (3), anything else no alliance (4); ties are symmetric whatever the relation's direction.
- Capabilities are the actors' capabilities rescaled to shares summing to 1.
- Distances are great-circle miles between the actors' ``capital`` locations, discounted with the miles per day of
  the scenario's ``as_of`` year (500 after 1945 when no date). With ``discount="auto"`` the discount applies only
  when every actor has a capital; otherwise none does (the diagnostics say which).
- Risk attitudes are searched over every actor's hypothetical portfolios (`realpolitik.measures.risk`).
- The issue outcome (the papers predict dyadic behaviour, not positions): each directed pair's predicted outcome
  implies a position on the issue — SQ the status quo (or the pair's midpoint when the issue has none), A's
  position when B acquiesces or capitulates, B's when A does, P_A x_A + (1 - P_A) x_B for negotiation or war —
  and the outcome is the mean of those positions weighted by the pair's combined capability x salience.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from realpolitik.errors import ModelError
from realpolitik.forecast import IssueForecast, Round
from realpolitik.measures.gradient import distance_matrix
from realpolitik.measures.iig import OUTCOMES
from realpolitik.measures.regions import EUROPE
from realpolitik.measures.similarity import ENTENTE, alliance_codes
from realpolitik.measures.system import System, dyad_measures, risk_table, war_and_reason
from realpolitik.models.base import Model
from realpolitik.models.central import weighted_mean
from realpolitik.models.registry import register
from realpolitik.scenario.model import RelationKind, Scenario

CLASSES = {RelationKind.DEFENCE_PACT: 1, RelationKind.ALLIANCE: ENTENTE}
OUTCOME_LABELS = {"sq": "status quo", "nego": "negotiation", "acqa": "A acquiesces", "acqb": "B acquiesces",
                  "capa": "A capitulates", "capb": "B capitulates", "wara": "war (A strikes)",
                  "warb": "war (B strikes)"}


def scenario_system(scenario: Scenario, discount: str = "auto") -> tuple[System, str]:
    """Return the scenario's actors as a one-region `System` and a note on the distance discount used."""
    ids = tuple(a.id for a in scenario.actors)
    index = {a: k for k, a in enumerate(ids)}
    capability = np.array([a.capability for a in scenario.actors], dtype=float)
    if not capability.sum() > 0:
        raise ModelError("model 'wartrap' needs some capability: every actor's capability is 0. "
                         "Fix: give the actors capabilities")
    pairs = [(index[r.source_actor], index[r.target]) for r in scenario.relations if r.kind in CLASSES]
    classes = [CLASSES[r.kind] for r in scenario.relations if r.kind in CLASSES]
    codes = alliance_codes(len(ids), np.array(pairs).reshape(-1, 2), np.array(classes))
    located = [a.capital for a in scenario.actors if a.capital is not None]
    missing = [a.id for a in scenario.actors if a.capital is None]
    if discount == "none" or (discount == "auto" and missing):
        miles, note = None, ("no distance discount" if discount == "none" else
                             f"no distance discount: no capital for {', '.join(missing)}")
    elif missing:
        raise ModelError(f"model 'wartrap' with discount='capitals' needs a capital for every actor; missing for "
                         f"{', '.join(missing)}. Fix: add capital = {{lat = ..., lon = ...}} to those actors, "
                         "or use discount='auto'")
    else:
        miles = distance_matrix(np.array([c.lat for c in located]), np.array([c.lon for c in located]))
        note = "loss-of-strength gradient over capital-to-capital distances"
    year = scenario.as_of.year if scenario.as_of else 2000
    home = np.full(len(ids), EUROPE, dtype=np.int8)
    involved = np.zeros((len(ids), 5), dtype=bool)
    involved[:, EUROPE - 1] = True
    return System(ids, capability / capability.sum(), codes, miles, year, home, involved), note


@register
class WarTrap(Model):
    """War Trap EU and War and Reason equilibrium for every directed pair of actors (see module docstring)."""

    name = "wartrap"
    listing_order = 40
    summary = "War Trap / War and Reason expected utility per directed pair (Bueno de Mesquita; EUGene)"
    param_help = {
        "measure": "alliance similarity: tau (Kendall tau-b), s_un (S), s_wt (capability-weighted S)",
        "discount": "distance discount: auto (if every actor has a capital), capitals (required), none",
        "convention": "outcome utilities: eugene (EUGene v3 output) or paper (the published text)",
        "rule": "equilibrium: eugene (with its coding of indeterminate WarA/SQ cases) or backward_induction",
        "restarts": "random restarts of the risk-attitude search per actor",
    }
    param_choices = {"measure": ("tau", "s_un", "s_wt"), "discount": ("auto", "capitals", "none"),
                     "convention": ("eugene", "paper"), "rule": ("eugene", "backward_induction")}

    def __init__(self, measure: str = "tau", discount: str = "auto", convention: str = "eugene",
                 rule: str = "eugene", restarts: int = 8) -> None:
        self.measure = measure
        self.discount = discount
        self.convention = convention
        self.rule = rule
        self.restarts = restarts

    def run(self, scenario: Scenario, rng: np.random.Generator | None = None):
        """Compute the dyad table once and derive every issue's forecast from it."""
        rng = rng if rng is not None else np.random.default_rng(scenario.seed)
        self._table = self.dyad_table(scenario, rng)
        try:
            return super().run(scenario, rng)
        finally:
            del self._table

    def dyad_table(self, scenario: Scenario, rng: np.random.Generator) -> dict[str, Any]:
        """Return the directed-pair table (lists aligned by row) and per-actor risk, as JSON-ready values."""
        system, note = scenario_system(scenario, self.discount)
        dyads = dyad_measures(system, (self.measure,), self.measure)
        utility = dyads[f"{self.measure}_reg"]
        risk = risk_table(system, self.measure, rng, self.restarts, regions=(EUROPE,))
        wr = war_and_reason(system, utility, risk, self.convention, self.rule)
        n = len(system.ids)
        a, b = np.nonzero(~np.eye(n, dtype=bool))
        eq = wr["equilibrium"][a, b]
        return {
            "discount": note,
            "risk": {i: float(r) for i, r in zip(system.ids, risk[:, EUROPE - 1], strict=True)},
            "pairs": [
                {"a": system.ids[i], "b": system.ids[j], "similarity": float(utility[i, j]),
                 "eu_wartrap": float(dyads["eu_wartrap"][i, j]), "p_a": float(wr["p1win"][i, j]),
                 "p_b": float(wr["p2win"][i, j]), "outcome": OUTCOMES[e] if e >= 0 else None}
                for i, j, e in zip(a.tolist(), b.tolist(), eq.tolist(), strict=True)
            ],
        }

    def run_issue(self, scenario: Scenario, issue: str, rng: np.random.Generator) -> IssueForecast:
        """Return the issue-level implication of the directed-pair predictions (module docstring)."""
        table = getattr(self, "_table", None) or self.dyad_table(scenario, rng)
        arrays = scenario.arrays(issue)
        pos = dict(zip(arrays.actors, arrays.position.tolist(), strict=True))
        sal = dict(zip(arrays.actors, arrays.salience.tolist(), strict=True))
        cap = dict(zip(arrays.actors, arrays.capability.tolist(), strict=True))
        points, weights = [], []
        for row in table["pairs"]:
            a, b = row["a"], row["b"]
            if a not in pos or b not in pos or row["outcome"] is None:
                continue
            points.append(implied_position(row["outcome"], pos[a], pos[b], row["p_a"], arrays.status_quo))
            weights.append((cap[a] + cap[b]) * (sal[a] + sal[b]))
        if not weights or not np.sum(weights) > 0:
            raise ModelError(f"model 'wartrap': no pair of actors with capability and salience on issue {issue!r}. "
                             "Fix: give at least two actors a stance with positive salience")
        outcome = weighted_mean(np.asarray(points, float), np.asarray(weights, float))
        pairs = [r for r in table["pairs"] if r["a"] in pos and r["b"] in pos]
        return IssueForecast(issue, outcome, (Round(0, pos),),
                             diagnostics={"discount": table["discount"], "risk": table["risk"], "pairs": pairs})

    def explain(self, forecast: IssueForecast, round: int) -> dict[str, Any]:
        """Return every directed pair as data (kind ``wartrap-dyads``): expected utility, probabilities and the
        predicted outcome, highest expected utility first; the CLI draws it as a table."""
        return explain_dyads(forecast)


def implied_position(outcome: str, x_a: float, x_b: float, p_a: float, status_quo: float | None) -> float:
    """Return the issue position (0-100) that a predicted IIG outcome implies for the pair."""
    if outcome == "sq":
        return status_quo if status_quo is not None else (x_a + x_b) / 2
    if outcome in ("acqb", "capb"):
        return x_a
    if outcome in ("acqa", "capa"):
        return x_b
    p = min(max(p_a, 0.0), 1.0)
    return p * x_a + (1 - p) * x_b


def explain_dyads(forecast: IssueForecast) -> dict[str, Any]:
    """Return the forecast's directed pairs sorted by War Trap EU (highest first), each with its predicted outcome
    in words (``predicted``), as explain data of kind ``wartrap-dyads``."""
    rows = sorted(forecast.diagnostics.get("pairs", []), key=lambda r: -np.nan_to_num(r["eu_wartrap"], nan=-9))
    pairs = [{**r, "predicted": OUTCOME_LABELS.get(r["outcome"], "missing")} for r in rows]
    return {"kind": "wartrap-dyads", "issue": forecast.issue, "discount": forecast.diagnostics.get("discount", ""),
            "pairs": pairs}
