"""Add-ons against documented values and values worked out from the source tables."""

from __future__ import annotations

import math

import polars as pl
import pytest

from realpolitik.data import dyad_years, state_years
from realpolitik.errors import RealpolitikError
from tests.data.conftest import row


@pytest.fixture(scope="module")
def usa_canada(data):
    """Directed COW dyad-years of the USA (2) and Canada (20) with many add-ons, 1920-2024."""
    frame = (dyad_years("cow", years=(1919, 2024), data=data)
             .add_nmc(keep=["cinc"]).add_cow_majors().add_contiguity().add_capital_distance().add_minimum_distance()
             .add_atop_alliance().add_cow_mids().add_igos().add_democracy(keep=["polity2"])
             .add_gdp_pop(keep=["pwtpop"]).add_strategic_rivalries())
    frame = frame.with_lazy(frame.lazy.filter(pl.col("ccode1").is_in([2, 20]) & pl.col("ccode2").is_in([2, 20])))
    return frame.add_peace_years().collect()


def test_usa_cinc_documented_values(data):
    states = state_years("cow", data=data).add_nmc().collect()
    assert row(states, ccode=2, year=1816)["cinc"] == pytest.approx(0.039697, abs=5e-7)
    assert row(states, ccode=2, year=1920)["cinc"] == pytest.approx(0.289566, abs=5e-7)
    # NMC v7.0 ends in 2022: later values are null, not 0
    assert row(states, ccode=2, year=2023)["cinc"] is None


def test_usa_canada_1920_documented_values(usa_canada):
    r = row(usa_canada, ccode1=2, ccode2=20, year=1920)
    assert r["conttype"] == 1
    assert r["dyadigos"] == 7
    assert row(usa_canada, ccode1=2, ccode2=20, year=1921)["dyadigos"] == 8
    assert r["capdist"] == pytest.approx(734.87, abs=0.005)
    assert r["cinc1"] == pytest.approx(0.289566, abs=5e-7) and r["cinc2"] == pytest.approx(0.010128, abs=5e-7)
    assert (r["cowmaj1"], r["cowmaj2"]) == (1, 0)
    # Canada 1920 from the isard tables: Polity2 9, population 8.726886 million
    assert r["polity22"] == 9 and r["pwtpop2"] == pytest.approx(8.726886, abs=5e-7)


def test_capital_distance_hand_calculation(usa_canada, ref):
    # Great-circle distance Washington (38.895037, -77.036543) - Ottawa (45.420878, -75.690111), coordinates
    # read at full precision from the capitals table, with the haversine formula on a sphere of radius
    # 6378.137 km (haversine and Vincenty's formula agree on a sphere).
    caps = ref("cow_capitals")
    (lat1, lng1), (lat2, lng2) = (tuple(row(caps, ccode=c).get(k) for k in ("lat", "lng")) for c in (2, 20))
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dlat, dlng = p2 - p1, math.radians(lng2 - lng1)
    h = math.sin(dlat / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlng / 2) ** 2
    expected = 2 * 6378.137 * math.asin(math.sqrt(h))
    assert row(usa_canada, ccode1=20, ccode2=2, year=1950)["capdist"] == pytest.approx(expected, rel=1e-9)


def test_missing_means_missing_outside_coverage(usa_canada):
    # ATOP ends 2018, contiguity 2016, MIDs 2014, IGOs 2014, CShapes 2019, rivalries 2020, NMC 2022
    assert row(usa_canada, ccode1=2, ccode2=20, year=2018)["atop_defense"] == 1
    late = row(usa_canada, ccode1=2, ccode2=20, year=2021)
    for col in ("atop_defense", "conttype", "cowmidonset", "cowmidspell", "dyadigos", "mindist",
                "ongoingrivalry"):
        assert late[col] is None, col
    # majors carried forward by default (mry): the USA is still a major power in 2021
    assert late["cowmaj1"] == 1 and late["cinc1"] is not None
    # within coverage, no record means 0: ATOP starts for this pair in 1942 (defence pact)
    assert row(usa_canada, ccode1=2, ccode2=20, year=1941)["atop_defense"] == 0
    assert row(usa_canada, ccode1=2, ccode2=20, year=1942)["atop_defense"] == 1
    # CShapes: the two share a land border, so the minimum distance is 0 km
    assert row(usa_canada, ccode1=2, ccode2=20, year=1950)["mindist"] == 0.0


