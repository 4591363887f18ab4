"""Regenerate the intake corpus: ``python tests/data/intake/make_corpus.py``.

Every file here is made by this script from the builder below, so what each file
tests is visible in one place. ``expected.json`` lists each file's expected outcome.
``GENERATED`` builds the hostile inputs that are large or binary (zip bombs, a
GeoPackage that never finishes reading); they are never committed: the tests build
them into a temporary folder.
"""

from __future__ import annotations

import io
import json
import sqlite3
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def site(**overrides: Any) -> dict[str, Any]:
    """A minimal valid site Feature (fixture values, not real site facts)."""
    lon = overrides.pop("lon", 106.63)
    lat = overrides.pop("lat", 26.64)
    geometry = overrides.pop("geometry", {"type": "Point", "coordinates": [lon, lat]})
    properties = {
        "id": "corpus-site", "name_en": "Corpus Site", "name_zh": "样例点",
        "category": "urban-restoration", "coordinate_accuracy_m": 100,
        "coordinate_source": "test corpus",
    }
    properties.update(overrides)
    return {"type": "Feature", "geometry": geometry, "properties": properties}


def collection(*features: Any, **extra: Any) -> dict[str, Any]:
    return {"type": "FeatureCollection", **extra, "features": list(features)}


def text(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1).encode()


SQUARE = [[106.60, 26.60], [106.62, 26.60], [106.62, 26.62], [106.60, 26.62], [106.60, 26.60]]
BOWTIE = [[106.60, 26.60], [106.62, 26.62], [106.62, 26.60], [106.60, 26.62], [106.60, 26.60]]
# Guanshanhu point (106.63, 26.64) in Web Mercator and as Amap (GCJ-02) would show it.
MERCATOR = [11869997.3033, 3078566.0544]
KML = """<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark>
<name>KML Site</name>
<ExtendedData>
<Data name="id"><value>kml-site</value></Data>
<Data name="name_en"><value>KML Site</value></Data>
<Data name="category"><value>green-industry</value></Data>
<Data name="coordinate_accuracy_m"><value>50</value></Data>
<Data name="coordinate_source"><value>test corpus</value></Data>
</ExtendedData>
<Point><coordinates>106.65,26.61,0</coordinates></Point>
</Placemark></Document></kml>
"""
GPX = """<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="test corpus" xmlns="http://www.topografix.com/GPX/1/1">
<wpt lat="26.64" lon="106.63"><name>A waypoint</name></wpt>
</gpx>
"""


def damaged_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("sites.shp", b"not really a shapefile" * 20)
    return buffer.getvalue()[:60]


def kml_text(padding: int = 0) -> bytes:
    """The corpus KML, optionally padded with spaces (which deflate about a thousandfold)."""
    return KML.replace("</kml>", " " * padding + "</kml>").encode()


def kmz(data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("doc.kml", data)
    return buffer.getvalue()


def lying_kmz() -> bytes:
    """A KMZ whose headers claim its KML is 1,000 bytes; it inflates to 20 MB."""
    raw = bytearray(kmz(kml_text(20 * 1024 * 1024)))
    real = len(kml_text(20 * 1024 * 1024)).to_bytes(4, "little")
    claimed = (1000).to_bytes(4, "little")
    local, central = raw.find(b"PK\x03\x04"), raw.find(b"PK\x01\x02")
    assert raw[local + 22:local + 26] == real
    assert raw[central + 24:central + 28] == real
    raw[local + 22:local + 26] = claimed
    raw[central + 24:central + 28] = claimed
    return bytes(raw)


def many_members_zip() -> bytes:
    """A zip of 1,001 empty files next to a Shapefile's name: past the member limit."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for number in range(1001):
            archive.writestr(f"part-{number}.txt", b"")
    return buffer.getvalue()


def geopackage_with_view(view_sql: str) -> bytes:
    """A small GeoPackage (one site) that also lists ``view_sql``'s view as a table to read."""
    import geopandas as gpd
    import shapely.geometry

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "view.gpkg"
        gpd.GeoDataFrame({"id": ["corpus-site"]}, geometry=[shapely.geometry.Point(106.63, 26.64)],
                         crs="EPSG:4326").to_file(path, driver="GPKG", layer="sites")
        with sqlite3.connect(path) as database:
            database.execute(f"CREATE VIEW hostile AS {view_sql}")
            database.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) "
                             "VALUES ('hostile', 'attributes', 'hostile', 0)")
        return path.read_bytes()


