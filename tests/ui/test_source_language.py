"""Source titles and caveats follow the reader's language: chart source lines, export provenance, the catalogue."""

from __future__ import annotations

import json

import pytest

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
    """A source whose English title and caveats differ from its French ones (most of them)."""
    return next(
        s for s in committed if s["title"]["en"] != s["title"]["fr"] and s["caveats"]["en"] != s["caveats"]["fr"]
    )


def reader(monkeypatch, lang: str) -> None:
    """The session language, as `ui.state` would read it from the URL."""
    monkeypatch.setattr(state, "view", lambda: View("ftth_coverage", lang=lang))


def test_every_source_of_the_snapshot_reads_in_english(committed):
    assert len(committed) > 20
    for src in committed:
        assert src["title"]["fr"].strip() and src["title"]["en"].strip(), src["id"]
        assert bool(src["caveats"]["fr"].strip()) == bool(src["caveats"]["en"].strip()), src["id"]
        assert all(src[k]["en"].strip() for k in ("publisher", "licence", "vintage")), src["id"]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_chart_source_line_uses_the_title_of_the_language(ds, translated, monkeypatch, lang):
    reader(monkeypatch, lang)
    line = figure.source_line(ds, [translated["id"]])
    publisher, title, licence = (translated[k][lang] for k in ("publisher", "title", "licence"))
    assert line.startswith("Source: " if lang == "en" else "Source : ")
    assert f"{publisher} — {title} ({licence})" in line
    if lang == "en":
        assert translated["title"]["fr"] not in line and translated["publisher"]["fr"] not in line


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_export_provenance_uses_the_title_of_the_language(ds, translated, monkeypatch, lang):
    reader(monkeypatch, lang)
    prov = export.provenance(ds, "chart", [translated["id"]])
    assert [s["title"] for s in prov.sources] == [translated["title"][lang]]
    assert prov.sources[0]["url"] == translated["url"]
