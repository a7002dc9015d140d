"""Alliances: ATOP alliance commitments between states (the COW alliance data are not used; their maintainers ask
that convenience tools neither redistribute nor process them)."""

from __future__ import annotations

from realpolitik.data.frame import PeaceFrame, addon
from realpolitik.data.joins import join_dyadic

ATOP_COLUMNS = ("atop_defense", "atop_offense", "atop_neutral", "atop_nonagg", "atop_consul")


@addon("atop", ("dyad_year",), "ATOP v5.1 alliance commitments (1815-2018)")
def add_atop_alliance(frame: PeaceFrame) -> PeaceFrame:
    """Return the dyad-years with ATOP v5.1 commitments: ``atop_defense``, ``atop_offense``, ``atop_neutral``,
    ``atop_nonagg``, ``atop_consul``, each 1 if the two states shared an alliance with that pledge in the year,
    0 if not, null outside 1815-2018 (ATOP's years; not 0 after them)."""
    entry = frame.data.entry("atop_alliance")
    cols: list[str] = list(ATOP_COLUMNS)
    return join_dyadic(frame, frame.data.scan("atop_alliance"), "cow", cols, entry.years, dict.fromkeys(cols, 0),
                       "atop_alliance")
