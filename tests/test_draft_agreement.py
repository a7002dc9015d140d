"""Inter-annotator agreement (`realpolitik draft agreement`): a second annotator's file read as a draft and scored
by the drafts' scorer, on a text annotated twice by hand for the test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from realpolitik.draft.agreement import agreement
from realpolitik.errors import RealpolitikError
from tests.test_cli import run

TEXT = ("Turkey backs Azerbaijan against Armenia. Russia sold 18 MiG-29s to Armenia. "
        "Erdogan said Turkey will support Baku.")


def _actor(i, name, kind, cow=None, rep=None, mentions=None):
    return {"id": i, "name": name, "kind": kind, "cow": cow, "represents": rep, "mentions": mentions or [name]}


FIRST = {
    "text": "t.txt",
    "actors": [_actor("turkey", "Turkey", "state", 640), _actor("azerbaijan", "Azerbaijan", "state", 373, None,
                                                                 ["Azerbaijan", "Baku"]),
               _actor("armenia", "Armenia", "state", 371), _actor("russia", "Russia", "state", 365),
               _actor("erdogan", "Recep Tayyip Erdogan", "leader", None, "turkey", ["Erdogan"])],
    "relations": [
        {"kind": "alliance", "source": "turkey", "target": "azerbaijan", "directed": False,
         "evidence": "Turkey backs Azerbaijan"},
        {"kind": "hostility", "source": "turkey", "target": "armenia", "directed": False,
         "evidence": "Turkey backs Azerbaijan against Armenia"},
        {"kind": "arms_supplier", "source": "russia", "target": "armenia", "directed": True,
         "evidence": "Russia sold 18 MiG-29s to Armenia"}],
    "quantities": [{"holder": "armenia", "value": 18, "unit": "MiG-29", "what": "fighters", "where": None,
                    "evidence": "18 MiG-29s"}],
    "stances": [{"actor": "erdogan", "about": "support for Azerbaijan", "direction": "for",
                 "evidence": "Turkey will support Baku"}],
}
# The second annotator leaves Erdogan out, writes the alliance the other way round (undirected: the same tie),
# codes the hostility between Azerbaijan and Armenia instead, holds the jets by the seller and gives the stance to
# Turkey itself (the state Erdogan represents: the same endpoint at state level).
SECOND = {
    "text": "t.txt",
    "actors": [_actor("tr", "Turkey", "state", 640), _actor("az", "Azerbaijan", "state", 373),
               _actor("am", "Armenia", "state", 371), _actor("ru", "Russia", "state", 365)],
    "relations": [
        {"kind": "alliance", "source": "az", "target": "tr", "directed": False, "evidence": "Turkey backs Azerbaijan"},
        {"kind": "arms_supplier", "source": "ru", "target": "am", "directed": True, "evidence": "Russia sold"},
        {"kind": "hostility", "source": "az", "target": "am", "directed": False,
         "evidence": "Azerbaijan against Armenia"}],
    "quantities": [{"holder": "ru", "value": 18, "unit": "MiG-29s", "what": "fighters", "where": None,
                    "evidence": "18 MiG-29s"}],
    "stances": [{"actor": "tr", "about": "Azerbaijan", "direction": "for", "evidence": "will support Baku"}],
}


def _folders(tmp_path: Path, first=FIRST, second=SECOND, second_text=TEXT) -> tuple[Path, Path]:
    a, b = tmp_path / "a", tmp_path / "b"
    for folder, annotation, text in ((a, first, TEXT), (b, second, second_text)):
        folder.mkdir()
        (folder / "t.txt").write_text(text, encoding="utf-8")
        (folder / "t.json").write_text(json.dumps(annotation), encoding="utf-8")
    return a, b


def test_counts_worked_out_by_hand(tmp_path):
    a, b = _folders(tmp_path)
    total = agreement(a, b)["total"]
    # actors: four of the first's five found, nothing extra -> P 4/4, R 4/5, F1 8/9
    assert (total["actors"]["tp"], total["actors"]["fp"], total["actors"]["fn"]) == (4, 0, 1)
    assert total["actors"]["f1"] == pytest.approx(8 / 9, abs=1e-4)
    # typed relations: alliance (either order) and arms supplier agree; the two hostilities differ -> 2/1/1
    assert (total["relations_typed"]["tp"], total["relations_typed"]["fp"], total["relations_typed"]["fn"]) == (2, 1, 1)
    assert total["relations_typed"]["f1"] == pytest.approx(2 / 3, abs=1e-4)
    assert (total["relations_untyped"]["tp"], total["relations_untyped"]["fp"]) == (2, 1)
    # the jets: same value and unit (a designator matches its plural), different holder -> no agreement
    assert (total["quantities"]["tp"], total["quantities"]["fp"], total["quantities"]["fn"]) == (0, 1, 1)
    # the stance: Erdogan stands for Turkey, same sentence, same direction -> agreement
    assert (total["stances"]["tp"], total["stances"]["fp"], total["stances"]["fn"]) == (1, 0, 0)


def test_swapping_the_annotators_swaps_precision_and_recall(tmp_path):
    a, b = _folders(tmp_path)
    forward, backward = agreement(a, b)["total"]["actors"], agreement(b, a)["total"]["actors"]
    assert (forward["precision"], forward["recall"]) == (1.0, 0.8)
    assert (backward["precision"], backward["recall"]) == (0.8, 1.0)


def test_files_in_one_folder_only_are_listed_and_a_different_text_is_refused(tmp_path):
    a, b = _folders(tmp_path)
    (a / "u.txt").write_text(TEXT, encoding="utf-8")
    (a / "u.json").write_text(json.dumps({**FIRST, "text": "u.txt"}), encoding="utf-8")
    assert agreement(a, b)["unpaired"] == ["u.json"]
    other = tmp_path / "other"
    other.mkdir()
    a2, b2 = _folders(other, second_text=TEXT + " Iran watches.")
    with pytest.raises(RealpolitikError, match="annotates a different text"):
        agreement(a2, b2)
    (tmp_path / "empty").mkdir()
    with pytest.raises(RealpolitikError, match="share no annotation file name"):
        agreement(a, tmp_path / "empty")


def test_cli_gives_the_python_result(tmp_path, capsys, monkeypatch):
    a, b = _folders(tmp_path)
    code, out, _ = run(capsys, monkeypatch, "draft", "agreement", str(a), str(b), "--format", "json")
    assert code == 0
    assert json.loads(out) == agreement(a, b)
    code, out, _ = run(capsys, monkeypatch, "draft", "agreement", str(a), str(b), "--errors")
    assert code == 0 and "quantities + 18 'MiG-29' held by armenia" in out
    code, _, err = run(capsys, monkeypatch, "draft", "agreement", str(a), str(tmp_path / "nowhere"))
    assert code == 1 and "is not a folder" in err and "Traceback" not in err


@pytest.mark.parametrize("value", ["3,000", "18 jets", None, True])
def test_a_quantity_value_that_is_no_number_is_a_clear_error(tmp_path, capsys, monkeypatch, value):
    quantity = {**SECOND["quantities"][0], "value": value}
    a, b = _folders(tmp_path, second={**SECOND, "quantities": [quantity]})
    with pytest.raises(RealpolitikError, match=r"quantities\[0\]\.value .*Fix"):
        agreement(a, b)
    code, _, err = run(capsys, monkeypatch, "draft", "agreement", str(a), str(b))
    assert code == 1 and "value" in err and "Traceback" not in err
