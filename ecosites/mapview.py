"""Building the map: one stable base map, and the sites as a layer that changes.

The base map (tiles, legend, the marker-drawing script ``static/js/sites.js``, vendored
assets) depends only on the basemap and language, so streamlit-folium keeps the same
iframe across reruns. Sites go in a ``SiteLayer``: one compact JSON array drawn by that
script into a MarkerCluster, passed through ``feature_group_to_add`` so filters update
it in place. Explore sends a ``BrowserLayer`` instead: every site once, as a static file
named by its content (``publish_site_file``), then per rerun only which are visible; the
browser groups them with supercluster, so panning and zooming need no rerun.
One folium ``Marker`` per site would cost ~8 s and ~8 MB per rerun at 10,000 sites.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

import folium
import geopandas as gpd
import numpy as np
from branca.element import Element, Figure, MacroElement
from folium.elements import ElementAddToElement, JSCSSMixin
from jinja2 import Template

from ecosites.escape import escape_text, script_json
from ecosites.i18n import html_lang, t
from ecosites.mapfit import Bounds, DisplayTransform, MapFit, group_cells, identity, rounded, within
from ecosites.markers import (
    LABEL_SEPARATOR,
    BrowserSites,
    escaped_notes,
    site_id_from_click,
    site_layer_payload,
    visible_bits,
)
from ecosites.paths import STATIC_DIR, STATIC_URL
from ecosites.schema import REGION_CENTER
from ecosites.vocab import MIN_ZOOM, Category

VENDOR_URL = f"{STATIC_URL}/vendor"
VENDOR_JS: list[tuple[str, str]] = [
    ("leaflet", f"{VENDOR_URL}/leaflet/leaflet.js"),
    ("jquery", f"{VENDOR_URL}/jquery/jquery.min.js"),
    ("markercluster", f"{VENDOR_URL}/leaflet.markercluster/leaflet.markercluster.js"),
    # Explore groups its sites in the browser (static/js/sites.js browse).
    ("supercluster", f"{VENDOR_URL}/supercluster/supercluster.min.js"),
    # One finger over the map scrolls the page on a phone, two move the map (static/js/sites.js).
    ("gesture_handling",
     f"{VENDOR_URL}/leaflet-gesture-handling/leaflet-gesture-handling.min.js"),
]
VENDOR_CSS: list[tuple[str, str]] = [
    ("leaflet_css", f"{VENDOR_URL}/leaflet/leaflet.css"),
    ("markercluster_css", f"{VENDOR_URL}/leaflet.markercluster/MarkerCluster.css"),
    ("markercluster_default_css", f"{VENDOR_URL}/leaflet.markercluster/MarkerCluster.Default.css"),
    ("gesture_handling_css",
     f"{VENDOR_URL}/leaflet-gesture-handling/leaflet-gesture-handling.min.css"),
]


def own_asset_url(relative_path: str) -> str:
    """The URL of one of our own files under static/, with its content hash as version.

    Streamlit serves static/ without Cache-Control, so a browser may reuse an old copy
    for a while after an update; a changed file gets a new URL instead.
    """
    digest = hashlib.sha256((STATIC_DIR / relative_path).read_bytes()).hexdigest()[:12]
    return f"{STATIC_URL}/{relative_path}?v={digest}"


# All of them load with the base map: the component loads scripts once, when it mounts,
# so a layer added on a later rerun (near me, a route) must find its function there.
MAP_JS: list[tuple[str, str]] = [
    ("ecosites_sites", own_asset_url("js/sites.js")),
    ("ecosites_route", own_asset_url("js/route.js")),
    ("ecosites_nearby", own_asset_url("js/nearby.js")),
]
MAP_CSS: list[tuple[str, str]] = [("ecosites_map_css", own_asset_url("css/map.css"))]

DEFAULT_ZOOM = 10
MAX_ZOOM = 18  # MarkerCluster needs a maxZoom even when no tile layer sets one.
CLUSTER_RADIUS_PX = 45
NO_CLUSTER_FROM_ZOOM = 15
# Without a basemap each marker also shows its name from this zoom (about a district).
NAMES_FROM_ZOOM = 13


@dataclass(frozen=True)
class TileSpec:
    """A basemap: tile URL template(s) and their attribution (HTML), in English and Chinese.

    ``attribution_zh`` is the attribution on Chinese pages; empty: the same as English.
    """

    key: str
    urls: tuple[str, ...]
    attribution: str
    max_zoom: int = 18
    subdomains: str = "abc"
    # A PMTiles vector archive (urls holds its one URL) drawn in the browser, and the
    # deepest zoom it has data for; the map zooms past it (see ecosites/vector_basemap.py).
    vector: bool = False
    data_max_zoom: int = 0
    attribution_zh: str = ""

    def attribution_in(self, lang: str) -> str:
        """The attribution in ``lang`` (the archive's own text for a PMTiles basemap)."""
        return self.attribution_zh if lang == "zh" and self.attribution_zh else self.attribution


OSM = TileSpec(
    "osm",
    ("https://tile.openstreetmap.org/{z}/{x}/{y}.png",),
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
    19,
    attribution_zh='&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> 贡献者',
)


# Icons are inline SVG paths (24x24) so no icon font is fetched from a CDN.
ICON_PATHS: dict[str, str] = {
    "leaf": "M17 8C8 10 5.9 16.2 3.8 21.3l1.9.7 1-2.3c.5.2 1 .3 1.3.3C19 20 22 3 22 3c-1 2-8 "
            "2.3-13 3.3S2 11.5 2 13.5s1.8 3.8 1.8 3.8C7 8 17 8 17 8z",
    "factory": "M2 21V10l6 3.5V10l6 3.5V4h3v7l5-2v12H2zm4-3h2v-2H6v2zm5 0h2v-2h-2v2zm5 0h2v-2h-2v2z",
    "landmark": "M12 2 2 7v2h20V7L12 2zM4 11v7h3v-7H4zm6.5 0v7h3v-7h-3zM17 11v7h3v-7h-3zM2 "
                "20v2h20v-2H2z",
}

# The map scripts only call into static/js; per-map data goes in as JSON (script_json).
_BASE_SCRIPT = Template(
    """
{% macro script(this, kwargs) %}
window.ecoSites.init({{ this._parent.get_name() }}, {{ this.config }});
{% endmacro %}
"""
)
_LAYER_SCRIPT = Template(
    """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.featureGroup();
window.ecoSites.{{ this.draw }}({{ this.get_name() }}, {{ this.payload }});
{% endmacro %}
"""
)


class SiteScript(JSCSSMixin, MacroElement):
    """The base map's marker-drawing script, legend, and the vendored and own assets."""

    _template = _BASE_SCRIPT
    default_js = VENDOR_JS + MAP_JS
    default_css = VENDOR_CSS + MAP_CSS

    def __init__(self, categories: Sequence[Category], lang: str, no_tiles: bool = False) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca's MacroElement.__init__ is unannotated
        self._name = "SiteScript"
        self.config = script_json({
            "categories": [
                {"colour": c.colour, "icon": c.icon, "shape": c.shape,
                 "label": c.short(lang), "tip": escape_text(c.short(lang))}
                for c in categories
            ],
            "icons": ICON_PATHS,
            "clusterRadius": CLUSTER_RADIUS_PX,
            "noClusterFrom": NO_CLUSTER_FROM_ZOOM,
            "noTiles": no_tiles,
            "lang": html_lang(lang),
            "frameTitle": t("map.frame", lang),
            "zoomIn": t("map.zoom_in", lang),
            "zoomOut": t("map.zoom_out", lang),
            "mapLabel": t("map.label", lang, count="{count}"),
            "clusterLabel": t("map.cluster", lang, count="{count}"),
            "showAll": t("explore.show_all", lang),
            "showAllHelp": t("explore.show_all_help", lang),
            # The gesture plugin's own words follow the browser's language, not the app's.
            "gestureText": {"touch": t("map.gesture_touch", lang),
                            "scroll": t("map.gesture_scroll", lang),
                            "scrollMac": t("map.gesture_scroll_mac", lang)},
            "noTilesNote": t("map.no_basemap", lang) if no_tiles else "",
            "namesFrom": NAMES_FROM_ZOOM,
            "labelSeparator": LABEL_SEPARATOR,
        })


class SiteLayer(folium.FeatureGroup):
    """The visible sites as one compact JSON payload, drawn by the base map's script."""

    _template = _LAYER_SCRIPT
    draw: ClassVar[str] = "fill"  # the window.ecoSites function that draws the payload

    def __init__(self, payload: dict[str, Any], name: str = "sites", grouped: bool = False) -> None:
        super().__init__(name=name, control=False)
        self.data = payload
        self.payload = script_json(payload)
        self.site_count = len(payload["sites"])
        self.grouped = grouped  # True when only part of the sites, or counts, were sent

    def clicked_site(self, event: dict[str, Any] | None) -> str | None:
        """The id of the site whose marker st_folium's ``event`` reports clicked, if any."""
        return site_id_from_click(event, self.data)

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]  # branca says str; macros return None
        """As folium's Layer.render, but the script goes into the figure as plain text.

        branca wraps a macro's output in ``Element(text)``, which compiles the text as a
        Jinja template: 0.25 s per rerun at 10,000 sites, a crash for a site name containing
        ``{%``, and ``{{ ... }}`` in a name evaluated whenever the whole figure renders.
        """
        parent = self._parent
        if self.show and parent is not None:
            self.add_child(ElementAddToElement(self.get_name(), parent.get_name()),
                           name=self.get_name() + "_add")
        script = self._template.module.script(self, kwargs)
        figure = self.get_root()
        assert isinstance(figure, Figure), "a map layer renders inside a folium Map's figure"
        figure.script.add_child(_PlainText(script), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)


