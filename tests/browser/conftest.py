"""Browser tests: Debian's Chromium, driven by Playwright, against the live test server."""

import os
from pathlib import Path

import pytest
from django.db import connections
from playwright.sync_api import expect

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
# axe-core from the npm registry, pinned in package-lock.json and installed by `make test`.
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# What axe reports that fails a test: WCAG failures that stop or seriously hinder a user.
FAILING_IMPACTS = ("serious", "critical")
AXE_RUN = """impacts => axe.run(document, {resultTypes: ["violations"]}).then(results =>
    results.violations.filter(v => impacts.includes(v.impact)).map(v =>
        `${v.id} (${v.impact}): ${v.help}: ${v.nodes.map(n => n.target.join(" ")).join(", ")}`))"""
PHONE = {"width": 390, "height": 844}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def chromium(monkeypatch):
    """A browser per test. While Playwright runs, test code sees its own set of database
    connections (Django's connection registry is context-local), so a session-long browser
    would hide the test database's serialized data from later tests."""
    from playwright.sync_api import sync_playwright

    # Playwright's synchronous API keeps an event loop running in the test thread; the ORM
    # calls that tests make around it are still synchronous and safe.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium is not installed at {CHROMIUM}: apt-get install chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        # Close the connections opened while Playwright ran, or PostgreSQL cannot drop the
        # test database at the end.
        connections.close_all()


class PageChecks:
    """Which documents a page loaded, and which of them `check_page` looked at."""

    def __init__(self):
        self.loaded: list[str] = []
        self.checked: set[int] = set()
        # What the page asked the server for and what came of it, told when a page fails to load.
        self.traffic: list[str] = []

    def unchecked(self) -> list[str]:
        return [url for number, url in enumerate(self.loaded, 1) if number not in self.checked]


_checks: dict[int, PageChecks] = {}


def check_page(page) -> None:
    """Check the document the page shows now: no serious or critical axe-core violation, and
    nothing wider than the window (on a 390 px phone, no sideways scrolling). Every test calls
    it on each page it loads; the `page` fixture fails a test that left a page unchecked."""
    checks = _checks[id(page)]
    violations = page.evaluate(AXE_RUN, list(FAILING_IMPACTS))
    assert not violations, f"axe-core on {page.url}: {violations}"
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"{page.url} is {widths[0]} px wide in a {widths[1]} px window"
    checks.checked.add(len(checks.loaded))


def follow(page, locator=None, *, key: str = "") -> None:
    """Click a link or button (or press `key` where the focus is) that loads another document,
    wait for it, and check it."""
    checks = _checks[id(page)]
    loaded_before = len(checks.loaded)
    if key:
        page.keyboard.press(key)
    else:
        locator.click()
    for _ in range(400):
        if len(checks.loaded) > loaded_before:
            break
        page.wait_for_timeout(25)
    else:
        pytest.fail(
            f"no new page loaded after {key or locator}; the page is at {page.url}; its requests "
            f"so far: {checks.traffic[-12:]}"
        )
    check_page(page)


def _open_page(chromium, live_server, **context_options):
    context = chromium.new_context(base_url=live_server.url, **context_options)
    if not AXE.exists():
        pytest.fail(f"axe-core is not installed at {AXE}: run `make test-scripts` (npm ci)")
    # Playwright's add_script_tag() inserts an inline <script>, which the app's CSP refuses (and
    # the console listener below would report); a script added at document creation through
    # the DevTools protocol is not subject to the page's CSP.
    context.add_init_script(path=AXE)
    page = context.new_page()
    page.set_default_timeout(10_000)
    checks = _checks[id(page)] = PageChecks()
    page.on("load", lambda loaded: checks.loaded.append(loaded.url))
    page.on("request", lambda request: checks.traffic.append(f"{request.method} {request.url}"))
    page.on(
        "requestfinished",
        lambda request: checks.traffic.append(f"finished {request.method} {request.url}"),
    )
    page.on(
        "requestfailed",
        lambda request: checks.traffic.append(
            f"failed {request.method} {request.url}: {request.failure}"
        ),
    )
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return context, page, checks, violations


def _close_page(context, page, checks, violations) -> None:
    try:
        if checks.loaded and len(checks.loaded) not in checks.checked and not page.is_closed():
            check_page(page)
        assert not checks.unchecked(), f"pages loaded but not checked: {checks.unchecked()}"
    finally:
        _checks.pop(id(page), None)
        context.close()
    assert not violations, violations


@pytest.fixture
def open_page(chromium, live_server):
    """Opens pages, each in a fresh browser context (`open_page(viewport=PHONE)` for a
    phone). Any Content-Security-Policy violation that Chromium reports on its console (an
    inline script or style it refused) fails the test, and so does a loaded document that
    `check_page` did not check (each page's last one is checked here)."""
    opened = []

    def open_one(**context_options):
        opened.append(_open_page(chromium, live_server, **context_options))
        return opened[-1][1]

    yield open_one
    for one in opened:
        _close_page(*one)


@pytest.fixture
def page(open_page):
    """A page 1280 px wide."""
    return open_page()


@pytest.fixture
def phone(open_page):
    """A page in a phone's 390 px wide window."""
    return open_page(viewport=PHONE, is_mobile=True, has_touch=True)


def log_in(page, username: str, password: str) -> None:
    """Sign in through the login page; both it and the page that follows are checked."""
    page.goto("/login/")
    check_page(page)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    # On a phone the log-out button is in the collapsed menu.
    signed_in = page.get_by_role("button", name="Log out").or_(
        page.get_by_role("button", name="Show navigation")
    )
    expect(signed_in).to_be_visible()
    check_page(page)
