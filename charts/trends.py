"""Time-series charts: 'spaghetti with highlight' (chosen regions in colour, the others in light grey, France
thick and black), direct labels at line ends, gaps kept as gaps, strategy milestones as markers.

Inputs are the long frames of analysis.trends (code, name, period, date, value, flag; gaps as NaN rows).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go
from babel.dates import format_date
from plotly.subplots import make_subplots

from analysis.trends import period_dates, up_to
from charts.labels import flagged_value, wrap
from charts.theme import FRANCE_COLOUR, HIGHLIGHT, INK, MUTED, sizes, template
from i18n import text
from i18n.format import LOCALES, period_label, unit_label, value_with_unit
from loaders.catalogue import Indicator

OTHERS = "#c9c9c9"
OTHERS_PRESENTER = "#6e6e6e"  # darker than the presenter template's grid, so the regions' lines stay visible
BAND = "#eceff4"
MILESTONE = "#4d4d4d"
HIGHLIGHTS = (HIGHLIGHT, "#1f77b4", "#e66101", "#1b9e77")
MIN_RIGHT = 190  # px: the right margin must hold "Provence-Alpes-Côte d'Azur 78 %"


def line_colours(codes: Sequence[str]) -> dict[str, str]:
    """Highlighted region code -> its colour, in selection order."""
    return {code: HIGHLIGHTS[i % len(HIGHLIGHTS)] for i, code in enumerate(codes)}


def _ys(values: pd.Series) -> list[float | None]:
    """Plain list with None for gaps: plotly leaves a hole there (connectgaps=False)."""
    return [None if pd.isna(v) else float(v) for v in values]


def _point_texts(line: pd.DataFrame, ind: Indicator, lang: str) -> list[str]:
    out = []
    for row in line.itertuples():
        value = flagged_value(row.value, row.flag, ind, lang)
        point = text("trends.point", lang, period=period_label(row.period, lang), value=value)
        out.append(f"<b>{row.name}</b><br>{point}")
    return out


def _isolated(values: pd.Series) -> list[bool]:
    """Points with no observed neighbour: a line alone would not show them."""
    seen = values.notna()
    return list(seen & ~seen.shift(1, fill_value=False) & ~seen.shift(-1, fill_value=False))


def _line(
    line: pd.DataFrame, ind: Indicator, lang: str, *, colour: str, width: float, name: str, legend: bool, markers: bool
) -> go.Scatter:
    """One territory's line; low-reliability points as hollow circles, isolated points as dots."""
    line = line.reset_index(drop=True)
    weak = ((line["flag"] == "low_reliability") & line["value"].notna()).fillna(False).tolist()
    lonely = _isolated(line["value"])
    size = [(9 if markers else 7) if w else (6 if markers or lone else 0) for w, lone in zip(weak, lonely, strict=True)]
    dot = colour if markers else MUTED
    return go.Scatter(
        x=[d.strftime("%Y-%m-%d") for d in line["date"]],
        y=_ys(line["value"]),
        mode="lines+markers",
        connectgaps=False,
        line={"color": colour, "width": width},
        marker={
            "size": size,
            "symbol": ["circle-open" if w else "circle" for w in weak],
            "color": [dot if w else colour for w in weak],
            "line": {"width": 2 if markers else 1.5},
        },
        name=name,
        legendgroup=name,
        showlegend=legend,
        text=_point_texts(line, ind, lang),
        hovertemplate="%{text}<extra></extra>",
    )


def spread(values: Sequence[float], min_gap: float) -> list[float]:
    """Label positions close to values but at least min_gap apart (order kept), so end labels don't overlap."""
    if not values:
        return []
    order = sorted(range(len(values)), key=lambda i: values[i])
    placed: dict[int, float] = {}
    last = None
    for i in order:
        y = values[i] if last is None else max(values[i], last + min_gap)
        placed[i] = last = y
    overshoot = max(0.0, (last - max(values)) / 2)  # centre the stack on the data
    return [placed[i] - overshoot for i in range(len(values))]


