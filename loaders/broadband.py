"""Fixed and mobile network infrastructure: FttH coverage, eligibility by speed, mobile sites (ARCEP).

Four ARCEP bases coexist and are never spliced: the observatoire's "meilleure estimation des locaux"
(baromètre rates 2017-2022 and raw counts), and the address base of "Ma connexion internet" (2022 and 2026).
"""

from __future__ import annotations

import pandas as pd

from loaders.catalogue import ESTIMATE, NOT_COVERED
from loaders.codes import FRANCE_CODE, FRANCE_LEVEL, department_code, region_code, region_code_from_name
from loaders.context import BuildContext
from loaders.ditp import read_ditp, undated_zones
from loaders.io import RawFile, SourceFormatError, read_csv, read_json, to_number
from loaders.tidy import tidy

BAROMETRE_NATIONAL_FILE = "broadband/barometre_etalab_2022t3/OVQ-THD-national.json"
BAROMETRE_REGIONS_FILE = "broadband/barometre_etalab_2022t3/OVQ-THD-regional.json"
BAROMETRE_DEPARTMENTS_FILE = "broadband/barometre_etalab_2022t3/OVQ-THD-departemental.json"
COMMUNES_FILE = "broadband/arcep_maconnexion_2022t4_tibouyou/communes_maconnexion_2022-12-31.csv"
MACONNEXION_2026_FILE = "broadband/arcep_maconnexion_2026t2_codealchemist/arcep-france.json"
SITES_REGIONS_FILE = "broadband/arcep_sites_mobiles_2024_pmehaud/mobile_sites_by_region_operator.csv"
SITES_DEPARTMENTS_FILE = "broadband/arcep_sites_mobiles_2024_pmehaud/mobile_sites_by_departement_operator.csv"
OBS_REGIONS_FILE = "broadband/arcep_obs_2022t2_victger/regions_final.csv"
OBS_DEPARTMENTS_FILE = "broadband/arcep_obs_2022t2_victger/departements_final.csv"
DITP_FTTH_FILE = "broadband/barometre_ditp_2025t1/ind-306.csv"
DITP_4G_FILE = "broadband/barometre_ditp_2025t1/ind-324.csv"

BAROMETRE_SERIES = "taux-deploiement-fibre"
# First quarter of the regional and department series; the national file starts in 2017 T1, but France is
# kept from the same quarter so that it always sits next to its regions.
BAROMETRE_START = "2017-12-31"
# The regional baromètre file repeats another region's values on these quarters (checked against the
# department series and the ARCEP counts): Normandie carries Île-de-France's, Grand Est carries Corse's.
COPIED_FROM = {"28": "11", "44": "94"}
COPIED_QUARTERS = (
    "2018-03-31",
    "2018-06-30",
    "2018-09-30",
    "2018-12-31",
    "2019-03-31",
    "2019-06-30",
    "2019-09-30",
    "2020-03-31",
)

ELIGIBILITY_COLUMNS = {
    "elig_bhd8": "good_speed_eligibility",
    "elig_thd30": "thd30_eligibility",
    "elig_thd100": "thd100_eligibility",
    "elig_thd1g": "gigabit_eligibility",
}
COMMUNE_COLUMNS = ["code_insee", "code_dep", "code_reg", "nbr", *ELIGIBILITY_COLUMNS, "date"]
# Where the 2017-2022 and 2022-2025 files overlap they may differ by the old file's integer rounding only.
OVERLAP_TOLERANCE = 0.5
# The 2022-2025 values are published with two decimals; one is shown.
SHOWN_DECIMALS = 1
SHARES_2026 = {"ftth": "ftth_coverage_2026", "thd30": "thd30_eligibility_2026"}
SITES_PERIOD = "2024"
QUARTER_END = {"1": "03-31", "2": "06-30", "3": "09-30", "4": "12-31"}


def read_barometre(path: RawFile, key: str | None) -> pd.DataFrame:
    """One baromètre JSON file as code, period, value, as published.

    `key` names the territory code ('reg' or 'dep'); the national file has none (key None): its code is FR.
    """
    records = read_json(path)
    missing = [k for k in (key, BAROMETRE_SERIES) if k and any(k not in r for r in records)]
    if missing:
        raise SourceFormatError(f"{path}: key {missing[0]!r} is missing from some territories")
    rows = [(r[key] if key else FRANCE_CODE, p["date"], p["value"]) for r in records for p in r[BAROMETRE_SERIES]]
    frame = pd.DataFrame(rows, columns=["code", "period", "value"])
    frame["value"] = pd.to_numeric(frame["value"], errors="raise").astype("float64")
    return frame.dropna(subset=["value"])


