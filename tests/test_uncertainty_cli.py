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
    # (--seed alone is a seeded plain forecast: tests/test_cli_seed.py)
    code, _, err = run(capsys, monkeypatch, "forecast", str(hand), "--workers", "2")
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


def _read_until(fd: int, needle: str, text: str, deadline: float) -> str:
    """Read the pty `fd` into `text` until `needle` appears (ANSI codes removed), EOF or the deadline."""
    import os
    import re
    import select
    import time

    while needle not in re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text) and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            text += chunk.decode("utf-8", "replace")
    return text


def test_ctrl_c_on_workers_stops_promptly_and_reports(tmp_path):
    """A user presses Ctrl-C during `forecast --mc --workers 2` (at a terminal: the progress bar shows): the run
    says it is stopping at once, waits only for the running batches, prints the partial result and exits 130."""
    import os
    import pty
    import re
    import signal
    import subprocess
    import sys
    import time

    n = 4000  # bdm on the built-in scenario: ~25 ms a draw, ~50 s on 2 workers; the old batches held 500 draws
    main, terminal = pty.openpty()
    env = {**os.environ, "COLUMNS": "200", "TERM": "xterm"}
    script = os.path.join(os.path.dirname(sys.executable), "realpolitik")
    command = [script] if os.path.exists(script) else [sys.executable, "-c", "from realpolitik.cli import main; main()"]
    proc = subprocess.Popen([*command, "forecast", "south-caucasus-2020", "-m", "bdm",
                             "--mc", str(n), "--workers", "2", "--seed", "1"],
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=terminal, env=env,
                            start_new_session=True)
    os.close(terminal)
    try:
        deadline = time.monotonic() + 300  # a guard against hanging, not a measurement
        text = _read_until(main, f"bdm: {n:,} draws", "", deadline)  # the bar: batches are finishing
        assert f"bdm: {n:,} draws" in re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text), text
        os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C reaches the whole foreground process group
        text = _read_until(main, "the figures use those", text, deadline)
        stdout, _ = proc.communicate(timeout=max(1.0, deadline - time.monotonic()))
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        os.close(main)
    plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text).replace("\r", "")
    assert proc.returncode == 130, plain
    stopping = re.search(r"stopping… \(([\d,]+) of ([\d,]+) finished\)", plain)
    finished = re.search(r"interrupted: ([\d,]+) of ([\d,]+) draws of bdm finished; the figures use those", plain)
    assert stopping and finished, plain
    k, m = (int(x.group(1).replace(",", "")) for x in (stopping, finished))
    assert int(stopping.group(2).replace(",", "")) == int(finished.group(2).replace(",", "")) == n
    # after the notice only the batches already running or handed on finish: two workers plus the one call the
    # process pool queues ahead, each batch sized for about 0.5 s of draws (~20 draws at the estimated speed); on a
    # loaded machine draws run slower than the estimate the batches were sized by (a full-suite run saw 204), so
    # the bound is n/10 = 400, still below what one of the old 500-draw batches alone let finish (500-1000)
    assert k <= m <= k + n // 10 and m < n
    assert b"bdm" in stdout  # the table of the finished draws


def test_whatif_applies_edits_in_the_order_given(capsys, monkeypatch, hand):
    base = ["whatif", str(hand), "-m", "compromise", "-f", "json"]
    # scale then set: c_beta = 3·2 = 6, then 1; weights 0.5, 1, 1 on border: (5 + 90 + 50) / 2.5 = 58
    code, out, err = run(capsys, monkeypatch, *base, "--scale", "beta.capability=2", "--set", "beta.capability=1")
    assert code == 0, err
    doc = json.loads(out)
    assert [e["text"] for e in doc["edits"]] == ["--scale beta.capability=2", "--set beta.capability=1"]
    assert next(r for r in doc["comparisons"] if r["issue"] == "border")["edited"] == pytest.approx(58.0)
    # set then scale: c_beta = 1·2 = 2; weights 0.5, 2, 1: (5 + 180 + 50) / 3.5 = 67.143
    code, out, _ = run(capsys, monkeypatch, *base, "--set", "beta.capability=1", "--scale", "beta.capability=2")
    assert next(r for r in json.loads(out)["comparisons"] if r["issue"] == "border")["edited"] == \
        pytest.approx(235 / 3.5)
    # an edit after the drop of its actor is an error; before it, the drop wins: (5 + 50) / 1.5 = 36.667
    code, _, err = run(capsys, monkeypatch, *base, "--drop", "beta", "--set", "beta.salience=1")
    assert code == 1 and "--set beta.salience=1: actor 'beta' was removed by an earlier --drop beta" in err
    assert "Fix: put the edit before --drop beta" in err
    code, out, err = run(capsys, monkeypatch, *base, "--set", "beta.salience=1", "--drop", "beta")
    assert code == 0, err
    assert next(r for r in json.loads(out)["comparisons"] if r["issue"] == "border")["edited"] == \
        pytest.approx(55 / 1.5)


