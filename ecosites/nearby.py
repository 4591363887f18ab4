"""Sites near a position: reading a typed position, distances, and the radius filter.

Positions are WGS-84 (lon, lat) once read; a position copied from Amap or Baidu is
converted from its datum first. Distances are geodesic on the WGS-84 ellipsoid (pyproj).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

import folium
import geopandas as gpd
import numpy as np
from pyproj import Geod

from ecosites import schema
from ecosites.coords import convert
from ecosites.escape import escape_text, script_json
from ecosites.mapfit import DisplayTransform, identity
from ecosites.mapview import SiteLayer
from ecosites.vocab import in_region

DISTANCE_M = "distance_m"  # added to the sites shown while "near me" is on
RADIUS_CHOICES_KM: tuple[float, ...] = (1, 2, 5, 10, 20, 50)
DEFAULT_RADIUS_KM = 5.0
POSITION_COLOUR = "#CC79A7"  # Okabe-Ito reddish purple: apart from the category colours

_GEOD = Geod(ellps="WGS84")
_NUMBER = r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)"
_PAIR = re.compile(rf"^\s*({_NUMBER})\s*(?:[,，;；/]\s*|\s+)({_NUMBER})\s*$")


@dataclass(frozen=True)
class PositionInput:
    """A typed position read as WGS-84 (lon, lat), or the i18n key of why it could not be."""

    position: tuple[float, float] | None
    error: str | None = None
    swapped: bool = False
    outside_region: bool = False


def parse_position(text: str, datum: str = "wgs84") -> PositionInput:
    """Read 'lon, lat' (comma, space or full-width comma); lat, lon is recognised and swapped."""
    match = _PAIR.match(text or "")
    if not match:
        return PositionInput(None, "near.bad_position")
    first, second = float(match.group(1)), float(match.group(2))
    if not (math.isfinite(first) and math.isfinite(second)):
        return PositionInput(None, "near.bad_position")
    lon_lat_ok = abs(first) <= 180 and abs(second) <= 90
    lat_lon_ok = abs(first) <= 90 and abs(second) <= 180
    if lon_lat_ok and (in_region(first, second) or not (lat_lon_ok and in_region(second, first))):
        lon, lat, swapped = first, second, False
    elif lat_lon_ok:
        lon, lat, swapped = second, first, True
    else:
        return PositionInput(None, "near.bad_position")
    lon, lat = convert(lon, lat, datum, "wgs84")
    return PositionInput((lon, lat), None, swapped, not in_region(lon, lat))


def format_position(lon: float, lat: float) -> str:
    """'106.630000, 26.650000': six decimals (about 0.1 m), as typed back into the box."""
    return f"{lon:.6f}, {lat:.6f}"


def distances_m(sites: gpd.GeoDataFrame, lon: float, lat: float) -> np.ndarray:
    """Geodesic distance in metres from (lon, lat) to each site's marker position."""
    count = len(sites)
    if not count:
        return np.zeros(0)
    lons = sites[schema.LON].to_numpy(dtype=float)
    lats = sites[schema.LAT].to_numpy(dtype=float)
    _, _, metres = _GEOD.inv(np.full(count, lon), np.full(count, lat), lons, lats)
    return np.asarray(metres, dtype=float)


def sites_near(sites: gpd.GeoDataFrame, lon: float, lat: float, radius_m: float) -> gpd.GeoDataFrame:
    """The sites within ``radius_m`` of (lon, lat), nearest first, with a ``distance_m`` column."""
    metres = distances_m(sites, lon, lat)
    inside = metres <= radius_m
    near = sites[inside].copy()
    near[DISTANCE_M] = metres[inside].round(1)
    order = np.argsort(metres[inside], kind="stable")
    return near.iloc[order]


class PositionLayer(SiteLayer):
    """The position and its radius, drawn without taking clicks.

    A click there still sets a new position or reaches the site marker underneath.
    """

    draw = "position"  # static/js/nearby.js

    def __init__(self, payload: dict[str, Any], name: str = "near") -> None:
        folium.FeatureGroup.__init__(self, name=name, control=False)
        self.data = payload
        self.payload = script_json(payload)
        self.site_count = 0


def position_layer(
    lon: float, lat: float, radius_m: float, label: str, transform: DisplayTransform = identity,
) -> PositionLayer:
    """The position and its radius as a map layer, in display coordinates via ``transform``."""
    shown_lon, shown_lat = transform(lon, lat)
    return PositionLayer({"at": [round(shown_lat, 6), round(shown_lon, 6)],
                          "radius": float(radius_m), "colour": POSITION_COLOUR,
                          "label": escape_text(label)})
