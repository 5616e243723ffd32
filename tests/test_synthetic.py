"""The synthetic snapshot the behaviour tests run on: it loads, passes the build's checks, and covers the catalogue."""

from __future__ import annotations

import json

import shapely
from shapely.geometry import shape

from loaders import load_dataset, snapshot_version
from loaders.catalogue import INDEX_PILLARS, PILLARS, Role, Unit
from loaders.codes import FRANCE
from loaders.validate import check_catalogue, check_facts


def test_it_loads_with_its_manifest_verified(synthetic_dir, synthetic_ds):
    manifest = json.loads((synthetic_dir / "manifest.json").read_text(encoding="utf-8"))
    assert synthetic_ds.version == manifest["version"]
    assert set(manifest["files"]) == {
        "facts.parquet",
        "territories.parquet",
        "strategies.parquet",
        "indicators.json",
        "sources.json",
        "geo/region.geojson",
        "geo/department.geojson",
        "geo/nuts0.geojson",
        "geo/nuts1.geojson",
        "geo/nuts2.geojson",
    }
    counts = synthetic_ds.territories.groupby("level")["code"].nunique().to_dict()
    assert counts == {"region": 3, "department": 5}


def test_it_passes_the_build_checks(synthetic_ds):
    check_catalogue(list(synthetic_ds.indicators.values()), list(synthetic_ds.sources.values()))
    check_facts(synthetic_ds.facts, synthetic_ds.indicators, synthetic_ds.territories)


def test_every_role_has_one_holder(synthetic_ds):
    for role in Role:
        holders = [i.id for i in synthetic_ds.indicators.values() if role in i.presentation.defaults]
        assert holders == [synthetic_ds.holder(role)]
    assert "department" in synthetic_ds.indicator(synthetic_ds.holder(Role.DEPARTMENT_MAP)).levels


def test_the_catalogue_covers_units_pillars_placements_twins_and_the_index(synthetic_ds):
    inds = list(synthetic_ds.indicators.values())
    assert {i.unit for i in inds} == set(Unit) - {Unit.POINTS}
    assert {i.pillar.value for i in inds} == set(PILLARS)
    assert sorted(i.index.pillar for i in inds if i.index) == sorted(INDEX_PILLARS)
    assert any(i.index_left_out for i in inds)
    assert synthetic_ds.placed("headline") and synthetic_ds.placed("overview")
    twins = {(i.id, i.presentation.twin) for i in inds if i.presentation.twin}
    assert twins and all((b, a) in twins for a, b in twins)
    assert any(i.presentation.breaks for i in inds)


def test_it_is_labelled_as_synthetic(synthetic_ds):
    for source in synthetic_ds.sources.values():
        assert all("Synthetic test data" in source.title[lang] for lang in ("fr", "en"))


def test_france_and_the_flags_are_present(synthetic_ds):
    facts = synthetic_ds.facts
    france = facts[(facts["level"] == FRANCE[0]) & (facts["code"] == FRANCE[1])]
    assert not france.empty
    assert {"estimate", "low_reliability", "not_covered"} <= set(facts["flag"].dropna())


def test_region_counts_are_the_sum_of_their_departments(synthetic_ds):
    facts, terr = synthetic_ds.facts, synthetic_ds.territories
    parent = dict(zip(terr["code"], terr["parent_code"], strict=True))
    counts = facts[(facts["indicator"] == "helpers_count") & facts["value"].notna()]
    deps = counts[counts["level"] == "department"].assign(region=lambda f: f["code"].map(parent))
    summed = deps.groupby(["region", "period"])["value"].sum()
    regions = counts[counts["level"] == "region"].set_index(["code", "period"])["value"]
    assert regions.to_dict() == summed.to_dict()


def test_geometry_is_valid_clockwise_and_matches_the_territories(synthetic_ds):
    for level in ("region", "department"):
        features = synthetic_ds.geometry(level)["features"]
        codes = {f["properties"]["code"] for f in features}
        terr = synthetic_ds.territories
        assert codes == set(terr.loc[terr["level"] == level, "code"])
        for feature in features:
            geom = shape(feature["geometry"])
            assert geom.is_valid and geom.area > 0
            assert not shapely.is_ccw(geom.exterior)  # d3 wants clockwise exteriors


def test_the_data_dir_variable_points_load_dataset_at_it(synthetic_app, synthetic_ds):
    assert snapshot_version() == synthetic_ds.version
    assert load_dataset().version == synthetic_ds.version