def test_whatif_save_to_a_missing_folder_fails_before_running_the_models(capsys, monkeypatch, hand, tmp_path):
    from realpolitik.uncertainty import whatif

    ran = []
    monkeypatch.setattr(whatif, "compare", lambda *a: ran.append(a) or [])
    target = tmp_path / "nonexistent" / "x.toml"
    code, _, err = run(capsys, monkeypatch, "whatif", str(hand), "--drop", "alpha", "--save", str(target))
    assert code == 1 and "Traceback" not in err and not ran
    assert f"the folder {target.parent} does not exist" in err and "Fix: create it" in err


def test_save_scenario_turns_os_errors_into_clear_errors(tmp_path):
    from realpolitik.errors import RealpolitikError
    from realpolitik.scenario.io import save_scenario
    from realpolitik.scenario.model import Scenario

    scenario = Scenario.model_validate(DOC)
    with pytest.raises(RealpolitikError, match="does not exist. Fix: create it"):
        save_scenario(scenario, tmp_path / "missing" / "x.toml")
    (tmp_path / "d.toml").mkdir()
    with pytest.raises(RealpolitikError, match="it is a folder"):
        save_scenario(scenario, tmp_path / "d.toml")


def test_whatif_nan_names_the_fields_range(capsys, monkeypatch, hand):
    code, _, err = run(capsys, monkeypatch, "whatif", str(hand), "--set", "beta.salience[border]=nan")
    assert code == 1 and "must be a finite number. Fix: give a salience within 0-1" in err
    code, _, err = run(capsys, monkeypatch, "whatif", str(hand), "--set", "beta.position=inf")
    assert code == 1 and "Fix: give a position within 0-100" in err


def test_spread_overrides_the_conventional_spreads_field_by_field(capsys, monkeypatch, hand):
    code, out, err = run(capsys, monkeypatch, "forecast", str(hand), "-m", "compromise", "--mc", "20",
                         "--spread", "position=5", "--format", "json")
    assert code == 0, err
    (record,) = json.loads(out)["runs"]
    assert record["spreads"]["defaults"] == {"capability": "×/÷1.5", "position": "±5", "salience": "±0.1"}
    # 3 capabilities + 5 positions + 5 saliences
    assert len(record["spreads"]["inputs"]) == 13


def test_sensitivity_tornado_alias_and_ctrl_c_exits_130(capsys, monkeypatch, hand):
    from realpolitik.cli.progress import ProgressBar

    args = ["sensitivity", str(hand), "-m", "compromise", "--spread", "position=10", "--spread", "capability=0",
            "--spread", "salience=0", "--workers", "1", "-f", "json"]
    code, out, err = run(capsys, monkeypatch, *args, "--method", "tornado")
    assert code == 0, err
    assert json.loads(out)["analyses"][0]["method"] == "oat"

    def ctrl_c(self, runs):
        raise KeyboardInterrupt

    monkeypatch.setattr(ProgressBar, "__call__", ctrl_c)
    code, _, err = run(capsys, monkeypatch, *args)
    # 5 positions, 2 runs each; serial batches of max(1, min(50, ceil(10 / 100))) = 1 run: one had finished
    assert code == 130 and "stopping… (1 of 10 finished)" in err
    assert "one-at-a-time analysis interrupted after 1 of 10 runs" in err and "Traceback" not in err


def test_forecast_mc_on_workers_reuses_one_warm_pool_and_matches_serial(capsys, monkeypatch, hand):
    from realpolitik.executors import warm_executor

    args = ["forecast", str(hand), "-m", "compromise", "-m", "median", "--mc", "120", "--seed", "4", "-f", "json"]
    code, out, err = run(capsys, monkeypatch, *args, "--workers", "1")
    assert code == 0, err
    serial = [r["outcomes"] for r in json.loads(out)["runs"]]
    code, out, err = run(capsys, monkeypatch, *args, "--workers", "2")
    assert code == 0, err
    runs = json.loads(out)["runs"]
    assert [r["outcomes"] for r in runs] == serial and {r["executor"] for r in runs} == {"processes (2 workers)"}
    workers = warm_executor(2).pool.pids()  # both models ran on the shared pool; it is still up
    assert len(workers) == 2
    code, out, err = run(capsys, monkeypatch, *args, "--workers", "2")  # a second command in the same process
    assert code == 0 and [r["outcomes"] for r in json.loads(out)["runs"]] == serial
    assert warm_executor(2).pool.pids() == workers