class _PlainText(Element):
    """Text that renders as itself: it is never parsed as a Jinja template."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **_kwargs: Any) -> str:
        return self.text


class BrowserLayer(SiteLayer):
    """Which of a ``BrowserSites`` file's sites are visible; the browser groups them itself."""

    draw = "browse"  # static/js/sites.js

    def __init__(self, payload: dict[str, Any], sites: BrowserSites, shown: np.ndarray) -> None:
        folium.FeatureGroup.__init__(self, name="sites", control=False)
        self.data = payload
        self.payload = script_json(payload)
        self.sites = sites
        self.shown = shown  # the visible rows, and the selected site's
        self.site_count = int(payload["total"])
        self.grouped = False

    def clicked_site(self, event: dict[str, Any] | None) -> str | None:
        """The id of the site whose marker st_folium's ``event`` reports clicked, if any."""
        return self.sites.site_at(event, self.shown)


def build_browser_layer(
    sites: BrowserSites,
    url: str,
    visible_ids: Sequence[str] | Any,
    selected_id: str | None = None,
    notes: Mapping[str, str] | None = None,
    fit: MapFit | None = None,
) -> BrowserLayer:
    """The Explore layer: the ``url`` of ``sites``' file, the visible rows as bits, the selection.

    The selected site goes as itself (drawn apart, even outside the filter), so its marker
    shows before the file has loaded; ``fit`` is as for ``build_site_layer``.
    """
    visible = sites.mask(visible_ids)
    at = sites.position(selected_id)
    shown = visible.copy()
    if at is not None:
        shown[at] = True
    payload: dict[str, Any] = {
        "url": url, "rows": len(sites.ids), "visible": visible_bits(visible),
        "total": int(shown.sum()), "selected": sites.row(selected_id), "selectedRow": at,
    }
    if notes:
        payload["notes"] = escaped_notes(notes, sites.ids[shown])
    if fit is not None:
        payload["fit"] = fit.payload()
    return BrowserLayer(payload, sites, shown)


