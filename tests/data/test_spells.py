"""Peace-year spells on small hand-worked sequences."""

from __future__ import annotations

import numpy as np

from realpolitik.data.spells import spell_lengths


def _run(units, years, events, missing=None, reset_on_reentry=False):
    events = np.array(events)
    missing = np.zeros(len(events), dtype=bool) if missing is None else np.array(missing)
    out = spell_lengths([np.array(units)], np.array(years), events, missing, reset_on_reentry)
    return [None if np.isnan(v) else int(v) for v in out]


def test_spell_counts_quiet_years_before_each_event():
    # events:  0 0 1 0 0 0 1 1 0  -> 0 1 2 0 1 2 3 0 0 (the event year carries the count; the next year restarts)
    assert _run([1] * 9, range(2000, 2009), [0, 0, 1, 0, 0, 0, 1, 1, 0]) == [0, 1, 2, 0, 1, 2, 3, 0, 0]


def test_new_unit_and_missing_restart_the_count_and_a_gap_does_only_on_request():
    units = [1, 1, 1, 2, 2, 2, 2]
    years = [2000, 2001, 2003, 2000, 2001, 2002, 2003]   # unit 1 skips 2002
    events = [0, 0, 0, 0, 0, 0, 0]
    missing = [False, False, False, False, True, False, False]
    assert _run(units, years, events, missing) == [0, 1, 2, 0, None, 0, 1]
    assert _run(units, years, events, missing, reset_on_reentry=True) == [0, 1, 0, 0, None, 0, 1]


def test_exit_and_re_entry_dyad_counts_on_across_the_gap_by_default():
    # A dyad observed 1900-1903, gone 1904-1909 (one state left the system), back 1910-1912; a dispute in 1901.
    # peacesciencer's rule (rows numbered in year order since the last event): 1900 0 (first year), 1901 1 (one
    # quiet year before the event), 1902 0 (after the event), 1903 1, then on across the gap: 1910 2, 1911 3,
    # 1912 4. Restart rule: 1910 0, 1911 1, 1912 2.
    years = [1900, 1901, 1902, 1903, 1910, 1911, 1912]
    events = [0, 1, 0, 0, 0, 0, 0]
    assert _run([7] * 7, years, events) == [0, 1, 0, 1, 2, 3, 4]
    assert _run([7] * 7, years, events, reset_on_reentry=True) == [0, 1, 0, 1, 0, 1, 2]


def test_peace_years_do_not_depend_on_row_order(data):
    import polars as pl

    from realpolitik.data import dyad_years

    frame = dyad_years("cow", years=(1975, 1995), data=data).add_cow_mids(keep=[])
    shuffled = frame.with_lazy(frame.lazy.sort("year", "ccode2", descending=True))
    a = frame.add_peace_years().collect()
    b = shuffled.add_peace_years().collect().sort("ccode1", "ccode2", "year")
    assert a.equals(b)
    # USA-Canada: disputes in 1979, 1989 and 1991 (COW-MID 5.0); the frame starts in 1975, so the spell is
    # left-censored there: 0 (1975), 4 (1979), 0 (1980), 9 (1989), 1 (1991)
    usa_can = a.filter((pl.col("ccode1") == 2) & (pl.col("ccode2") == 20))
    spells = dict(zip(usa_can["year"], usa_can["cowmidspell"], strict=True))
    assert [spells[y] for y in (1975, 1979, 1980, 1989, 1991)] == [0, 4, 0, 9, 1]
