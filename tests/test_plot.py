"""`realpolitik.plot`: each figure's traces (names, counts, values) against the document it draws, and saving."""

from __future__ import annotations

import json
import re

import pytest

import realpolitik
from realpolitik import plot
from realpolitik.errors import RealpolitikError
from realpolitik.models.specs import build_models
from realpolitik.scenario.io import scenario_from_dict
from realpolitik.uncertainty.sensitivity import tornado
from realpolitik.uncertainty.whatif import parse_drop, parse_set, what_if
from realpolitik.web import charts
from tests.web_support import COMPROMISE, MEAN, doc

HOSTILE = 'Beta <img src=x onerror=alert(1)> & "co"'


@pytest.fixture(scope="module")
def mini():
    d = doc()
    d["actors"][1]["name"] = HOSTILE
    return scenario_from_dict(d, "<test>")


def test_outcomes_one_bar_trace_per_model_with_the_hand_worked_outcomes(mini):
    fig = plot.outcomes(realpolitik.forecast(mini, ["compromise", "mean"]))
    assert [t.name for t in fig.data] == ["compromise", "mean"]
    assert all(t.type == "bar" for t in fig.data)
    assert list(fig.data[0].x) == ["Border", "Trade"]
    assert list(fig.data[0].y) == pytest.approx([COMPROMISE["border"], COMPROMISE["trade"]])
    assert list(fig.data[1].y) == pytest.approx([MEAN["border"], MEAN["trade"]])


def test_the_dashboard_draws_the_same_figure(mini):
    forecast = realpolitik.forecast(mini, ["compromise", "mean"])
    page = charts.outcomes_figure(mini, forecast.to_dict()["forecasts"])
    script = json.loads(plot.outcomes(forecast).to_json())
    assert page["data"] == script["data"]
    assert page["title"] == "Forecast outcome per issue (0-100)"


def test_trajectories_one_line_per_actor_over_the_recorded_rounds():
    doc_ = realpolitik.forecast("south-caucasus-2020", ["bdm", "compromise"])
    fig = plot.trajectories(doc_, model="bdm", issue="karabakh")
    record = next(r for r in json.loads(doc_.to_json())["forecasts"] if (r["model"], r["issue"]) == ("bdm", "karabakh"))
    names = {a.id: a.name for a in doc_.scenario.actors}
    actors = list(record["rounds"][0]["positions"])
    assert [t.name for t in fig.data] == [names[a] for a in actors]
    assert list(fig.data[0].x) == [r["round"] for r in record["rounds"]]
    assert list(fig.data[0].y) == pytest.approx([r["positions"][actors[0]] for r in record["rounds"]])
    assert plot.trajectories(doc_).data[0].x == fig.data[0].x  # default: the first iterative record
    with pytest.raises(RealpolitikError, match="Fix: name a model and an issue"):
        plot.trajectories(doc_, model="nash", issue="karabakh")


def test_montecarlo_one_box_trace_per_model_from_the_document_quantiles():
    run = realpolitik.monte_carlo("south-caucasus-2020", ["compromise", "median"], 30, seed=1)
    fig = plot.montecarlo(run)
    document = run.to_dict()
    assert [t.name for t in fig.data] == ["compromise", "median"]
    for trace, r in zip(fig.data, document["runs"], strict=True):
        assert list(trace.median) == pytest.approx([o["quantiles"]["0.5"]["value"] for o in r["outcomes"]])
        assert list(trace.upperfence) == pytest.approx([o["quantiles"]["0.95"]["value"] for o in r["outcomes"]])
        assert list(trace.mean) == pytest.approx([o["mean"]["value"] for o in r["outcomes"]])
        assert len(trace.x) == 3
    assert "30 draws" in fig.layout.title.text


def test_tornado_bars_run_from_the_baseline_to_each_end(mini):
    (model,) = build_models(["compromise"], mini)
    analysis = tornado(mini, model)
    fig = plot.tornado(analysis, "border", top=3)
    record = next(i for i in analysis.to_dict()["issues"] if i["issue"] == "border")
    top = record["inputs"][:3][::-1]
    assert [t.name for t in fig.data] == ["input at its low end", "input at its high end"]
    assert list(fig.data[0].y) == [b["input"] for b in top]
    assert fig.data[0].base == pytest.approx(COMPROMISE["border"])
    assert list(fig.data[1].x) == pytest.approx([b["outcome_high"] - record["baseline"] for b in top])


def test_whatif_one_trace_per_model_of_the_differences(mini):
    result = what_if(mini, [parse_set("beta.salience[border]=0.5"), parse_drop("gamma")],
                     build_models(["compromise", "mean"], mini))
    fig = plot.whatif(result)
    rows = result.to_dict()["comparisons"]
    assert [t.name for t in fig.data] == ["compromise", "mean"]
    assert list(fig.data[0].y) == pytest.approx([r["difference"] for r in rows if r["model"] == "compromise"])
    # by hand: border without gamma, beta's weight 3·0.5: (1·0.5·10 + 1.5·90) / (0.5 + 1.5) = 70
    assert fig.data[0].y[0] == pytest.approx(70 - COMPROMISE["border"])


def test_network_one_trace_per_relation_kind_and_labels_escaped(mini):
    fig = plot.network(mini)
    assert [t.name for t in fig.data] == ["alliance", "hostility", "actors"]
    assert len(fig.layout.annotations) == 2  # both relations are directed: one arrow each
    labels = list(fig.data[-1].text)
    assert labels[1] == 'Beta &lt;img src=x onerror=alert(1)&gt; &amp; "co"'
    assert "<img" not in fig.to_json()


def test_reliability_one_trace_per_forecaster_with_its_points():
    scores = [{"model": "compromise", "events": [{"event": "outcome ≥ 50",
                                                  "reliability": [[0.1, 0.0, 4], [0.9, 0.75, 4]]}]},
              {"model": "mean", "events": [{"event": "outcome ≥ 50", "reliability": [[0.5, 0.5, 8]]}]}]
    fig = plot.reliability(scores)
    assert [t.name for t in fig.data] == ["compromise", "mean"]
    assert list(fig.data[0].x) == [0.1, 0.9] and list(fig.data[0].y) == [0.0, 0.75]
    assert list(fig.data[1].marker.size) == pytest.approx([6 + 2 * 8**0.5])
    with pytest.raises(RealpolitikError, match="no forecaster scored"):
        plot.reliability(scores, "outcome ≥ 80")


def test_save_html_embeds_plotly_and_fetches_nothing(mini, tmp_path):
    path = plot.save(plot.network(mini), tmp_path / "net.html")
    page = path.read_text()
    assert "Plotly.newPlot" in page and len(page) > 1_000_000  # plotly.js embedded
    assert not re.search(r"<script[^>]+src=", page)
    with pytest.raises(RealpolitikError, match="Fix: end the name with .html"):
        plot.save(plot.network(mini), tmp_path / "net.txt")


@pytest.mark.slow
def test_save_svg_where_kaleido_works(mini, tmp_path):
    pytest.importorskip("kaleido", reason="kaleido (static export) is not installed")
    try:
        path = plot.save(plot.outcomes(realpolitik.forecast(mini, ["compromise"])), tmp_path / "o.svg")
    except RealpolitikError as exc:
        pytest.skip(f"kaleido cannot run here: {exc}")
    assert path.read_text().lstrip().startswith("<svg")
