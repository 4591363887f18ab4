"""Property-based: no input makes the validator raise (arbitrary JSON, GeoJSON-like, bytes)."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecosites import schema
from ecosites.crs import parse_crs_choice
from ecosites.readers import read_upload
from ecosites.validate import FileReport, validate_geojson_bytes, validate_upload_data

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = (st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20))
json_values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children,
                                                                        max_size=4),
    max_leaves=25,
)
numbers = st.floats() | st.integers(-10**6, 10**6) | st.floats(106.0, 107.5) | st.floats(26.0, 27.5)
positions = st.lists(numbers | st.text(max_size=3), min_size=0, max_size=4)
coordinates = st.recursive(positions, lambda inner: st.lists(inner, max_size=5), max_leaves=20)
geometries = st.none() | json_values | st.fixed_dictionaries({
    "type": st.sampled_from(["Point", "MultiPoint", "Polygon", "MultiPolygon", "LineString", "x"]),
    "coordinates": coordinates | json_values,
})
properties = st.none() | st.dictionaries(
    st.sampled_from([*schema.PROPERTY_NAMES, "other"]), json_values | st.text(max_size=30), max_size=8)
features = st.fixed_dictionaries({
    "type": st.sampled_from(["Feature", "feature", "Point"]),
    "geometry": geometries,
    "properties": properties,
}, optional={"id": json_values})
collections = st.fixed_dictionaries(
    {"type": st.just("FeatureCollection"), "features": st.lists(features, max_size=4) | json_values},
    optional={"crs": json_values | st.just({"type": "name", "properties": {"name": "EPSG:3857"}})},
)
crs_choices = st.sampled_from([None, "gcj02", "bd09", "EPSG:3857", "EPSG:32648", "EPSG:4490"])


def _sound(report: FileReport) -> None:
    assert isinstance(report, FileReport)
    for problem in report.problems:
        assert problem.describe().strip()
    assert len(report.features) <= max(report.feature_count, 1)


@SETTINGS
@given(json_values)
def test_arbitrary_json_never_raises(data: Any) -> None:
    _sound(validate_upload_data(data, "fuzz.geojson"))
    _sound(validate_geojson_bytes(json.dumps(data).encode(), "fuzz.geojson"))


@SETTINGS
@given(collections | features, crs_choices, st.booleans())
def test_geojson_like_input_never_raises(data: Any, crs: str | None, repair: bool) -> None:
    chosen = parse_crs_choice(crs)[0] if crs else None
    _sound(validate_upload_data(data, "fuzz.geojson", chosen, repair=repair))


# Magic numbers send junk to GDAL's GeoPackage, zip, KML and GPX readers too.
PREFIXES = [b"", b"\xef\xbb\xbf{", b"SQLite format 3\x00", b"PK\x03\x04",
            b"<?xml version='1.0'?><kml>", b"<gpx>"]


@SETTINGS
@given(st.sampled_from(PREFIXES), st.binary(max_size=512),
       st.sampled_from(["f.geojson", "f.json", "f.kml", "f.gpx", "f.zip", "f.gpkg", "f"]))
def test_arbitrary_bytes_never_raise(prefix: bytes, raw: bytes, name: str) -> None:
    _sound(read_upload(name, prefix + raw))
