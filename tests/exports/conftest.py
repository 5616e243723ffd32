"""Synthetic figures for the export tests (labels say so; no real numbers), and the Chromium skip marker."""

from __future__ import annotations

import datetime as dt
import shutil

import plotly.graph_objects as go
import pytest

from charts.theme import template

needs_chromium = pytest.mark.skipif(
    shutil.which("chromium") is None and shutil.which("chromium-browser") is None,
    reason="Debian's chromium is not installed (apt-get install chromium); CI installs it",
)

EXPORT_DATE = dt.date(2026, 11, 12)


def bar_figure(label: str = "synthetic") -> go.Figure:
    """A small bar chart with the shared template."""
    names = [f"{label} item {letter}" for letter in "ABCDEF"]
    fig = go.Figure(go.Bar(x=names, y=[1, 2, 3, 4, 5, 6]), layout={"template": template()})
    fig.update_layout(title="chart's own title", xaxis_title="synthetic axis", yaxis_title="synthetic unit")
    return fig


def square(x0: float, y0: float) -> list[list[float]]:
    """A one-degree square ring, clockwise in (lon, lat) as d3-geo expects for an outer ring."""
    return [[x0, y0], [x0, y0 + 1], [x0 + 1, y0 + 1], [x0 + 1, y0], [x0, y0]]


def geo_figure() -> go.Figure:
    """A geo choropleth of two squares, basemap hidden, framed on the shapes: needs the topojson stub offline."""
    features = [
        {"type": "Feature", "properties": {"code": code}, "geometry": {"type": "Polygon", "coordinates": [ring]}}
        for code, ring in (("A", square(0, 45)), ("B", square(1.5, 45)))
    ]
    trace = go.Choropleth(
        geojson={"type": "FeatureCollection", "features": features},
        locations=["A", "B"],
        z=[1, 2],
        featureidkey="properties.code",
        colorscale="cividis",
    )
    fig = go.Figure(trace, layout={"template": template()})
    fig.update_geos(fitbounds="locations", visible=False)
    return fig


@pytest.fixture
def texts() -> dict:
    """The texts of an export page (exports.figures.Page's title, subtitle and source)."""
    return {
        "title": "Synthetic export title",
        "subtitle": "2023, synthetic unit",
        "source": "Source : Synthetic publisher — synthetic dataset (synthetic licence)",
    }


def crowded_figure() -> go.Figure:
    """Horizontal bars with long labels and a legend above the plot: the header must clear the legend."""
    names = [f"synthetic territory with a long name {letter}" for letter in "ABCDEFGH"]
    fig = go.Figure(
        [
            go.Bar(y=names, x=[1, 2, 3, 4, 5, 6, 7, 8], orientation="h", name="synthetic series one"),
            go.Bar(y=names, x=[8, 7, 6, 5, 4, 3, 2, 1], orientation="h", name="synthetic series two"),
        ],
        layout={"template": template()},
    )
    fig.update_layout(legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"}, xaxis_title="synthetic")
    return fig