def drop_copied_regions(regions: pd.DataFrame) -> pd.DataFrame:
    """Regional values that merely repeat the donor region's value on the listed quarters are removed."""
    donor = regions.rename(columns={"code": "donor", "value": "donor_value"})
    out = regions.assign(donor=regions["code"].map(COPIED_FROM)).merge(donor, on=["donor", "period"], how="left")
    copied = out["period"].isin(COPIED_QUARTERS) & (out["value"] == out["donor_value"])
    return out.loc[~copied, ["code", "period", "value"]]


def department_premises(ctx: BuildContext) -> pd.Series:
    """ARCEP's T2 2022 best estimate of premises per metropolitan department: the only premises count for 2018-2020."""
    file = ctx.file(OBS_DEPARTMENTS_FILE)
    raw = read_csv(file, ["code_departement", "meilleure_estimation_des_locaux_t2_2022"])
    frame = pd.DataFrame(
        {
            "code": raw["code_departement"].map(department_code),
            "premises": to_number(raw["meilleure_estimation_des_locaux_t2_2022"], file),
        }
    ).drop_duplicates()
    if frame["code"].duplicated().any():
        raise SourceFormatError(f"{OBS_DEPARTMENTS_FILE}: several premises estimates for one department")
    return frame.set_index("code")["premises"]


def premises_weighted(departments: pd.DataFrame, weights: pd.Series, parent: dict[str, str]) -> pd.DataFrame:
    """Department rates (code, period, value) averaged into their parents, weighted by premises.

    A parent gets a value only where every one of its departments has a rate and a weight: a partial average
    would not describe the parent.
    """
    frame = departments.assign(parent=departments["code"].map(parent), weight=departments["code"].map(weights))
    frame = frame.dropna(subset=["parent", "weight", "value"]).assign(weighted=lambda f: f["value"] * f["weight"])
    sums = frame.groupby(["parent", "period"], as_index=False).agg(
        weighted=("weighted", "sum"), weight=("weight", "sum"), n=("code", "nunique")
    )
    expected = pd.Series(parent).value_counts()
    sums = sums[sums["n"] == sums["parent"].map(expected)]
    return pd.DataFrame(
        {"code": sums["parent"], "period": sums["period"], "value": sums["weighted"] / sums["weight"]}
    ).reset_index(drop=True)


def recover_copied_regions(regions: pd.DataFrame, departments: pd.DataFrame, ctx: BuildContext) -> pd.DataFrame:
    """The regional values the publisher copied from another region, estimated from the region's departments."""
    parent = {d: r for d, r in ctx.department_region().items() if r in COPIED_FROM}
    estimates = premises_weighted(departments, department_premises(ctx), parent)
    estimates = estimates[estimates["period"].isin(COPIED_QUARTERS)]
    published = set(zip(regions["code"], regions["period"], strict=True))
    missing = [key not in published for key in zip(estimates["code"], estimates["period"], strict=True)]
    return estimates[missing].assign(flag=ESTIMATE, decimals=0)


