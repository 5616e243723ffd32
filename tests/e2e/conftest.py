"""Browser tests: one Streamlit server and one Debian chromium per session (DESIGN.md §5; never `playwright install`).

`server` starts `streamlit run app.py` on a free port and yields its base URL; `app` opens a fresh browser context
that records every request, websocket and console error, so each test can assert that nothing left the app's host.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest

from tests.e2e.harness import CHROMIUM, CHROMIUM_ARGS, Server, ServerError, start_server, wait_for_map

# On a deep path (/carte) Streamlit's frontend first probes <path>/_stcore/health and host-config, gets 404, then
# uses the root: these two console errors are Streamlit's own discovery, not a fault of the app.
BASE_PATH_PROBES = ("/_stcore/health", "/_stcore/host-config")


def launch_server(log_dir) -> Server:
    try:
        return start_server(log_dir)
    except ServerError as exc:
        pytest.fail(str(exc))


@pytest.fixture(scope="session")
def chromium():
    """Debian's chromium driven by Playwright; skipped when it is not installed."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: install Debian's chromium (apt-get install chromium) to run browser tests")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (Python) is not installed")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def server(chromium, tmp_path_factory) -> Iterator[str]:
    """Base URL of one Streamlit server shared by the session's browser tests."""
    running = launch_server(tmp_path_factory.mktemp("e2e"))
    yield running.base
    running.stop()


@dataclass
class Visit:
    """A browser page on the app, with what it asked for and what it complained about."""

    page: object
    base: str
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def open(self, path: str = "/", timeout: float = 30_000) -> None:
        """Go to a path of the app and wait until its script has finished running."""
        self.page.goto(self.base + path)
        self.settle(timeout)

    def settle(self, timeout: float = 30_000) -> None:
        self.page.wait_for_selector('[data-testid="stApp"][data-test-connection-state="CONNECTED"]', timeout=timeout)
        self.page.wait_for_selector("h1", timeout=timeout)
        self.page.wait_for_function(
            "() => document.querySelector('[data-testid=stApp]')?.dataset.testScriptState === 'notRunning'",
            timeout=timeout,
        )

    def map_paths(self, at_least: int) -> int:
        return wait_for_map(self.page, at_least)

    def foreign_requests(self) -> list[str]:
        """Requests that left the app's host (data: and blob: URLs stay in the browser)."""
        host = urlsplit(self.base).netloc
        return [u for u in self.requests if not u.startswith(("data:", "blob:")) and urlsplit(u).netloc != host]

    def assert_clean(self) -> None:
        """No traceback or exception block on screen, no console error, nothing fetched from another host."""
        assert "Traceback" not in self.page.locator("body").inner_text()
        assert self.page.locator('[data-testid="stException"]').count() == 0
        assert self.console_errors == []
        assert self.foreign_requests() == []


def _console_error(visit: Visit, message) -> None:
    if message.type != "error":
        return
    where = (message.location or {}).get("url", "")
    if "404" in message.text and urlsplit(where).path.endswith(BASE_PATH_PROBES):
        return
    visit.console_errors.append(f"{message.text} ({where})")


@pytest.fixture
def app(chromium, server) -> Iterator[Visit]:
    """A fresh browser context on the shared server (own cookies, own Streamlit session)."""
    context = chromium.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-FR")
    page = context.new_page()
    visit = Visit(page, server)
    page.on("request", lambda request: visit.requests.append(request.url))
    page.on("websocket", lambda ws: visit.requests.append(ws.url.replace("ws://", "http://", 1)))
    page.on("console", lambda message: _console_error(visit, message))
    page.on("pageerror", lambda error: visit.console_errors.append(f"page error: {error}"))
    page.on("dialog", lambda dialog: (visit.dialogs.append(dialog.message), dialog.dismiss()))
    yield visit
    context.close()
