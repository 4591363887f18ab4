"""Shared test builders: sites as GeoJSON features, catalogue directories."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent


def make_site(**overrides: Any) -> dict[str, Any]:
    """A valid GeoJSON Feature for one site; keyword arguments override properties.

    ``geometry=`` replaces the geometry; ``lon=``/``lat=`` move the point.
    """
    lon = overrides.pop("lon", 106.63)
    lat = overrides.pop("lat", 26.64)
    geometry = overrides.pop("geometry", {"type": "Point", "coordinates": [lon, lat]})
    properties: dict[str, Any] = {
        "id": "test-site",
        "name_en": "Test Site",
        "name_zh": "测试点",
        "category": "urban-restoration",
        "highlight_en": "A site made for tests.",
        "highlight_zh": "测试用示范点。",
        "district": "Guanshanhu",
        "address_en": "",
        "address_zh": "",
        "tags": ["park"],
        "facts": [{"en": "12 bird species", "zh": "12 种鸟类", "source": "test-source"}],
        "hours": "09:00-17:00",
        "last_entry": None,
        "closed_weekdays": ["mon"],
        "fee": 0,
        "fee_note_en": "",
        "fee_note_zh": "",
        "visit_minutes": None,
        "website": None,
        "phone": None,
        "sources": [{"id": "test-source", "title": "Test fixture", "url": None,
                     "fields": ["facts", "hours", "fee"]}],
        "coordinate_accuracy_m": 1000,
        "coordinate_source": "approximate: test fixture",
        "unverified": [],
        "accessibility_en": "",
        "accessibility_zh": "",
        "group_suitable": None,
        "guide_languages": [],
    }
    properties.update(overrides)
    return {"type": "Feature", "geometry": geometry, "properties": properties}


def feature_collection(features: list[dict[str, Any]]) -> dict[str, Any]:
    """Wrap features in a FeatureCollection."""
    return {"type": "FeatureCollection", "features": features}


def write_catalog(directory: Path, features: list[dict[str, Any]],
                  name: str = "sites.geojson") -> Path:
    """Write a catalogue file of ``features`` into ``directory``; returns its path."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(json.dumps(feature_collection(features), ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def catalog_dir(tmp_path: Path) -> Path:
    """An empty catalogue directory."""
    directory = tmp_path / "geodata"
    directory.mkdir()
    return directory


def make_stop(**overrides: Any) -> Any:
    """A planner ``StopInfo`` built from ``make_site`` properties (same overrides, lon/lat too)."""
    from ecosites.planning.stops import StopInfo

    feature = make_site(**overrides)
    lon, lat = feature["geometry"]["coordinates"][:2]
    return StopInfo.from_row({**feature["properties"], "lon": lon, "lat": lat})


def stops_by_id(*stops: Any) -> dict[str, Any]:
    """Planner stops keyed by id, the way ``plan_visit`` looks them up."""
    return {s.id: s for s in stops}


def notice_codes(notices: Sequence[Any]) -> list[str]:
    """The codes of planner notices, in order."""
    return [n.code for n in notices]
