"""Real-browser tests: pytest-django's live_server driven by Playwright with Debian's Chromium.

Every page a test visits is checked by axe (zero violations), and a test fails if the browser
saw a failed request, an HTTP error status, a console error or an uncaught script error.
Chromium is installed by scripts/ensure-chromium; Playwright cannot download its own here.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

# Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from a
# thread with a running loop unless told it is safe (it is: the loop is Playwright's, not ours).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser() -> Iterator:
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: run scripts/ensure-chromium (scripts/test does).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@dataclass
class PageProblems:
    """What went wrong in the browser while a test ran, as plain strings."""

    items: list[str] = field(default_factory=list)
    # Paths a test visits on purpose to see an error page (e.g. a 404).
    expected_error_paths: set[str] = field(default_factory=set)

    def add(self, text: str) -> None:
        self.items.append(text)

    def request_failed(self, request) -> None:
        # ERR_ABORTED is the browser cancelling a request because the page navigated away (a
        # favicon still loading when a test clicks on); a server failure shows as an HTTP
        # status in `response`, or as a different network error here.
        if request.failure == "net::ERR_ABORTED":
            return
        self.add(f"request failed: {request.url} {request.failure}")

    def response(self, response) -> None:
        path = urlsplit(response.url).path
        if response.status >= 400 and path not in self.expected_error_paths:
            self.add(f"HTTP {response.status}: {response.url}")

    def console(self, message) -> None:
        if message.type != "error":
            return
        # The browser reports an expected error status in the console as well.
        if "Failed to load resource" in message.text and self.expected_error_paths:
            return
        self.add(f"console {message.type}: {message.text}")


@pytest.fixture
def page(browser, live_server) -> Iterator:
    """A fresh browser context per test; fails the test on any request, console or JS error."""
    context = browser.new_context(base_url=live_server.url, java_script_enabled=True)
    page = context.new_page()
    problems = PageProblems()
    page.on("requestfailed", problems.request_failed)
    page.on("response", problems.response)
    page.on("console", problems.console)
    page.on("pageerror", lambda e: problems.add(f"script error: {e}"))
    page.problems = problems
    yield page
    context.close()
    assert problems.items == [], "The browser reported problems:\n" + "\n".join(problems.items)


@pytest.fixture
def no_js_page(browser, live_server) -> Iterator:
    """A browser context with JavaScript switched off: every flow must still work."""
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe_runner():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture
def axe(axe_runner):
    """`axe(page)` asserts the page as it is now has zero axe-core violations."""

    def check(page) -> None:
        results = axe_runner.run(page)
        violations = results.response["violations"]
        report = "\n".join(
            f"{v['id']} ({v['impact']}): {v['help']} -> "
            + "; ".join(n["target"][0] for n in v["nodes"][:5])
            for v in violations
        )
        assert violations == [], f"axe found violations on {page.url}:\n{report}"

    return check


@pytest.fixture
def sign_in():
    """`sign_in(page, username, password)` signs in through the real form."""

    def do(page, username: str, password: str) -> None:
        page.goto("/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("button[type=submit]")
        page.wait_for_load_state()

    return do
