"""The view carried in the URL, with stable ids: parsing and validation (pure, unit-tested).

`?indicator=ftth_coverage&level=department&period=2025-03-31&region=84,93&lang=en&present=1`; the map adds
`since=2022-09-30` in its 'change between two dates' mode (from `since` to `period`); the index page adds
`w=2,1,1` (pillar weights) and `idx=ftth_coverage,…` (its indicators, when not the defaults).
Unknown or hostile values fall back to defaults and are reported, never raised. On the Europe page `region` is
a French NUTS 2 code (`region=FRC1`), kept in its own field so the other pages' regions are untouched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from i18n import DEFAULT_LANG, LANGS
from loaders.catalogue import INDEX_PILLARS
from loaders.user_overlay import is_user

LEVELS = ("region", "department")
MAX_REGIONS = 4
OVER_LIMIT = "region_limit"  # `rejected` name of regions dropped for the limit (valid codes, too many of them)
DEFAULT_WEIGHTS = (1, 1, 1)
MAX_WEIGHT = 10
_PERIOD = re.compile(r"\d{4}(-\d{2}-\d{2})?")


@dataclass(frozen=True)
class View:
    indicator: str
    level: str = "region"
    period: str | None = None
    regions: tuple[str, ...] = ()
    lang: str = DEFAULT_LANG
    present: bool = False
    y: str | None = None  # second indicator of the infrastructure-usage scatter (vertical axis)
    y_period: str | None = None
    theme: str | None = None  # the Comparer's pillar filter (None: every pillar)
    weights: tuple[int, int, int] = DEFAULT_WEIGHTS  # index pillar weights (infrastructure, usage, ecosystem)
    members: tuple[str, ...] | None = None  # index indicators switched on; None = the catalogue's defaults
    nuts: str | None = None  # French NUTS 2 region of the Europe page
    since: str | None = None  # the map's 'change between two dates' mode: the start date (`period` is the end)


@dataclass(frozen=True)
class Parsed:
    view: View
    rejected: list[tuple[str, str]] = field(default_factory=list)


def shown(value: str, limit: int = 40) -> str:
    """A rejected value made safe to show: printable, no markdown or HTML specials, bounded length."""
    clean = re.sub(r"[^\w\-.,:/ ]", "?", value)[:limit]
    return clean + ("…" if len(value) > limit else "")


def parse(
    params: dict[str, str],
    indicators: set[str],
    regions: set[str],
    default_indicator: str,
    nuts_regions: frozenset[str] = frozenset(),
    index_members: frozenset[str] | None = None,
) -> Parsed:
    """A View from raw query parameters; each invalid value is dropped and listed in `rejected`.

    A `region` code among `nuts_regions` becomes the view's NUTS region (the first one), not one of its regions.
    """
    view = View(indicator=default_indicator)
    rejected: list[tuple[str, str]] = []

    def take(name: str, ok: bool, **change: object) -> None:
        nonlocal view
        if ok:
            view = replace(view, **change)
        else:
            rejected.append((name, shown(params[name])))

    if "indicator" in params:
        take("indicator", params["indicator"] in indicators, indicator=params["indicator"])
    if "level" in params:
        take("level", params["level"] in LEVELS, level=params["level"])
    if "period" in params:
        take("period", bool(_PERIOD.fullmatch(params["period"])), period=params["period"])
    if "y" in params:
        take("y", params["y"] in indicators, y=params["y"])
    if "since" in params:
        take("since", bool(_PERIOD.fullmatch(params["since"])), since=params["since"])
    if "y_period" in params:
        take("y_period", bool(_PERIOD.fullmatch(params["y_period"])), y_period=params["y_period"])
    if "lang" in params:
        take("lang", params["lang"].strip().lower() in LANGS, lang=params["lang"].strip().lower())
    if "theme" in params:
        take("theme", params["theme"] in INDEX_PILLARS, theme=params["theme"])
    if "present" in params:
        take("present", params["present"] in ("0", "1"), present=params["present"] == "1")
    if "w" in params:
        weights = parse_weights(params["w"])
        take("w", weights is not None, weights=weights)
    if "idx" in params:
        ids = tuple(dict.fromkeys(i.strip() for i in params["idx"].split(",") if i.strip()))
        allowed = indicators if index_members is None else index_members
        take("idx", bool(ids) and set(ids) <= allowed, members=ids)
    if "region" in params:
        codes = list(dict.fromkeys(c.strip() for c in params["region"].split(",") if c.strip()))
        known = [c for c in codes if c in regions]
        nuts = [c for c in codes if c in nuts_regions][:1]
        view = replace(view, regions=tuple(known[:MAX_REGIONS]), nuts=nuts[0] if nuts else None)
        unknown = [c for c in codes if c not in regions and c not in nuts]
        if unknown:
            rejected.append(("region", shown(",".join(unknown))))
        if len(known) > MAX_REGIONS:
            rejected.append((OVER_LIMIT, shown(",".join(known[MAX_REGIONS:]))))
    return Parsed(view, rejected)


def parse_weights(raw: str) -> tuple[int, int, int] | None:
    """'2,1,1' -> (2, 1, 1): three whole numbers from 0 to MAX_WEIGHT, not all zero; None when invalid."""
    parts = raw.split(",")
    if len(parts) != 3 or not all(p.strip().isdigit() for p in parts):
        return None
    weights = tuple(int(p) for p in parts)
    if max(weights) > MAX_WEIGHT or sum(weights) == 0:
        return None
    return weights  # type: ignore[return-value]


def carries_user_data(view: View) -> bool:
    """Whether the view shows an indicator that a link cannot carry (an uploaded one)."""
    return any(is_user(i) for i in (view.indicator, view.y, *(view.members or ())))


def to_params(view: View, default_indicator: str, nuts_page: bool = False) -> dict[str, str]:
    """Query parameters for a view; defaults left out so links stay short. On the NUTS page, `region` is its NUTS
    code."""
    # A reader's own indicator lives in their session only: a link cannot carry it (the share menu says so).
    own = is_user(view.indicator)
    params = {"indicator": "" if own or view.indicator == default_indicator else view.indicator}
    params["level"] = view.level if view.level != "region" else ""
    params["period"] = "" if own else view.period or ""
    params["since"] = "" if own else view.since or ""
    params["y"] = view.y if view.y and not is_user(view.y) else ""
    params["y_period"] = view.y_period or ""
    params["w"] = ",".join(map(str, view.weights)) if view.weights != DEFAULT_WEIGHTS else ""
    params["idx"] = ",".join(m for m in view.members if not is_user(m)) if view.members is not None else ""
    params["region"] = (view.nuts or "") if nuts_page else ",".join(view.regions)
    params["theme"] = view.theme or ""
    params["lang"] = view.lang if view.lang != DEFAULT_LANG else ""
    params["present"] = "1" if view.present else ""
    return {k: v for k, v in params.items() if v}
