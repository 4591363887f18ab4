"""Map building: vendored assets only, a compact layer, clicks mapped back to sites."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path
from types import MethodType
from typing import Any

import folium
import pytest
from branca.element import Element
from pyproj import Geod
from streamlit_folium import _get_feature_group_string

from ecosites import schema
from ecosites.catalog import Catalog, load_catalog, site_row
from ecosites.mapfit import FOCUS_ZOOM, map_fit, with_site
from ecosites.mapview import OSM, TileSpec, build_base_map, build_site_layer
from ecosites.markers import (
    SHARED_POINT_SPREAD_M,
    site_id_from_click,
    site_label,
    site_layer_payload,
    spread_shared_points,
)
from ecosites.paths import BUNDLED_GEODATA
from tests.conftest import REPO, make_site, write_catalog


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(BUNDLED_GEODATA)


def _asset_urls(fmap: Element) -> list[str]:
    urls = []
    stack = [fmap]
    while stack:
        element = stack.pop()
        urls += [u for _, u in getattr(element, "default_js", [])]
        urls += [u for _, u in getattr(element, "default_css", [])]
        stack.extend(getattr(element, "_children", {}).values())
    return urls


@pytest.mark.parametrize("tiles", [OSM, None])
def test_base_map_loads_only_its_own_assets_that_exist(catalog: Catalog, tiles: TileSpec | None) -> None:
    urls = _asset_urls(build_base_map(catalog.categories, tiles))
    assert urls
    for url in urls:
        assert url.startswith("../../app/static/"), url
        path, _, version = url.removeprefix("../../app/static/").partition("?v=")
        assert (REPO / "static" / path).is_file()
        if not path.startswith("vendor/"):  # our own files carry their content hash
            assert version == hashlib.sha256((REPO / "static" / path).read_bytes()).hexdigest()[:12]


def test_base_map_loads_every_own_script_and_stylesheet(catalog: Catalog) -> None:
    """Guards against a file in static/js or static/css that no map loads (a layer added on a
    later rerun could not load it: the component loads scripts only when it mounts).
    js/basemap.js loads with the offline vector basemap, whose choice remounts the map."""
    from ecosites.mapview import TileSpec

    own = {p.relative_to(REPO / "static").as_posix()
           for p in [*(REPO / "static" / "js").glob("*.js"), *(REPO / "static" / "css").glob("*.css")]}
    vector = TileSpec("pmtiles", ("../../app/static/basemap/x.pmtiles",), "", vector=True)
    loaded = {url.removeprefix("../../app/static/").partition("?")[0]
              for tiles in (None, vector)
              for url in _asset_urls(build_base_map(catalog.categories, tiles))}
    assert own == {"js/sites.js", "js/route.js", "js/nearby.js", "js/basemap.js", "css/map.css"}
    assert own <= loaded


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed; "
                    "tests/e2e/test_explore_browser.py still loads every script in Chromium")
@pytest.mark.parametrize("name", ["sites.js", "route.js", "nearby.js"])
def test_own_scripts_are_valid_javascript(name: str) -> None:
    result = subprocess.run(["node", "--check", str(REPO / "static" / "js" / name)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_map_scripts_in_python_only_call_into_static_js(catalog: Catalog) -> None:
    """Guards against JavaScript growing back into Python strings: the base map and every
    layer send one call with JSON data, and the functions live in static/js."""
    from ecosites.mapview import RouteLayer, SiteScript
    from ecosites.nearby import position_layer

    fmap = build_base_map(catalog.categories, None)
    (site_script,) = [c for c in fmap._children.values() if isinstance(c, SiteScript)]
    base = site_script._template.module.script(site_script).strip()
    assert base.startswith(f"window.ecoSites.init({fmap.get_name()}, {{")
    assert base.endswith("});")
    assert '"noTiles":true' in base
    assert "function" not in base
    layers = {"fill": build_site_layer(catalog.sites, catalog.categories),
              "route": RouteLayer({"colours": [], "stops": [], "paths": [], "points": []}),
              "position": position_layer(106.63, 26.65, 1000, "You")}
    for function, layer in layers.items():
        script = _get_feature_group_string(layer, build_base_map(catalog.categories, None))
        assert f"window.ecoSites.{function}(feature_group_feature_group_0, {{" in script
        assert "function" not in script
        assert "<style" not in script
        assert f"ecoSites.{function} = " in " ".join(
            (REPO / "static" / "js" / name).read_text(encoding="utf-8")
            for name in ("sites.js", "route.js", "nearby.js"))


def test_without_tiles_the_map_script_names_no_outside_host(catalog: Catalog) -> None:
    html = build_base_map(catalog.categories, None).get_root().render()
    assert "tile.openstreetmap.org" not in html
    assert "https://" not in html.replace("http://www.w3.org/2000/svg", "")


def test_osm_tiles_and_attribution(catalog: Catalog) -> None:
    html = build_base_map(catalog.categories, OSM).get_root().render()
    assert "tile.openstreetmap.org/{z}/{x}/{y}.png" in html
    assert "OpenStreetMap" in html


def test_payload_has_one_row_per_site_with_escaped_label(catalog_dir: Path) -> None:
    write_catalog(catalog_dir, [
        make_site(id="a", name_en="<b>A</b>", name_zh="甲", lon=106.7, lat=26.6),
        make_site(id="b", name_en="B", name_zh="", category="green-industry", lon=106.5, lat=26.5,
                  coordinate_accuracy_m=3000),
    ])
    catalog = load_catalog(catalog_dir)
    payload = site_layer_payload(catalog.sites, catalog.categories, "en", selected_id="b")
    assert payload["sites"] == [
        [26.6, 106.7, 0, "a", "&lt;b&gt;A&lt;/b&gt; · 甲", 0],
        [26.5, 106.5, 1, "b", "B", 3000.0],
    ]
    assert payload["selected"] == "b"
    layer = build_site_layer(catalog.sites, catalog.categories, "zh")
    assert "<b>" not in layer.payload
    assert layer.site_count == 2


def test_layer_can_shift_positions_for_display(catalog_dir: Path) -> None:
    write_catalog(catalog_dir, [make_site(id="a", lon=106.7, lat=26.6)])
    catalog = load_catalog(catalog_dir)
    payload = site_layer_payload(catalog.sites, catalog.categories,
                                 transform=lambda lon, lat: (lon + 0.01, lat - 0.02))
    assert payload["sites"][0][:2] == [pytest.approx(26.58), pytest.approx(106.71)]


def test_sites_sharing_one_point_are_drawn_apart_for_display_only(catalog_dir: Path) -> None:
    """Guards against two sites on one placeholder point where only the top marker can be clicked."""
    write_catalog(catalog_dir, [make_site(id="b", lon=106.53, lat=26.67),
                                make_site(id="a", lon=106.53, lat=26.67),
                                make_site(id="c", lon=106.70, lat=26.60)])
    catalog = load_catalog(catalog_dir)
    rows = site_layer_payload(catalog.sites, catalog.categories)["sites"]
    drawn = {row[3]: (row[0], row[1]) for row in rows}
    geod = Geod(ellps="WGS84")
    apart = geod.inv(drawn["a"][1], drawn["a"][0], drawn["b"][1], drawn["b"][0])[2]
    assert apart == pytest.approx(2 * SHARED_POINT_SPREAD_M, rel=0.01)
    assert drawn["a"][0] > 26.67 > drawn["b"][0]  # in id order, the first due north
    assert drawn["c"] == (26.6, 106.7)
    # Only what is drawn moves: the catalogue keeps both points.
    assert site_row(catalog.sites, "a")[schema.LAT] == 26.67
    assert site_row(catalog.sites, "b")[schema.LAT] == 26.67
    assert spread_shared_points(["a", "b"], [(106.53, 26.67), (106.53, 26.67)]) == [
        (drawn["a"][1], drawn["a"][0]), (drawn["b"][1], drawn["b"][0])]


def test_boundaries_are_sent_for_polygons(catalog_dir: Path) -> None:
    ring = [[106.60, 26.60], [106.61, 26.60], [106.61, 26.61], [106.60, 26.61], [106.60, 26.60]]
    write_catalog(catalog_dir, [make_site(geometry={"type": "Polygon", "coordinates": [ring]})])
    catalog = load_catalog(catalog_dir)
    boundaries = site_layer_payload(catalog.sites, catalog.categories)["boundaries"]["features"]
    assert len(boundaries) == 1
    assert boundaries[0]["geometry"]["coordinates"][0][0] == [106.6, 26.6]


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        (None, None),
        ({"last_object_clicked": None}, None),
        ({"last_object_clicked": {"lat": 26.6, "lng": 106.7}, "last_object_clicked_tooltip": "A · 甲"}, "a"),
        ({"last_object_clicked": {"lat": 26.6, "lng": 106.7}, "last_object_clicked_tooltip": "C"}, "c"),
        ({"last_object_clicked": {"lat": 26.6, "lng": 106.7}}, "a"),
        ({"last_object_clicked": {"lat": 26.0, "lng": 106.0}}, None),
        ({"last_object_clicked": {"lat": 26.6, "lng": 106.7}, "last_object_clicked_tooltip": "<C>"}, "e"),
        # The tooltip's text is the name, a newline, then the category line.
        ({"last_object_clicked": {"lat": 26.6, "lng": 106.7},
          "last_object_clicked_tooltip": "C\nUrban restoration · Open now"}, "c"),
    ],
)
def test_click_maps_back_to_the_site(event: dict[str, Any] | None, expected: str | None) -> None:
    payload = {"sites": [[26.6, 106.7, 0, "a", "A · 甲", 0],
                         [26.6, 106.7, 0, "c", "C", 0],
                         [26.6, 106.7, 0, "e", "&lt;C&gt;", 0]]}
    assert site_id_from_click(event, payload) == expected


@pytest.mark.parametrize(
    ("en", "zh", "lang", "label"),
    [("Park", "公园", "en", "Park · 公园"), ("Park", "公园", "zh", "公园 · Park"),
     ("Park", "", "zh", "Park"), ("", "公园", "en", "公园")],
)
def test_site_label(en: str, zh: str, lang: str, label: str) -> None:
    assert site_label(en, zh, lang) == label


def test_bundled_catalogue_payload_is_small(catalog: Catalog) -> None:
    layer = build_site_layer(catalog.sites, catalog.categories)
    assert layer.site_count == len(catalog.sites)
    assert len(layer.payload) < 200 * len(catalog.sites)
    assert schema.ID in catalog.sites.columns


def test_focus_on_selected_site(catalog_dir: Path) -> None:
    from ecosites.mapfit import focus_on

    write_catalog(catalog_dir, [make_site(id="a", lon=106.7, lat=26.6)])
    sites = load_catalog(catalog_dir).sites
    assert focus_on(sites, "a") == (26.6, 106.7)
    assert focus_on(sites, None) is None
    assert focus_on(sites, "missing") is None
    assert focus_on(sites, "a", lambda lon, lat: (lon + 0.01, lat)) == (26.6, 106.71)


@pytest.mark.parametrize("name", ["Park {% if %}", "Park {{ 7*7 }}", "Park {# note"])
def test_site_text_is_never_parsed_as_a_template(catalog_dir: Path, name: str) -> None:
    """Guards against branca compiling the layer script as Jinja: '{%' crashed the page and
    '{{ 7*7 }}' rendered as 49 (it also cost 0.25 s per rerun at 10,000 sites)."""
    write_catalog(catalog_dir, [make_site(name_en=name, name_zh="")])
    catalog = load_catalog(catalog_dir)
    fmap = build_base_map(catalog.categories, None)
    script = _get_feature_group_string(build_site_layer(catalog.sites, catalog.categories), fmap)
    assert f'"{name}"' in script
    fmap = build_base_map(catalog.categories, None)
    build_site_layer(catalog.sites, catalog.categories).add_to(fmap)
    assert f'"{name}"' in fmap.get_root().render()


def test_layer_script_is_what_folium_itself_would_render(catalog: Catalog) -> None:
    """Guards against SiteLayer.render drifting from folium's Layer.render (e.g. the addTo line)."""
    ours = build_site_layer(catalog.sites, catalog.categories)
    folium_own = build_site_layer(catalog.sites, catalog.categories)
    folium_own.render = MethodType(folium.FeatureGroup.render, folium_own)  # type: ignore[method-assign]  # folium's own way
    expected = _get_feature_group_string(folium_own, build_base_map(catalog.categories, None))
    assert _get_feature_group_string(ours, build_base_map(catalog.categories, None)) == expected
    assert "feature_group_feature_group_0.addTo(map_div);" in expected


