"""Comparing regions with France: which indicators, default regions, gaps, and the lines behind them."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.compare import comparable, compare_lines, default_regions, gap_rows, relative_gap
from loaders import Dataset
from loaders.codes import FRANCE
from tests.analysis.catalogue_entries import indicator
from tests.synthetic import REGION, YEARS, tables, without


def tiny_dataset() -> Dataset:
    """Three regions, France, two indicators: 'up' (higher is better, France known for 2021 only) and 'down'."""
    facts = pd.DataFrame(
        [
            ("region", "R1", "up", "2020", 50.0),
            ("region", "R1", "up", "2021", 60.0),
            ("region", "R2", "up", "2021", 40.0),
            ("nuts0", "FR", "up", "2021", 50.0),
            ("nuts0", "FR", "up", "2020", 45.0),
            ("region", "R1", "down", "2019", 10.0),
            ("region", "R2", "down", "2019", 20.0),
            ("region", "R3", "down", "2019", 40.0),
        ],
        columns=["level", "code", "indicator", "period", "value"],
    ).assign(flag=pd.NA)
    indicators = {"up": indicator("up"), "down": indicator("down", polarity=-1)}
    territories = pd.DataFrame(
        {
            "level": "region",
            "code": ["R1", "R2", "R3"],
            "name": ["Un", "Deux", "Trois"],
            "parent_code": None,
            "population": [3.0, 2.0, 1.0],
        }
    )
    return Dataset(
        facts=facts,
        indicators=indicators,
        sources={},
        territories=territories,
        strategies=pd.DataFrame(),
        manifest={"version": "test"},
        data_dir=Path("."),
    )


def test_comparable_keeps_rates_with_a_better_side():
    cat = [
        indicator("rate"),
        indicator("count", unit="count", polarity=0, pillar="ecosystem"),
        indicator("share", polarity=0, pillar="ecosystem"),
        indicator("context", unit="persons", polarity=0, pillar="context"),
        indicator("worse", polarity=-1),
    ]
    assert [i.id for i in comparable(cat)] == ["rate", "worse"]


def test_default_regions_complete_with_the_most_populous():
    population = pd.Series({"11": 12.0, "84": 8.0, "53": 3.0, "94": 0.3})
    assert default_regions((), population) == ("11", "84")
    assert default_regions(("53",), population) == ("53", "11")
    assert default_regions(("11",), population) == ("11", "84")
    assert default_regions(("53", "94", "11"), population) == ("53", "94", "11"), "never shortens a choice"


def test_relative_gap_in_percent_oriented_by_polarity():
    values = pd.Series([110.0, 90.0, np.nan])
    gap, score = relative_gap(values, 100.0, 1)
    assert gap.tolist()[:2] == [10.0, -10.0] and np.isnan(gap.iloc[2])
    assert score.tolist()[:2] == [10.0, -10.0]
    _, worse = relative_gap(values, 100.0, -1)
    assert worse.tolist()[:2] == [-10.0, 10.0], "higher is worse: above France scores negative"
    assert relative_gap(values, 0.0, 1)[0].isna().all()
    assert relative_gap(values, None, 1)[1].isna().all()


def test_gap_rows_use_the_latest_period_and_france_else_the_median():
    rows = gap_rows(tiny_dataset(), ["up", "down"]).set_index(["indicator", "code"])
    assert (rows.loc["up", "period"] == "2021").all()
    assert (rows.loc["up", "ref_kind"] == "france").all() and (rows.loc["up", "reference"] == 50.0).all()
    assert rows.loc[("up", "R1"), "gap"] == pytest.approx(20.0)
    assert rows.loc[("up", "R2"), "score"] == pytest.approx(-20.0)
    assert np.isnan(rows.loc[("up", "R3"), "value"]) and np.isnan(rows.loc[("up", "R3"), "gap"]), (
        "missing stays missing"
    )
    # 'down' has no France value: the reference is the median of 10, 20, 40 = 20; lower is better.
    assert (rows.loc["down", "ref_kind"] == "median").all() and (rows.loc["down", "reference"] == 20.0).all()
    assert rows.loc[("down", "R1"), "gap"] == pytest.approx(-50.0)
    assert rows.loc[("down", "R1"), "score"] == pytest.approx(50.0)
    assert rows.loc[("down", "R3"), "score"] == pytest.approx(-100.0)


def test_gap_rows_on_a_snapshot_match_its_facts(synthetic_ds):
    rows = gap_rows(synthetic_ds, ["fibre_rate"])
    f = tables()["facts"]
    f = f[f["indicator"] == "fibre_rate"]
    regional = f[f["level"] == REGION]
    latest = max(regional["period"])
    assert set(rows["period"]) == {latest}
    territories = tables()["territories"]
    assert len(rows) == (territories["level"] == REGION).sum()
    brittany = rows[rows["code"] == "53"].iloc[0]
    assert brittany["value"] == regional[(regional["code"] == "53") & (regional["period"] == latest)]["value"].item()
    france = f[(f["level"] == FRANCE[0]) & (f["period"] == latest)]["value"].item()
    assert brittany["ref_kind"] == "france"
    assert brittany["gap"] == pytest.approx((brittany["value"] - france) / france * 100)


def test_gap_rows_of_nothing_is_an_empty_frame(synthetic_ds):
    assert gap_rows(synthetic_ds, []).empty


def test_compare_lines_keep_the_gap_year_as_missing(synthetic_ds):
    gap_year = YEARS[1]
    ds = without(synthetic_ds, indicator="internet_use", level=REGION, period=gap_year)
    lines, france = compare_lines(ds, "internet_use", ["53", "11"])
    assert set(lines["code"]) == {"53", "11"}
    missing = lines[lines["period"] == gap_year]
    assert len(missing) == 2 and missing["value"].isna().all(), "a year without regional data stays a gap"
    f = tables()["facts"]
    brittany = f.query("indicator == 'internet_use' and level == @REGION and code == '53' and period != @gap_year")
    got = lines[(lines["code"] == "53")].dropna(subset=["value"]).set_index("period")["value"]
    assert got.to_dict() == brittany.set_index("period")["value"].to_dict()
    assert set(france["period"]) <= set(lines["period"])
