"""The store's operations: save scenario versions, record runs and their results, tag and annotate.

Every write is one transaction: it happens completely or not at all. Versions are only ever inserted. A run's
results are written together with its final status, so an interrupted run has no partial results.

Runs are leased: each `Store` has an instance token (`Store.instance`, new in every process), recorded as a run's
owner together with a lease time; the owning server renews the leases of its runs every few seconds
(`renew_leases`). `recover_interrupted` marks as failed the queued or running runs whose lease has expired, so a
run of a crashed server is failed once its lease runs out, and the runs of another live server on the same database
(whose leases it keeps renewing) are left alone. No process id is trusted: a reused PID cannot keep a dead run
"running".
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, cast

from sqlalchemy import CursorResult, Engine, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from realpolitik.errors import RealpolitikError
from realpolitik.forecast import jsonable
from realpolitik.scenario.io import to_document
from realpolitik.scenario.model import Scenario
from realpolitik.store.records import RunRecord, ScenarioRecord, VersionRecord
from realpolitik.store.schema import RunRow, ScenarioRow, TagRow, VersionRow, utcnow

MAX_TAG = 40
SAVE_ATTEMPTS = 3
DEFAULT_LEASE_S = 30.0
INTERRUPTED = ("interrupted: the server stopped before this run finished (its partial work was discarded). "
               "Fix: start the run again")


class NotFound(RealpolitikError):
    """A scenario, version or run that the store does not hold."""


class Conflict(RealpolitikError):
    """A write that contradicts what the store holds (e.g. creating a scenario id that exists)."""


def this_worker() -> str:
    """Return ``host:pid`` naming this process, recorded on the runs it executes."""
    return f"{socket.gethostname()}:{os.getpid()}"


def lease_seconds() -> float:
    """Return the run lease in seconds: ``$REALPOLITIK_RUN_LEASE`` if set (≥ 1), else `DEFAULT_LEASE_S`."""
    try:
        return max(1.0, float(os.environ["REALPOLITIK_RUN_LEASE"]))
    except (KeyError, ValueError):
        return DEFAULT_LEASE_S


class Store:
    """Scenarios, versions, runs and tags in one database (built by `open_store`).

    `instance` is this store's token (unique per process and store); `lease_s` how long (seconds) a run it owns
    stays claimed without a renewal."""

    def __init__(self, engine: Engine, lease_s: float | None = None) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self.instance = uuid.uuid4().hex
        self.lease_s = lease_s if lease_s is not None else lease_seconds()

    def _lease(self) -> dt.datetime:
        return utcnow() + dt.timedelta(seconds=self.lease_s)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """Yield a session whose work is committed on success and rolled back on any error."""
        with self._sessions() as session, session.begin():
            yield session

    def close(self) -> None:
        """Release the engine's connections."""
        self.engine.dispose()

    # -- scenarios and versions ----------------------------------------------------------------------

    def save_version(self, scenario: Scenario, note: str | None = None, create: bool | None = None,
                     tags: tuple[str, ...] = ()) -> VersionRecord:
        """Save `scenario` as a new version of the stored scenario with its id; return the new version.

        `create=True` requires the id to be new (version 1), `create=False` requires it to exist, ``None``
        accepts either. Nothing is ever overwritten: each call adds a version.
        """
        labels = [check_tag(t) for t in tags]
        for attempt in range(SAVE_ATTEMPTS):
            try:
                with self.transaction() as s:
                    row = s.scalar(select(ScenarioRow).where(ScenarioRow.slug == scenario.id))
                    _check_create(scenario.id, row, create)
                    if row is None:
                        row = ScenarioRow(slug=scenario.id, title=scenario.title)
                        s.add(row)
                        s.flush()
                    row.title = scenario.title
                    number = (s.scalar(select(func.max(VersionRow.number))
                                       .where(VersionRow.scenario_id == row.id)) or 0) + 1
                    version = VersionRow(scenario_id=row.id, number=number, document=to_document(scenario),
                                         fingerprint=scenario.fingerprint(), note=check_text(note, "note"))
                    s.add(version)
                    _add_tags(s, labels, scenario_id=row.id)
                    s.flush()
                    return _version_record(scenario.id, version)
            except IntegrityError:
                if attempt == SAVE_ATTEMPTS - 1:
                    raise Conflict(f"scenario {scenario.id!r} was saved by someone else at the same time. "
                                   "Fix: save again") from None
        raise AssertionError("unreachable")

    def list_scenarios(self) -> list[ScenarioRecord]:
        """Return every stored scenario, most recently changed first."""
        with self.transaction() as s:
            records = self._scenario_records(s)
        return sorted(records, key=lambda r: r.updated_at, reverse=True)

    def get_scenario(self, slug: str) -> ScenarioRecord:
        """Return the stored scenario `slug`; `NotFound` if absent."""
        with self.transaction() as s:
            return self._scenario_records(s, self._scenario_row(s, slug).id)[0]

    def has_scenario(self, slug: str) -> bool:
        """Return whether a scenario with id `slug` is stored."""
        with self.transaction() as s:
            return s.scalar(select(ScenarioRow.id).where(ScenarioRow.slug == slug)) is not None

    def list_versions(self, slug: str) -> list[VersionRecord]:
        """Return every version of scenario `slug`, oldest first."""
        with self.transaction() as s:
            row = self._scenario_row(s, slug)
            return [_version_record(slug, v) for v in row.versions]

    def get_version(self, slug: str, number: int | None = None) -> VersionRecord:
        """Return version `number` of scenario `slug` (default: the newest); `NotFound` if absent."""
        with self.transaction() as s:
            row = self._scenario_row(s, slug)
            query = select(VersionRow).where(VersionRow.scenario_id == row.id)
            if number is None:
                version = s.scalar(query.order_by(VersionRow.number.desc()).limit(1))
            else:
                version = s.scalar(query.where(VersionRow.number == number))
            if version is None:
                raise NotFound(f"scenario {slug!r} has no version {number}. "
                               f"Fix: use a version between 1 and {_latest_number(s, row.id)}")
            return _version_record(slug, version)

    def tag_scenario(self, slug: str, labels: list[str], remove: list[str] | None = None,
                     note: str | None = None) -> ScenarioRecord:
        """Add the tags `labels` to scenario `slug` (existing tags are kept), remove the tags `remove`, and set its
        note when `note` is given (``""`` clears it); return the scenario."""
        checked = [check_tag(t) for t in labels]
        dropped = [str(t).strip() for t in remove or []]
        with self.transaction() as s:
            row = self._scenario_row(s, slug)
            _add_tags(s, checked, scenario_id=row.id)
            for tag in s.scalars(select(TagRow).where(TagRow.scenario_id == row.id, TagRow.label.in_(dropped))):
                s.delete(tag)
            if note is not None:
                row.note = (check_text(note, "note") or "").strip() or None
            s.flush()
            return self._scenario_records(s, row.id)[0]

    # -- runs ----------------------------------------------------------------------------------------

    def create_run(self, slug: str, version: int, models: list[dict[str, Any]], seed: int, draws: int = 0,
                   what_if: list[dict[str, Any]] | None = None, base_run_id: int | None = None,
                   note: str | None = None, tags: tuple[str, ...] = (), events: list[str] | None = None,
                   calibration: str = "auto") -> RunRecord:
        """Record a new, queued run of `models` on version `version` of scenario `slug`, owned (leased) by this
        store's instance; return it."""
        labels = [check_tag(t) for t in tags]
        with self.transaction() as s:
            row = self._scenario_row(s, slug)
            version_row = s.scalar(select(VersionRow).where(VersionRow.scenario_id == row.id,
                                                            VersionRow.number == version))
            if version_row is None:
                raise NotFound(f"scenario {slug!r} has no version {version}. "
                               f"Fix: use a version between 1 and {_latest_number(s, row.id)}")
            if base_run_id is not None and s.get(RunRow, base_run_id) is None:
                raise NotFound(f"no run {base_run_id} to compare against. Fix: choose a run from the history")
            run = RunRow(version_id=version_row.id, models=jsonable(models), seed=seed, draws=draws,
                         what_if=jsonable(what_if or []), base_run_id=base_run_id, status="queued",
                         note=check_text(note, "note"), events=list(events or []), calibration=calibration,
                         owner=self.instance, lease_until=self._lease())
            s.add(run)
            s.flush()
            _add_tags(s, labels, run_id=run.id)
            s.flush()
            return self._run_record(s, run)

    def start_run(self, run_id: int, worker: str | None = None) -> RunRecord:
        """Mark a queued run as running in this process; return it."""
        with self.transaction() as s:
            run = self._run_row(s, run_id)
            if run.status != "queued":
                raise Conflict(f"run {run_id} is {run.status}, not queued. Fix: start a new run")
            run.status, run.started_at, run.worker = "running", utcnow(), worker or this_worker()
            run.owner, run.lease_until = self.instance, self._lease()
            s.flush()
            return self._run_record(s, run)

    def set_progress(self, run_id: int, fraction: float) -> None:
        """Record how much of a running run is done (0-1)."""
        with self.transaction() as s:
            run = self._run_row(s, run_id)
            if run.status == "running":
                run.progress = max(0.0, min(1.0, float(fraction)))
                if run.owner == self.instance:
                    run.lease_until = self._lease()

    def finish_run(self, run_id: int, results: dict[str, Any]) -> RunRecord:
        """Write a run's results and mark it done, in one transaction; return it."""
        with self.transaction() as s:
            run = self._run_row(s, run_id)
            if run.status != "running":
                raise Conflict(f"run {run_id} is {run.status}, not running. Fix: start a new run")
            run.results = jsonable(results)
            run.status, run.progress = "done", 1.0
            _stamp_finish(run)
            s.flush()
            return self._run_record(s, run)

    def fail_run(self, run_id: int, error: str) -> RunRecord:
        """Mark a run failed with `error` (its results stay empty); return it."""
        with self.transaction() as s:
            run = self._run_row(s, run_id)
            run.status, run.error, run.results = "failed", error, None
            _stamp_finish(run)
            s.flush()
            return self._run_record(s, run)

    def renew_leases(self) -> int:
        """Extend the lease of every queued or running run this store's instance owns; return how many."""
        with self.transaction() as s:
            # an UPDATE returns a CursorResult (with rowcount); Session.execute is typed as the general Result
            result = cast(CursorResult[Any], s.execute(update(RunRow).where(
                RunRow.owner == self.instance, RunRow.status.in_(("queued", "running"))).values(
                lease_until=self._lease())))
            return result.rowcount or 0

    def recover_interrupted(self, now: dt.datetime | None = None) -> list[int]:
        """Mark as failed the queued or running runs whose lease expired before `now` (default: the current time),
        and those without a lease (left by a version that kept none); return their ids.

        A live server renews its runs' leases, so its runs are never taken; only a server that stopped (crashed,
        killed) lets them expire. The runs this store owns are left alone.
        """
        now = now or utcnow()
        failed = []
        with self.transaction() as s:
            query = select(RunRow).where(RunRow.status.in_(("queued", "running")))
            for run in s.scalars(query):
                if run.owner == self.instance and run.lease_until is not None:
                    continue
                lease = run.lease_until
                if lease is not None and lease.tzinfo is None:
                    lease = lease.replace(tzinfo=dt.UTC)
                if lease is None or lease < now:
                    run.status, run.error = "failed", INTERRUPTED
                    _stamp_finish(run)
                    failed.append(run.id)
        return failed

    def get_run(self, run_id: int) -> RunRecord:
        """Return run `run_id`; `NotFound` if absent."""
        with self.transaction() as s:
            return self._run_record(s, self._run_row(s, run_id))

    def list_runs(self, slug: str | None = None, limit: int = 200) -> list[RunRecord]:
        """Return the newest runs first, of scenario `slug` or of all scenarios."""
        with self.transaction() as s:
            query = select(RunRow).order_by(RunRow.id.desc()).limit(limit)
            if slug is not None:
                row = self._scenario_row(s, slug)
                query = query.join(VersionRow).where(VersionRow.scenario_id == row.id)
            return [self._run_record(s, run) for run in s.scalars(query)]

    def annotate_run(self, run_id: int, note: str | None = None, tags: list[str] | None = None) -> RunRecord:
        """Set a run's note (when given) and add tags; return the run."""
        checked = [check_tag(t) for t in tags or []]
        with self.transaction() as s:
            run = self._run_row(s, run_id)
            if note is not None:
                run.note = check_text(note, "note")
            _add_tags(s, checked, run_id=run.id)
            s.flush()
            return self._run_record(s, run)

    # -- helpers -------------------------------------------------------------------------------------

    def _scenario_row(self, s: Session, slug: str) -> ScenarioRow:
        row = s.scalar(select(ScenarioRow).where(ScenarioRow.slug == slug))
        if row is None:
            raise NotFound(f"no stored scenario {slug!r}. Fix: list them with GET /api/scenarios, or upload it")
        return row

    def _run_row(self, s: Session, run_id: int) -> RunRow:
        run = s.get(RunRow, run_id)
        if run is None:
            raise NotFound(f"no run {run_id}. Fix: list runs with GET /api/runs")
        return run

    def _scenario_records(self, s: Session, scenario_id: int | None = None) -> list[ScenarioRecord]:
        """Return the records of every scenario (or of one), reading only what a list shows: no version document
        is loaded."""
        query = (select(ScenarioRow.id, ScenarioRow.slug, ScenarioRow.title, ScenarioRow.note, ScenarioRow.created_at,
                        func.max(VersionRow.number), func.max(VersionRow.created_at))
                 .outerjoin(VersionRow, VersionRow.scenario_id == ScenarioRow.id)
                 .group_by(ScenarioRow.id, ScenarioRow.slug, ScenarioRow.title, ScenarioRow.note,
                           ScenarioRow.created_at))
        tag_query = select(TagRow.scenario_id, TagRow.label).where(TagRow.scenario_id.is_not(None))
        if scenario_id is not None:
            query = query.where(ScenarioRow.id == scenario_id)
            tag_query = tag_query.where(TagRow.scenario_id == scenario_id)
        tags: dict[int | None, list[str]] = {}  # no None keys: the query keeps owned tags only
        for owner, label in s.execute(tag_query.order_by(TagRow.label)):
            tags.setdefault(owner, []).append(label)
        return [ScenarioRecord(slug, title, latest or 0, created, updated or created, tuple(tags.get(key, ())), note)
                for key, slug, title, note, created, latest, updated in s.execute(query)]

    def _run_record(self, s: Session, run: RunRow) -> RunRecord:
        version = run.version
        tags = s.scalars(select(TagRow.label).where(TagRow.run_id == run.id).order_by(TagRow.label)).all()
        return RunRecord(run.id, version.scenario.slug, version.number, run.models, run.seed, run.draws,
                         run.what_if or [], run.base_run_id, run.status, run.progress, run.error, run.results,
                         run.note, run.created_at, run.started_at, run.finished_at, run.duration_s, tuple(tags),
                         list(run.events or []), run.calibration or "auto")


