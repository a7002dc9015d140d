"""The wartrap scenario model and the `eu` dyad-year add-on, against hand calculations and EUGene's sample."""

from __future__ import annotations

import math

import pytest

from realpolitik.errors import RealpolitikError
from realpolitik.models import get_model
from realpolitik.models.wartrap import implied_position
from realpolitik.scenario.model import Scenario
from tests.conftest import require_shared


def _scenario(capitals=True, relations=()):
    actors = [
        {"id": "a", "name": "A", "capability": 3.0, "capital": {"lat": 0.0, "lon": 0.0}},
        {"id": "b", "name": "B", "capability": 1.0, "capital": {"lat": 0.0, "lon": 10.0}},
        {"id": "k", "name": "K", "capability": 2.0, "capital": {"lat": 10.0, "lon": 0.0}},
    ]
    if not capitals:
        for a in actors:
            a.pop("capital")
    return Scenario.model_validate({
        "id": "hand", "title": "Hand-worked", "as_of": "2000-01-01", "actors": actors,
        "issues": [{"id": "x", "name": "x", "low": "0", "high": "100", "status_quo": 50}],
        "stances": [{"actor": a["id"], "issue": "x", "position": p, "salience": 1.0}
                    for a, p in zip(actors, (0, 100, 40), strict=True)],
        "relations": list(relations),
    })


def test_wartrap_model_hand_worked_bilateral_eu():
    # No alliances: every portfolio is "none" with the others, "defence" with itself. Over partners {A, B, K},
    # A's classes are (1, 4, 4), B's (4, 1, 4): pairs of partners (A,B): x 1<4, y 4>1 discordant; (A,K): 1<4,
    # 4=4 tie on y; (B,K): 4=4 tie on x -> Nc 0, Nd 1, n0 3, T1 = T2 = 1 -> tau = -1/2.
    # Capabilities are shares .5, 1/6, 1/3 with no discount: P = .5/(.5 + 1/6) = .75, bilateral (2P-1)(1+.5)=.75.
    # K: tau(K,A) = tau(K,B) = -1/2 -> no third-party term. EU(A->B) = 0.75.
    forecast = get_model("wartrap", discount="none").run(_scenario())
    pairs = {(r["a"], r["b"]): r for r in forecast.for_issue("x").diagnostics["pairs"]}
    assert pairs["a", "b"]["similarity"] == pytest.approx(-0.5)
    assert pairs["a", "b"]["eu_wartrap"] == pytest.approx(0.75)
    assert pairs["b", "a"]["eu_wartrap"] == pytest.approx(-0.75)
    # Risk (exhaustive over each actor's 4^2 portfolios; a missing EU counts 0 in security, as documented):
    # Sec_A = -1.05 in [-5/3, 0] -> R_A = (-2.1 + 5/3)/(5/3) = -0.26; Sec_B = 1.25 in [-1/3, 1.25] -> R_B = 1;
    # Sec_K = -0.2 in [-5/3, 1/15] -> R_K = 1.2/(26/15) = 9/13.
    risk = {"a": -0.26, "b": 1.0, "k": 9 / 13}
    assert forecast.for_issue("x").diagnostics["risk"] == pytest.approx(risk)
    # P (docs: d = (dt/2) exp(R dt)): every tau is -1/2, so the challenger has dt = 1.5, the target -1.5 and the
    # third party dt = U_KA - U_KB = 0 (no weight): P_A(A->B) = C_A e^(1.5 R_A) / (C_A e^(1.5 R_A) + C_B e^(-1.5 R_A))
    # and P_B(A->B) the same with B's risk. The 16 outcome utilities (W&R Table 2.2, EUGene convention) then give
    # Nego for A->B and A->K (e.g. A->B: U_A(WarA) = .015 < U_A(Nego) = .368, B rejects AcqB -1.74 for Nego .283)
    # and WarA for the other four pairs.
    share = {"a": 0.5, "b": 1 / 6, "k": 1 / 3}

    def p_win(x, y):
        e = math.exp(1.5 * risk[x])
        return share[x] * e / (share[x] * e + share[y] / e)

    position = {"a": 0.0, "b": 100.0, "k": 40.0}
    capability = {"a": 3.0, "b": 1.0, "k": 2.0}
    predicted = {("a", "b"): "nego", ("a", "k"): "nego", ("b", "a"): "wara", ("b", "k"): "wara",
                 ("k", "a"): "wara", ("k", "b"): "wara"}
    points, weights = [], []
    for (x, y), outcome in predicted.items():
        assert pairs[x, y]["outcome"] == outcome
        assert pairs[x, y]["p_a"] == pytest.approx(p_win(x, y))
        assert pairs[x, y]["p_b"] == pytest.approx(p_win(y, x))
        # Nego and war both imply P_A x_A + (1 - P_A) x_B; weight (C_A + C_B)(s_A + s_B)
        points.append(p_win(x, y) * position[x] + (1 - p_win(x, y)) * position[y])
        weights.append((capability[x] + capability[y]) * 2.0)
    # A->B 42.10, A->K 23.70, B->A 87.00, B->K 94.57, K->A 33.67, K->B 43.54; weights 8, 10, 8, 6, 10, 6 -> 50.733
    expected = sum(p * w for p, w in zip(points, weights, strict=True)) / sum(weights)
    assert expected == pytest.approx(50.733457, abs=1e-6)
    assert forecast.outcome("x") == pytest.approx(expected, abs=1e-9)


