"""Map and ranking builders on the synthetic snapshot: locations, values, missing data, labels."""

from __future__ import annotations

import copy

import pytest

from analysis.frames import france_value, territory_slice, value_range
from charts.choropleth import choropleth
from charts.ranking import ranking
from charts.theme import MISSING
from tests.analysis.catalogue_entries import indicator
from tests.synthetic import DEPARTMENT, FIBRE_PERIODS, REGION, YEARS, tables, without

LATEST = FIBRE_PERIODS[-1]


@pytest.fixture(scope="module")
def ds(synthetic_ds):
    return synthetic_ds


def region_map(ds, indicator, period, lang="fr", **kw):
    frame = territory_slice(ds, indicator, REGION, period)
    return frame, choropleth(frame, ds.geometry(REGION), ds.indicator(indicator), lang, **kw)


def declared(indicator_id: str):
    return next(i for i in tables()["indicators"] if i.id == indicator_id)


def raw(indicator_id: str, level: str, period: str) -> dict[str, float]:
    """code -> value of the synthetic facts, as written (not read back through the code under test)."""
    f = tables()["facts"]
    rows = f[(f["indicator"] == indicator_id) & (f["level"] == level) & (f["period"] == period)]
    return dict(zip(rows["code"], rows["value"], strict=True))


def test_region_map_carries_every_region_with_the_snapshot_values(ds):
    _, fig = region_map(ds, "fibre_rate", LATEST)
    trace = fig.data[0]
    regions = tables()["territories"].query("level == @REGION")["code"]
    assert sorted(trace.locations) == sorted(regions)
    assert dict(zip(trace.locations, trace.z, strict=True)) == raw("fibre_rate", REGION, LATEST)


def test_missing_values_are_a_separate_grey_trace_never_zero(ds):
    holed = without(ds, indicator="fibre_rate", level=REGION, code="94", period=LATEST)
    _, fig = region_map(holed, "fibre_rate", LATEST)
    main, missing = fig.data[0], fig.data[1]
    assert set(missing.locations) == {"94"}
    assert missing.colorscale[0][1] == MISSING and missing.showscale is False
    assert not set(missing.locations) & set(main.locations)
    assert all(f["properties"]["code"] in set(missing.locations) for f in missing.geojson["features"])
    hover = [row[1] for row in missing.customdata]
    assert set(hover) == {"pas de donnée"}


def test_hover_is_formatted_per_locale_with_rank_and_france(ds):
    values = raw("fibre_rate", REGION, LATEST)
    ahead = sum(v > values["53"] for v in values.values())
    _, fig = region_map(ds, "fibre_rate", LATEST, france=50.25)
    custom = {row[0]: row for row in fig.data[0].customdata}
    _, value, rank, france = custom["Bretagne"]
    assert value == f"{values['53']:.1f}".replace(".", ",") + "\u00a0%"
    assert rank == f"{ahead + 1}ᵉ sur {len(values)}"
    assert france == "France : 50,2\u00a0%"
    _, fig_en = region_map(ds, "fibre_rate", LATEST, lang="en", france=50.25)
    custom_en = {row[0]: row for row in fig_en.data[0].customdata}
    assert custom_en["Bretagne"][1] == f"{values['53']:.1f}%"
    assert custom_en["Bretagne"][2] == f"{ahead + 1} of {len(values)}"
    assert custom_en["Bretagne"][3] == "France: 50.2%"


def test_labels_come_from_the_catalogue(ds):
    _, fig = region_map(ds, "fibre_rate", LATEST, lang="en")
    assert fig.data[0].name == declared("fibre_rate").label["en"]


def test_polarity_sets_the_direction_of_the_scale(ds):
    assert declared("fragility_index").polarity < 0 < declared("fibre_rate").polarity
    frame = territory_slice(ds, "fragility_index", REGION, YEARS[1])
    worse_is_high = choropleth(frame, ds.geometry(REGION), ds.indicator("fragility_index"), "fr")
    _, better_is_high = region_map(ds, "fibre_rate", LATEST)
    assert worse_is_high.data[0].colorscale != better_is_high.data[0].colorscale


def test_selected_region_is_outlined(ds):
    _, fig = region_map(ds, "fibre_rate", LATEST, selected=["53"])
    widths = dict(zip(fig.data[0].locations, fig.data[0].marker.line.width, strict=True))
    assert widths["53"] > widths["11"]


def with_paris_zoom(geojson: dict) -> dict:
    """The synthetic departments plus an enlarged copy of Paris and a framed inset, as the real build draws them."""
    out = copy.deepcopy(geojson)
    (paris,) = [f for f in out["features"] if f["properties"]["code"] == "75"]
    zoom = copy.deepcopy(paris)
    zoom["properties"] = {**paris["properties"], "code": "75-zoom", "zoom_of": "75"}
    out["features"].append(zoom)
    out["insets"] = [{"box": [-6.0, 49.5, -5.0, 50.5], "code": "75"}]
    return out


