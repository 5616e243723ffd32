"""Fiche région: one region on every indicator (value, rank, gap to France, trend), its strategies of the
2017 article, and a map of its departments."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.frames import france_value, indicators_for, latest_period
from analysis.index import default_indicators, normalise_weights
from analysis.profile import region_departments, region_profile
from charts.choropleth import choropleth
from charts.profile import (
    SPARK,
    WIDTHS,
    column_labels,
    headline,
    plain_table_figure,
    profile_table,
    sortable,
    styled,
    table_figure,
)
from charts.ranking import ranking
from charts.trends import milestone_date
from exports.figures import Page
from i18n.format import number, period_label, signed, unit_label
from loaders.catalogue import INDEX_PILLARS, PILLARS, Role
from ui import index, state
from ui.controls import indicator_label, indicator_select, region_names, region_picker
from ui.data import dataset
from ui.entry import ensure_app
from ui.export import document_button
from ui.figure import show, source_line
from ui.i18n import t
from ui.index_text import pillar_name
from ui.tables import column_widths, slice_table

ensure_app()

METRIC_HEIGHT = 190  # px: the same for metrics with and without a sparkline

ds = dataset()
view = state.view()
lang = state.lang()
st.title(t("nav.profile"))
region = region_picker(ds, key="w.profile.region")


def headlines(profile: pd.DataFrame) -> None:
    """Six key figures with their gap to France (arrow up = better than France) and their trend."""
    rows = profile.set_index("indicator")
    shown = [(rows.loc[i], ds.indicator(i)) for i in ds.placed("headline") if i in rows.index]
    for start in range(0, len(shown), 3):
        for column, (row, ind) in zip(st.columns(3), shown[start : start + 3], strict=False):
            column.metric(**headline(row, ind, lang), border=True, height="content" if view.present else METRIC_HEIGHT)


def index_scores(code: str) -> None:
    """The region's pillar scores, its gap against France's and its rank interval, with equal weights."""
    st.subheader(t("profile.index_title"))
    indicators = default_indicators(ds)
    table = index.table(ds, "region", indicators, normalise_weights(None)).set_index("code")
    sens = index.sensitivity(ds.version, "region", indicators, tuple(normalise_weights(None).values()))
    row, interval = table.loc[code], sens.set_index("code").loc[code]
    cells = st.columns(len(INDEX_PILLARS) + 2)
    for cell, pillar in zip(cells, INDEX_PILLARS, strict=False):
        cell.metric(pillar_name(pillar), number(row[pillar], 1, lang), border=True)
    cells[-2].metric(t("index.col.index"), number(row["index"], 1, lang), border=True)
    cells[-1].metric(
        t("index.gap.label"),
        signed(row["gap_france"], 1, lang) if pd.notna(row["gap_france"]) else t("common.no_data"),
        border=True,
    )
    if pd.isna(row["index"]):
        st.caption(t("profile.index_missing"))
    else:
        n = int(table["index"].notna().sum())
        rank = t("common.rank_of", rank=int(row["rank"]), n=n)
        st.caption(t("profile.index_caption", rank=rank, p05=int(interval["rank_p05"]), p95=int(interval["rank_p95"])))


def indicator_sections(profile: pd.DataFrame, name: str) -> list[Page]:
    """One table per pillar: value, period, rank among regions, France, gap, sparkline, note.

    Returns the same tables as PDF pages for the profile download.
    """
    labels = column_labels(lang)
    pages = []
    for pillar in PILLARS:
        rows = profile[profile["pillar"] == pillar].reset_index(drop=True)
        if rows.empty:
            continue
        st.subheader(t(f"common.pillar.{pillar}"))
        table = profile_table(rows, ds.indicators, lang)
        pages.append(
            Page(
                fig=table_figure(table, rows["better"], lang),
                title=f"{name} — {t(f'common.pillar.{pillar}')}",
                subtitle=t("profile.pdf_subtitle"),
                source=source_line(ds, source_ids_of(rows["indicator"])),
            )
        )
        if view.present:  # a static table: every row and whole texts, in the presenter's font size
            st.table(styled(table.drop(columns=labels["trend"]), rows["better"], lang).hide(axis="index"))
            continue
        config = column_widths(table.drop(columns=labels["trend"]), lang, pinned=1)
        config[labels["trend"]] = st.column_config.LineChartColumn(
            width=WIDTHS["trend"], color=SPARK, help=t("profile.spark_help")
        )
        st.dataframe(
            sortable(table, rows, ds.indicators, lang),
            hide_index=True,
            height=35 * (len(rows) + 1) + 3,
            key=f"profile.table.{pillar}",
            column_config=config,
            alt=t("profile.table_alt", region=name, pillar=t(f"common.pillar.{pillar}")),
        )
    st.caption(t("profile.legend"))
    return pages


def source_ids_of(indicators: pd.Series) -> list[str]:
    """Every source cited by these indicators, once."""
    return list(dict.fromkeys(s for i in indicators for s in ds.indicator(i).sources))


def strategies(code: str, name: str) -> list[Page]:
    """The region's milestones in the 2017 article, oldest first, in the session's language (and as a PDF page)."""
    st.subheader(t("profile.strategies_title"))
    found = ds.strategies[ds.strategies["region_code"] == code].sort_values("date")
    if found.empty:
        st.info(t("profile.strategies_none"))
        return []
    dated = found.assign(date=pd.to_datetime(found["date"], format="%Y-%m-%d"))
    rows = pd.DataFrame(
        {
            t("common.period"): [
                milestone_date(d, p, lang) for d, p in zip(dated["date"], dated["date_precision"], strict=True)
            ],
            t("profile.strategy_initiative"): dated[f"initiative_{lang}"],
            t("profile.strategy_status"): [t(f"trends.status.{v}") for v in dated["status"]],
            t("profile.strategy_kind"): [t(f"trends.kind.{v}") for v in dated["kind"]],
        }
    )
    items = [
        t("profile.strategy_item", date=date, initiative=initiative, status=status, kind=kind)
        for date, initiative, status, kind in rows.itertuples(index=False)
    ]
    st.markdown("\n".join(f"- {item}" for item in items))
    source = t("profile.strategies_source", source=found["source"].iloc[0])
    st.caption(source)
    figure = plain_table_figure(rows, widths=[1.2, 5.0, 1.2, 1.2])
    return [Page(figure, f"{name} — {t('profile.strategies_title')}", t("profile.pdf_subtitle"), source)]


def departments(code: str, name: str) -> list[Page]:
    """Drill-down: the region's departments on one department-level indicator (latest period), map and ranking."""
    indicator = indicator_select(
        ds,
        t("profile.department_picker"),
        [i.id for i in indicators_for(ds, ("department",))],
        key="w.profile.indicator",
        default=ds.holder(Role.DEPARTMENT_MAP),
    )
    meta = ds.indicator(indicator)
    period = latest_period(ds, indicator, "department")
    frame = region_departments(ds, indicator, code, period)
    france = france_value(ds, indicator, period)
    label = indicator_label(ds, indicator)
    st.markdown(f"**{t('profile.departments_title', indicator=label, period=period_label(period, lang))}**")
    if frame["value"].isna().all():
        st.info(t("profile.departments_none"))
        return []
    features = [f for f in ds.geometry("department")["features"] if f["properties"]["code"] in set(frame["code"])]
    source_ids = meta.sources
    title = t("profile.departments_title", indicator=label, period=period_label(period, lang))
    left, right = st.columns([3, 2])
    with left:
        map_fig = show(
            lambda: choropleth(
                frame,
                {"type": "FeatureCollection", "features": features},
                meta,
                lang,
                france=france,
                presenter=view.present,
            ),
            key="profile.map",
            alt=t(
                "profile.map_alt",
                region=name,
                indicator=label,
                period=period_label(period, lang),
                n=int(frame["value"].notna().sum()),
                total=len(frame),
            ),
            ds=ds,
            source_ids=source_ids,
            table=slice_table(frame, meta, lang, "department"),
            height=460,
            presenter_height=420,
            title=f"{name} — {title}",
            subtitle=f"{t('common.level.department')} · {unit_label(meta.unit, lang)}",
        )
    with right:
        ranking_fig = show(
            lambda: ranking(frame, meta, lang, france=france, presenter=view.present),
            key="profile.ranking",
            presenter_height=420,
            alt=t("profile.ranking_alt", region=name, indicator=label, period=period_label(period, lang)),
            ds=ds,
            source_ids=source_ids,
            table=slice_table(frame, meta, lang, "department"),
            title=f"{name} — {title}",
            subtitle=f"{t('common.level.department')} · {unit_label(meta.unit, lang)}",
        )
    source = source_line(ds, source_ids)
    return [Page(fig, f"{name} — {title}", t("profile.pdf_subtitle"), source) for fig in (map_fig, ranking_fig) if fig]


def single_department(code: str) -> bool:
    """Overseas regions are also departments: a drill-down would repeat the region's own figures."""
    terr = ds.territories
    return int(((terr["level"] == "department") & (terr["parent_code"] == code)).sum()) == 1


if region is None:
    st.info(t("profile.choose"))
else:
    region_name = region_names(ds)[region]
    profile = region_profile(ds, region)
    st.header(region_name)
    download = st.container()
    # Presenter mode opens on the department map (the page's main chart on a shared screen), then the figures.
    first, second = st.container(), st.container()
    figures_slot, departments_slot = (second, first) if view.present else (first, second)
    with figures_slot:
        headlines(profile)
        if not view.present:
            st.caption(t("profile.intro"))
        index_scores(region)
        pages = indicator_sections(profile, region_name)
        pages += strategies(region, region_name)
    with departments_slot:
        st.subheader(t("profile.departments_heading"))
        if single_department(region):
            st.info(t("profile.single_department"))
        else:
            pages += departments(region, region_name)
    with download:
        document_button(
            t("profile.pdf_button"), lambda: pages, key="profile.pdf", title=t("profile.pdf_title", region=region_name)
        )
