"""Basemaps: OpenStreetMap, Tianditu, Amap/Gaode, an offline archive or none, and their datums.

Stored data are always WGS-84. Amap draws its tiles in GCJ-02, so while Amap is shown
every marker, boundary and route is shifted to GCJ-02 for display only (``to_display``)
and positions read off the map (clicks) are shifted back (``from_display``). Tianditu
uses CGCS2000, which matches WGS-84 to well under a metre, so it needs no shift.

Attribution is shown in the map's corner as each provider asks: OpenStreetMap's
copyright notice with its link; Tianditu's and Amap's names linked to their sites.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote

from ecosites.coords import gcj02_to_wgs84, wgs84_to_gcj02
from ecosites.mapfit import DisplayTransform, identity
from ecosites.mapview import OSM, TileSpec

BASEMAP_KEYS: tuple[str, ...] = ("osm", "tianditu", "amap", "pmtiles", "none")
DEFAULT_BASEMAP = "osm"

TIANDITU_ATTRIBUTION = (
    '&copy; <a href="https://www.tianditu.gov.cn/">Tianditu</a> '
    "(National Platform for Common GeoSpatial Information Services)"
)
TIANDITU_ATTRIBUTION_ZH = '&copy; <a href="https://www.tianditu.gov.cn/">天地图</a>（国家地理信息公共服务平台）'
AMAP_ATTRIBUTION = '&copy; <a href="https://www.amap.com/">AutoNavi (Amap)</a>'
AMAP_ATTRIBUTION_ZH = '&copy; <a href="https://www.amap.com/">高德地图</a>'
# Web Mercator ("_w") WMTS layers on eight sub-domains t0-t7; the key travels as ``tk``.
TIANDITU_URL = (
    "https://t{{s}}.tianditu.gov.cn/{layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
    "&LAYER={layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles"
    "&TILEMATRIX={{z}}&TILEROW={{y}}&TILECOL={{x}}&tk={key}"
)
AMAP = TileSpec(
    "amap",
    ("https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8"
     "&x={x}&y={y}&z={z}",),
    AMAP_ATTRIBUTION,
    18,
    "1234",
    attribution_zh=AMAP_ATTRIBUTION_ZH,
)


@dataclass(frozen=True)
class Basemap:
    """A basemap choice: its tiles (None: no tiles), overlays and display datum."""

    key: str
    tiles: TileSpec | None
    overlays: tuple[TileSpec, ...] = field(default_factory=tuple)
    datum: str = "wgs84"
    to_display: DisplayTransform = identity
    from_display: DisplayTransform = identity


def tianditu_tiles(key: str) -> tuple[TileSpec, TileSpec]:
    """Tianditu's vector base (vec_w) and its Chinese annotation layer (cva_w) for this key."""
    safe_key = quote(key.strip(), safe="")
    base = TileSpec("tianditu", (TIANDITU_URL.format(layer="vec", key=safe_key),),
                    TIANDITU_ATTRIBUTION, 18, "01234567", attribution_zh=TIANDITU_ATTRIBUTION_ZH)
    labels = TileSpec("tianditu-labels", (TIANDITU_URL.format(layer="cva", key=safe_key),),
                      TIANDITU_ATTRIBUTION, 18, "01234567", attribution_zh=TIANDITU_ATTRIBUTION_ZH)
    return base, labels


def available_basemaps(tianditu_key: str, vector: TileSpec | None = None) -> tuple[str, ...]:
    """The basemaps that can be offered: Tianditu with a key, the archive when it is served."""
    return tuple(k for k in BASEMAP_KEYS
                 if (k != "tianditu" or tianditu_key.strip()) and (k != "pmtiles" or vector))


def get_basemap(key: str, tianditu_key: str = "", vector: TileSpec | None = None) -> Basemap:
    """The basemap for a key; raises ValueError for an unknown key or one not configured.

    ``vector`` is the served PMTiles archive (``components.basemap.served_archive``).
    """
    if key == "pmtiles":
        if vector is None:
            raise ValueError("the offline basemap needs ECOSITES_PMTILES (an archive)")
        return Basemap("pmtiles", vector)
    if key == "osm":
        return Basemap("osm", OSM)
    if key == "none":
        return Basemap("none", None)
    if key == "amap":
        return Basemap("amap", AMAP, (), "gcj02", wgs84_to_gcj02, gcj02_to_wgs84)
    if key == "tianditu":
        if not tianditu_key.strip():
            raise ValueError("Tianditu tiles need a key (ECOSITES_TIANDITU_KEY)")
        base, labels = tianditu_tiles(tianditu_key)
        return Basemap("tianditu", base, (labels,))
    raise ValueError(f"unknown basemap {key!r}; use one of {', '.join(BASEMAP_KEYS)}")


def initial_basemap(configured: str, tianditu_key: str, vector: TileSpec | None = None) -> str:
    """The basemap to start with: the configured one when it can be offered, else OSM.

    An offline archive that cannot be served starts with no basemap: an offline
    deployment must never fall back to an outside tile server.
    """
    if configured in available_basemaps(tianditu_key, vector):
        return configured
    return "none" if configured == "pmtiles" else DEFAULT_BASEMAP

