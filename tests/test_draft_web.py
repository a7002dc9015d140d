"""The draft review page and /api/drafts: draft, review, save, forecast; errors keep the state and the values typed;
the guards (token, same origin) and the signature of the review state."""

from __future__ import annotations

import html
import re

import pytest
from fastapi.testclient import TestClient

from realpolitik.web import draftstate
from realpolitik.web.app import create_app
from tests import draft_support
from tests.draft_support import AS_OF, BASING, CAPABILITY, COMPROMISE, ISSUE, ITEMS, POSITION, RELATION, TEXT

TOKEN = "a-long-random-token-for-drafts-0123456789"


@pytest.fixture
def client(tmp_path):
    with TestClient(create_app(f"sqlite:///{tmp_path / 'web.db'}"), base_url="http://localhost") as c:
        yield c


def act(client, state: str, action: str, item: str | None = None, **fields) -> dict:
    response = client.post("/api/drafts/review", json={"state": state, "action": action, "item": item,
                                                        "fields": fields})
    assert response.status_code == 200, response.text
    return response.json()


def test_api_draft_review_save_forecast(client):
    response = client.post("/api/drafts", json={"text": TEXT, "as_of": AS_OF})
    assert response.status_code == 201
    body = response.json()
    assert [i["id"] for i in body["queue"]] == ITEMS
    assert body["draft"]["relations"][1]["evidence"]["quote"] == "Turkey supplies drones to Azerbaijan"
    state = body["state"]
    for actor, capability in CAPABILITY.items():
        state = act(client, state, "accept", actor, capability=capability)["state"]
    state = act(client, state, "edit", RELATION, kind="arms_supplier")["state"]
    state = act(client, state, "accept", BASING)["state"]
    state = act(client, state, "reject", "iran")["state"]
    state = act(client, state, "reject", "q1")["state"]
    state = act(client, state, "add_issue", None, id=ISSUE[0], name=ISSUE[1], low=ISSUE[2], high=ISSUE[3])["state"]
    for actor, (position, salience) in POSITION.items():
        answer = act(client, state, "set_stance", None, actor=actor, issue="war", position=position,
                     salience=salience)
        state = answer["state"]
    assert answer["queue"] == [] and [p["field"] for p in answer["needs_review"]] == ["status"]
    saved = client.post("/api/drafts/save", json={"state": state, "scenario_id": "drafted", "title": "Drafted"})
    assert saved.status_code == 201 and saved.json() == {"scenario": "drafted", "version": 1}
    run = client.post("/api/runs", json={"scenario": "drafted", "models": [{"name": "compromise"}]}).json()
    assert run["status"] == "done"
    assert run["results"]["forecast"]["forecasts"][0]["outcome"] == pytest.approx(COMPROMISE)


def test_api_errors(client):
    state = client.post("/api/drafts", json={"text": TEXT, "as_of": AS_OF}).json()["state"]
    response = client.post("/api/drafts/review", json={"state": state, "action": "accept", "item": "russia"})
    assert response.status_code == 400 and "give its capability" in response.json()["error"]["message"]
    response = client.post("/api/drafts/save", json={"state": state, "scenario_id": "x"})
    assert response.status_code == 422
    assert any(p["what"] == "the scenario has no issues" for p in response.json()["error"]["problems"])
    tampered = state[:-1] + ("0" if state[-1] != "0" else "1")
    response = client.post("/api/drafts/review", json={"state": tampered, "action": "reject", "item": "iran"})
    assert response.status_code == 400 and "draft the text again" in response.json()["error"]["message"]
    assert client.post("/api/drafts", json={"text": "   "}).status_code == 400
    assert client.post("/api/drafts", json={"text": TEXT, "as_of": "soon"}).status_code == 400


def page_state(page: str) -> str:
    return html.unescape(re.search(r'name="state" value="([^"]+)"', page).group(1))


def post(client, state: str, do: str, **fields) -> str:
    response = client.post("/drafts/review", data={"state": state, "do": do, **fields}, follow_redirects=False)
    return response


