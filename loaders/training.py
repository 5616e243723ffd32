"""Digital inclusion and training: conseillers numériques, France Services, Aidants Connect, fragility index.

Registries (lists of structures, sites or posts) are summed per department, then into regions with
`ctx.sum_to_regions` and into France with `ctx.sum_to_france`, so a regional or national figure is always the
sum of its departments, given only when all of them have a value. Per-capita rates divide those sums by the
population on each date (legal vintages interpolated by day, see `loaders.population`).

The Baromètre des résultats de l'action publique (DITP, `barometre_ditp_2025/`) publishes departments, regions and
France itself: those are kept as published, after checking that regions and France are the sums of their
departments (`check_published_sums`).

Zero or absent: every registry here is the national list of the programme at its date. A metropolitan
department without any row therefore has 0 (e.g. Territoire de Belfort had no France Services site in 2020).
An overseas department without any row stays absent: the early France Services lists did not cover all of
the overseas departments (Guadeloupe has no site before October 2020 while Martinique, Guyane, La Réunion and
Mayotte do), so a missing overseas department is read as "not collected", not as 0.

Other choices:
- France Services: every site counts, main sites and antennas alike, because the January 2020 file has no
  format column; that is the only definition the five snapshots share (antennas are 4-8% of sites later).
- Conseillers numériques: the department is the one the programme declares for the posts (`code_département`,
  `Code département`), not the geocoded head office: national networks based in Paris hold posts elsewhere.
- Aidants Connect: a structure sits in its commune's department, except when its (commune code, postcode) pair is
  not a pair of the postcode base (`datas_fun/communes.csv`, one row per commune and postcode) and the postcode
  points to another department: then the postcode wins (31 structures carry Moyenvic's code 57490 as a
  placeholder; a Carentan CCAS has La Réunion's 97407). Pairs of the base stay put even across departments
  (Claret 04058 has the postcode 05110).
- Fragility: commune scores weighted by 2021 population, regions and France from summed numerators and
  denominators (France over every scored commune with a population, hence without Mayotte).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import pandas as pd

from loaders.codes import FRANCE_CODE, FRANCE_LEVEL, department_code, department_from_postcode
from loaders.ditp import read_ditp
from loaders.io import RawFile, SourceFormatError, read_csv, read_json, require_columns, to_number
from loaders.tidy import tidy

if TYPE_CHECKING:
    from loaders.context import BuildContext

log = logging.getLogger(__name__)

CNFS_2021_FILE = "training/cnfs_structures_laureates_2021-06.json"
CNFS_2023_FILE = "training/cnfs_structures_conventionnees_2023-04-05.csv"
CNFS_PERIODS = {CNFS_2021_FILE: "2021-06-25", CNFS_2023_FILE: "2023-04-05"}
CNFS_2023_DEPARTMENT = "Code département"
CNFS_2023_POSTS = "Nombre de conseillers validés par le COSELEC"
CNFS_2023_COMMUNE = "Code commune INSEE"

CRA_FILES = {d: f"training/cnfs_cra_par_departement_{d}.json" for d in ("2023-07-26", "2023-11-28", "2024-02-22")}

FS_GEOJSON_FILES = {d: f"training/france_services_{d}.geojson" for d in ("2020-01-10", "2020-06-17", "2020-10-12")}
FS_CSV_FILES = {d: f"training/france_services_liste_{d}.csv" for d in ("2022-12-01", "2024-08-01")}

AC_FILES = {d: f"training/aidants_connect_structures_{d}.csv" for d in ("2023-07-18", "2023-11-28", "2024-02-12")}
AC_COLUMNS = ["Is Active", "City Insee Code", "Zip Code", "Nombre d'aidants"]

DITP_DIR = "training/barometre_ditp_2025"
# Count indicator id -> (file, rate indicator id, per how many inhabitants).
# Values ten times their neighbouring months (Corsica, April-May 2025), and the totals that include them.
ENTRY_ERRORS = {
    f"{DITP_DIR}/ind-323.csv": tuple(
        (level, code, period)
        for period in ("2025-04-30", "2025-05-31")
        for level, code in (("department", "2A"), ("department", "2B"), ("region", "94"), ("nuts0", "FR"))
    )
}
DITP_SERIES = {
    "conseillers_accompaniments": (f"{DITP_DIR}/ind-736.csv", "conseillers_accompaniments_per_1000", 1_000),
    "aidants_trained": (f"{DITP_DIR}/ind-734.csv", "aidants_trained_per_100k", 100_000),
    "france_services_acts": (f"{DITP_DIR}/ind-323.csv", "france_services_acts_per_1000", 1_000),
}

IFN_FILE = "training/indice_fragilite_numerique_communes.csv"
COMMUNES_FILE = "population/datas_fun/communes.csv"
IFN_PERIOD = "2023"
# Paris, Lyon and Marseille appear in the commune file only as arrondissements (ARM), which is also how the
# fragility index scores them; communes déléguées (COMD) would count populations twice.
COMMUNE_TYPES = ("COM", "ARM")

# Overseas collectivities that are not departments (Saint-Barthélemy, Saint-Martin): dropped from every count.
NOT_DEPARTMENTS = ("977", "978")


_PUBLISHED_FR = "Régions et France telles que publiées (égales à la somme des départements, vérifié à chaque date)."
_PUBLISHED_EN = "Regions and France as published (equal to the sum of their departments, checked at every date)."
_FS_ACTS_FR = (
    "Flux du mois, pas un cumul. Mois publiés irréguliers : mai 2022 (valeur initiale), puis de janvier 2023 à juin "
    "2026 avec des mois manquants ; variations saisonnières (août bas) : comparer des mêmes mois. " + _PUBLISHED_FR
)
_FS_ACTS_EN = (
    "A monthly flow, not a cumulative count. Irregular months: May 2022 (initial value), then January 2023 to June "
    "2026 with months missing; seasonal swings (August low): compare like months. " + _PUBLISHED_EN
)
_FS_ACTS_FR += (
    " Corse, avril et mai 2025 : le fichier donne des actes dix fois plus nombreux que les mois voisins (Corse-du-Sud "
    "52 629 et 55 504, Haute-Corse 51 548 et 54 087, contre 4 200 à 5 000 environ avant et après), manifestement "
    "une erreur de saisie : ces deux mois sont retirés pour la Corse, ses départements et la France, dont le total "
    "les inclut."
)
_FS_ACTS_EN += (
    " Corsica, April and May 2025: the file gives ten times as many acts as the neighbouring months (Corse-du-Sud "
    "52,629 and 55,504, Haute-Corse 51,548 and 54,087, against about 4,200 to 5,000 before and after), plainly an "
    "entry error: those two months are removed for Corsica, its departments and France, whose total includes them."
)


def commune_department(codes: pd.Series) -> pd.Series:
    """Department of INSEE commune codes: 2 characters (2A/2B kept), 3 for the overseas 97x codes."""
    text = codes.astype("string").str.strip().str.upper()
    return text.str[:2].where(~text.str.startswith("97").fillna(False), text.str[:3])


def only_departments(departments: pd.Series, known: set[str]) -> pd.Series:
    """Department codes kept when they are COG departments; anything else (00, 977, 978) becomes missing."""
    return departments.where(departments.isin(known))


def registry_counts(rows: pd.DataFrame, known: set[str], period: str) -> pd.DataFrame:
    """Rows (department, value) of a national registry summed per department (zero rule in the module docstring)."""
    sums = rows.groupby("department")["value"].sum()
    metropolitan = {d for d in known if not d.startswith("97")}
    sums = sums.reindex(sorted(set(sums.index) | metropolitan), fill_value=0.0)
    return pd.DataFrame({"level": "department", "code": sums.index, "period": period, "value": sums.to_numpy()})


def cnfs_posts_2021(path: RawFile) -> pd.DataFrame:
    """Posts of the 2021 laureates per declared department (`code_département` is not zero-padded)."""
    rows = require_columns(pd.DataFrame(read_json(path)), ["code_département", "nb_cnfs"], path)
    return pd.DataFrame(
        {"department": rows["code_département"].map(department_code), "value": to_number(rows["nb_cnfs"], path)}
    )


def cnfs_posts_2023(path: RawFile) -> pd.DataFrame:
    """Posts validated by April 2023 per `Code département` (the `Département` label is sometimes wrong)."""
    rows = read_csv(path, [CNFS_2023_DEPARTMENT, CNFS_2023_POSTS, CNFS_2023_COMMUNE])
    rows = rows[~commune_department(rows[CNFS_2023_COMMUNE]).isin(NOT_DEPARTMENTS)]
    return pd.DataFrame(
        {
            "department": rows[CNFS_2023_DEPARTMENT].map(department_code),
            "value": to_number(rows[CNFS_2023_POSTS], path),
        }
    )


def cnfs_posts(ctx: BuildContext) -> pd.DataFrame:
    """Department counts of CNFS posts at both dates."""
    known = set(ctx.department_region())
    readers = {CNFS_2021_FILE: cnfs_posts_2021, CNFS_2023_FILE: cnfs_posts_2023}
    return pd.concat(
        [registry_counts(read(ctx.file(f)), known, CNFS_PERIODS[f]) for f, read in readers.items()], ignore_index=True
    )


def cra_people(ctx: BuildContext) -> pd.DataFrame:
    """Cumulative unique users per department at each CRA snapshot (no zero filling: the files list all 101)."""
    frames = []
    for period, relative in CRA_FILES.items():
        path = ctx.file(relative)
        rows = require_columns(pd.DataFrame(read_json(path)), ["departement", "usagers"], path)
        frames.append(
            pd.DataFrame(
                {
                    "level": "department",
                    "code": rows["departement"].map(department_code),
                    "period": period,
                    "value": to_number(rows["usagers"], path),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def france_services_sites(path: RawFile, period: str) -> pd.DataFrame:
    """Sites of one snapshot: department as stated by the list, name, commune, address.

    The 2020 GeoJSON files give `DEPARTEMENT` unpadded ('1'); the CSVs give `insee_dep`, kept rather than the
    commune code because 26 antennas of 2022 have no commune and an Eure bus is based in Rouen.
    """
    if path.path.suffix == ".geojson":
        props = pd.DataFrame([f["properties"] for f in read_json(path)["features"]])
        columns = {
            "DEPARTEMENT": "department",
            "lib_france_services": "name",
            "insee_com": "commune",
            "ADRESSE": "address",
        }
        rows = require_columns(props, list(columns), path).rename(columns=columns)
    else:
        columns = {"insee_dep": "department", "lib_fs": "name", "insee_com": "commune", "adresse": "address"}
        rows = read_csv(path, list(columns)).rename(columns=columns)
    rows = rows[list(columns.values())].astype("string")
    rows["department"] = rows["department"].map(department_code)
    return rows.assign(period=period)


def france_services_counts(ctx: BuildContext) -> pd.DataFrame:
    """Sites per department and snapshot, main sites and antennas alike, exact duplicates counted once."""
    known = set(ctx.department_region())
    files = {**FS_GEOJSON_FILES, **FS_CSV_FILES}
    frames = []
    for period, relative in files.items():
        sites = france_services_sites(ctx.file(relative), period)
        sites = sites[~sites["department"].isin(NOT_DEPARTMENTS)]
        sites = sites.drop_duplicates(["department", "name", "commune", "address"])
        frames.append(registry_counts(sites.assign(value=1.0), known, period))
    return pd.concat(frames, ignore_index=True)


def postcode(values: pd.Series) -> pd.Series:
    """Postcodes as 5 digits (lost leading zeros restored); blanks missing."""
    digits = values.astype("string").str.replace(r"\D", "", regex=True)
    return digits.where(digits.str.len() > 0).str.zfill(5)


def postcode_pairs(ctx: BuildContext) -> frozenset[tuple[str, str]]:
    """Every (commune code, postcode) pair of the postcode base (one row per commune and postcode)."""
    path = ctx.file(COMMUNES_FILE)
    rows = read_csv(path, ["insee_com", "code_postal"])
    return frozenset(zip(rows["insee_com"].str.strip(), postcode(rows["code_postal"]), strict=True))


def aidants_rows(path: RawFile, known: set[str], pairs: frozenset[tuple[str, str]]) -> pd.DataFrame:
    """Active structures: department, helper count, and whether the postcode overrode the commune code (`moved`).

    The department is the commune code's, else the postcode's. A commune code moves to its postcode's department
    only when the (commune code, postcode) pair is not in `pairs` and the postcode points to another department, so
    communes that legitimately carry another department's postcode stay put. Structures that can be located nowhere
    keep a missing department, so callers can count them.
    """
    rows = read_csv(path, AC_COLUMNS)
    rows = rows[rows["Is Active"].str.strip().str.lower() == "true"]
    commune = rows["City Insee Code"].astype("string").str.strip().str.upper()
    zip_code = postcode(rows["Zip Code"])
    from_commune = commune_department(commune)
    from_postcode = zip_code.map(department_from_postcode, na_action="ignore").astype("string")
    known_pair = pd.Series([(c, z) in pairs for c, z in zip(commune, zip_code, strict=True)], index=rows.index)
    moved = (from_commune.notna() & from_postcode.notna() & ~known_pair & (from_commune != from_postcode)).fillna(False)
    department = only_departments(from_commune.where(~moved, from_postcode).fillna(from_postcode), known)
    return pd.DataFrame(
        {"department": department, "value": to_number(rows["Nombre d'aidants"], path), "moved": moved.astype(bool)}
    )


def aidants_counts(ctx: BuildContext) -> pd.DataFrame:
    """Active helpers per department and snapshot; the structures moved to their postcode's department are logged."""
    known = set(ctx.department_region())
    pairs = postcode_pairs(ctx)
    frames = []
    for period, relative in AC_FILES.items():
        rows = aidants_rows(ctx.file(relative), known, pairs)
        log.warning(
            "%s: %d active Aidants Connect structures (%d helpers) placed by postcode, their commune code and "
            "postcode not being a pair of %s",
            relative,
            rows["moved"].sum(),
            rows.loc[rows["moved"], "value"].sum(),
            COMMUNES_FILE,
        )
        frames.append(registry_counts(rows.dropna(subset=["department"]), known, period))
    return pd.concat(frames, ignore_index=True)


