"""Digital usage: Eurostat ICT household survey (NUTS regions, French regions derived), Insee illectronism,
and the France Num business-adoption counts of the Baromètre des résultats de l'action publique.

Eurostat publishes the regional survey by NUTS code. For France, NUTS 1 are the 13 metropolitan regions and
NUTS 2 the 22 pre-2016 regions plus the five outermost regions (DESIGN.md §6). A French region takes, in
this order: the published NUTS 1 value; the value of the single NUTS 2 that covers it whole; or the mean of
its NUTS 2 parts weighted by legal population, computed only when every part has a value that year.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pandas as pd

from loaders.codes import FRANCE_CODE, FRANCE_LEVEL, NUTS1_TO_REGION, NUTS2_TO_REGION, department_code, region_code
from loaders.io import SourceFormatError, read_csv, read_json, to_number
from loaders.population import nearest_vintage
from loaders.precision import published_decimals
from loaders.tidy import tidy

if TYPE_CHECKING:
    from loaders.context import BuildContext
    from loaders.io import RawFile

WEEKLY_FILE = "usage/eurostat_oecd_g11/EuroStat-regional-internet-usage.csv"
PURCHASE_FILE = "usage/eurostat_oecd_g11/EuroStat-regional-goods-services.csv"
ACCESS_FILE = "usage/eurostat_oecd_g11/EuroStat-regional-internet-access.csv"
ACCESS_FR_FILE = "usage/eurostat_isoc_r_iacc_h_FR_2006_2025.csv"
DAILY_FILE = "usage/eurostat_isoc_r_iuse_i_I_IDAY_2006_2019.csv"
BAROMETRE_REGION_FILE = "usage/barometre_resultats_numerique_regional.csv"
BAROMETRE_DEPARTMENT_FILE = "usage/barometre_resultats_numerique_departemental.csv"
# France's counts as published by the baromètre front-end (national series; see the source caveats).
BAROMETRE_NATIONAL_FILE = "broadband/barometre_etalab_2022t3/OVQ-ATN-national.json"
ILLECTRONISM_FILE = "usage/transcribed/insee_illectronisme_regions.csv"
BROADBAND_FILE = "usage/eurostat_oecd_g11/OECD-regional-internet-broadband.csv"
# Insee Première 1953 measures non-use over the last 3 months in 2021 (12 months in the 2019 survey).
ILLECTRONISM_BREAK_YEAR = "2021"

# Eurostat observation flags, in order of precedence when several apply to one value: low reliability first
# (the value itself may be noise), then a break in series (only trends are affected).
EUROSTAT_FLAGS = {"u": "low_reliability", "b": "series_break", "e": "estimate"}
# Flag of a region computed here from its NUTS 2 parts when no part carries a stronger Eurostat flag.
AGGREGATE_FLAG = "estimate"
NUTS_CODE = r"[A-Z]{2}[A-Z0-9]{0,2}"

# Departments of each pre-2016 region that is now part of a larger region (NUTS 2016/2021, level 2). The
# sums of their legal populations weight the NUTS 2 values. Every other French NUTS 2 covers one region whole.
NUTS2_DEPARTMENTS: dict[str, tuple[str, ...]] = {
    "FRC1": ("21", "58", "71", "89"),  # Bourgogne
    "FRC2": ("25", "39", "70", "90"),  # Franche-Comté
    "FRD1": ("14", "50", "61"),  # Basse-Normandie
    "FRD2": ("27", "76"),  # Haute-Normandie
    "FRE1": ("59", "62"),  # Nord-Pas-de-Calais
    "FRE2": ("02", "60", "80"),  # Picardie
    "FRF1": ("67", "68"),  # Alsace
    "FRF2": ("08", "10", "51", "52"),  # Champagne-Ardenne
    "FRF3": ("54", "55", "57", "88"),  # Lorraine
    "FRI1": ("24", "33", "40", "47", "64"),  # Aquitaine
    "FRI2": ("19", "23", "87"),  # Limousin
    "FRI3": ("16", "17", "79", "86"),  # Poitou-Charentes
    "FRJ1": ("11", "30", "34", "48", "66"),  # Languedoc-Roussillon
    "FRJ2": ("09", "12", "31", "32", "46", "65", "81", "82"),  # Midi-Pyrénées
    "FRK1": ("03", "15", "43", "63"),  # Auvergne
    "FRK2": ("01", "07", "26", "38", "42", "69", "73", "74"),  # Rhône-Alpes
}
NUTS2_WHOLE_REGION = {nuts: reg for nuts, reg in NUTS2_TO_REGION.items() if nuts not in NUTS2_DEPARTMENTS}

BAROMETRE_INDICATORS = {
    "nb-diagnostics-individualises": "francenum_diagnostics_per_100k",
    "nb-entreprises-cheaque-numerique": "cheque_numerique_per_100k",
}
# A transcribed rate counts as approximate when the note quotes it loosely ("près de 12 %", "un sur six",
# a figure quoted by the press rather than by Insee).
APPROXIMATE_RATE = re.compile(r"pr[eè]s de [\d.,]+ ?%|\bun \w+ sur \w+|quoted by", re.IGNORECASE)


def eurostat_flag(raw: pd.Series, path: RawFile) -> pd.Series:
    """Eurostat flag letters to the project's flags, the strongest first when a value has several."""
    raw = raw.fillna("").str.strip()
    unknown = raw[~raw.str.fullmatch(f"[{''.join(EUROSTAT_FLAGS)}]*")]
    if not unknown.empty:
        raise SourceFormatError(f"{path}: unknown Eurostat flag {unknown.iloc[0]!r}")
    out = pd.Series(pd.NA, index=raw.index, dtype="string")
    for letter, flag in reversed(EUROSTAT_FLAGS.items()):
        out = out.mask(raw.str.contains(letter, regex=False), flag)
    return out


