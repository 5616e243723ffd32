"""Broadband loader: fidelity to the raw ARCEP / baromètre files, invariants, messy inputs."""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path

import pandas as pd
import pytest

from loaders import broadband
from loaders.codes import REGION_CODES
from loaders.context import BuildContext
from loaders.io import SourceFormatError

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


@pytest.fixture(scope="module")
def facts(raw_ctx: BuildContext) -> pd.DataFrame:
    return broadband.facts(raw_ctx)


def values(facts: pd.DataFrame, indicator: str, level: str) -> dict[tuple[str, str], float]:
    sub = facts[(facts["indicator"] == indicator) & (facts["level"] == level)]
    return dict(zip(zip(sub["code"], sub["period"], strict=True), sub["value"], strict=True))


def raw_json(raw_ctx: BuildContext, relative: str):
    return json.loads(raw_ctx.path(relative).read_text(encoding="utf-8"))


def raw_rows(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=delimiter))


def department_to_region(raw_ctx: BuildContext) -> dict[str, str]:
    rows = raw_rows(raw_ctx.path("population/fr_departements_reference.csv"))
    return {r["dep_code"]: r["reg_code"] for r in rows}


def barometre_points(records: list[dict], key: str) -> dict[tuple[str, str], float]:
    return {(r[key], p["date"]): p["value"] for r in records for p in r["taux-deploiement-fibre"]}


# --- FttH coverage (baromètre) ---------------------------------------------------------------------------


def test_every_region_quarter_equals_the_barometre_json(raw_ctx, facts):
    raw = barometre_points(raw_json(raw_ctx, broadband.BAROMETRE_REGIONS_FILE), "reg")
    expected = {
        k: v for k, v in raw.items() if k[1] >= "2017-12-31" and not (k[0] in COPIES and k[1] in COPIED_QUARTERS)
    }
    assert values(facts, "ftth_coverage", "region") == expected


def test_regional_values_dropped_are_exact_copies_of_another_region(raw_ctx, facts):
    raw = barometre_points(raw_json(raw_ctx, broadband.BAROMETRE_REGIONS_FILE), "reg")
    got = values(facts, "ftth_coverage", "region")
    for region, donor in COPIES.items():
        for quarter in COPIED_QUARTERS:
            assert raw[(region, quarter)] == raw[(donor, quarter)]
            assert (region, quarter) not in got
        assert (region, "2019-12-31") in got


def test_france_equals_the_national_barometre_from_the_regional_start(raw_ctx, facts):
    national = raw_json(raw_ctx, broadband.BAROMETRE_NATIONAL_FILE)
    assert len(national) == 1
    points = {p["date"]: p["value"] for p in national[0]["taux-deploiement-fibre"]}
    assert min(points) == "2017-03-31", "the national file starts three quarters before the regions"
    expected = {("FR", date): value for date, value in points.items() if date >= "2017-12-31"}
    assert values(facts, "ftth_coverage", "nuts0") == expected
    assert {p for _, p in expected} == {p for _, p in values(facts, "ftth_coverage", "region")}


def test_every_department_quarter_equals_the_barometre_json(raw_ctx, facts):
    raw = barometre_points(raw_json(raw_ctx, broadband.BAROMETRE_DEPARTMENTS_FILE), "dep")
    assert values(facts, "ftth_coverage", "department") == raw


def test_ftth_coverage_territories_at_last_quarter(raw_ctx, facts):
    last = facts[(facts["indicator"] == "ftth_coverage") & (facts["period"] == "2022-09-30")]
    assert last[last["level"] == "region"]["code"].nunique() == 18
    deps = set(last[last["level"] == "department"]["code"])
    assert len(deps) == 100
    assert "976" not in deps, "Mayotte has no department value in 2022 T3: absent, never 0"
    all_deps = set(facts[(facts["indicator"] == "ftth_coverage") & (facts["level"] == "department")]["code"])
    assert all_deps == set(department_to_region(raw_ctx))


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
    rows = raw_rows(raw_ctx.path(broadband.COMMUNES_FILE))
    sums = commune_sums(rows, "code_dep")
    got = values(facts, "gigabit_eligibility", "department")
    for dep in SAMPLE_DEPARTMENTS:
        expected = sums[dep]["elig_thd1g"] / sums[dep]["nbr"] * 100
        assert got[(dep, "2022-12-31")] == pytest.approx(expected, rel=1e-12)


def test_region_eligibility_equals_its_departments_counts(raw_ctx, facts):
    rows = raw_rows(raw_ctx.path(broadband.COMMUNES_FILE))
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
    rows = [r for r in raw_rows(raw_ctx.path(broadband.COMMUNES_FILE)) if r["code_dep"] in departments]
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
    pct = [i.id for i in broadband.INDICATORS if i.unit == "%"]
    sub = facts[facts["indicator"].isin(pct)]
    assert sub["value"].between(0, 100).all()


