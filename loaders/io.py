"""Reading raw files exactly as published, and failing loudly when they are not.

French open-data files mix encodings (UTF-8 with or without BOM, cp1252), separators (`,` `;`)
and number formats (decimal comma, non-breaking or thin spaces as thousands separators).
Everything is read as text first; numbers are converted explicitly with `to_number`.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

ENCODINGS = ("utf-8-sig", "cp1252")
_SPACES = "\u00a0\u202f\u2009\u2007 "


class SourceFormatError(ValueError):
    """A raw file does not have the shape its loader expects."""


def decode(path: Path) -> str:
    """Text of a file: UTF-8 (with or without BOM) first, then cp1252; never latin-1."""
    raw = Path(path).read_bytes()
    for encoding in ENCODINGS:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SourceFormatError(f"{path}: neither UTF-8 nor cp1252")


def sniff_separator(text: str) -> str:
    """`;` or `,` (or tab), judged on the first lines."""
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        return ","


def require_columns(frame: pd.DataFrame, columns: Iterable[str], path: Path | str) -> pd.DataFrame:
    """Raise a SourceFormatError naming the file and the first missing column."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise SourceFormatError(
            f"{path}: column {missing[0]!r} is missing (expected {list(columns)}; found {list(frame.columns)})"
        )
    return frame


def read_csv(
    path: Path,
    required: Iterable[str],
    *,
    sep: str | None = None,
    skiprows: int = 0,
) -> pd.DataFrame:
    """A CSV as a frame of strings, with the columns its loader needs checked."""
    text = decode(path)
    if skiprows:
        text = "\n".join(text.splitlines()[skiprows:])
    separator = sep or sniff_separator(text)
    try:
        frame = pd.read_csv(io.StringIO(text), sep=separator, dtype=str, keep_default_na=False, na_values=[""])
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise SourceFormatError(f"{path}: cannot be parsed as CSV ({exc})") from exc
    frame.columns = [str(c).strip() for c in frame.columns]
    return require_columns(frame, list(required), path)


def read_json(path: Path) -> Any:
    """Parsed JSON, with a SourceFormatError naming the file when it is not JSON."""
    try:
        return json.loads(decode(path))
    except json.JSONDecodeError as exc:
        raise SourceFormatError(f"{path}: not valid JSON ({exc})") from exc


def to_number(values: pd.Series, path: Path | str = "") -> pd.Series:
    """French or English formatted numbers to floats; blanks and dashes become NaN, never 0."""
    text = values.astype("string").str.strip()
    for space in _SPACES:
        text = text.str.replace(space, "", regex=False)
    has_comma = text.str.contains(",", regex=False, na=False)
    text = text.where(~has_comma, text.str.replace(".", "", regex=False).str.replace(",", ".", regex=False))
    text = text.replace({"-": pd.NA, "": pd.NA, "nd": pd.NA, "NA": pd.NA, "n.d.": pd.NA})
    try:
        return pd.to_numeric(text, errors="raise").astype("float64")
    except (ValueError, TypeError) as exc:
        raise SourceFormatError(f"{path}: {values.name!r} holds a value that is not a number ({exc})") from exc