def test_mid_peace_years_hand_worked(usa_canada):
    # COW-MID 5.0 disputes between the USA and Canada: 1979 (#2968), 1989 (#3900), 1991 (#3972), 1997 (#4183),
    # each one year long. The dyad exists from 1920, so peace-years run 0 (1920) ... 59 (1979), restart at 0 in
    # 1980, reach 9 in 1989, 0 in 1990, 1 in 1991, 0 in 1992, 5 in 1997, 0 in 1998, 16 in 2014.
    spells = {r["year"]: r["cowmidspell"] for r in usa_canada.filter(pl.col("ccode1") == 2).iter_rows(named=True)}
    expected = {1920: 0, 1921: 1, 1979: 59, 1980: 0, 1989: 9, 1990: 0, 1991: 1, 1992: 0, 1997: 5, 1998: 0, 2014: 16}
    assert {y: spells[y] for y in expected} == expected
    assert row(usa_canada, ccode1=2, ccode2=20, year=1979)["dispnum"] == 2968


def test_major_power_and_contiguity_counts(cow_dyads):
    both = (cow_dyads["cowmaj1"] == 1) & (cow_dyads["cowmaj2"] == 1)
    anyone = (cow_dyads["cowmaj1"] == 1) | (cow_dyads["cowmaj2"] == 1)
    assert both.sum() == 6_476
    assert anyone.sum() == 205_114
    assert cow_dyads["conttype"].is_between(1, 5).sum() == 81_060


def test_filters_documented_counts(data):
    frame = dyad_years("cow", data=data)
    assert frame.filter_prd().collect().height == 245_720
    assert frame.filter_contiguous().collect().height == 81_060
    assert frame.filter_major_powers(both=True).collect().height == 6_476
    assert frame.filter_major_powers().collect().height == 205_114


def test_contiguity_slice_first_keeps_relationship_in_force_on_january_first(data):
    # USA-Russia: no COW contiguity 1816-1958 (type 0), then separated by <= 12 miles of water from 1959 (type 2).
    df = dyad_years("cow", years=(1958, 1959), data=data).add_contiguity().collect()
    assert row(df, ccode1=2, ccode2=365, year=1958)["conttype"] == 0
    assert row(df, ccode1=365, ccode2=2, year=1959)["conttype"] == 2
    states = state_years("cow", years=(1920, 1920), data=data).add_contiguity().collect()
    # the USA's land neighbours in 1920: Canada and Mexico; sea neighbours: Cuba (type 4) and Russia (type 0 → none)
    usa = row(states, ccode=2, year=1920)
    assert (usa["land"], usa["sea"]) == (2, 1)


def test_mids_whittled_exactly_as_the_published_dyad_year_tables(data, ref):
    # The reduction rules reproduce, dyad-year for dyad-year, the dispute the package author kept.
    from realpolitik.data.disputes import cow_dispute_years, gml_dispute_years

    frame = dyad_years("cow", data=data)
    for mine, published in ((cow_dispute_years(frame), "cow_mid_ddydisps"),
                            (gml_dispute_years(frame), "gml_mid_ddydisps")):
        mine, theirs = mine.collect(), ref(published)
        assert mine.height == theirs.height
        joined = mine.join(theirs, on=["ccode1", "ccode2", "year"], how="inner", suffix="_ref")
        assert joined.height == theirs.height
        assert (joined["dispnum"] == joined["dispnum_ref"]).all()


def test_cow_wars_usa_germany(data):
    df = dyad_years("cow", years=(1916, 1919), data=data).add_cow_wars().collect()
    # World War I (COW war 106): the USA entered in 1917 against Germany (255) and won; not the initiator.
    r = row(df, ccode1=2, ccode2=255, year=1917)
    assert (r["cowinteronset"], r["cowinterongoing"], r["warnum"], r["initiator1"], r["outcome1"]) == (1, 1, 106, 0, 1)
    assert row(df, ccode1=2, ccode2=255, year=1918)["cowinteronset"] == 0
    assert row(df, ccode1=2, ccode2=255, year=1916)["cowinterongoing"] == 0


def test_ucdp_sides(data):
    base = state_years("gw", years=(2001, 2001), data=data)
    side_a = base.add_ucdp_acd().collect()
    everyone = base.add_ucdp_acd(sides="all").collect()
    # 2001: the USA is side A of conflict 418 (from 11 September, an onset) and side B of 13692; Canada only
    # supported side A with troops, so it counts only when supporters count (peacesciencer issue #18).
    usa = row(side_a, gwcode=2, year=2001)
    assert (usa["ucdpongoing"], usa["ucdponset"], usa["maxintensity"], usa["conflict_ids"]) == (1, 1, 2, "418")
    assert row(side_a, gwcode=20, year=2001)["ucdpongoing"] == 0
    assert row(everyone, gwcode=20, year=2001)["conflict_ids"] == "418"
    assert row(everyone, gwcode=2, year=2001)["conflict_ids"] == "418; 13692"
    onsets = base.add_ucdp_onsets().collect()
    assert row(onsets, gwcode=2, year=2001)["sumnewconf"] == 1


