"""Region profile: ranks recomputed independently, gap = value - France, polarity, missing stays missing."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.profile import better_than_france, region_departments, region_profile
from loaders.codes import FRANCE
from tests.synthetic import DEPARTMENT, REGION, without

# Corse: an estimate, a low-reliability value with its bounds, and the lowest fibre coverage of the three regions.
CODE = "94"


@pytest.fixture(scope="module")
def ds(synthetic_ds):
    return synthetic_ds


@pytest.fixture(scope="module")
def corse(ds):
    return region_profile(ds, CODE).set_index("indicator")


def regional(ds, indicator: str) -> pd.DataFrame:
    f = ds.facts
    rows = f[(f["indicator"] == indicator) & (f["level"] == "region")]
    return rows[rows["period"] == rows["period"].max()]


def test_one_row_per_indicator_with_regional_data(ds, corse):
    expected = set(ds.facts.loc[ds.facts["level"] == "region", "indicator"])
    assert set(corse.index) == expected
    assert corse.index.is_unique


def test_value_and_period_are_the_latest_regional_figure(ds, corse):
    for indicator, row in corse.iterrows():
        latest = regional(ds, indicator)
        assert row["period"] == latest["period"].iloc[0]
        mine = latest.loc[latest["code"] == CODE, "value"]
        if mine.empty:
            assert math.isnan(row["value"])
        else:
            assert row["value"] == mine.iloc[0]


def test_rank_counts_strictly_better_regions_by_polarity(ds, corse):
    polarity = {i: ind.polarity for i, ind in ds.indicators.items()}
    for indicator, row in corse.iterrows():
        latest = regional(ds, indicator).dropna(subset=["value"])
        vague = (latest["flag"] == "low_reliability").fillna(False) & latest["low"].notna()
        latest = latest[~vague]
        assert row["n"] == len(latest)
        if pd.isna(row["rank"]):
            unranked = math.isnan(row["value"]) or (row["flag"] == "low_reliability" and pd.notna(row["low"]))
            assert unranked, f"{indicator}: only a missing or a vague value goes unranked"
            continue
        others = latest["value"]
        ahead = (others < row["value"]) if polarity[indicator] < 0 else (others > row["value"])
        assert row["rank"] == int(ahead.sum()) + 1, indicator


def test_gap_is_value_minus_france_and_nan_without_france(ds, corse):
    f = ds.facts
    nation = f[(f["level"] == FRANCE[0]) & (f["code"] == FRANCE[1])].set_index(["indicator", "period"])["value"]
    with_france = 0
    for indicator, row in corse.iterrows():
        key = (indicator, row["period"])
        if key in nation.index and not pd.isna(row["value"]):
            assert row["france"] == nation[key]
            assert row["gap"] == pytest.approx(row["value"] - nation[key])
            with_france += 1
        else:
            assert math.isnan(row["gap"])
    assert with_france >= 3, "the synthetic snapshot has France values for several indicators"


def test_better_follows_polarity_at_the_published_precision():
    gap = pd.Series([2.0, -2.0, 2.0, -2.0, 0.004, float("nan"), 3.0])
    polarity = pd.Series([1, 1, -1, -1, 1, 1, 0])
    decimals = pd.Series([1, 1, 1, 1, 2, 1, 0])
    assert better_than_france(gap, polarity, decimals).tolist() == [True, False, False, True, None, None, None]


def test_better_on_the_snapshot_matches_the_sign_of_the_gap(ds, corse):
    known = corse.dropna(subset=["gap"])
    for indicator, row in known.iterrows():
        ind = ds.indicator(indicator)
        if ind.polarity == 0 or round(row["gap"], ind.decimals) == 0:
            assert row["better"] is None, indicator
        else:
            assert row["better"] == ((row["gap"] > 0) == (ind.polarity > 0)), indicator


def test_missing_values_stay_missing(ds):
    latest = regional(ds, "fibre_rate")["period"].iloc[0]
    holed = without(ds, indicator="fibre_rate", level=REGION, code=CODE, period=latest)
    row = region_profile(holed, CODE).set_index("indicator").loc["fibre_rate"]
    assert row["period"] == latest, "an older figure never stands in"
    assert math.isnan(row["value"]) and pd.isna(row["rank"]) and math.isnan(row["gap"])
    assert row["better"] is None


def test_sparkline_only_with_three_periods_and_in_period_order(ds, corse):
    f = ds.facts[ds.facts["level"] == REGION]
    periods = f.groupby("indicator")["period"].nunique()
    assert (periods >= 3).any() and (periods < 3).any(), "precondition: long and short regional series"
    for indicator, row in corse.iterrows():
        own = f[(f["indicator"] == indicator) & (f["code"] == CODE)].dropna(subset=["value"])
        if periods[indicator] >= 3:
            assert row["spark"] == own.sort_values("period")["value"].tolist(), indicator
        else:
            assert not isinstance(row["spark"], list), f"{indicator}: under three periods, no trend"


def test_region_departments_are_ranked_within_the_region(ds):
    period = ds.facts.loc[ds.facts["indicator"] == "fibre_rate", "period"].max()
    frame = region_departments(ds, "fibre_rate", CODE, period)
    terr = ds.territories
    expected = set(terr.loc[(terr["level"] == DEPARTMENT) & (terr["parent_code"] == CODE), "code"])
    assert set(frame["code"]) == expected and len(expected) > 1
    best = frame.loc[frame["value"].idxmax()]
    assert best["rank"] == 1
    assert frame["rank"].max() <= len(frame)