def test_department_map_draws_enlarged_copies_and_inset_frames(ds):
    frame = territory_slice(ds, "fibre_rate", DEPARTMENT, LATEST)
    fig = choropleth(frame, with_paris_zoom(ds.geometry(DEPARTMENT)), ds.indicator("fibre_rate"), "fr")
    drawn = [loc for t in fig.data if t.type == "choropleth" for loc in t.locations]
    assert sorted(drawn) == sorted([*frame["code"], "75-zoom"]), "Paris twice: real and enlarged"
    assert any(t.type == "scattergeo" for t in fig.data), "frames around the insets"
    plain = choropleth(frame, ds.geometry(DEPARTMENT), ds.indicator("fibre_rate"), "fr")
    assert not any(t.type == "scattergeo" for t in plain.data), "no inset, no frame"
    main = fig.data[0]
    values = dict(zip(main.locations, main.z, strict=True))
    assert values["75-zoom"] == values["75"] == raw("fibre_rate", DEPARTMENT, LATEST)["75"]


def test_ranking_orders_best_first_and_lists_missing_last(ds):
    holed = without(ds, indicator="helpers_per_100k", level=REGION, code="11")
    period = max(raw_periods := tables()["facts"].query("indicator == 'helpers_per_100k'")["period"])
    assert len(set(raw_periods)) > 1
    frame = territory_slice(holed, "helpers_per_100k", REGION, period)
    fig = ranking(frame, holed.indicator("helpers_per_100k"), "fr")
    values = list(fig.data[0].x)
    present = [v for v in values if v == v]
    assert present == sorted(present, reverse=True) and len(present) == len(values) - 1
    assert all(v != v for v in values[len(present) :]), "missing regions at the bottom, without a bar"
    assert fig.data[0].text[-1] == "pas de donnée"


def test_ranking_respects_negative_polarity(ds):
    frame = territory_slice(ds, "fragility_index", REGION, YEARS[1])
    fig = ranking(frame, ds.indicator("fragility_index"), "fr")
    present = [v for v in fig.data[0].x if v == v]
    assert len(present) > 1 and present == sorted(present), "lower fragility is better, so it ranks first"


def test_france_is_a_bar_at_its_place_in_the_order(ds):
    frame = territory_slice(ds, "internet_use", REGION, YEARS[-1])
    france = france_value(ds, "internet_use", YEARS[-1])
    assert france == raw("internet_use", "nuts0", YEARS[-1])["FR"]
    fig = ranking(frame, ds.indicator("internet_use"), "fr", france=france)
    bars = fig.data[0]
    place = list(bars.y).index("<b>France</b>")
    assert bars.x[place] == france
    assert all(v > france for v in bars.x[:place]) and all(not v > france for v in bars.x[place + 1 :])
    assert not fig.layout.shapes, "no reference line to cross the value labels"
    assert "<b>France</b>" not in ranking(frame, ds.indicator("internet_use"), "fr").data[0].y


def test_fixed_colour_range_keeps_colours_comparable_across_periods(ds):
    low, high = value_range(ds, "fibre_rate", REGION)
    every = [v for p in FIBRE_PERIODS for v in raw("fibre_rate", REGION, p).values()]
    assert (low, high) == (min(every), max(every))
    early = territory_slice(ds, "fibre_rate", REGION, FIBRE_PERIODS[0])
    fig = choropleth(early, ds.geometry(REGION), ds.indicator("fibre_rate"), "fr", zrange=(low, high))
    assert (fig.data[0].zmin, fig.data[0].zmax) == (low, high)
    assert high > max(fig.data[0].z), "the first period's values sit in the lower part of the whole scale"


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
    assert list(bars.y) == ["Alpha", "<b>France</b>", "Beta", "Gamma"]
    assert list(bars.textposition) == ["inside", "inside", "outside", "outside"]
    assert list(fig.data[1].y) == ["Gamma"] and list(fig.data[1].text) == ["pas de donnée"]


def test_ranking_ticks_are_few_round_and_localised():
    fig = ranking(_sparse_frame(), indicator("x", decimals=0), "fr", france=17.0)
    axis = fig.layout.xaxis
    assert len(axis.tickvals) <= 3 and axis.tickvals[0] == 0
    assert all(v <= axis.range[1] for v in axis.tickvals)
    counts = _sparse_frame().assign(value=[12463.0, 1800.0, float("nan")])
    fig = ranking(counts, indicator("x", unit="count", decimals=0, polarity=0, pillar="ecosystem"), "fr")
    assert fig.layout.xaxis.ticktext[-1] == "10\u202f000"


def test_counts_get_no_france_line():
    count = indicator("x", unit="count", decimals=0, polarity=0, pillar="ecosystem")
    fig = ranking(_sparse_frame(), count, "fr", france=1463.0)
    assert not fig.layout.shapes and not fig.layout.annotations
    assert "<b>France</b>" not in fig.data[0].y
