"""The uncertainty commands from the terminal: forecast --mc, sensitivity, whatif; JSON carries the table."""

from __future__ import annotations

import json

import pytest

from tests.test_cli import run
from tests.test_whatif import DOC


@pytest.fixture
def hand(tmp_path):
    from realpolitik.scenario.io import dumps_toml
    from realpolitik.scenario.model import Scenario

    path = tmp_path / "hand.toml"
    path.write_text(dumps_toml(Scenario.model_validate(DOC)))
    return path


def test_forecast_mc_json_and_table_agree(capsys, monkeypatch, hand):
    args = ["forecast", str(hand), "-m", "compromise", "--mc", "300", "--seed", "4", "--event", "border>=70"]
    code, out, err = run(capsys, monkeypatch, *args, "--format", "json")
    assert code == 0, err
    doc = json.loads(out)
    (record,) = doc["runs"]
    assert doc["schema"] == "realpolitik.montecarlo/1" and record["draws_done"] == 300
    # no spreads declared: the conventional ones apply
    assert record["spreads"]["defaults"] == {"capability": "×/÷1.5", "position": "±10", "salience": "±0.1"}
    border = next(o for o in record["outcomes"] if o["issue"] == "border")
    assert border["baseline"] == pytest.approx(325 / 4.5)
    code, table, _ = run(capsys, monkeypatch, *args)
    assert code == 0
    assert f"{border['mean']['value']:.2f} ± {border['mean']['se']:.2f}" in table
    p = record["events"][0]["probability"]
    assert f"{p['value']:.3f} ± {p['se']:.3f}" in table


def test_mc_options_without_mc_and_bad_spread_are_errors(capsys, monkeypatch, hand):
    code, _, err = run(capsys, monkeypatch, "forecast", str(hand), "--seed", "3")
    assert code == 1 and "Fix: add --mc N" in err
    code, _, err = run(capsys, monkeypatch, "forecast", str(hand), "--mc", "10", "--spread", "salience=x2")
    assert code == 1 and "'factor' (×/÷) is for capabilities only" in err


def test_whatif_shows_original_edited_and_difference(capsys, monkeypatch, hand):
    code, out, err = run(capsys, monkeypatch, "whatif", str(hand), "-m", "compromise",
                         "--cut-arms", "gamma:beta", "--format", "json")
    assert code == 0, err
    doc = json.loads(out)
    row = next(r for r in doc["comparisons"] if r["issue"] == "border")
    # 72.222 → 65.758 (see tests/test_whatif.py)
    assert row["original"] == pytest.approx(325 / 4.5) and row["edited"] == pytest.approx(217 / 3.3)
    assert row["difference"] == pytest.approx(217 / 3.3 - 325 / 4.5)
    assert doc["edits"][0] == {"op": "cut_arms", "supplier": "gamma", "recipient": "beta", "fraction": 1.0,
                               "text": "--cut-arms gamma:beta"}
    code, out, _ = run(capsys, monkeypatch, "whatif", str(hand), "-m", "compromise", "--cut-arms", "gamma:beta")
    assert code == 0 and "72.2" in out and "65.8" in out and "-6.5" in out


def test_whatif_bad_edit_is_one_line_error(capsys, monkeypatch, hand):
    code, _, err = run(capsys, monkeypatch, "whatif", str(hand), "--set", "russia.salience[border]=1")
    assert code == 1 and "unknown actor 'russia'" in err and "Traceback" not in err


def test_sensitivity_oat_json(capsys, monkeypatch, hand):
    code, out, err = run(capsys, monkeypatch, "sensitivity", str(hand), "-m", "compromise", "--spread",
                         "position=10", "--spread", "capability=0", "--spread", "salience=0", "-f", "json")
    assert code == 0, err
    (analysis,) = json.loads(out)["analyses"]
    bars = next(i for i in analysis["issues"] if i["issue"] == "border")["inputs"]
    # weights 0.5, 3, 1 of 4.5: moving beta ±10 moves the outcome by 3/4.5·20 = 13.33 — the largest swing
    assert bars[0]["input"] == "beta.position[border]" and bars[0]["swing"] == pytest.approx(20 * 3 / 4.5)


def test_sensitivity_table_keeps_bracketed_labels(capsys, monkeypatch, hand):
    code, out, _ = run(capsys, monkeypatch, "sensitivity", str(hand), "-m", "compromise", "--spread", "position=10",
                       "--top", "2")
    assert code == 0 and "beta.position[border]" in out and "13.33" in out
