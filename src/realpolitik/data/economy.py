"""Regime and economy: democracy estimates and simulated GDP and population (both via the isard tables)."""

from __future__ import annotations

from collections.abc import Sequence

from realpolitik.data.frame import PeaceFrame, addon
from realpolitik.data.joins import join_monadic

DEMOCRACY = ("euds", "aeuds", "polity2", "v2x_polyarchy")
GDPPOP = ("mrgdppc", "pwtrgdp", "pwtpop")


@addon("democracy", ("state_year", "dyad_year"), "democracy: extended UDS, Polity2, V-Dem polyarchy")
def add_democracy(frame: PeaceFrame, keep: Sequence[str] | None = None) -> PeaceFrame:
    """Return the frame with ``euds`` and ``aeuds`` (extended Unified Democracy Scores, latent scale centred on
    0), ``polity2`` (-10..10) and ``v2x_polyarchy`` (V-Dem, 0-1), suffixed 1/2 on dyad-years; null where the
    source has no estimate. Uses the table of the frame's own system."""
    name = "cw_democracy" if frame.system == "cow" else "gw_democracy"
    cols: list[str] = list(keep) if keep is not None else list(DEMOCRACY)
    years = frame.data.entry(name).years
    return join_monadic(frame, frame.data.scan(name), frame.system, cols, years, None, name)


@addon("gdppop", ("state_year", "dyad_year"), "simulated GDP, GDP per capita and population (Fariss et al. 2022)")
def add_gdp_pop(frame: PeaceFrame, keep: Sequence[str] | None = None, sd: bool = False) -> PeaceFrame:
    """Return the frame with ``mrgdppc`` (GDP per capita, 2011 international $), ``pwtrgdp`` (real GDP, million
    2017 international $) and ``pwtpop`` (population, millions), plus their simulation standard deviations
    (``sd_*``) when `sd`; suffixed 1/2 on dyad-years; null outside 1816-2019 and where not estimated."""
    name = "cw_gdppop" if frame.system == "cow" else "gw_gdppop"
    cols: list[str] = list(keep) if keep is not None else list(GDPPOP)
    if sd:
        cols += [f"sd_{c}" for c in cols]
    years = frame.data.entry(name).years
    return join_monadic(frame, frame.data.scan(name), frame.system, cols, years, None, name)
