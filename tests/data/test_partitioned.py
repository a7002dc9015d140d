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
