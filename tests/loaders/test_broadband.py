"""Broadband loader: fidelity to the raw ARCEP / baromètre files, invariants, messy inputs."""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path

import pandas as pd
import pytest

from loaders import broadband
from loaders.catalogue import Indicator, ReadOptions, Unit, load_family
from loaders.codes import REGION_CODES
from loaders.context import BuildContext
from loaders.io import RawFile, SourceFormatError
from tests.loaders.raw import raw_tree

COPIED_QUARTERS = [
    "2018-03-31",
    "2018-06-30",
    "2018-09-30",
    "2018-12-31",
    "2019-03-31",
    "2019-06-30",
    "2019-09-30",
    "2020-03-31",
]
COPIES = {"28": "11", "44": "94"}  # Normandie repeats Île-de-France, Grand Est repeats Corse
SAMPLE_DEPARTMENTS = ["2A", "971", "01", "59", "973"]
SPEED_COLUMNS = ["elig_bhd8", "elig_thd30", "elig_thd100", "elig_thd1g"]


INDICATORS = load_family("broadband").indicators


def entry(indicator: str) -> Indicator:
    return next(i for i in INDICATORS if i.id == indicator)


@pytest.fixture(scope="module")
def facts(raw_ctx: BuildContext) -> pd.DataFrame:
    return broadband.facts(raw_ctx)


def values(facts: pd.DataFrame, indicator: str, level: str) -> dict[tuple[str, str], float]:
    sub = facts[(facts["indicator"] == indicator) & (facts["level"] == level)]
    return dict(zip(zip(sub["code"], sub["period"], strict=True), sub["value"], strict=True))


def raw_json(raw_ctx: BuildContext, relative: str):
    return json.loads(raw_ctx.file(relative).path.read_text(encoding="utf-8"))


def raw_rows(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=delimiter))


def department_to_region(raw_ctx: BuildContext) -> dict[str, str]:
    rows = raw_rows(raw_ctx.file("population/fr_departements_reference.csv").path)
    return {r["dep_code"]: r["reg_code"] for r in rows}


def barometre_points(records: list[dict], key: str) -> dict[tuple[str, str], float]:
    return {(r[key], p["date"]): p["value"] for r in records for p in r["taux-deploiement-fibre"]}


# --- FttH coverage (baromètre) ---------------------------------------------------------------------------


NEW_START = "2022-06-30"  # first quarter of ind-306 (dated 2022-06-01 in the file)
ZONE_LEVEL = {"DEPT": "department", "REG": "region", "NAT": "nuts0"}


def ditp_rows(raw_ctx: BuildContext, relative: str) -> list[dict[str, str]]:
    return raw_rows(raw_ctx.file(relative).path)


def ditp_code(row: dict[str, str]) -> str:
    zone = row["enforce_zone_id"]
    return "FR" if zone == "FRANCE" else zone[1:]


def month_end(first_day: str) -> str:
    return (pd.Timestamp(first_day) + pd.offsets.MonthEnd(0)).strftime("%Y-%m-%d")


def ditp_values(raw_ctx: BuildContext, relative: str, level: str) -> dict[tuple[str, str], float]:
    """Value of each zone and date as the file gives it: indic_va, else indic_vi; target rows have neither."""
    out = {}
    for row in ditp_rows(raw_ctx, relative):
        value = row["indic_va"] or row["indic_vi"]
        if ZONE_LEVEL[row["maille"]] == level and value and row["metric_enforce_date"]:
            out[(ditp_code(row), month_end(row["metric_enforce_date"]))] = float(value)
    return out


def old_points(raw_ctx: BuildContext, level: str) -> dict[tuple[str, str], float]:
    files = {
        "region": (broadband.BAROMETRE_REGIONS_FILE, "reg"),
        "department": (broadband.BAROMETRE_DEPARTMENTS_FILE, "dep"),
    }
    if level == "nuts0":
        national = raw_json(raw_ctx, broadband.BAROMETRE_NATIONAL_FILE)[0]["taux-deploiement-fibre"]
        return {("FR", p["date"]): p["value"] for p in national if p["date"] >= "2017-12-31"}
    return barometre_points(raw_json(raw_ctx, files[level][0]), files[level][1])


