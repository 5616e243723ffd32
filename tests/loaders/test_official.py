"""Readers of official formats (loaders.official): tested on a real Eurostat API export kept in the raw sources
(tgs00047, a subset of isoc_r_iacc_h) and on samples of that format built from the raw copies."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.official import OfficialFormatError, access_fr, daily_users
from loaders.usage import ACCESS_FR_FILE, DAILY_FILE, read_access_fr, read_daily
from tests.loaders.raw import raw_tree
from tests.loaders.sdmx_sample import RAW, REAL_EXPORT, access_sample, daily_sample, raw_rows, sdmx_csv


def frame(data: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)


def test_the_sample_writer_lays_out_columns_as_a_real_export():
    real = raw_rows(REAL_EXPORT)
    empty = pd.DataFrame(columns=["geo", "geo_label", "year", "value", "flag"])
    sample = frame(sdmx_csv(empty, "tgs00047", {"unit": "PC_HH"}))
    assert list(sample.columns) == list(real.columns)


def test_the_access_reader_takes_the_french_rows_of_a_real_export():
    real = raw_rows(REAL_EXPORT)
    french = real[real["geo"].str.startswith("FR") & (real["OBS_VALUE"] != "")]
    out = frame(access_fr((RAW / REAL_EXPORT).read_bytes()))
    assert len(out) == len(french) and set(out["geo"]) == set(french["geo"])
    both = out.merge(french, left_on=["geo", "year"], right_on=["geo", "TIME_PERIOD"], validate="1:1")
    assert (both["value"] == both["OBS_VALUE"]).all() and (both["obs_flag"] == both["OBS_FLAG"]).all()
    assert (both["nuts_level"].astype(int) == both["geo"].str.len() - 2).all()
    # The raw French copy is a later edition of the same table: its values agree on every year both hold.
    copy = raw_rows(ACCESS_FR_FILE)
    overlap = out.merge(copy, on=["geo", "year"], suffixes=("", "_copy"))
    assert len(overlap) == len(out)
    assert (overlap["value"].astype(float) == overlap["value_copy"].astype(float)).all()


@pytest.mark.parametrize(
    ("relative", "sample", "reader", "load"),
    [(ACCESS_FR_FILE, access_sample, access_fr, read_access_fr), (DAILY_FILE, daily_sample, daily_users, read_daily)],
    ids=["access_fr", "daily_users"],
)
def test_a_converted_official_file_loads_as_the_raw_copy(tmp_path, relative, sample, reader, load):
    converted = raw_tree(tmp_path / "converted", relative, reader(sample()))
    copy = raw_tree(tmp_path / "copy", relative, (RAW / relative).read_bytes())
    pd.testing.assert_frame_equal(
        load(converted).sort_values(["geo", "period"], ignore_index=True),
        load(copy).sort_values(["geo", "period"], ignore_index=True),
    )


def test_a_renamed_column_is_named_in_the_error():
    changed = access_sample().replace(b"OBS_VALUE", b"VALUE", 1)
    with pytest.raises(OfficialFormatError, match="OBS_VALUE"):
        access_fr(changed)


def test_an_export_of_another_series_is_refused():
    weekly = (RAW / "usage/eurostat_oecd_g11/EuroStat-regional-internet-usage.csv").read_bytes()  # I_IUSE, not I_IDAY
    with pytest.raises(OfficialFormatError, match="I_IDAY"):
        daily_users(weekly)


def test_an_export_without_french_rows_is_refused():
    foreign = raw_rows(REAL_EXPORT)
    foreign = foreign[~foreign["geo"].str.startswith("FR")]
    with pytest.raises(OfficialFormatError, match="French"):
        access_fr(foreign.to_csv(index=False).encode())


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_give_the_raw_layout_or_a_format_error(data):
    for reader in (access_fr, daily_users):
        try:
            out = frame(reader(data))
        except OfficialFormatError:
            continue
        assert "geo" in out.columns


def test_eurostat_flags_of_a_converted_daily_file_reach_the_facts(tmp_path):
    raw = raw_rows(DAILY_FILE).head(4)
    flagged = raw.rename(columns={"time": "year"}).assign(geo_label=raw["geo"], flag=["u", "", "b", ""])
    official = sdmx_csv(flagged, "isoc_r_iuse_i", {"indic_is": "I_IDAY", "unit": "PC_IND"})
    loaded = read_daily(raw_tree(tmp_path, DAILY_FILE, daily_users(official)))
    assert loaded["flag"].fillna("none").tolist() == ["low_reliability", "none", "series_break", "none"]
