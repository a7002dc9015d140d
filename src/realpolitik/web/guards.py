"""Request guards as ASGI middleware: a request-size limit, a same-origin rule for writes, security headers.

- `BodyLimit` refuses a request body above the limit with 413, by its Content-Length or while it streams.
- `SameOrigin` refuses a state-changing request (POST, PUT, PATCH, DELETE) that a browser marks as coming from
  another origin (``Origin`` not this host, or ``Sec-Fetch-Site`` cross-site/same-site) with 403. Clients that
  send neither header (scripts, curl) are not browsers acting for another site and pass.
- `SecurityHeaders` adds a strict Content-Security-Policy (scripts only from this server, no inline script),
  ``nosniff``, no framing and no referrer to other sites.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

WRITES = {"POST", "PUT", "PATCH", "DELETE"}
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


async def send_problem(send: Send, status: int, message: str) -> None:
    """Send a JSON error response ``{"error": {"message": ...}}`` with `status`."""
    body = json.dumps({"error": {"message": message, "problems": []}}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


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
                   "Fix: send a smaller file (split the scenario, or drop unused sources)")
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_bytes):
            return await send_problem(send, 413, message)
        seen = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal seen
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > self.max_bytes:
                    raise TooLarge
            return msg

        async def tracking_send(msg: Message) -> None:
            nonlocal started
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
