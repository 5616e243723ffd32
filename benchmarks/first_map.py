"""The served dashboard against the common Streamlit pattern, side by side in one run (issue 11); asserts nothing.

Ours: `python -m uvicorn server:app` (pre-compressed, cacheable assets). Theirs: `benchmarks/baseline/app.py` under
plain `streamlit run` (full-resolution GeoJSON from ../shared/sources/geo, px.choropleth, offline topojson fix).
Each load is a fresh browser context (cold cache), the two apps alternate, medians of RUNS loads:
time to the first drawn map on localhost and throttled to 10 Mbit/s / 40 ms (CDP Network.emulateNetworkConditions),
a warm return visit, a timeline of one throttled load, bytes on the wire, and our server's RSS after 20 sessions.
Run from the project root: `.venv/bin/python benchmarks/first_map.py` (a few minutes).
"""

from __future__ import annotations

import base64
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from loaders.paths import default_raw_root  # noqa: E402
from tests.e2e.harness import CHROMIUM, CHROMIUM_ARGS, Server, free_port, spawn, start_server  # noqa: E402

RUNS = 5
SESSIONS = 20
REGIONS = 18
BASELINE = ROOT / "benchmarks" / "baseline"
GEOJSON = default_raw_root() / "geo" / "france-geojson" / "regions-avec-outre-mer.geojson"
NETWORKS = {"localhost": None, "10 Mbit/s, 40 ms": {"latency": 40, "downloadThroughput": 10e6 / 8,
                                                     "uploadThroughput": 10e6 / 8}}  # fmt: skip
# Set before any script of the page runs: the moment (ms after navigation start) the map has all its shapes.
MAP_CLOCK = f"""(() => {{
  window.atlasMapDrawn = null;
  const poll = () => document.querySelectorAll('path.choroplethlocation').length >= {REGIONS}
    ? (window.atlasMapDrawn = performance.now()) : requestAnimationFrame(poll);
  poll();
}})();"""


@dataclass
class Load:
    """One page load seen through the DevTools protocol (times in ms after the document request)."""

    map_ms: float = 0.0
    http_bytes: int = 0
    ws_bytes: int = 0
    events: dict[str, float] = field(default_factory=dict)
    frames: list[float] = field(default_factory=list)
    _start: float | None = None
    _plotly: set[str] = field(default_factory=set)

    def _ms(self, timestamp: float) -> float:
        return (timestamp - self._start) * 1000

    def on_request(self, event: dict) -> None:
        if self._start is None:
            self._start = event["timestamp"]
            self.events["HTML requested"] = 0.0
        if "/PlotlyChart." in event["request"]["url"]:
            self._plotly.add(event["requestId"])
            self.events.setdefault("Plotly bundle requested", self._ms(event["timestamp"]))

    def on_finished(self, event: dict) -> None:
        if self._start is None:  # a request of the previous load, finishing late
            return
        self.http_bytes += int(event["encodedDataLength"])
        if event["requestId"] in self._plotly:
            self.events["Plotly bundle received"] = self._ms(event["timestamp"])
        self.events.setdefault("HTML received", self._ms(event["timestamp"]))

    def on_ws_open(self, event: dict) -> None:
        if self._start is None:
            return
        self.events.setdefault("websocket open", self._ms(event["timestamp"]))

    def on_frame(self, event: dict) -> None:
        if self._start is None:
            return
        payload = event["response"]["payloadData"]
        self.ws_bytes += len(base64.b64decode(payload)) if event["response"]["opcode"] == 2 else len(payload)
        self.frames.append(self._ms(event["timestamp"]))

    def timeline(self) -> dict[str, float]:
        deltas = [t for t in self.frames if t <= self.map_ms]
        return (
            self.events
            | ({"last script delta before the map": max(deltas)} if deltas else {})
            | {"map drawn": self.map_ms}
        )


def load(browser, url: str, network: dict | None, warm: bool = False) -> tuple[Load, Load | None]:
    """A cold load in a fresh context (and, with `warm`, a return visit in the same context)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.add_init_script(MAP_CLOCK)
    try:
        loads = []
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        if network:
            cdp.send("Network.emulateNetworkConditions", {"offline": False, **network})
        for _ in range(2 if warm else 1):
            seen = Load()
            cdp.on("Network.requestWillBeSent", seen.on_request)
            cdp.on("Network.loadingFinished", seen.on_finished)
            cdp.on("Network.webSocketHandshakeResponseReceived", seen.on_ws_open)
            cdp.on("Network.webSocketFrameReceived", seen.on_frame)
            page.goto(url, wait_until="commit")
            page.wait_for_function("() => window.atlasMapDrawn !== null", timeout=180_000)
            seen.map_ms = page.evaluate("window.atlasMapDrawn")
            page.wait_for_load_state("networkidle")
            for name, handler in (("Network.requestWillBeSent", seen.on_request),
                                  ("Network.loadingFinished", seen.on_finished),
                                  ("Network.webSocketHandshakeResponseReceived", seen.on_ws_open),
                                  ("Network.webSocketFrameReceived", seen.on_frame)):  # fmt: skip
                cdp.remove_listener(name, handler)
            loads.append(seen)
        return loads[0], loads[1] if warm else None
    finally:
        context.close()


def start_baseline(log_dir: Path) -> Server:
    """`streamlit run app.py` in benchmarks/baseline with Streamlit's defaults plus static serving."""
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.port",
               str(port), "--server.address", "127.0.0.1", "--server.enableStaticServing", "true",
               "--browser.gatherUsageStats", "false"]  # fmt: skip
    return spawn(command, log_dir / f"baseline-{port}.log", f"http://127.0.0.1:{port}", cwd=BASELINE,
                 env={"ATLAS_BASELINE_GEOJSON": str(GEOJSON)})  # fmt: skip


