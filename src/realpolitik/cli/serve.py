"""``realpolitik serve``: the web dashboard and JSON API."""

from __future__ import annotations

from typing import Annotated

import typer


def serve(
    host: Annotated[str, typer.Option(help="address to listen on; anything but localhost exposes your store")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option(help="port to listen on", min=1, max=65535)] = 8000,
    db: Annotated[str | None, typer.Option(help="store: a SQLite file or postgresql+psycopg://... URL "
                                           "(default $REALPOLITIK_DB or the per-user data directory)")] = None,
) -> None:
    """Start the web dashboard and JSON API (see docs/web.md)."""
    from realpolitik.web.server import serve as run_server

    run_server(host, port, db)
