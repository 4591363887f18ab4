"""Geometry checks for site GeoJSON: what the product adds to RFC 7946, reprojection, repair.

``rfc7946`` judges a geometry as the standard does; here come the product's own rules
(supported types, a location, the Guiyang region, a valid boundary) and the conversion
to WGS-84. Every check returns Findings, so it holds no opinion on files or features;
``checked_geometry`` runs them in order for one feature. Numbers are rounded only after
every check has passed, and a rounded boundary is checked again.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import numpy as np
import shapely
import shapely.errors
import shapely.geometry

from ecosites.crs import SourceCrs, to_wgs84
from ecosites.validate.problem import Finding, finding, short_json, with_values
from ecosites.validate.rfc7946 import (
    GEOMETRY_DEPTH,
    geometry_findings,
    is_number,
    positions,
    rewound,
)
from ecosites.vocab import REGION_BBOX, in_region

GEOMETRY_TYPES: tuple[str, ...] = ("Point", "MultiPoint", "Polygon", "MultiPolygon")
COORDINATE_DECIMALS = 7  # about 1 cm: well inside the 0.1 m the datum conversions promise
# GEOS's reasons (shapely.is_valid_reason) as message keys: its own words never reach a user.
_VALIDITY_REASONS = {
    "Self-intersection": "self_intersection",
    "Ring Self-intersection": "ring_self_intersection",
    "Hole lies outside shell": "hole_outside",
    "Nested holes": "nested_holes",
    "Interior is disconnected": "disconnected",
    "Nested shells": "nested_shells",
    "Duplicate Rings": "duplicate_rings",
    "Too few points": "too_few_points",
    "Invalid Coordinate": "invalid_coordinate",
    "Ring is not closed": "ring_open",
}
_REASON = re.compile(r"^(?P<reason>[^\[]+)\[(?P<x>[-\d.eE+]+) (?P<y>[-\d.eE+]+)")


def _positions(geometry: dict[str, Any]) -> Iterator[Any]:
    return positions(geometry["coordinates"], GEOMETRY_DEPTH[geometry["type"]])


def product_geometry_finding(geometry: Any) -> Finding | None:
    """What the product needs beyond RFC 7946: a location, of a type a site can have."""
    if geometry is None:
        return finding("validate.geo.none")
    if geometry.get("type") not in GEOMETRY_TYPES:
        return finding("validate.geo.unsupported", found=short_json(geometry.get("type"), 40))
    if not geometry["coordinates"]:
        return finding("validate.geo.empty")
    return None


def placement_finding(geometry: dict[str, Any]) -> Finding | None:
    """Why a well-formed WGS-84 geometry is not lon/lat or not in the region, else None."""
    swapped_inside = True
    outside: list[float] | None = None
    for position in _positions(geometry):
        lon, lat = float(position[0]), float(position[1])
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            if in_region(lat, lon):
                return finding("validate.geo.outside_swapped", lon=lon, lat=lat)
            return finding("validate.geo.not_lonlat", lon=lon, lat=lat)
        if not in_region(lon, lat):
            outside = outside or [lon, lat]
            swapped_inside = swapped_inside and in_region(lat, lon)
    if outside is None:
        return None
    lon, lat = outside
    if swapped_inside:
        return finding("validate.geo.outside_swapped", lon=lon, lat=lat)
    west, south, east, north = REGION_BBOX
    return finding("validate.geo.outside", lon=lon, lat=lat, west=west, south=south, east=east,
                   north=north)


def _rings(geometry: dict[str, Any]) -> list[list[Any]]:
    coordinates = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        return list(coordinates)
    if geometry["type"] == "MultiPolygon":
        return [ring for polygon in coordinates for ring in polygon]
    return []


def _reason_values(reason: str) -> dict[str, str]:
    """GEOS's reason as a message key with its place; an unknown reason gets a generic key."""
    match = _REASON.match(reason or "")
    slug = _VALIDITY_REASONS.get(match["reason"].strip(), "other") if match else "other"
    if not match:
        return {"reason_key": "validate.geos.other_nowhere"}
    return {"reason_key": f"validate.geos.{slug}", "x": f"{float(match['x']):.6f}",
            "y": f"{float(match['y']):.6f}"}


