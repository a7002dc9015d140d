"""The two module fixtures of the dashboard's browser tests (Debian's chromium through Playwright, nothing
downloaded): `server`, ``realpolitik serve`` on a fresh SQLite store, and `page`, a 1280×900 tab with a 30 s timeout
whose uncaught script errors collect in ``page.errors``. Screenshots go to `ARTIFACTS`."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.web_support import ARTIFACTS, ServerProcess, chromium_path


def e2e_fixtures(folder: str, prepare: Callable[[Any], None] = lambda tab: None) -> tuple[Any, Any]:
    """Return the fixtures `server` (its store and log in a temporary folder named `folder`) and `page` (the tab,
    given to `prepare` to add its own listeners first), module-scoped; assign them to ``server, page`` in the test
    module."""

    @pytest.fixture(scope="module")
    def server(tmp_path_factory) -> Iterator[ServerProcess]:
        path = tmp_path_factory.mktemp(folder)
        process = ServerProcess(f"sqlite:///{path / 'e2e.db'}", path / "server.log").start()
        yield process
        process.stop()

    @pytest.fixture(scope="module")
    def page(server) -> Iterator[Any]:
        from playwright.sync_api import sync_playwright

        executable = chromium_path()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=executable, args=["--no-sandbox", "--disable-gpu"])
            tab: Any = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
            tab.set_default_timeout(30_000)
            tab.errors = []
            tab.on("pageerror", lambda e: tab.errors.append(str(e)))
            prepare(tab)
            yield tab
            browser.close()

    return server, page
