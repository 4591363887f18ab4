"""The validator's intake rules: geometry validity and repair, limits, markup, ids, legacy CRS."""

from __future__ import annotations

import json
from typing import Any

import pytest
import shapely.geometry

from ecosites.crs import WGS84, SourceCrs, parse_crs_choice
from ecosites.validate import (
    Limits,
    repair_geometry,
    validate_feature,
    validate_upload_bytes,
    validate_upload_data,
)
from tests.conftest import feature_collection, make_site

SQUARE = [[106.60, 26.60], [106.62, 26.60], [106.62, 26.62], [106.60, 26.62], [106.60, 26.60]]
BOWTIE = [[106.60, 26.60], [106.62, 26.62], [106.62, 26.60], [106.60, 26.62], [106.60, 26.60]]
HOLE_OUTSIDE = [[106.70, 26.70], [106.71, 26.70], [106.71, 26.71], [106.70, 26.71], [106.70, 26.70]]


def polygon(*rings: list[list[float]]) -> dict[str, Any]:
    return {"type": "Polygon", "coordinates": list(rings)}


@pytest.mark.parametrize(
    ("geometry", "message"),
    [
        (polygon(BOWTIE), "the boundary is not a valid polygon: the boundary crosses itself near "
                          "[106.610000, 26.610000]"),
        (polygon(SQUARE[:-1]), "a polygon ring is not closed"),
        (polygon(SQUARE, HOLE_OUTSIDE), "the boundary is not a valid polygon: a hole lies outside the "
                                        "outer ring near [106.700000, 26.700000]"),
        (polygon(SQUARE[:2]), "a polygon ring needs at least 4 positions"),
        ({"type": "MultiPolygon", "coordinates": [[]]}, "a polygon has no rings"),
        (polygon(SQUARE), None),
    ],
)
def test_invalid_boundaries_say_why(geometry: dict[str, Any], message: str | None) -> None:
    """Checked through the catalogue path (the helper these rows once called was used nowhere else)."""
    feature, problems = validate_feature(make_site(geometry=geometry), "f", 1)
    assert [p.message for p in problems if p.field == "geometry"] == ([message] if message else [])
    assert (feature is None) == (message is not None)


@pytest.mark.parametrize(
    ("geometry", "kind", "area_deg2", "done"),
    [
        (polygon(BOWTIE), "MultiPolygon", 0.0002, "the boundary crosses itself near [106.610000, 26.610000]"),
        (polygon(SQUARE[:-1]), "Polygon", 0.0004, "closed the open ring(s)"),
        (polygon(SQUARE), "Polygon", 0.0004, ""),
    ],
)
def test_repair_keeps_the_area(geometry: dict[str, Any], kind: str, area_deg2: float, done: str) -> None:
    repaired, what = repair_geometry(geometry)
    assert repaired is not None
    assert repaired["type"] == kind
    shape = shapely.geometry.shape(repaired)
    assert shape.is_valid
    assert shape.area == pytest.approx(area_deg2, rel=1e-6)
    assert what == done


def test_repair_gives_up_on_a_ring_without_area() -> None:
    repaired, why = repair_geometry(polygon(SQUARE[:2]))
    assert repaired is None
    assert "fewer than 3 corners" in why


def test_repair_is_offered_as_a_warning_and_the_result_is_valid_rfc7946() -> None:
    feature = make_site(geometry=polygon(BOWTIE))
    refused, problems = validate_feature(feature, "f", 1, WGS84)
    assert refused is None
    assert "Repair geometry" in problems[0].hint
    repaired, problems = validate_feature(feature, "f", 1, WGS84, repair=True)
    assert repaired is not None
    assert [(p.severity, p.field) for p in problems] == [("warning", "geometry")]
    shape = shapely.geometry.shape(repaired.geometry)
    assert isinstance(shape, shapely.MultiPolygon)  # the bow tie becomes two triangles
    parts = shape.geoms
    assert all(part.exterior.is_ccw for part in parts)  # RFC 7946 right-hand rule


