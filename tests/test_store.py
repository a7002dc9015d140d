"""The run store, on SQLite and on a real PostgreSQL server (same tests on both).

Versions are insert-only and numbered per scenario; a run points to the exact version it used; each write is one
transaction, so a failure part-way leaves no rows behind; runs orphaned by a dead process are marked failed.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from contextlib import ExitStack, contextmanager

import pytest
from sqlalchemy import event, func, select, text
from sqlalchemy.engine import make_url

from realpolitik.errors import RealpolitikError
from realpolitik.scenario.io import scenario_from_dict
from realpolitik.store import Conflict, NotFound, open_store
from realpolitik.store.database import alembic_config, default_url, normalise_url
from realpolitik.store.repository import Store
from realpolitik.store.schema import Base, RunRow, ScenarioRow, VersionRow
from tests.web_support import DOC, doc, postgres_url


@contextmanager
def private_schema(url: str):
    """Yield `url` pointed at a new PostgreSQL schema of its own (dropped afterwards), so that concurrent test runs
    on the shared test database never touch each other's tables."""
    from sqlalchemy import create_engine

    schema = f"rp_test_{uuid.uuid4().hex[:12]}"
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        yield make_url(url).update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(False)
    finally:
        with engine.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    """A fresh, migrated store on each back-end (PostgreSQL: in a schema of its own)."""
    with ExitStack() as stack:
        if request.param == "sqlite":
            url = f"sqlite:///{tmp_path / 'store.db'}"
        else:
            url = stack.enter_context(private_schema(postgres_url()))
        opened = open_store(url)
        yield opened
        opened.close()


def scenario(**changes):
    return scenario_from_dict(doc(**changes))


def test_every_save_is_a_new_version_and_old_versions_stay(store):
    first = store.save_version(scenario(), note="first", create=True)
    second = store.save_version(scenario(title="Mini, revised"), note="second")
    third = store.save_version(scenario(title="Mini, revised"))  # identical content still makes a version
    assert (first.number, second.number, third.number) == (1, 2, 3)
    assert store.get_version("mini", 1).document["title"] == "Mini"
    assert store.get_version("mini").number == 3
    assert [v.note for v in store.list_versions("mini")] == ["first", "second", None]
    assert store.get_scenario("mini").title == "Mini, revised"
    assert store.get_version("mini", 1).fingerprint == scenario().fingerprint()
    assert store.get_version("mini", 1).scenario() == scenario()


def test_create_and_version_rules(store):
    store.save_version(scenario(), create=True)
    with pytest.raises(Conflict, match="exists already.*Fix:"):
        store.save_version(scenario(), create=True)
    with pytest.raises(NotFound, match="no stored scenario 'other'"):
        store.save_version(scenario(id="other"), create=False)
    with pytest.raises(NotFound, match="no version 9.*between 1 and 1"):
        store.get_version("mini", 9)


def test_run_records_its_exact_version_settings_and_results(store):
    store.save_version(scenario())
    run = store.create_run("mini", 1, [{"name": "compromise", "params": {"weights": "capability"}}], seed=11,
                           draws=0, note="baseline", tags=("base", "base", "q3"))
    store.save_version(scenario(title="changed"))  # a later version does not move the run
    assert (run.status, run.version, run.tags) == ("queued", 1, ("base", "q3"))
    store.start_run(run.id, worker="elsewhere:1")
    done = store.finish_run(run.id, {"outcome": 42.5})
    assert done.status == "done" and done.results == {"outcome": 42.5} and done.version == 1
    assert done.duration_s == pytest.approx((done.finished_at - done.started_at).total_seconds())
    assert done.models == [{"name": "compromise", "params": {"weights": "capability"}}] and done.seed == 11
    assert [r.id for r in store.list_runs("mini")] == [run.id]
    annotated = store.annotate_run(run.id, note="checked", tags=["final"])
    assert annotated.note == "checked" and annotated.tags == ("base", "final", "q3")
    with pytest.raises(RealpolitikError, match="1 to 40 characters"):
        store.annotate_run(run.id, tags=["x" * 41])


def test_a_failure_mid_save_leaves_nothing_behind(store):
    def crash(*_args):
        raise RuntimeError("disk gone")

    event.listen(VersionRow, "after_insert", crash)
    try:
        with pytest.raises(RuntimeError, match="disk gone"):
            store.save_version(scenario(), tags=("t",))
    finally:
        event.remove(VersionRow, "after_insert", crash)
    with store.transaction() as s:
        assert s.scalar(select(func.count()).select_from(ScenarioRow)) == 0
        assert s.scalar(select(func.count()).select_from(VersionRow)) == 0
    assert store.save_version(scenario()).number == 1  # the store works on


def test_a_failure_while_writing_results_keeps_the_run_without_results(store):
    store.save_version(scenario())
    run = store.create_run("mini", 1, [{"name": "mean", "params": {}}], seed=0)
    store.start_run(run.id)

    def crash(_mapper, _conn, target):
        if target.status == "done":
            raise RuntimeError("killed mid-write")

    event.listen(RunRow, "before_update", crash)
    try:
        with pytest.raises(RuntimeError):
            store.finish_run(run.id, {"big": list(range(1000))})
    finally:
        event.remove(RunRow, "before_update", crash)
    after = store.get_run(run.id)
    assert (after.status, after.results) == ("running", None)


