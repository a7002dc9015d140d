"""Every expected-utility measure for one system: the states of a year, or the actors of a scenario.

`System` holds the aligned inputs; `dyad_measures` returns alliance similarity and the War Trap EU for every
directed pair; `risk_table` the risk scores of every state in every region; `war_and_reason` the War and Reason
utilities, probabilities, outcome utilities and predicted equilibrium. All outputs are (n, n) arrays with the
challenger A in rows and the target B in columns (risk: (n, 5), state by region).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from realpolitik.measures import iig
from realpolitik.measures.regions import N_REGIONS, relevant_region
from realpolitik.measures.risk import RegionTables, risk_attitude, transform_risk
from realpolitik.measures.similarity import contingency, s_score, tau_b
from realpolitik.measures.war_and_reason import demand_utilities, outcome_utilities, probability_of_success
from realpolitik.measures.wartrap import projected_capability, third_parties, war_trap_eu

MEASURES = {"tau": "tau", "s_un": "s", "s_wt": "s_weighted"}


@dataclass(frozen=True)
class System:
    """Aligned inputs for n states: `capability` shares (NaN missing), alliance `codes` (n, n) classes 1-4,
    `miles` (n, n) distances or None for no distance discount, `year` (for miles per day), `home` regions (n)
    and `involved` (n, 5) region involvement."""

    ids: tuple
    capability: np.ndarray
    codes: np.ndarray
    miles: np.ndarray | None
    year: int | None
    home: np.ndarray
    involved: np.ndarray

    @property
    def relevant(self) -> np.ndarray:
        """Return the (n, n) relevant region of each directed pair."""
        return relevant_region(self.home, self.involved)

    @property
    def projected(self) -> np.ndarray:
        """Return C'_ij, each state's capability projected to each other state's capital."""
        return projected_capability(self.capability, self.miles, self.year)


def _scores(codes, partners, capability, measures) -> dict[str, np.ndarray]:
    """Return each measure's (n, n) similarity over one partner set, building each contingency table once."""
    out = {}
    if "tau" in measures or "s_un" in measures:
        table = contingency(codes, partners)
        if "tau" in measures:
            out["tau"] = tau_b(table)
        if "s_un" in measures:
            out["s_un"] = s_score(table)
    if "s_wt" in measures:
        out["s_wt"] = s_score(contingency(codes, partners, weights=capability))
    return out


def similarities(system: System, measures: tuple[str, ...] = ("tau", "s_un", "s_wt")) -> dict[str, np.ndarray]:
    """Return global (``<m>_glo``) and relevant-region (``<m>_reg``) similarity for each measure m in
    ``tau`` (Kendall tau-b), ``s_un`` (unweighted S) and ``s_wt`` (capability-weighted S)."""
    n = len(system.ids)
    unknown = set(measures) - set(MEASURES)
    if unknown:
        raise ValueError(f"unknown similarity measures {sorted(unknown)}; use {sorted(MEASURES)}")
    out = {f"{m}_glo": v for m, v in _scores(system.codes, np.ones(n, dtype=bool), system.capability,
                                                measures).items()}
    relevant = system.relevant
    for m in measures:
        out[f"{m}_reg"] = np.full((n, n), np.nan)
    for region in np.unique(relevant):
        pick = relevant == region
        scores = _scores(system.codes, system.involved[:, region - 1], system.capability, measures)
        for m, values in scores.items():
            out[f"{m}_reg"][pick] = values[pick]
    return out


def dyad_measures(system: System, measures: tuple[str, ...] = ("tau", "s_un", "s_wt"),
                  eu_measure: str = "tau") -> dict[str, np.ndarray]:
    """Return similarities (see `similarities`), ``rlregion`` and ``eu_wartrap`` (on `eu_measure`'s regional
    similarity) for every directed pair."""
    out = similarities(system, tuple(dict.fromkeys((*measures, eu_measure))))
    relevant = system.relevant
    present = np.isfinite(system.capability)
    out["rlregion"] = relevant
    out["eu_wartrap"] = war_trap_eu(system.projected, out[f"{eu_measure}_reg"],
                                    third_parties(system.involved, relevant, present))
    return out


