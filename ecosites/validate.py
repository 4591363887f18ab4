"""Validation of site GeoJSON: one validator behind the catalogue loader, the CLI and staff intake.

Everything here is pure: it takes bytes or parsed JSON and returns problems in plain
words. GDAL is lenient where a validator must not be, so the JSON is checked here
before GeoPandas ever sees it (see ../shared/reference/stack-notes.md).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import ValidationError

from ecosites import schema
from ecosites.schema import REGION_BBOX, SiteProperties

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

    @property
    def errors(self) -> list[Problem]:
        """Problems that stop a feature (or the file) from being used."""
        return [p for p in self.problems if p.severity == "error"]


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
        return None, Problem(file, f"the JSON cannot be read: {exc}")


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


def check_geometry(geometry: Any) -> tuple[str, str] | None:
    """Return (message, hint) for the first problem with a GeoJSON geometry, or None."""
    if geometry is None:
        return "the feature has no geometry", "give the site a Point with [longitude, latitude]"
    if not isinstance(geometry, dict):
        return "the geometry is not a GeoJSON object", ""
    kind = geometry.get("type")
    if kind not in GEOMETRY_TYPES:
        return (
            f"geometry type {json.dumps(kind)[:40]} is not supported",
            "use Point, MultiPoint, Polygon or MultiPolygon",
        )
    coordinates = geometry.get("coordinates")
    if not isinstance(coordinates, list) or not coordinates:
        return "the geometry has no coordinates", ""
    swapped_inside = True
    outside: list[float] | None = None
    try:
        for position in _positions(coordinates, _DEPTH[kind]):
            if not isinstance(position, list) or not 2 <= len(position) <= 3:
                return (
                    "a position must be [longitude, latitude] (2 numbers, optionally a 3rd "
                    f"for height); found {json.dumps(position)[:60]}",
                    "",
                )
            if not all(_is_number(v) for v in position):
                return f"coordinates must be numbers; found {json.dumps(position)[:60]}", ""
            lon, lat = float(position[0]), float(position[1])
            if not (math.isfinite(lon) and math.isfinite(lat)):
                return "coordinates must be finite numbers (no NaN or Infinity)", ""
            if not (-180 <= lon <= 180 and -90 <= lat <= 90):
                return (
                    f"[{lon}, {lat}] is not a longitude/latitude pair",
                    "GeoJSON is WGS-84 degrees; projected coordinates must be "
                    "reprojected (declare the CRS at import)",
                )
            if not in_region(lon, lat):
                outside = outside or [lon, lat]
                swapped_inside = swapped_inside and in_region(lat, lon)
    except ValueError as exc:
        return str(exc), ""
    except RecursionError:
        return "the coordinates are nested too deeply", ""
    if kind in ("Polygon", "MultiPolygon"):
        rings = coordinates if kind == "Polygon" else [r for p in coordinates for r in p]
        for ring in rings:
            if len(ring) < 4:
                return "a polygon ring needs at least 4 positions", ""
            if ring[0][:2] != ring[-1][:2]:
                return (
                    "a polygon ring is not closed",
                    "repeat the first position as the last one",
                )
    if outside is not None:
        lon, lat = outside
        hint = (
            "latitude and longitude look swapped: GeoJSON order is [longitude, latitude]"
            if swapped_inside
            else f"the Guiyang region is longitude {REGION_BBOX[0]}–{REGION_BBOX[2]}, "
            f"latitude {REGION_BBOX[1]}–{REGION_BBOX[3]}"
        )
        return f"[{lon}, {lat}] is outside the Guiyang region", hint
    return None


def in_region(lon: float, lat: float) -> bool:
    """True when a WGS-84 point lies inside the Guiyang region box."""
    west, south, east, north = REGION_BBOX
    return west <= lon <= east and south <= lat <= north


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
    shown = json.dumps(value, ensure_ascii=False)[:60] if value is not None else "nothing"
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


def validate_feature(raw: Any, file: str, number: int) -> tuple[ValidFeature | None, list[Problem]]:
    """Validate one Feature: structure, geometry and properties."""
    if not isinstance(raw, dict) or raw.get("type") != "Feature":
        return None, [Problem(file, "this item is not a GeoJSON Feature", number)]
    properties = raw.get("properties")
    if isinstance(properties, dict) and "id" not in properties and isinstance(raw.get("id"), str):
        properties = {**properties, "id": raw["id"]}
    model, problems = validate_properties(properties, file, number)
    site_id = properties.get("id") if isinstance(properties, dict) else None
    site_id = site_id if isinstance(site_id, str) else None
    geometry_problem = check_geometry(raw.get("geometry"))
    if geometry_problem is not None:
        message, hint = geometry_problem
        problems.append(Problem(file, message, number, site_id, "geometry", hint))
    if problems or model is None:
        return None, problems
    return ValidFeature(number, model, raw["geometry"]), []


def validate_features(features: Sequence[Any], file: str) -> FileReport:
    """Validate a list of raw features; ids must be unique within it."""
    report = FileReport(file, feature_count=len(features))
    seen: dict[str, int] = {}
    for number, raw in enumerate(features, start=1):
        feature, problems = validate_feature(raw, file, number)
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


def validate_geojson_bytes(raw: bytes, file: str) -> FileReport:
    """Decode, parse and validate a GeoJSON file's bytes."""
    text, problem = decode_text(raw, file)
    if problem is None and text is not None:
        data, problem = parse_json(text, file)
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


def format_problems(problems: Iterable[Problem]) -> list[str]:
    """One plain line per problem."""
    return [problem.describe() for problem in problems]
