"""Figures of the digital maturity index: ranking with rank changes, rank intervals, the gap as bars and over time."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from charts.theme import BAR, BETTER, FRANCE_COLOUR, HIGHLIGHT, INK, MUTED, WORSE, template
from i18n import text
from i18n.format import number, signed
from loaders.codes import FRANCE_CODE

OTHERS = "#b0b0b0"


def rank_change(rank: object, default_rank: object, lang: str) -> str:
    """'▲ 2' when the chosen weights lift a territory two places above its rank with equal weights."""
    if pd.isna(rank) or pd.isna(default_rank) or rank == default_rank:
        return ""
    moved = int(default_rank) - int(rank)
    return text("index.moved_up" if moved > 0 else "index.moved_down", lang, n=abs(moved))


def index_ranking(
    table: pd.DataFrame, lang: str, *, selected: Sequence[str] = (), presenter: bool = False
) -> go.Figure:
    """table: code, name, index, rank, default_rank. Best on top; the label says the move against equal weights."""
    ordered = table.dropna(subset=["index"]).sort_values("index", ascending=True)
    labels = [
        " ".join(filter(None, [number(v, 1, lang), rank_change(r, d, lang)]))
        for v, r, d in zip(ordered["index"], ordered["rank"], ordered["default_rank"], strict=True)
    ]
    fig = go.Figure(
        go.Bar(
            x=ordered["index"],
            y=ordered["name"],
            orientation="h",
            marker={"color": [HIGHLIGHT if c in selected else BAR for c in ordered["code"]]},
            text=labels,
            textposition="outside",
            cliponaxis=False,
            hovertemplate="<b>%{y}</b><br>%{text}<extra></extra>",
            name=text("index.title", lang),
        )
    )
    fig.update_layout(
        template=template(presenter),
        xaxis={"range": [0, 100], "title": text("index.scale", lang)},
        yaxis={"automargin": True},
        height=max(360, 28 * len(ordered) + 80),
        margin={"l": 10, "r": 80, "t": 10, "b": 10},
        showlegend=False,
    )
    return fig


def sensitivity_chart(
    sens: pd.DataFrame, lang: str, *, selected: Sequence[str] = (), presenter: bool = False
) -> go.Figure:
    """sens: code, name, rank, rank_p05, rank_p95, rank_min, rank_max. One row per territory, rank 1 on the left:
    a thick bar over 90 % of the weight draws, a thin line over all of them, a dot at the chosen weights' rank."""
    ordered = sens.dropna(subset=["rank"]).sort_values("rank", ascending=False)
    n = int(ordered["rank"].max()) if len(ordered) else 1
    fig = go.Figure()
    for low, high, width, colour, key in (
        ("rank_min", "rank_max", 2, OTHERS, "index.sensitivity.all"),
        ("rank_p05", "rank_p95", 10, "#9bb2c8", "index.sensitivity.p90"),
    ):
        xs: list[float | None] = []
        ys: list[str | None] = []
        for row in ordered.itertuples():
            xs += [getattr(row, low), getattr(row, high), None]
            ys += [row.name, row.name, None]
        fig.add_trace(
            go.Scatter(
                x=xs, y=ys, mode="lines", line={"color": colour, "width": width}, name=text(key, lang), hoverinfo="skip"
            )
        )
    fig.add_trace(
        go.Scatter(
            x=ordered["rank"],
            y=ordered["name"],
            mode="markers",
            marker={"color": [HIGHLIGHT if c in selected else INK for c in ordered["code"]], "size": 10},
            customdata=ordered[["rank_p05", "rank_p95", "rank_min", "rank_max"]].astype(int).to_numpy(),
            hovertemplate=text("index.sensitivity.hover", lang),
            name=text("index.sensitivity.rank", lang),
        )
    )
    fig.update_layout(
        template=template(presenter),
        xaxis={"range": [n + 0.5, 0.5], "dtick": 1, "title": text("index.sensitivity.axis", lang)},
        height=max(360, 28 * len(ordered) + 120),
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
        margin={"l": 10, "r": 20, "t": 40, "b": 10},
    )
    return fig


