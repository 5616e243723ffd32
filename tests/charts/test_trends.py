"""Trend charts: France line = snapshot, gaps stay gaps, milestones at the strategies' dates, break bands."""

from __future__ import annotations

import itertools

import pandas as pd
import plotly.graph_objects as go
import pytest

from analysis.trends import milestones, trend_lines
from charts.theme import FRANCE_COLOUR
from charts.trends import OTHERS, ftth_trend, indicator_trend, milestone_date, spread
from i18n import text
from loaders.codes import FRANCE
from tests.analysis.catalogue_entries import indicator, words
from tests.synthetic import FIBRE_PERIODS, REGION, YEARS, tables, without

HIGHLIGHTED = "53"


@pytest.fixture(scope="module")
def ds(synthetic_ds):
    return synthetic_ds


def region_name(code: str) -> str:
    terr = tables()["territories"]
    return terr[(terr["level"] == REGION) & (terr["code"] == code)]["name"].item()


def declared(indicator_id: str):
    return next(i for i in tables()["indicators"] if i.id == indicator_id)


@pytest.fixture(scope="module")
def fibre_chart(ds):
    """The own chart (with breaks and milestones) of the synthetic fibre indicator."""
    lines, france = trend_lines(ds, "fibre_rate")
    marks = milestones(ds, lines)
    fig = ftth_trend(lines, france, marks, ds.indicator("fibre_rate"), "fr", highlighted=[HIGHLIGHTED])
    return fig, lines, france


def by_name(fig: go.Figure, name: str) -> list:
    return [t for t in fig.data if t.name == name]


def test_one_line_per_region_and_france_drawn_thick_and_black(ds, fibre_chart):
    fig, lines, _ = fibre_chart
    regions = [t for t in fig.data if t.line.color in (OTHERS,) or t.name == region_name(HIGHLIGHTED)]
    assert len(regions) == lines["code"].nunique() == (tables()["territories"]["level"] == REGION).sum()
    (nation,) = by_name(fig, "France")
    assert nation.line.color == FRANCE_COLOUR
    assert nation.line.width > max(t.line.width for t in regions)


def test_france_line_equals_the_snapshot_nuts0_values(ds, fibre_chart):
    fig, _, _ = fibre_chart
    f = tables()["facts"]
    expected = f[(f["indicator"] == "fibre_rate") & (f["level"] == FRANCE[0]) & (f["code"] == FRANCE[1])]
    assert not expected.empty, "precondition: the synthetic snapshot has France values"
    (nation,) = by_name(fig, "France")
    got = {x: y for x, y in zip(nation.x, nation.y, strict=True) if y is not None}
    assert got == expected[expected["period"] >= FIBRE_PERIODS[0]].set_index("period")["value"].to_dict()


def test_highlighted_region_is_coloured_and_labelled_at_its_end(ds, fibre_chart):
    fig, _, _ = fibre_chart
    (chosen,) = by_name(fig, region_name(HIGHLIGHTED))
    assert chosen.line.color != OTHERS
    labels = [a.text for a in fig.layout.annotations]
    assert any(region_name(HIGHLIGHTED) in label and "%" in label for label in labels)
    assert sum(region_name("11") in label for label in labels) == 0, "grey lines are not labelled"


def test_missing_quarters_stay_gaps(ds, fibre_chart):
    _, lines, france = fibre_chart
    hole = (lines["code"] == HIGHLIGHTED) & (lines["period"] == FIBRE_PERIODS[1])
    holed = lines.assign(value=lines["value"].mask(hole))
    fig = ftth_trend(holed, france, milestones(ds, holed), ds.indicator("fibre_rate"), "fr", highlighted=[HIGHLIGHTED])
    (chosen,) = by_name(fig, region_name(HIGHLIGHTED))
    y = dict(zip(chosen.x, chosen.y, strict=True))
    assert y[FIBRE_PERIODS[1]] is None
    assert y[FIBRE_PERIODS[0]] is not None
    assert chosen.connectgaps is False


def test_break_band_and_its_label_come_from_the_catalogue(fibre_chart):
    fig, _, _ = fibre_chart
    breaks = declared("fibre_rate").presentation.breaks
    assert breaks, "precondition: the synthetic fibre indicator declares a break"
    bands = [s for s in fig.layout.shapes if s.type == "rect"]
    assert [(s.x0, s.x1) for s in bands] == [(b.start, b.end) for b in breaks]
    notes = [a.text for a in fig.layout.annotations]
    assert all(b.label["fr"] in notes for b in breaks)


def test_an_indicator_without_breaks_gets_no_band_and_one_with_two_gets_two():
    lines, france = small_lines()
    plain = ftth_trend(lines, france, small_marks(lines), META, "en")
    assert not [s for s in plain.layout.shapes if s.type == "rect"]
    spans = [("2018-01-01", "2018-04-30", "first"), ("2018-07-01", "2018-08-31", "second")]
    breaks = [
        {"start": a, "end": b, "label": words(f"rupture {n}", f"break {n}"), "note": words("n")} for a, b, n in spans
    ]
    broken = indicator("test", decimals=0, label=words("Test"), presentation={"breaks": breaks})
    fig = ftth_trend(lines, france, small_marks(lines), broken, "en")
    assert [(s.x0, s.x1) for s in fig.layout.shapes if s.type == "rect"] == [(a, b) for a, b, _ in spans]
    assert {"break first", "break second"} <= {a.text for a in fig.layout.annotations}


