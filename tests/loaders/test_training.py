"""Training and digital-inclusion loader: fidelity to the raw files, invariants, messy inputs.

Expected values are recomputed here with the csv/json modules straight from the raw files, never through the
loader's own helpers.
"""

from __future__ import annotations

import csv
import json
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest

from loaders import training
from loaders.catalogue import Indicator, ReadOptions, load_family
from loaders.io import RawFile, SourceFormatError
from tests.loaders import population_reference as ref

TEST_DEPARTMENTS = ("01", "2A", "59", "974")
DITP_COUNTS = ("conseillers_accompaniments", "aidants_trained", "france_services_acts")
COUNT_INDICATORS = ("conseillers_numeriques_posts", "france_services_count", "aidants_connect_count", *DITP_COUNTS)
FAMILY = load_family("training")
COMMA = ReadOptions(separator=",")


def entry(indicator: str) -> Indicator:
    return next(i for i in FAMILY.indicators if i.id == indicator)


@pytest.fixture(scope="module")
def facts(raw_ctx) -> pd.DataFrame:
    return training.facts(raw_ctx)


@pytest.fixture(scope="module")
def population(raw_ctx) -> dict[tuple[str, str, str], float]:
    """(level, code, vintage) -> population from the raw files (Mayotte's estimates, France = 101 departments)."""
    return ref.vintages(raw_ctx.root)


def per(population: dict, count: float, level: str, code: str, period: str, by: int) -> float:
    """A count per `by` inhabitants on the period's date (vintages interpolated by day, see population_reference)."""
    return count / ref.population_on(population, level, code, period) * by


def value(facts: pd.DataFrame, indicator: str, level: str, code: str, period: str) -> float:
    hit = facts[
        (facts["indicator"] == indicator)
        & (facts["level"] == level)
        & (facts["code"] == code)
        & (facts["period"] == period)
    ]
    assert len(hit) == 1, f"{indicator} {level} {code} {period}: {len(hit)} rows"
    return float(hit["value"].iloc[0])


def has_row(facts: pd.DataFrame, indicator: str, level: str, code: str, period: str) -> bool:
    mask = (facts["indicator"] == indicator) & (facts["level"] == level) & (facts["code"] == code)
    return bool((mask & (facts["period"] == period)).any())


def read_rows(path, delimiter: str = ",") -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=delimiter))


def dep_of_commune(code: str) -> str:
    code = code.strip()
    return code[:3] if code.startswith("97") else code[:2]


# --- fidelity ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("dep", TEST_DEPARTMENTS)
def test_cnfs_posts_match_raw_files(facts, population, raw_ctx, dep):
    laureates = json.loads((raw_ctx.root / training.CNFS_2021_FILE).read_text(encoding="utf-8"))
    expected_2021 = sum(r["nb_cnfs"] for r in laureates if r["code_département"].zfill(2) == dep)
    rows = read_rows(raw_ctx.root / training.CNFS_2023_FILE, ";")
    expected_2023 = sum(
        int(r["Nombre de conseillers validés par le COSELEC"]) for r in rows if r["Code département"].zfill(2) == dep
    )
    assert expected_2021 > 0 and expected_2023 > 0
    assert value(facts, "conseillers_numeriques_posts", "department", dep, "2021-06-25") == expected_2021
    assert value(facts, "conseillers_numeriques_posts", "department", dep, "2023-04-05") == expected_2023
    # June 2021 lies between the 2020 and 2022 vintages: interpolated by day.
    rate_2021 = per(population, expected_2021, "department", dep, "2021-06-25", 100_000)
    rate_2023 = per(population, expected_2023, "department", dep, "2023-04-05", 100_000)
    assert value(facts, "conseillers_numeriques_per_100k", "department", dep, "2021-06-25") == pytest.approx(rate_2021)
    assert value(facts, "conseillers_numeriques_per_100k", "department", dep, "2023-04-05") == pytest.approx(rate_2023)


def test_cnfs_2023_national_total_excludes_only_saint_martin(facts, raw_ctx):
    rows = read_rows(raw_ctx.root / training.CNFS_2023_FILE, ";")
    total = sum(int(r["Nombre de conseillers validés par le COSELEC"]) for r in rows)
    saint_martin = sum(
        int(r["Nombre de conseillers validés par le COSELEC"]) for r in rows if r["Code commune INSEE"] == "97801"
    )
    assert (total, saint_martin) == (3925, 3)
    regions = facts[(facts["indicator"] == "conseillers_numeriques_posts") & (facts["level"] == "region")]
    assert regions.loc[regions["period"] == "2023-04-05", "value"].sum() == total - saint_martin