def gap_bars(table: pd.DataFrame, lang: str, *, selected: Sequence[str] = (), presenter: bool = False) -> go.Figure:
    """table: code, name, gap_france. Sorted; orange where usage lags infrastructure more than in France."""
    ordered = table.dropna(subset=["gap_france"]).sort_values("gap_france")
    colours = [
        HIGHLIGHT if c in selected else (WORSE if g > 0 else BETTER)
        for c, g in zip(ordered["code"], ordered["gap_france"], strict=True)
    ]
    fig = go.Figure(
        go.Bar(
            x=ordered["gap_france"],
            y=ordered["name"],
            orientation="h",
            marker={"color": colours},
            text=[signed(g, 1, lang) for g in ordered["gap_france"]],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="<b>%{y}</b><br>%{text}<extra></extra>",
            name=text("index.gap.title", lang),
        )
    )
    fig.add_vline(
        x=0,
        line={"color": FRANCE_COLOUR, "width": 1.5},
        annotation={"text": text("index.gap.france_line", lang), "yanchor": "bottom"},
        annotation_position="top",
    )
    low, high = (float(ordered["gap_france"].min()), float(ordered["gap_france"].max())) if len(ordered) else (0.0, 1.0)
    pad = 0.25 * max(high - low, 1.0)  # room for the labels outside the bars, on both sides
    fig.update_layout(
        template=template(presenter),
        xaxis={"title": text("index.gap.axis", lang), "range": [min(low, 0) - pad, max(high, 0) + pad]},
        height=max(360, 28 * len(ordered) + 80),
        margin={"l": 10, "r": 60, "t": 30, "b": 10},
        showlegend=False,
    )
    return fig


def decimal_year(date: object) -> float:
    """A date on a year axis: 1 July 2017 is 2017.5."""
    day = pd.Timestamp(date)
    return day.year + (day.day_of_year - 1) / 365


def _gap_line(rows: pd.DataFrame, territory: str, **style: Any) -> go.Scatter:
    """One territory's gap over the years, broken where a year is missing; the hover names the territory even
    where the legend lumps it with the other regions."""
    return go.Scatter(
        x=rows["year"],
        y=rows["gap"],
        mode="lines+markers",
        connectgaps=False,
        hovertemplate=f"<b>{territory}</b> %{{x}}<br>%{{y:.1f}}<extra></extra>",
        **style,
    )


def gap_history_chart(
    history: pd.DataFrame,
    names: Mapping[str, str],
    strategies: pd.DataFrame,
    lang: str,
    *,
    selected: Sequence[str] = (),
    presenter: bool = False,
) -> go.Figure:
    """history: code, year, gap (FR = France). Regions in grey, chosen ones coloured, France in black; the band
    spans the dates of the regional strategies' milestones."""
    years = history["year"].astype(int)
    grid = range(int(years.min()), int(years.max()) + 1) if len(years) else range(0)
    history = (
        history.assign(year=years)
        .set_index(["code", "year"])["gap"]
        .unstack()
        .reindex(columns=list(grid))
        .stack(future_stack=True)
        .rename("gap")
        .reset_index()
    )
    fig = go.Figure()
    first_other = next((c for c in sorted(set(history["code"]) - {FRANCE_CODE}) if c not in selected), None)
    for code, rows in history[history["code"] != FRANCE_CODE].groupby("code"):
        chosen = code in selected
        fig.add_trace(
            _gap_line(
                rows,
                names.get(code, code),
                line={"color": HIGHLIGHT if chosen else OTHERS, "width": 3 if chosen else 1.2},
                marker={"size": 5},
                name=names.get(code, code) if chosen else text("index.history.regions", lang),
                legendgroup=code if chosen else "others",
                showlegend=chosen or code == first_other,
            )
        )
    france = history[history["code"] == FRANCE_CODE]
    france_name = text("common.france", lang)
    fig.add_trace(_gap_line(france, france_name, line={"color": FRANCE_COLOUR, "width": 4}, name=france_name))
    if len(strategies):
        fig.add_vrect(
            x0=decimal_year(strategies["date"].min()),
            x1=decimal_year(strategies["date"].max()),
            fillcolor="#e8e0f0",
            opacity=0.5,
            line_width=0,
            layer="below",
            annotation={"text": text("index.history.strategies", lang), "font": {"color": MUTED}},
            annotation_position="top left",
        )
    fig.add_hline(y=0, line={"color": MUTED, "width": 1, "dash": "dot"})
    fig.update_layout(
        template=template(presenter),
        xaxis={"dtick": 1, "title": None},
        yaxis={"title": text("index.history.axis", lang)},
        height=460,
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
        margin={"l": 10, "r": 20, "t": 40, "b": 10},
    )
    return fig
