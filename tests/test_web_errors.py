"""A bug in a handler answers 500 without re-raising, so the server keeps the client's connection (issue 14)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from realpolitik.web.app import create_app


def test_a_bug_answers_500_json_and_the_next_request_is_served(tmp_path):
    app = create_app(f"sqlite:///{tmp_path / 'web.db'}")

    @app.get("/api/boom")
    def boom():
        raise RuntimeError("a bug")

    # raise_server_exceptions=True (the default) re-raises whatever escapes to the server: before, Starlette's
    # handler answered 500 and then re-raised, and uvicorn dropped the keep-alive connection.
    with TestClient(app, base_url="http://localhost") as client:
        response = client.get("/api/boom")
        assert response.status_code == 500
        assert response.json()["error"]["message"].startswith("internal error (RuntimeError)")
        assert response.headers.get("x-content-type-options") == "nosniff"  # still behind the security headers
        assert client.get("/api/scenarios").status_code == 200
