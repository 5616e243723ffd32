"""Region profile table: ranks in words, gaps with a better/worse symbol, missing shown as missing."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.profile import region_profile
from charts.profile import (
    BETTER,
    WORSE,
    column_labels,
    gap_text,
    headline,
    ordinal_rank,
    profile_table,
    sortable,
    styled,
)
from i18n import text
from tests.analysis.catalogue_entries import indicator, words
from tests.synthetic import FIBRE_PERIODS, REGION, tables, without

RATE = indicator("rate", decimals=1)
RATE_0 = indicator("rate0", decimals=0)
PER_100K = indicator("per", unit="per_100k", decimals=1)
COUNT = indicator("count", unit="count", decimals=0, polarity=0, pillar="ecosystem")


@pytest.mark.parametrize(
    ("rank", "lang", "expected"),
    [
        (1, "fr", "1ᵉʳ sur 18"),
        (3, "fr", "3ᵉ sur 18"),
        (1, "en", "1st of 18"),
        (2, "en", "2nd of 18"),
        (3, "en", "3rd of 18"),
        (11, "en", "11th of 18"),
    ],
)
def test_ordinal_rank(rank, lang, expected):
    assert ordinal_rank(rank, 18, lang) == expected


def test_gap_text_says_better_or_worse_with_a_symbol():
    assert gap_text(3.24, True, RATE, "fr") == "▲ +3,2 pts"
    assert gap_text(-1.5, False, RATE, "en") == "▼ \u22121.5 pp"
    assert gap_text(2.0, False, RATE_0, "fr") == "▼ +2 pts", "higher but worse (e.g. illectronism)"
    assert gap_text(12.345, None, PER_100K, "fr") == "+12,3"


def test_gap_text_for_missing_equal_and_totals():
    assert gap_text(float("nan"), None, RATE, "fr") == text("common.no_data", "fr")
    assert gap_text(0.02, None, RATE, "fr") == "0,0 pts"
    assert gap_text(-14160.0, None, COUNT, "fr") == text("profile.not_applicable", "fr")
    for unit in ("persons", "km2"):
        total = indicator("total", unit=unit, decimals=0, polarity=0, pillar="context")
        assert gap_text(5.0, None, total, "fr") == text("profile.not_applicable", "fr")


def test_table_keeps_missing_values_missing_and_uses_the_catalogue(synthetic_ds):
    ds = without(synthetic_ds, indicator="fibre_rate", level=REGION, code="94", period=FIBRE_PERIODS[-1])
    profile = region_profile(ds, "94")
    table = profile_table(profile, ds.indicators, "fr")
    labels = column_labels("fr")
    assert list(table.columns) == list(labels.values())
    declared = {i.id: i for i in tables()["indicators"]}
    row = table.set_index(labels["indicator"]).loc[declared["fibre_rate"].label["fr"]]
    assert row[labels["value"]] == "pas de donnée"
    assert row[labels["rank"]] == "pas de donnée"
    assert "0" not in row[labels["value"]]


def test_table_rank_and_sparkline(synthetic_ds):
    profile = region_profile(synthetic_ds, "53")
    table = profile_table(profile, synthetic_ds.indicators, "en").set_index(column_labels("en")["indicator"])
    fibre = profile.set_index("indicator").loc["fibre_rate"]
    declared = {i.id: i for i in tables()["indicators"]}
    row = table.loc[declared["fibre_rate"].label["en"]]
    assert row["Rank"] == ordinal_rank(int(fibre["rank"]), int(fibre["n"]), "en")
    assert row["Trend"] == fibre["spark"] and len(fibre["spark"]) == len(FIBRE_PERIODS)


def test_gap_colours_follow_better():
    table = pd.DataFrame({column_labels("fr")["gap"]: ["▲ +1 pts", "▼ −1 pts", "+1"]})
    html = styled(table, pd.Series([True, False, None], dtype=object), "fr").to_html()
    assert BETTER in html and WORSE in html
    assert html.count("color:") == 2


def test_headline_arrow_means_better():
    row = pd.Series(
        {
            "value": 70.0,
            "gap": -8.0,
            "better": False,
            "rank": 10,
            "n": 18,
            "period": "2022-09-30",
            "spark": [1.0, 2.0, 3.0],
        }
    )
    ind = indicator("x", label=words("X"), decimals=1)
    args = headline(row, ind, "fr")
    assert args["label"] == "X"
    assert args["value"] == "70,0\u00a0%"
    assert args["delta"] == "\u22128,0 pts" and args["delta_arrow"] == "down" and args["delta_color"] == "orange"
    assert "10ᵉ sur 18" in args["delta_description"]
    unknown = row.copy()
    unknown["gap"], unknown["better"] = float("nan"), None
    args = headline(unknown, ind, "fr")
    assert args["delta"] is None and args["delta_arrow"] == "off"
    assert args["delta_description"] == "10ᵉ sur 18"


def test_interactive_table_sorts_by_numbers_and_shows_the_texts(synthetic_ds):
    profile = region_profile(synthetic_ds, "53").reset_index(drop=True)
    table = profile_table(profile, synthetic_ds.indicators, "fr")
    labels = column_labels("fr")
    style = sortable(table, profile, synthetic_ds.indicators, "fr")
    numbers = style.data
    assert numbers[labels["rank"]].dtype == float and numbers[labels["value"]].dtype == float
    ranked = numbers.sort_values(labels["rank"])[labels["rank"]].tolist()
    known = sorted(profile["rank"].dropna().astype(float))
    assert ranked[: len(known)] == known, "10 sorts after 2, not between 1 and 2"
    assert ranked[len(known) :] == [float("inf")] * (len(ranked) - len(known)), "a missing rank sorts to one end"
    html = style.to_html()
    assert numbers[labels["period"]].tolist() == profile["period"].tolist(), "dates sort in their ISO form"
    for column in ("value", "period", "rank", "france", "gap"):
        assert all(shown in html for shown in table[labels[column]]), f"{column} cells show their texts"
    lower_better = [i for i, ind in enumerate(profile["indicator"]) if synthetic_ds.indicator(ind).polarity < 0]
    assert lower_better, "the synthetic profile has an indicator where less is better"
    for i in lower_better:
        gap = profile.loc[i, "gap"]
        if pd.notna(gap):
            assert numbers.loc[i, labels["gap"]] == -gap, "the gap sorts by advantage over France"
