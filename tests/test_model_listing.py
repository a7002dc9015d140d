"""The model listing of `realpolitik models`: cached on disk, always equal to what the model classes declare."""

from __future__ import annotations

import json
import os

from realpolitik.forecast import jsonable
from realpolitik.models import listing
from realpolitik.models.registry import available


def _expected() -> list[dict]:
    # read straight from the classes, the way the listing must describe them
    return [{"name": name, "summary": cls.summary, "iterative": cls.iterative,
             "params": [jsonable(vars(spec)) for spec in cls.param_specs()]} for name, cls in available().items()]


def test_the_cached_listing_equals_the_classes(tmp_path, monkeypatch):
    monkeypatch.setenv("REALPOLITIK_CACHE_DIR", str(tmp_path))
    first = listing.model_listing()
    assert (tmp_path / listing.CACHE_NAME).is_file()
    second = listing.model_listing()  # read back from the file
    assert first == second == _expected()
    specs = {e["name"]: listing.listed_params(e) for e in second}
    assert specs["nash"] == available()["nash"].param_specs()


def test_a_stale_or_broken_cache_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("REALPOLITIK_CACHE_DIR", str(tmp_path))
    path = tmp_path / listing.CACHE_NAME
    path.write_text(json.dumps({"key": "from another version", "models": [{"name": "stale"}]}), encoding="utf-8")
    assert listing.model_listing() == _expected()
    path.write_text("{not json", encoding="utf-8")
    assert listing.model_listing() == _expected()
    assert json.loads(path.read_text(encoding="utf-8"))["key"] == listing._cache_key()


def test_a_changed_model_module_changes_the_key(tmp_path, monkeypatch):
    # the key follows the modules' size and modification time: a copy of the package with one file touched
    before = listing._cache_key()
    module = listing.Path(listing.__file__).parent / "central.py"
    stat = module.stat()
    try:
        os.utime(module, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
        assert listing._cache_key() != before
    finally:
        os.utime(module, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert listing._cache_key() == before


def test_an_unwritable_cache_folder_still_lists(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("REALPOLITIK_CACHE_DIR", str(blocker / "cache"))  # a folder below a file cannot exist
    assert listing.model_listing() == _expected()
