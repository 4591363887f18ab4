"""Validation of site GeoJSON: one validator behind the catalogue loader, the CLI and staff intake.

Everything here is pure: it takes bytes or parsed JSON and returns problems in plain
words. GDAL is lenient where a validator must not be, so the JSON is checked here
before GeoPandas ever sees it (see ../shared/reference/stack-notes.md).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import shapely
import shapely.errors
import shapely.geometry
from pydantic import ValidationError

from ecosites import schema
from ecosites.crs import SourceCrs, combine, parse_crs_member, to_wgs84
from ecosites.schema import REGION_BBOX, SiteProperties
from ecosites.vocab import in_region

Severity = Literal["error", "warning"]
GEOMETRY_TYPES: tuple[str, ...] = ("Point", "MultiPoint", "Polygon", "MultiPolygon")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, said so that a non-developer can fix it."""

    file: str
    message: str
    feature: int | None = None  # 1-based position in the file
    site_id: str | None = None
    field: str | None = None
    hint: str = ""
    severity: Severity = "error"

    def describe(self) -> str:
        """One line: where, what is wrong, and how to fix it where known."""
        where = [self.file]
        if self.feature is not None:
            where.append(f"feature {self.feature}")
        if self.site_id:
            where.append(f"id '{self.site_id}'")
        if self.field:
            where.append(f"field '{self.field}'")
        text = ", ".join(where) + f": {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


@dataclass(frozen=True)
class ValidFeature:
    """A feature that passed validation: its number in the file, properties and geometry."""

    number: int
    properties: SiteProperties
    geometry: dict[str, Any]


@dataclass
class FileReport:
    """What validating one file found."""

    file: str
    features: list[ValidFeature] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    readable: bool = True
    feature_count: int = 0
    source_crs: str = "WGS-84"

    @property
    def errors(self) -> list[Problem]:
        """Problems that stop a feature (or the file) from being used."""
        return [p for p in self.problems if p.severity == "error"]


@dataclass(frozen=True)
class Limits:
    """How much one upload may hold; staff can raise them (ECOSITES_MAX_UPLOAD_MB/_FEATURES)."""

    max_bytes: int = 10 * 1024 * 1024
    max_features: int = 20_000

    @classmethod
    def from_settings(cls, max_upload_mb: float, max_features: int) -> Limits:
        """Limits from the settings' megabytes and feature count."""
        return cls(int(max_upload_mb * 1024 * 1024), int(max_features))


def check_size(size_bytes: int, file: str, limits: Limits) -> Problem | None:
    """A problem when a file is larger than the upload limit."""
    if size_bytes <= limits.max_bytes:
        return None
    return Problem(
        file,
        f"the file is {size_bytes / 1048576:.1f} MB; the limit is "
        f"{limits.max_bytes / 1048576:.1f} MB",
        hint="split it into smaller files, or raise ECOSITES_MAX_UPLOAD_MB",
    )


def check_count(count: int, file: str, limits: Limits) -> Problem | None:
    """A problem when a file holds more features than the limit."""
    if count <= limits.max_features:
        return None
    return Problem(
        file, f"the file has {count:,} features; the limit is {limits.max_features:,}",
        hint="split it into smaller files, or raise ECOSITES_MAX_FEATURES",
    )


