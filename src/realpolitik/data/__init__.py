"""Peace-science data: state-years, dyad-years and state-days built from published datasets, with add-ons.

The installed package ships no third-party data: point ``REALPOLITIK_DATA`` (or ``--data-dir``, or the `data`
argument) at a folder holding the datasets (see `realpolitik.data.catalog` and docs/data.md)::

    from realpolitik.data import dyad_years
    df = (dyad_years("cow", years=(1816, 2014))
          .add_nmc(keep=["cinc"]).add_contiguity().add_atop_alliance().add_cow_mids().add_peace_years()
          .collect())
"""

from __future__ import annotations

import importlib
from typing import Any

# Lazy re-exports: `realpolitik data --help` and the main CLI stay fast (Polars loads on first use).
_HOME = {
    "ScenarioData": "actors", "scenario_from_data": "actors",
    "add_atop_alliance": "alliances",
    "add_cow_majors": "capabilities", "add_nmc": "capabilities",
    "DATASETS": "catalog", "Dataset": "catalog",
    "add_cow_mids": "disputes", "add_gml_mids": "disputes",
    "dyad_years": "dyads",
    "add_democracy": "economy", "add_gdp_pop": "economy",
    "filter_contiguous": "filters", "filter_major_powers": "filters", "filter_prd": "filters",
    "ADDONS": "frame", "PeaceFrame": "frame", "addon": "frame", "get_addon": "frame",
    "add_capital_distance": "geography", "add_contiguity": "geography", "add_minimum_distance": "geography",
    "add_igos": "igos",
    "add_strategic_rivalries": "rivalries",
    "DataDir": "sources", "data_dir": "sources",
    "add_peace_years": "spells",
    "state_days": "states", "state_years": "states",
    "add_cow_wars": "wars", "add_ucdp_acd": "wars", "add_ucdp_onsets": "wars",
}

__all__ = sorted(_HOME)


def __getattr__(name: str) -> Any:
    if name in _HOME:
        return getattr(importlib.import_module(f"realpolitik.data.{_HOME[name]}"), name)
    raise AttributeError(f"module 'realpolitik.data' has no attribute {name!r}")
