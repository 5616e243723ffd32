"""Vos données: an analyst's own file, read and reported, named, then used on every page for this session only."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from i18n.format import unit_label
from loaders.catalogue import PILLARS
from loaders.user_data import MAX_BYTES, UserDataError, UserTable, read_user_indicator
from loaders.user_overlay import UNITS, Choices, clean_name, guess_unit, overlay
from ui import state
from ui.chrome import intro
from ui.data import add_indicator, added_indicators, base_dataset, remove_indicator
from ui.entry import ensure_app
from ui.i18n import t
from ui.markdown import escape
from ui.tables import column_widths, localised

ensure_app()

lang = state.lang()
st.title(t("nav.upload"))
intro(t("upload.intro"))

uploaded = st.file_uploader(
    t("upload.file"),
    type=["csv", "tsv", "txt", "xlsx"],
    key="w.upload.file",
    max_upload_size=-(-MAX_BYTES // 1_000_000),  # the reader's own cap, not Streamlit's 200 MB
)


# Answers by their shown text, mapped back (AppTest cannot drive a format_func).
LEVELS = {t("common.level.region"): "region", t("common.level.department"): "department"}
DECIMALS = {t("upload.decimal.comma"): ",", t("upload.decimal.dot"): "."}


def read(data: bytes, name: str) -> UserTable | None:
    """The file read with the reader's answers to what the first reading could not decide."""
    try:
        return read_user_indicator(
            data,
            name,
            lang=lang,
            level=LEVELS.get(st.session_state.get("w.upload.level")),
            decimal=DECIMALS.get(st.session_state.get("w.upload.decimal")),
            territories=base_dataset().territories,
        )
    except UserDataError as exc:
        st.error(str(exc))
        return None


def questions(table: UserTable) -> None:
    """What the reading could not decide, asked (nothing ticked until the reader answers: the report says what was
    guessed meanwhile); an answer reads the file again."""
    if table.ambiguous_level or "w.upload.level" in st.session_state:
        st.radio(t("upload.ask_level"), list(LEVELS), index=None, key="w.upload.level", horizontal=True)
    if table.ambiguous_columns or "w.upload.decimal" in st.session_state:
        columns = ", ".join(table.ambiguous_columns)
        ask = t("upload.ask_decimal", columns=columns)
        st.radio(ask, list(DECIMALS), index=None, key="w.upload.decimal", horizontal=True)


def describe(table: UserTable) -> None:
    with st.expander(t("upload.report"), expanded=True):
        st.markdown("\n".join(f"- {escape(line)}" for line in table.report))


def preview(table: UserTable, column: str) -> None:
    names = base_dataset().territories.query("level == @table.level").set_index("code")["name"]
    rows = table.frame[table.frame["indicator"] == column]
    shown = pd.DataFrame(
        {
            t(f"common.{table.level}"): rows["code"].map(names).to_numpy(),
            t("common.code"): rows["code"].to_numpy(),
            t("common.period"): rows["period"].to_numpy(),
            clean_name(column): rows["value"].to_numpy(),
        }
    )
    if (rows["period"] == "").all():
        shown = shown.drop(columns=t("common.period"))
    st.dataframe(
        localised(shown, lang),
        hide_index=True,
        height=min(400, 35 * (len(shown) + 1) + 3),
        column_config=column_widths(shown, lang),
    )


def name_it(table: UserTable, data: bytes, filename: str) -> None:
    """The form that names the chosen column and adds it to the session's indicators."""
    columns = list(dict.fromkeys(table.frame["indicator"]))
    column = st.selectbox(t("upload.column_pick"), columns, key="w.upload.column") if len(columns) > 1 else columns[0]
    preview(table, column)
    values = table.frame.loc[table.frame["indicator"] == column, "value"]
    with st.form("upload.form"):
        name = st.text_input(t("upload.name"), value=clean_name(column), max_chars=80)
        # Options by their shown text, mapped back: AppTest cannot drive a format_func inside a form.
        units = {unit_label(u, lang): u for u in UNITS}
        pillars = {t(f"common.pillar.{p}"): p for p in PILLARS}
        directions = {t(f"upload.direction.{d}"): d for d in (1, -1, 0)}
        guessed = list(units.values()).index(guess_unit(column, values))
        unit = units[st.selectbox(t("upload.unit"), list(units), index=guessed, key="w.upload.unit")]
        pillar = pillars[st.radio(t("upload.pillar"), list(pillars), horizontal=True, key="w.upload.pillar")]
        polarity = directions[
            st.radio(t("upload.direction"), list(directions), horizontal=True, key="w.upload.direction")
        ]
        st.caption(t("upload.anchors_help"))
        low, high = st.columns(2)
        lowest = low.number_input(t("upload.low"), value=float(values.min()), format="%g")
        highest = high.number_input(t("upload.high"), value=float(values.max()), format="%g")
        if st.form_submit_button(t("upload.add"), type="primary"):
            if lowest >= highest:
                st.error(t("upload.bad_anchors"))
                return
            number = st.session_state.get("user.next", 1)
            choices = Choices(column, name, unit, pillar, polarity, lowest, highest)
            indicator, source, facts = overlay(table, choices, number=number, filename=filename, data=data)
            add_indicator(indicator, source, facts)
            st.session_state["user.next"] = number + 1
            st.success(t("upload.added", name=indicator.label[lang]))


if uploaded is not None:
    data = uploaded.getvalue()
    if st.session_state.get("upload.file_id") != uploaded.file_id:  # a new file: earlier answers do not apply
        st.session_state["upload.file_id"] = uploaded.file_id
        for key in ("w.upload.level", "w.upload.decimal", "w.upload.column"):
            st.session_state.pop(key, None)
    table = read(data, uploaded.name)
    if table is not None:
        questions(table)
        describe(table)
        name_it(table, data, uploaded.name)

added = added_indicators()
if added:
    st.subheader(t("upload.yours"))
    st.caption(t("upload.yours_help"))
    for indicator, source, facts in added:
        line, see, button = st.columns([5, 1, 1], vertical_alignment="center")
        line.markdown(
            escape(
                t(
                    "upload.entry",
                    name=indicator.label[lang],
                    file=source.title[lang],
                    n=facts["code"].nunique(),
                    level=t(f"common.level.{indicator.levels[0]}"),
                )
            )
        )
        if see.button(t("upload.see"), key=f"w.upload.see.{indicator.id}", icon=":material/map:"):
            state.update(indicator=indicator.id, level=str(indicator.levels[0].value), period=None, since=None)
            st.switch_page("pages/carte.py")
        if button.button(t("upload.remove"), key=f"w.upload.remove.{indicator.id}"):
            remove_indicator(indicator.id)
            state.forget(indicator.id)
            st.rerun()
