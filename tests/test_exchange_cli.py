"""The exchange model's entry points: ``forecast --explain ROUND`` (table and JSON), ``scenario import-decide``, Decide
files through ``scenario validate`` and ``forecast``, and linked backtests from the command line and from Python."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from typer.testing import CliRunner

import realpolitik
from realpolitik.cli import app
from realpolitik.errors import RealpolitikError
from realpolitik.scenario.decide import load_decide
from realpolitik.scenario.io import load_scenario
from tests.backtest_support import LINKED_TABLE

runner = CliRunner()

# The worked example of docs/models/exchange.md, as a Decide input file (capability is Decide's power column).
DOCS_EXAMPLE = """#A,a,Actor A,,,
#A,b,Actor B,,,
#P,p,Issue P,,,
#P,q,Issue Q,,,
#/,actor,issue,position,salience,power
#D,a,p,20,0.6,1
#D,b,p,80,0.2,2
#D,a,q,10,0.3,1
#D,b,q,70,0.8,2
"""
# By hand (docs/models/exchange.md): O_p = 44, O_q = 115/1.9 = 60.526. a demands p and supplies q; b supplies p.
# M2: a moves all the way on q (10 → 70), O_q → 70; O_p falls by 180/19 · 11/8 = 495/38 = 13.026 to 30.974;
# b moves 495/38 / 0.4 = 32.566 (80 → 47.434). Gains G_a = G_b = 189/38 = 4.974. No third party.
GAIN = 189 / 38
P_AFTER = 44 - 495 / 38
B_TO = 80 - 495 / 38 / 0.4


def invoke(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def fails(*args: str) -> str:
    """Return the message of the `RealpolitikError` the command raises (`realpolitik.cli.main` prints it)."""
    result = runner.invoke(app, list(args))
    assert result.exit_code != 0 and isinstance(result.exception, RealpolitikError), result.output
    return str(result.exception)


def table_rows(text: str) -> dict[int, list[list[str]]]:
    """Return the exchange table's rows by number: each a list of its text lines, each line a list of cells."""
    start = re.search(r"^exchange\S*, round \d+: \d+ exchange", text, re.MULTILINE).start()
    rows: dict[int, list[list[str]]] = {}
    current = None
    for line in text[start:].splitlines():
        if not line.startswith("│"):
            continue
        cells = [c.strip() for c in line.strip("│").split("│")]
        if cells[0].isdigit():
            current = int(cells[0])
            rows[current] = []
        if current is not None:
            rows[current].append(cells)
    return rows


@pytest.fixture
def docs_file(tmp_path):
    path = tmp_path / "docs.csv"
    path.write_text(DOCS_EXAMPLE)
    return path


def test_explain_table_of_the_docs_example_by_hand(docs_file):
    text = invoke("forecast", str(docs_file), "-m", "exchange:preset=parity", "--explain", "1", "--no-trajectory")
    assert "exchange(preset=parity), round 1: 1 exchange" in text
    (a_line, b_line), = table_rows(text).values()
    # number, actor, demands, supplies, move, gain, outcome on the demanded issue, others' gains, losses, loser
    assert a_line == ["1", "a", "p", "q", "10.00 → 70.00", f"{GAIN:.4f}", f"44.00 → {P_AFTER:.2f}", "0.0000",
                      "0.0000", "—"]
    assert b_line == ["", "b", "q", "p", f"80.00 → {B_TO:.2f}", f"{GAIN:.4f}", f"{115 / 1.9:.2f} → 70.00", "", "",
                      ""]


def test_explain_json_carries_the_round_in_each_record(docs_file):
    doc = json.loads(invoke("forecast", str(docs_file), "-m", "exchange:preset=parity", "--explain", "1",
                            "--format", "json"))
    records = {r["issue"]: r for r in doc["forecasts"]}
    assert set(records) == {"p", "q"}
    for issue in "pq":
        data = records[issue]["explain"]
        assert data["round"] == 1 and len(data["exchanges"]) == 1
        e = data["exchanges"][0]
        assert e["a"]["actor"] == "a" and e["a"]["demands"] == "p" and e["b"]["demands"] == "q"
        assert e["a"]["gain"] == pytest.approx(GAIN) and e["b"]["gain"] == pytest.approx(GAIN)
        assert (e["a"]["from"], e["a"]["to"]) == pytest.approx((10, 70))
        assert (e["b"]["from"], e["b"]["to"]) == pytest.approx((80, B_TO))
        assert e["outcome"]["p"] == pytest.approx([44, P_AFTER]) and e["outcome"]["q"] == pytest.approx([115 / 1.9, 70])
        assert e["third_parties"] == {}
    # The same dict as the pipeline's document and the model's explain data.
    api = realpolitik.forecast(docs_file, ["exchange:preset=parity"], explain=1)
    assert json.loads(api.to_json()) == doc
    model, forecast = api.models[0], api.forecasts[0]
    assert records["p"]["explain"] == json.loads(json.dumps(model.explain_data(forecast.for_issue("p"), 1)))