def check_tag(label: str) -> str:
    """Return the tag stripped of surrounding blanks; `RealpolitikError` if empty, longer than 40 characters or
    not storable (`check_text`)."""
    text = (check_text(str(label), "tag") or "").strip()
    if not text or len(text) > MAX_TAG:
        raise RealpolitikError(f"tag {label!r} must have 1 to {MAX_TAG} characters. Fix: use a short label")
    return text


def check_text(text: str | None, field: str) -> str | None:
    """Return `text` if every database can store it; refuse a NUL character (PostgreSQL cannot hold one) or an
    unpaired surrogate (not UTF-8) with `RealpolitikError` naming the field. Nothing is stripped silently."""
    if text is None:
        return None
    if "\x00" in text:
        raise RealpolitikError(f"the {field} contains a NUL character (\\u0000), which the database cannot store. "
                               "Fix: remove it")
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise RealpolitikError(f"the {field} contains an unpaired surrogate (not UTF-8). Fix: write the "
                                   "character itself") from None
    return text


def _check_create(slug: str, row: ScenarioRow | None, create: bool | None) -> None:
    if create is True and row is not None:
        raise Conflict(f"a scenario with id {slug!r} exists already. Fix: save a new version of it "
                       f"(POST /api/scenarios/{slug}/versions), or give the new scenario another id")
    if create is False and row is None:
        raise NotFound(f"no stored scenario {slug!r} to add a version to. Fix: create it first (POST /api/scenarios), "
                       "or check that the document's id matches")


def _add_tags(s: Session, labels: list[str], scenario_id: int | None = None, run_id: int | None = None) -> None:
    existing = set(s.scalars(select(TagRow.label).where(TagRow.scenario_id == scenario_id, TagRow.run_id == run_id)))
    for label in dict.fromkeys(labels):
        if label not in existing:
            s.add(TagRow(label=label, scenario_id=scenario_id, run_id=run_id))


def _stamp_finish(run: RunRow) -> None:
    run.finished_at = finished = utcnow()
    if run.started_at is not None:
        run.duration_s = (finished - run.started_at).total_seconds()


def _latest_number(s: Session, scenario_id: int) -> int:
    return s.scalar(select(func.max(VersionRow.number)).where(VersionRow.scenario_id == scenario_id)) or 0


def _version_record(slug: str, v: VersionRow) -> VersionRecord:
    return VersionRecord(slug, v.number, v.document, v.fingerprint, v.note, v.created_at)
