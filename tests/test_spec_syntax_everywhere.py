"""One model-spec syntax everywhere (issue 12 review, item 2): ``NAME:key=value,...`` works in the web run form,
the JSON API's ``models`` and backtest ``--reference``, beside the older forms."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import realpolitik
from realpolitik.cli import app
from realpolitik.web.app import create_app
from realpolitik.web.runs import parse_model_params
from tests.backtest_support import LINKED_TABLE
from tests.web_support import doc


def test_run_form_reads_specs_and_the_older_form():
    names = ["bdm", "nash"]
    new = parse_model_params("bdm:variant=masad2014,max_rounds=50; nash:utility=quadratic", names)
    old = parse_model_params("bdm.variant=masad2014, bdm.max_rounds=50, nash.utility=quadratic", names)
    lines = parse_model_params("bdm:variant=masad2014,max_rounds=50\nnash:utility=quadratic", names)
    assert new == old == lines == {"bdm": {"variant": "masad2014", "max_rounds": 50}, "nash": {"utility": "quadratic"}}


def test_api_takes_spec_strings_beside_objects(tmp_path):
    with TestClient(create_app(f"sqlite:///{tmp_path / 'web.db'}"), base_url="http://localhost") as client:
        assert client.post("/api/scenarios", json=doc()).status_code == 201
        by_spec = client.post("/api/runs", json={"scenario": "mini", "models": ["bdm:max_rounds=1"]})
        by_object = client.post("/api/runs", json={"scenario": "mini",
                                                   "models": [{"name": "bdm", "params": {"max_rounds": 1}}]})
        assert by_spec.status_code == 201, by_spec.text
        assert by_spec.json()["models"] == by_object.json()["models"]
        assert by_spec.json()["results"] == by_object.json()["results"]
        bad = client.post("/api/runs", json={"scenario": "mini", "models": ["bdm:max_rounds=1,max_rounds=2"]})
        assert bad.status_code == 422 and "max_rounds twice" in bad.text


def test_backtest_reference_as_a_spec(tmp_path):
    data = tmp_path / "cases.csv"
    data.write_text(LINKED_TABLE)  # two actors on three issues
    models = ["compromise", "nash:utility=quadratic"]
    by_label = realpolitik.run_backtest(data, models, cv=0, bootstrap=200, reference="nash(utility=quadratic)")
    by_spec = realpolitik.run_backtest(data, models, cv=0, bootstrap=200, reference="nash:utility=quadratic")
    assert by_spec.summary.reference == "nash(utility=quadratic)"
    assert json.loads(by_spec.to_json())["paired"] == json.loads(by_label.to_json())["paired"]
    cli = CliRunner().invoke(app, ["backtest", str(data), "-m", models[0], "-m", models[1], "--cv", "0",
                                   "--bootstrap", "200", "--reference", "nash:utility=quadratic", "--format", "json"])
    assert cli.exit_code == 0, cli.output
    assert json.loads(cli.stdout)["paired"] == json.loads(by_label.to_json())["paired"]


@pytest.mark.parametrize("reference", ["nash:utility=linear", "nash:utility=cubic"])
def test_backtest_reference_not_among_the_models_is_refused(tmp_path, reference):
    data = tmp_path / "cases.csv"
    data.write_text(LINKED_TABLE)  # two actors on three issues
    with pytest.raises(realpolitik.RealpolitikError, match="is not among the models"):
        realpolitik.run_backtest(data, ["compromise", "nash:utility=quadratic"], cv=0, bootstrap=200,
                                 reference=reference)