@pytest.mark.parametrize("period", list(training.CRA_FILES))
@pytest.mark.parametrize("dep", TEST_DEPARTMENTS)
def test_people_helped_match_raw_files(facts, population, raw_ctx, period, dep):
    rows = json.loads((raw_ctx.root / training.CRA_FILES[period]).read_text(encoding="utf-8"))
    users = next(r["usagers"] for r in rows if r["departement"] == dep)
    expected = per(population, users, "department", dep, period, 1_000)
    assert value(facts, "cnfs_people_helped_per_1000", "department", dep, period) == pytest.approx(expected)


def test_people_helped_regions_divide_summed_users(facts, population, raw_ctx):
    """Corsica: (users 2A + users 2B) / population of Corsica, not a mean of the two department rates."""
    rows = json.loads((raw_ctx.root / training.CRA_FILES["2024-02-22"]).read_text(encoding="utf-8"))
    users = sum(r["usagers"] for r in rows if r["departement"] in ("2A", "2B"))
    expected = per(population, users, "region", "94", "2024-02-22", 1_000)
    assert value(facts, "cnfs_people_helped_per_1000", "region", "94", "2024-02-22") == pytest.approx(expected)


@pytest.mark.parametrize("dep", TEST_DEPARTMENTS)
def test_france_services_2020_counts_from_commune_codes(facts, population, raw_ctx, dep):
    """The loader reads DEPARTEMENT; here the department is rebuilt from insee_com, so both must agree."""
    for period, relative in training.FS_GEOJSON_FILES.items():
        features = json.loads((raw_ctx.root / relative).read_text(encoding="utf-8"))["features"]
        expected = sum(1 for f in features if dep_of_commune(f["properties"]["insee_com"]) == dep)
        assert value(facts, "france_services_count", "department", dep, period) == expected
    rate = value(facts, "france_services_per_100k", "department", dep, "2020-10-12")
    assert rate == pytest.approx(per(population, expected, "department", dep, "2020-10-12", 100_000))


@pytest.mark.parametrize("dep", TEST_DEPARTMENTS)
def test_france_services_2024_counts(facts, raw_ctx, dep):
    rows = read_rows(raw_ctx.root / training.FS_CSV_FILES["2024-08-01"])
    expected = sum(1 for r in rows if r["insee_dep"] == dep)
    assert expected > 0
    assert value(facts, "france_services_count", "department", dep, "2024-08-01") == expected


def test_france_services_2022_duplicate_antennas_counted_once(facts, raw_ctx):
    rows = read_rows(raw_ctx.root / training.FS_CSV_FILES["2022-12-01"])
    oise = [r for r in rows if r["insee_dep"] == "60"]
    distinct = {(r["lib_fs"], r["insee_com"], r["adresse"]) for r in oise}
    assert len(oise) - len(distinct) == 6
    assert value(facts, "france_services_count", "department", "60", "2022-12-01") == len(distinct)


def test_france_services_missing_overseas_is_absent_missing_metropolitan_is_zero(facts):
    for period in ("2020-01-10", "2020-06-17"):
        assert not has_row(facts, "france_services_count", "department", "971", period)
        assert not has_row(facts, "france_services_count", "region", "01", period)
        assert not has_row(facts, "france_services_per_100k", "region", "01", period)
        assert value(facts, "france_services_count", "department", "90", period) == 0
    assert value(facts, "france_services_count", "department", "971", "2020-10-12") == 2
    assert has_row(facts, "france_services_count", "region", "27", "2020-01-10"), "Belfort's 0 keeps BFC whole"


@pytest.fixture(scope="module")
def postcode_base(raw_ctx) -> set[tuple[str, str]]:
    """(commune code, postcode) pairs of the raw postcode base, read with the csv module."""
    return {(r["insee_com"], r["code_postal"].zfill(5)) for r in read_rows(raw_ctx.root / training.COMMUNES_FILE)}


def dep_of_postcode(zip_code: str) -> str:
    zip_code = zip_code.strip().zfill(5)
    corsica = "2A" if zip_code < "20200" else "2B"
    return corsica if zip_code.startswith("20") else dep_of_commune(zip_code)


def aidants_placement(row: dict[str, str], postcode_base: set[tuple[str, str]]) -> tuple[str, bool]:
    """(department, moved) of a raw structure: its commune's department unless the (commune, postcode) pair is
    unknown to the postcode base and the postcode names another department."""
    commune, zip_code = row["City Insee Code"].strip(), row["Zip Code"].strip().zfill(5)
    if not commune:
        return dep_of_postcode(zip_code), False
    if (commune, zip_code) not in postcode_base and dep_of_postcode(zip_code) != dep_of_commune(commune):
        return dep_of_postcode(zip_code), True
    return dep_of_commune(commune), False


