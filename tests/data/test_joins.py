"""Dyad-year look-ups: the dense (pair, year) index and the hash join give the same, hand-worked values."""

from __future__ import annotations

import polars as pl
import pytest

from realpolitik.data import joins
from realpolitik.data.frame import PeaceFrame
from realpolitik.data.sources import DataDir

I32 = pl.Int32


def _frame(rows: list[tuple[int, int, int]]) -> PeaceFrame:
    lazy = pl.LazyFrame(rows, schema={"ccode1": I32, "ccode2": I32, "year": I32}, orient="row")
    return PeaceFrame(lazy, "dyad_year", "cow", DataDir(()), (1900, 1903))


# a directed table 1900-1902: (2, 20) has rows in 1900 and 1902, (20, 2) in 1901, (2, 999) in 1900
TABLE = pl.LazyFrame([(2, 20, 1900, 5), (2, 20, 1902, 7), (20, 2, 1901, 1), (2, 999, 1900, 3)],
                     schema={"ccode1": I32, "ccode2": I32, "year": I32, "v": pl.Int16}, orient="row")
# frame rows (deliberately not in key order: the look-up keeps the frame's order) and the value each gets:
# inside 1900-1902 a missing row is 0 (the fill), 1903 lies outside the table's years so null
FRAME = [(20, 2, 1901), (2, 20, 1900), (2, 20, 1901), (2, 20, 1902), (2, 20, 1903), (2, 999, 1900),
         (999, 2, 1900), (2, 1000, 1900), (365, 2, 1899), (2, 20, 1902)]
DIRECTED = [1, 5, 0, 7, None, 3, 0, 0, None, 7]
# read as a non-directed source (code1 < code2), both directions take the ordered pair's value
UNDIRECTED = [0, 5, 0, 7, None, 3, 3, 0, None, 7]


def _join(directed_source: bool) -> pl.DataFrame:
    joined = joins.join_dyadic(_frame(FRAME), TABLE, "cow", ["v"], (1900, 1902), {"v": 0},
                               directed_source=directed_source)
    return joined.collect()


@pytest.mark.parametrize("dense", [True, False])
@pytest.mark.parametrize(("directed_source", "expected"), [(True, DIRECTED), (False, UNDIRECTED)])
def test_dyadic_look_up_gives_hand_worked_values(monkeypatch, dense, directed_source, expected):
    if not dense:  # no index fits: the hash join
        monkeypatch.setattr(joins, "DENSE_SLOTS", 0)
    df = _join(directed_source)
    assert df.select("ccode1", "ccode2", "year").rows() == FRAME
    assert df["v"].to_list() == expected and df.schema["v"] == pl.Int16


def test_dense_index_declines_duplicated_keys_and_out_of_range_codes():
    def table(rows):
        return pl.DataFrame(rows, schema={"_a": I32, "_b": I32, "_y": I32}, orient="row")

    assert joins._dense_dyads(table([(2, 20, 1900), (2, 21, 1900)])) is not None
    assert joins._dense_dyads(table([(2, 20, 1900), (2, 20, 1900)])) is None  # a hash join would repeat the row
    assert joins._dense_dyads(table([(2, 1000, 1900)])) is None
    assert joins._dense_dyads(table([(-1, 20, 1900)])) is None
    assert joins._dense_dyads(table([])) is None


def test_a_duplicated_key_keeps_the_hash_join_s_rows():
    dup = pl.concat([TABLE, TABLE.filter(pl.col("year") == 1901)])
    df = joins.join_dyadic(_frame([(20, 2, 1901), (2, 20, 1900)]), dup, "cow", ["v"], (1900, 1902)).collect()
    assert df.rows() == [(20, 2, 1901, 1), (20, 2, 1901, 1), (2, 20, 1900, 5)]