def decode_text(raw: bytes, file: str) -> tuple[str | None, Problem | None]:
    """Decode UTF-8 (a BOM is fine); any other encoding is refused with a message."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, Problem(file, "the file is UTF-16; save it as UTF-8 and upload it again")
    if b"\x00" in raw[:4096]:
        return None, Problem(file, "this is a binary file, not GeoJSON text")
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        return None, Problem(
            file,
            f"the file is not UTF-8 text (byte {exc.start + 1} cannot be read as UTF-8)",
            hint="save it as UTF-8, e.g. from QGIS 'Export > Save Features As' with encoding UTF-8",
        )


def parse_json(text: str, file: str) -> tuple[Any, Problem | None]:
    """Parse JSON text; a syntax error says the line and column."""
    try:
        return json.loads(text), None
    except json.JSONDecodeError as exc:
        return None, Problem(
            file, f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        )
    except RecursionError:
        return None, Problem(file, "the JSON is nested too deeply to be GeoJSON")
    except ValueError as exc:  # e.g. integer strings longer than Python's limit
        reason = "it holds a number thousands of digits long" if "digits" in str(exc) else str(exc)
        return None, Problem(file, f"the JSON cannot be read: {reason}")


def iter_features(data: Any, file: str) -> tuple[list[Any], Problem | None]:
    """The features of a FeatureCollection or a single Feature, or why there are none."""
    if not isinstance(data, dict):
        return [], Problem(file, "expected a GeoJSON object (FeatureCollection or Feature)")
    kind = data.get("type")
    if kind == "FeatureCollection":
        features = data.get("features")
        if not isinstance(features, list):
            return [], Problem(file, "a FeatureCollection needs a 'features' list")
        return features, None
    if kind == "Feature":
        return [data], None
    if kind == "Topology":
        return [], Problem(
            file, "this is TopoJSON, not GeoJSON",
            hint="convert it to GeoJSON first (e.g. mapshaper or QGIS)",
        )
    if kind in GEOMETRY_TYPES or kind == "GeometryCollection":
        return [], Problem(
            file, f"this is a bare {kind} geometry without properties",
            hint="wrap it in a Feature with the site's properties",
        )
    return [], Problem(
        file, f"expected type 'FeatureCollection' or 'Feature', found {json.dumps(kind)[:40]}"
    )


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
            f"geometry type {_shown(kind, 40)} is not supported",
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
                    f"for height); found {_shown(position, 60)}",
                    "",
                )
            if not all(_is_number(v) for v in position):
                return f"coordinates must be numbers; found {_shown(position, 60)}", ""
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


def check_geometry(geometry: Any) -> tuple[str, str] | None:
    """Return (message, hint) for the first problem with a WGS-84 GeoJSON geometry, or None."""
    try:
        return (
            geometry_structure_problem(geometry)
            or geometry_placement_problem(geometry)
            or geometry_validity_problem(geometry)
        )
    except RecursionError:
        return "the coordinates are nested too deeply", ""


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


def _shown(value: Any, limit: int) -> str:
    """A short JSON rendering of a value for a message (never raises)."""
    try:
        return json.dumps(value, ensure_ascii=False)[:limit]
    except (TypeError, ValueError, RecursionError):
        return repr(type(value).__name__)


_PATTERN_HINTS = {
    schema.ID: "use a lowercase slug of letters, digits and hyphens, e.g. 'guanshanhu-park'",
    schema.HOURS: "write opening hours like 09:00-17:00 (24-hour clock; 00:00-24:00 for all day)",
    schema.LAST_ENTRY: "write a time like 16:00",
    schema.WEBSITE: "only http:// and https:// links are allowed",
    schema.PHONE: "digits, spaces, +, -, parentheses and commas only",
    "tags": "tags are lowercase slugs such as 'wetland' or 'birds'",
    "source": "use the id of one of this site's sources",
    "url": "only http:// and https:// links are allowed",
}


def _describe_error(error: Any) -> tuple[str, str, str]:
    """Turn one pydantic error into (field, message, hint) in plain words."""
    location = [str(part) for part in error.get("loc", ())]
    top = location[0] if location else ""
    field_name = ".".join(location) if location else ""
    leaf = next((p for p in reversed(location) if not p.isdigit()), top)
    kind = error.get("type", "")
    value = error.get("input")
    shown = _shown(value, 60) if value is not None else "nothing"
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return field_name, "is required but missing", ""
    if kind == "literal_error":
        allowed = ctx.get("expected", "")
        return field_name, f"{shown} is not allowed here", f"use one of {allowed}"
    if kind == "string_pattern_mismatch":
        return field_name, f"{shown} has the wrong form", _PATTERN_HINTS.get(leaf, "")
    if kind == "string_too_long":
        return field_name, f"is too long (at most {ctx.get('max_length')} characters)", ""
    if kind == "too_long":
        return field_name, f"has too many items (at most {ctx.get('max_length')})", ""
    if kind == "string_too_short":
        return field_name, "must not be empty", ""
    if kind in ("string_type", "int_type", "float_type", "list_type", "bool_type",
                "model_type", "dict_type", "int_from_float", "float_parsing", "int_parsing",
                "bool_parsing"):
        wanted = {
            "string_type": "text", "int_type": "a whole number", "int_from_float": "a whole number",
            "int_parsing": "a whole number", "float_type": "a number", "float_parsing": "a number",
            "list_type": "a list", "bool_type": "true or false", "bool_parsing": "true or false",
            "model_type": "an object", "dict_type": "an object",
        }[kind]
        return field_name, f"must be {wanted}, found {shown}", ""
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal",
                "finite_number"):
        return field_name, f"{shown} is out of range: {error.get('msg', '').lower()}", ""
    if kind == "value_error":
        message = str(error.get("msg", "")).removeprefix("Value error, ")
        return field_name, message, ""
    return field_name, str(error.get("msg", "is not valid")), ""


def validate_properties(
    properties: Any, file: str, number: int
) -> tuple[SiteProperties | None, list[Problem]]:
    """Validate one feature's properties against the schema."""
    site_id = properties.get("id") if isinstance(properties, dict) else None
    site_id = site_id if isinstance(site_id, str) else None
    if not isinstance(properties, dict):
        return None, [Problem(file, "the feature has no 'properties' object", number, site_id)]
    try:
        return SiteProperties.model_validate(properties), []
    except ValidationError as exc:
        problems = []
        for error in exc.errors(include_url=False):
            field_name, message, hint = _describe_error(error)
            problems.append(Problem(file, message, number, site_id, field_name or None, hint))
        return None, problems


