"""The JSON API and the dashboard pages through FastAPI's test client, on a temporary SQLite store.

Expected outcomes are the hand-worked figures in tests/web_support.py (compromise = Σ c·s·x / Σ c·s).
"""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient

from realpolitik.web.app import create_app
from tests.web_support import COMPROMISE, MEAN, doc


@pytest.fixture
def client(tmp_path):
    with TestClient(create_app(f"sqlite:///{tmp_path / 'web.db'}")) as c:
        yield c


@pytest.fixture
def stored(client):
    assert client.post("/api/scenarios", json=doc()).status_code == 201
    return client


def builtins() -> list[str]:
    from realpolitik.scenario.builtins import builtin_names

    try:
        return builtin_names()
    except FileNotFoundError:
        return []


def outcome(run: dict, model: str, issue: str) -> float:
    return next(r["outcome"] for r in run["results"]["forecast"]["forecasts"]
                if r["model"] == model and r["issue"] == issue)


def wait_done(client, run_id: int, timeout: float = 60) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        run = client.get(f"/api/runs/{run_id}").json()
        if run["status"] in ("done", "failed"):
            return run
        time.sleep(0.1)
    raise AssertionError(f"run {run_id} did not finish in {timeout} s")


def test_models_are_listed_with_parameters(client):
    models = {m["name"]: m for m in client.get("/api/models").json()}
    weights = next(p for p in models["compromise"]["params"] if p["name"] == "weights")
    assert weights["default"] == "capability_salience"
    assert set(weights["choices"]) == {"capability", "capability_salience", "salience", "equal"}


def test_scenario_create_read_version_and_list(client):
    created = client.post("/api/scenarios", json=doc(), params={"note": "first"})
    assert created.status_code == 201 and created.json()["version"] == 1
    assert client.post("/api/scenarios", json=doc()).status_code == 409
    second = client.post("/api/scenarios/mini/versions", json=doc(title="Mini 2"))
    assert second.status_code == 201 and second.json()["version"] == 2
    assert client.get("/api/scenarios/mini").json()["document"]["title"] == "Mini 2"
    assert client.get("/api/scenarios/mini/versions/1").json()["document"]["title"] == "Mini"
    assert [v["note"] for v in client.get("/api/scenarios/mini/versions").json()] == ["first", None]
    listed = [s["id"] for s in client.get("/api/scenarios").json()]
    assert listed[0] == "mini" and set(listed) == {"mini", *builtins()}  # built-ins are stored at start-up
    mismatch = client.post("/api/scenarios/mini/versions", json=doc(id="other"))
    assert mismatch.status_code == 400 and "differs" in mismatch.json()["error"]["message"]


def test_invalid_scenario_names_field_and_fix(client):
    bad = doc()
    bad["actors"][1]["capability"] = -2
    response = client.post("/api/scenarios", json=bad)
    assert response.status_code == 422
    problem = response.json()["error"]["problems"][0]
    assert problem["field"] == "actors[1].capability" and problem["subject"] == "actor beta"
    assert "out of range" in problem["what"] and problem["fix"]
    unknown = client.post("/api/scenarios", json={**doc(), "actorz": []})
    assert unknown.json()["error"]["problems"][0]["what"].startswith("unknown key 'actorz'")


def test_upload_and_download_round_trip(client):
    from realpolitik.scenario.io import dumps_toml, parse_text, scenario_from_dict

    text = dumps_toml(scenario_from_dict(doc()))
    up = client.post("/api/scenarios/upload", files={"file": ("../../etc/mini.toml", text, "application/toml")})
    assert up.status_code == 201 and up.json()["version"] == 1
    again = client.post("/api/scenarios/upload", files={"file": ("mini.toml", text)})
    assert again.json()["version"] == 2  # the same id uploaded again is the next version
    down = client.get("/api/scenarios/mini/download", params={"format": "toml", "version": 1})
    assert down.headers["content-disposition"] == 'attachment; filename="mini-v1.toml"'
    assert parse_text(down.text, "toml") == scenario_from_dict(doc())
    as_json = client.get("/api/scenarios/mini/download", params={"format": "json"})
    assert parse_text(as_json.text, "json") == scenario_from_dict(doc())


