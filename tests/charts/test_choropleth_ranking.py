"""Map and ranking builders on the committed snapshot: locations, values, missing data, labels."""

from __future__ import annotations

import re

import pytest

from analysis.frames import france_value, territory_slice, value_range
from charts.choropleth import choropleth
from charts.ranking import ranking
from charts.theme import MISSING
from loaders import load_dataset
from tests.analysis.catalogue_entries import indicator


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def region_map(ds, indicator, period, lang="fr", **kw):
    frame = territory_slice(ds, indicator, "region", period)
    return frame, choropleth(frame, ds.geometry("region"), ds.indicator(indicator), lang, **kw)


def test_region_map_carries_18_locations_with_the_snapshot_values(ds):
    _, fig = region_map(ds, "ftth_coverage", "2022-09-30")
    trace = fig.data[0]
    assert len(trace.locations) == 18
    facts = ds.facts.query("indicator == 'ftth_coverage' and level == 'region' and period == '2022-09-30'")
    assert dict(zip(trace.locations, trace.z, strict=True)) == dict(zip(facts["code"], facts["value"], strict=True))


def test_missing_values_are_a_separate_grey_trace_never_zero(ds):
    _, fig = region_map(ds, "mobile_sites_per_100k", "2024")
    main, missing = fig.data[0], fig.data[1]
    assert set(missing.locations) == {"01", "02", "03", "04", "06"}
    assert missing.colorscale[0][1] == MISSING and missing.showscale is False
    assert not set(missing.locations) & set(main.locations)
    assert all(f["properties"]["code"] in set(missing.locations) for f in missing.geojson["features"])
    hover = [row[1] for row in missing.customdata]
    assert set(hover) == {"pas de donnée"}


def test_hover_is_formatted_per_locale_with_rank_and_france(ds):
    _, fig = region_map(ds, "gigabit_eligibility", "2022-12-31", france=50.25)
    _, value, rank, france = fig.data[0].customdata[0]
    assert re.fullmatch(r"\d{1,3},\d\u00a0%", value), value
    assert re.fullmatch(r"\d{1,2}ᵉ sur 18", rank), rank
    assert france == "France : 50,2\u00a0%"
    _, fig_en = region_map(ds, "gigabit_eligibility", "2022-12-31", lang="en", france=50.25)
    assert re.fullmatch(r"\d{1,3}\.\d%", fig_en.data[0].customdata[0][1])
    assert fig_en.data[0].customdata[0][3] == "France: 50.2%"


def test_labels_come_from_the_catalogue(ds):
    _, fig = region_map(ds, "gigabit_eligibility", "2022-12-31", lang="en")
    assert fig.data[0].name == ds.indicator("gigabit_eligibility").label["en"]


def test_polarity_sets_the_direction_of_the_scale(ds):
    frame = territory_slice(ds, "digital_fragility_index", "region", "2023")
    worse_is_high = choropleth(frame, ds.geometry("region"), ds.indicator("digital_fragility_index"), "fr")
    _, better_is_high = region_map(ds, "ftth_coverage", "2022-09-30")
    assert worse_is_high.data[0].colorscale != better_is_high.data[0].colorscale


def test_selected_region_is_outlined(ds):
    _, fig = region_map(ds, "ftth_coverage", "2022-09-30", selected=["84"])
    widths = dict(zip(fig.data[0].locations, fig.data[0].marker.line.width, strict=True))
    assert widths["84"] > widths["11"]


def test_department_map_has_101_shapes_and_inset_frames(ds):
    frame = territory_slice(ds, "ftth_coverage_2026", "department", "2026-06-30")
    fig = choropleth(frame, ds.geometry("department"), ds.indicator("ftth_coverage_2026"), "fr")
    drawn = [loc for t in fig.data if t.type == "choropleth" for loc in t.locations]
    copies = ["75-zoom", "92-zoom", "93-zoom", "94-zoom"]
    assert sorted(drawn) == sorted([*frame["code"], *copies]), "Paris and its inner suburbs twice: real and enlarged"
    assert any(t.type == "scattergeo" for t in fig.data), "frames around the overseas insets"
    main = fig.data[0]
    values = dict(zip(main.locations, main.z, strict=True))
    assert all(values[c] == values[c.removesuffix("-zoom")] for c in copies if c in values)


