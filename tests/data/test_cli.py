"""The `realpolitik data` sub-commands."""

from __future__ import annotations

import json
import os

import polars as pl
from typer.testing import CliRunner

from realpolitik.data.cli import app

runner = CliRunner()


def _dirs(data) -> str:
    return os.pathsep.join(str(r) for r in data.roots)


def test_build_dyad_years_with_addons(tmp_path, data, ref):
    out = tmp_path / "d.parquet"
    result = runner.invoke(app, ["build", "dyad-years", "--system", "cow", "--add", "nmc,contiguity,atop,mids",
                                 "--years", "1816-1820", "-o", str(out), "--data-dir", _dirs(data)])
    assert result.exit_code == 0, result.output
    df = pl.read_parquet(out)
    expected = ref("cow_ddy").filter(pl.col("year") <= 1820)
    assert df.height == expected.height
    assert {"cinc1", "cinc2", "conttype", "atop_defense", "cowmidonset"} <= set(df.columns)


def test_build_state_years_csv(tmp_path, data):
    out = tmp_path / "s.csv"
    result = runner.invoke(app, ["build", "state-years", "--years", "2016", "-o", str(out), "--data-dir",
                                 _dirs(data)])
    assert result.exit_code == 0, result.output
    # COW state-years in 2016: the 195 members of the 2016 system list (cw_system rows alive at its end)
    assert pl.read_csv(out).height == 195


def test_list_shows_presence_and_versions(tmp_path, data):
    result = runner.invoke(app, ["list", "--format", "json", "--data-dir", _dirs(data)])
    assert result.exit_code == 0, result.output
    listing = json.loads(result.output)
    nmc = next(d for d in listing["datasets"] if d["dataset"] == "cow_nmc")
    assert nmc["version"] == "7.0" and nmc["file"].endswith("cow_nmc.parquet")
    assert "atop" in listing["addons"]
    empty = runner.invoke(app, ["list", "--format", "json", "--data-dir", str(tmp_path)])
    assert all(d["file"] == "" for d in json.loads(empty.output)["datasets"])


def test_errors_exit_1_with_one_line(tmp_path, data):
    cases = [
        (["build", "dyad-years", "--add", "nmc,frobnicate", "-o", str(tmp_path / "x.parquet")],
         "unknown add-on 'frobnicate'"),
        (["build", "dyad-years", "--years", "1700-1800", "-o", str(tmp_path / "x.parquet")], "lie outside"),
        (["build", "dyad-years", "--years", "last", "-o", str(tmp_path / "x.parquet")], "not a year range"),
        (["build", "leader-years", "-o", str(tmp_path / "x.parquet")], "unknown unit"),
        (["build", "dyad-years", "-o", str(tmp_path / "x.xlsx")], "unknown format"),
    ]
    for args, message in cases:
        result = runner.invoke(app, [*args, "--data-dir", _dirs(data)])
        assert result.exit_code == 1, args
        assert message in result.output and "Traceback" not in result.output
    missing = runner.invoke(app, ["build", "state-years", "-o", str(tmp_path / "x.parquet"), "--data-dir",
                                  str(tmp_path)])
    assert missing.exit_code == 1 and "dataset 'cw_system'" in missing.output
