"""Basemaps: which are offered, their tiles and attribution, and the Amap display shift."""

from __future__ import annotations

import json
from pathlib import Path

import folium
import geopandas as gpd
import pytest
from pyproj import Geod

from ecosites.basemaps import (
    AMAP_ATTRIBUTION,
    TIANDITU_ATTRIBUTION,
    available_basemaps,
    get_basemap,
    initial_basemap,
)
from ecosites.catalog import Catalog, load_catalog
from ecosites.coords import gcj02_to_wgs84, wgs84_to_gcj02
from ecosites.mapfit import focus_on
from ecosites.mapview import build_base_map, build_site_layer
from ecosites.markers import site_id_from_click
from tests.conftest import make_site, write_catalog

GEOD = Geod(ellps="WGS84")
SQUARE = {"type": "Polygon", "coordinates": [[[106.62, 26.64], [106.63, 26.64], [106.63, 26.65],
                                              [106.62, 26.65], [106.62, 26.64]]]}


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    """Two sites, one a boundary, loaded through the real loader."""
    directory = tmp_path_factory.mktemp("basemaps")
    write_catalog(directory, [make_site(id="park", lon=106.629, lat=26.645),
                              make_site(id="area", geometry=SQUARE, name_en="Area")])
    return load_catalog(directory)


@pytest.mark.parametrize(("key", "expected"), [
    ("", ("osm", "amap", "none")),
    ("   ", ("osm", "amap", "none")),
    ("abc123", ("osm", "tianditu", "amap", "none")),
])
def test_tianditu_is_offered_only_with_a_key(key: str, expected: tuple[str, ...]) -> None:
    assert available_basemaps(key) == expected


@pytest.mark.parametrize(("configured", "key", "expected"), [
    ("tianditu", "", "osm"), ("tianditu", "k", "tianditu"), ("amap", "", "amap"),
    ("none", "", "none"), ("bogus", "", "osm"),
])
def test_initial_basemap(configured: str, key: str, expected: str) -> None:
    assert initial_basemap(configured, key) == expected


def test_osm_and_none() -> None:
    osm, none = get_basemap("osm"), get_basemap("none")
    assert osm.tiles is not None
    assert osm.tiles.urls == ("https://tile.openstreetmap.org/{z}/{x}/{y}.png",)
    assert "OpenStreetMap</a> contributors" in osm.tiles.attribution
    assert none.tiles is None
    assert none.overlays == ()
    assert osm.to_display(106.63, 26.65) == (106.63, 26.65) == none.to_display(106.63, 26.65)


def test_tianditu_uses_web_mercator_vector_and_annotation_layers() -> None:
    basemap = get_basemap("tianditu", "my key&x=<y>")
    assert basemap.tiles is not None
    assert len(basemap.overlays) == 1
    base, labels = basemap.tiles.urls[0], basemap.overlays[0].urls[0]
    assert base.startswith("https://t{s}.tianditu.gov.cn/vec_w/wmts?")
    assert "LAYER=vec&" in base
    assert labels.startswith("https://t{s}.tianditu.gov.cn/cva_w/wmts?")
    assert "LAYER=cva&" in labels
    assert "TILEMATRIXSET=w" in base
    assert base.endswith("&tk=my%20key%26x%3D%3Cy%3E")
    assert basemap.tiles.subdomains == "01234567"
    assert basemap.tiles.attribution == TIANDITU_ATTRIBUTION
    assert basemap.datum == "wgs84"
    assert basemap.to_display(106.63, 26.65) == (106.63, 26.65)


def test_amap_is_https_and_shifts_to_gcj02() -> None:
    basemap = get_basemap("amap")
    assert basemap.tiles is not None
    assert basemap.tiles.urls[0].startswith("https://webrd0{s}.is.autonavi.com/appmaptile?")
    assert basemap.tiles.subdomains == "1234"
    assert basemap.tiles.attribution == AMAP_ATTRIBUTION
    assert basemap.datum == "gcj02"
    assert basemap.to_display(106.629, 26.645) == wgs84_to_gcj02(106.629, 26.645)
    assert basemap.from_display(106.63, 26.64) == gcj02_to_wgs84(106.63, 26.64)


