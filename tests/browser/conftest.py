"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

One browser per session, a fresh context (cookies, storage) per test. Every
document a test loads must be checked with axe-core before the test ends; the
``page`` fixture fails the test otherwise, so "axe on every page visited" is
enforced rather than hoped for. Content-Security-Policy violations and server
errors reported by the browser fail the test too.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-gpu",
]
VIEWPORT = {"width": 1280, "height": 800}
# A page whose stylesheet, script or icon is missing must not pass unnoticed.
SUBRESOURCES = {"stylesheet", "script", "image", "font"}
PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # argon2 is the production hasher (tested in tests/web); the browser tests
    # sign in many times, so they use a fast one, keeping argon2 so hashes made
    # elsewhere still verify.
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher",
    ]


@pytest.fixture(autouse=True)
def _emails_link_to_the_live_server(request, settings):
    # Links in emails start with UPWARD_SITE_URL: here, the test's live server.
    if "live_server" in request.fixturenames:
        settings.UPWARD_SITE_URL = request.getfixturevalue("live_server").url


# One browser for the whole browser suite. Package scope rather than session scope:
# the browser, and the environment variable below, end with the last browser test,
# so tests that run after them (tests/web) see neither.
@pytest.fixture(scope="package")
def browser(django_db_setup):
    if not CHROMIUM.exists() or not os.access(CHROMIUM, os.X_OK):
        pytest.skip(f"Chromium is not installed at {CHROMIUM} "
                    "(`make test` installs Debian's chromium package when run as root)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - test extras always include playwright
        pytest.skip("playwright is not installed: pip install -e '.[test]'")
    # Playwright's sync API keeps an asyncio loop running in this thread, and Django
    # refuses ORM calls from a thread with a running loop unless told it is safe. It
    # is: the loop only drives the browser; the ORM calls are ordinary sync code.
    # (The test database is created before the loop starts: see django_db_setup.)
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            try:
                yield browser
            finally:
                browser.close()
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@dataclass
class PageWatch:
    """What happened in a page: documents loaded, documents axe-checked, problems seen."""

    loads: list[str] = field(default_factory=list)
    checked: set[int] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)

    def unchecked(self) -> list[str]:
        return [url for i, url in enumerate(self.loads) if i not in self.checked]


def _watch(page) -> PageWatch:
    watch = PageWatch()
    page.on("load", lambda p: watch.loads.append(p.url))

    def on_console(message):
        text = message.text
        if message.type == "error" and "Content Security Policy" in text:
            watch.problems.append(f"CSP violation on {page.url}: {text}")

    def on_response(response):
        if response.status >= 500:
            watch.problems.append(f"server error {response.status} for {response.url}")
        elif response.status >= 400 and response.request.resource_type in SUBRESOURCES:
            watch.problems.append(f"{response.request.resource_type} {response.url} "
                                  f"answered {response.status}")

    page.on("console", on_console)
    page.on("response", on_response)
    page.on("pageerror", lambda error: watch.problems.append(f"script error on {page.url}: "
                                                            f"{error}"))
    return watch


def _open_page(browser, *, java_script_enabled: bool = True):
    context = browser.new_context(
        viewport=VIEWPORT, java_script_enabled=java_script_enabled, locale="en-GB",
        reduced_motion="reduce",
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.upward_watch = _watch(page)
    page.upward_javascript = java_script_enabled
    return context, page


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.upward_call_failed = report.failed
    return report


def _finish(request, context, page):
    watch: PageWatch = page.upward_watch
    context.close()
    problems = list(watch.problems)
    unchecked = watch.unchecked()
    # a test that already failed stops half-way; its unchecked pages are not news
    if unchecked and not getattr(request.node, "upward_call_failed", False):
        problems.append("pages loaded but never checked with axe-core: " + ", ".join(unchecked))
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


@pytest.fixture
def page(request, browser, live_server):
    context, page = _open_page(browser)
    yield page
    _finish(request, context, page)


@pytest.fixture
def page_without_js(request, browser, live_server):
    context, page = _open_page(browser, java_script_enabled=False)
    yield page
    _finish(request, context, page)


@pytest.fixture
def url(live_server):
    """Absolute URL on the live server for a path."""
    return lambda path: live_server.url + path


def _describe(violation: dict) -> str:
    nodes = "\n".join(
        f"      - {', '.join(map(str, node['target']))}: {node.get('failureSummary', '').strip()}"
        .replace("\n", " ")
        for node in violation["nodes"]
    )
    return (f"  [{violation['id']}] ({violation.get('impact')}) {violation['help']}\n"
            f"    {violation.get('helpUrl', '')}\n{nodes}")


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture
def assert_accessible(axe, browser):
    """Run axe-core on the page as it is now; fail listing every violation.

    Marks the current document as checked for the ``page`` fixture's bookkeeping.
    """
    twins = []

    def _axe_on_snapshot(page):
        # axe-core needs timers, which do not run in a page with JavaScript off. So
        # the exact document that page shows is served again, at the same address
        # (so the stylesheet loads and colours are checked), to a scripted page.
        html = page.content()
        if not twins:
            twins.append(browser.new_context(viewport=VIEWPORT, locale="en-GB").new_page())
        twin, address = twins[0], page.url

        def is_this_document(candidate: str) -> bool:
            return candidate == address

        twin.route(is_this_document, lambda route: route.fulfill(
            status=200, content_type="text/html; charset=utf-8", body=html))
        try:
            twin.goto(address)
            return axe.run(twin)
        finally:
            twin.unroute(is_this_document)

    def check(page, what: str = "") -> None:
        page.wait_for_load_state("load")
        results = axe.run(page) if page.upward_javascript else _axe_on_snapshot(page)
        watch: PageWatch = page.upward_watch
        if watch.loads:
            watch.checked.add(len(watch.loads) - 1)
        if results.violations_count:
            report = "\n".join(_describe(v) for v in results.response["violations"])
            pytest.fail(f"axe-core found {results.violations_count} violation(s) on "
                        f"{what or page.url} ({page.url}):\n{report}", pytrace=False)

    yield check
    for twin in twins:
        twin.context.close()


@pytest.fixture
def sign_in(url, assert_accessible):
    """Sign in through the real form (checking the sign-in page with axe)."""

    def do(page, email: str, password: str = PASSWORD) -> None:
        page.goto(url("/accounts/sign-in/"))
        assert_accessible(page, "sign-in")
        page.get_by_label("Email address").fill(email)
        page.get_by_label("Password", exact=True).fill(password)
        page.get_by_role("button", name="Sign in", exact=True).click()
        page.wait_for_url(url("/"))

    return do
