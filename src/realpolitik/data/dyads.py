"""Dyad-year frames (directed and non-directed) for the COW and Gleditsch-Ward state systems."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from realpolitik.data.frame import CODE, PeaceFrame
from realpolitik.data.sources import DataDir, data_dir
from realpolitik.data.systems import SYSTEM_TABLE, check_system, check_years, spell_years, state_spells


def dyad_years(system: str = "cow", years: tuple[int, int] | None = None, *, directed: bool = True,
               mry: bool = True, data: str | Path | DataDir | None = None) -> PeaceFrame:
    """Return a dyad-year frame: every pair of states (``ccode1``, ``ccode2`` or ``gwcode1``, ``gwcode2``) and year
    in which both were system members on at least one common day.

    Two states that were both members in some year but never on the same day (Suriname entered after the
    Republic of Vietnam left, in 1975) do not form a dyad that year; this is computed from the membership dates,
    not read from a list. Directed frames hold both orders; non-directed ones only ``code1 < code2``. G-W frames
    carry ``microstate1``/``microstate2``. E.g. COW directed 1816-2024 has 2,214,930 rows.
    """
    system = check_system(system)
    first, last = check_years(years)
    root = data_dir(data)
    code = CODE[system]
    extra = ["microstate"] if system == "gw" else []
    spells = spell_years(state_spells(root, system, last, mry), first, last)
    multi_spell_years = spells.select(code, "year").is_duplicated().any()
    left = spells.lazy().rename({code: f"{code}1", "d0": "a0", "d1": "a1", **{c: f"{c}1" for c in extra}})
    right = spells.lazy().rename({code: f"{code}2", "d0": "b0", "d1": "b1", **{c: f"{c}2" for c in extra}})
    pair = pl.col(f"{code}1") < pl.col(f"{code}2") if not directed else pl.col(f"{code}1") != pl.col(f"{code}2")
    dyads = (
        left.join(right, on="year", how="inner")
        .filter(pair & (pl.max_horizontal("a0", "b0") <= pl.min_horizontal("a1", "b1")))
        .select(f"{code}1", f"{code}2", "year", *[f"{c}{s}" for s in "12" for c in extra])
    )
    if multi_spell_years:
        dyads = dyads.unique([f"{code}1", f"{code}2", "year"], keep="first")
    dyads = dyads.sort(f"{code}1", f"{code}2", "year")
    return PeaceFrame(dyads, "dyad_year", system, root, (first, last), directed=directed,
                      cited=(SYSTEM_TABLE[system],))