@pytest.mark.parametrize(("key", "tianditu_key", "message"), [
    ("tianditu", "", "Tianditu tiles need a key"),
    ("google", "", "unknown basemap 'google'"),
])
def test_bad_basemap_is_a_value_error(key: str, tianditu_key: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        get_basemap(key, tianditu_key)


@pytest.mark.parametrize(("key", "lang", "hosts", "attribution", "other_language"), [
    ("osm", "en", ["tile.openstreetmap.org"], "OpenStreetMap</a> contributors", "贡献者"),
    ("osm", "zh", ["tile.openstreetmap.org"], "OpenStreetMap</a> 贡献者", "contributors"),
    ("amap", "en", ["webrd0{s}.is.autonavi.com"], "AutoNavi (Amap)</a>", "高德"),
    ("amap", "zh", ["webrd0{s}.is.autonavi.com"], "高德地图</a>", "AutoNavi"),
    ("tianditu", "en", ["t{s}.tianditu.gov.cn/vec_w", "t{s}.tianditu.gov.cn/cva_w"],
     "Tianditu</a> (National Platform for Common GeoSpatial Information Services)", "天地图"),
    ("tianditu", "zh", ["t{s}.tianditu.gov.cn/vec_w", "t{s}.tianditu.gov.cn/cva_w"],
     "天地图</a>（国家地理信息公共服务平台）", "National"),
    ("none", "en", [], None, None),
])
def test_base_map_has_the_tiles_and_their_attribution_in_the_pages_language(
        catalog: Catalog, key: str, lang: str, hosts: list[str], attribution: str | None,
        other_language: str | None) -> None:
    basemap = get_basemap(key, "k")
    fmap = build_base_map(catalog.categories, basemap.tiles, lang, basemap.overlays)
    layers = [child for child in fmap._children.values() if isinstance(child, folium.TileLayer)]
    assert [next(h for h in hosts if h in layer.tiles) for layer in layers] == hosts
    texts = [str(layer.options["attribution"]) for layer in layers]
    assert all(attribution is not None and attribution in text for text in texts)
    assert not any(other_language is not None and other_language in text for text in texts)


def metres_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Geodesic distance between (lon, lat) points."""
    return float(GEOD.inv(a[0], a[1], b[0], b[1])[2])


def test_amap_moves_markers_and_boundaries_for_display_only(catalog: Catalog) -> None:
    sites: gpd.GeoDataFrame = catalog.sites
    stored = sites.copy()
    amap = get_basemap("amap")
    layer = build_site_layer(sites, catalog.categories, "en", transform=amap.to_display)
    plain = build_site_layer(sites, catalog.categories, "en")
    shown, original = layer.data["sites"][0], plain.data["sites"][0]
    moved = metres_between((shown[1], shown[0]), (original[1], original[0]))
    assert 500 < moved < 570
    corner = layer.data["boundaries"]["features"][0]["geometry"]["coordinates"][0][0]
    assert corner == [round(v, 6) for v in wgs84_to_gcj02(106.62, 26.64)]
    assert sites.equals(stored), "the stored WGS-84 data must not change"
    assert focus_on(sites, "park", amap.to_display) == (round(wgs84_to_gcj02(106.629, 26.645)[1], 6),
                                                         round(wgs84_to_gcj02(106.629, 26.645)[0], 6))


def test_a_click_on_a_shifted_marker_maps_back_to_its_site(catalog: Catalog) -> None:
    amap = get_basemap("amap")
    layer = build_site_layer(catalog.sites, catalog.categories, "en", transform=amap.to_display)
    row = next(r for r in layer.data["sites"] if r[3] == "park")
    event = {"last_object_clicked": {"lat": row[0], "lng": row[1]},
             "last_object_clicked_tooltip": "Test Site · 测试点"}
    assert site_id_from_click(event, layer.data) == "park"
    back = amap.from_display(row[1], row[0])
    assert metres_between(back, (106.629, 26.645)) < 0.1


def test_payload_is_json(catalog: Catalog) -> None:
    layer = build_site_layer(catalog.sites, catalog.categories, "en",
                             transform=get_basemap("amap").to_display)
    assert json.loads(layer.payload)["sites"][0][3] in {"park", "area"}


def test_committed_code_never_loads_tiles_over_http() -> None:
    """Amap and Tianditu tiles go over https (mixed content is blocked on an https site)."""
    text = Path(__file__).resolve().parents[2].joinpath("ecosites", "basemaps.py").read_text("utf-8")
    assert "http://" not in text
