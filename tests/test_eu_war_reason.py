"""The `eu_war_reason` add-on against the measure functions called directly, and against EUGene's sampled rows.

The direct computation below goes through `realpolitik.measures` (similarity, risk_attitude, the W&R formulas
written out by hand, probability_of_success, outcome_utilities, iig) and not through the add-on's per-year code:
it checks which similarity, which region's risk and which capabilities the add-on hands each measure. Dyads are
chosen in small regions (Middle East, Asia, Africa in 1914 and 1939) so the risk searches take well under a second.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from realpolitik.errors import RealpolitikError
from tests.conftest import require_shared

pl = pytest.importorskip("polars")

DYADS = {1914: [(640, 740), (740, 640), (530, 640), (640, 530)], 1939: [(640, 740), (740, 640)]}
RESTARTS, SEED = 2, 0
OUTCOMES = ("sq", "nego", "acqa", "acqb", "capa", "capb", "wara", "warb")
EUGENE = {"sq": "sq", "nego": "neg", "acqa": "ac1", "acqb": "ac2", "capa": "cp1", "capb": "cp2",
          "wara": "wr1", "warb": "wr2"}


def _data():
    base = require_shared("data")
    return [base / "peacesciencer", base / "isard"]


def _frame(years=(1914, 1939)):
    from realpolitik.data import dyad_years

    frame = dyad_years("cow", years, data=_data())
    wanted = pl.DataFrame([(a, b, y) for y, pairs in DYADS.items() for a, b in pairs],
                          schema={"ccode1": pl.Int32, "ccode2": pl.Int32, "year": pl.Int32}, orient="row")
    keys = ["ccode1", "ccode2", "year"]
    lazy = frame.lazy.with_columns(pl.col(k).cast(pl.Int32) for k in keys).join(wanted.lazy(), on=keys)
    return frame.with_lazy(lazy)


@pytest.fixture(scope="module")
def added():
    from realpolitik.data.war_and_reason import add_war_and_reason

    return _frame().pipe(add_war_and_reason, restarts=RESTARTS, seed=SEED).collect()


def _direct(year: int, a_code: int, b_code: int) -> dict:
    """Every column for one directed dyad, computed with the measure functions on the year's whole system."""
    from realpolitik.data import dyad_years
    from realpolitik.data.expected_utility import eu_inputs, system_of_year
    from realpolitik.measures import iig
    from realpolitik.measures.risk import risk_attitude
    from realpolitik.measures.similarity import similarity
    from realpolitik.measures.war_and_reason import outcome_utilities, probability_of_success

    system = system_of_year(year, eu_inputs(dyad_years("cow", (year, year), data=_data())))
    ids = list(system.ids)
    a, b = ids.index(a_code), ids.index(b_code)
    n = len(ids)
    g = int(system.relevant[a, b])
    # tau-b of every pair over the partner set of ITS OWN relevant region (U_KA and U_KB for third parties)
    utility = np.full((n, n), np.nan)
    for region in range(1, 6):
        tau = similarity(system.codes, system.involved[:, region - 1], "tau")
        utility[system.relevant == region] = tau[system.relevant == region]
    risk = np.full((n, 5), np.nan)
    for side, code in ((a, a_code), (b, b_code)):
        members = np.flatnonzero(system.involved[:, g - 1] | (np.arange(n) == side))
        sub = np.ix_(members, members)
        rng = np.random.default_rng(np.random.SeedSequence(SEED, spawn_key=(year, code, g)))
        risk[side, g - 1] = risk_attitude(system.codes[sub], system.projected[sub],
                                          int(np.searchsorted(members, side)), "tau",
                                          system.capability[members], rng, restarts=RESTARTS).risk
    big_r = {"A": risk[a, g - 1], "B": risk[b, g - 1]}
    r = {k: (1 - v / 3) / (1 + v / 3) for k, v in big_r.items()}  # spec section 6
    s = min(utility[a, b], 0.999)  # spec section 7: tau = 1 capped
    u = {k: (2 - 4 * ((1 + s) / 4) ** r[k], 2 - 4 * ((3 - s) / 4) ** r[k], 2 - 4 * 0.5 ** r[k]) for k in r}
    p_a, p_b = probability_of_success(system.projected, utility, system.involved, system.relevant, risk)
    ua, ub = outcome_utilities(u["A"], p_a[a, b], u["B"], p_b[a, b])
    eq = iig.equilibrium(ua, ub)
    out = {"riskT1": big_r["A"], "riskT2": big_r["B"], "rT1": r["A"], "rT2": r["B"],
           "wrTu1v1": u["A"][0], "wrTu1v2": u["A"][1], "wrTu1vsq": u["A"][2],
           "wrTu2v2": u["B"][0], "wrTu2v1": u["B"][1], "wrTu2vsq": u["B"][2],
           "wrTp1win": p_a[a, b], "wrTp2win": p_b[a, b],
           "wrTstk1": u["A"][0] - u["A"][1], "wrTstk2": u["B"][0] - u["B"][1], "eqT": OUTCOMES[int(eq)]}
    for k, o in enumerate(OUTCOMES):
        out[f"wrTu1{EUGENE[o]}"] = ua[k]
        out[f"wrTu2{EUGENE[o]}"] = ub[k]
    return out


