"""Playwright for Python driving Debian's Chromium against pytest-django's live server.

One browser for the whole session, a new context (cookies, viewport, language) per test. The
tests need `chromium` on the PATH (`apt-get install chromium`; .ci/run installs it, and fails
there if any of them is skipped). Playwright's own browser download is never used.
"""

import os
import re
import shutil
import threading
import time
from collections.abc import Callable, Generator, Iterator
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connections
from playwright.sync_api import Browser, BrowserContext, Page, Route, sync_playwright

CHROMIUM = shutil.which("chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE: dict[str, Any] = {
    "viewport": {"width": 375, "height": 812},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
DESKTOP: dict[str, Any] = {"viewport": {"width": 1280, "height": 900}}
# Pictures of the main pages, for people to look at (and of the pages where a test failed).
SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"
# Browser languages as a person's browser would send them.
LOCALES = {"fi": "fi-FI", "sv": "sv-FI", "en": "en-GB"}
# Every page reports what its Content-Security-Policy blocked (an inline script or style, a
# `style` attribute that a script wrote as markup, a load from elsewhere) to the test.
REPORT_CSP_VIOLATIONS = """document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolation(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile || event.documentURI}:${event.lineNumber}`
    + (event.sample ? ` (${event.sample})` : ""));
});"""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests last: the Playwright session they share then starts after every other
    test has run, so the rest of the suite never runs beside its event loop."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item,
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Keep each phase's report on the test, so that fixtures can tell whether it failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


# The browser of the session. A test module elsewhere that imports these fixtures gets a
# fixture of its own from pytest, and shares this browser: Playwright's sync API runs only once
# in a thread.
_running: list[Browser] = []


def _wait_for_request_threads(seconds: float = 5) -> None:
    """Let the live server's request threads end: each closes its database connection when
    the browser's keep-alive connection closes, and with in-memory SQLite that connection is
    the test database's, shared with them only while the live server runs."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(
        "process_request_thread" in thread.name for thread in threading.enumerate()
    ):
        time.sleep(0.05)


# It needs the live server so that pytest stops the server after closing the browser.
@pytest.fixture(scope="session")
def browser(django_db_setup: None, live_server: Any) -> Iterator[Browser]:
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed: apt-get install chromium (Debian's package)")
    if _running:
        yield _running[0]
        return
    shutil.rmtree(SCREENSHOTS / "failures", ignore_errors=True)  # from an earlier run
    # Playwright's sync API keeps an asyncio event loop running in this thread, and Django then
    # refuses ORM calls from test code (call_command, asserts on rows) as if they were async.
    # They are not: the loop only drives the browser. Test code only, never production.
    allow_async_unsafe = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    # With that loop running, Django's connection handler also gives this thread new connection
    # objects, and those lack the database contents that setup_databases serialized for
    # `serialized_rollback` (the regions and languages of the data migrations): hand them over.
    serialized = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    try:
        with sync_playwright() as playwright:
            for alias, contents in serialized.items():
                connections[alias]._test_serialized_contents = contents
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS
            )
            _running.append(browser)
            try:
                yield browser
            finally:
                _running.clear()
            browser.close()
            _wait_for_request_threads()
            connections.close_all()
    finally:
        if allow_async_unsafe is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = allow_async_unsafe


@pytest.fixture
def outside_requests() -> list[str]:
    """Addresses that pages tried to load from anywhere but the live server (each blocked)."""
    return []


@pytest.fixture
def new_context(
    request: pytest.FixtureRequest,
    browser: Browser,
    live_server: Any,
    outside_requests: list[str],
) -> Iterator[Callable[..., BrowserContext]]:
    """Open a browser context like a person's browser: `new_context("en", **PHONE)`. Requests
    to other hosts are blocked and recorded: this machine has no network, and a public page
    should not load anything from third parties anyway."""
    contexts: list[BrowserContext] = []
    csp_violations: list[str] = []
    # A pattern, not a Python predicate, so that the browser's own requests to the live server
    # are not handed to Python one by one.
    elsewhere = re.compile("^(?!" + re.escape(live_server.url) + "/|data:)")

    def block(route: Route) -> None:
        outside_requests.append(route.request.url)
        route.abort()

    def open_context(language: str = "fi", **options: Any) -> BrowserContext:
        context = browser.new_context(
            base_url=live_server.url, locale=LOCALES[language], **{**DESKTOP, **options}
        )
        context.set_default_timeout(10_000)
        context.route(elsewhere, block)
        context.expose_binding(
            "__cspViolation",
            lambda source, text: csp_violations.append(f"{page_url(source)}: {text}"),
        )
        context.add_init_script(REPORT_CSP_VIOLATIONS)
        # Chromium also logs each violation; this catches one the listener would miss.
        context.on(
            "console",
            lambda message: (
                csp_violations.append(
                    f"{message.page.url if message.page else '?'}: {message.text}"
                )
                if "Content Security Policy" in message.text
                else None
            ),
        )
        contexts.append(context)
        return context

    yield open_context
    failed = getattr(request.node, "report_call", None)
    if failed is not None and failed.failed:
        # What the browser showed when the test failed, beside the other screenshots.
        folder = SCREENSHOTS / "failures"
        folder.mkdir(parents=True, exist_ok=True)
        for number, page in enumerate(page for context in contexts for page in context.pages):
            page.screenshot(path=folder / f"{request.node.name}-{number}.png", full_page=True)
    for context in contexts:
        context.close()
    assert not csp_violations, "The Content-Security-Policy blocked something on a page:\n" + (
        "\n".join(csp_violations)
    )


def page_url(source: dict[str, Any]) -> str:
    frame = source.get("frame")
    return frame.url if frame is not None else "?"


@pytest.fixture
def page(new_context: Callable[..., BrowserContext]) -> Page:
    """A desktop page in a Finnish browser."""
    return new_context("fi").new_page()


@pytest.fixture
def demo() -> None:
    """The demo data of `make run`: the five seed projects, their organisations, and the
    OmaPolku and Välitä! forums with upcoming meetings."""
    call_command("load_demo", stdout=StringIO())


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """Where the tests leave pictures of the main pages for people to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
