"""Reading raw files exactly as published, and failing loudly when they are not.

French open-data files mix encodings (UTF-8 with or without BOM, cp1252), separators (`,` `;`)
and number formats (decimal comma, non-breaking or thin spaces as thousands separators). Each file's format is
declared in its family's YAML (`ReadOptions`); everything is read as text first and numbers are converted with
`to_number` following that declaration.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from loaders.catalogue import ReadOptions

MISSING = {"-": pd.NA, "": pd.NA, "nd": pd.NA, "NA": pd.NA, "n.d.": pd.NA}


class SourceFormatError(ValueError):
    """A raw file does not have the shape its loader expects."""


@dataclass(frozen=True)
class RawFile:
    """A raw file and how it is written, as its family's YAML declares: readers follow the declaration, never guess."""

    path: Path
    read: ReadOptions = field(default_factory=ReadOptions)

    def __fspath__(self) -> str:
        return str(self.path)

    def __str__(self) -> str:
        return str(self.path)


def decode(file: RawFile) -> str:
    """Text of a file in its declared encoding; a file that is not in it stops the build."""
    try:
        return file.path.read_bytes().decode(file.read.encoding)
    except UnicodeDecodeError as exc:
        raise SourceFormatError(f"{file}: not {file.read.encoding} as declared ({exc})") from exc


def require_columns(frame: pd.DataFrame, columns: Iterable[str], path: Path | str) -> pd.DataFrame:
    """Raise a SourceFormatError naming the file and the first missing column."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise SourceFormatError(
            f"{path}: column {missing[0]!r} is missing (expected {list(columns)}; found {list(frame.columns)})"
        )
    return frame


def read_csv(file: RawFile, required: Iterable[str], *, skiprows: int = 0) -> pd.DataFrame:
    """A CSV as a frame of strings, split on its declared separator, with the columns its loader needs checked."""
    if not file.read.separator:
        raise SourceFormatError(f"{file}: no CSV separator declared in the catalogue")
    text = decode(file)
    if skiprows:
        text = "\n".join(text.splitlines()[skiprows:])
    try:
        frame = pd.read_csv(
            io.StringIO(text), sep=file.read.separator, dtype=str, keep_default_na=False, na_values=[""]
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise SourceFormatError(f"{file}: cannot be parsed as CSV ({exc})") from exc
    frame.columns = [str(c).strip() for c in frame.columns]
    return require_columns(frame, list(required), file)


def read_json(file: RawFile) -> Any:
    """Parsed JSON, with a SourceFormatError naming the file when it is not JSON."""
    try:
        return json.loads(decode(file))
    except json.JSONDecodeError as exc:
        raise SourceFormatError(f"{file}: not valid JSON ({exc})") from exc


def to_number(values: pd.Series, file: RawFile) -> pd.Series:
    """Numbers written with the file's declared decimal and thousands marks, to floats; blanks and dashes become NaN,
    never 0. A value written otherwise ("1,234" in a file declared with a decimal point) stops the build."""
    text = values.astype("string").str.strip().replace(MISSING)
    wrong = text.notna() & ~text.str.fullmatch(number_pattern(file.read)).fillna(False)
    if wrong.any():
        raise SourceFormatError(
            f"{file}: {values.name!r} holds values not written as declared (decimal {file.read.decimal!r}, "
            f"thousands {file.read.thousands!r}): {text[wrong].head(3).tolist()}"
        )
    if file.read.thousands:
        text = text.str.replace(file.read.thousands, "", regex=False)
    return pd.to_numeric(text.str.replace(file.read.decimal, ".", regex=False)).astype("float64")


def number_pattern(read: ReadOptions) -> str:
    """A number as the declaration writes it: optional sign, digits grouped by threes when a thousands mark is
    declared, optional decimals: "1.234" fails in a file with a decimal comma, "1,23" with a thousands comma."""
    decimals = rf"(?:{re.escape(read.decimal)}\d+)?"
    plain = rf"-?\d+{decimals}"
    if not read.thousands:
        return plain
    return rf"{plain}|-?\d{{1,3}}(?:{re.escape(read.thousands)}\d{{3}})+{decimals}"
