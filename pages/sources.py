"""Sources et méthode: every indicator and source of the catalogues, the method notes, and the data download."""

from __future__ import annotations

import datetime as dt
from itertools import groupby

import streamlit as st

from analysis.catalogue import citing_indicators, coverage, facts_table, filter_indicators, filter_sources, mayotte_gaps
from exports.tables import Provenance, sources_text, to_csv, to_xlsx
from i18n.format import number, period_label, unit_label
from loaders.catalogue import PILLARS, Indicator, Source, SourceFile
from loaders.refresh import classify, read_changelog
from ui import state
from ui.chrome import intro
from ui.data import dataset
from ui.entry import ensure_app
from ui.export import MIMES, source_record
from ui.i18n import t
from ui.markdown import escape, link

ensure_app()

ds = dataset()
view = state.view()
lang = state.lang()
# A link ?indicator=<id> (or the indicator chosen on another page) opens that entry.
focus = view.indicator if view.indicator != state.default_indicator() or "indicator" in st.query_params else None
cited_by = citing_indicators(ds)
refresh_log = read_changelog(ds.data_dir)  # None: the served snapshot was built, not refreshed
covered = coverage(ds)


def field(name: str, value: str) -> str:
    return t("sources.field", name=name, value=value)


def periods_text(indicator: str) -> str:
    """'Régions : 31 déc. 2017 → 30 sept. 2022 (20 périodes)' for each level with data."""
    lines = []
    for row in covered[covered["indicator"] == indicator].itertuples():
        first, last = period_label(row.first, lang), period_label(row.last, lang)
        key = "sources.periods_one" if row.periods == 1 else "sources.periods_span"
        lines.append(t(key, level=t(f"sources.level.{row.level}"), first=first, last=last, n=row.periods))
    return "  \n".join(lines) or t("common.no_data")


def indicator_entry(ind: Indicator) -> None:
    with st.expander(escape(ind.label[lang]), expanded=ind.id == focus):
        st.markdown(escape(ind.definition[lang]))
        levels = ", ".join(t(f"sources.level.{lv}") for lv in ind.levels)
        st.markdown(
            "  \n".join(
                [
                    field(t("sources.unit"), escape(unit_label(ind.unit, lang))),
                    field(t("sources.polarity"), t(f"sources.polarity.{ind.polarity}")),
                    field(t("sources.levels"), levels),
                    field(t("sources.periods"), ""),
                    periods_text(ind.id),
                ]
            )
        )
        if ind.caveats:
            st.markdown(field(t("common.caveats"), escape(ind.caveats[lang])))
        cited = [ds.sources[sid] for sid in ind.sources if sid in ds.sources]
        st.markdown(field(t("common.sources"), ""))
        st.markdown("\n".join(f"- {link(s.title[lang], s.url)} — {escape(s.publisher[lang])}" for s in cited))
        st.caption(t("sources.identifier", id=ind.id))


def file_line(source: Source, file: SourceFile) -> None:
    """Path, the address it was copied from, size and the start of the sha256 (the whole hash in the tooltip), and
    where `python -m loaders refresh` gets its newer editions."""
    values = {"path": file.path.replace("`", ""), "size": number(file.bytes, 0, lang), "sha": file.sha256[:12]}
    if file.url:
        line = t("sources.file_line_url", link=link(t("sources.file_url"), file.url), **values)
    else:
        line = t("sources.file_line", **values)
    planned = classify(source, file)
    how = t(
        f"sources.refresh.{planned.kind.name.lower()}",
        link=link(t("sources.refresh.address"), planned.url),
        reader=planned.convert or "",
    )
    st.markdown(f"{line}  \n  {how}", help=t("sources.file_sha", sha=file.sha256))


def refresh_state(source_id: str) -> str:
    """When the served snapshot's refresh downloaded this source's files, and whether they changed."""
    files = [f for f in refresh_log["files"] if f["source"] == source_id]
    if not files:
        return t("sources.refreshed.none")
    updated = sum(f["status"] == "updated" for f in files)
    when = period_label(refresh_log["refreshed_at"][:10], lang)
    line = t("sources.refreshed.on", when=when, updated=updated, unchanged=len(files) - updated)
    # The vintage above is the catalogue's wording for the committed files; the data say how far an update goes.
    last = covered.loc[covered["indicator"].isin(cited_by.get(source_id, [])), "last"]
    if updated and not last.empty:
        line += t("sources.refreshed.until", last=period_label(last.max(), lang))
    return line


def source_entry(source: Source) -> None:
    with st.container(border=True):
        st.markdown(f"#### {link(source.title[lang], source.url)}")
        lines = [
            field(t("sources.publisher"), escape(source.publisher[lang])),
            field(t("common.licence"), escape(source.licence[lang])),
            field(t("common.vintage"), escape(source.vintage[lang])),
        ]
        if refresh_log is not None:
            lines.append(field(t("sources.refreshed"), refresh_state(source.id)))
        if source.manual:  # said once for the source, not under each of its files
            lines.append(field(t("sources.manual"), escape(source.manual[lang])))
        if not source.url.strip():
            lines.append(t("sources.no_url"))
        if source.caveats:
            lines.append(field(t("common.caveats"), escape(source.caveats[lang])))
        users = [ds.indicator(i).label[lang] for i in cited_by.get(source.id, [])]
        lines.append(field(t("sources.used_by"), escape(", ".join(users)) if users else t("sources.used_by_none")))
        st.markdown("  \n".join(lines))
        with st.expander(t("sources.files", n=len(source.files))):
            for file in source.files:
                file_line(source, file)


