"""Serving beyond localhost: the operator's access token on every request, secrets never on the command line,
the printed LAN address trusted."""

from __future__ import annotations

import hashlib
import hmac
import subprocess
import sys

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from realpolitik.errors import RealpolitikError
from realpolitik.web import auth, server
from realpolitik.web.app import create_app
from tests.web_support import REPO, doc

TOKEN = "correct-horse-battery-staple-42"


@pytest.fixture
def locked(tmp_path):
    """An app that needs TOKEN, holding the hand-worked scenario `mini` and one run of it."""
    app = create_app(f"sqlite:///{tmp_path / 'web.db'}", token=TOKEN)
    with TestClient(app, base_url="http://localhost") as c:
        bearer = {"authorization": f"Bearer {TOKEN}"}
        assert c.post("/api/scenarios", json=doc(), headers=bearer).status_code == 201
        run = c.post("/api/runs", json={"scenario": "mini", "models": [{"name": "mean"}]}, headers=bearer)
        assert run.status_code == 201
        c.run_id = run.json()["id"]
        yield c


def flat_routes(routes) -> list:
    """The routes of an app, with those of included routers (FastAPI keeps those apart) listed in place."""
    out = []
    for route in routes:
        inner = getattr(route, "original_router", None)
        out += flat_routes(inner.routes) if inner is not None else [route]
    return out


def every_get_path(client) -> list[str]:
    """Every GET route of the app with its path parameters filled in (the openapi, docs and static routes too)."""
    fill = {"slug": "mini", "scenario_id": "mini", "run_id": str(client.run_id), "number": "1", "name": "app.js",
            "path": "app.css", "actor_id": "alpha"}
    paths = []
    for route in flat_routes(client.app.routes):
        if "GET" not in getattr(route, "methods", {"GET"}) or route.path == auth.LOGIN:
            continue
        path = route.path
        for key, value in fill.items():
            path = path.replace("{" + key + "}", value).replace("{" + key + ":path}", value)
        paths.append(path)
    assert "{" not in "".join(paths), paths  # every parameter was filled in
    return paths


def test_every_route_needs_the_token(locked):
    paths = every_get_path(locked)
    assert {"/", "/docs", "/redoc", "/openapi.json", "/api/scenarios", "/static"} <= set(paths)
    for path in paths:
        api = locked.get(path, follow_redirects=False)
        assert api.status_code == 401, path
        assert api.headers["www-authenticate"].startswith("Bearer")
        assert "Fix:" in api.json()["error"]["message"]
        page = locked.get(path, headers={"accept": "text/html"}, follow_redirects=False)
        assert page.status_code in (303, 401), path  # a browser is sent to the login form (API paths answer 401)
    for method, path in (("post", "/api/scenarios"), ("post", "/scenarios/mini/runs"), ("delete", "/api/runs/1"),
                         ("patch", "/api/scenarios/mini"), ("post", "/scenarios/mini/actors")):
        assert getattr(locked, method)(path).status_code == 401, path
    assert locked.get("/api/scenarios", headers={"authorization": "Bearer " + TOKEN[:-1] + "x"}).status_code == 401
    assert locked.get("/api/scenarios", headers={"authorization": "Basic " + TOKEN}).status_code == 401


def test_the_bearer_token_opens_the_api_and_pages(locked):
    bearer = {"authorization": f"Bearer {TOKEN}"}
    assert "mini" in [s["id"] for s in locked.get("/api/scenarios", headers=bearer).json()]
    for path in ("/", "/scenarios/mini", f"/runs/{locked.run_id}", "/docs", "/redoc", "/openapi.json"):
        assert locked.get(path, headers=bearer).status_code == 200, path


def test_the_token_in_the_address_sets_a_strict_httponly_cookie(locked):
    first = locked.get(f"/scenarios/mini?token={TOKEN}&version=1", follow_redirects=False)
    assert first.status_code == 303 and first.headers["location"] == "/scenarios/mini?version=1"  # token dropped
    cookie = first.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/" in cookie
    value = cookie.split(";")[0].split("=", 1)[1]
    locked.cookies.clear()  # the test client keeps cookies; each request below names its own
    # the cookie holds HMAC-SHA256(token, label), not the token
    assert TOKEN not in cookie
    assert value == hmac.new(TOKEN.encode(), b"realpolitik dashboard session", hashlib.sha256).hexdigest()
    assert locked.get("/scenarios/mini", cookies={auth.COOKIE: value}).status_code == 200
    assert locked.get("/api/scenarios", cookies={auth.COOKIE: value[:-1] + "0"}).status_code == 401
    assert locked.get(f"/?token={TOKEN}x", follow_redirects=False).status_code == 401


def test_the_login_form(locked):
    to_login = locked.get("/runs/1?x=2", headers={"accept": "text/html"}, follow_redirects=False)
    assert to_login.status_code == 303 and to_login.headers["location"] == "/login?next=%2Fruns%2F1%3Fx%3D2"
    form = locked.get(to_login.headers["location"])
    assert form.status_code == 200 and 'name="next" value="/runs/1?x=2"' in form.text and "<script" not in form.text
    wrong = locked.post("/login", data={"token": "guess", "next": "/runs/1"}, follow_redirects=False)
    assert wrong.status_code == 401 and "not the access token" in wrong.text and "set-cookie" not in wrong.headers
    right = locked.post("/login", data={"token": TOKEN, "next": "/runs/1"}, follow_redirects=False)
    assert right.status_code == 303 and right.headers["location"] == "/runs/1"
    assert "HttpOnly" in right.headers["set-cookie"]
    # an address elsewhere is not followed after login (open redirect)
    away = locked.post("/login", data={"token": TOKEN, "next": "//evil.example/"}, follow_redirects=False)
    assert away.headers["location"] == "/"
    other_site = locked.post("/login", data={"token": TOKEN}, headers={"origin": "http://evil.example"},
                             follow_redirects=False)
    assert other_site.status_code == 403 and "set-cookie" not in other_site.headers


