"""Fuzzing: no input may cause a server error (5xx), in the JSON API or on the dashboard's pages.

Schemathesis fuzzes every operation of the OpenAPI schema. The HTML pages stay out of that schema, so Hypothesis
fuzzes them directly: every page route with generated path segments (ids, huge and negative numbers, text), query
values and form fields. Schemathesis's pytest plugin does not work with this pytest, so the tests drive the
Hypothesis strategies themselves.
"""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from realpolitik.web import pages
from realpolitik.web.app import create_app
from tests.web_support import doc

EXAMPLES = 40
PAGE_EXAMPLES = 30


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    app = create_app(f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'fuzz.db'}")
    with TestClient(app, base_url="http://localhost") as client:  # a stored scenario and a run, reached by fuzzing
        assert client.post("/api/scenarios", json=doc()).status_code == 201
        assert client.post("/api/runs", json={"scenario": "mini", "models": [{"name": "mean"}]}).status_code == 201
    return app


@pytest.fixture(scope="module")
def api_schema(app):
    return schemathesis.openapi.from_asgi("/openapi.json", app, headers={"host": "localhost"})


def test_schema_lists_the_api(api_schema):
    paths = set(api_schema.raw_schema["paths"])
    assert {"/api/scenarios", "/api/scenarios/upload", "/api/runs", "/api/runs/{run_id}", "/api/models"} <= paths
    assert not any(p.startswith("/scenarios") for p in paths)  # the HTML pages stay out of the API schema


def test_no_input_causes_a_server_error(api_schema):
    failures: list[str] = []
    calls = 0
    operations = [result.ok() for result in api_schema.get_all_operations()]
    for operation in operations:

        @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def check(case):
            nonlocal calls
            calls += 1
            case.headers = {**(case.headers or {}), "host": "localhost"}
            response = case.call()
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path}: {response.status_code} {response.text[:300]}")
            elif response.status_code >= 400:
                assert "message" in response.json()["error"]  # every error has the JSON error shape

        check()
    assert len(operations) >= 13 and calls >= len(operations)
    assert failures == []


SEGMENT = st.one_of(st.just("mini"), st.just("1"), st.just("alpha"),
                    st.integers(min_value=-(2**70), max_value=2**70).map(str),
                    st.text(min_size=1, max_size=12))
VALUE = st.one_of(st.integers(min_value=-(2**70), max_value=2**70).map(str), st.text(max_size=12),
                  st.sampled_from(["mini", "alpha", "border", "mean", "compromise", "scale", "drop", "cut_arms",
                                   "salience", "capability", "nan", "inf", "1e999", "0"]))
QUERY_KEYS = ("a", "b", "version", "saved", "actor", "issue")


def page_routes() -> list[tuple[str, str]]:
    """Return (method, path) of every dashboard page (the routes outside the API schema)."""
    routes = []
    for route in pages.router.routes:
        for method in sorted(route.methods - {"HEAD"}):
            routes.append((method, route.path))
    return routes


FORM_KEYS = ["id", "name", "capability", "actor", "issue", "position", "salience", "models", "draws", "seed",
             "version", "whatif_op", "whatif_actor", "whatif_value", "tags", "remove", "events", "params", "original"]


def fuzz_page(client: TestClient, method: str, template: str, failures: list[str]) -> None:
    """Send generated requests to one page route; record every 5xx in `failures`."""
    names = re.findall(r"{(\w+)}", template)

    @settings(max_examples=PAGE_EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(segments=st.lists(SEGMENT, min_size=len(names), max_size=len(names)),
           query=st.dictionaries(st.sampled_from(QUERY_KEYS), VALUE, max_size=3),
           form=st.dictionaries(st.sampled_from(FORM_KEYS), VALUE, max_size=6))
    def check(segments, query, form):
        path = template
        for name, value in zip(names, segments, strict=True):
            path = path.replace("{" + name + "}", quote(value, safe=""), 1)
        if method == "GET":
            response = client.get(path, params=query)
        else:
            response = client.request(method, path, data=form, params=query)
        if response.status_code >= 500:
            failures.append(f"{method} {path} {query} {form}: {response.status_code} {response.text[:200]}")

    check()


def test_no_page_input_causes_a_server_error(app):
    routes = page_routes()
    assert ("GET", "/runs/{run_id}") in routes and ("GET", "/compare") in routes and len(routes) >= 15
    failures: list[str] = []
    with TestClient(app, base_url="http://localhost", raise_server_exceptions=False) as client:
        for method, template in routes:
            fuzz_page(client, method, template, failures)
    assert failures == []
