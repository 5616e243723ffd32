"""The committed snapshot: invariants, provenance, reproducibility, and clear errors when damaged."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from loaders import SnapshotUnavailable, load_dataset
from loaders.__main__ import main
from loaders.build import write_snapshot
from loaders.catalogue import Unit, declared_files
from loaders.codes import REGION_CODES
from loaders.paths import DATA_DIR


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def test_territories_are_the_18_regions_and_101_departments(ds):
    terr = ds.territories
    assert sorted(terr.loc[terr["level"] == "region", "code"]) == sorted(REGION_CODES)
    deps = terr.loc[terr["level"] == "department", "code"]
    assert len(deps) == 101 and deps.is_unique
    assert {"2A", "2B", "971", "972", "973", "974", "976"} <= set(deps)
    assert all(isinstance(c, str) for c in terr["code"])


def test_region_01_is_guadeloupe_and_department_01_is_ain(ds):
    names = ds.territories.set_index(["level", "code"])["name"]
    assert names[("region", "01")] == "Guadeloupe"
    assert names[("department", "01")] == "Ain"
    assert names[("region", "93")] != names[("department", "93")]


def test_fact_keys_are_unique_strings(ds):
    f = ds.facts
    assert not f.duplicated(["level", "code", "indicator", "period"]).any()
    for column in ("level", "code", "indicator", "period"):
        assert f[column].map(type).eq(str).all(), column
    empty = f[f["value"].isna()]
    assert (empty["flag"] == "not_covered").all(), "missing values are absent rows; only 'not covered' has no value"
    assert not empty.empty, "the overseas regions are outside the New Deal Mobile"


def test_percentages_within_bounds(ds):
    pct = [i.id for i in ds.indicators.values() if i.unit == Unit.PERCENT]
    assert pct
    values = ds.facts.loc[ds.facts["indicator"].isin(pct), "value"]
    assert values.between(0, 100).all()


def test_department_counts_add_up_to_their_region(ds):
    counts = [i.id for i in ds.indicators.values() if i.unit == Unit.COUNT]
    f = ds.facts[ds.facts["indicator"].isin(counts)]
    parent = ds.territories[ds.territories["level"] == "department"].set_index("code")["parent_code"]
    deps = f[f["level"] == "department"].assign(region=lambda d: d["code"].map(parent))
    summed = deps.groupby(["indicator", "period", "region"])["value"].sum()
    regions = f[f["level"] == "region"].set_index(["indicator", "period", "code"])["value"]
    both = pd.concat([summed.rename("deps"), regions.rename("region")], axis=1, join="inner")
    assert len(both) > 100
    exact = both[~both.index.get_level_values("indicator").isin(["ftth_premises_connectable"])]
    assert (exact["deps"] - exact["region"]).abs().max() < 1e-6


def test_every_indicator_cites_sources_with_licence_vintage_and_caveats(ds):
    for ind in ds.indicators.values():
        for lang in ("fr", "en"):
            assert ind.caveats[lang].strip(), f"{ind.id} has no caveats in {lang}"
            assert ind.definition[lang].strip(), (ind.id, lang)
        for sid in ind.sources:
            src = ds.sources[sid]
            for lang in ("fr", "en"):
                assert src.licence[lang].strip() and src.vintage[lang].strip() and src.publisher[lang].strip(), sid


def test_every_raw_file_is_recorded_with_its_checksum(ds):
    recorded = {}
    for source in ds.sources.values():
        assert source.files, f"{source.id}: a source without files"
        for f in source.files:
            assert len(f.sha256) == 64 and f.bytes > 0, f.path
            recorded[f.path] = f.read
    assert recorded == declared_files(), "every declared raw file, with its read options, is in sources.json"


def test_geometries_carry_codes_of_the_territories(ds):
    for level in ("region", "department"):
        features = ds.geometry(level)["features"]
        codes = {f["properties"]["code"] for f in features if "zoom_of" not in f["properties"]}
        assert codes == set(ds.territories.loc[ds.territories["level"] == level, "code"])
        copies = {f["properties"]["zoom_of"] for f in features if "zoom_of" in f["properties"]}
        assert copies == ({"75", "92", "93", "94"} if level == "department" else set())


def test_rebuild_from_raw_sources_gives_the_committed_snapshot(raw_ctx, tmp_path):
    manifest = write_snapshot(raw_ctx, tmp_path / "data")
    committed = json.loads((DATA_DIR / "manifest.json").read_text(encoding="utf-8"))
    assert manifest == committed, "rebuild differs from data/: run `python -m loaders build` and commit data/"


def test_missing_snapshot_is_a_clear_error(tmp_path):
    with pytest.raises(SnapshotUnavailable, match=r"python -m loaders build"):
        load_dataset(tmp_path)


def test_damaged_snapshot_file_is_named(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    (copy / "facts.parquet").write_bytes(b"not parquet")
    with pytest.raises(SnapshotUnavailable, match=r"facts\.parquet"):
        load_dataset(copy)


def test_build_command_reports_a_missing_raw_file(tmp_path, capsys):
    (tmp_path / "population").mkdir()
    assert main(["build", "--sources", str(tmp_path), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    named = re.search(r"raw source file not found: (\S+)", err)
    assert named, err
    assert Path(named.group(1)).relative_to(tmp_path).as_posix() in declared_files(), "the error names the file"
    assert not (tmp_path / "out").exists(), "a failed build must not leave a half-written snapshot"
