"""Figures as PNG, SVG or PDF with their title, subtitle, source line and export date drawn into the image.

One headless Chromium (Debian's `chromium` package) serves the whole process: started on the first export,
closed at exit. One lock serialises every export: a browser shared without a lock handed users each other's
figures (DESIGN.md §5). Geo traces read plotly's `world_110m.json` from the repo's `static/` stub, so maps
export offline.

The figure is laid out in CSS pixels (96 per inch) and rendered at DPI/96, so text keeps its physical size:
"16:9" is a 13.33 x 7.5 in slide (1920 x 1080 px at 144 dpi), "a4" is A4 landscape (1754 x 1240 px at 150 dpi);
PDF pages get exactly those sizes.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import copy
import datetime as dt
import html
import io
import itertools
import os
import re
import struct
import threading
import zlib
from collections.abc import Coroutine, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypeVar

import kaleido
import plotly.graph_objects as go
import plotly.io as pio
from choreographer.browsers.chromium import Chromium
from choreographer.errors import BrowserClosedError, BrowserFailedError, ChannelClosedError, DevtoolsProtocolError
from kaleido.errors import ChromeNotFoundError, JavascriptError, KaleidoError
from pypdf import PdfReader, PdfWriter

from charts.labels import footnote, wrap_lines
from charts.theme import FONT_FAMILY, INK, MUTED
from i18n import text
from i18n.format import period_label

Format = Literal["png", "svg", "pdf"]
FORMATS: tuple[Format, ...] = ("png", "svg", "pdf")
SIZES = {"16:9": (1920, 1080), "a4": (1754, 1240)}
"""PNG size in pixels: a full-HD slide, and A4 landscape (297 x 210 mm) at 150 dpi."""
DPI = {"16:9": 144, "a4": 150}
PDF_POINTS = {"16:9": (960.0, 540.0), "a4": (841.89, 595.28)}
"""PDF page size in points: PowerPoint's widescreen slide, and ISO A4 landscape."""

INSTALL_HINT = (
    "Figure export needs a Chromium browser on the server. Install Debian's package with "
    "`sudo apt-get install chromium` (or point BROWSER_PATH at a Chrome/Chromium executable). "
    "kaleido_get_chrome / plotly_get_chrome download a browser from the internet and do not work here."
)
STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
TOPOJSON_URL = STATIC_DIR.as_uri() + "/"  # plotly appends "world_110m.json"; the repo ships a stub
RENDER_TIMEOUT = 30.0
START_TIMEOUT = 60.0

_PAD = 24  # CSS px kept free at the image's edges
_GAP = 6  # CSS px between title and subtitle
_TITLE_SIZE, _SUBTITLE_SIZE, _FOOTER_SIZE = 26, 17, 12
_LINE = 1.3  # plotly.js line height, in em
_CHAR, _BOLD_CHAR = 0.6, 0.68  # generous average glyph widths of DejaVu Sans, in em: wrapped lines must fit
_TOP_MIN = 8  # CSS px above the plot area before the header is added
_ANNOTATION_INSET = 4  # CSS px between an annotation's anchor and its text (border and padding)
_HEADER_GAP = 14  # CSS px between the header and whatever the chart draws above its plot area

T = TypeVar("T")


class ExportError(RuntimeError):
    """A figure could not be exported; the message says why (shown to the user, logged by the UI)."""


class ExportUnavailable(ExportError):
    """No working Chromium on this machine: image export is off; the message says how to install it."""


@dataclass(frozen=True)
class Page:
    """One exported figure with the texts drawn around it: a title, a subtitle (period and unit, "2023, en % des
    locaux"; may be empty) and the whole source line as shown under the chart ("Source : …", wrapped when long)."""

    fig: go.Figure
    title: str
    subtitle: str
    source: str


