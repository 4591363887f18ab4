"""What an import would change: sites added, changed field by field, unchanged, removed.

Sites are matched by id. Properties are compared after normalising through the schema
(so a missing optional field equals its empty default), geometry after rounding.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from ecosites import schema
from ecosites.escape import shown_text
from ecosites.store import feature_id
from ecosites.validate import COORDINATE_DECIMALS

GEOMETRY_FIELD = "geometry"
SHOWN_CHARS = 200


@dataclass(frozen=True)
class FieldChange:
    """One field of one site: old and new value as short text."""

    field: str
    old: str
    new: str


@dataclass(frozen=True)
class SiteChange:
    """A site whose fields change."""

    site_id: str
    name: str
    fields: tuple[FieldChange, ...]


@dataclass(frozen=True)
class CatalogDiff:
    """The effect of an import on the catalogue, by site id."""

    added: tuple[str, ...] = ()
    changed: tuple[SiteChange, ...] = ()
    unchanged: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()

    @property
    def has_changes(self) -> bool:
        """True when publishing would change anything."""
        return bool(self.added or self.changed or self.removed)

    def summary(self) -> str:
        """'2 added, 1 changed, 11 unchanged, 0 removed'."""
        return (f"{len(self.added)} added, {len(self.changed)} changed, "
                f"{len(self.unchanged)} unchanged, {len(self.removed)} removed")


def _round(coordinates: Any) -> Any:
    if isinstance(coordinates, list):
        return [_round(c) for c in coordinates]
    if isinstance(coordinates, float):
        return round(coordinates, COORDINATE_DECIMALS)
    return coordinates


def comparable(feature: dict[str, Any]) -> dict[str, Any]:
    """A feature's properties as the schema normalises them, plus its rounded geometry."""
    properties = feature.get("properties")
    properties = properties if isinstance(properties, dict) else {}
    try:
        values = schema.SiteProperties.model_validate(properties).model_dump(mode="json")
    except ValidationError:
        values = dict(properties)
    geometry = feature.get("geometry")
    if isinstance(geometry, dict):
        geometry = {"type": geometry.get("type"), "coordinates": _round(geometry.get("coordinates"))}
    values[GEOMETRY_FIELD] = geometry
    return values


def shown(value: Any) -> str:
    """A value as short text for the diff table."""
    if isinstance(value, dict) and "coordinates" in value:
        coordinates = value.get("coordinates")
        if value.get("type") == "Point":
            return f"Point {json.dumps(coordinates)}"
        return f"{value.get('type')} ({len(json.dumps(coordinates))} characters of coordinates)"
    if value is None:
        return ""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return shown_text(text, SHOWN_CHARS)


def site_changes(old: dict[str, Any], new: dict[str, Any]) -> tuple[FieldChange, ...]:
    """The fields that differ between two features, in schema order, geometry last."""
    before, after = comparable(old), comparable(new)
    order = [*schema.PROPERTY_NAMES, GEOMETRY_FIELD]
    names = order + sorted((set(before) | set(after)) - set(order))
    return tuple(
        FieldChange(name, shown(before.get(name)), shown(after.get(name)))
        for name in names
        if before.get(name) != after.get(name)
    )


def _name(feature: dict[str, Any]) -> str:
    properties = feature.get("properties") or {}
    return str(properties.get(schema.NAME_EN) or properties.get(schema.NAME_ZH) or "")


def diff_catalog(
    current: Sequence[dict[str, Any]], incoming: Sequence[dict[str, Any]], replace: bool = False
) -> CatalogDiff:
    """Compare incoming features with the current catalogue by id."""
    existing: dict[str, dict[str, Any]] = {}
    for feature in current:
        site_id = feature_id(feature)
        if site_id is not None:
            existing.setdefault(site_id, feature)
    added, changed, unchanged = [], [], []
    incoming_ids = set()
    for feature in incoming:
        site_id = feature_id(feature)
        if site_id is None:
            continue
        incoming_ids.add(site_id)
        if site_id not in existing:
            added.append(site_id)
            continue
        # Re-uploading what was published gives identical dicts: skip the schema work then.
        fields = () if existing[site_id] == feature else site_changes(existing[site_id], feature)
        if fields:
            changed.append(SiteChange(site_id, _name(feature), fields))
        else:
            unchanged.append(site_id)
    removed = [i for i in existing if i not in incoming_ids] if replace else []
    if not replace:
        unchanged += [i for i in existing if i not in incoming_ids]
    return CatalogDiff(tuple(added), tuple(changed), tuple(unchanged), tuple(removed))


def merge_catalog(
    current: Sequence[dict[str, Any]], incoming: Sequence[dict[str, Any]], replace: bool = False
) -> list[dict[str, Any]]:
    """The catalogue after import: updates in place, additions at the end; replace keeps only incoming."""
    if replace:
        return list(incoming)
    updates = {feature_id(f): f for f in incoming}
    merged = []
    for feature in current:
        site_id = feature_id(feature)
        merged.append(updates.pop(site_id) if site_id in updates else feature)
    merged.extend(updates.values())
    return merged