def test_wartrap_model_distance_discount_and_alliances():
    # With a defence pact A-K, K sides with A against B: EU(A->B) rises above the no-alliance value.
    plain = get_model("wartrap").run(_scenario())
    allied = get_model("wartrap").run(_scenario(relations=[{"kind": "defence_pact", "from": "a", "to": "k"}]))
    eu = {name: {(r["a"], r["b"]): r["eu_wartrap"] for r in f.for_issue("x").diagnostics["pairs"]}
          for name, f in (("plain", plain), ("allied", allied))}
    assert eu["allied"]["a", "b"] > eu["plain"]["a", "b"]
    # Hand-worked without the distance discount: over partners {A, B, K} A's classes are (1, 4, 1), B's (4, 1, 4),
    # K's (1, 4, 1). tau(A, B): pairs (A,B) 1<4 / 4>1 and (B,K) 4>1 / 1<4 discordant, (A,K) tied on both ->
    # Nd 2, T1 = T2 = 1, n0 3 -> tau = -2/sqrt(2*2) = -1; tau(K, A) = 1, tau(K, B) = -1.
    # Bilateral: P = .5/(.5 + 1/6) = .75 -> (2P - 1)(1 - (-1)) = 1. Third party K (C* = 1/3):
    # P_AK = (1/2 + 1/3)/(1/2 + 1/3 + 1/6) = 5/6, P_BK = (1/6 + 1/3)/(1/6 + 1/3 + 1/2) = 1/2,
    # (5/6 + 1/2 - 1)(U_KA - U_KB) = (1/3)(2) = 2/3. EU(A->B) = 1 + 2/3 = 5/3; EU(B->A) = -1 - 2/3 = -5/3.
    allied_none = get_model("wartrap", discount="none").run(
        _scenario(relations=[{"kind": "defence_pact", "from": "a", "to": "k"}]))
    rows = {(r["a"], r["b"]): r for r in allied_none.for_issue("x").diagnostics["pairs"]}
    assert rows["a", "b"]["similarity"] == pytest.approx(-1.0)
    assert rows["a", "k"]["similarity"] == pytest.approx(1.0)
    assert rows["a", "b"]["eu_wartrap"] == pytest.approx(5 / 3)
    assert rows["b", "a"]["eu_wartrap"] == pytest.approx(-5 / 3)
    assert "loss-of-strength" in plain.for_issue("x").diagnostics["discount"]
    fallback = get_model("wartrap").run(_scenario(capitals=False)).for_issue("x").diagnostics["discount"]
    assert fallback.startswith("no distance discount")
    with pytest.raises(RealpolitikError, match="capital"):
        get_model("wartrap", discount="capitals").run(_scenario(capitals=False))


def test_implied_position():
    assert implied_position("acqb", 0, 100, 0.7, 50) == 0
    assert implied_position("capa", 0, 100, 0.7, 50) == 100
    assert implied_position("sq", 0, 100, 0.7, 20) == 20
    assert implied_position("nego", 0, 100, 0.7, 20) == pytest.approx(30)


def test_capital_is_validated_with_a_located_message():
    from realpolitik.scenario.io import scenario_from_dict

    data = _scenario().model_dump(mode="json", by_alias=True)
    data["actors"][0]["capital"]["lat"] = 95.0
    with pytest.raises(RealpolitikError, match=r"actors\[0\]\.capital\.lat"):
        scenario_from_dict(data)


@pytest.fixture(scope="module")
def frame_1939():
    pl = pytest.importorskip("polars")
    from realpolitik.data import dyad_years

    base = require_shared("data")
    frame = dyad_years("cow", (1939, 1939), data=[base / "peacesciencer", base / "isard"]).add("eu").collect()
    sample = pl.read_parquet(base / "eugene" / "eugene_iig_sample.parquet").filter(pl.col("year") == 1939)
    return frame, sample