def ditp_counts(ctx: BuildContext, relative: str) -> pd.DataFrame:
    """One Baromètre series as published (department, region, France), its sums checked, entry errors removed."""
    path = ctx.file(relative)
    frame = read_ditp(path)
    check_published_sums(ctx, frame, path)
    return drop_entry_errors(frame, ENTRY_ERRORS.get(relative, ()))


def drop_entry_errors(frame: pd.DataFrame, errors: tuple[tuple[str, str, str], ...]) -> pd.DataFrame:
    """Rows listed as entry errors (level, code, period) are removed; the build stops if one is no longer there."""
    keys = list(zip(frame["level"], frame["code"], frame["period"], strict=True))
    gone = [e for e in errors if e not in keys]
    if gone:
        raise SourceFormatError(f"entry errors listed but not found (the file changed?): {gone}")
    return frame[[k not in set(errors) for k in keys]].reset_index(drop=True)


def check_published_sums(ctx: BuildContext, frame: pd.DataFrame, path: RawFile) -> None:
    """Regions and France equal the sum of their departments wherever all of them are published."""
    deps = frame[frame["level"] == "department"]
    sums = pd.concat([ctx.sum_to_regions(deps), ctx.sum_to_france(deps)], ignore_index=True)
    published = frame[frame["level"] != "department"]
    both = published.merge(sums, on=["level", "code", "period"], how="left", suffixes=("", "_sum"))
    unchecked = both[both["value_sum"].isna()]
    if not unchecked.empty:
        raise SourceFormatError(f"{path}: regional or national values without all their departments:\n{unchecked}")
    differs = both[both["value"] != both["value_sum"]]
    if not differs.empty:
        raise SourceFormatError(f"{path}: published totals differ from the sum of their departments:\n{differs}")


