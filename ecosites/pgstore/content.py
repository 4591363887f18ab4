"""Versions and features as the database holds them: canonical SHA-256, key order, rows."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

from ecosites.pgstore.connection import iso_utc
from ecosites.store import Version, sha256_hex

EMPTY_SHA256 = sha256_hex(None)  # the catalogue before anything is published, as for files
FEATURE_KEYS = ("type", "id", "geometry", "properties")
VERSION_COLUMNS = "v.number, v.time, v.author, v.action, v.sha256, v.site_count, v.note"


def content_sha256(features: Sequence[dict[str, Any]]) -> str:
    """SHA-256 of the features as canonical JSON: the same however jsonb orders their keys."""
    text = json.dumps(list(features), ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      allow_nan=False)
    return hashlib.sha256(text.encode()).hexdigest()


def ordered_feature(feature: dict[str, Any]) -> dict[str, Any]:
    """A feature read from jsonb with its keys back in file order (jsonb sorts them by length).

    Property order follows the schema, so dumped files and staff diffs read as before.
    """
    from ecosites.schema import PROPERTY_NAMES

    ordered = {key: feature[key] for key in FEATURE_KEYS if key in feature}
    ordered.update((key, value) for key, value in feature.items() if key not in ordered)
    properties = ordered.get("properties")
    if isinstance(properties, dict):
        names = [name for name in PROPERTY_NAMES if name in properties]
        ordered["properties"] = {**{name: properties[name] for name in names}, **properties}
    return ordered


def version_from_row(row: Sequence[Any]) -> Version:
    """A ``Version`` from a row of ``VERSION_COLUMNS``."""
    number, time, author, action, sha256, site_count, note = row
    return Version(number, iso_utc(time), author, action, sha256, site_count, note)