def _end_labels(fig: go.Figure, ends: list[tuple[str, float, str, str]], gap: float) -> None:
    """ends: (date, value, label, colour). Labels right of each line's last point, nudged apart."""
    for (x, _, label, colour), y in zip(ends, spread([e[1] for e in ends], gap), strict=True):
        fig.add_annotation(
            x=x,
            y=y,
            text=f"<b>{label}</b>",
            xanchor="left",
            xshift=8,
            showarrow=False,
            font={"color": colour},
            row=1,
            col=1,
        )


def _spaghetti(
    fig: go.Figure,
    lines: pd.DataFrame,
    france: pd.DataFrame,
    ind: Indicator,
    lang: str,
    highlighted: Sequence[str],
    presenter: bool,
) -> tuple[dict[str, str], list]:
    """Grey lines, then coloured ones, then France on top; returns region colours and end labels to place."""
    colours = line_colours([c for c in highlighted if c in set(lines["code"])])
    size = sizes(presenter)
    ends: list[tuple[str, float, str, str]] = []
    first_grey = True
    for code, line in lines.groupby("code", sort=True):
        if code in colours:
            continue
        fig.add_trace(
            _line(
                line,
                ind,
                lang,
                colour=OTHERS_PRESENTER if presenter else OTHERS,
                width=size.others_line,
                name=text("trends.other_regions", lang),
                legend=first_grey,
                markers=False,
            ),
            row=1,
            col=1,
        )
        first_grey = False
    for code, colour in colours.items():
        line = lines[lines["code"] == code]
        name = str(line["name"].iloc[0])
        fig.add_trace(
            _line(line, ind, lang, colour=colour, width=size.highlight_line, name=name, legend=False, markers=True),
            row=1,
            col=1,
        )
        ends += _last(line, name, colour, ind, lang)
    if not france.empty and france["value"].notna().any():
        fig.add_trace(
            _line(
                france,
                ind,
                lang,
                colour=FRANCE_COLOUR,
                width=size.france_line,
                name=text("common.france", lang),
                legend=True,
                markers=False,
            ),
            row=1,
            col=1,
        )
        ends += _last(france, text("common.france", lang), FRANCE_COLOUR, ind, lang)
    flagged = pd.concat([lines["flag"], france["flag"]]) == "low_reliability"
    if flagged.fillna(False).any():  # legend entry only: the hollow circles are drawn on the lines
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=text("trends.low_reliability", lang),
                marker={"symbol": "circle-open", "size": 9, "color": MUTED, "line": {"width": 2}},
            ),
            row=1,
            col=1,
        )
    return colours, ends


def _last(line: pd.DataFrame, name: str, colour: str, ind: Indicator, lang: str) -> list:
    seen = line.dropna(subset=["value"])
    if seen.empty:
        return []
    row = seen.sort_values("date").iloc[-1]
    label = f"{name} {value_with_unit(row['value'], ind.unit, ind.decimals, lang)}"
    return [(row["date"].strftime("%Y-%m-%d"), float(row["value"]), label, colour)]


