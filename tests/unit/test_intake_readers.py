"""GIS uploads read through GeoPandas/pyogrio: GeoPackage, zipped Shapefile, KMZ; sniffing."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import geopandas as gpd
import pytest
import shapely.geometry

from ecosites import schema
from ecosites.crs import parse_crs_choice
from ecosites.readers import read_upload, sniff_format
from ecosites.validate import Limits
from tests.conftest import REPO, make_site

LIST_FIELDS = (*schema.LIST_PROPERTIES, schema.CLOSED_WEEKDAYS)
# Writing Shapefiles on purpose cuts field names; GDAL and GeoPandas warn about exactly that.
pytestmark = [
    pytest.mark.filterwarnings("ignore:Normalized/laundered field name:RuntimeWarning"),
    pytest.mark.filterwarnings("ignore:Column names longer than 10 characters:UserWarning"),
]


def site_frame(features: list[dict[str, Any]], crs: str = "EPSG:4326") -> gpd.GeoDataFrame:
    """Features as a GeoDataFrame the way GIS exports hold them: lists as JSON text."""
    rows = []
    for feature in features:
        row = dict(feature["properties"])
        for name in LIST_FIELDS:
            row[name] = json.dumps(row[name], ensure_ascii=False)
        rows.append(row)
    shapes = [shapely.geometry.shape(f["geometry"]) for f in features]
    return gpd.GeoDataFrame(rows, geometry=shapes, crs="EPSG:4326").to_crs(crs)


def zipped(folder: Path, names: list[str] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(folder.iterdir()):
            if names is None or path.suffix in names:
                archive.write(path, path.name)
    return buffer.getvalue()


@pytest.mark.parametrize("crs", ["EPSG:4326", "EPSG:32648", "EPSG:4490"])
def test_geopackage_in_any_crs_arrives_in_wgs84_with_lists_intact(tmp_path: Path, crs: str) -> None:
    path = tmp_path / "sites.gpkg"
    site_frame([make_site(id="gpkg-site", tags=["park", "wetland"], lon=106.71, lat=26.58)],
               crs).to_file(path, driver="GPKG")
    report = read_upload("sites.gpkg", path.read_bytes())
    assert report.errors == []
    feature = report.features[0]
    assert feature.properties.id == "gpkg-site"
    assert feature.properties.tags == ["park", "wetland"]
    assert feature.properties.closed_weekdays == ["mon"]
    assert feature.geometry["coordinates"] == pytest.approx([106.71, 26.58], abs=1e-6)


def test_geopackage_from_amap_points_declared_gcj02(tmp_path: Path) -> None:
    path = tmp_path / "amap.gpkg"
    site_frame([make_site(lon=106.633568, lat=26.636331)]).to_file(path, driver="GPKG")
    report = read_upload("amap.gpkg", path.read_bytes(), parse_crs_choice("gcj02")[0])
    assert report.source_crs == "GCJ-02"
    assert report.features[0].geometry["coordinates"] == pytest.approx([106.63, 26.64], abs=1e-5)


def test_zipped_shapefile_honours_its_prj_and_explains_cut_field_names(tmp_path: Path) -> None:
    folder = tmp_path / "shp"
    folder.mkdir()
    frame = site_frame([make_site(id="shp-site")], "EPSG:32648")
    frame[["id", "name_en", "category", "geometry"]].to_file(folder / "sites.shp")
    (folder / "extra.txt").write_text("ignored")
    report = read_upload("sites.zip", zipped(folder))
    assert report.source_crs == "EPSG:32648"
    # Had the .prj been ignored, the UTM metres would be reported as "not a longitude/latitude pair".
    # A GIS export without accuracy or origin is accepted with one warning for the site.
    assert report.errors == []
    assert len(report.features) == 1
    assert [p.field for p in report.problems if p.severity == "warning"
            and "accuracy not stated" in p.message] == ["coordinate_accuracy_m"]
    frame.to_file(folder / "full.shp")
    (folder / "sites.shp").unlink()
    for suffix in (".shx", ".dbf", ".prj", ".cpg"):
        (folder / f"sites{suffix}").unlink(missing_ok=True)
    report = read_upload("full.zip", zipped(folder))
    assert any("Shapefile cut these field names" in p.message and "coordina_1" in p.message
               for p in report.problems)


@pytest.mark.parametrize(
    ("keep", "message", "readable"),
    [
        ([".shp", ".shx"], "the Shapefile in the zip lacks its .dbf", False),
        ([".txt"], "the zip holds no Shapefile (.shp) or KML", False),
    ],
)
def test_incomplete_zips_are_explained(tmp_path: Path, keep: list[str], message: str, readable: bool) -> None:
    folder = tmp_path / "shp"
    folder.mkdir()
    site_frame([make_site()]).to_file(folder / "sites.shp")
    (folder / "notes.txt").write_text("x")
    report = read_upload("sites.zip", zipped(folder, keep))
    assert [p.message for p in report.problems] == [message]
    assert report.readable is readable


def test_a_zip_bigger_than_the_limit_once_unzipped_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("sites.shp", b"\0" * 2_000_000)
    report = read_upload("bomb.zip", buffer.getvalue(), limits=Limits(max_bytes=1_000_000))
    assert report.problems[0].message == "unzipped, the file is 1.9 MB; the limit is 1.0 MB"


def test_kmz_is_read_as_kml() -> None:
    kml = (REPO / "tests" / "data" / "intake" / "kml_extended_data.kml").read_bytes()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("doc.kml", kml)
    report = read_upload("sites.kmz", buffer.getvalue())
    assert [f.properties.id for f in report.features] == ["kml-site"]


@pytest.mark.parametrize(
    ("name", "raw", "kind"),
    [
        ("a.geojson", b'{"type": "Feature"}', "geojson"),
        ("a.txt", b'  {"type": "Feature"}', "geojson"),
        ("a.geojson", b"SQLite format 3\x00...", "gpkg"),
        ("renamed.json", b"PK\x03\x04...", "zip"),
        ("a.xml", b'<?xml version="1.0"?>\n<kml xmlns="x">', "kml"),
        ("a.xml", b"\xef\xbb\xbf<gpx>", "gpx"),
        ("a.kml", b"<?xml version='1.0'?><Document/>", "kml"),
        ("a.csv", b"id,lon,lat\n", None),
        ("a.shp", b"\x00\x00\x27\x0a", None),
    ],
)
def test_format_is_sniffed_from_content_first(name: str, raw: bytes, kind: str | None) -> None:
    assert sniff_format(name, raw) == kind


def test_a_bare_shp_is_told_to_zip_its_companions() -> None:
    report = read_upload("sites.shp", b"\x00\x00\x27\x0a" + b"\0" * 96)
    assert report.problems[0].hint == "zip the .shp together with its .shx, .dbf and .prj and upload the .zip"
