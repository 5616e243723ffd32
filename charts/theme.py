"""One look for the screen and the exports: template, colour scales, sizes.

Scales are colour-blind safe (cividis for levels, purple-orange for gaps). For every indicator,
darker means better, so a map reads the same way whatever the indicator's polarity.
"""

from __future__ import annotations

from dataclasses import dataclass

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


PRESENTER_MIN_FONT = 18  # px: the smallest text a shared screen shows


@dataclass(frozen=True)
class Sizes:
    """Every size a chart sets itself (px unless said), once for the screen and once for a shared screen."""

    font: int  # the template's text; titles and legends follow it
    point_label_font: int  # names next to the fracture scatter's bubbles
    corner_font: int  # the scatter's quadrant corners
    row_note_font: int  # the dot plot's 'no data' notes and pillar names
    attribution_font: int  # notes and attribution under the Europe map
    line_label_font: int  # labels of the Europe reference lines
    selected_label_font: int  # the selected region's name on the Europe strip
    band_label_font: int  # the label of a shaded series break
    min_font: int  # floor of the dot plot's compact labels (none on screen)
    dot: int  # the dot plot's region markers
    marker: int  # markers of the comparison lines
    strip_marker: int  # grey dots of the Europe strip
    flag_marker: int  # flagged points of the Europe series
    milestone: int  # strategy milestones
    line: float  # comparison lines
    others_line: float  # grey lines of the other regions
    highlight_line: float  # lines of the chosen regions
    france_line: float  # France's line
    bar_pitch: int  # height of one ranking bar
    char: float  # average character width of a scatter label
    line_height: float  # line height of a scatter label
    corner_box: tuple[int, int]  # room a scatter corner label takes
    scatter_plot: tuple[int, int]  # plot area of the scatter, roughly, for label placement
    end_label_gap: int  # vertical room of a line-end label
    end_label_char: float  # character width of a bold line-end label
    lane: tuple[float, float]  # share of the FttH chart's height: lines, milestone lane
    ftth_height: int  # the FttH chart with its milestone lane
    trend_height: int  # any other series
    compare_lines_height: int


SCREEN = Sizes(
    font=14,
    point_label_font=12,
    corner_font=11,
    row_note_font=10,
    attribution_font=11,
    line_label_font=12,
    selected_label_font=13,
    band_label_font=12,
    min_font=0,
    dot=13,
    marker=8,
    strip_marker=6,
    flag_marker=11,
    milestone=12,
    line=2.2,
    others_line=1.2,
    highlight_line=2.4,
    france_line=4,
    bar_pitch=26,
    char=7.0,
    line_height=15,
    corner_box=(170, 32),
    scatter_plot=(900, 520),
    end_label_gap=18,
    end_label_char=8.4,
    lane=(0.8, 0.2),
    ftth_height=640,
    trend_height=480,
    compare_lines_height=380,
)
PRESENTER = Sizes(
    font=22,
    point_label_font=20,
    corner_font=17,
    row_note_font=14,
    attribution_font=16,
    line_label_font=16,
    selected_label_font=18,
    band_label_font=18,
    min_font=PRESENTER_MIN_FONT,
    dot=18,
    marker=11,
    strip_marker=8,
    flag_marker=14,
    milestone=15,
    line=3.5,
    others_line=1.8,
    highlight_line=3,
    france_line=5,
    bar_pitch=40,
    char=11.5,
    line_height=24,
    corner_box=(260, 48),
    scatter_plot=(1630, 490),
    end_label_gap=26,
    end_label_char=8.4 * 1.5,
    lane=(0.7, 0.3),
    ftth_height=780,
    trend_height=560,
    compare_lines_height=440,
)


def sizes(presenter: bool = False) -> Sizes:
    """The sizes of the screen, or the larger ones of presenter mode."""
    return PRESENTER if presenter else SCREEN


def template(presenter: bool = False) -> go.layout.Template:
    """The shared template; presenter mode is high contrast: larger text, black ink, darker grid and axes."""
    base = sizes(presenter).font
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