def test_recover_fails_runs_whose_lease_expired_and_keeps_finished_ones(store):
    store.save_version(scenario())
    finished = store.create_run("mini", 1, [{"name": "mean", "params": {}}], seed=0)
    store.start_run(finished.id)
    store.finish_run(finished.id, {"ok": 1})
    crashed = Store(store.engine, lease_s=60)  # another server process on the same database, which then dies
    running = crashed.create_run("mini", 1, [{"name": "mean", "params": {}}], seed=0)
    crashed.start_run(running.id)
    queued = crashed.create_run("mini", 1, [{"name": "mean", "params": {}}], seed=0)
    assert store.recover_interrupted() == []  # leases of 60 s still hold
    later = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=61)
    assert sorted(store.recover_interrupted(now=later)) == [running.id, queued.id]
    assert store.get_run(running.id).status == "failed" and "interrupted" in store.get_run(running.id).error
    assert store.get_run(queued.id).status == "failed"
    assert store.get_run(finished.id).results == {"ok": 1}


def test_recover_leaves_the_queued_runs_of_another_live_server(store):
    """Two servers on one database: the second one's start-up must not fail the first one's queued runs."""
    store.save_version(scenario())
    live = Store(store.engine, lease_s=60)
    queued = live.create_run("mini", 1, [{"name": "mean", "params": {}}], seed=0)
    started = live.create_run("mini", 1, [{"name": "mean", "params": {}}], seed=0)
    live.start_run(started.id)
    newcomer = Store(store.engine)
    assert newcomer.recover_interrupted() == []
    # the live server renews its leases: 50 s on, after a renewal, its runs are still its own 61 s after creation
    assert live.renew_leases() == 2
    with store.transaction() as s:
        leases = s.scalars(select(RunRow.lease_until).where(RunRow.id.in_((queued.id, started.id)))).all()
    assert all(lease > dt.datetime.now(dt.UTC) + dt.timedelta(seconds=55) for lease in leases)
    assert {store.get_run(r.id).status for r in (queued, started)} == {"queued", "running"}


def test_a_reused_pid_does_not_keep_a_dead_run_running(store):
    """The old rule trusted host:pid; a dead server's pid reused by a live process (here: this test's own pid)
    kept its run "running" for ever. With a lease the run is failed once the lease expires."""
    import socket

    store.save_version(scenario())
    dead = Store(store.engine, lease_s=5)
    run = dead.create_run("mini", 1, [{"name": "mean", "params": {}}], seed=0)
    dead.start_run(run.id, worker=f"{socket.gethostname()}:{os.getpid()}")  # a pid that is alive
    later = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=6)
    assert store.recover_interrupted(now=later) == [run.id]
    assert store.get_run(run.id).status == "failed"


def test_listing_scenarios_reads_no_version_document(store):
    store.save_version(scenario(), note="one")
    store.save_version(scenario(title="Mini 2"), note="two")
    store.tag_scenario("mini", ["b", "a"], note="a note")
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        (listed,) = store.list_scenarios()
    finally:
        event.remove(store.engine, "before_cursor_execute", record)
    assert (listed.slug, listed.title, listed.latest, listed.tags, listed.note) == ("mini", "Mini 2", 2, ("a", "b"),
                                                                                   "a note")
    assert listed.updated_at == store.get_version("mini", 2).created_at
    assert statements and not any("document" in s for s in statements)


def test_migrations_create_exactly_the_declared_schema(store):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        head = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert diff == []
    assert head == "0004"
    from alembic.script import ScriptDirectory

    assert ScriptDirectory.from_config(alembic_config(store.engine)).get_current_head() == head


def test_default_url_and_url_forms(tmp_path, monkeypatch):
    monkeypatch.delenv("REALPOLITIK_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_url() == f"sqlite:///{tmp_path / 'realpolitik' / 'realpolitik.db'}"
    monkeypatch.setenv("REALPOLITIK_DB", "postgresql://u:p@localhost/x")
    assert default_url() == "postgresql://u:p@localhost/x"
    assert normalise_url("postgresql://u:p@localhost/x") == "postgresql+psycopg://u:p@localhost/x"
    assert normalise_url(str(tmp_path / "a.db")) == f"sqlite:///{tmp_path / 'a.db'}"
    with pytest.raises(RealpolitikError, match="unsupported database 'mysql'"):
        normalise_url("mysql://u@h/db")


def test_unreachable_database_is_a_clear_error(tmp_path):
    with pytest.raises(RealpolitikError, match="cannot open the database.*Fix:"):
        open_store("postgresql+psycopg://nobody:wrong@127.0.0.1:1/none?connect_timeout=2")


def test_document_is_stored_whole(store):
    store.save_version(scenario())
    assert store.get_version("mini").document["actors"][0] == {**DOC["actors"][0], "kind": "state", "components": []}
