"""One rule for a model chosen twice or a parameter set twice, at every entry point (issue 12 review, item 3):
the Python API, the CLI and the web refuse both, with a clear error (never keeping the last value silently)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import realpolitik
from realpolitik.cli import app
from realpolitik.errors import RealpolitikError
from realpolitik.models.specs import parse_model_spec
from realpolitik.web.app import create_app

SCENARIO = "south-caucasus-2020"


def test_spec_with_a_key_twice_is_refused():
    with pytest.raises(RealpolitikError, match="sets max_rounds twice"):
        parse_model_spec("bdm:max_rounds=1,max_rounds=3")


def test_python_api_refuses_a_model_twice():
    with pytest.raises(RealpolitikError, match="'bdm' is chosen twice"):
        realpolitik.forecast(SCENARIO, ["bdm:max_rounds=1", "bdm:max_rounds=2"])


@pytest.mark.parametrize("models", [["bdm:max_rounds=1,max_rounds=3"], ["bdm:max_rounds=1", "bdm:max_rounds=2"]])
def test_cli_refuses(models):
    args = ["forecast", SCENARIO, *[a for m in models for a in ("-m", m)]]
    result = CliRunner().invoke(app, args)
    assert result.exit_code != 0, result.output
    assert isinstance(result.exception, RealpolitikError) and "twice" in str(result.exception)


def test_web_refuses_a_model_twice(tmp_path):
    with TestClient(create_app(f"sqlite:///{tmp_path / 'web.db'}"), base_url="http://localhost") as client:
        response = client.post("/api/runs", json={"scenario": SCENARIO, "models": [
            {"name": "bdm", "params": {"max_rounds": 1}}, {"name": "bdm", "params": {"max_rounds": 2}}]})
        assert response.status_code in (400, 422) and "chosen twice" in response.text