def test_csv_upload_names_the_issue_after_the_file(client):
    table = "actor,capability,position,salience\nalpha,1,0,1\nbeta,3,100,1\n"
    up = client.post("/api/scenarios/upload", files={"file": ("water.csv", table, "text/csv")})
    assert up.status_code == 201, up.text
    assert [i["id"] for i in up.json()["document"]["issues"]] == ["water"]


def test_synchronous_run_gives_hand_worked_outcomes(stored):
    response = stored.post("/api/runs", json={"scenario": "mini", "models": [{"name": "compromise"},
                                                                             {"name": "mean"}]})
    assert response.status_code == 201
    run = response.json()
    assert run["status"] == "done" and run["seed"] == 7 and run["version"] == 1
    for issue in ("border", "trade"):
        assert outcome(run, "compromise", issue) == pytest.approx(COMPROMISE[issue])
        assert outcome(run, "mean", issue) == pytest.approx(MEAN[issue])
    assert stored.get(f"/api/runs/{run['id']}").json()["results"] == run["results"]
    assert [r["id"] for r in stored.get("/api/runs", params={"scenario": "mini"}).json()] == [run["id"]]


def test_model_parameters_are_used_and_recorded(stored):
    run = stored.post("/api/runs", json={"scenario": "mini", "models": [
        {"name": "compromise", "params": {"weights": "capability"}}]}).json()
    # capability weights on border: (1·10 + 3·90 + 2·40) / 6 = 60
    assert outcome(run, "compromise", "border") == pytest.approx(60.0)
    assert run["models"] == [{"name": "compromise", "params": {"weights": "capability"}}]


def test_what_if_against_a_base_run(stored):
    base = stored.post("/api/runs", json={"scenario": "mini", "models": [{"name": "compromise"}]}).json()
    what_if = stored.post("/api/runs", json={
        "scenario": "mini", "models": [{"name": "compromise"}], "base_run": base["id"],
        "what_if": [{"actor": "beta", "issue": "border", "field": "salience", "op": "times", "value": 0.5}]}).json()
    # beta's salience halves: weights 0.5, 1.5, 0.5 → (5 + 135 + 20) / 2.5 = 64
    assert outcome(what_if, "compromise", "border") == pytest.approx(64.0)
    assert outcome(what_if, "compromise", "trade") == pytest.approx(COMPROMISE["trade"])
    page = stored.get(f"/runs/{what_if['id']}").text
    assert "What-if against run 1" in page and "-9.8" in page  # 64 − 73.75 = −9.75, shown to one decimal


def test_monte_carlo_runs_in_the_background_and_reports_quantiles(stored):
    body = {"scenario": "mini", "models": [{"name": "compromise"}], "draws": 60, "seed": 3}
    accepted = stored.post("/api/runs", json=body)
    assert accepted.status_code == 202 and accepted.headers["location"] == f"/api/runs/{accepted.json()['id']}"
    run = wait_done(stored, accepted.json()["id"])
    assert run["status"] == "done", run["error"]
    mc = run["results"]["monte_carlo"]
    draws = mc["outcomes"]["compromise"]["border"]
    q = mc["quantiles"]["compromise"]["border"]
    assert len(draws) == 60
    assert min(draws) <= q["q05"] <= q["q25"] <= q["q50"] <= q["q75"] <= q["q95"] <= max(draws)
    assert sorted(draws)[29] <= q["q50"] <= sorted(draws)[30]  # the median of 60 values lies between 30th and 31st
    repeat = wait_done(stored, stored.post("/api/runs", json=body).json()["id"])
    assert repeat["results"]["monte_carlo"]["outcomes"] == mc["outcomes"]  # same seed, same draws