def milestone_date(date: pd.Timestamp, precision: str, lang: str) -> str:
    """A milestone date as precise as the article is: '7 juil. 2017', 'juin 2017', 'début juillet 2017',
    'avant juillet 2017', 'T4 2016', '2018'."""
    day = dt.date(date.year, date.month, date.day)
    if precision == "day":
        return format_date(day, format="medium", locale=LOCALES[lang])
    if precision == "month":
        return format_date(day, format="LLLL y", locale=LOCALES[lang])
    if precision == "quarter":
        return text("trends.date.quarter", lang, q=(date.month - 1) // 3 + 1, y=date.year)
    if precision == "half-year":
        return text("trends.date.half", lang, h=1 if date.month <= 6 else 2, y=date.year)
    if precision in ("before", "early-month"):
        month = format_date(day, format="LLLL y", locale=LOCALES[lang])
        return text(f"trends.date.{precision}", lang, month=month)
    return str(date.year)


def milestone_hover(row: pd.Series, lang: str) -> str:
    """Region, date with its precision, initiative (wrapped), status and kind."""
    initiative = wrap(str(row[f"initiative_{lang}"]), 60)
    when = milestone_date(row["date"], row["date_precision"], lang)
    precision = text(f"trends.precision.{row['date_precision']}", lang)
    status = text(f"trends.status.{row['status']}", lang)
    kind = text(f"trends.kind.{row['kind']}", lang)
    return f"<b>{row['region_name']}</b> · {when} ({precision})<br>{initiative}<br><i>{status} · {kind}</i>"


def _milestone_trace(
    marks: pd.DataFrame, ys: Sequence, colours: Mapping[str, str], lang: str, *, name: str, legend: bool, size: int
) -> go.Scatter:
    return go.Scatter(
        x=[d.strftime("%Y-%m-%d") for d in marks["date"]],
        y=list(ys),
        mode="markers",
        marker={
            "symbol": "diamond",
            "size": size,
            "color": [colours.get(c, MILESTONE) for c in marks["region_code"]],
            "line": {"color": "white", "width": 1.5},
        },
        name=name,
        legendgroup="milestones",
        showlegend=legend,
        text=[milestone_hover(row, lang) for _, row in marks.iterrows()],
        hovertemplate="%{text}<extra></extra>",
    )


def _on_line(marks: pd.DataFrame, highlighted: Sequence[str], until: str | None = None) -> pd.DataFrame:
    """Milestones drawn on a line: those of the highlighted regions (all regions' when none is highlighted), up to
    `until` (the lines' last drawn period)."""
    chosen = marks if not highlighted else marks[marks["region_code"].isin(highlighted)]
    chosen = chosen[chosen["y"].notna()]
    return chosen if until is None else chosen[chosen["date"] <= period_dates(pd.Series([until])).iloc[0]]


def _ranges(
    fig: go.Figure,
    frames: Sequence[pd.DataFrame],
    dates: Sequence[pd.Timestamp],
    *,
    zero: bool,
    plot_px: float,
    ends: list,
    presenter: bool,
) -> None:
    """Fixed axis ranges (autorange would stretch to fit the end labels) and end labels spaced in pixels."""
    values = pd.concat([f["value"] for f in frames]).dropna()
    lo, hi = (float(values.min()), float(values.max())) if len(values) else (0.0, 1.0)
    pad = (hi - lo) * 0.06 or 1.0
    y0 = 0.0 if zero and lo >= 0 else lo - pad
    y1 = hi + pad
    fig.update_yaxes(range=[y0, y1], row=1, col=1)
    first, last = min(dates), max(dates)
    room = (last - first) * 0.02
    fig.update_xaxes(range=[(first - room).strftime("%Y-%m-%d"), (last + room).strftime("%Y-%m-%d")])
    size = sizes(presenter)
    _end_labels(fig, ends, (y1 - y0) * size.end_label_gap / plot_px)
    longest = max((len(e[2]) for e in ends), default=0)
    fig.update_layout(margin={"r": max(MIN_RIGHT, int(longest * size.end_label_char) + 20)})


def _layout(fig: go.Figure, ind: Indicator, lang: str, presenter: bool, height: int) -> None:
    fig.update_layout(
        template=template(presenter),
        height=height,
        hovermode="closest",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0, "xanchor": "left"},
        margin={"l": 10, "t": 40, "b": 10},
    )
    fig.update_yaxes(automargin=True)  # the shared template has none: tick labels would fall off a 10 px margin
    fig.update_yaxes(title=unit_label(ind.unit, lang), row=1, col=1)
    fig.update_xaxes(type="date", showgrid=False, automargin=True)


def _all_dates(*frames: pd.DataFrame) -> list[pd.Timestamp]:
    return [d for f in frames if not f.empty for d in f["date"]]


