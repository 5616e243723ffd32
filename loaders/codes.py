"""Harmonisation of territory names and codes to INSEE (COG) codes.

Joins happen on codes, never on names; names are matched only where a source has nothing else,
through the explicit alias tables below. An unmatched name stops the build with the name.
"""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

REGION_CODES = (
    "01",
    "02",
    "03",
    "04",
    "06",
    "11",
    "24",
    "27",
    "28",
    "32",
    "44",
    "52",
    "53",
    "75",
    "76",
    "84",
    "93",
    "94",
)
OVERSEAS_DEPARTMENT_TO_REGION = {"971": "01", "972": "02", "973": "03", "974": "04", "976": "06"}
# France as a whole is stored like Eurostat's national rows (level nuts0, code FR): one key for every source.
FRANCE_LEVEL = "nuts0"
FRANCE_CODE = "FR"
FRANCE = (FRANCE_LEVEL, FRANCE_CODE)  # France as stored in the facts: one territory at the NUTS 0 level

# Every region-name variant found in the sources, normalised by `name_key`.
REGION_ALIASES: dict[str, str] = {
    "guadeloupe": "01",
    "martinique": "02",
    "guyane": "03",
    "guyane francaise": "03",
    "la reunion": "04",
    "reunion": "04",
    "mayotte": "06",
    "ile de france": "11",
    "centre val de loire": "24",
    "centre": "24",
    "bourgogne franche comte": "27",
    "normandie": "28",
    "hauts de france": "32",
    "grand est": "44",
    "pays de la loire": "52",
    "bretagne": "53",
    "nouvelle aquitaine": "75",
    "occitanie": "76",
    "auvergne rhone alpes": "84",
    "provence alpes cote d azur": "93",
    "region sud": "93",
    "sud": "93",
    "paca": "93",
    "corse": "94",
}

# The regions merged on 1 January 2016 (name_key form): a file naming one is reported, never mapped to a new region
# (Alsace is a third of Grand Est: its figure is not Grand Est's).
FORMER_REGIONS = frozenset(
    {
        "alsace",
        "aquitaine",
        "auvergne",
        "basse normandie",
        "bourgogne",
        "champagne ardenne",
        "franche comte",
        "haute normandie",
        "languedoc roussillon",
        "limousin",
        "lorraine",
        "midi pyrenees",
        "nord pas de calais",
        "picardie",
        "poitou charentes",
        "rhone alpes",
    }
)

# Department-name variants that are not the COG name (typos kept as published by the sources).
DEPARTMENT_NAME_VARIANTS: dict[str, str] = {
    "seien et marne": "77",
    "haute rhin": "68",
}

NUTS1_TO_REGION: dict[str, str] = {
    "FR1": "11",
    "FRB": "24",
    "FRC": "27",
    "FRD": "28",
    "FRE": "32",
    "FRF": "44",
    "FRG": "52",
    "FRH": "53",
    "FRI": "75",
    "FRJ": "76",
    "FRK": "84",
    "FRL": "93",
    "FRM": "94",
}

# NUTS 2016/2021 level 2 for France: the pre-2016 regions, and the five outermost regions.
NUTS2_TO_REGION: dict[str, str] = {
    "FR10": "11",
    "FRB0": "24",
    "FRC1": "27",
    "FRC2": "27",
    "FRD1": "28",
    "FRD2": "28",
    "FRE1": "32",
    "FRE2": "32",
    "FRF1": "44",
    "FRF2": "44",
    "FRF3": "44",
    "FRG0": "52",
    "FRH0": "53",
    "FRI1": "75",
    "FRI2": "75",
    "FRI3": "75",
    "FRJ1": "76",
    "FRJ2": "76",
    "FRK1": "84",
    "FRK2": "84",
    "FRL0": "93",
    "FRM0": "94",
    "FRY1": "01",
    "FRY2": "02",
    "FRY3": "03",
    "FRY4": "04",
    "FRY5": "06",
}

# Saint-Barthélemy and Saint-Martin share the 971 prefix but are not departments.
COM_POSTCODES = frozenset({"97133", "97150"})

ISO_OVERSEAS_TO_DEPARTMENT = {"FR-GP": "971", "FR-MQ": "972", "FR-GF": "973", "FR-RE": "974", "FR-YT": "976"}


class UnmatchedNameError(ValueError):
    """A territory name in a source matches no alias: the alias table needs an entry."""


def fold(value: str) -> str:
    """Lower case without accents, so a search for 'eleve' finds 'élevé' and 'ILLECTRONISME' 'illectronisme'."""
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def name_key(name: str) -> str:
    """Case, accents, hyphens, apostrophes (’ or ') and spacing folded away."""
    return re.sub(r"[^a-z0-9]+", " ", fold(str(name))).strip()


def region_code_from_name(name: str, source: str = "") -> str:
    """INSEE region code for a region name as written in a source."""
    code = REGION_ALIASES.get(name_key(name))
    if code is None:
        raise UnmatchedNameError(f"{source}: region name {name!r} matches no alias in loaders/codes.py")
    return code


def department_code(raw: object) -> str:
    """INSEE department code from the spellings found in sources: 1, '01', '2a', 971, 'FR-GP'."""
    text = str(raw).strip().upper()
    if text in ISO_OVERSEAS_TO_DEPARTMENT:
        return ISO_OVERSEAS_TO_DEPARTMENT[text]
    text = text.removeprefix("FR-")
    if text.endswith(".0"):
        text = text[:-2]
    if text.isdigit() and len(text) < 2:
        return text.zfill(2)
    if re.fullmatch(r"\d{2}|2[AB]|97[1-8]", text):
        return text
    raise ValueError(f"not a department code: {raw!r}")


def region_code(raw: object) -> str | None:
    """INSEE region code from '1'..'6' or '01'..'94'; None for the COM codes 7 and 8 (not regions)."""
    text = str(raw).strip()
    if text.endswith(".0"):
        text = text[:-2]
    text = text.zfill(2)
    if text in REGION_CODES:
        return text
    if text in ("07", "08"):
        return None
    raise ValueError(f"not a region code: {raw!r}")


def department_from_postcode(postcode: object) -> str | None:
    """Department of a postcode (leading zeros restored); Corsica and overseas handled; None if unknown."""
    text = re.sub(r"\D", "", str(postcode))
    if not text:
        return None
    text = text.zfill(5)
    if text in COM_POSTCODES:
        return None
    if text.startswith("97"):
        return text[:3] if text[:3] in OVERSEAS_DEPARTMENT_TO_REGION else None
    if text.startswith("20"):
        return "2A" if int(text) < 20200 else "2B"
    return text[:2] if "01" <= text[:2] <= "95" else None


def nuts_to_region(frame: pd.DataFrame, column: str = "geo") -> pd.Series:
    """Region code for NUTS1 (metropolitan) and NUTS2 codes; NaN for other codes."""
    return frame[column].map({**NUTS1_TO_REGION, **NUTS2_TO_REGION})
