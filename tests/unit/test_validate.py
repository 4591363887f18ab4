"""The validator: every rule of the site schema, as (input, expected problem) rows."""

from __future__ import annotations

import json
from typing import Any

import pytest

from ecosites.validate import validate_geojson_bytes
from tests.conftest import feature_collection, make_site


def _report(features: list[dict[str, Any]]) -> Any:
    return validate_geojson_bytes(json.dumps(feature_collection(features)).encode(), "f.geojson")


def test_a_complete_site_is_valid() -> None:
    report = _report([make_site()])
    assert report.problems == []
    assert [f.properties.id for f in report.features] == ["test-site"]


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"name_en": "", "name_zh": ""}, None, "needs a name"),
        ({"category": "parks"}, "category", "not allowed"),
        ({"id": "Guanshanhu Park"}, "id", "wrong form"),
        ({"id": None}, "id", "must be text"),
        ({"district": "Atlantis"}, "district", "not allowed"),
        ({"hours": "9 to 5"}, "hours", "wrong form"),
        ({"website": "javascript:alert(1)"}, "website", "wrong form"),
        ({"fee": -5}, "fee", "out of range"),
        ({"coordinate_accuracy_m": 0}, "coordinate_accuracy_m", "out of range"),
        ({"tags": "wetland"}, "tags", "must be a list"),
        ({"facts": [{"en": "x", "zh": "", "source": "nowhere"}]}, None, "not in this site's sources"),
        ({"closed_weekdays": ["monday"]}, "closed_weekdays.0", "not allowed"),
        ({"name_en": "x" * 500}, "name_en", "too long"),
    ],
)
def test_bad_properties_are_named_with_their_field(
    overrides: dict[str, Any], field: str | None, words: str
) -> None:
    report = _report([make_site(**overrides)])
    assert report.features == []
    assert len(report.errors) >= 1
    problem = report.errors[0]
    assert problem.feature == 1
    assert problem.field == field
    assert words in problem.message
    assert "f.geojson, feature 1" in problem.describe()


@pytest.mark.parametrize(
    ("geometry", "words", "hint"),
    [
        (None, "no geometry", "Point"),
        ({"type": "Point", "coordinates": [26.64, 106.63]}, "outside the Guiyang region", "swapped"),
        ({"type": "Point", "coordinates": [116.4, 39.9]}, "outside the Guiyang region", "longitude 106.07"),
        ({"type": "Point", "coordinates": [106.6]}, "[longitude, latitude]", ""),
        ({"type": "Point", "coordinates": ["106.6", 26.6]}, "must be numbers", ""),
        ({"type": "Point", "coordinates": [500000.0, 2950000.0]}, "not a longitude/latitude", "reproject"),
        ({"type": "LineString", "coordinates": [[106.6, 26.6], [106.7, 26.7]]}, "not supported", "Polygon"),
        ({"type": "Polygon", "coordinates": [[[106.6, 26.6], [106.7, 26.6], [106.6, 26.6]]]},
         "at least 4 positions", ""),
        ({"type": "Polygon", "coordinates": [[[106.6, 26.6], [106.7, 26.6], [106.7, 26.7], [106.6, 26.7]]]},
         "not closed", "repeat the first position"),
    ],
)
def test_bad_geometry_is_explained(geometry: Any, words: str, hint: str) -> None:
    report = _report([make_site(geometry=geometry)])
    assert report.features == []
    problem = report.errors[0]
    assert problem.field == "geometry"
    assert words in problem.message
    assert hint in problem.hint


def test_duplicate_ids_keep_the_first() -> None:
    report = _report([make_site(name_en="First"), make_site(name_en="Second")])
    assert [f.properties.name_en for f in report.features] == ["First"]
    assert report.errors[0].feature == 2
    assert "duplicate id" in report.errors[0].message
    assert report.errors[0].describe() == (
        "f.geojson, feature 2, id 'test-site', field 'id': duplicate id: feature 1 already has a site "
        "with this id (give every site its own id; only the first is kept)")


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (b'{"type": "FeatureCollection",\n "features": [}', "invalid JSON at line 2, column"),
        ("é".encode("latin-1") + b"{}", "not UTF-8"),
        (b"\xff\xfe{\x00}\x00", "UTF-16"),
        (b'{"type": "Topology", "objects": {}}', "TopoJSON"),
        (b'{"type": "Point", "coordinates": [106.6, 26.6]}', "bare Point"),
        (b"[1, 2, 3]", "expected a GeoJSON object"),
        (b"[" * 200_000 + b"]" * 200_000, "nested too deeply"),
    ],
)
def test_unreadable_files_get_one_plain_message(raw: bytes, words: str) -> None:
    report = validate_geojson_bytes(raw, "bad.geojson")
    assert report.features == []
    assert len(report.problems) == 1
    assert words in report.problems[0].message


def test_a_bom_is_accepted() -> None:
    raw = b"\xef\xbb\xbf" + json.dumps(feature_collection([make_site()])).encode()
    assert len(validate_geojson_bytes(raw, "bom.geojson").features) == 1


def test_a_single_feature_is_accepted_and_feature_level_id_is_used() -> None:
    feature = make_site()
    del feature["properties"]["id"]
    feature["id"] = "from-feature"
    report = validate_geojson_bytes(json.dumps(feature).encode(), "one.geojson")
    assert [f.properties.id for f in report.features] == ["from-feature"]


def test_markup_in_text_is_kept_as_plain_text() -> None:
    report = _report([make_site(name_en="<b>Bold</b> & ${x}")])
    assert report.features[0].properties.name_en == "<b>Bold</b> & ${x}"


def test_control_characters_are_stripped_from_text() -> None:
    """Guards against bell/escape characters reaching terminals, CSV and map labels."""
    report = _report([make_site(name_en="Wet\x07land\x1b", highlight_en="a\x00b")])
    properties = report.features[0].properties
    assert (properties.name_en, properties.highlight_en) == ("Wetland", "ab")