def test_columns_equal_the_measure_functions(added):
    from realpolitik.data.war_and_reason import column_names

    assert set(column_names("tau")) <= set(added.columns)
    assert len(added) == sum(len(p) for p in DYADS.values())
    for row in added.iter_rows(named=True):
        expected = _direct(row["year"], row["ccode1"], row["ccode2"])
        for name, value in expected.items():
            if isinstance(value, str):
                assert row[name] == value, (row["year"], row["ccode1"], row["ccode2"], name)
            else:
                assert row[name] == pytest.approx(float(value), abs=1e-12), (row["ccode1"], row["ccode2"], name)
        assert -1 <= row["riskT1"] <= 1 and 0.5 <= row["rT1"] <= 2 and 0 <= row["wrTp1win"] <= 1


def test_the_same_through_processes_and_the_eugene_row(added):
    from realpolitik.data.war_and_reason import add_war_and_reason
    from realpolitik.executors import ProcessExecutor

    # one task per year on 2 processes: identical values (each search has its own seeded stream)
    split = _frame().pipe(add_war_and_reason, restarts=RESTARTS, seed=SEED, executor=ProcessExecutor(2)).collect()
    assert split.sort("year", "ccode1", "ccode2").equals(added.sort("year", "ccode1", "ccode2"))
    # EUGene's Turkey -> Japan 1939 (rlregion 2): r_A implied by its U_A(SQ) = 2 - 4 / 2^r, and its equilibrium.
    # Our tau is from ATOP, EUGene's from COW alliances (docs/expected-utility.md), so the values differ.
    sample = pl.read_parquet(require_shared("data/eugene/eugene_iig_sample.parquet"))
    theirs = sample.filter((pl.col("ccode1") == 640) & (pl.col("ccode2") == 740) & (pl.col("year") == 1939)).row(
        0, named=True)
    ours = added.filter((pl.col("ccode1") == 640) & (pl.col("ccode2") == 740) & (pl.col("year") == 1939)).row(
        0, named=True)
    r_eugene = -math.log2((2 - theirs["wrTu1vsq"]) / 4)
    assert 0.5 <= r_eugene <= 2 and 0.5 <= ours["rT1"] <= 2
    assert abs(ours["wrTu1vsq"] - (2 - 4 * 0.5 ** ours["rT1"])) < 1e-12


def test_null_outside_the_data_years_and_unit_checks():
    from realpolitik.data import dyad_years, state_years
    from realpolitik.data.war_and_reason import add_war_and_reason

    data = _data()
    frame = dyad_years("cow", (2020, 2020), data=data)  # ATOP 5.1 ends in 2018: no alliance data
    keys = ["ccode1", "ccode2", "year"]
    frame = frame.with_lazy(frame.lazy.filter((pl.col("ccode1") == 2) & (pl.col("ccode2") == 20)))
    out = frame.pipe(add_war_and_reason).collect()
    assert out.height == 1 and out.select(keys).row(0) == (2, 20, 2020)
    assert out["riskT1"].is_null().all() and out["wrTu1sq"].is_null().all() and out["eqT"].is_null().all()
    with pytest.raises(RealpolitikError, match="dyad-years"):
        state_years("cow", (1914, 1914), data=data).add("eu_war_reason")
    for name in ("eu", "eu_war_reason"):
        with pytest.raises(RealpolitikError, match=f"add-on '{name}' needs a COW-system frame.*Fix"):
            dyad_years("gw", (1990, 1990), data=data).add(name)
        with pytest.raises(RealpolitikError, match=f"add-on '{name}' needs directed dyad-years.*Fix"):
            dyad_years("cow", (1914, 1914), directed=False, data=data).add(name)
    with pytest.raises(RealpolitikError, match="measure"):
        add_war_and_reason(dyad_years("cow", (1914, 1914), data=data), measure="kappa")


def test_cli_refuses_workers_without_a_parallel_addon(tmp_path):
    from typer.testing import CliRunner

    from realpolitik.cli import app

    base = require_shared("data")
    result = CliRunner().invoke(app, ["data", "build", "dyad-years", "--years", "1914", "--add", "eu",
                                      "--workers", "2", "--data-dir", str(base / "peacesciencer"),
                                      "-o", str(tmp_path / "x.parquet")])
    assert result.exit_code == 1
    assert "eu_war_reason" in result.output