@pytest.mark.parametrize("level", ["region", "department", "nuts0"])
def test_ftth_series_is_the_2022_file_then_the_2025_file(raw_ctx, facts, level):
    old = {k: v for k, v in old_points(raw_ctx, level).items() if "2017-12-31" <= k[1] < NEW_START}
    if level == "region":
        old = {k: v for k, v in old.items() if not (k[0] in COPIES and k[1] in COPIED_QUARTERS)}
    new = ditp_values(raw_ctx, broadband.DITP_FTTH_FILE, level)
    got = values(facts, "ftth_coverage", level)
    published = {k: v for k, v in got.items() if k not in estimated_keys(facts, level)}
    assert published == {**old, **new}
    assert max(p for _, p in got) == "2025-03-31"
    assert "2026-12-31" not in {p for _, p in got}, "the target row is never a value"


def estimated_keys(facts: pd.DataFrame, level: str = "region") -> set[tuple[str, str]]:
    sub = facts[(facts["indicator"] == "ftth_coverage") & (facts["flag"] == "estimate") & (facts["level"] == level)]
    return set(zip(sub["code"], sub["period"], strict=True))


def test_the_two_files_agree_within_rounding_on_every_overlapping_value(raw_ctx):
    pairs = []
    for level in ("region", "department", "nuts0"):
        old, new = old_points(raw_ctx, level), ditp_values(raw_ctx, broadband.DITP_FTTH_FILE, level)
        pairs += [(old[k], new[k]) for k in old.keys() & new.keys()]
    assert len(pairs) == 238
    assert max(abs(n - o) for o, n in pairs) <= 0.5


def test_a_restated_value_stops_the_build_naming_it():
    old = pd.DataFrame(
        {"level": ["region"] * 2, "code": ["53", "84"], "period": ["2022-09-30"] * 2, "value": [48.0, 60.0]}
    )
    new = old.assign(value=[48.35, 61.2])
    with pytest.raises(SourceFormatError, match=r"1 values[\s\S]*84[\s\S]*61.2"):
        broadband.check_overlap(old, new)
    assert len(broadband.check_overlap(old, new.assign(value=[48.5, 59.5]))) == 2


def test_values_from_2022_t2_show_one_decimal_and_older_ones_none(facts):
    ftth = facts[(facts["indicator"] == "ftth_coverage") & facts["flag"].isna()]
    assert set(ftth.loc[ftth["period"] >= NEW_START, "decimals"]) == {1}
    assert set(ftth.loc[ftth["period"] < NEW_START, "decimals"]) == {0}


def test_regional_values_dropped_are_exact_copies_of_another_region(raw_ctx, facts):
    raw = barometre_points(raw_json(raw_ctx, broadband.BAROMETRE_REGIONS_FILE), "reg")
    for region, donor in COPIES.items():
        for quarter in COPIED_QUARTERS:
            assert raw[(region, quarter)] == raw[(donor, quarter)]
    assert estimated_keys(facts) == {(r, q) for r in COPIES for q in COPIED_QUARTERS}


def premises_weighted_regions(raw_ctx: BuildContext) -> dict[tuple[str, str], float]:
    """Regional rates recomputed from the department rates, weighted by the T2 2022 premises of each department."""
    premises = {
        r["code_departement"]: float(r["meilleure_estimation_des_locaux_t2_2022"])
        for r in raw_rows(raw_ctx.file(broadband.OBS_DEPARTMENTS_FILE).path)
    }
    deps = barometre_points(raw_json(raw_ctx, broadband.BAROMETRE_DEPARTMENTS_FILE), "dep")
    dep_region = department_to_region(raw_ctx)
    sums: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
    for (dep, quarter), rate in deps.items():
        if dep in premises:
            acc = sums[(dep_region[dep], quarter)]
            acc[0] += rate * premises[dep]
            acc[1] += premises[dep]
            acc[2] += 1
    size = defaultdict(int)
    for dep in premises:
        size[dep_region[dep]] += 1
    return {k: w / p for k, (w, p, n) in sums.items() if n == size[k[0]]}