def build_site_layer(
    sites: gpd.GeoDataFrame,
    categories: Sequence[Category],
    lang: str = "en",
    selected_id: str | None = None,
    transform: DisplayTransform = identity,
    marker_limit: int | None = None,
    view: Bounds | None = None,
    notes: Mapping[str, str] | None = None,
    fit: MapFit | None = None,
) -> SiteLayer:
    """The layer of visible sites for ``st_folium(feature_group_to_add=...)``.

    Beyond ``marker_limit`` sites the browser would receive megabytes per rerun, so only
    the sites in the last reported ``view`` are sent; when those are still too many they
    go as counts on a grid (the selected site always goes as itself). ``fit`` is where
    the map should look, applied once per ``MapFit.key`` (see ``ecosites/mapfit.py``).
    """
    layer = _site_layer(sites, categories, lang, selected_id, transform, marker_limit, view, notes)
    if fit is not None:
        layer.data["fit"] = fit.payload()
        layer.payload = script_json(layer.data)
    return layer


def _site_layer(
    sites: gpd.GeoDataFrame, categories: Sequence[Category], lang: str, selected_id: str | None,
    transform: DisplayTransform, marker_limit: int | None, view: Bounds | None,
    notes: Mapping[str, str] | None,
) -> SiteLayer:
    if marker_limit is None or len(sites) <= marker_limit:
        return SiteLayer(site_layer_payload(sites, categories, lang, selected_id, transform, notes))
    shown = within(sites, view) if view is not None else sites
    if len(shown) <= marker_limit:
        return SiteLayer(site_layer_payload(shown, categories, lang, selected_id, transform, notes),
                         grouped=True)
    selected = shown.loc[[selected_id]] if selected_id in shown.index else shown.iloc[:0]
    payload = site_layer_payload(selected, categories, lang, selected_id, transform, notes)
    # Group in WGS-84 and shift only the cell centres: a handful of points, not every site.
    payload["cells"] = [[*reversed(rounded(*transform(lon, lat))), count]
                        for lat, lon, count in group_cells(shown)]
    payload["cellTitle"] = t("map.cell_title", lang)
    return SiteLayer(payload, grouped=True)


