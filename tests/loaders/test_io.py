"""Reading raw files as their catalogue entry declares them: encoding, separator, decimal and thousands marks.

Nothing is guessed: a file written otherwise than declared stops the build with an error naming it.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.catalogue import ReadOptions
from loaders.io import RawFile, SourceFormatError, decode, read_csv, read_json, to_number

COMMA = ReadOptions(separator=",")
SEMICOLON = ReadOptions(separator=";")


def raw(tmp_path: Path, name: str, content: bytes, read: ReadOptions) -> RawFile:
    path = tmp_path / name
    path.write_bytes(content)
    return RawFile(path, read)


def test_cp1252_declared_keeps_accents_and_typographic_apostrophe(tmp_path):
    text = "code;nom\n93;Provence-Alpes-Côte d’Azur\n"
    file = raw(tmp_path, "regions.csv", text.encode("cp1252"), ReadOptions(encoding="cp1252", separator=";"))
    frame = read_csv(file, ["code", "nom"])
    assert frame.loc[0, "nom"] == "Provence-Alpes-Côte d’Azur"
    assert frame.loc[0, "code"] == "93"


def test_utf8_sig_declared_gives_a_clean_header(tmp_path):
    file = raw(
        tmp_path, "bom.csv", "\ufeffcode,valeur\n01,3\n".encode(), ReadOptions(encoding="utf-8-sig", separator=",")
    )
    frame = read_csv(file, ["code", "valeur"])
    assert list(frame.columns) == ["code", "valeur"]
    assert frame.loc[0, "code"] == "01"


def test_a_wrong_declared_encoding_fails_naming_the_file(tmp_path):
    file = raw(tmp_path, "latin.csv", "code,nom\n84,Auvergne-Rhône-Alpes\n".encode("cp1252"), COMMA)
    with pytest.raises(SourceFormatError, match=r"latin\.csv: not utf-8 as declared"):
        read_csv(file, ["code", "nom"])
    with pytest.raises(SourceFormatError, match=r"latin\.csv"):
        decode(file)


def test_a_wrong_declared_separator_fails_naming_the_file_and_column(tmp_path):
    file = raw(tmp_path, "deps.csv", b"dep;n\n01;1\n", COMMA)
    with pytest.raises(SourceFormatError, match=r"deps\.csv: column 'dep' is missing"):
        read_csv(file, ["dep", "n"])


def test_a_csv_without_declared_separator_is_refused(tmp_path):
    file = raw(tmp_path, "undeclared.csv", b"a,b\n1,2\n", ReadOptions())
    with pytest.raises(SourceFormatError, match=r"undeclared\.csv: no CSV separator declared"):
        read_csv(file, ["a"])


def test_codes_keep_leading_zeros(tmp_path):
    file = raw(tmp_path, "deps.csv", b"dep;n\n01;1\n2A;2\n971;3\n", SEMICOLON)
    assert read_csv(file, ["dep"])["dep"].tolist() == ["01", "2A", "971"]


def test_missing_column_names_file_and_column(tmp_path):
    file = raw(tmp_path, "short.csv", b"a,b\n1,2\n", COMMA)
    with pytest.raises(SourceFormatError, match=r"short\.csv.*'valeur'"):
        read_csv(file, ["a", "valeur"])


def test_title_rows_are_skipped(tmp_path):
    content = b"Observatoire\nT1 2018\n\n\nCode;Locaux\n01;12 345\n"
    file = raw(tmp_path, "arcep.csv", content, ReadOptions(separator=";", decimal=",", thousands=" "))
    frame = read_csv(file, ["Code", "Locaux"], skiprows=4)
    assert frame["Code"].tolist() == ["01"]
    assert to_number(frame["Locaux"], file).tolist() == [12345.0]


@pytest.mark.parametrize("thousands", ["\u00a0", "\u202f"], ids=["nbsp", "thin-space"])
def test_decimal_comma_and_space_thousands_declared(tmp_path, thousands):
    content = f"code;taux;locaux\n01;78,4;1{thousands}234{thousands}567\n02;-;\n".encode()
    file = raw(tmp_path, "fr.csv", content, ReadOptions(separator=";", decimal=",", thousands=thousands))
    frame = read_csv(file, ["taux", "locaux"])
    rates = to_number(frame["taux"], file)
    assert rates.iloc[0] == pytest.approx(78.4)
    assert pd.isna(rates.iloc[1]), "a dash is missing data, never zero"
    counts = to_number(frame["locaux"], file)
    assert counts.iloc[0] == 1234567.0
    assert pd.isna(counts.iloc[1])


def test_another_space_than_the_declared_one_is_refused():
    file = RawFile(Path("fr.csv"), ReadOptions(separator=";", decimal=",", thousands="\u202f"))
    with pytest.raises(SourceFormatError, match=r"fr\.csv"):
        to_number(pd.Series(["1\u00a0234,5"], name="locaux"), file)


def test_comma_in_a_file_declared_with_a_decimal_point_fails_instead_of_becoming_1_234():
    file = RawFile(Path("en.csv"), COMMA)
    with pytest.raises(SourceFormatError, match=r"en\.csv: 'locaux' holds values not written as declared"):
        to_number(pd.Series(["12", "1,234"], name="locaux"), file)


def test_comma_thousands_declared_is_read_as_thousands():
    file = RawFile(Path("en.csv"), ReadOptions(separator=";", thousands=","))
    assert to_number(pd.Series(["1,234", "1,234,567.5"]), file).tolist() == [1234.0, 1234567.5]


def test_point_in_a_file_declared_with_a_decimal_comma_fails_instead_of_becoming_1_234():
    file = RawFile(Path("fr.csv"), ReadOptions(separator=";", decimal=","))
    with pytest.raises(SourceFormatError, match=r"fr\.csv"):
        to_number(pd.Series(["1.234"], name="locaux"), file)


@pytest.mark.parametrize("blank", ["-", "", "  ", "nd", "n.d.", "NA"])
def test_dashes_and_blanks_are_missing_never_zero(blank):
    file = RawFile(Path("fr.csv"), ReadOptions(separator=";", decimal=",", thousands="\u00a0"))
    values = to_number(pd.Series(["0", blank, "3,5"]), file)
    assert values.iloc[0] == 0.0
    assert pd.isna(values.iloc[1])
    assert values.iloc[2] == 3.5
    assert values.dtype == "float64"


def test_non_number_is_an_error_naming_the_file():
    with pytest.raises(SourceFormatError, match=r"f\.csv"):
        to_number(pd.Series(["12", "douze"], name="n"), RawFile(Path("f.csv"), COMMA))


def test_invalid_json_names_the_file(tmp_path):
    file = raw(tmp_path, "broken.json", b"{not json", ReadOptions())
    with pytest.raises(SourceFormatError, match=r"broken\.json"):
        read_json(file)


def test_json_in_its_declared_encoding(tmp_path):
    file = raw(tmp_path, "names.json", '{"nom": "Île-de-France"}'.encode("cp1252"), ReadOptions(encoding="cp1252"))
    assert read_json(file) == {"nom": "Île-de-France"}


def written(value: Decimal, decimal: str, thousands: str) -> str:
    """A number as a file with these marks prints it: sign, digits grouped by three, two decimals."""
    sign = "-" if value < 0 else ""
    integer, _, fraction = f"{abs(value):.2f}".partition(".")
    groups = [integer[max(0, end - 3) : end] for end in range(len(integer), 0, -3)][::-1]
    return f"{sign}{thousands.join(groups)}{decimal}{fraction}"


@pytest.mark.parametrize(
    ("decimal", "thousands"),
    [(",", "\u202f"), (",", "\u00a0"), (",", "."), (",", ""), (".", ","), (".", "")],
    ids=["comma-thin-space", "comma-nbsp", "comma-point", "comma-none", "point-comma", "point-none"],
)
@settings(deadline=None)
@given(value=st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_numbers_round_trip_in_each_declared_style(decimal, thousands, value):
    file = RawFile(Path("style.csv"), ReadOptions(separator=";", decimal=decimal, thousands=thousands))
    parsed = to_number(pd.Series([written(value, decimal, thousands)]), file).iloc[0]
    assert parsed == pytest.approx(float(value), abs=1e-9)
