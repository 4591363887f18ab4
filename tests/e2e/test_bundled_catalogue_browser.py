"""The bundled catalogue in a browser: clustered markers add up to the filtered sites."""

from __future__ import annotations

from typing import Any

import pytest

from ecosites import schema
from ecosites.catalog import load_catalog
from ecosites.paths import BUNDLED_GEODATA
from tests.e2e.conftest import map_frame, open_app, shown_site_total, site_markers

pytestmark = pytest.mark.e2e

SERVER_ENV = {"ECOSITES_TILES": "osm"}
SITES = load_catalog(BUNDLED_GEODATA).sites


def _wait_for_any_marker(frame: Any) -> None:
    frame.locator(".leaflet-marker-pane .eco-pin[data-site-id], .marker-cluster").first.wait_for()


@pytest.mark.parametrize(
    ("query", "category"),
    [("", None), ("?cat=urban-restoration", "urban-restoration"),
     ("?cat=conservation-history", "conservation-history")],
)
def test_markers_and_clusters_add_up_to_the_filtered_sites(
    page: Any, server: Any, query: str, category: str | None
) -> None:
    expected = len(SITES) if category is None else int((SITES[schema.CATEGORY] == category).sum())
    open_app(page, server, query)
    frame = map_frame(page)
    _wait_for_any_marker(frame)
    assert shown_site_total(frame) == expected
    assert page.get_by_text(f"{expected} of {len(SITES)} sites").is_visible()


def test_only_tile_requests_leave_the_app(page: Any, server: Any) -> None:
    open_app(page, server)
    _wait_for_any_marker(map_frame(page))
    own_host = server.url.split("//", 1)[1]
    assert page.request_log.hosts() - {own_host} <= {"tile.openstreetmap.org"}
    assert site_markers(map_frame(page)).count() >= 1
