"""Trend charts: France line = snapshot, gaps stay gaps, milestones at the strategies' dates, ARCEP band."""

from __future__ import annotations

import itertools
import json

import pandas as pd
import plotly.graph_objects as go
import pytest

from analysis.trends import milestones, trend_lines
from charts.theme import FRANCE_COLOUR
from charts.trends import OTHERS, ftth_trend, indicator_trend, milestone_date, spread
from i18n import text
from loaders import load_dataset
from loaders.paths import DATA_DIR
from tests.analysis.catalogue_entries import indicator, words


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


@pytest.fixture(scope="module")
def ftth(ds):
    lines, france = trend_lines(ds, "ftth_coverage")
    marks = milestones(ds, lines)
    fig = ftth_trend(lines, france, marks, ds.indicator("ftth_coverage"), "fr", highlighted=["28"])
    return fig, lines, france


def by_name(fig: go.Figure, name: str) -> list:
    return [t for t in fig.data if t.name == name]


def test_one_line_per_region_and_france_drawn_thick_and_black(ds, ftth):
    fig, lines, _ = ftth
    regions = [t for t in fig.data if t.line.color in (OTHERS,) or t.name == "Normandie"]
    assert len(regions) == lines["code"].nunique() == 18
    (nation,) = by_name(fig, "France")
    assert nation.line.color == FRANCE_COLOUR
    assert nation.line.width > max(t.line.width for t in regions)


def test_france_line_equals_the_snapshot_nuts0_values(ds, ftth):
    fig, _, _ = ftth
    f = ds.facts
    expected = f[(f["indicator"] == "ftth_coverage") & (f["level"] == "nuts0") & (f["code"] == "FR")]
    if expected.empty:
        pytest.skip("no France FttH value in this snapshot")
    (nation,) = by_name(fig, "France")
    got = {x: y for x, y in zip(nation.x, nation.y, strict=True) if y is not None}
    assert got == expected[expected["period"] >= "2017-12-31"].set_index("period")["value"].to_dict()


def test_highlighted_region_is_coloured_and_labelled_at_its_end(ds, ftth):
    fig, _, _ = ftth
    (normandie,) = by_name(fig, "Normandie")
    assert normandie.line.color != OTHERS
    labels = [a.text for a in fig.layout.annotations]
    assert any("Normandie" in label and "%" in label for label in labels)
    assert sum("Hauts-de-France" in label for label in labels) == 0, "grey lines are not labelled"


def test_missing_quarters_stay_gaps(ds, ftth):
    _, lines, france = ftth
    holed = lines.assign(value=lines["value"].mask((lines["code"] == "28") & (lines["period"] == "2018-06-30")))
    fig = ftth_trend(holed, france, milestones(ds, holed), ds.indicator("ftth_coverage"), "fr", highlighted=["28"])
    (normandie,) = by_name(fig, "Normandie")
    y = dict(zip(normandie.x, normandie.y, strict=True))
    assert y["2018-06-30"] is None
    assert y["2018-03-31"] is not None
    assert normandie.connectgaps is False


def test_break_band_and_its_label_come_from_the_catalogue(ftth):
    fig, _, _ = ftth
    raw = {i["id"]: i for i in json.loads((DATA_DIR / "indicators.json").read_text(encoding="utf-8"))}
    declared = raw["ftth_coverage"]["presentation"]["breaks"]
    assert [(b["start"], b["end"]) for b in declared] == [("2019-01-01", "2020-12-31")], "ARCEP's change of base"
    bands = [s for s in fig.layout.shapes if s.type == "rect"]
    assert [(s.x0, s.x1) for s in bands] == [(b["start"], b["end"]) for b in declared]
    notes = [a.text for a in fig.layout.annotations]
    assert all(b["label"]["fr"] in notes for b in declared)


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


def test_every_milestone_sits_in_the_lane_at_its_date(ds, ftth):
    fig, _, _ = ftth
    name = text("trends.milestone", "fr")
    lane = [t for t in by_name(fig, name) if t.yaxis == "y2"]
    assert len(lane) == 1
    assert sorted(lane[0].x) == sorted(ds.strategies["date"])
    assert sorted(lane[0].y) == sorted(ds.strategies["region_name"])


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


def test_household_access_has_a_2020_gap_and_hollow_eurostat_u_points(ds):
    lines, france = trend_lines(ds, "household_internet_access")
    fig = indicator_trend(lines, france, ds.indicator("household_internet_access"), "fr", highlighted=["94"])
    (corse,) = by_name(fig, "Corse")
    points = dict(zip(corse.x, corse.y, strict=True))
    assert points["2020-01-01"] is None
    f = ds.facts
    weak = f[
        (f["indicator"] == "household_internet_access")
        & (f["code"] == "94")
        & (f["level"] == "region")
        & (f["flag"] == "low_reliability")
    ]["period"]
    assert len(weak), "precondition: Corsica has low-reliability years"
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


def test_every_milestone_lane_is_named():
    ds = load_dataset()
    lines, france = trend_lines(ds, "ftth_coverage")
    marks = milestones(ds, lines)
    fig = ftth_trend(lines, france, marks, ds.indicator("ftth_coverage"), "fr")
    lanes = set(marks["region_name"])
    assert set(fig.layout.yaxis2.tickvals) == lanes
