"""The pickers every page shares: indicator (grouped by pillar), level, period, region."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import streamlit as st

from analysis.frames import indicators_for, periods
from analysis.search import match_territory
from i18n.format import period_label
from loaders import Dataset
from loaders.catalogue import Pillar
from ui import state
from ui.i18n import t
from ui.url import MAX_REGIONS, shown
from ui.widgets import view_select


def indicator_label(ds: Dataset, indicator: str) -> str:
    return ds.indicator(indicator).label[state.lang()]


def indicator_picker(
    ds: Dataset, *, key: str, levels: tuple[str, ...] = ("region", "department"), exclude_context: bool = False
) -> str:
    """Indicators with data at one of `levels`, shown as 'Pillar · label'."""
    listed = [i for i in indicators_for(ds, levels) if not (exclude_context and i.pillar == Pillar.CONTEXT)]
    labels = {i.id: f"{t(f'common.pillar_short.{i.pillar}')} · {i.label[state.lang()]}" for i in listed}
    return view_select(t("common.indicator"), list(labels), "indicator", labels.__getitem__, key=key)


def indicator_select(
    ds: Dataset, label: str, options: Sequence[str], *, key: str, default: str, field: str = "indicator"
) -> str:
    """One indicator among `options`, bound to a view field; the view's value when it is an option, else default."""
    labels = {i: indicator_label(ds, i) for i in options}
    value = getattr(state.view(), field)
    return view_select(
        label, list(labels), field, labels.__getitem__, key=key, current=value if value in labels else default
    )


def level_picker(levels: Sequence[str], *, key: str, label: str | None = None, current: str | None = None) -> str:
    """One of `levels` as a radio bound to the view's level, so every page names the levels alike.

    label: the question asked (by default the common one); current: the value shown (by default the view's)."""
    labels = {lv: t(f"common.level.{lv}") for lv in levels}
    return view_select(
        label or t("common.level"),
        list(labels),
        "level",
        labels.__getitem__,
        key=key,
        widget=st.radio,
        current=current,
        horizontal=True,
    )


def current_period(ds: Dataset, indicator: str, level: str, options: Sequence[str] | None = None) -> str:
    """The view's period when it is an option (by default the indicator's periods at the level), else the latest
    option (a link's unknown period is reported)."""
    options = periods(ds, indicator, level) if options is None else list(options)
    current = state.view().period
    asked = state.take_link_date("period")
    if current not in options:
        if asked is not None and asked == current:
            st.warning(t("chrome.bad_param", name="period", value=shown(asked)))
        current = options[-1]
        state.update(period=current)
    return current


def change_toggle(options: Sequence[str], *, key: str) -> bool:
    """The 'change between two dates' switch, on when the view has a start date (`since`); switching it on starts
    from the first date, off forgets it. None of it with a single date."""
    if len(options) < 2:
        return False
    st.session_state[key] = state.view().since is not None
    st.toggle(t("map.change"), key=key, help=t("map.change_help"), on_change=_switch_change, args=(key, options))
    return st.session_state[key]


def _switch_change(key: str, options: Sequence[str]) -> None:
    state.update(since=options[0] if st.session_state[key] else None)


def change_span(options: Sequence[str], *, key: str) -> tuple[str, str]:
    """The two dates compared, from the view (`since` to `period`) when both are dates of the indicator and in order,
    else its first and last (a link's unusable dates are reported)."""
    view = state.view()
    start, end = view.since, view.period
    asked = state.take_link_date("since")
    if start not in options or end not in options or start >= end:
        if asked is not None and asked == start:
            st.warning(t("chrome.bad_param", name="since", value=shown(start)))
        start, end = options[0], options[-1]
        state.update(since=start, period=end)
    labels = {p: period_label(p, state.lang()) for p in options}
    # The value, not a preset of the widget's state, makes it a range slider; the view keeps it in step.
    return st.select_slider(
        t("map.change_dates"),
        options,
        value=(start, end),
        key=key,
        format_func=labels.get,
        on_change=_sync_span,
        args=(key,),
    )


def _sync_span(key: str) -> None:
    start, end = st.session_state[key]
    state.update(since=start, period=end)


PLAY_STEP = 1.5  # seconds per period while the slider plays: time to read the map before it changes


def period_picker(
    ds: Dataset,
    indicator: str,
    level: str,
    *,
    key: str,
    options: Sequence[str] | None = None,
    playable: bool = False,
    label: str | None = None,
) -> str:
    """A slider over the indicator's periods, or `options` (latest by default); a caption when there is only one.

    playable: a 'play' toggle beside it steps through the periods (from the first when at the last), one every
    PLAY_STEP seconds, and stops at the last period or when switched off. label: the slider's (default 'Period')."""
    options = periods(ds, indicator, level) if options is None else list(options)
    current = current_period(ds, indicator, level, options)
    if len(options) == 1:
        st.caption(t("common.period_value", period=period_label(current, state.lang())))
        return current
    labels = {p: period_label(p, state.lang()) for p in options}
    slider, play = st.columns([6, 1], vertical_alignment="bottom") if playable else (st.container(), None)
    if play is not None and play.toggle(t("common.play"), key=f"{key}.play", on_change=_rewind, args=(options,)):
        st.session_state[_TICK] = "drawn"
        _ticker(options, f"{key}.play")
    with slider:
        return view_select(
            label or t("common.period"),
            options,
            "period",
            labels.__getitem__,
            key=key,
            widget=st.select_slider,
            current=current,
        )


