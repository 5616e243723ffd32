"""Strategies table: the project's corrections are the article's own sentences, and the build outputs them."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from loaders import strategies
from loaders.context import BuildContext
from loaders.io import SourceFormatError
from tests.loaders.raw import raw_tree


@pytest.fixture(scope="module")
def article(raw_ctx: BuildContext) -> str:
    path = raw_ctx.root.parent / strategies.SEED_ARTICLE
    if not path.is_file():
        pytest.skip(f"seed article absent ({path})")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def built(raw_ctx: BuildContext) -> pd.DataFrame:
    return strategies.strategies(raw_ctx)


def raw_table(ctx: BuildContext) -> list[dict[str, str]]:
    with ctx.file(strategies.STRATEGIES_FILE).path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def one(frame: pd.DataFrame, code: str, kind: str, start: str) -> pd.Series:
    rows = frame[
        (frame["region_code"] == code) & (frame["kind"] == kind) & frame["initiative_fr"].str.startswith(start)
    ]
    assert len(rows) == 1, (code, kind, start)
    return rows.iloc[0]


@pytest.mark.parametrize("fix", strategies.CORRECTIONS, ids=lambda f: f"{f.region_code}-{f.kind}")
def test_each_correction_quotes_a_sentence_of_the_article(fix, article):
    assert fix.quote in article


def test_hauts_de_france_facebook_partnership_was_announced(built, raw_ctx, article):
    raw = [r for r in raw_table(raw_ctx) if r["region_code"] == "32"]
    assert [r["status"] for r in raw] == ["launched"], "the raw file says launched"
    assert "avait ainsi annoncé un partenariat avec Facebook" in article
    assert one(built, "32", "employment", "Partenariat avec Facebook")["status"] == "announced"


def test_ara_cluster_merger_is_undated_before_july_2017(built, article):
    assert "la fusion des deux clusters numériques régionaux" in article
    row = one(built, "84", "ecosystem", "Fusion des deux clusters")
    assert (row["date"], row["date_precision"]) == ("2017-07-01", "before")


def test_early_july_events_share_one_date_and_paca_keeps_the_7th(built, article):
    assert article.count("Début juillet") == 2 and "assemblée régionale du 7 juillet" in article
    normandie = one(built, "28", "strategy", "Concertation du tissu économique")
    ara = one(built, "84", "employment", "Partenariat avec Facebook")
    assert (normandie["date"], normandie["date_precision"]) == (ara["date"], ara["date_precision"])
    assert ara["date_precision"] == "early-month" and ara["date"].startswith("2017-07-0")
    paca = built[(built["region_code"] == "93") & (built["kind"] == "strategy")]
    assert set(zip(paca["date"], paca["date_precision"], strict=True)) == {("2017-07-07", "day")}


def test_nouvelle_aquitaine_label_is_no_longer_asserted(built, raw_ctx, article):
    raw = [r for r in raw_table(raw_ctx) if r["region_code"] == "75"]
    assert len(raw) == 1 and "Label régional" in raw[0]["initiative_fr"], "the raw row asserts a label"
    assert "dans le sillage de ce qui se fait en région Nouvelle-Aquitaine" in article
    row = built[built["region_code"] == "75"].iloc[0]
    assert not row["initiative_fr"].startswith("Label") and "ne dit pas" in row["initiative_fr"]
    assert "does not say" in row["initiative_en"]


def test_paca_common_label_is_added_as_considered(built, raw_ctx, article):
    assert "la région réfléchit à un label commun de tiers-lieux" in article
    assert len(built) == len(raw_table(raw_ctx)) + 1
    row = one(built, "93", "tiers-lieux", "Réflexion sur un label commun")
    assert (row["status"], row["date"], row["date_precision"]) == ("considered", "2017-07-07", "day")
    assert row["initiative_en"] and row["region_name"] == "Provence-Alpes-Côte d'Azur" and row["source"]


def test_rows_not_corrected_are_as_in_the_raw_file(built, raw_ctx):
    touched = {(f.region_code, f.kind, f.match_fr) for f in strategies.CORRECTIONS}
    for raw in raw_table(raw_ctx):
        if any(
            raw["region_code"] == c and raw["kind"] == k and raw["initiative_fr"].startswith(m) for c, k, m in touched
        ):
            continue
        row = one(built, raw["region_code"], raw["kind"], raw["initiative_fr"])
        assert {c: row[c] for c in strategies.COLUMNS} == raw


def strategies_file(root: Path, row: str) -> BuildContext:
    """A strategies file of one row under its header."""
    return raw_tree(root, strategies.STRATEGIES_FILE, ",".join(strategies.COLUMNS) + "\n" + row + "\n")


def test_a_correction_that_no_longer_matches_fails_the_build(tmp_path):
    ctx = strategies_file(tmp_path, "84,ARA,2017-07-15,month,done,ecosystem,Autre chose,Other,article")
    with pytest.raises(SourceFormatError, match=r"correction for region 32 'employment'.*matches 0 rows"):
        strategies.strategies(ctx)


def test_unknown_date_precision_is_refused(monkeypatch, tmp_path):
    monkeypatch.setattr(strategies, "CORRECTIONS", ())
    ctx = strategies_file(tmp_path, "84,ARA,2017-07-15,fortnight,done,ecosystem,X,Y,article")
    with pytest.raises(SourceFormatError, match=r"'date_precision' has unknown values \['fortnight'\]"):
        strategies.strategies(ctx)
