"""Alliances: ATOP alliance commitments between states (the COW alliance data are not used; their maintainers ask
that convenience tools neither redistribute nor process them)."""

from __future__ import annotations

import polars as pl

from realpolitik.data.frame import PeaceFrame, addon
from realpolitik.data.joins import join_dyadic

ATOP_COLUMNS = ("atop_defense", "atop_offense", "atop_neutral", "atop_nonagg", "atop_consul")


@addon("atop", ("dyad_year",), "ATOP v5.1 alliance commitments (1815-2018)")
def add_atop_alliance(frame: PeaceFrame) -> PeaceFrame:
    """Return the dyad-years with ATOP v5.1 commitments: ``atop_defense``, ``atop_offense``, ``atop_neutral``,
    ``atop_nonagg``, ``atop_consul``, each 1 if the two states shared an alliance with that pledge in the year,
    0 if not, null outside 1815-2018 (ATOP's years; not 0 after them), and ``atop_alliance``, peacesciencer's
    any-alliance flag: 1 if any of the five is 1 (some ATOP rows carry no pledge at all: 0 there)."""
    entry = frame.data.entry("atop_alliance")
    cols: list[str] = list(ATOP_COLUMNS)
    joined = join_dyadic(frame, frame.data.scan("atop_alliance"), "cow", cols, entry.years, dict.fromkeys(cols, 0),
                         "atop_alliance")
    any_pledge = pl.max_horizontal(*cols).cast(pl.Int32).alias("atop_alliance")
    return joined.with_lazy(joined.lazy.with_columns(any_pledge))
