"""International governmental organisations: COW IGO v3.0 memberships."""

from __future__ import annotations

from realpolitik.data.frame import PeaceFrame, addon
from realpolitik.data.joins import join_dyadic, join_monadic


@addon("igos", ("state_year", "dyad_year"), "COW IGO v3.0 memberships (1816-2014)")
def add_igos(frame: PeaceFrame) -> PeaceFrame:
    """Return the frame with COW IGO counts: dyad-years get ``dyadigos`` (IGOs in which both states are full
    members); state-years get ``sum_igo_full``, ``sum_igo_associate``, ``sum_igo_observer``, ``sum_igo_anytype``.
    Null outside 1816-2014 and for the few dyad-years the summary table lacks."""
    if frame.unit == "dyad_year":
        entry = frame.data.entry("cow_igo_ndy")
        return join_dyadic(frame, frame.data.scan("cow_igo_ndy"), "cow", ["dyadigos"], entry.years, None,
                           "cow_igo_ndy", directed_source=False)
    entry = frame.data.entry("cow_igo_sy")
    cols = list(entry.columns[2:])
    return join_monadic(frame, frame.data.scan("cow_igo_sy"), "cow", cols, entry.years, None, "cow_igo_sy")
