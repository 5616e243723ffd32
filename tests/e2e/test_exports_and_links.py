"""What only a browser shows: downloads built on click, and links that carry the view."""

from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from analysis.profile import region_profile
from loaders import load_dataset
from tests.e2e.conftest import Visit
from tests.e2e.test_browser import FR

pytestmark = pytest.mark.e2e


def download(app: Visit, button_name: str, timeout: float = 90_000) -> bytes:
    with app.page.expect_download(timeout=timeout) as info:
        app.page.get_by_role("button", name=button_name, exact=True).first.click()
    return Path(info.value.path()).read_bytes()


def test_chart_png_download_is_full_hd_with_content(app: Visit):
    app.open("/carte")
    app.map_paths(18)
    app.page.get_by_role("button", name=FR["export.menu"]).first.click()
    png = download(app, "PNG")
    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert image.size == (1920, 1080)
    assert len(image.getcolors(maxcolors=1_000_000)) > 50, "a blank or flat image"
    app.assert_clean()


def test_profile_pdf_has_a_page_per_table_and_department_chart(app: Visit):
    app.open("/fiche-region?region=84")
    app.map_paths(12)
    pdf = PdfReader(io.BytesIO(download(app, FR["profile.pdf_button"], timeout=180_000)))
    texts = [unicodedata.normalize("NFKC", page.extract_text()) for page in pdf.pages]
    assert len(texts) >= 7, "four pillar tables, the strategies, the department map and its ranking"
    assert "Auvergne-Rhône-Alpes" in texts[0]
    whole = re.sub(r"\s+", " ", " ".join(texts))
    ds = load_dataset()
    profile = region_profile(ds, "84")
    for pillar, rows in profile.groupby("pillar"):
        last = ds.indicator(rows["indicator"].iloc[-1]).label["fr"][:20]
        assert last in whole, f"the last row of {pillar} ({last}…) is not lost at a page's foot"
    assert any(FR["export.continued"] in t for t in texts), "a long table goes on over a second page"
    assert "Auvergne-Rhône-Alpes" in pdf.metadata.title
    app.assert_clean()


def test_view_changed_on_screen_survives_a_copied_link(app: Visit, chromium):
    app.open("/carte")
    app.map_paths(18)
    app.page.locator('[data-testid="stRadio"] label').filter(has_text=FR["common.level.department"]).click()
    app.page.wait_for_url(re.compile(r".*level=department.*"), timeout=15_000)
    app.map_paths(101)
    copied = app.page.url
    other = chromium.new_context(viewport={"width": 1400, "height": 1000})
    page = other.new_page()
    page.goto(copied)
    page.wait_for_selector("path.choroplethlocation", timeout=30_000)
    page.wait_for_function("() => document.querySelectorAll('path.choroplethlocation').length >= 101", timeout=30_000)
    radio = page.locator('[data-testid="stRadio"]').filter(has_text=FR["common.level"]).first
    assert FR["common.level.department"] in radio.locator("label:has(input:checked)").inner_text()
    other.close()
    app.assert_clean()


def theme_seen_elsewhere(chromium, link: str) -> str:
    """The Comparer's checked theme as another browser (a fresh context) opening `link` sees it."""
    other = chromium.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = other.new_page()
        page.goto(link)
        page.wait_for_selector(".js-plotly-plot", timeout=30_000)
        radio = page.locator('[data-testid="stRadio"]').filter(has_text=FR["compare.pillar"]).first
        return radio.locator("label:has(input:checked)").inner_text()
    finally:
        other.close()


def test_comparer_theme_survives_a_copied_link(app: Visit, chromium):
    app.open("/comparer?region=53,76")
    app.page.locator('[data-testid="stRadio"] label').filter(has_text=FR["common.pillar_short.usage"]).click()
    app.page.wait_for_url(re.compile(r".*theme=usage.*"), timeout=15_000)
    assert FR["common.pillar_short.usage"] in theme_seen_elsewhere(chromium, app.page.url)
    app.assert_clean()


# Every <text> of an SVG with its box; the boxes of two texts must not intersect (1 px tolerance).
TEXT_OVERLAPS = """() => {
  const boxes = [...document.querySelectorAll('svg text')]
    .filter(t => t.textContent.trim() && getComputedStyle(t).opacity !== '0')
    .map(t => ({text: t.textContent, box: t.getBoundingClientRect()}))
    .filter(b => b.box.width > 0 && b.box.height > 0);
  const out = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i].box, b = boxes[j].box;
    if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1)
      out.push([boxes[i].text, boxes[j].text]);
  }
  return {count: boxes.length, overlaps: out};
}"""


def synthetic(indicator: str, *, fr: str, en: str, decimals: int, pillar: str = "usage"):
    """A made-up rate in % (higher is better), as the catalogue's model describes one."""
    from loaders.catalogue import Indicator

    return Indicator.model_validate(
        {
            "id": indicator,
            "label": {"fr": fr, "en": en},
            "definition": {"fr": "", "en": ""},
            "unit": "%",
            "pillar": pillar,
            "polarity": 1,
            "decimals": decimals,
            "sources": ["synthetic"],
        }
    )


