"""Peace-years: spells since the last conflict event, per state or dyad.

For each unit (state, or dyad in its direction), in year order, the spell is 0 in the unit's first observed year
and in the year after an event, and otherwise one more than in the unit's previous observed year; so the value in
an event year counts the quiet observed years before it (the Beck, Katz and Tucker 1998 convention). The spell is
null where the event is null (outside the event data's years) and restarts after such a year. Left-censored: the
first year a unit is observed counts as 0 whatever came before.

A gap in a unit's years (a state leaving the system and coming back, so its dyads vanish for a while) does not
restart the count by default: the counter runs on across the gap, one per observed year, as peacesciencer's
``add_spells`` (stevemisc ``ps_spells``, which numbers a unit's rows in year order) does. ``reset_on_reentry=True``
restarts it at 0 in the first year after a gap instead, treating re-entry like a new unit.
"""

from __future__ import annotations

from typing import Literal

import numpy as np

from realpolitik.data.frame import PeaceFrame, addon
from realpolitik.data.streaming import ROW, sorted_by_units, spell_expr
from realpolitik.errors import RealpolitikError

EVENTS = {"cowmid": "cowmidspell", "gmlmid": "gmlmidspell", "cowinter": "cowinterspell", "ucdp": "ucdpspell"}


def spell_lengths(units: list[np.ndarray], year: np.ndarray, event: np.ndarray, missing: np.ndarray,
                  reset_on_reentry: bool = False) -> np.ndarray:
    """Return the spell for each row of data sorted by unit then year (see the module docstring; a gap in a
    unit's years restarts the count only with `reset_on_reentry`).

    `units` are the unit-identifier arrays, `event` 0/1 (any value where `missing`), `missing` a boolean mask.
    Returns float64 with NaN where `missing`. Vectorised: one pass of cumulative maxima, no per-unit loop.
    """
    n = year.shape[0]
    if n == 0:
        return np.zeros(0)
    start = np.ones(n, dtype=bool)
    same = np.ones(n - 1, dtype=bool)
    for u in units:
        same &= u[1:] == u[:-1]
    if reset_on_reentry:
        same &= year[1:] == year[:-1] + 1
    start[1:] = ~same | (event[:-1] == 1) | missing[:-1]
    idx = np.arange(n)
    run_start = np.maximum.accumulate(np.where(start, idx, 0))
    spell = (idx - run_start).astype(np.float64)
    spell[missing] = np.nan
    return spell


@addon("peace_years", ("state_year", "dyad_year"), "peace-years (spells) for every conflict add-on present")
def add_peace_years(frame: PeaceFrame, event: Literal["ongoing", "onset"] = "ongoing",
                    reset_on_reentry: bool = False) -> PeaceFrame:
    """Return the frame with a spell column for each conflict add-on already applied: ``cowmidspell``,
    ``gmlmidspell``, ``cowinterspell`` (dyad-years), ``ucdpspell`` (state-years). `event` chooses whether an
    ongoing event (default) or only an onset interrupts peace. By default the count runs on across a gap in a
    unit's years (peacesciencer's rule); `reset_on_reentry=True` restarts it at 0 after a gap. Lazy and streaming
    (`realpolitik.data.streaming`); rows come back in unit-year order, the builders' order. Raises when no
    conflict add-on is present."""
    present = [p for p in EVENTS if f"{p}{event}" in frame.columns]
    if not present:
        raise RealpolitikError(
            "peace-years need a conflict add-on first (mids, gml, wars or ucdp). Fix: e.g. "
            "dyad_years('cow').add_cow_mids().add_peace_years(), or --add mids,peace_years"
        )
    ids = [k for k in frame.keys if k != "year"]
    lazy = sorted_by_units(frame.lazy, frame.keys)  # streams: Polars drops the sort when rows are in key order
    lazy = lazy.with_columns(spell_expr(ids, f"{p}{event}", EVENTS[p], reset_on_reentry) for p in present)
    return frame.with_lazy(lazy.drop(ROW))
