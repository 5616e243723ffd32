"""A session's own indicators laid over the shared snapshot: the snapshot is never touched, sessions never mix."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from loaders.catalogue import Indicator, Pillar, Source, SourceFile, Text
from loaders.dataset import Dataset, OverlayError
from loaders.validate import SnapshotError


def text(words: str) -> Text:
    return Text({"fr": words, "en": words})


def indicator(indicator_id: str, source: str = "s") -> Indicator:
    return Indicator(
        id=indicator_id,
        label=text(indicator_id),
        definition=text("def"),
        unit=text("kits"),
        pillar=Pillar.USAGE,
        polarity=1,
        decimals=0,
        sources=(source,),
    )


def source(source_id: str) -> Source:
    file = SourceFile(path=f"{source_id}.csv", sha256="0" * 64)
    return Source(
        id=source_id,
        publisher=text("p"),
        credit=text("p"),
        title=text("t"),
        url="",
        licence=text("l"),
        vintage=text("v"),
        manual=text("m"),
        files=(file,),
    )


def facts(indicator_id: str, values: list[float]) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "level": "region",
            "code": [f"{n}" for n in range(11, 11 + len(values))],
            "indicator": indicator_id,
            "period": "2024",
            "value": values,
            "flag": pd.Series([pd.NA] * len(values), dtype="string"),
            "low": float("nan"),
            "high": float("nan"),
            "decimals": pd.Series([pd.NA] * len(values), dtype="Int8"),
        }
    )
    return frame.astype({c: "str" for c in ("level", "code", "indicator", "period")})


@pytest.fixture
def shared() -> Dataset:
    return Dataset(
        facts=facts("base", [1.0, 2.0]),
        indicators={"base": indicator("base", "s")},
        sources={"s": source("s")},
        territories=pd.DataFrame(),
        strategies=pd.DataFrame(),
        manifest={"version": "v"},
        data_dir=Path("."),
    )


def test_two_sessions_see_only_their_own_indicator(shared):
    first = shared.with_overlay([indicator("mine", "u1")], facts("mine", [5.0]), [source("u1")])
    second = shared.with_overlay([indicator("theirs", "u2")], facts("theirs", [7.0, 8.0]), [source("u2")])
    assert set(first.indicators) == {"base", "mine"} and set(second.indicators) == {"base", "theirs"}
    assert set(first.facts["indicator"]) == {"base", "mine"}
    assert second.facts.loc[second.facts["indicator"] == "theirs", "value"].tolist() == [7.0, 8.0]
    assert set(shared.indicators) == {"base"} and len(shared.facts) == 2 and set(shared.sources) == {"s"}


def test_an_overlay_cannot_shadow_a_snapshot_indicator(shared):
    with pytest.raises(OverlayError, match="base"):
        shared.with_overlay([indicator("base", "u")], facts("base", [1.0]), [source("u")])


def test_facts_need_their_indicator_and_the_schema(shared):
    with pytest.raises(OverlayError, match="ghost"):
        shared.with_overlay([indicator("mine", "u")], facts("ghost", [1.0]), [source("u")])
    with pytest.raises(SnapshotError, match="schema"):
        shared.with_overlay([indicator("mine", "u")], facts("mine", [1.0]).drop(columns="low"), [source("u")])
