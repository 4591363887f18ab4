"""Staff intake in a real browser: sign in, upload a file, publish, find the site on the explore page."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import feature_collection, make_site
from tests.e2e.conftest import map_frame, open_app, wait_for_app

pytestmark = pytest.mark.e2e

PASSWORD = "e2e staff password"
CATALOG_FEATURES = [make_site(id="existing-site", name_en="Existing Site", lon=106.45, lat=26.45)]
SERVER_ENV = {"ECOSITES_TILES": "none", "ECOSITES_STAFF_PASSWORD": PASSWORD}
NEW_SITE = make_site(id="browser-wetland", name_en="Browser Wetland", name_zh="浏览器湿地",
                     lon=107.0, lat=27.0)


def test_staff_url_without_sign_in_shows_no_upload(page: Any, server: Any) -> None:
    """Guards against reaching the staff page by its address alone."""
    open_app(page, server, "staff")
    assert page.locator("input[type=file]").count() == 0
    assert page.get_by_text("Staff: add and correct sites").count() == 0


def test_upload_publish_and_find_the_site_on_the_explore_page(page: Any, server: Any, tmp_path: Path) -> None:
    upload = tmp_path / "browser.geojson"
    upload.write_text(json.dumps(feature_collection([NEW_SITE]), ensure_ascii=False), encoding="utf-8")

    open_app(page, server, "staff_signin")
    page.get_by_label("Your name (recorded with every change)").fill("E2E Tester")
    page.get_by_label("Staff password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Staff: add and correct sites").wait_for()
    wait_for_app(page)

    page.locator("input[type=file]").set_input_files(str(upload))
    page.get_by_text("1 added · 0 changed · 1 unchanged · 0 removed").wait_for()
    wait_for_app(page)
    page.get_by_role("button", name="Publish", exact=True).click()
    page.get_by_text("Published version 2").wait_for()

    published = json.loads((server.catalog_dir / "sites.geojson").read_text(encoding="utf-8"))
    assert [f["properties"]["id"] for f in published["features"]] == ["existing-site", "browser-wetland"]

    open_app(page, server)  # the explore page is the default page, at the root
    page.get_by_text("2 of 2 sites").wait_for()
    frame = map_frame(page)
    marker = frame.locator(".eco-pin[data-site-id='browser-wetland']")
    marker.wait_for()
    # The list is drawn on a canvas, so the marker's accessible name is what text there is.
    assert marker.get_attribute("aria-label") == "Browser Wetland · 浏览器湿地"
