"""Download menu under each chart: the figure (PNG, SVG, PDF at 16:9 or A4) and its data (CSV, XLSX).

Files are produced only when a button is clicked (`data=` callables run in a worker thread, where no
`st.*` call works), so a rerun costs nothing. Without Chromium the figure buttons are replaced by the
install hint; the data downloads and the rest of the page keep working.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable, Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from exports.figures import FORMATS, ExportError, Page, chromium_available, layout_size, profile_pdf, render
from exports.tables import Provenance, sources_text, to_csv, to_xlsx
from i18n.format import period_label, quoted
from loaders import Dataset
from loaders.catalogue import Source
from loaders.codes import fold
from ui import state
from ui.i18n import t
from ui.url import carries_user_data

log = logging.getLogger("atlas")
MIMES = {
    "png": "image/png",
    "svg": "image/svg+xml",
    "pdf": "application/pdf",
    "csv": "text/csv",
    "txt": "text/plain",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@st.cache_resource(show_spinner=False)
def _chromium() -> bool:
    return chromium_available()


def file_stem(title: str) -> str:
    """'Couverture en fibre (FttH) — 30 sept. 2022' -> 'atlas-couverture-en-fibre-ftth-30-sept-2022'."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(title)).strip("-")
    return f"atlas-{slug[:80]}"


def source_record(source: Source, lang: str) -> dict[str, str]:
    """A source as the exports cite it: publisher, title, licence and vintage in the reader's language, and its URL."""
    return {
        "url": source.url,
        "publisher": source.publisher[lang],
        "title": source.title[lang],
        "licence": source.licence[lang],
        "vintage": source.vintage[lang],
    }


def provenance(
    ds: Dataset, title: str, source_ids: Sequence[str], shown: Mapping[str, str] | None = None
) -> Provenance:
    """Sources (titles in the reader's language), vintages and licences of the chart, with the view that produced it
    (`shown`, label -> value, when the page's view is not the session's indicator, level, period and regions)."""
    lang = state.lang()
    rows = [source_record(ds.sources[sid], lang) for sid in dict.fromkeys(source_ids) if sid in ds.sources]
    if shown is None:
        view = state.view()
        shown = {t("common.indicator"): view.indicator, t("common.level"): t(f"common.level.{view.level}")}
        if view.period:
            shown[t("common.period")] = view.period
        if view.regions:
            shown[t("common.region")] = ", ".join(view.regions)
    return Provenance(title=title, sources=rows, export_date=dt.date.today(), view=dict(shown))


def citation(ds: Dataset, title: str, source_ids: Sequence[str]) -> str:
    """'Title. Data: publishers (vintages). Atlas…, link, accessed on date.' in the reader's language."""
    prov = provenance(ds, title, source_ids)
    vintages: dict[str, list[str]] = {}
    for src in prov.sources:
        vintages.setdefault(src["publisher"], []).append(src["vintage"])
    data = " — ".join(f"{publisher} ({' / '.join(dict.fromkeys(v))})" for publisher, v in vintages.items())
    accessed = period_label(prov.export_date.isoformat(), state.lang())
    return t(
        "share.citation",
        title=quoted(title, state.lang()),
        data=data,
        app=t("app.title"),
        url=state.share_link(),
        date=accessed,
    )


def share(ds: Dataset, *, title: str, source_ids: Sequence[str]) -> None:
    """The share popover of one chart: the link to this exact view and a citation, each with a copy button."""
    with st.popover(t("share.menu"), icon=":material/share:"):
        st.caption(t("share.link"))
        if carries_user_data(state.view()):
            st.warning(t("share.user_data"))
        st.code(state.share_link(), language=None, wrap_lines=True)
        st.caption(t("share.cite"))
        st.code(citation(ds, title, source_ids), language=None, wrap_lines=True)


def _guarded(make: Callable[[], bytes]) -> Callable[[], bytes]:
    def run() -> bytes:
        try:
            return make()
        except ExportError:
            log.exception("export failed")
            raise

    return run


def menu(
    fig: go.Figure,
    *,
    key: str,
    ds: Dataset,
    title: str,
    subtitle: str,
    source: str,
    source_ids: Sequence[str],
    data: pd.DataFrame | None,
    for_page: Callable[[tuple[float, float]], go.Figure] | None = None,
    shown: Mapping[str, str] | None = None,
) -> None:
    """The download popover of one chart; `for_page(size in CSS px)` rebuilds the figure for an export page."""
    lang = state.lang()
    stem = file_stem(title)
    with st.popover(t("export.menu"), icon=":material/download:"):
        if _chromium():
            size = st.radio(
                t("export.size"),
                ["16:9", "a4"],
                key=f"{key}.export_size",
                horizontal=True,
                format_func={"16:9": t("export.size.16:9"), "a4": t("export.size.a4")}.__getitem__,
            )
            cols = st.columns(len(FORMATS))
            for col, fmt in zip(cols, FORMATS, strict=True):
                col.download_button(
                    fmt.upper(),
                    data=_guarded(
                        lambda fmt=fmt: render(
                            Page(for_page(layout_size(size)) if for_page else fig, title, subtitle, source),
                            fmt,
                            size,
                            lang=lang,
                        )
                    ),
                    file_name=f"{stem}.{fmt}",
                    mime=MIMES[fmt],
                    key=f"{key}.export_{fmt}",
                    on_click="ignore",
                )
        else:
            st.info(t("export.unavailable"))
        if data is not None:
            prov = provenance(ds, title, source_ids, shown)
            tables = [
                ("CSV", "csv", f"{stem}.csv", lambda: to_csv(data)),
                (t("export.sources_txt"), "sources", f"{stem}-sources.txt", lambda: sources_text(prov, lang)),
                (t("export.csv_semicolon"), "csv_fr", f"{stem}-excel-fr.csv", lambda: to_csv(data, sep=";")),
                ("XLSX", "xlsx", f"{stem}.xlsx", lambda: to_xlsx(data, prov, lang=lang)),
            ]
            for col, (label, name, file_name, make) in zip(st.columns(len(tables)), tables, strict=True):
                col.download_button(
                    label,
                    data=make,
                    file_name=file_name,
                    mime=MIMES[file_name.rsplit(".", 1)[1]],
                    key=f"{key}.export_{name}",
                    on_click="ignore",
                )


def document_button(label: str, pages: Callable[[], Sequence[Page]], *, key: str, title: str) -> None:
    """One click, one multi-page PDF (e.g. the whole region profile) titled `title`, built only when clicked."""
    if not _chromium():
        st.caption(t("export.unavailable"))
        return
    lang = state.lang()
    st.download_button(
        label,
        data=_guarded(lambda: profile_pdf(pages(), lang=lang, title=title)),
        file_name=f"{file_stem(title)}.pdf",
        mime=MIMES["pdf"],
        key=key,
        icon=":material/picture_as_pdf:",
        on_click="ignore",
    )
