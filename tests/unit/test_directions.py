"""How to get there: each link's coordinates against the datum formulas, and the name encoded."""

from __future__ import annotations

import math
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from ecosites.directions import direction_links, position_note, site_directions

# Guanshanhu Park's marker (WGS-84); a name with characters a URL must encode.
LON, LAT = 106.629, 26.645
NAME_EN, NAME_ZH = "Lake & Park #1", "观山湖公园"


def _gcj_reference(lon: float, lat: float) -> tuple[float, float]:
    """WGS-84 -> GCJ-02, written out again from the published formula (not ecosites.coords)."""
    a, ee = 6378245.0, 0.00669342162296594323
    x, y = lon - 105.0, lat - 35.0
    d_lat = (-100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
             + (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2 / 3
             + (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2 / 3
             + (160.0 * math.sin(y / 12.0 * math.pi) + 320 * math.sin(y * math.pi / 30.0)) * 2 / 3)
    d_lon = (300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
             + (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2 / 3
             + (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2 / 3
             + (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2 / 3)
    rad = lat / 180.0 * math.pi
    magic = 1 - ee * math.sin(rad) ** 2
    d_lat = d_lat * 180.0 / ((a * (1 - ee)) / (magic * math.sqrt(magic)) * math.pi)
    d_lon = d_lon * 180.0 / (a / math.sqrt(magic) * math.cos(rad) * math.pi)
    return lon + d_lon, lat + d_lat


def _bd_reference(lon: float, lat: float) -> tuple[float, float]:
    """GCJ-02 -> BD-09 by Baidu's published formula, written out again."""
    x_pi = math.pi * 3000.0 / 180.0
    z = math.hypot(lon, lat) + 0.00002 * math.sin(lat * x_pi)
    theta = math.atan2(lat, lon) + 0.000003 * math.cos(lon * x_pi)
    return z * math.cos(theta) + 0.0065, z * math.sin(theta) + 0.006


def metres_apart(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle distance in metres (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371008.8 * math.asin(math.sqrt(h))


def _links() -> dict[str, str]:
    return {link.service: link.url for link in direction_links(LON, LAT, NAME_EN, NAME_ZH, "en")}


def _pair(text: str) -> tuple[float, float]:
    first, second = (float(part) for part in text.split(","))
    return first, second


def test_reference_formula_matches_the_published_point() -> None:
    """The test's own formula gives the README's published example (106.6325663, 26.6413293)."""
    assert metres_apart(*_gcj_reference(LON, LAT), 106.6325663, 26.6413293) < 0.05


def test_amap_gets_gcj02_and_the_chinese_name() -> None:
    """uri.amap.com/marker?position=lon,lat in GCJ-02, within 1 m of the formula."""
    url = urlsplit(_links()["amap"])
    query = parse_qs(url.query)
    assert (url.netloc, url.path) == ("uri.amap.com", "/marker")
    assert metres_apart(*_pair(query["position"][0]), *_gcj_reference(LON, LAT)) < 1.0
    assert query["name"] == [NAME_ZH]
    assert query["coordinate"] == ["gaode"]


def test_baidu_gets_bd09_as_lat_lng() -> None:
    """api.map.baidu.com/marker?location=lat,lng in BD-09 with coord_type=bd09ll, within 1 m."""
    url = urlsplit(_links()["baidu"])
    query = parse_qs(url.query)
    lat, lon = _pair(query["location"][0])
    assert (url.netloc, url.path) == ("api.map.baidu.com", "/marker")
    assert metres_apart(lon, lat, *_bd_reference(*_gcj_reference(LON, LAT))) < 1.0
    assert query["coord_type"] == ["bd09ll"]
    assert query["title"] == [NAME_ZH]


def test_osm_and_geo_get_wgs84() -> None:
    """OpenStreetMap's route planner and the geo: URI keep the WGS-84 position (lat,lon)."""
    links = _links()
    route = parse_qs(urlsplit(links["osm"]).query)["route"][0]
    assert route.startswith(";")
    lat, lon = _pair(route[1:])
    assert metres_apart(lon, lat, LON, LAT) < 0.2
    geo = links["geo"]
    assert geo.startswith("geo:26.645000,106.629000?q=26.645000,106.629000(")
    assert unquote(geo[geo.index("(") + 1:-1]) == NAME_EN


@pytest.mark.parametrize("service", ["amap", "baidu", "geo"])
def test_the_name_is_url_encoded(service: str) -> None:
    """A name with a space, '&', '#' and Chinese arrives whole: every character of it encoded."""
    name = "湖 & 园#1"
    urls: dict[str, str] = {link.service: link.url
                            for link in direction_links(LON, LAT, "", name, "en")}
    url = urls[service]
    query = url.split("?", 1)[1]
    assert not set(" #湖园").intersection(query)
    values = [unquote(pair.split("=", 1)[1]) for pair in query.split("&")]
    assert any(name in value for value in values)


def test_accessible_names_say_the_site_in_the_page_language() -> None:
    """Each link's name starts with its visible label and names the site (Chinese page: Chinese)."""
    links = direction_links(LON, LAT, NAME_EN, NAME_ZH, "zh")
    assert next(link.accessible_name for link in links) == "在高德地图中打开：观山湖公园（在新标签页中打开）"
    assert all(link.accessible_name.startswith(link.label) for link in links)


@pytest.mark.parametrize(("accuracy", "expected"), [
    (30.0, ""),
    (1000.0, "The position is approximate (within about 1 km): check the destination in the map "
             "app before you set off."),
    (None, "How exact the position is is not stated: check the destination in the map app "
           "before you set off."),
])
def test_position_note(accuracy: float | None, expected: str) -> None:
    """Approximate positions say so next to the links; a precise one says nothing."""
    assert position_note({"coordinate_accuracy_m": accuracy}, "en") == expected


def test_site_directions_add_the_metro_line() -> None:
    """The nearest metro station comes with the links."""
    site = {"lon": LON, "lat": LAT, "name_en": NAME_EN, "name_zh": NAME_ZH,
            "coordinate_accuracy_m": 50.0}
    directions = site_directions(site, "en", metro="Huaxi Park (Metro Line 3)")
    assert directions.metro == "Huaxi Park (Metro Line 3)"
    assert [link.service for link in directions.links] == ["amap", "baidu", "osm", "geo"]
