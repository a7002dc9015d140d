"""Peace-year spells on small hand-worked sequences."""

from __future__ import annotations

import numpy as np

from realpolitik.data.spells import spell_lengths


def _run(units, years, events, missing=None):
    events = np.array(events)
    missing = np.zeros(len(events), dtype=bool) if missing is None else np.array(missing)
    out = spell_lengths([np.array(units)], np.array(years), events, missing)
    return [None if np.isnan(v) else int(v) for v in out]


def test_spell_counts_quiet_years_before_each_event():
    # events:  0 0 1 0 0 0 1 1 0  -> 0 1 2 0 1 2 3 0 0 (the event year carries the count; the next year restarts)
    assert _run([1] * 9, range(2000, 2009), [0, 0, 1, 0, 0, 0, 1, 1, 0]) == [0, 1, 2, 0, 1, 2, 3, 0, 0]


def test_new_unit_gap_and_missing_restart_the_count():
    units = [1, 1, 1, 2, 2, 2, 2]
    years = [2000, 2001, 2003, 2000, 2001, 2002, 2003]   # unit 1 skips 2002
    events = [0, 0, 0, 0, 0, 0, 0]
    missing = [False, False, False, False, True, False, False]
    assert _run(units, years, events, missing) == [0, 1, 0, 0, None, 0, 1]


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
