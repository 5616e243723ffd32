"""An analyst's own file (CSV, TSV or XLSX, by region or by département) read into facts, with a report.

Messy French spreadsheets are the rule: the encoding (UTF-8 with or without BOM, UTF-16 as Excel's "Texte Unicode"
writes it, Windows-1252), the separator, title lines above the header, numbers written '1 234,5', territory names
typed without accents. Each is detected and said in the report; what cannot be decided (the number format of
'1.234', the level of a few codes shared by regions and départements) is reported and can be set by the caller.
Nothing is written to disk.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath

import pandas as pd
from openpyxl import load_workbook

from i18n import text
from loaders import upload_numbers as numbers
from loaders.paths import data_dir
from loaders.upload_places import DEPARTMENT, FORMER, REGION, Gazetteer, LevelChoice, decide_level, resolve

MAX_BYTES = 2_000_000  # a regional or departmental table is a few kilobytes
MAX_ROWS = 2_000
_SEPARATORS = (";", "\t", ",", "|")
_YEAR = re.compile(r"((?:19|20)\d{2})(?:\.0)?")
COLUMNS = ["level", "code", "indicator", "period", "value", "flag"]

Row = tuple[int, list[object]]  # the line (or sheet row) number, 1-based, and its cells
Say = Callable[..., None]


class UserDataError(ValueError):
    """The file cannot be used at all; the message says why, in the reader's language."""


@dataclass
class UserTable:
    """frame: level, code, indicator, period ('' when the file has none), value, flag (None). report: what was
    detected, then line by line what was left out and why. ambiguous_level / ambiguous_columns: what the reader
    should confirm (read the file again with `level=` or `decimal=`)."""

    frame: pd.DataFrame
    report: list[str] = field(default_factory=list)
    level: str = REGION
    ambiguous_level: bool = False
    ambiguous_columns: list[str] = field(default_factory=list)


