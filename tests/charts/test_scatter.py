"""The fracture scatter: points, highlight, trend and r, reference lines, polarity-aware corner labels."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from analysis.frames import territory_slice
from analysis.quadrants import Reference, Trend, pair
from charts.scatter import ScatterSpec, axis_title, fracture_scatter, fracture_table, label_positions
from tests.analysis.catalogue_entries import indicator, words
from tests.synthetic import FIBRE_PERIODS, REGION, YEARS, tables

X_META = indicator("fibre", label=words("Fibre"), decimals=1, pillar="infrastructure")
Y_META = indicator("use", label=words("Usage", "Use"), decimals=0)
PERCENT = "\u00a0%"  # Babel's French percent: a no-break space before the sign


def spec(**kw) -> ScatterSpec:
    args = {
        "x": X_META,
        "y": Y_META,
        "x_period": "2022-09-30",
        "y_period": "2022",
        "x_ref": Reference(77.0, "france"),
        "y_ref": Reference(89.0, "median"),
        "lang": "fr",
    } | kw
    return ScatterSpec(**args)


def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "code": ["11", "53", "94", "06"],
            "name": ["Île-de-France", "Bretagne", "Corse", "Mayotte"],
            "population": [12e6, 3.4e6, 0.35e6, 0.25e6],
            "x": [93.4, 48.0, 64.0, 10.0],
            "x_flag": [pd.NA, pd.NA, "estimate", pd.NA],
            "y": [92.0, 89.0, 96.0, 70.0],
            "y_flag": pd.NA,
            "label": ["Île-de-France", "Bretagne", "Corse", ""],
        }
    )


def build(**kw) -> go.Figure:
    return fracture_scatter(frame(), spec(**kw))


def points(fig: go.Figure) -> list:
    return [t for t in fig.data if t.mode == "markers+text"]


def test_every_paired_territory_is_one_point_with_its_values():
    fig = build()
    got = {c[0]: (x, y) for t in points(fig) for c, x, y in zip(t.customdata, t.x, t.y, strict=True)}
    want = {r.code: (r.x, r.y) for r in frame().itertuples()}
    assert got == want


def test_the_highlighted_region_has_its_own_trace_and_marker():
    fig = build(highlight=("53",))
    traces = points(fig)
    assert len(traces) == 2
    chosen = traces[1]
    assert [c[0] for c in chosen.customdata] == ["53"]
    assert chosen.marker.symbol != traces[0].marker.symbol, "not by colour alone"
    assert chosen.name == "Région sélectionnée"


def test_hover_formats_values_flags_and_population_in_french():
    fig = build()
    corse = next(c for t in points(fig) for c in t.customdata if c[0] == "94")
    assert corse[1] == "Corse"
    assert corse[2] == f"Fibre : 64,0{PERCENT} (estimation)"
    assert corse[3] == f"Usage : 96{PERCENT}"
    assert corse[4] == "Population : 350\u202f000 hab."
    assert corse[5] == "Infrastructures en retard, usages en avance"


def test_trend_line_carries_pearson_r_computed_independently():
    fig = build()
    f = frame()
    dx, dy = f["x"] - f["x"].mean(), f["y"] - f["y"].mean()
    r = (dx * dy).sum() / math.sqrt((dx**2).sum() * (dy**2).sum())
    slope = (dx * dy).sum() / (dx**2).sum()
    line = next(t for t in fig.data if t.mode == "lines")
    assert f"r = {r:.2f}".replace(".", ",") in line.name
    assert "n = 4" in line.name
    xs, ys = np.asarray(line.x), np.asarray(line.y)
    assert (ys[1] - ys[0]) / (xs[1] - xs[0]) == pytest.approx(slope)


def test_reference_lines_sit_at_france_or_the_median_and_say_which():
    fig = build()
    shapes = fig.layout.shapes
    assert {s.x0 for s in shapes if s.x0 == s.x1} == {77.0}
    assert {s.y0 for s in shapes if s.y0 == s.y1} == {89.0}
    texts = [a.text for a in fig.layout.annotations]
    assert f"France : 77,0{PERCENT}" in texts
    assert f"Médiane : 89{PERCENT}" in texts


def test_reference_labels_sit_beside_their_lines_not_on_them():
    labels = {a.text: a for a in build().layout.annotations}
    france, median = labels[f"France : 77,0{PERCENT}"], labels[f"Médiane : 89{PERCENT}"]
    assert france.x == 77.0 and (france.xanchor, france.xshift > 0) in {("left", True), ("right", False)}
    assert fracture_scatter(frame(), spec(x_ref=Reference(50.0, "france"))).layout.annotations[0].xanchor == "left", (
        "right of the line when the corner leaves room"
    )
    assert (median.y, median.yanchor) == (89.0, "bottom") and median.yshift > 0, "sits above the horizontal line"


@pytest.mark.parametrize("presenter", [False, True])
@pytest.mark.parametrize("x_ref", [10.0, 50.0, 85.0, 92.0, 93.4])
def test_reference_labels_keep_clear_of_the_corner_labels(presenter, x_ref):
    from charts.scatter import _corner_boxes, _overlaps, _reference_label_places, _span

    chosen = spec(x_ref=Reference(x_ref, "france"), presenter=presenter)
    places = _reference_label_places(chosen, _span(frame()["x"], x_ref), _span(frame()["y"], 89.0))
    boxes = [box for _, box in places.values()]
    assert not any(_overlaps(box, c) for box in boxes for c in _corner_boxes(presenter))
    assert not _overlaps(*boxes), "the two reference labels keep clear of each other"
    fig = fracture_scatter(frame(), chosen)
    france = next(a for a in fig.layout.annotations if a.text.startswith("France"))
    assert france.x == x_ref and (france.xanchor == "left") == (france.xshift > 0), "beside its line, not on it"


def test_corner_labels_follow_polarity():
    top_right = "Infrastructures en avance<br>usages en avance"
    assert top_right in [a.text for a in build().layout.annotations if a.x == 1 and a.y == 1]
    worse_is_higher = Y_META.model_copy(update={"polarity": -1})
    fig = fracture_scatter(frame(), spec(y=worse_is_higher, x_period="2022", y_ref=Reference(89.0, "france")))
    corners = {(a.x, a.y): a.text for a in fig.layout.annotations if a.xref == "x domain"}
    assert corners[(1, 1)] == "Infrastructures en avance<br>usages en retard"
    assert corners[(0, 0)] == "Infrastructures en retard<br>usages en avance"


def test_axis_titles_name_indicator_period_and_unit():
    fig = build()
    assert fig.layout.xaxis.title.text == "Fibre, 30 sept. 2022 (%)"
    assert fig.layout.yaxis.title.text == "Usage, 2022 (%)"
    long = X_META.model_copy(
        update={"label": words("Personnes accompagnées par les conseillers numériques pour 1 000 habitants")}
    )
    assert "<br>" in axis_title(long, "2024", "fr", width=40)


def test_empty_pairing_draws_an_empty_chart_without_failing():
    empty = frame().iloc[0:0]
    fig = fracture_scatter(
        empty, spec(x_period="2022", x_ref=Reference(float("nan"), "median"), y_ref=Reference(float("nan"), "median"))
    )
    assert all(len(t.x) == 0 for t in fig.data)


def test_labels_of_close_points_are_placed_apart():
    positions = label_positions([0.5, 0.52, 0.5], [0.5, 0.5, 0.53], ["Bretagne", "Normandie", "Corse"], [5, 5, 5])
    assert len(set(positions)) == 3
    assert label_positions([0.5], [0.5], [""], [5]) == ["top center"]


def test_snapshot_scatter_carries_the_snapshot_values(synthetic_ds):
    ds = synthetic_ds
    x_period, y_period = FIBRE_PERIODS[-1], YEARS[-1]
    x = territory_slice(ds, "fibre_rate", REGION, x_period)
    y = territory_slice(ds, "internet_use", REGION, y_period)
    paired = pair(x, y).assign(label="")
    fig = fracture_scatter(
        paired,
        spec(
            x=ds.indicator("fibre_rate"),
            y=ds.indicator("internet_use"),
            x_period=x_period,
            y_period=y_period,
            lang="en",
            y_ref=Reference(float(paired["y"].median()), "median"),
        ),
    )
    facts = tables()["facts"]
    facts = facts[facts["level"] == REGION]
    xs = facts.query("indicator == 'fibre_rate' and period == @x_period").set_index("code")["value"]
    ys = facts.query("indicator == 'internet_use' and period == @y_period").set_index("code")["value"]
    both = sorted(set(xs.dropna().index) & set(ys.dropna().index))
    assert both
    trace = points(fig)[0]
    assert sorted(c[0] for c in trace.customdata) == both
    for custom, x_value, y_value in zip(trace.customdata, trace.x, trace.y, strict=True):
        assert (x_value, y_value) == (xs[custom[0]], ys[custom[0]])
    assert "Regions" in trace.name


def test_table_twin_has_the_same_territories_values_and_quadrants():
    table = fracture_table(frame(), spec(), fit=Trend(slope=0.25, intercept=70.0, r=0.8, n=4))
    assert table["Code"].tolist() == ["11", "53", "94", "06"]
    residual = next(c for c in table.columns if c.startswith("Écart à la tendance"))
    assert residual == "Écart à la tendance (points)", "a distance between two rates is in points"
    assert list(table.columns).index(residual) == 3, "beside the values, where a 1440 px screen shows it"
    assert table[residual].tolist() == [
        pytest.approx(v, abs=0.05) for v in (92 - 93.35, 89 - 82.0, 96 - 86.0, 70 - 72.5)
    ]
    assert table["Fibre (30 sept. 2022)"].tolist() == [93.4, 48.0, 64.0, 10.0]
    assert table["Usage (2022)"].tolist() == [92.0, 89.0, 96.0, 70.0]
    assert table["Position"].tolist()[0] == "Infrastructures en avance, usages en avance"
    assert table["Position"].tolist()[1] == "Infrastructures en retard, usages au niveau de la référence"
