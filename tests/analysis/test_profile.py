"""Region profile: ranks recomputed independently, gap = value - France, polarity, missing stays missing."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.profile import better_than_france, region_departments, region_profile
from loaders import load_dataset


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


@pytest.fixture(scope="module")
def auvergne(ds):
    return region_profile(ds, "84").set_index("indicator")


def regional(ds, indicator: str) -> pd.DataFrame:
    f = ds.facts
    rows = f[(f["indicator"] == indicator) & (f["level"] == "region")]
    return rows[rows["period"] == rows["period"].max()]


def test_one_row_per_indicator_with_regional_data(ds, auvergne):
    expected = set(ds.facts.loc[ds.facts["level"] == "region", "indicator"])
    assert set(auvergne.index) == expected
    assert auvergne.index.is_unique


def test_value_and_period_are_the_latest_regional_figure(ds, auvergne):
    for indicator, row in auvergne.iterrows():
        latest = regional(ds, indicator)
        assert row["period"] == latest["period"].iloc[0]
        mine = latest.loc[latest["code"] == "84", "value"]
        if mine.empty:
            assert math.isnan(row["value"])
        else:
            assert row["value"] == mine.iloc[0]


def test_rank_counts_strictly_better_regions_by_polarity(ds, auvergne):
    polarity = {i: ind.polarity for i, ind in ds.indicators.items()}
    for indicator, row in auvergne.iterrows():
        latest = regional(ds, indicator).dropna(subset=["value"])
        vague = (latest["flag"] == "low_reliability").fillna(False) & latest["low"].notna()
        latest = latest[~vague]
        assert row["n"] == len(latest)
        if pd.isna(row["rank"]):
            assert pd.isna(row["rank"])
            continue
        others = latest["value"]
        ahead = (others < row["value"]) if polarity[indicator] < 0 else (others > row["value"])
        assert row["rank"] == int(ahead.sum()) + 1, indicator


def test_gap_is_value_minus_france_and_nan_without_france(ds, auvergne):
    f = ds.facts
    nation = f[(f["level"] == "nuts0") & (f["code"] == "FR")].set_index(["indicator", "period"])["value"]
    with_france = 0
    for indicator, row in auvergne.iterrows():
        key = (indicator, row["period"])
        if key in nation.index and not pd.isna(row["value"]):
            assert row["france"] == nation[key]
            assert row["gap"] == pytest.approx(row["value"] - nation[key])
            with_france += 1
        else:
            assert math.isnan(row["gap"])
    assert with_france >= 3, "the snapshot has France values for several indicators"


def test_better_follows_polarity_at_the_published_precision():
    gap = pd.Series([2.0, -2.0, 2.0, -2.0, 0.004, float("nan"), 3.0])
    polarity = pd.Series([1, 1, -1, -1, 1, 1, 0])
    decimals = pd.Series([1, 1, 1, 1, 2, 1, 0])
    assert better_than_france(gap, polarity, decimals).tolist() == [True, False, False, True, None, None, None]


def test_better_on_the_snapshot_matches_the_sign_of_the_gap(ds, auvergne):
    known = auvergne.dropna(subset=["gap"])
    for indicator, row in known.iterrows():
        ind = ds.indicator(indicator)
        if ind.polarity == 0 or round(row["gap"], ind.decimals) == 0:
            assert row["better"] is None, indicator
        else:
            assert row["better"] == ((row["gap"] > 0) == (ind.polarity > 0)), indicator


def test_mayotte_missing_values_stay_missing(ds):
    mayotte = region_profile(ds, "06").set_index("indicator")
    survey = regional(ds, "household_internet_access")
    assert "06" not in set(survey["code"]), "precondition: Eurostat has no Mayotte value"
    row = mayotte.loc["household_internet_access"]
    assert math.isnan(row["value"]) and pd.isna(row["rank"]) and math.isnan(row["gap"])
    assert row["better"] is None


def test_sparkline_only_with_three_periods_and_in_period_order(ds, auvergne):
    f = ds.facts
    own = f[(f["indicator"] == "ftth_coverage") & (f["level"] == "region") & (f["code"] == "84")]
    assert auvergne.loc["ftth_coverage", "spark"] == own.sort_values("period")["value"].tolist()
    assert not isinstance(auvergne.loc["gigabit_eligibility", "spark"], list), "one period: no trend"


def test_region_departments_are_ranked_within_the_region(ds):
    period = ds.facts.loc[ds.facts["indicator"] == "ftth_coverage", "period"].max()
    frame = region_departments(ds, "ftth_coverage", "84", period)
    terr = ds.territories
    assert set(frame["code"]) == set(terr.loc[(terr["level"] == "department") & (terr["parent_code"] == "84"), "code"])
    best = frame.loc[frame["value"].idxmax()]
    assert best["rank"] == 1
    assert frame["rank"].max() <= len(frame)
