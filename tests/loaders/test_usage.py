"""Usage loader: Eurostat NUTS series and the French regions derived from them, illectronism, France Num counts.

Expected values are recomputed from the raw files with the csv module, independently of the loader.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path

import pandas as pd
import pytest

from loaders import usage
from loaders.catalogue import load_family
from loaders.context import BuildContext
from loaders.io import SourceFormatError
from loaders.precision import published_decimals
from tests.loaders.population_reference import population_on, vintages
from tests.loaders.raw import raw_tree

# NUTS 2016/2021 codes of the French regions, as listed in sources/usage/SOURCES.md.
NUTS1_REGION = {
    "FR1": "11", "FRB": "24", "FRC": "27", "FRD": "28", "FRE": "32", "FRF": "44", "FRG": "52",
    "FRH": "53", "FRI": "75", "FRJ": "76", "FRK": "84", "FRL": "93", "FRM": "94",
}  # fmt: skip
WHOLE_NUTS2_REGION = {
    "FR10": "11", "FRB0": "24", "FRG0": "52", "FRH0": "53", "FRL0": "93", "FRM0": "94",
    "FRY1": "01", "FRY2": "02", "FRY3": "03", "FRY4": "04", "FRY5": "06",
}  # fmt: skip
EUROSTAT_INDICATORS = ("internet_weekly_use", "online_purchase", "household_internet_access", "internet_daily_use")


def raw_rows(ctx: BuildContext, relative: str) -> list[dict[str, str]]:
    with ctx.file(relative).path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def raw_population(ctx: BuildContext) -> dict[tuple[str, str, str], float]:
    """(level, code, vintage) -> legal population, straight from the raw population file."""
    rows = raw_rows(ctx, "population/fr_population_legale_2020_2022_2023_long.csv")
    return {(r["level"], r["code"], r["vintage"]): float(r["population_municipale"]) for r in rows}


@pytest.fixture(scope="module")
def facts(raw_ctx: BuildContext) -> pd.DataFrame:
    return usage.facts(raw_ctx)


def lookup(facts: pd.DataFrame, indicator: str, level: str) -> dict[tuple[str, str], tuple[float, object]]:
    rows = facts[(facts["indicator"] == indicator) & (facts["level"] == level)]
    return {
        (c, p): (v, f) for c, p, v, f in zip(rows["code"], rows["period"], rows["value"], rows["flag"], strict=True)
    }


@pytest.mark.parametrize(
    ("indicator", "relative", "geo", "year", "value"),
    [
        ("household_internet_access", usage.ACCESS_FR_FILE, "geo", "year", "value"),
        ("internet_daily_use", usage.DAILY_FILE, "geo", "time", "value"),
    ],
)
def test_region_equals_published_nuts1(facts, raw_ctx, indicator, relative, geo, year, value):
    regions = lookup(facts, indicator, "region")
    nuts1 = [r for r in raw_rows(raw_ctx, relative) if r[geo] in NUTS1_REGION]
    assert len(nuts1) > 60
    for row in nuts1:
        assert regions[(NUTS1_REGION[row[geo]], row[year])][0] == float(row[value]), row


def test_whole_region_nuts2_copied_when_no_nuts1(facts, raw_ctx):
    regions = lookup(facts, "internet_weekly_use", "region")
    rows = [r for r in raw_rows(raw_ctx, usage.WEEKLY_FILE) if r["geo"] in WHOLE_NUTS2_REGION]
    assert {r["geo"] for r in rows} == set(WHOLE_NUTS2_REGION) - {"FRY5"}
    for row in rows:
        assert regions[(WHOLE_NUTS2_REGION[row["geo"]], row["TIME_PERIOD"])][0] == float(row["OBS_VALUE"])


# Occitanie = Languedoc-Roussillon + Midi-Pyrénées; Grand Est = Alsace + Champagne-Ardenne + Lorraine.
OCCITANIE = {"FRJ1": ("11", "30", "34", "48", "66"), "FRJ2": ("09", "12", "31", "32", "46", "65", "81", "82")}
GRAND_EST = {"FRF1": ("67", "68"), "FRF2": ("08", "10", "51", "52"), "FRF3": ("54", "55", "57", "88")}


@pytest.mark.parametrize(
    ("region", "year", "parts", "vintage"), [("76", "2019", OCCITANIE, "2020"), ("44", "2022", GRAND_EST, "2022")]
)
def test_split_region_is_population_weighted_mean(facts, raw_ctx, region, year, parts, vintage):
    pop = raw_population(raw_ctx)
    values = {
        r["geo"]: float(r["OBS_VALUE"]) for r in raw_rows(raw_ctx, usage.PURCHASE_FILE) if r["TIME_PERIOD"] == year
    }
    weights = {nuts: sum(pop[("departement", d, vintage)] for d in deps) for nuts, deps in parts.items()}
    expected = sum(values[n] * weights[n] for n in parts) / sum(weights.values())
    value, flag = lookup(facts, "online_purchase", "region")[(region, year)]
    assert value == pytest.approx(expected, abs=1e-9)
    assert flag == "estimate"


def test_weighted_mean_is_close_to_published_nuts1(raw_ctx):
    """Validates the method: where Eurostat publishes NUTS 1 too, the weighted NUTS 2 mean lands within a point."""
    nuts = usage.nuts_rows(usage.read_access_fr(raw_ctx))
    weighted = usage.weighted_regions(nuts, usage.nuts2_population(raw_ctx))
    raw = [r for r in raw_rows(raw_ctx, usage.ACCESS_FR_FILE) if r["geo"] in NUTS1_REGION]
    published = {(NUTS1_REGION[r["geo"]], r["year"]): float(r["value"]) for r in raw}
    assert len(weighted) > 70
    for code, period, value in zip(weighted["code"], weighted["period"], weighted["value"], strict=True):
        assert abs(value - published[(code, period)]) < 1, (code, period)


def test_split_region_absent_when_a_part_is_missing(raw_ctx):
    nuts = usage.nuts_rows(usage.read_sdmx(raw_ctx, usage.PURCHASE_FILE, {"indic_is": "I_BLT12", "unit": "PC_IND"}))
    without_lorraine = nuts[~((nuts["geo"] == "FRF3") & (nuts["period"] == "2019"))]
    regions = usage.french_regions(without_lorraine, usage.nuts2_population(raw_ctx))
    keys = set(zip(regions["code"], regions["period"], strict=True))
    assert ("44", "2019") not in keys
    assert ("44", "2018") in keys


def test_nuts2_department_table_partitions_the_split_regions(raw_ctx):
    dep_region = raw_ctx.department_region()
    listed = [d for deps in usage.NUTS2_DEPARTMENTS.values() for d in deps]
    assert len(listed) == len(set(listed))
    for nuts, deps in usage.NUTS2_DEPARTMENTS.items():
        assert {dep_region[d] for d in deps} == {usage.NUTS2_TO_REGION[nuts]}
    split_regions = {usage.NUTS2_TO_REGION[n] for n in usage.NUTS2_DEPARTMENTS}
    assert set(listed) == {d for d, r in dep_region.items() if r in split_regions}


@pytest.mark.parametrize("indicator", EUROSTAT_INDICATORS)
def test_european_nuts2_rows_are_sane(facts, indicator):
    rows = facts[(facts["indicator"] == indicator) & (facts["level"] == "nuts2")]
    assert rows["code"].nunique() >= 150
    assert rows["value"].between(0, 100).all()
    assert not rows.duplicated(["code", "period"]).any()
    assert rows["code"].str.fullmatch(r"[A-Z]{2}[A-Z0-9]{2}").all()


@pytest.mark.parametrize("indicator", EUROSTAT_INDICATORS)
def test_no_french_regional_value_in_2020_and_no_zero(facts, indicator):
    regions = facts[(facts["indicator"] == indicator) & (facts["level"] == "region")]
    assert "2020" not in set(regions["period"])
    assert (regions["value"] > 0).all()
    assert "06" not in set(regions["code"])
    assert regions["code"].nunique() == 17


def test_eurostat_flags_are_kept(facts, raw_ctx):
    weekly = lookup(facts, "internet_weekly_use", "nuts2")
    raw = raw_rows(raw_ctx, usage.WEEKLY_FILE)
    flagged = {"u": "low_reliability", "b": "series_break", "": None}
    for row in raw:
        flag = weekly[(row["geo"], row["TIME_PERIOD"])][1]
        assert (None if pd.isna(flag) else flag) == flagged[row["OBS_FLAG"]], row
    corsica = [r for r in raw if r["geo"] == "FRM0" and r["OBS_FLAG"] == "u"]
    regions = lookup(facts, "internet_weekly_use", "region")
    assert corsica
    assert all(regions[("94", r["TIME_PERIOD"])][1] == "low_reliability" for r in corsica)


def test_french_access_comes_from_the_newer_file(facts, raw_ctx):
    access = lookup(facts, "household_internet_access", "nuts2")
    old = {(r["geo"], r["TIME_PERIOD"]): r for r in raw_rows(raw_ctx, usage.ACCESS_FILE) if r["geo"].startswith("FR")}
    new = {(r["geo"], r["year"]): r for r in raw_rows(raw_ctx, usage.ACCESS_FR_FILE) if r["nuts_level"] == "2"}
    overlap = set(old) & set(new)
    assert len(overlap) == 204
    assert all(float(old[k]["OBS_VALUE"]) == float(new[k]["value"]) for k in overlap)
    assert new[("FRM0", "2022")]["obs_flag"] == "u" and old[("FRM0", "2022")]["OBS_FLAG"] == ""
    assert access[("FRM0", "2022")][1] == "low_reliability"
    assert access[("FRC1", "2025")][0] == float(new[("FRC1", "2025")]["value"])
    national = lookup(facts, "household_internet_access", "nuts0")
    assert national[("FR", "2006")][0] == 40.93


def test_flag_precedence():
    assert usage.strongest_flag(pd.Series(["series_break", "low_reliability"], dtype="string")) == "low_reliability"
    assert usage.strongest_flag(pd.Series(["series_break", pd.NA], dtype="string")) == "series_break"
    assert usage.strongest_flag(pd.Series([pd.NA, pd.NA], dtype="string")) == "estimate"
    flags = usage.eurostat_flag(pd.Series(["", "u", "b", "bu", None]), "x.csv")
    assert flags.tolist()[1:4] == ["low_reliability", "series_break", "low_reliability"]
    assert flags.isna().tolist() == [True, False, False, False, True]


def write_sdmx(root: Path, header: str, line: str) -> BuildContext:
    return raw_tree(root, usage.WEEKLY_FILE, header + "\n" + line + "\n")


SDMX_HEADER = "STRUCTURE,freq,indic_is,unit,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG"


def test_sdmx_without_obs_value_names_the_column(tmp_path):
    ctx = write_sdmx(tmp_path, SDMX_HEADER.replace(",OBS_VALUE", ""), "dataflow,A,I_IUSE,PC_IND,FR10,2019,")
    with pytest.raises(SourceFormatError, match=r"EuroStat-regional-internet-usage\.csv.*'OBS_VALUE'"):
        usage.read_sdmx(ctx, usage.WEEKLY_FILE, {"indic_is": "I_IUSE", "unit": "PC_IND"})


def test_sdmx_with_another_unit_is_refused(tmp_path):
    ctx = write_sdmx(tmp_path, SDMX_HEADER, "dataflow,A,I_IUSE,PC_HH,FR10,2019,89.38,")
    with pytest.raises(SourceFormatError, match="'unit'"):
        usage.read_sdmx(ctx, usage.WEEKLY_FILE, {"indic_is": "I_IUSE", "unit": "PC_IND"})


def test_sdmx_with_an_unknown_flag_is_refused(tmp_path):
    ctx = write_sdmx(tmp_path, SDMX_HEADER, "dataflow,A,I_IUSE,PC_IND,FR10,2019,89.38,z")
    with pytest.raises(SourceFormatError, match="flag 'z'"):
        usage.read_sdmx(ctx, usage.WEEKLY_FILE, {"indic_is": "I_IUSE", "unit": "PC_IND"})


def barometre_raw(ctx: BuildContext, relative: str, code: str) -> dict[tuple[str, str, str], float]:
    rows = raw_rows(ctx, relative)
    ids = set(usage.BAROMETRE_INDICATORS)
    return {(r["id_indicateur"], r[code], r["date"]): float(r["valeur"]) for r in rows if r["id_indicateur"] in ids}


def test_barometre_regional_counts_are_sums_of_departments(raw_ctx):
    """True in the raw data for every region and month, including months where a department has no row."""
    regional = barometre_raw(raw_ctx, usage.BAROMETRE_REGION_FILE, "code_region")
    departmental = barometre_raw(raw_ctx, usage.BAROMETRE_DEPARTMENT_FILE, "code_departement")
    refs = raw_rows(raw_ctx, "population/fr_departements_reference.csv")
    dep_region = {r["dep_code"]: r["reg_code"] for r in refs}
    sums: dict[tuple[str, str, str], float] = defaultdict(float)
    for (ind, dep, date), value in departmental.items():
        sums[(ind, dep_region[dep], date)] += value
    assert len(regional) == 702
    assert sums == regional


def test_barometre_per_100k_recomputed(facts, raw_ctx):
    regional = barometre_raw(raw_ctx, usage.BAROMETRE_REGION_FILE, "code_region")
    pop = vintages(raw_ctx.root)
    diag = lookup(facts, "francenum_diagnostics_per_100k", "region")
    count = regional[("nb-diagnostics-individualises", "76", "2022-11-30")]
    expected = count / population_on(pop, "region", "76", "2022-11-30") * 1e5
    assert diag[("76", "2022-11-30")][0] == pytest.approx(expected)
    cheque = lookup(facts, "cheque_numerique_per_100k", "region")
    count = regional[("nb-entreprises-cheaque-numerique", "84", "2021-06-30")]
    expected = count / population_on(pop, "region", "84", "2021-06-30") * 1e5
    assert cheque[("84", "2021-06-30")][0] == pytest.approx(expected)
    assert len(diag) == 360 and len(cheque) == 342


def test_barometre_department_months_absent_stay_absent(facts, raw_ctx):
    departmental = barometre_raw(raw_ctx, usage.BAROMETRE_DEPARTMENT_FILE, "code_departement")
    diag = lookup(facts, "francenum_diagnostics_per_100k", "department")
    assert ("nb-diagnostics-individualises", "12", "2021-01-31") not in departmental
    assert ("12", "2021-01-31") not in diag
    assert len(diag) == sum(1 for k in departmental if k[0] == "nb-diagnostics-individualises")
    assert {c for c, _ in diag} >= {"2A", "2B", "971", "976"}
    assert len({c for c, _ in diag}) == 101


def test_illectronism_keeps_numeric_regional_rates_only(facts, raw_ctx):
    rows = [
        r
        for r in raw_rows(raw_ctx, usage.ILLECTRONISM_FILE)
        if r["geo_level"] == "region" and r["indicator"] == "illectronisme_rate" and r["value_pct"]
    ]
    got = lookup(facts, "illectronism_rate", "region")
    assert {code for code, _ in got} == {r["reg_code"] for r in rows} == {"11", "24", "27", "32", "52", "84"}
    for row in rows:
        assert got[(row["reg_code"], "2019")][0] == float(row["value_pct"])
    flags = {code: (None if pd.isna(flag) else flag) for (code, _), (_, flag) in got.items()}
    assert flags == {"11": "estimate", "32": "estimate", "24": None, "27": None, "52": None, "84": None}


# --- France (nuts0 FR) -------------------------------------------------------------------------------------


def national_barometre(ctx: BuildContext) -> dict[str, list[dict]]:
    (record,) = json.loads(ctx.file(usage.BAROMETRE_NATIONAL_FILE).path.read_text(encoding="utf-8"))
    return record


@pytest.mark.parametrize(
    ("series", "indicator"),
    [
        ("nb-diagnostics-individualises", "francenum_diagnostics_per_100k"),
        ("nb-entreprises-cheaque-numerique", "cheque_numerique_per_100k"),
    ],
)
def test_france_barometre_is_the_published_national_count(facts, raw_ctx, series, indicator):
    pop = vintages(raw_ctx.root)
    points = national_barometre(raw_ctx)[series]
    expected = {("FR", p["date"]): p["value"] / population_on(pop, "nuts0", "FR", p["date"]) * 1e5 for p in points}
    got = {key: value for key, (value, _) in lookup(facts, indicator, "nuts0").items()}
    assert got == pytest.approx(expected, rel=1e-12)
    assert len(got) >= 19


def test_france_barometre_matches_the_departments_until_late_2021_then_exceeds_them(raw_ctx):
    """The caveat says the national count slightly exceeds the sum of the departments from late 2021: keep it true."""
    departmental = barometre_raw(raw_ctx, usage.BAROMETRE_DEPARTMENT_FILE, "code_departement")
    sums: dict[tuple[str, str], float] = defaultdict(float)
    for (series, _, date), value in departmental.items():
        sums[(series, date)] += value
    for series in usage.BAROMETRE_INDICATORS:
        for point in national_barometre(raw_ctx)[series]:
            gap = point["value"] - sums[(series, point["date"])]
            if point["date"] < "2021-05-01":
                assert gap == 0, (series, point)
            assert 0 <= gap <= 0.005 * point["value"], (series, point)


def test_france_illectronism_rates_are_the_published_national_ones(facts, raw_ctx):
    rows = [
        r
        for r in raw_rows(raw_ctx, usage.ILLECTRONISM_FILE)
        if r["geo_level"] == "country" and r["reg_code"] == "FR" and r["indicator"] == "illectronisme_rate"
    ]
    got = lookup(facts, "illectronism_rate", "nuts0")
    assert {("FR", r["year_ref"]): float(r["value_pct"]) for r in rows} == {k: v for k, (v, _) in got.items()}
    assert set(got) == {("FR", "2019"), ("FR", "2021")}
    assert pd.isna(got[("FR", "2019")][1]) and got[("FR", "2021")][1] == "series_break"
    assert not any(code in ("FRMET", "FRPROV") for code, _ in got)


def test_illectronism_keeps_the_decimals_each_rate_was_printed_with(facts, raw_ctx):
    rows = [
        r
        for r in raw_rows(raw_ctx, usage.ILLECTRONISM_FILE)
        if r["indicator"] == "illectronisme_rate" and r["value_pct"] and r["geo_level"] in ("region", "country")
    ]
    expected = {
        (r["reg_code"], r["year_ref"]): len(r["value_pct"].partition(".")[2].partition(",")[0])
        + len(r["value_pct"].partition(",")[2])
        for r in rows
    }
    found = facts[facts["indicator"] == "illectronism_rate"]
    got = {(c, p): d for c, p, d in zip(found["code"], found["period"], found["decimals"], strict=True)}
    assert got == expected
    assert got[("FR", "2021")] == 1 and got[("11", "2019")] == 0, "France 2021 printed 15.4, regions as integers"


def test_published_decimals_reads_the_printed_text():
    texts = pd.Series(["12", "15.4", "15,40", " 3 ", "", None, "17 %", "0.5"])
    assert published_decimals(texts).tolist() == [0, 1, 2, 0, pd.NA, pd.NA, 0, 1]
    assert str(published_decimals(texts).dtype) == "Int8"


@pytest.mark.parametrize(
    ("indicator", "relative", "year"),
    [("household_internet_access", usage.ACCESS_FR_FILE, "year"), ("internet_daily_use", usage.DAILY_FILE, "time")],
)
def test_france_eurostat_value_is_the_published_fr_row(facts, raw_ctx, indicator, relative, year):
    rows = [r for r in raw_rows(raw_ctx, relative) if r["geo"] == "FR" and r["value"]]
    got = lookup(facts, indicator, "nuts0")
    assert len(rows) > 10
    assert {("FR", r[year]): float(r["value"]) for r in rows} == {k: v for k, (v, _) in got.items() if k[0] == "FR"}


@pytest.mark.parametrize("indicator", ["internet_weekly_use", "online_purchase"])
def test_no_france_value_where_eurostat_publishes_none(facts, indicator):
    assert lookup(facts, indicator, "nuts0") == {}
    assert "nuts0" not in next(i for i in load_family("usage").indicators if i.id == indicator).levels


def test_oecd_broadband_access_is_the_french_rows_of_the_raw_file(facts, raw_ctx):
    """Each French TL2 row (NUTS 1, or the NUTS 2 of an overseas region) is its region's value, FRA is France's;
    OECD's B and E flags become 'series_break' and 'estimate'; no other country enters the facts."""
    rows = [r for r in raw_rows(raw_ctx, usage.BROADBAND_FILE) if r["REG_ID"] == "FRA" or r["REG_ID"].startswith("FR")]
    flags = {"": None, "B": "series_break", "E": "estimate"}
    expected = {
        ("nuts0" if r["REG_ID"] == "FRA" else "region",
         "FR" if r["REG_ID"] == "FRA" else {**NUTS1_REGION, **WHOLE_NUTS2_REGION}[r["REG_ID"]],
         r["TIME"]): (float(r["Value"]), flags[r["Flag Codes"]])
        for r in rows
    }  # fmt: skip
    found = facts[facts["indicator"] == "household_broadband_access"]
    got = {
        (lv, c, p): (v, None if pd.isna(f) else f)
        for lv, c, p, v, f in zip(
            found["level"], found["code"], found["period"], found["value"], found["flag"], strict=True
        )
    }
    assert len(expected) > 100
    assert got == expected