_MARKUP = re.compile(r"<\s*[a-zA-Z!/?][^<>]{0,30}>?|javascript:", re.IGNORECASE)


def markup_warnings(properties: SiteProperties, file: str, number: int) -> list[Problem]:
    """Warn where text holds HTML or script: it is kept and always shown as plain text."""
    found: list[tuple[str, str]] = []
    for name, value in properties.model_dump().items():
        if isinstance(value, str):
            found.append((name, value))
    for index, fact in enumerate(properties.facts):
        found += [(f"facts.{index}.en", fact.en), (f"facts.{index}.zh", fact.zh)]
    for index, source in enumerate(properties.sources):
        found.append((f"sources.{index}.title", source.title))
    return [
        Problem(file, f"contains HTML or script ({_shown(match.group(0), 40)}); it is stored and "
                "shown as plain text, exactly as typed", number, properties.id, name,
                "remove the markup unless the characters are meant literally", "warning")
        for name, value in found
        if (match := _MARKUP.search(value))
    ]


def validate_feature(
    raw: Any, file: str, number: int, crs: SourceCrs | None = None, repair: bool = False
) -> tuple[ValidFeature | None, list[Problem]]:
    """Validate one Feature: structure, geometry and properties.

    ``crs=None`` checks a catalogue file as it is (WGS-84, geometry untouched). With a
    ``crs`` (intake), the geometry is converted from it to WGS-84 and rounded to 7
    decimals, ``repair=True`` makes invalid polygons valid, and text holding markup is
    warned about (it stays plain text).
    """
    if not isinstance(raw, dict) or raw.get("type") != "Feature":
        return None, [Problem(file, "this item is not a GeoJSON Feature", number)]
    properties = raw.get("properties")
    feature_id = raw.get("id")
    if isinstance(properties, dict) and "id" not in properties and isinstance(feature_id, str):
        properties = {**properties, "id": feature_id}
    model, problems = validate_properties(properties, file, number)
    site_id = properties.get("id") if isinstance(properties, dict) else None
    site_id = site_id if isinstance(site_id, str) else None
    if isinstance(feature_id, str | int) and site_id is not None and str(feature_id) != site_id:
        problems.append(Problem(
            file, f"the feature's id {_shown(feature_id, 40)} differs from properties.id "
            f"{_shown(site_id, 40)}", number, site_id, "id",
            "make them equal, or remove the feature-level id"))
    geometry, geometry_problems = _checked_geometry(raw.get("geometry"), crs, repair)
    problems += [Problem(file, message, number, site_id, "geometry", hint, severity)
                 for message, hint, severity in geometry_problems]
    if model is not None and crs is not None:
        problems += markup_warnings(model, file, number)
    if model is None or geometry is None or any(p.severity == "error" for p in problems):
        return None, problems
    return ValidFeature(number, model, geometry), problems