@pytest.mark.parametrize("period", list(training.AC_FILES))
@pytest.mark.parametrize("dep", (*TEST_DEPARTMENTS, "50", "57", "13"))
def test_aidants_connect_counts_match_raw_files(facts, population, postcode_base, raw_ctx, period, dep):
    expected = 0
    for row in read_rows(raw_ctx.root / training.AC_FILES[period]):
        if row["Is Active"] == "true" and aidants_placement(row, postcode_base)[0] == dep:
            expected += int(row["Nombre d'aidants"])
    assert value(facts, "aidants_connect_count", "department", dep, period) == expected
    rate = per(population, expected, "department", dep, period, 100_000)
    assert value(facts, "aidants_connect_per_100k", "department", dep, period) == pytest.approx(rate)


def test_aidants_connect_every_active_structure_is_located(raw_ctx):
    """The indicator caveat says no active structure is left unlocated: keep that claim true."""
    known = set(raw_ctx.department_region())
    pairs = training.postcode_pairs(raw_ctx)
    for relative in training.AC_FILES.values():
        rows = training.aidants_rows(raw_ctx.file(relative), known, pairs)
        assert rows["department"].notna().all(), relative


@pytest.mark.parametrize("period", list(training.AC_FILES))
def test_aidants_connect_moved_structures_as_the_caveat_says(raw_ctx, postcode_base, period):
    """48-49 structures per file move to their postcode's department, 31 of them from Moyenvic's 57490."""
    active = [r for r in read_rows(raw_ctx.root / training.AC_FILES[period]) if r["Is Active"] == "true"]
    moved = [r for r in active if aidants_placement(r, postcode_base)[1]]
    assert 48 <= len(moved) <= 49
    assert sum(r["City Insee Code"] == "57490" for r in moved) == 31
    rows = training.aidants_rows(
        raw_ctx.file(training.AC_FILES[period]), set(raw_ctx.department_region()), training.postcode_pairs(raw_ctx)
    )
    assert int(rows["moved"].sum()) == len(moved)
    for indicator in ("aidants_connect_count", "aidants_connect_per_100k"):
        caveats = entry(indicator).caveats
        assert "48 à 49" in caveats["fr"] and "48 to 49" in caveats["en"]
        assert "57490" in caveats["fr"] and "57490" in caveats["en"]
    assert rows.loc[rows["moved"], "value"].sum() == sum(int(r["Nombre d'aidants"]) for r in moved)


def test_aidants_connect_carentan_ccas_leaves_la_reunion(facts, raw_ctx, postcode_base):
    """The Carentan CCAS carries La Réunion's commune code 97407 with a Manche postcode: counted in the Manche."""
    period = "2024-02-12"
    rows = read_rows(raw_ctx.root / training.AC_FILES[period])
    ccas = next(r for r in rows if r["Name"] == "CCAS CARENTAN-LES-MARAIS")
    assert (ccas["Is Active"], ccas["City Insee Code"], ccas["Zip Code"]) == ("true", "97407", "50500")
    assert ("97407", "50500") not in postcode_base and ("50099", "50500") in postcode_base
    naive = {"974": 0, "50": 0}
    for row in rows:
        where = dep_of_commune(row["City Insee Code"]) if row["City Insee Code"] else dep_of_postcode(row["Zip Code"])
        if row["Is Active"] == "true" and where in naive:
            naive[where] += int(row["Nombre d'aidants"])
    helpers = int(ccas["Nombre d'aidants"])
    assert helpers > 0
    assert value(facts, "aidants_connect_count", "department", "974", period) == naive["974"] - helpers
    assert value(facts, "aidants_connect_count", "department", "50", period) == naive["50"] + helpers


def test_aidants_connect_legitimate_cross_department_pairs_stay(tmp_path, raw_ctx, postcode_base):
    """Claret (04) with 05110 and Laveyrune (07) with 48250 are pairs of the postcode base: they stay put, while the
    Moyenvic placeholder with a Var postcode moves, and Moyenvic with its own postcode stays."""
    assert {("04058", "05110"), ("07136", "48250"), ("57490", "57630")} <= postcode_base
    assert ("57490", "83707") not in postcode_base
    path = tmp_path / "ac.csv"
    path.write_text(
        "Name,Is Active,City Insee Code,Zip Code,Nombre d'aidants\n"
        "Mairie de Claret,true,04058,05110,1\n"
        "Mairie de Laveyrune,true,07136,48250,2\n"
        "Estérel Côte d'Azur Agglomération,true,57490,83707,3\n"
        "Mairie de Moyenvic,true,57490,57630,4\n"
        "Saint-Étienne Cedex,true,42218,42007,5\n",  # a cedex postcode of the commune's own department stays
        encoding="utf-8",
    )
    rows = training.aidants_rows(
        RawFile(path, COMMA), set(raw_ctx.department_region()), training.postcode_pairs(raw_ctx)
    )
    assert rows["department"].tolist() == ["04", "07", "83", "57", "42"]
    assert rows["moved"].tolist() == [False, False, True, False, False]


