"""The exchange model on cases worked out on paper, its parameters, and its properties.

The hand computations are written out in each test; the formulas are those of docs/models/exchange.md (spec §2-§10).
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from realpolitik.errors import ModelError, RealpolitikError
from realpolitik.forecast import dumps, forecast_document
from realpolitik.models import get_model
from realpolitik.scenario.model import Scenario


def scenario(stances: dict[str, dict[str, tuple[float, float]]], capability: dict[str, float],
             links: list[list[str]] | None = None, seed: int = 0) -> Scenario:
    """Build a scenario from {actor: {issue: (position, salience)}} and {actor: capability}."""
    issues = list(dict.fromkeys(i for per in stances.values() for i in per))
    doc = {"id": "hand", "title": "hand-worked", "seed": seed,
           "actors": [{"id": a, "name": a, "capability": c} for a, c in capability.items()],
           "issues": [{"id": i, "name": i, "low": "0", "high": "100"} for i in issues],
           "stances": [{"actor": a, "issue": i, "position": x, "salience": s}
                       for a, per in stances.items() for i, (x, s) in per.items()]}
    if links:
        doc["issue_links"] = [{"id": f"g{k}", "issues": group} for k, group in enumerate(links)]
    return Scenario.model_validate(doc)


DOCS_EXAMPLE = scenario({"a": {"p": (20, 0.6), "q": (10, 0.3)}, "b": {"p": (80, 0.2), "q": (70, 0.8)}},
                        {"a": 1, "b": 2})


def first_round(forecast) -> list[dict]:
    return forecast.issues[0].rounds[1].extra["exchanges"]


def test_docs_example_worked_by_hand():
    """docs/models/exchange.md: w_p = (0.6, 0.4), W_p = 1, O_p = 44; w_q = (0.3, 1.6), W_q = 1.9, O_q = 115/1.9.
    a is left on both issues, b right on both; rho_a = 2 > rho_b = 0.25, so a demands p and supplies q.
    M1: b moves 60 → dO_p = 24, dO_q = 24·0.8/1.1 = 17.45, a's move 17.45·1.9/0.3 = 110.5 > 60 = a's distance.
    M2: a moves 60 → dO_q = 0.3·60/1.9 = 180/19; dO_p = 180/19 · 1.1/0.8 = 495/38; b's move = 495/38/0.4.
    M4: O_q lands on b's 70 exactly (not across); O_p = 44 − 495/38 = 30.97 stays above a's 20: no cap.
    G = 0.6·495/38 − 0.3·180/19 = 189/38 for both. Rule U: a on q 10 + 0.38·60 = 32.8;
    b on p 80 + 0.42·(80 − 1237.5/38 − 80)."""
    f = get_model("exchange", preset="parity", max_rounds=1).run(DOCS_EXAMPLE)
    [e] = first_round(f)
    assert (e["a"]["actor"], e["a"]["supplies"], e["b"]["supplies"]) == ("a", "q", "p")
    assert e["a"]["to"] == pytest.approx(70)
    assert e["b"]["to"] == pytest.approx(80 - 1237.5 / 38)
    assert e["a"]["gain"] == pytest.approx(189 / 38) and e["b"]["gain"] == pytest.approx(189 / 38)
    assert f.outcome("p") == pytest.approx(12 + 0.4 * (80 - 1237.5 / 38))
    assert f.outcome("q") == pytest.approx(70)
    assert f.issues[1].rounds[1].positions["a"] == pytest.approx(32.8)
    assert f.issues[0].rounds[1].positions["b"] == pytest.approx(80 - 0.42 * 1237.5 / 38)


def test_default_preset_gives_the_same_first_exchange():
    f = get_model("exchange").run(DOCS_EXAMPLE)
    assert first_round(f)[0]["a"]["gain"] == pytest.approx(189 / 38)


def test_blocked_when_both_actors_are_on_one_side_of_an_issue():
    """c (weight 0.9·1 on q at 100) pulls O_q to (0.5·0 + 0.5·10 + 0.9·100)/1.9 = 50: a (0) and b (10) are both left
    on q, so a–b cannot trade; c has no stance on p, so it trades with nobody."""
    s = scenario({"a": {"p": (0, 0.9), "q": (0, 0.5)}, "b": {"p": (100, 0.1), "q": (10, 0.5)},
                  "c": {"q": (100, 0.9)}}, {"a": 1, "b": 1, "c": 1})
    f = get_model("exchange", preset="parity").run(s)
    assert f.issues[0].diagnostics["exchanges"] == 0
    assert f.outcome("q") == pytest.approx(95 / 1.9)


def test_blocked_by_equal_salience_ratios():
    """0.4/0.2 = 0.6/0.3: neither cares relatively more about p, the gain is 0."""
    s = scenario({"a": {"p": (0, 0.4), "q": (0, 0.2)}, "b": {"p": (100, 0.6), "q": (100, 0.3)}}, {"a": 1, "b": 1})
    assert get_model("exchange", preset="parity").run(s).issues[0].diagnostics["exchanges"] == 0


def test_blocked_by_links():
    s = scenario({"a": {"p": (20, 0.6), "q": (10, 0.3), "r": (0, 0.5)},
                  "b": {"p": (80, 0.2), "q": (70, 0.8), "r": (90, 0.5)}}, {"a": 1, "b": 2}, links=[["p", "r"]])
    f = get_model("exchange", preset="parity", max_rounds=1).run(s)
    assert {tuple(e["issues"]) for e in first_round(f)} <= {("p", "r")}
    assert get_model("exchange", links="none").run(s).issues[0].diagnostics["exchanges"] == 0
    assert get_model("exchange", preset="parity", links="all", max_rounds=1).run(s).issues[1].diagnostics[
        "traded_with"] == ["p"]


def test_links_groups_needs_groups():
    with pytest.raises(ModelError, match="issue_links"):
        get_model("exchange", links="groups").run(DOCS_EXAMPLE)


def test_outcome_cap_stops_the_outcome_at_the_demanders_position():
    """Spec §14.3 (b') by hand: W_p = 0.94, W_q = 1.1, O_q = 61/1.1. b's full move gives dO_p = 4/0.94 and
    dO_q = 1.1/1.0 of it = 4.6809 > 60 − 55.4545: O_q would cross b's 60, so dO_q = 60 − 61/1.1 = 5/1.1,
    a moves 5/1.1 · 1.1/0.5 = 10, dO_p = 5/1.1 / 1.1, b moves that · 0.94/0.04."""
    s = scenario({"a": {"p": (0, 0.9), "q": (10, 0.5)}, "b": {"p": (100, 0.2), "q": (60, 0.5)},
                  "c": {"q": (100, 0.5)}}, {"a": 1, "b": 0.2, "c": 1})
    [e] = first_round(get_model("exchange", preset="parity", max_rounds=1).run(s))
    assert e["a"]["to"] == pytest.approx(20)
    assert e["b"]["to"] == pytest.approx(100 - 5 / 1.1 / 1.1 * 0.94 / 0.04)
    assert e["outcome"]["q"][1] == pytest.approx(60)


def test_conflict_between_two_candidates():
    """Spec §14.2 round 1: A–C (G 4.27) and D–C (C supplies p toward D's 20) both need C on p. After A–C moves C to 0
    (A's position), moving toward D's 20 would reverse C's move, so D–C is dropped; A–B is recomputed from A's new
    position 56.91 and capped at B's 80 (M2)."""
    s = scenario({"a": {"p": (0, 0.9), "q": (0, 0.3)}, "b": {"p": (100, 0.2), "q": (80, 0.8)},
                  "c": {"p": (70, 0.4), "q": (100, 0.9)}, "d": {"p": (20, 0.6), "q": (30, 0.4)}},
                 {"a": 0.5, "b": 0.4, "c": 0.3, "d": 0.8})
    ex = first_round(get_model("exchange", preset="parity", max_rounds=1).run(s))
    pairs = [(e["a"]["actor"], e["b"]["actor"]) for e in ex]
    assert pairs == [("a", "c"), ("a", "b"), ("d", "b")]
    dOp = 0.12 * 70 / 1.13
    assert ex[0]["a"]["to"] == pytest.approx(dOp * 1.3 / 1.2 * 1.06 / 0.15)
    assert (ex[1]["a"]["from"], ex[1]["a"]["to"]) == pytest.approx((dOp * 1.3 / 1.2 * 1.06 / 0.15, 80))


def test_rks_rate_shares_gains_in_proportion_to_maximum_gains():
    """Example (a) of the spec: G_max(A) = 0.8·20 − 0.2·(0.3·20/0.7) = 14.2857 (B moves fully, B's gain 0);
    G_max(B) = 0.7·30 − 0.3·(0.2·30/0.8) = 18.75 (A moves fully, A's gain 0). RKS: G_A/G_B = 14.2857/18.75."""
    s = scenario({"a": {"p": (0, 0.8), "q": (0, 0.2)}, "b": {"p": (100, 0.3), "q": (100, 0.7)}}, {"a": .6, "b": .4})
    [e] = first_round(get_model("exchange", preset="parity", rate="rks", max_rounds=1).run(s))
    assert e["a"]["gain"] / e["b"]["gain"] == pytest.approx((16 - 0.2 * 6 / 0.7) / 18.75)
    assert e["b"]["to"] == pytest.approx(0)


def test_random_rate_is_reproducible_from_the_seed():
    s = scenario({"a": {"p": (0, 0.8), "q": (0, 0.2)}, "b": {"p": (100, 0.3), "q": (100, 0.7)}}, {"a": .6, "b": .4})
    model = get_model("exchange", random_rate=0.5)
    runs = [model.run(s.model_copy(update={"seed": seed})).outcomes for seed in (1, 1, 2, 3, 4)]
    assert runs[0] == runs[1]
    assert len({json.dumps(r) for r in runs[1:]}) > 1
    plain = get_model("exchange").run(s).outcomes
    assert runs[0] != plain
    for r in (get_model("exchange", random_rate=1.0).run(s.model_copy(update={"seed": k})) for k in range(5)):
        for item in r.issues[0].rounds[1:]:
            for e in item.extra["exchanges"]:
                assert min(e["a"]["gain"], e["b"]["gain"]) >= 0


def test_explain_data_and_json():
    model = get_model("exchange", preset="parity", max_rounds=2)
    f = model.run(DOCS_EXAMPLE)
    data = model.explain_data(f, 1)
    assert data["round"] == 1 and len(data["exchanges"]) == 1
    assert model.explain_data(f.issues[1], 1) == data
    assert model.explain_data(f, 3) is None
    assert model.explainable_rounds(f.issues[0]) == range(1, 3)
    text = dumps(forecast_document("hand", "1", [f]))
    assert json.loads(text)["forecasts"][0]["rounds"][1]["exchanges"][0]["a"]["gain"] == pytest.approx(189 / 38)


def test_bad_parameters_are_clear_errors():
    with pytest.raises(RealpolitikError, match="preset"):
        get_model("exchange", preset="paper")
    with pytest.raises(ModelError, match="random_rate"):
        get_model("exchange", random_rate=2.0).run(DOCS_EXAMPLE)
    with pytest.raises(ModelError, match="max_rounds"):
        get_model("exchange", max_rounds=0).run(DOCS_EXAMPLE)


def test_resolved_params_rebuild_the_same_model():
    model = get_model("exchange", preset="parity")
    params = model.resolved_params()
    assert params["max_rounds"] == 10 and params["ties"] == "random"
    assert get_model("exchange", **params).run(DOCS_EXAMPLE).outcomes == model.run(DOCS_EXAMPLE).outcomes


FAST = (Phase.explicit, Phase.reuse, Phase.generate)  # no shrinking: a failing example is printed as drawn

# -- properties --------------------------------------------------------------------------------------------------

position = st.floats(0, 100, allow_nan=False).map(lambda v: round(v, 3))
salience = st.floats(0.05, 1, allow_nan=False).map(lambda v: round(v, 3))
capability = st.floats(0.1, 10, allow_nan=False).map(lambda v: round(v, 3))


@st.composite
def scenarios(draw, issues: int):
    n = draw(st.integers(2, 6))
    actors = [f"a{k}" for k in range(n)]
    stances = {a: {f"i{d}": (draw(position), draw(salience)) for d in range(issues)} for a in actors}
    return scenario(stances, {a: draw(capability) for a in actors})


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow],
          phases=FAST)
@given(scenarios(issues=1))
def test_one_issue_equals_the_compromise_model(s):
    for preset in ("default", "parity"):
        assert get_model("exchange", preset=preset).run(s).outcome("i0") == pytest.approx(
            get_model("compromise").run(s).outcome("i0"), abs=1e-9)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow],
          phases=FAST)
