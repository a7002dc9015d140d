"""Request guards as ASGI middleware: trusted hosts, a request-size limit, a same-origin rule for writes, security
headers.

- `trusted_hosts` lists the names the ``Host`` header may carry: localhost, 127.0.0.1 and [::1], plus the address
  given to ``realpolitik serve --host`` when it is not a wildcard; `TrustedHosts` (Starlette's
  `TrustedHostMiddleware`) refuses any other with 400. This stops DNS rebinding: a page on ``evil.example``
  whose name is re-pointed at 127.0.0.1 sends ``Host: evil.example`` (and a matching ``Origin``), which is refused.
- `BodyLimit` refuses a request body above the limit with 413, by its Content-Length or while it streams (a chunked
  body without Content-Length): once the limit is passed, whatever the application answers is replaced by the 413.
- `SameOrigin` refuses a state-changing request (POST, PUT, PATCH, DELETE) that a browser marks as coming from
  another origin (``Origin`` not this host, or ``Sec-Fetch-Site`` cross-site/same-site) with 403. Clients that
  send neither header (scripts, curl) are not browsers acting for another site and pass.
- `SecurityHeaders` adds a strict Content-Security-Policy (scripts only from this server, no inline script),
  ``nosniff``, no framing and no referrer to other sites.
"""

from __future__ import annotations

import ipaddress
import json
from urllib.parse import urlsplit

from starlette._utils import parse_host_header
from starlette.datastructures import Headers
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

WRITES = {"POST", "PUT", "PATCH", "DELETE"}
LOCAL_HOSTS = ("localhost", "127.0.0.1", "[::1]")
WILDCARDS = ("", "0.0.0.0", "::", "[::]", "*")
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


async def send_problem(send: Send, status: int, message: str,
                       headers: list[tuple[bytes, bytes]] | None = None) -> None:
    """Send a JSON error response ``{"error": {"message": ...}}`` with `status` (and any extra `headers`)."""
    body = json.dumps({"error": {"message": message, "problems": []}}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            *(headers or [])]})
    await send({"type": "http.response.body", "body": body})


def trusted_hosts(host: str | None = None, extra: tuple[str, ...] = ()) -> list[str]:
    """Return the host names a request's ``Host`` header may carry: the loopback names, plus `host` (the address
    the server listens on) unless it is a wildcard such as 0.0.0.0 (which names no host), plus the `extra` names
    (this machine's names and LAN addresses when serving beyond localhost). IPv6 addresses are given in brackets,
    as they appear in a ``Host`` header."""
    names: list[str] = list(LOCAL_HOSTS)
    for given in (host, *extra):
        if given is None or given.strip().lower() in WILDCARDS:
            continue
        name = given.strip().lower()
        try:
            if ipaddress.ip_address(name.strip("[]")).version == 6:
                name = f"[{name.strip('[]')}]"
        except ValueError:
            pass
        if name not in names:
            names.append(name)
    return names


class TrustedHosts(TrustedHostMiddleware):
    """Starlette's `TrustedHostMiddleware`, answering a foreign ``Host`` with this API's JSON error (400)."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not self.allow_any:
            parsed = parse_host_header(Headers(scope=scope).get("host"))
            host = parsed.host.lower() if parsed else ""
            if host not in self.allowed_hosts:
                return await send_problem(send, 400, f"the Host header {host!r} does not name this server (a "
                                          "DNS-rebinding guard). Fix: open the dashboard as http://127.0.0.1:PORT/ "
                                          "or http://localhost:PORT/, or start it with --host NAME to be reached "
                                          "as NAME")
        await super().__call__(scope, receive, send)


class TooLarge(Exception):
    """Raised inside `BodyLimit` when a streamed body passes the limit."""


class BodyLimit:
    """Refuse request bodies larger than `max_bytes` with 413."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        message = (f"the request body is larger than {self.max_bytes // 1024} KiB. "
                   "Fix: send a smaller request or file (split the scenario, or drop unused sources)")
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_bytes):
            return await send_problem(send, 413, message)
        seen = 0
        started = exceeded = False

        async def limited_receive() -> Message:
            nonlocal seen, exceeded
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > self.max_bytes:
                    exceeded = True
                    raise TooLarge
            return msg

        async def tracking_send(msg: Message) -> None:
            nonlocal started
            if exceeded:  # a body parser caught TooLarge and answers something else (e.g. 400): send the 413
                if not started:
                    started = True
                    await send_problem(send, 413, message)
                return
            started = started or msg["type"] == "http.response.start"
            await send(msg)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except TooLarge:
            if not started:
                await send_problem(send, 413, message)


class SameOrigin:
    """Refuse state-changing requests that a browser sends on behalf of another origin, with 403."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in WRITES and cross_origin(scope):
            return await send_problem(send, 403, "cross-origin request refused: this server accepts changes only "
                                      "from its own pages. Fix: use the dashboard or call the API directly")
        await self.app(scope, receive, send)


def cross_origin(scope: Scope) -> bool:
    """Return whether the request's Origin / Sec-Fetch-Site headers say it comes from another origin."""
    headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
    site = headers.get("sec-fetch-site", "").lower()
    if site in ("cross-site", "same-site"):
        return True
    if site in ("same-origin", "none"):  # set by the browser itself; a page's script cannot forge it
        return False
    origin = headers.get("origin")
    if origin is None:
        return False
    if origin == "null":
        return True
    host = headers.get("host", "")
    parts = urlsplit(origin)
    return parts.netloc.lower() != host.lower() or parts.scheme not in ("http", "https")


class SecurityHeaders:
    """Add the security headers to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(msg: Message) -> None:
            if msg["type"] == "http.response.start":
                msg["headers"] = [*msg.get("headers", []),
                                  (b"content-security-policy", CSP.encode()),
                                  (b"x-content-type-options", b"nosniff"),
                                  (b"x-frame-options", b"DENY"),
                                  (b"referrer-policy", b"same-origin")]
            await send(msg)

        await self.app(scope, receive, with_headers)