@pytest.mark.parametrize("dep", ["2A", "974", "23"])
def test_fragility_is_population_weighted_mean(facts, raw_ctx, dep):
    population = {}
    for row in read_rows(raw_ctx.root / training.COMMUNES_FILE):
        if row["commune_type"] in ("COM", "ARM") and row["insee_dep"] == dep:
            population[row["insee_com"]] = float(row["population_2021"])
    weighted = weights = 0.0
    for row in read_rows(raw_ctx.root / training.IFN_FILE):
        if row["code"] in population and row["total"]:
            weighted += float(row["total"]) * population[row["code"]]
            weights += population[row["code"]]
    assert value(facts, "digital_fragility_index", "department", dep, "2023") == pytest.approx(weighted / weights)


def test_fragility_covers_nearly_all_population_and_not_mayotte(facts, raw_ctx):
    """The caveat states 99.99% of the population covered and Mayotte missing."""
    scored = training.fragility_scores(raw_ctx)["population"].sum()
    assert scored / training.commune_population(raw_ctx)["population"].sum() >= 0.9999
    assert not has_row(facts, "digital_fragility_index", "department", "976", "2023")
    assert not has_row(facts, "digital_fragility_index", "region", "06", "2023")
    fragility = facts[facts["indicator"] == "digital_fragility_index"]
    assert fragility.groupby("level").size().to_dict() == {"department": 100, "nuts0": 1, "region": 17}


def test_fragility_score_direction_higher_is_more_fragile(facts, raw_ctx):
    """Small rural communes score higher than large cities, and Creuse more than Hauts-de-Seine (polarity -1)."""
    scores = training.fragility_scores(raw_ctx)
    small = scores[scores["population"] < 1_000]["score"].mean()
    large = scores[scores["population"] >= 100_000]["score"].mean()
    assert small > large + 1
    creuse = value(facts, "digital_fragility_index", "department", "23", "2023")
    assert creuse > value(facts, "digital_fragility_index", "department", "92", "2023") + 3
    assert entry("digital_fragility_index").polarity == -1


# --- invariants -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("indicator", COUNT_INDICATORS)
def test_department_counts_sum_to_region_counts(facts, raw_ctx, indicator):
    counts = facts[facts["indicator"] == indicator]
    deps = counts[counts["level"] == "department"].assign(region=lambda d: d["code"].map(raw_ctx.department_region()))
    summed = deps.groupby(["region", "period"])["value"].sum()
    regions = counts[counts["level"] == "region"].set_index(["code", "period"])["value"]
    assert len(regions) > 0
    for (code, period), total in regions.items():
        assert total == summed[(code, period)], (indicator, code, period)


def test_coverage(facts):
    people = facts[facts["indicator"] == "cnfs_people_helped_per_1000"]
    for _, group in people.groupby("period"):
        assert group.groupby("level")["code"].nunique().to_dict() == {"department": 101, "nuts0": 1, "region": 18}
    for indicator in ("conseillers_numeriques_per_100k", "aidants_connect_per_100k"):
        for _, group in facts[facts["indicator"] == indicator].groupby("period"):
            assert group.groupby("level")["code"].nunique().to_dict() == {"department": 101, "nuts0": 1, "region": 18}


def test_values_are_finite_non_negative_and_fragility_on_its_scale(facts):
    assert facts["value"].notna().all()
    assert (facts["value"] >= 0).all()
    fragility = facts.loc[facts["indicator"] == "digital_fragility_index", "value"]
    assert fragility.between(0, 10).all()
    assert not facts.duplicated(["level", "code", "indicator", "period"]).any()


def test_every_indicator_has_facts_and_sources_list_their_files(facts, raw_ctx):
    assert set(facts["indicator"]) == {i.id for i in FAMILY.indicators}
    source_ids = {s.id for s in FAMILY.sources}
    for indicator in FAMILY.indicators:
        assert set(indicator.sources) - {"insee_populations_legales"} <= source_ids, indicator.id
    for source in FAMILY.sources:
        for file in source.files:
            assert raw_ctx.file(file.path).path.is_file()


