"""`realpolitik serve`: run the dashboard and API with uvicorn, on localhost unless told otherwise.

Beyond localhost an access token is required (``$REALPOLITIK_TOKEN`` or ``--token-file``), and the names this
machine is reached by (its host name, its LAN address) are trusted hosts, so the printed address works from the LAN.
"""

from __future__ import annotations

import contextlib
import ipaddress
import logging
import socket
from pathlib import Path

import uvicorn

from realpolitik.errors import RealpolitikError
from realpolitik.store.database import default_url, normalise_url
from realpolitik.web.auth import MAKE_TOKEN, TOKEN_ENV, database_url, group_readable, load_token
from realpolitik.web.guards import WILDCARDS

log = logging.getLogger(__name__)


def is_loopback(host: str) -> bool:
    """Return whether `host` names this machine only (127.0.0.0/8, ::1 or localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def is_address(name: str) -> bool:
    """Return whether `name` is an IP address (not a host name)."""
    try:
        ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        return False
    return True


def machine_names() -> list[str]:
    """Return the names and addresses LAN clients may use for this machine: its host name, fully qualified name,
    ``NAME.local`` and the addresses its name resolves to, plus the address of its default route (found by
    connecting a UDP socket, which sends nothing)."""
    name = socket.gethostname()
    names = [name, f"{name}.local", socket.getfqdn()]
    with contextlib.suppress(OSError):
        names += [str(info[4][0]) for info in socket.getaddrinfo(name, None)]
    for family, probe in ((socket.AF_INET, "192.0.2.1"), (socket.AF_INET6, "2001:db8::1")):
        with contextlib.suppress(OSError), socket.socket(family, socket.SOCK_DGRAM) as sock:
            sock.connect((probe, 9))
            names.append(sock.getsockname()[0])
    return [n for n in dict.fromkeys(n.split("%")[0] for n in names if n) if n]


def check_exposure(host: str, token: str | None) -> None:
    """Refuse to listen on a non-loopback address without an access token."""
    if not is_loopback(host) and token is None:
        raise RealpolitikError(f"refusing to listen on {host} without an access token: anyone who can reach it could "
                               f"read and change your scenarios. Fix: export {TOKEN_ENV}=$({MAKE_TOKEN}) or pass "
                               "--token-file PATH (or listen on 127.0.0.1)")


def public_url(host: str, port: int, names: list[str]) -> str:
    """Return the address to print: `host`, or for a wildcard the first LAN address found."""
    if host.strip().lower() in WILDCARDS:
        lan = sorted((n for n in names if is_address(n) and not is_loopback(n)), key=lambda n: ":" in n)
        host = lan[0] if lan else socket.gethostname()
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def serve(host: str = "127.0.0.1", port: int = 8000, db: str | None = None, token_file: Path | None = None,
          db_file: Path | None = None, allow_hosts: tuple[str, ...] = ()) -> None:
    """Serve the dashboard at http://host:port/ (API under /api, docs at /docs) on the store `db` (or the URL in
    `db_file`), requiring the access token from `token_file` or ``$REALPOLITIK_TOKEN`` when one is set, and
    always when `host` is not loopback. `allow_hosts` are further names clients may use (e.g. behind a proxy)."""
    from realpolitik.web.app import create_app

    token = load_token(token_file)
    check_exposure(host, token)
    for path in (token_file, db_file):
        if path and group_readable(path):
            log.warning("%s can be read by other users of this machine; run: chmod 600 %s", path, path)
    url = normalise_url(database_url(db, db_file) or default_url())
    names = machine_names() if not is_loopback(host) else []
    extra = (*names, *allow_hosts)
    # Requests must name this server in their Host header: localhost, 127.0.0.1, [::1], `host` and `extra`.
    auth = "access token required" if token else "no access token: this machine's users only"
    print(f"realpolitik: dashboard at {public_url(host, port, names)}  ({auth}; store: {url.split('@')[-1]})",
          flush=True)
    uvicorn.run(create_app(url, host=host, token=token, extra_hosts=extra), host=host, port=port,
                log_level="warning")