@pytest.mark.parametrize(
    ("bounds", "box"),
    [
        ({"_southWest": {"lat": 26.5, "lng": 106.5}, "_northEast": {"lat": 26.7, "lng": 106.8}},
         (106.5, 26.5, 106.8, 26.7)),
        (None, None),
        ({"_southWest": {"lat": None, "lng": 106.5}, "_northEast": {"lat": 26.7, "lng": 106.8}}, None),
        ({"_southWest": {"lat": 26.7, "lng": 106.8}, "_northEast": {"lat": 26.5, "lng": 106.5}}, None),
        ({"_southWest": {"lat": "nan", "lng": 106.5}, "_northEast": {"lat": 26.7, "lng": 106.8}}, None),
    ],
)
def test_view_bounds(bounds: dict[str, Any] | None,
                     box: tuple[float, float, float, float] | None) -> None:
    from ecosites.mapfit import view_bounds

    assert view_bounds(bounds) == box


@pytest.fixture
def spread_catalog(catalog_dir: Path) -> Catalog:
    """Three sites near Huaxi (south), one near Baiyun (north)."""
    write_catalog(catalog_dir, [
        make_site(id="s1", lon=106.60, lat=26.40), make_site(id="s2", lon=106.601, lat=26.401),
        make_site(id="s3", lon=106.602, lat=26.402), make_site(id="n1", lon=106.70, lat=26.90),
    ])
    return load_catalog(catalog_dir)


