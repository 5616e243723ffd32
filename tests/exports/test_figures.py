"""Figure export: real files from Debian's chromium (sizes, content, pages), offline maps, no mixing between
threads, the caller's figure untouched, a clear error when no browser is there."""

from __future__ import annotations

import copy
import io
import re
import shutil
import subprocess
import threading
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor

import plotly.graph_objects as go
import pytest
from PIL import Image, ImageChops
from pypdf import PdfReader

from charts.labels import FOOTNOTE
from exports import figures
from exports.figures import SIZES, ExportUnavailable, Page, framed, layout_size, profile_pdf, render
from tests.exports.conftest import EXPORT_DATE, bar_figure, crowded_figure, geo_figure, needs_chromium

WHITE = (255, 255, 255)


def svg_text(svg: bytes) -> str:
    """Every text node of the SVG, joined (plotly splits lines into tspans)."""
    return " ".join(ET.fromstring(svg).itertext())


def pdf_text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@needs_chromium
@pytest.mark.parametrize("size", sorted(SIZES))
def test_png_has_the_requested_size_and_is_not_blank(size, texts):
    png = render(Page(bar_figure(), **texts), "png", size, lang="en", export_date=EXPORT_DATE)
    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert image.size == SIZES[size]
    colours = image.getcolors(maxcolors=1 << 20)
    assert len(colours) > 50, "antialiased text and bars give many colours; a blank image has one"
    white = dict((rgb, n) for n, rgb in colours).get(WHITE, 0)
    assert white < 0.95 * image.width * image.height
    assert round(Image.open(io.BytesIO(png)).info["dpi"][0]) == figures.DPI[size]


@needs_chromium
def test_svg_parses_and_carries_title_subtitle_source_and_date(texts):
    svg = render(Page(bar_figure(), **texts), "svg", "16:9", lang="en", export_date=EXPORT_DATE)
    root = ET.fromstring(svg)
    assert root.find("{http://www.w3.org/2000/svg}title").text == texts["title"]
    content = svg_text(svg)
    for expected in (texts["title"], texts["subtitle"], texts["source"], "Exported on 12 Nov 2026"):
        assert expected in content


@needs_chromium
def test_a_figures_own_footnote_prints_above_the_source(texts):
    fig = bar_figure().update_layout(meta={FOOTNOTE: "Synthetic note for a shortened label"})
    content = svg_text(render(Page(fig, **texts), "svg", "16:9", lang="en", export_date=EXPORT_DATE))
    assert content.index("Synthetic note for a shortened label") < content.index(texts["source"])


@needs_chromium
def test_french_export_date(texts):
    svg = render(Page(bar_figure(), **texts), "svg", "16:9", lang="fr", export_date=EXPORT_DATE)
    assert "Exporté le 12 nov. 2026" in svg_text(svg)


@needs_chromium
@pytest.mark.parametrize("size", sorted(SIZES))
def test_pdf_is_one_page_of_the_intended_paper_size(size, texts):
    pdf = render(Page(bar_figure(), **texts), "pdf", size, lang="en", export_date=EXPORT_DATE)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(figures.PDF_POINTS[size], abs=0.5)
    assert texts["title"] in pdf_text(pdf), "text stays text (vector PDF), not pixels"
    assert reader.metadata.title == texts["title"], "not Chrome's 'Kaleido-fier'"


@needs_chromium
def test_profile_pdf_has_one_page_per_figure():
    pages = [
        Page(bar_figure(f"page{i}"), f"Synthetic page {i}", "synthetic period", "Source : synthetic") for i in (1, 2, 3)
    ]
    pdf = profile_pdf(pages, "a4", export_date=EXPORT_DATE, lang="fr", title="Fiche région — Synthétique")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 3
    assert reader.metadata.title == "Fiche région — Synthétique"
    for number, page in enumerate(reader.pages, start=1):
        assert f"Synthetic page {number}" in page.extract_text()


def _long_table(rows: int) -> go.Figure:
    import pandas as pd

    from charts.profile import plain_table_figure

    words = "a label long enough to wrap over two or three lines in its column"
    frame = pd.DataFrame({"Code": [f"row{n:02d}" for n in range(rows)], "label": [words] * rows})
    return plain_table_figure(frame, widths=[1.0, 1.0])


@needs_chromium
def test_a_long_table_continues_on_more_pages_and_loses_no_row():
    page = Page(_long_table(40), "Synthetic table", "synthetic period", "Source : synthetic")
    reader = PdfReader(io.BytesIO(profile_pdf([page], "a4", export_date=EXPORT_DATE, lang="fr", title="t")))
    texts = [p.extract_text() for p in reader.pages]
    assert len(texts) > 1, "40 rows of wrapped text do not fit one A4 page"
    found = [row for t in texts for row in re.findall(r"row\d\d", t)]
    assert found == [f"row{n:02d}" for n in range(40)], "every row once, in order, none cut at a page's foot"
    assert all("Synthetic table (suite)" in t for t in texts[1:]) and "(suite)" not in texts[0]
    assert all("Code" in t for t in texts), "the header is repeated on each page"