def method_section() -> None:
    for topic in ("ftth_break", "nuts", "rates", "tiers_lieux", "mayotte"):
        st.markdown(f"#### {t(f'sources.method.{topic}.title')}")
        st.markdown(t(f"sources.method.{topic}.body"))
    gaps = [ds.indicator(i).label[lang] for i in mayotte_gaps(ds)]
    st.markdown(t("sources.method.mayotte.list", n=len(gaps)))
    st.markdown("\n".join(f"- {escape(label)}" for label in gaps))


def data_section() -> None:
    """Downloads built only on click (DESIGN.md §5), with the provenance of every source."""
    provenance = Provenance(
        title=t("sources.download_title", version=ds.version),
        sources=[source_record(s, lang) for s in ds.sources.values()],
        export_date=dt.date.today(),
    )
    name = f"atlas-numerique-faits-{ds.version}"
    st.markdown(t("sources.download_intro", rows=number(len(ds.facts), 0, lang)))
    col_csv, col_txt, col_xlsx = st.columns(3)
    col_csv.download_button(
        t("sources.download_csv"),
        data=lambda: to_csv(facts_table(ds)),
        file_name=f"{name}.csv",
        mime=MIMES["csv"],
        on_click="ignore",
        icon=":material/download:",
        key="w.sources.download_csv",
    )
    col_txt.download_button(
        t("export.sources_txt"),
        data=lambda: sources_text(provenance, lang),
        file_name=f"{name}-sources.txt",
        mime=MIMES["txt"],
        on_click="ignore",
        icon=":material/description:",
        key="w.sources.download_sources",
    )
    col_xlsx.download_button(
        t("sources.download_xlsx"),
        data=lambda: to_xlsx(facts_table(ds), provenance, lang=lang),
        file_name=f"{name}.xlsx",
        mime=MIMES["xlsx"],
        on_click="ignore",
        icon=":material/table:",
        key="w.sources.download_xlsx",
    )
    st.markdown(field(t("sources.snapshot"), f"`{ds.version}`"))
    refresh_section()
    with st.expander(t("sources.manifest")):
        st.markdown(
            "\n".join(
                t("sources.manifest_line", name=name, sha=str(sha)[:12])
                for name, sha in sorted(ds.manifest["files"].items())
            )
        )


def refresh_section() -> None:
    """Which snapshot is served: the committed one, or the last refresh with what it changed."""
    log = refresh_log
    if log is None:
        st.caption(t("sources.served.committed"))
        return
    when = period_label(log["refreshed_at"][:10], lang)
    st.markdown(t("sources.served.refreshed", when=when, previous=log["previous"]))
    with st.expander(t("sources.changelog")):
        moved = log["indicators"]
        lines = [
            t("sources.changelog.line", indicator=escape(ds.indicator(i).label[lang]), **counts)
            for i, counts in moved.items()
            if i in ds.indicators
        ]
        st.markdown("\n".join(f"- {line}" for line in lines) if lines else t("sources.changelog.none"))
        ordered = sorted(log["files"], key=lambda f: f["status"] != "updated")  # what changed first
        files = [t(f"sources.changelog.file.{f['status']}", path=escape(f["path"])) for f in ordered]
        st.markdown("\n".join(f"- {line}" for line in files))


st.title(t("nav.sources"))
intro(t("sources.intro"))
col_query, col_pillar = st.columns([3, 2])
query = col_query.text_input(t("sources.search"), key="w.sources.query", placeholder=t("sources.search_hint"))
pillar = col_pillar.selectbox(
    t("sources.pillar"),
    [None, *PILLARS],
    format_func=lambda p: t("sources.all_pillars") if p is None else t(f"common.pillar.{p}"),
    key="w.sources.pillar",
)
listed = filter_indicators(ds.indicators, query, pillar)
listed_sources = filter_sources(ds, query, pillar, [i.id for i in listed])

tab_ind, tab_src, tab_method, tab_data = st.tabs(
    [
        t("sources.tab.indicators", n=len(listed)),
        t("sources.tab.sources", n=len(listed_sources)),
        t("sources.tab.method"),
        t("sources.tab.data"),
    ]
)
with tab_ind:
    if not listed:
        st.info(t("sources.no_match"))
    for ind in (i for i in listed if i.id == focus):  # the linked indicator comes first, open, where the reader lands
        st.subheader(t("sources.focused"))
        indicator_entry(ind)
    for pillar_id, group in groupby((i for i in listed if i.id != focus), key=lambda i: i.pillar):
        st.subheader(t(f"common.pillar.{pillar_id}"))
        for ind in group:
            indicator_entry(ind)
with tab_src:
    if not listed_sources:
        st.info(t("sources.no_match"))
    for source in listed_sources:
        source_entry(source)
with tab_method:
    method_section()
with tab_data:
    data_section()