def _checked_geometry(
    geometry: Any, crs: SourceCrs | None, repair: bool
) -> tuple[dict[str, Any] | None, list[tuple[str, str, Severity]]]:
    """The geometry to keep (WGS-84) and (message, hint, severity) of what was found."""
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


def validate_features(
    features: Sequence[Any], file: str, crs: SourceCrs | None = None, repair: bool = False
) -> FileReport:
    """Validate a list of raw features; ids must be unique within it."""
    report = FileReport(file, feature_count=len(features),
                        source_crs=crs.label if crs is not None else "WGS-84")
    seen: dict[str, int] = {}
    for number, raw in enumerate(features, start=1):
        feature, problems = validate_feature(raw, file, number, crs, repair)
        report.problems.extend(problems)
        if feature is None:
            continue
        site_id = feature.properties.id
        if site_id in seen:
            report.problems.append(Problem(
                file, f"duplicate id: feature {seen[site_id]} already uses it; this one is ignored",
                number, site_id, "id", "give every site its own id",
            ))
            continue
        seen[site_id] = number
        report.features.append(feature)
    return report


def _parsed(raw: bytes, file: str) -> tuple[Any, Problem | None]:
    text, problem = decode_text(raw, file)
    if problem is not None or text is None:
        return None, problem
    return parse_json(text, file)


def validate_geojson_bytes(raw: bytes, file: str) -> FileReport:
    """Decode, parse and validate a catalogue GeoJSON file's bytes (WGS-84 as it is)."""
    data, problem = _parsed(raw, file)
    if problem is not None:
        return FileReport(file, problems=[problem], readable=False)
    if isinstance(data, dict) and "crs" in data:
        crs_problem = Problem(
            file,
            "the file declares a legacy 'crs' member; catalogue files must be plain RFC 7946 "
            "WGS-84",
            field="crs",
            hint="import it with 'python -m ecosites import', which reprojects and removes it",
        )
        return FileReport(file, problems=[crs_problem], readable=True)
    features, problem = iter_features(data, file)
    if problem is not None:
        return FileReport(file, problems=[problem], readable=True)
    return validate_features(features, file)


def validate_upload_data(
    data: Any, file: str, chosen: SourceCrs | None = None, limits: Limits | None = None,
    repair: bool = False,
) -> FileReport:
    """Validate parsed GeoJSON from an upload: honour a legacy ``crs``, convert, check limits."""
    declared = None
    if isinstance(data, dict) and data.get("crs") is not None:
        declared, message = parse_crs_member(data["crs"])
        if declared is None:
            return FileReport(file, problems=[Problem(
                file, message, field="crs",
                hint="remove the 'crs' member and declare the coordinate system at import")])
    source, conflict = combine(declared, chosen)
    if conflict:
        return FileReport(file, problems=[Problem(file, conflict, field="crs")])
    features, problem = iter_features(data, file)
    if problem is not None:
        return FileReport(file, problems=[problem])
    too_many = check_count(len(features), file, limits or Limits())
    if too_many is not None:
        return FileReport(file, problems=[too_many], feature_count=len(features))
    return validate_features(features, file, source, repair)


def validate_upload_bytes(
    raw: bytes, file: str, chosen: SourceCrs | None = None, limits: Limits | None = None,
    repair: bool = False,
) -> FileReport:
    """Validate an uploaded GeoJSON file's bytes: size limit, encoding, JSON, CRS, features."""
    too_big = check_size(len(raw), file, limits or Limits())
    if too_big is not None:
        return FileReport(file, problems=[too_big])
    data, problem = _parsed(raw, file)
    if problem is not None:
        return FileReport(file, problems=[problem], readable=False)
    return validate_upload_data(data, file, chosen, limits, repair)


def format_problems(problems: Iterable[Problem]) -> list[str]:
    """One plain line per problem; warnings are marked as such."""
    return [("warning: " if problem.severity == "warning" else "") + problem.describe()
            for problem in problems]
