"""The web application: JSON API, dashboard pages, static files, guards and error handlers on one store.

`create_app(url)` opens the store (migrating it), marks runs interrupted by an earlier crash as failed, adds the
built-in scenarios that are not stored yet, and starts the background runner.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from contextlib import asynccontextmanager
from importlib import resources

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from realpolitik import __version__
from realpolitik.scenario.builtins import builtin_names
from realpolitik.scenario.io import load_scenario
from realpolitik.store.database import open_store
from realpolitik.store.repository import Store
from realpolitik.web import api, apidocs, drafts, pages
from realpolitik.web.auth import TokenAuth
from realpolitik.web.guards import BodyLimit, SameOrigin, SecurityHeaders, TrustedHosts, trusted_hosts
from realpolitik.web.jobs import JobRunner
from realpolitik.web.problems import install_handlers

log = logging.getLogger(__name__)
MAX_UPLOAD = 2 * 1024 * 1024


def seed_builtins(store: Store) -> list[str]:
    """Store each built-in scenario that the store does not hold yet (as version 1); return their names."""
    try:
        names = builtin_names()
    except (FileNotFoundError, OSError):
        return []
    added = []
    for name in names:
        scenario = load_scenario(name)
        if not store.has_scenario(scenario.id):
            store.save_version(scenario, note="built-in scenario", create=None)
            added.append(scenario.id)
    return added


def draft_key(token: str | None) -> bytes:
    """Return the key that signs the review state of drafts (`web/draftstate.py`): derived from the access token
    when there is one (a review page survives a restart of the server), else drawn at random for this run."""
    if token:
        return hmac.new(token.encode(), b"realpolitik draft review state", hashlib.sha256).digest()
    return secrets.token_bytes(32)


def create_app(url: str | None = None, max_upload: int = MAX_UPLOAD, host: str | None = None,
               token: str | None = None, extra_hosts: tuple[str, ...] = ()) -> FastAPI:
    """Return the FastAPI application on the store at `url` (default: `default_url()`).

    Uploads and request bodies above `max_upload` bytes are refused with 413. Requests whose ``Host`` header is not
    localhost, 127.0.0.1, [::1] or `host` (the address the server listens on, unless a wildcard) are refused with
    400 (DNS rebinding); `extra_hosts` are further names to accept. With a `token`, every request must carry it
    (see `realpolitik.web.auth`); `/docs` and `/redoc` are served from installed packages, never a CDN.
    """

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        store = open_store(url)
        failed = store.recover_interrupted()
        if failed:
            log.warning("marked interrupted runs as failed: %s", failed)
        seed_builtins(store)
        app.state.store, app.state.jobs = store, JobRunner(store)
        try:
            yield
        finally:
            app.state.jobs.shutdown(wait=False)
            store.close()

    app = FastAPI(title="realpolitik", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Scenarios, runs and forecasts of realpolitik. Errors are JSON: "
                              '{"error": {"message", "problems": [{"field", "what", "fix", "subject", "line"}]}}.')
    app.state.max_upload = max_upload
    app.state.draft_key = draft_key(token)
    app.include_router(api.router)
    app.include_router(drafts.api)
    app.include_router(drafts.pages)
    app.include_router(apidocs.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(resources.files("realpolitik.web") / "static")), name="static")
    install_handlers(app, pages.render_error)
    app.add_middleware(SameOrigin)
    app.add_middleware(BodyLimit, max_bytes=max_upload + 64 * 1024)
    app.add_middleware(TokenAuth, token=token)
    app.add_middleware(TrustedHosts, allowed_hosts=trusted_hosts(host, extra_hosts), www_redirect=False)
    app.add_middleware(SecurityHeaders)
    return app
