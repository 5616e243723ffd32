"""Ranking of territories on one indicator: horizontal bars, best on top, France as a bar of its own."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from analysis.frames import france_reference
from charts.theme import BAR, FRANCE_COLOUR, HIGHLIGHT, INK, MISSING, MUTED, sizes, template
from i18n import text
from i18n.format import (
    fact_text,
    flag_suffix,
    flag_word,
    is_not_covered,
    number,
    row_bounds,
    row_decimals,
    unit_label,
)
from loaders.catalogue import Indicator
from loaders.codes import FRANCE_CODE


def ranking(
    frame: pd.DataFrame,
    ind: Indicator,
    lang: str,
    *,
    france: float | None = None,
    selected: Sequence[str] = (),
    presenter: bool = False,
) -> go.Figure:
    """frame: code, name, value, flag, rank. Missing territories are listed last with 'no data', no bar.

    Value labels sit inside long bars and just outside the others (a label longer than its bar would be cut); the
    right margin makes room for the longest outside label. No France line for totals (counts).
    """
    unit, decimals = ind.unit, ind.decimals
    ordered = with_france(frame.sort_values(["rank", "name"], na_position="last"), ind, france, lang)
    own = row_decimals(ordered, decimals)
    labels = [number(v, d, lang) for v, d in zip(ordered["value"], own, strict=True)]
    hover = [
        fact_text(v, unit, d, lang, low, high)
        for v, d, (low, high) in zip(ordered["value"], own, row_bounds(ordered), strict=True)
    ]
    flags = [flag_suffix(f, lang) for f in ordered["flag"]]
    colours = [
        FRANCE_COLOUR if c == FRANCE_CODE else HIGHLIGHT if c in selected else (BAR if pd.notna(v) else MISSING)
        for c, v in zip(ordered["code"], ordered["value"], strict=True)
    ]
    missing = ordered["value"].isna()
    # Values known only within an interval (a rounded share) get a whisker over that interval.
    spans = [
        (v - lo, hi - v) if pd.notna(lo) and pd.notna(hi) else (0.0, 0.0)
        for v, (lo, hi) in zip(ordered["value"], row_bounds(ordered), strict=True)
    ]
    whiskers = (
        {"type": "data", "arrayminus": [s[0] for s in spans], "array": [s[1] for s in spans], "color": INK, "width": 3}
        if any(a or b for a, b in spans)
        else None
    )
    highest = max([v + s[1] for v, s in zip(ordered["value"].fillna(0), spans, strict=True)], default=0)
    top = highest if not missing.all() else 1.0
    texts = [lab + fl for lab, fl in zip(labels, flags, strict=True)]
    # Only a short number goes inside a long bar: a longer label (a flag) could be cut by its bar's end.
    positions = [
        "inside" if v >= 0.25 * top and len(tx) <= 6 else "outside"
        for v, tx in zip(ordered["value"].fillna(0), texts, strict=True)
    ]
    absent = [flag_word(f, lang) if is_not_covered(f) else text("common.no_data", lang) for f in ordered["flag"]]
    names = list(ordered["name"])
    size = sizes(presenter)
    outside = [tx for tx, pos in zip(texts, positions, strict=True) if pos == "outside"]
    fig = go.Figure(
        go.Bar(
            x=ordered["value"],
            y=names,
            orientation="h",
            marker={"color": colours},
            text=texts,
            textposition=positions,
            insidetextanchor="end",
            insidetextfont={"color": "white"},
            outsidetextfont={"color": INK},
            constraintext="none",
            cliponaxis=False,
            customdata=hover,
            hovertemplate="<b>%{y}</b><br>%{customdata}<extra></extra>",
            name=ind.label[lang],
            error_x=whiskers,
        )
    )
    if missing.any():
        fig.add_trace(
            go.Scatter(
                x=[0] * int(missing.sum()),
                y=[n for n, m in zip(names, missing, strict=True) if m],
                mode="text",
                text=[a for a, m in zip(absent, missing, strict=True) if m],
                textposition="middle right",
                textfont={"color": MUTED, "style": "italic"},
                cliponaxis=False,
                hoverinfo="skip",
            )
        )
    # The standoff keeps a region's name apart from its 'no data' note, which starts at 0.
    fig.update_yaxes(autorange="reversed", title=None, automargin=True, ticks="", ticklabelstandoff=size.font // 2 + 2)
    upper = top * 1.12 if not ind.is_percent else min(100.0, top * 1.12) if top <= 100 else top
    ticks = axis_ticks(upper)
    fig.update_xaxes(
        title=unit_label(unit, lang),
        range=[0, upper],
        tickangle=0,
        tickvals=ticks,
        ticktext=[number(v, 0 if float(v).is_integer() else 1, lang) for v in ticks],
    )
    longest = max((len(tx) for tx in outside), default=0)
    fig.update_layout(
        template=template(presenter),
        height=max(320, size.bar_pitch * len(ordered) + 90),
        showlegend=False,
        margin={"l": 10, "r": max(40, int(0.62 * size.font * longest) + 12), "t": 40, "b": 10},
    )
    return fig


def with_france(ordered: pd.DataFrame, ind: Indicator, france: float | None, lang: str) -> pd.DataFrame:
    """France as a row at its place in the order, so no reference line crosses a value label; none for totals."""
    france = france_reference(ind, france)
    if france is None:
        return ordered
    values = ordered["value"]
    ahead = (values < france) if ind.polarity < 0 else (values > france)
    place = int(ahead.fillna(False).sum())
    row = pd.DataFrame({"code": [FRANCE_CODE], "name": [f"<b>{text('common.france', lang)}</b>"], "value": [france]})
    return pd.concat([ordered.iloc[:place], row, ordered.iloc[place:]], ignore_index=True)


def axis_ticks(upper: float) -> list[float]:
    """At most three round ticks from 0: the bars carry their values, and a narrow column has room for three."""
    magnitude = 10 ** math.floor(math.log10(upper)) if upper > 0 else 1
    step = next(m * magnitude for m in (0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10) if upper / (m * magnitude) < 3)
    return [round(k * step, 10) for k in range(int(upper / step) + 1)]
