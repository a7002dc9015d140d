"""benchmarks/scaling.py: its options (the timing itself is a benchmark, not a test)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO


def test_bad_worker_counts_are_a_clear_error_not_a_traceback():
    for bad in ("4,x", "0,4", ""):
        done = subprocess.run([sys.executable, str(REPO / "benchmarks" / "scaling.py"), "--workers", bad],
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 2, done.stderr
        assert "Traceback" not in done.stderr and "Fix: e.g. --workers 1,4,8,16" in done.stderr
