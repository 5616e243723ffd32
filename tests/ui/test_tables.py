"""Table column widths: from the longest formatted cell, the name column pinned on wide tables."""

from __future__ import annotations

import pandas as pd

from ui.tables import column_widths


def test_a_longer_text_gets_a_wider_column_and_only_the_first_columns_are_pinned():
    table = pd.DataFrame(
        {
            "Indicateur": ["Court", "Un nom d'indicateur nettement plus long que les autres"],
            "Valeur": ["1 %", "2 %"],
            "Remarque": ["", "estimation"],
        }
    )
    config = column_widths(table, "fr", pinned=1)
    assert config["Indicateur"]["width"] > config["Remarque"]["width"] > config["Valeur"]["width"]
    assert [c for c, spec in config.items() if spec.get("pinned")] == ["Indicateur"]
    assert not any(spec.get("pinned") for spec in column_widths(table, "fr").values())


def test_numbers_are_measured_as_the_interface_writes_them():
    table = pd.DataFrame({"n": [1234567.0, 2.0]})
    french, english = column_widths(table, "fr")["n"]["width"], column_widths(table, "en")["n"]["width"]
    assert french == english > column_widths(pd.DataFrame({"n": [2.0]}), "fr")["n"]["width"]
