"""The scenarios that ship with the package (TOML files in `realpolitik/scenarios/`)."""

from __future__ import annotations

from importlib import resources


def builtin_names() -> list[str]:
    """Return the names of the built-in scenarios, sorted."""
    folder = resources.files("realpolitik") / "scenarios"
    if not folder.is_dir():
        return []
    return sorted(p.name.removesuffix(".toml") for p in folder.iterdir() if p.name.endswith(".toml"))


def builtin_text(name: str) -> str:
    """Return the TOML text of the built-in scenario `name`."""
    return (resources.files("realpolitik") / "scenarios" / f"{name}.toml").read_text(encoding="utf-8")
