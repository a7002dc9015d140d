"""Durability: SIGKILL the server during a long Monte Carlo run; on restart nothing earlier is lost or damaged and
the interrupted run is marked failed, not left "running" for ever."""

from __future__ import annotations

import sqlite3
import time

from tests.web_support import DOC, ServerProcess, http_json


def test_kill_during_monte_carlo_then_restart(tmp_path, monkeypatch):
    monkeypatch.setenv("REALPOLITIK_RUN_LEASE", "2")  # the killed server's lease runs out 2 s after its last renewal
    db = tmp_path / "durable.db"
    server = ServerProcess(f"sqlite:///{db}", tmp_path / "server.log").start()
    try:
        assert http_json("POST", server.base + "/api/scenarios", DOC)[0] == 201
        assert http_json("POST", server.base + "/api/scenarios/mini/versions", {**DOC, "title": "Mini 2"})[0] == 201
        status, quick = http_json("POST", server.base + "/api/runs",
                                  {"scenario": "mini", "models": [{"name": "compromise"}]})
        assert status == 201 and quick["status"] == "done"
        status, long_run = http_json("POST", server.base + "/api/runs", {
            "scenario": "mini", "models": [{"name": "compromise"}, {"name": "nash"}], "draws": 100_000})
        assert status == 202
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:  # wait until the run is under way and has reported progress
            run = http_json("GET", f"{server.base}/api/runs/{long_run['id']}")[1]
            if run["status"] == "running" and run["progress"] > 0:
                break
            time.sleep(0.3)
        assert run["status"] == "running" and 0 < run["progress"] < 1
    finally:
        server.kill()

    with sqlite3.connect(db) as conn:  # the file is sound after the kill
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)

    restarted = ServerProcess(f"sqlite:///{db}", tmp_path / "server2.log").start()
    try:
        versions = http_json("GET", restarted.base + "/api/scenarios/mini/versions")[1]
        assert [v["document"]["title"] for v in versions] == ["Mini", "Mini 2"]
        earlier = http_json("GET", f"{restarted.base}/api/runs/{quick['id']}")[1]
        assert earlier["status"] == "done" and earlier["results"] == quick["results"]
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:  # failed at start-up, or by the heartbeat once the lease has run out
            interrupted = http_json("GET", f"{restarted.base}/api/runs/{long_run['id']}")[1]
            if interrupted["status"] == "failed":
                break
            time.sleep(0.3)
        assert interrupted["status"] == "failed" and interrupted["results"] is None
        assert interrupted["error"].startswith("interrupted: the server stopped") and "Fix:" in interrupted["error"]
        status, again = http_json("POST", restarted.base + "/api/runs",
                                  {"scenario": "mini", "models": [{"name": "compromise"}]})
        assert status == 201 and again["results"]["forecast"] == quick["results"]["forecast"]
    finally:
        restarted.stop()
