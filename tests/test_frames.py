"""Tidy frames of every result, checked against the JSON documents (and the scenario file) of the same result."""

from __future__ import annotations

import json
import tomllib
from importlib import resources

import polars as pl
import pytest

import realpolitik
from realpolitik.errors import RealpolitikError
from realpolitik.evaluate.dataset import read_table
from realpolitik.models.specs import build_models
from realpolitik.uncertainty.sensitivity import sensitivity_document, tornado
from realpolitik.uncertainty.whatif import parse_drop, parse_set, what_if
from tests.test_backtest_harness import HAND_COMPROMISE, TABLE

SEED = "south-caucasus-2020"


@pytest.fixture(scope="module")
def doc():
    return realpolitik.forecast(SEED, ["compromise", "bdm"])


@pytest.fixture(scope="module")
def seed_toml() -> dict:
    return tomllib.loads((resources.files("realpolitik") / "scenarios" / f"{SEED}.toml").read_text())


def test_forecast_rounds_frame_holds_every_position_of_the_document(doc):
    frame = doc.to_polars()
    assert frame.columns == ["model", "issue", "round", "actor", "dimension", "position"]
    assert frame.dtypes == [pl.Utf8, pl.Utf8, pl.Int64, pl.Utf8, pl.Int64, pl.Float64]
    expected = {(r["model"], r["issue"], rnd["round"], actor): pos
                for r in json.loads(doc.to_json())["forecasts"] for rnd in r["rounds"]
                for actor, pos in rnd["positions"].items()}
    got = {(m, i, k, a): p for m, i, k, a, _, p in frame.iter_rows()}
    assert got.keys() == expected.keys() and len(frame) == len(expected)
    assert got == pytest.approx(expected)
    # bdm iterates: more than one round per issue, each round listing every actor with a stance on the issue
    bdm = frame.filter(pl.col("model") == "bdm", pl.col("issue") == "karabakh")
    assert bdm["round"].n_unique() > 1
    assert set(bdm["dimension"]) == {0}


def test_forecast_outcomes_frame_matches_the_document(doc):
    frame = doc.to_polars("outcomes")
    records = json.loads(doc.to_json())["forecasts"]
    assert frame.columns == ["model", "issue", "dimension", "outcome", "rounds", "stopped"]
    assert len(frame) == len(records) == 2 * 3
    for (model, issue, _, outcome, rounds, stopped), r in zip(frame.iter_rows(), records, strict=True):
        assert (model, issue, rounds, stopped) == (r["model"], r["issue"], len(r["rounds"]), r.get("stopped"))
        assert outcome == pytest.approx(r["outcome"])
    # the compromise outcome on karabakh of the docstring example, 53.33
    assert frame.filter(model="compromise", issue="karabakh")["outcome"].item() == pytest.approx(53.33, abs=0.005)


def test_unknown_table_names_the_choices(doc):
    with pytest.raises(RealpolitikError, match="Fix: use one of rounds, outcomes"):
        doc.to_polars("round")


def test_scenario_frames_match_the_scenario_file(seed_toml):
    scenario = realpolitik.load_scenario(SEED)
    actors = scenario.to_polars("actors")
    assert actors["actor"].to_list() == [a["id"] for a in seed_toml["actors"]]
    assert actors["capability"].to_list() == pytest.approx([a["capability"] for a in seed_toml["actors"]])
    stances = scenario.to_polars()
    assert stances.columns == ["actor", "issue", "position", "salience", "status"]
    assert [(a, i, p, s) for a, i, p, s, _ in stances.iter_rows()] == [
        (s["actor"], s["issue"], s["position"], s["salience"]) for s in seed_toml["stances"]]
    relations = scenario.to_polars("relations")
    assert relations.select("kind", "from", "to").rows() == [(r["kind"], r["from"], r["to"])
                                                             for r in seed_toml["relations"]]
    assert scenario.to_polars("issues")["issue"].to_list() == [i["id"] for i in seed_toml["issues"]]


@pytest.fixture(scope="module")
def mc():
    return realpolitik.monte_carlo(SEED, ["compromise", "median"], 40, seed=3, events=["karabakh>=55"])


def test_montecarlo_frames_match_the_document(mc):
    document = json.loads(mc.to_json())
    draws = mc.to_polars()
    assert draws.columns == ["model", "draw", "issue", "outcome"]
    assert len(draws) == sum(r["draws_done"] - r["draws_failed"] for r in document["runs"]) * 3
    summary = mc.to_polars("summary")
    for run in document["runs"]:
        for out in run["outcomes"]:
            row = summary.filter(model=run["model"], issue=out["issue"]).row(0, named=True)
            assert (row["n"], row["mean"], row["mean_se"]) == (out["n"], pytest.approx(out["mean"]["value"]),
                                                              pytest.approx(out["mean"]["se"]))
            assert row["q50"] == pytest.approx(out["quantiles"]["0.5"]["value"])
            assert row["q95_se"] == pytest.approx(out["quantiles"]["0.95"]["se"])
            assert row["baseline"] == pytest.approx(out["baseline"])
            # the draws frame holds the draws the document's statistics were computed from
            values = draws.filter(model=run["model"], issue=out["issue"])["outcome"]
            assert len(values) == out["n"] and values.mean() == pytest.approx(out["mean"]["value"])
            assert values.std() == pytest.approx(out["sd"]["value"])
    events = mc.to_polars("events")
    assert events.rows() == [(r["model"], e["event"], pytest.approx(e["probability"]["value"]),
                              pytest.approx(e["probability"]["se"])) for r in document["runs"] for e in r["events"]]


