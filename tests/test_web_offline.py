"""Nothing from the network: /docs and /redoc from installed packages, no CDN address in any page, the strict
content policy on every response."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from realpolitik.web.app import create_app
from tests.web_support import doc

SOURCE = re.compile(r"""<(script|link|img|iframe)\b[^>]*\b(src|href)\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)


@pytest.fixture
def client(tmp_path):
    with TestClient(create_app(f"sqlite:///{tmp_path / 'web.db'}"), base_url="http://localhost") as c:
        assert c.post("/api/scenarios", json=doc()).status_code == 201
        first = c.post("/api/runs", json={"scenario": "mini", "models": [{"name": "compromise"}]}).json()["id"]
        second = c.post("/api/runs", json={"scenario": "mini", "models": [{"name": "mean"}], "draws": 5,
                                           "base_run": first}).json()["id"]
        c.pages = ["/", "/scenarios/mini", "/scenarios/south-caucasus-2020", f"/runs/{first}", f"/runs/{second}",
                   f"/compare?a={first}&b={second}", "/scenarios/mini/actors/new", "/scenarios/mini/stances/edit",
                   "/docs", "/redoc", "/no-such-page"]
        yield c


def test_no_page_loads_anything_from_another_server(client):
    for path in client.pages:
        page = client.get(path)
        sources = [m.group(3) for m in SOURCE.finditer(page.text)]
        assert sources or path == "/no-such-page", path
        outside = [s for s in sources if re.match(r"(?i)(https?:)?//", s)]
        assert outside == [], (path, outside)
        for source in sources:
            if source.startswith("/"):
                assert client.get(source).status_code == 200, (path, source)


def test_docs_assets_come_from_the_installed_package(client):
    docs = client.get("/docs")
    assert docs.status_code == 200 and "<script>" not in docs.text  # no inline script: the policy forbids it
    for name, kind, marker in (("swagger-ui-bundle.js", "javascript", b"SwaggerUIBundle"),
                               ("swagger-ui.css", "text/css", b".swagger-ui"),
                               ("redoc.standalone.js", "javascript", b"Redoc")):
        asset = client.get(f"/static/vendor/{name}")
        assert asset.status_code == 200 and kind in asset.headers["content-type"] and marker in asset.content
    assert client.get("/static/vendor/..%2Fapp.py").status_code == 404
    assert client.get("/static/vendor/other.js").status_code == 404


def test_every_response_carries_the_strict_content_policy(client):
    for path in [*client.pages, "/openapi.json", "/static/vendor/swagger-ui.css", "/api/models", "/login"]:
        policy = client.get(path).headers["content-security-policy"]
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
        assert directives["script-src"] == "'self'", path  # no inline script, no other server
        assert directives["default-src"] == "'self'" and "http" not in policy