def test_estimation_method_reproduces_the_published_regional_rates(raw_ctx):
    estimates = premises_weighted_regions(raw_ctx)
    published = barometre_points(raw_json(raw_ctx, broadband.BAROMETRE_REGIONS_FILE), "reg")
    errors = [
        abs(estimates[k] - v)
        for k, v in published.items()
        if k in estimates and not (k[0] in COPIES and k[1] in COPIED_QUARTERS)
    ]
    assert len(errors) == 13 * 20 - len(COPIES) * len(COPIED_QUARTERS), "every metropolitan region and quarter"
    assert sum(errors) / len(errors) <= 0.35
    assert max(errors) <= 1.5


def test_copied_quarters_hold_the_department_estimate(raw_ctx, facts):
    expected = premises_weighted_regions(raw_ctx)
    got = values(facts, "ftth_coverage", "region")
    for key in estimated_keys(facts):
        assert got[key] == pytest.approx(expected[key], abs=1e-9)


def test_mayotte_is_the_published_zero(raw_ctx, facts):
    got = values(facts, "ftth_coverage", "department")
    mayotte = {p: v for (c, p), v in got.items() if c == "976" and p >= NEW_START}
    assert mayotte and set(mayotte.values()) == {0.0}
    assert "0" in entry("ftth_coverage").caveats["fr"]


def test_ftth_coverage_territories_at_last_quarter(raw_ctx, facts):
    last = facts[(facts["indicator"] == "ftth_coverage") & (facts["period"] == "2025-03-31")]
    assert last[last["level"] == "region"]["code"].nunique() == 18
    assert set(last[last["level"] == "department"]["code"]) == set(department_to_region(raw_ctx))


def test_drop_copied_regions_keeps_values_without_a_matching_donor():
    frame = pd.DataFrame({"code": ["28", "11"], "period": ["2018-03-31"] * 2, "value": [65.0, 65.0]})
    assert broadband.drop_copied_regions(frame)["code"].tolist() == ["11"]
    alone = frame[frame["code"] == "28"]
    assert broadband.drop_copied_regions(alone)["value"].tolist() == [65.0]


# --- Eligibility by speed (Ma connexion internet, 2022) --------------------------------------------------


def commune_sums(rows: list[dict[str, str]], key: str) -> dict[str, dict[str, int]]:
    sums: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in rows:
        for column in ["nbr", *SPEED_COLUMNS]:
            sums[row[key]][column] += int(row[column])
    return sums


def test_gigabit_eligibility_is_summed_over_communes(raw_ctx, facts):
    rows = raw_rows(raw_ctx.file(broadband.COMMUNES_FILE).path)
    sums = commune_sums(rows, "code_dep")
    got = values(facts, "gigabit_eligibility", "department")
    for dep in SAMPLE_DEPARTMENTS:
        expected = sums[dep]["elig_thd1g"] / sums[dep]["nbr"] * 100
        assert got[(dep, "2022-12-31")] == pytest.approx(expected, rel=1e-12)


def test_region_eligibility_equals_its_departments_counts(raw_ctx, facts):
    rows = raw_rows(raw_ctx.file(broadband.COMMUNES_FILE).path)
    dep_region = department_to_region(raw_ctx)
    by_region = commune_sums([{**r, "region": dep_region.get(r["code_dep"], "")} for r in rows], "region")
    for column, indicator in broadband.ELIGIBILITY_COLUMNS.items():
        got = values(facts, indicator, "region")
        assert len(got) == 18
        for (region, _), value in got.items():
            assert value == pytest.approx(by_region[region][column] / by_region[region]["nbr"] * 100, rel=1e-12)


