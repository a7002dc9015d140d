"""The CLI, the Python API, the JSON API and the review page draft the same items and the same TOML from one text
(the seed commentary when /work/shared is present, else the tests' own text)."""

from __future__ import annotations

import html
import json
import re

import pytest
from fastapi.testclient import TestClient

import realpolitik
from realpolitik.draft import review
from realpolitik.web import draftstate
from realpolitik.web.app import create_app
from tests.conftest import require_shared
from tests.draft_support import AS_OF, TEXT
from tests.test_cli import run

SEED = "seed/000_9fe00264e9b61a50.txt"


@pytest.mark.parametrize("which", ["own", "seed"])
def test_cli_python_api_and_web_give_the_same_draft(capsys, monkeypatch, tmp_path, which):
    text = TEXT if which == "own" else require_shared(SEED).read_text(encoding="utf-8")
    python = realpolitik.draft(text, as_of=AS_OF)
    python_toml = python.to_toml()
    python_items = [i.id for i in review.queue(python.to_scenario())]
    assert python_items  # the text names actors at least

    source = tmp_path / "t.txt"
    source.write_text(text, encoding="utf-8")
    code, cli_toml, err = run(capsys, monkeypatch, "draft", str(source), "--as-of", AS_OF)
    assert code == 0, err
    code, out, err = run(capsys, monkeypatch, "draft", str(source), "--as-of", AS_OF, "-f", "json")
    assert json.loads(out)["relations"] == python.to_dict()["relations"]

    with TestClient(create_app(f"sqlite:///{tmp_path / 'w.db'}"), base_url="http://localhost") as client:
        api = client.post("/api/drafts", json={"text": text, "as_of": AS_OF}).json()
        page = client.post("/drafts", data={"text": text, "as_of": AS_OF}).text
        token = html.unescape(re.search(r'name="state" value="([^"]+)"', page).group(1))
        web_state = draftstate.decode(token, client.app.state.draft_key)

    assert cli_toml == python_toml + ("" if python_toml.endswith("\n") else "\n")
    assert api["toml"] == python_toml == web_state.toml()
    assert api["draft"] == python.to_dict()
    assert [i["id"] for i in api["queue"]] == python_items
    assert [e["id"] for e in draftstate.items(web_state)] == python_items
    assert web_state.text == text


def test_cli_python_api_and_web_refuse_a_text_in_capitals_alike(capsys, monkeypatch, tmp_path):
    text = ((TEXT + "\n\n") * 4).upper()  # at least 200 letters, none in lower case
    with pytest.raises(realpolitik.RealpolitikError, match="written in capitals") as python:
        realpolitik.draft(text, as_of=AS_OF)
    source = tmp_path / "caps.txt"
    source.write_text(text, encoding="utf-8")
    code, _, err = run(capsys, monkeypatch, "draft", str(source), "--as-of", AS_OF)
    assert code == 1 and "written in capitals" in err and "Traceback" not in err
    with TestClient(create_app(f"sqlite:///{tmp_path / 'w.db'}"), base_url="http://localhost") as client:
        response = client.post("/api/drafts", json={"text": text, "as_of": AS_OF})
    assert response.status_code in (400, 422) and "written in capitals" in response.text
    assert str(python.value).split(".")[0] in response.text  # the same message, from the same check