def build_base_map(
    categories: Sequence[Category],
    tiles: TileSpec | None = OSM,
    lang: str = "en",
    overlays: Sequence[TileSpec] = (),
) -> folium.Map:
    """The stable base map: tiles (or none), legend, marker script, assets from static/ only."""
    fmap = folium.Map(location=list(REGION_CENTER), zoom_start=DEFAULT_ZOOM, tiles=None,
                      control_scale=True, prefer_canvas=False)
    # folium passes zoom limits only to its own tile layer; the map itself needs them.
    fmap.options["min_zoom"] = MIN_ZOOM
    fmap.options["max_zoom"] = tiles.max_zoom if tiles is not None else MAX_ZOOM
    # Instance attributes replace folium's CDN defaults (jsdelivr, jquery, bootstrap, ...).
    fmap.default_js = [VENDOR_JS[0], VENDOR_JS[1]]
    fmap.default_css = [VENDOR_CSS[0]]
    for spec in [tiles, *overlays] if tiles is not None else []:
        if spec.vector:
            from ecosites.vector_basemap import VectorBasemap  # it builds on this module

            fmap.add_child(VectorBasemap(spec.urls[0], spec.attribution_in(lang), spec.data_max_zoom,
                                          lang))
            continue
        for url in spec.urls:
            folium.TileLayer(tiles=url, attr=spec.attribution_in(lang), max_zoom=spec.max_zoom,
                             subdomains=spec.subdomains, control=False).add_to(fmap)
    fmap.add_child(SiteScript(categories, lang, no_tiles=tiles is None))
    return fmap


class RouteLayer(SiteLayer):
    """A visit plan drawn over the sites: one line per day and numbered stop badges.

    Badges and start/end marks are not interactive, so a click still reaches the site
    marker underneath. Labels arrive HTML-escaped (Leaflet tooltips use innerHTML).
    """

    draw = "route"  # static/js/route.js

    def __init__(self, payload: dict[str, Any], name: str = "route") -> None:
        folium.FeatureGroup.__init__(self, name=name, control=False)
        self.data = payload
        self.payload = script_json(payload)
        self.site_count = len(payload["stops"])


