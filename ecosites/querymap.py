"""The map of a store's answer (database mode): markers or lattice counts as a ``SiteLayer``.

The page never holds the matching sites, only the store's answer for the map's view
(``ecosites/sitequery.py``), so the layer is built from the answer's marker rows, with
the open site drawn as itself even when the answer has it only in a count.
"""

from __future__ import annotations

from collections.abc import Sequence

import geopandas as gpd
import pandas as pd

from ecosites import schema
from ecosites.i18n import t
from ecosites.mapfit import VIEW_MARGIN, DisplayTransform, MapFit, identity, rounded
from ecosites.mapview import SiteLayer
from ecosites.markers import site_layer_payload
from ecosites.sitequery import Bounds, SiteAnswer, SiteMarker
from ecosites.vocab import Category

# A view of one site (or of sites on one spot) is widened to this many degrees (about 1 km).
MIN_VIEW_DEGREES = 0.01


def query_bounds(view: Bounds, margin: float = VIEW_MARGIN) -> Bounds:
    """The view grown by ``margin`` of its size on every side (as ``mapfit.within`` grows it).

    The margin also covers the display shift of Chinese basemaps; a view with no width or
    height (one site) is widened to ``MIN_VIEW_DEGREES``, so a store query can take it.
    """
    west, south, east, north = view
    pad_lon = max((east - west) * margin, (MIN_VIEW_DEGREES - (east - west)) / 2)
    pad_lat = max((north - south) * margin, (MIN_VIEW_DEGREES - (north - south)) / 2)
    return (max(west - pad_lon, -180.0), max(south - pad_lat, -90.0),
            min(east + pad_lon, 180.0), min(north + pad_lat, 90.0))


def marker_frame(markers: Sequence[SiteMarker], accuracy_m: dict[str, float | None] | None = None
                 ) -> gpd.GeoDataFrame:
    """The columns ``site_layer_payload`` reads, for marker rows (drawn as points)."""
    ids = [m.id for m in markers]
    accuracy = accuracy_m or {}
    frame = gpd.GeoDataFrame({
        schema.ID: pd.Series(ids, dtype=object),
        schema.LON: [m.lon for m in markers], schema.LAT: [m.lat for m in markers],
        schema.CATEGORY: pd.Series([m.category for m in markers], dtype=object),
        schema.NAME_EN: pd.Series([m.name_en for m in markers], dtype=object),
        schema.NAME_ZH: pd.Series([m.name_zh for m in markers], dtype=object),
        schema.COORDINATE_ACCURACY_M: pd.Series([accuracy.get(i) for i in ids], dtype=object),
        schema.GEOMETRY_TYPE: pd.Series(["Point"] * len(ids), dtype=object),
    }, geometry=gpd.points_from_xy([m.lon for m in markers], [m.lat for m in markers], crs="EPSG:4326"))
    frame.index = pd.Index(ids, dtype=object)
    return frame


def answer_layer(
    answer: SiteAnswer, categories: Sequence[Category], lang: str, selected: gpd.GeoDataFrame,
    transform: DisplayTransform = identity, fit: MapFit | None = None, grouped: bool = False,
) -> SiteLayer:
    """The layer of an answer: its markers, or its cell counts; ``selected`` (0 or 1 site) always as itself.

    ``grouped`` says the markers are only those in and around the view.
    """
    from ecosites.sitequery_frame import site_markers

    selected_id = str(selected.index[0]) if len(selected) else None
    markers = list(answer.markers)
    if selected_id is not None and selected_id not in {m.id for m in markers}:
        markers.extend(site_markers(selected))
    accuracy = ({selected_id: selected.iloc[0][schema.COORDINATE_ACCURACY_M]}
                if selected_id is not None else {})
    payload = site_layer_payload(marker_frame(markers, accuracy), categories, lang, selected_id,
                                 transform)
    if answer.grouped:
        payload["cells"] = [[*reversed(rounded(*transform(c.lon, c.lat))), c.count] for c in answer.cells]
        payload["cellTitle"] = t("map.cell_title", lang)
    if fit is not None:
        payload["fit"] = fit.payload()
    return SiteLayer(payload, grouped=grouped or answer.grouped)
