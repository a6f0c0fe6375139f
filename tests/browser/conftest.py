"""Browser tests: Debian's Chromium, driven by Playwright, against the live test server."""

import os
from pathlib import Path

import pytest
from django.db import connections
from playwright.sync_api import expect

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
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


@pytest.fixture
def page(chromium, live_server):
    """A page of a fresh browser context. Any Content-Security-Policy violation that Chromium
    reports on its console (an inline script or style it refused) fails the test."""
    context = chromium.new_context(base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield page
    context.close()
    assert not violations, violations


def log_in(page, username: str, password: str) -> None:
    page.goto("/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
