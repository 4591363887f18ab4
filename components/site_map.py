"""The map: one stable base map, with the changing layers applied in place."""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from typing import Any

import folium
import geopandas as gpd
import streamlit as st
from streamlit_folium import st_folium

from ecosites import state
from ecosites.basemaps import Basemap
from ecosites.catalog import Catalog
from ecosites.freed_memory import return_freed_memory
from ecosites.markers import BrowserSites, browser_sites
from ecosites.sitefiles import publish_site_file, site_file_exists

RETURNED = ["last_object_clicked", "last_object_clicked_tooltip", "last_object_clicked_count"]
MAP_HEIGHT_PX = 520  # with the search row above it, the whole map fits a 900 px high window


def render_site_map(
    base_map: folium.Map,
    layers: Sequence[folium.FeatureGroup],
    key: str,
    center: tuple[float, float] | None = None,
    zoom: int | None = None,
    returned: Sequence[str] = RETURNED,
) -> dict[str, Any] | None:
    """Show the map; returns st_folium's event for clicks on markers (None before any)."""
    event = st_folium(
        base_map,
        key=key,
        height=MAP_HEIGHT_PX,
        use_container_width=True,
        feature_group_to_add=list(layers),
        center=center,
        zoom=zoom,
        returned_objects=list(returned),
    )
    return event if isinstance(event, dict) else None


_KEPT_SITE_DATA = 6
_LOG = logging.getLogger(__name__)
_SiteFiles = dict[tuple[int, str, str], tuple[gpd.GeoDataFrame, BrowserSites, str]]


@st.cache_resource
def _site_data() -> tuple[threading.Lock, _SiteFiles]:
    """Per process: the browser's site files built so far, and a lock to build each once."""
    return threading.Lock(), {}


def browser_site_file(catalog: Catalog, lang: str, basemap: Basemap) -> tuple[BrowserSites, str] | None:
    """Explore's browser file of the catalogue's sites and its URL, once per catalogue, language, datum.

    Keyed by the catalogue object (cached per catalogue version in ``components/data.py``);
    the entry holds the frame itself, so the key cannot be reused by a newer catalogue.
    None when static/ cannot be written (a read-only install): the map then gets its
    markers with each rerun, as past the browser limit.
    """
    lock, built = _site_data()
    key = (id(catalog.sites), lang, basemap.datum)
    try:
        with lock:
            entry = built.get(key)
            if entry is None or entry[0] is not catalog.sites:
                data = browser_sites(catalog.sites, catalog.categories, lang, basemap.to_display)
                entry = (catalog.sites, data, publish_site_file(data.content()))
                return_freed_memory()  # the build's labels and the file's JSON are gone
            elif not site_file_exists(entry[2]):
                entry = (catalog.sites, entry[1], publish_site_file(entry[1].content()))
            built[key] = entry
            while len(built) > _KEPT_SITE_DATA:
                built.pop(next(iter(built)))
    except OSError as exc:
        _LOG.warning("the map's site file cannot be written under static/ (%s); "
                     "markers go with each rerun instead", exc)
        return None
    return entry[1], entry[2]


def remember_link_site(site_id: str | None) -> None:
    """Note the site a link opened, so the map first looks at it (see ``link_view``)."""
    st.session_state[state.MAP_LINK] = (site_id, None) if site_id else None


def link_view(reason: object) -> str | None:
    """The site a link opened, for as long as what the map lists (``reason``) stays as it was.

    Once the filters change the map fits its sites instead, and the link is forgotten.
    """
    link = st.session_state.get(state.MAP_LINK)
    if not link:
        return None
    site_id, seen = link
    if seen is None:
        st.session_state[state.MAP_LINK] = (site_id, reason)
    elif seen != reason:
        st.session_state[state.MAP_LINK] = None
        return None
    return str(site_id)