@given(scenarios(issues=3), st.randoms(use_true_random=False))
def test_actor_order_does_not_matter(s, random):
    actors = list(s.actors)
    random.shuffle(actors)
    shuffled = s.model_copy(update={"actors": tuple(actors)})
    model = get_model("exchange")
    assert model.run(shuffled).outcomes == pytest.approx(model.run(s).outcomes, abs=1e-9)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow],
          phases=FAST)
@given(scenarios(issues=3))
def test_every_executed_exchange_gains_both_partners(s):
    """Under the default preset the effect of an exchange on each partner, measured on the running outcome (spec §9:
    s·(|O before − x| − |O after − x|) summed over both issues), is ≥ 0, and so is its recorded gain."""
    f = get_model("exchange").run(s)
    for item in f.issues:
        for r in item.rounds[1:]:
            for e in r.extra["exchanges"]:
                for side in ("a", "b"):
                    assert e[side]["gain"] >= 0
                    assert e[side]["effect"] >= -1e-9


def test_parity_preset_can_hurt_a_partner():
    """The oracle's stale outcomes (AMB-6/13) let D lose in exchange 3 of the spec's example (b): measured −2.08."""
    s = scenario({"a": {"p": (0, 0.9), "q": (0, 0.3)}, "b": {"p": (100, 0.2), "q": (80, 0.8)},
                  "c": {"p": (70, 0.4), "q": (100, 0.9)}, "d": {"p": (20, 0.6), "q": (30, 0.4)}},
                 {"a": 0.5, "b": 0.4, "c": 0.3, "d": 0.8})
    ex = first_round(get_model("exchange", preset="parity", partner_effect="measured", max_rounds=1).run(s))
    assert ex[2]["a"]["effect"] == pytest.approx(-2.07658485, abs=1e-8)
    assert np.all([e["a"]["effect"] >= 0 for e in first_round(get_model("exchange", max_rounds=1).run(s))])