# --- messy inputs -----------------------------------------------------------------------------------------


def test_conventionnees_without_department_code_column_names_it(tmp_path):
    path = tmp_path / "cnfs.csv"
    path.write_text(
        "Raison sociale;Nombre de conseillers validés par le COSELEC;Code commune INSEE\nX;2;2A004\n", encoding="utf-8"
    )
    with pytest.raises(SourceFormatError, match="'Code département'"):
        training.cnfs_posts_2023(RawFile(path, ReadOptions(separator=";")))


def test_conventionnees_semicolon_file_with_unpadded_codes(tmp_path):
    path = tmp_path / "cnfs.csv"
    path.write_bytes(
        (
            "Département;Nombre de conseillers validés par le COSELEC;Code département;Code commune INSEE\n"
            "Ain;2;1;1283\nBas-Rhin;1;67;68224\nCorse-du-Sud;3;2A;2A004\n;1;0;97801\n"
        ).encode("cp1252")
    )
    rows = training.cnfs_posts_2023(RawFile(path, ReadOptions(encoding="cp1252", separator=";")))
    assert rows["department"].tolist() == ["01", "67", "2A"], "code column wins over label; Saint-Martin dropped"
    assert rows["value"].tolist() == [2.0, 1.0, 3.0]


def test_laureates_unpadded_department_codes(tmp_path):
    path = tmp_path / "cnfs.json"
    path.write_text(json.dumps([{"code_département": "2", "nb_cnfs": 4}, {"code_département": "2B", "nb_cnfs": 1}]))
    rows = training.cnfs_posts_2021(RawFile(path))
    assert rows["department"].tolist() == ["02", "2B"]
    with pytest.raises(SourceFormatError, match="'nb_cnfs'"):
        path.write_text(json.dumps([{"code_département": "2"}]))
        training.cnfs_posts_2021(RawFile(path))


def test_aidants_connect_postcodes_without_commune_code(tmp_path):
    path = tmp_path / "ac.csv"
    path.write_text(
        "Name,Is Active,City Insee Code,Zip Code,Nombre d'aidants\n"
        "a,true,,1500,1\n"  # Ain, leading zero lost
        "b,true,,20260,2\n"  # Calvi, Haute-Corse
        "c,true,,20124,3\n"  # Zonza, Corse-du-Sud
        "d,true,,97234,4\n"  # Fort-de-France
        "e,true,, 0400,5\n"  # not a postcode of any department
        "f,false,75107,75007,6\n"  # inactive
        "g,true,2A004,20000,7\n"  # commune code wins
        "h,true,97801,97150,8\n",  # Saint-Martin: not a department
        encoding="utf-8",
    )
    known = {"01", "2A", "2B", "972", "75"}
    rows = training.aidants_rows(RawFile(path, COMMA), known, frozenset())
    assert rows["department"].tolist() == ["01", "2B", "2A", "972", pd.NA, "2A", pd.NA]
    assert rows["value"].tolist() == [1.0, 2.0, 3.0, 4.0, 5.0, 7.0, 8.0]


def test_france_services_geojson_unpadded_department_and_duplicates(tmp_path):
    def feature(dep: str, name: str, commune: str) -> dict:
        props = {"DEPARTEMENT": dep, "lib_france_services": name, "insee_com": commune, "ADRESSE": "1 rue"}
        return {"type": "Feature", "properties": props, "geometry": None}

    path = tmp_path / "fs.geojson"
    features = [feature("1", "A", "01004"), feature("1", "A", "01004"), feature("2B", "B", "2B14")]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    sites = training.france_services_sites(RawFile(path), "2020-10-12")
    assert sites["department"].tolist() == ["01", "01", "2B"]
    assert len(sites.drop_duplicates(["department", "name", "commune", "address"])) == 2


def test_registry_zero_rule():
    rows = pd.DataFrame({"department": ["01", "01", "972"], "value": [1.0, 2.0, 5.0]})
    out = training.registry_counts(rows, {"01", "90", "971", "972"}, "2020-01-10").set_index("code")["value"]
    assert out.to_dict() == {"01": 3.0, "90": 0.0, "972": 5.0}, "metropolitan 0 kept, overseas absent"


def test_commune_department_codes():
    codes = pd.Series(["01283", "2A004", "2B14", "97411", " 75107", "97801", None])
    assert training.commune_department(codes).tolist() == ["01", "2A", "2B", "974", "75", "978", pd.NA]