def commune_population(ctx: BuildContext) -> pd.DataFrame:
    """One row per commune (or PLM arrondissement): insee_com, department, population 2021 (> 0 only)."""
    path = ctx.file(COMMUNES_FILE)
    rows = read_csv(path, ["insee_com", "insee_dep", "commune_type", "population_2021"])
    rows = rows[rows["commune_type"].isin(COMMUNE_TYPES)].drop_duplicates("insee_com")
    out = pd.DataFrame(
        {
            "insee_com": rows["insee_com"],
            "department": rows["insee_dep"],
            "population": to_number(rows["population_2021"], path),
        }
    )
    return out[out["population"] > 0]


def fragility_scores(ctx: BuildContext) -> pd.DataFrame:
    """Commune scores with their population (insee_com, department, population, score); communes lacking one dropped."""
    path = ctx.file(IFN_FILE)
    ifn = read_csv(path, ["code", "total"])
    scores = pd.DataFrame({"insee_com": ifn["code"], "score": to_number(ifn["total"], path)}).dropna()
    outside = scores[~scores["score"].between(0, 10)]
    if not outside.empty:
        raise SourceFormatError(f"{path}: 'total' outside the 0-10 scale, e.g. {outside.iloc[0].to_dict()}")
    return scores.merge(commune_population(ctx), on="insee_com", how="inner", validate="one_to_one")