class _Browser:
    """One Chromium on a private event loop, driven through kaleido's async API.

    Not `kaleido.start_sync_server()`: when Chromium fails to start, its worker thread dies silently and every
    later export waits forever (measured with BROWSER_PATH=/bin/false). Futures here carry errors and time out.
    """

    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._kaleido: kaleido.Kaleido | None = None

    @property
    def running(self) -> bool:
        return self._kaleido is not None

    def start(self, path: str) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="exports-chromium", daemon=True)
        self._thread.start()
        try:
            self._kaleido = self._call(_open_kaleido(path), START_TIMEOUT)
        except BaseException:
            self.stop()
            raise

    def render(self, spec: dict, opts: dict) -> bytes:
        if self._kaleido is None:
            raise ExportError("the export browser is not running")
        job = self._kaleido.calc_fig(spec, opts=opts, topojson=TOPOJSON_URL)
        return self._call(job, RENDER_TIMEOUT + 5)

    def stop(self) -> None:
        if self._loop is None or self._thread is None:
            return
        if self._kaleido is not None:
            with contextlib.suppress(Exception):
                self._call(self._kaleido.close(), 10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        if not self._thread.is_alive():
            self._loop.close()
        self._loop = self._thread = self._kaleido = None

    def _call(self, job: Coroutine[Any, Any, T], timeout: float) -> T:
        if self._loop is None:
            raise ExportError("the export browser's event loop is not running")
        future = asyncio.run_coroutine_threadsafe(job, self._loop)
        try:
            return future.result(timeout)
        except TimeoutError:
            future.cancel()
            raise


async def _open_kaleido(path: str) -> kaleido.Kaleido:
    browser = kaleido.Kaleido(path=path, mathjax=False, timeout=RENDER_TIMEOUT)
    await browser.open()
    return browser


_LOCK = threading.Lock()
_BROWSER = _Browser()
_BROWSER_GONE = (ChannelClosedError, BrowserClosedError, TimeoutError)
_BAD_FIGURE = (KaleidoError, JavascriptError, DevtoolsProtocolError)


def _browser_path() -> str | None:
    """The executable kaleido would use (BROWSER_PATH first, then PATH and usual places), if it exists."""
    path = Chromium.find_browser(skip_local=False)
    return path if path and os.path.isfile(path) and os.access(path, os.X_OK) else None


def chromium_available() -> bool:
    """True when a Chromium-based browser is installed, so figure export can work."""
    return _browser_path() is not None


def stop_server() -> None:
    """Close the shared browser (at exit, or to free ~450 MB); the next export starts a new one."""
    with _LOCK:
        _BROWSER.stop()


atexit.register(stop_server)


def _ensure_browser() -> None:
    """Start the shared browser on first use; the caller holds the lock."""
    if _BROWSER.running:
        return
    path = _browser_path()
    if path is None:
        raise ExportUnavailable(f"No Chromium found. {INSTALL_HINT}")
    pio.defaults.topojson = TOPOJSON_URL  # for plotly.io.to_image calls elsewhere in the process
    try:
        _BROWSER.start(path)
    except (ChromeNotFoundError, BrowserFailedError, TimeoutError) as exc:
        raise ExportUnavailable(f"Chromium at {path} did not start ({exc!r}). {INSTALL_HINT}") from exc


def _render_once(spec: dict, opts: dict) -> bytes:
    _ensure_browser()
    try:
        return _BROWSER.render(spec, opts)
    except _BAD_FIGURE as exc:
        raise ExportError(f"plotly could not draw this figure ({exc})") from exc


def _export(spec: dict, opts: dict) -> bytes:
    """Bytes from the shared browser; a crashed or hung browser is replaced once, then the error is reported."""
    with _LOCK:
        try:
            return _render_once(spec, opts)
        except _BROWSER_GONE:
            _BROWSER.stop()
        try:
            return _render_once(spec, opts)
        except _BROWSER_GONE as exc:
            _BROWSER.stop()
            raise ExportError(f"Chromium stopped responding ({exc!r})") from exc


def layout_size(size: str) -> tuple[float, float]:
    """Width and height in CSS pixels: the PNG size divided by DPI/96."""
    width, height = SIZES[size]
    factor = 96 / DPI[size]
    return width * factor, height * factor


def _wrap(line: str, font_size: float, width: float, glyph: float = _CHAR) -> list[str]:
    """Lines short enough for width pixels, escaped for plotly's pseudo-HTML."""
    chars = max(20, int(width / (font_size * glyph)))
    return [html.escape(part, quote=False) for part in wrap_lines(line, chars)]


def _margin(fig: go.Figure, side: str) -> float:
    """The margin plotly would use: the figure's own, else its template's, else 0."""
    own = fig.layout.margin[side]
    return own if own is not None else (fig.layout.template.layout.margin[side] or 0)


def _with_footer(fig: go.Figure, size: str, footer_lines: list[str]) -> go.Figure:
    """A deep copy at the export size, no room yet for the header, the footer in the layout title.

    The title is anchored near the image's bottom with automargin, so plotly stacks it below tick labels and axis
    titles whatever their depth (axes get automargin too); xref="container" aligns it with the image's edge.
    """
    out = copy.deepcopy(fig)
    width, height = layout_size(size)
    out.update_layout(
        width=width,
        height=height,
        autosize=False,
        paper_bgcolor="white",
        margin={
            "l": max(_margin(out, "l"), _PAD),
            "r": max(_margin(out, "r"), _PAD),
            "t": _TOP_MIN,
            "b": max(_margin(out, "b"), 8),
        },
        title={
            "text": "<br>".join(footer_lines),
            "subtitle": {"text": ""},
            "font": {"family": FONT_FAMILY, "size": _FOOTER_SIZE, "color": MUTED, "weight": "normal"},
            "xref": "container",
            "x": _PAD / width,
            "xanchor": "left",
            "yref": "container",
            "y": _PAD * 0.75 / height,  # plotly misplaces a multi-line title at exactly y=0
            "yanchor": "bottom",
            "pad": {"t": 18 + _legend_below(out), "b": 0, "l": 0, "r": 0},
            "automargin": True,
        },
    )
    if _legend_below(out):  # pinned just above the footer, in the image's own coordinates
        footer = _PAD * 0.75 + len(footer_lines) * _FOOTER_SIZE * _LINE + 10
        out.update_layout(legend={"yref": "container", "y": footer / height, "yanchor": "bottom"})
    out.update_xaxes(automargin=True)
    out.update_yaxes(automargin=True)
    return out


def _legend_below(fig: go.Figure) -> float:
    """Height (CSS px) of a legend drawn under the plot area (a map's 'no data' key): the footer goes below it.

    Plotly makes room under the plot for the larger of the legend and the footer, not for both, so the footer's top
    padding keeps the legend's rows free."""
    legend = fig.layout.legend
    shown = [trace for trace in fig.data if trace.name and getattr(trace, "showlegend", None) is not False]
    if fig.layout.showlegend is False or not shown or legend.y is None or legend.y > 0 or legend.yanchor != "top":
        return 0.0
    size = legend.font.size or (fig.layout.template.layout.legend.font.size or 14)
    rows = 1 if legend.orientation == "h" else len(shown)
    return rows * size * 1.6 + 8


def _plot_area(fig: go.Figure) -> tuple[float, float, float, float]:
    """Left, right, top and bottom of the plot area in CSS px, where plotly puts it after its automatic margins.

    Plotly keeps its final margins to itself; a transparent rectangle over the whole plot area, drawn into an SVG,
    gives them away (its path is "M left,bottom H right V top H left Z").
    """
    index = len(fig.layout.shapes)
    probe = go.Figure(fig).add_shape(
        type="rect", xref="paper", yref="paper", x0=0, y0=0, x1=1, y1=1, line_width=0, fillcolor="rgba(0,0,0,0)"
    )
    opts = {"format": "svg", "width": fig.layout.width, "height": fig.layout.height, "scale": 1}
    svg = _export(probe.to_dict(), opts).decode()
    found = re.search(rf'<path data-index="{index}"[^>]*? d="M([-\d.]+),([-\d.]+)H([-\d.]+)V([-\d.]+)H', svg)
    if found is None:
        raise ExportError("could not find the plot area in plotly's SVG (has plotly's SVG changed?)")
    left, bottom, right, top = map(float, found.groups())
    return left, right, top, bottom


def _header(title_lines: list[str], subtitle_lines: list[str], left: float, top: float) -> list[dict]:
    """Title (bold) and subtitle as annotations in the image's top-left corner. Annotations only know the plot
    area's coordinates, so they are shifted by its measured left edge and by the top margin (px)."""
    common = {"xref": "paper", "yref": "paper", "x": 0, "y": 1, "xanchor": "left", "yanchor": "top"}
    common |= {"align": "left", "showarrow": False, "xshift": _PAD - left - _ANNOTATION_INSET}
    notes = [
        common
        | {
            "text": "<br>".join(f"<b>{line}</b>" for line in title_lines),
            "font": {"family": FONT_FAMILY, "size": _TITLE_SIZE, "color": INK},
            "yshift": top - _PAD,
        }
    ]
    if subtitle_lines:
        notes.append(
            common
            | {
                "text": "<br>".join(subtitle_lines),
                "font": {"family": FONT_FAMILY, "size": _SUBTITLE_SIZE, "color": MUTED},
                "yshift": top - _PAD - len(title_lines) * _TITLE_SIZE * _LINE - _GAP,
            }
        )
    return notes


def framed(page: Page, size: str = "16:9", *, export_date: dt.date | None = None, lang: str = "fr") -> go.Figure:
    """A deep copy of the page's figure laid out for export: header at the top, source and export date at the bottom.

    Two steps: lay the figure out with its footer and measure where plotly puts the plot area (one SVG render);
    then add the header's height to the top margin, above whatever the chart draws there (a legend for instance),
    and pin the header to the image's top-left corner. Long texts wrap to the image's width.
    """
    width = layout_size(size)[0] - 2 * _PAD
    title_lines = _wrap(page.title, _TITLE_SIZE, width, _BOLD_CHAR)
    subtitle_lines = _wrap(page.subtitle, _SUBTITLE_SIZE, width) if page.subtitle else []
    date = period_label((export_date or dt.date.today()).isoformat(), lang)
    note = _wrap(footnote(page.fig), _FOOTER_SIZE, width)
    footer = [*note, *_wrap(page.source, _FOOTER_SIZE, width), html.escape(text("export.exported_on", lang, date=date))]
    out = _with_footer(page.fig, size, footer)
    left, _, chart_top, _ = _plot_area(out)
    header = len(title_lines) * _TITLE_SIZE * _LINE
    if subtitle_lines:
        header += _GAP + len(subtitle_lines) * _SUBTITLE_SIZE * _LINE
    top = _PAD + header + _HEADER_GAP + chart_top
    out.update_layout(margin_t=top)
    for note in _header(title_lines, subtitle_lines, left, top):
        out.add_annotation(note)
    return out


def render(
    page: Page, fmt: Format, size: str = "16:9", *, export_date: dt.date | None = None, lang: str = "fr"
) -> bytes:
    """The page's figure as PNG, SVG or PDF bytes with its texts drawn in; the figure itself is never modified.

    export_date defaults to today. Raises ExportUnavailable (no Chromium; message has the install command) or
    ExportError.
    """
    if fmt not in FORMATS:
        raise ValueError(f"format {fmt!r} not in {FORMATS}")
    if size not in SIZES:
        raise ValueError(f"size {size!r} not in {tuple(SIZES)}")
    out = framed(page, size, export_date=export_date, lang=lang)
    width, height = layout_size(size)
    # A PDF is vector: printed at scale 1 it already has its paper size. Printing it larger and shrinking the pages
    # afterwards leaves gradients (colour bars) at their unscaled size, cut off halfway.
    opts = {"format": fmt, "width": width, "height": height, "scale": 1 if fmt == "pdf" else DPI[size] / 96}
    data = _export(out.to_dict(), opts)
    if fmt == "png":
        return _png_with_dpi(data, DPI[size])
    if fmt == "pdf":
        return _pdf_resized(data, PDF_POINTS[size], page.title, lang)
    return _svg_with_title(data, page.title)


def _table_heights(fig: go.Figure, width: float) -> tuple[float, list[float]]:
    """Header height and each row's height (CSS px) of a one-table figure drawn `width` px wide. Plotly wraps cell
    text itself, so the heights are read from an SVG of the whole table (an empty last row marks the end)."""
    probe = copy.deepcopy(fig)
    cells = probe.data[0].cells
    cells.values = [[*column, ""] for column in cells.values]
    tall = 50 * 24 * (len(cells.values[0]) + 1)
    probe.update_layout(width=width, height=tall, margin={"l": 0, "r": 0, "t": 0, "b": 0}, title=None)
    svg = _export(probe.to_dict(), {"format": "svg", "width": width, "height": tall, "scale": 1}).decode()
    first_column = svg.split('class="y-column"')[1].split('id="cells2"')[0]
    tops = [float(y) for y in re.findall(r'class="column-cell" transform="translate\(0,([\d.]+)\)"', first_column)]
    if len(tops) != len(cells.values[0]):
        raise ExportError("could not find the table's rows in plotly's SVG (has plotly's SVG changed?)")
    return tops[0], [b - a for a, b in itertools.pairwise(tops)]


def _rows_of(fig: go.Figure, rows: slice) -> go.Figure:
    """The one-table figure with only these rows (values and per-cell colours)."""
    out = copy.deepcopy(fig)
    cells = out.data[0].cells
    cells.values = [list(column)[rows] for column in cells.values]
    colours = cells.font.color
    if isinstance(colours, tuple) and colours and isinstance(colours[0], tuple | list):
        cells.font.color = [list(column)[rows] for column in colours]
    return out


def paged(page: Page, size: str, *, export_date: dt.date | None = None, lang: str = "fr") -> list[Page]:
    """A table longer than its paper continues on as many pages as it needs, its header repeated and '(suite)' after
    the title; any other page is returned as it is. No row is ever cut at a page's foot."""
    if len(page.fig.data) != 1 or not isinstance(page.fig.data[0], go.Table):
        return [page]
    out = framed(page, size, export_date=export_date, lang=lang)
    left, right, _, bottom = _plot_area(out)
    room = bottom - out.layout.margin.t
    header, heights = _table_heights(page.fig, right - left)
    parts: list[list[int]] = [[]]
    used = header
    for row, height in enumerate(heights):
        if parts[-1] and used + height > room:
            parts.append([])
            used = header
        parts[-1].append(row)
        used += height
    if len(parts) == 1:
        return [page]
    title = f"{page.title} {text('export.continued', lang)}"
    return [
        Page(
            _rows_of(page.fig, slice(part[0], part[-1] + 1)),
            page.title if n == 0 else title,
            page.subtitle,
            page.source,
        )
        for n, part in enumerate(parts)
    ]


def profile_pdf(
    pages: Sequence[Page],
    size: str = "a4",
    *,
    export_date: dt.date | None = None,
    lang: str = "fr",
    title: str = "",
) -> bytes:
    """A multi-page PDF (a region profile): each figure rendered as one page, merged with pypdf."""
    writer = PdfWriter()
    writer.add_metadata({"/Title": title or (pages[0].title if pages else ""), "/Creator": text("app.title", lang)})
    for page in pages:
        for part in paged(page, size, export_date=export_date, lang=lang):
            writer.append(PdfReader(io.BytesIO(render(part, "pdf", size, export_date=export_date, lang=lang))))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _png_with_dpi(png: bytes, dpi: int) -> bytes:
    """PNG with a pHYs chunk, so word processors place it at its physical size (A4, slide)."""
    per_metre = round(dpi / 0.0254)
    body = b"pHYs" + struct.pack(">IIB", per_metre, per_metre, 1)
    chunk = struct.pack(">I", len(body) - 4) + body + struct.pack(">I", zlib.crc32(body))
    end_of_header = 8 + 25  # signature, then the IHDR chunk (length, type, 13 bytes, CRC)
    return png[:end_of_header] + chunk + png[end_of_header:]


def _pdf_resized(pdf: bytes, points: tuple[float, float], title: str, lang: str) -> bytes:
    """Chrome prints 1 CSS px = 0.75 pt; a page more than 1 pt off the intended paper size is scaled to it.

    The metadata title is the chart's (Chrome's would read "Kaleido-fier"), the creator the atlas."""
    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    writer.add_metadata({"/Title": title, "/Creator": text("app.title", lang), "/Producer": text("app.title", lang)})
    for page in writer.pages:
        if max(abs(float(page.mediabox.width) - points[0]), abs(float(page.mediabox.height) - points[1])) > 1:
            page.scale_to(*points)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _svg_with_title(svg: bytes, title: str) -> bytes:
    """SVG with a <title>: plotly's SVG has no accessible name otherwise."""
    start = svg.index(b">", svg.index(b"<svg")) + 1
    return svg[:start] + f"<title>{html.escape(title)}</title>".encode() + svg[start:]
