"""Multi-issue backtest cases: the issues of one group (a DEU proposal) linked into one scenario, for models that
trade across issues (``Model.multi_issue``, e.g. the exchange model).

Each case keeps its own one-issue scenario (what single-issue models see) and gains ``linked``: the scenario of all
issues of its group, with one ``issue_links`` group naming them, so a multi-issue model forecasts the case's issue
with the other issues of the proposal on the table and is scored on exactly the same issues as every other model.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from typing import Any

import numpy as np

from realpolitik.evaluate.dataset import BacktestCase, slug
from realpolitik.forecast import Forecast
from realpolitik.scenario.model import IssueLink, Scenario

_RUNS: dict[tuple[str, str], Forecast] = {}
_RUNS_KEPT = 16


def needs_links(models: list[Any]) -> bool:
    """Return whether any of `models` forecasts several linked issues jointly (class attribute ``multi_issue``)."""
    return any(getattr(model, "multi_issue", False) for model in models)


def link_cases(cases: list[BacktestCase]) -> list[BacktestCase]:
    """Return `cases` (same order) where every case of a group with two or more issues carries the group's linked
    scenario. A group whose actors' capabilities differ between its issues cannot be one scenario (a scenario holds
    one capability per actor); its cases stay single-issue and ``meta["unlinked"]`` says why."""
    groups: dict[str, list[BacktestCase]] = defaultdict(list)
    for case in cases:
        groups[case.group].append(case)
    linked: dict[str, Scenario | str] = {g: _merge(g, members) for g, members in groups.items() if len(members) > 1}
    out = []
    for case in cases:
        scenario = linked.get(case.group)
        if isinstance(scenario, Scenario):
            out.append(dataclasses.replace(case, linked=scenario))
        elif isinstance(scenario, str):
            out.append(dataclasses.replace(case, meta={**case.meta, "unlinked": scenario}))
        else:
            out.append(case)
    return out


def run_linked(model: Any, scenario: Scenario) -> Forecast:
    """Return `model`'s forecast of a linked scenario (seeded from the scenario), computed once per model and
    scenario in this process: the cases of one proposal share it, so a proposal with k issues runs once, not k
    times. A model run is a function of its parameters and the scenario, so the cached forecast is the same."""
    key = (repr(model), scenario.fingerprint())
    if key not in _RUNS:
        if len(_RUNS) >= _RUNS_KEPT:
            _RUNS.clear()
        _RUNS[key] = model.run(scenario, rng=np.random.default_rng(scenario.seed))
    return _RUNS[key]


def _merge(group: str, members: list[BacktestCase]) -> Scenario | str:
    """Return the scenario of all `members`' issues, or the reason they cannot be merged."""
    actors: dict[str, Any] = {}
    for case in members:
        for actor in case.scenario.actors:
            known = actors.setdefault(actor.id, actor)
            if known.capability != actor.capability:
                return (f"{actor.id}'s capability differs between the issues of {group} "
                        f"({known.capability} and {actor.capability})")
    issues = [case.scenario.issue(case.issue) for case in members]
    first = members[0].scenario
    return Scenario(id=slug(group), title=f"{group}: {len(members)} linked issues", seed=first.seed,
                    actors=tuple(actors.values()), issues=tuple(issues),
                    stances=tuple(s for case in members for s in case.scenario.stances),
                    issue_links=(IssueLink(id=slug(group), issues=tuple(i.id for i in issues)),))
