"""Uploaded files: messy French spreadsheets read into facts with a report, or refused with a clear message.

Every file here is written by the test itself; territories are the synthetic snapshot's (tests/synthetic.py).
"""

from __future__ import annotations

import csv
import io
import random

import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from i18n import text
from loaders.user_data import MAX_BYTES, MAX_ROWS, UserDataError, read_user_indicator
from tests.synthetic import TERRITORIES

PLACES = pd.DataFrame([t[:3] for t in TERRITORIES], columns=["level", "code", "name"])
REGION_VALUES = {"11": 82.4, "53": 1234.5, "94": 7.1}


def read(data: bytes, filename: str = "mes_donnees.csv", **kw):
    return read_user_indicator(data, filename, territories=PLACES, **kw)


def values(table) -> dict[str, float]:
    return dict(zip(table.frame["code"], table.frame["value"], strict=True))


def csv_bytes(rows: list[list[str]], separator: str = ";", encoding: str = "utf-8") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=separator, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode(encoding)


def test_a_windows_french_export_with_a_title_and_spaced_thousands():
    rows = [
        ["Enquête régionale 2024"],
        ["Région", "Équipement (%)"],
        ["ile de france", "82,4"],
        ["BRETAGNE", "1\u00a0234,5"],
        ["Corse", "7,1"],
    ]
    table = read(csv_bytes(rows, encoding="cp1252"))
    assert values(table) == REGION_VALUES
    assert set(table.frame["indicator"]) == {"Équipement (%)"} and set(table.frame["period"]) == {""}
    assert table.level == "region" and not table.ambiguous_level and not table.ambiguous_columns
    assert text("upload.read_text", "fr", encoding="Windows-1252", separator="point-virgule") in table.report
    assert text("upload.skipped_titles", "fr", lines="1") in table.report


def test_excels_unicode_text_is_utf16_with_tabs():
    rows = [["Code", "Valeur"], ["11", "82,4"], ["53", "1 234,5"], ["94", "7,1"]]
    data = "\r\n".join("\t".join(r) for r in rows).encode("utf-16")
    assert values(read(data, "export.txt")) == REGION_VALUES


def test_an_english_csv_with_a_bom_quoted_thousands_and_a_code_column():
    rows = [
        ["Region", "Code", "Score"],
        ["Île-de-France", "11", "82.4"],
        ["Bretagne", "53", "1,234.5"],
        ["Corse", "94", "7.1"],
    ]
    table = read(csv_bytes(rows, separator=",", encoding="utf-8-sig"), lang="en")
    assert values(table) == REGION_VALUES
    assert set(table.frame["indicator"]) == {"Score"}, "the code column is recognised, not read as values"


def test_a_workbook_keeps_numbers_as_numbers_and_finds_its_header_under_a_title():
    book = Workbook()
    sheet = book.active
    sheet.append(["Tableau 3 : taux par département"])
    sheet.append([])
    sheet.append(["Département", "2022", "2023"])
    sheet.append(["Finistère", 10.5, 11.0])
    sheet.append(["2A", 3, None])
    sheet.append(["Ille-et-Vilaine", 12.25, 13.5])
    buffer = io.BytesIO()
    book.save(buffer)
    table = read(buffer.getvalue(), "taux.xlsx")
    assert table.level == "department"
    frame = table.frame.set_index(["code", "period"])["value"]
    assert frame.to_dict() == {
        ("29", "2022"): 10.5,
        ("29", "2023"): 11.0,
        ("2A", "2022"): 3.0,
        ("35", "2022"): 12.25,
        ("35", "2023"): 13.5,
    }
    assert set(table.frame["indicator"]) == {"taux"}, "year headers: one indicator named after the file"
    assert text("upload.row.missing", "fr", line=5, column="2023") in table.report


def test_every_left_out_line_is_reported_with_its_number():
    rows = [
        ["Région", "Taux"],
        ["Bretagne", "12,5"],
        ["Alsace", "9,0"],
        ["Atlantide", "1,0"],
        ["bretagne", "13,0"],
        ["Corse", "n.d."],
        ["Île-de-France", "beaucoup"],
    ]
    table = read(csv_bytes(rows))
    assert values(table) == {"53": 12.5}
    report = table.report
    assert text("upload.row.former", "fr", line=3, name="Alsace") in report, "a former region is never mapped"
    assert text("upload.row.unknown", "fr", line=4, name="Atlantide") in report
    assert text("upload.row.duplicate", "fr", line=5, name="bretagne", first=2) in report
    assert text("upload.row.missing", "fr", line=6, column="Taux") in report
    assert text("upload.row.not_a_number", "fr", line=7, column="Taux", value="beaucoup") in report


def test_a_dot_with_three_digits_and_no_other_clue_is_reported_and_can_be_settled():
    rows = [["Région", "Montant"], ["Bretagne", "1.234"], ["Corse", "5.678"]]
    table = read(csv_bytes(rows))
    assert table.ambiguous_columns == ["Montant"]
    assert values(table) == {"53": 1.234, "94": 5.678}, "the guess is said, not silent"
    assert values(read(csv_bytes(rows), decimal=",")) == {"53": 1234.0, "94": 5678.0}