def rss_after_sessions(browser, server: Server) -> float:
    """Server RSS (MB) with SESSIONS browser sessions open at once, each with its map drawn."""
    contexts = [browser.new_context(viewport={"width": 1200, "height": 900}) for _ in range(SESSIONS)]
    pages = [context.new_page() for context in contexts]
    for page in pages:
        page.goto(server.base + "/", wait_until="commit")
    for page in pages:
        page.wait_for_function(f"() => document.querySelectorAll('path.choroplethlocation').length >= {REGIONS}",
                               timeout=300_000)  # fmt: skip
    rss = server.rss_mb()
    for context in contexts:
        context.close()
    return rss


def table(results: dict, warm: dict, timeline: dict[str, dict[str, float]], rss: float) -> None:
    seconds = {key: statistics.median(x.map_ms for x in loads) / 1000 for key, loads in results.items()}
    print(f"{'first drawn map, cold cache (median of ' + str(RUNS) + ')':<44}{'ours':>9}{'common':>9}{'speed-up':>10}"
          "  target")  # fmt: skip
    for network in NETWORKS:
        ours, theirs = seconds[("ours", network)], seconds[("common", network)]
        target = "≥ 2.5×, < 4.5 s" if network != "localhost" else "≥ 1.0×"
        print(f"{'  ' + network:<44}{ours:>8.2f}s{theirs:>8.2f}s{theirs / ours:>9.2f}×  {target}")
    warm_ours, warm_theirs = (statistics.median(x.map_ms for x in warm[k]) / 1000 for k in ("ours", "common"))
    print(f"{'  return visit, warm cache, localhost':<44}{warm_ours:>8.2f}s{warm_theirs:>8.2f}s"
          f"{warm_theirs / warm_ours:>9.2f}×")  # fmt: skip
    print(f"\n{'bytes on the wire, first map page (median)':<44}{'ours':>9}{'common':>9}  target")
    for label, attribute in (("  HTTP (encoded, with headers)", "http_bytes"),
                             ("  websocket payloads (before permessage-deflate)", "ws_bytes")):  # fmt: skip
        ours, theirs = (statistics.median(getattr(x, attribute) for x in results[(k, "localhost")]) / 1e6
                        for k in ("ours", "common"))  # fmt: skip
        print(f"{label:<44}{ours:>7.2f}MB{theirs:>7.2f}MB  {'< 2.5 MB in all' if attribute == 'http_bytes' else ''}")
    print(f"\n{'server RSS after ' + str(SESSIONS) + ' concurrent sessions (ours)':<44}{rss:>7.0f}MB  target < 400 MB")
    for app, events in timeline.items():
        print(f"\ntimeline of one load at 10 Mbit/s / 40 ms, {app} (ms after the HTML request)")
        for name, ms in sorted(events.items(), key=lambda item: item[1]):
            print(f"  {ms:>8.0f}  {name}")


def main() -> None:
    if not GEOJSON.exists():
        sys.exit(f"skipped: {GEOJSON} is absent (the common pattern reads the full-resolution GeoJSON)")
    if not CHROMIUM.exists():
        sys.exit(f"skipped: {CHROMIUM} is absent (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as logs, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        servers = {"ours": start_server(Path(logs), asgi=True), "common": start_baseline(Path(logs))}
        try:
            for server in servers.values():  # one throwaway load each: imports, caches, first compression
                load(browser, server.base + "/", None)
            results = {(app, network): [] for app in servers for network in NETWORKS}
            warm = {app: [] for app in servers}
            for run in range(RUNS):
                order = list(servers) if run % 2 == 0 else list(servers)[::-1]
                for network, conditions in NETWORKS.items():
                    for app in order:
                        cold, again = load(browser, servers[app].base + "/", conditions, warm=conditions is None)
                        results[(app, network)].append(cold)
                        if again:
                            warm[app].append(again)
            timeline = {app: results[(app, "10 Mbit/s, 40 ms")][-1].timeline() for app in servers}
            rss = rss_after_sessions(browser, servers["ours"])
        finally:
            for server in servers.values():
                server.stop()
            browser.close()
    table(results, warm, timeline, rss)
    print(f"\n(total {time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