def test_wgs84_keeps_its_numbers_and_only_converted_coordinates_are_rounded() -> None:
    """Guards against intake silently changing a WGS-84 geometry the loader would judge as it is.

    Intake once rounded WGS-84 input to 7 decimals before checking it, so a ring whose ends
    differed by 4e-8 degrees was stored closed without a word. Now WGS-84 numbers are kept
    exactly; numbers this module computes (a conversion) are rounded, after the checks.
    """
    feature = make_site(lon=106.123456789, lat=26.987654321)
    as_catalogue, _ = validate_feature(feature, "f", 1)
    as_intake, _ = validate_feature(feature, "f", 1, WGS84)
    converted, _ = validate_feature(feature, "f", 1, parse_crs_choice("gcj02")[0])
    assert as_catalogue is not None
    assert as_catalogue.geometry["coordinates"] == [106.123456789, 26.987654321]
    assert as_intake is not None
    assert as_intake.geometry["coordinates"] == [106.123456789, 26.987654321]
    assert converted is not None
    assert all(round(v, 7) == v for v in converted.geometry["coordinates"])


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"name_en": "<b>Bold</b> park"}, "name_en", '"<b>"'),
        ({"highlight_zh": "<script>alert(1)</script>"}, "highlight_zh", '"<script>"'),
        ({"facts": [{"en": "<img src=x onerror=alert(1)>", "source": "test-source"}]}, "facts.0.en",
         '"<img src=x onerror=alert(1)>"'),
        ({"address_en": "javascript:void(0)"}, "address_en", '"javascript:"'),
    ],
)
def test_markup_in_text_is_kept_with_a_warning(overrides: dict[str, Any], field: str, words: str) -> None:
    feature, problems = validate_feature(make_site(**overrides), "f", 1, WGS84)
    assert feature is not None  # stored as plain text, never rendered as HTML
    assert [(p.severity, p.field) for p in problems] == [("warning", field)]
    assert words in problems[0].message


def test_a_feature_id_that_disagrees_with_properties_is_an_error() -> None:
    feature, problems = validate_feature({**make_site(id="a-site"), "id": "b-site"}, "f", 1)
    assert feature is None
    assert problems[0].describe() == (
        "f, feature 1, id 'a-site', field 'id': the feature's id \"b-site\" differs from properties.id "
        "\"a-site\" (make them equal, or remove the feature-level id)")


@pytest.mark.parametrize(
    ("limits", "sites", "message"),
    [
        (Limits(max_bytes=100), 1, "the file is 0.0 MB; the limit is 0.0 MB"),
        (Limits(max_features=2), 3, "the file has 3 features; the limit is 2"),
        (Limits(max_features=3), 3, None),
    ],
)
def test_limits_are_reported_clearly(limits: Limits, sites: int, message: str | None) -> None:
    features = [make_site(id=f"site-{n}") for n in range(sites)]
    report = validate_upload_bytes(json.dumps(feature_collection(features)).encode(), "f", None, limits)
    assert [p.message for p in report.problems] == ([message] if message else [])
    assert report.problems == [] or report.problems[0].hint.startswith("split it into smaller files")


def test_limits_follow_settings() -> None:
    assert Limits.from_settings(2.5, 300) == Limits(2_621_440, 300)


def test_a_legacy_crs_member_is_converted_and_dropped() -> None:
    utm_point = {"type": "Point", "coordinates": [662245.728, 2947597.933]}  # 106.63, 26.64
    data = feature_collection([make_site(geometry=utm_point)])
    data["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::32648"}}
    report = validate_upload_data(data, "utm.geojson")
    assert report.source_crs == "EPSG:32648"
    lon, lat = report.features[0].geometry["coordinates"]
    assert (lon, lat) == pytest.approx((106.63, 26.64), abs=1e-6)


def test_a_legacy_crs_member_conflicting_with_the_chosen_crs_is_refused() -> None:
    data = feature_collection([make_site()])
    data["crs"] = {"type": "name", "properties": {"name": "EPSG:3857"}}
    report = validate_upload_data(data, "f", SourceCrs("EPSG:32648", "EPSG:32648"))
    assert report.features == []
    assert report.problems[0].message == (
        "the file declares EPSG:3857 but EPSG:32648 was chosen; remove one of the two declarations")


def test_catalogue_files_still_refuse_a_legacy_crs_member() -> None:
    """Guards against the loader silently accepting files that only intake may convert."""
    from ecosites.validate import validate_geojson_bytes

    data = feature_collection([make_site()])
    data["crs"] = {"type": "name", "properties": {"name": "EPSG:4326"}}
    report = validate_geojson_bytes(json.dumps(data).encode(), "sites.geojson")
    assert report.features == []
    assert report.problems[0].field == "crs"