def fragility_index(ctx: BuildContext) -> pd.DataFrame:
    """Population-weighted mean score per department, region and France.

    Regions need every department scored; France is weighted over every scored commune with a population (the
    index is a mean over people, so Mayotte, without commune population, is simply outside it).
    """
    scores = fragility_scores(ctx)
    sums = scores.assign(weighted=scores["score"] * scores["population"]).groupby("department")
    parts = sums[["weighted", "population"]].sum().reset_index()
    long = parts.melt(id_vars="department", var_name="indicator", value_name="value")
    long = long.rename(columns={"department": "code"}).assign(level="department", period=IFN_PERIOD)
    known = long[long["code"].isin(ctx.department_region())]
    france = known.groupby(["indicator", "period"], as_index=False)["value"].sum()
    france = france.assign(level=FRANCE_LEVEL, code=FRANCE_CODE)
    both = pd.concat([long, ctx.sum_to_regions(long), france], ignore_index=True)
    wide = both.pivot_table(index=["level", "code", "period"], columns="indicator", values="value").reset_index()
    return wide.assign(value=wide["weighted"] / wide["population"])[["level", "code", "period", "value"]]


def count_and_rate(
    ctx: BuildContext, counts: pd.DataFrame, count_id: str | None, rate_id: str, per: int
) -> list[pd.DataFrame]:
    """Department counts with their regional and national sums, as a count indicator (optional) and a rate."""
    both = pd.concat([counts, ctx.sum_to_regions(counts), ctx.sum_to_france(counts)], ignore_index=True)
    return counts_with_rate(ctx, both, count_id, rate_id, per)


