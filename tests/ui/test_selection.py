"""Reading the clicked territory from a plotly selection event: maps (location) and scatters (customdata)."""

from __future__ import annotations

from types import SimpleNamespace

from ui.selection import clicked_code


def event(*points: dict) -> SimpleNamespace:
    return SimpleNamespace(selection={"points": list(points), "point_indices": [], "box": [], "lasso": []})


def test_map_click_gives_the_location():
    assert clicked_code(event({"curve_number": 0, "point_index": 3, "location": "84"})) == "84"


def test_scatter_click_gives_the_code_in_customdata_whatever_the_trace():
    # point_index restarts in every trace: index 0 of the highlighted trace is not the first territory.
    click = {"curve_number": 1, "point_index": 0, "x": 48.0, "y": 89.0, "customdata": ["53", "Bretagne", "…"]}
    assert clicked_code(event(click)) == "53"


def test_points_without_a_territory_are_skipped():
    trend_line = {"curve_number": 2, "point_index": 1, "x": 90.0, "y": 91.0}
    assert clicked_code(event(trend_line)) is None
    assert clicked_code(event(trend_line, {"curve_number": 0, "customdata": ["11", "Île-de-France"]})) == "11"
    assert clicked_code(event({"customdata": [12.5]})) is None, "a numeric customdata is not a code"
    assert clicked_code(None) is None
    assert clicked_code(event()) is None
