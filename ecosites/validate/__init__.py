"""Validation of site GeoJSON, behind the catalogue loader, the CLI and staff intake.

``core`` reads files and features and holds the one duplicate-id rule, ``geometry``
the coordinate checks, ``properties`` the schema checks in plain words, ``jsontext``
reading a file's text, ``bulk`` the catalogue's fast path, and ``problem`` the Problem
they all report.
"""

from __future__ import annotations

from ecosites.validate.core import (
    FileReport,
    Limits,
    SeenIds,
    SiteRecord,
    ValidFeature,
    check_count,
    check_size,
    iter_features,
    validate_feature,
    validate_features,
    validate_geojson_bytes,
    validate_upload_bytes,
    validate_upload_data,
)
from ecosites.validate.geometry import COORDINATE_DECIMALS, GEOMETRY_TYPES, repair_geometry
from ecosites.validate.jsontext import decode_text, parse_json
from ecosites.validate.problem import Problem, Severity, format_problems

__all__ = [
    "COORDINATE_DECIMALS",
    "GEOMETRY_TYPES",
    "FileReport",
    "Limits",
    "Problem",
    "SeenIds",
    "Severity",
    "SiteRecord",
    "ValidFeature",
    "check_count",
    "check_size",
    "decode_text",
    "format_problems",
    "iter_features",
    "parse_json",
    "repair_geometry",
    "validate_feature",
    "validate_features",
    "validate_geojson_bytes",
    "validate_upload_bytes",
    "validate_upload_data",
]
