"""Building the map: one stable base map, and the sites as a layer that changes.

The base map (tiles, legend, the marker-drawing script, vendored assets) depends only
on the basemap and language, so streamlit-folium keeps the same iframe across reruns.
Sites go in a ``SiteLayer``: one compact JSON array drawn by that script into a
MarkerCluster, passed through ``feature_group_to_add`` so filters update it in place.
One folium ``Marker`` per site would cost ~8 s and ~8 MB per rerun at 10,000 sites.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import folium
import geopandas as gpd
from branca.element import Element, MacroElement
from folium.elements import JSCSSMixin
from jinja2 import Template

from ecosites import schema
from ecosites.catalog import Category
from ecosites.escape import escape_text, script_json
from ecosites.schema import REGION_CENTER

# Relative to the component's /component/streamlit_folium.st_folium/index.html, so it
# also works under --server.baseUrlPath; an absolute /app/static/... would not.
VENDOR_URL = "../../app/static/vendor"
VENDOR_JS: list[tuple[str, str]] = [
    ("leaflet", f"{VENDOR_URL}/leaflet/leaflet.js"),
    ("jquery", f"{VENDOR_URL}/jquery/jquery.min.js"),
    ("markercluster", f"{VENDOR_URL}/leaflet.markercluster/leaflet.markercluster.js"),
]
VENDOR_CSS: list[tuple[str, str]] = [
    ("leaflet_css", f"{VENDOR_URL}/leaflet/leaflet.css"),
    ("markercluster_css", f"{VENDOR_URL}/leaflet.markercluster/MarkerCluster.css"),
    ("markercluster_default_css", f"{VENDOR_URL}/leaflet.markercluster/MarkerCluster.Default.css"),
]
DEFAULT_ZOOM = 10
CLUSTER_RADIUS_PX = 45
NO_CLUSTER_FROM_ZOOM = 15

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

_BASE_SCRIPT = Template(
    """
{% macro header(this, kwargs) %}
<style>
.eco-pin{width:26px;height:26px;display:flex;align-items:center;justify-content:center;
 border:2px solid #fff;box-shadow:0 1px 3px rgba(0,0,0,.5);box-sizing:border-box;}
.eco-pin svg{width:15px;height:15px;fill:#fff}
.eco-shape-circle{border-radius:50%}
.eco-shape-square{border-radius:3px}
.eco-shape-diamond{transform:rotate(45deg);border-radius:3px}
.eco-shape-diamond svg{transform:rotate(-45deg)}
.eco-pin.eco-selected{outline:3px solid #000;outline-offset:2px}
.eco-approx{pointer-events:none}
.eco-legend{background:#fff;padding:6px 8px;border-radius:4px;font:12px/1.5 sans-serif;
 box-shadow:0 1px 4px rgba(0,0,0,.3)}
.eco-legend-row{display:flex;align-items:center;gap:6px}
.eco-legend .eco-pin{width:18px;height:18px;border-width:1px}
.eco-legend .eco-pin svg{width:11px;height:11px}
</style>
{% endmacro %}
{% macro script(this, kwargs) %}
window.ecoSites = (function () {
  var SVG = "http://www.w3.org/2000/svg";
  var config = {{ this.config }};
  function pin(category, siteId, label, selected) {
    var el = document.createElement("div");
    el.className = "eco-pin eco-shape-" + category.shape + (selected ? " eco-selected" : "");
    el.style.background = category.colour;
    el.setAttribute("role", "img");
    el.setAttribute("aria-label", label);
    if (siteId) { el.setAttribute("data-site-id", siteId); }
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    var path = document.createElementNS(SVG, "path");
    path.setAttribute("d", config.icons[category.icon] || "");
    svg.appendChild(path);
    el.appendChild(svg);
    return el;
  }
  function fill(group, data) {
    var cats = config.categories;
    var cluster = L.markerClusterGroup({
      chunkedLoading: true, showCoverageOnHover: false, spiderfyOnMaxZoom: false,
      maxClusterRadius: config.clusterRadius, disableClusteringAtZoom: config.noClusterFrom
    });
    var markers = [];
    for (var i = 0; i < data.sites.length; i++) {
      var s = data.sites[i];
      var cat = cats[s[2]];
      var selected = s[3] === data.selected;
      // The label is HTML-escaped in Python: Leaflet and streamlit-folium use innerHTML.
      var icon = L.divIcon({html: pin(cat, s[3], s[5], selected), className: "eco-marker",
                            iconSize: [26, 26], iconAnchor: [13, 13]});
      var marker = L.marker([s[0], s[1]], {icon: icon, keyboard: true, title: s[5],
                                           riseOnHover: true, zIndexOffset: selected ? 1000 : 0});
      marker.bindTooltip(s[4], {direction: "top", offset: [0, -12]});
      markers.push(marker);
      if (selected && s[6] > 0) {
        L.circle([s[0], s[1]], {radius: s[6], className: "eco-approx", interactive: false,
                                color: cat.colour, weight: 1, dashArray: "4 4",
                                fillOpacity: 0.06}).addTo(group);
      }
    }
    cluster.addLayers(markers);
    group.addLayer(cluster);
    if (data.boundaries && data.boundaries.features.length) {
      L.geoJSON(data.boundaries, {interactive: false, style: function (f) {
        var c = cats[f.properties.c];
        return {color: c.colour, weight: 2, fillOpacity: 0.12};
      }}).addTo(group);
    }
  }
  var legend = L.control({position: "bottomright"});
  legend.onAdd = function () {
    var box = L.DomUtil.create("div", "eco-legend");
    box.setAttribute("data-testid", "map-legend");
    config.categories.forEach(function (cat) {
      var row = L.DomUtil.create("div", "eco-legend-row", box);
      row.appendChild(pin(cat, null, cat.label, false));
      var text = document.createElement("span");
      text.textContent = cat.label;
      row.appendChild(text);
    });
    return box;
  };
  legend.addTo({{ this._parent.get_name() }});
  return {fill: fill};
})();
{% endmacro %}
"""
)


class SiteScript(JSCSSMixin, MacroElement):
    """The base map's marker-drawing script, legend and vendored plugin assets."""

    _template = _BASE_SCRIPT
    default_js = VENDOR_JS
    default_css = VENDOR_CSS

    def __init__(self, categories: Sequence[Category], lang: str) -> None:
        super().__init__()
        self._name = "SiteScript"
        self.config = script_json({
            "categories": [
                {"colour": c.colour, "icon": c.icon, "shape": c.shape,
                 "label": c.short_zh if lang == "zh" else c.short_en}
                for c in categories
            ],
            "icons": ICON_PATHS,
            "clusterRadius": CLUSTER_RADIUS_PX,
            "noClusterFrom": NO_CLUSTER_FROM_ZOOM,
        })


class SiteLayer(folium.FeatureGroup):
    """The visible sites as one compact JSON payload, drawn by the base map's script."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.featureGroup();
window.ecoSites.fill({{ this.get_name() }}, {{ this.payload }});
{% endmacro %}
"""
    )

    def __init__(self, payload: dict[str, Any], name: str = "sites") -> None:
        super().__init__(name=name, control=False)
        self.data = payload
        self.payload = script_json(payload)
        self.site_count = len(payload["sites"])


def site_label(name_en: str, name_zh: str, lang: str) -> str:
    """Plain text shown on hover: the chosen language's name first, then the other."""
    first, second = (name_zh, name_en) if lang == "zh" else (name_en, name_zh)
    return " · ".join(part for part in (first, second) if part)


def identity(lon: float, lat: float) -> tuple[float, float]:
    """The WGS-84 display transform: no shift."""
    return lon, lat


def site_layer_payload(
    sites: gpd.GeoDataFrame,
    categories: Sequence[Category],
    lang: str = "en",
    selected_id: str | None = None,
    transform: DisplayTransform = identity,
) -> dict[str, Any]:
    """Compact marker data: [lat, lon, category index, id, tooltip HTML, aria label, radius_m]."""
    index = {c.slug: i for i, c in enumerate(categories)}
    rows: list[list[Any]] = []
    names_en = sites[schema.NAME_EN].tolist()
    names_zh = sites[schema.NAME_ZH].tolist()
    for site_id, lon, lat, category, name_en, name_zh, accuracy in zip(
        sites[schema.ID].tolist(), sites[schema.LON].tolist(), sites[schema.LAT].tolist(),
        sites[schema.CATEGORY].tolist(), names_en, names_zh,
        sites[schema.COORDINATE_ACCURACY_M].tolist(), strict=True,
    ):
        shown_lon, shown_lat = transform(lon, lat)
        label = site_label(name_en, name_zh, lang)
        rows.append([
            round(shown_lat, 6), round(shown_lon, 6), index[category], site_id,
            escape_text(label), label, float(accuracy) if site_id == selected_id else 0,
        ])
    polygonal = sites[sites[schema.GEOMETRY_TYPE].isin(["Polygon", "MultiPolygon"])]
    boundaries = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"c": index[row[schema.CATEGORY]]},
             "geometry": _transform_geometry(row.geometry.__geo_interface__, transform)}
            for _, row in polygonal.iterrows()
        ],
    }
    return {"sites": rows, "selected": selected_id, "boundaries": boundaries}


