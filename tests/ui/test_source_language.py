"""Source titles and caveats follow the reader's language: chart source lines and export provenance.

On the synthetic snapshot (tests/synthetic.py), whose source has different French and English texts; that every
source of the committed snapshot reads in English is a data test (tests/loaders/test_snapshot_views.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from loaders import Dataset
from ui import export, figure, state
from ui.url import View


@pytest.fixture(scope="module")
def translated(synthetic_dir: Path) -> dict:
    """A source whose English title and caveats differ from its French ones, read with the json module (not through
    the code under test)."""
    sources = json.loads((synthetic_dir / "sources.json").read_text(encoding="utf-8"))
    return next(s for s in sources if s["title"]["en"] != s["title"]["fr"] and s["caveats"]["en"] != s["caveats"]["fr"])


def reader(monkeypatch, ds: Dataset, lang: str) -> None:
    """The session language, as `ui.state` would read it from the URL."""
    monkeypatch.setattr(state, "view", lambda: View(next(iter(ds.indicators)), lang=lang))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_chart_source_line_uses_the_title_of_the_language(synthetic_ds, translated, monkeypatch, lang):
    reader(monkeypatch, synthetic_ds, lang)
    line = figure.source_line(synthetic_ds, [translated["id"]])
    publisher, title, licence = (translated[k][lang] for k in ("publisher", "title", "licence"))
    assert line.startswith("Source: " if lang == "en" else "Source : ")
    assert f"{publisher} — {title} ({licence})" in line
    if lang == "en":
        assert translated["title"]["fr"] not in line and translated["publisher"]["fr"] not in line


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_export_provenance_uses_the_title_of_the_language(synthetic_ds, translated, monkeypatch, lang):
    reader(monkeypatch, synthetic_ds, lang)
    prov = export.provenance(synthetic_ds, "chart", [translated["id"]])
    assert [s["title"] for s in prov.sources] == [translated["title"][lang]]
    assert prov.sources[0]["url"] == translated["url"]