@pytest.mark.parametrize(("column", "indicator"), list(broadband.ELIGIBILITY_COLUMNS.items()))
def test_france_eligibility_is_summed_over_the_communes_of_the_101_departments(raw_ctx, facts, column, indicator):
    departments = set(department_to_region(raw_ctx))
    rows = [r for r in raw_rows(raw_ctx.file(broadband.COMMUNES_FILE).path) if r["code_dep"] in departments]
    assert {r["code_dep"] for r in rows} == departments
    expected = sum(int(r[column]) for r in rows) / sum(int(r["nbr"]) for r in rows) * 100
    assert values(facts, indicator, "nuts0") == {("FR", "2022-12-31"): pytest.approx(expected, rel=1e-12)}


def test_eligibility_territories_and_ranges(facts):
    for indicator in broadband.ELIGIBILITY_COLUMNS.values():
        sub = facts[facts["indicator"] == indicator]
        assert sub[sub["level"] == "department"]["code"].nunique() == 101
        assert sub[sub["level"] == "region"]["code"].nunique() == 18
        assert not sub["code"].isin(["977", "978"]).any(), "Saint-Barthélemy / Saint-Martin are not departments"
        assert set(sub[sub["level"] == "region"]["code"]) == set(REGION_CODES)
        assert set(sub["period"]) == {"2022-12-31"}


def test_all_percentages_between_0_and_100(facts):
    pct = [i.id for i in INDICATORS if i.unit == Unit.PERCENT]
    sub = facts[facts["indicator"].isin(pct)]
    assert sub["value"].between(0, 100).all()


def test_missing_speed_column_is_named(raw_ctx, tmp_path):
    source = raw_ctx.file(broadband.COMMUNES_FILE).path.read_text(encoding="utf-8").splitlines()[:3]
    header = source[0].split(",")
    drop = header.index("elig_thd1g")
    lines = [",".join(c for i, c in enumerate(line.split(",")) if i != drop) for line in source]
    ctx = raw_tree(tmp_path, broadband.COMMUNES_FILE, "\n".join(lines) + "\n")
    with pytest.raises(SourceFormatError, match="'elig_thd1g'"):
        broadband.eligibility_facts(ctx)


def french_number(text: str) -> str:
    """'6340' -> '6\u00a0340,0': the thousands separator and decimal comma of French exports."""
    return f"{int(text):,}".replace(",", "\u00a0") + ",0"


def test_semicolon_decimal_comma_cp1252_version_gives_the_same_sums(raw_ctx, tmp_path):
    rows = raw_rows(raw_ctx.file(broadband.COMMUNES_FILE).path)
    sample = [r for r in rows if r["code_dep"] in ("2A", "971")][:6] + [r for r in rows if int(r["nbr"]) > 1000][:4]
    columns = list(rows[0])
    plain = tmp_path / "plain.csv"
    with plain.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns)
        writer.writeheader()
        writer.writerows(sample)
    messy = tmp_path / "messy.csv"
    numeric = {"nbr", "inel_hd", "elig_hd05", "elig_hd3", *SPEED_COLUMNS}
    lines = [";".join(columns)]
    lines += [";".join(french_number(r[c]) if c in numeric else r[c] for c in columns) for r in sample]
    messy.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))

    declared = raw_ctx.file(broadband.COMMUNES_FILE).read
    french = ReadOptions(encoding="cp1252", separator=";", decimal=",", thousands="\u00a0")
    expected = broadband.eligibility_rates(broadband.read_commune_eligibility(RawFile(plain, declared)))
    got = broadband.eligibility_rates(broadband.read_commune_eligibility(RawFile(messy, french)))
    pd.testing.assert_frame_equal(got, expected)
    sums = commune_sums(sample, "code_dep")
    gigabit = values(got, "gigabit_eligibility", "department")
    for dep, s in sums.items():
        assert gigabit[(dep, "2022-12-31")] == pytest.approx(s["elig_thd1g"] / s["nbr"] * 100, rel=1e-12)


# --- FttH 2026 (Ma connexion internet) ---------------------------------------------------------------------