def test_missing_speed_column_is_named(raw_ctx, tmp_path):
    source = raw_ctx.path(broadband.COMMUNES_FILE).read_text(encoding="utf-8").splitlines()[:3]
    header = source[0].split(",")
    drop = header.index("elig_thd1g")
    lines = [",".join(c for i, c in enumerate(line.split(",")) if i != drop) for line in source]
    target = tmp_path / broadband.COMMUNES_FILE
    target.parent.mkdir(parents=True)
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(SourceFormatError, match="'elig_thd1g'"):
        broadband.eligibility_facts(BuildContext(tmp_path))


def french_number(text: str) -> str:
    """'6340' -> '6\u00a0340,0': the thousands separator and decimal comma of French exports."""
    return f"{int(text):,}".replace(",", "\u00a0") + ",0"


def test_semicolon_decimal_comma_cp1252_version_gives_the_same_sums(raw_ctx, tmp_path):
    rows = raw_rows(raw_ctx.path(broadband.COMMUNES_FILE))
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

    expected = broadband.eligibility_rates(broadband.read_commune_eligibility(plain))
    got = broadband.eligibility_rates(broadband.read_commune_eligibility(messy))
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
    assert set(facts[facts["indicator"] == "ftth_coverage_2026"]["level"]) == {"department", "nuts0"}


@pytest.mark.parametrize(("field", "indicator"), [("ftth", "ftth_coverage_2026"), ("thd30", "thd30_eligibility_2026")])
def test_france_2026_is_the_premises_weighted_share_of_the_101_departments(raw_ctx, facts, field, indicator):
    departments = raw_json(raw_ctx, broadband.MACONNEXION_2026_FILE)["departments"].values()
    assert len(departments) == 101
    premises = sum(d["premises"] for d in departments)
    expected = sum(d[field] * d["premises"] for d in departments) / premises
    assert values(facts, indicator, "nuts0") == {("FR", "2026-06-30"): pytest.approx(expected, rel=1e-12)}
    shares = [d[field] for d in departments]
    assert min(shares) <= expected <= max(shares)


def test_premises_weighted_france_needs_every_department():
    frame = pd.DataFrame(
        {
            "code": ["01", "02", "03"],
            "period": ["2026-06-30"] * 3,
            "premises": [100.0, 300.0, float("nan")],
            "ftth": [50.0, 90.0, 70.0],
            "thd30": [100.0, 100.0, 100.0],
        }
    )
    assert broadband.premises_weighted_france(frame, 3).empty, "a department without premises: no France"
    two = broadband.premises_weighted_france(frame.iloc[:2], 2).set_index("indicator")["value"]
    assert two.to_dict() == {"ftth_coverage_2026": 80.0, "thd30_eligibility_2026": 100.0}


# --- Mobile sites ------------------------------------------------------------------------------------------


def test_mobile_sites_files_are_consistent(raw_ctx):
    operators = ["Free Mobile", "SFR", "Orange", "Bouygues Telecom"]
    regions = raw_rows(raw_ctx.path(broadband.SITES_REGIONS_FILE))
    deps = raw_rows(raw_ctx.path(broadband.SITES_DEPARTMENTS_FILE))
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
    assert "nuts0" not in next(i for i in broadband.INDICATORS if i.id == indicator).levels


def test_mobile_sites_per_100k_uses_2023_legal_population(raw_ctx, facts):
    pop = {
        (r["level"], r["code"]): int(r["population_municipale"])
        for r in raw_rows(raw_ctx.path("population/fr_population_legale_2020_2022_2023_long.csv"))
        if r["vintage"] == "2023"
    }
    got_regions = values(facts, "mobile_sites_per_100k", "region")
    got_deps = values(facts, "mobile_sites_per_100k", "department")
    assert len(got_regions) == 13 and len(got_deps) == 96
    assert not any(code.startswith("97") or code in ("01", "02", "03", "04", "06") for code, _ in got_regions)
    for row in raw_rows(raw_ctx.path(broadband.SITES_REGIONS_FILE)):
        expected = int(row["Total"]) / pop[("region", row["code_region"])] * 100_000
        assert got_regions[(row["code_region"], "2024")] == pytest.approx(expected, rel=1e-12)
    for row in raw_rows(raw_ctx.path(broadband.SITES_DEPARTMENTS_FILE))[:10]:
        expected = int(row["Total"]) / pop[("departement", row["code_departement"])] * 100_000
        assert got_deps[(row["code_departement"], "2024")] == pytest.approx(expected, rel=1e-12)


# --- FttH connectable premises (observatoire counts) ------------------------------------------------------


def test_ftth_counts_match_the_observatoire_rows(raw_ctx, facts):
    quarter_end = {"1": "03-31", "2": "06-30", "3": "09-30", "4": "12-31"}
    got = values(facts, "ftth_premises_connectable", "department")
    rows = raw_rows(raw_ctx.path(broadband.OBS_DEPARTMENTS_FILE))
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
    assert facts["value"].notna().all()
    assert set(facts["indicator"]) == {i.id for i in broadband.INDICATORS}
