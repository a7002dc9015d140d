"""`realpolitik serve`: run the dashboard and API with uvicorn, on localhost unless told otherwise."""

from __future__ import annotations

import ipaddress
import logging

import uvicorn

from realpolitik.store.database import default_url, normalise_url

log = logging.getLogger(__name__)


def is_loopback(host: str) -> bool:
    """Return whether `host` names this machine only (127.0.0.0/8, ::1 or localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(host: str = "127.0.0.1", port: int = 8000, db: str | None = None) -> None:
    """Serve the dashboard at http://host:port/ (API under /api, docs at /docs) on the store `db`."""
    from realpolitik.web.app import create_app

    url = normalise_url(db or default_url())
    if not is_loopback(host):
        log.warning("listening on %s: anyone who can reach this address can read and change your scenarios", host)
    # Requests must name this server in their Host header: localhost, 127.0.0.1, [::1] or `host` (see guards.py).
    print(f"realpolitik: dashboard at http://{host}:{port}/  (store: {url.split('@')[-1]})", flush=True)
    uvicorn.run(create_app(url, host=host), host=host, port=port, log_level="warning")
