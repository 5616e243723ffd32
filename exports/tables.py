"""Tables as CSV or Excel files that carry their provenance and cannot run formulas.

CSV layout: plain data that `pandas.read_csv` and R's `read.csv` open as-is: one header row, then the rows, CRLF
line ends, every text cell quoted (codes such as "01" stay text for readers that honour quotes; pass
`dtype=str` for them in pandas). `sep=";"` writes decimal commas and a UTF-8 BOM for a French Excel. The provenance
is a separate text file (`sources_text`) and the XLSX's "provenance" sheet; sheet "data" holds exactly the table,
with codes stored as text.

Strings starting with = + - @, a tab or a carriage return get a leading apostrophe (OWASP "CSV injection"):
a spreadsheet would otherwise run them as formulas. Numbers are never touched (-2.5 is a number, not a formula).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from i18n import text
from i18n.format import period_label

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_MAX_WIDTH = 60  # characters: wider columns are harder to read than a wrapped cell


@dataclass(frozen=True)
class Provenance:
    """Where an exported table comes from and what view produced it.

    sources: mappings with publisher, title, url, licence, vintage (rows of the sources catalogue).
    view: label -> value of the filters shown on screen (labels already in the user's language).
    """

    title: str
    sources: Sequence[Mapping[str, str]]
    export_date: dt.date
    view: Mapping[str, str] = field(default_factory=dict)

    def rows(self, lang: str) -> list[tuple[str, str]]:
        """Key/value pairs, in the order a reader needs them: what, from whom, under which licence, when."""
        rows = [(text("export.provenance.title", lang), self.title)]
        for src in self.sources:
            rows += [
                (text("common.source", lang), f"{src['publisher']} — {src['title']}"),
                (text("common.vintage", lang), str(src["vintage"])),
                (text("common.licence", lang), src["licence"]),
                (text("export.provenance.url", lang), src["url"]),
            ]
        rows.append((text("export.provenance.export_date", lang), period_label(self.export_date.isoformat(), lang)))
        rows += [(text("export.provenance.view", lang, name=name), str(value)) for name, value in self.view.items()]
        return rows

    def lines(self, lang: str) -> list[str]:
        """The same as readable sentences ("Licence : Licence Ouverte 2.0"), for captions and notes."""
        return [text("export.provenance.line", lang, name=name, value=value) for name, value in self.rows(lang)]


def _neutral(value: object) -> object:
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy where text cells and column names that a spreadsheet would run as formulas start with "'"."""
    out = frame.rename(columns=_neutral)
    for column in out.columns[[not pd.api.types.is_numeric_dtype(t) for t in out.dtypes]]:
        out[column] = out[column].map(_neutral)
    return out


def to_csv(frame: pd.DataFrame, sep: str = ",") -> bytes:
    """CSV bytes: one header row, then the neutralised table with text quoted. sep=";" uses decimal commas and a BOM."""
    if sep not in (",", ";"):
        raise ValueError(f"sep must be ',' or ';', not {sep!r}")
    body = neutralise(frame).to_csv(
        index=False,
        sep=sep,
        decimal="," if sep == ";" else ".",
        lineterminator="\r\n",
        quoting=csv.QUOTE_NONNUMERIC,
    )
    return body.encode("utf-8-sig" if sep == ";" else "utf-8")


def sources_text(provenance: Provenance, lang: str = "fr") -> bytes:
    """The provenance as a short UTF-8 text file, one "name: value" line each, to keep beside the CSV."""
    return ("\r\n".join(provenance.lines(lang)) + "\r\n").encode("utf-8")


def _cell(value: object) -> object:
    """What openpyxl should store: numbers as numbers, missing values as empty cells."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def _fill(sheet, header: Sequence[object], rows: Sequence[Sequence[object]]) -> None:
    """Header in bold and frozen, then the rows; each column as wide as its longest text, within reason."""
    sheet.append([_cell(v) for v in header])
    for row in rows:
        sheet.append([_cell(v) for v in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for index, column in enumerate(sheet.iter_cols(values_only=True), start=1):
        longest = max((len(str(v)) for v in column if v is not None), default=0)
        sheet.column_dimensions[get_column_letter(index)].width = min(max(longest + 2, 8), _MAX_WIDTH)


def to_xlsx(frame: pd.DataFrame, provenance: Provenance, *, lang: str = "fr") -> bytes:
    """Excel bytes: sheet "data" with exactly the (neutralised) table, sheet "provenance" with key/value rows."""
    book = Workbook()
    data = book.active
    data.title = "data"
    safe = neutralise(frame)
    _fill(data, list(safe.columns), list(safe.itertuples(index=False, name=None)))
    keys = (text("export.provenance.key", lang), text("common.value", lang))
    _fill(book.create_sheet("provenance"), keys, [(k, _neutral(v)) for k, v in provenance.rows(lang)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
