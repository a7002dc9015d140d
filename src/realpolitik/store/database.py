"""Where the store lives and how to connect: the URL, the engine, and migrating the schema to the newest revision.

The URL is, in order: the one given, ``$REALPOLITIK_DB``, or a SQLite file in the per-user data directory
(``$XDG_DATA_HOME/realpolitik/realpolitik.db``, default ``~/.local/share/realpolitik/realpolitik.db``).
A plain file path is accepted and read as a SQLite file. PostgreSQL: ``postgresql+psycopg://user:pw@host/db``.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from realpolitik.errors import RealpolitikError

SUPPORTED = ("sqlite", "postgresql")


def data_dir() -> Path:
    """Return the per-user data directory of realpolitik (created on demand by `default_url`)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "realpolitik"


def default_url() -> str:
    """Return the store URL: ``$REALPOLITIK_DB`` if set, else the SQLite file in `data_dir()`."""
    configured = os.environ.get("REALPOLITIK_DB")
    if configured:
        return configured
    folder = data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'realpolitik.db'}"


def normalise_url(url: str) -> str:
    """Return a SQLAlchemy URL: a bare file path becomes ``sqlite:///path``; unknown back-ends are refused."""
    if "://" not in url:
        url = f"sqlite:///{Path(url).expanduser().resolve()}"
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise RealpolitikError(f"cannot read the database URL {url!r}. Fix: give a SQLite file path or a URL such "
                               "as postgresql+psycopg://user:password@localhost/realpolitik") from None
    if parsed.get_backend_name() not in SUPPORTED:
        raise RealpolitikError(f"unsupported database {parsed.get_backend_name()!r} in {url!r}. "
                               "Fix: use a SQLite file or postgresql+psycopg://...")
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def make_engine(url: str) -> Engine:
    """Return an engine for `url`; SQLite gets WAL journaling, enforced foreign keys and a 30 s busy timeout."""
    url = normalise_url(url)
    if url.startswith("sqlite"):
        path = make_url(url).database
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def alembic_config(engine: Engine) -> Config:
    """Return an Alembic configuration for the migrations shipped in this package, bound to `engine`."""
    config = Config()
    config.set_main_option("script_location", str(resources.files("realpolitik.store") / "migrations"))
    config.attributes["engine"] = engine
    return config


def migrate(engine: Engine, revision: str = "head") -> None:
    """Upgrade the database behind `engine` to `revision` (default: the newest). Safe to call on every start."""
    try:
        command.upgrade(alembic_config(engine), revision)
    except OperationalError as exc:
        reason = " ".join(str(exc.orig).split()).rstrip(".?")
        raise RealpolitikError(f"cannot open the database {engine.url.render_as_string(hide_password=True)}: "
                               f"{reason}. Fix: check the URL, that the server runs and that you may write "
                               "there (or set REALPOLITIK_DB)") from None


def open_store(url: str | None = None):
    """Return a `Store` on `url` (default: `default_url()`), its schema migrated to the newest revision."""
    from realpolitik.store.repository import Store

    engine = make_engine(url or default_url())
    migrate(engine)
    return Store(engine)