def crowded_comparison():
    """24 synthetic indicators in three pillars with long labels, four regions, some values missing."""
    import numpy as np
    import pandas as pd

    ids = [f"ind{i:02d}" for i in range(24)]
    catalogue = [
        synthetic(
            ind,
            fr=f"Indicateur synthétique numéro {i} avec un libellé long pour 100 000 habitants",
            en=f"Synthetic indicator number {i} with a long label per 100,000 inhabitants",
            decimals=1,
            pillar=("infrastructure", "usage", "ecosystem")[i // 8],
        )
        for i, ind in enumerate(ids)
    ]
    codes = ["53", "76", "94", "11", "24"]
    rows = pd.DataFrame(
        [
            {
                "indicator": ind,
                "period": "2023-04-05",
                "code": code,
                "name": f"Région {code}",
                "value": np.nan if (k + j) % 9 == 0 else 50.0,
                "flag": pd.NA,
                "reference": 50.0,
                "ref_kind": "median" if k % 5 == 0 else "france",
            }
            for k, ind in enumerate(ids)
            for j, code in enumerate(codes)
        ]
    )
    rows["score"] = [float((n * 37) % 121 - 60) for n in range(len(rows))]  # spread over -60..60, overlaps likely
    rows.loc[rows["value"].isna(), "score"] = np.nan
    rows["gap"] = rows["score"]
    return rows, catalogue


@pytest.mark.parametrize("size", ["16:9", "a4"])
def test_comparer_export_has_no_overlapping_texts(chromium, size):
    from charts.compare import gap_dotplot
    from exports.figures import Page, chromium_available, layout_size, render

    if not chromium_available():
        pytest.skip("figure export needs chromium")
    rows, catalogue = crowded_comparison()
    fig = gap_dotplot(rows, catalogue, "fr", regions=["53", "76", "94", "11"], page=layout_size(size))
    svg = render(
        Page(
            fig,
            "Bretagne, Occitanie, Corse, Île-de-France face à la France",
            "Tous les thèmes · écart à la France",
            "Source : synthétique",
        ),
        "svg",
        size,
    )
    page = chromium.new_page()
    page.set_content(svg.decode())
    found = page.evaluate(TEXT_OVERLAPS)
    page.close()
    assert found["count"] > 24 * 1, "the row labels are there"
    assert found["overlaps"] == []


def map_with_missing():
    """Three synthetic squares, one without a value: the map's legend names 'no data'."""
    import numpy as np
    import pandas as pd

    from charts.choropleth import choropleth
    from tests.exports.conftest import square

    features = [
        {"type": "Feature", "properties": {"code": code}, "geometry": {"type": "Polygon", "coordinates": [ring]}}
        for code, ring in (("A", square(0, 45)), ("B", square(1.5, 45)), ("C", square(3, 45)))
    ]
    frame = pd.DataFrame(
        {
            "code": ["A", "B", "C"],
            "name": ["Aa", "Bb", "Cc"],
            "value": [1.0, 2.0, np.nan],
            "flag": None,
            "rank": [2, 1, None],
        }
    )
    ind = synthetic("synthetic_rate", fr="Synthétique", en="Synthetic", decimals=0)
    return choropleth(frame, {"type": "FeatureCollection", "features": features}, ind, "fr")


@pytest.mark.parametrize("size", ["16:9", "a4"])
def test_map_export_keeps_its_no_data_legend_clear_of_the_footer(chromium, size):
    from exports.figures import Page, chromium_available, render

    if not chromium_available():
        pytest.skip("figure export needs chromium")
    svg = render(Page(map_with_missing(), "Carte synthétique", "", "Source : synthétique"), "svg", size)
    page = chromium.new_page()
    page.set_content(svg.decode())
    found = page.evaluate(TEXT_OVERLAPS)
    legend = page.evaluate("() => [...document.querySelectorAll('.legend text')].map(t => t.textContent)")
    page.close()
    assert FR["common.no_data"] in legend
    assert found["overlaps"] == []


def test_share_link_restores_the_view_and_the_citation_names_it(app: Visit, chromium):
    app.open("/comparer?region=53,76&theme=usage")
    app.page.get_by_role("button", name=FR["share.menu"]).first.click()
    shown = app.page.locator("code").filter(has_text="theme=usage")
    shown.first.wait_for(timeout=10_000)
    link, citation = shown.all_inner_texts()[:2]
    assert "/comparer?" in link and "theme=usage" in link and "region=53,76" in link
    assert link in citation and "Bretagne" in citation
    assert FR["common.pillar.usage"] in theme_seen_elsewhere(chromium, link)
    app.assert_clean()
