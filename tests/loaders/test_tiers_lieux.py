"""Tiers-lieux loader: 2023 census shares, the derived per-inhabitant estimate, the partial 2018 counts."""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from loaders import tiers_lieux
from loaders.codes import REGION_CODES
from loaders.context import BuildContext
from loaders.io import SourceFormatError


def raw_rows(ctx: BuildContext, relative: str) -> list[dict[str, str]]:
    with ctx.path(relative).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def facts(raw_ctx: BuildContext) -> pd.DataFrame:
    return tiers_lieux.facts(raw_ctx)


def indicator(facts: pd.DataFrame, name: str, level: str = "region") -> pd.DataFrame:
    return facts[(facts["indicator"] == name) & (facts["level"] == level)].set_index("code")


def population_2023(ctx: BuildContext) -> dict[str, float]:
    """Region code -> 2023 legal population, plus 'FR' -> the sum of the 101 departments, from the raw file."""
    rows = [
        r for r in raw_rows(ctx, "population/fr_population_legale_2020_2022_2023_long.csv") if r["vintage"] == "2023"
    ]
    pop = {r["code"]: float(r["population_municipale"]) for r in rows if r["level"] == "region"}
    pop["FR"] = sum(float(r["population_municipale"]) for r in rows if r["level"] == "departement")
    return pop


def test_shares_cover_18_regions_as_published(facts, raw_ctx):
    shares = indicator(facts, "tiers_lieux_share_2023")
    raw = {r["region_code_insee"]: float(r["share_pct"]) for r in raw_rows(raw_ctx, tiers_lieux.PANORAMA_FILE)}
    assert set(shares.index) == set(REGION_CODES)
    assert (shares["level"] == "region").all() and (shares["period"] == "2023").all()
    assert shares["value"].to_dict() == raw
    assert 99 <= shares["value"].sum() <= 102
    assert shares["flag"].isna().all()


def test_per_100k_is_a_flagged_estimate(facts, raw_ctx):
    per_100k = indicator(facts, "tiers_lieux_per_100k")
    pop = population_2023(raw_ctx)
    assert set(per_100k.index) == set(REGION_CODES)
    assert (per_100k["flag"] == "estimate").all()
    for row in raw_rows(raw_ctx, tiers_lieux.PANORAMA_FILE):
        code = row["region_code_insee"]
        expected = float(row["share_pct"]) / 100 * float(row["national_total"]) / pop[code] * 100_000
        assert per_100k.loc[code, "value"] == pytest.approx(expected)


def test_france_per_100k_is_the_national_total_over_france_population(facts, raw_ctx):
    france = indicator(facts, "tiers_lieux_per_100k", "nuts0")
    totals = {r["national_total"] for r in raw_rows(raw_ctx, tiers_lieux.PANORAMA_FILE)}
    assert len(totals) == 1
    expected = float(totals.pop()) / population_2023(raw_ctx)["FR"] * 100_000
    assert france.index.tolist() == ["FR"] and france.loc["FR", "period"] == "2023"
    assert france.loc["FR", "value"] == pytest.approx(expected, rel=1e-12)
    assert france.loc["FR", "flag"] == "estimate"
    assert indicator(facts, "tiers_lieux_share_2023", "nuts0").empty, "a share of France is 100% by definition"


def test_france_2018_count_is_the_identified_national_figure(facts, raw_ctx):
    national = raw_rows(raw_ctx, tiers_lieux.NATIONAL_FILE)
    identified = [r for r in national if r["year"] == "2018" and r["indicator"] == "tiers_lieux_identified"]
    assert len(identified) == 1 and "Mission Coworking" in identified[0]["note"]
    france = indicator(facts, "tiers_lieux_count_2018", "nuts0")
    assert france["value"].to_dict() == {"FR": float(identified[0]["value"])}
    regions = indicator(facts, "tiers_lieux_count_2018")
    assert regions["value"].sum() < france.loc["FR", "value"], "the regional rows are a partial list"
    definition = raw_rows(raw_ctx, tiers_lieux.COUNTS_FILE)[0]["definition_note"]
    assert "Mission Coworking 2018 (subset of the 1463)" in definition, "same census as the national figure"


def test_2018_counts_are_the_mission_coworking_rows_only(facts, raw_ctx):
    counts = indicator(facts, "tiers_lieux_count_2018")
    rows = raw_rows(raw_ctx, tiers_lieux.COUNTS_FILE)
    first = rows[0]["definition_note"]
    assert "Mission Coworking 2018" in first
    same_definition = [r for r in rows if r["period"] == "2018" and r["definition_note"] in (first, "idem")]
    assert counts["value"].to_dict() == {r["region_code_insee"]: float(r["count"]) for r in same_definition}
    assert set(counts.index) == {"11", "84", "76", "93", "53"}
    assert (counts["period"] == "2018").all() and counts["flag"].isna().all()


def test_semicolon_cp1252_decimal_comma_file_parses(tmp_path):
    path = tmp_path / tiers_lieux.PANORAMA_FILE
    path.parent.mkdir(parents=True)
    text = "census_year;region_code_insee;region_name;share_pct;national_total\n2023;01;Guadeloupe;0,5;3500\n"
    text += "2023;11;Île-de-France;16;3500\n"
    path.write_bytes(text.encode("cp1252"))
    shares = tiers_lieux.census_shares(BuildContext(tmp_path))
    assert shares.set_index("code")["value"].to_dict() == {"01": 0.5, "11": 16.0}


def test_missing_share_column_names_it(tmp_path):
    path = tmp_path / tiers_lieux.PANORAMA_FILE
    path.parent.mkdir(parents=True)
    path.write_text("census_year,region_code_insee,national_total\n2023,11,3500\n", encoding="utf-8")
    with pytest.raises(SourceFormatError, match=r"repartition_regionale\.csv.*'share_pct'"):
        tiers_lieux.census_shares(BuildContext(tmp_path))
