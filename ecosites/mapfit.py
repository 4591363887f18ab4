"""Where the map looks: display coordinates, the view's bounds, grid cells and fitted views.

Pure arithmetic on the sites' frame; ``ecosites/mapview.py`` builds the folium map from it.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import pandas as pd

from ecosites import schema
from ecosites.sitequery import DEFAULT_CELLS_ACROSS

FOCUS_ZOOM = 13  # a selected site is shown at about 1:70,000
VIEW_MARGIN = 0.1

# Transforms a (lon, lat) WGS-84 pair to display coordinates (e.g. GCJ-02 for Amap tiles).
DisplayTransform = Callable[[float, float], tuple[float, float]]


def identity(lon: float, lat: float) -> tuple[float, float]:
    """The WGS-84 display transform: no shift."""
    return lon, lat


def rounded(lon: float, lat: float) -> tuple[float, float]:
    """A position to 6 decimals (about 0.1 m), as the catalogue stores it."""
    return round(lon, 6), round(lat, 6)


Bounds = tuple[float, float, float, float]  # west, south, east, north (lon/lat degrees)


def view_bounds(event_bounds: Any) -> Bounds | None:
    """(west, south, east, north) from st_folium's ``bounds`` value, or None if unusable."""
    try:
        south_west, north_east = event_bounds["_southWest"], event_bounds["_northEast"]
        box = (float(south_west["lng"]), float(south_west["lat"]),
               float(north_east["lng"]), float(north_east["lat"]))
    except (KeyError, TypeError, ValueError):
        return None
    if not all(math.isfinite(v) for v in box) or box[0] >= box[2] or box[1] >= box[3]:
        return None
    return box


def within(sites: gpd.GeoDataFrame, box: Bounds, margin: float = VIEW_MARGIN) -> gpd.GeoDataFrame:
    """Sites inside ``box`` grown by ``margin`` of its size on every side.

    The margin also covers the display shift of Chinese basemaps (about 500 m in
    Guiyang), so the box may be given in display coordinates.
    """
    west, south, east, north = box
    pad_lon, pad_lat = (east - west) * margin, (north - south) * margin
    lon, lat = sites[schema.LON], sites[schema.LAT]
    return sites[lon.between(west - pad_lon, east + pad_lon) & lat.between(south - pad_lat, north + pad_lat)]


def group_cells(sites: gpd.GeoDataFrame, cells_across: int = DEFAULT_CELLS_ACROSS) -> list[list[float]]:
    """Sites grouped on a square grid: [mean lat, mean lon, count] per occupied cell."""
    if not len(sites):
        return []
    lon, lat = sites[schema.LON].astype(float), sites[schema.LAT].astype(float)
    size = max(lon.max() - lon.min(), lat.max() - lat.min(), 1e-6) / cells_across
    keys = pd.DataFrame({"x": ((lon - lon.min()) // size).astype(int),
                         "y": ((lat - lat.min()) // size).astype(int), "lon": lon, "lat": lat})
    cells = keys.groupby(["x", "y"], sort=False).agg(lat=("lat", "mean"), lon=("lon", "mean"),
                                                      count=("lat", "size"))
    return [[round(a, 6), round(b, 6), int(n)]
            for a, b, n in zip(cells["lat"], cells["lon"], cells["count"], strict=True)]


@dataclass(frozen=True)
class MapFit:
    """Where the map should look: ``focus`` (lat, lon) at ``zoom``, else ``bounds``.

    The map script applies it only when ``key`` differs from the last one it applied, so a
    selection (same key) never moves the map, while a filter change or "show all" does.
    ``bounds`` are ((south, west), (north, east)) in display coordinates; None for no site.
    """

    key: str
    bounds: tuple[tuple[float, float], tuple[float, float]] | None
    focus: tuple[float, float] | None = None
    zoom: int = FOCUS_ZOOM

    def payload(self) -> dict[str, Any]:
        """The JSON the map script reads."""
        return {"key": self.key, "bounds": self.bounds, "focus": self.focus, "zoom": self.zoom}


def sites_extent(sites: gpd.GeoDataFrame) -> Bounds | None:
    """(west, south, east, north) of the sites' marker positions in WGS-84; None for no site."""
    if not len(sites):
        return None
    lon, lat = sites[schema.LON].astype(float), sites[schema.LAT].astype(float)
    return float(lon.min()), float(lat.min()), float(lon.max()), float(lat.max())


def bounds_fit(bounds: Bounds | None, reason: object, transform: DisplayTransform = identity,
               focus: tuple[float, float] | None = None) -> MapFit:
    """The view that shows ``bounds`` (WGS-84; None: no site) or ``focus``, keyed by ``reason``.

    ``reason`` is anything whose repr changes exactly when the map should look again:
    the filters, the "show all" count, the site a link opened.
    """
    key = hashlib.sha256(repr(reason).encode()).hexdigest()[:16]
    if bounds is None:
        return MapFit(key, None, focus)
    west, south, east, north = bounds
    (west, south), (east, north) = transform(west, south), transform(east, north)
    return MapFit(key, ((round(south, 6), round(west, 6)), (round(north, 6), round(east, 6))), focus)


def map_fit(sites: gpd.GeoDataFrame, reason: object, transform: DisplayTransform = identity,
            focus: tuple[float, float] | None = None) -> MapFit:
    """The view that shows every one of ``sites`` (or ``focus``), keyed by ``reason`` (``bounds_fit``)."""
    return bounds_fit(sites_extent(sites), reason, transform, focus)


def with_site(visible: gpd.GeoDataFrame, sites: gpd.GeoDataFrame, site_id: str) -> gpd.GeoDataFrame:
    """``visible`` with one more site from ``sites`` at the end (an open site outside the filter)."""
    if site_id in visible.index or site_id not in sites.index:
        return visible
    return gpd.GeoDataFrame(pd.concat([visible, sites.loc[[site_id]]]), crs=sites.crs)


def focus_on(sites: gpd.GeoDataFrame, site_id: str | None,
             transform: DisplayTransform = identity) -> tuple[float, float] | None:
    """(lat, lon) to centre the map on for the selected site, in display coordinates."""
    if site_id is None or site_id not in sites.index:
        return None
    lon_lat = sites.loc[site_id, [schema.LON, schema.LAT]].to_numpy(dtype=float)
    lon, lat = transform(float(lon_lat[0]), float(lon_lat[1]))
    return round(lat, 6), round(lon, 6)