SIX = scenario({a: {f"i{d + 1}": v for d, v in enumerate(per)} for a, per in {
    "a": [(0, .9), (20, .3), (70, .5), (10, .6)], "b": [(100, .4), (90, .8), (30, .6), (60, .2)],
    "c": [(40, .7), (0, .5), (100, .9), (80, .3)], "d": [(75, .2), (60, .6), (0, .4), (100, .8)],
    "e": [(20, .5), (100, .9), (50, .3), (0, .7)], "f": [(60, .6), (40, .4), (85, .8), (40, .5)]}.items()},
    {"a": 1.0, "b": .7, "c": .5, "d": .9, "e": .3, "f": .6})  # the spec's §15 case


@pytest.mark.parametrize("option", [
    {"cap_order": "b_then_a"}, {"demand_position": "current"}, {"repeat_moves": "once"}, {"recompute": "issues"},
    {"recompute": "all"}, {"at_outcome": "right"}, {"recheck_sides": True}, {"cap_outcome": "running"},
    {"rate": "rks"}, {"random_rate": 0.5}, {"ties": "input_order"}])
def test_every_option_runs_and_keeps_moves_valid(option):
    """Each AMB option on the spec's 6 × 4 case: moves toward the partner, within [0, 100], recorded gains ≥ 0."""
    f = get_model("exchange", preset="parity", max_rounds=3, **option).run(SIX)
    seen = set()
    for t in range(1, 4):
        for e in get_model("exchange").explain_data(f, t)["exchanges"]:
            for side in ("a", "b"):
                move = e[side]
                assert 0 <= move["to"] <= 100 and move["gain"] >= 0
                if t == 1 and option.get("repeat_moves") == "once":
                    assert (move["actor"], move["supplies"]) not in seen
                    seen.add((move["actor"], move["supplies"]))


