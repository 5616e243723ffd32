"""Speed and size of the dashboard against the targets of issues 2 and 3, printed as a table (asserts nothing).

Measured: cold `load_dataset()` in a fresh process (median of 5), the snapshot build, figure JSON sizes, and in
headless Debian chromium: cold server start to the first drawn map, page switch, redraw after an indicator change,
and the server's memory after 10 sessions. Run from the project root: `.venv/bin/python benchmarks/run.py`
(about a minute). Needs /usr/bin/chromium for the browser rows and ../shared/sources for the build row.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.frames import france_value, indicators_for, latest_period, territory_slice  # noqa: E402
from charts.choropleth import choropleth  # noqa: E402
from loaders import load_dataset  # noqa: E402
from loaders.paths import default_raw_root  # noqa: E402
from tests.e2e.harness import CHROMIUM, CHROMIUM_ARGS, Server, start_server, wait_for_map  # noqa: E402

RUNS = 5
SESSIONS = 10
FR = json.loads((ROOT / "i18n" / "fr.json").read_text(encoding="utf-8"))
LOAD = (
    "import time; t0 = time.perf_counter(); from loaders import load_dataset; t1 = time.perf_counter(); "
    "load_dataset(); t2 = time.perf_counter(); print(t1 - t0, t2 - t1)"
)
# What the map shows: the fill of every shape and the colour bar's title; a redraw changes one of them.
MAP_SIGNATURE = """() => [...document.querySelectorAll('path.choroplethlocation')]
    .map(p => getComputedStyle(p).fill).join('|') + (document.querySelector('.cbtitle')?.textContent || '')"""
SCRIPT_DONE = "() => document.querySelector('[data-testid=stApp]')?.dataset.testScriptState === 'notRunning'"


@dataclass
class Row:
    name: str
    value: float | None
    unit: str
    target: float | None = None
    note: str = ""

    def line(self) -> str:
        shown = "n/a" if self.value is None else f"{self.value:,.0f}" if self.value >= 100 else f"{self.value:.3g}"
        target = "" if self.target is None else f"< {self.target:,g}"
        verdict = "" if self.target is None or self.value is None else "ok" if self.value < self.target else "MISSED"
        return f"{self.name:<46}{shown:>10} {self.unit:<4}{target:>10}  {verdict:<7}{self.note}"


def cold_load() -> list[Row]:
    """load_dataset() in fresh interpreters: the call itself, and import + call."""
    runs = []
    for _ in range(RUNS):
        out = subprocess.run([sys.executable, "-c", LOAD], cwd=ROOT, capture_output=True, text=True, check=True)
        runs.append([float(x) for x in out.stdout.split()])
    imports = statistics.median(r[0] for r in runs)
    load = statistics.median(r[1] for r in runs)
    return [
        Row("load_dataset() cold, median of 5", load * 1000, "ms", 300, "imports excluded"),
        Row("import loaders (pandas, pyarrow) cold", imports * 1000, "ms", None, "paid once per process"),
    ]


def build_time() -> list[Row]:
    if not (default_raw_root() / "population").is_dir():
        return [Row("snapshot build", None, "s", None, "raw sources absent")]
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "loaders", "build", "--out", out], cwd=ROOT, check=True,
                       capture_output=True)  # fmt: skip
        return [Row("snapshot build (python -m loaders build)", time.perf_counter() - start, "s")]


def figure_sizes() -> list[Row]:
    """Choropleth JSON of ftth_coverage, and the largest over every indicator, at each level."""
    ds = load_dataset()
    rows = []
    for level, target in (("region", 150), ("department", 600)):
        sizes = {}
        for indicator in indicators_for(ds, (level,))["id"]:
            period = latest_period(ds, indicator, level)
            frame = territory_slice(ds, indicator, level, period)
            fig = choropleth(frame, ds.geometry(level), ds.indicator(indicator), "fr",
                             france=france_value(ds, indicator, period))  # fmt: skip
            sizes[indicator] = len(fig.to_json()) / 1000
        largest = max(sizes, key=sizes.get)
        rows.append(Row(f"{level} map JSON, ftth_coverage", sizes["ftth_coverage"], "kB", target))
        rows.append(Row(f"{level} map JSON, largest of {len(sizes)}", sizes[largest], "kB", target, largest))
    return rows


def median_ms(measure: Callable[[int], float], runs: int = RUNS) -> float:
    return statistics.median(measure(i) for i in range(runs)) * 1000


def browser_rows(log_dir: Path) -> list[Row]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        start = time.perf_counter()
        server = start_server(log_dir)
        try:
            ready = time.perf_counter() - start
            idle = server.rss_mb()
            page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
            page.goto(server.base + "/")
            page.wait_for_selector("h1")
            first_title = time.perf_counter() - start
            wait_for_map(page, 18)
            first_map = time.perf_counter() - start
            rows = [
                Row(
                    "cold server start -> first drawn map",
                    first_map,
                    "s",
                    3.5,
                    f"healthy {ready:.2f} s, title {first_title:.2f} s",
                ),
                warm_server_fresh_browser(browser, server),
                *page_switch(page),
                redraw(page, server),
                Row("server memory, idle", idle, "MB"),
                sessions_memory(browser, server),
            ]
        finally:
            server.stop()
            browser.close()
    return rows


def warm_server_fresh_browser(browser, server: Server) -> Row:
    """A new visitor on a running server: plotly.js and the figure come over the wire again, the data is cached."""
    timings = []
    for _ in range(3):
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        start = time.perf_counter()
        page.goto(server.base + "/")
        wait_for_map(page, 18)
        timings.append(time.perf_counter() - start)
        context.close()
    return Row("warm server, new visitor -> map drawn, median of 3", statistics.median(timings), "s")


def page_switch(page) -> list[Row]:
    """Click sidebar links in turn; time to the new page's title, and to its script's end with its map drawn."""
    targets = [("nav.map", True), ("nav.sources", False), ("nav.overview", True), ("nav.fracture", False)] * 2
    to_title, to_done = [], []
    for key, has_map in targets:
        link = page.locator('[data-testid="stSidebarNav"] a', has_text=FR[key]).first
        expected = FR["app.title"] if key == "nav.overview" else FR[key]
        start = time.perf_counter()
        link.click()
        page.wait_for_function("t => document.querySelector('h1')?.innerText.trim() === t", arg=expected)
        to_title.append(time.perf_counter() - start)
        page.wait_for_function(SCRIPT_DONE)
        if has_map:
            wait_for_map(page, 18)
        to_done.append(time.perf_counter() - start)
    return [
        Row(f"page switch -> new page's title, median of {len(targets)}", statistics.median(to_title), "s", 1.0),
        Row("page switch -> script done (+ map drawn)", statistics.median(to_done), "s", 1.0, "max "
            f"{max(to_done):.2f} s"),
    ]  # fmt: skip


def redraw(page, server: Server) -> Row:
    """On Carte, pick another indicator in the selectbox; time until the map's fills or colour bar change."""
    page.goto(server.base + "/carte")
    wait_for_map(page, 18)
    page.wait_for_function(SCRIPT_DONE)
    ds = load_dataset()
    labels = [ds.indicator(i).label["fr"] for i in ("gigabit_eligibility", "thd30_eligibility", "ftth_coverage")]
    timings = []
    for label in labels * 2:
        before = page.evaluate(MAP_SIGNATURE)
        page.get_by_role("combobox", name=FR["common.indicator"]).first.click()
        option = page.get_by_role("option").filter(has_text=label).first
        option.wait_for()
        start = time.perf_counter()
        option.click()
        page.wait_for_function(f"b => ({MAP_SIGNATURE})() !== b", arg=before, polling="raf")
        timings.append(time.perf_counter() - start)
        page.wait_for_function(SCRIPT_DONE)
    return Row(f"redraw after indicator change, median of {len(timings)}", statistics.median(timings) * 1000, "ms",
               300, f"min {min(timings) * 1000:.0f}, max {max(timings) * 1000:.0f} ms")  # fmt: skip


def sessions_memory(browser, server: Server) -> Row:
    """Open SESSIONS more browser sessions on the overview (map drawn), then read the server's RSS."""
    contexts = []
    for _ in range(SESSIONS):
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.goto(server.base + "/")
        wait_for_map(page, 18)
        contexts.append(context)
    rss = server.rss_mb()
    for context in contexts:
        context.close()
    return Row(f"server memory after {SESSIONS} more sessions (RSS)", rss, "MB", 400, "sessions still open")


def main() -> None:
    started = time.perf_counter()
    rows = cold_load() + build_time() + figure_sizes()
    if CHROMIUM.exists():
        with tempfile.TemporaryDirectory() as logs:
            rows += browser_rows(Path(logs))
    else:
        rows.append(Row("browser measurements", None, "", None, f"{CHROMIUM} absent: apt-get install chromium"))
    print(f"{'measure':<46}{'value':>10} {'unit':<4}{'target':>10}  {'':<7}note")
    for row in rows:
        print(row.line())
    print(f"\n(total {time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
