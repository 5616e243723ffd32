"""The dashboard in a real browser (Debian's chromium): pages render, maps draw, nothing is fetched from elsewhere,
clicks select regions, links restore views."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import quote

import pandas as pd
import pyarrow.parquet as pq
import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import Visit, launch_server

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
FR = json.loads((ROOT / "i18n" / "fr.json").read_text(encoding="utf-8"))
EN = json.loads((ROOT / "i18n" / "en.json").read_text(encoding="utf-8"))
INDICATORS = {i["id"]: i for i in json.loads((ROOT / "data" / "indicators.json").read_text(encoding="utf-8"))}
# The map's indicator and its first regional periods, read from the snapshot the server serves.
MAP_INDICATOR = next(i for i, ind in INDICATORS.items() if "map" in ind["presentation"]["defaults"])
_facts = pq.read_table(ROOT / "data" / "facts.parquet", columns=["level", "indicator", "period"]).to_pandas()
MAP_PERIODS = sorted(set(_facts.loc[(_facts["indicator"] == MAP_INDICATOR) & (_facts["level"] == "region"), "period"]))
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
    "/vos-donnees",
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
    """A real mouse click inside a territory's shape on the map, once the script has stopped running: on a slow
    machine a click made while the first run is still syncing the URL was seen lost (the chart is redrawn)."""
    app.settle()
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
    assert app.map_paths(105) == 105  # 101 departments and the enlarged copies of 75, 92, 93, 94
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
    app.page.wait_for_url(re.compile(r".*/fiche-region.*"), timeout=30_000)
    app.page.wait_for_function("() => new URLSearchParams(location.search).get('region') === '84'", timeout=10_000)
    app.settle()
    app.assert_clean()


def test_link_restores_indicator_and_level(app: Visit):
    app.open("/carte?indicator=gigabit_eligibility&level=department")
    assert app.map_paths(105) == 105  # 101 departments and the enlarged copies of 75, 92, 93, 94
    picker = app.page.get_by_role("combobox", name=FR["common.indicator"]).first
    assert INDICATORS["gigabit_eligibility"]["label"]["fr"] in picker.input_value()
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
    back = pd.read_csv(Path(info.value.path()), dtype={"code": str})
    assert list(back.columns) == ["level", "code", "name", "indicator", "period", "value", "flag"]
    assert len(back) == pq.read_metadata(ROOT / "data" / "facts.parquet").num_rows
    assert {"01", "2A", "971"} <= set(back["code"])  # codes stay text, leading zeros kept
    assert pd.api.types.is_float_dtype(back["value"])
    with app.page.expect_download(timeout=20_000) as info:
        app.page.get_by_role("button", name=FR["export.sources_txt"]).click()
    assert "ARCEP" in Path(info.value.path()).read_text(encoding="utf-8")
    app.assert_clean()


# Visible texts on screen smaller than a given size (HTML elements with their own text, and SVG texts).
SMALL_TEXTS = """(smallest) => { const out = [];
  for (const el of document.querySelectorAll('[data-testid="stMain"] *')) {
    if (![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (!box.width || !box.height || style.visibility === 'hidden' || style.opacity === '0') continue;
    if (parseFloat(style.fontSize) < smallest)
      out.push(`${el.tagName} ${style.fontSize} ${el.textContent.trim().slice(0, 30)}`);
  }
  return out; }"""


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/carte",
        "/infrastructures-usages",
        "/indice",
        "/evolution",
        "/fiche-region?region=53",
        "/comparer?region=53,76,94",
        "/europe",
    ],
)
def test_presenter_mode_fits_the_main_chart_on_one_full_hd_screen(app: Visit, path: str):
    app.page.set_viewport_size({"width": 1920, "height": 1080})
    app.open(path + ("&" if "?" in path else "?") + "present=1")
    app.page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
    box = app.page.locator(".js-plotly-plot").first.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= 1080, box
    assert box["x"] >= 0 and box["x"] + box["width"] <= 1920, box
    assert app.page.evaluate(SMALL_TEXTS, 18) == []
    assert app.page.get_by_test_id("stSidebar").count() == 0 or not app.page.get_by_test_id("stSidebar").is_visible()


def test_presenter_mode_moves_to_the_next_page_and_stays_in_presenter_mode(app: Visit):
    app.page.set_viewport_size({"width": 1920, "height": 1080})
    app.open("/carte?present=1")
    app.page.get_by_role("link", name=re.compile(re.escape(FR["nav.fracture"]))).click()
    app.page.wait_for_url(re.compile(r".*/infrastructures-usages.*present=1.*"), timeout=15_000)
    app.settle()
    assert app.page.locator("h1").first.inner_text().strip() == FR["nav.fracture"]
    app.page.get_by_role("link", name=re.compile(re.escape(FR["nav.map"]))).click()
    app.page.wait_for_url(re.compile(r".*/carte.*present=1.*"), timeout=15_000)
    app.assert_clean()


def click_region(app: Visit, code: str) -> None:
    point = app.page.evaluate(POINT_INSIDE, code)
    assert point, f"no clickable point found inside {code}"
    app.page.mouse.click(point["x"], point["y"])


def region_in_url(app: Visit, code: str | None) -> None:
    """Wait until the URL names this region (None: no region), then for the run to end."""
    test = f"get('region') === '{code}'" if code else "has('region') === false"
    app.page.wait_for_function(f"() => new URLSearchParams(location.search).{test}", timeout=15_000)
    app.settle()


def test_a_click_on_the_selected_region_clears_it_and_the_map_is_never_washed_out(app: Visit):
    app.open("/carte")
    app.map_paths(18)
    click_region(app, "84")
    region_in_url(app, "84")
    app.map_paths(18)
    faded = app.page.evaluate(
        "() => [...document.querySelectorAll('path.choroplethlocation')].filter(p => +getComputedStyle(p).opacity < 1)"
        ".length"
    )
    assert faded == 0, "other regions keep their colour"
    assert app.page.get_by_role("button", name=re.compile("Auvergne-Rhône-Alpes")).is_visible()
    click_region(app, "84")
    region_in_url(app, None)
    click_region(app, "53")
    region_in_url(app, "53")
    app.page.get_by_role("button", name=re.compile("Bretagne")).click()
    region_in_url(app, None)
    app.assert_clean()


def test_a_click_on_enlarged_paris_selects_ile_de_france(app: Visit):
    app.open("/carte?level=department")
    app.map_paths(105)
    click_region(app, "75-zoom")
    region_in_url(app, "11")
    app.assert_clean()


def plays_and_stops(app: Visit) -> None:
    """The page's play toggle moves the link's period from the first one, one period at a time; switched off, it
    stays."""
    toggle = app.page.get_by_text(FR["common.play"])
    toggle.click()
    for period in MAP_PERIODS[1:3]:
        app.page.wait_for_function(
            f"() => new URLSearchParams(location.search).get('period') === '{period}'", timeout=20_000
        )
    toggle.click()
    app.settle()
    app.page.wait_for_timeout(2_000)  # a step already under way when the toggle was clicked may still land
    app.settle()
    assert not app.page.get_by_label(FR["common.play"]).is_checked()
    stopped = app.page.evaluate("() => new URLSearchParams(location.search).get('period')")
    app.page.wait_for_timeout(4_000)  # two steps' time: a stopped player does not move
    assert app.page.evaluate("() => new URLSearchParams(location.search).get('period')") == stopped
    app.assert_clean()


def test_play_steps_through_the_periods_and_stops_when_switched_off(app: Visit):
    app.open(f"/carte?period={MAP_PERIODS[0]}")
    app.map_paths(18)
    plays_and_stops(app)


def test_play_on_evolution_draws_the_lines_further_and_stops(app: Visit):
    app.open(f"/evolution?period={MAP_PERIODS[0]}")
    plays_and_stops(app)
    stopped = app.page.evaluate("() => new URLSearchParams(location.search).get('period')")
    last_drawn = app.page.evaluate(
        """(france) => { const t = document.querySelector('.js-plotly-plot').data.find(d => d.name === france);
        return t.x.filter((x, i) => t.y[i] !== null).at(-1); }""",
        FR["common.france"],
    )
    assert last_drawn == stopped, "the FttH lines end at the period the player stopped on"


@pytest.mark.parametrize(("typed", "region"), [("ile de france", "11"), ("Finis", "53"), ("2a", "94")])
def test_the_territory_picker_takes_a_name_or_code_typed_without_accents(app: Visit, typed: str, region: str):
    app.open("/fiche-region")
    picker = app.page.get_by_role("combobox", name=FR["common.select_region"])
    picker.click()
    picker.press("Control+A")
    picker.press_sequentially(typed)
    app.page.keyboard.press("Enter")
    region_in_url(app, region)
    app.settle()
    app.assert_clean()


@pytest.mark.parametrize(("lang", "catalogue"), [("fr", FR), ("en", EN)])
def test_the_territory_picker_filters_without_accents_and_speaks_the_pages_language(app: Visit, lang: str, catalogue):
    app.open(f"/fiche-region?lang={lang}")
    picker = app.page.get_by_role("combobox", name=catalogue["common.select_region"])
    picker.click()
    picker.press("Control+A")
    picker.press_sequentially("ile")
    options = app.page.get_by_role("option")
    # Found while typing, before Enter (the label's accent is decomposed: "I" + a combining circumflex).
    expect(options.filter(has_text=re.compile(r"le-de-France \(11\)"))).to_have_count(1)
    picker.press_sequentially(" de fr")
    expect(options.first).to_have_text(f"{catalogue['common.territory_lookup']}ile de fr")
    assert not any(text.startswith("Add:") for text in options.all_inner_texts()), "no English entry"


def test_an_uploaded_file_becomes_a_map_of_the_readers_own_indicator(app: Visit, tmp_path):
    file = tmp_path / "enquete.csv"
    file.write_bytes("Enquête 2024\nRégion;Taux (%)\nBretagne;12,5\nCorse;30,25\nile de france;20\n".encode("cp1252"))
    app.open("/vos-donnees")
    app.page.locator('[data-testid="stFileUploader"] input[type=file]').set_input_files(str(file))
    expect(app.page.get_by_text("Windows-1252")).to_be_visible(timeout=20_000)
    app.page.get_by_role("button", name=FR["upload.add"]).click()
    app.page.get_by_role("button", name=FR["upload.see"]).click()
    app.page.wait_for_url(re.compile(r".*/carte.*"), timeout=15_000)
    app.map_paths(18)
    expect(app.page.get_by_role("heading", name=re.compile(r"Taux \(%\) \(vos données\)"))).to_be_visible()
    assert "user_" not in app.page.url, "a link never carries the reader's own indicator"
    app.assert_clean()