def test_page_highlights_escapes_and_keeps_input_on_errors(client):
    evil = TEXT + "<script>alert(1)</script> Russia supports <b>peace</b>."
    page = client.post("/drafts", data={"text": evil, "as_of": AS_OF})
    assert page.status_code == 200
    assert "<script>alert(1)" not in page.text and "&lt;script&gt;alert(1)" in page.text
    # items: actors 0-4 (russia, armenia, turkey, azerbaijan, iran), the basing 5, the arms supply 6; "Turkey" lies
    # in both spans
    assert '<mark data-items="2 6">Turkey</mark><mark data-items="6"> supplies drones to </mark>' in page.text
    assert '<mark data-items="3 6">Azerbaijan</mark>' in page.text
    state = page_state(page.text)
    bad = post(client, state, "accept|russia", **{"russia|accept|capability": "lots"})
    assert bad.status_code == 422 and "is not a number" in bad.text
    assert 'value="lots"' in bad.text  # the value typed is kept
    assert page_state(bad.text) == state  # the state as it was
    edit = post(client, state, "edit|armenia", **{"armenia|edit|capability": "-1", "armenia|edit|name": "Armenia"})
    assert edit.status_code == 422 and 'value="-1"' in edit.text and "open" in edit.text
    ok = post(client, state, "accept|russia", **{"russia|accept|capability": "3"})
    assert ok.status_code == 200 and ok.text.count("badge-reviewed") == 1
    issue = post(client, page_state(ok.text), "add_issue", **{"issue|id": "war", "issue|name": "",
                                                               "turkey|accept|capability": "2"})
    assert issue.status_code == 422 and "lacks name" in issue.text and 'value="war"' in issue.text
    assert 'name="turkey|accept|capability" class="accept-capability" value="2"' in issue.text  # every field kept
    again = post(client, page_state(ok.text), "recheck", **{"save|id": "typed-id"})  # Enter without JavaScript
    assert again.status_code == 200 and 'name="save|id" value="typed-id"' in again.text


def test_page_flow_saves_a_scenario(client):
    state = page_state(client.post("/drafts", data={"text": TEXT, "as_of": AS_OF}).text)
    for actor, capability in CAPABILITY.items():
        state = page_state(post(client, state, f"accept|{actor}", **{f"{actor}|accept|capability":
                                                                     str(capability)}).text)
    for item in ("iran", "q1", RELATION, BASING):
        state = page_state(post(client, state, f"reject|{item}").text)
    issue = {f"issue|{k}": v for k, v in zip(("id", "name", "low", "high"), ISSUE, strict=True)}
    state = page_state(post(client, state, "add_issue", **issue).text)
    for actor, (position, salience) in POSITION.items():
        state = page_state(post(client, state, "set_stance", **{"stance|actor": actor, "stance|issue": "war",
                                                                "stance|position": str(position),
                                                                "stance|salience": str(salience)}).text)
    saved = post(client, state, "save", **{"save|id": "from-page"})
    assert saved.status_code == 303 and saved.headers["location"] == "/scenarios/from-page?saved=1"
    assert client.get("/scenarios/from-page").status_code == 200


def test_guards(tmp_path):
    with TestClient(create_app(f"sqlite:///{tmp_path / 'a.db'}", token=TOKEN), base_url="http://localhost") as c:
        assert c.post("/api/drafts", json={"text": TEXT}).status_code == 401
        ok = c.post("/api/drafts", json={"text": TEXT}, headers={"authorization": f"Bearer {TOKEN}"})
        assert ok.status_code == 201
        cross = c.post("/drafts", data={"text": TEXT}, headers={"authorization": f"Bearer {TOKEN}",
                                                                 "origin": "http://evil.example"})
        assert cross.status_code == 403
    with TestClient(create_app(f"sqlite:///{tmp_path / 'a.db'}", token=TOKEN), base_url="http://localhost") as c:
        # with a token the key is derived from it: the review goes on after a restart of the server
        again = c.post("/api/drafts/review", json={"state": ok.json()["state"], "action": "reject", "item": "iran"},
                       headers={"authorization": f"Bearer {TOKEN}"})
        assert again.status_code == 200
    with TestClient(create_app(f"sqlite:///{tmp_path / 'b.db'}"), base_url="http://localhost") as other:
        # a state signed by another server run is refused, not trusted
        refused = other.post("/api/drafts/review", json={"state": ok.json()["state"], "action": "reject",
                                                         "item": "iran"})
        assert refused.status_code == 400


def test_segments_cut_overlapping_spans():
    text = "abcdefghij"
    entries = [{"offsets": [0, 4]}, {"offsets": [2, 6]}, {"offsets": None}, {"offsets": [20, 30]}]
    pieces = draftstate.segments(text, entries)
    assert [(p["text"], p["items"]) for p in pieces] == [("ab", [0]), ("cd", [0, 1]), ("ef", [1]), ("ghij", [])]


