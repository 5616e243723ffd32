"""The European map against the French regions' map, on the same machine and server run (issue 14).

Measured: the European map's figure JSON (every Eurostat indicator at its every comparable year: the largest, and
the default view) against the target of 600 kB; in headless Debian chromium, the time from navigation to the drawn
map for /europe and for /carte (18 regions), alternated, fresh browser context each time (median of 5), against the
target "within 1 s of the French map". Run from the project root: `.venv/bin/python benchmarks/europe.py`.
Prints a table; asserts nothing.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.europe import (  # noqa: E402
    FRENCH_NUTS2,
    boundary_index,
    comparable_periods,
    europe_indicators,
    map_units,
    nuts_facts,
)
from benchmarks.run import Row  # noqa: E402
from charts.europe import europe_map  # noqa: E402
from loaders import load_dataset  # noqa: E402
from tests.e2e.harness import CHROMIUM, CHROMIUM_ARGS, start_server, wait_for_map  # noqa: E402

RUNS = 5
LEVELS = ("nuts0", "nuts1", "nuts2")
# Shapes each page draws by default: the 18 regions; the European units of the default view (weekly use, 2022).
PAGES = {"/carte": 18, "/europe": 190}


def figure_sizes() -> list[Row]:
    ds = load_dataset()
    geojsons = {level: ds.geometry(level) for level in LEVELS}
    boundaries = boundary_index(geojsons)
    sizes = {}
    for indicator in europe_indicators(ds.facts):
        rows = nuts_facts(ds.facts, indicator)
        for period in comparable_periods(rows):
            units = map_units(rows, period, boundaries)
            fig = europe_map(units, geojsons, ds.indicator(indicator), "fr", french=FRENCH_NUTS2, selected="FR10")
            sizes[(indicator, period)] = len(fig.to_json()) / 1000
    largest = max(sizes, key=sizes.get)
    return [
        Row("European map JSON, internet_weekly_use 2022", sizes[("internet_weekly_use", "2022")], "kB", 600),
        Row(f"European map JSON, largest of {len(sizes)}", sizes[largest], "kB", 600, " ".join(largest)),
    ]


def time_to_map(browser, base: str, path: str, shapes: int) -> float:
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    start = time.perf_counter()
    page.goto(base + path)
    wait_for_map(page, shapes)
    elapsed = time.perf_counter() - start
    context.close()
    return elapsed


def browser_rows() -> list[Row]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw, tempfile.TemporaryDirectory() as logs:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        server = start_server(Path(logs))
        try:
            for path, shapes in PAGES.items():  # warm-up: the data cache and the first plotly bundle
                time_to_map(browser, server.base, path, shapes)
            timings: dict[str, list[float]] = {path: [] for path in PAGES}
            for _ in range(RUNS):
                for path, shapes in PAGES.items():
                    timings[path].append(time_to_map(browser, server.base, path, shapes))
        finally:
            server.stop()
            browser.close()
    french, europe = (statistics.median(timings[p]) for p in PAGES)
    spread = {p: f"min {min(t):.2f}, max {max(t):.2f} s" for p, t in timings.items()}
    return [
        Row(f"/carte -> 18 regions drawn, median of {RUNS}", french, "s", None, spread["/carte"]),
        Row(f"/europe -> European map drawn, median of {RUNS}", europe, "s", None, spread["/europe"]),
        Row("European minus French map", europe - french, "s", 1.0, "same server, alternated"),
    ]


def main() -> None:
    rows = figure_sizes()
    if CHROMIUM.exists():
        rows += browser_rows()
    else:
        rows.append(Row("browser measurements", None, "", None, f"{CHROMIUM} absent: apt-get install chromium"))
    print(f"{'measure':<46}{'value':>10} {'unit':<4}{'target':>10}  {'':<7}note")
    for row in rows:
        print(row.line())


if __name__ == "__main__":
    main()