def test_run_errors_name_the_fix(stored):
    unknown = stored.post("/api/runs", json={"scenario": "mini", "models": [{"name": "compromize"}]})
    assert unknown.status_code == 400 and "did you mean 'compromise'" in unknown.json()["error"]["message"]
    bad_param = stored.post("/api/runs", json={"scenario": "mini", "models": [{"name": "compromise",
                                                                               "params": {"weights": "x"}}]})
    assert bad_param.status_code == 400 and "Fix: use one of" in bad_param.json()["error"]["message"]
    missing = stored.post("/api/runs", json={"scenario": "nope", "models": [{"name": "mean"}]})
    assert missing.status_code == 404
    bad_change = stored.post("/api/runs", json={"scenario": "mini", "models": [{"name": "mean"}], "what_if": [
        {"actor": "delta", "field": "capability", "value": 2}]})
    assert bad_change.status_code == 422
    assert bad_change.json()["error"]["problems"][0]["field"] == "what_if[0].actor"
    too_salient = stored.post("/api/runs", json={"scenario": "mini", "models": [{"name": "mean"}], "what_if": [
        {"actor": "beta", "issue": "border", "field": "salience", "op": "times", "value": 3}]})
    assert too_salient.status_code == 422 and too_salient.json()["error"]["problems"][0]["field"] == \
        "stances[1].salience"
    shape = stored.post("/api/runs", json={"scenario": "mini", "models": [], "draws": -1})
    assert shape.status_code == 422 and {p["field"] for p in shape.json()["error"]["problems"]} == {"models", "draws"}
    assert len(stored.get("/api/runs").json()) == 0  # nothing was recorded for rejected requests


def test_run_annotations(stored):
    run = stored.post("/api/runs", json={"scenario": "mini", "models": [{"name": "mean"}], "tags": ["a"]}).json()
    patched = stored.patch(f"/api/runs/{run['id']}", json={"note": "looks right", "tags": ["b"]}).json()
    assert patched["note"] == "looks right" and patched["tags"] == ["a", "b"]


def test_pages_render(stored):
    first = stored.post("/api/runs", json={"scenario": "mini", "models": [{"name": "compromise"}]}).json()
    second = stored.post("/api/runs", json={"scenario": "mini", "models": [{"name": "compromise"}],
                                            "what_if": [{"actor": "alpha", "field": "capability", "value": 5}]}).json()
    index = stored.get("/")
    assert index.status_code == 200 and 'href="/scenarios/mini"' in index.text
    page = stored.get("/scenarios/mini").text
    assert 'id="relations-chart"' in page and 'href="#src-s1"' in page and "run 2" in page
    run_page = stored.get(f"/runs/{first['id']}").text
    assert 'id="outcome-chart"' in run_page and "73.8" in run_page  # 73.75 to one decimal
    compare = stored.get("/compare", params={"a": first["id"], "b": second["id"]}).text
    # alpha's capability 1 → 5 on border: weights 2.5, 3, 0.5 → (25 + 270 + 20) / 6 = 52.5; change −21.25
    assert "52.5" in compare and "-21.2" in compare
    assert stored.get("/static/plotly.min.js").headers["content-type"].startswith("text/javascript")
    assert stored.get("/runs/999").status_code == 404


def test_editing_an_actor_saves_a_new_version_or_shows_inline_errors(stored):
    form = {"original": "beta", "id": "beta", "name": "Beta", "kind": "state", "capability": "-1"}
    invalid = stored.post("/scenarios/mini/actors", data=form)
    assert invalid.status_code == 422
    assert 'class="field-error" id="error-capability"' in invalid.text and "out of range" in invalid.text
    assert stored.get("/api/scenarios/mini").json()["version"] == 1
    saved = stored.post("/scenarios/mini/actors", data={**form, "capability": "4"}, follow_redirects=False)
    assert saved.status_code == 303 and saved.headers["location"] == "/scenarios/mini?saved=2"
    assert stored.get("/api/scenarios/mini").json()["document"]["actors"][1]["capability"] == 4.0
    renamed = {**form, "id": "bravo", "capability": "4"}
    stored.post("/scenarios/mini/actors", data=renamed)
    latest = stored.get("/api/scenarios/mini").json()["document"]
    assert {s["actor"] for s in latest["stances"]} == {"alpha", "bravo", "gamma"}
    stored.post("/scenarios/mini/actors/gamma/delete")
    latest = stored.get("/api/scenarios/mini").json()
    assert latest["version"] == 4 and "gamma" not in {s["actor"] for s in latest["document"]["stances"]}
    from realpolitik.scenario.io import scenario_from_dict

    first = stored.get("/api/scenarios/mini/versions/1").json()["document"]
    assert scenario_from_dict(first) == scenario_from_dict(doc())  # version 1 is untouched by the edits


