"""Runs stored before the ``realpolitik.montecarlo/1`` format: the run page shows their stored summary with a note,
or only a note when the stored shape cannot be read; never a blank section or a 500."""

from __future__ import annotations

import html
import re

import pytest
from fastapi.testclient import TestClient

from realpolitik.web.app import create_app
from tests.web_support import doc

# The summary the dashboard stored before realpolitik.montecarlo/1 (web/montecarlo.py's `summarise` until commit
# 6c13802), written out by hand for one model on the two issues of the test scenario.
SUMMARY_BEFORE_1 = {
    "draws": 200, "seed": 11, "method": "draws of the uncertain inputs (realpolitik.uncertainty); scenario-wide "
    "spreads: position N(0, 5)", "executor": "serial", "events": ["border > 60"],
    "quantiles": {"compromise": {"border": {"q05": 61.5, "q25": 68.2, "q50": 73.5, "q75": 78.0, "q95": 84.7,
                                            "mean": 73.3},
                                 "trade": {"q05": 40.0, "q25": 48.5, "q50": 54.0, "q75": 60.5, "q95": 67.0,
                                           "mean": 54.2}}},
    "summaries": {"compromise": {"border": {"n": 200, "mean": {"value": 73.3, "se": 0.5}}}},
    "probabilities": {"compromise": {"border > 60": {"value": 0.965, "se": 0.013}}},
    "records": [{"model": "compromise", "draws": 200, "failures": []}],
}
# The first dashboard format (commit c8d6e51): every draw's outcome and the quantiles of the scalar ones.
FIRST_FORMAT = {"draws": 3, "seed": 2, "method": "stand-in perturbation",
                "outcomes": {"compromise": {"border": [70.0, 75.0, 80.0], "trade": [[1, 2], [3, 4], [5, 6]]}},
                "quantiles": {"compromise": {"border": {"q05": 70.5, "q25": 72.5, "q50": 75.0, "q75": 77.5,
                                                        "q95": 79.5, "mean": 75.0}, "trade": None}}}


@pytest.fixture
def client(tmp_path):
    with TestClient(create_app(f"sqlite:///{tmp_path / 'web.db'}"), base_url="http://localhost") as c:
        assert c.post("/api/scenarios", json=doc()).status_code == 201
        yield c


def stored_run(client, monte_carlo) -> int:
    """Store a finished run whose Monte Carlo result is `monte_carlo` as written by an older version."""
    forecast = client.post("/api/runs", json={"scenario": "mini", "models": [{"name": "compromise"}]}).json()
    store = client.app.state.store
    run = store.create_run("mini", 1, forecast["models"], seed=11, draws=200)
    store.start_run(run.id)
    store.finish_run(run.id, {"forecast": forecast["results"]["forecast"], "monte_carlo": monte_carlo})
    return run.id


def cells(page: str, table: str) -> list[list[str]]:
    body = re.search(rf'<table class="grid" id="{table}">(.*?)</table>', page, re.S)
    assert body, f"no {table} on the page"
    rows = [[html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", body.group(1), re.S)]
    return [row for row in rows if row]  # the header row has no <td>


def test_a_summary_stored_before_the_format_is_shown_with_a_note(client):
    page = client.get(f"/runs/{stored_run(client, SUMMARY_BEFORE_1)}")
    assert page.status_code == 200
    assert 'id="distribution-note"' in page.text and "stored in an older format" in page.text
    assert 'id="distribution-chart"' in page.text and "200 draws; seed 11; run on serial" in page.text
    assert cells(page.text, "quantile-table") == [
        ["compromise", "Border", "61.5", "68.2", "73.5", "78.0", "84.7", "73.3"],
        ["compromise", "Trade", "40.0", "48.5", "54.0", "60.5", "67.0", "54.2"]]
    assert cells(page.text, "event-table") == [["compromise", "border > 60", "0.965", "0.013"]]


def test_the_first_format_shows_its_scalar_quantiles(client):
    page = client.get(f"/runs/{stored_run(client, FIRST_FORMAT)}")
    assert page.status_code == 200 and "stored in an older format" in page.text
    assert cells(page.text, "quantile-table") == [
        ["compromise", "Border", "70.5", "72.5", "75.0", "77.5", "79.5", "75.0"]]
    assert 'id="event-table"' not in page.text


@pytest.mark.parametrize("monte_carlo", [
    {"schema": "realpolitik.montecarlo/0", "results": [1, 2]},
    {"draws": 10, "quantiles": {"compromise": {"border": {"q50": 70}}}},  # quantiles cut short
    {"draws": "many", "quantiles": SUMMARY_BEFORE_1["quantiles"]},
    ["not", "a", "mapping"],
])
def test_a_shape_that_cannot_be_read_gives_the_note_in_place_of_the_distribution(client, monte_carlo):
    page = client.get(f"/runs/{stored_run(client, monte_carlo)}")
    assert page.status_code == 200
    note = re.search(r'<p class="note" id="distribution-note">(.*?)</p>', page.text).group(1)
    assert note == "Monte Carlo results are stored in an older format; re-run to see the distribution."
    assert 'id="quantile-table"' not in page.text and 'id="distribution-chart"' not in page.text


def test_a_current_run_has_no_note(client):
    run = client.post("/api/runs", json={"scenario": "mini", "models": [{"name": "compromise"}], "draws": 20,
                                         "seed": 3}).json()
    import time

    for _ in range(300):
        run = client.get(f"/api/runs/{run['id']}").json()
        if run["status"] in ("done", "failed"):
            break
        time.sleep(0.1)
    assert run["status"] == "done" and run["results"]["monte_carlo"]["schema"] == "realpolitik.montecarlo/1"
    page = client.get(f"/runs/{run['id']}").text
    assert 'id="distribution-note"' not in page and len(cells(page, "quantile-table")) == 2