def test_another_column_settles_an_ambiguous_one():
    rows = [["Région", "Montant", "Taux"], ["Bretagne", "1.234", "12,5"], ["Corse", "5.678", "3,25"]]
    table = read(csv_bytes(rows))
    assert not table.ambiguous_columns
    assert table.frame.query("indicator == 'Montant'")["value"].tolist() == [1234.0, 5678.0]


def test_codes_shared_by_regions_and_departements_ask_for_the_level():
    shared = ("11", "24", "27", "28", "32", "53")
    places = pd.DataFrame(
        [("region", code, f"Région {code}") for code in shared]
        + [("department", code, f"Département {code}") for code in (*shared, "29")],
        columns=["level", "code", "name"],
    )
    data = csv_bytes([["Code", "Valeur"], ["11", "1,5"], ["53", "2,5"]])
    table = read_user_indicator(data, "x.csv", territories=places)
    assert table.ambiguous_level and table.level == "region"
    assert text("upload.level_ambiguous", "fr") in table.report
    most = csv_bytes([["Code", "Valeur"], *[[code, "1,5"] for code in shared[:5]]])
    assert not read_user_indicator(most, "x.csv", territories=places).ambiguous_level, "most regions: by region"
    again = read_user_indicator(data, "x.csv", territories=places, level="department")
    assert again.level == "department" and not again.ambiguous_level
    assert set(again.frame["level"]) == {"department"}


@pytest.mark.parametrize(
    ("data", "filename", "key"),
    [
        (b"", "vide.csv", "empty"),
        (b"   \r\n", "blanc.csv", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "image.csv", "binary"),
        ("Région\nBretagne\nCorse\n".encode(), "une.csv", "one_column"),
        ("Nom;Valeur\nAtlantide;1\nLémurie;2\n".encode(), "rien.csv", "no_territory"),
        ("Région;Avis\nBretagne;bien\nCorse;très bien\n".encode(), "texte.csv", "no_numbers"),
        (b"PK\x03\x04 not really a workbook", "faux.xlsx", "bad_workbook"),
    ],
)
def test_unusable_files_are_refused_with_a_clear_message(data, filename, key):
    with pytest.raises(UserDataError) as refused:
        read(data, filename)
    assert str(refused.value) == text(f"upload.error.{key}", "fr")


def test_size_and_row_caps():
    with pytest.raises(UserDataError, match="ko"):
        read(b"a;1\n" * (MAX_BYTES // 4 + 1))
    many = [["Région", "Taux"]] + [["Bretagne", "1"]] * (MAX_ROWS + 1)
    with pytest.raises(UserDataError) as refused:
        read(csv_bytes(many))
    assert str(MAX_ROWS) in str(refused.value)


def test_negative_numbers_stay_numbers_and_text_is_never_evaluated():
    rows = [["Région", "Solde"], ["Bretagne", "−3,5"], ["Corse", "=1+1"], ["Île-de-France", "-2"]]
    table = read(csv_bytes(rows))
    assert values(table) == {"53": -3.5, "11": -2.0}
    assert text("upload.row.not_a_number", "fr", line=3, column="Solde", value="=1+1") in table.report


# One valid table written in the many ways spreadsheets write it: the same facts every time.

SPELLINGS = {
    "11": ["Île-de-France", "ILE-DE-FRANCE", "ile de france", "Ile de France", "11"],
    "53": ["Bretagne", "BRETAGNE", "bretagne", "53"],
    "94": ["Corse", "CORSE", "corse", "94"],
}


def written(value: float, decimal: str, thousands: str) -> str:
    whole, fraction = f"{value:.1f}".split(".")
    groups = f"{int(whole):,}".split(",")
    return thousands.join(groups) + decimal + fraction


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]),
    separator=st.sampled_from([";", "\t", ","]),
    decimal=st.sampled_from([",", "."]),
    thousands=st.sampled_from(["", " ", "\u00a0", "\u202f", "sep"]),
    tenths=st.lists(st.integers(1, 9_999_999).filter(lambda n: n % 10), min_size=3, max_size=3),
    spelling=st.integers(0, 3),
    seed=st.integers(0, 1000),
)
def test_any_way_of_writing_the_table_gives_the_same_facts(
    encoding, separator, decimal, thousands, tenths, spelling, seed
):
    assume(not (encoding == "cp1252" and thousands == "\u202f"))  # Windows-1252 has no narrow no-break space
    expected = {code: n / 10 for code, n in zip(SPELLINGS, tenths, strict=True)}
    group = {"sep": "." if decimal == "," else ","}.get(thousands, thousands)
    body = [[SPELLINGS[code][spelling], written(v, decimal, group)] for code, v in expected.items()]
    random.Random(seed).shuffle(body)
    data = csv_bytes([["Territoire", "Valeur"], *body], separator=separator, encoding=encoding)
    table = read(data)
    assert values(table) == pytest.approx(expected)
    assert table.level == "region" and not table.ambiguous_columns
