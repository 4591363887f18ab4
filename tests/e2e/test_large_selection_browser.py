"""Past the browser limit: counts by area when zoomed out, the sites themselves when zoomed in."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.conftest import make_site
from tests.e2e.conftest import cluster_counts, map_frame, open_app, site_markers, wait_for_app

pytestmark = pytest.mark.e2e

# A catalogue past the browser limit (3 for 250,000) follows the map's view; a marker limit
# of 2 stands in for 20,000: three sites in the south, one in the north.
SERVER_ENV = {"ECOSITES_TILES": "none", "ECOSITES_MAP_MARKER_LIMIT": "2",
              "ECOSITES_MAP_BROWSER_LIMIT": "3"}
CATALOG_FEATURES = [
    make_site(id="south-a", name_en="South A", lon=106.60, lat=26.40),
    make_site(id="south-b", name_en="South B", lon=106.605, lat=26.405),
    make_site(id="south-c", name_en="South C", lon=106.61, lat=26.41),
    make_site(id="north-a", name_en="North A", lon=106.70, lat=26.90),
]


def test_counts_by_area_then_sites_after_zooming_in(page: Any, server: Any) -> None:
    open_app(page, server)
    frame = map_frame(page)
    frame.locator(".eco-cell").first.wait_for()
    assert sorted(cluster_counts(frame)) == [1, 3]
    assert site_markers(frame).count() == 0
    assert page.get_by_text("4 sites are more than the map draws one by one").is_visible()

    # Zoom in on the northern group: the map reports its bounds and gets the site itself.
    frame.locator(".eco-cell", has_text="1").click()
    frame.locator(".eco-pin[data-site-id='north-a']").wait_for()
    wait_for_app(page)
    assert frame.locator(".eco-cell").count() == 0
    # The run writes the caption after the map, so it can reach the page after the pin: wait.
    expect(page.get_by_text("The map draws the 1 sites in and around its view, of 4")).to_be_visible()
    assert page.errors == []