def check_overlap(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """Both files' values where they overlap; the build stops, naming them, if they differ beyond rounding.

    The 2017-2022 file publishes whole percentages, the 2022-2025 file two decimals of the same ARCEP series,
    so a difference above half a point means the publisher restated the series.
    """
    both = old.merge(new, on=["level", "code", "period"], suffixes=("_old", "_new"))
    if both.empty:
        raise SourceFormatError(f"{DITP_FTTH_FILE} no longer overlaps {BAROMETRE_REGIONS_FILE}: cannot check it")
    moved = both[(both["value_new"] - both["value_old"]).abs() > OVERLAP_TOLERANCE + 1e-9]
    if not moved.empty:
        raise SourceFormatError(
            f"{DITP_FTTH_FILE} differs from the 2017-2022 baromètre by more than {OVERLAP_TOLERANCE} point on "
            f"{len(moved)} values (a restatement to look at):\n{moved.to_string(index=False)}"
        )
    return both


def ftth_coverage_2022(ctx: BuildContext) -> pd.DataFrame:
    """The 2017 T4 - 2022 T3 baromètre: whole percentages, the copied regional quarters estimated."""
    france = read_barometre(ctx.file(BAROMETRE_NATIONAL_FILE), None).assign(level=FRANCE_LEVEL)
    regions = drop_copied_regions(read_barometre(ctx.file(BAROMETRE_REGIONS_FILE), "reg"))
    deps = read_barometre(ctx.file(BAROMETRE_DEPARTMENTS_FILE), "dep")
    deps["code"] = deps["code"].map(department_code)
    regions = pd.concat([regions, recover_copied_regions(regions, deps, ctx)], ignore_index=True)
    frame = pd.concat(
        [france, regions.assign(level="region"), deps.assign(level="department")], ignore_index=True
    ).fillna({"decimals": 0})
    return frame[frame["period"] >= BAROMETRE_START]


def ftth_coverage_facts(ctx: BuildContext) -> pd.DataFrame:
    """One official quarterly FttH series, 2017 T4 - 2025 T1, France, regions and departments.

    The 2022-2025 file takes over from its first quarter (T2 2022), after checking the overlap.
    """
    old = ftth_coverage_2022(ctx)
    new = read_ditp(ctx.file(DITP_FTTH_FILE)).assign(decimals=SHOWN_DECIMALS)
    check_overlap(old, new)
    frame = pd.concat([old[old["period"] < new["period"].min()], new], ignore_index=True)
    return tidy(frame, "ftth_coverage")


def new_deal_facts(ctx: BuildContext) -> pd.DataFrame:
    """4G sites of the New Deal Mobile; zones the file lists without a date are outside the programme."""
    path = ctx.file(DITP_4G_FILE)
    sites = read_ditp(path)
    periods = pd.DataFrame({"period": sorted(sites["period"].unique())})
    outside = undated_zones(path).merge(periods, how="cross").assign(value=float("nan"), flag=NOT_COVERED)
    return tidy(pd.concat([sites, outside], ignore_index=True), "new_deal_4g_sites")


def read_commune_eligibility(path: RawFile) -> pd.DataFrame:
    """Commune eligibility counts: codes as INSEE strings (region None for Saint-Barthélemy/Saint-Martin)."""
    raw = read_csv(path, COMMUNE_COLUMNS)
    frame = pd.DataFrame(
        {
            "code_insee": raw["code_insee"],
            "department": raw["code_dep"].map(department_code),
            "region": raw["code_reg"].map(region_code),
            "period": raw["date"].str.strip(),
        }
    )
    for column in ["nbr", *ELIGIBILITY_COLUMNS]:
        frame[column] = to_number(raw[column], path)
    return frame


def eligibility_rates(communes: pd.DataFrame) -> pd.DataFrame:
    """Eligible / total premises summed per department, region and France (the COM 977/978 are no region: dropped)."""
    communes = communes.dropna(subset=["region"]).assign(**{FRANCE_LEVEL: FRANCE_CODE})
    counts = ["nbr", *ELIGIBILITY_COLUMNS]
    frames = []
    for level in ("department", "region", FRANCE_LEVEL):
        sums = communes.groupby([level, "period"], as_index=False)[counts].sum(min_count=1)
        sums = sums.rename(columns={level: "code"}).assign(level=level)
        long = sums.melt(["level", "code", "period", "nbr"], list(ELIGIBILITY_COLUMNS), "indicator", "eligible")
        long["value"] = long["eligible"] / long["nbr"] * 100
        long["indicator"] = long["indicator"].map(ELIGIBILITY_COLUMNS)
        frames.append(long)
    out = pd.concat(frames, ignore_index=True)
    return tidy(out.dropna(subset=["value"]))


def eligibility_facts(ctx: BuildContext) -> pd.DataFrame:
    """Eligibility by speed class at the end of 2022, departments and regions."""
    return eligibility_rates(read_commune_eligibility(ctx.file(COMMUNES_FILE)))


def read_maconnexion_2026(path: RawFile) -> pd.DataFrame:
    """Department shares and premises of the 2026 file: code, period, premises, ftth, thd30."""
    data = read_json(path)
    if "departments" not in data or "date" not in data:
        raise SourceFormatError(f"{path}: keys 'departments' and 'date' are expected")
    frame = pd.DataFrame.from_dict(data["departments"], orient="index")
    frame = frame.rename_axis("iso").reset_index()
    for column in ("premises", *SHARES_2026):
        if column not in frame.columns:
            raise SourceFormatError(f"{path}: field {column!r} is missing from the departments")
        frame[column] = pd.to_numeric(frame[column], errors="raise").astype("float64")
    frame["code"] = frame["iso"].map(department_code)
    return frame.assign(period=data["date"])[["code", "period", "premises", *SHARES_2026]]


def maconnexion_2026_facts(ctx: BuildContext) -> pd.DataFrame:
    """The 2026 department shares, and regions' and France's weighted by premises (address base, kept apart)."""
    frame = read_maconnexion_2026(ctx.file(MACONNEXION_2026_FILE))
    dep_region = ctx.department_region()
    parents = {"region": dep_region, FRANCE_LEVEL: dict.fromkeys(dep_region, FRANCE_CODE)}
    weights = frame.set_index("code")["premises"]
    out = []
    for column, indicator in SHARES_2026.items():
        departments = frame.rename(columns={column: "value"})[["code", "period", "value"]].dropna(subset=["value"])
        out.append(tidy(departments.assign(level="department"), indicator))
        for level, parent in parents.items():
            out.append(tidy(premises_weighted(departments, weights, parent).assign(level=level), indicator))
    return pd.concat(out, ignore_index=True)


def read_mobile_sites(path: RawFile, code_column: str) -> pd.DataFrame:
    """Sites summed over the four operators (the file's `Total`): code, value."""
    raw = read_csv(path, [code_column, "Total"])
    return pd.DataFrame({"code": raw[code_column].str.strip(), "value": to_number(raw["Total"], path)})


def mobile_sites_facts(ctx: BuildContext) -> pd.DataFrame:
    """Sites per 100 000 inhabitants; the region file is used as published, not re-summed from departments."""
    regions = read_mobile_sites(ctx.file(SITES_REGIONS_FILE), "code_region").assign(level="region")
    regions["code"] = regions["code"].map(region_code)
    deps = read_mobile_sites(ctx.file(SITES_DEPARTMENTS_FILE), "code_departement").assign(level="department")
    deps["code"] = deps["code"].map(department_code)
    counts = pd.concat([regions, deps], ignore_index=True).assign(period=SITES_PERIOD)
    rates = ctx.per_capita(counts, 100_000)
    return tidy(rates.dropna(subset=["value"]), "mobile_sites_per_100k")


def read_ftth_counts(path: RawFile, level: str) -> pd.DataFrame:
    """Observatoire FttH counts: regions are joined on their name (the file's region code is empty)."""
    name, code = ("nom_region", "code_region") if level == "region" else ("nom_departement", "code_departement")
    raw = read_csv(path, [code, name, "annee", "trimestre", "nombre_de_logements_raccordables"])
    codes = (
        raw[name].map(lambda n: region_code_from_name(n, str(path)))
        if level == "region"
        else raw[code].map(department_code)
    )
    quarter_end = raw["trimestre"].str.strip().map(QUARTER_END)
    if quarter_end.isna().any():
        raise SourceFormatError(f"{path}: column 'trimestre' holds a value other than 1-4")
    return pd.DataFrame(
        {
            "level": level,
            "code": codes,
            "period": raw["annee"].str.strip() + "-" + quarter_end,
            "value": to_number(raw["nombre_de_logements_raccordables"], path),
        }
    )


def ftth_counts_facts(ctx: BuildContext) -> pd.DataFrame:
    """Connectable premises as published per region and department (metropolitan France only)."""
    frames = [
        read_ftth_counts(ctx.file(OBS_REGIONS_FILE), "region"),
        read_ftth_counts(ctx.file(OBS_DEPARTMENTS_FILE), "department"),
    ]
    frame = pd.concat(frames, ignore_index=True)
    return tidy(frame.dropna(subset=["value"]), "ftth_premises_connectable")


def facts(ctx: BuildContext) -> pd.DataFrame:
    """Every broadband indicator in the tidy fact shape."""
    return pd.concat(
        [
            ftth_coverage_facts(ctx),
            ftth_counts_facts(ctx),
            maconnexion_2026_facts(ctx),
            eligibility_facts(ctx),
            mobile_sites_facts(ctx),
            new_deal_facts(ctx),
        ],
        ignore_index=True,
    )