def test_download_the_draft_as_reviewed_so_far(client):
    import tomllib

    state = page_state(client.post("/drafts", data={"text": TEXT, "as_of": AS_OF}).text)
    state = page_state(post(client, state, "reject|iran").text)
    response = post(client, state, "download")
    assert response.status_code == 200 and "attachment" in response.headers["content-disposition"]
    doc = tomllib.loads(response.text)
    assert doc["status"] == "draft" and [a["id"] for a in doc["actors"]] == ["russia", "armenia", "turkey",
                                                                              "azerbaijan"]


@pytest.mark.parametrize("token", ["é.é", "abc.\u00e9" * 3, "\ud800.x", "x." + "f" * 64])
def test_a_damaged_state_with_any_characters_is_a_clear_refusal(token):
    # found by the web fuzz test: a non-ASCII signature made hmac.compare_digest raise TypeError (HTTP 500)
    with pytest.raises(draftstate.RealpolitikError, match="damaged"):
        draftstate.decode(token, b"k" * 32)


def test_a_non_ascii_state_is_refused_by_the_api(client):
    response = client.post("/api/drafts/save", json={"state": "é.é"})
    assert response.status_code == 400 and "damaged" in response.json()["error"]["message"]


def _spans(node, found=None) -> list[tuple[int, int, str]]:
    """Every span (start, end, quote) in a draft's JSON, in document order."""
    found = [] if found is None else found
    if isinstance(node, dict):
        if {"start", "end", "quote"} <= node.keys():
            found.append((node["start"], node["end"], node["quote"]))
        for value in node.values():
            _spans(value, found)
    elif isinstance(node, list):
        for value in node:
            _spans(value, found)
    return found


def test_a_bom_crlf_file_gives_the_same_offsets_on_the_cli_the_python_api_and_the_web(client, tmp_path, capsys,
                                                                                       monkeypatch):
    import json

    import realpolitik
    from tests.test_cli import run

    raw = b"\xef\xbb\xbf" + TEXT.replace(". ", ".\r\n").replace(".\n", ".\r\n").encode()  # BOM, 3 CRLF
    path = tmp_path / "bom-crlf.txt"
    path.write_bytes(raw)
    code, out, err = run(capsys, monkeypatch, "draft", str(path), "--as-of", AS_OF, "-f", "json")
    assert code == 0, err
    cli = _spans(json.loads(out)["relations"]) + _spans(json.loads(out)["quantities"])
    python = realpolitik.draft(raw, AS_OF).to_dict()
    response = client.post("/api/drafts/upload", files={"file": ("bom-crlf.txt", raw, "text/plain")},
                           data={"as_of": AS_OF})
    assert response.status_code == 201, response.text
    web = response.json()["draft"]
    assert cli == _spans(python["relations"]) + _spans(python["quantities"])
    assert _spans(web) == _spans(python) == _spans(realpolitik.draft(raw.decode("utf-8"), AS_OF).to_dict())
    # By hand: U+FEFF is character 0, "Russia keeps 3,300 troops in Armenia." characters 1-37, CRLF 38-39, so
    # "Turkey supplies drones to Azerbaijan" (36 characters) is 40-76 and "3,300 troops" 1 + 13 = 14 to 26.
    assert (40, 76, draft_support.RELATION_QUOTE) in cli and (14, 26, draft_support.QUANTITY_QUOTE) in cli
    # The review page's upload keeps the same characters (its review state holds the text drafted).
    page = client.post("/drafts", files={"file": ("bom-crlf.txt", raw, "text/plain")}, data={"as_of": AS_OF})
    assert page.status_code == 200, page.text
    token = html.unescape(re.search(r'name="state" value="([^"]+)"', page.text).group(1))
    assert draftstate.decode(token, client.app.state.draft_key).text == raw.decode("utf-8")


def test_an_upload_that_is_not_utf8_or_too_long_is_a_clear_error(client):
    response = client.post("/api/drafts/upload", files={"file": ("latin1.txt", "Ankara \xe9.".encode("latin-1"))})
    assert response.status_code == 400
    assert response.json()["error"]["message"] == ("the upload 'latin1.txt' is not UTF-8 text (byte 7). Fix: save the "
                                                   "commentary as plain UTF-8 text")
    both = client.post("/drafts", files={"file": ("t.txt", TEXT.encode())}, data={"text": TEXT, "as_of": AS_OF})
    assert both.status_code == 422 and "both a text and a file were given" in both.text
