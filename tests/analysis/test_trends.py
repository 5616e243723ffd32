"""Time series for the Évolution page: regular grids, gaps kept, France equal to the snapshot, milestones."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest

from analysis.trends import (
    latest_points,
    milestones,
    observed_range,
    own_charts,
    period_grid,
    timeline_indicators,
    trend_lines,
    value_at,
    wide,
    with_gaps,
)
from loaders import load_dataset
from loaders.paths import DATA_DIR


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def facts(ds, indicator: str, level: str, code: str | None = None) -> pd.DataFrame:
    f = ds.facts
    rows = f[(f["indicator"] == indicator) & (f["level"] == level)]
    return rows if code is None else rows[rows["code"] == code]


def test_annual_grid_has_every_year_so_a_missing_year_is_a_gap():
    assert period_grid(["2019", "2017", "2021"]) == ["2017", "2018", "2019", "2020", "2021"]


def test_quarterly_and_monthly_grids():
    assert period_grid(["2018-12-31", "2019-06-30"]) == ["2018-12-31", "2019-03-31", "2019-06-30"]
    assert period_grid(["2021-10-31", "2022-01-31"]) == ["2021-10-31", "2021-11-30", "2021-12-31", "2022-01-31"]


def test_irregular_snapshot_dates_are_kept_as_they_are():
    found = ["2020-01-10", "2020-06-17", "2022-12-01"]
    assert period_grid(found) == found


def test_with_gaps_adds_missing_periods_as_nan_and_keeps_values():
    frame = pd.DataFrame(
        {
            "code": ["28", "28"],
            "name": ["Normandie"] * 2,
            "period": ["2019", "2021"],
            "value": [80.0, 85.0],
            "flag": pd.array([pd.NA, "low_reliability"], dtype="string"),
        }
    )
    out = with_gaps(frame, ["2019", "2020", "2021"])
    assert out["period"].tolist() == ["2019", "2020", "2021"]
    assert out["value"].iloc[0] == 80.0 and math.isnan(out["value"].iloc[1]) and out["value"].iloc[2] == 85.0
    assert out["flag"].iloc[2] == "low_reliability"
    assert out["date"].dt.year.tolist() == [2019, 2020, 2021]


def test_household_access_2020_is_a_gap_for_every_region(ds):
    raw = facts(ds, "household_internet_access", "region")
    assert not (raw["period"] == "2020").any(), "precondition: Eurostat has no French regional 2020 value"
    lines, _ = trend_lines(ds, "household_internet_access")
    at_2020 = lines[lines["period"] == "2020"]
    assert len(at_2020) == raw["code"].nunique()
    assert at_2020["value"].isna().all()


def test_region_values_are_the_snapshot_values(ds):
    lines, _ = trend_lines(ds, "ftth_coverage")
    expected = facts(ds, "ftth_coverage", "region").set_index(["code", "period"])["value"]
    got = lines.dropna(subset=["value"]).set_index(["code", "period"])["value"]
    pd.testing.assert_series_equal(got.sort_index(), expected.sort_index(), check_names=False)


@pytest.mark.parametrize("indicator", ["household_internet_access", "ftth_coverage"])
def test_france_line_equals_the_snapshot_nuts0_values(ds, indicator):
    nation = facts(ds, indicator, "nuts0", "FR")
    if nation.empty:
        pytest.skip(f"no France value for {indicator} in this snapshot")
    regional = sorted(facts(ds, indicator, "region")["period"])
    expected = nation[nation["period"].between(regional[0], regional[-1])].set_index("period")["value"]
    _, france = trend_lines(ds, indicator)
    got = france.dropna(subset=["value"]).set_index("period")["value"]
    assert got.to_dict() == expected.to_dict()
    assert set(france["code"]) == {"FR"}


def test_wide_has_one_column_per_territory_and_empty_cells_for_gaps(ds):
    lines, france = trend_lines(ds, "household_internet_access")
    table = wide(lines, france)
    assert "France" in table.columns and "Normandie" in table.columns
    assert table.set_index("period").loc["2020"].isna().all()


def test_latest_points_skip_trailing_gaps():
    frame = pd.DataFrame(
        {
            "code": ["1", "1", "1"],
            "name": ["A"] * 3,
            "period": ["2019", "2020", "2021"],
            "date": pd.to_datetime(["2019-01-01", "2020-01-01", "2021-01-01"]),
            "value": [1.0, 2.0, float("nan")],
            "flag": [None] * 3,
        }
    )
    last = latest_points(frame)
    assert last["period"].tolist() == ["2020"] and last["value"].tolist() == [2.0]
    assert observed_range(frame) == ("2019", "2020")


def line(dates: list[str], values: list[float]) -> pd.DataFrame:
    return pd.DataFrame({"code": "84", "date": pd.to_datetime(dates), "value": values})


def test_value_at_interpolates_between_neighbouring_periods():
    quarters = line(["2020-03-31", "2020-06-30"], [10.0, 20.0])
    # 2020-05-15 is 45 of the 91 days between the two quarter ends.
    got = value_at(quarters, pd.Series(pd.to_datetime(["2020-05-15", "2020-03-31", "2020-06-30"])))
    assert got.tolist() == pytest.approx([10 + 10 * 45 / 91, 10.0, 20.0])


def test_value_at_is_nan_outside_the_series_and_inside_gaps():
    gappy = line(["2018-03-31", "2018-06-30", "2018-09-30", "2018-12-31"], [10.0, float("nan"), 30.0, 40.0])
    got = value_at(gappy, pd.Series(pd.to_datetime(["2017-06-15", "2018-05-01", "2018-09-30", "2019-02-01"])))
    assert math.isnan(got.iloc[0]), "before the first figure: no extrapolation"
    assert math.isnan(got.iloc[1]), "inside a gap: no line there"
    assert got.iloc[2] == 30.0, "an observed point next to a gap keeps its value"
    assert math.isnan(got.iloc[3]), "after the last figure"


def test_milestones_keep_every_strategy_date_and_region(ds):
    lines, _ = trend_lines(ds, "ftth_coverage")
    marks = milestones(ds, lines)
    assert len(marks) == len(ds.strategies)
    assert sorted(marks["date"].dt.strftime("%Y-%m-%d")) == sorted(ds.strategies["date"])
    only = milestones(ds, lines, ["84"])
    assert set(only["region_code"]) == {"84"}
    assert len(only) == int((ds.strategies["region_code"] == "84").sum())


def test_milestones_before_the_first_ftth_figure_are_not_placed_on_a_line(ds):
    lines, _ = trend_lines(ds, "ftth_coverage")
    marks = milestones(ds, lines)
    first = facts(ds, "ftth_coverage", "region").groupby("code")["period"].min()
    early = marks["date"] < pd.to_datetime(marks["region_code"].map(first))
    assert early.any()
    assert marks.loc[early, "y"].isna().all()


def test_milestone_on_an_annual_series_sits_on_the_interpolated_value(ds):
    lines, _ = trend_lines(ds, "household_internet_access")
    marks = milestones(ds, lines, ["84"])
    row = marks[marks["date"] == pd.Timestamp("2017-09-01")].iloc[0]
    values = facts(ds, "household_internet_access", "region", "84").set_index("period")["value"]
    share = (pd.Timestamp("2017-09-01") - pd.Timestamp("2017-01-01")).days / 365
    assert row["y"] == pytest.approx(values["2017"] + (values["2018"] - values["2017"]) * share)


def test_timeline_indicators_have_more_than_two_regional_periods(ds):
    found = timeline_indicators(ds)
    regional = ds.facts[ds.facts["level"] == "region"].groupby("indicator")["period"].nunique()
    assert all(regional[i] > 2 for i in found)
    assert {"household_internet_access", "france_services_per_100k", "internet_weekly_use"} <= set(found)
    assert "ftth_coverage" not in found, "FttH has its own chart"
    assert all(ds.indicator(i).unit != "count" and ds.indicator(i).pillar != "context" for i in found)
    assert "conseillers_numeriques_per_100k" not in found, "two periods only"
    pillars = [ds.indicator(i).pillar for i in found]
    assert pillars == sorted(pillars, key=["infrastructure", "usage", "ecosystem"].index)


def test_own_charts_are_those_the_catalogue_says(ds):
    raw = json.loads((DATA_DIR / "indicators.json").read_text(encoding="utf-8"))
    declared = {i["id"] for i in raw if i.get("presentation", {}).get("own_chart")}
    assert set(own_charts(ds)) == declared == {"ftth_coverage"}
    assert not declared & set(timeline_indicators(ds))
