"""Dot plot of gaps and lines of regions against France: one style per region, missing stays missing."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis.compare import comparable, gap_rows
from analysis.compare import compare_lines as lines_of
from analysis.frames import indicators_for
from charts.compare import compare_lines, gap_dotplot, gap_table, gap_ticks, region_styles
from charts.labels import footnote, wrap, wrap_lines
from i18n import text
from tests.analysis.catalogue_entries import indicator, words
from tests.synthetic import REGION, YEARS, tables, without

CATALOGUE = [
    indicator(
        "fibre",
        label=words("Couverture en fibre (FttH)", "Fibre coverage (FttH)"),
        decimals=0,
        pillar="infrastructure",
    ),
    indicator("illect", label=words("Illectronisme", "Digital illiteracy"), decimals=0, polarity=-1),
]


def rows() -> pd.DataFrame:
    """gap_rows-shaped: three regions; 'illect' has no France value (median reference) and no value for 94."""
    return pd.DataFrame(
        {
            "indicator": ["fibre"] * 3 + ["illect"] * 3,
            "period": ["2022-09-30"] * 3 + ["2019"] * 3,
            "code": ["11", "53", "94"] * 2,
            "name": ["Île-de-France", "Bretagne", "Corse"] * 2,
            "value": [93.0, 48.0, 300.0, 12.0, 18.0, np.nan],
            "flag": pd.NA,
            "reference": [80.0] * 3 + [15.0] * 3,
            "ref_kind": ["france"] * 3 + ["median"] * 3,
            "gap": [16.25, -40.0, 275.0, -20.0, 20.0, np.nan],
            "score": [16.25, -40.0, 275.0, 20.0, -20.0, np.nan],
        }
    )


def region_traces(fig: go.Figure, names: set[str]) -> dict[str, go.Scatter]:
    return {t.name: t for t in fig.data if t.name in names}


def test_one_dot_per_region_and_indicator_at_its_oriented_gap():
    fig = gap_dotplot(rows(), CATALOGUE, "fr", regions=["53", "94"])
    traces = region_traces(fig, {"Bretagne", "Corse"})
    assert set(traces) == {"Bretagne", "Corse"}, "Île-de-France is not chosen: no dots of its own"
    assert list(traces["Bretagne"].x) == [-40.0, -20.0]
    corse = traces["Corse"]
    first, second = corse.x
    assert first == 275.0 and np.isnan(second), "missing stays missing, never 0"
    assert traces["Bretagne"].marker.symbol != corse.marker.symbol
    assert traces["Bretagne"].marker.color != corse.marker.color


def test_missing_value_is_said_in_the_row():
    fig = gap_dotplot(rows(), CATALOGUE, "fr", regions=["53", "94"])
    assert "pas de donnée : Corse" in [a.text for a in fig.layout.annotations]


def test_pillars_are_named_by_their_short_name():
    fig = gap_dotplot(rows(), CATALOGUE, "en", regions=["53"])
    notes = [a.text for a in fig.layout.annotations]
    assert "INFRASTRUCTURE" in notes and "USAGE" in notes


def test_hover_gives_real_values_and_the_reference():
    fig = gap_dotplot(rows(), CATALOGUE, "fr", regions=["53"])
    custom = region_traces(fig, {"Bretagne"})["Bretagne"].customdata
    assert list(custom[0]) == [
        "Couverture en fibre (FttH)",
        "48\u00a0%",
        "France : 80\u00a0%",
        "Écart : \u221240,0\u00a0%",
    ]
    assert list(custom[1])[2] == "Médiane des régions : 15\u00a0%"


def test_row_labels_come_from_the_catalogue_with_period_and_reference():
    fig = gap_dotplot(rows(), CATALOGUE, "fr", regions=["53"])
    labels = list(fig.layout.yaxis.ticktext)
    assert labels[0].startswith("Couverture en fibre (FttH)") and "30 sept. 2022" in labels[0]
    assert "Illectronisme" in labels[1] and "médiane des régions" in labels[1]
    english = gap_dotplot(rows(), CATALOGUE, "en", regions=["53"])
    assert english.layout.yaxis.ticktext[1].startswith("Digital illiteracy")


def test_range_of_all_regions_is_cut_at_the_edge_with_an_arrow():
    fig = gap_dotplot(rows(), CATALOGUE, "fr", regions=["53"])
    hi = fig.layout.xaxis.range[1]
    assert hi < 275.0, "one far outlier does not squeeze the chart"
    arrows = [t for t in fig.data if t.mode == "markers" and t.showlegend is False]
    assert len(arrows) == 1 and list(arrows[0].marker.symbol) == ["triangle-right"]
    assert "+275" in arrows[0].text[0]
    chosen = gap_dotplot(rows(), CATALOGUE, "fr", regions=["94"])
    assert chosen.layout.xaxis.range[1] >= 275.0, "a chosen region's dot is always inside the chart"


def test_zero_tick_reads_france():
    values, labels = gap_ticks(-60.0, 80.0, "fr")
    assert labels[values.index(0.0)] == "France"
    assert labels[values.index(40.0)] == "+40\u00a0%"
    assert all(-60 <= v <= 80 for v in values)


def test_four_distinct_region_styles_and_none_black():
    for presenter in (False, True):
        styles = region_styles(presenter)[:4]
        assert len({c for c, _ in styles}) == 4 and len({s for _, s in styles}) == 4
        assert "#000000" not in [c.lower() for c, _ in styles]


def test_wrap_lines_keeps_long_words_whole_and_gives_nothing_for_no_text():
    assert wrap_lines("", 10) == []
    assert wrap_lines("a Provence-Alpes-Côte b", 10) == ["a", "Provence-Alpes-Côte", "b"]
    assert all(len(line) <= 12 for line in wrap_lines("un deux trois quatre cinq six sept", 12))


def test_wrap_keeps_digit_groups_together():
    assert (
        wrap("Sites France Services pour 100 000 habitants", 30)
        == "Sites France Services pour<br>100\u00a0000 habitants"
    )


def region_names() -> dict[str, str]:
    terr = tables()["territories"]
    return terr[terr["level"] == REGION].set_index("code")["name"].to_dict()


def test_lines_on_the_snapshot_keep_gaps_and_draw_france_dashed(synthetic_ds):
    ds = without(synthetic_ds, indicator="internet_use", level=REGION, period=YEARS[1])
    lines, france = lines_of(ds, "internet_use", ["53", "11"])
    fig = compare_lines(lines, france, ds.indicator("internet_use"), "fr", regions=["53", "11"])
    names = [t.name for t in fig.data]
    assert names == [region_names()["53"], region_names()["11"], "France"]
    assert fig.data[2].line.dash == "dash"
    f = tables()["facts"]
    brittany = f.query("indicator == 'internet_use' and level == @REGION and code == '53' and period != @YEARS[1]")
    drawn = {
        p: v for p, v in zip(lines.loc[lines["code"] == "53", "period"], fig.data[0].y, strict=True) if not np.isnan(v)
    }
    assert drawn == brittany.set_index("period")["value"].to_dict()
    assert len(fig.data[0].y) == len(drawn) + 1, "the year without data is a break in the line"


def test_no_france_trace_when_france_has_no_series(synthetic_ds):
    ds = without(synthetic_ds, indicator="internet_use", level=REGION, period=YEARS[1])
    lines, france = lines_of(ds, "internet_use", ["53"])
    france = france.iloc[0:0]
    fig = compare_lines(lines, france, ds.indicator("internet_use"), "fr", regions=["53"])
    assert [t.name for t in fig.data] == [region_names()["53"]]
    assert any(np.isnan(v) for v in fig.data[0].y), "the year without data is a break in the line"


def test_snapshot_dot_plot_covers_every_comparable_indicator(synthetic_ds):
    cat = comparable(indicators_for(synthetic_ds, (REGION,)))
    assert len(cat) > 1
    fig = gap_dotplot(gap_rows(synthetic_ds, [i.id for i in cat]), cat, "fr", regions=["11", "53"])
    assert len(fig.layout.yaxis.tickvals) == len(cat)
    assert {t.name for t in fig.data if t.mode == "markers" and t.showlegend is not False} == {
        region_names()["11"],
        region_names()["53"],
    }


def test_table_twin_lists_every_indicator_with_the_real_values():
    table = gap_table(rows(), CATALOGUE, "fr", regions=["53", "94"])
    assert table["Indicateur"].tolist() == ["Couverture en fibre (FttH)", "Illectronisme"]
    assert table["Référence"].tolist() == ["France", "Médiane des régions"]
    assert table["Valeur de référence"].tolist() == [80.0, 15.0]
    assert table["Bretagne"].tolist() == [48.0, 18.0]
    assert table["Corse"].tolist()[0] == 300.0 and np.isnan(table["Corse"].tolist()[1])
    assert "Île-de-France" not in table.columns


def test_a_crowded_page_names_its_shortened_labels_in_full():
    long = "Personnes accompagnées par les conseillers numériques pour 1 000 habitants (cumul) dans la région"
    catalogue = [CATALOGUE[0].model_copy(update={"label": words(long, long)}), CATALOGUE[1]]
    fig = gap_dotplot(rows(), catalogue, "fr", regions=["11"], page=(1122, 400))
    labels = list(fig.layout.yaxis.ticktext)
    assert "…" in labels[0] and "…" not in labels[1]
    assert footnote(fig) == text("compare.full_labels", "fr", labels=long)
    roomy = gap_dotplot(rows(), catalogue, "fr", regions=["11"], page=(1122, 2000))
    assert footnote(roomy) == "", "labels on two lines are whole: no note"


def test_the_axis_title_wraps_to_the_plot():
    title = gap_dotplot(rows(), CATALOGUE, "en", regions=["11"]).layout.xaxis.title.text
    assert all(len(line) <= 60 for line in title.split("<br>"))
