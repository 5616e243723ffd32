"""Reading messy French files: encodings, separators, number formats, missing columns."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from loaders.io import SourceFormatError, read_csv, read_json, to_number


def test_cp1252_file_keeps_accents_and_typographic_apostrophe(tmp_path):
    path = tmp_path / "regions.csv"
    path.write_bytes("code;nom\n93;Provence-Alpes-Côte d’Azur\n".encode("cp1252"))
    frame = read_csv(path, ["code", "nom"])
    assert frame.loc[0, "nom"] == "Provence-Alpes-Côte d’Azur"
    assert frame.loc[0, "code"] == "93"


def test_utf8_bom_header_is_clean(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes("\ufeffcode,valeur\n01,3\n".encode())
    assert list(read_csv(path, ["code"]).columns) == ["code", "valeur"]


def test_codes_keep_leading_zeros(tmp_path):
    path = tmp_path / "deps.csv"
    path.write_text("dep;n\n01;1\n2A;2\n971;3\n", encoding="utf-8")
    assert read_csv(path, ["dep"])["dep"].tolist() == ["01", "2A", "971"]


def test_missing_column_names_file_and_column(tmp_path):
    path = tmp_path / "short.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(SourceFormatError, match=r"short\.csv.*'valeur'"):
        read_csv(path, ["a", "valeur"])


def test_title_rows_are_skipped(tmp_path):
    path = tmp_path / "arcep.csv"
    path.write_text("Observatoire\nT1 2018\n\n\nCode;Locaux\n01;12 345\n", encoding="utf-8")
    frame = read_csv(path, ["Code", "Locaux"], skiprows=4)
    assert to_number(frame["Locaux"]).tolist() == [12345.0]


def test_semicolon_decimal_comma_and_spaces(tmp_path):
    path = tmp_path / "fr.csv"
    path.write_text("code;taux;locaux\n01;78,4;1\u202f234\u00a0567\n02;-;\n", encoding="utf-8")
    frame = read_csv(path, ["taux", "locaux"])
    rates = to_number(frame["taux"])
    assert rates.iloc[0] == pytest.approx(78.4)
    assert pd.isna(rates.iloc[1]), "a dash is missing data, never zero"
    counts = to_number(frame["locaux"])
    assert counts.iloc[0] == 1234567.0
    assert pd.isna(counts.iloc[1])


def test_non_number_is_an_error_naming_the_file():
    with pytest.raises(SourceFormatError, match=r"f\.csv"):
        to_number(pd.Series(["12", "douze"], name="n"), "f.csv")


def test_invalid_json_names_the_file(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(SourceFormatError, match=r"broken\.json"):
        read_json(path)


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_french_formatting_round_trips(value):
    integer, _, fraction = f"{value:.2f}".partition(".")
    grouped = f"{int(integer):,}".replace(",", "\u202f")
    parsed = to_number(pd.Series([f"{grouped},{fraction}"])).iloc[0]
    assert parsed == pytest.approx(float(value))
