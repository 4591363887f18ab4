"""In a real browser with ECOSITES_TILES=none: a note says the basemap is off, in the page's
language, and from a closer zoom every marker shows its name in that language."""

from __future__ import annotations

from typing import Any

import pytest

from ecosites.mapview import NAMES_FROM_ZOOM
from tests.e2e.conftest import MAP_IFRAME, map_frame, open_app, site_markers

pytestmark = pytest.mark.e2e

SERVER_ENV = {"ECOSITES_TILES": "none"}  # the bundled 15 sites
PARK = "guanshanhu-park"
PARK_LAT_LON = (26.645, 106.629)


def zoom_to(frame: Any, zoom: int) -> None:
    """Centre on the park at ``zoom`` and wait until Leaflet reports that zoom."""
    frame.evaluate("([lat, lon, zoom]) => window.map.setView([lat, lon], zoom, {animate: false})",
                   [*PARK_LAT_LON, zoom])
    frame.wait_for_function("(zoom) => window.map.getZoom() === zoom", arg=zoom)


def park_name(frame: Any) -> Any:
    """The name shown beside the park's pin."""
    return frame.locator(f".eco-pin[data-site-id='{PARK}'] + .eco-name")


@pytest.mark.parametrize(("query", "note", "lang", "name"), [
    ("", "Basemap off: positions only, no streets or place names.", "en", "Guanshanhu Park"),
    ("?lang=zh", "底图已关闭：仅显示位置，无街道和地名。", "zh-Hans", "观山湖公园"),
])
def test_the_note_and_names_are_in_the_chosen_language(
    page: Any, server: Any, query: str, note: str, lang: str, name: str
) -> None:
    open_app(page, server, query)
    frame = map_frame(page)
    site_markers(frame).first.wait_for()
    shown_note = frame.get_by_test_id("map-no-basemap")
    assert shown_note.inner_text() == note
    assert shown_note.get_attribute("lang") == lang
    assert shown_note.get_attribute("role") == "note"
    leaflet = page.wait_for_selector(MAP_IFRAME).content_frame()  # a Frame runs Leaflet calls
    zoom_to(leaflet, NAMES_FROM_ZOOM - 1)
    assert not park_name(frame).first.is_visible()
    zoom_to(leaflet, NAMES_FROM_ZOOM + 2)  # past clustering: the park's pin stands alone
    label = park_name(frame)
    label.wait_for()
    assert label.inner_text() == name
    assert label.get_attribute("lang") == lang
    assert label.get_attribute("aria-hidden") == "true"  # the pin's aria-label already says it