def counts_with_rate(
    ctx: BuildContext, counts: pd.DataFrame, count_id: str | None, rate_id: str, per: int
) -> list[pd.DataFrame]:
    """Counts at every level as they are, as a count indicator (optional) and a rate per `per` inhabitants."""
    rate = ctx.per_capita(counts, per).dropna(subset=["value"])
    out = [tidy(rate, rate_id)]
    if count_id:
        out.append(tidy(counts, count_id))
    return out


def facts(ctx: BuildContext) -> pd.DataFrame:
    """All training and inclusion indicators: departments, regions and France."""
    frames = [
        *count_and_rate(
            ctx, cnfs_posts(ctx), "conseillers_numeriques_posts", "conseillers_numeriques_per_100k", 100_000
        ),
        *count_and_rate(ctx, cra_people(ctx), None, "cnfs_people_helped_per_1000", 1_000),
        *count_and_rate(ctx, france_services_counts(ctx), "france_services_count", "france_services_per_100k", 100_000),
        *count_and_rate(ctx, aidants_counts(ctx), "aidants_connect_count", "aidants_connect_per_100k", 100_000),
        *[
            frame
            for count_id, (relative, rate_id, per) in DITP_SERIES.items()
            for frame in counts_with_rate(ctx, ditp_counts(ctx, relative), count_id, rate_id, per)
        ],
        tidy(fragility_index(ctx), "digital_fragility_index"),
    ]
    return pd.concat(frames, ignore_index=True)
