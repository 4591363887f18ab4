"""The visit plan stays in a real browser: a reload without the plan's parameters brings it back
from this browser's localStorage, and a link that carries a plan wins over the kept one."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import open_app, wait_for_app, wait_for_url_parts

pytestmark = pytest.mark.e2e

SERVER_ENV = {"ECOSITES_TILES": "none"}
STORAGE_KEY = "ecosites.plan.v1"


def kept_plan(page: Any) -> Any:
    """What this browser's localStorage holds for the plan (the app's origin, read from the page)."""
    return page.evaluate(f"() => JSON.parse(window.localStorage.getItem('{STORAGE_KEY}') || 'null')")


def test_a_reload_without_the_plan_in_the_link_restores_it(page: Any, server: Any) -> None:
    open_app(page, server, "?site=guanshanhu-park")
    page.get_by_role("button", name="Add to visit plan").click()
    wait_for_app(page)
    wait_for_url_parts(page, "plan=guanshanhu-park")
    page.wait_for_function(
        f"() => (JSON.parse(localStorage.getItem('{STORAGE_KEY}') || '{{}}').plan || '')"
        " === 'guanshanhu-park'")

    open_app(page, server, "plan")  # a reload of the planner without any parameter
    wait_for_url_parts(page, "/plan", "plan=guanshanhu-park")
    wait_for_app(page)
    stops = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").first
    assert "Guanshanhu Park" in stops.inner_text()

    open_app(page, server, "compare")  # another page, also without parameters, carries it too
    wait_for_url_parts(page, "/compare", "plan=guanshanhu-park")


def test_a_link_with_a_plan_wins_over_the_kept_one(page: Any, server: Any) -> None:
    open_app(page, server, "?site=guanshanhu-park")
    page.get_by_role("button", name="Add to visit plan").click()
    wait_for_app(page)
    wait_for_url_parts(page, "plan=guanshanhu-park")

    open_app(page, server, "plan?plan=qianling-park")
    wait_for_app(page)
    wait_for_url_parts(page, "plan=qianling-park")
    page.wait_for_function(
        f"() => (JSON.parse(localStorage.getItem('{STORAGE_KEY}') || '{{}}').plan || '')"
        " === 'qianling-park'")
    assert "guanshanhu-park" not in page.url
    assert kept_plan(page)["plan"] == "qianling-park"
    storage = page.locator("[class*='st-key-app-plan_storage']")
    assert storage.count() == 1
    assert not storage.is_visible()  # no gap, nothing to see
