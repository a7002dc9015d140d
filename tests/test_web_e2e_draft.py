"""End to end in chromium: paste a text, review its items with the keyboard and the buttons (accept, edit,
reject), add an issue and positions, save, forecast; the compromise outcome is the one worked out by hand in
`tests/draft_support.py` (360 / 7 = 51.4)."""

from __future__ import annotations

import pytest

from tests.draft_support import AS_OF, BASING, CAPABILITY, COMPROMISE, ISSUE, POSITION, RELATION, TEXT
from tests.e2e_support import e2e_fixtures
from tests.web_support import ARTIFACTS

playwright = pytest.importorskip("playwright.sync_api")


def record_policy_violations(tab) -> None:
    """Count a Content Security Policy violation reported on the console as a page error."""
    tab.on("console", lambda m: tab.errors.append(m.text) if "Content Security Policy" in m.text else None)


server, page = e2e_fixtures("e2e-draft", record_policy_violations)


def item(page, item_id: str):
    return page.locator(f'.draft-item[data-item="{item_id}"]')


def current(page) -> str:
    return page.locator(".draft-item.current").get_attribute("data-item")


def test_draft_review_save_forecast(server, page):
    page.goto(server.base + "/")
    page.click("text=Draft from text")
    page.fill("#draft-text", TEXT)
    page.fill("#draft-as-of", AS_OF)
    page.click("#draft-form button[type=submit]")
    page.wait_for_selector("#draft-items")
    assert page.locator("#draft-text mark").count() >= 5
    assert current(page) == "russia"
    page.screenshot(path=str(ARTIFACTS / "draft-01-review.png"), full_page=True)

    # accept with the keyboard: type the capability, leave the field, press a
    item(page, "russia").locator(".accept-capability").fill("3")
    page.keyboard.press("Escape")
    page.keyboard.press("a")
    page.wait_for_selector('.draft-item[data-item="russia"] .badge-reviewed')
    assert current(page) == "armenia"  # the next item is selected

    # edit with the keyboard: e opens the item's fields, Enter saves the edit
    page.keyboard.press("e")
    field = item(page, "armenia").locator('input[name="armenia|edit|capability"]')
    field.fill("1")
    field.press("Enter")
    page.wait_for_selector('.draft-item[data-item="armenia"] .badge-reviewed')

    # accept with the buttons
    for actor in ("turkey", "azerbaijan"):
        item(page, actor).locator(".accept-capability").fill(str(CAPABILITY[actor]))
        item(page, actor).locator(".do-accept").click()
        page.wait_for_selector(f'.draft-item[data-item="{actor}"] .badge-reviewed')

    # reject with the keyboard: iran is selected after azerbaijan; its stance cue goes with it
    assert current(page) == "iran"
    page.keyboard.press("r")
    page.wait_for_selector('.draft-item[data-item="iran"]', state="detached")
    assert item(page, "c1").count() == 0
    for relation in (BASING, RELATION):
        item(page, relation).locator(".do-accept").click()
        page.wait_for_selector(f'.draft-item[data-item="{relation}"] .badge-reviewed')
    item(page, "q1").locator(".do-reject").click()
    page.wait_for_selector('.draft-item[data-item="q1"]', state="detached")
    assert page.locator("#draft-count").inner_text() == "0"

    # an issue and the positions
    for name, value in zip(("id", "name", "low", "high"), ISSUE, strict=True):
        page.fill(f'input[name="issue|{name}"]', value)
    page.press('input[name="issue|high"]', "Enter")  # Enter presses the box's own button
    page.wait_for_selector("#issue-table")
    for actor, (position, salience) in POSITION.items():
        page.select_option('select[name="stance|actor"]', actor)
        page.select_option('select[name="stance|issue"]', "war")
        page.fill('input[name="stance|position"]', str(position))
        page.fill('input[name="stance|salience"]', str(salience))
        if actor == "azerbaijan":
            page.press('input[name="stance|salience"]', "Enter")
        else:
            page.click('button[value="set_stance"]')
        page.wait_for_selector(f'#issue-table .tag:has-text("{actor}:")')
    assert page.locator("#todo-done").is_visible()
    page.screenshot(path=str(ARTIFACTS / "draft-02-reviewed.png"), full_page=True)

    # save, then forecast like any stored scenario
    page.fill('input[name="save|id"]', "drafted-e2e")
    page.click("#save-button")
    page.wait_for_url("**/scenarios/drafted-e2e?saved=1")
    page.check('#run-form input[name=models][value="compromise"]')
    page.click("#run-form button[type=submit]")
    page.wait_for_url("**/runs/*")
    cells = page.locator("#outcome-table tbody tr td.num").all_inner_texts()
    assert cells[-1] == f"{COMPROMISE:.1f}" == "51.4"
    assert page.errors == []
