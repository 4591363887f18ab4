"""20,000 sites grouped in the browser: pans and zooms never reach the server, clicks do.

Explore sends every site once as a static file and regroups them with supercluster on
each move (static/js/sites.js ``browse``). That no pan or zoom reruns the script is
proved by the page's websocket: nothing is sent to the server while the map moves.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import make_site
from tests.e2e.conftest import MAP_IFRAME, map_frame, open_app, site_markers, wait_for_app

pytestmark = pytest.mark.e2e

COLUMNS, ROWS = 200, 100  # a regular grid over Guiyang, 20,000 sites
WEST, SOUTH, EAST, NORTH = 106.20, 26.25, 107.20, 27.30
LONE = {"id": "lone-heron", "name_en": "Lone Heron Wetland", "name_zh": "孤鹭湿地",
        "lon": 106.7025, "lat": 26.7775}  # between grid points
CATALOG_FEATURES = [
    make_site(id=f"grid-{row:03d}-{column:03d}", name_en=f"Grid Park {row}-{column}",
              name_zh=f"网格公园{row}-{column}",
              lon=round(WEST + (EAST - WEST) * column / (COLUMNS - 1), 6),
              lat=round(SOUTH + (NORTH - SOUTH) * row / (ROWS - 1), 6))
    for row in range(ROWS) for column in range(COLUMNS - 1 if row == 0 else COLUMNS)
] + [make_site(**LONE)]
SERVER_ENV = {"ECOSITES_TILES": "none"}


def _group_counts(frame: Any) -> list[int]:
    return [int(text.replace(",", ""))
            for text in frame.locator(".leaflet-marker-pane .marker-cluster span").all_inner_texts()]


def _frame(page: Any) -> Any:
    """The map's Frame, to read what the map script counts."""
    return next(f for f in page.frames if "streamlit_folium" in f.url)


def _draws(page: Any) -> int:
    return int(_frame(page).evaluate("() => window.ecoSites.draws || 0"))


def _wait_for_draw_after(page: Any, before: int) -> None:
    _frame(page).wait_for_function("(n) => (window.ecoSites.draws || 0) > n", arg=before)


@pytest.fixture
def sent(page: Any) -> list[str]:
    """Every websocket message the page sends to the server (a rerun needs one)."""
    messages: list[str] = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda payload: messages.append(str(payload))))
    return messages


def test_pan_and_zoom_regroup_in_the_browser_without_a_rerun(page: Any, server: Any,
                                                             sent: list[str]) -> None:
    open_app(page, server)
    frame = map_frame(page)
    frame.locator(".leaflet-marker-pane .marker-cluster").first.wait_for()
    assert page.get_by_text("20,000 of 20,000 sites").is_visible()
    wait_for_app(page)
    before_moves = len(sent)
    assert before_moves > 0  # the listener hears what the page sends
    first = _group_counts(frame)
    assert max(first) > 100

    draws = _draws(page)
    frame.locator(".leaflet-control-zoom-in").click()
    _wait_for_draw_after(page, draws)
    _frame(page).wait_for_function("() => !document.querySelector('.leaflet-zoom-anim')")
    assert max(_group_counts(frame)) < max(first)  # the groups split

    box = page.locator(MAP_IFRAME).bounding_box()
    draws = _draws(page)
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 - 200, box["y"] + box["height"] / 2 - 80, steps=8)
    page.mouse.up()
    _wait_for_draw_after(page, draws)

    group = frame.locator(".leaflet-marker-pane .marker-cluster").first
    assert group.get_attribute("role") == "button"
    assert group.get_attribute("aria-label") == f"Cluster of {group.inner_text()} sites: zoom in"
    zoom = _frame(page).evaluate("() => window.map.getZoom()")
    group.focus()
    group.press("Enter")  # a group zooms in on Enter, as on a click
    _frame(page).wait_for_function("(z) => window.map.getZoom() > z", arg=zoom)
    assert sent[before_moves:] == []
    assert page.errors == []


def test_a_click_on_a_site_opens_it_and_a_filter_change_redraws(page: Any, server: Any) -> None:
    open_app(page, server)
    frame = map_frame(page)
    frame.locator(".leaflet-marker-pane .marker-cluster").first.wait_for()
    draws = _draws(page)
    _frame(page).evaluate("([lat, lon]) => window.map.setView([lat, lon], 16, {animate: false})",
                          [LONE["lat"], LONE["lon"]])
    _wait_for_draw_after(page, draws)
    lone = frame.locator(f".eco-pin[data-site-id='{LONE['id']}']")
    lone.click()
    page.get_by_role("heading", name=LONE["name_en"], level=3).wait_for()
    wait_for_app(page)
    frame.locator(f".eco-pin.eco-selected[data-site-id='{LONE['id']}']").wait_for()

    page.get_by_role("button", name="Close details").click()
    wait_for_app(page)
    box = page.get_by_label("Search names and highlights")
    box.fill("heron")
    box.press("Enter")
    frame.locator(".leaflet-marker-pane .marker-cluster").first.wait_for(state="detached")
    wait_for_app(page)
    assert [m.get_attribute("data-site-id") for m in site_markers(frame).all()] == [LONE["id"]]
    assert page.get_by_text("1 of 20,000 sites").is_visible()
    assert page.errors == []
