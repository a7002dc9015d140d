"""The model listing the shells show (`realpolitik models`): each model's name, kind, summary and parameters.

Reading parameters means importing every model module (NumPy, the scenario model): about a second. The listing is
therefore kept in a small cache file (``$XDG_CACHE_HOME/realpolitik/models.json``, default
``~/.cache/realpolitik``; ``REALPOLITIK_CACHE_DIR`` overrides it), keyed by the package version, the size and
modification time of every model module and the installed model plugins: any change rebuilds it, and a cache that
cannot be read or written is simply not used.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from realpolitik.models.params import ParamSpec

CACHE_NAME = "models.json"


def model_listing(use_cache: bool = True) -> list[dict[str, Any]]:
    """Return every available model as ``{"name", "summary", "iterative", "params": [ParamSpec fields]}``, in
    listing order (the same content with or without the cache)."""
    from realpolitik.models import registry

    if not use_cache or registry.run_time_names():
        return _compute()
    key, path = _cache_key(), _cache_path()
    cached = _read(path)
    if cached is not None and cached.get("key") == key:
        return cached["models"]
    models = _compute()
    _write(path, {"key": key, "models": models})
    return models


def listed_params(entry: dict[str, Any]) -> list[ParamSpec]:
    """Return the `ParamSpec`s of one `model_listing` entry (choices as tuples, as the classes declare them)."""
    return [ParamSpec(p["name"], p["default"], p["annotation"],
                      tuple(p["choices"]) if p["choices"] is not None else None, p["help"]) for p in entry["params"]]


def _compute() -> list[dict[str, Any]]:
    from realpolitik.forecast import jsonable
    from realpolitik.models.registry import available

    return [{"name": name, "summary": cls.summary, "iterative": cls.iterative,
             "params": [jsonable(vars(spec)) for spec in cls.param_specs()]} for name, cls in available().items()]


def _cache_key() -> str:
    from importlib import metadata

    import realpolitik
    from realpolitik.models.registry import ENTRY_POINT_GROUP

    folder = Path(__file__).parent
    files = sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in folder.glob("*.py"))
    plugins = sorted((ep.name, ep.value, getattr(getattr(ep, "dist", None), "version", ""))
                     for ep in metadata.entry_points(group=ENTRY_POINT_GROUP))
    text = json.dumps([realpolitik.__version__, str(folder), files, plugins])
    return hashlib.sha256(text.encode()).hexdigest()


def _cache_path() -> Path:
    base = os.environ.get("REALPOLITIK_CACHE_DIR") or str(
        Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "realpolitik")
    return Path(base) / CACHE_NAME


def _read(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _write(path: Path, data: dict[str, Any]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        partial.write_text(json.dumps(data), encoding="utf-8")
        partial.replace(path)  # atomic: a concurrent reader sees the old file or the new one
    except OSError:
        pass  # a read-only home: list without the cache