def test_shared_recomputation_misses_nothing_under_linked_caps():
    """With linked caps (parity) a candidate's moves depend only on its movers' positions, their earlier moves and
    its demanders' linked updates, which is exactly what `shared` recomputes: recomputing every candidate after every
    execution (`all`) must give the same rounds on the spec's 6 × 4 case."""
    shared = get_model("exchange", preset="parity").run(SIX)
    everything = get_model("exchange", preset="parity", recompute="all").run(SIX)
    for a, b in zip(shared.issues, everything.issues, strict=True):
        for ra, rb in zip(a.rounds, b.rounds, strict=True):
            assert ra.positions == pytest.approx(rb.positions, abs=1e-12)


def test_no_weight_on_an_issue_is_refused_as_by_the_compromise_model():
    # found in review: every power 0 gave a silent 0.0 while compromise refuses the same scenario
    from realpolitik.errors import ModelError
    from realpolitik.models.registry import get_model
    from realpolitik.scenario.io import scenario_from_dict

    scenario = scenario_from_dict({
        "id": "noweight", "title": "no weight", "issues": [{"id": "p", "name": "p", "low": "no", "high": "yes"}],
        "actors": [{"id": "a", "name": "A", "capability": 0.0}, {"id": "b", "name": "B", "capability": 0.0}],
        "stances": [{"actor": "a", "issue": "p", "position": 10.0, "salience": 0.5},
                    {"actor": "b", "issue": "p", "position": 90.0, "salience": 0.5}]})
    for name in ("compromise", "exchange"):
        with pytest.raises(ModelError, match="weight is zero.*Fix:"):
            get_model(name).run(scenario)