def test_grid_cells_count_every_site(spread_catalog: Catalog) -> None:
    from ecosites.mapfit import group_cells

    cells = sorted(group_cells(spread_catalog.sites), key=lambda c: c[2])
    assert [c[2] for c in cells] == [1, 3]
    assert cells[1][:2] == [pytest.approx(26.401), pytest.approx(106.601)]


def test_large_selection_is_sent_as_counts_or_by_view(spread_catalog: Catalog) -> None:
    sites, categories = spread_catalog.sites, spread_catalog.categories
    small = build_site_layer(sites, categories, marker_limit=10)
    assert (small.grouped, small.site_count) == (False, 4)

    counted = build_site_layer(sites, categories, marker_limit=2, selected_id="n1")
    assert counted.grouped
    assert [row[3] for row in counted.data["sites"]] == ["n1"]  # the selection stays itself
    assert sum(cell[2] for cell in counted.data["cells"]) == 4
    assert "{count}" in counted.data["cellTitle"]

    north = build_site_layer(sites, categories, marker_limit=2, view=(106.65, 26.85, 106.75, 26.95))
    assert north.grouped
    assert "cells" not in north.data
    assert [row[3] for row in north.data["sites"]] == ["n1"]


def test_grid_cells_are_shifted_for_display(spread_catalog: Catalog) -> None:
    sites, categories = spread_catalog.sites, spread_catalog.categories
    plain = build_site_layer(sites, categories, marker_limit=2).data["cells"]
    shifted = build_site_layer(sites, categories, marker_limit=2,
                               transform=lambda lon, lat: (lon + 0.01, lat - 0.02)).data["cells"]
    assert [(lat - 0.02, lon + 0.01, n) for lat, lon, n in plain] == [
        (pytest.approx(lat), pytest.approx(lon), n) for lat, lon, n in shifted]


