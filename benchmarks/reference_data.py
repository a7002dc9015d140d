"""What the data benchmarks share: where the reference datasets are, and the process's peak memory."""

from __future__ import annotations

import os
import resource
import sys
from pathlib import Path


def shared_data() -> list[Path]:
    """Return the peacesciencer and isard reference folders ($REALPOLITIK_SHARED/data, else ../shared/data)."""
    base = Path(os.environ.get("REALPOLITIK_SHARED", Path(__file__).resolve().parents[2] / "shared")) / "data"
    folders = [base / "peacesciencer", base / "isard"]
    if not all(f.is_dir() for f in folders):
        sys.exit(f"reference data not found under {base}; set REALPOLITIK_SHARED")
    return folders


def peak_rss_mb() -> float:
    """Return this process's peak resident set size in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