def test_every_milestone_sits_in_the_lane_at_its_date(ds, fibre_chart):
    fig, _, _ = fibre_chart
    name = text("trends.milestone", "fr")
    lane = [t for t in by_name(fig, name) if t.yaxis == "y2"]
    assert len(lane) == 1
    strategies = tables()["strategies"]
    assert sorted(lane[0].x) == sorted(strategies["date"])
    assert sorted(lane[0].y) == sorted(strategies["region_name"])


def small_lines() -> tuple[pd.DataFrame, pd.DataFrame]:
    dates = ["2018-03-31", "2018-06-30", "2018-09-30"]
    lines = pd.DataFrame(
        {
            "code": ["28"] * 3 + ["84"] * 3,
            "name": ["Normandie"] * 3 + ["Auvergne-Rhône-Alpes"] * 3,
            "period": dates * 2,
            "date": pd.to_datetime(dates * 2),
            "value": [10.0, 20.0, 30.0, 40.0, None, 60.0],
            "flag": [None, None, "low_reliability", None, None, None],
        }
    )
    france = lines.iloc[:0]
    return lines, france


def small_marks(lines: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "region_code": ["28", "84"],
            "region_name": ["Normandie", "Auvergne-Rhône-Alpes"],
            "date": pd.to_datetime(["2018-05-15", "2017-06-15"]),
            "date_precision": ["day", "month"],
            "status": ["launched", "planned"],
            "kind": ["strategy", "training"],
            "initiative_fr": ["Plan A", "Plan B"],
            "initiative_en": ["Plan A", "Plan B"],
            "y": [15.0, float("nan")],
        }
    )


META = indicator("test", decimals=0, label=words("Test"))


def test_a_milestone_inside_the_series_is_drawn_on_the_line():
    lines, france = small_lines()
    fig = ftth_trend(lines, france, small_marks(lines), META, "fr", highlighted=["28"])
    on_line = [t for t in by_name(fig, text("trends.milestone", "fr")) if t.yaxis == "y"]
    assert list(on_line[0].x) == ["2018-05-15"] and list(on_line[0].y) == [15.0]
    assert "Plan A" in on_line[0].text[0] and "lancé" in on_line[0].text[0] and "date exacte" in on_line[0].text[0]


def test_without_a_selection_every_placeable_milestone_is_drawn():
    lines, france = small_lines()
    marks = small_marks(lines).assign(y=[15.0, 50.0])
    fig = ftth_trend(lines, france, marks, META, "en")
    on_line = [t for t in by_name(fig, text("trends.milestone", "en")) if t.yaxis == "y"]
    assert list(on_line[0].y) == [15.0, 50.0]


def test_indicator_trend_keeps_gaps_and_draws_low_reliability_hollow():
    lines, france = small_lines()
    fig = indicator_trend(lines, france, META, "fr", highlighted=["28", "84"])
    (ara,) = by_name(fig, "Auvergne-Rhône-Alpes")
    assert list(ara.y) == [40.0, None, 60.0]
    (normandie,) = by_name(fig, "Normandie")
    assert list(normandie.marker.symbol) == ["circle", "circle", "circle-open"]
    legend = by_name(fig, text("trends.low_reliability", "fr"))
    assert legend and legend[0].showlegend is not False


def test_a_year_without_survey_is_a_gap_and_low_reliability_points_are_hollow(ds):
    surveyless = without(ds, indicator="internet_use", period=YEARS[1])
    lines, france = trend_lines(surveyless, "internet_use")
    fig = indicator_trend(lines, france, ds.indicator("internet_use"), "fr", highlighted=["94"])
    (corse,) = by_name(fig, region_name("94"))
    points = dict(zip(corse.x, corse.y, strict=True))
    assert points[f"{YEARS[1]}-01-01"] is None
    f = tables()["facts"]
    weak = f[
        (f["indicator"] == "internet_use")
        & (f["code"] == "94")
        & (f["level"] == REGION)
        & (f["flag"] == "low_reliability")
    ]["period"]
    assert len(weak), "precondition: Corsica has a low-reliability year"
    symbols = dict(zip(corse.x, corse.marker.symbol, strict=True))
    assert {p for p, s in symbols.items() if s == "circle-open"} == {f"{p}-01-01" for p in weak}


def test_spread_keeps_order_and_distance():
    placed = spread([77.0, 78.0, 70.0], 3.0)
    assert placed[2] < placed[0] < placed[1]
    ordered = sorted(placed)
    assert all(b - a >= 3.0 - 1e-9 for a, b in itertools.pairwise(ordered))


def test_milestone_dates_follow_their_precision():
    assert milestone_date(pd.Timestamp("2016-12-31"), "quarter", "fr") == "T4 2016"
    assert milestone_date(pd.Timestamp("2016-06-30"), "half-year", "en") == "H1 2016"
    assert milestone_date(pd.Timestamp("2017-06-15"), "month", "fr") == "juin 2017"
    assert milestone_date(pd.Timestamp("2017-06-15"), "month", "en") == "June 2017"
    assert milestone_date(pd.Timestamp("2018-12-31"), "year", "fr") == "2018"


def test_every_milestone_lane_is_named(ds):
    lines, france = trend_lines(ds, "fibre_rate")
    marks = milestones(ds, lines)
    fig = ftth_trend(lines, france, marks, ds.indicator("fibre_rate"), "fr")
    lanes = set(tables()["strategies"]["region_name"])
    assert len(lanes) > 1 and set(fig.layout.yaxis2.tickvals) == lanes
