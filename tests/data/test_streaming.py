"""Streaming the panel: spell expressions against the NumPy rule and hand-worked values, streamed against in-memory."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import polars as pl
import pytest
from typer.testing import CliRunner

from realpolitik.cli.data import app
from realpolitik.data import dyad_years
from realpolitik.data.spells import spell_lengths
from realpolitik.data.streaming import ROW, sink, sorted_by_units, spell_expr

KEYS = ["ccode1", "ccode2", "year"]


def _spells(units, years, events, reset: bool = False) -> list[int | None]:
    frame = pl.LazyFrame({"ccode1": units, "ccode2": [0] * len(units), "year": years, "ev": events},
                         schema={"ccode1": pl.Int32, "ccode2": pl.Int32, "year": pl.Int32, "ev": pl.Int32})
    lazy = sorted_by_units(frame, KEYS).with_columns(spell_expr(["ccode1", "ccode2"], "ev", "s", reset)).drop(ROW)
    return lazy.collect(engine="streaming")["s"].to_list()


def test_spell_expression_on_hand_worked_sequences():
    # events 0 0 1 0 0 0 1 1 0 -> 0 1 2 0 1 2 3 0 0 (the event year carries the count; the next year restarts)
    assert _spells([1] * 9, list(range(2000, 2009)), [0, 0, 1, 0, 0, 0, 1, 1, 0]) == [0, 1, 2, 0, 1, 2, 3, 0, 0]
    # unit 1 skips 2002: the count runs on (peacesciencer) or restarts (reset_on_reentry); unit 2 has an
    # unobserved 2001 (null, then restart)
    units, years = [1, 1, 1, 2, 2, 2, 2], [2000, 2001, 2003, 2000, 2001, 2002, 2003]
    assert _spells(units, years, [0, 0, 0, 0, None, 0, 0]) == [0, 1, 2, 0, None, 0, 1]
    assert _spells(units, years, [0, 0, 0, 0, None, 0, 0], reset=True) == [0, 1, 0, 0, None, 0, 1]
    # rows given out of order come back in unit-year order with the same spells
    assert _spells([2, 1, 1], [2001, 2001, 2000], [0, 1, 0]) == [0, 1, 0]


def test_spell_expression_matches_the_numpy_rule_on_random_panels():
    rng = np.random.default_rng(15)
    for _ in range(20):
        n = int(rng.integers(1, 400))
        units = np.sort(rng.integers(0, 6, n))
        years = np.zeros(n, dtype=np.int64)
        for u in np.unique(units):  # increasing years with occasional gaps
            idx = np.flatnonzero(units == u)
            years[idx] = 1900 + np.cumsum(rng.choice([1, 1, 1, 2], idx.size))
        events = rng.choice([0, 0, 0, 1], n)
        missing = rng.random(n) < 0.1
        observed = [None if m else int(e) for e, m in zip(events, missing, strict=True)]
        for reset in (False, True):
            expected = spell_lengths([units], years, events, missing, reset_on_reentry=reset)
            got = _spells(units.tolist(), years.tolist(), observed, reset)
            assert [None if np.isnan(v) else int(v) for v in expected] == got


def test_streamed_cli_output_equals_the_in_memory_frame(tmp_path, data, ref):
    out = tmp_path / "d.parquet"
    roots = ":".join(str(r) for r in data.roots)
    result = CliRunner().invoke(app, ["build", "dyad-years", "--add", "nmc,contiguity,atop,mids,peace_years",
                                      "--years", "1816-1870", "-o", str(out), "--data-dir", roots])
    assert result.exit_code == 0, result.output
    streamed = pl.read_parquet(out)
    # the in-memory route: every step computed, peace-years by the NumPy rule over the collected frame
    df = dyad_years("cow", (1816, 1870), data=data).add("nmc", "contiguity", "atop", "mids").collect()
    col = df["cowmidongoing"]
    spell = spell_lengths([df["ccode1"].to_numpy(), df["ccode2"].to_numpy()], df["year"].to_numpy(),
                          col.fill_null(0).to_numpy(), col.is_null().to_numpy())
    df = df.with_columns(pl.Series("cowmidspell", spell).fill_nan(None).cast(pl.Int32))
    assert streamed.height == ref("cow_ddy").filter(pl.col("year") <= 1870).height == df.height
    assert streamed.equals(df)  # same rows, same order, same values
    assert streamed.sort(KEYS).hash_rows(seed=0).sum() == df.sort(KEYS).hash_rows(seed=0).sum()
    assert f"{df.height:,} rows x {df.width} columns" in result.output.replace("\n", " ")


def test_sink_writes_regular_row_groups(tmp_path: Path, data):
    # the peace-years step leaves one-row chunks at chunk seams; the file still has whole row groups
    pq = pytest.importorskip("pyarrow.parquet")
    from realpolitik.data.streaming import ROW_GROUP_ROWS

    lazy = dyad_years("cow", (1816, 1950), data=data).add("mids", "peace_years").lazy
    rows, _ = sink(lazy, tmp_path / "d.parquet")
    meta = pq.ParquetFile(tmp_path / "d.parquet").metadata
    sizes = [meta.row_group(i).num_rows for i in range(meta.num_row_groups)]
    assert rows > 2 * ROW_GROUP_ROWS and sum(sizes) == rows
    assert sizes[:-1] == [ROW_GROUP_ROWS] * (len(sizes) - 1) and 0 < sizes[-1] <= ROW_GROUP_ROWS


def test_sink_writes_csv_and_counts_rows(tmp_path: Path, data):
    lazy = dyad_years("cow", (1816, 1817), data=data).add("mids", "peace_years").lazy
    rows, cols = sink(lazy, tmp_path / "d.csv")
    back = pl.read_csv(tmp_path / "d.csv")
    assert (rows, cols) == (back.height, back.width) == (lazy.collect().height, len(lazy.collect_schema()))


def test_the_pipeline_plan_never_sorts_the_panel(data):
    # peace-years asks for unit-year order; the builder generates rows in that order and says so, so Polars drops
    # that sort and the plan holds none of the panel. (A reordered frame is sorted again: tests/data/test_spells.py)
    plan = dyad_years("cow", (1816, 1820), data=data).add("nmc", "contiguity", "atop", "mids", "peace_years")
    assert "SORT BY" not in plan.lazy.explain(engine="streaming")


@pytest.mark.parametrize("system", ["cow", "gw"])
@pytest.mark.parametrize("directed", [True, False])
def test_the_builder_s_rows_are_in_the_key_order_it_declares(data, system, directed):
    from realpolitik.data.streaming import in_key_order

    frame = dyad_years(system, (1940, 2024), directed=directed, data=data)
    df = frame.collect()
    assert df.height > 10_000 and in_key_order(df, frame.keys)
    assert df.select(frame.keys).is_unique().all()


def test_key_order_check_is_lexicographic():
    from realpolitik.data.streaming import in_key_order

    sorted_rows = pl.DataFrame({"a": [1, 1, 2, 2], "b": [5, 6, 1, 1], "year": [1900, 1900, 1900, 1901]})
    assert in_key_order(sorted_rows, ["a", "b", "year"])
    assert not in_key_order(sorted_rows.reverse(), ["a", "b", "year"])
    assert not in_key_order(pl.DataFrame({"a": [1, 1], "b": [6, 5], "year": [1900, 1901]}), ["a", "b", "year"])
    assert in_key_order(pl.DataFrame({"a": [1], "b": [1], "year": [1]}), ["a", "b", "year"])
