"""In a real browser: ?lang=zh renders Chinese, the switch keeps ?lang=, Amap shifts markers on
screen by the GCJ-02 offset, "Use my location" fills the position, the list works by keyboard
and every image has alternative text."""

from __future__ import annotations

import math
import re
from typing import Any

import pytest

from ecosites.coords import wgs84_to_gcj02
from tests.e2e.conftest import MAP_IFRAME, map_frame, open_app, site_markers, wait_for_app, wait_for_url_parts

pytestmark = pytest.mark.e2e

SERVER_ENV = {"ECOSITES_TILES": "none"}  # the bundled 15 sites
PARK = "guanshanhu-park"
PARK_WGS84 = (106.629, 26.645)  # lon, lat as catalogued
ZOOM = 15  # clusters open from zoom 15, so the park's marker stands alone


def leaflet_frame(page: Any, tile_host: str = "") -> Any:
    """The st_folium iframe as a Frame (to run Leaflet calls in it), once it is the only map
    and shows tiles from ``tile_host`` (or no tiles when empty): a basemap change remounts it."""
    page.wait_for_function(
        """([selector, host]) => {
             const frames = document.querySelectorAll(selector);
             const win = frames.length === 1 ? frames[0].contentWindow : null;
             if (!win || !win.map || !win.map.getContainer) { return false; }
             const urls = Object.values(win.map._layers).map((layer) => layer._url || "")
               .filter(Boolean);
             return host ? urls.some((url) => url.includes(host)) : urls.length === 0;
           }""", arg=[MAP_IFRAME, tile_host])
    return page.wait_for_selector(MAP_IFRAME).content_frame()


def marker_offset_px(page: Any, site_id: str, tile_host: str = "") -> tuple[float, float]:
    """Centre the map on the park's WGS-84 position at ZOOM; return where the marker's centre
    is drawn, in pixels from the map's centre."""
    frame = leaflet_frame(page, tile_host)
    frame.evaluate("([lat, lon, zoom]) => window.map.setView([lat, lon], zoom, {animate: false})",
                   [PARK_WGS84[1], PARK_WGS84[0], ZOOM])
    pin = frame.locator(f".leaflet-marker-pane .eco-pin[data-site-id='{site_id}']")
    pin.wait_for()
    # MarkerCluster animates markers into place after a zoom: wait until the pin stands
    # still (same place over three animation frames, no cluster animation running).
    frame.evaluate("() => { window.__pinTrail = []; }")
    frame.wait_for_function(
        """(selector) => {
             const el = document.querySelector(selector);
             if (!el || document.querySelector(".leaflet-cluster-anim")) { return false; }
             const box = el.getBoundingClientRect();
             const where = box.left + "," + box.top;
             window.__pinTrail = (window.__pinTrail || []).concat([where]).slice(-3);
             return window.__pinTrail.length === 3 && new Set(window.__pinTrail).size === 1;
           }""", arg=f".leaflet-marker-pane .eco-pin[data-site-id='{site_id}']", polling="raf")
    return tuple(frame.evaluate(
        """(el) => {
             const box = el.getBoundingClientRect();
             const map = window.map.getContainer().getBoundingClientRect();
             return [box.left + box.width / 2 - (map.left + map.width / 2),
                     box.top + box.height / 2 - (map.top + map.height / 2)];
           }""", pin.element_handle()))


def mercator_px(lon: float, lat: float, zoom: int) -> tuple[float, float]:
    """Web Mercator pixel coordinates at a zoom level (256-pixel tiles)."""
    scale = 256 * 2 ** zoom
    x = (lon + 180) / 360 * scale
    y = (1 - math.log(math.tan(math.radians(lat)) + 1 / math.cos(math.radians(lat))) / math.pi) / 2 * scale
    return x, y


def choose_basemap(page: Any, label: str) -> None:
    """Pick a basemap in the sidebar's selectbox."""
    box = page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").filter(has_text="Basemap")
    box.scroll_into_view_if_needed()
    box.get_by_role("combobox").click()
    page.get_by_role("option", name=label).click()
    wait_for_app(page)


def test_lang_zh_renders_the_page_in_chinese(page: Any, server: Any) -> None:
    open_app(page, server, "?lang=zh")
    page.get_by_role("heading", name="贵阳生态示范点").wait_for()
    page.get_by_text("筛选：类别、主题、区县").wait_for()  # it follows the title in the same run
    page.get_by_text("共 15 个示范点，显示 15 个").wait_for()
    page.get_by_role("heading", name="示范点列表").wait_for()
    assert map_frame(page).get_by_test_id("map-legend").inner_text().split("\n")[0] == "城市治理与修复"
    assert page.get_by_role("radiogroup").get_by_role("radio", name="中文").is_checked()
    assert "Guiyang Eco Sites" not in page.locator("[data-testid='stMain']").inner_text()