def risk_table(system: System, measure: str = "tau", rng: np.random.Generator | None = None,
               restarts: int = 8, regions: tuple[int, ...] | None = None, needed: np.ndarray | None = None,
               seed: int | None = None) -> np.ndarray:
    """Return the (n, 5) untransformed risk score R of each state in each region (NaN where not computed).

    For region g the system is the states involved in g plus the state itself (see `realpolitik.measures.risk`).
    `regions` limits the work to those regions (default: every region some pair has as relevant region);
    `needed` ((n, 5) bool) limits it further to the marked (state, region) cells. With `seed` each search draws
    from its own stream ``SeedSequence(seed, spawn_key=(year, id, region))`` (ids must be integers), so a cell's
    value does not depend on which other cells are computed; otherwise every search draws in turn from `rng`.
    """
    n = len(system.ids)
    rng = rng if rng is not None else np.random.default_rng(0)
    out = np.full((n, N_REGIONS), np.nan)
    wanted = regions if regions is not None else tuple(int(g) for g in np.unique(system.relevant))
    projected = system.projected
    for g in wanted:
        shared: dict[bytes, RegionTables] = {}  # the region's tables, built once for its involved states
        for i in range(n):
            if needed is not None and not needed[i, g - 1]:
                continue
            members = np.flatnonzero(system.involved[:, g - 1] | (np.arange(n) == i))
            local = int(np.searchsorted(members, i))
            sub = np.ix_(members, members)
            weights = system.capability[members]
            stream = rng if seed is None else np.random.default_rng(
                np.random.SeedSequence(seed, spawn_key=(int(system.year or 0), int(system.ids[i]), g)))
            key = members.tobytes()
            if key not in shared:
                shared[key] = RegionTables(system.codes[sub], MEASURES[measure], weights)
            result = risk_attitude(system.codes[sub], projected[sub], local, MEASURES[measure], weights, stream,
                                   restarts=restarts, tables=shared[key])
            out[i, g - 1] = result.risk
    return out


def war_and_reason(system: System, utility: np.ndarray, risk: np.ndarray, convention: str = "eugene",
                   rule: str = "eugene") -> dict[str, np.ndarray]:
    """Return War and Reason quantities for every directed pair from the regional `utility` (similarity) and the
    (n, 5) `risk` table: ``u1v1`` U_A(demand A), ``u1v2`` U_A(demand B), ``u1vsq``, the same ``u2*`` for B,
    ``p1win``, ``p2win``, ``outcomes_a``/``outcomes_b`` (n, n, 8) and ``equilibrium`` (n, n) codes into
    `realpolitik.measures.iig.OUTCOMES` (-1 missing)."""
    n = len(system.ids)
    relevant = system.relevant
    r = transform_risk(risk)
    rows, cols = np.arange(n)[:, None], np.arange(n)[None, :]
    r_a, r_b = r[rows, relevant - 1], r[cols, relevant - 1]
    u_a, u_b = demand_utilities(utility, r_a), demand_utilities(utility, r_b)
    p_a, p_b = probability_of_success(system.projected, utility, system.involved, relevant, risk)
    out_a, out_b = outcome_utilities(u_a, p_a, u_b, p_b, convention)
    eq = iig.equilibrium(out_a, out_b, rule)
    np.fill_diagonal(eq, -1)
    return {"u1v1": u_a[0], "u1v2": u_a[1], "u1vsq": u_a[2], "u2v2": u_b[0], "u2v1": u_b[1], "u2vsq": u_b[2],
            "p1win": p_a, "p2win": p_b, "outcomes_a": out_a, "outcomes_b": out_b, "equilibrium": eq}
