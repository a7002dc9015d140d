"""Locating the user's peace-science data directory and reading its datasets, with errors that say how to fix them.

The directory is named by ``--data-dir`` (the `path` argument) or the ``REALPOLITIK_DATA`` environment variable;
several folders may be given, separated by ``os.pathsep`` (``:`` on Unix), and are searched in order.
A dataset ``name`` is read from ``<name>.parquet``, else ``<name>.csv``, else one of the publisher's own file
names listed as its aliases (for example the COW ``NMC-60-abridged.csv`` or ``contdir.csv``); publisher layouts
are converted to the catalogue's columns on the way in, and the publishers' ``-9`` missing-value codes in NMC
become nulls. An alias may hold another version than the catalogue's (``NMC-60-abridged`` is NMC v6.0,
1816-2016): `DataDir.entry(name)` gives the version and years of the file actually read, and everything that
reports a version or applies a dataset's coverage uses it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from realpolitik.data.catalog import DATASETS, Dataset, dataset
from realpolitik.errors import RealpolitikError

ENV_VAR = "REALPOLITIK_DATA"


@dataclass
class DataDir:
    """Folders of peace-science datasets, searched in order; `scan(name)` returns one as a checked `LazyFrame`."""

    roots: tuple[Path, ...]
    _cache: dict[str, pl.LazyFrame] = field(default_factory=dict, repr=False)

    def locate(self, name: str) -> tuple[Path, Dataset] | None:
        """Return the file that holds dataset `name` and the catalogue entry as that file holds it (an alias such
        as ``NMC-60-abridged`` carries its own version and years), or ``None`` when no accepted name is present."""
        for root in self.roots:
            for stem, entry in dataset(name).variants():
                for suffix in (".parquet", ".csv"):
                    candidate = root / f"{stem}{suffix}"
                    if candidate.is_file():
                        return candidate, entry
        return None

    def path_of(self, name: str) -> Path | None:
        """Return the file that holds dataset `name`, or ``None`` when none of its accepted names is present."""
        found = self.locate(name)
        return found[0] if found else None

    def entry(self, name: str) -> Dataset:
        """Return the catalogue entry of dataset `name` with the version and years of the file actually read
        (the catalogue's own when the file is absent)."""
        found = self.locate(name)
        return found[1] if found else dataset(name)

    def has(self, name: str) -> bool:
        """Return whether dataset `name` is present."""
        return self.path_of(name) is not None

    def scan(self, name: str) -> pl.LazyFrame:
        """Return dataset `name` as a lazy frame with the catalogue's columns; raise `RealpolitikError` when the
        file is missing, unreadable or lacks a column."""
        if name not in self._cache:
            self._cache[name] = self._read(name)
        return self._cache[name]

    def where(self) -> str:
        """Return the folders searched, for messages."""
        return os.pathsep.join(str(r) for r in self.roots)

    def _read(self, name: str) -> pl.LazyFrame:
        found = self.locate(name)
        if found is None:
            entry = dataset(name)
            raise RealpolitikError(
                f"dataset '{entry.name}' ({entry.title}, v{entry.version}) not found: expected "
                f"{entry.name}.parquet or {entry.name}.csv in {self.where()}. "
                f"Fix: obtain it from {entry.obtain} and save it there"
            )
        path, entry = found
        try:
            if path.suffix == ".parquet":
                lf = pl.scan_parquet(path)
            else:
                lf = pl.scan_csv(path, try_parse_dates=True, null_values=["NA", ""], infer_schema_length=10000)
            lf = _NORMALISE.get(entry.name, _identity)(lf)
            present = set(lf.collect_schema().names())
        except (pl.exceptions.PolarsError, OSError) as exc:
            raise RealpolitikError(
                f"cannot read {path} (dataset '{entry.name}'): {exc}. Fix: replace it with a valid Parquet or CSV "
                f"copy from {entry.obtain}"
            ) from exc
        missing = [c for c in entry.columns if c not in present]
        if missing:
            raise RealpolitikError(
                f"{path} lacks column(s) {', '.join(missing)} needed for dataset '{entry.name}' "
                f"(expected {', '.join(entry.columns)}). Fix: use the {entry.title} v{entry.version} table from "
                f"{entry.obtain} with those column names"
            )
        return lf


def data_dir(path: str | Path | DataDir | list[str | Path] | None = None) -> DataDir:
    """Return the data directory named by `path` (a folder, a list of folders, or ``os.pathsep``-separated folders),
    else by ``$REALPOLITIK_DATA``; raise when neither names existing folders."""
    if isinstance(path, DataDir):
        return path
    if isinstance(path, list | tuple):
        path = os.pathsep.join(str(p) for p in path)
    chosen = str(path) if path is not None else os.environ.get(ENV_VAR)
    if not chosen or not chosen.strip(os.pathsep):
        raise RealpolitikError(
            f"no peace-science data directory: {ENV_VAR} is not set and no --data-dir was given. Fix: put the "
            f"datasets in a folder (`realpolitik data list` names every file and where to obtain it; see also "
            f"docs/data.md) and set {ENV_VAR}=/that/folder or pass --data-dir /that/folder"
        )
    roots = tuple(Path(part).expanduser() for part in chosen.split(os.pathsep) if part)
    for root in roots:
        if not root.is_dir():
            origin = "--data-dir" if path is not None else f"${ENV_VAR}"
            raise RealpolitikError(
                f"data directory {root} (from {origin}) does not exist or is not a folder. Fix: create it and put "
                f"the datasets there, or point {origin} at the folder that holds them"
            )
    return DataDir(roots)


def _identity(lf: pl.LazyFrame) -> pl.LazyFrame:
    return lf


def _has(lf: pl.LazyFrame, *cols: str) -> bool:
    names = set(lf.collect_schema().names())
    return all(c in names for c in cols)


def _date(prefix_year: str, month: str, day: str) -> pl.Expr:
    return pl.date(pl.col(prefix_year), pl.col(month), pl.col(day))


def _cow_states(lf: pl.LazyFrame) -> pl.LazyFrame:
    """COW ``states2016.csv`` layout (styear, stmonth, ...) → isard ``cw_system`` layout (start, end dates)."""
    if _has(lf, "start", "end") or not _has(lf, "styear", "stmonth", "stday", "endyear", "endmonth", "endday"):
        return lf
    return lf.select(
        pl.col("ccode").cast(pl.Int32), pl.col("stateabb").alias("cw_abb"), pl.col("statenme").alias("cw_name"),
        _date("styear", "stmonth", "stday").alias("start"), _date("endyear", "endmonth", "endday").alias("end"),
    )


def _cow_contdir(lf: pl.LazyFrame) -> pl.LazyFrame:
    """COW ``contdir.csv`` layout (state1no, state2no, begin/end as YYYYMM, one row per pair) → directed dates."""
    if _has(lf, "ccode1") or not _has(lf, "state1no", "state2no", "conttype", "begin", "end"):
        return lf

    def month(col: str) -> pl.Expr:
        return pl.date(pl.col(col) // 100, pl.col(col) % 100, 1)

    one = lf.select(
        pl.col("state1no").cast(pl.Int32).alias("ccode1"), pl.col("state2no").cast(pl.Int32).alias("ccode2"),
        pl.col("conttype").cast(pl.Int32), month("begin").alias("stdate"), month("end").alias("enddate"),
    )
    other = one.select(pl.col("ccode2").alias("ccode1"), pl.col("ccode1").alias("ccode2"), "conttype", "stdate",
                       "enddate")
    return pl.concat([one, other]).unique()


def _cow_nmc(lf: pl.LazyFrame) -> pl.LazyFrame:
    """COW NMC CSV: ``-9`` means missing in every component; make it null."""
    cols = [c for c in ("milex", "milper", "irst", "pec", "tpop", "upop", "cinc") if _has(lf, c)]
    return lf.with_columns([pl.when(pl.col(c) == -9).then(None).otherwise(pl.col(c)).alias(c) for c in cols])


_NORMALISE: dict[str, Callable[[pl.LazyFrame], pl.LazyFrame]] = {
    "cw_system": _cow_states,
    "cow_contdir": _cow_contdir,
    "cow_nmc": _cow_nmc,
}


def present_datasets(root: DataDir | None) -> dict[str, tuple[Path | None, Dataset]]:
    """Return every catalogue dataset mapped to (its file in `root` or ``None`` when absent, its entry with the
    version and years of that file); with no `root`, every file is ``None`` and every entry the catalogue's."""
    found = {name: root.locate(name) if root is not None else None for name in DATASETS}
    return {name: hit if hit is not None else (None, DATASETS[name]) for name, hit in found.items()}
