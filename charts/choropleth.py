"""Choropleth of one indicator over regions or departments, overseas insets included, offline-safe.

One geo trace carries the territories with data (continuous scale); missing territories are drawn
in grey in a second trace that carries only their shapes, so 'no data' never looks like a low value.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from charts.theme import HIGHLIGHT, MISSING, MUTED, NOT_COVERED_FILL, diverging_scale, sequential_scale, template
from i18n import text
from i18n.format import (
    NOT_COVERED,
    fact_text,
    flag_suffix,
    flag_word,
    is_not_covered,
    row_bounds,
    row_decimals,
    unit_label,
    value_with_unit,
)
from loaders.catalogue import Indicator
from loaders.geography import zoomed

HOVER = "<b>%{customdata[0]}</b><br>%{customdata[1]}<br>%{customdata[2]}<br>%{customdata[3]}<extra></extra>"


def hover_columns(frame: pd.DataFrame, ind: Indicator, lang: str, france: float | None) -> list[list[str]]:
    """Name, formatted value (its own decimals, its possible range, its flag), rank out of n, France's value:
    one list per territory."""
    unit, decimals = ind.unit, ind.decimals
    n = int(frame["value"].notna().sum())
    france_text = text("common.france_value", lang, v=value_with_unit(france, unit, decimals, lang))
    rows = []
    for row, own, (low, high) in zip(frame.itertuples(), row_decimals(frame, decimals), row_bounds(frame), strict=True):
        value = fact_text(row.value, unit, own, lang, low, high, row.flag) + flag_suffix(row.flag, lang)
        rank = "" if pd.isna(row.rank) else text("common.rank_of", lang, rank=int(row.rank), n=n)
        rows.append([row.name, value, rank, france_text])
    return rows


def _features(geojson: Mapping, codes: Sequence[str] | None = None) -> dict:
    """The FeatureCollection without foreign members, optionally reduced to some codes."""
    feats = geojson["features"]
    if codes is not None:
        wanted = set(codes)
        feats = [f for f in feats if f["properties"]["code"] in wanted]
    return {"type": "FeatureCollection", "features": feats}


def with_zoom(frame: pd.DataFrame, custom: list, geojson: Mapping) -> tuple[pd.DataFrame, list]:
    """The rows (and hover texts) again for the enlarged copies of small territories (Paris and its inner suburbs),
    under the copies' own codes, so the copies are coloured, outlined and hovered like the originals."""
    copies = {
        f["properties"]["code"]: f["properties"]["zoom_of"] for f in geojson["features"] if "zoom_of" in f["properties"]
    }
    position = {code: i for i, code in enumerate(frame["code"])}
    wanted = [(code, position[of]) for code, of in copies.items() if of in position]
    if not wanted:
        return frame, custom
    extra = frame.iloc[[i for _, i in wanted]].assign(code=[code for code, _ in wanted])
    return pd.concat([frame, extra], ignore_index=True), custom + [custom[i] for _, i in wanted]


def inset_frames(geojson: Mapping, lang: str) -> list[go.Scattergeo]:
    """Thin frames around the insets (overseas, Paris), named, so nobody mistakes them for real positions."""
    boxes = geojson.get("insets") or []
    if not boxes:
        return []
    names = {f["properties"]["code"]: f["properties"].get("name", "") for f in geojson["features"]}
    lon: list[float | None] = []
    lat: list[float | None] = []
    steps = [i / 20 for i in range(21)]  # straight edges: geo lines follow great circles otherwise
    for inset in boxes:
        x0, y0, x1, y1 = inset["box"]
        lon += [x0 + (x1 - x0) * s for s in steps] + [x1] * 21 + [x1 - (x1 - x0) * s for s in steps] + [x0] * 21
        lat += [y0] * 21 + [y0 + (y1 - y0) * s for s in steps] + [y1] * 21 + [y1 - (y1 - y0) * s for s in steps]
        lon.append(None)
        lat.append(None)
    frames = go.Scattergeo(
        lon=lon, lat=lat, mode="lines", line={"color": MUTED, "width": 0.6}, hoverinfo="skip", showlegend=False
    )
    labels = go.Scattergeo(
        lon=[inset["box"][0] for inset in boxes],
        lat=[inset["box"][3] for inset in boxes],
        text=[names.get(inset["code"]) or text(f"map.inset.{inset['code']}", lang) for inset in boxes],
        mode="text",
        textposition="top right",
        textfont={"size": 9, "color": MUTED},
        hoverinfo="skip",
        showlegend=False,
    )
    return [frames, labels]


