"""The place panel and the map's view, on a 1400x900 desktop and a 390x844 touch phone.

What a user picks shows beside the map (desktop) or right under it (phone) without
scrolling; a selection leaves the map where the user put it; the map fits the results
when they change; one finger over the map scrolls the page on a phone.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import make_site
from tests.e2e.conftest import (
    APP_IDLE_TIMEOUT_MS,
    MAP_IFRAME,
    RequestLog,
    map_frame,
    open_app,
    site_markers,
    wait_for_app,
    wait_for_url_parts,
)

pytestmark = pytest.mark.e2e

# Far enough apart that none cluster at the fitted zoom; two have "lake" in their names.
POSITIONS = {"guanshanhu-park": (106.62, 26.64), "hongfeng-lake": (106.42, 26.50),
             "baihua-lake": (106.55, 26.75), "digital-village": (106.80, 26.45)}
CATALOG_FEATURES = [
    # No 湖 in its Chinese name: the search for "lake" also finds 湖.
    make_site(id="guanshanhu-park", name_en="Guanshanhu Park", name_zh="观山公园",
              lon=106.62, lat=26.64, category="urban-restoration"),
    make_site(id="hongfeng-lake", name_en="Hongfeng Lake", name_zh="红枫湖",
              lon=106.42, lat=26.50, category="urban-restoration"),
    make_site(id="baihua-lake", name_en="Baihua Lake", name_zh="百花湖",
              lon=106.55, lat=26.75, category="urban-restoration"),
    make_site(id="digital-village", name_en="Digital Village", name_zh="数字村",
              lon=106.80, lat=26.45, category="green-industry", tags=["digital-industry"]),
]
SERVER_ENV = {"ECOSITES_TILES": "none"}
SIZES: dict[str, dict[str, Any]] = {"desktop": {"viewport": {"width": 1400, "height": 900}},
                                     "phone": {"viewport": {"width": 390, "height": 844},
                                               "is_mobile": True, "has_touch": True}}
ROW_HEIGHT_PX = 35  # Streamlit's data grid: header and rows


def _new_page(browser: Any, size: str) -> Any:
    context = browser.new_context(locale="en-US", **SIZES[size])
    page = context.new_page()
    page.request_log = RequestLog()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.set_default_timeout(APP_IDLE_TIMEOUT_MS)
    return page


@pytest.fixture
def desktop(browser: Any) -> Iterator[Any]:
    """A 1400x900 page."""
    page = _new_page(browser, "desktop")
    yield page
    page.context.close()


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    """A 390x844 touch page, as a phone."""
    page = _new_page(browser, "phone")
    yield page
    page.context.close()


def _map(page: Any) -> Any:
    """The map frame's Frame (to evaluate and wait in), once its markers are drawn."""
    site_markers(map_frame(page)).first.wait_for()
    return page.locator(MAP_IFRAME).element_handle().content_frame()


def _view(frame: Any) -> list[float]:
    return list(frame.evaluate(
        "() => { const c = window.map.getCenter(); return [c.lat, c.lng, window.map.getZoom()]; }"))


def _heading_in_viewport(page: Any, name: str) -> None:
    heading = page.get_by_role("heading", name=name, level=3)
    heading.wait_for()
    wait_for_app(page)
    box = heading.bounding_box()
    viewport = page.viewport_size
    assert box is not None
    assert box["y"] >= 0, box
    assert box["y"] + box["height"] <= viewport["height"], box
    assert box["x"] >= 0, box
    assert box["x"] + box["width"] <= viewport["width"], box


def _click_list_row(page: Any, name: str) -> None:
    """Click the name cell (not the checkbox) of the list row showing ``name``."""
    grid = page.get_by_test_id("stDataFrame")
    grid.wait_for()
    row = page.evaluate(
        "(name) => [...document.querySelectorAll(\"[data-testid='stDataFrame'] td[role='gridcell']"
        "[aria-colindex='1']\")].findIndex(td => td.textContent.startsWith(name))", name)
    assert row >= 0, f"{name} is not in the list"
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 120, box["y"] + ROW_HEIGHT_PX * (row + 1) + ROW_HEIGHT_PX / 2)


