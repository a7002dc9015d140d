"""A scenario's ``model_params`` give the same forecast through the Python pipeline (`realpolitik.forecast`), the
CLI and the web (issue 12), and they take effect: each model's non-default parameters below change its outcome
against the same scenario without them, so an entry point that ignored ``[model_params]`` would fail the test.

Models without parameters (mean, median, median-cs) have nothing to set and are left out.
"""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import realpolitik
from realpolitik.cli import app
from realpolitik.models.checks import scenario
from realpolitik.models.registry import available, names
from realpolitik.scenario.io import scenario_from_dict
from realpolitik.web.app import create_app

# Per model, parameters that change its outcome (checked by the test itself) on the contract scenario, or for the
# exchange model on the built-in scenario (the contract scenario's two issues offer no exchange, so no exchange
# parameter could change it).
PARAMS = {
    "compromise": {"weights": "equal"},
    "nash": {"utility": "quadratic", "disagreement": "status_quo"},
    "anchored": {"salience_power": 2.0, "reference_pull": 0.5},
    "wartrap": {"measure": "s_un", "rule": "backward_induction"},
    "ensemble": {"weights": "equal"},
    "bdm": {"variant": "masad2014", "max_rounds": 1},
    "smp": {"victory_prob_model": "Quartic", "max_rounds": 1},
    "exchange": {"preset": "parity", "max_rounds": 1},
}


def _doc(name: str, params: dict | None) -> dict:
    base = realpolitik.load_scenario("south-caucasus-2020") if name == "exchange" else scenario()
    doc = {**base.model_dump(mode="json", exclude_none=True), "id": "params-check"}  # not a built-in's id
    for issue in doc["issues"]:  # e.g. nash's disagreement=status_quo needs one on every issue
        issue.setdefault("status_quo", 50.0)
    if params is not None:
        doc["model_params"] = {name: params}
    return doc


def _outcomes(records: list[dict], name: str) -> dict:
    return {r["issue"]: r["outcome"] for r in records if r["model"] == name}


def test_every_model_with_parameters_is_covered():
    assert set(PARAMS) == {n for n in names() if available()[n].param_specs()}


@pytest.mark.parametrize("name", sorted(PARAMS))
def test_python_cli_and_web_agree_on_model_params(name, tmp_path):
    doc = _doc(name, PARAMS[name])
    python = realpolitik.forecast(scenario_from_dict(doc), [name])[name].outcomes
    default = realpolitik.forecast(scenario_from_dict(_doc(name, None)), [name])[name].outcomes
    assert python != pytest.approx(default, abs=1e-9), f"{PARAMS[name]} do not change {name}'s outcome"

    path = tmp_path / "s.json"
    path.write_text(json.dumps(doc))
    result = CliRunner().invoke(app, ["forecast", str(path), "-m", name, "--format", "json"])
    assert result.exit_code == 0, result.output
    cli = _outcomes(json.loads(result.stdout)["forecasts"], name)

    with TestClient(create_app(f"sqlite:///{tmp_path / 'web.db'}"), base_url="http://localhost") as client:
        assert client.post("/api/scenarios", json=doc).status_code == 201, "scenario stored"
        run = client.post("/api/runs", json={"scenario": doc["id"], "models": [{"name": name}]}).json()
        web = _outcomes(run["results"]["forecast"]["forecasts"], name)

    assert cli == pytest.approx(python, rel=1e-9, abs=1e-9)
    assert web == pytest.approx(python, rel=1e-9, abs=1e-9)
