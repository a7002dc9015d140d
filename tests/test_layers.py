"""The import rules of docs/architecture.md: only the presentation layers import Typer, Rich or Plotly."""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "realpolitik"
IMPORT = re.compile(r"^\s*(?:import|from)\s+(plotly|typer|rich)\b", re.MULTILINE)
ALLOWED = {"plotly": ("cli", "web", "plot"), "typer": ("cli",), "rich": ("cli",)}


def importers(library: str) -> set[str]:
    """Return the modules (paths under src/realpolitik) that import `library`."""
    return {str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
            if library in IMPORT.findall(p.read_text(encoding="utf-8"))}


def test_only_the_presentation_layers_import_plotly_typer_and_rich():
    for library, layers in ALLOWED.items():
        outside = {m for m in importers(library) if m.split("/")[0] not in layers}
        assert not outside, f"{library} imported outside {layers}: {sorted(outside)}"


def test_the_check_sees_the_imports_it_polices():
    assert "plot/style.py" in importers("plotly")
    assert "cli/application.py" in importers("typer")


def test_importing_the_plot_package_does_not_load_plotly():
    import subprocess
    import sys

    code = "import sys, realpolitik.plot; print('plotly' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_only_the_shells_draw_with_realpolitik_plot():
    pattern = re.compile(r"^\s*(?:from realpolitik\.plot\b|from realpolitik import plot\b|import realpolitik\.plot\b)",
                         re.MULTILINE)
    users = {str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py") if pattern.search(p.read_text("utf-8"))}
    assert users and all(m.split("/")[0] in ("cli", "web", "plot") for m in users), sorted(users)
