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

# Lazy re-exports: `realpolitik data --help` and the main CLI stay fast (Polars loads on first use). The add-on
# functions (add_nmc, ...) are not listed here: the add-on registry finds them where they are defined.
_HOME = {
    "ScenarioData": "actors", "scenario_from_data": "actors",
    "DATASETS": "catalog", "Dataset": "catalog",
    "dyad_years": "dyads",
    "filter_contiguous": "filters", "filter_major_powers": "filters", "filter_prd": "filters",
    "ADDONS": "frame", "AddOn": "frame", "PeaceFrame": "frame", "addon": "frame", "addons": "frame",
    "get_addon": "frame",
    "DataDir": "sources", "data_dir": "sources",
    "state_days": "states", "state_years": "states",
}


def __getattr__(name: str) -> Any:
    if name in _HOME:
        return getattr(importlib.import_module(f"realpolitik.data.{_HOME[name]}"), name)
    if name == "__all__":
        return _exports()
    if name.startswith("add_"):
        from realpolitik.data.frame import addon_for_function

        found = addon_for_function(name)
        if found is not None:
            return found.fn
    raise AttributeError(f"module 'realpolitik.data' has no attribute {name!r}")


def _exports() -> list[str]:
    from realpolitik.data.frame import addon_functions

    return sorted({*_HOME, *addon_functions()})


def __dir__() -> list[str]:
    return _exports()
