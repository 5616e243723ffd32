"""Samples of Eurostat's official format, SDMX-CSV 2.0 with labels (what its dissemination API writes with
`format=csvdata&formatVersion=2.0&labels=both`), built from rows of a raw file: how the refresh tests serve an
official-format download without reaching Eurostat. The layout is checked against a real export in test_official."""

from __future__ import annotations

import csv
import io

import pandas as pd

from loaders.official import GEO_LABEL
from loaders.paths import default_raw_root
from loaders.usage import ACCESS_FILE, ACCESS_FR_FILE, DAILY_FILE

RAW = default_raw_root()
# Label columns as Eurostat names them; the code values' labels are not read by the project's readers.
DIMENSION_LABELS = {"indic_is": "Information society indicator", "unit": "Unit of measure"}


def sdmx_csv(rows: pd.DataFrame, dataflow: str, series: dict[str, str]) -> bytes:
    """`rows` (geo, geo_label, year, value, flag) as Eurostat writes them for one series of `dataflow`."""
    header = ["STRUCTURE", "STRUCTURE_ID", "STRUCTURE_NAME", "freq", "Time frequency"]
    for dimension in series:
        header += [dimension, DIMENSION_LABELS[dimension]]
    header += ["geo", GEO_LABEL, "TIME_PERIOD", "Time", "OBS_VALUE", "Observation value", "OBS_FLAG"]
    header.append("Observation status (Flag)")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows.itertuples():
        codes = [value for code in series.values() for value in (code, code)]
        writer.writerow(
            [
                "dataflow",
                f"ESTAT:{dataflow.upper()}(1.0)",
                dataflow,
                "A",
                "Annual",
                *codes,
                row.geo,
                row.geo_label,
                row.year,
                "",
                row.value,
                "",
                row.flag,
                "",
            ]
        )
    return out.getvalue().encode("utf-8")


def raw_rows(relative: str) -> pd.DataFrame:
    """A raw file's rows as strings, missing cells as ''."""
    return pd.read_csv(RAW / relative, dtype=str, keep_default_na=False)


def access_sample() -> bytes:
    """The French isoc_r_iacc_h rows of the raw copy, in the official format."""
    raw = raw_rows(ACCESS_FR_FILE)
    rows = raw.rename(columns={"obs_flag": "flag"})
    return sdmx_csv(rows, "isoc_r_iacc_h", {"unit": "PC_HH"})


def daily_sample() -> bytes:
    """The daily-users raw file, in the official format."""
    raw = raw_rows(DAILY_FILE)
    rows = raw.rename(columns={"time": "year"}).assign(geo_label=raw["geo"], flag="")
    return sdmx_csv(rows, "isoc_r_iuse_i", {"indic_is": "I_IDAY", "unit": "PC_IND"})


OFFICIAL_SAMPLES = {ACCESS_FR_FILE: access_sample, DAILY_FILE: daily_sample}
REAL_EXPORT = ACCESS_FILE  # tgs00047, an unmodified API export of a subset of isoc_r_iacc_h
