"""The `realpolitik` command: forecasts side by side, scenario commands, formats, and user errors."""

from __future__ import annotations

import json
import sys

import pytest

from realpolitik import cli
from tests.test_scenario_validation import GOOD


def run(capsys, monkeypatch, *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["realpolitik", *args])
    code = 0
    try:
        cli.main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def good(tmp_path):
    path = tmp_path / "mini.toml"
    path.write_text(GOOD)
    return path


def test_forecast_table_has_every_model(capsys, monkeypatch, good):
    code, out, _ = run(capsys, monkeypatch, "forecast", str(good))
    assert code == 0
    for name in ("mean", "compromise", "median", "median-cs", "nash"):
        assert name in out
    # compromise: (1·0.5·10 + 3·1·90) / (0.5 + 3) = 275 / 3.5 = 78.57
    assert "78.6" in out


def test_forecast_json_follows_the_output_schema(capsys, monkeypatch, good):
    code, out, _ = run(capsys, monkeypatch, "forecast", str(good), "-m", "compromise", "-m", "mean", "-f", "json")
    doc = json.loads(out)
    assert code == 0 and doc["schema"] == "realpolitik.forecast/1"
    assert doc["scenario"]["id"] == "mini" and doc["scenario"]["version"] == "1"
    records = {(r["model"], r["issue"]): r for r in doc["forecasts"]}
    assert records[("mean", "border")]["outcome"] == pytest.approx(50.0)
    assert records[("compromise", "border")]["outcome"] == pytest.approx(275 / 3.5)
    assert records[("compromise", "border")]["params"] == {"weights": "capability_salience"}
    assert records[("mean", "border")]["rounds"] == [{"round": 0, "positions": {"alpha": 10.0, "beta": 90.0}}]


def test_forecast_csv_and_output_file(capsys, monkeypatch, good, tmp_path):
    target = tmp_path / "out.csv"
    code, _, err = run(capsys, monkeypatch, "forecast", str(good), "-m", "median", "-f", "csv", "-o", str(target))
    assert code == 0 and "wrote" in err
    assert target.read_text().splitlines() == ["model,issue,outcome,rounds,stopped", "median,border,90.0,0,"]


def test_model_parameters_from_the_command_line(capsys, monkeypatch, good):
    code, out, _ = run(capsys, monkeypatch, "forecast", str(good), "-m", "compromise", "-p", "weights=equal",
                       "-f", "json")
    assert code == 0 and json.loads(out)["forecasts"][0]["outcome"] == pytest.approx(50.0)


@pytest.mark.parametrize("args,needle", [
    (["forecast", "nowhere.toml"], "no such scenario file"),
    (["forecast", "no-such-builtin"], "no built-in scenario or file named"),
    (["forecast", "GOOD", "-m", "nsh"], "did you mean 'nash'"),
    (["forecast", "GOOD", "-m", "mean", "--variant", "x"], "no chosen model takes"),
    (["forecast", "GOOD", "-p", "oops"], "KEY=VALUE"),
    (["forecast", "GOOD", "-f", "xml"], "unknown --format"),
    (["scenario", "validate", "BAD"], "unknown actor 'betta'"),
])
def test_user_errors_print_a_message_and_exit_nonzero(capsys, monkeypatch, good, tmp_path, args, needle):
    bad = tmp_path / "bad.toml"
    bad.write_text(GOOD.replace('actor = "beta"', 'actor = "betta"'))
    args = [str(good) if a == "GOOD" else str(bad) if a == "BAD" else a for a in args]
    code, out, err = run(capsys, monkeypatch, *args)
    assert code == 1 and needle in err
    assert "Traceback" not in err + out


def test_scenario_validate_show_export(capsys, monkeypatch, good, tmp_path):
    code, out, _ = run(capsys, monkeypatch, "scenario", "validate", str(good))
    assert code == 0 and "2 actors, 1 issues, 2 stances, 1 relations" in out
    code, out, _ = run(capsys, monkeypatch, "scenario", "show", str(good))
    assert code == 0 and "Alpha" in out and "A source" in out
    target = tmp_path / "copy.json"
    code, _, _ = run(capsys, monkeypatch, "scenario", "export", str(good), "-f", "json", "-o", str(target))
    assert code == 0 and json.loads(target.read_text())["id"] == "mini"