def test_eu_addon_columns_and_relevant_region_match_eugene(frame_1939):
    import numpy as np
    import polars as pl

    frame, sample = frame_1939
    assert {"tau_glob", "tau_regi", "s_un_glo", "s_un_reg", "s_wt_glo", "s_wt_reg", "rlregion", "eu_wartrap"} <= \
        set(frame.columns)
    n = frame.select(pl.col("ccode1").n_unique()).item()
    assert len(frame) == n * (n - 1)
    keys = ["ccode1", "ccode2", "year"]
    joined = sample.join(frame.with_columns(pl.col(k).cast(pl.Int64) for k in keys), on=keys, suffix="_ours")
    assert len(joined) == len(sample)
    assert (joined["rlregion"] == joined["rlregion_ours"]).all()
    # ATOP-based tau differs from EUGene's COW-based value but stays close on most dyads (median |diff| < .1)
    assert float((joined["tau_glob"] - joined["tau_glob_ours"]).abs().median()) < 0.1
    # EUGene's sample has no War Trap EU column (README: similarity, W&R utilities, P, equilibria), so eu_wartrap
    # cannot be compared with it. What can be: where our regional tau equals EUGene's (to 1e-6: 1 of the 14 rows
    # of 1939; ATOP vs COW alliances explain the rest), U_A(demand A) and U_A(demand B) computed from our tau with
    # EUGene's r (implied by its U_A(SQ) = 2 - 4 * 0.5^r) must reproduce EUGene's wrTu1v1 / wrTu1v2.
    from realpolitik.measures.war_and_reason import demand_utilities

    same = joined.filter((pl.col("tau_regi") - pl.col("tau_regi_ours")).abs() < 1e-6)
    assert len(same) == 1
    for side, own, other in (("1", "wrTu1v1", "wrTu1v2"), ("2", "wrTu2v2", "wrTu2v1")):
        r = -np.log2((2 - same[f"wrTu{side}vsq"].to_numpy()) / 4)
        u_own, u_other, _ = demand_utilities(same["tau_regi_ours"].to_numpy(), r)
        np.testing.assert_allclose(u_own, same[own].to_numpy(), atol=1e-5)
        np.testing.assert_allclose(u_other, same[other].to_numpy(), atol=1e-5)
    tau = frame["tau_glob"].drop_nulls().to_numpy()
    assert tau.min() >= -1 - 1e-12 and tau.max() <= 1 + 1e-12


def test_eu_addon_refuses_gw_frames():
    from realpolitik.data import dyad_years

    base = require_shared("data")
    frame = dyad_years("gw", (1990, 1990), data=[base / "peacesciencer", base / "isard"])
    with pytest.raises(RealpolitikError, match="COW"):
        frame.add("eu")


def test_eu_addon_is_null_outside_nmc_and_atop_and_never_nan():
    import numpy as np
    import polars as pl

    from realpolitik.data import dyad_years
    from realpolitik.data.expected_utility import COLUMNS, eu_inputs, system_of_year
    from realpolitik.measures.similarity import similarity
    from realpolitik.measures.wartrap import third_parties, war_trap_eu

    base = require_shared("data")
    states = [2, 20, 200, 220, 255, 365, 710]
    frame = dyad_years("cow", (2017, 2024), data=[base / "peacesciencer", base / "isard"])
    frame = frame.with_lazy(frame.lazy.filter(pl.col("ccode1").is_in(states) & pl.col("ccode2").is_in(states)))
    out = frame.add("eu").collect()
    columns = list(COLUMNS.values())
    assert set(out["year"].unique().to_list()) == set(range(2017, 2025))
    # ATOP 5.1 ends in 2018, NMC v7 in 2022: every eu column is null after 2018 (no constant tau, no 0.0 EU)
    late = out.filter(pl.col("year") >= 2019)
    assert late.height > 0 and late.select(pl.col(columns).is_null().all()).row(0) == (True,) * len(columns)
    early = out.filter(pl.col("year") <= 2018)
    assert early.height > 0 and early.select(pl.col(columns).is_not_null().all()).row(0) == (True,) * len(columns)
    floats = [c for c in columns if c != "rlregion"]
    assert out.select(pl.col(floats).is_nan().any()).row(0) == (False,) * len(floats)
    # one 2018 value against the measure functions on the same system (the frame's states of the year)
    system = system_of_year(2018, eu_inputs(frame))
    ids = list(system.ids)
    a, b = ids.index(2), ids.index(365)
    utility = np.full((len(ids), len(ids)), np.nan)
    for region in range(1, 6):
        pick = system.relevant == region
        utility[pick] = similarity(system.codes, system.involved[:, region - 1], "tau")[pick]
    present = np.isfinite(system.capability)
    eu = war_trap_eu(system.projected, utility, third_parties(system.involved, system.relevant, present))[a, b]
    tau = similarity(system.codes, np.ones(len(ids), dtype=bool), "tau")[a, b]
    row = out.filter((pl.col("year") == 2018) & (pl.col("ccode1") == 2) & (pl.col("ccode2") == 365)).row(
        0, named=True)
    assert row["tau_glob"] == pytest.approx(float(tau), abs=1e-12)
    assert row["eu_wartrap"] == pytest.approx(float(eu), abs=1e-12)
    assert row["rlregion"] == system.relevant[a, b]
