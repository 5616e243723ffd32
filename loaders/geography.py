"""Map geometries for the snapshot: French regions and departments (with overseas insets) and EU NUTS 0-2.

`geometry(ctx, level)` returns a GeoJSON FeatureCollection ready for a plotly *geo* choropleth:
- features sorted by code, `id` = `properties.code` (INSEE code, or NUTS_ID for nuts levels);
- edges simplified as a coverage (neighbours keep identical shared edges, so no slivers or gaps),
  coordinates on a 4-decimal grid, geometries valid;
- exterior rings clockwise, holes counter-clockwise, as d3/plotly geo expects (done last: RFC 7946
  writers use the opposite order, and a counter-clockwise exterior fills the whole frame);
- French levels: the five overseas territories are moved and scaled into boxes west of Brittany, so
  one trace with `fitbounds` shows metropolitan France and the insets. The top-level foreign member
  `"insets"` lists those boxes as `{"code", "box": [minx, miny, maxx, maxy]}` (codes of the level:
  01-06 for regions, 971-976 for departments) so charts can frame them. Inset sizes are NOT to scale.
- departments: Paris and its inner suburbs (75, 92, 93, 94), too small to see or click on a map of France, are
  drawn a second time, together and enlarged, in a box above the overseas ones. A geo trace cannot hold two
  features with one id, so the copies have their own codes (`75` + ZOOM_SUFFIX) and `properties.zoom_of` = the
  department's code; the box is listed in `"insets"` under the code ZOOM_INSET.
- NUTS levels: polygon parts whose centroid lies outside continental Europe (Canaries, Azores,
  Madeira, French outermost regions FRY1-FRY5) are dropped; units left without any part disappear.
"""

from __future__ import annotations

import json
import math
from typing import TYPE_CHECKING

import numpy as np
import shapely
from shapely import affinity
from shapely.geometry import box, mapping, shape

from loaders.codes import OVERSEAS_DEPARTMENT_TO_REGION
from loaders.io import read_json

if TYPE_CHECKING:
    from loaders.context import BuildContext

FRANCE_FILES = {
    "region": "geo/france-geojson/regions-avec-outre-mer.geojson",
    "department": "geo/france-geojson/departements-avec-outre-mer.geojson",
}
# 1:60 million: made for maps of the whole of Europe (the 1:20 million files doubled the European map's payload, with
# detail finer than a pixel at that scale).
NUTS_FILES = {f"nuts{n}": f"geo/nuts/NUTS_RG_60M_2021_4326_LEVL_{n}.geojson" for n in range(3)}
LEVELS = ("region", "department", "nuts0", "nuts1", "nuts2")

TOLERANCE = 0.015  # degrees; coverage (Visvalingam-Whyatt) simplification, roughly sqrt of removed triangle areas
DECIMALS = 4
EUROPE_EXTENT = (-25.0, 34.0, 45.0, 72.0)  # lon/lat box a NUTS part's centroid must lie in

# Inset frames west of Brittany (metropolitan France starts at lon -5.14), stacked north to south
# in code order. Keyed by region code; departments use 971-976 through OVERSEAS_DEPARTMENT_TO_REGION.
INSET_BOXES: dict[str, tuple[float, float, float, float]] = {
    "01": (-9.4, 48.8, -6.2, 50.4),
    "02": (-9.4, 47.0, -6.2, 48.6),
    "03": (-9.4, 45.2, -6.2, 46.8),
    "04": (-9.4, 43.4, -6.2, 45.0),
    "06": (-9.4, 41.6, -6.2, 43.2),
}
INSET_PADDING = 0.1  # share of each box side left empty around the territory
ZOOM_CODES = ("75", "92", "93", "94")
ZOOM_BOX = (-9.4, 50.6, -6.2, 52.4)
ZOOM_SUFFIX = "-zoom"
ZOOM_INSET = "idf"


def zoomed(code: str) -> str:
    """The territory a map feature stands for: '75-zoom' (the enlarged copy) -> '75'; other codes unchanged."""
    return code.removesuffix(ZOOM_SUFFIX)


def geometry(ctx: BuildContext, level: str) -> dict:
    """The FeatureCollection of one level, deterministic for a given raw file."""
    if level in FRANCE_FILES:
        return _france(ctx, level)
    if level in NUTS_FILES:
        return _nuts(ctx, level)
    raise ValueError(f"unknown geometry level {level!r}; expected one of {LEVELS}")


def _france(ctx: BuildContext, level: str) -> dict:
    """Regions or departments with the overseas territories moved into their inset boxes."""
    raw = read_json(ctx.file(FRANCE_FILES[level]))["features"]
    codes = [f["properties"]["code"] for f in raw]
    boxes = {code: frame for code, frame in _inset_boxes(level).items() if code in codes}
    shapes = [shape(f["geometry"]) for f in raw]
    shapes = [_to_inset(g, boxes[c]) if c in boxes else g for g, c in zip(shapes, codes, strict=True)]
    props = [{"name": f["properties"]["nom"]} for f in raw]
    insets = [{"code": code, "box": list(frame)} for code, frame in sorted(boxes.items())]
    if level == "department":
        group = [(c, g, p) for c, g, p in zip(codes, shapes, props, strict=True) if c in ZOOM_CODES]
        bounds = shapely.total_bounds([g for _, g, _ in group])
        codes = codes + [c + ZOOM_SUFFIX for c, _, _ in group]
        shapes = shapes + [_to_inset(g, ZOOM_BOX, tuple(bounds)) for _, g, _ in group]
        props = props + [p | {"zoom_of": c} for c, _, p in group]
        insets.append({"code": ZOOM_INSET, "box": list(ZOOM_BOX)})
    collection = _collection(codes, shapes, props)
    collection["insets"] = insets
    return collection


