"""Token authentication for every request, and the operator's secrets (token, database URL) from the environment
or a file, never from the command line (where every local user can read them in ``ps``).

With a token set, `TokenAuth` lets a request through only when it carries the token:

- ``Authorization: Bearer TOKEN`` (scripts and API clients);
- the session cookie, set once by the login form (``/login``) or by opening any page with ``?token=TOKEN`` (the
  server then redirects to the same address without the token). The cookie is HttpOnly and SameSite=Strict and
  holds an HMAC of the token, not the token itself.

Comparisons are constant-time (`hmac.compare_digest`). A browser asking for a page without the token is sent to
the login form; any other request gets 401 with a JSON error. Only ``/login`` itself is open.
"""

from __future__ import annotations

import hashlib
import hmac
import html
import os
import stat
from pathlib import Path
from urllib.parse import parse_qsl, quote, urlencode

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from realpolitik.errors import RealpolitikError
from realpolitik.web.guards import cross_origin, send_problem

TOKEN_ENV = "REALPOLITIK_TOKEN"
DB_ENV = "REALPOLITIK_DB"
COOKIE = "realpolitik_session"
LOGIN = "/login"
MIN_TOKEN = 16
MAKE_TOKEN = "python3 -c 'import secrets; print(secrets.token_urlsafe(32))'"