def _three_sites(catalog_dir: Path) -> Catalog:
    write_catalog(catalog_dir, [make_site(id="a", lon=106.70, lat=26.90),
                                make_site(id="b", lon=106.40, lat=26.60),
                                make_site(id="c", lon=106.95, lat=26.45)])
    return load_catalog(catalog_dir)


def test_map_fit_covers_every_site_and_keys_on_the_reason_only(catalog_dir: Path) -> None:
    """The map looks again when the results change, never because a site was selected."""
    catalog = _three_sites(catalog_dir)
    fit = map_fit(catalog.sites, ("filters", 1))
    assert fit.bounds == ((26.45, 106.4), (26.9, 106.95))
    assert fit.focus is None
    assert fit.key == map_fit(catalog.sites.iloc[:1], ("filters", 1)).key
    assert fit.key != map_fit(catalog.sites, ("filters", 2)).key
    shifted = map_fit(catalog.sites, "r", lambda lon, lat: (lon + 0.01, lat - 0.02))
    assert shifted.bounds is not None
    assert [list(corner) for corner in shifted.bounds] == [pytest.approx([26.43, 106.41]),
                                                          pytest.approx([26.88, 106.96])]
    assert map_fit(catalog.sites.iloc[:0], "r").bounds is None


def test_layer_carries_the_fit_and_the_same_key_for_another_selection(catalog_dir: Path) -> None:
    catalog = _three_sites(catalog_dir)
    fit = map_fit(catalog.sites, "r", focus=(26.6, 106.4))
    first = build_site_layer(catalog.sites, catalog.categories, selected_id="a", fit=fit).data["fit"]
    second = build_site_layer(catalog.sites, catalog.categories, selected_id="b", fit=fit).data["fit"]
    assert first == second == {"key": fit.key, "bounds": ((26.45, 106.4), (26.9, 106.95)),
                               "focus": (26.6, 106.4), "zoom": FOCUS_ZOOM}
    assert "fit" not in build_site_layer(catalog.sites, catalog.categories).data


