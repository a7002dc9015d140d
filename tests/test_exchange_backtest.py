"""Multi-issue backtest cases: the issues of one group linked for the exchange model, single-issue models unchanged."""

from __future__ import annotations

import polars as pl
import pytest

from realpolitik.evaluate.dataset import case_from_rows
from realpolitik.evaluate.harness import build, run_backtest
from realpolitik.evaluate.linked import link_cases
from realpolitik.models import get_model
from realpolitik.scenario.model import Scenario

ROWS = {  # the docs example (docs/models/exchange.md): issues p and q of one proposal g1, and r alone in g2
    "p": [{"actor": "a", "capability": 1, "position": 20, "salience": 0.6},
          {"actor": "b", "capability": 2, "position": 80, "salience": 0.2}],
    "q": [{"actor": "a", "capability": 1, "position": 10, "salience": 0.3},
          {"actor": "b", "capability": 2, "position": 70, "salience": 0.8}],
    "r": [{"actor": "a", "capability": 1, "position": 0, "salience": 0.5},
          {"actor": "b", "capability": 2, "position": 90, "salience": 0.5}],
}


def cases():
    return [case_from_rows(i, "g2" if i == "r" else "g1", rows, 50.0) for i, rows in ROWS.items()]


def test_link_cases_merges_the_issues_of_a_group():
    linked = link_cases(cases())
    assert [c.linked is not None for c in linked] == [True, True, False]
    s = linked[0].linked
    assert [i.id for i in s.issues] == ["p", "q"] and [g.issues for g in s.issue_links] == [("p", "q")]
    assert linked[0].scenario.issues[0].id == "p" and len(linked[0].scenario.issues) == 1


def test_link_cases_keeps_groups_with_different_capabilities_apart():
    rows = dict(ROWS)
    rows["q"] = [dict(r, capability=3) if r["actor"] == "b" else r for r in ROWS["q"]]
    linked = link_cases([case_from_rows(i, "g1", rows[i], 50.0) for i in ("p", "q")])
    assert all(c.linked is None and "capability differs" in c.meta["unlinked"] for c in linked)


def test_backtest_scores_the_exchange_model_on_linked_issues_and_others_unchanged():
    result = run_backtest(cases(), build(["compromise", "exchange:preset=parity"]), progress=False)
    got = {(r["model"], r["case"]): r["prediction"] for r in result.predictions.iter_rows(named=True)}
    # compromise on p alone: (1·0.6·20 + 2·0.2·80)/(0.6 + 0.4) = 44
    assert got["compromise", "p"] == pytest.approx(44)
    joint = Scenario.model_validate({
        "id": "j", "title": "j", "actors": [{"id": a, "name": a, "capability": c} for a, c in (("a", 1), ("b", 2))],
        "issues": [{"id": i, "name": i, "low": "0", "high": "100"} for i in "pq"],
        "stances": [{"actor": r["actor"], "issue": i, "position": r["position"], "salience": r["salience"]}
                    for i in "pq" for r in ROWS[i]]})
    expected = get_model("exchange", preset="parity").run(joint)
    assert got["exchange(preset=parity)", "p"] == pytest.approx(expected.outcome("p"))
    assert got["exchange(preset=parity)", "q"] == pytest.approx(expected.outcome("q"))
    assert got["exchange(preset=parity)", "p"] != pytest.approx(44)
    # r is alone in its proposal: the exchange model is the compromise model there
    assert got["exchange(preset=parity)", "r"] == pytest.approx(got["compromise", "r"])
    assert result.predictions.filter(pl.col("failure").is_not_null()).height == 0


def test_a_linked_proposal_runs_once_per_model(monkeypatch):
    from realpolitik.evaluate import linked
    from realpolitik.models.exchange import ExchangeModel

    calls = []
    original = ExchangeModel.run
    monkeypatch.setattr(linked, "_RUNS", {})
    monkeypatch.setattr(ExchangeModel, "run", lambda self, s, rng=None: calls.append(s.id) or original(self, s, rng))
    run_backtest(cases(), build(["exchange:max_rounds=3"]), progress=False)
    assert sorted(calls) == ["g1", "r"]  # p and q share proposal g1's run; r runs alone
