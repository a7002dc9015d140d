"""A tidy Polars frame of a draft's items: one row per drafted actor, relation, quantity and stance cue, each with
the character offsets and quote of its evidence (docs/frames.md). `Draft.to_polars` delegates here."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import polars as pl

if TYPE_CHECKING:
    from realpolitik.draft.document import Draft

ITEMS_SCHEMA = {"section": pl.Utf8, "id": pl.Utf8, "kind": pl.Utf8, "actor": pl.Utf8, "target": pl.Utf8,
                "label": pl.Utf8, "value": pl.Float64, "unit": pl.Utf8, "direction": pl.Utf8,
                "position_low": pl.Float64, "position_high": pl.Float64, "salience_low": pl.Float64,
                "salience_high": pl.Float64, "start": pl.Int64, "end": pl.Int64, "quote": pl.Utf8,
                "sentence": pl.Utf8}


def _row(section: str, item: dict[str, Any]) -> dict[str, Any]:
    evidence = item.get("evidence") or {}
    row: dict[str, Any] = {"section": section, "id": item["id"], "start": evidence.get("start"),
                           "end": evidence.get("end"), "quote": evidence.get("quote"),
                           "sentence": evidence.get("sentence")}
    if section == "actors":
        row.update(kind=item["kind"], actor=item["id"], label=item["name"])
    elif section == "relations":
        row.update(kind=item["kind"], actor=item["source"], target=item["target"], label=item["cue"])
    elif section == "quantities":
        row.update(actor=item["holder"], target=item["where"], label=item["what"], value=item["value"],
                   unit=item["unit"])
    else:
        (p_low, p_high), (s_low, s_high) = item["position_range"], item["salience_range"]
        row.update(actor=item["actor"], label=item["about"], direction=item["direction"], position_low=p_low,
                   position_high=p_high, salience_low=s_low, salience_high=s_high)
    return row


def draft_items(draft: Draft) -> pl.DataFrame:
    """Return one row per drafted item (sections actors, relations, quantities, stances, in that order)."""
    data = draft.to_dict()
    rows = [_row(section, item) for section in ("actors", "relations", "quantities", "stances")
            for item in data[section]]
    return pl.DataFrame(rows, schema=ITEMS_SCHEMA)