def _transform_geometry(geometry: dict[str, Any], transform: DisplayTransform) -> dict[str, Any]:
    def convert(coords: Any) -> Any:
        if coords and isinstance(coords[0], int | float):
            lon, lat = transform(coords[0], coords[1])
            return [round(lon, 6), round(lat, 6)]
        return [convert(c) for c in coords]

    return {"type": geometry["type"], "coordinates": convert(geometry["coordinates"])}


def build_site_layer(
    sites: gpd.GeoDataFrame,
    categories: Sequence[Category],
    lang: str = "en",
    selected_id: str | None = None,
    transform: DisplayTransform = identity,
) -> SiteLayer:
    """The layer of visible sites for ``st_folium(feature_group_to_add=...)``."""
    return SiteLayer(site_layer_payload(sites, categories, lang, selected_id, transform))


def build_base_map(
    categories: Sequence[Category],
    tiles: TileSpec | None = OSM,
    lang: str = "en",
    overlays: Sequence[TileSpec] = (),
) -> folium.Map:
    """The stable base map: tiles (or none), legend, marker script, vendored assets only."""
    fmap = folium.Map(location=list(REGION_CENTER), zoom_start=DEFAULT_ZOOM, tiles=None,
                      control_scale=True, prefer_canvas=False)
    # Instance attributes replace folium's CDN defaults (jsdelivr, jquery, bootstrap, ...).
    fmap.default_js = [VENDOR_JS[0], VENDOR_JS[1]]
    fmap.default_css = [VENDOR_CSS[0]]
    for spec in [tiles, *overlays] if tiles is not None else []:
        for url in spec.urls:
            folium.TileLayer(tiles=url, attr=spec.attribution, max_zoom=spec.max_zoom,
                             subdomains=spec.subdomains, control=False).add_to(fmap)
    if tiles is None:
        fmap.get_root().header.add_child(  # type: ignore[attr-defined]
            Element("<style>.leaflet-container{background:#eef3ef}</style>"))
    fmap.add_child(SiteScript(categories, lang))
    return fmap


def site_id_from_click(
    event: dict[str, Any] | None, visible_payload: dict[str, Any]
) -> str | None:
    """The id of the clicked marker, from st_folium's last click and tooltip text.

    Leaflet reports a marker's own position on click; the tooltip text (already
    unescaped by the component) tells apart sites that share a position.
    """
    if not event:
        return None
    clicked = event.get("last_object_clicked")
    if not clicked:
        return None
    lat, lng = clicked.get("lat"), clicked.get("lng")
    if lat is None or lng is None:
        return None
    tooltip = (event.get("last_object_clicked_tooltip") or "").strip()
    at_position = [row for row in visible_payload["sites"]
                   if abs(row[0] - lat) < 1e-6 and abs(row[1] - lng) < 1e-6]
    for row in at_position:
        if row[5] == tooltip:
            return str(row[3])
    return str(at_position[0][3]) if at_position else None
