"""The add-on contract over every registered add-on: unit refusal, null outside the source's years, idempotent.

Parametrised from the registry: a new add-on (a `@addon` function in any `realpolitik.data` module, or a plugin in
the ``realpolitik.addons`` entry-point group) is covered by adding nothing but itself.
"""

from __future__ import annotations

import polars as pl
import pytest

from realpolitik.data import PeaceFrame, addons, dyad_years, state_years
from realpolitik.errors import RealpolitikError

UNITS = ("state_year", "dyad_year", "state_day")
PROBE_YEAR = 2000  # inside every source's years: tells which datasets an add-on cites
LAST_FRAME_YEAR = 2024  # the last year a frame can be built for with the reference data
ALL = sorted(addons())
# Turkey, Iraq, Syria, Jordan, Israel: a small region keeps slow add-ons (eu_war_reason's risk search) quick
STATES = [640, 645, 652, 663, 666]


def _frame(unit: str, years: tuple[int, int], data) -> PeaceFrame:
    """Return a COW frame of `unit` over `years`, its rows cut to the states of `STATES`."""
    if unit == "state_year":
        frame = state_years("cow", years=years, data=data)
        return frame.with_lazy(frame.lazy.filter(pl.col("ccode").is_in(STATES)))
    frame = dyad_years("cow", years=years, data=data)
    return frame.with_lazy(frame.lazy.filter(pl.col("ccode1").is_in(STATES) & pl.col("ccode2").is_in(STATES)))


def _coverage_end(addon, data) -> tuple[str, int | None]:
    """Return the unit the checks use and the last year of the sources the add-on cites (None: no bounded source)."""
    unit = "state_year" if "state_year" in addon.units else addon.units[0]
    probe = _frame(unit, (PROBE_YEAR, PROBE_YEAR), data)
    try:
        out = addon.fn(probe)
    except RealpolitikError as exc:
        pytest.skip(f"add-on '{addon.name}' does not apply to a bare {unit} frame: {exc}")
    bounding = addon.years_of if addon.years_of is not None else [d for d in out.cited if d not in probe.cited]
    ends = [data.entry(ds).years[1] for ds in bounding if data.entry(ds).years]
    return unit, min(ends) if ends else None


@pytest.mark.parametrize("name", ALL)
def test_refuses_a_frame_of_another_unit(name):
    addon = addons()[name]
    for unit in (u for u in UNITS if u not in addon.units):
        frame = PeaceFrame(pl.LazyFrame(), unit, "cow", None, (2000, 2000))  # type: ignore[arg-type]
        held = unit.replace("_", "-") + "s"
        with pytest.raises(RealpolitikError, match=f"add-on '{name}' works on .*this frame holds {held}. Fix:"):
            addon.fn(frame)


@pytest.mark.parametrize("name", ALL)
def test_null_after_the_last_year_of_its_sources(name, data):
    addon = addons()[name]
    unit, end = _coverage_end(addon, data)
    if end is None or end + 1 > LAST_FRAME_YEAR:
        pytest.skip(f"add-on '{name}': no source year bound before {LAST_FRAME_YEAR} to test against "
                    "(years_of=() or sources that run to the end)")
    frame = _frame(unit, (end, end + 1), data)
    out = addon.fn(frame)
    added = [c for c in out.columns if c not in frame.columns]
    df = out.collect()
    assert added, f"add-on '{name}' added no column"
    inside, outside = df.filter(pl.col("year") == end), df.filter(pl.col("year") == end + 1)
    assert outside.height > 0 and inside.height > 0
    for col in added:
        assert outside[col].null_count() == outside.height, f"{col} has values in {end + 1}, after its sources end"
    assert any(inside[c].null_count() < inside.height for c in added), f"no value of '{name}' in {end}"


@pytest.mark.parametrize("name", ALL)
def test_applying_twice_gives_the_same_columns(name, data):
    addon = addons()[name]
    unit = "state_year" if "state_year" in addon.units else addon.units[0]
    frame = _frame(unit, (PROBE_YEAR, PROBE_YEAR), data)
    try:
        once = addon.fn(frame)
    except RealpolitikError as exc:
        pytest.skip(f"add-on '{name}' does not apply to a bare {unit} frame: {exc}")
    twice = addon.fn(once)
    assert twice.columns == once.columns
    assert not [c for c in twice.columns if c.endswith("_right")]
    assert twice.collect().equals(once.collect())
