"""Security: scenario text is escaped everywhere, uploads are bounded and checked, cross-origin writes refused."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient

from realpolitik.web.app import create_app
from tests.web_support import doc

EVIL = "<script>alert(1)</script>"


@pytest.fixture
def client(tmp_path):
    app = create_app(f"sqlite:///{tmp_path / 'web.db'}", max_upload=4096)
    with TestClient(app, base_url="http://localhost") as c:
        yield c


def evil_doc() -> dict:
    d = doc(title=EVIL, description=EVIL)
    d["actors"][0]["name"] = EVIL
    d["actors"][0]["notes"] = EVIL
    d["issues"][0]["name"] = EVIL
    d["stances"][0]["justification"] = EVIL
    d["sources"][0]["citation"] = EVIL
    d["sources"][0]["url"] = "javascript:alert(1)"
    return d


def test_script_in_names_is_escaped_on_every_page(client):
    assert client.post("/api/scenarios", json=evil_doc()).status_code == 201
    first = client.post("/api/runs", json={"scenario": "mini", "models": [{"name": "compromise"}, {"name": "mean"}],
                                           "note": EVIL}).json()
    second = client.post("/api/runs", json={"scenario": "mini", "models": [{"name": "compromise"}], "draws": 5,
                                            "base_run": first["id"]}).json()
    import time

    for _ in range(100):
        if client.get(f"/api/runs/{second['id']}").json()["status"] == "done":
            break
        time.sleep(0.1)
    pages = ["/", "/scenarios/mini", "/scenarios/mini?version=1", f"/runs/{first['id']}", f"/runs/{second['id']}",
             f"/compare?a={first['id']}&b={second['id']}", "/scenarios/mini/actors/alpha/edit",
             "/scenarios/mini/stances/edit?actor=alpha&issue=border"]
    for path in pages:
        html = client.get(path).text
        assert "<script>alert" not in html, path
        scripts = re.findall(r"<script[^>]*>", html)
        assert all(s in ('<script src="/static/app.js">', '<script src="/static/plotly.min.js">') for s in scripts)
        assert 'href="javascript:' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in client.get("/scenarios/mini").text
    # In chart JSON the name is HTML-escaped for Plotly and then JSON-escaped for the attribute.
    assert "\\u0026lt;script\\u0026gt;" in client.get(f"/runs/{first['id']}").text


def test_security_headers(client):
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert "unsafe-inline" not in headers["content-security-policy"].split("script-src")[1].split(";")[0]
    assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "DENY"


def test_oversized_upload_is_413(client):
    big = "# padding\n" * 1000  # 10 kB > the 4 KiB limit of this app
    response = client.post("/api/scenarios/upload", files={"file": ("big.toml", big)})
    assert response.status_code == 413 and "larger than" in response.json()["error"]["message"]
    body = client.post("/api/scenarios", content=b"{" + b" " * 100_000 + b"}",
                       headers={"content-type": "application/json"})
    assert body.status_code == 413


def chunks(data: bytes, size: int = 1000):
    """Yield `data` in pieces: the client sends it chunked, without a Content-Length."""
    for k in range(0, len(data), size):
        yield data[k:k + size]


def test_oversized_chunked_bodies_are_413_json(client):
    # the limit of this app is 4096 + 64 KiB = 69632 bytes; 100 kB is over it
    json_body = client.post("/api/scenarios", content=chunks(b"{" + b" " * 100_000 + b"}"),
                            headers={"content-type": "application/json"})
    assert json_body.status_code == 413 and "larger than 68 KiB" in json_body.json()["error"]["message"]
    assert "Fix:" in json_body.json()["error"]["message"]
    boundary = "realpolitik-test"
    multipart = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.toml\"\r\n\r\n"
                 + "# padding\n" * 10_000 + f"\r\n--{boundary}--\r\n").encode()
    for path in ("/api/scenarios/upload", "/scenarios/upload"):
        upload = client.post(path, content=chunks(multipart),
                             headers={"content-type": f"multipart/form-data; boundary={boundary}"})
        assert upload.status_code == 413 and upload.headers["content-type"] == "application/json", path
        assert "larger than" in upload.json()["error"]["message"]
    small = client.post("/api/scenarios", content=chunks(json.dumps(doc()).encode()),
                        headers={"content-type": "application/json"})
    assert small.status_code == 201  # a chunked body under the limit is read as usual


def test_malformed_uploads_get_clear_4xx(client):
    toml = client.post("/api/scenarios/upload", files={"file": ("m.toml", "id = [unclosed")})
    assert toml.status_code == 422 and "malformed TOML" in toml.json()["error"]["message"]
    assert toml.json()["error"]["problems"][0]["line"] == 1
    binary = client.post("/api/scenarios/upload", files={"file": ("m.json", b"\xff\xfe\x00bad")})
    assert binary.status_code == 400 and "not UTF-8" in binary.json()["error"]["message"]
    ext = client.post("/api/scenarios/upload", files={"file": ("m.exe", "x")})
    assert ext.status_code == 400 and "*.toml" in ext.json()["error"]["message"]
    none = client.post("/api/scenarios/upload")
    assert none.status_code == 422 and none.json()["error"]["problems"][0]["field"] == "body.file"
    not_json = client.post("/api/scenarios", content=b"{not json", headers={"content-type": "application/json"})
    assert not_json.status_code == 422
    page = client.post("/scenarios/upload", files={"file": ("m.toml", "id = [unclosed")})
    assert page.status_code == 422 and "malformed TOML" in page.text


def test_cross_origin_writes_are_refused(client):
    assert client.post("/api/scenarios", json=doc()).status_code == 201
    evil = {"origin": "http://evil.example"}
    refused = client.post("/api/runs", json={"scenario": "mini", "models": [{"name": "mean"}]}, headers=evil)
    assert refused.status_code == 403 and "cross-origin" in refused.json()["error"]["message"]
    form = client.post("/scenarios/mini/actors/alpha/delete", headers=evil)
    assert form.status_code == 403
    fetch_meta = client.post("/scenarios/mini/actors/alpha/delete", headers={"sec-fetch-site": "cross-site"})
    assert fetch_meta.status_code == 403
    assert client.get("/api/scenarios/mini").json()["version"] == 1  # nothing changed
    same = client.post("/api/runs", json={"scenario": "mini", "models": [{"name": "mean"}]},
                       headers={"origin": "http://localhost", "sec-fetch-site": "same-origin"})
    assert same.status_code == 201
    assert client.get("/api/scenarios", headers=evil).status_code == 200  # reading is not a state change


def test_no_request_names_a_server_file(client):
    assert client.get("/api/scenarios/..%2F..%2Fetc%2Fpasswd").status_code in (404, 422)
    assert client.get("/static/../pyproject.toml").status_code == 404
    up = client.post("/api/scenarios/upload", files={"file": ("/etc/passwd.toml", "id = 'x'")})
    assert up.status_code == 422 and "passwd.toml" in up.json()["error"]["message"]
    assert "/etc/" not in up.json()["error"]["message"]


def test_dns_rebinding_hosts_are_refused(client):
    rebound = {"host": "evil.example:8765", "origin": "http://evil.example:8765"}
    read = client.get("/api/scenarios", headers=rebound)
    assert read.status_code == 400 and "does not name this server" in read.json()["error"]["message"]
    write = client.post("/api/scenarios", json=doc(), headers=rebound)
    assert write.status_code == 400 and client.get("/api/scenarios/mini").status_code == 404
    assert client.get("/", headers={"host": "evil.example"}).status_code == 400
    for host in ("localhost:8765", "127.0.0.1:8000", "[::1]:8000", "LOCALHOST"):
        assert client.get("/api/models", headers={"host": host}).status_code == 200, host


def test_the_serve_host_is_trusted_unless_a_wildcard(tmp_path):
    from realpolitik.web.guards import trusted_hosts

    assert trusted_hosts() == ["localhost", "127.0.0.1", "[::1]"]
    assert trusted_hosts("0.0.0.0") == trusted_hosts("::") == trusted_hosts()
    assert trusted_hosts("192.168.1.5")[-1] == "192.168.1.5" and trusted_hosts("fd00::1")[-1] == "[fd00::1]"
    with TestClient(create_app(f"sqlite:///{tmp_path / 'lan.db'}", host="192.168.1.5"),
                    base_url="http://192.168.1.5:8000") as lan:
        assert lan.get("/api/models").status_code == 200
        assert lan.get("/api/models", headers={"host": "evil.example"}).status_code == 400


def test_uploads_need_a_real_extension(client):
    for name in ("toml", "json", "mini.", "mini.tom"):
        response = client.post("/api/scenarios/upload", files={"file": (name, "id = 'x'")})
        assert response.status_code == 400 and "*.toml" in response.json()["error"]["message"], name
