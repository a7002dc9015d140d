"""Scenarios: actors, issues, stances, relations and sources; file formats and validation.

The names below are imported from their modules on first use, so that importing one submodule (e.g. the data
model, which every model needs) does not load every file format.
"""

from __future__ import annotations

from typing import Any

_IO = ("dumps_json", "dumps_toml", "load_scenario", "parse_text", "save_scenario", "scenario_from_dict")
_MODEL = ("Actor", "ActorKind", "CapabilityComponent", "DecisionRule", "IdealAdjustment", "Issue", "IssueArrays",
          "IssueLink", "ItemStatus", "Quantity", "Relation", "RelationKind", "Scenario", "Source", "Stance",
          "StanceCue")

__all__ = [*_MODEL, *_IO]


def __getattr__(name: str) -> Any:
    if name in _IO or name in _MODEL:
        from importlib import import_module

        return getattr(import_module("realpolitik.scenario.io" if name in _IO else "realpolitik.scenario.model"), name)
    raise AttributeError(f"module 'realpolitik.scenario' has no attribute {name!r}")
