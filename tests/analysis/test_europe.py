"""European comparison on small synthetic NUTS frames (the raw Eurostat files are checked in tests/loaders)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.europe import (
    FRENCH_NUTS2,
    comparable_periods,
    europe_indicators,
    french_labels,
    french_positions,
    map_units,
    nuts_facts,
    percentile,
    region_series,
    regions_of_year,
    shown_levels,
    summary,
    without_boundary,
)

# Country AA publishes NUTS 2, BB only NUTS 1, CC only national values, DD nothing; FRC1/FRC2 are French NUTS 2;
# EE publishes one NUTS 2 code with no boundary, in 2021 only.
FACTS = pd.DataFrame(
    [
        ("nuts2", "AA11", "x", "2019", 10.0, None),
        ("nuts2", "AA12", "x", "2019", 30.0, "low_reliability"),
        ("nuts2", "AA13", "x", "2019", 20.0, None),
        ("nuts2", "FRC1", "x", "2019", 40.0, "series_break"),
        ("nuts2", "FRC2", "x", "2019", 20.0, None),
        ("nuts2", "FRY1", "x", "2019", 5.0, None),
        ("nuts1", "BB1", "x", "2019", 25.0, None),
        ("nuts0", "CC", "x", "2019", 15.0, None),
        ("nuts2", "AA11", "x", "2021", 12.0, None),
        ("nuts2", "FRC1", "x", "2021", 44.0, None),
        ("nuts2", "EE00", "x", "2021", 30.0, None),
        ("nuts2", "FRC1", "x", "2023", 46.0, "low_reliability"),
        ("nuts2", "AA11", "y", "2019", 1.0, None),
        ("region", "27", "x", "2019", 30.0, None),
    ],
    columns=["level", "code", "indicator", "period", "value", "flag"],
).astype({"flag": "string"})

BOUNDARIES = {
    "nuts0": {c: {"name": c, "country": c} for c in ("AA", "BB", "CC", "DD", "FR")},
    "nuts1": {"AA1": {"name": "AA1", "country": "AA"}, "BB1": {"name": "BB1", "country": "BB"}},
    "nuts2": {
        c: {"name": n, "country": c[:2]}
        for c, n in [("AA11", "a"), ("AA12", "b"), ("AA13", "c"), ("BB11", "d"), ("FRC1", "Bourgogne"), ("FRC2", "FC")]
    },
}


@pytest.fixture
def rows():
    return nuts_facts(FACTS, "x")


def test_nuts_facts_keeps_nuts_rows_of_one_indicator_with_their_country(rows):
    assert len(rows) == 12
    assert set(rows["level"]) == {"nuts0", "nuts1", "nuts2"}
    assert rows.set_index("code").loc["BB1", "country"] == "BB"


def test_europe_indicators_need_nuts2_values_in_several_countries():
    assert europe_indicators(FACTS) == ["x"]


def test_comparable_periods_leave_out_years_with_one_country(rows):
    assert comparable_periods(rows) == ["2019", "2021"]


def test_each_country_is_drawn_at_the_finest_level_it_has(rows):
    units = map_units(rows, "2019", BOUNDARIES).set_index("code")
    assert set(units.index) == {"AA11", "AA12", "AA13", "FRC1", "FRC2", "BB1", "CC", "DD"}
    assert units.loc["BB1", "level"] == "nuts1" and units.loc["BB1", "value"] == 25.0
    assert units.loc["CC", "level"] == "nuts0"
    assert math.isnan(units.loc["DD", "value"]), "a country without any row is drawn, without value"
    assert units.loc["AA12", "flag"] == "low_reliability"
    assert shown_levels(units.reset_index()) == {"nuts1": ["BB"], "nuts0": ["CC"], "none": ["DD"]}


def test_a_year_without_values_keeps_the_country_at_its_usual_level(rows):
    units = map_units(rows, "2021", BOUNDARIES).set_index("code")
    assert units.loc["AA13", "level"] == "nuts2" and math.isnan(units.loc["AA13", "value"])
    assert units.loc["BB1", "level"] == "nuts1" and math.isnan(units.loc["BB1", "value"])


def test_codes_without_boundary_are_listed(rows):
    assert without_boundary(rows, "2019", BOUNDARIES) == ["FRY1"]


def test_summary_is_the_unweighted_median_and_ninth_decile_of_regions(rows):
    regions = regions_of_year(rows, "2019")
    assert list(regions["code"]) == ["AA11", "AA12", "AA13", "FRC1", "FRC2", "FRY1"]
    stats = summary(regions["value"])
    assert stats["n"] == 6
    assert stats["median"] == 20.0
    assert stats["top_decile"] == pytest.approx(35.0)  # 5,10,20,20,30,40: position 4.5 between 30 and 40


def test_summary_of_nothing_is_nan():
    stats = summary(pd.Series([float("nan")]))
    assert stats["n"] == 0 and math.isnan(stats["median"])


def test_percentile_counts_worse_regions_and_half_the_ties():
    values = pd.Series([10.0, 20.0, 20.0, 40.0, float("nan")])
    assert percentile(values, 1).round(3).tolist()[:4] == [0.0, 50.0, 50.0, 100.0]
    assert math.isnan(percentile(values, 1).iloc[4])
    assert percentile(values, -1).tolist()[:4] == [100.0, 50.0, 50.0, 0.0]


def test_french_positions_rank_french_regions_among_all_regions(rows):
    labels = {"FRC1": "Bourgogne (BFC)", "FRC2": "Franche-Comté (BFC)", "FRY1": "Guadeloupe"}
    pos = french_positions(regions_of_year(rows, "2019"), 1, labels).set_index("code")
    assert list(pos.index) == ["FRC1", "FRC2", "FRY1"]
    assert pos.loc["FRC1", "rank"] == 1 and pos.loc["FRC1", "percentile"] == 100.0
    assert pos.loc["FRC2", "rank"] == 3 and pos.loc["FRC2", "percentile"] == 50.0
    assert pos.loc["FRY1", "rank"] == 6 and pos.loc["FRY1", "n"] == 6
    assert pos.loc["FRC1", "flag"] == "series_break"


def test_region_series_leaves_gaps_and_stops_references_after_comparable_years(rows):
    series = region_series(rows, "FRC1", comparable_periods(rows)).set_index("period")
    assert list(series.index) == ["2019", "2020", "2021", "2022", "2023"]
    assert math.isnan(series.loc["2020", "value"]) and math.isnan(series.loc["2020", "median"]), "no survey: a gap"
    assert series.loc["2021", "median"] == 30.0
    assert series.loc["2023", "value"] == 46.0 and math.isnan(series.loc["2023", "median"])
    assert series.loc["2023", "flag"] == "low_reliability"


def test_french_labels_name_the_current_region_of_split_ones():
    labels = french_labels(
        {"FRC1": {"name": "Bourgogne"}, "FR10": {"name": "Ile-de-France"}}, {"27": "BFC", "11": "IdF"}
    )
    assert labels["FRC1"] == "Bourgogne – BFC"
    assert labels["FR10"] == "IdF", "a NUTS 2 covering its region whole takes the region's name"
    assert labels["FRY1"] == "FRY1", "without a boundary or a region name, the code itself"
    assert set(labels) == set(FRENCH_NUTS2)
