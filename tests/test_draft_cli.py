"""``realpolitik draft``, ``draft review`` (options and the interactive mode on piped stdin), ``draft evaluate``,
``scenario validate`` on a draft, and ``forecast`` refusing a draft."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.draft_support import (
    AS_OF,
    BASING,
    CAPABILITY,
    COMPROMISE,
    ITEMS,
    POSITION,
    QUANTITY_QUOTE,
    RELATION,
    RELATION_QUOTE,
    TEXT,
)
from tests.test_cli import run


@pytest.fixture
def text_file(tmp_path) -> Path:
    path = tmp_path / "commentary.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


@pytest.fixture
def draft_file(capsys, monkeypatch, text_file, tmp_path) -> Path:
    path = tmp_path / "draft.toml"
    code, _, err = run(capsys, monkeypatch, "draft", str(text_file), "--as-of", AS_OF, "-o", str(path))
    assert code == 0, err
    return path


def test_draft_writes_a_draft_scenario_whose_items_quote_the_text(draft_file):
    doc = tomllib.loads(draft_file.read_text())
    assert doc["status"] == "draft"
    assert [a["id"] for a in doc["actors"]] == ["russia", "armenia", "turkey", "azerbaijan", "iran"]
    assert all(a["status"] == "draft" for a in doc["actors"])
    sources = {s["id"]: s for s in doc["sources"]}
    basing, rel = doc["relations"]
    assert (basing["kind"], basing["from"], basing["to"]) == ("basing", "russia", "armenia")
    assert (rel["kind"], rel["from"], rel["to"]) == ("arms_supplier", "turkey", "azerbaijan")
    start = TEXT.find(RELATION_QUOTE)
    assert sources[rel["source"]]["offsets"] == [start, start + len(RELATION_QUOTE)]
    q = doc["quantities"][0]
    assert (q["value"], q["unit"], q["holder"]) == (3300, "troops", "russia")
    start = TEXT.find(QUANTITY_QUOTE)
    assert sources[q["source"]]["offsets"] == [start, start + len(QUANTITY_QUOTE)]
    assert doc["stance_cues"][0]["actor"] == "iran" and doc["stance_cues"][0]["direction"] == "against"


def test_draft_json_and_table(capsys, monkeypatch, text_file):
    code, out, _ = run(capsys, monkeypatch, "draft", "text", str(text_file), "--as-of", AS_OF, "-f", "json")
    assert code == 0
    data = json.loads(out)
    assert [a["cow"] for a in data["actors"]] == [365, 371, 640, 373, 630]  # COW codes of the five states
    assert data["document"]["status"] == "draft"
    code, first, _ = run(capsys, monkeypatch, "draft", "-f", "json", "--as-of", AS_OF, str(text_file))  # options first
    assert code == 0 and json.loads(first) == data
    code, out, _ = run(capsys, monkeypatch, "draft", str(text_file), "--as-of", AS_OF, "-f", "table")
    assert code == 0 and RELATION in out and "9 item(s) to review" in out


def test_draft_errors_are_one_line_and_checked_before_work(capsys, monkeypatch, text_file, tmp_path):
    code, out, err = run(capsys, monkeypatch, "draft", str(text_file), "-o", str(tmp_path / "no" / "d.toml"))
    assert code == 1 and "does not exist" in err and "Fix:" in err and "Traceback" not in err
    code, _, err = run(capsys, monkeypatch, "draft", str(tmp_path / "missing.txt"))
    assert code == 1 and "no such file" in err
    code, _, err = run(capsys, monkeypatch, "draft", str(text_file), "--as-of", "27.9.2020")
    assert code == 1 and "YYYY-MM-DD" in err
    code, _, err = run(capsys, monkeypatch, "draft", str(text_file), "-f", "xml")
    assert code == 1 and "toml, json, table" in err


def test_a_draft_cannot_be_forecast_and_validate_lists_what_needs_a_person(capsys, monkeypatch, draft_file):
    code, out, err = run(capsys, monkeypatch, "scenario", "validate", str(draft_file))
    assert code == 1
    assert "cannot be forecast yet" in out and "the scenario has no issues" in out
    assert "actor russia has no capability" in out and "draft relation arms_supplier turkey -> azerbaijan" in out
    code, out, err = run(capsys, monkeypatch, "forecast", str(draft_file), "-m", "compromise")
    assert code == 1 and "cannot be forecast" in err and err.count("error:") == 1
    code, out, err = run(capsys, monkeypatch, "forecast", str(draft_file))  # every model: said once, not per model
    assert code == 1 and err.count("cannot be forecast") == 1
    code, out, err = run(capsys, monkeypatch, "forecast", str(draft_file), "--mc", "5", "-m", "compromise")
    assert code == 1 and "cannot be forecast" in err


def review_options(out: Path) -> list[str]:
    args = ["--reject", "iran", "--reject", "q1", "--accept", RELATION, "--accept", BASING,
            "--issue", "war:War over Karabakh:no war:war", "-o", str(out)]
    for actor, capability in CAPABILITY.items():
        args += ["--edit", f"{actor} capability={capability}"]
    for actor, (position, salience) in POSITION.items():
        args += ["--stance", f"{actor}:war:{position}:{salience}"]
    return args


def compromise_of(capsys, monkeypatch, path: Path) -> float:
    code, out, err = run(capsys, monkeypatch, "forecast", str(path), "-m", "compromise", "-f", "json")
    assert code == 0, err
    return json.loads(out)["forecasts"][0]["outcome"]


def test_review_with_options_then_forecast(capsys, monkeypatch, draft_file, tmp_path):
    code, out, _ = run(capsys, monkeypatch, "draft", "review", str(draft_file), "-f", "json")
    assert code == 0 and [i["id"] for i in json.loads(out)["queue"]] == ITEMS
    final = tmp_path / "final.toml"
    code, out, err = run(capsys, monkeypatch, "draft", "review", str(draft_file), *review_options(final),
                         "--finish", "--id", "karabakh-test", "-f", "json")
    assert code == 0, err
    result = json.loads(out)
    assert result == {"queue": [], "needs_review": []}
    doc = tomllib.loads(final.read_text())
    assert "status" not in doc and doc["id"] == "karabakh-test"
    assert [a["id"] for a in doc["actors"]] == ["russia", "armenia", "turkey", "azerbaijan"]  # iran rejected
    assert doc.get("stance_cues", []) == []  # iran's cue went with iran
    assert compromise_of(capsys, monkeypatch, final) == pytest.approx(COMPROMISE)


def test_review_refuses_to_finish_what_needs_a_person(capsys, monkeypatch, draft_file, tmp_path):
    out_path = tmp_path / "final.toml"
    code, _, err = run(capsys, monkeypatch, "draft", "review", str(draft_file), "--reject", "iran", "--finish",
                       "-o", str(out_path))
    assert code == 1 and "still need a person" in err and "the scenario has no issues" in err
    assert not out_path.exists()
    code, _, err = run(capsys, monkeypatch, "draft", "review", str(draft_file), "--reject", "iran")
    assert code == 1 and "add -o FILE.toml" in err
    code, _, err = run(capsys, monkeypatch, "draft", "review", str(draft_file), "--accept", "russia", "-o",
                       str(out_path))
    assert code == 1 and "has no capability" in err and "--edit 'russia capability=N'" in err
    code, _, err = run(capsys, monkeypatch, "draft", "review", str(draft_file), "--edit", "russia capability=big",
                       "-o", str(out_path))
    assert code == 1 and "is not a number" in err
    code, _, err = run(capsys, monkeypatch, "draft", "review", str(draft_file), "--reject", "nobody", "-o",
                       str(out_path))
    assert code == 1 and "no drafted item 'nobody'" in err


def test_interactive_review_reads_answers_from_a_pipe(draft_file, tmp_path):
    """Not a terminal: stdin is a pipe, one answer a line. Items come in queue order: russia, armenia, turkey,
    azerbaijan, iran, the basing, the arms supply, q1, c1 (gone with iran)."""
    answers = ["a", "abc", "a", "3",           # russia: a bad capability is refused and asked again
               "e", "capability=1",            # armenia: edited
               "a", "2", "a", "2",             # turkey, azerbaijan
               "r",                            # iran (and its stance cue c1)
               "x", "a",                       # the basing: an unknown answer is asked again
               "a",                            # the arms supply
               "s"]                            # q1 skipped; then the end of input
    out = tmp_path / "reviewed.toml"
    env = {**os.environ, "COLUMNS": "200"}
    proc = subprocess.run([sys.executable, "-m", "realpolitik.cli", "draft", "review", str(draft_file), "-i",
                           "-o", str(out), "-f", "json"], input="\n".join(answers) + "\n", capture_output=True,
                          text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "not done" in proc.stderr and "unknown answer 'x'" in proc.stderr
    assert [i["id"] for i in json.loads(proc.stdout)["queue"]] == ["q1"]
    doc = tomllib.loads(out.read_text())
    assert {a["id"]: a.get("capability") for a in doc["actors"]} == CAPABILITY
    assert all("status" not in a for a in doc["actors"]) and "status" not in doc["relations"][0]
    assert doc["quantities"][0]["status"] == "draft" and doc["status"] == "draft"


def test_interactive_review_in_process_stdin(capsys, monkeypatch, draft_file, tmp_path):
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO("r\nq\n"))
    out = tmp_path / "r.toml"
    code, _, err = run(capsys, monkeypatch, "draft", "review", str(draft_file), "--interactive", "-o", str(out))
    assert code == 0, err
    assert [a["id"] for a in tomllib.loads(out.read_text())["actors"]] == ["armenia", "turkey", "azerbaijan", "iran"]


def test_evaluate_scores_a_hand_annotation(capsys, monkeypatch, tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "t.txt").write_text(TEXT)
    cows = {"russia": 365, "armenia": 371, "turkey": 640, "azerbaijan": 373, "iran": 630, "france": 220}
    annotation = {"text": "t.txt", "as_of": AS_OF,
                  "actors": [{"id": k, "name": k.title(), "kind": "state", "cow": v, "represents": None,
                              "mentions": [k.title()]} for k, v in cows.items()],
                  "relations": [{"kind": "arms_supplier", "source": "turkey", "target": "azerbaijan",
                                 "directed": True, "evidence": RELATION_QUOTE},
                                {"kind": "basing", "source": "russia", "target": "armenia", "directed": True,
                                 "evidence": "Russia keeps 3,300 troops in Armenia"}],
                  "quantities": [{"holder": "russia", "value": 3300, "unit": "troops", "what": "troops",
                                  "where": "armenia", "evidence": QUANTITY_QUOTE}],
                  "stances": []}
    (gold / "t.json").write_text(json.dumps(annotation))
    code, out, err = run(capsys, monkeypatch, "draft", "evaluate", str(gold), "-f", "json")
    assert code == 0, err
    total = json.loads(out)["total"]
    # actors: 5 of 6 found, none wrong: P 1, R 5/6, F1 = 2·(5/6)/(1 + 5/6) = 10/11
    assert (total["actors"]["tp"], total["actors"]["fp"], total["actors"]["fn"]) == (5, 0, 1)
    assert total["actors"]["f1"] == pytest.approx(10 / 11, abs=1e-4)
    # typed relations: the arms supply and the basing ("keeps 3,300 troops in") both found: P 1, R 1, F1 1
    assert (total["relations_typed"]["tp"], total["relations_typed"]["fp"], total["relations_typed"]["fn"]) == (2, 0, 0)
    assert total["quantities"]["f1"] == 1.0
    code, out, _ = run(capsys, monkeypatch, "draft", "evaluate", str(gold))
    assert code == 0 and "TOTAL" in out and "actors" in out
    # --errors lists the one actor the draft missed (France, in the annotation but not in the text's mentions)
    code, out, _ = run(capsys, monkeypatch, "draft", "evaluate", str(gold), "--errors")
    assert code == 0 and "== t.json" in out and "actors + france (state, COW 220)" in out
    code, _, err = run(capsys, monkeypatch, "draft", "evaluate", str(tmp_path / "none"))
    assert code == 1 and "not a folder" in err


def test_review_table_says_when_only_finishing_is_left(capsys, monkeypatch, draft_file, tmp_path):
    reviewed = tmp_path / "reviewed.toml"
    code, out, err = run(capsys, monkeypatch, "draft", "review", str(draft_file), *review_options(reviewed))
    assert code == 0, err
    assert "Nothing else needs a person: --finish -o FILE" in out and "Still needs a person" not in out
    code, out, _ = run(capsys, monkeypatch, "draft", "review", str(draft_file))
    assert "Still needs a person" in out and "the scenario has no issues" in out


def test_a_crlf_file_keeps_its_offsets_and_hash(capsys, monkeypatch, tmp_path):
    import hashlib

    raw = TEXT.replace("\n", "\r\n").encode("utf-8")
    if b"\r\n" not in raw:
        raw = raw.replace(b". ", b".\r\n", 1)
    crlf = tmp_path / "crlf.txt"
    crlf.write_bytes(raw)
    out = tmp_path / "crlf.toml"
    code, _, err = run(capsys, monkeypatch, "draft", str(crlf), "--as-of", AS_OF, "-o", str(out))
    assert code == 0, err
    doc = tomllib.loads(out.read_text())
    text = raw.decode("utf-8")  # the file's characters, CR included
    assert hashlib.sha256(raw).hexdigest()[:12] in doc["description"]
    for source in doc["sources"]:
        if "offsets" in source:
            start, end = source["offsets"]
            assert text[start:end] == source["quote"]


def test_a_file_that_is_not_utf8_is_a_clear_error(capsys, monkeypatch, tmp_path):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Ankara supplies Baku with drones \xe9.".encode("latin-1"))
    code, _, err = run(capsys, monkeypatch, "draft", str(bad), "--as-of", AS_OF)
    assert code != 0 and "not UTF-8" in err and "Fix:" in err
