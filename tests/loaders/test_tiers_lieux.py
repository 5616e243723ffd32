"""Tiers-lieux loader: 2023 census shares, the derived per-inhabitant estimate, the partial 2018 counts."""

from __future__ import annotations

import csv
import re

import pandas as pd
import pytest

from loaders import tiers_lieux
from loaders.catalogue import ReadOptions
from loaders.codes import REGION_CODES
from loaders.context import BuildContext
from loaders.io import RawFile, SourceFormatError
from tests.loaders.raw import raw_tree


def raw_rows(ctx: BuildContext, relative: str) -> list[dict[str, str]]:
    with ctx.file(relative).path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def facts(raw_ctx: BuildContext) -> pd.DataFrame:
    return tiers_lieux.facts(raw_ctx)


def indicator(facts: pd.DataFrame, name: str, level: str = "region") -> pd.DataFrame:
    return facts[(facts["indicator"] == name) & (facts["level"] == level)].set_index("code")


def population_2023(ctx: BuildContext) -> dict[str, float]:
    """Region code -> population at 1 January 2023, plus 'FR' -> the sum of the 101 departments, from the raw files.

    The 2023 legal population, except Mayotte (department 976, region 06): Insee's estimate at 2023-01-01 (the
    legal-population package repeats the 2017 census there).
    """
    rows = [
        r for r in raw_rows(ctx, "population/fr_population_legale_2020_2022_2023_long.csv") if r["vintage"] == "2023"
    ]
    mayotte = {
        r["date"]: float(r["population"]) for r in raw_rows(ctx, "population/insee_mayotte_population_estimates.csv")
    }["2023-01-01"]
    pop = {r["code"]: float(r["population_municipale"]) for r in rows if r["level"] == "region"}
    departments = {r["code"]: float(r["population_municipale"]) for r in rows if r["level"] == "departement"}
    pop["06"] = departments["976"] = mayotte
    pop["FR"] = sum(departments.values())
    return pop


def test_shares_cover_18_regions_as_published(facts, raw_ctx):
    shares = indicator(facts, "tiers_lieux_share_2023")
    raw = {r["region_code_insee"]: float(r["share_pct"]) for r in raw_rows(raw_ctx, tiers_lieux.PANORAMA_FILE)}
    assert set(shares.index) == set(REGION_CODES)
    assert (shares["level"] == "region").all() and (shares["period"] == "2023").all()
    assert shares["value"].to_dict() == raw
    assert 99 <= shares["value"].sum() <= 102


def expected_share_bounds(text: str) -> tuple[float, float]:
    """The rule stated in the caveat, applied to the raw text: whole s -> [s - 0.5, s + 0.5]; below 1 -> [0, 1]."""
    share = float(text)
    if share < 1:
        return 0.0, 1.0
    assert share == int(share), f"{text!r}: a share of 1 % or more is expected whole"
    return share - 0.5, share + 0.5


def test_raw_shares_are_whole_except_four_overseas_values_below_one(raw_ctx):
    rows = raw_rows(raw_ctx, tiers_lieux.PANORAMA_FILE)
    fractional = {r["region_code_insee"]: r["share_pct"] for r in rows if not r["share_pct"].isdigit()}
    assert fractional == {"01": "0.5", "06": "0.5", "03": "0.5", "02": "0.3"}
    corse = next(r for r in rows if r["region_code_insee"] == "94")
    assert corse["share_pct"] == "1"


def test_shares_carry_rounding_bounds_printed_decimals_and_low_reliability(facts, raw_ctx):
    shares = indicator(facts, "tiers_lieux_share_2023")
    for row in raw_rows(raw_ctx, tiers_lieux.PANORAMA_FILE):
        code, text = row["region_code_insee"], row["share_pct"]
        low, high = expected_share_bounds(text)
        assert (shares.loc[code, "low"], shares.loc[code, "high"]) == (low, high), code
        assert shares.loc[code, "low"] <= shares.loc[code, "value"] <= shares.loc[code, "high"]
        assert shares.loc[code, "decimals"] == (len(text.split(".")[1]) if "." in text else 0)
        expected_flag = "low_reliability" if float(text) <= 2 else None
        assert (shares.loc[code, "flag"] if pd.notna(shares.loc[code, "flag"]) else None) == expected_flag, code
    assert shares.loc["94", ["low", "high"]].tolist() == [0.5, 1.5], "Corse's 1 % means 0.5 to 1.5 %"


