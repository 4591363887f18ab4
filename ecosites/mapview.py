"""Building the map: one stable base map, and the sites as a layer that changes.

The base map (tiles, legend, the marker-drawing script ``static/js/sites.js``, vendored
assets) depends only on the basemap and language, so streamlit-folium keeps the same
iframe across reruns. Sites go in a ``SiteLayer``: one compact JSON array drawn by that
script into a MarkerCluster, passed through ``feature_group_to_add`` so filters update
it in place.
One folium ``Marker`` per site would cost ~8 s and ~8 MB per rerun at 10,000 sites.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from html import unescape as unescape_html
from pathlib import Path
from typing import Any, ClassVar

import folium
import geopandas as gpd
import pandas as pd
from branca.element import Element, Figure, MacroElement
from folium.elements import ElementAddToElement, JSCSSMixin
from jinja2 import Template

from ecosites import schema
from ecosites.escape import HTML_TEXT_ENTITIES, escape_text, script_json
from ecosites.i18n import html_lang, own_first, t
from ecosites.schema import REGION_CENTER
from ecosites.vocab import MIN_ZOOM, Category

# Relative to the component's /component/streamlit_folium.st_folium/index.html, so it
# also works under --server.baseUrlPath; an absolute /app/static/... would not.
STATIC_URL = "../../app/static"
STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
VENDOR_URL = f"{STATIC_URL}/vendor"
VENDOR_JS: list[tuple[str, str]] = [
    ("leaflet", f"{VENDOR_URL}/leaflet/leaflet.js"),
    ("jquery", f"{VENDOR_URL}/jquery/jquery.min.js"),
    ("markercluster", f"{VENDOR_URL}/leaflet.markercluster/leaflet.markercluster.js"),
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
FOCUS_ZOOM = 13  # a selected site is shown at about 1:70,000
MAX_ZOOM = 18  # MarkerCluster needs a maxZoom even when no tile layer sets one.
CLUSTER_RADIUS_PX = 45
GRID_CELLS_ACROSS = 10  # about one 40 px count bubble per 55 px of a 550 px map
VIEW_MARGIN = 0.1
NO_CLUSTER_FROM_ZOOM = 15
# Without a basemap each marker also shows its name from this zoom (about a district).
NAMES_FROM_ZOOM = 13
LABEL_SEPARATOR = " · "  # between the chosen language's name and the other's
# Sites recorded at the very same point are drawn on a small circle around it (display only)
# so each marker can be clicked; 60 m is about 14 px apart at NO_CLUSTER_FROM_ZOOM.
SHARED_POINT_SPREAD_M = 60.0
METRES_PER_DEGREE_LAT = 111_320.0

# Transforms a (lon, lat) WGS-84 pair to display coordinates (e.g. GCJ-02 for Amap tiles).
DisplayTransform = Callable[[float, float], tuple[float, float]]


@dataclass(frozen=True)
class TileSpec:
    """A basemap: tile URL template(s) and their attribution (HTML as the provider gives it)."""

    key: str
    urls: tuple[str, ...]
    attribution: str
    max_zoom: int = 18
    subdomains: str = "abc"
    # A PMTiles vector archive (urls holds its one URL) drawn in the browser, and the
    # deepest zoom it has data for; the map zooms past it (see ecosites/vector_basemap.py).
    vector: bool = False
    data_max_zoom: int = 0


OSM = TileSpec(
    "osm",
    ("https://tile.openstreetmap.org/{z}/{x}/{y}.png",),
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
    19,
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


def site_label(name_en: str, name_zh: str, lang: str) -> str:
    """Plain text shown on hover: the chosen language's name first, then the other."""
    first, second = own_first(name_en, name_zh, lang)
    return LABEL_SEPARATOR.join(part for part in (first, second) if part)


def _rounded(lon: float, lat: float) -> tuple[float, float]:
    return round(lon, 6), round(lat, 6)


def site_labels_html(sites: gpd.GeoDataFrame, lang: str) -> list[str]:
    """``site_label`` for every site, HTML-escaped, computed column-wise (fast at 100,000)."""
    first_col, second_col = own_first(schema.NAME_EN, schema.NAME_ZH, lang)
    first = sites[first_col].astype(str)
    second = sites[second_col].astype(str)
    labels = (first + LABEL_SEPARATOR + second).where((first != "") & (second != ""), first + second)
    for char, entity in HTML_TEXT_ENTITIES:
        labels = labels.str.replace(char, entity, regex=False)
    return labels.tolist()