def read_sdmx(ctx: BuildContext, relative: str, dimensions: dict[str, str]) -> pd.DataFrame:
    """A Eurostat SDMX-CSV export as geo, period, value, flag, after checking it holds the expected series."""
    path = ctx.file(relative)
    raw = read_csv(path, ["freq", *dimensions, "geo", "TIME_PERIOD", "OBS_VALUE", "OBS_FLAG"])
    for column, expected in {"freq": "A", **dimensions}.items():
        found = set(raw[column])
        if found != {expected}:
            raise SourceFormatError(f"{path}: column {column!r} holds {sorted(found)}, expected only {expected!r}")
    frame = pd.DataFrame(
        {
            "geo": raw["geo"],
            "period": raw["TIME_PERIOD"],
            "value": to_number(raw["OBS_VALUE"], path),
            "flag": eurostat_flag(raw["OBS_FLAG"], path),
        }
    )
    return frame.dropna(subset=["value"])


def read_access_fr(ctx: BuildContext) -> pd.DataFrame:
    """The French isoc_r_iacc_h rows (NUTS 0/1/2, 2006-2025) as geo, period, value, flag."""
    path = ctx.file(ACCESS_FR_FILE)
    raw = read_csv(path, ["geo", "unit", "year", "value", "obs_flag"])
    if set(raw["unit"]) != {"PC_HH"}:
        raise SourceFormatError(f"{path}: column 'unit' holds {sorted(set(raw['unit']))}, expected only 'PC_HH'")
    frame = pd.DataFrame(
        {
            "geo": raw["geo"],
            "period": raw["year"],
            "value": to_number(raw["value"], path),
            "flag": eurostat_flag(raw["obs_flag"], path),
        }
    )
    return frame.dropna(subset=["value"])