def validity_finding(geometry: dict[str, Any]) -> Finding | None:
    """Why a well-formed polygon is not valid (crossing, holes outside...), else None."""
    if geometry["type"] not in ("Polygon", "MultiPolygon"):
        return None
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    if any(not polygon for polygon in polygons):
        return finding("validate.geo.no_rings")
    try:
        reason = shapely.is_valid_reason(shapely.geometry.shape(geometry))
    except (ValueError, TypeError, shapely.errors.GEOSException):
        return finding("validate.geo.unreadable")
    if reason == "Valid Geometry":
        return None
    return with_values("validate.geo.invalid", _reason_values(str(reason)))


def _map_positions(coordinates: Any, depth: int, new_positions: Iterator[list[float]]) -> Any:
    if depth == 0:
        return next(new_positions)
    return [_map_positions(item, depth - 1, new_positions) for item in coordinates]


def reproject_geometry(geometry: dict[str, Any], source: SourceCrs) -> dict[str, Any]:
    """A copy of a well-formed geometry in WGS-84, heights kept, not rounded."""
    if source.is_wgs84:
        return geometry
    depth = GEOMETRY_DEPTH[geometry["type"]]
    found = list(_positions(geometry))
    xs = np.array([float(p[0]) for p in found])
    ys = np.array([float(p[1]) for p in found])
    lons, lats = to_wgs84(source, xs, ys)
    converted = iter([[float(lon), float(lat), *p[2:]]
                      for lon, lat, p in zip(lons, lats, found, strict=True)])
    return {"type": geometry["type"], "coordinates": _map_positions(
        geometry["coordinates"], depth, converted)}


def _closed(geometry: dict[str, Any]) -> dict[str, Any]:
    """A copy of a polygon geometry whose open rings repeat their first position at the end."""
    def close(ring: list[Any]) -> list[Any]:
        return ring if ring and ring[0] == ring[-1] else [*ring, ring[0]]

    if geometry["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": [close(r) for r in geometry["coordinates"]]}
    return {"type": "MultiPolygon",
            "coordinates": [[close(r) for r in poly] for poly in geometry["coordinates"]]}


def _repair(geometry: dict[str, Any]) -> tuple[dict[str, Any] | None, dict[str, str]]:
    """(repaired geometry or None, message values of what was done or why it failed)."""
    if geometry["type"] not in ("Polygon", "MultiPolygon"):
        return geometry, {}

    closed = _closed(geometry)
    if any(len(ring) < 4 for ring in _rings(closed)):
        return None, {"reason_key": "validate.repair.no_area_ring"}
    try:
        shape = shapely.geometry.shape(closed)
        reason = str(shapely.is_valid_reason(shape))
        if reason != "Valid Geometry":
            shape = shapely.make_valid(shape)
        parts = [part for part in getattr(shape, "geoms", [shape])
                 if part.geom_type in ("Polygon", "MultiPolygon") and not part.is_empty]
        merged = shapely.union_all(parts) if parts else None
    except (ValueError, TypeError, shapely.errors.GEOSException):
        return None, {"reason_key": "validate.repair.unreadable"}
    if merged is None or merged.is_empty:
        return None, {"reason_key": "validate.repair.nothing_left"}
    repaired = _rounded(shapely.geometry.mapping(merged))
    if reason != "Valid Geometry":
        return repaired, _reason_values(reason)
    return repaired, ({"reason_key": "validate.repair.closed"} if closed != geometry else {})


def repair_geometry(geometry: dict[str, Any]) -> tuple[dict[str, Any] | None, str]:
    """Close open rings and make a polygon valid (shapely.make_valid), keeping its areas.

    Returns (repaired geometry or None, what was done or why it could not be repaired).
    """
    repaired, values = _repair(geometry)
    if not values:
        return repaired, ""
    return repaired, with_values("validate.repair.done", values).at("").message