def test_sensitivity_frame_matches_the_document():
    scenario = realpolitik.load_scenario(SEED)
    (model,) = build_models(["compromise"], scenario)
    analysis = tornado(scenario, model)
    document = json.loads(json.dumps(sensitivity_document(scenario, [analysis])))
    frame = analysis.to_polars()
    inputs = [(i["issue"], k, b["input"], b["swing"]) for i in document["analyses"][0]["issues"]
              for k, b in enumerate(i["inputs"], 1)]
    assert frame.select("issue", "rank", "input").rows() == [x[:3] for x in inputs]
    assert frame["swing"].to_list() == pytest.approx([x[3] for x in inputs])
    assert frame["S1"].null_count() == len(frame)  # one-at-a-time: no Sobol columns
    # the swing is |outcome_high − outcome_low|, ranked from the largest
    assert (frame["outcome_high"] - frame["outcome_low"]).abs().to_list() == pytest.approx(frame["swing"].to_list())


def test_whatif_frame_matches_the_document():
    scenario = realpolitik.load_scenario(SEED)
    result = what_if(scenario, [parse_set("russia.salience[karabakh]=1"), parse_drop("georgia")],
                     build_models(["compromise", "median"], scenario))
    document = json.loads(json.dumps(result.to_dict()))
    assert document["schema"] == "realpolitik.whatif/1"
    frame = result.to_polars()
    assert frame.columns == ["model", "issue", "dimension", "original", "edited", "difference"]
    assert frame.rows() == [(c["model"], c["issue"], 0, pytest.approx(c["original"]), pytest.approx(c["edited"]),
                             pytest.approx(c["difference"])) for c in document["comparisons"]]


def test_backtest_frames_match_the_hand_worked_table(tmp_path):
    path = tmp_path / "bench.csv"
    path.write_text(TABLE)
    run = realpolitik.run_backtest(read_table(path), ["compromise", "mean"], bootstrap=50)
    predictions = run.to_polars("predictions")
    compromise = dict(predictions.filter(model="compromise").select("case", "prediction").rows())
    assert compromise == pytest.approx(HAND_COMPROMISE)
    assert set(predictions["model"]) == {"compromise", "mean", "baseline:50", "baseline:reference"}
    summary = run.to_polars()
    document = json.loads(run.to_json())
    for model in document["models"]:
        for metric, est in model["metrics"].items():
            row = summary.filter(model=model["model"], metric=metric).row(0, named=True)
            assert (row["value"], row["low"], row["high"], row["n"]) == (
                pytest.approx(est["value"]), pytest.approx(est["low"]), pytest.approx(est["high"]), model["n"])
    # MAE by hand (tests/test_backtest_harness.py): compromise errors 6.67, 40, 10
    assert summary.filter(model="compromise", metric="mae")["value"].item() == pytest.approx(56.6667 / 3, abs=1e-3)


def test_draft_frame_holds_every_item_with_its_evidence():
    text = "Turkey supplies drones to Azerbaijan. Russia has 3,000 troops in Armenia."
    drafted = realpolitik.draft(text, "2020-09-27", use_ner=False)
    frame = drafted.to_polars()
    data = drafted.to_dict()
    assert frame["section"].to_list() == (["actors"] * len(data["actors"]) + ["relations"] * len(data["relations"])
                                          + ["quantities"] * len(data["quantities"])
                                          + ["stances"] * len(data["stances"]))
    assert {"turkey", "azerbaijan", "russia", "armenia"} <= set(frame.filter(section="actors")["actor"])
    for start, end, quote in frame.select("start", "end", "quote").iter_rows():
        assert text[start:end] == quote  # offsets point at the quoted words
    quantity = frame.filter(section="quantities").row(0, named=True)
    assert (quantity["value"], quantity["actor"]) == (3000.0, "russia")


def test_to_pandas_gives_the_same_values_or_names_the_extra(doc):
    try:
        import pandas  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError:
        with pytest.raises(RealpolitikError, match=r"realpolitik\[pandas\]"):
            doc.to_pandas()
        return
    frame = doc.to_pandas("outcomes")
    assert list(frame.columns) == doc.to_polars("outcomes").columns
    assert frame["outcome"].tolist() == pytest.approx(doc.to_polars("outcomes")["outcome"].to_list())


def test_to_pandas_without_pandas_names_the_extra(doc, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now raises ImportError
    with pytest.raises(RealpolitikError, match=r"pip install 'realpolitik\[pandas\]'"):
        doc.to_pandas()