def read_daily(ctx: BuildContext) -> pd.DataFrame:
    """Daily internet users (I_IDAY), all NUTS levels, as geo, period, value, flag. The committed extract has no
    flags; a refreshed file, converted from Eurostat's export, has them in obs_flag."""
    path = ctx.file(DAILY_FILE)
    raw = read_csv(path, ["geo", "time", "value"])
    flags = raw["obs_flag"] if "obs_flag" in raw.columns else pd.Series("", index=raw.index)
    frame = pd.DataFrame(
        {
            "geo": raw["geo"],
            "period": raw["time"],
            "value": to_number(raw["value"], path),
            "flag": eurostat_flag(flags, path),
        }
    )
    return frame.dropna(subset=["value"])


def read_oecd_broadband(ctx: BuildContext) -> pd.DataFrame:
    """OECD's household broadband access (BB_ACC) for France as geo, period, value, flag: TL1 'FRA' is the nation (FR),
    French TL2 regions carry NUTS codes (FR1, FRB-FRM, FRY1-FRY4). Other countries are left out: their TL2 codes are
    not all NUTS codes."""
    path = ctx.file(BROADBAND_FILE)
    raw = read_csv(path, ["TL", "REG_ID", "VAR", "TIME", "Value", "Flag Codes"])
    if set(raw["VAR"]) != {"BB_ACC"}:
        raise SourceFormatError(f"{path}: column 'VAR' holds {sorted(set(raw['VAR']))}, expected only 'BB_ACC'")
    french = raw[raw["REG_ID"].str.fullmatch(r"FRA|FR[0-9A-Z]{1,2}")]
    frame = pd.DataFrame(
        {
            "geo": french["REG_ID"].replace({"FRA": FRANCE_CODE}),
            "period": french["TIME"],
            "value": to_number(french["Value"], path),
            "flag": eurostat_flag(french["Flag Codes"].str.lower(), path),
        }
    )
    return frame.dropna(subset=["value"])


def french_facts(nuts: pd.DataFrame, weights: pd.DataFrame, indicator: str) -> pd.DataFrame:
    """A series kept for France and its regions only (level nuts0 code FR, and the regions derived from NUTS rows)."""
    rows = nuts_rows(nuts)
    france = rows[rows["geo"] == FRANCE_CODE].assign(level=FRANCE_LEVEL, code=FRANCE_CODE)
    return pd.concat([tidy(france, indicator), tidy(french_regions(rows, weights), indicator)], ignore_index=True)


def nuts_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows at their NUTS level (the code length tells it); aggregates such as EU27_2020 are not territories."""
    frame = frame[frame["geo"].str.fullmatch(NUTS_CODE)]
    return frame.assign(level="nuts" + (frame["geo"].str.len() - 2).astype(str), code=frame["geo"])


def nuts2_population(ctx: BuildContext) -> pd.DataFrame:
    """Legal population of each split pre-2016 region (NUTS 2) per vintage, summed from its departments."""
    table = pd.DataFrame(
        [(nuts, dep) for nuts, deps in NUTS2_DEPARTMENTS.items() for dep in deps], columns=["geo", "code"]
    )
    pop = ctx.population[ctx.population["level"] == "department"]
    merged = table.merge(pop, on="code", how="left", validate="one_to_many")
    if merged["value"].isna().any():
        missing = sorted(merged.loc[merged["value"].isna(), "code"])
        raise ValueError(f"no legal population for departments {missing}")
    out = merged.groupby(["geo", "period"], as_index=False)["value"].sum()
    return out.rename(columns={"period": "vintage", "value": "weight"})


def strongest_flag(flags: pd.Series) -> str:
    """The flag of a weighted region: a part's Eurostat flag if any (by precedence), else 'estimate'."""
    present = set(flags.dropna())
    return next((flag for flag in EUROSTAT_FLAGS.values() if flag in present), AGGREGATE_FLAG)


