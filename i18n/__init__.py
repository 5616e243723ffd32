"""User-facing text, one catalogue per language (fr.json, en.json), and locale-aware formatting.

Pure Python (no Streamlit), so chart builders and exporters use the same words as the pages.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

LANGS = ("fr", "en")
DEFAULT_LANG = "fr"
_FOLDER = Path(__file__).parent


@cache
def catalogue(lang: str) -> dict[str, str]:
    return json.loads((_FOLDER / f"{lang}.json").read_text(encoding="utf-8"))


def text(key: str, lang: str, **values: object) -> str:
    """The string for key in lang, with {placeholders} filled. A missing key is a bug: it raises."""
    template = catalogue(lang)[key]
    return template.format(**values) if values else template
