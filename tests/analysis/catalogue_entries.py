"""Synthetic catalogue entries for unit tests about code, not data: the labels say so, no real numbers."""

from __future__ import annotations

from loaders.catalogue import LANGUAGES, Indicator


def words(fr: str, en: str | None = None) -> dict[str, str]:
    """A text in every language (the English one defaults to the French)."""
    return dict(zip(LANGUAGES, (fr, fr if en is None else en), strict=True))


def indicator(indicator_id: str, **over: object) -> Indicator:
    """A valid indicator (a synthetic rate in %, usage pillar, higher is better); `over` replaces any field."""
    fields = {
        "id": indicator_id,
        "label": words(f"synthétique {indicator_id}", f"synthetic {indicator_id}"),
        "definition": words("définition synthétique", "synthetic definition"),
        "unit": "%",
        "pillar": "usage",
        "polarity": 1,
        "decimals": 1,
        "sources": ("synthetic_source",),
    }
    return Indicator.model_validate(fields | over)
