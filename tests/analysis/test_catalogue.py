"""The catalogue helpers behind Sources et méthode: coverage, search, citations, Mayotte gaps, download table."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis.catalogue import (
    citing_indicators,
    coverage,
    facts_table,
    filter_indicators,
    filter_sources,
    mayotte_gaps,
)
from loaders import load_dataset
from loaders.paths import DATA_DIR
from tests.analysis.catalogue_entries import indicator, words


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def small_catalogue() -> dict:
    found = [
        indicator("b", label=words("Éligibilité", "Eligibility"), pillar="infrastructure"),
        indicator(
            "a",
            label=words("Achat en ligne", "Buying"),
            definition=words("Achat sur internet", "Online purchase"),
            sources=("eurostat",),
        ),
        indicator("d", label=words("Accès", "Access")),
        indicator(
            "c", label=words("Aidants", "Helpers"), pillar="ecosystem", caveats=words("Mayotte absente", "No Mayotte")
        ),
    ]
    return {ind.id: ind for ind in found}


def ids(found: list) -> list[str]:
    return [ind.id for ind in found]


def test_filter_orders_by_pillar_then_french_label():
    assert ids(filter_indicators(small_catalogue())) == ["b", "d", "a", "c"]
    assert ids(filter_indicators(list(small_catalogue().values()))) == ["b", "d", "a", "c"]


@pytest.mark.parametrize(
    ("query", "pillar", "expected"),
    [
        ("eligibilite", None, ["b"]),  # accents and case ignored
        ("ONLINE purchase", None, ["a"]),  # every word, English fields too
        ("online mayotte", None, []),  # words must all match the same indicator
        ("EUROSTAT", None, ["a"]),  # source ids are searched
        ("no mayotte", None, ["c"]),  # caveats, in English too
        ("", "ecosystem", ["c"]),
        ("mayotte", "usage", []),
    ],
)
def test_filter_by_words_and_pillar(query, pillar, expected):
    assert ids(filter_indicators(small_catalogue(), query, pillar)) == expected


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
        for sid in ind["sources"]:
            assert ind["id"] in cited[sid]
    assert cited["eurostat_gisco_nuts_2021"] == []  # boundaries: cited by no indicator


def test_filter_sources(ds):
    assert len(filter_sources(ds, "", None, [])) == len(ds.sources)
    by_indicator = filter_sources(ds, "", "infrastructure", ["gigabit_eligibility"])
    raw = {i["id"]: i for i in json.loads((DATA_DIR / "indicators.json").read_text(encoding="utf-8"))}
    assert [s.id for s in by_indicator] == sorted(raw["gigabit_eligibility"]["sources"])
    by_text = filter_sources(ds, "gisco", None, [])  # a source no indicator cites, found by its own text
    assert [s.id for s in by_text] == ["eurostat_gisco_nuts_2021"]


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
