"""The DEU reader against figures counted from the development split (read in place from ../shared)."""

from __future__ import annotations

import csv
from collections import Counter

import pytest

from realpolitik.errors import RealpolitikError
from realpolitik.evaluate.deu import is_deu_table, read_deu
from tests.conftest import require_shared


@pytest.fixture(scope="module")
def deu_dir():
    return require_shared("data/deu")


@pytest.fixture(scope="module")
def votes(deu_dir):
    return read_deu(deu_dir, "votes")


def test_counts_of_the_development_split(deu_dir, votes):
    # README: 173 issues in 69 proposals; one issue (d95341i2) has a blank outcome and is left out.
    assert votes.skipped == ("d95341i2",)
    assert len(votes.cases) == 172
    assert len({c.group for c in votes.cases}) == 69
    # Procedures and voting rules of the 172 issues, counted once by hand from the proc and counvte columns of
    # deu_dev_issues.csv (awk -F, 'NR>1 && $79!="" {print $8, $9}' | sort | uniq -c, skipping the row with a
    # blank outcome): CNS QMV 53, CNS QMV(10) 2, CNS Unan 43, COD QMV 62, COD Unan 12.
    assert Counter(c.meta["procedure"] for c in votes.cases) == {"CNS": 98, "COD": 74}
    assert Counter(c.meta["voting_rule"] for c in votes.cases) == {"QMV": 115, "Unan": 55, "QMV(10)": 2}
    assert Counter((c.meta["procedure"], c.meta["voting_rule"]) for c in votes.cases) == {
        ("CNS", "QMV"): 53, ("CNS", "QMV(10)"): 2, ("CNS", "Unan"): 43, ("COD", "QMV"): 62, ("COD", "Unan"): 12}


def test_actors_with_positions_match_the_long_table_and_the_count_column(deu_dir, votes):
    # The long file lists every issue x actor; an actor takes part where its position is not blank.
    with open(deu_dir / "deu_dev_positions_long.csv", newline="") as handle:
        long_rows = [r for r in csv.DictReader(handle) if r["position"].strip() and r["out"].strip()]
    per_issue = Counter(r["isnr"] for r in long_rows)
    with open(deu_dir / "deu_dev_issues.csv", newline="") as handle:
        counted = {r["isnr"]: int(r["n_actors_with_position"]) for r in csv.DictReader(handle)}
    for case in votes.cases:
        actors = case.scenario.arrays(case.issue).actors
        assert len(actors) == per_issue[case.case_id] == counted[case.case_id], case.case_id
    assert sum(len(c.scenario.arrays(c.issue).actors) for c in votes.cases) == len(long_rows)


def test_first_issue_by_hand(votes):
    # d00032i1 ("documents", COD, QMV, introduced 26 Jan 2000): 17 actors with positions; the row reads
    # com 100 (salience 50), de 0 (80), rp 0, out 100. Under the EU-15 Council, Germany has 10 of 87 votes;
    # the Commission (COD) weighs as much as the largest member: 10/87.
    case = votes.cases[0]
    assert case.case_id == "d00032i1" and case.group == "d00032" and case.outcome == 100.0
    assert case.status_quo == 0.0
    arrays = case.scenario.arrays(case.issue)
    assert len(arrays.actors) == 17 and "pl" not in arrays.actors
    by_actor = dict(zip(arrays.actors, zip(arrays.capability, arrays.position, arrays.salience, strict=True),
                        strict=True))
    assert by_actor["de"] == pytest.approx((10 / 87, 0.0, 0.8))
    assert by_actor["com"] == pytest.approx((10 / 87, 100.0, 0.5))
    assert by_actor["lu"][0] == pytest.approx(2 / 87)
    assert case.meta["council"] == "EU-15, Amsterdam"
    assert case.scenario.issue(case.issue).decision_rule == "qualified_majority"


def test_schemes(deu_dir):
    case = read_deu(deu_dir, "shapley").cases[0]
    cap = dict(zip(case.scenario.arrays(case.issue).actors, case.scenario.arrays(case.issue).capability, strict=True))
    assert cap["de"] == pytest.approx(0.1167, abs=5e-5)  # the EU-15 Shapley-Shubik share (see test_power)
    equal = read_deu(deu_dir, "equal").cases[0].scenario.arrays("d00032i1").capability
    assert set(equal.tolist()) == {1.0}
    # A unanimity issue: every member's power index is 1/15.
    unan = next(c for c in read_deu(deu_dir, "banzhaf").cases if c.meta["voting_rule"] == "Unan")
    caps = dict(zip(unan.scenario.arrays(unan.issue).actors, unan.scenario.arrays(unan.issue).capability,
                    strict=True))
    assert caps["de"] == pytest.approx(1 / 15) and caps["lu"] == pytest.approx(1 / 15)


