"""A third-party model registered through the ``realpolitik.models`` entry-point group, installed for real.

Each test builds a tiny wheel in tmp_path (a zip: the plugin module and its ``.dist-info`` with
``entry_points.txt``), installs it offline with ``pip install --no-deps --no-index --target`` and runs a fresh
interpreter with that folder on PYTHONPATH, so nothing leaks into the test process.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

GOOD = '''
import numpy as np
from realpolitik.forecast import IssueForecast, Round
from realpolitik.models.base import Model


class MidRange(Model):
    """Halfway between the extreme positions: a toy plugin model."""

    name = "midrange"
    summary = "halfway between the two extreme positions"

    def __init__(self, shift: float = 0.0) -> None:
        self.shift = shift

    def run_issue(self, scenario, issue, rng):
        x = scenario.arrays(issue).position
        return IssueForecast(issue, float(np.clip((x.min() + x.max()) / 2 + self.shift, 0, 100)), (Round(0, {}),))
'''

BROKEN = "import a_module_that_is_not_installed\n"


def _wheel(tmp_path: Path, dist: str, module: str, source: str, entry: str) -> Path:
    """Write a minimal py3-none-any wheel for `dist` holding `module` and the entry point `entry`."""
    stem = dist.replace("-", "_")  # a wheel's file and .dist-info names use the normalised name (PEP 427/491)
    info = f"{stem}-0.1.dist-info"
    files = {
        f"{module}.py": source,
        f"{info}/METADATA": f"Metadata-Version: 2.1\nName: {dist}\nVersion: 0.1\n",
        f"{info}/WHEEL": "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
        f"{info}/entry_points.txt": f"[realpolitik.models]\n{entry}\n",
    }
    record = []
    for name, text in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b"=").decode()
        record.append(f"{name},sha256={digest},{len(text.encode())}")
    files[f"{info}/RECORD"] = "\n".join(record + [f"{info}/RECORD,,"]) + "\n"
    path = tmp_path / f"{stem}-0.1-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as zf:
        for name, text in files.items():
            zf.writestr(name, text)
    return path


def _install(tmp_path: Path, *wheels: Path) -> Path:
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-index", "--target", str(site),
                    *map(str, wheels)], check=True, capture_output=True, text=True, timeout=120)
    return site


def _python(site: Path, code: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(site)}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)


def test_installed_plugin_model_is_listed_runs_and_passes_the_contract(tmp_path):
    site = _install(tmp_path, _wheel(tmp_path, "rp-midrange", "rp_midrange", GOOD, "midrange = rp_midrange:MidRange"))
    done = _python(site, """
import json
from realpolitik.models import names, catalog, get_model
from realpolitik.models.checks import check_model, scenario
model = get_model("midrange", shift=5.0)
check_model(type(model))
print(json.dumps({"names": names(), "plugin": catalog()["midrange"].plugin,
                  "outcomes": model.run(scenario()).outcomes}))
""")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    # a one-shot model: after the built-in one-shot models, before the iterative ones
    assert out["names"] == ["mean", "compromise", "median", "median-cs", "nash", "anchored", "wartrap", "ensemble",
                            "midrange", "bdm", "smp", "exchange"]
    assert out["plugin"] == "rp-midrange"
    # contract scenario: issue a spans 20..85, issue b 10..90; midpoints 52.5 and 50, plus the shift of 5
    assert out["outcomes"] == {"a": 57.5, "b": 55.0}


def test_a_broken_plugin_is_named_and_leaves_the_built_ins_working(tmp_path):
    site = _install(tmp_path, _wheel(tmp_path, "rp-broken", "rp_broken", BROKEN, "broken = rp_broken:Model"))
    done = _python(site, """
import json
from realpolitik.errors import RealpolitikError
from realpolitik.models import names, get_model
listed = names()
try:
    get_model("broken")
except RealpolitikError as exc:
    message = str(exc)
print(json.dumps({"names": listed, "message": message}))
""")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["names"] == ["mean", "compromise", "median", "median-cs", "nash", "anchored", "wartrap", "ensemble",
                            "bdm", "smp", "exchange"]
    for part in ("'broken = rp_broken:Model'", "rp-broken", "ModuleNotFoundError", "Fix:"):
        assert part in out["message"]
    assert "rp-broken" in done.stderr  # the warning names the plugin when the registry looks
    cli = _python(site, "import sys; sys.argv = ['realpolitik', 'models', '--format', 'json']\n"
                        "from realpolitik.cli import app; app()")
    assert cli.returncode == 0, cli.stderr
    assert [m["name"] for m in json.loads(cli.stdout)] == out["names"]
    assert "rp-broken" in cli.stderr


def test_a_plugin_cannot_take_a_built_in_name(tmp_path):
    source = GOOD.replace('name = "midrange"', 'name = "compromise"')
    site = _install(tmp_path, _wheel(tmp_path, "rp-clash", "rp_clash", source, "compromise = rp_clash:MidRange"))
    done = _python(site, """
from realpolitik.models import get_model, failures
print(type(get_model("compromise")).__module__)
print(failures()["compromise"])
""")
    assert done.returncode == 0, done.stderr
    module, message = done.stdout.splitlines()
    assert module == "realpolitik.models.central"
    assert "rp-clash" in message and "already taken" in message
