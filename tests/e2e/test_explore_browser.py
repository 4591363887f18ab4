"""The explore page in a real browser: markers, clicks, filters, offline, and inert injected text."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.conftest import make_site
from tests.e2e.conftest import (
    MAP_IFRAME,
    count_component_values,
    map_frame,
    open_app,
    shown_site_total,
    site_markers,
    wait_for_app,
    wait_for_url_parts,
)

pytestmark = pytest.mark.e2e

INJECTION = "<img src=x onerror=alert(1)>${alert(2)}"
# Far enough apart that no two cluster at the default zoom.
CATALOG_FEATURES = [
    make_site(id="wetland-north", name_en="North Wetland", name_zh="北湿地", lon=106.70, lat=26.90,
              category="urban-restoration", tags=["wetland"]),
    make_site(id="digital-village", name_en="Digital Village", name_zh="数字村", lon=106.40, lat=26.60,
              category="green-industry", tags=["digital-industry"]),
    make_site(id="script-site", name_en=INJECTION, name_zh=INJECTION, lon=106.95, lat=26.45,
              category="conservation-history", highlight_en=INJECTION, tags=["museum"]),
]
SERVER_ENV = {"ECOSITES_TILES": "none"}


def wait_for_markers(frame: Any, count: int) -> None:
    """Wait until the map shows exactly ``count`` single markers."""
    site_markers(frame).nth(count - 1).wait_for()
    assert site_markers(frame).count() == count


def test_map_shows_every_site_and_loads_nothing_from_other_hosts(page: Any, server: Any) -> None:
    open_app(page, server)
    frame = map_frame(page)
    wait_for_markers(frame, 3)
    assert shown_site_total(frame) == 3
    assert page.get_by_text("3 of 3 sites").is_visible()
    own_host = server.url.split("//", 1)[1]
    assert page.request_log.hosts() == {own_host}
    vendor = [u for u in page.request_log.urls if "/app/static/vendor/" in u]
    assert any(u.endswith("leaflet/leaflet.js") for u in vendor)
    # The sites come once, as the site file's gzip copy (ecosites/sitefiles.py), unpacked here.
    site_files = [u for u in page.request_log.urls if "/app/static/sitedata/" in u]
    assert len(site_files) == 1
    assert site_files[0].endswith(".json.gz")


def test_a_browser_that_cannot_unpack_gzip_gets_the_plain_site_file(page: Any, server: Any) -> None:
    page.context.add_init_script("delete window.DecompressionStream;")
    open_app(page, server)
    frame = map_frame(page)
    wait_for_markers(frame, 3)
    assert shown_site_total(frame) == 3
    site_files = [u for u in page.request_log.urls if "/app/static/sitedata/" in u]
    assert len(site_files) == 1
    assert site_files[0].endswith(".json")
    assert page.errors == []


JS_TYPES = ("application/javascript", "text/javascript")
OWN_ASSETS = {"js/sites.js": JS_TYPES, "js/route.js": JS_TYPES, "js/nearby.js": JS_TYPES,
              "css/map.css": ("text/css",)}


def test_map_scripts_load_from_static_without_page_errors(page: Any, server: Any) -> None:
    """Guards against a broken file in static/js or static/css (a syntax error, a wrong
    URL, a MIME type the browser refuses): the map would be empty or unstyled."""
    open_app(page, server)
    frame = map_frame(page)
    wait_for_markers(frame, 3)
    frame.locator("[data-testid='map-legend']").wait_for()
    handle = page.locator(MAP_IFRAME).element_handle()
    functions = handle.content_frame().evaluate(
        "() => Object.keys(window.ecoSites).filter(k => typeof window.ecoSites[k] === 'function')")
    assert sorted(functions) == ["browse", "fill", "init", "position", "route"]
    requested = {urlsplit(u).path.split("/app/static/", 1)[1] for u in page.request_log.urls
                 if "/app/static/js/" in u or "/app/static/css/" in u}
    assert requested == set(OWN_ASSETS)
    for path, types in OWN_ASSETS.items():
        response = page.request.get(f"{server.url}/app/static/{path}")
        assert response.ok, path
        assert response.headers["content-type"].startswith(types), path
    assert page.errors == []


def test_filter_from_link_and_search_box_change_the_markers(page: Any, server: Any) -> None:
    open_app(page, server, "?cat=green-industry")
    frame = map_frame(page)
    wait_for_markers(frame, 1)
    assert frame.locator(".eco-pin[data-site-id='digital-village']").count() == 1
    assert page.get_by_text("1 of 3 sites").is_visible()

    open_app(page, server)
    wait_for_markers(map_frame(page), 3)
    box = page.get_by_label("Search names and highlights")
    box.fill("north")
    box.press("Enter")
    page.get_by_text("1 of 3 sites").wait_for()
    wait_for_app(page)
    frame = map_frame(page)
    frame.locator(".eco-pin[data-site-id='wetland-north']").wait_for()
    assert site_markers(frame).count() == 1
    wait_for_url_parts(page, "q=north")


def test_opening_the_filters_leaves_the_search_box_in_place(page: Any, server: Any) -> None:
    """Guards against the search box beside the filters dropping to the bottom of the open panel.

    At 1400 px the three lists share a row and the open panel still leaves the map in view.
    """
    open_app(page, server)
    box = page.get_by_label("Search names and highlights")
    before = box.bounding_box()
    page.locator("summary", has_text="Filters: category, theme, district").click()
    category = page.get_by_role("combobox", name="Category")
    category.wait_for()
    assert box.bounding_box() == before
    rows = {round(page.get_by_role("combobox", name=name).bounding_box()["y"])
            for name in ("Category", "Themes", "District")}
    assert len(rows) == 1
    assert category.bounding_box()["y"] > before["y"]
    assert page.locator(MAP_IFRAME).bounding_box()["y"] < page.viewport_size["height"]


def test_clicking_a_marker_opens_its_detail_panel(page: Any, server: Any) -> None:
    open_app(page, server)
    frame = map_frame(page)
    wait_for_markers(frame, 3)
    frame.locator(".eco-pin[data-site-id='wetland-north']").click()
    page.get_by_role("heading", name="North Wetland").wait_for()
    # The heading arrives first; the rest of the panel follows in the same run.
    page.get_by_text("12 bird species").wait_for()
    wait_for_url_parts(page, "site=wetland-north")


def test_injected_markup_in_a_site_name_stays_text(page: Any, server: Any) -> None:
    """Guards against script injection through popups, tooltips and the panel.

    folium inserts tooltip text raw (python-visualization/folium#1640).
    """
    open_app(page, server)
    frame = map_frame(page)
    wait_for_markers(frame, 3)
    marker = frame.locator(".eco-pin[data-site-id='script-site']")
    marker.hover()
    tooltip = frame.locator(".leaflet-tooltip")
    tooltip.wait_for()
    assert INJECTION in tooltip.inner_text()
    marker.click()
    page.get_by_role("heading", name=INJECTION).wait_for()
    wait_for_app(page)
    assert page.dialogs == []
    assert page.errors == []
    assert frame.locator("img[src='x']").count() == 0
    assert page.locator("img[src='x']").count() == 0


def test_choosing_a_row_of_the_list_opens_its_panel_and_keeps_the_map_view(page: Any,
                                                                           server: Any) -> None:
    """The place panel opens beside the map; the map stays where the user left it."""
    open_app(page, server)
    wait_for_markers(map_frame(page), 3)
    handle = page.locator(MAP_IFRAME).element_handle()
    before = handle.content_frame().evaluate(
        "() => { window.__sameMap = true; const c = map.getCenter(); return [c.lat, c.lng, map.getZoom()]; }")
    grid = page.locator("[data-testid='stDataFrame']")
    box = grid.bounding_box()
    row_height = 35
    # Row 2 of the list (Digital Village): click its selection cell at the left edge.
    page.mouse.click(box["x"] + 18, box["y"] + row_height * 2 + row_height / 2)
    page.get_by_role("heading", name="Digital Village").wait_for()
    wait_for_app(page)
    wait_for_url_parts(page, "site=digital-village")
    frame = map_frame(page)
    selected = frame.locator(".eco-pin.eco-selected[data-site-id='digital-village']")
    selected.wait_for()
    after = handle.content_frame().evaluate(
        "() => { const c = map.getCenter();"
        " return [window.__sameMap === true, c.lat, c.lng, map.getZoom()]; }")
    assert after[0] is True
    assert after[1:] == pytest.approx(before)
    map_box = frame.locator(".leaflet-container").bounding_box()
    pin_box = selected.bounding_box()
    assert map_box["x"] <= pin_box["x"]
    assert pin_box["x"] + pin_box["width"] <= map_box["x"] + map_box["width"]
    assert map_box["y"] <= pin_box["y"]
    assert pin_box["y"] + pin_box["height"] <= map_box["y"] + map_box["height"]


def test_changing_a_filter_keeps_the_same_map_and_fits_its_results(page: Any, server: Any) -> None:
    """Guards against remounting the map on every filter change (flicker, lost state): the
    same map looks at the new results."""
    open_app(page, server)
    frame = map_frame(page)
    wait_for_markers(frame, 3)
    frame.locator(".leaflet-control-zoom-in").click()
    frame.locator(".leaflet-control-zoom-in").click()
    handle = page.locator(MAP_IFRAME).element_handle()
    handle.content_frame().evaluate("() => { window.__sameMap = true; }")
    box = page.get_by_label("Search names and highlights")
    box.fill("village")
    box.press("Enter")
    page.get_by_text("1 of 3 sites").wait_for()
    wait_for_app(page)
    frame.locator(".eco-pin[data-site-id='digital-village']").wait_for(state="attached")
    handle.content_frame().wait_for_function(
        "() => map.getBounds().contains([26.60, 106.40])")  # Digital Village is in view
    assert handle.content_frame().evaluate("() => window.__sameMap === true")
    assert frame.locator(".eco-pin[data-site-id='wetland-north']").count() == 0
    assert frame.locator(".eco-pin[data-site-id='script-site']").count() == 0



def test_a_drawn_map_reruns_nothing_until_it_is_clicked(page: Any, server: Any) -> None:
    """streamlit-folium reported every map once it was drawn (a rerun for nothing, which could
    undo a tap on the navigation); now the first message is the click on a site."""
    map_values = count_component_values(page, "st_folium")
    open_app(page, server)
    frame = map_frame(page)
    wait_for_markers(frame, 3)
    wait_for_app(page)
    assert map_values() == 0
    frame.locator(".eco-pin[data-site-id='digital-village']").click()
    page.get_by_role("heading", name="Digital Village").wait_for()
    assert map_values() == 1