def test_ftth_2026_has_the_101_departments_as_published(raw_ctx, facts):
    raw = raw_json(raw_ctx, broadband.MACONNEXION_2026_FILE)
    overseas = {"FR-GP": "971", "FR-MQ": "972", "FR-GF": "973", "FR-RE": "974", "FR-YT": "976"}
    expected = {(overseas.get(k, k[3:]), "2026-06-30"): v["ftth"] for k, v in raw["departments"].items()}
    got = values(facts, "ftth_coverage_2026", "department")
    assert got == expected
    assert {c for c, _ in got} == set(department_to_region(raw_ctx))


@pytest.mark.parametrize(("field", "indicator"), [("ftth", "ftth_coverage_2026"), ("thd30", "thd30_eligibility_2026")])
def test_regions_and_france_2026_are_premises_weighted_shares_of_their_departments(raw_ctx, facts, field, indicator):
    raw = raw_json(raw_ctx, broadband.MACONNEXION_2026_FILE)["departments"]
    overseas = {"FR-GP": "971", "FR-MQ": "972", "FR-GF": "973", "FR-RE": "974", "FR-YT": "976"}
    deps = {overseas.get(k, k[3:]): d for k, d in raw.items()}
    assert len(deps) == 101
    dep_region = department_to_region(raw_ctx)
    groups = {"FR": list(deps)} | {r: [d for d in deps if dep_region[d] == r] for r in set(dep_region.values())}
    expected = {
        code: sum(deps[d][field] * deps[d]["premises"] for d in members) / sum(deps[d]["premises"] for d in members)
        for code, members in groups.items()
    }
    got = {**values(facts, indicator, "region"), **values(facts, indicator, "nuts0")}
    assert got == {(c, "2026-06-30"): pytest.approx(v, rel=1e-12) for c, v in expected.items()}


def test_premises_weighted_needs_every_department():
    frame = pd.DataFrame({"code": ["01", "02", "03"], "period": ["2026-06-30"] * 3, "value": [50.0, 90.0, 70.0]})
    weights = pd.Series({"01": 100.0, "02": 300.0, "03": float("nan")})
    parent = dict.fromkeys(["01", "02", "03"], "FR")
    assert broadband.premises_weighted(frame, weights, parent).empty, "a department without premises: no parent"
    two = broadband.premises_weighted(frame.iloc[:2], weights, {"01": "FR", "02": "FR"})
    assert two["value"].tolist() == [80.0]


# --- New Deal Mobile 4G sites ------------------------------------------------------------------------------


@pytest.mark.parametrize("level", ["region", "department", "nuts0"])
def test_new_deal_sites_are_the_published_counts(raw_ctx, facts, level):
    got = facts[(facts["indicator"] == "new_deal_4g_sites") & (facts["level"] == level) & facts["value"].notna()]
    expected = ditp_values(raw_ctx, broadband.DITP_4G_FILE, level)
    assert dict(zip(zip(got["code"], got["period"], strict=True), got["value"], strict=True)) == expected


def test_new_deal_overseas_is_not_covered_rather_than_missing_or_zero(raw_ctx, facts):
    undated = {
        (ZONE_LEVEL[r["maille"]], ditp_code(r))
        for r in ditp_rows(raw_ctx, broadband.DITP_4G_FILE)
        if not r["metric_enforce_date"]
    }
    assert undated == {("department", c) for c in ("971", "972", "973", "974", "976")} | {
        ("region", c) for c in ("01", "02", "03", "04", "06")
    }
    sites = facts[facts["indicator"] == "new_deal_4g_sites"]
    outside = sites[sites["flag"] == "not_covered"]
    assert set(zip(outside["level"], outside["code"], strict=True)) == undated
    assert outside["value"].isna().all()
    assert outside.groupby("code")["period"].nunique().eq(sites["period"].nunique()).all()
    assert sites.loc[sites["flag"].isna(), "value"].notna().all()


# --- Mobile sites ------------------------------------------------------------------------------------------