def _wait_for_fit(frame: Any, before: str | None) -> None:
    frame.wait_for_function("(key) => window.ecoSites.fitKey && window.ecoSites.fitKey !== key",
                            arg=before)


def _contains_all(frame: Any, site_ids: list[str]) -> bool:
    points = [[POSITIONS[i][1], POSITIONS[i][0]] for i in site_ids]
    return bool(frame.evaluate(
        "(points) => points.every(p => window.map.getBounds().contains(p))", points))


def test_a_marker_click_opens_the_panel_beside_the_map_and_leaves_the_view(desktop: Any,
                                                                          server: Any) -> None:
    page = desktop
    open_app(page, server)
    frame = _map(page)
    before = _view(frame)
    map_frame(page).locator(".eco-pin[data-site-id='digital-village']").click()
    _heading_in_viewport(page, "Digital Village")
    wait_for_url_parts(page, "site=digital-village")
    map_box = page.locator(MAP_IFRAME).bounding_box()
    heading_box = page.get_by_role("heading", name="Digital Village", level=3).bounding_box()
    assert heading_box["x"] > map_box["x"] + map_box["width"]  # beside the map, not under it
    assert _view(frame) == pytest.approx(before)
    assert page.get_by_test_id("stDataFrame").count() == 0  # the panel replaces the list
    page.get_by_role("button", name="Close details").click()
    page.get_by_test_id("stDataFrame").wait_for()
    assert _view(frame) == pytest.approx(before)


def test_the_tooltip_names_the_site_and_its_category(desktop: Any, server: Any) -> None:
    page = desktop
    open_app(page, server)
    _map(page)
    map_frame(page).locator(".eco-pin[data-site-id='digital-village']").hover()
    tooltip = map_frame(page).locator(".leaflet-tooltip")
    tooltip.wait_for()
    lines = [line for line in tooltip.inner_text().split("\n") if line]
    assert lines == ["Digital Village · 数字村", "Green industry"]


def test_a_click_on_a_list_rows_name_selects_it(desktop: Any, server: Any) -> None:
    page = desktop
    open_app(page, server)
    frame = _map(page)
    before = _view(frame)
    _click_list_row(page, "Baihua Lake")
    _heading_in_viewport(page, "Baihua Lake")
    wait_for_url_parts(page, "site=baihua-lake")
    map_frame(page).locator(".eco-pin.eco-selected[data-site-id='baihua-lake']").wait_for()
    assert _view(frame) == pytest.approx(before)


def test_after_closing_details_a_search_opens_nothing(desktop: Any, server: Any) -> None:
    """Guards against the stale pick: tick Guanshanhu in the list, Close details, search
    "lake": no site opens although the ticked row now shows a lake."""
    page = desktop
    open_app(page, server)
    _map(page)
    _click_list_row(page, "Guanshanhu Park")
    _heading_in_viewport(page, "Guanshanhu Park")
    page.get_by_role("button", name="Close details").click()
    page.get_by_test_id("stDataFrame").wait_for()
    wait_for_app(page)
    box = page.get_by_label("Search names and highlights")
    box.fill("lake")
    box.press("Enter")
    page.get_by_text("2 of 4 sites").wait_for()
    wait_for_app(page)
    # No panel: the list's own heading is back and nothing offers to close details.
    assert page.get_by_role("button", name="Close details").count() == 0
    assert page.get_by_role("heading", name="Sites", level=3).is_visible()
    assert "site=" not in page.url
    assert page.get_by_test_id("stDataFrame").is_visible()