def test_editing_a_stance(stored):
    bad = stored.post("/scenarios/mini/stances", data={"actor": "gamma", "issue": "trade", "position": "120",
                                                       "salience": "0.5"})
    assert bad.status_code == 422 and 'id="error-position"' in bad.text and "between 0 and 100" in bad.text
    stored.post("/scenarios/mini/stances", data={"actor": "gamma", "issue": "trade", "position": "60",
                                                 "salience": "0.5"})
    stances = stored.get("/api/scenarios/mini").json()["document"]["stances"]
    assert {"actor": "gamma", "issue": "trade", "position": 60.0, "salience": 0.5} in stances
    stored.post("/scenarios/mini/stances/delete", data={"actor": "gamma", "issue": "trade"})
    assert stored.get("/api/scenarios/mini").json()["version"] == 3


def test_the_run_request_in_the_docs_works(client):
    import json
    import re

    from tests.conftest import REPO

    text = (REPO / "docs" / "web.md").read_text()
    example = json.loads(next(b for b in re.findall(r"```json\n(.*?)```", text, flags=re.S) if "what_if" in b))
    if example["scenario"] not in builtins():
        pytest.skip("the built-in scenario of the example is not on this branch")
    base = client.post("/api/runs", json={"scenario": example["scenario"], "models": example["models"]}).json()
    response = client.post("/api/runs", json={**example, "base_run": base["id"]})
    assert response.status_code == 201, response.text
    run = response.json()
    assert run["what_if"] == example["what_if"] and run["seed"] == 42 and run["tags"] == ["what-if"]
    # Russia (position below the compromise) gains weight on karabakh, so the compromise moves towards it.
    russia = next(s["position"] for s in client.get(f"/api/scenarios/{example['scenario']}").json()["document"]
                  ["stances"] if s["actor"] == "russia" and s["issue"] == "karabakh")
    before, after = outcome(base, "compromise", "karabakh"), outcome(run, "compromise", "karabakh")
    assert abs(after - russia) < abs(before - russia)


def test_run_form_passes_model_parameters(stored):
    page = stored.post("/scenarios/mini/runs", data={"models": ["compromise", "mean"], "draws": "0",
                                                     "params": "compromise.weights=capability"},
                       follow_redirects=False)
    assert page.status_code == 303
    run = stored.get(page.headers["location"].replace("/runs/", "/api/runs/")).json()
    assert run["models"][0] == {"name": "compromise", "params": {"weights": "capability"}}
    assert outcome(run, "compromise", "border") == pytest.approx(60.0)  # (1·10 + 3·90 + 2·40) / 6
    wrong = stored.post("/scenarios/mini/runs", data={"models": ["mean"], "params": "nash.utility=linear"})
    assert wrong.status_code == 400 and "does not name a chosen model" in wrong.text


def test_smp_run_charts_its_trajectory_with_the_scenario_parameters(client):
    """An SMP run on KTAB's smpExample (XML with ModelParameters) through the API: the run records the file's
    parameters, and the run page charts every actor's position by round on each dimension, ending where KTAB's
    own reference run ends."""
    import html
    import json
    import re

    from realpolitik.scenario.io import load_scenario, to_document
    from tests.conftest import require_shared
    from tests.ktab_reference import read_run

    scenario = load_scenario(require_shared("cases/ktab/inputs") / "smpExample_fixed_det.xml")
    assert client.post("/api/scenarios", json=to_document(scenario)).status_code == 201
    run = client.post("/api/runs", json={"scenario": scenario.id, "models": [{"name": "smp"}]}).json()
    assert run["status"] == "done", run
    assert run["models"][0]["params"]["pce_model"] == "MarkovIncentive"  # from the file's <ModelParameters>
    page = client.get(f"/runs/{run['id']}").text
    figures = [json.loads(html.unescape(m)) for m in re.findall(r"id=\"trajectory-\d+\" data-figure='([^']*)'", page)]
    assert len(figures) == 3  # one per dimension
    ref = read_run(require_shared("cases/ktab/runs") / "smpExample_fixed_det_r1")  # KTAB's positions on 0-100
    names = [a.name for a in scenario.actors]
    for k, fig in enumerate(figures):
        assert fig["layout"]["title"]["text"].startswith(f"smp: positions by round on {scenario.issues[k].name}")
        assert [t["name"] for t in fig["data"]] == names
        for a, trace in enumerate(fig["data"]):
            assert trace["x"] == list(range(ref.positions.shape[0]))
            assert trace["y"][0] == pytest.approx(ref.positions[0, a, k]) and \
                trace["y"][-1] == pytest.approx(ref.positions[-1, a, k], abs=1e-9)
