"""The session's view (indicator, level, period, regions, language, presenter mode) and its URL.

The URL is read once per session, validated against the catalogue, then rewritten at the end of
every run, so a copied link always restores the view. Values live under `view.*` keys that no
widget owns, so they survive page switches (Streamlit drops the state of widgets not drawn).
"""

from __future__ import annotations

from dataclasses import asdict, replace
from urllib.parse import urlencode, urlsplit, urlunsplit

import streamlit as st

from analysis.europe import FRENCH_NUTS2
from loaders import Dataset
from loaders.catalogue import Role
from ui.data import base_dataset
from ui.url import View, parse, to_params

NUTS_PAGE = "europe"  # the page whose `region` link parameter is a French NUTS 2 code
_KEY = "view"
_NOTICES = "view.rejected"
_LINK = "view.link."  # + a date field: the date the link asked for, checked once against the indicator shown
_LINK_DATES = ("period", "since")
_PAGE = "view.page"


def init(ds: Dataset) -> None:
    """Read the URL into the session once."""
    if _KEY in st.session_state:
        return
    regions = set(ds.territories.loc[ds.territories["level"] == "region", "code"])
    members = frozenset(i.id for i in ds.indicators.values() if i.index)
    parsed = parse(
        st.query_params.to_dict(),
        set(ds.indicators),
        regions,
        default_indicator(),
        frozenset(FRENCH_NUTS2),
        index_members=members,
    )
    st.session_state[_KEY] = parsed.view
    st.session_state[_NOTICES] = parsed.rejected
    for name in _LINK_DATES:
        st.session_state[_LINK + name] = getattr(parsed.view, name)


def default_indicator() -> str:
    """The indicator a view opens on when its link names none (left out of links)."""
    return base_dataset().holder(Role.MAP)


def view() -> View:
    return st.session_state[_KEY]


def ready() -> bool:
    """Whether the URL has been read into this session (not yet when its first run fails before `init`)."""
    return _KEY in st.session_state


def update(**change: object) -> None:
    st.session_state[_KEY] = replace(view(), **change)


def forget(indicator: str) -> None:
    """A removed indicator (an uploaded one) leaves the view: back to the default map, no second axis, no member."""
    current = view()
    change: dict[str, object] = {}
    if current.indicator == indicator:
        change |= {"indicator": default_indicator(), "period": None, "since": None}
    if current.y == indicator:
        change |= {"y": None, "y_period": None}
    if current.members and indicator in current.members:
        change["members"] = tuple(m for m in current.members if m != indicator) or None
    if change:
        update(**change)


def lang() -> str:
    return view().lang


def take_notices() -> list[tuple[str, str]]:
    """URL values rejected at session start (shown once)."""
    return st.session_state.pop(_NOTICES, [])


def take_link_date(name: str) -> str | None:
    """The date (`period`, or the map's `since`) the link asked for, once: the first picker of that date checks it
    against the indicator and reports it when it cannot be shown."""
    return st.session_state.pop(_LINK + name, None)


def set_page(url_path: str) -> None:
    """The current page's URL path ('' for the home page), for share links."""
    st.session_state[_PAGE] = url_path


def share_link() -> str:
    """The address of this exact view: the host the reader used, the page, and the view's parameters."""
    origin = urlsplit(st.context.url or "")
    page = st.session_state.get(_PAGE, "")
    query = urlencode(to_params(view(), default_indicator(), nuts_page=page == NUTS_PAGE), safe=",")
    return urlunsplit((origin.scheme or "http", origin.netloc or "localhost", "/" + page, query, ""))


def write_url(page: str = "") -> None:
    """Mirror the view in the address bar (stable ids, not translated labels); `page` is the URL path shown."""
    wanted = to_params(view(), default_indicator(), nuts_page=page == NUTS_PAGE)
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)


def snapshot() -> dict:
    """The view as a plain dict (for exports and tests)."""
    return asdict(view())
