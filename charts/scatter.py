"""The fracture scatter: an infrastructure indicator (x) against a usage one (y), bubbles sized by population.

Quadrant lines sit at the reference (France, or the median of the territories shown); the corner
labels say which side is 'ahead' for each indicator's polarity. An OLS line carries Pearson's r.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis.quadrants import Reference, Trend, corner, quadrant, residuals, trend
from charts.labels import flagged_value, wrap
from charts.theme import FRANCE_COLOUR, HIGHLIGHT, INK, MUTED, sizes, template
from i18n import text
from i18n.format import number, period_label, unit_label, value_with_unit
from loaders.catalogue import Indicator, Unit

POINT = "#4a6b8a"
TREND = "#8c6d31"
HOVER = (
    "<b>%{customdata[1]}</b><br>%{customdata[2]}<br>%{customdata[3]}<br>%{customdata[4]}"
    "<br><i>%{customdata[5]}</i><extra></extra>"
)
CORNERS = ((True, True), (False, True), (True, False), (False, False))


@dataclass(frozen=True)
class ScatterSpec:
    """What the fracture scatter and its table twin show: two indicators, each at its period and against its
    reference (France or the median), at one level, in one language; highlighted territories and presenter mode
    only change the drawing."""

    x: Indicator
    y: Indicator
    x_period: str
    y_period: str
    x_ref: Reference
    y_ref: Reference
    lang: str
    level: str = "region"
    highlight: tuple[str, ...] = ()
    presenter: bool = False

    def quadrants(self, frame: pd.DataFrame) -> pd.Series:
        """Each paired territory's quadrant id ('ahead_behind'...) against the two references."""
        return quadrant(frame, self.x_ref.value, self.y_ref.value, self.x.polarity, self.y.polarity)


def quadrant_text(standings: str, x: Indicator, y: Indicator, lang: str, sep: str = ", ") -> str:
    """'Infrastructures en avance, usages en retard' for a quadrant id such as 'ahead_behind'."""
    if not isinstance(standings, str):
        return ""
    xs, ys = standings.split("_")
    return text(
        "fracture.quadrant",
        lang,
        x=text(f"fracture.word.x.{x.pillar}", lang),
        x_state=text(f"fracture.state.{xs}", lang),
        sep=sep,
        y=text(f"fracture.word.y.{y.pillar}", lang),
        y_state=text(f"fracture.state.{ys}", lang),
    )


def hover_rows(frame: pd.DataFrame, spec: ScatterSpec, quadrants: pd.Series) -> list:
    """code, name, x line, y line, population line, quadrant: one list per territory."""
    lang = spec.lang
    rows = []
    for row, quad in zip(frame.itertuples(), quadrants, strict=True):
        rows.append(
            [
                row.code,
                row.name,
                text(
                    "fracture.hover_value",
                    lang,
                    label=spec.x.label[lang],
                    v=flagged_value(row.x, row.x_flag, spec.x, lang),
                ),
                text(
                    "fracture.hover_value",
                    lang,
                    label=spec.y.label[lang],
                    v=flagged_value(row.y, row.y_flag, spec.y, lang),
                ),
                text("fracture.hover_population", lang, v=value_with_unit(row.population, Unit.PERSONS, 0, lang)),
                quadrant_text(quad, spec.x, spec.y, lang),
            ]
        )
    return rows


POSITIONS = {  # plotly textposition -> where the label box sits around the marker (dx, dy in half-sizes)
    "top center": (0, 1),
    "bottom center": (0, -1),
    "middle right": (1, 0),
    "middle left": (-1, 0),
    "top right": (1, 1),
    "top left": (-1, 1),
    "bottom right": (1, -1),
    "bottom left": (-1, -1),
}