def test_explain_table_on_the_builtin_scenario_agrees_with_the_data():
    text = invoke("forecast", "-m", "exchange", "--explain", "1", "--no-trajectory")
    doc = realpolitik.forecast("south-caucasus-2020", ["exchange"], explain=1)
    data = doc.models[0].explain_data(doc.forecasts[0], 1)
    rows = table_rows(text)
    assert data["exchanges"] and sorted(rows) == [e["number"] for e in data["exchanges"]]
    running: dict[str, float] = {}
    for e in data["exchanges"]:
        a_line, b_line = rows[e["number"]]
        for line, side in ((a_line, e["a"]), (b_line, e["b"])):
            assert line[1:4] == [side["actor"], side["demands"], side["supplies"]]
            assert line[4] == f"{side['from']:.2f} → {side['to']:.2f}" and line[5] == f"{side['gain']:.4f}"
            assert side["gain"] >= 0
        assert e["a"]["gain"] == pytest.approx(e["b"]["gain"])  # equal-gain exchange rate
        effects = e["third_parties"]
        assert float(a_line[7]) == pytest.approx(sum(v for v in effects.values() if v > 0), abs=1e-4)
        assert float(a_line[8]) == pytest.approx(sum(v for v in effects.values() if v < 0), abs=1e-4)
        loser = min(effects, key=effects.get)
        assert a_line[9].startswith(loser) if effects[loser] < 0 else a_line[9] == "—"
        # exchanges are executed one after another: each starts from the outcome the previous one left
        for issue, (before, after) in e["outcome"].items():
            assert before == pytest.approx(running.get(issue, before))
            running[issue] = after
    json_doc = json.loads(invoke("forecast", "-m", "exchange", "--explain", "1", "--format", "json"))
    numbers = {e["number"] for r in json_doc["forecasts"] for e in r["explain"]["exchanges"]}
    assert numbers == {e["number"] for e in data["exchanges"]}


ONE_ISSUE = """#A,a,A,
#A,b,B,
#P,p,P,
#D,a,p,20,0.6,1
#D,b,p,80,0.2,2
"""
# Equal salience ratios (0.5/0.5 and 0.4/0.4): no gain from trading, so no candidate.
NO_GAIN = """#A,a,A,
#A,b,B,
#P,p,P,
#P,q,Q,
#D,a,p,20,0.5,1
#D,b,p,80,0.4,2
#D,a,q,10,0.5,1
#D,b,q,70,0.4,2
"""


@pytest.mark.parametrize(("text", "line"), [
    (ONE_ISSUE, "exchange, round 1: no exchange: the scenario has one issue"),
    (NO_GAIN, "exchange, round 1: no exchange: no two actors stand on opposite sides"),
])
def test_explain_says_so_in_one_line_when_a_round_has_no_exchange(tmp_path, text, line):
    path = tmp_path / "s.csv"
    path.write_text(text)
    out = invoke("forecast", str(path), "-m", "exchange", "--explain", "1", "--no-trajectory")
    assert [ln for ln in out.splitlines() if ln.startswith("exchange, round")] == [ln for ln in out.splitlines()
                                                                                  if line in ln]
    assert line in out and "┏" not in out.split(line)[1]


