"""Ranking of territories on one indicator: horizontal bars, best on top, France as a reference line."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from charts.theme import FRANCE_COLOUR, HIGHLIGHT, MISSING, template
from i18n import text
from i18n.format import number, unit_label, value_with_unit

BAR = "#4a6b8a"


def ranking(
    frame: pd.DataFrame,
    meta: Mapping,
    lang: str,
    *,
    france: float | None = None,
    selected: Sequence[str] = (),
    presenter: bool = False,
) -> go.Figure:
    """frame: code, name, value, flag, rank. Missing territories are listed last with 'no data', no bar."""
    unit, decimals = meta["unit"], int(meta["decimals"])
    ordered = frame.sort_values(["rank", "name"], na_position="last")
    labels = [number(v, decimals, lang) for v in ordered["value"]]
    hover = [value_with_unit(v, unit, decimals, lang) for v in ordered["value"]]
    flags = [f" ({text(f'common.flag.{f}', lang)})" if isinstance(f, str) and f else "" for f in ordered["flag"]]
    colours = [
        HIGHLIGHT if c in selected else (BAR if pd.notna(v) else MISSING)
        for c, v in zip(ordered["code"], ordered["value"], strict=True)
    ]
    missing = ordered["value"].isna()
    names = [f"{n} · {text('common.no_data', lang)}" if m else n for n, m in zip(ordered["name"], missing, strict=True)]
    fig = go.Figure(
        go.Bar(
            x=ordered["value"],
            y=names,
            orientation="h",
            marker={"color": colours},
            text=[lab + fl for lab, fl in zip(labels, flags, strict=True)],
            textposition="inside",
            insidetextanchor="end",
            insidetextfont={"color": "white"},
            constraintext="none",
            customdata=hover,
            hovertemplate="<b>%{y}</b><br>%{customdata}<extra></extra>",
            name=meta[f"label_{lang}"],
        )
    )
    if france is not None:
        fig.add_vline(
            x=france,
            line={"color": FRANCE_COLOUR, "dash": "dash", "width": 1.5},
            annotation={
                "text": text("common.france_value", lang, v=value_with_unit(france, unit, decimals, lang)),
                "yanchor": "bottom",
            },
            annotation_position="top",
        )
    fig.update_yaxes(autorange="reversed", title=None, automargin=True, ticks="")
    fig.update_xaxes(title=unit_label(unit, lang), rangemode="tozero")
    fig.update_layout(
        template=template(presenter),
        height=max(320, 26 * len(ordered) + 90),
        showlegend=False,
        margin={"l": 10, "r": 60, "t": 40, "b": 10},
    )
    return fig
