"""The region profile as a readable table: formatted value, 'ordinal of n' rank, gap to France with a
better/worse symbol (so the meaning is not carried by colour alone), sparkline values, flags.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from babel import Locale
from pandas.io.formats.style import Styler

from charts.theme import BETTER, INK, WORSE, template
from i18n import text
from i18n.format import (
    LOCALES,
    fact_text,
    flag_word,
    is_not_covered,
    number,
    period_label,
    value_decimals,
    value_with_unit,
)
from loaders.catalogue import Indicator

SPARK = "#4a6b8a"  # sparklines stay neutral: a trend's direction is not a verdict
COLUMNS = ("indicator", "value", "period", "rank", "france", "gap", "trend", "note")
# Column widths in px, shared by every pillar's table so they line up.
WIDTHS = {"indicator": 300, "value": 140, "period": 95, "rank": 90, "france": 95, "gap": 100, "trend": 85}


def ordinal_rank(rank: int, n: int, lang: str) -> str:
    """'1ᵉʳ sur 18', '3ᵉ sur 18' / '1st of 18', '3rd of 18' (CLDR ordinal rules via Babel)."""
    form = Locale.parse(LOCALES[lang]).ordinal_form(rank)
    return text("profile.rank", lang, ordinal=text(f"profile.ordinal.{form}", lang, n=rank), n=n)


def gap_text(gap: float, better: bool | None, ind: Indicator, lang: str) -> str:
    """'▲ +3,2 pts' when better than France, '▼ −1,5 pts' when worse, no symbol when neutral or equal.

    The unit is left to the value column (it would make the column too wide), except points for percentages.
    Totals get none: a region's count is not comparable with France's total.
    """
    if ind.is_total:
        return text("profile.not_applicable", lang)
    if pd.isna(gap):
        return text("common.no_data", lang)
    decimals = ind.decimals
    shown = round(gap, decimals)
    body = ("" if shown == 0 else "+" if shown > 0 else "\u2212") + number(abs(shown), decimals, lang)
    suffix = f" {text('profile.points', lang)}" if ind.is_percent else ""
    symbol = {True: "▲ ", False: "▼ "}.get(better, "")
    return f"{symbol}{body}{suffix}"


def compact_value(value: float, ind: Indicator, decimals: int, lang: str) -> str:
    """France's value next to the region's: same number format, unit only where it is short (%)."""
    return value_with_unit(value, ind.unit, decimals, lang) if ind.is_percent else number(value, decimals, lang)


def _rank_text(rank: object, n: object, lang: str) -> str:
    return text("common.no_data", lang) if pd.isna(rank) else ordinal_rank(int(rank), int(n), lang)


def _note(flag: object, lang: str) -> str:
    """The flag in the note column; 'not covered' is said in the value column already."""
    return "" if is_not_covered(flag) else flag_word(flag, lang)


def column_labels(lang: str) -> dict[str, str]:
    return {c: text(f"profile.col.{c}", lang) for c in COLUMNS}


def profile_table(profile: pd.DataFrame, indicators: Mapping[str, Indicator], lang: str) -> pd.DataFrame:
    """profile (analysis.profile.region_profile rows) -> display frame with translated column names; indicators:
    the catalogue by id (`ds.indicators`).

    The value keeps its own published decimals (`value_decimals`, else the indicator's) and its possible range
    (`low`, `high`) when it has one; France and the gap use the indicator's decimals.
    """
    rows = []
    for row in profile.itertuples():
        ind = indicators[row.indicator]
        own = value_decimals(getattr(row, "value_decimals", None), ind.decimals)
        rows.append(
            {
                "indicator": ind.label[lang],
                "value": fact_text(
                    row.value, ind.unit, own, lang, getattr(row, "low", None), getattr(row, "high", None), row.flag
                ),
                "period": period_label(row.period, lang),
                "rank": _rank_text(row.rank, row.n, lang),
                "france": compact_value(row.france, ind, ind.decimals, lang),
                "gap": gap_text(row.gap, row.better, ind, lang),
                "trend": row.spark if isinstance(row.spark, list) else None,
                "note": _note(row.flag, lang),
            }
        )
    return pd.DataFrame(rows, columns=list(COLUMNS)).rename(columns=column_labels(lang))


def styled(table: pd.DataFrame, better: pd.Series, lang: str) -> Styler:
    """Gap cells in purple (better) or orange (worse); the ▲/▼ symbol says the same in text."""
    gap = column_labels(lang)["gap"]
    colours = [f"color: {BETTER}" if b is True else f"color: {WORSE}" if b is False else "" for b in better]
    return table.style.apply(lambda _: colours, subset=[gap], axis=0)


def sortable(table: pd.DataFrame, profile: pd.DataFrame, indicators: Mapping[str, Indicator], lang: str) -> Styler:
    """The profile table for an interactive grid: Value, Rank, France and Gap cells hold numbers and show their
    texts, so a click on a header sorts by the number ("10e" after "2e"); the gap sorts by advantage over France,
    the date by its ISO form ("2024" after "30 juin 2022").

    The grid writes "None" over an empty cell whatever its display text, so a missing number is held as +inf: it
    shows its text ("pas de donnée", "non concerné") and sorts to one end.
    """
    labels = column_labels(lang)
    advantage = np.array([-1.0 if indicators[i].polarity < 0 else 1.0 for i in profile["indicator"]])
    numbers = table.assign(
        **{
            labels[key]: np.nan_to_num(profile[key].astype(float).to_numpy() * sign, nan=np.inf)
            for key, sign in (("value", 1.0), ("rank", 1.0), ("france", 1.0), ("gap", advantage))
        },
        **{labels["period"]: profile["period"].astype(str).to_numpy()},
    )
    style = styled(numbers, profile["better"], lang)
    for key in ("value", "period", "rank", "france", "gap"):
        column = labels[key]
        for row, shown in zip(table.index, table[column], strict=True):
            shown = shown if isinstance(shown, str) else "—"
            style = style.format(lambda _, shown=shown: shown, subset=pd.IndexSlice[[row], [column]])
    return style


def headline(row: pd.Series, ind: Indicator, lang: str) -> dict:
    """Arguments of st.metric for one indicator (row: its analysis.profile.region_profile row): value, gap to France
    (arrow up = better), rank, sparkline.

    The value carries only short units (%): the label already says 'pour 100 000 habitants'.
    """
    gap = None if pd.isna(row["gap"]) else gap_text(row["gap"], None, ind, lang)
    arrow = {True: "up", False: "down"}.get(row["better"], "off")
    return {
        "label": ind.label[lang],
        "value": compact_value(row["value"], ind, value_decimals(row.get("value_decimals"), ind.decimals), lang),
        "delta": gap,
        "delta_arrow": arrow,
        "delta_color": {True: "violet", False: "orange"}.get(row["better"], "gray"),
        "delta_description": " · ".join(
            p for p in (text("profile.vs_france", lang) if gap else "", _rank_text(row["rank"], row["n"], lang)) if p
        ),
        "help": period_label(row["period"], lang),
        "chart_data": row["spark"] if isinstance(row["spark"], list) else None,
    }


def table_figure(table: pd.DataFrame, better: pd.Series, lang: str, presenter: bool = False) -> go.Figure:
    """A profile table as a figure, for the PDF of the whole profile (sparklines left out, gaps coloured)."""
    shown = table.drop(columns=[column_labels(lang)["trend"]])
    gap = column_labels(lang)["gap"]
    colours = [BETTER if b is True else WORSE if b is False else INK for b in better]
    return plain_table_figure(
        shown, widths=[3.2, 1.3, 1.2, 1.1, 1.2, 1.3, 1.2], colours={gap: colours}, presenter=presenter
    )


def plain_table_figure(
    frame: pd.DataFrame,
    *,
    widths: list[float] | None = None,
    colours: dict[str, list[str]] | None = None,
    presenter: bool = False,
) -> go.Figure:
    """Any small table as a plotly figure (for PDF pages); `colours` gives per-cell ink for some columns."""
    colours = colours or {}
    font = [colours.get(c, [INK] * len(frame)) for c in frame.columns]
    fig = go.Figure(
        go.Table(
            columnwidth=(widths or [1.0] * len(frame.columns))[: len(frame.columns)],
            header={
                "values": [f"<b>{c}</b>" for c in frame.columns],
                "align": "left",
                "fill_color": "#eef1f5",
                "font": {"size": 12},
            },
            cells={
                "values": [frame[c].fillna("").tolist() for c in frame.columns],
                "align": "left",
                "font": {"size": 11, "color": font},
                "height": 24,
            },
        )
    )
    fig.update_layout(template=template(presenter))
    return fig
