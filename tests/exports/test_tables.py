"""Table exports: formula injection neutralised, BOM and decimal comma, provenance carried, exact round trips.

Expected values are written out by hand or read back with the csv module / openpyxl, never recomputed with the
code under test.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math

import pandas as pd
import pytest
from openpyxl import load_workbook

from exports.tables import Provenance, neutralise, sources_text, to_csv, to_xlsx

HOSTILE = ["=1+1", "+cmd", "-2+3", "@SUM(A1)", "\t=x", "\r=y"]


@pytest.fixture
def frame() -> pd.DataFrame:
    """Synthetic rows: codes that must stay strings, a negative number, a missing value, hostile labels."""
    return pd.DataFrame(
        {
            "code": ["01", "2A", "971", "84", "93", "11"],
            "label": ["synthetic one", *HOSTILE[:5]],
            "value": [12.5, -3.25, 0.5, float("nan"), 1000.0, -7.0],
        }
    )


@pytest.fixture
def provenance() -> Provenance:
    source = {
        "publisher": "Synthetic publisher",
        "title": "Synthetic dataset, with a comma; and a semicolon",
        "url": "https://example.org/synthetic",
        "licence": "Synthetic licence 1.0",
        "vintage": "2023",
    }
    return Provenance(
        title="Synthetic table", sources=[source], export_date=dt.date(2026, 11, 12), view={"Échelon": "=region"}
    )


def test_hostile_strings_get_an_apostrophe_and_numbers_stay_numbers(frame):
    safe = neutralise(frame)
    assert list(safe["label"]) == ["synthetic one", "'=1+1", "'+cmd", "'-2+3", "'@SUM(A1)", "'\t=x"]
    assert safe["value"].iloc[1] == -3.25 and pd.api.types.is_float_dtype(safe["value"])
    assert math.isnan(safe["value"].iloc[3])
    assert list(safe["code"]) == ["01", "2A", "971", "84", "93", "11"]
    assert frame["label"].iloc[1] == "=1+1", "the caller's frame is not modified"


def test_carriage_return_and_hostile_column_names_are_neutralised():
    safe = neutralise(pd.DataFrame({"=evil": ["\r=y", "plain"], "n": [-1, 2]}))
    assert list(safe.columns) == ["'=evil", "n"]
    assert list(safe["'=evil"]) == ["'\r=y", "plain"]
    assert list(safe["n"]) == [-1, 2]


def data_rows(payload: bytes, sep: str) -> list[list[str]]:
    """The CSV read with the csv module (a BOM, when present, removed)."""
    return list(csv.reader(io.StringIO(payload.decode("utf-8-sig"), newline=""), delimiter=sep))


def test_csv_is_plain_data_with_text_quoted(frame):
    payload = to_csv(frame)
    assert not payload.startswith(b"\xef\xbb\xbf")
    lines = payload.decode("utf-8").split("\r\n")
    assert lines[0] == '"code","label","value"'
    assert lines[1] == '"01","synthetic one",12.5'
    assert data_rows(payload, ",") == [
        ["code", "label", "value"],
        ["01", "synthetic one", "12.5"],
        ["2A", "'=1+1", "-3.25"],
        ["971", "'+cmd", "0.5"],
        ["84", "'-2+3", ""],
        ["93", "'@SUM(A1)", "1000.0"],
        ["11", "'\t=x", "-7.0"],
    ]


def test_sources_text_carries_the_provenance(provenance):
    lines = sources_text(provenance, "en").decode("utf-8").splitlines()
    assert lines[0] == "Title: Synthetic table"
    assert "Licence: Synthetic licence 1.0" in lines
    assert "Export date: 12 Nov 2026" in lines


def test_semicolon_variant_uses_decimal_commas_and_a_bom_for_french_excel(frame):
    payload = to_csv(frame, sep=";")
    assert payload.startswith(b"\xef\xbb\xbf")
    rows = data_rows(payload, ";")
    assert rows[1] == ["01", "synthetic one", "12,5"]
    assert rows[2] == ["2A", "'=1+1", "-3,25"]


@pytest.mark.parametrize(("sep", "decimal"), [(",", "."), (";", ",")])
def test_csv_opens_as_is_in_pandas(frame, sep, decimal):
    back = pd.read_csv(io.BytesIO(to_csv(frame, sep=sep)), sep=sep, decimal=decimal, dtype={"code": str})
    expected = pd.DataFrame(
        {
            "code": ["01", "2A", "971", "84", "93", "11"],
            "label": ["synthetic one", "'=1+1", "'+cmd", "'-2+3", "'@SUM(A1)", "'\t=x"],
            "value": [12.5, -3.25, 0.5, float("nan"), 1000.0, -7.0],
        }
    )
    pd.testing.assert_frame_equal(back, expected, check_dtype=False)


def test_only_comma_or_semicolon_separators(frame, provenance):
    with pytest.raises(ValueError, match="sep"):
        to_csv(frame, sep="\t")


def test_xlsx_round_trip_gives_the_same_cells_and_a_provenance_sheet(frame, provenance):
    book = load_workbook(io.BytesIO(to_xlsx(frame, provenance, lang="fr")))
    assert book.sheetnames == ["data", "provenance"]
    data = book["data"]
    assert [list(row) for row in data.iter_rows(values_only=True)] == [
        ["code", "label", "value"],
        ["01", "synthetic one", 12.5],
        ["2A", "'=1+1", -3.25],
        ["971", "'+cmd", 0.5],
        ["84", "'-2+3", None],
        ["93", "'@SUM(A1)", 1000],
        ["11", "'\t=x", -7],
    ]
    assert all(cell.data_type != "f" for row in data.iter_rows() for cell in row), "no cell is a formula"
    assert data["C3"].data_type == "n", "a negative number stays a number"
    assert all(cell.font.bold for cell in data[1])
    assert all(8 <= data.column_dimensions[c].width <= 60 for c in "ABC")
    info = dict(book["provenance"].iter_rows(min_row=2, values_only=True))
    assert info["Titre"] == "Synthetic table"
    assert info["Licence"] == "Synthetic licence 1.0"
    assert info["Millésime"] == "2023"
    assert info["Adresse"] == "https://example.org/synthetic"
    assert info["Date d'export"] == "12 nov. 2026"
    assert info["Vue – Échelon"] == "'=region"


def test_provenance_lines_in_both_languages(provenance):
    fr, en = provenance.lines("fr"), provenance.lines("en")
    assert fr[0] == "Titre : Synthetic table"
    assert en[0] == "Title: Synthetic table"
    assert "Licence : Synthetic licence 1.0" in fr
    assert "Export date: 12 Nov 2026" in en
    assert len(fr) == len(en) == 7