def test_models_command(capsys, monkeypatch):
    code, out, _ = run(capsys, monkeypatch, "models", "-f", "json")
    models = {m["name"]: m for m in json.loads(out)}
    assert code == 0 and models["nash"]["params"][0]["name"] == "utility"


@pytest.mark.parametrize("command", [[], ["forecast"], ["models"], ["scenarios"], ["scenario", "validate"],
                                     ["scenario", "show"], ["scenario", "export"], ["data", "build"],
                                     ["data", "list"]])
def test_help_on_every_command(capsys, monkeypatch, command):
    code, out, _ = run(capsys, monkeypatch, *command, "--help")
    assert code == 0 and "Usage" in out


def test_builtin_scenario_commands(capsys, monkeypatch):
    code, out, _ = run(capsys, monkeypatch, "scenarios")
    assert code == 0 and "south-caucasus-2020" in out
    code, out, _ = run(capsys, monkeypatch, "scenario", "show", "south-caucasus-2020")
    assert code == 0 and "Azerbaijan" in out and "Sources" in out and "karabakh" in out
    code, out, _ = run(capsys, monkeypatch, "scenario", "validate", "south-caucasus-2020")
    assert code == 0 and "12 actors" in out


def test_default_forecast_is_the_builtin_with_every_model(capsys, monkeypatch):
    from realpolitik.models import available

    code, out, _ = run(capsys, monkeypatch, "forecast", "-f", "json")
    doc = json.loads(out)
    assert code == 0 and doc["scenario"]["id"] == "south-caucasus-2020"
    assert {r["model"] for r in doc["forecasts"]} == set(available())
    assert {r["issue"] for r in doc["forecasts"]} >= {"karabakh"}


def test_export_takes_the_format_from_the_output_name(capsys, monkeypatch, good, tmp_path):
    target = tmp_path / "copy.json"
    code, _, _ = run(capsys, monkeypatch, "scenario", "export", str(good), "-o", str(target))
    assert code == 0 and json.loads(target.read_text())["id"] == "mini"
    code, _, err = run(capsys, monkeypatch, "scenario", "export", str(good), "-f", "toml", "-o", str(target))
    assert code == 1 and "disagrees" in err
    code, _, err = run(capsys, monkeypatch, "scenario", "export", str(good), "-o", str(tmp_path / "x.yaml"))
    assert code == 1 and "*.toml, *.json or (KTAB's CSV) *.csv" in err


def test_table_output_goes_to_the_file(capsys, monkeypatch, good, tmp_path):
    target = tmp_path / "table.txt"
    code, out, _ = run(capsys, monkeypatch, "forecast", str(good), "-m", "compromise", "-o", str(target))
    assert code == 0 and out == "" and "78.6" in target.read_text()


def test_unwritable_output_is_a_clear_error(capsys, monkeypatch, good, tmp_path):
    target = tmp_path / "missing-folder" / "out.json"
    code, out, err = run(capsys, monkeypatch, "forecast", str(good), "-f", "json", "-o", str(target))
    assert code == 1 and "cannot write" in err and "does not exist" in err and "Fix:" in err and "Traceback" not in err


def test_a_model_that_cannot_forecast_does_not_stop_the_others(capsys, monkeypatch, tmp_path):
    # every salience is zero: compromise (c·s weights) has no defined outcome; the unweighted mean, (10 + 90)/2, does
    path = tmp_path / "indifferent.toml"
    path.write_text(GOOD.replace("salience = 0.5", "salience = 0.0").replace("salience = 1.0", "salience = 0.0"))
    code, out, err = run(capsys, monkeypatch, "forecast", str(path), "-m", "mean", "-m", "compromise", "-f", "json")
    doc = json.loads(out)
    assert code == 0 and [r["model"] for r in doc["forecasts"]] == ["mean"]
    assert doc["forecasts"][0]["outcome"] == pytest.approx(50.0)
    assert doc["failures"][0]["model"] == "compromise" and "every actor" in doc["failures"][0]["error"]
    assert "warning: model compromise gave no forecast" in err
    code, _, err = run(capsys, monkeypatch, "forecast", str(path), "-m", "compromise")
    assert code == 1 and "Fix:" in err
