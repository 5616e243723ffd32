"""Every display path formats a value with its own published decimals (else the indicator's) and shows the
interval a rounded value is known within: map hover, ranking labels and hover, table twin, profile table and card.
Small synthetic frames: no snapshot needed."""

from __future__ import annotations

import pandas as pd
import pytest

from charts.choropleth import hover_columns
from charts.profile import headline, profile_table
from charts.ranking import ranking
from i18n import text
from i18n.format import bounds_text, fact_text, row_bounds, row_decimals, value_decimals
from tests.analysis.catalogue_entries import indicator, words
from ui.tables import slice_table

META = indicator("illectronism_rate", label=words("Illectronisme", "Illectronism"), decimals=0, polarity=-1)
RATE_META = indicator(
    "tiers_lieux_per_100k", label=words("Tiers-lieux"), unit="per_100k", decimals=1, pillar="ecosystem"
)
CATALOGUE = {ind.id: ind for ind in (META.model_copy(update={"decimals": 1}), RATE_META)}


def rates() -> pd.DataFrame:
    """Two regions printed as integers, one printed with a decimal, one without a value."""
    return pd.DataFrame(
        {
            "code": ["11", "24", "84", "94"],
            "name": ["Île-de-France", "Centre-Val de Loire", "Auvergne-Rhône-Alpes", "Corse"],
            "value": [12.0, 19.0, 15.4, float("nan")],
            "flag": ["estimate", None, None, None],
            "rank": pd.array([1, 3, 2, pd.NA], dtype="Int64"),
            "decimals": pd.array([0, 0, 1, pd.NA], dtype="Int8"),
        }
    )


def bounded() -> pd.DataFrame:
    """Per-100k estimates, one known within a wide interval and flagged, one without bounds."""
    return pd.DataFrame(
        {
            "code": ["94", "11"],
            "name": ["Corse", "Île-de-France"],
            "value": [9.8457, 4.4933],
            "flag": ["low_reliability", "estimate"],
            "rank": pd.array([1, 2], dtype="Int64"),
            "low": [4.9228, 4.3529],
            "high": [14.7685, 4.6337],
            "decimals": pd.array([pd.NA, pd.NA], dtype="Int8"),
        }
    )


def test_value_decimals_prefers_the_fact_and_falls_back_to_the_indicator():
    assert value_decimals(pd.NA, 1) == 1
    assert value_decimals(None, 2) == 2
    assert value_decimals(float("nan"), 0) == 0
    assert value_decimals(0, 1) == 0
    assert row_decimals(rates(), 1) == [0, 0, 1, 1]
    assert row_decimals(rates().drop(columns="decimals"), 1) == [1, 1, 1, 1]


def test_bounds_text_in_both_languages():
    assert bounds_text(0.7, 2.1, 1, "fr") == "plage 0,7 – 2,1"
    assert bounds_text(0.7, 2.1, 1, "en") == "range 0.7–2.1"
    assert bounds_text(0.7, 2.1, 1, "fr", labelled=False) == "0,7 – 2,1"
    assert bounds_text(float("nan"), 2.1, 1, "fr") == ""
    assert fact_text(1.4, "%", 1, "fr", 0.7, 2.1) == "1,4\u00a0% (plage 0,7 – 2,1)"
    assert fact_text(1.4, "%", 1, "en") == "1.4%"
    assert fact_text(float("nan"), "%", 1, "fr", 0.7, 2.1) == text("common.no_data", "fr")
    assert row_bounds(rates()) == [(None, None)] * 4


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_map_hover_uses_each_values_decimals(lang):
    hover = [row[1] for row in hover_columns(rates(), META, lang, france=17.0)]
    if lang == "fr":
        assert hover[:3] == ["12\u00a0% (estimation)", "19\u00a0%", "15,4\u00a0%"]
    else:
        assert hover[:3] == ["12% (estimate)", "19%", "15.4%"]
    assert not any("12,0" in h or "12.0" in h for h in hover)


def test_map_hover_shows_the_interval_and_the_flag():
    hover = [row[1] for row in hover_columns(bounded(), RATE_META, "fr", france=5.1)]
    unit = text("unit.per_100k.value", "fr", v="9,8")
    assert hover[0] == f"{unit} (plage 4,9 – 14,8) (faible fiabilité)"


def test_ranking_labels_and_hover_use_each_values_decimals_and_bounds():
    fig = ranking(rates(), META, "fr")
    bar = fig.data[0]
    assert list(bar.text[:3]) == ["12 (estimation)", "15,4", "19"]
    assert bar.error_x.array is None or not any(bar.error_x.array)
    fig = ranking(bounded(), RATE_META, "en")
    bar = fig.data[0]
    assert "range 4.9–14.8" in bar.customdata[0]
    assert list(bar.error_x.arrayminus) == pytest.approx([9.8457 - 4.9228, 4.4933 - 4.3529])
    assert fig.layout.xaxis.range[1] >= 14.7685, "the whisker fits in the axis"


def test_table_rounds_each_value_to_its_decimals_and_adds_a_range_column_only_when_needed():
    table = slice_table(rates(), META, "fr", "region")
    values = table[f"Illectronisme ({text('unit.%.short', 'fr')})"].tolist()
    assert values[:3] == [12.0, 15.4, 19.0] and pd.isna(values[3])
    assert text("common.range", "fr") not in table.columns
    table = slice_table(bounded(), RATE_META, "en", "region")
    assert table[text("common.range", "en")].tolist() == ["4.9–14.8", "4.4–4.6"]
    assert table.columns.get_loc(text("common.range", "en")) == 3, "the range follows the value"


def profile_rows() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator": ["illectronism_rate", "tiers_lieux_per_100k"],
            "pillar": ["usage", "ecosystem"],
            "period": ["2019", "2023"],
            "value": [12.0, 9.8457],
            "flag": ["estimate", "low_reliability"],
            "rank": pd.array([1, 1], dtype="Int64"),
            "low": [float("nan"), 4.9228],
            "high": [float("nan"), 14.7685],
            "value_decimals": pd.array([0, pd.NA], dtype="Int8"),
            "n": [6, 18],
            "france": [17.0, 5.12],
            "gap": [-5.0, 4.7257],
            "better": [True, True],
            "spark": [None, None],
        }
    )


def test_profile_table_and_card_use_each_values_decimals_and_bounds():
    table = profile_table(profile_rows(), CATALOGUE, "fr")
    values = table[text("profile.col.value", "fr")].tolist()
    assert values[0] == "12\u00a0%", "printed 12 %, never 12,0 %"
    assert values[1] == text("unit.per_100k.value", "fr", v="9,8") + " (plage 4,9 – 14,8)"
    card = headline(profile_rows().iloc[0], CATALOGUE["illectronism_rate"], "en")
    assert card["value"] == "12%"