def label_positions(
    x: Sequence[float],
    y: Sequence[float],
    labels: Sequence[str],
    radii: Sequence[float],
    *,
    size: tuple[float, float] = (900, 520),
    char: float = 7.0,
    line: float = 15.0,
    avoid: Sequence[tuple[float, float, float, float]] = (),
) -> list[str]:
    """A textposition per point that keeps labels off each other and off the bubbles (greedy, biggest first).

    x, y are in [0, 1] of the axis ranges; radii in pixels; size is the plot area assumed in pixels;
    avoid lists other boxes to keep clear (left, bottom, right, top in pixels: corner labels, reference lines).
    Plotly does not avoid label collisions itself; an approximate layout is much better than none.
    """
    width, height = size
    px = [(xi * width, yi * height) for xi, yi in zip(x, y, strict=True)]
    bubbles = [(cx - r, cy - r, cx + r, cy + r) for (cx, cy), r in zip(px, radii, strict=True)]
    placed: list[tuple[float, float, float, float]] = list(avoid)
    chosen = ["top center"] * len(labels)

    def overlap(a: tuple, b: tuple) -> float:
        return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))

    for i in sorted(range(len(labels)), key=lambda k: -radii[k]):
        if not labels[i]:
            continue
        (cx, cy), r, w = px[i], radii[i], char * len(labels[i])
        best, best_cost = "top center", float("inf")
        for name, (dx, dy) in POSITIONS.items():
            left = cx - w / 2 + dx * (w / 2 + r + 2)
            bottom = cy - line / 2 + dy * (line / 2 + r + 1)
            box = (left, bottom, left + w, bottom + line)
            cost = sum(overlap(box, other) for other in placed) * 3
            cost += sum(overlap(box, bub) for j, bub in enumerate(bubbles) if j != i)
            cost += (max(0, -box[0]) + max(0, box[2] - width) + max(0, -box[1]) + max(0, box[3] - height)) * line * 4
            cost += 0 if name == "top center" else 1  # prefer the usual place when all else is equal
            if cost < best_cost:
                best, best_cost, best_box = name, cost, box
        chosen[i] = best
        placed.append(best_box)
    return chosen


Box = tuple[float, float, float, float]  # left, bottom, right, top, in pixels of the plot area


def _corner_boxes(presenter: bool) -> list[Box]:
    width, height = sizes(presenter).scatter_plot
    cw, ch = sizes(presenter).corner_box
    return [
        (0, 0, cw, ch),
        (width - cw, 0, width, ch),
        (0, height - ch, cw, height),
        (width - cw, height - ch, width, height),
    ]


def _overlaps(a: Box, b: Box) -> bool:
    return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])


def _reference_label_places(
    spec: ScatterSpec, x_range: list[float], y_range: list[float]
) -> dict[str, tuple[str, Box]]:
    """Where each reference line's label goes ('x': the vertical line, 'y': the horizontal one) and its pixel box:
    the first place clear of the corner labels (and, for the second, of the first label), else the usual one."""
    size = sizes(spec.presenter)
    width, height = size.scatter_plot
    taken = _corner_boxes(spec.presenter)
    places: dict[str, tuple[str, Box]] = {}
    for axis, ref, ind, span in (("x", spec.x_ref, spec.x, x_range), ("y", spec.y_ref, spec.y, y_range)):
        if not np.isfinite(ref.value):
            continue
        w, h = size.char * len(_reference_label(ref, ind, spec.lang)), size.line_height
        at = _pixel(ref.value, span, width if axis == "x" else height)
        if axis == "x":
            candidates = {
                "top right": (at + 5, height - h, at + 5 + w, height),
                "top left": (at - 5 - w, height - h, at - 5, height),
                "bottom right": (at + 5, 0, at + 5 + w, h),
                "bottom left": (at - 5 - w, 0, at - 5, h),
                "right": (at + 5, (height - h) / 2, at + 5 + w, (height + h) / 2),
                "left": (at - 5 - w, (height - h) / 2, at - 5, (height + h) / 2),
            }
        else:
            candidates = {
                "top left": (0, at + 3, w, at + 3 + h),
                "top right": (width - w, at + 3, width, at + 3 + h),
                "bottom left": (0, at - 3 - h, w, at - 3),
                "bottom right": (width - w, at - 3 - h, width, at - 3),
                "top": ((width - w) / 2, at + 3, (width + w) / 2, at + 3 + h),
                "bottom": ((width - w) / 2, at - 3 - h, (width + w) / 2, at - 3),
            }
        clear = [(name, box) for name, box in candidates.items() if not any(_overlaps(box, t) for t in taken)]
        places[axis] = clear[0] if clear else next(iter(candidates.items()))
        taken.append(places[axis][1])
    return places