def test_detection_and_errors(deu_dir, tmp_path):
    assert is_deu_table(deu_dir) and is_deu_table(deu_dir / "deu_dev_issues.csv")
    assert not is_deu_table(tmp_path)
    with pytest.raises(RealpolitikError, match="capability scheme"):
        read_deu(deu_dir, "gdp")
    bad = tmp_path / "x_issues.csv"
    bad.write_text("prnr,isnr\nd1,d1i1\n")
    with pytest.raises(RealpolitikError, match="missing column"):
        read_deu(bad)
    text = (deu_dir / "deu_dev_issues.csv").read_text().splitlines()
    header = text[0].split(",")
    row = text[1].split(",")
    row[header.index("pcom")] = "lots"
    bad.write_text("\n".join([text[0], ",".join(row)]) + "\n")
    with pytest.raises(RealpolitikError, match=r"x_issues.csv:2: column pcom of issue d00032i1"):
        read_deu(bad)


def _synthetic_row(deu_dir, tmp_path, **changes):
    """Write the first development row with `changes` (column -> text) as a one-issue DEU table."""
    text = (deu_dir / "deu_dev_issues.csv").read_text().splitlines()
    header = text[0].split(",")
    row = text[1].split(",")
    for column, value in changes.items():
        row[header.index(column)] = value
    path = tmp_path / "synthetic_issues.csv"
    path.write_text("\n".join([text[0], ",".join(row)]) + "\n")
    return path


def test_enlargement_era_proposal_is_read_with_the_council_of_the_decision(deu_dir, tmp_path):
    # Introduced 1 Jun 2005 (EU-25), decided 1 Jun 2007 (EU-27): Bulgaria's position belongs to the decision.
    # The Council then is EU-27 under Nice: 345 votes, Bulgaria 10, Germany 29 (2005 Act of Accession, Art. 10).
    path = _synthetic_row(deu_dir, tmp_path, intro_date_iso="2005-06-01", finact_date_iso="2007-06-01",
                          pbu="40", sbu="50")
    data = read_deu(path, "votes")
    case = data.cases[0]
    assert data.decision_dated == (case.case_id,)
    assert case.meta["council_date"] == "decision" and case.meta["council_on"] == "2007-06-01"
    assert case.meta["council"] == "EU-27, Nice" and case.meta["date"] == "2005-06-01"
    arrays = case.scenario.arrays(case.issue)
    cap = dict(zip(arrays.actors, arrays.capability, strict=True))
    assert cap["bu"] == pytest.approx(10 / 345) and cap["de"] == pytest.approx(29 / 345)
    assert dict(zip(arrays.actors, arrays.position, strict=True))["bu"] == 40.0
    # Without a newcomer the introduction date's Council is kept (EU-25 Nice from 1 Nov 2004: 321 votes).
    plain = read_deu(_synthetic_row(deu_dir, tmp_path, intro_date_iso="2005-06-01",
                                    finact_date_iso="2007-06-01"), "votes")
    assert plain.decision_dated == () and plain.cases[0].meta["council_date"] == "introduction"
    de = dict(zip(plain.cases[0].scenario.arrays(case.issue).actors, plain.cases[0].scenario.arrays(case.issue)
                  .capability, strict=True))["de"]
    assert de == pytest.approx(29 / 321)


def test_a_state_that_was_never_a_member_is_still_refused(deu_dir, tmp_path):
    # Croatia joined on 1 Jul 2013: on a 2005 proposal decided in 2007 it was a member on neither date.
    path = _synthetic_row(deu_dir, tmp_path, intro_date_iso="2005-06-01", finact_date_iso="2007-06-01",
                          pcr="40", scr="50")
    with pytest.raises(RealpolitikError, match=r"Croatia \(cr\).*not a member on 2005-06-01.*nor on 2007-06-01"):
        read_deu(path, "votes")
    # A newcomer with no decision date cannot be placed either; the error says which column to fill.
    path = _synthetic_row(deu_dir, tmp_path, intro_date_iso="2005-06-01", finact_date_iso="", pbu="40")
    with pytest.raises(RealpolitikError, match="no finact_date_iso"):
        read_deu(path, "votes")
