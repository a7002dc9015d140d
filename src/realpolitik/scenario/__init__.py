"""Scenarios: actors, issues, stances, relations and sources; file formats and validation."""

from realpolitik.scenario.io import dumps_json, dumps_toml, load_scenario, parse_text, save_scenario, scenario_from_dict
from realpolitik.scenario.model import (
    Actor,
    ActorKind,
    CapabilityComponent,
    DecisionRule,
    IdealAdjustment,
    Issue,
    IssueArrays,
    IssueLink,
    Relation,
    RelationKind,
    Scenario,
    Source,
    Stance,
)

__all__ = [
    "Actor", "ActorKind", "CapabilityComponent", "DecisionRule", "IdealAdjustment", "Issue", "IssueArrays", "IssueLink",
    "Relation", "RelationKind", "Scenario", "Source", "Stance", "dumps_json", "dumps_toml", "load_scenario",
    "parse_text", "save_scenario", "scenario_from_dict",
]
