"""Alembic environment: migrate the engine handed over in ``config.attributes["engine"]`` (see database.py)."""

from __future__ import annotations

from alembic import context

from realpolitik.store.schema import Base

config = context.config
engine = config.attributes["engine"]

with engine.begin() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata,
                      render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()
