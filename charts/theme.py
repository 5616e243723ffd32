"""One look for the screen and the exports: template, colour scales, sizes.

Scales are colour-blind safe (cividis for levels, purple-orange for gaps). For every indicator,
darker means better, so a map reads the same way whatever the indicator's polarity.
"""

from __future__ import annotations

import plotly.graph_objects as go

FONT_FAMILY = "DejaVu Sans, Verdana, Arial, sans-serif"
INK = "#1d1d1b"
MUTED = "#6b6b6b"
GRID = "#e6e6e6"
MISSING = "#d9d9d9"
# Bars of a ranking, and the two ends of the PuOr diverging scale (colour-blind safe): better / worse than France.
BAR = "#4a6b8a"
BETTER = "#5e3c99"
WORSE = "#b35806"
# Outside a programme: paler than "no data" and never on a colour scale.
NOT_COVERED_FILL = "#ebe1c3"
HIGHLIGHT = "#c2185b"
FRANCE_COLOUR = "#1d1d1b"
DIVERGING = "PuOr"
CATEGORICAL = ("#1f77b4", "#e66101", "#5e3c99", "#1b9e77", "#b2182b", "#8c6d31")
HIGH_CONTRAST_CATEGORICAL = ("#0072b2", "#d55e00", "#000000", "#009e73", "#cc79a7", "#e69f00")


def sequential_scale(polarity: int) -> str:
    """Cividis with its dark end on the 'better' side (more is darker for neutral indicators)."""
    return "cividis" if polarity < 0 else "cividis_r"


def diverging_scale(polarity: int) -> str:
    """Purple-orange around 0 with purple on the 'better' side, like the profile's gap colours."""
    return f"{DIVERGING}_r" if polarity < 0 else DIVERGING


def template(presenter: bool = False) -> go.layout.Template:
    """The shared template; presenter mode is high contrast: larger text, black ink, darker grid and axes."""
    base = 22 if presenter else 14
    ink, grid, axis = ("#000000", "#9e9e9e", INK) if presenter else (INK, GRID, MUTED)
    axis_style = {"gridcolor": grid, "zerolinecolor": grid, "linecolor": axis, "ticks": "outside", "automargin": True}
    return go.layout.Template(
        layout=go.Layout(
            font={"family": FONT_FAMILY, "size": base, "color": ink},
            title={"font": {"size": base + 6}, "x": 0, "xanchor": "left"},
            paper_bgcolor="white",
            plot_bgcolor="white",
            colorway=list(HIGH_CONTRAST_CATEGORICAL if presenter else CATEGORICAL),
            xaxis=axis_style,
            yaxis=axis_style,
            hoverlabel={"font": {"family": FONT_FAMILY, "size": base}},
            legend={"font": {"size": base - 1}},
            margin={"l": 10, "r": 10, "t": 60, "b": 10},
        )
    )


PRESENTER_MIN_FONT = 18  # px: the smallest text a shared screen shows


def readable(fig: go.Figure, smallest: float = PRESENTER_MIN_FONT) -> go.Figure:
    """Raise every explicit font size below `smallest` (annotations, trace texts, ticks, legend) to it, in place.

    Presenter mode's floor, applied after a chart is built so no builder has to repeat it."""

    def lift(font) -> None:
        if font is not None and font.size is not None and font.size < smallest:
            font.size = smallest

    for note in fig.layout.annotations:
        lift(note.font)
    for trace in fig.data:
        for attr in ("textfont", "insidetextfont", "outsidetextfont"):
            if attr in trace:
                lift(trace[attr])
    fig.for_each_xaxis(lambda axis: lift(axis.tickfont))
    fig.for_each_yaxis(lambda axis: lift(axis.tickfont))
    lift(fig.layout.legend.font)
    if fig.layout.font.size is None or fig.layout.font.size < smallest:
        fig.layout.font.size = max(smallest, fig.layout.font.size or 0)
    return fig
