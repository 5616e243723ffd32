"""France's regions among Europe's regions: a NUTS map, the distribution of NUTS 2 regions, one region's series.

Plain functions, frame in, go.Figure out. Map units come at mixed NUTS levels (each country at the finest level its
file publishes); French NUTS 2 regions are outlined. The EuroGeographics attribution is part of the map figure, so
every export carries it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from charts.labels import flagged_value
from charts.theme import FRANCE_COLOUR, HIGHLIGHT, MISSING, MUTED, sequential_scale, sizes, template
from i18n import text
from i18n.format import number, unit_label, value_with_unit
from loaders.catalogue import Indicator

ATTRIBUTION = "© EuroGeographics for the administrative boundaries"
FLAG_LETTERS = {"low_reliability": "u", "series_break": "b"}
FLAG_SYMBOLS = {"low_reliability": "circle-open", "series_break": "diamond"}
HOVER = "<b>%{customdata[0]}</b> (%{customdata[1]})<br>%{customdata[2]}<br>%{customdata[3]}<extra></extra>"


def flagged(value: float, flag: object, ind: Indicator, lang: str) -> str:
    """'78,4 % (faible fiabilité, u)': the value with its Eurostat flag spelled out and its letter."""
    return flagged_value(value, flag, ind, lang, FLAG_LETTERS.get(flag) if isinstance(flag, str) else None)


def merged_features(geojsons: Mapping[str, Mapping], codes: Sequence[str]) -> dict:
    """One FeatureCollection of the given codes, taken from whichever NUTS level holds each (codes are unique)."""
    wanted = set(codes)
    feats = [f for g in geojsons.values() for f in g["features"] if f["properties"]["code"] in wanted]
    return {"type": "FeatureCollection", "features": sorted(feats, key=lambda f: f["properties"]["code"])}


def _lines(units: pd.DataFrame, french: set[str], selected: str | None) -> dict:
    """Borders: French NUTS 2 outlined in the highlight colour, the selected one thicker, others thin white."""
    colours = [HIGHLIGHT if c in french else "white" for c in units["code"]]
    widths = [3.5 if c == selected else 1.4 if c in french else 0.4 for c in units["code"]]
    return {"line": {"color": colours, "width": widths}}


def _custom(units: pd.DataFrame, ind: Indicator, lang: str) -> list[list[str]]:
    return [
        [
            row.name,
            row.code,
            text(f"europe.level.{row.level}", lang),
            flagged(row.value, row.flag, ind, lang) if pd.notna(row.value) else text("common.no_data", lang),
        ]
        for row in units.itertuples()
    ]


def europe_map(
    units: pd.DataFrame,
    geojsons: Mapping[str, Mapping],
    ind: Indicator,
    lang: str,
    *,
    french: Sequence[str] = (),
    selected: str | None = None,
    notes: Sequence[str] = (),
    presenter: bool = False,
) -> go.Figure:
    """units: code, level, country, name, value, flag (one row per drawn unit, missing values NaN).

    Units with a value share one continuous scale spanning the year's values (contrast within the year matters more
    here than colours comparable across years); units without one are grey in a second trace. `notes` are printed
    under the map with the boundaries' attribution (levels other than NUTS 2, codes without a boundary).
    """
    units = units.reset_index(drop=True)
    french_set = set(french)
    has = units["value"].notna()
    fig = go.Figure()
    for part, filled in ((units[has], True), (units[~has], False)):
        if part.empty:
            continue
        part = part.reset_index(drop=True)
        fig.add_trace(
            go.Choropleth(
                geojson=merged_features(geojsons, part["code"].tolist()),
                featureidkey="properties.code",
                locations=part["code"],
                z=part["value"] if filled else [0] * len(part),
                customdata=_custom(part, ind, lang),
                hovertemplate=HOVER,
                colorscale=sequential_scale(ind.polarity) if filled else [[0, MISSING], [1, MISSING]],
                showscale=filled,
                marker=_lines(part, french_set, selected),
                colorbar={"title": {"text": unit_label(ind.unit, lang)}, "thickness": 14, "len": 0.7},
                name=ind.label[lang] if filled else text("common.no_data", lang),
            )
        )
    fig.update_geos(
        visible=False,
        fitbounds="locations",
        projection_type="mercator",
        bgcolor="rgba(0,0,0,0)",
    )
    fig.add_annotation(
        text="<br>".join([*notes, ATTRIBUTION]),
        x=0,
        y=0,
        xref="paper",
        yref="paper",
        xanchor="left",
        yanchor="bottom",
        align="left",
        showarrow=False,
        font={"size": sizes(presenter).attribution_font, "color": FRANCE_COLOUR if presenter else MUTED},
        bgcolor="rgba(255,255,255,0.8)",
    )
    fig.update_layout(template=template(presenter), margin={"l": 0, "r": 0, "t": 10, "b": 0}, dragmode=False)
    return fig


def _jitter(n: int) -> list[float]:
    """Deterministic vertical spread for a strip plot (golden-ratio sequence, centred on 0)."""
    return [((i * 0.6180339887) % 1 - 0.5) * 0.7 for i in range(n)]


def distribution(
    regions: pd.DataFrame,
    french: pd.DataFrame,
    reference: Mapping[str, float],
    ind: Indicator,
    lang: str,
    *,
    selected: str | None = None,
    presenter: bool = False,
) -> go.Figure:
    """Strip plot of every European NUTS 2 region of the year (grey dots), French regions as diamonds, the selected
    one labelled; vertical lines at the unweighted median and the top-decile threshold of regions.

    regions: code, value, flag (all NUTS 2); french: code, name, value, flag, rank, percentile, n.
    """
    regions = regions[regions["value"].notna()].sort_values("value", ignore_index=True)
    others = regions[~regions["code"].isin(french["code"])]
    size = sizes(presenter)
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=others["value"],
            y=_jitter(len(others)),
            mode="markers",
            marker={"color": MUTED, "size": size.strip_marker, "opacity": 0.55},
            name=text("europe.dist.others", lang),
            text=[
                f"{c} — {flagged(v, f, ind, lang)}"
                for c, v, f in zip(others["code"], others["value"], others["flag"], strict=True)
            ],
            hovertemplate="%{text}<extra></extra>",
        )
    )
    french = french.reset_index(drop=True)
    is_selected = (french["code"] == selected).tolist()
    fig.add_trace(
        go.Scatter(
            x=french["value"],
            y=[0.0] * len(french),
            mode="markers+text",
            marker={
                "color": HIGHLIGHT,
                "symbol": "diamond",
                "size": [18 if s else 11 for s in is_selected],
                "line": {"color": "white", "width": 1},
            },
            text=[name if s else "" for name, s in zip(french["name"], is_selected, strict=True)],
            textposition="top center",
            textfont={"color": HIGHLIGHT, "size": size.selected_label_font},
            name=text("europe.dist.french", lang),
            customdata=[
                [
                    name,
                    code,
                    flagged(v, f, ind, lang),
                    text("common.rank_of", lang, rank=int(r), n=int(n)),
                    text("europe.percentile_value", lang, p=number(p, 0, lang)),
                ]
                for name, code, v, f, r, p, n in french[
                    ["name", "code", "value", "flag", "rank", "percentile", "n"]
                ].itertuples(index=False)
            ],
            hovertemplate="<b>%{customdata[0]}</b> (%{customdata[1]})<br>%{customdata[2]}<br>%{customdata[3]} · "
            "%{customdata[4]}<extra></extra>",
        )
    )
    for key, dash in (("median", "dash"), ("top_decile", "dot")):
        value = reference[key]
        if pd.isna(value):
            continue
        fig.add_vline(
            x=value,
            line={"color": FRANCE_COLOUR, "dash": dash, "width": 2},
            annotation={
                "text": text(f"europe.{key}_line", lang, v=value_with_unit(value, ind.unit, ind.decimals, lang)),
                "yanchor": "bottom",
                "font": {"size": size.line_label_font},
            },
            annotation_position="top left" if key == "median" else "top right",
        )
    fig.update_layout(
        template=template(presenter),
        height=300,
        showlegend=True,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.12, "x": 0},
        margin={"l": 10, "r": 10, "t": 70, "b": 10},
        hovermode="closest",
    )
    fig.update_yaxes(visible=False, range=[-0.6, 0.75], fixedrange=True)
    fig.update_xaxes(title=unit_label(ind.unit, lang), showgrid=True)
    return fig


def _flag_points(line: pd.DataFrame, flag: str, name: str, presenter: bool) -> go.Scatter:
    points = line[(line["flag"] == flag).fillna(False) & line["value"].notna()]
    return go.Scatter(
        x=points["year"],
        y=points["value"],
        mode="markers+text",
        marker={
            "symbol": FLAG_SYMBOLS[flag],
            "size": sizes(presenter).flag_marker,
            "color": HIGHLIGHT,
            "line": {"width": 2},
        },
        text=[FLAG_LETTERS[flag]] * len(points),
        textposition="top center",
        textfont={"color": HIGHLIGHT},
        name=name,
        hoverinfo="skip",
        showlegend=not points.empty,
    )


def europe_trend(series: pd.DataFrame, name: str, ind: Indicator, lang: str, *, presenter: bool = False) -> go.Figure:
    """A French NUTS 2 region against the European median and top-decile threshold of regions, per year.

    series: period, value, flag, median, top_decile (one row per year; NaN where no survey: a gap, never filled).
    """
    line = series.assign(year=series["period"].astype(int)).reset_index(drop=True)

    def ys(values: pd.Series) -> list[float | None]:
        return [None if pd.isna(v) else float(v) for v in values]

    fig = go.Figure()
    for key, dash in (("top_decile", "dot"), ("median", "dash")):
        fig.add_trace(
            go.Scatter(
                x=line["year"],
                y=ys(line[key]),
                mode="lines+markers",
                connectgaps=False,
                line={"color": FRANCE_COLOUR if key == "median" else MUTED, "dash": dash, "width": 2},
                marker={"size": 5},
                name=text(f"europe.{key}", lang),
                text=[value_with_unit(v, ind.unit, ind.decimals, lang) for v in line[key]],
                hovertemplate="%{x} · %{text}<extra>" + text(f"europe.{key}", lang) + "</extra>",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=line["year"],
            y=ys(line["value"]),
            mode="lines+markers",
            connectgaps=False,
            line={"color": HIGHLIGHT, "width": 3},
            marker={"size": 7, "color": HIGHLIGHT},
            name=name,
            text=[flagged(v, f, ind, lang) for v, f in zip(line["value"], line["flag"], strict=True)],
            hovertemplate="%{x} · %{text}<extra>" + name + "</extra>",
        )
    )
    for flag in FLAG_LETTERS:
        fig.add_trace(_flag_points(line, flag, text(f"europe.flag_legend.{flag}", lang), presenter))
    fig.update_layout(
        template=template(presenter),
        height=420,
        hovermode="closest",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0, "xanchor": "left"},
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
    )
    fig.update_yaxes(title=unit_label(ind.unit, lang), automargin=True)
    fig.update_xaxes(dtick=1, showgrid=False, automargin=True)
    return fig