def identity(lon: float, lat: float) -> tuple[float, float]:
    """The WGS-84 display transform: no shift."""
    return lon, lat


def spread_shared_points(
    site_ids: Sequence[str], positions: Sequence[tuple[float, float]],
    spread_m: float = SHARED_POINT_SPREAD_M,
) -> list[tuple[float, float]]:
    """(lon, lat) per site, those sharing one point moved onto a circle of ``spread_m`` around it.

    Deterministic: the sites at a point are placed in id order, the first due north. Only
    what is drawn moves; the catalogue keeps its points.
    """
    shared: dict[tuple[float, float], list[int]] = {}
    for row, position in enumerate(positions):
        shared.setdefault(position, []).append(row)
    spread = list(positions)
    for (lon, lat), rows in shared.items():
        if len(rows) < 2:
            continue
        for step, row in enumerate(sorted(rows, key=lambda r: site_ids[r])):
            angle = 2 * math.pi * step / len(rows)
            dlat = spread_m * math.cos(angle) / METRES_PER_DEGREE_LAT
            dlon = spread_m * math.sin(angle) / (METRES_PER_DEGREE_LAT * math.cos(math.radians(lat)))
            spread[row] = _rounded(lon + dlon, lat + dlat)
    return spread


def site_layer_payload(
    sites: gpd.GeoDataFrame,
    categories: Sequence[Category],
    lang: str = "en",
    selected_id: str | None = None,
    transform: DisplayTransform = identity,
    notes: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Compact marker data: [lat, lon, category index, id, label HTML, radius_m] per site.

    The label is sent once, HTML-escaped; the map script derives title and aria-label
    from it. At 10,000 sites each byte per site is 10 kB on every rerun. ``notes`` (plain
    text by site id, e.g. whether it is open now) go escaped into the tooltip's second
    line after the category, only for the sites that have one.
    """
    index = {c.slug: i for i, c in enumerate(categories)}
    # LON/LAT are stored rounded to 6 decimals; shifted positions are rounded here.
    site_ids = sites[schema.ID].tolist()
    positions: Iterable[tuple[float, float]] = iter(spread_shared_points(
        site_ids, list(zip(sites[schema.LON].tolist(), sites[schema.LAT].tolist(), strict=True))))
    if transform is not identity:
        positions = (_rounded(*transform(lon, lat)) for lon, lat in positions)
    rows = [
        [lat, lon, index[category], site_id, label,
         float(accuracy) if site_id == selected_id and accuracy else 0]
        for site_id, (lon, lat), category, label, accuracy in zip(
            site_ids, positions, sites[schema.CATEGORY].tolist(),
            site_labels_html(sites, lang), sites[schema.COORDINATE_ACCURACY_M].tolist(), strict=True,
        )
    ]
    polygonal = sites[schema.GEOMETRY_TYPE].isin(["Polygon", "MultiPolygon"])
    boundaries = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"c": index[category]},
             "geometry": _transform_geometry(geometry.__geo_interface__, transform)}
            for category, geometry in zip(sites.loc[polygonal, schema.CATEGORY],
                                          sites.geometry[polygonal], strict=True)
        ],
    }
    payload: dict[str, Any] = {"sites": rows, "selected": selected_id, "boundaries": boundaries}
    if notes:
        shown = set(site_ids)
        payload["notes"] = {site_id: escape_text(note) for site_id, note in notes.items()
                            if note and site_id in shown}
    return payload


def _transform_geometry(geometry: dict[str, Any], transform: DisplayTransform) -> dict[str, Any]:
    def convert(coords: Any) -> Any:
        if coords and isinstance(coords[0], int | float):
            return list(_rounded(*transform(coords[0], coords[1])))
        return [convert(c) for c in coords]

    return {"type": geometry["type"], "coordinates": convert(geometry["coordinates"])}


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


def group_cells(sites: gpd.GeoDataFrame, cells_across: int = GRID_CELLS_ACROSS) -> list[list[float]]:
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


def map_fit(sites: gpd.GeoDataFrame, reason: object, transform: DisplayTransform = identity,
            focus: tuple[float, float] | None = None) -> MapFit:
    """The view that shows every one of ``sites`` (or ``focus``), keyed by ``reason``.

    ``reason`` is anything whose repr changes exactly when the map should look again:
    the filters, the "show all" count, the site a link opened.
    """
    key = hashlib.sha256(repr(reason).encode()).hexdigest()[:16]
    if not len(sites):
        return MapFit(key, None, focus)
    lon, lat = sites[schema.LON].astype(float), sites[schema.LAT].astype(float)
    corners = [transform(float(lon.min()), float(lat.min())),
               transform(float(lon.max()), float(lat.max()))]
    (west, south), (east, north) = corners
    return MapFit(key, ((round(south, 6), round(west, 6)), (round(north, 6), round(east, 6))), focus)


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
    the map should look, applied once per ``MapFit.key`` (see ``map_fit``).
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
    payload["cells"] = [[*reversed(_rounded(*transform(lon, lat))), count]
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

            fmap.add_child(VectorBasemap(spec.urls[0], spec.attribution, spec.data_max_zoom, lang))
            continue
        for url in spec.urls:
            folium.TileLayer(tiles=url, attr=spec.attribution, max_zoom=spec.max_zoom,
                             subdomains=spec.subdomains, control=False).add_to(fmap)
    fmap.add_child(SiteScript(categories, lang, no_tiles=tiles is None))
    return fmap


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


def site_id_from_click(
    event: dict[str, Any] | None, visible_payload: dict[str, Any]
) -> str | None:
    """The id of the clicked marker, from st_folium's last click and tooltip text.

    Leaflet reports a marker's own position on click; the tooltip's first line (its text,
    already unescaped by the component; the category line follows a newline) tells apart
    sites that share a position.
    """
    if not event:
        return None
    clicked = event.get("last_object_clicked")
    if not clicked:
        return None
    lat, lng = clicked.get("lat"), clicked.get("lng")
    if lat is None or lng is None:
        return None
    tooltip = (event.get("last_object_clicked_tooltip") or "").split("\n", 1)[0].strip()
    at_position = [row for row in visible_payload["sites"]
                   if abs(row[0] - lat) < 1e-6 and abs(row[1] - lng) < 1e-6]
    for row in at_position:
        if unescape_html(row[4]) == tooltip:
            return str(row[3])
    return str(at_position[0][3]) if at_position else None


ROUTE_COLOURS: tuple[str, ...] = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00")


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


def route_layer_payload(
    stops: Sequence[tuple[float, float, int, int, bool]],
    paths: Sequence[Sequence[tuple[float, float]]],
    points: Sequence[tuple[float, float, str, str]],
    transform: DisplayTransform = identity,
    day_labels: Sequence[tuple[int, str]] = (),
    point_labels: Sequence[tuple[str, str]] = (),
) -> dict[str, Any]:
    """Compact route data: stops [lat, lon, number, day, has_warning], paths per day, points.

    ``stops`` and ``paths`` take (lon, lat, ...) in WGS-84; ``points`` are (lon, lat,
    plain label, 'start'|'end'), whose label is escaped here. The legend has a row per
    ``day_labels`` (day number, plain text) in that day's colour, then the start and end
    (``point_labels``: 'S'/'E', plain text), escaped here too.
    """
    def shown(lon: float, lat: float) -> list[float]:
        x, y = transform(lon, lat)
        return [round(y, 6), round(x, 6)]

    return {
        "colours": list(ROUTE_COLOURS),
        "stops": [[*shown(lon, lat), number, day, bool(warn)]
                  for lon, lat, number, day, warn in stops],
        "paths": [[shown(lon, lat) for lon, lat in path] for path in paths],
        "points": [[*shown(lon, lat), escape_text(label), kind] for lon, lat, label, kind in points],
        "legend": [[ROUTE_COLOURS[(day - 1) % len(ROUTE_COLOURS)], escape_text(label), str(day)]
                   for day, label in day_labels]
        + [["#333", escape_text(label), mark] for mark, label in point_labels],
    }