# --- France (nuts0 FR) ------------------------------------------------------------------------------------


def test_france_cnfs_posts_are_every_post_of_the_101_departments(facts, population, raw_ctx):
    laureates = json.loads((raw_ctx.root / training.CNFS_2021_FILE).read_text(encoding="utf-8"))
    rows = read_rows(raw_ctx.root / training.CNFS_2023_FILE, ";")
    posts = "Nombre de conseillers validés par le COSELEC"
    expected = {
        "2021-06-25": sum(r["nb_cnfs"] for r in laureates),
        "2023-04-05": sum(int(r[posts]) for r in rows if dep_of_commune(r["Code commune INSEE"]) != "978"),
    }
    for period, total in expected.items():
        assert value(facts, "conseillers_numeriques_posts", "nuts0", "FR", period) == total
    rate = per(population, expected["2023-04-05"], "nuts0", "FR", "2023-04-05", 100_000)
    assert value(facts, "conseillers_numeriques_per_100k", "nuts0", "FR", "2023-04-05") == pytest.approx(rate)


@pytest.mark.parametrize("period", list(training.CRA_FILES))
def test_france_people_helped_is_the_sum_of_the_101_departments(facts, population, raw_ctx, period):
    rows = json.loads((raw_ctx.root / training.CRA_FILES[period]).read_text(encoding="utf-8"))
    assert len({r["departement"] for r in rows}) == 101
    expected = per(population, sum(r["usagers"] for r in rows), "nuts0", "FR", period, 1_000)
    assert value(facts, "cnfs_people_helped_per_1000", "nuts0", "FR", period) == pytest.approx(expected)


def test_france_services_france_is_the_number_of_distinct_sites(facts, population, raw_ctx):
    """CSV snapshots: every listed site but Saint-Martin, the 6 duplicated Oise antennas of 2022 counted once."""
    for period, relative in training.FS_CSV_FILES.items():
        rows = [r for r in read_rows(raw_ctx.root / relative) if r["insee_dep"] not in ("977", "978")]
        sites = {(r["insee_dep"], r["lib_fs"], r["insee_com"], r["adresse"]) for r in rows}
        assert value(facts, "france_services_count", "nuts0", "FR", period) == len(sites)
    features = json.loads((raw_ctx.root / training.FS_GEOJSON_FILES["2020-10-12"]).read_text(encoding="utf-8"))
    count = len(features["features"])
    assert value(facts, "france_services_count", "nuts0", "FR", "2020-10-12") == count
    rate = per(population, count, "nuts0", "FR", "2020-10-12", 100_000)
    assert value(facts, "france_services_per_100k", "nuts0", "FR", "2020-10-12") == pytest.approx(rate)


def test_france_services_no_france_total_while_guadeloupe_is_missing(facts):
    for period in ("2020-01-10", "2020-06-17"):
        assert not has_row(facts, "france_services_count", "nuts0", "FR", period)
        assert not has_row(facts, "france_services_per_100k", "nuts0", "FR", period)


@pytest.mark.parametrize("period", list(training.AC_FILES))
def test_france_aidants_connect_is_every_active_helper_outside_saint_martin(facts, population, raw_ctx, period):
    expected = 0
    for row in read_rows(raw_ctx.root / training.AC_FILES[period]):
        outside = row["City Insee Code"].strip()[:3] in ("977", "978") or row["Zip Code"].strip() in ("97133", "97150")
        if row["Is Active"] == "true" and not outside:
            expected += int(row["Nombre d'aidants"])
    assert value(facts, "aidants_connect_count", "nuts0", "FR", period) == expected
    rate = per(population, expected, "nuts0", "FR", period, 100_000)
    assert value(facts, "aidants_connect_per_100k", "nuts0", "FR", period) == pytest.approx(rate)


def test_france_fragility_is_weighted_over_every_scored_commune(facts, raw_ctx):
    population = {}
    for row in read_rows(raw_ctx.root / training.COMMUNES_FILE):
        if row["commune_type"] in ("COM", "ARM") and row["population_2021"] and float(row["population_2021"]) > 0:
            population[row["insee_com"]] = float(row["population_2021"])
    weighted = weights = 0.0
    for row in read_rows(raw_ctx.root / training.IFN_FILE):
        if row["code"] in population and row["total"]:
            weighted += float(row["total"]) * population[row["code"]]
            weights += population[row["code"]]
    assert value(facts, "digital_fragility_index", "nuts0", "FR", "2023") == pytest.approx(weighted / weights)


