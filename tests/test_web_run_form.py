"""The run form on the scenario page: an invalid choice shows the page again with the input kept and the error
beside its field; the form can be reached from the top of the page."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from realpolitik.web.app import create_app
from tests.web_support import doc


@pytest.fixture
def client(tmp_path):
    with TestClient(create_app(f"sqlite:///{tmp_path / 'web.db'}"), base_url="http://localhost") as c:
        assert c.post("/api/scenarios", json=doc()).status_code == 201
        yield c


def field_error(html: str, name: str) -> str:
    found = re.search(rf'<p class="field-error" id="error-{name}" role="alert">(.*?)</p>', html, re.S)
    return found.group(1) if found else ""


FORM = {"models": ["compromise", "mean"], "draws": "0", "seed": "11", "note": "my careful note",
        "events": "border>=60", "whatif_op": "scale", "whatif_field": "salience", "whatif_actor": "beta",
        "whatif_issue": "border", "whatif_value": "0.5"}


def assert_kept(html: str, form: dict) -> None:
    """Every value of `form` is filled in again."""
    for name in form["models"]:
        assert re.search(rf'name="models" value="{name}" checked', html), name
    for name in ("seed", "note", "params", "whatif_value"):
        if name in form:
            assert f'name="{name}"' in html and f'value="{form[name]}"' in html, name
    for name in ("whatif_actor", "whatif_issue"):
        select = re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)
        if f'<option value="{form[name]}"' in select:  # a value the scenario does not offer cannot be selected
            assert f'<option value="{form[name]}" selected>' in select, name
    assert "<option value=\"scale\" selected>" in html


@pytest.mark.parametrize(("change", "field", "words"), [
    ({"params": "nash.utility=linear"}, "params", "does not name a chosen model"),
    ({"whatif_actor": "delta"}, "whatif_actor", "delta"),
    ({"whatif_value": "lots"}, "whatif_value", "is not a number"),
    ({"seed": "-3"}, "seed", "out of range"),
    ({"draws": "10", "events": "bordr>=3"}, "events", "bordr"),
    ({"models": []}, "models", "no model chosen"),
])
def test_an_invalid_choice_keeps_the_input(client, change, field, words):
    form = {**FORM, **change}
    page = client.post("/scenarios/mini/runs", data=form, follow_redirects=False)
    assert page.status_code == 422
    assert 'id="run-form"' in page.text and 'id="run-form-errors"' in page.text
    message = field_error(page.text, field)
    assert words in message and "Fix:" in message, (field, message)
    assert_kept(page.text, form)
    assert client.get("/api/runs").json() == []  # nothing was started


def test_a_valid_form_still_starts_the_run(client):
    page = client.post("/scenarios/mini/runs", data={**FORM, "events": ""}, follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].startswith("/runs/")


def test_an_unknown_scenario_is_still_404(client):
    assert client.post("/scenarios/nope/runs", data=FORM).status_code == 404


def test_the_run_form_is_linked_from_the_top(client):
    html = client.get("/scenarios/mini").text
    link, form, actors = html.index('href="#run"'), html.index('<section id="run"'), html.index('id="actors"')
    assert link < form < actors  # the link near the top, the form above the actor table
