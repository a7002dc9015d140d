"""Locating and reading datasets: errors that name the dataset, file and fix; CSV and publisher layouts."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from realpolitik.data import data_dir, state_years
from realpolitik.errors import RealpolitikError


def test_missing_data_directory(monkeypatch, tmp_path):
    monkeypatch.delenv("REALPOLITIK_DATA", raising=False)
    with pytest.raises(RealpolitikError, match="REALPOLITIK_DATA is not set and no --data-dir"):
        data_dir()
    with pytest.raises(RealpolitikError, match=r"data directory .*nowhere \(from --data-dir\) does not exist"):
        data_dir(tmp_path / "nowhere")
    monkeypatch.setenv("REALPOLITIK_DATA", str(tmp_path / "gone"))
    with pytest.raises(RealpolitikError, match=r"gone \(from \$REALPOLITIK_DATA\)"):
        data_dir()


def test_missing_file_names_dataset_file_and_source(tmp_path):
    with pytest.raises(RealpolitikError) as err:
        state_years("cow", data=tmp_path)
    message = str(err.value)
    assert "dataset 'cw_system'" in message and "cw_system.parquet or cw_system.csv" in message
    assert str(tmp_path) in message and "github.com/svmiller/isard" in message


def test_wrong_columns_are_named(tmp_path):
    pl.DataFrame({"ccode": [2], "start": [dt.date(1816, 1, 1)]}).write_parquet(tmp_path / "cw_system.parquet")
    with pytest.raises(RealpolitikError, match=r"lacks column\(s\) cw_abb, cw_name, end needed for dataset "
                                               r"'cw_system'"):
        state_years("cow", data=tmp_path)


def test_unreadable_file(tmp_path):
    (tmp_path / "cw_system.parquet").write_bytes(b"not parquet")
    with pytest.raises(RealpolitikError, match="cannot read .*cw_system.parquet"):
        state_years("cow", data=tmp_path).collect()


def test_publisher_csv_layouts_are_converted(tmp_path):
    # A hand-made COW states2016.csv (two states) and contdir.csv (one land border, YYYYMM dates)
    (tmp_path / "states2016.csv").write_text(
        "stateabb,ccode,statenme,styear,stmonth,stday,endyear,endmonth,endday,version\n"
        "USA,2,United States of America,1816,1,1,2016,12,31,2016\n"
        "CAN,20,Canada,1920,1,10,2016,12,31,2016\n")
    (tmp_path / "contdir.csv").write_text(
        "dyad,state1no,state1ab,state2no,state2ab,conttype,begin,end,version\n"
        "2020,2,USA,20,CAN,1,192001,201612,3.2\n")
    frame = state_years("cow", years=(1919, 1921), data=tmp_path)
    assert frame.collect().select("ccode", "year").rows() == [(2, 1919), (2, 1920), (2, 1921), (20, 1920),
                                                             (20, 1921)]
    from realpolitik.data import dyad_years

    dyads = dyad_years("cow", years=(1919, 1921), data=tmp_path).add_contiguity().collect()
    assert dyads.select("ccode1", "ccode2", "year", "conttype").rows() == [(2, 20, 1920, 1), (2, 20, 1921, 1),
                                                                          (20, 2, 1920, 1), (20, 2, 1921, 1)]


def test_nmc_csv_minus_nine_is_missing(tmp_path, data):
    # COW publishes NMC as CSV with -9 for a missing component
    (tmp_path / "NMC-60-abridged.csv").write_text(
        "stateabb,ccode,year,milex,milper,irst,pec,tpop,upop,cinc,version\n"
        "USA,2,1816,3823,17,80,254,8659,101,0.039697,2021\n"
        "USA,2,1817,-9,15,80,277,8899,106,0.035817,2021\n")
    from realpolitik.data.sources import DataDir

    root = DataDir((tmp_path, *data.roots))
    df = state_years("cow", years=(1816, 1817), data=root).add_nmc(keep=["milex", "cinc"]).collect()
    usa = df.filter(pl.col("ccode") == 2).sort("year")
    assert usa["milex"].to_list() == [3823, None]
    assert usa["cinc"].to_list() == [0.039697, 0.035817]
