"""What only a browser shows: downloads built on click, and links that carry the view."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

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
    assert len(pdf.pages) == 7, "four pillar tables, the strategies, the department map and its ranking"
    assert "Auvergne-Rhône-Alpes" in pdf.pages[0].extract_text()
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


def test_comparer_theme_survives_a_copied_link(app: Visit, chromium):
    app.open("/comparer?region=53,76")
    app.page.locator('[data-testid="stRadio"] label').filter(has_text=FR["common.pillar.usage"].split(" (")[0]).click()
    app.page.wait_for_url(re.compile(r".*theme=usage.*"), timeout=15_000)
    copied = app.page.url
    other = chromium.new_context(viewport={"width": 1400, "height": 1000})
    page = other.new_page()
    page.goto(copied)
    page.wait_for_selector(".js-plotly-plot", timeout=30_000)
    radio = page.locator('[data-testid="stRadio"]').filter(has_text=FR["compare.pillar"]).first
    assert FR["common.pillar.usage"].split(" (")[0] in radio.locator("label:has(input:checked)").inner_text()
    other.close()
    app.assert_clean()
