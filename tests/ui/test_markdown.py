"""Catalogue text and URLs placed in markdown: shown literally, links that cannot break out."""

from __future__ import annotations

import pytest

from ui.markdown import escape, link, safe_url


def test_escape_neutralises_markdown():
    assert escape("**gras** [x](y) `code` $x$ <b>") == r"\*\*gras\*\* \[x\]\(y\) \`code\` \$x\$ \<b\>"
    assert escape("Sans caractère spécial") == "Sans caractère spécial"


@pytest.mark.parametrize(
    "url", ["", "javascript:alert(1)", "data:text/html,x", "ftp://example.org/a", "https://", "/relative/path"]
)
def test_unsafe_urls_are_refused(url):
    assert safe_url(url) is None
    assert link("Titre", url) == "Titre"


def test_link_encodes_characters_that_would_end_it():
    got = link("A (b)", "https://example.org/a b)(c)<d>?q=1&r=2#f")
    assert got == r"[A \(b\)](https://example.org/a%20b%29%28c%29%3Cd%3E?q=1&r=2#f)"


def test_plain_url_is_unchanged():
    url = "https://ec.europa.eu/eurostat/databrowser/view/tgs00047/default/table"
    assert link("Eurostat", url) == f"[Eurostat]({url})"
