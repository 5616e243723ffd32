"""The catalogue helpers behind Sources et méthode: coverage, search, citations, Mayotte gaps, download table."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from analysis.catalogue import (
    citing_indicators,
    coverage,
    facts_table,
    filter_indicators,
    filter_sources,
)
from loaders import Dataset
from loaders.codes import FRANCE
from tests.analysis.catalogue_entries import indicator, words
from tests.synthetic import DEPARTMENT, REGION, tables, text


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


def test_coverage_matches_the_facts(synthetic_ds):
    rows = coverage(synthetic_ds).set_index(["indicator", "level"])
    facts = tables()["facts"]
    fibre = facts[(facts["indicator"] == "fibre_rate") & (facts["level"] == REGION)]["period"]
    got = rows.loc[("fibre_rate", REGION)]
    assert (got["first"], got["last"], got["periods"]) == (fibre.min(), fibre.max(), fibre.nunique())
    assert len(rows) == len(facts.groupby(["indicator", "level"]))


def test_coverage_lists_levels_in_reading_order(synthetic_ds):
    levels = coverage(synthetic_ds).query("indicator == 'fibre_rate'")["level"].tolist()
    assert levels == ["region", "department", "nuts0"], "reading order, not alphabetical"


def with_uncited_source(ds: Dataset) -> Dataset:
    """The synthetic snapshot plus a boundaries source that no indicator cites (like the real GISCO one)."""
    (cited,) = ds.sources.values()
    boundaries = cited.model_copy(
        update={"id": "synthetic_boundaries", "title": text("Contours de test (gisco)", "Test boundaries (gisco)")}
    )
    return replace(ds, sources=dict(sorted({**ds.sources, boundaries.id: boundaries}.items())))


def test_citing_indicators_inverts_the_catalogue(synthetic_ds):
    ds = with_uncited_source(synthetic_ds)
    cited = citing_indicators(ds)
    assert set(cited) >= {s.id for s in tables()["sources"]}
    for ind in tables()["indicators"]:
        for sid in ind.sources:
            assert ind.id in cited[sid]
    assert cited["synthetic_boundaries"] == []  # boundaries: cited by no indicator


def test_filter_sources(synthetic_ds):
    ds = with_uncited_source(synthetic_ds)
    assert len(filter_sources(ds, "", None, [])) == len(ds.sources) == 2
    by_indicator = filter_sources(ds, "", "infrastructure", ["fibre_rate"])
    declared = {i.id: i for i in tables()["indicators"]}
    assert [s.id for s in by_indicator] == sorted(declared["fibre_rate"].sources)
    by_text = filter_sources(ds, "gisco", None, [])  # a source no indicator cites, found by its own text
    assert [s.id for s in by_text] == ["synthetic_boundaries"]


def test_facts_table_keeps_every_fact_and_adds_names(synthetic_ds):
    # A department sharing its code with a region (94: Val-de-Marne and Corse): names are matched on level and code.
    val_de_marne = pd.DataFrame([{"level": DEPARTMENT, "code": "94", "name": "Val-de-Marne", "parent_code": "11"}])
    ds = replace(synthetic_ds, territories=pd.concat([synthetic_ds.territories, val_de_marne], ignore_index=True))
    table = facts_table(ds)
    assert len(table) == len(ds.facts)
    assert table.columns.tolist() == ["level", "code", "name", "indicator", "period", "value", "flag"]
    expected = tables()["territories"].set_index(["level", "code"])["name"]
    named = table[table["level"].isin([REGION, DEPARTMENT])].set_index(["level", "code"])["name"]
    assert (named == expected.reindex(named.index)).all()
    assert named.loc[(REGION, "94")].iloc[0] == expected[(REGION, "94")] != "Val-de-Marne"
    assert table.set_index(["level", "code"])["name"].loc[FRANCE].iloc[0] == "France"
    pd.testing.assert_series_equal(table["value"], ds.facts["value"].reset_index(drop=True), check_names=False)
