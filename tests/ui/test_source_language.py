"""Source titles and caveats follow the reader's language: chart source lines, export provenance, the catalogue."""

from __future__ import annotations

import json

import pytest

from analysis.catalogue import source_text
from loaders import load_dataset
from loaders.paths import DATA_DIR
from ui import export, figure, state
from ui.url import View


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


@pytest.fixture(scope="module")
def committed() -> list[dict]:
    """The committed sources catalogue, read with the json module (not through the code under test)."""
    return json.loads((DATA_DIR / "sources.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def translated(committed) -> dict:
    """A source whose English title differs from its French one (most of them)."""
    return next(s for s in committed if s["title_en"] != s["title"] and s["caveats_en"] != s["caveats"])


def reader(monkeypatch, lang: str) -> None:
    """The session language, as `ui.state` would read it from the URL."""
    monkeypatch.setattr(state, "view", lambda: View("ftth_coverage", lang=lang))


def test_every_source_of_the_snapshot_reads_in_english(committed):
    assert len(committed) > 20
    for src in committed:
        assert src["title"].strip() and src["title_en"].strip(), src["id"]
        assert bool(src["caveats"].strip()) == bool(src["caveats_en"].strip()), src["id"]
        assert all(src[f"{k}_en"].strip() for k in ("publisher", "licence", "vintage")), src["id"]


def test_source_text_picks_english_only_in_english():
    row = {"title": "Titre", "title_en": "Title", "caveats": "Réserve", "caveats_en": ""}
    assert source_text(row, "title", "en") == "Title"
    assert source_text(row, "title", "fr") == "Titre"
    assert source_text(row, "caveats", "en") == "Réserve", "no English text: the French one, not a blank"
    assert source_text({"title": "Titre"}, "title", "en") == "Titre", "older catalogue without the _en field"
    assert source_text({"caveats": None}, "caveats", "fr") == ""


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_chart_source_line_uses_the_title_of_the_language(ds, translated, monkeypatch, lang):
    reader(monkeypatch, lang)
    line = figure.source_line(ds, [translated["id"]])
    suffix = "_en" if lang == "en" else ""
    publisher, title, licence = (translated[f"{k}{suffix}"] for k in ("publisher", "title", "licence"))
    assert line.startswith("Source: " if lang == "en" else "Source : ")
    assert f"{publisher} — {title} ({licence})" in line
    if lang == "en":
        assert translated["title"] not in line and translated["publisher"] not in line


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_export_provenance_uses_the_title_of_the_language(ds, translated, monkeypatch, lang):
    reader(monkeypatch, lang)
    prov = export.provenance(ds, "chart", [translated["id"]])
    assert [s["title"] for s in prov.sources] == [translated["title_en" if lang == "en" else "title"]]
    assert prov.sources[0]["url"] == translated["url"]