def test_switching_language_keeps_it_in_the_link_and_on_reruns(page: Any, server: Any) -> None:
    open_app(page, server)
    page.get_by_role("heading", name="Guiyang Eco Sites").wait_for()
    wait_for_url_parts(page, "lang=en")
    page.get_by_test_id("stSidebar").get_by_text("中文", exact=True).click()
    page.get_by_role("heading", name="贵阳生态示范点").wait_for()
    wait_for_app(page)
    wait_for_url_parts(page, "lang=zh")
    box = page.get_by_label("搜索名称与亮点")
    box.fill("guanshanhu")
    box.press("Enter")
    page.get_by_text("共 15 个示范点，显示 3 个").wait_for()
    wait_for_app(page)
    wait_for_url_parts(page, "lang=zh", "q=guanshanhu")
    assert page.get_by_role("radiogroup").get_by_role("radio", name="中文").is_checked()


def test_language_is_kept_on_another_page(page: Any, server: Any) -> None:
    open_app(page, server, "?lang=zh")
    page.get_by_test_id("stSidebarNav").get_by_text("参观路线规划").click()
    page.get_by_role("heading", name="参观路线规划").first.wait_for()
    wait_for_app(page)
    wait_for_url_parts(page, "/plan", "lang=zh")
    assert page.get_by_role("radiogroup").get_by_role("radio", name="中文").is_checked()


def test_amap_moves_markers_by_the_gcj02_offset_on_screen(page: Any, server: Any) -> None:
    open_app(page, server)
    site_markers(map_frame(page)).first.wait_for()
    before = marker_offset_px(page, PARK)
    choose_basemap(page, "Amap / Gaode 高德")
    after = marker_offset_px(page, PARK, tile_host="autonavi.com")

    wgs = mercator_px(*PARK_WGS84, ZOOM)
    gcj = mercator_px(*wgs84_to_gcj02(*PARK_WGS84), ZOOM)
    expected = (gcj[0] - wgs[0], gcj[1] - wgs[1])  # about (+83, +96) px: east and south
    moved = (after[0] - before[0], after[1] - before[1])
    assert moved == pytest.approx(expected, abs=2)
    metres_per_px = 40_075_016.686 * math.cos(math.radians(PARK_WGS84[1])) / (256 * 2 ** ZOOM)
    assert 500 < math.hypot(*moved) * metres_per_px < 570

    choose_basemap(page, "No basemap (works offline)")
    assert marker_offset_px(page, PARK) == pytest.approx(before, abs=1)


def test_use_my_location_fills_the_position_and_sorts_by_distance(browser: Any, server: Any) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US",
                                  geolocation={"longitude": 106.629, "latitude": 26.645,
                                               "accuracy": 30},
                                  permissions=["geolocation"])
    page = context.new_page()
    try:
        open_app(page, server)
        page.get_by_test_id("stSidebar").get_by_text("Only sites near a position").click()
        wait_for_app(page)
        locate = page.frame_locator("iframe[title*='geolocation']").get_by_role(
            "button", name="Use my location")
        locate.click()
        page.get_by_text("5 site(s) within 5 km, nearest first").wait_for()
        wait_for_app(page)
        position = page.get_by_role("textbox", name="Position: longitude, latitude")
        assert position.input_value() == "106.629000, 26.645000"
        assert page.get_by_text("Located to within about 30 m.").is_visible()
        map_frame(page).locator(".eco-near-position").wait_for(state="attached")
    finally:
        context.close()


def test_the_list_opens_a_site_by_keyboard(page: Any, server: Any) -> None:
    open_app(page, server)
    picker = page.get_by_role("combobox", name="Open a site's details (type to search)")
    picker.focus()
    page.keyboard.type("Qianling")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Qianling Mountain Park").wait_for()
    # The link is updated when the run that opened the panel finishes.
    page.wait_for_url(re.compile(r"[?&]site=qianling-park(&|$)"))
    wait_for_app(page)
    assert page.get_by_role("heading", name="Qianling Mountain Park").is_visible()


def test_every_image_has_alternative_text(page: Any, server: Any) -> None:
    open_app(page, server, "?site=guanshanhu-park")
    frame = map_frame(page)
    site_markers(frame).first.wait_for()
    labelled = 0
    for scope in (page, frame):
        assert scope.locator("img:not([alt])").count() == 0
        labels = scope.locator("[role='img']").evaluate_all(
            "els => els.map(e => e.getAttribute('aria-label') || '')")
        assert all(label.strip() for label in labels)
        labelled += len(labels)
    assert labelled >= 3 + 1  # legend symbols and at least the selected site's marker
