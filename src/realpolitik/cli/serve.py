"""``realpolitik serve``: the web dashboard and JSON API."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def serve(
    host: Annotated[str, typer.Option(help="address to listen on; anything but localhost exposes your store")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option(help="port to listen on", min=1, max=65535)] = 8000,
    db: Annotated[str | None, typer.Option(help="store: a SQLite file or postgresql+psycopg://... URL without a "
                                           "password (default $REALPOLITIK_DB or the per-user data directory)")] = None,
    db_file: Annotated[Path | None, typer.Option(help="file holding the store URL (use it for a password)")] = None,
    token_file: Annotated[Path | None, typer.Option(help="file holding the access token (default "
                                                    "$REALPOLITIK_TOKEN); required beyond localhost")] = None,
    allow_host: Annotated[list[str] | None, typer.Option(help="another host name clients use (repeatable)")] = None,
) -> None:
    """Start the web dashboard and JSON API (see docs/web.md, "Serving beyond localhost")."""
    from realpolitik.web.server import serve as run_server

    run_server(host, port, db, token_file=token_file, db_file=db_file, allow_hosts=tuple(allow_host or ()))
