"""The import rules of docs/architecture.md: only the presentation layers import Typer, Rich or Plotly, and each
layer imports only the layers its table allows (with the three documented exceptions)."""

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


# The layer table of docs/architecture.md: each top-level module or package of realpolitik, by rank; a module may
# import its own rank and the ranks below, never above. `store` sits beside the shells: only they import it.
RANKS = {"errors": 0, "forecast": 0, "tabular": 0, "display": 0, "discovery": 0, "__version__": 0,
         "scenario": 1, "models": 2, "measures": 2, "data": 2, "draft": 2,
         "uncertainty": 3, "evaluate": 3, "executors": 3, "pool": 3, "pipeline": 4, "plot": 5, "store": 5,
         "cli": 6, "web": 6,
         "calibrations": 0, "scenarios": 0}
NEVER = {("cli", "web"), ("web", "cli"), ("plot", "store")}
CEILING = {"store": 1}  # the run store imports only scenario and base
# The three documented exceptions (docs/architecture.md, "Three edges go against the table").
EXCEPTIONS = {("scenario/checks.py", "models"), ("data/war_and_reason.py", "executors"),
              ("data/streaming.py", "executors"), ("cli/serve.py", "web")}
INTERNAL = re.compile(
    r"^\s*(?:from\s+realpolitik\.(\w+)|import\s+realpolitik\.(\w+)|from\s+realpolitik\s+import\s+(\w+))", re.MULTILINE)


def layer_violations() -> set[tuple[str, str]]:
    """Return (module path, imported top-level name) for every import of realpolitik against the table."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        module = str(path.relative_to(PACKAGE))
        source = module.split("/")[0].removesuffix(".py")
        if source == "__init__" or source == "__main__":
            continue  # the package's face re-exports the pipeline
        for match in INTERNAL.finditer(path.read_text(encoding="utf-8")):
            target = next(g for g in match.groups() if g)
            if target == source:
                continue
            if RANKS[target] > CEILING.get(source, RANKS[source]) or (source, target) in NEVER:
                found.add((module, target))
    return found


def test_imports_follow_the_layer_table():
    assert layer_violations() == EXCEPTIONS


def test_every_top_level_module_has_a_layer():
    names = {p.name.removesuffix(".py") for p in PACKAGE.iterdir() if p.suffix == ".py" or (p / "__init__.py").exists()}
    assert names - {"__init__", "__main__"} <= set(RANKS), sorted(names - set(RANKS))


def test_the_package_never_refers_to_the_reference_folder():
    # ../shared is beside the checkout, not in an installed package: code and data cite papers and docs instead
    package = Path(__file__).resolve().parents[1] / "src" / "realpolitik"
    pattern = re.compile(r"(\.\./shared|shared/(specs|data|seed|cases|sealed)|REALPOLITIK_SHARED)")
    found = [f"{path.relative_to(package)}:{n}" for path in package.rglob("*")
             if path.is_file() and path.suffix in {".py", ".csv", ".toml", ".json", ".md", ".html", ".js", ".txt"}
             for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1)
             if pattern.search(line)]
    assert found == []
