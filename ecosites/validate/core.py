"""Validation of site GeoJSON: one validator behind the catalogue loader, the CLI and staff intake.

Everything here is pure: it takes bytes or parsed JSON and returns problems in plain
words. GDAL is lenient where a validator must not be (some malformed or out-of-range
input reads without a word: docs/reference/stack-notes.md), so the JSON is checked here
before GeoPandas ever sees it.
This module reads files and features; ``geometry`` and ``properties`` hold the checks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ecosites import schema
from ecosites.crs import SourceCrs, combine, parse_crs_member
from ecosites.schema import SiteProperties
from ecosites.settings import (
    DEFAULT_MAX_FEATURES,
    DEFAULT_MAX_UPLOAD_MB,
    DEFAULT_MAX_ZIP_MEMBERS,
    DEFAULT_MAX_ZIP_RATIO,
    DEFAULT_READ_MEMORY_MB,
    DEFAULT_READ_SECONDS,
    Settings,
)
from ecosites.validate.bulk import bulk_accepted
from ecosites.validate.geometry import checked_geometry
from ecosites.validate.jsontext import decode_text, parse_json
from ecosites.validate.jsontext import wide_encoding as wide_encoding  # readers import it from here
from ecosites.validate.problem import Problem, finding, short_json, with_values
from ecosites.validate.properties import accuracy_warnings, markup_warnings, validate_properties
from ecosites.validate.rfc7946 import (
    GEOJSON_TYPES,
    GEOMETRY_DEPTH,
    collection_findings,
    feature_findings,
    is_number,
    rule,
    type_finding,
)

GEOJSON_TYPES_LOWER = frozenset(name.lower() for name in GEOJSON_TYPES)


@dataclass(frozen=True)
class ValidFeature:
    """A feature that passed validation: its number in the file, properties and geometry."""

    number: int
    properties: SiteProperties
    geometry: dict[str, Any]


@dataclass(frozen=True)
class SiteRecord:
    """A feature validated in bulk: its number, properties as ``model_dump`` gives them, geometry."""

    number: int
    properties: dict[str, Any]
    geometry: dict[str, Any]


@dataclass
class FileReport:
    """What validating one file found; with bulk validation, the sites in ``features`` and ``records``."""

    file: str
    features: list[ValidFeature] = field(default_factory=list)
    records: list[SiteRecord] = field(default_factory=list)
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
        return self.duplicate_id(feature.properties.id, feature.number, file)

    def duplicate_id(self, site_id: str, number: int, file: str) -> Problem | None:
        """The problem when feature ``number``'s id is already taken, else None (and it is taken)."""
        if site_id not in self.first_use:
            self.first_use[site_id] = (file, number)
            return None
        first_file, first_number = self.first_use[site_id]
        where = (finding("validate.core.duplicate_id_here", number=first_number)
                 if first_file == file else finding("validate.core.duplicate_id_file", file=first_file))
        return with_values("validate.core.duplicate_id", {"where_key": where.key, **dict(where.values)}
                           ).at(file, number, site_id, schema.ID)


@dataclass(frozen=True)
class Limits:
    """How much one upload may hold and cost to read; each is an ``ECOSITES_*`` setting."""

    max_bytes: int = int(DEFAULT_MAX_UPLOAD_MB * 1024 * 1024)
    max_features: int = DEFAULT_MAX_FEATURES
    read_seconds: float = DEFAULT_READ_SECONDS
    read_memory_bytes: int = int(DEFAULT_READ_MEMORY_MB * 1024 * 1024)
    max_zip_members: int = DEFAULT_MAX_ZIP_MEMBERS
    max_zip_ratio: float = DEFAULT_MAX_ZIP_RATIO

    @classmethod
    def from_settings(cls, max_upload_mb: float, max_features: int) -> Limits:
        """Limits from the settings' megabytes and feature count (the rest as default)."""
        return cls(int(max_upload_mb * 1024 * 1024), int(max_features))

    @classmethod
    def for_settings(cls, settings: Settings) -> Limits:
        """Every limit from the settings."""
        return cls(int(settings.max_upload_mb * 1024 * 1024), settings.max_features,
                   settings.read_seconds, int(settings.read_memory_mb * 1024 * 1024),
                   settings.max_zip_members, settings.max_zip_ratio)


def check_size(size_bytes: int, file: str, limits: Limits) -> Problem | None:
    """A problem when a file is larger than the upload limit."""
    if size_bytes <= limits.max_bytes:
        return None
    return finding("validate.core.too_big", size=f"{size_bytes / 1048576:.1f}",
                   limit=f"{limits.max_bytes / 1048576:.1f}").at(file)


def check_count(count: int, file: str, limits: Limits) -> Problem | None:
    """A problem when a file holds more features than the limit."""
    if count <= limits.max_features:
        return None
    return finding("validate.core.too_many", count=f"{count:,}",
                   limit=f"{limits.max_features:,}").at(file)


def iter_features(data: Any, file: str) -> tuple[list[Any], Problem | None]:
    """The features of a FeatureCollection or a single Feature, or why there are none."""
    if not isinstance(data, dict):
        return [], finding("validate.file.not_object", rule("2")).at(file)
    raw_kind = data.get("type")
    kind = raw_kind if isinstance(raw_kind, str) else ""
    if kind == "FeatureCollection":
        features = data.get("features")
        if not isinstance(features, list):
            return [], finding("validate.file.no_features", rule("3.3")).at(file)
        return features, None
    if kind == "Feature":
        return [data], None
    if kind == "Topology":
        return [], finding("validate.file.topojson").at(file)
    if kind in GEOMETRY_DEPTH or kind == "GeometryCollection":
        return [], finding("validate.file.bare_geometry", kind=kind).at(file)
    if raw_kind is None or kind.lower() in GEOJSON_TYPES_LOWER:
        return [], type_finding(raw_kind, ("FeatureCollection", "Feature"), "1.4").at(file)
    return [], finding("validate.file.unknown_type", rule("1.4"),
                       found=short_json(raw_kind, 40)).at(file)


