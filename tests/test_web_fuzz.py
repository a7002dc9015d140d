"""Schemathesis fuzzes every operation of the OpenAPI schema: no input may cause a server error (5xx).

Schemathesis's pytest plugin does not work with this pytest, so the test drives its Hypothesis strategies itself.
"""

from __future__ import annotations

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings

from realpolitik.web.app import create_app
from tests.web_support import doc

EXAMPLES = 25


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory):
    app = create_app(f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'fuzz.db'}")
    with TestClient(app) as client:  # a stored scenario, so that some generated requests reach the models
        assert client.post("/api/scenarios", json=doc()).status_code == 201
    return schemathesis.openapi.from_asgi("/openapi.json", app)


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
            response = case.call()
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path}: {response.status_code} {response.text[:300]}")
            elif response.status_code >= 400:
                assert "message" in response.json()["error"]  # every error has the JSON error shape

        check()
    assert len(operations) >= 12 and calls >= len(operations)
    assert failures == []
