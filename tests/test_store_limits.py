"""What each database can store: seeds 0..2^64-1, no NUL text, clear errors and 422s instead of 500s (issue 14).

Runs on SQLite and, where $REALPOLITIK_TEST_PG is set, on PostgreSQL (see tests/test_store.py)."""

from __future__ import annotations

from contextlib import ExitStack

import pytest
from fastapi.testclient import TestClient

from realpolitik.errors import RealpolitikError
from realpolitik.scenario.io import scenario_from_dict
from realpolitik.web.app import create_app
from tests.test_store import private_schema, store  # noqa: F401  (the two-back-end fixture)
from tests.web_support import doc, postgres_url

SEEDS = [0, 2**31, 2**32 - 1, 2**63, 2**64 - 1]  # INTEGER overflowed at 2^31 on PostgreSQL, 2^63 on SQLite


def test_seeds_up_to_2_64_minus_1_are_stored_exactly(store):  # noqa: F811
    store.save_version(scenario_from_dict(doc()), create=True)
    for seed in SEEDS:
        run = store.create_run("mini", 1, [{"name": "mean", "params": {}}], seed=seed)
        assert store.get_run(run.id).seed == seed


@pytest.mark.parametrize("note", ["a\x00b", "a\ud800b"])
def test_text_a_database_cannot_hold_is_refused_by_name(store, note):  # noqa: F811
    store.save_version(scenario_from_dict(doc()), create=True)
    with pytest.raises(RealpolitikError, match="note"):
        store.tag_scenario("mini", [], note=note)
    with pytest.raises(RealpolitikError, match="tag"):
        store.tag_scenario("mini", [note])
    run = store.create_run("mini", 1, [{"name": "mean", "params": {}}], seed=0)
    with pytest.raises(RealpolitikError, match="note"):
        store.annotate_run(run.id, note=note)
    assert store.get_scenario("mini").note is None and store.get_run(run.id).note is None  # nothing half-written


@pytest.fixture(params=["sqlite", "postgresql"])
def api(request, tmp_path):
    with ExitStack() as stack:
        url = (f"sqlite:///{tmp_path / 'web.db'}" if request.param == "sqlite"
               else stack.enter_context(private_schema(postgres_url())))
        client = stack.enter_context(TestClient(create_app(url), base_url="http://localhost"))
        assert client.post("/api/scenarios", json=doc()).status_code == 201
        yield client


def test_api_runs_take_every_seed_and_a_scenario_seed_of_2_64_minus_1(api):
    for seed in SEEDS:
        response = api.post("/api/runs", json={"scenario": "mini", "models": [{"name": "mean"}], "seed": seed})
        assert response.status_code in (200, 201), response.text
        assert response.json()["seed"] == seed
    assert api.post("/api/scenarios/mini/versions", json=doc(seed=2**64 - 1)).status_code == 201
    response = api.post("/api/runs", json={"scenario": "mini", "models": [{"name": "mean"}]})
    assert response.status_code in (200, 201) and response.json()["seed"] == 2**64 - 1
    for seed in (2**64, -1):
        response = api.post("/api/runs", json={"scenario": "mini", "models": [{"name": "mean"}], "seed": seed})
        assert response.status_code == 422 and "seed" in response.text
    assert api.post("/api/scenarios/mini/versions", json=doc(seed=2**64)).status_code == 422


@pytest.mark.parametrize("bad", ["war\x00peace", "x" * 41])
def test_api_refuses_unstorable_titles_notes_and_tags_with_422(api, bad):
    run = {"scenario": "mini", "models": [{"name": "mean"}]}
    answers = [
        api.post("/api/runs", json={**run, "tags": [bad]}),
        api.patch("/api/scenarios/mini", json={"tags": [bad]}),
    ]
    if "\x00" in bad:
        answers += [api.post("/api/scenarios/mini/versions", json=doc(title=bad)),
                    api.post("/api/runs", json={**run, "note": bad}),
                    api.patch("/api/scenarios/mini", json={"note": bad})]
    assert [a.status_code for a in answers] == [422] * len(answers), [a.text for a in answers]
    assert api.get("/api/scenarios/mini").status_code == 200  # the next request is served normally


def test_migration_0003_keeps_the_seeds_of_existing_runs(tmp_path):
    from sqlalchemy import text

    from realpolitik.store.database import make_engine, migrate
    from realpolitik.store.repository import Store

    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    migrate(engine, "0002")  # seeds were INTEGER
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO scenarios (id, slug, title, created_at) VALUES (1, 'mini', 'Mini', "
                          "'2026-01-01 00:00:00')"))
        conn.execute(text("INSERT INTO scenario_versions (id, scenario_id, number, document, fingerprint, "
                          "created_at) VALUES (1, 1, 1, '{}', 'f', '2026-01-01 00:00:00')"))
        conn.execute(text("INSERT INTO runs (id, version_id, models, seed, draws, what_if, status, progress, "
                          "created_at) VALUES (1, 1, '[]', 2147483647, 0, '[]', 'done', 1.0, "
                          "'2026-01-01 00:00:00')"))
    migrate(engine)
    assert Store(engine).get_run(1).seed == 2**31 - 1