@needs_chromium
def test_a_short_table_stays_on_one_page():
    page = Page(_long_table(3), "Synthetic table", "synthetic period", "Source : synthetic")
    reader = PdfReader(io.BytesIO(profile_pdf([page], "a4", export_date=EXPORT_DATE, lang="en", title="t")))
    assert len(reader.pages) == 1 and "(continued)" not in reader.pages[0].extract_text()


@needs_chromium
def test_geo_choropleth_exports_offline_with_the_topojson_stub(texts):
    png = render(Page(geo_figure(), **texts), "png", "16:9", lang="en", export_date=EXPORT_DATE)
    stub = figures.STATIC_DIR / "world_110m.json"
    assert stub.is_file() and stub.as_uri() == figures.TOPOJSON_URL + "world_110m.json"
    image = Image.open(io.BytesIO(png)).convert("RGB")
    width, height = image.size
    map_area = image.crop((width // 8, height // 3, width * 3 // 4, height * 2 // 3))
    coloured = sum(n for n, rgb in map_area.getcolors(maxcolors=1 << 20) if sum(rgb) < 3 * 235)
    assert coloured > 0.3 * map_area.width * map_area.height, "the two squares should fill the middle of the map"


def ink(image: Image.Image, threshold: int) -> Image.Image:
    """A mask of pixels darker than white by more than threshold (summed over R, G, B)."""
    return image.convert("L").point(lambda v: 255 if v < 255 - threshold / 3 else 0)


@needs_chromium
@pytest.mark.parametrize(
    ("build", "size"), [(bar_figure, "16:9"), (crowded_figure, "16:9"), (geo_figure, "a4"), (crowded_figure, "a4")]
)
def test_texts_stay_inside_the_image_and_off_the_plot(build, size, texts):
    """Render the framed figure twice, the second time with header and footer transparent (same layout):
    the difference is where those texts are; the plot must have no ink there, and they must not touch an edge."""
    long_texts = texts | {
        "title": " ".join(["SYNTHETIC TITLE, WIDE LETTERS AND MANY WORDS"] * 4),
        "subtitle": " ".join(["synthetic subtitle spanning the width"] * 5),
        "source": "Source : " + " ".join(f"synthetic publisher {i} (synthetic)" for i in range(15)),
    }
    shown = framed(Page(build(), **long_texts), size, export_date=EXPORT_DATE)
    hidden = copy.deepcopy(shown)
    hidden.update_annotations(font_color="rgba(0,0,0,0)")
    hidden.update_layout(title_font_color="rgba(0,0,0,0)")
    width, height = layout_size(size)
    scale = figures.DPI[size] / 96
    opts = {"format": "png", "width": width, "height": height, "scale": scale}
    full, plot_only = (
        Image.open(io.BytesIO(figures._export(f.to_dict(), opts))).convert("RGB") for f in (shown, hidden)
    )
    texts_ink = ImageChops.difference(full, plot_only).convert("L").point(lambda v: 255 if v > 40 else 0)
    chart_ink = ink(plot_only, 30)
    overlap = ImageChops.multiply(texts_ink, chart_ink)
    assert overlap.getbbox() is None, f"header or footer drawn over the chart at {overlap.getbbox()}"
    _, chart_top, _, chart_bottom = chart_ink.getbbox()
    header = texts_ink.crop((0, 0, full.width, chart_top)).getbbox()
    footer = texts_ink.crop((0, chart_bottom, full.width, full.height)).getbbox()
    assert header and footer, "header above the chart and footer below it are both drawn"
    footer_lines = shown.layout.title.text.count("<br>") + 1
    assert footer[3] - footer[1] >= (footer_lines - 1) * 1.3 * 12 * scale, "every footer line is in the image"
    left, top, right, bottom = texts_ink.getbbox()
    margin = 8
    assert top >= margin and bottom <= full.height - margin, "header or footer cut at the image's edge"
    assert left >= margin and right <= full.width - margin


@needs_chromium
def test_parallel_exports_never_mix_figures():
    def export_four(thread: int) -> dict[str, bytes]:
        titles = [f"Synthetic T{thread}-F{i}" for i in range(4)]
        return {t: render(Page(bar_figure(t), t, "", "Source : synthetic"), "svg", "16:9") for t in titles}

    with ThreadPoolExecutor(max_workers=3) as pool:
        results = {title: svg for batch in pool.map(export_four, range(3)) for title, svg in batch.items()}
    assert len(results) == 12
    for title, svg in results.items():
        content = svg_text(svg)
        assert title in content
        assert not [other for other in results if other != title and other in content]


@needs_chromium
def test_the_callers_figure_is_unchanged(texts):
    fig = geo_figure()
    before = fig.to_json()
    render(Page(fig, **texts), "png", "a4", export_date=EXPORT_DATE)
    assert fig.to_json() == before


@needs_chromium
def test_layout_never_touches_the_caller_and_wraps_long_sources(texts):
    fig = bar_figure()
    before = fig.to_json()
    long_source = "Source : " + " ".join(f"synthetic publisher number {i} (synthetic licence)" for i in range(12))
    out = framed(Page(fig, **(texts | {"source": long_source})), "16:9", lang="en", export_date=EXPORT_DATE)
    assert fig.to_json() == before
    footer = out.layout.title.text.split("<br>")
    assert len(footer) >= 3, "a long source line is wrapped"
    assert footer[-1] == "Exported on 12 Nov 2026"
    header = [note.text for note in out.layout.annotations]
    assert header == [f"<b>{texts['title']}</b>", texts["subtitle"]]
    assert not out.layout.shapes, "the probe used to measure the plot area is not left behind"


@needs_chromium
def test_markup_in_texts_is_escaped(texts):
    out = framed(Page(bar_figure(), **(texts | {"title": "synthetic <b>x</b> & y"})), "a4", export_date=EXPORT_DATE)
    assert out.layout.annotations[0].text == "<b>synthetic &lt;b&gt;x&lt;/b&gt; &amp; y</b>"


def test_unknown_format_or_size_is_refused(texts):
    with pytest.raises(ValueError, match="format"):
        render(Page(bar_figure(), **texts), "jpeg", "16:9", export_date=EXPORT_DATE)
    with pytest.raises(ValueError, match="size"):
        render(Page(bar_figure(), **texts), "png", "letter", export_date=EXPORT_DATE)


@needs_chromium
def test_a_crashed_browser_is_replaced(texts):
    render(Page(bar_figure(), **texts), "svg", "16:9", export_date=EXPORT_DATE)
    figures._BROWSER._kaleido.subprocess.kill()  # the Popen of the browser this process started
    svg = render(Page(bar_figure(), **texts), "svg", "16:9", export_date=EXPORT_DATE)
    assert texts["title"] in svg_text(svg)


def test_no_chromium_raises_with_the_install_command(monkeypatch, tmp_path, texts):
    figures.stop_server()
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-chromium-here"))
    assert not figures.chromium_available()
    with pytest.raises(ExportUnavailable, match="apt-get install chromium"):
        render(Page(bar_figure(), **texts), "png", "16:9", export_date=EXPORT_DATE)


def test_a_browser_that_dies_at_start_raises_instead_of_hanging(monkeypatch, texts):
    false = shutil.which("false")
    if false is None:
        pytest.skip("no `false` executable to stand in for a broken browser")
    figures.stop_server()
    monkeypatch.setenv("BROWSER_PATH", false)
    outcome: dict[str, BaseException] = {}

    def attempt() -> None:
        try:
            render(Page(bar_figure(), **texts), "svg", "16:9", export_date=EXPORT_DATE)
        except BaseException as exc:
            outcome["error"] = exc

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(timeout=90)
    assert not worker.is_alive(), "export hung on a browser that failed to start"
    assert isinstance(outcome.get("error"), ExportUnavailable)
    assert "apt-get install chromium" in str(outcome["error"])


@needs_chromium
def test_a_table_figure_exports_too(texts):
    """Table traces have no legend: the footer's room for a legend must not ask them for one."""
    table = go.Figure(go.Table(header={"values": ["a", "b"]}, cells={"values": [[1, 2], [3, 4]]}, name="synthetic"))
    assert render(Page(table, **texts), "pdf", "a4", lang="fr", export_date=EXPORT_DATE).startswith(b"%PDF")


@needs_chromium
@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (Debian's poppler-utils) is not installed")
@pytest.mark.parametrize("size", sorted(SIZES))
def test_pdf_colour_bar_reaches_the_end_of_its_scale(size, texts, tmp_path):
    """A PDF printed larger and shrunk afterwards left its gradients at their unscaled size: the colour bar stopped
    halfway. The scale's dark end appears only in the colour bar here, so it must be somewhere on the page."""
    fig = go.Figure(go.Heatmap(z=[[0.0, 10.0]], zmin=0, zmax=100, colorscale=[[0, "#ffff00"], [1, "#000080"]]))
    (tmp_path / "bar.pdf").write_bytes(render(Page(fig, **texts), "pdf", size, export_date=EXPORT_DATE))
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(tmp_path / "bar.pdf"), str(tmp_path / "page")], check=True)
    (page,) = tmp_path.glob("page*.png")
    pixels = Image.open(page).convert("RGB").get_flattened_data()
    assert any(b > 100 and r < 40 and g < 40 for r, g, b in pixels), "the colour bar's navy end is missing"
