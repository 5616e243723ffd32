"""Download menus: without Chromium the figure buttons become an install hint; data downloads stay (synthetic data)."""

from __future__ import annotations

import ui.export
from i18n import text


def labels(at) -> list[str]:
    return [b.proto.label for b in at.get("download_button")]


def test_every_chart_offers_figure_and_data_downloads(open_synthetic):
    at = open_synthetic("pages/carte.py")
    found = labels(at)
    for name in ("PNG", "SVG", "PDF", "CSV", "XLSX", text("export.csv_semicolon", "fr")):
        assert name in found, name


def test_without_chromium_the_menu_says_how_to_install_it(open_synthetic, monkeypatch):
    monkeypatch.setattr(ui.export, "_chromium", lambda: False)
    at = open_synthetic("pages/carte.py")
    assert not at.exception
    assert any(text("export.unavailable", "fr") == info.value for info in at.info)
    found = labels(at)
    assert "PNG" not in found and "CSV" in found and "XLSX" in found