def test_an_open_site_outside_the_filter_is_still_drawn(catalog_dir: Path) -> None:
    """Guards against a link whose site the filter hides opening onto an empty map."""
    catalog = _three_sites(catalog_dir)
    visible = catalog.sites.loc[["a"]]
    drawn = with_site(visible, catalog.sites, "c")
    assert list(drawn.index) == ["a", "c"]
    assert list(with_site(visible, catalog.sites, "a").index) == ["a"]
    assert list(with_site(visible, catalog.sites, "missing").index) == ["a"]
    layer = build_site_layer(drawn, catalog.categories, selected_id="c")
    assert [row[3] for row in layer.data["sites"]] == ["a", "c"]


def test_tooltip_notes_are_escaped_and_sent_only_for_drawn_sites(catalog_dir: Path) -> None:
    catalog = _three_sites(catalog_dir)
    notes = {"a": "<b>Open now</b>", "b": "", "gone": "Closed"}
    payload = site_layer_payload(catalog.sites, catalog.categories, notes=notes)
    assert payload["notes"] == {"a": "&lt;b&gt;Open now&lt;/b&gt;"}
    assert "notes" not in site_layer_payload(catalog.sites, catalog.categories)


def test_base_map_config_names_the_tooltip_category_and_gesture_words(catalog: Catalog) -> None:
    import json

    from ecosites.mapview import SiteScript

    config = json.loads(SiteScript(catalog.categories, "zh").config)
    assert config["gestureText"]["touch"] == "用两根手指移动地图"
    assert config["showAll"] == "显示全部结果"
    assert [c["tip"] for c in config["categories"]] == [c.short("zh") for c in catalog.categories]
