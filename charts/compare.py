"""Two to four regions against France: a dot plot of gaps (one row per indicator) and their time series.

Each region keeps one colour AND one marker symbol in both charts, so it is recognised without colour.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from charts.labels import FOOTNOTE, flagged_value, wrap, wrap_lines
from charts.theme import FRANCE_COLOUR, GRID, MUTED, sizes, template
from i18n import text
from i18n.format import period_label, signed, unit_label, value_with_unit
from loaders.catalogue import Indicator

SYMBOLS = ("circle", "square", "diamond", "triangle-up")
PRESENTER_PITCH = 24  # px per indicator row on a shared screen: an 18 px label and its dots
PRESENTER_WIDTH = 1720  # px: the main area of a 1920 px screen in presenter mode


def presenter_height(rows: int) -> int:
    """Height of the dot plot in presenter mode: the rows, the legend above and the x axis below."""
    return PRESENTER_PITCH * rows + 150


RANGE = "#dcdcdc"


def region_styles(presenter: bool = False) -> list[tuple[str, str]]:
    """(colour, symbol) for the 1st..4th region; black is kept for France."""
    colours = [c for c in template(presenter).layout.colorway if c.lower() not in ("#000000", FRANCE_COLOUR)]
    return list(zip(colours, SYMBOLS, strict=False))


def row_label(ind: Indicator, period: str, ref_kind: str, lang: str, width: int = 44) -> str:
    """'Indicator label' wrapped, then its period (and 'ref.: median of regions' when France is missing)."""
    detail = period_label(period, lang)
    if ref_kind == "median":
        detail += " · " + text("compare.ref_median_short", lang)
    return wrap(ind.label[lang], width) + f"<br><span style='font-size:0.85em;color:{MUTED}'>{detail}</span>"


def short_row_label(ind: Indicator, period: str, ref_kind: str, lang: str, chars: int) -> str:
    """One line for a crowded export: 'Indicator label · period', the label shortened with '…' to fit `chars`."""
    detail = period_label(period, lang)
    if ref_kind == "median":
        detail += " · " + text("compare.ref_median_short", lang)
    label = ind.label[lang]
    room = max(12, chars - len(detail) - 3)
    if len(label) > room:
        label = label[: room - 1].rstrip() + "…"
    return f"{label}<span style='color:{MUTED}'> · {detail}</span>"


def gap_ticks(lo: float, hi: float, lang: str) -> tuple[list[float], list[str]]:
    """Round ticks over [lo, hi]; the zero tick reads 'France' (the reference), the others '+50 %'."""
    step = next((s for s in (10, 20, 25, 50, 100, 200, 500) if (hi - lo) / s <= 8), 1000)
    values = [float(v) for v in range(int(lo // step) * step, int(hi) + 1, step) if lo <= v <= hi]
    labels = [text("common.france", lang) if v == 0 else signed(v, 0, lang, in_percent=True) for v in values]
    return values, labels


def axis_limits(spread: pd.DataFrame, chosen: pd.Series, cap: float = 100.0, pad: float = 0.06) -> tuple[float, float]:
    """x range: every chosen region's dot, the regions' ranges up to ±cap %, and at least ±25 %.

    One overseas outlier at +400 % would otherwise squeeze every other row into a few pixels; bars cut
    at the edge get an arrow and a hover saying how far they go.
    """
    lo = min([-25.0, chosen.min(skipna=True) if chosen.notna().any() else 0, max(-cap, spread["min"].min())])
    hi = max([25.0, chosen.max(skipna=True) if chosen.notna().any() else 0, min(cap, spread["max"].max())])
    width = hi - lo
    return lo - width * pad, hi + width * pad


def _hover(rows: pd.DataFrame, indicators: Mapping[str, Indicator], lang: str) -> list[list[str]]:
    """Indicator, the region's real value, the reference's value, the signed gap: one list per dot."""
    out = []
    for r in rows.itertuples():
        ind = indicators[r.indicator]
        reference = value_with_unit(r.reference, ind.unit, ind.decimals, lang)
        out.append(
            [
                ind.label[lang],
                flagged_value(r.value, r.flag, ind, lang),
                text("common.france_value" if r.ref_kind == "france" else "compare.median_value", lang, v=reference),
                text("compare.gap_value", lang, v=signed(r.gap, 1, lang, in_percent=True))
                if np.isfinite(r.gap)
                else "",
            ]
        )
    return out


def _ranges(
    fig: go.Figure, spread: pd.DataFrame, pos: Mapping[str, float], lo: float, hi: float, lang: str, n: int
) -> None:
    """Grey bars from the lowest to the highest region, cut at the axis edge with an arrow saying how far."""
    xs, ys, cut = [], [], []
    for indicator, (low, high) in spread.iterrows():
        xs += [max(low, lo), min(high, hi), None]
        ys += [pos[indicator], pos[indicator], None]
        if low < lo:
            cut.append((lo, pos[indicator], "triangle-left", low))
        if high > hi:
            cut.append((hi, pos[indicator], "triangle-right", high))
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            mode="lines",
            line={"color": RANGE, "width": 10},
            hoverinfo="skip",
            name=text("compare.range", lang, n=n),
        )
    )
    if cut:
        fig.add_trace(
            go.Scatter(
                x=[c[0] for c in cut],
                y=[c[1] for c in cut],
                mode="markers",
                showlegend=False,
                cliponaxis=False,
                marker={"symbol": [c[2] for c in cut], "color": MUTED, "size": 10},
                text=[text("compare.range_beyond", lang, v=signed(c[3], 0, lang, in_percent=True)) for c in cut],
                hovertemplate="%{text}<extra></extra>",
            )
        )


def _missing_notes(
    fig: go.Figure,
    rows: pd.DataFrame,
    regions: Sequence[str],
    order: Sequence[str],
    pos: Mapping[str, float],
    lang: str,
    presenter: bool,
    compact: float | None = None,
) -> None:
    """'pas de donnée : Corse, Mayotte' under a row where a chosen region has no value (no dot is not enough).

    compact (row pitch in px): the note goes on the row itself, at the plot's left edge, in a font the pitch holds
    (pillar names keep the right edge, tick labels the left margin, so no text meets another)."""
    chosen = rows[rows["code"].isin(list(regions))]
    for indicator in order:
        here = chosen[chosen["indicator"] == indicator]
        absent = [str(n) for c in regions for n in here.loc[(here["code"] == c) & here["value"].isna(), "name"]]
        absent += [c for c in regions if c not in set(here["code"])]
        if absent:
            fig.add_annotation(
                text=text("compare.missing", lang, regions=", ".join(absent)),
                xref="paper",
                x=0 if compact else 1,
                xanchor="left" if compact else "right",
                y=pos[indicator] if compact else pos[indicator] + 0.28,
                yanchor="middle",
                showarrow=False,
                bgcolor="rgba(255,255,255,0.85)",
                font={
                    "size": _fit(compact, 10) if compact else sizes(presenter).row_note_font,
                    "color": MUTED,
                    "style": "italic",
                },
            )


def _fit(pitch: float, largest: float) -> float:
    """A font size (px) whose line fits a row pitch, never above `largest` nor below 7."""
    return max(7.0, min(largest, round(pitch * 0.6, 1)))


# What an export page keeps for its header, legend, x axis and footer (CSS px), and the footer's line: a note naming
# shortened labels in full takes lines of the footer, so the rows get less room.
_PAGE_FRAME, _FOOTER_LINE, _FOOTER_CHAR = 300.0, 12 * 1.3, 12 * 0.6
LEGIBLE_FONT = 9.0  # px: a whole label in this font (about 7 pt on a printed A4) beats a shortened one


def _row_labels(
    order: list[str],
    first: pd.DataFrame,
    by_id: Mapping[str, Indicator],
    lang: str,
    *,
    page: tuple[float, float] | None,
    presenter: bool,
) -> tuple[float | None, float | None, list[str], str]:
    """Row pitch and label font when rows are compact (None, None for two-line labels), the labels, and the note
    naming in full the ones shortened with '…'.

    One line a row: in the font the pitch holds when every label fits; else whole labels in a smaller font that is
    still legible (LEGIBLE_FONT); else labels shortened, named in full in a note whose lines are taken from the rows.
    """
    whole = [row_label(by_id[i], first.loc[i, "period"], first.loc[i, "ref_kind"], lang) for i in order]
    pitch = (page[1] - _PAGE_FRAME) / max(len(order), 1) if page else PRESENTER_PITCH if presenter else 66.0
    if pitch >= 66:
        return None, None, whole, ""
    width = page[0] if page else PRESENTER_WIDTH

    def at(font: float) -> tuple[list[str], str]:
        chars = int(width * 0.5 / (font * 0.6))  # labels take at most half the page's width
        labels = [
            short_row_label(by_id[i], first.loc[i, "period"], first.loc[i, "ref_kind"], lang, chars) for i in order
        ]
        shortened = [by_id[i].label[lang] for i, label in zip(order, labels, strict=True) if "…" in label]
        return labels, text("compare.full_labels", lang, labels=" · ".join(shortened)) if shortened else ""

    floor = sizes(presenter).min_font
    font = max(_fit(pitch, 13), floor)
    labels, note = at(font)
    if not note:
        return pitch, font, labels, ""
    longest = max(len(_plain(label)) for label in at(1.0)[0])
    smaller = width * 0.5 / (longest * 0.6)
    if smaller >= max(LEGIBLE_FONT, floor):
        return pitch, smaller, at(smaller)[0], ""
    room = 0.0
    while page and (needed := len(wrap_lines(note, int((width - 48) / _FOOTER_CHAR))) * _FOOTER_LINE) > room:
        room = needed
        pitch = (page[1] - _PAGE_FRAME - room) / max(len(order), 1)
        font = max(_fit(pitch, 13), LEGIBLE_FONT, floor)
        labels, note = at(font)
    return pitch, font, labels, note


def _plain(label: str) -> str:
    return re.sub(r"<[^>]+>", "", label)


def gap_dotplot(
    rows: pd.DataFrame,
    indicators: Sequence[Indicator],
    lang: str,
    *,
    regions: Sequence[str],
    presenter: bool = False,
    page: tuple[float, float] | None = None,
) -> go.Figure:
    """rows: analysis.compare.gap_rows (every region, each indicator's latest period); indicators: the rows'
    indicators, in the order drawn.

    x is the gap to the reference in %, oriented so that right = better than France. A grey bar spans the
    range of all regions; missing values draw no dot. Dots of one row are nudged apart vertically so a
    region sitting on another stays visible; pillars are separated by a rule and named on the right.

    page: (width, height) in CSS px of an export page. When two-line labels would not fit its rows, every label takes
    one line (shortened with '…', the full label stays in the hover and the table) in a font the row pitch holds.
    """
    by_id = {ind.id: ind for ind in indicators}
    order = [i for i in by_id if i in set(rows["indicator"])]
    size = sizes(presenter)
    # Rows of an export page: what is left once header, footer, legend and x axis are drawn (~300 px), shared out.
    # A shared screen keeps the one-line rows too (PRESENTER_PITCH), so every indicator fits one 1080 px screen.
    first = rows.drop_duplicates("indicator").set_index("indicator")
    compact, label_font, labels, note = _row_labels(order, first, by_id, lang, page=page, presenter=presenter)
    pos = {indicator: float(i) for i, indicator in enumerate(order)}
    fig = go.Figure()
    spread = rows.dropna(subset=["score"]).groupby("indicator")["score"].agg(["min", "max"]).reindex(order).dropna()
    lo, hi = axis_limits(spread, rows.loc[rows["code"].isin(list(regions)), "score"])
    _ranges(fig, spread, pos, lo, hi, lang, rows["code"].nunique())
    styles = region_styles(presenter)[: len(regions)]
    for k, (code, (colour, symbol)) in enumerate(zip(regions, styles, strict=False)):
        part = rows[(rows["code"] == code) & rows["indicator"].isin(order)]
        if part.empty:
            continue
        nudge = (k - (len(styles) - 1) / 2) * 0.14
        fig.add_trace(
            go.Scatter(
                x=part["score"],
                y=part["indicator"].map(pos) + nudge,
                mode="markers",
                name=str(part["name"].iloc[0]),
                marker={
                    "color": colour,
                    "symbol": symbol,
                    "size": _fit(compact, 13) if compact else size.dot,
                    "line": {"color": "white", "width": 1},
                },
                customdata=_hover(part, by_id, lang),
                hovertemplate="<b>%{fullData.name}</b><br>%{customdata[0]}<br>%{customdata[1]}<br>%{customdata[2]}"
                "<br>%{customdata[3]}<extra></extra>",
            )
        )
    _missing_notes(fig, rows, regions, order, pos, lang, presenter, compact)
    fig.add_vline(x=0, line={"color": FRANCE_COLOUR, "width": 1.5})
    pillars = [by_id[i].pillar for i in order]
    for i in range(len(order)):
        if i == 0 or pillars[i] != pillars[i - 1]:
            if i:
                fig.add_hline(y=i - 0.5, line={"color": MUTED, "width": 1})
            fig.add_annotation(
                text=text(f"common.pillar_short.{pillars[i]}", lang).upper(),
                xref="paper",
                x=1,
                xanchor="right",
                y=i - 0.5,
                yanchor="top",
                showarrow=False,
                font={"size": _fit(compact, 10) if compact else size.row_note_font, "color": MUTED},
            )
    tickvals, ticktext = gap_ticks(lo, hi, lang)
    if note:  # printed above the source line of an export, under the chart in presenter mode
        fig.update_layout(meta={FOOTNOTE: note})
    fig.update_yaxes(
        tickvals=list(pos.values()),
        ticktext=labels,
        tickfont={"size": label_font} if compact else None,
        range=[len(order) - 0.5, -0.5],
        showgrid=True,
        gridcolor=GRID,
        ticks="",
        automargin=True,
        title=None,
        zeroline=False,
    )
    fig.update_xaxes(
        title=wrap(text("compare.x_axis", lang), 60),  # centred under a plot about half the page wide
        tickvals=tickvals,
        ticktext=ticktext,
        zeroline=False,
        range=[lo, hi],
        automargin=True,
    )
    fig.update_layout(
        template=template(presenter),
        height=presenter_height(len(order)) if presenter else max(320, 66 * len(order) + 130),
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0, "xanchor": "left"},
        margin={"l": 10, "r": 20, "t": 70, "b": 10},
        hovermode="closest",
    )
    return fig


def compare_lines(
    lines: pd.DataFrame,
    france: pd.DataFrame,
    ind: Indicator,
    lang: str,
    *,
    regions: Sequence[str],
    presenter: bool = False,
) -> go.Figure:
    """lines / france: analysis.compare.compare_lines (code, name, period, date, value, flag), gaps as NaN rows."""
    fig = go.Figure()
    size = sizes(presenter)

    def add(part: pd.DataFrame, name: str, colour: str, symbol: str, dash: str) -> None:
        custom = [
            text("compare.hover_period", lang, period=period_label(p, lang), v=flagged_value(v, f, ind, lang))
            for p, v, f in zip(part["period"], part["value"], part["flag"], strict=True)
        ]
        fig.add_trace(
            go.Scatter(
                x=part["date"],
                y=part["value"],
                name=name,
                mode="lines+markers",
                connectgaps=False,
                line={"color": colour, "width": size.line, "dash": dash},
                marker={"symbol": symbol, "size": size.marker, "color": colour},
                customdata=custom,
                hovertemplate="<b>%{fullData.name}</b><br>%{customdata}<extra></extra>",
            )
        )

    for code, (colour, symbol) in zip(regions, region_styles(presenter), strict=False):
        part = lines[lines["code"] == code]
        if part["value"].notna().any():
            add(part, str(part["name"].iloc[0]), colour, symbol, "solid")
    if france["value"].notna().any():
        add(france, text("common.france", lang), FRANCE_COLOUR, "x-thin-open", "dash")
    annual = bool(len(lines)) and lines["period"].str.len().eq(4).all()
    fig.update_xaxes(title=None, automargin=True, tickformat="%Y" if annual else None, dtick="M12" if annual else None)
    fig.update_yaxes(
        title=unit_label(ind.unit, lang), automargin=True, rangemode="tozero" if ind.is_percent else "normal"
    )
    fig.update_layout(
        template=template(presenter),
        height=size.compare_lines_height,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0, "xanchor": "left"},
        margin={"l": 10, "r": 20, "t": 50, "b": 10},
        hovermode="closest",
    )
    return fig


def gap_table(
    rows: pd.DataFrame, indicators: Sequence[Indicator], lang: str, *, regions: Sequence[str]
) -> pd.DataFrame:
    """The dot plot's table twin: one row per indicator with its period, unit, reference and each region's value."""
    shown = [ind for ind in indicators if ind.id in set(rows["indicator"])]
    order = [ind.id for ind in shown]
    first = rows.drop_duplicates("indicator").set_index("indicator").reindex(order)
    values = rows.pivot_table(index="indicator", columns="code", values="value", dropna=False).reindex(order)
    decimals = [ind.decimals for ind in shown]
    names = rows.drop_duplicates("code").set_index("code")["name"]
    out = pd.DataFrame(
        {
            text("common.indicator", lang): [ind.label[lang] for ind in shown],
            text("common.period", lang): [period_label(p, lang) for p in first["period"]],
            text("compare.unit", lang): [unit_label(ind.unit, lang) for ind in shown],
            text("compare.reference", lang): [
                text("common.france" if k == "france" else "compare.median_regions", lang) for k in first["ref_kind"]
            ],
            text("compare.reference_value", lang): [
                round(v, d) for v, d in zip(first["reference"], decimals, strict=True)
            ],
        }
    )
    for code in regions:
        column = values[code] if code in values.columns else pd.Series(np.nan, index=order)
        out[names.get(code, code)] = [round(v, d) for v, d in zip(column, decimals, strict=True)]
    return out
