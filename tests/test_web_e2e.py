"""End to end in Debian's chromium through Playwright (system browser, nothing downloaded).

Open the dashboard, open the built-in scenario, run two models (an iterative one and the compromise) and see both
charts drawn as SVG, run Monte Carlo and see its distribution, edit an actor with an invalid capability and see
the inline error, save a valid edit and see the new version, compare two runs. Screenshots of the main pages go to
tests/artifacts/.
"""

from __future__ import annotations

import pytest

from realpolitik.scenario.builtins import builtin_names
from tests.e2e_support import e2e_fixtures
from tests.web_support import ARTIFACTS, http_json

playwright = pytest.importorskip("playwright.sync_api")
EVIL = "<script>alert(1)</script>"


def record_dialogs(tab) -> None:
    """Dismiss every dialog (an injected script's alert) and keep its message in ``tab.dialogs``."""
    tab.dialogs = []
    tab.on("dialog", lambda d: (tab.dialogs.append(d.message), d.dismiss()))


server, page = e2e_fixtures("e2e", record_dialogs)


def shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def open_scenario(page, server) -> str:
    """Open the built-in South Caucasus scenario from the list."""
    slug = "south-caucasus-2020"
    assert slug in builtin_names()
    page.goto(server.base + "/")
    shot(page, "01-scenario-list")
    page.click(f'#scenario-list a[href="/scenarios/{slug}"]')
    page.wait_for_url(f"**/scenarios/{slug}")
    return slug


def two_models(server) -> list[str]:
    """An iterative model (for the trajectory chart) and the compromise model."""
    models = http_json("GET", server.base + "/api/models")[1]
    iterative = [m["name"] for m in models if m["iterative"]]
    assert iterative and "compromise" in {m["name"] for m in models}
    return [iterative[0], "compromise"]


def test_dashboard_end_to_end(server, page):
    slug = open_scenario(page, server)
    page.wait_for_selector("#actors table")
    page.wait_for_selector("#relations-chart svg.main-svg")
    shot(page, "02-scenario")

    # Run two models: the outcome chart has one bar trace per model.
    models = two_models(server)
    for name in models:
        page.check(f'#run-form input[name=models][value="{name}"]')
    page.click("#run-form button[type=submit]")
    page.wait_for_url("**/runs/*")
    page.wait_for_selector("#outcome-chart svg.main-svg")
    assert page.locator("#outcome-chart .barlayer .trace").count() == 2
    headers = page.locator("#outcome-table thead th").all_inner_texts()
    assert sorted(headers[-2:]) == sorted(models)
    page.wait_for_selector("#trajectories svg.main-svg")  # the iterative model's positions by round
    assert page.locator("#trajectories .scatterlayer .trace").count() >= 2
    assert page.locator("#outcome-chart-title").inner_text().startswith("Forecast outcome per issue")
    first_run = page.url.rsplit("/", 1)[-1]
    shot(page, "03-run")

    # A Monte Carlo run in the background: the page follows it and draws the distribution.
    page.goto(f"{server.base}/scenarios/{slug}")
    for name in models:
        page.check(f'#run-form input[name=models][value="{name}"]')
    page.fill("#run-form input[name=draws]", "20")
    page.click("#run-form button[type=submit]")
    page.wait_for_selector("#distribution-chart svg.main-svg", timeout=120_000)
    assert page.locator("#distribution-chart .boxlayer .trace").count() == 2
    assert page.locator("#quantile-table tbody tr").count() >= 2
    shot(page, "04-monte-carlo")

    # Edit an actor: an invalid capability shows an inline error and saves nothing.
    page.goto(f"{server.base}/scenarios/{slug}")
    latest = int(page.locator("#version-label").inner_text().split()[-1])
    page.locator("a.edit-actor").first.click()
    page.fill("input[name=capability]", "-5")
    page.click("#actor-form button[type=submit]")
    error = page.locator("#error-capability")
    assert error.is_visible() and "out of range" in error.inner_text() and "Fix:" in error.inner_text()
    shot(page, "05-inline-error")

    # A valid edit, with a hostile name, is a new version; the name shows as text and runs no script.
    page.fill("input[name=capability]", "2.5")
    page.fill("input[name=name]", EVIL)
    page.click("#actor-form button[type=submit]")
    page.wait_for_url(f"**/scenarios/{slug}?saved={latest + 1}")
    assert page.locator("#version-label").inner_text() == f"version {latest + 1}"
    assert page.locator("#saved").is_visible()
    assert page.locator("#actors").get_by_text(EVIL).first.is_visible()  # the run form above lists it in <option>s
    shot(page, "06-new-version")

    # Compare the first run with the Monte Carlo run.
    page.check(f'input[name=a][value="{first_run}"]')
    page.click(".compare-form button[type=submit]")
    page.wait_for_selector("#compare-chart svg.main-svg")
    page.wait_for_selector("#pair-chart svg.main-svg")
    # one legend entry per model and run, so the models' bars can be told apart
    legend = page.locator("#pair-chart .legend .traces .legendtext").all_text_contents()
    assert sorted(legend) == sorted(f"{m}, run {r}" for m in models
                                                       for r in (first_run, page.url.split("b=")[1].split("&")[0]))
    shot(page, "07-compare")
    assert page.dialogs == [] and page.errors == []
