"""The built package: sdist and wheel pass `twine check`, the wheel holds every data file of the source tree, and
installed into a fresh virtual environment it forecasts and runs the README's example with no checkout in sight.

Offline by design: the build runs without isolation (the backend, setuptools and wheel, comes with the test extra),
the wheel is installed with ``--no-deps --no-index``, and the fresh environment sees the dependencies through a
``.pth`` file naming the test environment's site-packages. A directory named in a ``.pth`` file is only appended to
``sys.path``: its own ``.pth`` files (the editable install's hook into ``src/``) are not run, so ``realpolitik``
itself can only come from the wheel; the test checks that it does.
"""

from __future__ import annotations

import os
import re
import shutil
import site
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


def run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"{args} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    # the sdist first, then the wheel built from the sdist: a file missing from the sdist is missing from the wheel
    run(sys.executable, "-m", "build", "--no-isolation", "--outdir", out, REPO, cwd=REPO)
    return out


@pytest.fixture(scope="module")
def installed(dist, tmp_path_factory) -> Path:
    """A fresh virtual environment with the wheel installed; returns its bin directory."""
    venv = tmp_path_factory.mktemp("venv") / "env"
    run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=venv.parent)
    python = venv / "bin" / "python"
    (wheel,) = dist.glob("*.whl")
    run(sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps", "--no-index", wheel,
        cwd=venv.parent)
    purelib = run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=venv.parent).strip()
    Path(purelib, "dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    return venv / "bin"


def clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    return {**env, "COLUMNS": "120"}


def test_sdist_and_wheel_pass_twine_check(dist):
    files = sorted(dist.iterdir())
    assert sorted(f.suffix for f in files) == [".gz", ".whl"]
    assert "PASSED" in run(sys.executable, "-m", "twine", "check", "--strict", *files, cwd=dist)


def test_the_wheel_holds_every_data_file_of_the_source_tree(dist):
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("not a git checkout: the tracked files cannot be listed")
    tracked = run("git", "ls-files", "src/realpolitik", cwd=REPO).split()
    data = {p.removeprefix("src/") for p in tracked if not p.endswith((".py", ".pyc"))}
    (wheel,) = dist.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert data and not data - names, f"missing from the wheel: {sorted(data - names)}"


def test_the_installed_wheel_forecasts_and_runs_the_readme_example(installed, tmp_path):
    env = clean_env()
    where = run(installed / "python", "-c", "import sys, realpolitik; print(realpolitik.__file__); print(sys.path)",
                cwd=tmp_path, env=env)
    module, path = where.splitlines()
    assert module.startswith(str(installed.parent)), f"realpolitik came from {module}, not the fresh environment"
    assert str(REPO / "src") not in path and repr(str(REPO)) not in path

    version = run(installed / "realpolitik", "--version", cwd=tmp_path, env=env)
    assert version.strip() == f"realpolitik {project_version()}"

    table = run(installed / "realpolitik", "forecast", "south-caucasus-2020", "-m", "compromise", cwd=tmp_path,
                env=env)
    assert "53.3" in table  # the compromise outcome on karabakh (the docstring example of realpolitik.forecast)

    readme = (REPO / "README.md").read_text()
    example = re.search(r"```python\n(.*?)```", readme, re.DOTALL)
    assert example, "the README has no Python example"
    script = tmp_path / "example.py"
    script.write_text(example.group(1))
    out = run(installed / "python", script, cwd=tmp_path, env=env)
    assert '"schema": "realpolitik.forecast/1"' in out


def project_version() -> str:
    """Return the version pyproject.toml declares (what the metadata must carry)."""
    import tomllib

    return tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["version"]
