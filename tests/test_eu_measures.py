"""Expected-utility measures against hand calculations and against EUGene's own output (579 directed dyad-years)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from realpolitik.measures import iig, regions
from realpolitik.measures.gradient import discounted_capability, great_circle_miles
from realpolitik.measures.risk import risk_attitude, risk_score, transform_risk
from realpolitik.measures.similarity import alliance_codes, contingency, s_score, similarity, tau_b
from realpolitik.measures.war_and_reason import OUTCOMES, demand_utilities, outcome_utilities, probability_of_success
from realpolitik.measures.wartrap import projected_capability, third_parties, war_trap_eu
from tests.conftest import require_shared

# Five states: 0-1 defence pact, 0-2 entente, 1-3 neutrality; everything else no alliance.
CODES = alliance_codes(5, np.array([[0, 1], [0, 2], [1, 3]]), np.array([1, 3, 2]))


def test_alliance_codes_strongest_class_wins_and_self_is_defence():
    codes = alliance_codes(3, np.array([[0, 1], [1, 0], [1, 2]]), np.array([3, 1, 2]))
    assert codes.tolist() == [[1, 1, 4], [1, 1, 2], [4, 2, 1]]


def test_tau_b_and_s_hand_worked():
    # Pair (0, 1) over all five partners: (class with 0's, class with 1's) per partner k = 0..4 is
    # (1,1) (1,1) (3,4) (4,2) (4,4). Of the 10 partner pairs 6 are concordant, 1 discordant ((3,4) v (4,2));
    # ties: rows x=1 twice and x=4 twice -> T2 = 2; columns y=1 twice and y=4 twice -> T1 = 2.
    # tau_b = (6 - 1) / sqrt((10 - 2)(10 - 2)) = 5/8.
    everyone = np.ones(5, dtype=bool)
    assert tau_b(contingency(CODES, everyone))[0, 1] == pytest.approx(0.625, abs=1e-12)
    # S: class distances 0,0,1,2,0 -> sum 3, S = 1 - 2 * (3/3) / 5 = 0.6
    assert s_score(contingency(CODES, everyone))[0, 1] == pytest.approx(0.6, abs=1e-12)
    # weighted S with weights .4 .3 .1 .1 .1: sum w|d|/3 = (.1*1 + .1*2)/3 = .1, S = 1 - 2*.1/1 = 0.8
    w = np.array([0.4, 0.3, 0.1, 0.1, 0.1])
    assert similarity(CODES, everyone, "s_weighted", w)[0, 1] == pytest.approx(0.8, abs=1e-12)
    tau = similarity(CODES, everyone, "tau")
    assert np.allclose(tau, tau.T, equal_nan=True) and np.allclose(np.diagonal(tau), 1.0)


def test_regional_partner_set_always_includes_the_pair():
    # Partner set {4} only: pair (0, 1) adds itself -> partners 4, 0, 1: (4,4) (1,1) (1,1):
    # Nc = 2, Nd = 0, n0 = 3, T1 = T2 = 1 -> tau_b = 2 / sqrt(2 * 2) = 1.
    only_4 = np.array([False, False, False, False, True])
    tau = similarity(CODES, only_4, "tau")
    assert tau[0, 1] == pytest.approx(1.0)
    # pair (2, 4): partners 4 and 2 give (4,1) and (1,4): one discordant pair, no ties -> -1
    assert tau[2, 4] == pytest.approx(-1.0)
    # S for (0, 1) over {4, 0, 1}: distances 0, 0, 0 -> 1
    assert similarity(CODES, only_4, "s")[0, 1] == pytest.approx(1.0)


def test_tau_undefined_when_one_state_has_a_single_class():
    codes = alliance_codes(3, np.empty((0, 2)), np.empty(0))
    # over partner set {2} plus the pair (0, 1): classes of 0 are (4, 1, 4) -> two classes; fine.
    # over partner {0} alone for pair (0, 0): one partner -> n0 = 0 -> undefined
    table = contingency(codes, np.array([True, False, False]))
    assert math.isnan(tau_b(table)[0, 0])


def test_distance_discount_check_values():
    # spec values (War Trap p. 105 as EUGene applies it): C = .1 in 2000 at 0, 1000, 5000 miles; in 1900 at 5000
    got = discounted_capability(0.1, np.array([0.0, 1000.0, 5000.0]), 2000)
    assert got == pytest.approx([0.137330, 0.107739, 0.057865], abs=1e-6)
    assert discounted_capability(0.1, 5000.0, 1900) == pytest.approx(0.036655, abs=1e-6)
    # era boundaries: 250 miles/day in 1917, 375 in 1918 and 1945, 500 in 1946 (exponent log10(d/m + 10 - e))
    for year, per_day in ((1917, 250), (1918, 375), (1945, 375), (1946, 500)):
        assert discounted_capability(0.5, 750.0, year) == pytest.approx(0.5 ** math.log10(750 / per_day + 10 - math.e))


def test_great_circle_miles():
    # a quarter of the equator: pi/2 * 3958.7613 miles
    assert great_circle_miles(0.0, 0.0, 0.0, 90.0) == pytest.approx(math.pi / 2 * 3958.7613, rel=1e-9)


def test_war_trap_eu_hand_worked():
    # A, B, K with C = .3, .1, .2, no distance discount; U_AB = .2, U_KA = .5, U_KB = -.5; one region.
    # bilateral: P = .3/.4 = .75, (2P - 1)(1 - U_AB) = .5 * .8 = .4
    # K: C* = .2; P_AK = (.3+.2)/(.3+.2+.1) = 5/6; P_BK = (.1+.2)/(.1+.2+.3) = .5; (5/6 + .5 - 1)(.5 + .5) = 1/3
    proj = projected_capability(np.array([0.3, 0.1, 0.2]), None, None)
    u = np.array([[1.0, 0.2, 0.5], [0.2, 1.0, -0.5], [0.5, -0.5, 1.0]])
    involved = np.zeros((3, 5), dtype=bool)
    involved[:, 0] = True
    relevant = np.ones((3, 3), dtype=np.int8)
    eu = war_trap_eu(proj, u, third_parties(involved, relevant))
    assert eu[0, 1] == pytest.approx(0.4 + 1 / 3)
    # without the third party (K not involved in the region): the bilateral .4 alone
    involved[2] = False
    assert war_trap_eu(proj, u, third_parties(involved, relevant))[0, 1] == pytest.approx(0.4)
    assert math.isnan(eu[0, 0])


def test_probability_of_success_hand_worked():
    # Same A, B, K. R_A = 1, R_B = 0. For A: K=A dt = 1 - .2 = .8, d = .4 e^.8, C'_AB = .3;
    # K=B dt = -.8, d = -.4 e^-.8, C'_BB = .1; K dt = .5 - (-.5) = 1, d = .5 e^1, C = .2.
    proj = projected_capability(np.array([0.3, 0.1, 0.2]), None, None)
    u = np.array([[1.0, 0.2, 0.5], [0.2, 1.0, -0.5], [0.5, -0.5, 1.0]])
    involved = np.zeros((3, 5), dtype=bool)
    involved[:, 0] = True
    relevant = np.ones((3, 3), dtype=np.int8)
    risk = np.zeros((3, 5))
    risk[0, 0] = 1.0
    p_a, p_b = probability_of_success(proj, u, involved, relevant, risk)
    num = 0.3 * 0.4 * math.exp(0.8) + 0.2 * 0.5 * math.e
    den = num + 0.1 * 0.4 * math.exp(-0.8)
    assert p_a[0, 1] == pytest.approx(num / den)
    # For B (R_B = 0): K=A d' = -.4 (den .12), K=B d' = .4 (num .04), K d' = -.5 (den .1): .04 / .26
    assert p_b[0, 1] == pytest.approx(0.04 / 0.26)


def test_risk_transform_and_score():
    assert transform_risk(np.array([-1.0, 0.0, 1.0])) == pytest.approx([2.0, 1.0, 0.5])
    assert risk_score(-3.0, -3.0, 1.0) == -1.0 and risk_score(1.0, -3.0, 1.0) == 1.0
    assert risk_score(-1.0, -3.0, 1.0) == 0.0 and math.isnan(risk_score(0.0, 0.0, 0.0))


@pytest.mark.parametrize("seed", [3, 11])
def test_risk_search_finds_the_enumerated_range(seed):
    rng = np.random.default_rng(seed)
    n = 7
    iu = np.triu_indices(n, 1)
    codes = alliance_codes(n, np.c_[iu], rng.choice([1, 2, 3, 4, 4, 4], len(iu[0])))
    miles = rng.uniform(0, 3000, (n, n))
    proj = projected_capability(rng.dirichlet(np.ones(n)), (miles + miles.T) / 2 * (1 - np.eye(n)), 2000)
    for target in (0, 3):
        exact = risk_attitude(codes, proj, target, exhaustive=True)
        searched = risk_attitude(codes, proj, target, exhaustive=False, rng=rng)
        assert exact.evaluated == 4 ** (n - 1) and searched.evaluated < exact.evaluated
        assert searched.security_min == pytest.approx(exact.security_min)
        assert searched.security_max == pytest.approx(exact.security_max)
        assert -1 <= searched.risk <= 1


# --- EUGene's own output ------------------------------------------------------------------------------------------

FAMILIES = {"T": "tau_regi", "S": "s_un_reg", "W": "s_wt_reg"}
SAMPLE_NAMES = {"sq": "sq", "nego": "neg", "acqa": "ac1", "acqb": "ac2", "capa": "cp1", "capb": "cp2",
                "wara": "wr1", "warb": "wr2"}


@pytest.fixture(scope="module")
def eugene():
    pl = pytest.importorskip("polars")
    return pl.read_parquet(require_shared("data/eugene/eugene_iig_sample.parquet"))


def _column(df, name):
    return df[name].to_numpy().astype(float)


def _utilities_from_sample(df, family):
    """Our 16 outcome utilities from EUGene's similarity, P and risk (r implied by EUGene's U(SQ) = 2 - 4/2^r)."""
    g = f"wr{family}"
    r_a = -np.log2((2 - _column(df, g + "u1vsq")) / 4)
    r_b = -np.log2((2 - _column(df, g + "u2vsq")) / 4)
    s = _column(df, FAMILIES[family])
    return outcome_utilities(demand_utilities(s, r_a), _column(df, g + "p1win"),
                             demand_utilities(s, r_b), _column(df, g + "p2win"))


@pytest.mark.parametrize("family", list(FAMILIES))
def test_outcome_utilities_match_eugene(eugene, family):
    u_a, u_b = _utilities_from_sample(eugene, family)
    for k, outcome in enumerate(OUTCOMES):
        for side, ours in (("1", u_a), ("2", u_b)):
            theirs = _column(eugene, f"wr{family}u{side}{SAMPLE_NAMES[outcome]}")
            assert np.max(np.abs(ours[:, k] - theirs)) < 1e-5, (family, side, outcome)


@pytest.mark.parametrize("family", list(FAMILIES))
def test_equilibria_match_eugene_in_578_of_579(eugene, family):
    u_a, u_b = _utilities_from_sample(eugene, family)
    ours = iig.equilibrium(u_a, u_b)
    flags = np.stack([_column(eugene, f"eq{family}{o}") for o in OUTCOMES], -1)
    assert (flags.sum(-1) == 1).all()
    theirs = flags.argmax(-1)
    differ = np.flatnonzero(ours != theirs)
    assert len(differ) == 1
    # the one row: EUGene codes WarB where backward induction gives AcqB (e.g. Peru v Ecuador 1939 with tau)
    assert iig.OUTCOMES[ours[differ[0]]] == "acqb" and iig.OUTCOMES[theirs[differ[0]]] == "warb"
    if family == "T":
        row = eugene.row(int(differ[0]), named=True)
        assert (row["ccode1"], row["ccode2"], row["year"]) == (135, 130, 1939)


def test_plain_backward_induction_misses_eugenes_indeterminate_wara(eugene):
    # Without EUGene's coding of "WarA and SQ both hold" as WarA, 5 S-based rows fall to SQ.
    u_a, u_b = _utilities_from_sample(eugene, "S")
    theirs = np.stack([_column(eugene, f"eqS{o}") for o in OUTCOMES], -1).argmax(-1)
    plain = iig.equilibrium(u_a, u_b, rule="backward_induction")
    assert (plain == theirs).sum() == 573


def test_relevant_region_matches_eugene(eugene):
    a, b, year = (eugene[c].to_numpy() for c in ("ccode1", "ccode2", "year"))
    assert (regions.home_region(a) == eugene["region1"].to_numpy()).all()
    got = []
    for ca, cb, y in zip(a.tolist(), b.tolist(), year.tolist(), strict=True):
        codes = np.array([ca, cb])
        got.append(regions.relevant_region(regions.home_region(codes), regions.involvement(codes, y))[0, 1])
    assert (np.array(got) == eugene["rlregion"].to_numpy()).all()