_TICK = "controls.play_tick"


def _rewind(options: list[str]) -> None:
    """Starting to play from the last period starts again from the first."""
    if state.view().period == options[-1]:
        state.update(period=options[0])


@st.fragment(run_every=PLAY_STEP)
def _ticker(options: list[str], toggle_key: str) -> None:
    """Every PLAY_STEP seconds while playing: the next period, and the whole page drawn again (the first call, made
    while the page itself is drawn, only starts the clock)."""
    if st.session_state.pop(_TICK, None) == "drawn":
        return
    position = options.index(state.view().period) if state.view().period in options else len(options) - 1
    if position + 1 >= len(options):
        st.session_state[toggle_key] = False
    else:
        state.update(period=options[position + 1])
    st.rerun(scope="app")


def region_names(ds: Dataset) -> dict[str, str]:
    regions = ds.territories[ds.territories["level"] == "region"].sort_values("name")
    return dict(zip(regions["code"], regions["name"], strict=True))


def territory_select(
    label: str,
    territories: Mapping[str, tuple[str, str]],
    *,
    key: str,
    current: str | None,
    on_pick: Callable[[str | None], None],
    allow_none: bool = False,
    help: str | None = None,
) -> str | None:
    """One territory among `territories` (key -> (name, code)), shown 'Name (code)' and searchable by either.

    The list filters as one types; a text that no label matches ('ile de france', 'correze', '2a') is looked up on
    Enter by name or code with accents, case and hyphens optional (analysis.search). `on_pick(code)` runs on a
    choice (None for 'none'); a text that names nothing is reported under the picker. Returns the chosen key.
    """
    labels = {"": t("common.none")} if allow_none else {}
    # Decomposed accents (NFD) look the same, and let the browser's filter find 'Île' from 'ile' as one types.
    labels |= {
        key_: unicodedata.normalize("NFD", t("common.territory_option", name=name, code=code))
        for key_, (name, code) in territories.items()
    }
    missed = f"{key}.missed"

    def _changed() -> None:
        value = st.session_state[key]
        if value not in labels:
            value = match_territory(str(value), territories)
            if value is None:
                st.session_state[missed] = str(st.session_state[key])
                return
            st.session_state[key] = value
        on_pick(value or None)

    st.session_state[key] = current if current in labels else next(iter(labels))
    st.selectbox(
        label,
        list(labels),
        key=key,
        format_func=lambda code: labels.get(code, code),
        on_change=_changed,
        accept_new_options=True,
        placeholder=t("common.territory_search"),
        help=help or t("common.territory_help"),
    )
    if missed in st.session_state:
        st.warning(t("common.territory_not_found", query=shown(st.session_state.pop(missed))))
    return st.session_state[key] or None


def region_picker(ds: Dataset, *, key: str, allow_none: bool = True) -> str | None:
    """One region (the first of the view's regions), found by its name or code or by one of its départements';
    choosing one makes it the session's region. Returns the region's code."""
    regions = ds.territories[ds.territories["level"] == "region"].sort_values("name")
    departments = ds.territories[ds.territories["level"] == "department"].sort_values("code")
    # Keys: a region's code, 'd.' + a département's (11 is Île-de-France and Aude): regions come first.
    names = {code: (name, code) for code, name in zip(regions["code"], regions["name"], strict=True)}
    names |= {f"d.{code}": (name, code) for code, name in zip(departments["code"], departments["name"], strict=True)}
    parent = {code: code for code in regions["code"]}
    parent |= {f"d.{code}": up for code, up in zip(departments["code"], departments["parent_code"], strict=True)}
    region = state.view().regions[0] if state.view().regions else None
    shown_code = st.session_state.get(key)  # a département picked stays shown while its region is the view's
    current = shown_code if region is not None and parent.get(shown_code) == region else region

    def _picked(code: str | None) -> None:
        chosen = parent[code] if code else None
        others = tuple(c for c in state.view().regions if c != chosen)
        state.update(regions=((chosen, *others) if chosen else ()))

    if not allow_none and current is None:
        current = next(iter(names))
        _picked(current)
    picked = territory_select(
        t("common.select_region"), names, key=key, current=current, on_pick=_picked, allow_none=allow_none
    )
    return parent[picked] if picked else None


def regions_multiselect(
    ds: Dataset,
    *,
    key: str,
    chosen: Sequence[str],
    then: Callable[[tuple[str, ...]], None] | None = None,
    **kwargs: Any,
) -> list[str]:
    """Up to four regions; a change becomes the session's regions (then `then(chosen)` runs).

    The value is written on every run: a keyed widget keeps its identity when its labels change,
    and the browser would otherwise go on showing the labels of the previous language.
    """
    names = region_names(ds)

    def _changed() -> None:
        picked = tuple(st.session_state[key])
        state.update(regions=picked)
        if then is not None:
            then(picked)

    st.session_state[key] = list(chosen)
    return st.multiselect(
        kwargs.pop("label"),
        list(names),
        key=key,
        format_func=names.__getitem__,
        max_selections=MAX_REGIONS,
        on_change=_changed,
        **kwargs,
    )
