"""Browser checks (Debian's chromium through Playwright) of the dashboard served with an access token: login,
/docs and /redoc rendered offline under the strict content policy, the run form keeping its input, parallel
relations all visible, labels shown as typed, no horizontal overflow on a 420-pixel screen."""

from __future__ import annotations

import json
import time
import urllib.request

import pytest

from tests.web_support import ServerProcess, chromium_path, doc

playwright = pytest.importorskip("playwright.sync_api")
TOKEN = "e2e-token-0123456789abcdef"
NAME = 'Say "no" <b>& co</b>'


def scenario() -> dict:
    """`mini` with a hostile name and three relations between alpha and gamma (and none elsewhere)."""
    d = doc()
    d["actors"][0]["name"] = NAME
    d["relations"] = [{"kind": "alliance", "from": "alpha", "to": "gamma"},
                      {"kind": "hostility", "from": "gamma", "to": "alpha"},
                      {"kind": "arms_supplier", "from": "alpha", "to": "gamma", "share": 0.5}]
    return d


def api(server: ServerProcess, method: str, path: str, body: dict | None = None) -> dict:
    request = urllib.request.Request(server.base + path, method=method,
                                     data=json.dumps(body).encode() if body is not None else None,
                                     headers={"content-type": "application/json",
                                              "authorization": f"Bearer {TOKEN}"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("e2e-token")
    token_file = folder / "token"
    token_file.write_text(TOKEN + "\n")
    token_file.chmod(0o600)
    process = ServerProcess(f"sqlite:///{folder / 'e2e.db'}", folder / "server.log",
                            args=("--token-file", str(token_file))).start()
    api(process, "POST", "/api/scenarios", scenario())
    # the built-in scenario's long issue names and five models' columns: 807 px wide on main before the fix
    process.run_id = api(process, "POST", "/api/runs", {"scenario": "south-caucasus-2020", "models": [
        {"name": n} for n in ("compromise", "mean", "nash", "anchored", "wartrap")]})["id"]
    deadline = time.monotonic() + 120
    while api(process, "GET", f"/api/runs/{process.run_id}")["status"] not in ("done", "failed"):
        assert time.monotonic() < deadline, "the run did not finish within 120 s"
        time.sleep(0.3)
    assert api(process, "GET", f"/api/runs/{process.run_id}")["status"] == "done"
    yield process
    process.stop()


@pytest.fixture(scope="module")
def browser():
    executable = chromium_path()
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=executable, args=["--no-sandbox", "--disable-gpu"])
        yield chromium
        chromium.close()


def new_page(browser, server, width: int = 1280, login: bool = True):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.errors, page.console_errors = [], []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
    if login:
        page.goto(f"{server.base}/?token={TOKEN}")
        assert page.url == server.base + "/"  # the token left the address bar
    return page


def test_login_form_sets_a_strict_cookie(browser, server):
    page = new_page(browser, server, login=False)
    page.goto(server.base + "/scenarios/mini")
    assert "/login" in page.url
    page.fill("input[name=token]", "wrong-token-wrong-token")
    page.click("#login-form button[type=submit]")
    assert "not the access token" in page.locator("#login-error").inner_text()
    page.fill("input[name=token]", TOKEN)
    page.click("#login-form button[type=submit]")
    page.wait_for_url(server.base + "/scenarios/mini")
    assert page.locator("h1").inner_text() == "Mini"
    (cookie,) = page.context.cookies()
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and TOKEN not in cookie["value"]
    assert page.evaluate("document.cookie") == ""  # HttpOnly: the page's scripts cannot read it
    page.context.close()


def test_docs_and_redoc_render_offline(browser, server):
    page = new_page(browser, server)
    page.goto(server.base + "/docs")
    page.wait_for_selector(".opblock")
    assert page.locator(".opblock").count() >= 10  # one block per API operation
    assert page.locator(".opblock-summary-path").first.inner_text().startswith("/api/")
    page.goto(server.base + "/redoc")
    page.wait_for_selector("[data-section-id^='tag/'], [data-section-id^='operation/']")
    assert page.get_by_text("/api/scenarios").count() > 0
    # ReDoc's bundle hard-codes its logo at cdn.redoc.ly: the policy blocks that image (nothing leaves this
    # machine) and ReDoc drops it; nothing else may be blocked.
    violations = [m for m in page.console_errors if "Content Security Policy" in m
                  and "https://cdn.redoc.ly/redoc/logo-mini.svg" not in m]
    assert violations == [] and page.errors == [], (violations, page.errors)
    page.context.close()


def test_the_content_policy_blocks_inline_scripts(browser, server):
    page = new_page(browser, server)
    page.goto(server.base + "/scenarios/mini")
    page.evaluate("""() => { const s = document.createElement('script'); s.textContent = 'window.pwned = 1';
                             document.body.appendChild(s); }""")
    assert page.evaluate("window.pwned") is None
    assert any("Content Security Policy" in m for m in page.console_errors)
    page.context.close()


def test_the_run_form_keeps_its_input_on_an_error(browser, server):
    page = new_page(browser, server)
    page.goto(server.base + "/scenarios/mini")
    page.click("#page-sections a[href='#run']")
    page.check('#run-form input[name=models][value="compromise"]')
    page.fill("#run-form input[name=params]", "nash.utility=linear")
    page.fill("#run-form input[name=seed]", "12")
    page.fill("#run-form input[name=note]", "keep this note")
    page.select_option("#run-form select[name=whatif_actor]", "beta")
    page.click("#run-form button[type=submit]")
    error = page.locator("#error-params")
    error.wait_for()
    assert error.is_visible() and "does not name a chosen model" in error.inner_text()
    assert page.is_checked('#run-form input[name=models][value="compromise"]')
    assert page.input_value("#run-form input[name=params]") == "nash.utility=linear"
    assert page.input_value("#run-form input[name=seed]") == "12"
    assert page.input_value("#run-form input[name=note]") == "keep this note"
    assert page.input_value("#run-form select[name=whatif_actor]") == "beta"
    # fixed, the same form starts the run
    page.fill("#run-form input[name=params]", "")
    page.click("#run-form button[type=submit]")
    page.wait_for_url("**/runs/*")
    assert page.locator("#outcome-table thead th").last.inner_text() == "compromise"
    page.context.close()


def test_parallel_relations_and_labels_are_all_visible(browser, server):
    page = new_page(browser, server)
    page.goto(server.base + "/scenarios/mini")
    page.wait_for_selector("#relations-chart svg.main-svg")
    paths = page.locator("#relations-chart .scatterlayer .trace path.js-line")
    shapes = [paths.nth(k).get_attribute("d") for k in range(paths.count())]
    assert len(shapes) == 3 and len(set(shapes)) == 3  # three relations of one pair: three different lines
    labels = page.locator("#relations-chart .textpoint text").all_text_contents()
    assert NAME in labels and not any("&quot;" in t or "&amp;" in t for t in labels)
    page.context.close()


@pytest.mark.parametrize("path", ["/runs/{run}", "/scenarios/mini", "/"])
def test_no_horizontal_overflow_on_a_narrow_screen(browser, server, path):
    page = new_page(browser, server, width=420)
    page.goto(server.base + path.format(run=server.run_id))
    page.wait_for_load_state("load")
    if path.startswith("/runs/"):
        assert page.locator("#outcome-table thead th").count() == 3 + 5  # issue, scale, status quo, five models
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 420, f"{path}: the page is {width} px wide on a 420-px screen"
    page.context.close()
