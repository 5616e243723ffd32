"""The dashboard in a real browser (Debian's chromium): pages render, maps draw, nothing is fetched from elsewhere,
clicks select regions, links restore views."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import quote

import pyarrow.parquet as pq
import pytest

from tests.e2e.conftest import Visit, launch_server

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
FR = json.loads((ROOT / "i18n" / "fr.json").read_text(encoding="utf-8"))
EN = json.loads((ROOT / "i18n" / "en.json").read_text(encoding="utf-8"))
INDICATORS = {i["id"]: i for i in json.loads((ROOT / "data" / "indicators.json").read_text(encoding="utf-8"))}
# The default page (Vue d'ensemble) lives at the root: Streamlit ignores url_path for the default page.
PATHS = [
    "/",
    "/carte",
    "/infrastructures-usages",
    "/indice",
    "/evolution",
    "/fiche-region",
    "/comparer",
    "/europe",
    "/sources",
]

# A point inside a region's shape (plotly geo covers the map with a drag layer, so hit-testing the DOM is useless):
# scan the path's bounding box for a point in its fill and return it in page coordinates.
POINT_INSIDE = """(code) => {
  const path = [...document.querySelectorAll('path.choroplethlocation')].find(p => p.__data__?.loc === code);
  if (!path) return null;
  path.scrollIntoView({block: 'center'});
  const box = path.getBBox(), ctm = path.getScreenCTM();
  for (const fx of [0.5, 0.4, 0.6, 0.3, 0.7]) for (const fy of [0.5, 0.4, 0.6, 0.3, 0.7]) {
    const point = new DOMPoint(box.x + box.width * fx, box.y + box.height * fy);
    if (path.isPointInFill(point)) { const s = point.matrixTransform(ctm); return {x: s.x, y: s.y}; }
  }
  return null;
}"""


def click_inside(app: Visit, code: str) -> None:
    """A real mouse click inside a territory's shape on the map."""
    point = app.page.evaluate(POINT_INSIDE, code)
    assert point, f"no clickable point found inside {code}"
    app.page.mouse.click(point["x"], point["y"])


def assert_local_basemap(app: Visit) -> None:
    topojson = [u for u in app.requests if u.endswith("world_110m.json")]
    assert topojson and all(u.startswith(app.base) for u in topojson), "plotly's basemap must come from the app"


def heading(app: Visit) -> str:
    return app.page.locator("h1").first.inner_text().strip()


@pytest.mark.parametrize("path", PATHS)
def test_every_page_renders_cleanly(app: Visit, path: str):
    app.open(path)
    app.page.wait_for_load_state("networkidle")
    title = heading(app)
    assert title in FR.values(), f"page title {title!r} does not come from the catalogue (placeholder page?)"
    app.assert_clean()


def test_region_map_draws_18_regions(app: Visit):
    app.open("/carte")
    assert app.map_paths(18) == 18
    app.assert_clean()


def test_home_page_shows_the_gap_map_in_the_first_viewport(app: Visit):
    app.page.set_viewport_size({"width": 1440, "height": 900})
    app.open("/")
    app.map_paths(36)  # the gap map and the indicator map, 18 regions each
    first = app.page.locator(".js-plotly-plot").first
    box = first.bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 900, box
    fills = first.evaluate(
        "el => [...el.querySelectorAll('path.choroplethlocation')].map(p => getComputedStyle(p).fill)"
    )
    assert len(fills) == 18 and len(set(fills)) > 5, "a real gap map, coloured region by region"
    colourbar = first.evaluate("el => el.querySelector('.cbtitle')?.textContent || ''")
    assert "points" in colourbar
    app.assert_clean()


def test_department_map_draws_101_departments(app: Visit):
    app.open("/carte?level=department")
    assert app.map_paths(101) == 101
    app.assert_clean()


def test_european_map_draws_its_regions_from_the_app_host_only(app: Visit):
    """NUTS 2 regions (Germany, Greece, Poland, the UK and Türkiye at NUTS 1 for daily use in 2019), all offline."""
    app.open("/europe")
    assert app.map_paths(190) >= 190
    app.open("/europe?indicator=internet_daily_use&period=2019")
    assert app.map_paths(230) >= 230
    outlined = app.page.evaluate(
        "() => [...document.querySelectorAll('path.choroplethlocation')].filter(p => p.__data__?.loc?.startsWith('FR'))"
        ".length"
    )
    assert outlined >= 22, "the French NUTS 2 regions are drawn (and outlined)"
    app.page.wait_for_load_state("networkidle")
    app.assert_clean()
    assert_local_basemap(app)


