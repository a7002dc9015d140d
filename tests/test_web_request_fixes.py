"""The web API's request errors give a fix that is valid for the field and name the exact field (issue 12 review,
item 6): a NaN seed asks for a whole number (0.5 would be refused too), an over-long tag gives a readable fix, and
a NUL inside a tag is reported at ``body.tags[0]``."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from realpolitik.web.app import create_app


@pytest.fixture
def client(tmp_path):
    with TestClient(create_app(f"sqlite:///{tmp_path / 'web.db'}"), base_url="http://localhost") as c:
        yield c


def _problems(client, body: str) -> list[dict]:
    response = client.post("/api/runs", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 422, response.text
    return response.json()["error"]["problems"]


@pytest.mark.parametrize(("field", "example"), [("seed", "0"), ("draws", "1000"), ("version", "1")])
def test_non_finite_whole_number_field_asks_for_a_whole_number(client, field, example):
    body = f'{{"scenario": "south-caucasus-2020", "models": [{{"name": "compromise"}}], "{field}": NaN}}'
    [problem] = _problems(client, body)
    assert problem["field"] == f"body.{field}"
    assert problem["fix"] == f'give {field} as a whole number, e.g. "{field}": {example}'


def test_over_long_tag_gets_a_readable_fix(client):
    tag = "x" * 100_000
    body = f'{{"scenario": "south-caucasus-2020", "models": [{{"name": "compromise"}}], "tags": ["{tag}"]}}'
    [problem] = _problems(client, body)
    assert problem["field"] == "body.tags[0]"
    assert problem["fix"] == "shorten body.tags[0] to at most 40 characters"


def test_nul_in_a_tag_is_reported_at_the_tag(client):
    body = '{"scenario": "south-caucasus-2020", "models": [{"name": "compromise"}], "tags": ["a\\u0000b"]}'
    [problem] = _problems(client, body)
    assert problem["field"] == "body.tags[0]"
