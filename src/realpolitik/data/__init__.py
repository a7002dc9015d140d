"""Peace-science data: state-years, dyad-years and state-days built from published datasets, with add-ons.

The installed package ships no third-party data: point ``REALPOLITIK_DATA`` (or ``--data-dir``, or the `data`
argument) at a folder holding the datasets (see `realpolitik.data.catalog` and docs/data.md)::

    from realpolitik.data import dyad_years
    df = (dyad_years("cow", years=(1816, 2014))
          .add_nmc(keep=["cinc"]).add_contiguity().add_atop_alliance().add_cow_mids().add_peace_years()
          .collect())
"""

from realpolitik.data.actors import ScenarioData, scenario_from_data
from realpolitik.data.alliances import add_atop_alliance
from realpolitik.data.capabilities import add_cow_majors, add_nmc
from realpolitik.data.catalog import DATASETS, Dataset
from realpolitik.data.disputes import add_cow_mids, add_gml_mids
from realpolitik.data.dyads import dyad_years
from realpolitik.data.economy import add_democracy, add_gdp_pop
from realpolitik.data.filters import filter_contiguous, filter_major_powers, filter_prd
from realpolitik.data.frame import ADDONS, PeaceFrame, addon, get_addon
from realpolitik.data.geography import add_capital_distance, add_contiguity, add_minimum_distance
from realpolitik.data.igos import add_igos
from realpolitik.data.rivalries import add_strategic_rivalries
from realpolitik.data.sources import DataDir, data_dir
from realpolitik.data.spells import add_peace_years
from realpolitik.data.states import state_days, state_years
from realpolitik.data.wars import add_cow_wars, add_ucdp_acd, add_ucdp_onsets

__all__ = [
    "ADDONS", "DATASETS", "DataDir", "Dataset", "PeaceFrame", "ScenarioData", "add_atop_alliance",
    "add_capital_distance", "add_contiguity", "add_cow_majors", "add_cow_mids", "add_cow_wars", "add_democracy",
    "add_gdp_pop", "add_gml_mids", "add_igos", "add_minimum_distance", "add_nmc", "add_peace_years",
    "add_strategic_rivalries", "add_ucdp_acd", "add_ucdp_onsets", "addon", "data_dir", "dyad_years",
    "filter_contiguous", "filter_major_powers", "filter_prd", "get_addon", "scenario_from_data", "state_days",
    "state_years",
]
