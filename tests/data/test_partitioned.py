"""Partitioned Parquet: the panel written in blocks of states, on one process or on a local Ray, equals one run."""

from __future__ import annotations

import polars as pl
import pytest

from realpolitik.data import dyad_years
from realpolitik.data.streaming import sink, write_dyad_blocks
from realpolitik.executors import SerialExecutor

ADDONS = ["nmc", "contiguity", "mids", "peace_years"]
YEARS = (1816, 1830)


def _one_file(tmp_path, data) -> pl.DataFrame:
    sink(dyad_years("cow", YEARS, data=data).add(*ADDONS).lazy, tmp_path / "one.parquet")
    return pl.read_parquet(tmp_path / "one.parquet")


def _check(parts, one: pl.DataFrame) -> None:
    joined = pl.concat([pl.read_parquet(path) for path, _ in parts])
    assert [n for _, n in parts] == [pl.read_parquet(path).height for path, _ in parts]
    assert sum(n for _, n in parts) == one.height > 0
    assert joined.equals(one)  # row for row, in order


def test_blocks_on_one_process_equal_one_run(tmp_path, data):
    parts = write_dyad_blocks(tmp_path / "parts", "cow", YEARS, ADDONS, data, SerialExecutor(), blocks=5)
    assert len(parts) == 5 and sum(1 for _, n in parts if n > 0) >= 2
    _check(parts, _one_file(tmp_path, data))


def test_blocks_on_a_local_ray_equal_one_run(tmp_path, data):
    ray = pytest.importorskip("ray")
    from realpolitik.executors import RayExecutor

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        parts = write_dyad_blocks(tmp_path / "parts", "cow", YEARS, ADDONS, data, RayExecutor(), blocks=3)
    finally:
        ray.shutdown()
    _check(parts, _one_file(tmp_path, data))


def _build(*args: str):
    from typer.testing import CliRunner

    from realpolitik.cli.data import app

    return CliRunner().invoke(app, ["build", *args])


@pytest.mark.parametrize("workers", ["1", "2"])  # this process; local processes
def test_cli_parts_read_back_equal_the_single_file(tmp_path, data, workers):
    roots = ":".join(str(r) for r in data.roots)
    common = ["--add", ",".join(ADDONS), "--years", f"{YEARS[0]}-{YEARS[1]}", "--data-dir", roots]
    one = _build("dyad-years", *common, "-o", str(tmp_path / "one.parquet"))
    parts = _build("dyad-years", *common, "--parts", "3", "--workers", workers, "-o", str(tmp_path / "panel"))
    assert one.exit_code == 0 and parts.exit_code == 0, one.output + parts.output
    files = sorted((tmp_path / "panel").iterdir())
    assert [f.name for f in files] == ["part-000.parquet", "part-001.parquet", "part-002.parquet"]
    single = pl.read_parquet(tmp_path / "one.parquet")
    assert pl.read_parquet(tmp_path / "panel").equals(single)  # the folder read in name order: row for row
    assert f"{single.height:,} rows x {single.width} columns in 3 Parquet files" in parts.output.replace("\n", " ")


def test_cli_parts_refuses_what_it_cannot_write(tmp_path, data):
    roots = ":".join(str(r) for r in data.roots)
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "part-009.parquet").write_bytes(b"old")
    cases = {
        ("state-years", "-o", str(tmp_path / "s")): "--parts writes dyad-years only",
        ("dyad-years", "-o", str(tmp_path / "d.csv")): "writes Parquet files into a folder",
        ("dyad-years", "-o", str(tmp_path / "full")): "not empty",
        ("dyad-years", "-o", str(tmp_path / "n"), "--add", "nope"): "unknown add-on 'nope'",
    }
    for args, message in cases.items():
        result = _build(*args, "--parts", "2", "--workers", "1", "--data-dir", roots)
        assert result.exit_code == 1 and message in result.output and "Fix:" in result.output, result.output
    assert not (tmp_path / "n").exists()  # the plan is checked before any folder or part is written
    assert (tmp_path / "full" / "part-009.parquet").read_bytes() == b"old"


def test_an_interrupted_run_says_to_remove_its_parts_before_running_again(tmp_path, data, monkeypatch):
    import numpy as np

    from realpolitik.cli.data import _check_parts_folder
    from realpolitik.errors import RealpolitikError
    from realpolitik.executors import MapResult

    def stopped_after_one(self, fn, items, **options):  # Ctrl-C after the first part was written
        items = list(items)
        return MapResult([fn(items[0])] + [None] * (len(items) - 1), np.arange(len(items)) == 0, interrupted=True)

    monkeypatch.setattr(SerialExecutor, "map", stopped_after_one)
    folder = tmp_path / "parts"
    with pytest.raises(RealpolitikError, match=r"interrupted: 1 of 3 parts written") as caught:
        write_dyad_blocks(folder, "cow", YEARS, ["nmc"], data, SerialExecutor(), blocks=3)
    # running again as told must work: `data build --parts` refuses a folder holding old parts, so the fix is to
    # remove it first
    with pytest.raises(RealpolitikError, match="not empty"):
        _check_parts_folder("dyad-years", folder)
    assert f"Fix: remove {folder}" in str(caught.value)
