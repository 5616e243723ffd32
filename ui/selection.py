"""Map and scatter clicks: the clicked territory becomes the session's region (DESIGN.md §5: copy it in a callback)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import streamlit as st

from loaders import Dataset
from loaders.geography import zoomed
from ui import state
from ui.i18n import t
from ui.url import MAX_REGIONS


def clicked_code(event: object) -> str | None:
    """The territory code of the first clicked point, if any.

    Maps give it as `location` (an enlarged copy's code stands for its territory: '75-zoom' -> '75');
    scatter-like charts carry it as the first item of `customdata` (`point_index` restarts in every trace,
    so it cannot identify a territory). Points without either (a trend line, a reference) are skipped.
    """
    points = (getattr(event, "selection", None) or {}).get("points", []) if event else []
    for point in points:
        if point.get("location"):
            return zoomed(str(point["location"]))
        custom = point.get("customdata")
        if isinstance(custom, list | tuple) and custom and isinstance(custom[0], str) and custom[0]:
            return custom[0]
    return None


def on_map_click(ds: Dataset, key: str, level: str, then: Callable[[], None] | None = None) -> Callable[[], None]:
    """A callback for st.plotly_chart(on_select=...) that selects the clicked region, or clears it when it is
    the selected one (the first of the session's regions).

    A department click selects its region. `then` runs after a selection (e.g. to ask for the profile page).
    """
    level_rows = ds.territories[ds.territories["level"] == level]
    parent_of = dict(zip(level_rows["code"], level_rows["parent_code"], strict=True))

    def callback() -> None:
        code = clicked_code(st.session_state.get(key))
        if code is None:
            return
        region = code if level == "region" else parent_of.get(code)
        if region is None:
            return
        current = state.view().regions
        others = tuple(c for c in current if c != region)
        if current[:1] == (region,):
            state.update(regions=others)
            return
        state.update(regions=(region, *others)[:MAX_REGIONS])
        if then is not None:
            then()

    return callback


def _clear() -> None:
    state.update(regions=())


def clear_control(names: Mapping[str, str]) -> None:
    """'Selected: Bretagne, Corse — ✕ Clear the selection', shown while regions are selected."""
    chosen = state.view().regions
    if not chosen:
        return
    st.button(
        t("selection.clear", regions=", ".join(names.get(c, c) for c in chosen)),
        key="w.selection.clear",
        on_click=_clear,
        icon=":material/close:",
        type="tertiary",
    )