def test_per_100k_bounds_scale_with_the_share_bounds(facts, raw_ctx):
    per_100k = indicator(facts, "tiers_lieux_per_100k")
    for row in raw_rows(raw_ctx, tiers_lieux.PANORAMA_FILE):
        code, share = row["region_code_insee"], float(row["share_pct"])
        low, high = expected_share_bounds(row["share_pct"])
        value = per_100k.loc[code, "value"]
        assert per_100k.loc[code, "low"] == pytest.approx(value * low / share, abs=1e-12)
        assert per_100k.loc[code, "high"] == pytest.approx(value * high / share)
        assert per_100k.loc[code, "flag"] == ("low_reliability" if share <= 2 else "estimate")
    france = indicator(facts, "tiers_lieux_per_100k", "nuts0")
    assert france[["low", "high"]].isna().all(axis=None), "the rounded national total has no published range"


def test_estimated_counts_bounds_are_share_bounds_times_the_total(raw_ctx):
    counts = tiers_lieux.estimated_counts(tiers_lieux.census_shares(raw_ctx)).set_index("code")
    for row in raw_rows(raw_ctx, tiers_lieux.PANORAMA_FILE):
        low, high = expected_share_bounds(row["share_pct"])
        total = float(row["national_total"])
        got = counts.loc[row["region_code_insee"]]
        assert (got["low"], got["high"]) == pytest.approx((low / 100 * total, high / 100 * total))
    assert counts.loc["94", ["low", "value", "high"]].tolist() == pytest.approx([17.5, 35.0, 52.5])


def test_a_share_with_another_rounding_is_refused(tmp_path):
    ctx = raw_tree(
        tmp_path,
        tiers_lieux.PANORAMA_FILE,
        "census_year,region_code_insee,share_pct,national_total\n2023,94,1.5,3500\n",
    )
    with pytest.raises(SourceFormatError, match=r"repartition_regionale\.csv.*whole percentages.*1\.5"):
        tiers_lieux.census_shares(ctx)


def test_per_100k_is_a_flagged_estimate(facts, raw_ctx):
    per_100k = indicator(facts, "tiers_lieux_per_100k")
    pop = population_2023(raw_ctx)
    assert set(per_100k.index) == set(REGION_CODES)
    assert set(per_100k["flag"]) == {"estimate", "low_reliability"}
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


FRENCH_PANORAMA = (
    "census_year;region_code_insee;region_name;share_pct;national_total\n"
    "2023;01;Guadeloupe;0,5;3\u00a0500\n"
    "2023;11;Île-de-France;16;3\u00a0500\n"
)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (FRENCH_PANORAMA.encode("cp1252"), "not utf-8 as declared"),
        (FRENCH_PANORAMA.encode("utf-8"), "column 'census_year' is missing"),
        (
            b'census_year,region_code_insee,share_pct,national_total\n2023,01,"0,5",3500\n',
            "'share_pct' holds values not written as declared",
        ),
    ],
    ids=["encoding", "separator", "decimal"],
)
def test_a_file_written_otherwise_than_declared_stops_naming_it(tmp_path, content, reason):
    """The panorama is declared UTF-8, comma-separated, decimal point: another format is refused, never guessed."""
    ctx = raw_tree(tmp_path, tiers_lieux.PANORAMA_FILE, content)
    with pytest.raises(SourceFormatError, match=rf"repartition_regionale\.csv: .*{re.escape(reason)}"):
        tiers_lieux.census_shares(ctx)


def test_semicolon_cp1252_decimal_comma_file_parses_when_declared_so(tmp_path, monkeypatch):
    ctx = raw_tree(tmp_path, tiers_lieux.PANORAMA_FILE, FRENCH_PANORAMA.encode("cp1252"))
    french = ReadOptions(encoding="cp1252", separator=";", decimal=",", thousands="\u00a0")
    monkeypatch.setitem(ctx.declared, tiers_lieux.PANORAMA_FILE, french)
    assert ctx.file(tiers_lieux.PANORAMA_FILE) == RawFile(tmp_path / tiers_lieux.PANORAMA_FILE, french)
    shares = tiers_lieux.census_shares(ctx).set_index("code")
    assert shares["value"].to_dict() == {"01": 0.5, "11": 16.0}
    assert shares["national_total"].tolist() == [3500.0, 3500.0]


def test_missing_share_column_names_it(tmp_path):
    ctx = raw_tree(tmp_path, tiers_lieux.PANORAMA_FILE, "census_year,region_code_insee,national_total\n2023,11,3500\n")
    with pytest.raises(SourceFormatError, match=r"repartition_regionale\.csv.*'share_pct'"):
        tiers_lieux.census_shares(ctx)