def read_user_indicator(
    data: bytes,
    filename: str,
    *,
    lang: str = "fr",
    level: str | None = None,
    decimal: str | None = None,
    territories: pd.DataFrame | None = None,
) -> UserTable:
    """Read an uploaded file; raise UserDataError when nothing usable is in it.

    level: 'region' or 'department' once the reader has said which; decimal: ',' or '.' once the reader has said how
    the file writes numbers; territories: the names and codes to match (the committed snapshot's by default).
    """
    report: list[str] = []

    def say(key: str, **values: object) -> None:
        report.append(text(f"upload.{key}", lang, **values))

    def refuse(key: str, **values: object) -> UserDataError:
        return UserDataError(text(f"upload.error.{key}", lang, **values))

    if not data.strip():
        raise refuse("empty")
    if len(data) > MAX_BYTES:
        raise refuse("too_big", size=len(data) // 1000, limit=MAX_BYTES // 1000)
    rows = _workbook_rows(data, refuse) if _is_workbook(data, filename) else _text_rows(data, refuse, say, lang)
    rows = [(n, cells) for n, cells in rows if any(not numbers.is_missing_mark(c) for c in cells)]
    if not rows:
        raise refuse("empty")
    if len(rows) > MAX_ROWS:
        raise refuse("too_many_rows", rows=len(rows), limit=MAX_ROWS)
    width = max(len(cells) for _, cells in rows)
    if width < 2:
        raise refuse("one_column")
    rows = [(n, list(cells) + [None] * (width - len(cells))) for n, cells in rows]
    places = Gazetteer(territories if territories is not None else _snapshot_territories())
    column = _territory_column(rows, places)
    if column is None:
        raise refuse("no_territory")
    header, body = _header_and_body(rows, column, places, say, lang)
    choice = (
        LevelChoice(level, ambiguous=False)
        if level in (REGION, DEPARTMENT)
        else decide_level([places.place(cells[column]) for _, cells in body], len(places.codes[REGION]))
    )
    say("level_ambiguous" if choice.ambiguous else f"level.{choice.level}")
    kept = _kept_rows(body, column, places, choice.level, say)
    columns = _value_columns(header, kept, column, places, choice.level, say)
    if not columns:
        raise refuse("no_numbers")
    formats, ambiguous = _formats(header, kept, columns, decimal, say)
    frame = _facts(header, kept, columns, formats, choice.level, PurePath(filename).stem, say)
    if frame.empty:
        raise refuse("no_numbers")
    say("kept", values=len(frame), territories=frame["code"].nunique())
    return UserTable(frame, report, choice.level, choice.ambiguous, ambiguous)


def _snapshot_territories() -> pd.DataFrame:
    return pd.read_parquet(data_dir() / "territories.parquet", columns=["level", "code", "name"])


def _is_workbook(data: bytes, filename: str) -> bool:
    return data[:4] == b"PK\x03\x04" or PurePath(filename).suffix.lower() in (".xlsx", ".xlsm")


def _workbook_rows(data: bytes, refuse: Callable[..., UserDataError]) -> list[Row]:
    """The first sheet with cells, numbers kept as numbers, each row with its number in the sheet."""
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise refuse("bad_workbook") from exc
    for sheet in book.worksheets:
        rows = [
            (n, [c.strip() if isinstance(c, str) else c for c in cells])
            for n, cells in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
        if any(any(c is not None for c in cells) for _, cells in rows):
            return rows
    raise refuse("empty")


def decode(data: bytes) -> tuple[str, str]:
    """The text and the name of its encoding: a BOM first, then UTF-8, then Windows-1252 (Excel's 'CSV' in France)."""
    for bom, codec, name in (
        (codecs.BOM_UTF8, "utf-8-sig", "UTF-8 (BOM)"),
        (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
        (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
    ):
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), name
    if data[1:400:2].count(0) > 100:  # UTF-16 without a BOM: every other byte of Latin text is zero
        return data.decode("utf-16-le", errors="replace"), "UTF-16"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "Windows-1252"


def _text_rows(data: bytes, refuse: Callable[..., UserDataError], say: Say, lang: str) -> list[Row]:
    content, encoding = decode(data)
    sample = content[:5000]
    if "\x00" in sample or sum(ord(ch) < 32 and ch not in "\t\r\n" for ch in sample) > len(sample) // 100:
        raise refuse("binary")
    lines = content.splitlines()
    separator = _separator([line for line in lines if line.strip()])
    say("read_text", encoding=encoding, separator=text(f"upload.separator.{_SEPARATORS.index(separator)}", lang))
    return [(n, [c.strip() for c in cells]) for n, cells in enumerate(csv.reader(lines, delimiter=separator), 1)]


def _separator(lines: Sequence[str]) -> str:
    """The separator that splits the most lines into one same number (two or more) of fields."""

    def score(sep: str) -> tuple[int, int]:
        counts = [len(cells) for cells in csv.reader(lines[:50], delimiter=sep)]
        modal = max(set(counts), key=counts.count) if counts else 1
        return (counts.count(modal) if modal > 1 else 0, modal)

    return max(_SEPARATORS, key=score)


def _territory_column(rows: list[Row], places: Gazetteer) -> int | None:
    """The column naming the most territories (two at least); names before codes when two columns tie (a name
    says its level, a code shared by a region and a département does not)."""
    found = [[places.place(cells[c]) for _, cells in rows] for c in range(len(rows[0][1]))]
    scores = [(sum(p.found for p in column), sum(bool(p.by_name) for p in column)) for column in found]
    best = max(range(len(scores)), key=lambda c: scores[c])
    return best if scores[best][0] >= 2 else None


def _header_and_body(rows: list[Row], column: int, places: Gazetteer, say: Say, lang: str) -> tuple[list[str], list]:
    """The header is the line above the first territory; lines above it (a title, notes) are skipped. A file
    without a header gets 'Colonne 2', 'Colonne 3'…"""
    first = next(i for i, (_, cells) in enumerate(rows) if places.place(cells[column]).found)
    if first == 0:
        say("no_header")
        return [text("upload.column", lang, n=c + 1) for c in range(len(rows[0][1]))], rows
    number, cells = rows[first - 1]
    if first > 1:
        say("skipped_titles", lines=", ".join(str(n) for n, _ in rows[: first - 1]))
    header = [_header_text(c) or text("upload.column", lang, n=i + 1) for i, c in enumerate(cells)]
    say("header", line=number, territory=header[column])
    return header, rows[first:]


def _header_text(cell: object) -> str:
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return "" if cell is None else str(cell).strip()


def _kept_rows(body: list[Row], column: int, places: Gazetteer, level: str, say: Say) -> list[tuple[int, str, list]]:
    """(line, code, cells) of each row naming a territory at `level`, once; the others reported by line."""
    kept: dict[str, tuple[int, str, list]] = {}
    for number, cells in body:
        cell = cells[column]
        place = places.place(cell)
        code = resolve(place, level)
        shown = _header_text(cell)
        if any(lv == FORMER for lv, _ in place.by_name):
            say("row.former", line=number, name=shown)
        elif code is None:
            say("row.unknown" if shown else "row.no_territory", line=number, name=shown)
        elif code in kept:
            say("row.duplicate", line=number, name=shown, first=kept[code][0])
        else:
            kept[code] = (number, code, cells)
    return list(kept.values())


def _value_columns(
    header: list[str], kept: list[tuple[int, str, list]], column: int, places: Gazetteer, level: str, say: Say
) -> list[int]:
    """Columns holding numbers. A second column of territory codes or names is recognised and left out; a column
    of text is left out and reported."""
    chosen = []
    for c in range(len(header)):
        if c == column:
            continue
        cells = [cells[c] for _, _, cells in kept if not numbers.is_missing_mark(cells[c])]
        if not cells:
            continue
        if all(resolve(places.place(cell), level) == code for (_, code, _row), cell in _pairs(kept, c)):
            say("column.territory", column=header[c])
            continue
        fmt = numbers.decide(cells)
        numeric = sum(numbers.parse(cell, fmt) is not None for cell in cells)
        if numeric * 2 >= len(cells):
            chosen.append(c)
        else:
            say("column.text", column=header[c])
    return chosen


def _pairs(kept: list[tuple[int, str, list]], c: int) -> list[tuple[tuple[int, str, list], object]]:
    return [(row, row[2][c]) for row in kept if not numbers.is_missing_mark(row[2][c])]


def _formats(
    header: list[str], kept: list[tuple[int, str, list]], columns: list[int], decimal: str | None, say: Say
) -> tuple[dict[int, numbers.NumberFormat], list[str]]:
    """Each column's number format. A column that proves nothing takes the reader's choice, else the format the
    other columns prove, else a guess that is reported as ambiguous."""
    alone = {c: numbers.decide([cells[c] for _, _, cells in kept]) for c in columns}
    proved = [alone[c].decimal for c in columns if not alone[c].ambiguous and _has_separator(kept, c)]
    fallback = decimal or (max(set(proved), key=proved.count) if proved else None)
    formats, ambiguous = {}, []
    for c in columns:
        fmt = numbers.decide([cells[c] for _, _, cells in kept], fallback) if alone[c].ambiguous else alone[c]
        formats[c] = fmt
        if fmt.ambiguous:
            ambiguous.append(header[c])
            say("column.ambiguous", column=header[c], decimal=fmt.decimal)
    return formats, ambiguous


def _has_separator(kept: list[tuple[int, str, list]], c: int) -> bool:
    """Whether the column writes a decimal or thousands separator in a text cell (else it proves no format)."""
    return any(isinstance(cells[c], str) and re.search(r"\d[.,]\d", cells[c]) for _, _, cells in kept)


def _facts(
    header: list[str],
    kept: list[tuple[int, str, list]],
    columns: list[int],
    formats: dict[int, numbers.NumberFormat],
    level: str,
    stem: str,
    say: Say,
) -> pd.DataFrame:
    """One fact per kept row and value column. Year headers ('2019', '2020') make one indicator, named after the
    file, with a period per column; other headers are indicators without a period."""
    years = [_YEAR.fullmatch(header[c]) for c in columns]
    by_year = all(years)
    if by_year:
        say("periods", first=years[0][1], last=years[-1][1], name=stem)
    facts = []
    for c, year in zip(columns, years, strict=True):
        indicator, period = (stem, year[1]) if by_year else (header[c], "")
        for number, code, cells in kept:
            cell = cells[c]
            if numbers.is_missing_mark(cell):
                say("row.missing", line=number, column=header[c])
                continue
            value = numbers.parse(cell, formats[c])
            if value is None:
                say("row.not_a_number", line=number, column=header[c], value=_header_text(cell)[:40])
                continue
            facts.append((level, code, indicator, period, value, None))
    return pd.DataFrame(facts, columns=COLUMNS)