def _rounded(geometry: Any) -> dict[str, Any]:
    """A geometry (or shapely mapping) as JSON-like lists, lon/lat rounded to 7 decimals."""
    def convert(value: Any) -> Any:
        if isinstance(value, list | tuple) and value and is_number(value[0]):
            return [*(round(float(v), COORDINATE_DECIMALS) for v in value[:2]), *value[2:]]
        return [convert(v) for v in value]

    return {"type": geometry["type"], "coordinates": convert(geometry["coordinates"])}


def _stored(geometry: dict[str, Any], rounded: bool) -> tuple[dict[str, Any] | None, list[Finding]]:
    """The geometry as intake stores it, wound by the right-hand rule.

    When its numbers were computed here (converted or repaired) they are rounded to 7 decimals
    and checked again. WGS-84 input keeps its numbers exactly, so intake and the catalogue
    loader judge the same numbers.
    """
    stored = rewound(geometry)
    if not rounded:
        return stored, []
    stored = _rounded(stored)
    if validity_finding(stored) is not None:
        return None, [finding("validate.geo.rounding", decimals=COORDINATE_DECIMALS)]
    return stored, []


def _structure(
    geometry: Any, repair: bool
) -> tuple[Any, list[Finding], list[Finding], bool]:
    """(geometry, RFC errors, RFC warnings, whether open rings were closed as a repair)."""
    if geometry is None:
        return None, [], [], False
    found = geometry_findings(geometry)
    errors = [f for f in found if f.severity == "error"]
    if repair and errors and all(f.key == "validate.rfc.ring_open" for f in errors):
        geometry = _closed(geometry)
        found = geometry_findings(geometry)
        return geometry, [f for f in found if f.severity == "error"], [
            f for f in found if f.severity == "warning"], True
    return geometry, errors, [f for f in found if f.severity == "warning"], False


_REPAIRABLE = ("validate.geo.invalid", "validate.geo.unreadable")


def checked_geometry(
    geometry: Any, crs: SourceCrs | None, repair: bool
) -> tuple[dict[str, Any] | None, list[Finding]]:
    """The geometry to keep (WGS-84) and what was found, checked in one order everywhere.

    RFC 7946 first, on the file's own numbers; then the product's rules. ``crs=None``
    keeps a catalogue geometry exactly as it is; with a ``crs`` (intake) it is converted
    to WGS-84, checked, and only then wound by the right-hand rule (a warning says so)
    and, if converted, rounded to 7 decimals; ``repair=True`` (intake only) closes open
    rings and makes an invalid polygon valid, and says so.
    """
    repair = repair and crs is not None
    try:
        geometry, errors, warnings, closed = _structure(geometry, repair)
        if errors:
            return None, errors
        product = product_geometry_finding(geometry)
        if product is not None:
            return None, [product]
        if crs is not None:
            geometry = reproject_geometry(geometry, crs)
            if any(f.severity == "error" for f in geometry_findings(geometry)):
                # pyproj reports a point it cannot convert as Infinity.
                return None, [finding("validate.geo.conversion", crs=crs.label)]
        problem = placement_finding(geometry) or validity_finding(geometry)
        if problem is not None and not (repair and problem.key in _REPAIRABLE):
            return None, [problem]
        if crs is None:
            return geometry, warnings
        values = {"reason_key": "validate.repair.closed"} if closed else {}
        if problem is not None:
            repaired, values = _repair(geometry)
            if repaired is None:
                return None, [with_values("validate.geo.repair_failed", values)]
            geometry = repaired
        stored, failed = _stored(geometry, rounded=problem is not None or not crs.is_wgs84)
        if stored is None:
            return None, failed
        if values:
            # Winding is fixed by the repair too, so its warning would only repeat it.
            return stored, [with_values("validate.geo.repaired", {**values, "kind": stored["type"]},
                                        severity="warning")]
        return stored, warnings
    except RecursionError:
        return None, [finding("validate.geo.too_deep")]
