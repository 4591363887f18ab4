"""The rules of RFC 7946 (GeoJSON) that apply to a site file, checked on the parsed JSON.

Each check returns Findings naming the rule they apply. They hold in any coordinate
system (a legacy ``crs`` is converted later), so they run on the numbers exactly as the
file gives them: nothing is rounded or converted before they have judged it. What the
product adds on top (supported geometry types, the Guiyang region, site properties)
lives in ``geometry`` and ``properties``.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from typing import Any

from ecosites.validate.problem import Finding, finding, short_json

GEOMETRY_DEPTH: dict[str, int] = {
    "Point": 0, "MultiPoint": 1, "LineString": 1, "MultiLineString": 2, "Polygon": 2,
    "MultiPolygon": 3,
}
GEOJSON_TYPES: tuple[str, ...] = (*GEOMETRY_DEPTH, "GeometryCollection", "Feature",
                                  "FeatureCollection")
# RFC 7946 §7.1: members that define one kind of object must not appear on another.
FORBIDDEN_MEMBERS: dict[str, tuple[str, ...]] = {
    "FeatureCollection": ("coordinates", "geometries", "geometry", "properties"),
    "Feature": ("coordinates", "geometries", "features"),
    "Geometry": ("geometry", "properties", "features"),
}
_QUOTE = 60


def is_number(value: Any) -> bool:
    """True for a JSON number (``bool`` is not one)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def is_finite(value: float) -> bool:
    """True for a number a float can hold: an integer of hundreds of digits is not one (nor NaN)."""
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


def rule(section: str) -> str:
    """The citation of an RFC 7946 section, e.g. 'RFC 7946 §5'."""
    return f"RFC 7946 §{section}"


def type_finding(kind: Any, expected: tuple[str, ...], section: str) -> Finding:
    """Why ``kind`` is not one of the ``expected`` type names (case counts, §1.4)."""
    if kind is None:
        return finding("validate.rfc.no_type", rule(section))
    matches = [name for name in expected if isinstance(kind, str) and name.lower() == kind.lower()]
    if matches:
        return finding("validate.rfc.type_case", rule("1.4"), found=short_json(kind, 40),
                       expected=matches[0])
    return finding("validate.rfc.unknown_type", rule(section), found=short_json(kind, 40),
                   expected=", ".join(expected))


def forbidden_findings(obj: dict[str, Any], kind: str) -> list[Finding]:
    """Members §7.1 forbids on this kind of object ('Geometry' for any geometry)."""
    found = [name for name in FORBIDDEN_MEMBERS[kind] if name in obj]
    if not found:
        return []
    return [finding("validate.rfc.forbidden_member", rule("7.1"), kind=kind,
                    members=", ".join(f"'{name}'" for name in found))]


def positions(coordinates: Any, depth: int) -> Iterator[Any]:
    """The positions of a coordinates array nested ``depth`` levels deep.

    Raises ValueError when a level that must be an array is not one.
    """
    if depth == 0:
        yield coordinates
        return
    if not isinstance(coordinates, list):
        raise ValueError("not nested")
    for item in coordinates:
        yield from positions(item, depth - 1)


def dimension(geometry: Any) -> int | None:
    """The most values any well-formed position of a geometry has (2 or 3), else None."""
    if not isinstance(geometry, dict):
        return None
    if geometry.get("type") == "GeometryCollection":
        members = geometry.get("geometries")
        found = [dimension(g) for g in members] if isinstance(members, list) else []
        return max((d for d in found if d is not None), default=None)
    depth = GEOMETRY_DEPTH.get(str(geometry.get("type")))
    if depth is None:
        return None
    try:
        sizes = [len(p) for p in positions(geometry.get("coordinates"), depth)
                 if isinstance(p, list)]
    except (ValueError, RecursionError):
        return None
    return max(sizes, default=None)


