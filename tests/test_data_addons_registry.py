"""`realpolitik.data.ADDONS` holds every add-on on first access, not only after something loaded the registry
(issue 12 review, item 8). Run in a fresh interpreter so no other test has loaded the registry first."""

from __future__ import annotations

import subprocess
import sys


def test_addons_mapping_is_full_on_first_access():
    code = ("import realpolitik.data as d; first = len(d.ADDONS); full = len(d.addons()); "
            "print(first, full); assert first == full > 0, (first, full)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