@pytest.mark.parametrize("indicator", COUNT_INDICATORS)
def test_france_count_is_the_sum_of_the_regions(facts, indicator):
    counts = facts[facts["indicator"] == indicator]
    france = counts[counts["level"] == "nuts0"].set_index("period")["value"]
    regions = counts[counts["level"] == "region"].groupby("period")["value"].agg(["sum", "count"])
    assert len(france) > 0
    for period, total in france.items():
        assert regions.loc[period, "count"] == 18 and regions.loc[period, "sum"] == total, period


# --- Baromètre des résultats de l'action publique (DITP) -------------------------------------------------------


def ditp_raw(root: Path, relative: str) -> dict[tuple[str, str, str], float]:
    """(level, code, period at month end) -> value, read with the csv module: `indic_va`, else `indic_vi`; rows
    without a date or without either value (targets) left out."""
    levels = {"DEPT": "department", "REG": "region", "NAT": "nuts0"}
    out = {}
    for row in read_rows(root / relative):
        raw = row["indic_va"] or row["indic_vi"]
        if not row["metric_enforce_date"] or not raw:
            continue
        level, zone = levels[row["maille"]], row["enforce_zone_id"]
        code = "FR" if level == "nuts0" else zone[1:]
        first = date.fromisoformat(row["metric_enforce_date"])
        end = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        out[(level, code, end.isoformat())] = float(raw)
    return out


@pytest.fixture(scope="module")
def ditp(raw_ctx) -> dict[str, dict[tuple[str, str, str], float]]:
    return {count_id: ditp_raw(raw_ctx.root, relative) for count_id, (relative, _, _) in training.DITP_SERIES.items()}


@pytest.mark.parametrize("count_id", DITP_COUNTS)
def test_ditp_france_is_the_sum_of_departments_and_of_regions(raw_ctx, ditp, count_id):
    """SOURCES.md: France = Σ départements = Σ régions at every date; each region = Σ its departments."""
    series = ditp[count_id]
    regions = raw_ctx.department_region()
    periods = {p for (_, _, p) in series}
    assert len(periods) >= 27
    for period in periods:
        deps = {c: v for (lv, c, p), v in series.items() if lv == "department" and p == period}
        regs = {c: v for (lv, c, p), v in series.items() if lv == "region" and p == period}
        assert len(deps) == 101 and len(regs) == 18, period
        assert sum(deps.values()) == sum(regs.values()) == series[("nuts0", "FR", period)], period
        for region, total in regs.items():
            assert total == sum(v for c, v in deps.items() if regions[c] == region), (period, region)


@pytest.mark.parametrize("count_id", DITP_COUNTS)
def test_ditp_counts_and_rates_match_raw_files(facts, population, ditp, count_id):
    relative, rate_id, by = training.DITP_SERIES[count_id]
    removed = set(training.ENTRY_ERRORS.get(relative, ()))  # listed entry errors, tested on their own
    series = {key: v for key, v in ditp[count_id].items() if key not in removed}
    counts = facts[facts["indicator"] == count_id]
    keys = zip(counts["level"], counts["code"], counts["period"], strict=True)
    assert dict(zip(keys, counts["value"], strict=True)) == series
    rates = facts[facts["indicator"] == rate_id]
    assert len(rates) == len(series)
    for level, code in (
        ("department", "01"),
        ("department", "976"),
        ("region", "06"),
        ("region", "84"),
        ("nuts0", "FR"),
    ):
        for (lv, c, period), count in series.items():
            if (lv, c) == (level, code):
                expected = per(population, count, level, code, period, by)
                assert value(facts, rate_id, level, code, period) == pytest.approx(expected, rel=1e-12)


def test_ditp_mayotte_per_capita_uses_insee_estimate(facts, ditp, raw_ctx):
    """Mayotte's acts per 1 000 in January 2023: divided by ~310 000 (Insee's estimate), not the 2017 census."""
    acts = ditp["france_services_acts"][("department", "976", "2023-01-31")]
    estimates = {r["date"]: float(r["population"]) for r in ref.read_rows(raw_ctx.root / ref.MAYOTTE_FILE)}
    expected = acts / estimates["2023-01-01"] * 1_000  # 1 January 2023 is the latest anchor: held afterwards
    for level, code in (("department", "976"), ("region", "06")):
        got = value(facts, "france_services_acts_per_1000", level, code, "2023-01-31")
        assert got == pytest.approx(expected, rel=1e-12)
        assert got < acts / estimates["2017-09-01"] * 1_000


