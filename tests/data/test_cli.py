"""The `realpolitik data` sub-commands."""

from __future__ import annotations

import json
import os
from io import StringIO

import polars as pl
from rich.console import Console
from typer.testing import CliRunner

from realpolitik.cli import data as cli
from realpolitik.cli.data import app

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
        (["build", "dyad-years", "--years", "1700-1800", "-o", str(tmp_path / "x.parquet")], "are not covered"),
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


def test_write_errors_name_the_path_and_the_fix(tmp_path, data, monkeypatch):
    args = ["build", "state-years", "--years", "2016", "--data-dir", _dirs(data), "-o"]
    missing = tmp_path / "nowhere" / "o.parquet"
    result = runner.invoke(app, [*args, str(missing)])
    assert result.exit_code == 1 and "Traceback" not in result.output and result.exception.__class__ is SystemExit
    assert f"cannot write {missing}" in result.output and f"mkdir -p {missing.parent}" in result.output
    folder = tmp_path / "d.parquet"
    folder.mkdir()
    result = runner.invoke(app, [*args, str(folder)])
    assert result.exit_code == 1 and f"cannot write {folder}: it is a folder" in result.output

    def refuse(self, path, *a, **k):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(pl.LazyFrame, "sink_parquet", refuse)
    out = tmp_path / "o.parquet"
    result = runner.invoke(app, [*args, str(out)])
    assert result.exit_code == 1 and result.exception.__class__ is SystemExit
    assert f"cannot write {out}: Permission denied" in result.output and "you may write to it" in result.output


def test_list_rejects_unknown_format(data):
    result = runner.invoke(app, ["list", "-f", "xml", "--data-dir", _dirs(data)])
    assert result.exit_code == 1 and "unknown --format 'xml'" in result.output and "table, json" in result.output


def test_list_without_data_directory_shows_the_catalogue(monkeypatch):
    monkeypatch.delenv("REALPOLITIK_DATA", raising=False)
    result = runner.invoke(app, ["list", "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    # the 25 tables of docs/data.md's dataset table, none checked for presence
    assert doc["data_dir"] is None and len(doc["datasets"]) == 25
    nmc = next(d for d in doc["datasets"] if d["dataset"] == "cow_nmc")
    assert "NMC-60-abridged.parquet|.csv (v6.0)" in nmc["expected"] and "correlatesofwar.org" in nmc["obtain"]
    assert "REALPOLITIK_DATA=" in doc["note"] and "--data-dir" in doc["note"]
    table = runner.invoke(app, ["list"])
    assert table.exit_code == 0 and "error" not in table.output
    for text in ("cw_system", "ucdp_onsets", "states2016.parquet|.csv", "github.com/svmiller/isard",
                 "REALPOLITIK_DATA=/that/folder", "--data-dir /that/folder"):
        assert text in table.output, text


def test_list_reports_the_version_of_the_file_present(tmp_path):
    (tmp_path / "NMC-60-abridged.csv").write_text("stateabb,ccode,year,milex,milper,irst,pec,tpop,upop,cinc\n"
                                                  "USA,2,1816,3823,17,80,254,8659,101,0.039697\n")
    listing = json.loads(runner.invoke(app, ["list", "-f", "json", "--data-dir", str(tmp_path)]).output)
    nmc = next(d for d in listing["datasets"] if d["dataset"] == "cow_nmc")
    assert nmc["version"] == "6.0" and nmc["years"] == "1816-2016" and nmc["file"].endswith("NMC-60-abridged.csv")


def test_progress_bar_only_on_a_terminal(tmp_path, data, monkeypatch):
    args = ["build", "state-years", "--years", "2016", "--add", "nmc", "--data-dir", _dirs(data), "-o"]
    for terminal in (True, False):
        buffer = StringIO()
        monkeypatch.setattr(cli, "err", Console(file=buffer, force_terminal=terminal, width=100))
        result = runner.invoke(app, [*args, str(tmp_path / f"{terminal}.parquet")])
        assert result.exit_code == 0, result.output
        shown = buffer.getvalue()
        assert "wrote" in shown  # the summary line goes to the same console either way
        # three steps (build state-years, add nmc, write the file, where the streamed computation runs): 3/3
        assert ("write True.parquet" in shown and "3/3" in shown) is terminal, shown
