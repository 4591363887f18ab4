"""Validation of site GeoJSON: one validator behind the catalogue loader, the CLI and staff intake.

Everything here is pure: it takes bytes or parsed JSON and returns problems in plain
words. GDAL is lenient where a validator must not be (some malformed or out-of-range
input reads without a word: docs/reference/stack-notes.md), so the JSON is checked here
before GeoPandas ever sees it.
This module reads files and features; ``geometry`` and ``properties`` hold the checks.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ecosites import schema
from ecosites.crs import SourceCrs, combine, parse_crs_member
from ecosites.schema import SiteProperties
from ecosites.settings import DEFAULT_MAX_FEATURES, DEFAULT_MAX_UPLOAD_MB
from ecosites.validate.geometry import GEOMETRY_TYPES, checked_geometry
from ecosites.validate.problem import Problem, short_json
from ecosites.validate.properties import markup_warnings, validate_properties


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


@dataclass
class SeenIds:
    """The one duplicate-id rule: the first feature with an id is kept, a later one is skipped."""

    first_use: dict[str, tuple[str, int]] = field(default_factory=dict)

    def duplicate(self, feature: ValidFeature, file: str) -> Problem | None:
        """The problem when the feature's id is already taken, else None (and the id is taken)."""
        site_id = feature.properties.id
        if site_id not in self.first_use:
            self.first_use[site_id] = (file, feature.number)
            return None
        first_file, first_number = self.first_use[site_id]
        where = f"feature {first_number}" if first_file == file else first_file
        return Problem(
            file, f"duplicate id: {where} already has a site with this id", feature.number,
            site_id, schema.ID, "give every site its own id; only the first is kept",
        )


@dataclass(frozen=True)
class Limits:
    """How much one upload may hold; staff can raise them (ECOSITES_MAX_UPLOAD_MB/_FEATURES)."""

    max_bytes: int = int(DEFAULT_MAX_UPLOAD_MB * 1024 * 1024)
    max_features: int = DEFAULT_MAX_FEATURES

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
            file, f"the feature's id {short_json(feature_id, 40)} differs from properties.id "
            f"{short_json(site_id, 40)}", number, site_id, "id",
            "make them equal, or remove the feature-level id"))
    geometry, geometry_problems = checked_geometry(raw.get("geometry"), crs, repair)
    problems += [Problem(file, message, number, site_id, "geometry", hint, severity)
                 for message, hint, severity in geometry_problems]
    if model is not None and crs is not None:
        problems += markup_warnings(model, file, number)
    if model is None or geometry is None or any(p.severity == "error" for p in problems):
        return None, problems
    return ValidFeature(number, model, geometry), problems


def validate_features(
    features: Sequence[Any], file: str, crs: SourceCrs | None = None, repair: bool = False
) -> FileReport:
    """Validate a list of raw features; ids must be unique within it."""
    report = FileReport(file, feature_count=len(features),
                        source_crs=crs.label if crs is not None else "WGS-84")
    seen = SeenIds()
    for number, raw in enumerate(features, start=1):
        feature, problems = validate_feature(raw, file, number, crs, repair)
        report.problems.extend(problems)
        if feature is None:
            continue
        duplicate = seen.duplicate(feature, file)
        if duplicate is not None:
            report.problems.append(duplicate)
            continue
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