def _nuts(ctx: BuildContext, level: str) -> dict:
    """NUTS units cropped to continental Europe (outermost parts dropped, not clipped)."""
    raw = read_json(ctx.file(NUTS_FILES[level]))["features"]
    shapes = _crop(np.array([shape(f["geometry"]) for f in raw]), box(*EUROPE_EXTENT))
    keep = shapes != None  # noqa: E711 (element-wise test on an object array)
    props = [{"name": f["properties"]["NAME_LATN"], "country": f["properties"]["CNTR_CODE"]} for f in raw]
    codes = [f["properties"]["NUTS_ID"] for f in raw]
    return _collection(
        [c for c, k in zip(codes, keep, strict=True) if k],
        list(shapes[keep]),
        [p for p, k in zip(props, keep, strict=True) if k],
    )


def _inset_boxes(level: str) -> dict[str, tuple[float, float, float, float]]:
    """Inset frames keyed by the level's own codes (departments: 971-976, never 01-06)."""
    if level == "region":
        return INSET_BOXES
    return {dep: INSET_BOXES[region] for dep, region in OVERSEAS_DEPARTMENT_TO_REGION.items()}


def _to_inset(
    geom: shapely.Geometry,
    frame: tuple[float, float, float, float],
    bounds: tuple[float, float, float, float] | None = None,
) -> shapely.Geometry:
    """Scale and move a territory into its frame, keeping its true shape on a conformal map.

    A degree of longitude is cos(latitude) long, so x is scaled by cos(source lat) / cos(frame lat)
    relative to y: the island looks the same shape at 46°N as at its true latitude. `bounds` (default: the
    territory's own) lets several neighbours share one transformation and keep their places.
    """
    minx, miny, maxx, maxy = bounds or geom.bounds
    fx0, fy0, fx1, fy1 = frame
    stretch = math.cos(math.radians((miny + maxy) / 2)) / math.cos(math.radians((fy0 + fy1) / 2))
    usable = 1 - 2 * INSET_PADDING
    scale = min(usable * (fy1 - fy0) / (maxy - miny), usable * (fx1 - fx0) / ((maxx - minx) * stretch))
    xfact, yfact = scale * stretch, scale
    xoff = (fx0 + fx1) / 2 - xfact * (minx + maxx) / 2
    yoff = (fy0 + fy1) / 2 - yfact * (miny + maxy) / 2
    return affinity.affine_transform(geom, [xfact, 0, 0, yfact, xoff, yoff])


def _crop(shapes: np.ndarray, extent: shapely.Geometry) -> np.ndarray:
    """Each geometry reduced to its polygon parts whose centroid lies in the extent; None when none does."""
    parts, owner = shapely.get_parts(shapes, return_index=True)
    inside = shapely.contains(extent, shapely.centroid(parts))
    out = np.full(len(shapes), None, dtype=object)
    return shapely.multipolygons(parts[inside], indices=owner[inside], out=out)


def _collection(codes: list[str], shapes: list[shapely.Geometry], props: list[dict]) -> dict:
    """Simplify as one coverage, snap to the grid, orient for d3, and sort the features by code."""
    cleaned = _clean(shapely.coverage_simplify(np.array(shapes), TOLERANCE))
    features = [
        {"type": "Feature", "id": code, "properties": {"code": code, **prop}, "geometry": _geojson(geom)}
        for code, geom, prop in sorted(zip(codes, cleaned, props, strict=True), key=lambda t: t[0])
    ]
    return {"type": "FeatureCollection", "features": features}


def _clean(shapes: np.ndarray) -> np.ndarray:
    """On a 10^-DECIMALS grid, valid (snapping can pinch or collapse rings), then clockwise exteriors.

    `set_precision` snaps and repairs in one step, so every vertex, including new intersections, is on
    the grid; `round` then only shortens the float repr. Orientation comes last: it reorders vertices
    without moving them, so nothing after it can flip a ring.
    """
    snapped = shapely.set_precision(shapes, 10.0**-DECIMALS)
    polygonal = np.array([_polygonal(g) for g in snapped])
    rounded = shapely.transform(polygonal, lambda xy: np.round(xy, DECIMALS))
    return shapely.orient_polygons(rounded, exterior_cw=True)


def _polygonal(geom: shapely.Geometry) -> shapely.Geometry:
    """Only the non-empty polygon parts of a geometry, as a MultiPolygon when there are several."""
    parts = [p for p in shapely.get_parts(geom) if isinstance(p, shapely.Polygon) and not p.is_empty]
    if not parts:
        raise ValueError("a territory vanished while snapping its geometry to the grid")
    return parts[0] if len(parts) == 1 else shapely.MultiPolygon(parts)


def _geojson(geom: shapely.Geometry) -> dict:
    """A plain-JSON geometry (lists, not tuples), as it will be read back from the snapshot."""
    return json.loads(json.dumps(mapping(geom)))