def test_figure_payloads_stay_small(ds):
    _, region_fig = region_map(ds, "ftth_coverage", "2022-09-30")
    frame = territory_slice(ds, "ftth_coverage", "department", "2022-09-30")
    dep_fig = choropleth(frame, ds.geometry("department"), ds.indicator("ftth_coverage"), "fr")
    assert len(region_fig.to_json()) < 150_000
    assert len(dep_fig.to_json()) < 600_000


def test_ranking_orders_best_first_and_lists_missing_last(ds):
    frame = territory_slice(ds, "mobile_sites_per_100k", "region", "2024")
    fig = ranking(frame, ds.indicator("mobile_sites_per_100k"), "fr")
    values = list(fig.data[0].x)
    present = [v for v in values if v == v]
    assert present == sorted(present, reverse=True)
    assert all(v != v for v in values[len(present) :]), "missing regions at the bottom, without a bar"
    assert fig.data[0].text[-1] == "pas de donnée"


def test_ranking_respects_negative_polarity(ds):
    frame = territory_slice(ds, "digital_fragility_index", "region", "2023")
    fig = ranking(frame, ds.indicator("digital_fragility_index"), "fr")
    present = [v for v in fig.data[0].x if v == v]
    assert present == sorted(present), "lower fragility is better, so it ranks first"


def test_france_reference_line(ds):
    frame = territory_slice(ds, "household_internet_access", "region", "2022")
    france = france_value(ds, "household_internet_access", "2022")
    assert france is not None
    fig = ranking(frame, ds.indicator("household_internet_access"), "fr", france=france)
    assert any(shape.x0 == france for shape in fig.layout.shapes)
    assert ranking(frame, ds.indicator("household_internet_access"), "fr").layout.shapes == ()


def test_fixed_colour_range_keeps_colours_comparable_across_periods(ds):
    low, high = value_range(ds, "ftth_coverage", "region")
    early = territory_slice(ds, "ftth_coverage", "region", "2017-12-31")
    fig = choropleth(early, ds.geometry("region"), ds.indicator("ftth_coverage"), "fr", zrange=(low, high))
    assert (fig.data[0].zmin, fig.data[0].zmax) == (low, high)
    assert high > max(fig.data[0].z), "2017 values sit in the lower part of the 2017-2022 scale"


def _sparse_frame():
    import pandas as pd

    return pd.DataFrame(
        {
            "code": ["a", "b", "c"],
            "name": ["Alpha", "Beta", "Gamma"],
            "value": [19.0, 12.0, float("nan")],
            "flag": ["", "estimate", None],
            "rank": pd.array([1, 2, None], dtype="Int64"),
        }
    )


def test_sparse_ranking_keeps_names_plain_and_flagged_labels_outside_their_bar():
    fig = ranking(_sparse_frame(), indicator("x", decimals=0), "fr", france=17.0)
    bars = fig.data[0]
    assert list(bars.y) == ["Alpha", "Beta", "Gamma"]
    assert list(bars.textposition) == ["inside", "outside", "outside"]
    assert list(fig.data[1].y) == ["Gamma"] and list(fig.data[1].text) == ["pas de donnée"]
    assert fig.layout.shapes, "a rate keeps its France line"


def test_counts_get_no_france_line():
    count = indicator("x", unit="count", decimals=0, polarity=0, pillar="ecosystem")
    fig = ranking(_sparse_frame(), count, "fr", france=1463.0)
    assert not fig.layout.shapes and not fig.layout.annotations
