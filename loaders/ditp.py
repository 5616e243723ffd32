"""The data files of the government's "Baromètre des résultats de l'action publique" (DITP, `ind-*.csv`).

Every file has the same columns. `metric_enforce_date` is the first day of the month described (for quarterly
indicators, the quarter's last month); the value is `indic_va`, or `indic_vi` on the initial date only. Rows dated
at the target (`indic_vc`, 2026-12-01) carry a goal, never a value, and `indic_ta` is progress towards it.
Rows without a date list zones outside the indicator's programme.
"""

from __future__ import annotations

import pandas as pd

from loaders.codes import FRANCE_CODE, FRANCE_LEVEL, department_code, region_code
from loaders.io import RawFile, SourceFormatError, read_csv, to_number

COLUMNS = ["indic_id", "enforce_zone_id", "metric_enforce_date", "maille", "indic_vi", "indic_va", "indic_vc"]
LEVELS = {"DEPT": "department", "REG": "region", "NAT": FRANCE_LEVEL}


def zone_code(level: str, zone: str) -> str | None:
    """`D2A` -> '2A', `R06` -> '06', `FRANCE` -> 'FR'."""
    if level == FRANCE_LEVEL:
        return FRANCE_CODE
    return department_code(zone[1:]) if level == "department" else region_code(zone[1:])


def _zones(raw: pd.DataFrame, path: RawFile) -> pd.DataFrame:
    level = raw["maille"].str.strip().map(LEVELS)
    if level.isna().any():
        raise SourceFormatError(f"{path}: unknown 'maille' values {sorted(set(raw.loc[level.isna(), 'maille']))}")
    codes = [zone_code(lv, z.strip()) for lv, z in zip(level, raw["enforce_zone_id"], strict=True)]
    return pd.DataFrame({"level": level, "code": codes}, index=raw.index)


def month_end(dates: pd.Series) -> pd.Series:
    """'2025-03-01' -> '2025-03-31'."""
    parsed = pd.to_datetime(dates, format="%Y-%m-%d", errors="raise")
    return (parsed + pd.offsets.MonthEnd(0)).dt.strftime("%Y-%m-%d")


def read_ditp(path: RawFile) -> pd.DataFrame:
    """Values of one file as level, code, period (month end), value; target rows and undated rows left out."""
    raw = read_csv(path, COLUMNS)
    current, initial = to_number(raw["indic_va"], path), to_number(raw["indic_vi"], path)
    value = current.fillna(initial)
    keep = value.notna() & raw["metric_enforce_date"].notna()
    frame = _zones(raw[keep], path)
    frame["period"] = month_end(raw.loc[keep, "metric_enforce_date"].str.strip())
    frame["value"] = value[keep]
    duplicated = frame.duplicated(["level", "code", "period"], keep=False)
    if duplicated.any():
        raise SourceFormatError(f"{path}: several values for one zone and date:\n{frame[duplicated].head()}")
    return frame.reset_index(drop=True)


def undated_zones(path: RawFile) -> pd.DataFrame:
    """Zones listed without any date: outside the programme (level, code)."""
    raw = read_csv(path, COLUMNS)
    return _zones(raw[raw["metric_enforce_date"].isna()], path).reset_index(drop=True)
