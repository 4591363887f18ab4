"""Links that take a visitor to a site: Amap, Baidu Maps, OpenStreetMap and a ``geo:`` URI.

Each service gets the datum it expects, converted by ``ecosites.coords``: Amap's URI API
(uri.amap.com/marker) takes GCJ-02, Baidu's (api.map.baidu.com/marker with
``coord_type=bd09ll``) BD-09, OpenStreetMap and ``geo:`` (RFC 5870) WGS-84. Six decimals
are about 0.1 m. Text is returned unescaped; the component escapes it on render.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, get_args
from urllib.parse import quote, urlencode

from ecosites import schema
from ecosites.coords import wgs84_to_bd09, wgs84_to_gcj02
from ecosites.formatting import format_distance
from ecosites.i18n import own_first, t

Service = Literal["amap", "baidu", "osm", "geo"]
SERVICES: tuple[Service, ...] = get_args(Service)
AMAP_MARKER_URL = "https://uri.amap.com/marker"
BAIDU_MARKER_URL = "https://api.map.baidu.com/marker"
OSM_DIRECTIONS_URL = "https://www.openstreetmap.org/directions"
APP_SOURCE = "guiyang-eco-sites"
BAIDU_SOURCE = "webapp.ecosites.guiyang-eco-sites"  # Baidu's rule: webapp.<company>.<app>
# A position known to better than this is not called approximate next to the links.
EXACT_ENOUGH_M = 100.0


@dataclass(frozen=True)
class DirectionLink:
    """One link: which service, its visible label, the URL and a name that says the site."""

    service: Service
    label: str
    url: str
    accessible_name: str


@dataclass(frozen=True)
class Directions:
    """The "How to get there" section: links, a note where the position is approximate, metro.

    ``metro`` is the nearest station and line in the page language (``details.transit_text``).
    """

    links: list[DirectionLink] = field(default_factory=list)
    position_note: str = ""
    metro: str | None = None


def _degrees(value: float) -> str:
    return f"{value:.6f}"


def amap_marker_url(lon: float, lat: float, name: str) -> str:
    """Amap's marker URI for a WGS-84 position (sent as GCJ-02, ``coordinate=gaode``)."""
    gcj_lon, gcj_lat = wgs84_to_gcj02(lon, lat)
    return f"{AMAP_MARKER_URL}?" + urlencode({
        "position": f"{_degrees(gcj_lon)},{_degrees(gcj_lat)}", "name": name, "src": APP_SOURCE,
        "coordinate": "gaode", "callnative": "1"}, safe=",", quote_via=quote)


def baidu_marker_url(lon: float, lat: float, name: str) -> str:
    """Baidu Maps' marker URI for a WGS-84 position (sent as BD-09; ``location`` is lat,lng)."""
    bd_lon, bd_lat = wgs84_to_bd09(lon, lat)
    return f"{BAIDU_MARKER_URL}?" + urlencode({
        "location": f"{_degrees(bd_lat)},{_degrees(bd_lon)}", "title": name, "content": name,
        "coord_type": "bd09ll", "output": "html", "src": BAIDU_SOURCE}, safe=",",
        quote_via=quote)


def osm_directions_url(lon: float, lat: float) -> str:
    """OpenStreetMap's route planner with the site (WGS-84) as destination, start left open."""
    return f"{OSM_DIRECTIONS_URL}?" + urlencode({"route": f";{_degrees(lat)},{_degrees(lon)}"},
                                                safe=",;")


def geo_uri(lon: float, lat: float, name: str) -> str:
    """An RFC 5870 ``geo:`` URI (WGS-84) with the name as label, for a phone's map app."""
    position = f"{_degrees(lat)},{_degrees(lon)}"
    return f"geo:{position}?q={position}({quote(name, safe='')})"


def direction_links(lon: float, lat: float, name_en: str, name_zh: str,
                    lang: str) -> list[DirectionLink]:
    """The links for a site at WGS-84 (lon, lat); Chinese apps get the Chinese name first."""
    own, other = own_first(name_en, name_zh, lang)
    shown = own or other
    local_name = name_zh or name_en  # Amap and Baidu search and label in Chinese
    urls: dict[Service, str] = {
        "amap": amap_marker_url(lon, lat, local_name),
        "baidu": baidu_marker_url(lon, lat, local_name),
        "osm": osm_directions_url(lon, lat),
        "geo": geo_uri(lon, lat, shown),
    }
    links = []
    for service in SERVICES:
        label = t(f"directions.{service}", lang)
        links.append(DirectionLink(service, label, urls[service],
                                   t("directions.link_name", lang, link=label, name=shown)))
    return links


def position_note(site: Mapping[str, Any], lang: str) -> str:
    """'' when the position is exact enough to navigate to; else how approximate it is."""
    accuracy = site.get(schema.COORDINATE_ACCURACY_M)
    if accuracy is None or accuracy <= 0:
        return t("directions.accuracy_unknown", lang)
    if float(accuracy) <= EXACT_ENOUGH_M:
        return ""
    return t("directions.approximate", lang, metres=format_distance(float(accuracy), lang))


def site_directions(site: Mapping[str, Any], lang: str, metro: str | None = None) -> Directions:
    """The "How to get there" section of a catalogue row (its marker position, WGS-84)."""
    links = direction_links(float(site[schema.LON]), float(site[schema.LAT]),
                            site.get(schema.NAME_EN) or "", site.get(schema.NAME_ZH) or "", lang)
    return Directions(links, position_note(site, lang), metro or None)
