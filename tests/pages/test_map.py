"""Carte: indicator, level, period and per-capita switch; map, source line and table twin.

On the synthetic snapshot (expected values from tests/synthetic.py). That the committed snapshot's 18 regions, its
departments and its known gaps are drawn is checked in tests/loaders/test_snapshot_views.py.
"""

from __future__ import annotations

import pandas as pd
import pytest
from babel.numbers import format_decimal

from loaders.catalogue import Role
from tests.pages.conftest import (
    array,
    fact_periods,
    fact_values,
    figures,
    latest_period,
    map_locations,
    role_holder,
    shown_cells,
    territory_names,
)
from tests.synthetic import DEPARTMENT, REGION
from ui.url import to_params

PAGE = "pages/carte.py"
CODES = {level: list(territory_names(level)) for level in (REGION, DEPARTMENT)}
MAP = role_holder(Role.MAP)  # the indicator the map opens on


def test_map_page_renders_with_its_widgets(open_synthetic):
    at = open_synthetic(PAGE)
    assert not at.exception
    assert at.selectbox(key="w.map.indicator").value == MAP
    assert at.radio(key="w.map.level")
    assert at.select_slider(key="w.map.period")
    assert sorted(map_locations(figures(at)[0])) == CODES[REGION]
    assert any("Source" in c.value for c in at.caption)


def test_department_level_draws_every_department(open_synthetic):
    at = open_synthetic(PAGE)
    at.radio(key="w.map.level").set_value(DEPARTMENT).run()
    assert not at.exception
    assert sorted(map_locations(figures(at)[0])) == CODES[DEPARTMENT]


def test_period_slider_changes_values(open_synthetic, synthetic_facts):
    at = open_synthetic(PAGE)
    indicator = MAP
    latest = array(figures(at)[0]["data"][0]["z"])
    first = fact_periods(synthetic_facts, indicator)[0]
    at.select_slider(key="w.map.period").set_value(first).run()
    trace = figures(at)[0]["data"][0]
    assert array(trace["z"]) != latest
    expected = fact_values(synthetic_facts, indicator, period=first)
    assert dict(zip(trace["locations"], array(trace["z"]), strict=True)) == expected.to_dict()


def test_link_restores_indicator_and_level(open_synthetic):
    at = open_synthetic(PAGE, indicator="acts_per_1000", level=DEPARTMENT)
    assert at.selectbox(key="w.map.indicator").value == "acts_per_1000"
    assert at.radio(key="w.map.level").value == DEPARTMENT


def test_per_capita_switch_toggles_the_count_twin(open_synthetic, synthetic_ds):
    at = open_synthetic(PAGE, indicator="helpers_per_100k")
    at.toggle(key="w.map.per_capita").set_value(False).run()
    assert not at.exception
    assert at.selectbox(key="w.map.indicator").value == synthetic_ds.indicator("helpers_per_100k").presentation.twin


def test_missing_values_are_drawn_as_missing_not_zero(open_synthetic, synthetic_facts):
    indicator = "fibre_rate_later"  # Bretagne has no value at all in the synthetic snapshot
    at = open_synthetic(PAGE, indicator=indicator)
    traces = [t for t in figures(at)[0]["data"] if t["type"] == "choropleth"]
    missing = sorted(set(CODES[REGION]) - set(fact_values(synthetic_facts, indicator).index))
    assert missing, "precondition: a region without a value"
    assert len(traces) == 2, "a grey 'no data' trace"
    assert sorted(traces[1]["locations"]) == missing
    assert not set(missing) & set(traces[0]["locations"])


def test_unknown_period_in_the_link_is_reported_and_replaced(open_synthetic, synthetic_facts):
    at = open_synthetic(period="1900")
    assert not at.exception
    assert any("period" in w.value for w in at.warning), "the first page drawn reports it"
    at.switch_page(PAGE).run()
    assert at.select_slider(key="w.map.period").value == latest_period(synthetic_facts, MAP)
    assert at.query_params.get("period") != ["1900"]


