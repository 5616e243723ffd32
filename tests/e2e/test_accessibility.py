"""Accessibility: axe-core (pip axe-playwright-python, its bundled axe.min.js) on every page in both languages finds no
serious or critical violation. Charts keep their text alternative and their table twin (tested with each page)."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import Visit
from tests.e2e.test_browser import PATHS

pytestmark = pytest.mark.e2e

BLOCKING = ("serious", "critical")


def blocking_violations(app: Visit) -> list[str]:
    """axe's serious and critical violations on the open page: rule, impact, help and the first offending nodes.

    Checked once no element is stale: Streamlit fades the previous run's elements while a run is under way, and axe
    would measure the faded text's contrast."""
    axe = pytest.importorskip("axe_playwright_python.sync_playwright", reason="axe-playwright-python is not installed")
    app.settle()
    app.page.wait_for_function("() => !document.querySelector('[data-stale=\"true\"]')", timeout=30_000)
    found = axe.Axe().run(app.page).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:4]]}"
        for v in found
        if v["impact"] in BLOCKING
    ]


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("path", [*PATHS, "/fiche-region?region=53"])
def test_every_page_has_no_serious_accessibility_violation(app: Visit, path: str, lang: str):
    app.open(f"{path}{'&' if '?' in path else '?'}lang={lang}")
    app.page.wait_for_load_state("networkidle")
    assert blocking_violations(app) == []
    assert app.page.evaluate("document.documentElement.lang") == lang, "screen readers read the page's language"
    app.assert_clean()


def test_the_document_language_follows_the_interface(app: Visit):
    app.open("/carte?lang=en")
    app.page.wait_for_function("document.documentElement.lang === 'en'")
    app.page.get_by_text("Français").click()
    app.settle()
    app.page.wait_for_function("document.documentElement.lang === 'fr'")
    app.assert_clean()
