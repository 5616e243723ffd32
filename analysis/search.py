"""Finding a territory from what a reader typed: its name or code, any case, accents and hyphens optional."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping


def fold(text: str) -> str:
    """'Île-de-France' -> 'ile de france', "Côtes-d'Armor" -> 'cotes d armor', '2A' -> '2a'."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", bare.casefold()).split())


def match_territory(query: str, territories: Mapping[str, tuple[str, str]]) -> str | None:
    """The key of the territory `query` names, or None. territories: key -> (name, code), in preference order (a
    region and a département may share a code, so keys need not be codes).

    Best first: the code itself; the whole name, or 'name (code)' as the picker shows it; a name starting with the
    query; a name with a word starting with it; a name containing it. Ties go to the earlier territory of `names`.
    """
    wanted = fold(query)
    if not wanted:
        return None
    best: tuple[int, int, str] | None = None
    for order, (key, (name, code)) in enumerate(territories.items()):
        folded, folded_code = fold(name), fold(code)
        if wanted == folded_code:
            rank = 0
        elif wanted in (folded, f"{folded} {folded_code}"):
            rank = 1
        elif folded.startswith(wanted):
            rank = 2
        elif f" {wanted}" in f" {folded}":
            rank = 3
        elif wanted in folded:
            rank = 4
        else:
            continue
        if best is None or (rank, order) < best[:2]:
            best = (rank, order, key)
    return None if best is None else best[2]
