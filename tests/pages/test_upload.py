"""Vos données: an uploaded file read, reported, named, then seen on the other pages, in this session only."""

from __future__ import annotations

import hashlib
from dataclasses import replace

import pandas as pd
from streamlit.testing.v1 import AppTest

from exports.tables import to_csv
from i18n import text
from tests.pages.conftest import array, figures

PAGE = "pages/vos-donnees.py"
FILE = "Région;Taux d'équipement (%)\nBretagne;12,5\nCorse;30,25\nile de france;20\nAlsace;9\n".encode("cp1252")


def upload(at: AppTest, data: bytes = FILE, name: str = "enquete.csv") -> AppTest:
    at.file_uploader(key="w.upload.file").upload(name, data, "text/csv").run()
    assert not at.exception, at.exception
    return at


def add(at: AppTest, name: str = "Équipement régional") -> AppTest:
    at.text_input[0].set_value(name)
    next(b for b in at.button if b.label == text("upload.add", "fr")).click().run()
    assert not at.exception, at.exception
    return at


def test_the_report_says_what_was_read_and_what_was_left_out(open_synthetic):
    at = upload(open_synthetic(PAGE))
    report = " ".join(m.value for m in at.markdown).replace("\\", "")  # the markdown escapes
    assert "Windows-1252" in report
    assert "Alsace" in report and "ancienne région" in report, "a former region is reported, not mapped"
    assert at.dataframe[0].value.iloc[:, -1].tolist() == [12.5, 30.25, 20.0]


def test_an_added_indicator_is_on_the_map_with_its_values_and_marked_as_yours(open_synthetic):
    at = add(upload(open_synthetic(PAGE)))
    assert any("Équipement régional (vos données)" in s.value for s in at.success)
    ((indicator, source, _),) = at.session_state["user.added"]
    assert indicator.label["fr"] == "Équipement régional (vos données)"
    assert source.files[0].sha256 == hashlib.sha256(FILE).hexdigest(), "the file's own hash is its provenance"
    at.session_state["view"] = replace(at.session_state["view"], indicator="user_1")
    at.switch_page("pages/carte.py").run()
    assert not at.exception
    drawn = figures(at)[0]["data"][0]
    assert dict(zip(drawn["locations"], array(drawn["z"]), strict=True)) == {"53": 12.5, "94": 30.25, "11": 20.0}


def test_a_file_that_cannot_be_used_says_why_and_adds_nothing(open_synthetic):
    at = upload(open_synthetic(PAGE), b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "image.csv")
    assert [e.value for e in at.error] == [text("upload.error.binary", "fr")]
    assert "user.added" not in at.session_state


def test_removing_an_indicator_takes_it_off_every_page(open_synthetic):
    at = add(upload(open_synthetic(PAGE)))
    next(b for b in at.button if b.label == text("upload.remove", "fr")).click().run()
    assert not at.exception
    assert at.session_state["user.added"] == []


def test_two_sessions_with_the_same_name_each_see_their_own(open_synthetic):
    first, second = open_synthetic(PAGE), open_synthetic(PAGE)
    add(upload(first))
    other = "Région;Taux d'équipement (%)\nBretagne;99\nCorse;98\n".encode()
    add(upload(second, other, "autre.csv"))
    values = []
    for at in (first, second):
        at.switch_page("pages/carte.py").run()
        facts = at.session_state["user.overlaid"][1].facts
        values.append(facts.query("indicator == 'user_1'").set_index("code")["value"].to_dict())
    assert values == [{"53": 12.5, "94": 30.25, "11": 20.0}, {"53": 99.0, "94": 98.0}]


def test_the_added_indicator_is_in_the_profile_and_an_optional_index_member(open_synthetic):
    at = add(upload(open_synthetic(PAGE)))
    at.session_state["view"] = replace(at.session_state["view"], regions=("53",))
    at.switch_page("pages/fiche-region.py").run()
    assert not at.exception
    rows = [str(v) for frame in at.dataframe for v in frame.value.iloc[:, 0]]
    assert "Équipement régional (vos données)" in rows
    at.switch_page("pages/indice.py").run()
    assert not at.exception
    member = at.checkbox(key="w.index.member.user_1")
    assert member.value is False, "an uploaded indicator joins the index only when the reader switches it on"
    member.check().run()
    assert not at.exception
    assert "user_1" in at.session_state["view"].members


def test_the_sources_page_lists_the_readers_file_and_exports_neutralise_formulas(open_synthetic):
    hostile = 'Région;=HYPERLINK("http://x")\nBretagne;-3,5\nCorse;4\n'.encode()
    at = add(upload(open_synthetic(PAGE), hostile, "piège.csv"), name="=1+1")
    at.switch_page("pages/sources.py").run()
    assert not at.exception
    ((indicator, _, facts),) = at.session_state["user.added"]
    assert facts["value"].tolist() == [-3.5, 4.0], "negative numbers stay numbers"
    table = pd.DataFrame({"indicator": [indicator.label["fr"]], "value": facts["value"].iloc[:1]})
    written = to_csv(table).decode()
    assert "'=1+1 (vos données)" in written and ",-3.5" in written


def test_an_ambiguous_number_format_is_asked_and_the_answer_reads_the_file_again(open_synthetic):
    at = upload(open_synthetic(PAGE), "Région;Montant\nBretagne;1.234\nCorse;5.678\n".encode(), "montants.csv")
    question = at.radio(key="w.upload.decimal")
    assert at.dataframe[0].value.iloc[:, -1].tolist() == [1.234, 5.678], "the guess, said in the report"
    question.set_value(text("upload.decimal.comma", "fr")).run()
    assert not at.exception
    assert at.dataframe[0].value.iloc[:, -1].tolist() == [1234.0, 5678.0]
