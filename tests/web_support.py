"""Helpers for the store and web tests: a hand-worked scenario, servers in subprocesses, optional services."""

from __future__ import annotations

import contextlib
import copy
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO / "tests" / "artifacts"

# Three actors, two issues. Hand-worked compromise outcomes (Σ c·s·x / Σ c·s):
#   border: weights 1·0.5, 3·1.0, 2·0.25 = 0.5, 3, 0.5 → (5 + 270 + 20) / 4 = 73.75 ; mean (10+90+40)/3 = 46.67
#   trade:  weights 1·1.0, 3·0.25 = 1, 0.75           → (80 + 15) / 1.75 = 54.2857... ; mean (80+20)/2 = 50
DOC = {
    "id": "mini", "title": "Mini", "seed": 7,
    "sources": [{"id": "s1", "citation": "A citation", "url": "https://example.org/a"}],
    "actors": [
        {"id": "alpha", "name": "Alpha", "capability": 1.0, "sources": ["s1"]},
        {"id": "beta", "name": "Beta", "capability": 3.0},
        {"id": "gamma", "name": "Gamma", "capability": 2.0},
    ],
    "issues": [
        {"id": "border", "name": "Border", "low": "no change", "high": "full change", "status_quo": 0},
        {"id": "trade", "name": "Trade", "low": "closed", "high": "open"},
    ],
    "stances": [
        {"actor": "alpha", "issue": "border", "position": 10, "salience": 0.5, "source": "s1"},
        {"actor": "beta", "issue": "border", "position": 90, "salience": 1.0},
        {"actor": "gamma", "issue": "border", "position": 40, "salience": 0.25},
        {"actor": "alpha", "issue": "trade", "position": 80, "salience": 1.0},
        {"actor": "beta", "issue": "trade", "position": 20, "salience": 0.25},
    ],
    "relations": [{"kind": "alliance", "from": "alpha", "to": "gamma"},
                  {"kind": "hostility", "from": "beta", "to": "alpha"}],
}
COMPROMISE = {"border": 295 / 4, "trade": 95 / 1.75}
MEAN = {"border": 140 / 3, "trade": 50.0}


def doc(**changes) -> dict:
    """Return a deep copy of the hand-worked scenario document with top-level `changes`."""
    out = copy.deepcopy(DOC)
    out.update(changes)
    return out


def in_ci() -> bool:
    """Return whether the tests run under CI (where missing services are failures, not skips)."""
    return os.environ.get("CI", "").lower() == "true"


def require(condition: bool, reason: str) -> None:
    """Skip the test with `reason` unless `condition`; fail instead under CI=true."""
    if not condition:
        if in_ci():
            pytest.fail(reason + " (CI must provide it: see .ci/web-services.sh)")
        pytest.skip(reason)


def postgres_url() -> str:
    """Return the PostgreSQL test URL from $REALPOLITIK_TEST_PG (skip, or fail under CI, when unset)."""
    url = os.environ.get("REALPOLITIK_TEST_PG", "")
    require(bool(url), "REALPOLITIK_TEST_PG is not set: no PostgreSQL server for the store tests")
    return url


def chromium_path() -> str:
    """Return the system chromium (Debian's), skipping (failing under CI) when it is absent."""
    path = os.environ.get("REALPOLITIK_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    require(Path(path).exists(), f"no chromium at {path}: apt-get install chromium")
    return path


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that is free now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_json(method: str, url: str, body: dict | None = None, timeout: float = 30) -> tuple[int, dict]:
    """Send a JSON request with the standard library; return (status, decoded body)."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers={"content-type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"null")


class ServerProcess:
    """`realpolitik serve` in a subprocess on a free localhost port, with its own store."""

    def __init__(self, db: str, log: Path, args: tuple[str, ...] = (), env: dict[str, str] | None = None) -> None:
        self.db, self.log_path, self.args, self.env = db, log, args, env or {}
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 60) -> ServerProcess:
        """Start the server and wait (at most `timeout` seconds) until it answers."""
        env = {**os.environ, "PYTHONUNBUFFERED": "1", **self.env}
        self._log = open(self.log_path, "a")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "realpolitik.cli", "serve", "--port", str(self.port), "--db", self.db, *self.args],
            stdout=self._log, stderr=subprocess.STDOUT, env=env, cwd=REPO)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.log_path.read_text()[-2000:]}")
            with contextlib.suppress(OSError):
                if http_json("GET", self.base + "/api/models", timeout=2)[0] in (200, 401):  # 401: a token is set
                    return self
            time.sleep(0.2)
        raise RuntimeError(f"server did not answer within {timeout} s: {self.log_path.read_text()[-2000:]}")

    def kill(self) -> None:
        """Kill the server with SIGKILL (no shutdown handlers run) and reap it."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=30)
        self._log.close()

    def stop(self) -> None:
        """Stop the server with SIGTERM (graceful), SIGKILL if it does not stop within 20 s."""
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self._log.close()
