"""Geometry checks for site GeoJSON: positions, rings, region, validity, reprojection, repair.

Every check returns (message, hint) in plain words or None, so it holds no opinion on
files or features; ``checked_geometry`` runs them in order for one feature.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import Any

import numpy as np
import shapely
import shapely.errors
import shapely.geometry

from ecosites.crs import SourceCrs, to_wgs84
from ecosites.validate.problem import Severity, short_json
from ecosites.vocab import REGION_BBOX, in_region

GEOMETRY_TYPES: tuple[str, ...] = ("Point", "MultiPoint", "Polygon", "MultiPolygon")


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _positions(coordinates: Any, depth: int) -> Iterator[Any]:
    """Yield the positions of a coordinates array nested ``depth`` levels deep."""
    if depth == 0:
        yield coordinates
        return
    if not isinstance(coordinates, list):
        raise ValueError("coordinates are not nested arrays as this geometry type needs")
    for item in coordinates:
        yield from _positions(item, depth - 1)


_DEPTH = {"Point": 0, "MultiPoint": 1, "Polygon": 2, "MultiPolygon": 3}
COORDINATE_DECIMALS = 7  # about 1 cm: well inside the 0.1 m the datum conversions promise
REPAIR_HINT = (
    "choose 'Repair geometry' on the staff page (or import with --repair), "
    "or fix it in your GIS, e.g. QGIS 'Fix geometries'"
)
_VALIDITY_REASONS = {
    "Self-intersection": "the boundary crosses itself",
    "Ring Self-intersection": "a ring of the boundary touches itself",
    "Hole lies outside shell": "a hole lies outside the outer ring",
    "Nested holes": "a hole lies inside another hole",
    "Interior is disconnected": "the holes cut the area into separate pieces",
    "Nested shells": "one part of the boundary lies inside another part",
    "Duplicate Rings": "a ring is repeated",
    "Too few points": "a ring has too few distinct points",
    "Invalid Coordinate": "a coordinate is not a number",
    "Ring is not closed": "a ring is not closed",
}
_REASON = re.compile(r"^(?P<reason>[^\[]+)\[(?P<x>[-\d.eE+]+) (?P<y>[-\d.eE+]+)")


def geometry_structure_problem(geometry: Any) -> tuple[str, str] | None:
    """(message, hint) when a geometry is not well-formed GeoJSON with finite numbers, else None.

    Checks type, nesting, arity and numbers only, so it holds in any coordinate system.
    """
    if geometry is None:
        return "the feature has no geometry", "give the site a Point with [longitude, latitude]"
    if not isinstance(geometry, dict):
        return "the geometry is not a GeoJSON object", ""
    kind = geometry.get("type")
    if kind not in GEOMETRY_TYPES:
        return (
            f"geometry type {short_json(kind, 40)} is not supported",
            "use Point, MultiPoint, Polygon or MultiPolygon",
        )
    coordinates = geometry.get("coordinates")
    if not isinstance(coordinates, list) or not coordinates:
        return "the geometry has no coordinates", ""
    try:
        for position in _positions(coordinates, _DEPTH[kind]):
            if not isinstance(position, list) or not 2 <= len(position) <= 3:
                return (
                    "a position must be [longitude, latitude] (2 numbers, optionally a 3rd "
                    f"for height); found {short_json(position, 60)}",
                    "",
                )
            if not all(_is_number(v) for v in position):
                return f"coordinates must be numbers; found {short_json(position, 60)}", ""
            if not all(math.isfinite(v) for v in position):
                return "coordinates must be finite numbers (no NaN or Infinity)", ""
    except ValueError as exc:
        return str(exc), ""
    return None


def geometry_placement_problem(geometry: dict[str, Any]) -> tuple[str, str] | None:
    """(message, hint) when a well-formed WGS-84 geometry is not lon/lat or not in the region."""
    swapped_inside = True
    outside: list[float] | None = None
    for position in _positions(geometry["coordinates"], _DEPTH[geometry["type"]]):
        lon, lat = float(position[0]), float(position[1])
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            if in_region(lat, lon):
                return (
                    f"[{lon}, {lat}] is outside the Guiyang region",
                    "latitude and longitude look swapped: GeoJSON order is [longitude, latitude]",
                )
            return (
                f"[{lon}, {lat}] is not a longitude/latitude pair",
                "GeoJSON is WGS-84 degrees; projected coordinates must be "
                "reprojected (declare the CRS at import)",
            )
        if not in_region(lon, lat):
            outside = outside or [lon, lat]
            swapped_inside = swapped_inside and in_region(lat, lon)
    if outside is None:
        return None
    lon, lat = outside
    hint = (
        "latitude and longitude look swapped: GeoJSON order is [longitude, latitude]"
        if swapped_inside
        else f"the Guiyang region is longitude {REGION_BBOX[0]}–{REGION_BBOX[2]}, "
        f"latitude {REGION_BBOX[1]}–{REGION_BBOX[3]}"
    )
    return f"[{lon}, {lat}] is outside the Guiyang region", hint


def _rings(geometry: dict[str, Any]) -> list[list[Any]]:
    coordinates = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        return list(coordinates)
    if geometry["type"] == "MultiPolygon":
        return [ring for polygon in coordinates for ring in polygon]
    return []


def geometry_validity_problem(geometry: dict[str, Any]) -> tuple[str, str] | None:
    """(message, hint) when a well-formed polygon is not valid (unclosed, crossing), else None."""
    for ring in _rings(geometry):
        if len(ring) < 3 or (len(ring) < 4 and ring[0][:2] == ring[-1][:2]):
            return "a polygon ring needs at least 4 positions", "a ring needs 3 distinct corners"
        if ring[0][:2] != ring[-1][:2]:
            return "a polygon ring is not closed", "repeat the first position as the last one, or " + (
                REPAIR_HINT)
    if geometry["type"] not in ("Polygon", "MultiPolygon"):
        return None
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    if any(not polygon for polygon in polygons):
        return "a polygon has no rings", "give every polygon an outer ring"
    try:
        reason = shapely.is_valid_reason(shapely.geometry.shape(geometry))
    except (ValueError, TypeError, shapely.errors.GEOSException) as exc:
        return f"the boundary cannot be read: {exc}", REPAIR_HINT
    if reason == "Valid Geometry":
        return None
    return f"the boundary is not a valid polygon: {_plain_reason(reason)}", REPAIR_HINT


def _plain_reason(reason: str) -> str:
    match = _REASON.match(reason or "")
    if not match:
        return reason
    plain = _VALIDITY_REASONS.get(match["reason"].strip(), match["reason"].strip())
    return f"{plain} near [{float(match['x']):.6f}, {float(match['y']):.6f}]"


def _map_positions(coordinates: Any, depth: int, new_positions: Iterator[list[float]]) -> Any:
    if depth == 0:
        return next(new_positions)
    return [_map_positions(item, depth - 1, new_positions) for item in coordinates]


def reproject_geometry(geometry: dict[str, Any], source: SourceCrs) -> dict[str, Any]:
    """A copy of a well-formed geometry in WGS-84, rounded to 7 decimals; heights kept."""
    depth = _DEPTH[geometry["type"]]
    positions = list(_positions(geometry["coordinates"], depth))
    xs = np.array([float(p[0]) for p in positions])
    ys = np.array([float(p[1]) for p in positions])
    lons, lats = to_wgs84(source, xs, ys) if not source.is_wgs84 else (xs, ys)
    converted = iter([
        [round(float(lon), COORDINATE_DECIMALS), round(float(lat), COORDINATE_DECIMALS), *p[2:]]
        for lon, lat, p in zip(lons, lats, positions, strict=True)
    ])
    return {"type": geometry["type"], "coordinates": _map_positions(
        geometry["coordinates"], depth, converted)}


def repair_geometry(geometry: dict[str, Any]) -> tuple[dict[str, Any] | None, str]:
    """Close open rings and make a polygon valid (shapely.make_valid), keeping its areas.

    Returns (repaired geometry or None, what was done or why it could not be repaired).
    """
    if geometry["type"] not in ("Polygon", "MultiPolygon"):
        return geometry, ""

    def close(ring: list[Any]) -> list[Any]:
        return ring if ring and ring[0][:2] == ring[-1][:2] else [*ring, ring[0]]

    if geometry["type"] == "Polygon":
        closed = {"type": "Polygon", "coordinates": [close(r) for r in geometry["coordinates"]]}
    else:
        closed = {"type": "MultiPolygon",
                  "coordinates": [[close(r) for r in poly] for poly in geometry["coordinates"]]}
    if any(len(ring) < 4 for ring in _rings(closed)):
        return None, "a ring has fewer than 3 corners, so there is no area to keep"
    shape = shapely.geometry.shape(closed)
    reason = shapely.is_valid_reason(shape)
    if reason != "Valid Geometry":
        shape = shapely.make_valid(shape)
    parts = [part for part in getattr(shape, "geoms", [shape])
             if part.geom_type in ("Polygon", "MultiPolygon") and not part.is_empty]
    if not parts:
        return None, "nothing with an area is left after repair"
    merged = shapely.union_all(parts)
    repaired = _rounded(shapely.geometry.mapping(merged))
    if reason != "Valid Geometry":
        done = _plain_reason(reason)
    else:
        done = "closed the open ring(s)" if closed != geometry else ""
    return repaired, done


def oriented(geometry: dict[str, Any]) -> dict[str, Any]:
    """Polygons with RFC 7946 winding: outer rings counter-clockwise, holes clockwise."""
    if geometry["type"] not in ("Polygon", "MultiPolygon"):
        return geometry
    shape = shapely.orient_polygons(shapely.geometry.shape(geometry), exterior_cw=False)
    return _rounded(shapely.geometry.mapping(shape))


def _rounded(geometry: Any) -> dict[str, Any]:
    """A shapely mapping as JSON-like lists, coordinates rounded to 7 decimals."""
    def convert(value: Any) -> Any:
        if isinstance(value, list | tuple) and value and _is_number(value[0]):
            return [round(float(v), COORDINATE_DECIMALS) for v in value]
        return [convert(v) for v in value]

    return {"type": geometry["type"], "coordinates": convert(geometry["coordinates"])}


def checked_geometry(
    geometry: Any, crs: SourceCrs | None, repair: bool
) -> tuple[dict[str, Any] | None, list[tuple[str, str, Severity]]]:
    """The geometry to keep (WGS-84) and (message, hint, severity) of what was found.

    ``crs=None`` keeps a catalogue geometry as it is; with a ``crs`` it is converted to
    WGS-84, given RFC 7946 winding and, with ``repair=True``, made valid.
    """
    try:
        problem = geometry_structure_problem(geometry)
        if problem is not None:
            return None, [(*problem, "error")]
        if crs is not None:
            label = crs.label
            geometry = reproject_geometry(geometry, crs)
            if geometry_structure_problem(geometry) is not None:
                return None, [(f"the coordinates cannot be converted from {label} to WGS-84",
                               f"check that the file really is in {label}", "error")]
        problem = geometry_placement_problem(geometry)
        if problem is not None:
            return None, [(*problem, "error")]
        problem = geometry_validity_problem(geometry)
        if problem is None:
            return (oriented(geometry) if crs is not None else geometry), []
        if not (repair and crs is not None):
            return None, [(*problem, "error")]
        repaired, done = repair_geometry(geometry)
        if repaired is None:
            return None, [(f"{problem[0]}; it cannot be repaired: {done}",
                           "fix it in your GIS, e.g. QGIS 'Fix geometries'", "error")]
        return oriented(repaired), [(f"the boundary was repaired ({done}); now a {repaired['type']}",
                           "check the repaired shape on the preview map", "warning")]
    except RecursionError:
        return None, [("the coordinates are nested too deeply", "", "error")]