def _obstacles(
    spec: ScatterSpec, x_range: list[float], y_range: list[float], places: dict[str, tuple[str, Box]]
) -> list[Box]:
    """Pixel boxes of the corner labels, the reference lines and their labels (`places`), which point labels
    should avoid."""
    width, height = sizes(spec.presenter).scatter_plot
    boxes = _corner_boxes(spec.presenter)
    if np.isfinite(spec.x_ref.value):
        at = _pixel(spec.x_ref.value, x_range, width)
        boxes.append((at - 3, 0, at + 3, height))
    if np.isfinite(spec.y_ref.value):
        at = _pixel(spec.y_ref.value, y_range, height)
        boxes.append((0, at - 3, width, at + 3))
    return boxes + [box for _, box in places.values()]


def _pixel(value: float, span: list[float], length: float) -> float:
    """Where a value falls along an axis `length` pixels long showing `span`."""
    return (value - span[0]) / (span[1] - span[0]) * length


def _corner_pad(presenter: bool) -> float:
    """The vertical padding that keeps the lowest and highest points (and a label) out of the corner labels' bands:
    with the range widened by `pad` on each side, the data start at pad / (1 + 2 pad) of the plot's height."""
    size = sizes(presenter)
    band = (size.corner_box[1] + size.line_height) / size.scatter_plot[1]
    return max(0.1, band / (1 - 2 * band))


def _span(values: pd.Series, ref: float, pad: float = 0.1) -> list[float]:
    """Axis range covering the points and the reference line, padded so corner labels have room."""
    lo, hi = float(np.nanmin([values.min(), ref])), float(np.nanmax([values.max(), ref]))
    width = (hi - lo) or abs(hi) or 1.0
    return [lo - width * pad, hi + width * pad]


def axis_title(ind: Indicator, period: str, lang: str, width: int = 70) -> str:
    """'Label, period (unit)', wrapped so a long label is not cut at the edge of the chart."""
    title = text(
        "fracture.axis",
        lang,
        label=ind.label[lang],
        period=period_label(period, lang),
        unit=unit_label(ind.unit, lang),
    )
    return wrap(title, width)


def fracture_scatter(frame: pd.DataFrame, spec: ScatterSpec) -> go.Figure:
    """frame: code, name, population, x, x_flag, y, y_flag, label (text drawn next to the point, '' for none).

    Only paired territories are expected (analysis.quadrants.pair); an empty frame gives an empty chart.
    """
    frame = frame.reset_index(drop=True).copy()
    biggest = 46 if spec.level == "region" else 30
    sizeref = 2.0 * float(frame["population"].max() or 1) / biggest**2 if len(frame) else 1
    x_range, y_range = (
        (_span(frame["x"], spec.x_ref.value), _span(frame["y"], spec.y_ref.value, _corner_pad(spec.presenter)))
        if len(frame)
        else ([0, 1],) * 2
    )
    places = _reference_label_places(spec, x_range, y_range)
    frame["textposition"] = _text_positions(frame, spec, x_range, y_range, sizeref, places)
    fig = go.Figure()
    _points(fig, frame, spec, sizeref)
    _trend_line(fig, frame, spec.lang)
    _reference_lines(fig, spec, places)
    _corner_labels(fig, spec)
    _layout(fig, spec, x_range, y_range)
    return fig