def read_secret_file(path: Path, what: str) -> str:
    """Return the first line of `path` (stripped); a clear error if it is missing, empty or unreadable."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RealpolitikError(f"cannot read the {what} file {str(path)!r} ({exc.__class__.__name__}). "
                               f"Fix: give a readable UTF-8 text file holding the {what} on its first line") from None
    value = text.strip().splitlines()[0].strip() if text.strip() else ""
    if not value:
        raise RealpolitikError(f"the {what} file {str(path)!r} is empty. Fix: write the {what} on its first line")
    return value


def group_readable(path: Path) -> bool:
    """Return whether other users may read `path` (POSIX permissions; always False where there are none)."""
    try:
        return os.name == "posix" and bool(Path(path).stat().st_mode & (stat.S_IRGRP | stat.S_IROTH))
    except OSError:
        return False


def load_token(token_file: Path | None = None) -> str | None:
    """Return the access token: the first line of `token_file`, else ``$REALPOLITIK_TOKEN``, else ``None``.

    A token shorter than 16 characters is refused (it could be guessed)."""
    token = read_secret_file(token_file, "token") if token_file else os.environ.get(TOKEN_ENV, "").strip() or None
    if token is not None and len(token) < MIN_TOKEN:
        where = f"the file {str(token_file)!r}" if token_file else f"${TOKEN_ENV}"
        raise RealpolitikError(f"the access token in {where} has {len(token)} characters, fewer than {MIN_TOKEN}. "
                               f"Fix: use a long random token, e.g. from {MAKE_TOKEN}")
    return token


def has_password(url: str) -> bool:
    """Return whether the database URL `url` carries a password (``scheme://user:password@host/...``)."""
    if "://" not in url:
        return False
    netloc = url.split("://", 1)[1].split("/", 1)[0]
    userinfo, at, _ = netloc.rpartition("@")
    return bool(at) and ":" in userinfo and bool(userinfo.split(":", 1)[1])


def database_url(db: str | None, db_file: Path | None) -> str | None:
    """Return the store URL given by ``--db`` or ``--db-file`` (``None``: ``$REALPOLITIK_DB`` or the default).

    A password in ``--db`` is refused: every local user can read the command line in ``ps``."""
    if db and db_file:
        raise RealpolitikError("both --db and --db-file are given. Fix: give one of them")
    if db_file:
        return read_secret_file(db_file, "database URL")
    if db and has_password(db):
        raise RealpolitikError(f"refusing a database password on the command line (--db): every user of this "
                               f"machine can read it with ps. Fix: export {DB_ENV}='URL' or write the URL in a file "
                               "that only you can read (chmod 600) and pass --db-file PATH")
    return db


def session_value(token: str) -> str:
    """Return the cookie value that proves the token was given: an HMAC of the token (not the token itself)."""
    return hmac.new(token.encode(), b"realpolitik dashboard session", hashlib.sha256).hexdigest()


def same(given: str, expected: str) -> bool:
    """Constant-time comparison of two strings."""
    return hmac.compare_digest(given.encode("utf-8", "surrogatepass"), expected.encode("utf-8", "surrogatepass"))


def set_cookie(value: str) -> tuple[bytes, bytes]:
    """Return the ``Set-Cookie`` header of the session cookie (HttpOnly, SameSite=Strict, whole site)."""
    return b"set-cookie", f"{COOKIE}={value}; Path=/; HttpOnly; SameSite=Strict".encode()


async def redirect(send: Send, location: str, cookie: str | None = None) -> None:
    """Send a 303 redirect to `location` (a path on this server), setting the session cookie if given."""
    headers = [(b"location", location.encode("latin-1", "replace")), (b"content-length", b"0")]
    if cookie is not None:
        headers.append(set_cookie(cookie))
    await send({"type": "http.response.start", "status": 303, "headers": headers})
    await send({"type": "http.response.body", "body": b""})


def safe_next(path: str) -> str:
    """Return `path` if it is a path on this server (not ``//host`` or a full URL), else ``/``."""
    return path if path.startswith("/") and not path.startswith("//") and "\\" not in path else "/"


LOGIN_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in · realpolitik</title>
<style>body{{font-family:system-ui,sans-serif;margin:3em auto;max-width:30em;padding:0 1em}}
input{{width:100%;padding:.4em;margin:.4em 0}}.error{{color:#a00}}</style></head>
<body><h1>realpolitik</h1>
<p>This dashboard needs the access token its operator set (<code>$REALPOLITIK_TOKEN</code> or
<code>--token-file</code>).</p>{error}
<form method="post" action="/login" id="login-form">
<input type="hidden" name="next" value="{next}">
<label>Access token <input type="password" name="token" autocomplete="current-password" autofocus required></label>
<button type="submit">Sign in</button></form></body></html>"""


async def send_login(send: Send, next_path: str, error: str = "", status: int = 200) -> None:
    """Send the login form (no script, so the strict content policy holds), returning to `next_path`."""
    message = f'<p class="error" role="alert" id="login-error">{html.escape(error)}</p>' if error else ""
    body = LOGIN_PAGE.format(error=message, next=html.escape(safe_next(next_path))).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/html; charset=utf-8"),
                            (b"content-length", str(len(body)).encode()), (b"cache-control", b"no-store")]})
    await send({"type": "http.response.body", "body": body})


async def read_form(receive: Receive, limit: int = 16 * 1024) -> dict[str, str]:
    """Return the urlencoded form of the request body (at most `limit` bytes are read)."""
    body = b""
    while True:
        message = await receive()
        body += message.get("body", b"")
        if len(body) > limit or not message.get("more_body"):
            break
    return dict(parse_qsl(body[:limit].decode("latin-1"), keep_blank_values=True))


class TokenAuth:
    """Require the operator's token on every request (see the module docstring); no-op when `token` is None."""

    def __init__(self, app: ASGIApp, token: str | None) -> None:
        self.app, self.token = app, token
        self.session = session_value(token) if token else ""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.token is None:
            return await self.app(scope, receive, send)
        headers = Headers(scope=scope)
        path, method = scope["path"], scope["method"]
        if path == LOGIN:
            return await self.login(scope, receive, send)
        if self.authorised(headers):
            return await self.app(scope, receive, send)
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True))
        if method == "GET" and same(query.get("token", ""), self.token):
            rest = urlencode([(k, v) for k, v in parse_qsl(scope["query_string"].decode("latin-1"),
                                                           keep_blank_values=True) if k != "token"])
            return await redirect(send, quote(path) + (f"?{rest}" if rest else ""), self.session)
        if method == "GET" and "text/html" in headers.get("accept", "") and not path.startswith("/api"):
            target = quote(path) + (f"?{scope['query_string'].decode('latin-1')}" if scope["query_string"] else "")
            return await redirect(send, f"{LOGIN}?{urlencode({'next': target})}")
        await send_problem(send, 401, "this server needs its access token. Fix: send the header "
                           "'Authorization: Bearer TOKEN' (the token the operator set in $REALPOLITIK_TOKEN or "
                           "--token-file), or sign in at /login in a browser",
                           headers=[(b"www-authenticate", b'Bearer realm="realpolitik"')])

    def authorised(self, headers: Headers) -> bool:
        """Return whether the request carries the bearer token or the session cookie."""
        scheme, _, given = headers.get("authorization", "").partition(" ")
        if scheme.lower() == "bearer" and same(given.strip(), self.token or ""):
            return True
        cookies = {name: value for name, _, value in (part.strip().partition("=")
                   for part in headers.get("cookie", "").split(";") if part)}
        return same(cookies.get(COOKIE, ""), self.session)

    async def login(self, scope: Scope, receive: Receive, send: Send) -> None:
        """``GET /login``: the form; ``POST /login``: check the token, set the cookie and go on to ``next``."""
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        if scope["method"] != "POST":
            return await send_login(send, query.get("next", "/"))
        if cross_origin(scope):
            return await send_problem(send, 403, "cross-origin sign-in refused. Fix: sign in on this server's own "
                                      "/login page")
        form = await read_form(receive)
        if not same(form.get("token", ""), self.token or ""):
            return await send_login(send, form.get("next", "/"), "That is not the access token. Fix: paste the "
                                    "token the operator set (ask them), without spaces", 401)
        await redirect(send, safe_next(form.get("next", "/")), self.session)