def test_a_filter_change_and_show_all_fit_the_map_to_the_results(desktop: Any, server: Any) -> None:
    page = desktop
    open_app(page, server)
    frame = _map(page)
    assert _contains_all(frame, list(POSITIONS))
    key = frame.evaluate("() => window.ecoSites.fitKey")
    frame.evaluate("() => window.map.setView([26.0, 107.5], 14, {animate: false})")
    assert not _contains_all(frame, ["hongfeng-lake"])
    box = page.get_by_label("Search names and highlights")
    box.fill("lake")
    box.press("Enter")
    page.get_by_text("2 of 4 sites").wait_for()
    wait_for_app(page)
    _wait_for_fit(frame, key)
    assert _contains_all(frame, ["hongfeng-lake", "baihua-lake"])
    frame.evaluate("() => window.map.setView([26.0, 107.5], 14, {animate: false})")
    map_frame(page).get_by_role("button", name="Show all results").click()
    frame.wait_for_function("() => window.map.getBounds().contains([26.5, 106.42])")
    assert _contains_all(frame, ["hongfeng-lake", "baihua-lake"])


def test_a_link_to_a_site_outside_its_filter_shows_it_and_offers_to_clear(desktop: Any,
                                                                         server: Any) -> None:
    page = desktop
    open_app(page, server, "?cat=urban-restoration&q=lake&site=guanshanhu-park")
    frame = _map(page)
    _heading_in_viewport(page, "Guanshanhu Park")
    assert page.get_by_text("is outside the current filter").is_visible()
    map_frame(page).locator(".eco-pin.eco-selected[data-site-id='guanshanhu-park']").wait_for()
    assert _contains_all(frame, ["guanshanhu-park"])
    page.get_by_role("button", name="Clear the filter").click()
    page.get_by_text("4 of 4 sites").wait_for()
    wait_for_app(page)
    assert page.get_by_role("heading", name="Guanshanhu Park", level=3).is_visible()
    assert page.get_by_text("is outside the current filter").count() == 0


def test_on_a_phone_one_finger_over_the_map_scrolls_the_page(phone: Any, server: Any) -> None:
    page = phone
    open_app(page, server)
    frame = _map(page)
    before = _view(frame)
    map_box = page.locator(MAP_IFRAME).bounding_box()
    assert map_box["y"] + map_box["height"] <= 844  # the whole (shorter) map is on the first screen
    x, y = map_box["x"] + map_box["width"] / 2, map_box["y"] + map_box["height"] * 0.7
    cdp = page.context.new_cdp_session(page)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    for step in range(1, 11):
        cdp.send("Input.dispatchTouchEvent",
                 {"type": "touchMove", "touchPoints": [{"x": x, "y": y - 25 * step}]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    page.wait_for_function(
        "(top) => document.querySelector('iframe[src*=\"streamlit_folium\"]')"
        ".getBoundingClientRect().top < top - 100", arg=map_box["y"])
    assert _view(frame) == pytest.approx(before)
    hint = frame.evaluate(
        "() => window.map.getContainer().getAttribute('data-gesture-handling-touch-content')")
    assert hint == "Use two fingers to move the map"


def test_on_a_phone_a_tapped_marker_shows_its_details_on_the_first_screen(phone: Any,
                                                                         server: Any) -> None:
    page = phone
    open_app(page, server)
    _map(page)
    # Baihua Lake is the northernmost: clear of the legend in the map's lower corner.
    map_frame(page).locator(".eco-pin[data-site-id='baihua-lake']").tap()
    _heading_in_viewport(page, "Baihua Lake")
    map_box = page.locator(MAP_IFRAME).bounding_box()
    heading_box = page.get_by_role("heading", name="Baihua Lake", level=3).bounding_box()
    assert heading_box["y"] > map_box["y"] + map_box["height"]  # a sheet under the map
    assert page.errors == []


@pytest.mark.parametrize(("lang", "name"), [("en", "Hongfeng Lake"), ("zh", "红枫湖")])
def test_on_a_phone_a_link_to_a_site_shows_its_details_on_the_first_screen(
        phone: Any, server: Any, lang: str, name: str) -> None:
    """The map frame takes its height after the panel's heading has focus: the heading stays in view."""
    page = phone
    open_app(page, server, f"?site=hongfeng-lake&lang={lang}")
    _map(page)
    _heading_in_viewport(page, name)
    assert page.errors == []