def ftth_trend(
    lines: pd.DataFrame,
    france: pd.DataFrame,
    marks: pd.DataFrame,
    ind: Indicator,
    lang: str,
    *,
    highlighted: Sequence[str] = (),
    presenter: bool = False,
    until: str | None = None,
) -> go.Figure:
    """FttH per region against France, the indicator's known breaks (ARCEP's change of base) as labelled bands,
    and a lane of the article's milestones.

    marks: analysis.trends.milestones (all regions). Milestones inside a line's observed range are drawn on
    that line; every milestone also sits in the lane under the chart (most predate the first FttH figure).
    until: the last period drawn (None: all); the axes keep the whole series' span.
    """
    full = [lines, france]
    lines, france = up_to(lines, until), up_to(france, until)
    has_marks = not marks.empty
    size = sizes(presenter)
    fig = make_subplots(
        rows=2 if has_marks else 1,
        cols=1,
        shared_xaxes=True,
        row_heights=list(size.lane) if has_marks else None,
        vertical_spacing=0.05,
    )
    colours, ends = _spaghetti(fig, lines, france, ind, lang, highlighted, presenter)
    name = text("trends.milestone", lang)
    if has_marks:
        on_line = _on_line(marks, highlighted, until)
        fig.add_trace(
            _milestone_trace(on_line, on_line["y"], colours, lang, name=name, legend=False, size=size.milestone),
            row=1,
            col=1,
        )
        fig.add_trace(
            _milestone_trace(marks, marks["region_name"], colours, lang, name=name, legend=True, size=size.milestone),
            row=2,
            col=1,
        )
        order = marks.drop_duplicates("region_code").sort_values("region_name", ascending=False)["region_name"]
        fig.update_yaxes(
            type="category",
            categoryorder="array",
            categoryarray=list(order),
            tickmode="array",  # every lane named, even when the image is short (plotly skips labels otherwise)
            tickvals=list(order),
            side="right",
            showgrid=True,
            ticks="",
            fixedrange=True,
            row=2,
            col=1,
        )
        fig.add_annotation(
            text=text("trends.lane_title", lang),
            xref="x2 domain",
            yref="y2 domain",
            x=0,
            y=1.0,
            xanchor="left",
            yanchor="bottom",
            showarrow=False,
            font={"color": MUTED},
        )
    for brk in ind.presentation.breaks:
        fig.add_vrect(x0=brk.start, x1=brk.end, fillcolor=BAND, line_width=0, layer="below", row=1, col=1)
        fig.add_annotation(
            text=brk.label[lang],
            x=brk.start,
            xref="x",
            yref="y domain",
            y=0.02,
            xanchor="left",
            yanchor="bottom",
            xshift=4,
            showarrow=False,
            font={"color": INK, "size": size.band_label_font},
        )
    height = size.ftth_height if has_marks else 520
    _layout(fig, ind, lang, presenter, height)
    _ranges(
        fig,
        full,
        _all_dates(lines, france, marks),
        zero=True,
        plot_px=(height - 90) * (size.lane[0] if has_marks else 1),
        ends=ends,
        presenter=presenter,
    )
    return fig


def indicator_trend(
    lines: pd.DataFrame,
    france: pd.DataFrame,
    ind: Indicator,
    lang: str,
    *,
    highlighted: Sequence[str] = (),
    marks: pd.DataFrame | None = None,
    presenter: bool = False,
    until: str | None = None,
) -> go.Figure:
    """Any regional series against France (low-reliability points hollow), milestones on highlighted lines.

    The y axis fits the data (not zero-based): survey shares between 60 and 95 % would be flattened otherwise.
    until: the last period drawn (None: all); the axes keep the whole series' span.
    """
    full = [lines, france]
    lines, france = up_to(lines, until), up_to(france, until)
    fig = make_subplots(rows=1, cols=1)
    colours, ends = _spaghetti(fig, lines, france, ind, lang, highlighted, presenter)
    on_line = _on_line(marks, highlighted, until) if marks is not None and not marks.empty else pd.DataFrame()
    if not on_line.empty:
        fig.add_trace(
            _milestone_trace(
                on_line,
                on_line["y"],
                colours,
                lang,
                name=text("trends.milestone", lang),
                legend=True,
                size=sizes(presenter).milestone,
            ),
            row=1,
            col=1,
        )
    height = sizes(presenter).trend_height
    _layout(fig, ind, lang, presenter, height)
    _ranges(fig, full, _all_dates(lines, france), zero=False, plot_px=height - 90, ends=ends, presenter=presenter)
    return fig
