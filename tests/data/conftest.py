"""Fixtures for the data-layer tests: the reference Parquet folders in ../shared, read in place."""

from __future__ import annotations

import polars as pl
import pytest

from realpolitik.data import DataDir, data_dir, dyad_years
from tests.conftest import require_shared


@pytest.fixture(scope="session")
def ps_dir():
    """../shared/data/peacesciencer (skips when absent)."""
    return require_shared("data/peacesciencer")


@pytest.fixture(scope="session")
def data(ps_dir) -> DataDir:
    """A DataDir over the peacesciencer and isard reference folders."""
    return data_dir([ps_dir, require_shared("data/isard")])


@pytest.fixture(scope="session")
def ref(ps_dir):
    """Read a reference table by name (for independent comparisons)."""

    def read(name: str) -> pl.DataFrame:
        path = ps_dir / f"{name}.parquet"
        if not path.exists():
            path = ps_dir.parent / "isard" / f"{name}.parquet"
        return pl.read_parquet(path)

    return read


@pytest.fixture(scope="session")
def cow_dyads(data):
    """All directed COW dyad-years 1816-2024 with majors and contiguity (collected once)."""
    return dyad_years("cow", data=data).add_cow_majors().add_contiguity().collect()


def row(df: pl.DataFrame, **where) -> dict:
    """Return the single row of `df` matching column == value for every keyword."""
    hit = df.filter(pl.all_horizontal([pl.col(k) == v for k, v in where.items()]))
    assert hit.height == 1, f"{where}: {hit.height} rows"
    return hit.row(0, named=True)