def object_problems(data: Any, file: str) -> list[Problem]:
    """RFC 7946 problems of a file's top-level FeatureCollection itself (§3.3, §5, §7.1)."""
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        return []
    return [f.at(file) for f in collection_findings(data)]


def validate_feature(
    raw: Any, file: str, number: int, crs: SourceCrs | None = None, repair: bool = False
) -> tuple[ValidFeature | None, list[Problem]]:
    """Validate one Feature: RFC 7946 structure, then geometry and properties.

    ``crs=None`` checks a catalogue file as it is (WGS-84, geometry untouched). With a
    ``crs`` (intake), the geometry is converted from it to WGS-84 and, once every check
    has passed, rounded to 7 decimals; ``repair=True`` makes invalid polygons valid (and
    says so), and text holding markup is warned about (it stays plain text).
    """
    structure = feature_findings(raw)
    if not isinstance(raw, dict) or raw.get("type") != "Feature":
        return None, [f.at(file, number) for f in structure]
    properties = raw.get("properties")
    feature_id = raw.get("id")
    if isinstance(properties, dict) and "id" not in properties and isinstance(feature_id, str):
        properties = {**properties, "id": feature_id}
    site_id = properties.get("id") if isinstance(properties, dict) else None
    site_id = site_id if isinstance(site_id, str) else None
    problems = [f.at(file, number, site_id) for f in structure]
    model = None
    if "properties" in raw and isinstance(properties, dict | None):
        model, property_problems = validate_properties(properties, file, number)
        problems += property_problems
    if (isinstance(feature_id, str) or is_number(feature_id)) and site_id is not None \
            and str(feature_id) != site_id:
        problems.append(finding("validate.core.id_differs", feature_id=short_json(feature_id, 40),
                                site_id=short_json(site_id, 40)).at(file, number, site_id, "id"))
    geometry = None
    if "geometry" in raw:
        geometry, findings = checked_geometry(raw["geometry"], crs, repair)
        problems += [f.at(file, number, site_id, "geometry") for f in findings]
    if model is not None and crs is not None:
        problems += markup_warnings(model, file, number)
    if model is not None:
        problems += accuracy_warnings(model, file, number)
    if model is None or geometry is None or any(p.severity == "error" for p in problems):
        return None, problems
    return ValidFeature(number, model, geometry), problems


def validate_features(
    features: Sequence[Any], file: str, crs: SourceCrs | None = None, repair: bool = False,
    bulk: bool = False, first_number: int = 1,
) -> FileReport:
    """Validate a list of raw features; ids must be unique within it.

    ``bulk=True`` (a catalogue file: no ``crs``, no repair) checks well-formed features
    together (``ecosites.validate.bulk``) and keeps them in ``records``; every other feature
    is validated one by one, so the problems are those, in the order, of ``bulk=False``.
    ``first_number``: the file's number of ``features[0]`` (a slice of a file's features).
    """
    report = FileReport(file, feature_count=len(features),
                        source_crs=crs.label if crs is not None else "WGS-84")
    accepted = bulk_accepted(features) if bulk and crs is None and not repair else {}
    seen = SeenIds()
    for number, raw in enumerate(features, start=first_number):
        in_bulk = accepted.get(number - first_number)
        entry: ValidFeature | SiteRecord
        if in_bulk is None:
            feature, problems = validate_feature(raw, file, number, crs, repair)
            report.problems.extend(problems)
            if feature is None:
                continue
            site_id, entry = feature.properties.id, feature
        else:
            properties, model = in_bulk
            # The stand-in has every field the warning reads.
            report.problems.extend(accuracy_warnings(model, file, number))  # type: ignore[arg-type]
            site_id, entry = properties[schema.ID], SiteRecord(number, properties, raw["geometry"])
        duplicate = seen.duplicate_id(site_id, number, file)
        if duplicate is not None:
            report.problems.append(duplicate)
            continue
        if isinstance(entry, SiteRecord):
            report.records.append(entry)
        else:
            report.features.append(entry)
    return report


def _parsed(raw: bytes, file: str) -> tuple[Any, Problem | None]:
    text, problem = decode_text(raw, file)
    if problem is not None or text is None:
        return None, problem
    return parse_json(text, file)


def catalogue_features(raw: bytes, file: str) -> tuple[list[Any], list[Problem]] | FileReport:
    """A catalogue file's features and its top-level problems, or the report of a file without any."""
    data, problem = _parsed(raw, file)
    if problem is not None:
        return FileReport(file, problems=[problem], readable=False)
    if isinstance(data, dict) and "crs" in data:
        crs_problem = finding("validate.core.catalogue_crs", rule("4")).at(file, field="crs")
        return FileReport(file, problems=[crs_problem], readable=True)
    features, problem = iter_features(data, file)
    if problem is not None:
        return FileReport(file, problems=[problem], readable=True)
    return features, object_problems(data, file)


def validate_geojson_bytes(raw: bytes, file: str, bulk: bool = False) -> FileReport:
    """Decode, parse and validate a catalogue GeoJSON file's bytes (WGS-84 as it is).

    ``bulk=True``: well-formed features are validated together (see ``validate_features``).
    """
    parsed = catalogue_features(raw, file)
    if isinstance(parsed, FileReport):
        return parsed
    features, top_problems = parsed
    report = validate_features(features, file, bulk=bulk)
    report.problems[:0] = top_problems
    return report


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
    report = validate_features(features, file, source, repair)
    report.problems[:0] = object_problems(data, file)
    return report


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