def _flat_trace(frame: pd.DataFrame, geojson: Mapping, custom: list, colour: str, name: str) -> go.Choropleth:
    """Territories drawn in one flat colour, named in the legend ('no data', 'not covered'), never on the scale."""
    return go.Choropleth(
        geojson=_features(geojson, frame["code"].tolist()),
        featureidkey="properties.code",
        locations=frame["code"],
        z=[0] * len(frame),
        customdata=custom,
        hovertemplate=HOVER,
        colorscale=[[0, colour], [1, colour]],
        showscale=False,
        marker={"line": {"color": "white", "width": 0.5}},
        unselected={"marker": {"opacity": 1}},
        name=name,
        showlegend=True,
    )


def choropleth(
    frame: pd.DataFrame,
    geojson: Mapping,
    ind: Indicator,
    lang: str,
    *,
    france: float | None = None,
    selected: Sequence[str] = (),
    presenter: bool = False,
    zrange: tuple[float, float] | None = None,
    diverging: bool = False,
) -> go.Figure:
    """frame: code, name, value, flag, rank (one row per territory of the level, missing values NaN).

    zrange fixes the colour scale (e.g. over all periods, so colours stay comparable along a time slider);
    diverging centres a two-sided scale on 0, symmetric, for gaps.
    """
    frame = frame.reset_index(drop=True)
    frame, custom = with_zoom(frame, hover_columns(frame, ind, lang, france), geojson)
    has = frame["value"].notna().to_numpy()
    chosen = frame["code"].map(zoomed).isin(selected).to_numpy()
    fig = go.Figure()
    data = frame[has]
    fig.add_trace(
        go.Choropleth(
            geojson=_features(geojson, data["code"].tolist()),
            featureidkey="properties.code",
            locations=data["code"],
            z=data["value"],
            customdata=[c for c, keep in zip(custom, has, strict=True) if keep],
            hovertemplate=HOVER,
            colorscale=diverging_scale(ind.polarity) if diverging else sequential_scale(ind.polarity),
            zmid=0 if diverging else None,
            zmin=zrange[0] if zrange else None,
            zmax=zrange[1] if zrange else None,
            marker={
                "line": {
                    "color": [HIGHLIGHT if c else "white" for c in chosen[has]],
                    "width": [3 if c else 0.5 for c in chosen[has]],
                }
            },
            colorbar={"title": {"text": unit_label(ind.unit, lang)}, "thickness": 14, "len": 0.7},
            # plotly fades every other territory once one is clicked; the selection is outlined instead
            unselected={"marker": {"opacity": 1}},
            name=ind.label[lang],
        )
    )
    outside = frame["flag"].map(is_not_covered).to_numpy(dtype=bool)
    for mask, colour, name in (
        (~has & ~outside, MISSING, text("common.no_data", lang)),
        (outside, NOT_COVERED_FILL, flag_word(NOT_COVERED, lang)),
    ):
        if mask.any():
            fig.add_trace(
                _flat_trace(frame[mask], geojson, [c for c, m in zip(custom, mask, strict=True) if m], colour, name)
            )
    if fig.data[1:]:
        fig.update_layout(legend={"orientation": "h", "yanchor": "top", "y": 0, "x": 0, "itemclick": False})
    fig.add_traces(inset_frames(geojson, lang))
    fig.update_geos(visible=False, fitbounds="locations", projection_type="mercator", bgcolor="rgba(0,0,0,0)")
    fig.update_layout(template=template(presenter), margin={"l": 0, "r": 0, "t": 10, "b": 0}, dragmode=False)
    return fig
