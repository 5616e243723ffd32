"""Which territory a cell of an uploaded file names, and whether the file is by region or by département.

A name is matched through the project's alias table (case, accents, hyphens and apostrophes folded away); a code
by its INSEE form ('1' is '01', 971, 2A). Region codes are also département codes (11 is Île-de-France and Aude), so
the level is decided from the whole column: names, codes found only at one level, and how many distinct codes.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from loaders.codes import DEPARTMENT_NAME_VARIANTS, FORMER_REGIONS, REGION_ALIASES, name_key

REGION, DEPARTMENT = "region", "department"
FORMER = "former"  # a pre-2016 region: reported, not mapped
_CODE = re.compile(r"\d{1,3}|2[ab]", re.IGNORECASE)
# '29 - Finistère', 'Finistère (29)': a code beside a name.
_LABELLED = re.compile(
    r"^(?:(?P<code>\d{1,3}|2[ab])\s*[-–:]\s*)?(?P<name>.*?)(?:\s*\((?P<paren>\d{1,3}|2[ab])\))?$", re.IGNORECASE
)


@dataclass(frozen=True)
class Place:
    """What one cell may name: by name (at most one territory a level) and by code (possibly both levels)."""

    by_name: tuple[tuple[str, str], ...] = ()  # (level, code); FORMER with the folded name
    by_code: tuple[tuple[str, str], ...] = ()

    @property
    def found(self) -> bool:
        return bool(self.by_name or self.by_code)


class Gazetteer:
    """Names and codes of the snapshot's territories, folded for matching."""

    def __init__(self, territories: pd.DataFrame) -> None:
        self.codes = {
            level: set(territories.loc[territories["level"] == level, "code"]) for level in (REGION, DEPARTMENT)
        }
        self.names = {
            (level, code): name for level, code, name in territories[["level", "code", "name"]].itertuples(False)
        }
        self.by_name: dict[str, list[tuple[str, str]]] = {}
        pairs = [(name_key(n), (lv, c)) for (lv, c), n in self.names.items()]
        pairs += [(alias, (REGION, code)) for alias, code in REGION_ALIASES.items()]
        pairs += [(alias, (DEPARTMENT, code)) for alias, code in DEPARTMENT_NAME_VARIANTS.items()]
        for key, place in pairs:
            if place not in self.by_name.setdefault(key, []):
                self.by_name[key].append(place)

    def place(self, cell: object) -> Place:
        if cell is None or (isinstance(cell, float) and pd.isna(cell)):
            return Place()
        text = str(int(cell)) if isinstance(cell, float) and cell.is_integer() else str(cell).strip()
        by_code = self._by_code(text)
        labelled = _LABELLED.match(text)
        key = name_key(text)
        if key not in self.by_name and labelled and labelled["name"]:
            key = name_key(labelled["name"])
        by_name = tuple(self.by_name.get(key, ()))
        if not by_name and key in FORMER_REGIONS:
            by_name = ((FORMER, key),)
        if not by_code and labelled and (labelled["code"] or labelled["paren"]):
            by_code = self._by_code(labelled["code"] or labelled["paren"])
            if by_name:  # 'Ain (01)': the code says which of the name's levels
                by_code = tuple(p for p in by_code if p in by_name) or by_code
        return Place(by_name, by_code)

    def _by_code(self, text: str) -> tuple[tuple[str, str], ...]:
        if not _CODE.fullmatch(text):
            return ()
        code = text.upper().zfill(2)
        return tuple((level, code) for level in (REGION, DEPARTMENT) if code in self.codes[level])


@dataclass(frozen=True)
class LevelChoice:
    level: str
    ambiguous: bool  # the cells fit both levels: `level` is a guess, the reader should confirm it


def decide_level(places: Sequence[Place], regions_total: int) -> LevelChoice:
    """Region or département for a column of places.

    Names first: a name found at one level only (Bretagne, Finistère) votes for it; overseas names are both.
    Then codes: a code that is only a département's (35, 2A, 971) settles it; otherwise all codes are region codes,
    which are département codes too: a column covering most regions is by region, a few codes stay ambiguous.
    """
    named = [{lv for lv, _ in p.by_name} - {FORMER} for p in places]
    votes = Counter(next(iter(levels)) for levels in named if len(levels) == 1)
    if votes:
        return LevelChoice(max((REGION, DEPARTMENT), key=lambda lv: votes[lv]), ambiguous=False)
    codes = [p.by_code for p in places if p.by_code]
    if any(all(lv == DEPARTMENT for lv, _ in c) for c in codes):
        return LevelChoice(DEPARTMENT, ambiguous=False)
    distinct = {code for c in codes for _, code in c}
    if len(distinct) > regions_total:
        return LevelChoice(DEPARTMENT, ambiguous=False)
    return LevelChoice(REGION, ambiguous=len(distinct) < regions_total * 2 // 3)


def resolve(place: Place, level: str) -> str | None:
    """The code at `level` a place names, None when it names nothing there."""
    for lv, code in (*place.by_name, *place.by_code):
        if lv == level:
            return code
    return None
