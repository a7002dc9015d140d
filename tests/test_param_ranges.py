"""Non-finite and out-of-range model parameters are refused the same way by the Python API, the CLI and the web
(issue 12 review, item 1); a model that still produces a non-finite or off-scale outcome is a failure, never null."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import realpolitik
from realpolitik.cli import app
from realpolitik.errors import RealpolitikError
from realpolitik.forecast import IssueForecast, Round
from realpolitik.models.base import Model
from realpolitik.models.registry import get_model
from realpolitik.models.selection import run_models
from realpolitik.scenario.io import load_scenario
from realpolitik.web.app import create_app

SCENARIO = "south-caucasus-2020"

# (model, parameter, value as typed, what the message must say)
REFUSED = [
    ("anchored", "reference_pull", "NaN", "is not a finite number"),
    ("anchored", "capability_power", "Infinity", "is not a finite number"),
    ("anchored", "reference_pull", "-1.5", "out of range"),
    ("anchored", "salience_power", "-1", "out of range"),
    ("bdm", "zero_tol", "Infinity", "is not a finite number"),
    ("bdm", "tolerance", "-0.1", "out of range"),
]


@pytest.mark.parametrize(("model", "key", "raw", "said"), REFUSED)
def test_python_api_refuses(model, key, raw, said):
    with pytest.raises(RealpolitikError) as err:
        realpolitik.forecast(SCENARIO, [f"{model}:{key}={raw}"])
    message = str(err.value)
    assert f"model {model!r}" in message and key in message and said in message and "Fix: give" in message


@pytest.mark.parametrize(("model", "key", "raw", "said"), REFUSED)
def test_get_model_refuses(model, key, raw, said):
    with pytest.raises(RealpolitikError, match=f"{key}.*({said}|out of range)"):
        get_model(model, **{key: float(raw)})


@pytest.mark.parametrize(("model", "key", "raw", "said"), REFUSED)
def test_cli_refuses(model, key, raw, said):
    for fmt in ("table", "json"):
        result = CliRunner().invoke(app, ["forecast", SCENARIO, "-m", f"{model}:{key}={raw}", "--format", fmt])
        assert result.exit_code != 0, result.output
        shown = result.output + str(result.exception)  # `main` prints a RealpolitikError as one line
        assert isinstance(result.exception, RealpolitikError) and said in shown and key in shown


@pytest.mark.parametrize(("model", "key", "raw", "said"), REFUSED)
def test_web_api_refuses(model, key, raw, said, tmp_path):
    body = f'{{"scenario": "{SCENARIO}", "models": [{{"name": "{model}", "params": {{"{key}": {raw}}}}}]}}'
    with TestClient(create_app(f"sqlite:///{tmp_path / 'web.db'}"), base_url="http://localhost") as client:
        response = client.post("/api/runs", content=body, headers={"content-type": "application/json"})
        assert response.status_code == 400, response.text  # a request the models refuse, not a stored failed run
        assert said in response.text and key in response.text


def test_range_edges_are_accepted():
    """λ = 1 puts the outcome on the status quo (the anchored docs: outcome = C + λ(q − C)); λ = −1 is allowed."""
    s = load_scenario(SCENARIO)
    doc = realpolitik.forecast(s, ["anchored:reference_pull=1,reference_pull_unanimity=1"])
    for issue in s.issues:
        if issue.status_quo is not None:
            assert doc["anchored"].outcome(issue.id) == pytest.approx(issue.status_quo)
    realpolitik.forecast(s, ["anchored:reference_pull=-1"])


class _Broken(Model):
    name = "broken"

    def run_issue(self, scenario, issue, rng):  # noqa: D102
        return IssueForecast(issue, float("nan"), (Round(0, {}),))


class _OffScale(_Broken):
    def run_issue(self, scenario, issue, rng):  # noqa: D102
        return IssueForecast(issue, 140.0, (Round(0, {}),))


@pytest.mark.parametrize("model", [_Broken(), _OffScale()])
def test_non_finite_or_off_scale_outcome_is_a_failure(model):
    s = load_scenario(SCENARIO)
    with pytest.raises(RealpolitikError, match="not a finite number from 0 to 100"):
        run_models(s, [model])
    _, forecasts, failures = run_models(s, [model, get_model("compromise")], tolerate_failures=True,
                                        seed=0)
    assert "broken" in failures and len(forecasts) == 1