def test_without_a_token_localhost_needs_none(tmp_path):
    with TestClient(create_app(f"sqlite:///{tmp_path / 'web.db'}"), base_url="http://localhost") as c:
        assert c.get("/api/scenarios").status_code == 200


def test_the_token_comes_from_the_environment_or_a_file(tmp_path, monkeypatch):
    monkeypatch.delenv(auth.TOKEN_ENV, raising=False)
    assert auth.load_token() is None
    monkeypatch.setenv(auth.TOKEN_ENV, f"  {TOKEN}\n")
    assert auth.load_token() == TOKEN
    path = tmp_path / "token"
    path.write_text("from-the-file-0123456789\nsecond line ignored\n")
    assert auth.load_token(path) == "from-the-file-0123456789"  # the file wins over the environment
    path.write_text("short\n")
    with pytest.raises(RealpolitikError, match="fewer than 16.*Fix: use a long random token"):
        auth.load_token(path)
    with pytest.raises(RealpolitikError, match="cannot read the token file.*Fix:"):
        auth.load_token(tmp_path / "missing")
    path.write_text("\n\n")
    with pytest.raises(RealpolitikError, match="is empty. Fix"):
        auth.load_token(path)


def test_serve_refuses_a_public_address_without_a_token(monkeypatch):
    monkeypatch.delenv(auth.TOKEN_ENV, raising=False)
    for host in ("0.0.0.0", "::", "192.168.1.20", "my-laptop.lan"):
        with pytest.raises(RealpolitikError, match=f"refusing to listen on {host} without an access token.*"
                                                   f"Fix: export {auth.TOKEN_ENV}="):
            server.check_exposure(host, None)
    for host in ("127.0.0.1", "127.0.0.2", "::1", "localhost"):
        server.check_exposure(host, None)
    server.check_exposure("0.0.0.0", TOKEN)


def test_serve_command_refuses_in_one_line(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "COLUMNS": "200"}
    done = subprocess.run([sys.executable, "-m", "realpolitik.cli", "serve", "--host", "0.0.0.0", "--db",
                           str(tmp_path / "x.db")], capture_output=True, text=True, env=env, cwd=REPO, timeout=120)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "refusing to listen on 0.0.0.0" in lines[0] and "REALPOLITIK_TOKEN" in lines[0]
    assert "Traceback" not in done.stderr


def test_a_database_password_is_refused_on_the_command_line(tmp_path, monkeypatch):
    from realpolitik.cli import app

    monkeypatch.delenv(auth.TOKEN_ENV, raising=False)
    url = "postgresql+psycopg://user:s3cret@db.example/realpolitik"
    with pytest.raises(RealpolitikError, match="refusing a database password on the command line.*"
                                               "Fix: export REALPOLITIK_DB=.*--db-file PATH"):
        auth.database_url(url, None)
    result = CliRunner().invoke(app, ["serve", "--db", url])
    assert isinstance(result.exception, RealpolitikError) and "s3cret" not in str(result.exception)
    assert auth.database_url("postgresql+psycopg://user@db.example/realpolitik", None).endswith("/realpolitik")
    assert auth.database_url("sqlite:///x.db", None) == "sqlite:///x.db"
    path = tmp_path / "db-url"
    path.write_text(url + "\n")
    assert auth.database_url(None, path) == url
    with pytest.raises(RealpolitikError, match="both --db and --db-file"):
        auth.database_url("x.db", path)
    assert [auth.has_password(u) for u in ("postgresql://u:p@h/d", "postgresql://u@h/d", "postgresql://u:@h/d",
                                           "postgresql://h/d", "/tmp/a:b@c.db", "sqlite:///a:b@c.db")] == \
        [True, False, False, False, False, False]


def test_lan_names_are_trusted_when_serving_beyond_localhost(tmp_path):
    names = server.machine_names()
    assert names, "this machine has no name"
    app = create_app(f"sqlite:///{tmp_path / 'web.db'}", host="0.0.0.0", token=TOKEN, extra_hosts=tuple(names))
    with TestClient(app, base_url="http://localhost") as c:
        bearer = {"authorization": f"Bearer {TOKEN}"}
        for name in names:
            host = f"[{name}]" if ":" in name else name
            assert c.get("/api/models", headers={**bearer, "host": f"{host}:8000"}).status_code == 200, name
        assert c.get("/api/models", headers={**bearer, "host": "evil.example"}).status_code == 400
    printed = server.public_url("0.0.0.0", 8000, ["my-box", "10.1.2.3", "127.0.1.1"])
    assert printed == "http://10.1.2.3:8000/"
    assert server.public_url("::", 8000, ["fe80::1"]) == "http://[fe80::1]:8000/"