def bbox_findings(obj: dict[str, Any], geometry_dimension: int | None) -> list[Finding]:
    """§5: a bbox is 2×n numbers (n the dimensions of its geometries), south-west first.

    Only longitude may run from a larger to a smaller value: that is a box across the
    antimeridian, which §5.2 allows.
    """
    if "bbox" not in obj:
        return []
    bbox = obj["bbox"]
    section = rule("5")
    if not isinstance(bbox, list):
        return [finding("validate.rfc.bbox_not_array", section, found=short_json(bbox, _QUOTE))]
    if len(bbox) not in (4, 6):
        return [finding("validate.rfc.bbox_length", section, count=len(bbox))]
    if not all(is_number(v) for v in bbox):
        return [finding("validate.rfc.bbox_numbers", section, found=short_json(bbox, _QUOTE))]
    if not all(is_finite(v) for v in bbox):
        return [finding("validate.rfc.bbox_finite", section)]
    size = len(bbox) // 2
    if geometry_dimension is not None and size != geometry_dimension:
        return [finding("validate.rfc.bbox_dimension", section, count=len(bbox),
                        dimension=geometry_dimension, expected=2 * geometry_dimension)]
    low, high = bbox[:size], bbox[size:]
    for axis in range(1, size):
        if low[axis] > high[axis]:
            name = "latitude" if axis == 1 else "height"
            return [finding(f"validate.rfc.bbox_order_{name}", section,
                            low=low[axis], high=high[axis])]
    return []


def _position_finding(position: Any) -> Finding | None:
    if not isinstance(position, list) or not 2 <= len(position) <= 3:
        return finding("validate.rfc.position_size", rule("3.1.1"),
                       found=short_json(position, _QUOTE))
    if not all(is_number(v) for v in position):
        return finding("validate.rfc.position_numbers", rule("3.1.1"),
                       found=short_json(position, _QUOTE))
    if not all(is_finite(v) for v in position):
        return finding("validate.rfc.position_finite", rule("3.1.1"))
    return None


def _rings(kind: str, coordinates: list[Any]) -> list[list[Any]]:
    if kind == "Polygon":
        return list(coordinates)
    if kind == "MultiPolygon":
        return [ring for polygon in coordinates for ring in polygon]
    return []


def _ring_finding(ring: list[Any]) -> Finding | None:
    """§3.1.6: a linear ring is closed (first and last position equal) with >= 4 positions."""
    if len(ring) < 3 or (len(ring) < 4 and ring[0] == ring[-1]):
        return finding("validate.rfc.ring_short", rule("3.1.6"), count=len(ring))
    if ring[0] != ring[-1]:
        return finding("validate.rfc.ring_open", rule("3.1.6"),
                       first=short_json(ring[0], _QUOTE), last=short_json(ring[-1], _QUOTE))
    return None


def _signed_area(ring: list[Any]) -> float:
    """Twice the signed area (shoelace): positive when the ring runs counter-clockwise."""
    return sum(float(a[0]) * float(b[1]) - float(b[0]) * float(a[1])
               for a, b in itertools.pairwise(ring))


def _wound(ring: list[Any], outer: bool) -> list[Any]:
    area = _signed_area(ring)
    return ring[::-1] if (outer and area < 0) or (not outer and area > 0) else ring


def rewound(geometry: dict[str, Any]) -> dict[str, Any]:
    """A well-formed polygon with §3.1.6 winding: rings reversed where needed, numbers untouched."""
    def polygon(rings: list[Any]) -> list[Any]:
        return [_wound(ring, index == 0) for index, ring in enumerate(rings)]

    if geometry["type"] == "Polygon":
        return {**geometry, "coordinates": polygon(geometry["coordinates"])}
    if geometry["type"] == "MultiPolygon":
        return {**geometry, "coordinates": [polygon(p) for p in geometry["coordinates"]]}
    return geometry


def winding_findings(kind: str, coordinates: list[Any]) -> list[Finding]:
    """§3.1.6 right-hand rule, as a warning: outer rings counter-clockwise, holes clockwise.

    The RFC tells parsers not to reject a polygon for its winding, so this never blocks.
    """
    polygons = [coordinates] if kind == "Polygon" else coordinates if kind == "MultiPolygon" else []
    for polygon in polygons:
        for index, ring in enumerate(polygon):
            area = _signed_area(ring)
            if (index == 0 and area < 0) or (index > 0 and area > 0):
                key = "validate.rfc.winding_outer" if index == 0 else "validate.rfc.winding_hole"
                return [finding(key, rule("3.1.6"), "warning")]
    return []