def test_mobile_sites_files_are_consistent(raw_ctx):
    operators = ["Free Mobile", "SFR", "Orange", "Bouygues Telecom"]
    regions = raw_rows(raw_ctx.file(broadband.SITES_REGIONS_FILE).path)
    deps = raw_rows(raw_ctx.file(broadband.SITES_DEPARTMENTS_FILE).path)
    for row in regions + deps:
        assert int(row["Total"]) == sum(int(row[o]) for o in operators)
    dep_region = department_to_region(raw_ctx)
    summed: dict[str, int] = defaultdict(int)
    for row in deps:
        summed[dep_region[row["code_departement"]]] += int(row["Total"])
    assert {r["code_region"]: int(r["Total"]) for r in regions} == summed


@pytest.mark.parametrize("indicator", ["ftth_premises_connectable", "mobile_sites_per_100k"])
def test_metropolitan_only_sources_give_no_france_value(facts, indicator):
    assert not facts[(facts["indicator"] == indicator) & (facts["level"] == "nuts0")].shape[0]
    assert "nuts0" not in entry(indicator).levels


def test_mobile_sites_per_100k_uses_2023_legal_population(raw_ctx, facts):
    pop = {
        (r["level"], r["code"]): int(r["population_municipale"])
        for r in raw_rows(raw_ctx.file("population/fr_population_legale_2020_2022_2023_long.csv").path)
        if r["vintage"] == "2023"
    }
    got_regions = values(facts, "mobile_sites_per_100k", "region")
    got_deps = values(facts, "mobile_sites_per_100k", "department")
    assert len(got_regions) == 13 and len(got_deps) == 96
    assert not any(code.startswith("97") or code in ("01", "02", "03", "04", "06") for code, _ in got_regions)
    for row in raw_rows(raw_ctx.file(broadband.SITES_REGIONS_FILE).path):
        expected = int(row["Total"]) / pop[("region", row["code_region"])] * 100_000
        assert got_regions[(row["code_region"], "2024")] == pytest.approx(expected, rel=1e-12)
    for row in raw_rows(raw_ctx.file(broadband.SITES_DEPARTMENTS_FILE).path)[:10]:
        expected = int(row["Total"]) / pop[("departement", row["code_departement"])] * 100_000
        assert got_deps[(row["code_departement"], "2024")] == pytest.approx(expected, rel=1e-12)


# --- FttH connectable premises (observatoire counts) ------------------------------------------------------


def test_ftth_counts_match_the_observatoire_rows(raw_ctx, facts):
    quarter_end = {"1": "03-31", "2": "06-30", "3": "09-30", "4": "12-31"}
    got = values(facts, "ftth_premises_connectable", "department")
    rows = raw_rows(raw_ctx.file(broadband.OBS_DEPARTMENTS_FILE).path)
    assert len(got) == len(rows) == 96 * 19
    for row in rows:
        key = (row["code_departement"], f"{row['annee']}-{quarter_end[row['trimestre']]}")
        assert got[key] == float(row["nombre_de_logements_raccordables"])
    regions = values(facts, "ftth_premises_connectable", "region")
    assert len(regions) == 13 * 19
    assert regions[("11", "2022-06-30")] == 6669618.0
    assert regions[("94", "2017-12-31")] == 41000.0


def test_ftth_counts_departments_add_up_to_regions(raw_ctx, facts):
    dep_region = department_to_region(raw_ctx)
    summed: dict[tuple[str, str], float] = defaultdict(float)
    for (dep, period), value in values(facts, "ftth_premises_connectable", "department").items():
        summed[(dep_region[dep], period)] += value
    for key, value in values(facts, "ftth_premises_connectable", "region").items():
        tolerance = 0.01 if key[1] < "2019-12-31" else 1e-4  # regions rounded to thousands/hundreds until 2019 T3
        assert value == pytest.approx(summed[key], rel=tolerance)


def test_facts_have_no_duplicate_keys_and_no_missing_values(facts):
    assert not facts.duplicated(["level", "code", "indicator", "period"]).any()
    assert facts.loc[facts["flag"] != "not_covered", "value"].notna().all()
    assert set(facts["indicator"]) == {i.id for i in INDICATORS}