@pytest.mark.parametrize(
    ("lang", "locale", "rank_header", "code_header"), [("fr", "fr_FR", "Rang", "Code"), ("en", "en_GB", "Rank", "Code")]
)
def test_table_twin_follows_the_interface_language_and_stays_numeric(
    open_synthetic, synthetic_ds, synthetic_facts, lang, locale, rank_header, code_header
):
    indicator = "helpers_per_100k"  # one decimal, and values with and without a fraction
    period = latest_period(synthetic_facts, indicator)
    at = open_synthetic(PAGE, lang=lang, indicator=indicator, period=period)
    table = at.dataframe[0]
    data = table.value
    assert code_header in data.columns and "code" not in data.columns
    values = data.iloc[:, 2]
    assert pd.api.types.is_float_dtype(values), "the cells keep their numbers: a header click sorts numerically"
    assert pd.api.types.is_integer_dtype(data[rank_header])
    assert sorted(values) == sorted(fact_values(synthetic_facts, indicator, period=period).round(1))
    assert synthetic_ds.indicator(indicator).decimals == 1 and (values % 1 != 0).any(), "precondition"
    shown = shown_cells(table)
    top = data[values == values.max()].index[0]
    assert shown.iloc[top, 2] == format_decimal(values.max(), format="#,##0.0", locale=locale), "same decimals"
    assert shown.iloc[top, data.columns.get_loc(code_header)] == data[code_header].iloc[top]


def test_large_counts_use_the_language_grouping(open_synthetic, synthetic_facts):
    at = open_synthetic(PAGE)
    # Picked here: a link lands on the overview, which offers no context indicator and so resets it.
    at.selectbox(key="w.map.indicator").select("population").run()
    data, shown = at.dataframe[0].value, shown_cells(at.dataframe[0])
    biggest = data.iloc[:, 2].idxmax()
    assert data.iloc[biggest, 2] == fact_values(synthetic_facts, "population").max()
    assert data.iloc[biggest, 2] >= 1000, "precondition: a number with a thousands separator"
    assert shown.iloc[biggest, 2] == format_decimal(data.iloc[biggest, 2], format="#,##0", locale="fr_FR")
    assert "," not in shown.iloc[biggest, 2]


def test_change_between_two_dates_draws_a_diverging_map_of_the_difference(open_synthetic, synthetic_facts):
    indicator = MAP
    at = open_synthetic(PAGE, indicator=indicator)
    at.toggle(key="w.map.change").set_value(True).run()
    assert not at.exception
    start, end = at.select_slider(key="w.map.change_dates").value
    assert start < end
    fig = figures(at)[0]
    main = fig["data"][0]
    assert main["zmid"] == 0, "a change is drawn on a scale centred on no change"
    assert main["colorbar"]["title"]["text"] == "points"
    expected = fact_values(synthetic_facts, indicator, period=end) - fact_values(
        synthetic_facts, indicator, period=start
    )
    drawn = dict(zip(main["locations"], array(main["z"]), strict=True))
    assert drawn == pytest.approx(expected.to_dict())
    assert any("Évolution de" in h.value for h in at.subheader)


def test_change_mode_and_its_dates_go_into_the_link_and_come_back(open_synthetic, synthetic_facts):
    dates = fact_periods(synthetic_facts, MAP, "region")
    assert len(dates) >= 3, "the synthetic indicator has three dates"
    at = open_synthetic(PAGE, indicator=MAP)
    at.toggle(key="w.map.change").set_value(True).run()
    at.select_slider(key="w.map.change_dates").set_range(dates[1], dates[-1]).run()
    link = to_params(at.session_state["view"], MAP)  # what app.py writes into the address bar after the page
    assert (link["since"], link["period"]) == (dates[1], dates[-1])
    again = open_synthetic(PAGE, **link)
    assert again.toggle(key="w.map.change").value is True
    assert tuple(again.select_slider(key="w.map.change_dates").value) == (dates[1], dates[-1])
    again.toggle(key="w.map.change").set_value(False).run()
    assert "since" not in to_params(again.session_state["view"], MAP)


def test_a_link_with_unusable_change_dates_says_so_and_compares_first_and_last(open_synthetic, synthetic_facts):
    dates = fact_periods(synthetic_facts, MAP, "region")
    at = open_synthetic(PAGE, indicator=MAP, since="1900")
    assert not at.exception
    assert any("since" in w.value and "1900" in w.value for w in at.warning)
    assert tuple(at.select_slider(key="w.map.change_dates").value) == (dates[0], dates[-1])