def weighted_regions(nuts: pd.DataFrame, weights: pd.DataFrame) -> pd.DataFrame:
    """Population-weighted mean of the NUTS 2 parts of split regions, only where every part has a value."""
    parts = nuts[nuts["geo"].isin(NUTS2_DEPARTMENTS)].copy()
    vintages = sorted(int(v) for v in weights["vintage"].unique())
    parts["vintage"] = parts["period"].str[:4].astype(int).map(lambda y: str(nearest_vintage(y, vintages)))
    parts = parts.merge(weights, on=["geo", "vintage"], how="left", validate="many_to_one")
    parts["code"] = parts["geo"].map(NUTS2_TO_REGION)
    parts["weighted"] = parts["value"] * parts["weight"]
    grouped = parts.groupby(["code", "period"])
    out = grouped.agg(weighted=("weighted", "sum"), weight=("weight", "sum"), n=("geo", "nunique"))
    out["flag"] = grouped["flag"].agg(strongest_flag)
    expected = pd.Series({nuts: NUTS2_TO_REGION[nuts] for nuts in NUTS2_DEPARTMENTS}).value_counts()
    out = out.reset_index()
    out = out[out["n"] == out["code"].map(expected)]
    return out.assign(value=out["weighted"] / out["weight"])[["code", "period", "value", "flag"]]


def french_regions(nuts: pd.DataFrame, weights: pd.DataFrame) -> pd.DataFrame:
    """Region rows from NUTS rows: NUTS 1, else the NUTS 2 covering the region, else the weighted NUTS 2 parts."""
    nuts1 = nuts[nuts["geo"].isin(NUTS1_TO_REGION)].assign(code=lambda f: f["geo"].map(NUTS1_TO_REGION))
    whole = nuts[nuts["geo"].isin(NUTS2_WHOLE_REGION)].assign(code=lambda f: f["geo"].map(NUTS2_WHOLE_REGION))
    columns = ["code", "period", "value", "flag"]
    ranked = pd.concat([nuts1[columns], whole[columns], weighted_regions(nuts, weights)], ignore_index=True)
    return ranked.drop_duplicates(["code", "period"], keep="first").assign(level="region")


def eurostat_facts(nuts: pd.DataFrame, weights: pd.DataFrame, indicator: str) -> pd.DataFrame:
    """One Eurostat series as facts: every NUTS row at its level, and the French regions derived from them."""
    rows = nuts_rows(nuts)
    return pd.concat([tidy(rows, indicator), tidy(french_regions(rows, weights), indicator)], ignore_index=True)


def household_access(ctx: BuildContext) -> pd.DataFrame:
    """tgs00047 for every country, with the French codes replaced by the newer isoc_r_iacc_h vintage."""
    europe = read_sdmx(ctx, ACCESS_FILE, {"unit": "PC_HH"})
    combined = pd.concat([read_access_fr(ctx), europe], ignore_index=True)
    return combined.drop_duplicates(["geo", "period"], keep="first")


def national_barometre_counts(ctx: BuildContext) -> pd.DataFrame:
    """France's published monthly counts (level nuts0, code FR): indicator, period, value."""
    path = ctx.file(BAROMETRE_NATIONAL_FILE)
    records = read_json(path)
    if len(records) != 1:
        raise SourceFormatError(f"{path}: one national record expected, found {len(records)}")
    missing = [key for key in BAROMETRE_INDICATORS if key not in records[0]]
    if missing:
        raise SourceFormatError(f"{path}: series {missing[0]!r} is missing")
    rows = [(BAROMETRE_INDICATORS[k], p["date"], p["value"]) for k in BAROMETRE_INDICATORS for p in records[0][k]]
    frame = pd.DataFrame(rows, columns=["indicator", "period", "value"])
    frame["value"] = pd.to_numeric(frame["value"], errors="raise").astype("float64")
    return frame.assign(level=FRANCE_LEVEL, code=FRANCE_CODE).dropna(subset=["value"])


