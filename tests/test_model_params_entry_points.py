"""A scenario's ``model_params`` give the same forecast through the Python API, the CLI and the web (issue 12).

Every registered model gets a non-default parameter in the scenario (the first allowed value other than the
default, and ``max_rounds = 1`` where a model has it); the three entry points must agree to 1e-9.
"""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from realpolitik.cli import app
from realpolitik.errors import RealpolitikError
from realpolitik.models.checks import scenario
from realpolitik.models.registry import available, get_model, names
from realpolitik.scenario.io import scenario_from_dict
from realpolitik.web.app import create_app


def _params(name: str) -> dict:
    """Return non-default values, each kept only if the model runs with it on this scenario (e.g. wartrap's
    discount='capitals' needs capitals the contract scenario does not have)."""
    params: dict = {"max_rounds": 1} if any(s.name == "max_rounds" for s in available()[name].param_specs()) else {}
    s = scenario_from_dict(_doc(name, {}))
    for spec in available()[name].param_specs():
        others = [c for c in spec.choices or () if c != spec.default]
        if others:
            try:
                get_model(name, **params, **{spec.name: others[0]}).run(s)
            except RealpolitikError:
                continue
            params[spec.name] = others[0]
    return params


def _doc(name: str, params: dict | None = None) -> dict:
    doc = scenario().model_dump(mode="json", exclude_none=True)
    for issue in doc["issues"]:  # e.g. nash's disagreement=status_quo needs one on every issue
        issue.setdefault("status_quo", 50.0)
    doc["model_params"] = {name: _params(name) if params is None else params}
    return doc


def _outcomes(records: list[dict], name: str) -> dict:
    return {r["issue"]: r["outcome"] for r in records if r["model"] == name}


@pytest.mark.parametrize("name", names())
def test_python_cli_and_web_agree_on_model_params(name, tmp_path):
    doc = _doc(name)
    s = scenario_from_dict(doc)
    python = get_model(name, **s.model_params[name]).run(s).outcomes

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
