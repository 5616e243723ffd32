"""Two replicas of the production entry (`uvicorn server:app`) behind Debian's nginx with the repository's
configuration: concurrent sessions spread over both and stick to theirs; when one replica dies, its sessions
reconnect to the other and work again, and the other's sessions never notice."""

from __future__ import annotations

import json
import secrets
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from serving.nginx import NGINX
from tests.e2e.harness import Server, ServerError, start_nginx, start_server, wait_for_map

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
FR = json.loads((ROOT / "i18n" / "fr.json").read_text(encoding="utf-8"))
SESSIONS = 10
TIMEOUT = 180_000  # ten sessions share two cores with both replicas: a bound for failure, not a measurement
CONNECTED = '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'
SCRIPT_DONE = "() => document.querySelector('[data-testid=stApp]')?.dataset.testScriptState === 'notRunning'"
# Records every connection state the page goes through from now on (Streamlit's own data attribute).
WATCH_CONNECTION = """() => {
  const app = document.querySelector('[data-testid=stApp]');
  window.atlasStates = [];
  new MutationObserver(() => window.atlasStates.push(app.dataset.testConnectionState))
    .observe(app, {attributes: true, attributeFilter: ['data-test-connection-state']});
}"""
MARK_MAP = "() => document.querySelectorAll('path.choroplethlocation').forEach(p => p.dataset.before = '1')"
NEW_MAP = "() => document.querySelectorAll('path.choroplethlocation:not([data-before])').length >= 18"


@dataclass
class Cluster:
    proxy: Server
    replicas: list[Server]

    def upstream(self, replica: Server) -> str:
        return urlsplit(replica.base).netloc

    def routes(self) -> dict[str, set[str]]:
        """Replica address(es) nginx sent each routing cookie to, from its access log (failed attempts excluded)."""
        served = defaultdict(set)
        for line in (self.proxy.log.parent / "access.log").read_text().splitlines():
            route, upstreams, status = line.split()[:3]
            if status != "502":
                served[route].add(upstreams.split(",")[-1].strip())
        return served


@dataclass
class Session:
    context: object
    page: object
    requests: list[str]

    def route(self) -> str:
        return next(c["value"] for c in self.context.cookies() if c["name"] == "atlas_route")

    def assert_clean(self, host: str) -> None:
        assert "Traceback" not in self.page.locator("body").inner_text()
        assert self.page.locator('[data-testid="stException"]').count() == 0
        foreign = [u for u in self.requests if not u.startswith(("data:", "blob:")) and urlsplit(u).netloc != host]
        assert foreign == []


@pytest.fixture(scope="module")
def cluster(chromium, tmp_path_factory) -> Iterator[Cluster]:
    if not Path(NGINX).exists():
        pytest.skip(f"{NGINX} is absent: install Debian's nginx (make system-deps) to run the replica test")
    folder = tmp_path_factory.mktemp("replicas")
    shared = {"STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(16)}  # as deploy/compose.yaml requires
    started: list[Server] = []
    try:
        for _ in range(2):
            started.append(start_server(folder, asgi=True, env=shared))
        proxy = start_nginx(folder / "nginx", [urlsplit(r.base).netloc for r in started])
        started.append(proxy)
    except ServerError as exc:
        for server in started:
            server.stop()
        pytest.fail(str(exc))
    yield Cluster(proxy, started[:2])
    for server in started:
        if server.process.poll() is None:
            server.stop()


def open_session(chromium, url: str) -> Session:
    context = chromium.new_context(viewport={"width": 1200, "height": 900}, locale="fr-FR")
    page = context.new_page()
    session = Session(context, page, [])
    page.on("request", lambda request: session.requests.append(request.url))
    page.on("websocket", lambda ws: session.requests.append(ws.url.replace("ws://", "http://", 1)))
    page.goto(url, wait_until="commit")
    return session


# The home page draws two region maps: the infrastructure-usage gap and one indicator.
HOME_SHAPES = 2 * 18


def open_map_page(session: Session) -> None:
    """Switch to the Carte page through the sidebar (over the websocket, no reload) and wait for its new map."""
    session.page.evaluate(MARK_MAP)
    session.page.locator('[data-testid="stSidebarNav"] a').filter(has_text=FR["nav.map"]).click()
    session.page.wait_for_function(NEW_MAP, timeout=TIMEOUT)


def test_unknown_path_lands_on_home_in_the_interface_language(chromium, cluster: Cluster):
    """Streamlit's "Page not found" is English-only: the server sends an unknown path home, query string kept."""
    session = open_session(chromium, cluster.proxy.base + "/pas-une-page?lang=en")
    try:
        assert wait_for_map(session.page, HOME_SHAPES, timeout=TIMEOUT) == HOME_SHAPES
        session.page.wait_for_function(SCRIPT_DONE, timeout=TIMEOUT)
        assert urlsplit(session.page.url).path == "/"
        assert "lang=en" in urlsplit(session.page.url).query
        assert "Page not found" not in session.page.locator("body").inner_text()
        session.assert_clean(urlsplit(cluster.proxy.base).netloc)
    finally:
        session.context.close()


def test_sessions_stick_to_two_replicas_and_survive_losing_one(chromium, cluster: Cluster):
    host = urlsplit(cluster.proxy.base).netloc
    sessions = [open_session(chromium, cluster.proxy.base + "/") for _ in range(SESSIONS)]
    try:
        for session in sessions:
            assert wait_for_map(session.page, HOME_SHAPES, timeout=TIMEOUT) == HOME_SHAPES
            session.page.wait_for_function(SCRIPT_DONE, timeout=TIMEOUT)
            session.assert_clean(host)

        routes = cluster.routes()
        served_by = {}
        for session in sessions:
            upstreams = routes[session.route()]
            assert len(upstreams) == 1, f"a session was spread over {upstreams}: sticky sessions are broken"
            served_by[session.route()] = upstreams.pop()
        by_replica = {cluster.upstream(r): [s for s in sessions if served_by[s.route()] == cluster.upstream(r)]
                      for r in cluster.replicas}  # fmt: skip
        assert all(by_replica.values()), f"one replica served every session: {served_by}"

        victim, survivor = cluster.replicas
        for session in sessions:
            session.page.evaluate(WATCH_CONNECTION)
        victim.process.kill()
        victim.process.wait(timeout=10)

        moved = by_replica[cluster.upstream(victim)]
        for session in moved:
            # Streamlit's client notices the lost websocket, reconnects through nginx, and the page runs again.
            session.page.wait_for_function("() => window.atlasStates.length > 0", timeout=TIMEOUT)
            session.page.wait_for_selector(CONNECTED, timeout=TIMEOUT)
            session.page.wait_for_function(SCRIPT_DONE, timeout=TIMEOUT)
        for session in sessions:
            open_map_page(session)
            session.assert_clean(host)

        after = cluster.routes()
        for session in moved:
            assert cluster.upstream(survivor) in after[session.route()], "a moved session did not reach the survivor"
        for session in by_replica[cluster.upstream(survivor)]:
            assert session.page.evaluate("() => window.atlasStates") == [], "a survivor's session lost its connection"
            assert after[session.route()] == {cluster.upstream(survivor)}
    finally:
        for session in sessions:
            session.context.close()
