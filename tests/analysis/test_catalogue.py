"""The catalogue helpers behind Sources et méthode: coverage, search, citations, Mayotte gaps, download table."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis.catalogue import (
    SEARCHED_COLUMNS,
    citing_indicators,
    coverage,
    facts_table,
    filter_indicators,
    filter_sources,
    mayotte_gaps,
)
from loaders import load_dataset
from loaders.paths import DATA_DIR


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def catalogue_row(**over: str) -> dict:
    row = dict.fromkeys(SEARCHED_COLUMNS, "")
    return row | {"pillar": "usage"} | over


def small_catalogue() -> pd.DataFrame:
    return pd.DataFrame(
        [
            catalogue_row(id="b", label_fr="Éligibilité", pillar="infrastructure"),
            catalogue_row(id="a", label_fr="Achat en ligne", definition_en="Online purchase", source_ids="eurostat"),
            catalogue_row(id="c", label_fr="Aidants", pillar="ecosystem", caveats_fr="Mayotte absente"),
        ]
    )


def test_filter_orders_by_pillar_then_label():
    assert filter_indicators(small_catalogue())["id"].tolist() == ["b", "a", "c"]


@pytest.mark.parametrize(
    ("query", "pillar", "expected"),
    [
        ("eligibilite", None, ["b"]),  # accents and case ignored
        ("ONLINE purchase", None, ["a"]),  # every word, English fields too
        ("online mayotte", None, []),  # words must all match the same indicator
        ("EUROSTAT", None, ["a"]),  # source ids are searched
        ("", "ecosystem", ["c"]),
        ("mayotte", "usage", []),
    ],
)
def test_filter_by_words_and_pillar(query, pillar, expected):
    assert filter_indicators(small_catalogue(), query, pillar)["id"].tolist() == expected


def test_coverage_matches_the_facts(ds):
    rows = coverage(ds).set_index(["indicator", "level"])
    facts = pd.read_parquet(DATA_DIR / "facts.parquet")
    ftth = facts[(facts["indicator"] == "ftth_coverage") & (facts["level"] == "region")]["period"]
    got = rows.loc[("ftth_coverage", "region")]
    assert (got["first"], got["last"], got["periods"]) == (ftth.min(), ftth.max(), ftth.nunique())
    assert len(rows) == len(facts.groupby(["indicator", "level"]))


def test_coverage_lists_levels_in_reading_order(ds):
    levels = coverage(ds).query("indicator == 'household_internet_access'")["level"].tolist()
    assert levels == ["region", "nuts0", "nuts1", "nuts2"]


def test_citing_indicators_inverts_the_catalogue(ds):
    raw = json.loads((DATA_DIR / "indicators.json").read_text(encoding="utf-8"))
    cited = citing_indicators(ds)
    assert set(cited) >= {s["id"] for s in json.loads((DATA_DIR / "sources.json").read_text(encoding="utf-8"))}
    for ind in raw:
        for sid in ind["source_ids"].split("|"):
            assert ind["id"] in cited[sid]
    assert cited["eurostat_gisco_nuts_2021"] == []  # boundaries: cited by no indicator


def test_filter_sources(ds):
    assert len(filter_sources(ds, "", None, [])) == len(ds.sources)
    by_indicator = filter_sources(ds, "", "infrastructure", ["gigabit_eligibility"])
    assert by_indicator["id"].tolist() == ["arcep_maconnexion_2022t4"]
    by_text = filter_sources(ds, "gisco", None, [])  # a source no indicator cites, found by its own text
    assert by_text["id"].tolist() == ["eurostat_gisco_nuts_2021"]


def test_mayotte_gaps(ds):
    gaps = mayotte_gaps(ds)
    f = ds.facts
    assert "population" not in gaps
    assert f[(f["indicator"] == "population") & (f["code"] == "976")].shape[0] > 0
    for ind in gaps:
        rows = f[
            (f["indicator"] == ind)
            & (((f["level"] == "region") & (f["code"] == "06")) | ((f["level"] == "department") & (f["code"] == "976")))
        ]
        assert rows.empty, ind
    assert "household_internet_access" in gaps  # Eurostat has no Mayotte


def test_facts_table_keeps_every_fact_and_adds_names(ds):
    table = facts_table(ds)
    assert len(table) == len(ds.facts)
    assert table.columns.tolist() == ["level", "code", "name", "indicator", "period", "value", "flag"]
    named = table.set_index(["level", "code"])["name"]
    assert named.loc[("region", "84")].iloc[0] == "Auvergne-Rhône-Alpes"
    assert named.loc[("department", "84")].iloc[0] == "Vaucluse"
    assert named.loc[("nuts0", "FR")].iloc[0] == "France"
    pd.testing.assert_series_equal(table["value"], ds.facts["value"].reset_index(drop=True), check_names=False)
