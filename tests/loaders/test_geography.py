"""Map geometries: codes, d3 winding order, validity, 4-decimal grid, payload size, overseas insets, NUTS crop."""

from __future__ import annotations

import json
import math
import re
from itertools import combinations, pairwise

import pytest
import shapely
from shapely.geometry import box, mapping, shape

from loaders import geography
from loaders.catalogue import load_family
from loaders.codes import NUTS1_TO_REGION, NUTS2_TO_REGION, OVERSEAS_DEPARTMENT_TO_REGION, REGION_CODES
from loaders.context import BuildContext
from tests.loaders.raw import raw_tree

FRANCE_LEVELS = ("region", "department")


@pytest.fixture(scope="module")
def maps(raw_ctx: BuildContext) -> dict[str, dict]:
    return {level: geography.geometry(raw_ctx, level) for level in geography.LEVELS}


def raw_features(ctx: BuildContext, relative: str) -> list[dict]:
    with open(ctx.root / relative, encoding="utf-8") as handle:
        return json.load(handle)["features"]


def polygons(geometry: dict) -> list[list]:
    """Each polygon as its list of rings, whatever the geometry type."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    assert geometry["type"] == "MultiPolygon", geometry["type"]
    return geometry["coordinates"]


def shoelace(ring: list[list[float]]) -> float:
    """Signed area in lon/lat: negative for a clockwise ring."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairwise(ring)) / 2


def compact(obj: object) -> str:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"))


def by_code(collection: dict) -> dict[str, dict]:
    """The territories' own features (the enlarged copies of Paris and its inner suburbs left out)."""
    return {f["properties"]["code"]: f for f in collection["features"] if "zoom_of" not in f["properties"]}


def zoom_copies(collection: dict) -> dict[str, dict]:
    return {f["properties"]["zoom_of"]: f for f in collection["features"] if "zoom_of" in f["properties"]}


def test_eighteen_regions_with_insee_codes(maps: dict) -> None:
    features = maps["region"]["features"]
    assert [f["properties"]["code"] for f in features] == sorted(REGION_CODES)
    assert by_code(maps["region"])["53"]["properties"]["name"] == "Bretagne"


def test_departments_are_the_cog_departments(maps: dict, raw_ctx: BuildContext) -> None:
    territories = raw_ctx.territories
    expected = set(territories.loc[territories["level"] == "department", "code"])
    codes = set(by_code(maps["department"]))
    assert len(expected) == 101
    assert codes == expected
    assert {"2A", "2B", "971", "972", "973", "974", "976"} <= codes
    assert "975" not in codes


def test_department_01_is_ain_in_metropolitan_france(maps: dict) -> None:
    ain = by_code(maps["department"])["01"]
    centroid = shape(ain["geometry"]).centroid
    assert ain["properties"]["name"] == "Ain"
    assert 45.6 < centroid.y < 46.5
    assert 4.7 < centroid.x < 6.2


@pytest.mark.parametrize("level", geography.LEVELS)
def test_features_sorted_with_id_equal_to_code(maps: dict, level: str) -> None:
    codes = [f["properties"]["code"] for f in maps[level]["features"]]
    assert codes == sorted(codes)
    assert len(set(codes)) == len(codes)
    assert all(f["id"] == f["properties"]["code"] and f["type"] == "Feature" for f in maps[level]["features"])
    assert maps[level]["type"] == "FeatureCollection"


@pytest.mark.parametrize("level", geography.LEVELS)
def test_exterior_rings_clockwise_and_holes_counter_clockwise(maps: dict, level: str) -> None:
    """d3/plotly geo fill the whole frame with a counter-clockwise exterior ring."""
    rings = [rings for f in maps[level]["features"] for rings in polygons(f["geometry"])]
    assert all(shoelace(exterior) < 0 for exterior, *_ in rings)
    holes = [hole for _, *holes_ in rings for hole in holes_]
    assert holes, "each level has a few enclaves, so holes must be checked too"
    assert all(shoelace(hole) > 0 for hole in holes)


@pytest.mark.parametrize("level", geography.LEVELS)
def test_geometries_valid_non_empty_and_still_a_coverage(maps: dict, level: str) -> None:
    """Neighbours share identical edges: no slivers nor gaps appear between them after simplification."""
    shapes = [shape(f["geometry"]) for f in maps[level]["features"]]
    assert all(g.is_valid and not g.is_empty and g.area > 0 for g in shapes)
    assert {g.geom_type for g in shapes} <= {"Polygon", "MultiPolygon"}
    assert shapely.coverage_is_valid(shapes)


@pytest.mark.parametrize("level", geography.LEVELS)
def test_coordinates_have_at_most_four_decimals(maps: dict, level: str) -> None:
    text = compact([f["geometry"] for f in maps[level]["features"]])
    assert not re.search(r"\d\.\d{5,}", text)
    assert "e-" not in text


@pytest.mark.parametrize(("level", "limit"), [("region", 150_000), ("department", 600_000)])
def test_payload_small_enough_for_the_browser(maps: dict, level: str, limit: int) -> None:
    assert len(compact(maps[level])) < limit


