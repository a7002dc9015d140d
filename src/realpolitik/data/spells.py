"""Peace-years: spells since the last conflict event, per state or dyad.

For each unit (state, or dyad in its direction) and consecutive run of observed years, the spell is 0 in the
first year observed and in the year after an event, and otherwise one more than the year before; so the value in
an event year counts the quiet years before it (the Beck, Katz and Tucker 1998 convention, as peacesciencer's
``add_spells`` computes it). The spell is null where the event is null (outside the event data's years), and a
gap in a unit's years (a state leaving and re-entering the system) starts a new run at 0. Left-censored: the
first year a unit is observed counts as 0 whatever came before.
"""

from __future__ import annotations

from typing import Literal

import numpy as np

from realpolitik.data.frame import PeaceFrame, addon
from realpolitik.data.streaming import ROW, sorted_by_units, spell_expr
from realpolitik.errors import RealpolitikError

EVENTS = {"cowmid": "cowmidspell", "gmlmid": "gmlmidspell", "cowinter": "cowinterspell", "ucdp": "ucdpspell"}


def spell_lengths(units: list[np.ndarray], year: np.ndarray, event: np.ndarray, missing: np.ndarray) -> np.ndarray:
    """Return the spell for each row of data sorted by unit then year (see the module docstring).

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
    same &= year[1:] == year[:-1] + 1
    start[1:] = ~same | (event[:-1] == 1) | missing[:-1]
    idx = np.arange(n)
    run_start = np.maximum.accumulate(np.where(start, idx, 0))
    spell = (idx - run_start).astype(np.float64)
    spell[missing] = np.nan
    return spell


@addon("peace_years", ("state_year", "dyad_year"), "peace-years (spells) for every conflict add-on present")
def add_peace_years(frame: PeaceFrame, event: Literal["ongoing", "onset"] = "ongoing") -> PeaceFrame:
    """Return the frame with a spell column for each conflict add-on already applied: ``cowmidspell``,
    ``gmlmidspell``, ``cowinterspell`` (dyad-years), ``ucdpspell`` (state-years). `event` chooses whether an
    ongoing event (default) or only an onset interrupts peace. Lazy and streaming (see `realpolitik.data.streaming`);
    rows come back in unit-year order, the builders' order. Raises when no conflict add-on is present."""
    present = [p for p in EVENTS if f"{p}{event}" in frame.columns]
    if not present:
        raise RealpolitikError(
            "peace-years need a conflict add-on first (mids, gml, wars or ucdp). Fix: e.g. "
            "dyad_years('cow').add_cow_mids().add_peace_years(), or --add mids,peace_years"
        )
    ids = [k for k in frame.keys if k != "year"]
    lazy = sorted_by_units(frame.lazy, frame.keys)  # streams: Polars drops the sort when rows are in key order
    lazy = lazy.with_columns(spell_expr(ids, f"{p}{event}", EVENTS[p]) for p in present).drop(ROW)
    return frame.with_lazy(lazy)