def barometre_facts(ctx: BuildContext) -> pd.DataFrame:
    """France Num cumulative counts per 100 000 inhabitants, France, regions and departments, at each month end.

    France takes the published national count, not the sum of the departments (see the indicator caveats).
    """
    required = ["id_indicateur", "date", "valeur"]
    regional_file, departmental_file = ctx.file(BAROMETRE_REGION_FILE), ctx.file(BAROMETRE_DEPARTMENT_FILE)
    regional = read_csv(regional_file, ["code_region", *required])
    departmental = read_csv(departmental_file, ["code_departement", *required])
    counts = pd.concat(
        [
            regional.assign(
                level="region",
                code=regional["code_region"].map(region_code),
                value=to_number(regional["valeur"], regional_file),
            ),
            departmental.assign(
                level="department",
                code=departmental["code_departement"].map(department_code),
                value=to_number(departmental["valeur"], departmental_file),
            ),
        ],
        ignore_index=True,
    )
    counts = counts[counts["id_indicateur"].isin(BAROMETRE_INDICATORS)]
    counts = counts.assign(indicator=counts["id_indicateur"].map(BAROMETRE_INDICATORS), period=counts["date"])
    counts = counts.dropna(subset=["value"])
    columns = ["level", "code", "indicator", "period", "value"]
    counts = pd.concat([counts[columns], national_barometre_counts(ctx)[columns]], ignore_index=True)
    return tidy(ctx.per_capita(counts, 100_000))


def illectronism_facts(ctx: BuildContext) -> pd.DataFrame:
    """Illectronism rates of France and of the regions whose Insee study prints a number.

    Each rate keeps the decimals it was printed with (regions as integers, France 2021 as 15.4), in `decimals`.
    Approximate rates are flagged 'estimate'; France's 2021 rate, measured over another reference period, is
    flagged 'series_break'. The metropolitan France and "province" rows are not France: left out.
    """
    path = ctx.file(ILLECTRONISM_FILE)
    raw = read_csv(path, ["geo_level", "reg_code", "indicator", "value_pct", "year_ref", "precision_note"])
    rows = raw[raw["indicator"] == "illectronisme_rate"]
    regions = rows[rows["geo_level"] == "region"]
    france = rows[(rows["geo_level"] == "country") & (rows["reg_code"] == FRANCE_CODE)]
    rows = pd.concat(
        [
            regions.assign(level="region", code=regions["reg_code"].map(region_code)),
            france.assign(level=FRANCE_LEVEL, code=FRANCE_CODE),
        ]
    )
    approximate = rows["precision_note"].fillna("").str.contains(APPROXIMATE_RATE)
    flag = approximate.map({True: "estimate", False: pd.NA}).astype("string")
    flag = flag.mask((rows["level"] == FRANCE_LEVEL) & (rows["year_ref"] == ILLECTRONISM_BREAK_YEAR), "series_break")
    frame = pd.DataFrame(
        {
            "level": rows["level"],
            "code": rows["code"],
            "period": rows["year_ref"],
            "value": to_number(rows["value_pct"], path),
            "flag": flag,
            "decimals": published_decimals(rows["value_pct"]),
        }
    )
    return tidy(frame.dropna(subset=["value"]), "illectronism_rate")


def facts(ctx: BuildContext) -> pd.DataFrame:
    """All usage indicators in the tidy fact shape."""
    weights = nuts2_population(ctx)
    series = {
        "internet_weekly_use": read_sdmx(ctx, WEEKLY_FILE, {"indic_is": "I_IUSE", "unit": "PC_IND"}),
        "online_purchase": read_sdmx(ctx, PURCHASE_FILE, {"indic_is": "I_BLT12", "unit": "PC_IND"}),
        "household_internet_access": household_access(ctx),
        "internet_daily_use": read_daily(ctx),
    }
    frames = [eurostat_facts(nuts, weights, indicator) for indicator, nuts in series.items()]
    broadband = french_facts(read_oecd_broadband(ctx), weights, "household_broadband_access")
    return pd.concat([*frames, broadband, barometre_facts(ctx), illectronism_facts(ctx)], ignore_index=True)
