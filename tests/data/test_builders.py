"""State-year, dyad-year and state-day builders against documented counts and the reference frames."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from realpolitik.data import dyad_years, state_days, state_years
from realpolitik.data.systems import spell_years, state_spells
from realpolitik.errors import RealpolitikError

KEYS = ["ccode1", "ccode2", "year"]


def test_cow_state_years_match_documented_counts(data):
    # peacesciencer documents 17,511 COW state-years 1816-2024 (mry) and 15,951 through 2016.
    assert state_years("cow", data=data).collect().height == 17_511
    assert state_years("cow", years=(1816, 2016), data=data).collect().height == 15_951


def test_directed_cow_dyad_years_equal_reference_frame(data, ref, cow_dyads):
    # 2,214,930 is the documented count; the set must equal peacesciencer's stored cow_ddy, row for row.
    assert cow_dyads.height == 2_214_930
    reference = ref("cow_ddy")
    assert cow_dyads.select(KEYS).join(reference, on=KEYS, how="anti").height == 0
    assert reference.join(cow_dyads.select(KEYS), on=KEYS, how="anti").height == 0


def test_gw_directed_dyad_years_equal_reference_frame_with_microstates(data, ref):
    built = dyad_years("gw", data=data).collect()
    assert built.height == 2_599_466
    keys = ["gwcode1", "gwcode2", "year"]
    joined = ref("gw_ddy").join(built, on=keys, how="left", suffix="_mine")
    assert joined["microstate1_mine"].null_count() == 0
    assert (joined["microstate1"] == joined["microstate1_mine"]).all()
    assert (joined["microstate2"] == joined["microstate2_mine"]).all()


def test_non_directed_cow_dyad_years_1816_2010(data):
    built = dyad_years("cow", years=(1816, 2010), directed=False, data=data).collect()
    assert built.height == 842_655
    assert (built["ccode1"] < built["ccode2"]).all()


@pytest.mark.parametrize("system,false_table", [("cow", "false_cow_dyads"), ("gw", "false_gw_dyads")])
def test_dyads_that_never_shared_a_day_are_exactly_the_published_false_dyads(data, ref, system, false_table):
    # Pairs of states both present in a year but never on the same day; computed here from year membership
    # alone and compared with the package author's hand-made list of such "false dyads".
    code = "ccode" if system == "cow" else "gwcode"
    years = spell_years(state_spells(data, system, 2024), 1816, 2024).select(code, "year").unique()
    naive = years.join(years, on="year", suffix="2").filter(pl.col(code) != pl.col(f"{code}2"))
    naive = naive.select(pl.col(code).alias(f"{code}1"), pl.col(f"{code}2"), "year")
    built = dyad_years(system, data=data).collect().select(f"{code}1", f"{code}2", "year")
    dropped = naive.join(built, on=[f"{code}1", f"{code}2", "year"], how="anti")
    published = ref(false_table).select(f"{code}1", f"{code}2", "year")
    assert dropped.height == published.height
    assert dropped.join(published, on=[f"{code}1", f"{code}2", "year"], how="anti").height == 0
    # the illustrative case: Republic of Vietnam left on 30 April 1975, Suriname entered on 25 November 1975
    if system == "cow":
        assert dropped.filter((pl.col("ccode1") == 115) & (pl.col("ccode2") == 817) & (pl.col("year") == 1975)).height


def test_state_days_count_calendar_days(data):
    days = state_days("cow", years=(1920, 1921), data=data).collect()
    # Canada entered the COW system on 10 January 1920: 366 - 9 = 357 days in leap-year 1920, 365 in 1921.
    canada = days.filter(pl.col("ccode") == 20)
    assert canada.filter(pl.col("year") == 1920).height == 357
    assert canada.filter(pl.col("year") == 1921).height == 365
    assert canada["date"].min() == dt.date(1920, 1, 10)
    usa = days.filter(pl.col("ccode") == 2)
    assert usa.height == 366 + 365


def test_years_outside_the_systems_are_refused(data):
    with pytest.raises(RealpolitikError, match=r"years 1700-1800 are not covered: 1700-1800 precede the first "
                                               r"year 1816"):
        dyad_years("cow", years=(1700, 1800), data=data)
    with pytest.raises(RealpolitikError, match="run backwards"):
        state_years("cow", years=(2000, 1990), data=data)
    with pytest.raises(RealpolitikError, match="unknown state system 'cowx'"):
        state_years("cowx", data=data)


def test_years_reaching_past_the_data_name_the_part_beyond():
    from realpolitik.data.systems import check_years

    newest = dt.date.today().year - 1  # the documented rule: the last completed calendar year
    # 1990 to five years past the newest: only the five years after `newest` are beyond, 1990..newest is inside
    with pytest.raises(RealpolitikError) as err:
        check_years((1990, newest + 5))
    message = str(err.value)
    assert f"{newest + 1}-{newest + 5} extend beyond the last year {newest}" in message
    assert f"e.g. 1990-{newest}" in message and "1990-1990" not in message
    with pytest.raises(RealpolitikError, match=rf"1815 precedes the first year 1816; {newest + 1} extends beyond "
                                               rf"the last year {newest}"):
        check_years((1815, newest + 1))
