"""The detail panel in Chromium: open now (clock fixed by ECOSITES_NOW) and the map links."""

from __future__ import annotations

import math
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from ecosites.catalog import load_catalog, site_row
from ecosites.coords import wgs84_to_gcj02
from ecosites.paths import BUNDLED_GEODATA
from tests.e2e.conftest import open_app

pytestmark = pytest.mark.e2e

SERVER_ENV = {"ECOSITES_NOW": "2026-12-02T10:00"}  # a Wednesday morning in Guiyang
MUSEUM = "guizhou-geological-museum"


def _metres(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Haversine distance in metres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371008.8 * math.asin(math.sqrt(h))


def test_amap_link_in_the_rendered_panel_carries_the_gcj02_position(page: Any, server: Any) -> None:
    """At 1400x900 the Amap link's position equals the GCJ-02 conversion of the marker."""
    page.set_viewport_size({"width": 1400, "height": 900})
    open_app(page, server, f"explore?site={MUSEUM}")
    link = page.get_by_role(
        "link", name="Open in Amap: Geological Museum of Guizhou (opens in a new tab)")
    link.wait_for()
    assert link.get_attribute("target") == "_blank"
    assert "noopener" in (link.get_attribute("rel") or "").split()
    url = urlsplit(link.get_attribute("href") or "")
    assert (url.netloc, url.path) == ("uri.amap.com", "/marker")
    lon, lat = (float(v) for v in parse_qs(url.query)["position"][0].split(","))
    site = site_row(load_catalog(BUNDLED_GEODATA).sites, MUSEUM)
    assert _metres(lon, lat, *wgs84_to_gcj02(site["lon"], site["lat"])) < 1.0
    assert parse_qs(url.query)["name"] == ["贵州省地质博物馆"]
    caption = page.get_by_text("The position is approximate (within about 2.5 km)")
    assert caption.is_visible()


@pytest.mark.parametrize(("lang", "viewport", "text"), [
    ("en", {"width": 1400, "height": 900}, "Open now · closes 17:00 · last entry 16:00"),
    ("zh", {"width": 390, "height": 844}, "正在开放 · 17:00 关闭 · 最晚入场 16:00"),
])
def test_open_now_line_says_it_in_words_and_colour(page: Any, server: Any, lang: str,
                                                   viewport: dict[str, int], text: str) -> None:
    """The line is words first; its green repeats them (rgb(26, 116, 49), 5.9:1 on white)."""
    page.set_viewport_size(viewport)
    open_app(page, server, f"explore?site={MUSEUM}&lang={lang}")
    line = page.locator(".eco-opening")
    line.wait_for()
    assert line.inner_text() == text
    # The app's stylesheet reaches the page a moment after the first elements (Streamlit
    # renders its style-only event container later), so the colour is waited for.
    expect(line).to_have_css("color", "rgb(26, 116, 49)")
