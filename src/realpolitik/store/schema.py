"""The database tables, as SQLAlchemy 2 declarative models.

Scenario versions are insert-only: a save adds a row, nothing updates or deletes one, so a crash can never damage
an earlier version. A run points at the exact version it used. The Alembic migrations in
`realpolitik/store/migrations` create these tables; a test checks that the two agree.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, CheckConstraint, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

RUN_STATUSES = ("queued", "running", "done", "failed")


def utcnow() -> dt.datetime:
    """Return the current time in UTC (timezone-aware)."""
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator):
    """A timezone-aware UTC timestamp on every back-end (SQLite stores none, so UTC is attached on reading)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC) if value is not None else None

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC) if value is not None else None


class Seed(TypeDecorator):
    """A random seed from 0 to 2^64 − 1 (KTAB's unsigned 64-bit range), stored as its decimal text: neither
    PostgreSQL's INTEGER/BIGINT nor SQLite's INTEGER holds the top of that range."""

    impl = String(20)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return None if value is None else str(int(value))

    def process_result_value(self, value, dialect):
        return None if value is None else int(value)


class Base(DeclarativeBase):
    """Declarative base of the store's tables."""


class ScenarioRow(Base):
    """A scenario by its id (the `id` field of the scenario document); its content lives in its versions."""

    __tablename__ = "scenarios"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    versions: Mapped[list[VersionRow]] = relationship(back_populates="scenario", order_by="VersionRow.number")


class VersionRow(Base):
    """One saved version of a scenario: the full validated document, numbered 1, 2, ... per scenario."""

    __tablename__ = "scenario_versions"
    __table_args__ = (UniqueConstraint("scenario_id", "number", name="uq_version_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scenario_id: Mapped[int] = mapped_column(ForeignKey("scenarios.id", ondelete="RESTRICT"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    document: Mapped[dict[str, Any]] = mapped_column(JSON)
    fingerprint: Mapped[str] = mapped_column(String(64))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    scenario: Mapped[ScenarioRow] = relationship(back_populates="versions")


class RunRow(Base):
    """One run of one or more models on one scenario version, with its settings, status and results.

    `models` is a list of ``{"name", "params"}``; `draws` is 0 for a plain forecast and the number of Monte Carlo
    draws otherwise; `what_if` lists changes applied to the version before running; `base_run_id` names the run a
    what-if is compared against; `events` lists Monte Carlo events (``"border>=60"``). `results` is written once,
    together with ``status = "done"``.

    `owner` is the instance token of the server process that will execute the run (`Store.instance`) and
    `lease_until` the time until which that process has promised to be alive; it renews the lease while it runs
    (`Store.renew_leases`). A queued or running run whose lease has expired is abandoned (`recover_interrupted`).
    """

    __tablename__ = "runs"
    __table_args__ = (CheckConstraint("status IN ('queued', 'running', 'done', 'failed')", name="ck_run_status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("scenario_versions.id", ondelete="RESTRICT"), index=True)
    models: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    seed: Mapped[int] = mapped_column(Seed)
    draws: Mapped[int] = mapped_column(Integer, default=0)
    what_if: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    base_run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(16), default="queued")
    progress: Mapped[float] = mapped_column(Float, default=0.0)
    error: Mapped[str | None] = mapped_column(Text)
    results: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    worker: Mapped[str | None] = mapped_column(String(200))
    owner: Mapped[str | None] = mapped_column(String(64), index=True)
    lease_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    events: Mapped[list[str] | None] = mapped_column(JSON)
    calibration: Mapped[str | None] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    duration_s: Mapped[float | None] = mapped_column(Float)
    version: Mapped[VersionRow] = relationship()


class TagRow(Base):
    """A label on a scenario or on a run (exactly one of the two)."""

    __tablename__ = "tags"
    __table_args__ = (
        CheckConstraint("(scenario_id IS NULL) <> (run_id IS NULL)", name="ck_tag_target"),
        UniqueConstraint("scenario_id", "run_id", "label", name="uq_tag"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    label: Mapped[str] = mapped_column(String(40))
    scenario_id: Mapped[int | None] = mapped_column(ForeignKey("scenarios.id", ondelete="CASCADE"), index=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"), index=True)