def test_import_decide_writes_the_scenario(docs_file, tmp_path):
    out = tmp_path / "out.toml"
    result = runner.invoke(app, ["scenario", "import-decide", str(docs_file), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "2 actors, 2 issues, 4 stances" in result.output
    assert load_scenario(out) == load_decide(docs_file)


def test_import_decide_salience_scale(tmp_path):
    path = tmp_path / "pct.csv"
    path.write_text(DOCS_EXAMPLE.replace(",0.6,", ",60,").replace(",0.2,", ",20,").replace(",0.3,", ",30,")
                    .replace(",0.8,", ",80,"))
    out = tmp_path / "out.json"
    invoke("scenario", "import-decide", str(path), "-o", str(out), "--salience-scale", "percent")
    saliences = {(s["actor"], s["issue"]): s["salience"] for s in json.loads(out.read_text())["stances"]}
    assert saliences == pytest.approx({("a", "p"): 0.6, ("b", "p"): 0.2, ("a", "q"): 0.3, ("b", "q"): 0.8})
    assert "Fix: use one of auto, unit, percent" in fails("scenario", "import-decide", str(path), "-o", str(out),
                                                         "--salience-scale", "tenths")
    # read as 0-1, saliences of 60 are refused with the file's line
    assert "pct.csv" in fails("scenario", "import-decide", str(path), "-o", str(out), "--salience-scale", "unit")


def test_import_decide_refuses_mixed_scales_and_no_scale_check_keeps_positions(tmp_path):
    path = tmp_path / "mixed.csv"
    out = tmp_path / "out.json"
    path.write_text(DOCS_EXAMPLE.replace("#D,b,p,80,0.2,2", "#D,b,p,80,20,2"))  # line 7 on 0-100, the others on 0-1
    message = fails("scenario", "import-decide", str(path), "-o", str(out))
    assert f"{path}:6: #D (a on p): salience 0.6 looks written on 0-1, but line 7 (b on p) has 20" in message
    assert not out.exists()
    path.write_text(DOCS_EXAMPLE.replace("#D,a,p,20,", "#D,a,p,0.2,"))
    assert f"{path}:6: #D (a on p): position 0.2 looks written on 0-1" in fails(
        "scenario", "import-decide", str(path), "-o", str(out))
    invoke("scenario", "import-decide", str(path), "-o", str(out), "--no-scale-check")
    positions = {(s["actor"], s["issue"]): s["position"] for s in json.loads(out.read_text())["stances"]}
    assert positions[("a", "p")] == pytest.approx(0.2) and positions[("b", "p")] == pytest.approx(80)


def test_import_decide_checks_the_output_path_first(tmp_path):
    missing_input = str(tmp_path / "missing.csv")
    message = fails("scenario", "import-decide", missing_input, "-o", str(tmp_path / "no" / "out.toml"))
    assert "does not exist" in message and "no such scenario file" not in message
    assert "TOML or JSON" in fails("scenario", "import-decide", missing_input, "-o", str(tmp_path / "out.csv"))
    message = fails("scenario", "import-decide", missing_input, "-o", str(tmp_path / "out.toml"))
    assert "missing.csv" in message and "Fix:" in message and not (tmp_path / "out.toml").exists()
    bad = tmp_path / "bad.csv"
    bad.write_text("hello,world\n")
    assert "not a Decide input file" in fails("scenario", "import-decide", str(bad), "-o", str(tmp_path / "o.toml"))


def test_import_decide_errors_go_through_the_one_printer(tmp_path):
    done = subprocess.run([sys.executable, "-m", "realpolitik.cli", "scenario", "import-decide",
                           str(tmp_path / "missing.csv"), "-o", str(tmp_path / "out.toml")],
                          capture_output=True, text=True, timeout=120, env={**os.environ, "COLUMNS": "400"})
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.startswith("error: ") and "missing.csv" in done.stderr and "Fix:" in done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_validate_and_forecast_read_decide_files(docs_file):
    assert "docs.csv: 2 actors, 2 issues, 4 stances" in invoke("scenario", "validate", str(docs_file))
    doc = json.loads(invoke("forecast", str(docs_file), "-m", "exchange:preset=parity,max_rounds=1", "--format",
                            "json"))
    # one round: the forecast is the round's voting outcome, worked out above
    assert {r["issue"]: r["outcome"] for r in doc["forecasts"]} == pytest.approx({"p": P_AFTER, "q": 70})


# LINKED_TABLE (tests/backtest_support.py), a DEU-like table: issues p and q belong to one proposal (g1) and are
# linked; r is a proposal of its own. Outcomes 30, 70, 60. By hand, exchange (parity, one round) on the linked p, q
# gives 30.974 and 70 (above); alone on r it is the compromise model: (1·0.5·0 + 2·0.5·90)/1.5 = 60. Errors 0.974,
# 0, 0: MAE 0.974/3 = 0.3246. The compromise model: p 44, q 60.526, r 60; errors 14, 9.474, 0: MAE 23.474/3 = 7.8246.
EXCHANGE_MAE = (abs(P_AFTER - 30) + 0 + 0) / 3
COMPROMISE_MAE = (14 + (70 - 115 / 1.9) + 0) / 3


def test_backtest_links_the_issues_of_a_proposal_from_the_cli_and_python(tmp_path):
    data = tmp_path / "deu_like.csv"
    data.write_text(LINKED_TABLE)
    specs = ["exchange:preset=parity,max_rounds=1", "compromise"]
    cli = json.loads(invoke("backtest", str(data), "-m", specs[0], "-m", specs[1], "--cv", "0", "--bootstrap", "200",
                            "--format", "json"))
    rows = {row["model"]: row for row in cli["models"]}
    assert rows["exchange(preset=parity,max_rounds=1)"]["metrics"]["mae"]["value"] == pytest.approx(EXCHANGE_MAE)
    assert rows["compromise"]["metrics"]["mae"]["value"] == pytest.approx(COMPROMISE_MAE)
    assert rows["exchange(preset=parity,max_rounds=1)"]["n"] == 3
    run = realpolitik.run_backtest(data, specs, cv=0, bootstrap=200)
    python = json.loads(run.to_json())
    assert python["models"] == cli["models"] and python["paired"] == cli["paired"]
    predictions = {(r["model"], r["case"]): r["prediction"] for r in run.result.predictions.iter_rows(named=True)}
    assert predictions["exchange(preset=parity,max_rounds=1)", "p"] == pytest.approx(P_AFTER)
    assert predictions["exchange(preset=parity,max_rounds=1)", "q"] == pytest.approx(70)


def test_plain_exchange_backtest_runs_from_the_cli(tmp_path):
    data = tmp_path / "deu_like.csv"
    data.write_text(LINKED_TABLE)
    cli = json.loads(invoke("backtest", str(data), "-m", "exchange", "--cv", "0", "--bootstrap", "200", "--format",
                            "json"))
    row, = (r for r in cli["models"] if r["model"] == "exchange")
    assert row["n"] == 3 and row["failures"] == 0
    assert cli["config"]["models"]["exchange"]["params"]["preset"] == "default"
    assert re.fullmatch(r"realpolitik\.backtest/\d+", cli["schema"])
    python = json.loads(realpolitik.run_backtest(data, models=["exchange"], cv=0, bootstrap=200).to_json())
    assert python["models"] == cli["models"] and python["paired"] == cli["paired"]


@pytest.mark.slow
def test_deu_backtest_links_proposals_from_the_cli_and_python():
    from realpolitik.pipeline.backtest import load_cases
    from tests.conftest import require_shared

    deu = require_shared("data/deu")
    specs = ["compromise", "exchange"]
    cli = json.loads(invoke("backtest", str(deu), "-m", specs[0], "-m", specs[1], "--cv", "0", "--bootstrap", "200",
                            "--workers", "1", "--format", "json"))
    run = realpolitik.run_backtest(deu, specs, cv=0, bootstrap=200)
    python = json.loads(run.to_json())
    assert python["models"] == cli["models"] and python["paired"] == cli["paired"]
    assert {r["model"]: r["n"] for r in cli["models"]}["exchange"] == cli["cases"]["total"]
    cases, _ = load_cases(deu)
    sizes: dict[str, int] = {}
    for case in cases:
        sizes[case.group] = sizes.get(case.group, 0) + 1
    group = {c.case_id: c.group for c in cases}
    got = {(r["model"], r["case"]): r["prediction"] for r in run.result.predictions.iter_rows(named=True)}
    alone = [c for c in group if sizes[group[c]] == 1]
    linked = [c for c in group if sizes[group[c]] > 1]
    assert alone and linked
    # a proposal with one issue has nothing to trade: the exchange model is the compromise model there
    assert all(got["exchange", c] == pytest.approx(got["compromise", c]) for c in alone)
    # linked issues trade: the forecasts move away from the compromise model's on some of them
    assert sum(abs(got["exchange", c] - got["compromise", c]) > 0.5 for c in linked) > len(linked) // 4
