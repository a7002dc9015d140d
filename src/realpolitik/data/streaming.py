"""Streaming: peace-year spells as expressions over a unit-year-sorted stream, and writing a frame to a file.

Polars' streaming engine runs a lazy plan in chunks of rows, so a dyad-year panel with add-ons is written to
Parquet or CSV without ever being held in memory whole. Joins that keep the left order and row-wise columns
stream as they are; a history-dependent step (a spell counter) streams too once the rows arrive sorted by unit
then year, because each row then needs only the row before it and a running maximum. The builders return rows in
that order and Polars knows it (the dyad-year builder generates them in order and declares it), so the sort
`sorted_by_units` asks for is dropped from the plan and only costs anything for a frame a user has reordered.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

import numpy as np
import polars as pl

from realpolitik.data.frame import CODE
from realpolitik.data.sources import DataDir
from realpolitik.errors import RealpolitikError

if TYPE_CHECKING:
    from realpolitik.executors import Executor

ROW = "_row"
# rows per streaming chunk, and per block the dyad-year builder expands at once (its blocks set the chunks the
# pipeline sees): the full COW panel peaks at 220-240 MB, with the same CPU time as at Polars' default chunk size
MORSEL_ROWS = 50_000
# rows per Parquet row group: regular groups whatever the chunks (the peace-years step's shift leaves one-row
# chunks at chunk seams, which would otherwise each become a row group); same CPU and memory as the chunks
ROW_GROUP_ROWS = 100_000


def sorted_by_units(lazy: pl.LazyFrame, keys: list[str]) -> pl.LazyFrame:
    """Return `lazy` sorted by `keys` (unit identifiers, then year) with a row number column ``_row``.

    Polars removes the sort when the plan already yields rows in that order (frames from the builders)."""
    return lazy.sort(keys, maintain_order=True).with_row_index(ROW)


def in_key_order(df: pl.DataFrame, keys: list[str]) -> bool:
    """Return whether the rows of `df` are sorted by `keys` (lexicographically, ascending, no nulls)."""
    if df.height < 2:
        return True
    ordered = pl.lit(True)
    for col in reversed(keys):  # row <= next row, from the last key outwards
        here, after = pl.col(col), pl.col(col).shift(-1)
        ordered = (here < after) | ((here == after) & ordered)
    return bool(df.select(ordered.fill_null(True).all()).item())


def spell_expr(ids: list[str], event: str, name: str, reset_on_reentry: bool = False) -> pl.Expr:
    """Return the peace-year spell of `event` (0/1, null where unobserved) as an expression named `name`.

    Needs rows sorted by `ids` then ``year`` and the ``_row`` column of `sorted_by_units`. The same rule as
    `realpolitik.data.spells.spell_lengths`: a run starts at a unit's first row, after an event and after an
    unobserved year (and after a gap in its years with `reset_on_reentry`); the spell counts the unit's rows since
    the run started; null where `event` is."""
    prev = pl.col(event).shift(1)
    same = pl.lit(True)
    for col in ids:
        same = same & (pl.col(col) == pl.col(col).shift(1))
    if reset_on_reentry:
        same = same & (pl.col("year") == pl.col("year").shift(1) + 1)
    start = (~same).fill_null(True) | (prev == 1).fill_null(False) | prev.is_null()
    row = pl.col(ROW).cast(pl.Int64)
    run_start = pl.when(start).then(row).otherwise(0).cum_max()
    return pl.when(pl.col(event).is_not_null()).then(row - run_start).otherwise(None).cast(pl.Int32).alias(name)


def sink(lazy: pl.LazyFrame, path: Path) -> tuple[int, int]:
    """Write `lazy` to `path` (.csv, else Parquet) with the streaming engine; return (rows, columns) written.

    Raises Polars or OS errors unchanged (callers name the path in their message)."""
    with pl.Config(streaming_chunk_size=MORSEL_ROWS):
        if path.suffix == ".csv":
            lazy.sink_csv(path, engine="streaming")
            written = pl.scan_csv(path)
        else:
            lazy.sink_parquet(path, engine="streaming", row_group_size=ROW_GROUP_ROWS)
            written = pl.scan_parquet(path)
    return written.select(pl.len()).collect().item(), len(lazy.collect_schema())


@dataclass(frozen=True)
class DyadBlock:
    """One block of a dyad-year panel: the dyads whose first state's code is in `codes`, written to `path`."""

    system: str
    years: tuple[int, int]
    directed: bool
    addons: tuple[str, ...]
    data: tuple[str, ...]
    codes: tuple[int, ...]
    path: str


def write_dyad_block(block: DyadBlock) -> int:
    """Build one block's dyad-years with its add-ons, stream it to its file and return the rows written."""
    from realpolitik.data.dyads import dyad_years

    frame = dyad_years(block.system, block.years, directed=block.directed, data=os.pathsep.join(block.data))
    frame = frame.with_lazy(frame.lazy.filter(pl.col(f"{frame.code}1").is_in(list(block.codes))))
    return sink(frame.add(*block.addons).lazy, Path(block.path))[0]


def write_dyad_blocks(folder: Path, system: str, years: tuple[int, int], addons: list[str], data: DataDir,
                      executor: Executor, blocks: int = 8, directed: bool = True,
                      progress: Callable[[int], None] | None = None) -> list[tuple[Path, int]]:
    """Write a dyad-year panel as partitioned Parquet, ``part-000.parquet`` ... in `folder`, one block of states
    per task on `executor` (local processes or Ray); return each part and its rows. `progress(k)` is called as
    parts finish.

    The panel is cut by the first state of each dyad, not by years: every dyad's years then lie in one block,
    so history-dependent add-ons (peace-years) need no state carried between blocks. Read in order, the parts are
    the frame a local run writes to one file, row for row. The plan is built here first, so a missing dataset or
    an add-on that does not apply fails before any worker starts."""
    from realpolitik.data.dyads import dyad_years
    from realpolitik.data.systems import state_spells

    dyad_years(system, years, directed=directed, data=data).add(*addons)
    codes = sorted(set(state_spells(data, system, years[1])[CODE[system]].to_list()))
    cut = [part.tolist() for part in np.array_split(np.array(codes), min(blocks, len(codes)))]
    folder.mkdir(parents=True, exist_ok=True)
    roots = tuple(str(r) for r in data.roots)
    tasks = [DyadBlock(system, years, directed, tuple(addons), roots, tuple(int(c) for c in part),
                       str(folder / f"part-{i:03d}.parquet")) for i, part in enumerate(cut)]
    result = executor.map(write_dyad_block, tasks, batch_size=1, progress=progress)
    if result.interrupted:
        raise RealpolitikError(f"interrupted: {result.n_done} of {len(tasks)} parts written in {folder}. "
                               f"Fix: remove {folder} and run again to write them all")
    return [(Path(t.path), int(cast(int, n))) for t, n in zip(tasks, result.results, strict=True)]