@pytest.mark.parametrize(("level", "min_overlap"), [("region", 0.97), ("department", 0.88)])
def test_metropolitan_shapes_stay_close_to_the_raw_boundaries(
    maps: dict, raw_ctx: BuildContext, level: str, min_overlap: float
) -> None:
    """Intersection over union with the raw polygon; the smallest Paris departments lose the most."""
    raw = {f["properties"]["code"]: shape(f["geometry"]) for f in raw_features(raw_ctx, geography.FRANCE_FILES[level])}
    insets = {i["code"] for i in maps[level]["insets"]}
    for code, feature in by_code(maps[level]).items():
        if code in insets:
            continue
        simplified = shape(feature["geometry"])
        overlap = simplified.intersection(raw[code]).area / simplified.union(raw[code]).area
        assert overlap > min_overlap, code


@pytest.mark.parametrize("level", FRANCE_LEVELS)
def test_insets_inside_their_boxes_clear_of_france_and_each_other(maps: dict, level: str) -> None:
    collection = maps[level]
    expected = REGION_CODES[:5] if level == "region" else (*OVERSEAS_DEPARTMENT_TO_REGION, geography.ZOOM_INSET)
    boxes = {i["code"]: box(*i["box"]) for i in collection["insets"]}
    assert sorted(boxes) == sorted(expected)
    features = by_code(collection) | {geography.ZOOM_INSET: zoom_union(collection)}
    for code, frame in boxes.items():
        assert frame.contains(shape(features[code]["geometry"])), code
    metro = box(*shapely.total_bounds([shape(f["geometry"]) for c, f in features.items() if c not in boxes]))
    assert metro.bounds[0] < -5 and metro.bounds[3] > 51, "metropolitan bbox reaches Ouessant and Dunkirk"
    assert not any(frame.intersects(metro) for frame in boxes.values())
    assert not any(a.intersects(b) for a, b in combinations(boxes.values(), 2))


def zoom_union(collection: dict) -> dict:
    """The enlarged Paris copies as one feature (they share one box)."""
    return {"geometry": mapping(shapely.union_all([shape(f["geometry"]) for f in zoom_copies(collection).values()]))}


def test_paris_and_inner_suburbs_are_drawn_again_enlarged_with_their_own_codes(
    maps: dict, raw_ctx: BuildContext
) -> None:
    """75, 92, 93, 94 keep their real shapes and get copies `<code>-zoom` inside one box, placed as on the ground."""
    collection = maps["department"]
    copies = zoom_copies(collection)
    assert sorted(copies) == ["75", "92", "93", "94"]
    assert all(f["properties"]["code"] == geography.zoomed(f["properties"]["code"]) + "-zoom" for f in copies.values())
    assert {geography.zoomed(f["properties"]["code"]) for f in copies.values()} == set(copies)
    frame = box(*next(i["box"] for i in collection["insets"] if i["code"] == geography.ZOOM_INSET))
    raw = {
        f["properties"]["code"]: shape(f["geometry"])
        for f in raw_features(raw_ctx, geography.FRANCE_FILES["department"])
    }
    for code, feature in copies.items():
        enlarged = shape(feature["geometry"])
        assert frame.contains(enlarged), code
        assert enlarged.area > 15 * raw[code].area, f"{code} is enlarged enough to see and click"
    # one transformation for the four: Paris stays west of Val-de-Marne and south of Seine-Saint-Denis
    centre = {code: shape(f["geometry"]).centroid for code, f in copies.items()}
    assert centre["75"].x < centre["94"].x and centre["75"].y < centre["93"].y
    assert "zoom_of" not in str(maps["region"]), "regions have no copies"


@pytest.mark.parametrize("level", FRANCE_LEVELS)
def test_insets_keep_true_shape_and_fill_their_box(maps: dict, raw_ctx: BuildContext, level: str) -> None:
    """Same east-west / north-south ratio in km as the raw territory (x corrected by cos latitude)."""
    raw = {f["properties"]["code"]: shape(f["geometry"]) for f in raw_features(raw_ctx, geography.FRANCE_FILES[level])}
    features = by_code(maps[level])
    for inset in maps[level]["insets"]:
        code = inset["code"]
        if code == geography.ZOOM_INSET:
            continue
        x0, y0, x1, y1 = raw[code].bounds
        u0, v0, u1, v1 = shape(features[code]["geometry"]).bounds
        true_ratio = (x1 - x0) * math.cos(math.radians((y0 + y1) / 2)) / (y1 - y0)
        inset_ratio = (u1 - u0) * math.cos(math.radians((v0 + v1) / 2)) / (v1 - v0)
        assert inset_ratio == pytest.approx(true_ratio, rel=0.05), code
        bx0, by0, bx1, by1 = inset["box"]
        assert max((u1 - u0) / (bx1 - bx0), (v1 - v0) / (by1 - by0)) > 0.7, code


