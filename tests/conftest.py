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
