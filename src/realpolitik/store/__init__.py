"""Scenarios (every save a new version) and runs in a database: SQLite by default, PostgreSQL by URL.

`open_store(url)` returns a `Store` with the schema migrated to the newest Alembic revision.
"""

from realpolitik.store.database import default_url, open_store
from realpolitik.store.records import RunRecord, ScenarioRecord, VersionRecord
from realpolitik.store.repository import Conflict, NotFound, Store

__all__ = ["Conflict", "NotFound", "RunRecord", "ScenarioRecord", "Store", "VersionRecord", "default_url", "open_store"]