# A view over an endless recursive query: reading it never finishes.
ENDLESS_VIEW = ("WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r) "
                "SELECT i AS fid, i AS n FROM r")
# 2,000 rows of 1 MB text each: 2 GB from a 100 KB file.
INFLATING_VIEW = ("WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < 2000) "
                  "SELECT i AS fid, printf('%.*c', 1000000, 'x') AS n FROM r")


GENERATED: dict[str, Callable[[], bytes]] = {
    "lying_header.kmz": lying_kmz,
    "ratio_bomb.kmz": lambda: kmz(kml_text(5 * 1024 * 1024)),
    "too_big_unzipped.kmz": lambda: kmz(kml_text(11 * 1024 * 1024)),
    "many_members.zip": many_members_zip,
    "recursive_view.gpkg": lambda: geopackage_with_view(ENDLESS_VIEW),
    "inflating_view.gpkg": lambda: geopackage_with_view(INFLATING_VIEW),
    "huge_id.geojson": lambda: text(collection(site(id="a" * 1_000_000))),
}
UTF16_KML = KML.replace('encoding="UTF-8"', 'encoding="UTF-16"')

FILES: dict[str, bytes] = {
    "valid_collection.geojson": text(collection(site(), site(id="second-site", lon=106.70))),
    "valid_single_feature.geojson": text(site()),
    "valid_bom.geojson": b"\xef\xbb\xbf" + text(collection(site())),
    "valid_multipolygon.geojson": text(collection(site(geometry={
        "type": "MultiPolygon", "coordinates": [[SQUARE]]}))),
    "valid_height.geojson": text(collection(site(geometry={
        "type": "Point", "coordinates": [106.63, 26.64, 1071.5]}))),
    "html_in_text.geojson": text(collection(site(
        name_en="<b>Bold</b> <script>alert(1)</script>", highlight_en="<img src=x onerror=alert(1)>"))),
    "legacy_crs_3857.geojson": text(collection(site(geometry={
        "type": "Point", "coordinates": MERCATOR}), crs={
        "type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}})),
    "legacy_crs_cgcs2000.geojson": text(collection(site(), crs={
        "type": "name", "properties": {"name": "EPSG:4490"}})),
    "gcj02_point.geojson": text(collection(site(lon=106.6335680016, lat=26.6363307855))),
    "kml_extended_data.kml": KML.encode(),
    "utf16.geojson": text(collection(site())).decode().encode("utf-16"),
    "gbk.geojson": json.dumps(collection(site(name_zh="观山湖")), ensure_ascii=False).encode("gbk"),
    "binary_junk.geojson": bytes(range(256)) * 4,
    "empty.geojson": b"",
    "syntax_error.geojson": b'{"type": "FeatureCollection",\n "features": [\n  {"type": "Feature",},\n ]}',
    "truncated.geojson": text(collection(site()))[:90],
    "deep_nesting.json": b"[" * 200_000,
    "huge_integer.geojson": b'{"type": "Feature", "geometry": {"type": "Point", "coordinates": ['
    + b"1" * 5000 + b', 26.6]}, "properties": {}}',
    "topojson.json": text({"type": "Topology", "objects": {}, "arcs": []}),
    "bare_geometry.geojson": text({"type": "Point", "coordinates": [106.63, 26.64]}),
    "array_root.json": b"[1, 2, 3]",
    "features_not_a_list.geojson": text({"type": "FeatureCollection", "features": {"a": 1}}),
    "no_geometry.geojson": text(collection(site(geometry=None))),
    "null_properties.geojson": text(collection({"type": "Feature", "geometry": {
        "type": "Point", "coordinates": [106.63, 26.64]}, "properties": None})),
    "one_coordinate.geojson": text(collection(site(geometry={"type": "Point", "coordinates": [106.63]}))),
    "string_coordinates.geojson": text(collection(site(geometry={
        "type": "Point", "coordinates": ["106.63", "26.64"]}))),
    "nan_coordinates.geojson": b'{"type": "Feature", "geometry": {"type": "Point", "coordinates": '
    b'[NaN, 26.64]}, "properties": {"id": "nan-site", "name_en": "NaN", "category": '
    b'"urban-restoration", "coordinate_accuracy_m": 100, "coordinate_source": "test corpus"}}',
    "infinite_coordinates.geojson": text(collection(site())).replace(b"106.63", b"1e999"),
    "swapped_lat_lon.geojson": text(collection(site(lon=26.64, lat=106.63))),
    "swapped_in_range.geojson": text(collection(site(geometry={"type": "MultiPoint", "coordinates": [
        [26.64, 106.63], [26.58, 106.70]]}))),
    "outside_region.geojson": text(collection(site(lon=116.40, lat=39.90))),
    "projected_without_crs.geojson": text(collection(site(geometry={
        "type": "Point", "coordinates": MERCATOR}))),
    "legacy_crs_unknown.geojson": text(collection(site(), crs={
        "type": "name", "properties": {"name": "EPSG:999999"}})),
    "legacy_crs_link.geojson": text(collection(site(), crs={
        "type": "link", "properties": {"href": "http://example.com/crs", "type": "proj4"}})),
    "self_intersection.geojson": text(collection(site(geometry={
        "type": "Polygon", "coordinates": [BOWTIE]}))),
    "unclosed_ring.geojson": text(collection(site(geometry={
        "type": "Polygon", "coordinates": [SQUARE[:-1]]}))),
    "linestring.geojson": text(collection(site(geometry={"type": "LineString", "coordinates": SQUARE}))),
    "geometry_collection.geojson": text(collection(site(geometry={"type": "GeometryCollection",
                                                                   "geometries": []}))),
    "missing_required.geojson": text(collection({"type": "Feature", "geometry": {
        "type": "Point", "coordinates": [106.63, 26.64]}, "properties": {"id": "no-category"}})),
    "gis_export_no_accuracy.geojson": text(collection({"type": "Feature", "geometry": {
        "type": "Point", "coordinates": [106.63, 26.64]}, "properties": {
        "id": "gis-export", "name_en": "GIS Export", "name_zh": "导出样例",
        "category": "urban-restoration"}})),
    "media_bad_licence.geojson": text(collection(site(media=[{
        "file": "photo.jpg", "alt_en": "A photo", "alt_zh": "照片", "credit": "Corpus",
        "licence": "all-rights-reserved", "source_url": "https://example.com/photo"}]))),
    "bad_category.geojson": text(collection(site(category="wetland"))),
    "bad_id.geojson": text(collection(site(id="Guanshan Park!"))),
    "duplicate_ids.geojson": text(collection(site(), site(lon=106.70))),
    "javascript_link.geojson": text(collection(site(website="javascript:alert(document.cookie)"))),
    "too_long_name.geojson": text(collection(site(name_en="x" * 500))),
    "feature_id_mismatch.geojson": text(collection({**site(), "id": "another-id"})),
    "fact_without_source.geojson": text(collection(site(facts=[{"en": "A fact", "source": "nowhere"}]))),
    "gpx_waypoint.gpx": GPX.encode(),
    "table.csv": b"id,lon,lat\ncorpus-site,106.63,26.64\n",
    "damaged.zip": damaged_zip(),
    "utf16_no_bom.geojson": text(collection(site())).decode().encode("utf-16-le"),
    "utf16_be.geojson": b"\xfe\xff" + text(collection(site())).decode().encode("utf-16-be"),
    "utf32.geojson": text(collection(site())).decode().encode("utf-32"),
    "utf32_no_bom.geojson": text(collection(site())).decode().encode("utf-32-be"),
    "utf16.kml": UTF16_KML.encode("utf-16"),
    "utf16_no_bom.kml": UTF16_KML.encode("utf-16-le"),
    "control_character_id.geojson": text(collection(site(id="corpus\u0000site"))),
    "markup_id.geojson": text(collection(site(id="[sign in](https://x.co)"))),
}


def main() -> None:
    """Write every corpus file next to this script."""
    for name, data in FILES.items():
        (HERE / name).write_bytes(data)


if __name__ == "__main__":
    main()