def test_department_insets_match_region_insets(maps: dict) -> None:
    """Departments key the insets on 971-976 and draw them where the regions are drawn."""
    regions, departments = by_code(maps["region"]), by_code(maps["department"])
    for department, region in OVERSEAS_DEPARTMENT_TO_REGION.items():
        a = shape(departments[department]["geometry"]).bounds
        b = shape(regions[region]["geometry"]).bounds
        assert a == pytest.approx(b, abs=0.02), department


def test_nuts_france_has_the_13_metropolitan_nuts1_and_no_outermost_region(maps: dict) -> None:
    nuts1 = {c for c in by_code(maps["nuts1"]) if c.startswith("FR")}
    nuts2 = {c for c in by_code(maps["nuts2"]) if c.startswith("FR")}
    assert nuts1 == set(NUTS1_TO_REGION)
    assert {"FRB", "FR1", "FRM"} <= nuts1
    assert nuts2 == {c for c in NUTS2_TO_REGION if not c.startswith("FRY")}
    assert "FR" in by_code(maps["nuts0"])


@pytest.mark.parametrize(
    ("level", "dropped"),
    [
        ("nuts0", set()),
        ("nuts1", {"ES7", "PT2", "PT3", "FRY"}),
        ("nuts2", {"ES70", "PT20", "PT30", "FRY1", "FRY2", "FRY3", "FRY4", "FRY5"}),
    ],
)
def test_nuts_keeps_every_continental_unit(maps: dict, raw_ctx: BuildContext, level: str, dropped: set) -> None:
    raw = {f["properties"]["NUTS_ID"]: f["properties"] for f in raw_features(raw_ctx, geography.NUTS_FILES[level])}
    out = by_code(maps[level])
    assert set(out) == set(raw) - dropped
    for code, feature in out.items():
        assert feature["properties"] == {"code": code, "name": raw[code]["NAME_LATN"], "country": code[:2]}


@pytest.mark.parametrize("level", ["nuts0", "nuts1", "nuts2"])
def test_nuts_map_stays_in_continental_europe(maps: dict, level: str) -> None:
    minx, miny, maxx, maxy = shapely.total_bounds([shape(f["geometry"]) for f in maps[level]["features"]])
    assert minx >= -25 and maxx <= 45 and miny >= 34 and maxy <= 72
    france = shape(by_code(maps["nuts0"])["FR"]["geometry"])
    assert france.bounds[1] > 41 and france.bounds[0] > -6, "France without Guyane, Réunion, Antilles, Mayotte"


def test_output_is_deterministic(maps: dict, raw_ctx: BuildContext) -> None:
    assert compact(geography.geometry(raw_ctx, "department")) == compact(maps["department"])


def test_sources_name_existing_raw_files(raw_ctx: BuildContext) -> None:
    sources = load_family("geography").sources
    files = [f.path for s in sources for f in s.files]
    assert set(files) == set(geography.FRANCE_FILES.values()) | set(geography.NUTS_FILES.values())
    assert all(raw_ctx.file(f).path.is_file() for f in files)
    assert any("EuroGeographics" in s.licence["fr"] and "EuroGeographics" in s.licence["en"] for s in sources)


def test_unknown_level_is_refused(raw_ctx: BuildContext) -> None:
    with pytest.raises(ValueError, match="commune"):
        geography.geometry(raw_ctx, "commune")


def test_rfc7946_rings_and_long_coordinates_are_reoriented_and_rounded(tmp_path) -> None:
    """A hand-made file as RFC 7946 writes it: counter-clockwise exterior, clockwise hole, 6 decimals."""
    exterior = [[2.0, 46.0], [3.000001, 46.0], [3.000001, 47.0], [2.0, 47.0], [2.0, 46.0]]
    hole = [[2.4, 46.4], [2.4, 46.6], [2.600004, 46.6], [2.600004, 46.4], [2.4, 46.4]]
    island = [[-61.5, 16.0], [-61.2, 16.0], [-61.2, 16.3], [-61.5, 16.3], [-61.5, 16.0]]
    collection = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"code": "24", "nom": "Centre"}, "geometry": _polygon(exterior, hole)},
            {"type": "Feature", "properties": {"code": "01", "nom": "Guadeloupe"}, "geometry": _polygon(island)},
        ],
    }
    out = geography.geometry(raw_tree(tmp_path, geography.FRANCE_FILES["region"], json.dumps(collection)), "region")

    assert [f["id"] for f in out["features"]] == ["01", "24"]
    (centre_exterior, centre_hole), *_ = polygons(by_code(out)["24"]["geometry"])
    assert shoelace(centre_exterior) < 0 < shoelace(centre_hole)
    assert [3.0, 46.0] in centre_exterior and [2.6, 46.6] in centre_hole
    assert out["insets"] == [{"code": "01", "box": list(geography.INSET_BOXES["01"])}]
    assert box(*geography.INSET_BOXES["01"]).contains(shape(by_code(out)["01"]["geometry"]))


def _polygon(*rings: list[list[float]]) -> dict:
    return {"type": "Polygon", "coordinates": list(rings)}
