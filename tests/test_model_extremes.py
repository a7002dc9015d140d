"""Every model on extreme-but-valid inputs: a finite outcome within the scale, or the project's error (issue 14)."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from realpolitik.errors import RealpolitikError
from realpolitik.models import registry
from realpolitik.models.smp_challenge import distances
from realpolitik.scenario.io import scenario_from_dict

EXTREME = st.sampled_from([0.0, 5e-324, 1e-300, 1e-160, 1e-12, 0.5, 1.0])
CAPABILITY = st.sampled_from([0.0, 1e-300, 1e-160, 1.0, 1e12, 1e200])
POSITION = st.sampled_from([0.0, 1e-12, 50.0, 100.0 - 1e-12, 100.0]) | st.floats(0, 100)


def scenario(actors: list[tuple[float, list[tuple[float, float]]]]):
    n_issues = len(actors[0][1])
    return scenario_from_dict({
        "id": "extreme", "title": "extreme",
        "actors": [{"id": f"a{i}", "name": f"a{i}", "capability": c} for i, (c, _) in enumerate(actors)],
        "issues": [{"id": f"x{k}", "name": f"x{k}", "low": "l", "high": "h"} for k in range(n_issues)],
        "stances": [{"actor": f"a{i}", "issue": f"x{k}", "position": p, "salience": s}
                    for i, (_, stances) in enumerate(actors) for k, (p, s) in enumerate(stances)]})


@st.composite
def scenarios(draw):
    n_issues = draw(st.integers(1, 2))
    actor = st.tuples(CAPABILITY, st.lists(st.tuples(POSITION, EXTREME), min_size=n_issues, max_size=n_issues))
    return scenario(draw(st.lists(actor, min_size=2, max_size=5)))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(), st.sampled_from(sorted(registry.available())))
def test_every_model_gives_a_finite_outcome_in_range_or_the_projects_error(case, name):
    try:
        forecast = registry.get_model(name).run(case, rng=np.random.default_rng(0))
    except RealpolitikError:
        return
    for issue in forecast.issues:
        assert math.isfinite(issue.outcome) and 0.0 <= issue.outcome <= 100.0, (name, issue.outcome)


def test_smp_distances_do_not_underflow_on_tiny_saliences():
    # d = sqrt(Σ s²(y−x)² / Σ s²): equal saliences on two issues, gaps 0.3 and 0.4 → sqrt((0.09 + 0.16)/2).
    ideals = np.array([[0.0, 0.0], [0.3, 0.4]])
    for s in (1.0, 1e-160, 1e-300):
        d = distances(ideals, ideals, np.full((2, 2), s))
        assert np.allclose(d, [[0.0, math.sqrt(0.125)], [math.sqrt(0.125), 0.0]])


def test_smp_on_saliences_of_1e_200_is_finite_and_within_the_scale():
    case = scenario([(1.0, [(0.0, 1e-200)]), (2.0, [(50.0, 1.1e-200)]), (3.0, [(100.0, 1.2e-200)])])
    outcome = registry.get_model("smp").run(case, rng=np.random.default_rng(0)).issues[0].outcome
    assert math.isfinite(outcome) and 0.0 <= outcome <= 100.0  # was NaN, silently


def test_the_exchange_models_expected_outcome_stays_within_the_positions():
    from realpolitik.models.exchange_round import outcome

    # every actor at 100: the outcome is 100 by hand; the plain ratio of the sums rounds to 100.00000000000001
    w = np.array([[0.6369616873214543], [0.2697867137638703], [0.04097352393619469]])
    x = np.full((3, 1), 100.0)
    assert (w * x).sum(axis=0)[0] / w.sum(axis=0)[0] > 100.0  # the rounding this guards against
    assert outcome(x, w).tolist() == [100.0]
    assert outcome(np.array([[0.0], [100.0]]), np.array([[1.0], [3.0]])).tolist() == [75.0]  # 300 / 4
