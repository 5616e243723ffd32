"""Time series for the Évolution page: regular grids, gaps kept, France equal to the snapshot, milestones."""

from __future__ import annotations

import math
from dataclasses import replace

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
from loaders.catalogue import PILLARS, Pillar, Unit
from loaders.codes import FRANCE
from tests.synthetic import REGION, YEARS, tables, without


@pytest.fixture(scope="module")
def ds(synthetic_ds):
    return synthetic_ds


@pytest.fixture(scope="module")
def surveyless(synthetic_ds):
    """internet_use without one year anywhere (no survey that year, as Eurostat in 2020)."""
    return without(synthetic_ds, indicator="internet_use", period=YEARS[1])


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


def test_a_year_without_survey_is_a_gap_for_every_region(surveyless):
    raw = facts(surveyless, "internet_use", REGION)
    assert not (raw["period"] == YEARS[1]).any(), "precondition: no regional value that year"
    lines, _ = trend_lines(surveyless, "internet_use")
    at_gap = lines[lines["period"] == YEARS[1]]
    assert len(at_gap) == raw["code"].nunique()
    assert at_gap["value"].isna().all()


def test_region_values_are_the_snapshot_values(ds):
    lines, _ = trend_lines(ds, "fibre_rate")
    f = tables()["facts"]
    expected = f[(f["indicator"] == "fibre_rate") & (f["level"] == REGION)].set_index(["code", "period"])["value"]
    got = lines.dropna(subset=["value"]).set_index(["code", "period"])["value"]
    pd.testing.assert_series_equal(got.sort_index(), expected.sort_index(), check_names=False)


@pytest.mark.parametrize("indicator", ["internet_use", "fibre_rate"])
def test_france_line_equals_the_snapshot_nuts0_values(ds, indicator):
    f = tables()["facts"]
    nation = f[(f["indicator"] == indicator) & (f["level"] == FRANCE[0]) & (f["code"] == FRANCE[1])]
    assert not nation.empty, f"precondition: the synthetic snapshot has France values for {indicator}"
    regional = sorted(facts(ds, indicator, REGION)["period"])
    expected = nation[nation["period"].between(regional[0], regional[-1])].set_index("period")["value"]
    _, france = trend_lines(ds, indicator)
    got = france.dropna(subset=["value"]).set_index("period")["value"]
    assert got.to_dict() == expected.to_dict()
    assert set(france["code"]) == {FRANCE[1]}


def test_wide_has_one_column_per_territory_and_empty_cells_for_gaps(surveyless):
    lines, france = trend_lines(surveyless, "internet_use")
    table = wide(lines, france)
    names = tables()["territories"].query("level == @REGION")["name"]
    assert {"France", *names} <= set(table.columns)
    assert table.set_index("period").loc[YEARS[1]].isna().all()


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
    lines, _ = trend_lines(ds, "fibre_rate")
    marks = milestones(ds, lines)
    strategies = tables()["strategies"]
    assert len(marks) == len(strategies)
    assert sorted(marks["date"].dt.strftime("%Y-%m-%d")) == sorted(strategies["date"])
    code = strategies["region_code"].iloc[0]
    only = milestones(ds, lines, [code])
    assert set(only["region_code"]) == {code}
    assert len(only) == int((strategies["region_code"] == code).sum()) < len(strategies)


def test_milestones_before_the_first_figure_are_not_placed_on_a_line(ds):
    lines, _ = trend_lines(ds, "fibre_rate")
    marks = milestones(ds, lines)
    first = facts(ds, "fibre_rate", REGION).groupby("code")["period"].min()
    early = marks["date"] < pd.to_datetime(marks["region_code"].map(first))
    assert early.any()
    assert marks.loc[early, "y"].isna().all()


def test_milestone_on_an_annual_series_sits_on_the_interpolated_value(ds):
    # One strategy moved between two survey years: it must sit on the line between them.
    date = pd.Timestamp(f"{YEARS[1]}-09-01")
    code = ds.strategies["region_code"].iloc[0]
    moved = replace(
        ds, strategies=ds.strategies.assign(date=lambda s: s["date"].mask(s.index == 0, f"{date:%Y-%m-%d}"))
    )
    lines, _ = trend_lines(moved, "internet_use")
    row = milestones(moved, lines, [code]).set_index("date").loc[date]
    values = facts(ds, "internet_use", REGION, code).set_index("period")["value"]
    share = (date - pd.Timestamp(f"{YEARS[1]}-01-01")).days / 365
    assert row["y"] == pytest.approx(values[YEARS[1]] + (values[YEARS[2]] - values[YEARS[1]]) * share)


def test_timeline_indicators_have_more_than_two_regional_periods(ds):
    found = timeline_indicators(ds)
    regional = ds.facts[ds.facts["level"] == REGION].groupby("indicator")["period"].nunique()
    assert all(regional[i] > 2 for i in found)
    assert "internet_use" in found
    assert "fibre_rate" not in found and regional["fibre_rate"] > 2, "fibre has its own chart"
    assert "acts_per_1000" not in found and regional["acts_per_1000"] == 2, "two periods only"
    # With two periods enough, the count, the context and the own-chart indicators are still left out.
    short = timeline_indicators(ds, min_periods=2)
    assert {"helpers_per_100k", "acts_per_1000", "internet_use"} <= set(short)
    assert {"helpers_count", "population", "fibre_rate"}.isdisjoint(short)
    for found_ids in (found, short):
        assert all(ds.indicator(i).unit != Unit.COUNT and ds.indicator(i).pillar != Pillar.CONTEXT for i in found_ids)
        pillars = [ds.indicator(i).pillar for i in found_ids]
        assert pillars == sorted(pillars, key=PILLARS.index)


def test_own_charts_are_those_the_catalogue_says(ds):
    declared = {i.id for i in tables()["indicators"] if i.presentation.own_chart}
    assert set(own_charts(ds)) == declared == {"fibre_rate"}
    assert not declared & set(timeline_indicators(ds))