def _text_positions(
    frame: pd.DataFrame,
    spec: ScatterSpec,
    x_range: list[float],
    y_range: list[float],
    sizeref: float,
    places: dict[str, tuple[str, Box]],
) -> list[str]:
    """Where each point's label goes, clear of the other labels, the bubbles, the corners and the reference lines."""
    size = sizes(spec.presenter)
    return label_positions(
        (frame["x"] - x_range[0]) / (x_range[1] - x_range[0]),
        (frame["y"] - y_range[0]) / (y_range[1] - y_range[0]),
        frame["label"].fillna("").tolist(),
        (np.sqrt(2 * frame["population"].fillna(0) / sizeref) / 2).clip(lower=2).tolist(),
        size=size.scatter_plot,
        char=size.char,
        line=size.line_height,
        avoid=_obstacles(spec, x_range, y_range, places),
    )


def _points(fig: go.Figure, frame: pd.DataFrame, spec: ScatterSpec, sizeref: float) -> None:
    """Bubbles sized by population: the other territories, then the highlighted ones (diamonds) on top."""
    custom = hover_rows(frame, spec, spec.quadrants(frame))
    chosen = frame["code"].isin(list(spec.highlight)).to_numpy()
    for is_chosen, colour, outline, name_key in (
        (False, POINT, "white", f"fracture.legend.{spec.level}"),
        (True, HIGHLIGHT, INK, f"fracture.legend.selected.{spec.level}"),
    ):
        mask = chosen == is_chosen
        if is_chosen and not mask.any():
            continue
        part = frame[mask]
        fig.add_trace(
            go.Scatter(
                x=part["x"],
                y=part["y"],
                mode="markers+text",
                text=part["label"],
                textposition=part["textposition"],
                textfont={
                    "size": sizes(spec.presenter).point_label_font + (1 if is_chosen else 0),
                    "color": HIGHLIGHT if is_chosen else INK,
                },
                marker={
                    "size": part["population"].fillna(0),
                    "sizemode": "area",
                    "sizeref": sizeref,
                    "sizemin": 4,
                    "color": colour,
                    "opacity": 0.9 if is_chosen else 0.65,
                    "line": {"color": outline, "width": 2 if is_chosen else 0.8},
                    "symbol": "diamond" if is_chosen else "circle",
                },
                customdata=[c for c, keep in zip(custom, mask, strict=True) if keep],
                hovertemplate=HOVER,
                name=text(name_key, spec.lang),
                cliponaxis=False,
            )
        )


def _trend_line(fig: go.Figure, frame: pd.DataFrame, lang: str) -> None:
    """The least-squares line across the points, its legend giving Pearson's r and n; none below three points."""
    fit = trend(frame["x"], frame["y"])
    if fit is None:
        return
    xs = np.array([frame["x"].min(), frame["x"].max()])
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=fit.slope * xs + fit.intercept,
            mode="lines",
            line={"color": TREND, "width": 2, "dash": "dot"},
            name=text("fracture.trend", lang, r=number(fit.r, 2, lang), n=fit.n),
            hoverinfo="skip",
        )
    )


def _corner_labels(fig: go.Figure, spec: ScatterSpec) -> None:
    """Each corner says which side is ahead on each axis (by polarity), once both references are known."""
    if not (np.isfinite(spec.x_ref.value) and np.isfinite(spec.y_ref.value)):
        return
    for high_x, high_y in CORNERS:
        xs, ys = corner(high_x, high_y, spec.x.polarity, spec.y.polarity)
        fig.add_annotation(
            text=quadrant_text(f"{xs}_{ys}", spec.x, spec.y, spec.lang, sep="<br>"),
            xref="x domain",
            yref="y domain",
            x=1 if high_x else 0,
            y=1 if high_y else 0,
            xanchor="right" if high_x else "left",
            yanchor="top" if high_y else "bottom",
            showarrow=False,
            align="right" if high_x else "left",
            font={"size": sizes(spec.presenter).corner_font, "color": MUTED},
            bgcolor="rgba(255,255,255,0.75)",
        )


