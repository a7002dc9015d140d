"""The `realpolitik` command (the console script ``realpolitik = "realpolitik.cli:main"``).

One module per command group (`forecast`, `scenario`, `listing`, `data`, `backtest`, `uncertainty`, `serve`,
`draft`),
shared options and the error printer in `common`, presentation in the `render*` modules. The commands only
translate options into calls of `realpolitik.pipeline` and the core, and present what comes back.
"""

from __future__ import annotations

from typing import Any


def main() -> None:
    """Entry point of the `realpolitik` console script: run the app; a `RealpolitikError` is printed as one line
    (no traceback) with exit status 1, Ctrl-C exits 130."""
    from realpolitik.cli.application import app
    from realpolitik.cli.common import INTERRUPTED, err, print_error
    from realpolitik.errors import RealpolitikError

    try:
        app()
    except RealpolitikError as exc:
        print_error(exc)
        raise SystemExit(1) from None
    except KeyboardInterrupt:
        err.print("interrupted")
        raise SystemExit(INTERRUPTED) from None


def __getattr__(name: str) -> Any:
    if name == "app":  # `from realpolitik.cli import app` (tests drive it with Typer's CliRunner)
        from realpolitik.cli.application import app

        return app
    raise AttributeError(f"module 'realpolitik.cli' has no attribute {name!r}")
