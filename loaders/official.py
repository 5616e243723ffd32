"""Readers of official formats that differ from the raw file's layout ("official format differs" in a refresh).

The raw files here were taken from copies: Eurostat's French rows re-typed from an SDMX-CSV export, an R data object
converted to CSV. Their publisher serves them through its dissemination API instead, in SDMX-CSV 2.0 with labels
(the format of the tgs tables kept here, which are unmodified API exports). Each reader turns such a download into
the raw file's layout, so the loaders read a refreshed file exactly as they read the committed one.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pandas as pd

# SDMX-CSV 2.0 with labels=both: each code column is followed by its label column.
GEO_LABEL = "Geopolitical entity (reporting)"
OBSERVATION = ["freq", "geo", GEO_LABEL, "TIME_PERIOD", "OBS_VALUE", "OBS_FLAG"]
ANNUAL = "A"
FRANCE_PREFIX = "FR"


class OfficialFormatError(ValueError):
    """A download is not the official format its reader expects (changed columns, no row of the series)."""


def eurostat_series(data: bytes, series: dict[str, str]) -> pd.DataFrame:
    """The observations of one annual series of a Eurostat SDMX-CSV 2.0 export, as strings, values present."""
    try:
        raw = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8")
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise OfficialFormatError(f"not an SDMX-CSV file ({exc})") from exc
    missing = [c for c in [*OBSERVATION, *series] if c not in raw.columns]
    if missing:
        raise OfficialFormatError(f"columns {missing} missing (found {list(raw.columns)[:12]})")
    keep = raw["freq"] == ANNUAL
    for column, code in series.items():
        keep &= raw[column] == code
    rows = raw[keep & (raw["OBS_VALUE"].str.strip() != "")]
    if rows.empty:
        wanted = ", ".join(f"{k}={v}" for k, v in series.items())
        raise OfficialFormatError(f"no annual observation of {wanted}")
    return rows


def nuts_level(geo: pd.Series) -> pd.Series:
    """NUTS level from the code's length: FR is 0, FR1 is 1, FR10 is 2."""
    return geo.str.len() - 2


def to_csv(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL).encode("utf-8")


def access_fr(data: bytes) -> bytes:
    """isoc_r_iacc_h (households with internet access, PC_HH), its French rows, as
    usage/eurostat_isoc_r_iacc_h_FR_*.csv: geo, nuts_level, geo_label, unit, year, value, obs_flag."""
    rows = eurostat_series(data, {"unit": "PC_HH"})
    rows = rows[rows["geo"].str.startswith(FRANCE_PREFIX)]
    if rows.empty:
        raise OfficialFormatError("no French row (geo FR…)")
    frame = pd.DataFrame(
        {
            "geo": rows["geo"],
            "nuts_level": nuts_level(rows["geo"]),
            "geo_label": rows[GEO_LABEL].str.removesuffix(" (FR)"),
            "unit": rows["unit"],
            "year": rows["TIME_PERIOD"],
            "value": rows["OBS_VALUE"],
            "obs_flag": rows["OBS_FLAG"],
        }
    )
    return to_csv(frame.sort_values(["nuts_level", "geo", "year"], kind="stable"))


def daily_users(data: bytes) -> bytes:
    """isoc_r_iuse_i, daily internet users (I_IDAY, PC_IND), every NUTS code, as
    usage/eurostat_isoc_r_iuse_i_I_IDAY_*.csv: geo, nuts_level, time, value, with Eurostat's flags in obs_flag
    (a column the committed copy, taken from an R package, does not have)."""
    rows = eurostat_series(data, {"indic_is": "I_IDAY", "unit": "PC_IND"})
    frame = pd.DataFrame(
        {
            "geo": rows["geo"],
            "nuts_level": nuts_level(rows["geo"]),
            "time": rows["TIME_PERIOD"],
            "value": rows["OBS_VALUE"],
            "obs_flag": rows["OBS_FLAG"],
        }
    )
    return to_csv(frame.sort_values(["geo", "time"], kind="stable"))


CONVERTERS: dict[str, Callable[[bytes], bytes]] = {"eurostat_access_fr": access_fr, "eurostat_daily_users": daily_users}


def convert(name: str, downloaded: Path, out: Path) -> Path:
    """The download turned into the raw layout by the named reader, written to `out`."""
    out.write_bytes(CONVERTERS[name](downloaded.read_bytes()))
    return out