def test_ditp_caveat_figures_hold_in_the_raw_files(ditp):
    """Figures quoted in the caveats: Ain's accompaniments in June 2023, France's aidants trained falling in July."""
    assert ditp["conseillers_accompaniments"][("department", "01", "2023-06-30")] == 37_075
    trained = ditp["aidants_trained"]
    assert (trained[("nuts0", "FR", "2023-06-30")], trained[("nuts0", "FR", "2023-07-31")]) == (17_479, 17_472)
    accompaniments, trained = entry("conseillers_accompaniments").caveats, entry("aidants_trained").caveats
    assert "37 075" in accompaniments["fr"] and "37,075" in accompaniments["en"]
    assert "17 472" in trained["fr"] and "17,472" in trained["en"]


def test_ditp_published_total_that_is_not_the_sum_of_its_departments_stops_the_build(raw_ctx):
    departments = sorted(raw_ctx.department_region())
    frame = pd.DataFrame({"level": "department", "code": departments, "period": "2024-01-31", "value": 1.0})
    regions = raw_ctx.sum_to_regions(frame)
    france = pd.DataFrame({"level": ["nuts0"], "code": ["FR"], "period": ["2024-01-31"], "value": [101.0]})
    good = pd.concat([frame, regions, france], ignore_index=True)
    training.check_published_sums(raw_ctx, good, RawFile(Path("ind-x.csv"), COMMA))
    bad = good.copy()
    bad.loc[(bad["level"] == "region") & (bad["code"] == "94"), "value"] = 3.0
    with pytest.raises(SourceFormatError, match=r"ind-x\.csv: published totals differ"):
        training.check_published_sums(raw_ctx, bad, RawFile(Path("ind-x.csv"), COMMA))
    partial = good[~((good["level"] == "department") & (good["code"] == "2A"))]
    with pytest.raises(SourceFormatError, match="without all their departments"):
        training.check_published_sums(raw_ctx, partial, RawFile(Path("ind-x.csv"), COMMA))


# --- activity reports (CRA): the caveat's figures -------------------------------------------------------------


def test_people_helped_caveat_figures_hold_in_the_raw_files(raw_ctx):
    """1.20 M users in July 2023, 1.89 M in November (+58 %), against ANCT's 2.2 M people helped in 2022."""
    totals = {
        period: sum(r["usagers"] for r in json.loads((raw_ctx.root / relative).read_text(encoding="utf-8")))
        for period, relative in training.CRA_FILES.items()
    }
    assert round(totals["2023-07-26"] / 1e6, 2) == 1.20
    assert round(totals["2023-11-28"] / 1e6, 2) == 1.89
    assert round((totals["2023-11-28"] / totals["2023-07-26"] - 1) * 100) == 58
    national = read_rows(raw_ctx.root / "training/inclusion_numerique_chiffres_nationaux.csv")
    anct = next(r for r in national if r["indicator"] == "cnfs_en_poste" and r["year"] == "2022")
    assert "2.2M people accompanied" in anct["note"]
    caveats = entry("cnfs_people_helped_per_1000").caveats
    for text in ("1,20 million", "2,2 millions", "58 %", "1,89 million"):
        assert text in caveats["fr"]
    for text in ("1.20 million", "2.2 million", "58%", "1.89 million"):
        assert text in caveats["en"]


def test_corsica_spring_2025_acts_are_ten_times_their_neighbours_and_removed(facts, raw_ctx):
    rows = list(csv.DictReader(raw_ctx.file(f"{training.DITP_DIR}/ind-323.csv").path.open(encoding="utf-8")))
    corse = {
        r["metric_enforce_date"]: float(r["indic_va"]) for r in rows if r["enforce_zone_id"] == "D2A" and r["indic_va"]
    }
    for month in ("2025-04-01", "2025-05-01"):
        assert corse[month] > 8 * max(corse["2024-12-01"], corse["2025-06-01"]), month
    acts = facts[facts["indicator"] == "france_services_acts"]
    kept = set(zip(acts["level"], acts["code"], acts["period"], strict=True))
    for period in ("2025-04-30", "2025-05-31"):
        for key in (("department", "2A"), ("department", "2B"), ("region", "94"), ("nuts0", "FR")):
            assert (*key, period) not in kept
        assert ("department", "2A", "2025-06-30") in kept and ("region", "84", period) in kept


def test_an_entry_error_that_is_no_longer_in_the_file_stops_the_build():
    frame = pd.DataFrame({"level": ["region"], "code": ["94"], "period": ["2025-03-31"], "value": [1.0]})
    with pytest.raises(SourceFormatError, match="2025-04-30"):
        training.drop_entry_errors(frame, (("region", "94", "2025-04-30"),))
    assert training.drop_entry_errors(frame, (("region", "94", "2025-03-31"),)).empty