def _layout(fig: go.Figure, spec: ScatterSpec, x_range: list[float], y_range: list[float]) -> None:
    fig.update_xaxes(title=axis_title(spec.x, spec.x_period, spec.lang), range=x_range, zeroline=False, automargin=True)
    fig.update_yaxes(
        title=axis_title(spec.y, spec.y_period, spec.lang, width=55), range=y_range, zeroline=False, automargin=True
    )
    fig.update_layout(
        template=template(spec.presenter),
        legend={
            "orientation": "h",
            "yanchor": "bottom",
            "y": 1.02,
            "x": 0,
            "xanchor": "left",
            "itemsizing": "constant",
        },
        margin={"l": 10, "r": 20, "t": 50, "b": 10},
        hovermode="closest",
        clickmode="event+select",
    )


def _reference_label(ref: Reference, ind: Indicator, lang: str) -> str:
    shown = value_with_unit(ref.value, ind.unit, ind.decimals, lang)
    return text("common.france_value" if ref.kind == "france" else "fracture.median_value", lang, v=shown)


def _reference_lines(fig: go.Figure, spec: ScatterSpec, places: dict[str, tuple[str, Box]]) -> None:
    """Dashed quadrant lines, each labelled 'France : 78 %' or 'Médiane : 78 %' where `places` puts it.

    Each label is shifted off its line: its white background would otherwise sit on the dashes and the line would
    read as a letter ('lFrance').
    """
    for axis, ref, ind, add in (("x", spec.x_ref, spec.x, fig.add_vline), ("y", spec.y_ref, spec.y, fig.add_hline)):
        if axis not in places:
            continue
        where = places[axis][0]
        if axis == "x":
            shift = {"xshift": 5 if where.endswith("right") else -5}  # 'right' is halfway up, right of the line
        else:
            shift = {"yshift": 3 if where.startswith("top") else -3}
        add(
            ref.value,
            line={"color": FRANCE_COLOUR, "dash": "dash", "width": 1.2},
            annotation={
                "text": _reference_label(ref, ind, spec.lang),
                "font": {"color": FRANCE_COLOUR},
                "bgcolor": "rgba(255,255,255,0.8)",
            }
            | shift,
            annotation_position=where,
        )


def fracture_table(frame: pd.DataFrame, spec: ScatterSpec, fit: Trend | None = None) -> pd.DataFrame:
    """The scatter's table twin: territory, code, both values (rounded, sortable), population, quadrant, and the
    distance to the trend line (y minus the line's value, in y's unit: above the line is positive), sortable."""
    lang = spec.lang

    gap_unit = Unit.POINTS if spec.y.is_percent else spec.y.unit  # a distance between two rates is in points

    def column(ind: Indicator, period: str) -> str:
        return text("fracture.table_value", lang, indicator=ind.label[lang], period=period_label(period, lang))

    return pd.DataFrame(  # what the chart shows first, so a 1440 px screen holds it; the code last
        {
            text(f"common.{spec.level}", lang): frame["name"],
            column(spec.x, spec.x_period): frame["x"].round(spec.x.decimals),
            column(spec.y, spec.y_period): frame["y"].round(spec.y.decimals),
            text("fracture.table_residual", lang, unit=unit_label(gap_unit, lang)): residuals(frame, fit).round(
                spec.y.decimals + 1
            ),
            text("fracture.table_quadrant", lang): [
                quadrant_text(q, spec.x, spec.y, lang) for q in spec.quadrants(frame)
            ],
            text("common.population", lang): frame["population"].astype("Int64"),
            text("common.code", lang): frame["code"],
        }
    )