def coordinates_findings(kind: str, coordinates: Any) -> list[Finding]:
    """§3.1: the coordinates of one geometry type: nesting, positions, lines, rings."""
    depth = GEOMETRY_DEPTH[kind]
    if not isinstance(coordinates, list):
        return [finding("validate.rfc.coordinates_not_array", rule("3.1"), kind=kind,
                        found=short_json(coordinates, _QUOTE))]
    sizes: set[int] = set()
    try:
        for position in positions(coordinates, depth):
            problem = _position_finding(position)
            if problem is not None:
                return [problem]
            sizes.add(len(position))
    except ValueError:
        return [finding("validate.rfc.nesting", rule("3.1"), kind=kind)]
    if len(sizes) > 1:
        return [finding("validate.rfc.mixed_dimensions", rule("3.1.1"))]
    lines = [coordinates] if kind == "LineString" else coordinates if kind == "MultiLineString" else []
    if any(len(line) < 2 for line in lines):
        return [finding("validate.rfc.line_short", rule("3.1.4"))]
    for ring in _rings(kind, coordinates):
        problem = _ring_finding(ring)
        if problem is not None:
            return [problem]
    return winding_findings(kind, coordinates)


def geometry_findings(geometry: Any) -> list[Finding]:
    """§3.1 and §7.1 for one geometry object (any of the seven types), with its bbox (§5)."""
    if not isinstance(geometry, dict):
        return [finding("validate.rfc.geometry_not_object", rule("3.1"),
                        found=short_json(geometry, _QUOTE))]
    kind = geometry.get("type")
    geometry_types = (*GEOMETRY_DEPTH, "GeometryCollection")
    if kind not in geometry_types:
        return [type_finding(kind, geometry_types, "3.1")]
    found = forbidden_findings(geometry, "Geometry")
    found += bbox_findings(geometry, dimension(geometry))
    if kind == "GeometryCollection":
        members = geometry.get("geometries")
        if not isinstance(members, list):
            return [*found, finding("validate.rfc.no_geometries", rule("3.1.8"))]
        for member in members:
            found += geometry_findings(member)
        return found
    if "coordinates" not in geometry:
        return [*found, finding("validate.rfc.no_coordinates", rule("3.1"), kind=str(kind))]
    return found + coordinates_findings(str(kind), geometry["coordinates"])


def feature_findings(feature: Any) -> list[Finding]:
    """§3.2 members of a Feature (type, geometry, properties, id), §7.1 and its bbox (§5)."""
    if not isinstance(feature, dict):
        return [finding("validate.rfc.feature_not_object", rule("3.2"),
                        found=short_json(feature, _QUOTE))]
    if feature.get("type") != "Feature":
        return [type_finding(feature.get("type"), ("Feature",), "3.2")]
    found = forbidden_findings(feature, "Feature")
    if "geometry" not in feature:
        found.append(finding("validate.rfc.no_geometry_member", rule("3.2")))
    if "properties" not in feature:
        found.append(finding("validate.rfc.no_properties_member", rule("3.2")))
    elif not isinstance(feature["properties"], dict | None):
        found.append(finding("validate.rfc.properties_not_object", rule("3.2"),
                             found=short_json(feature["properties"], _QUOTE)))
    if "id" in feature and not (isinstance(feature["id"], str) or is_number(feature["id"])):
        found.append(finding("validate.rfc.id_type", rule("3.2"),
                             found=short_json(feature["id"], _QUOTE)))
    found += bbox_findings(feature, dimension(feature.get("geometry")))
    return found


def collection_findings(collection: dict[str, Any]) -> list[Finding]:
    """§3.3 and §7.1 for a FeatureCollection's own members, and its bbox (§5)."""
    found = forbidden_findings(collection, "FeatureCollection")
    features = collection.get("features")
    # Only a bbox needs the features' dimensions: walking 100,000 geometries for none cost 0.5 s.
    if isinstance(features, list) and "bbox" in collection:
        dimensions = [dimension(f.get("geometry")) for f in features if isinstance(f, dict)]
        most = max((d for d in dimensions if d is not None), default=None)
        found += bbox_findings(collection, most)
    return found
