"""Which issue pairs the exchange model may trade: all issues of a scenario, or its named groups of linked issues."""

from __future__ import annotations

import numpy as np

from realpolitik.errors import ModelError
from realpolitik.scenario.model import Scenario

LINKS = ("auto", "all", "groups", "none")


def tradable_pairs(scenario: Scenario, links: str = "auto") -> np.ndarray:
    """Return a symmetric (m, m) boolean matrix: may issues d and e be traded against each other?

    ``all``: every pair of distinct issues. ``groups``: pairs within one of the scenario's ``issue_links`` groups
    (an issue may sit in several groups). ``auto``: ``groups`` when the scenario has any, else ``all``. ``none``:
    no pair (the model then reduces to the compromise model on every issue).
    """
    m = len(scenario.issues)
    groups = scenario.issue_links
    if links == "groups" and not groups:
        raise ModelError(f"model 'exchange' on scenario {scenario.id!r}: links=groups but the scenario names no "
                         "issue_links groups. Fix: add [[issue_links]] entries (docs/scenario-format.md) or run "
                         "with links=all")
    if links == "none":
        return np.zeros((m, m), dtype=bool)
    if links == "all" or (links == "auto" and not groups):
        return ~np.eye(m, dtype=bool)
    index = {issue.id: d for d, issue in enumerate(scenario.issues)}
    out = np.zeros((m, m), dtype=bool)
    for group in groups:
        members = [index[i] for i in group.issues]
        out[np.ix_(members, members)] = True
    np.fill_diagonal(out, False)
    return out
