"""Shared fixtures: where the reference material in ../shared lives, and whether its absence is a failure."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def shared_path() -> Path:
    """Return the reference-material folder: $REALPOLITIK_SHARED, else ../shared beside the checkout."""
    return Path(os.environ.get("REALPOLITIK_SHARED", REPO.parent / "shared"))


def require_shared(relative: str = "") -> Path:
    """Return ../shared/<relative>; skip the test with a reason when absent, but fail under CI=true."""
    path = shared_path() / relative
    if not path.exists():
        message = f"reference material {path} is absent (set REALPOLITIK_SHARED to the shared/ folder)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + "; CI must have it")
        pytest.skip(message)
    return path


@pytest.fixture
def shared() -> Path:
    """The ../shared folder (skips, or fails under CI=true, when absent)."""
    return require_shared()


def make_scenario(rows, status_quo=None, issue="issue"):
    """Build a one-issue Scenario from (actor, capability, position, salience) rows, for hand-worked tests."""
    from realpolitik.scenario.model import Scenario

    return Scenario.model_validate({
        "id": "hand", "title": "Hand-worked case",
        "actors": [{"id": a, "name": a.upper(), "capability": c} for a, c, _, _ in rows],
        "issues": [{"id": issue, "name": issue, "low": "zero", "high": "hundred", "status_quo": status_quo}],
        "stances": [{"actor": a, "issue": issue, "position": x, "salience": s} for a, _, x, s in rows],
    })


@pytest.fixture(autouse=True, scope="session")
def _private_cache_dir(tmp_path_factory):
    """Keep the model-listing cache of the tests (and of the commands they start) out of the user's ~/.cache."""
    os.environ.setdefault("REALPOLITIK_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    yield
