"""``scenario validate`` and ``scenario show`` take ``--format table|json`` like every command that prints results;
``scenario export`` names its file format ``--to`` (``--format`` still read) (issue 12 review, item 5)."""

from __future__ import annotations

import json
import tomllib

from typer.testing import CliRunner

import realpolitik
from realpolitik.cli import app

SCENARIO = "south-caucasus-2020"


def invoke(*args: str):
    return CliRunner().invoke(app, list(args))


def test_validate_json_lists_counts_and_problems(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('id = "x"\n')
    result = invoke("scenario", "validate", SCENARIO, str(bad), "--format", "json")
    assert result.exit_code == 1
    files = json.loads(result.stdout)["files"]
    s = realpolitik.load_scenario(SCENARIO)
    assert files[0] == {"file": SCENARIO, "status": "valid", "problems": [], "needs_review": [],
                        "counts": {"actors": len(s.actors), "issues": len(s.issues), "stances": len(s.stances),
                                   "relations": len(s.relations)}}
    assert files[1]["file"] == str(bad) and files[1]["status"] == "invalid" and files[1]["problems"]
    assert all(p["what"] for p in files[1]["problems"])


def test_show_json_is_the_scenario_document():
    result = invoke("scenario", "show", SCENARIO, "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    exported = json.loads(invoke("scenario", "export", SCENARIO, "--to", "json").stdout)
    assert document == exported and document["id"] == SCENARIO


def test_export_to_and_the_old_spelling():
    toml_text = invoke("scenario", "export", SCENARIO, "--to", "toml").stdout
    assert tomllib.loads(toml_text)["id"] == SCENARIO
    assert invoke("scenario", "export", SCENARIO, "--format", "json").stdout == invoke(
        "scenario", "export", SCENARIO, "--to", "json").stdout
    clash = invoke("scenario", "export", SCENARIO, "--to", "json", "--format", "toml")
    assert clash.exit_code != 0 and "Fix: give --to only" in str(clash.exception)
    assert "--format" not in invoke("scenario", "export", "--help").stdout