def test_rivalries_and_crosswalk(data):
    df = dyad_years("cow", years=(1950, 1950), data=data).add_strategic_rivalries().collect()
    # US-USSR rivalry no. 100 (1945-1989): positional and ideological
    r = row(df, ccode1=365, ccode2=2, year=1950)
    assert (r["tssr_id"], r["ongoingrivalry"], r["positional"], r["ideological"], r["spatial"]) == (100, 1, 1, 1, 0)
    # G-W Serbia (340) in 2010 is COW Yugoslavia (345): NMC reaches it through the isard panel (cinc 0.000992)
    gw = state_years("gw", years=(2010, 2010), data=data).add_nmc(keep=["cinc"]).collect()
    assert row(gw, gwcode=340, year=2010)["cinc"] == pytest.approx(0.000992, abs=5e-7)


def test_wrong_unit_unknown_addon_and_double_application(data):
    states = state_years("cow", years=(1900, 1901), data=data)
    with pytest.raises(RealpolitikError, match="add-on 'atop' works on dyad-years; this frame holds state-years"):
        states.add_atop_alliance()
    with pytest.raises(RealpolitikError, match="unknown add-on 'alliances'.*atop"):
        states.add("alliances")
    # applying an add-on again replaces its columns (issue 12: idempotent, no duplicates) ...
    once, twice = states.add_nmc(), states.add_nmc().add_nmc(keep=["cinc"]).add_nmc()
    assert twice.columns == once.columns and twice.collect().equals(once.collect())
    # ... but a column the add-on did not add itself is never overwritten
    with pytest.raises(RealpolitikError, match="already has column"):
        states.with_lazy(states.lazy.with_columns(cinc=pl.lit(1.0))).add_nmc()
    with pytest.raises(RealpolitikError, match="peace-years need a conflict add-on"):
        dyad_years("cow", years=(1900, 1901), data=data).add_peace_years()


def test_wrong_unit_hint_names_the_builder_of_the_unit_needed(data):
    from realpolitik.data import state_days

    days = state_days("cow", years=(1900, 1900), data=data)
    # nmc takes state-years or dyad-years; from state-days the nearest is state-years, so that builder comes first
    with pytest.raises(RealpolitikError) as err:
        days.add_nmc()
    fix = str(err.value).split("Fix:")[1]
    assert fix.index("realpolitik.data.state_years") < fix.index("realpolitik.data.dyad_years")
    assert "data build state-years" in fix and "state_days" not in fix
    # atop takes dyad-years only: its hint names dyad_years and no other builder
    with pytest.raises(RealpolitikError) as err:
        state_years("cow", years=(1900, 1900), data=data).add_atop_alliance()
    fix = str(err.value).split("Fix:")[1]
    assert "realpolitik.data.dyad_years" in fix and "state_years" not in fix and "state_days" not in fix


def test_addons_keep_the_frame_row_order(data):
    # add-ons join by key: rows must come back in the builder's order (code1, code2, year)
    base = dyad_years("cow", years=(1816, 1830), data=data)
    keys = base.collect().select("ccode1", "ccode2", "year")
    added = base.add_nmc(keep=["cinc"]).add_atop_alliance().add_cow_mids().collect()
    assert added.select("ccode1", "ccode2", "year").equals(keys)


def test_atop_alliance_flags_any_of_the_five_pledges(usa_canada, data):
    # USA-Canada: no ATOP alliance in 1941, a defence (and offence) pact from 1942; ATOP ends in 2018.
    assert row(usa_canada, ccode1=2, ccode2=20, year=1941)["atop_alliance"] == 0
    assert row(usa_canada, ccode1=2, ccode2=20, year=1942)["atop_alliance"] == 1
    assert row(usa_canada, ccode1=20, ccode2=2, year=2018)["atop_alliance"] == 1
    assert row(usa_canada, ccode1=2, ccode2=20, year=2021)["atop_alliance"] is None
    # Brazil-Argentina 1859: ATOP's table has a row for the pair with none of the five pledges set: 0.
    frame = dyad_years("cow", years=(1859, 1859), data=data).add_atop_alliance().collect()
    assert row(frame, ccode1=140, ccode2=160, year=1859)["atop_alliance"] == 0