def test_clicking_a_french_region_on_the_european_map_follows_it(app: Visit):
    app.open("/europe")
    app.map_paths(190)
    click_inside(app, "FRH0")
    app.page.wait_for_function("() => new URLSearchParams(location.search).get('region') === 'FRH0'", timeout=15_000)
    app.settle()
    assert app.page.get_by_role("heading", name=re.compile("^Bretagne face aux régions d'Europe")).count() == 1
    app.assert_clean()


def test_no_request_leaves_the_app_host(app: Visit):
    """Offline safety of the whole app: every page, both map levels, both languages, in one browser session."""
    app.open("/")
    app.map_paths(18)
    for path in PATHS[1:]:
        app.open(path)
        app.page.wait_for_load_state("networkidle")
    app.open("/carte?level=department&lang=en")
    app.map_paths(101)
    app.page.wait_for_load_state("networkidle")
    assert app.foreign_requests() == []
    assert_local_basemap(app)


def test_clicking_a_region_opens_its_profile(app: Visit):
    app.open("/")
    app.map_paths(18)
    click_inside(app, "84")
    app.page.wait_for_url(re.compile(r".*/fiche-region.*"), timeout=15_000)
    app.page.wait_for_function("() => new URLSearchParams(location.search).get('region') === '84'", timeout=10_000)
    app.settle()
    app.assert_clean()


def test_link_restores_indicator_and_level(app: Visit):
    app.open("/carte?indicator=gigabit_eligibility&level=department")
    assert app.map_paths(101) == 101
    picker = app.page.get_by_role("combobox", name=FR["common.indicator"]).first
    assert INDICATORS["gigabit_eligibility"]["label_fr"] in picker.input_value()
    level = app.page.locator('[data-testid="stRadio"]').filter(has_text=FR["common.level"]).first
    assert level.locator("input:checked").count() == 1
    assert FR["common.level.department"] in level.locator("label:has(input:checked)").inner_text()
    app.assert_clean()


def test_lang_en_switches_labels_to_english(app: Visit):
    app.open("/?lang=en")
    assert heading(app) == EN["app.title"]
    nav = app.page.locator('[data-testid="stSidebarNav"]').inner_text()
    for key in ("nav.overview", "nav.map", "nav.sources"):
        assert EN[key] in nav
    assert FR["nav.overview"] not in nav
    app.assert_clean()


def test_present_hides_the_sidebar(app: Visit):
    app.open("/?present=1")
    app.map_paths(18)
    assert not app.page.locator('[data-testid="stSidebar"]').is_visible()
    assert app.page.get_by_role("button", name=FR["chrome.presenter_exit"]).is_visible()
    app.assert_clean()


def test_hostile_indicator_shows_a_notice_and_no_traceback(app: Visit):
    app.open("/carte?indicator=" + quote("<script>alert(1)</script>"))
    notice = app.page.locator('[data-testid="stAlert"]').first
    notice.wait_for(timeout=10_000)
    assert "indicator" in notice.inner_text()
    assert app.dialogs == []
    assert not app.page.evaluate("() => document.body.innerHTML.includes('<script>alert(1)')")
    app.assert_clean()


def test_deep_link_as_first_request_of_a_fresh_server(chromium, tmp_path):
    """A shared link is often the first thing a fresh server sees: it must open that page, not crash."""
    server = launch_server(tmp_path)
    try:
        context = chromium.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.goto(server.base + "/sources?indicator=gigabit_eligibility")
        page.wait_for_selector('h1, [data-testid="stException"]', timeout=20_000)
        shown = page.locator('[data-testid="stMain"]').inner_text()[:300]
        assert page.locator('[data-testid="stException"]').count() == 0, shown
        assert page.locator("h1").first.inner_text().strip() == FR["nav.sources"]
        context.close()
    finally:
        server.stop()


def test_sources_page_downloads_the_facts_as_csv(app: Visit):
    """The download is built on click (data=callable), which only a browser exercises."""
    app.open("/sources")
    app.page.get_by_role("tab", name=FR["sources.tab.data"]).click()
    with app.page.expect_download(timeout=20_000) as info:
        app.page.get_by_role("button", name=FR["sources.download_csv"]).click()
    raw = Path(info.value.path()).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf# ")  # UTF-8 BOM, then the provenance rows
    lines = raw.decode("utf-8-sig").splitlines()
    header = lines.index("level,code,name,indicator,period,value,flag")
    facts = pq.read_metadata(ROOT / "data" / "facts.parquet").num_rows
    assert len(lines) - header - 1 == facts
    app.assert_clean()
