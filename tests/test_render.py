"""Presentation of iterative forecasts: round tables (head and tail of long runs), summaries and explanations."""

from __future__ import annotations

import io
import json

import pytest
from rich.console import Console

from realpolitik.cli.render import forecast_json, print_forecasts, rounds_table
from realpolitik.errors import RealpolitikError
from realpolitik.forecast import IssueForecast, Round
from realpolitik.models import get_model
from realpolitik.models.base import Model
from realpolitik.pipeline.forecasting import check_explain_round
from tests.conftest import make_scenario


class Halving(Model):
    """A toy iterative model for these tests: every actor moves halfway to 50 each round (not registered)."""

    name = "halving"
    iterative = True

    def __init__(self, max_rounds: int = 30) -> None:
        self.max_rounds = max_rounds

    def run_issue(self, scenario, issue, rng):
        arrays = scenario.arrays(issue)
        x = arrays.position.copy()
        rounds = [Round(0, dict(zip(arrays.actors, x.tolist(), strict=True)))]
        for k in range(1, self.max_rounds + 1):
            x = (x + 50) / 2
            rounds.append(Round(k, dict(zip(arrays.actors, x.tolist(), strict=True)), {"moves": [f"r{k}"]}))
        return IssueForecast(issue, float(x.mean()), tuple(rounds), stopped=f"max_rounds at round {self.max_rounds}")

    def explain(self, forecast, round):
        return f"round {round}: moves {forecast.rounds[round].extra.get('moves')}"

    def explain_data(self, forecast, round):
        return {"round": round, "moves": forecast.rounds[round].extra.get("moves")}


def render(renderable_fn) -> str:
    console = Console(file=io.StringIO(), width=200)
    renderable_fn(console)
    return console.file.getvalue()


def test_round_table_shows_head_and_tail_of_long_runs():
    scenario = make_scenario([("a", 1, 0, 1.0), ("b", 1, 100, 1.0)])
    forecast = Halving(max_rounds=30).run(scenario)
    text = render(lambda c: c.print(rounds_table(forecast, "issue")))
    # round 1: a at 25.0, b at 75.0; round 2: 37.5 and 62.5; round 30 is shown, round 20 is elided
    rows = {cells[0]: cells[1:] for line in text.splitlines() if line.count("│") == 4
            for cells in [[c.strip() for c in line.split("│")[1:4]]]}
    assert rows["1"] == ["25.0", "75.0"] and rows["2"] == ["37.5", "62.5"] and rows["…"] == ["…", "…"]
    assert "│    30 │" in text and "│    20 │" not in text
    assert "stopped: max_rounds at round 30" in text


def test_print_forecasts_summary_and_explain():
    scenario = make_scenario([("a", 1, 0, 1.0), ("b", 1, 100, 1.0)])
    model = Halving(max_rounds=3)
    forecast = model.run(scenario)
    text = render(lambda c: print_forecasts(c, scenario, [model], [forecast], explain=2, trajectory=False))
    assert "halving on issue: 3 rounds, outcome 50.0, stopped: max_rounds at round 3" in text
    assert "round 2: moves ['r2']" in text


def test_forecast_records_carry_model_fields_beside_round_and_positions():
    scenario = make_scenario([("a", 1, 0, 1.0), ("b", 1, 100, 1.0)])
    record = Halving(max_rounds=1).run(scenario).to_records()[0]
    assert record["rounds"][1] == {"round": 1, "positions": {"a": 25.0, "b": 75.0}, "moves": ["r1"]}
    assert record["stopped"] == "max_rounds at round 1" and record["params"] == {"max_rounds": 1}


def test_any_iterative_model_explanation_is_carried_in_json():
    scenario = make_scenario([("a", 1, 0, 1.0), ("b", 1, 100, 1.0)])
    model = Halving(max_rounds=3)
    forecast = model.run(scenario)
    record = json.loads(forecast_json(scenario, [forecast], [model], explain=2))["forecasts"][0]
    assert record["explain"] == {"round": 2, "moves": ["r2"]}
    assert "explain" not in json.loads(forecast_json(scenario, [forecast]))["forecasts"][0]


@pytest.mark.parametrize("round", [0, 4])
def test_explain_round_outside_the_run_is_an_error(round):
    scenario = make_scenario([("a", 1, 0, 1.0), ("b", 1, 100, 1.0)])
    model = Halving(max_rounds=3)
    expected = rf"--explain {round}: no chosen model reached that round on any issue \(halving: rounds 1 to 3\)\. Fix"
    with pytest.raises(RealpolitikError, match=expected):
        check_explain_round([model], [model.run(scenario)], round)
    check_explain_round([model], [model.run(scenario)], 3)


class Verdict(Model):
    """A toy one-shot model that explains its single decision (round 0), like wartrap's pair table."""

    name = "verdict"

    def __init__(self) -> None:
        pass

    def run_issue(self, scenario, issue, rng):
        return IssueForecast(issue, 50.0, (Round(0, {"a": 0.0, "b": 100.0}),))

    def explain(self, forecast, round):
        return f"verdict on {forecast.issue}: split the difference"


def test_one_shot_models_explain_round_zero_beside_iterative_ones():
    scenario = make_scenario([("a", 1, 0, 1.0), ("b", 1, 100, 1.0)])
    models = [Verdict(), Halving(max_rounds=3)]
    forecasts = [m.run(scenario) for m in models]
    check_explain_round(models, forecasts, 0)  # verdict explains round 0
    check_explain_round(models, forecasts, 2)  # halving explains round 2
    text = render(lambda c: print_forecasts(c, scenario, models, forecasts, explain=0, trajectory=False))
    assert "verdict on issue: split the difference" in text and "moves" not in text
    text = render(lambda c: print_forecasts(c, scenario, models, forecasts, explain=2, trajectory=False))
    assert "round 2: moves ['r2']" in text and "split the difference" not in text
    with pytest.raises(RealpolitikError, match="none of the chosen models .*explains"):
        check_explain_round([get_model("mean")], [get_model("mean").run(scenario)], 0)


class Uneven(Halving):
    """Halving that plays 5 rounds on issue 'long' and 2 on issue 'short'."""

    name = "uneven"

    def run_issue(self, scenario, issue, rng):
        self.max_rounds = 5 if issue == "long" else 2
        return super().run_issue(scenario, issue, rng)


def test_explain_a_round_some_issues_did_not_reach():
    from realpolitik.scenario.model import Scenario

    scenario = Scenario.model_validate({
        "id": "two", "title": "Two issues",
        "actors": [{"id": "a", "name": "A", "capability": 1}, {"id": "b", "name": "B", "capability": 1}],
        "issues": [{"id": i, "name": i, "low": "l", "high": "h"} for i in ("long", "short")],
        "stances": [{"actor": a, "issue": i, "position": x, "salience": 1.0}
                    for i in ("long", "short") for a, x in (("a", 0.0), ("b", 100.0))]})
    model = Uneven()
    forecasts = [model.run(scenario)]
    check_explain_round([model], forecasts, 4)  # round 4 exists on 'long' only: allowed
    text = render(lambda c: print_forecasts(c, scenario, [model], forecasts, explain=4, trajectory=False))
    assert "round 4: moves ['r4']" in text and "uneven on short: no round 4 to explain (rounds 1 to 2)" in text
    with pytest.raises(RealpolitikError, match=r"\(uneven: rounds 1 to 5\)"):
        check_explain_round([model], forecasts, 6)
