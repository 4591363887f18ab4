"""The visit plan stays in a real browser: a reload without the plan's parameters brings it back
from this browser's localStorage, and a link that carries a plan wins over the kept one."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import count_component_values, open_app, wait_for_app, wait_for_url_parts

pytestmark = pytest.mark.e2e

SERVER_ENV = {"ECOSITES_TILES": "none"}
STORAGE_KEY = "ecosites.plan.v1"
KEEPER_FRAME = "[class*='st-key-app-plan_storage'] iframe"


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




def wait_for_keeper(page: Any, kept: str) -> None:
    """Wait until the plan keeper has read this browser's storage ('none' or 'plan' kept)."""
    page.frame_locator(KEEPER_FRAME).locator(f"body[data-kept='{kept}']").wait_for(state="attached")
    wait_for_app(page)


def open_about_in_session(page: Any) -> None:
    """Follow the navigation to the green record page, in the same session."""
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Guiyang's green record").click()
    page.get_by_role("heading", name="Guiyang's green record", level=1).wait_for()
    wait_for_app(page)


def test_with_nothing_kept_the_keeper_never_reruns_the_page(page: Any, server: Any) -> None:
    """Each value the keeper sends reruns the page, and one landing just after a tap on the
    navigation took the visitor back to the page they were leaving: with nothing kept there is
    nothing to report, on the first page or any later one."""
    keeper_values = count_component_values(page, "plan_storage")
    open_app(page, server)
    wait_for_keeper(page, "none")
    assert keeper_values() == 0
    open_about_in_session(page)
    wait_for_keeper(page, "none")
    assert keeper_values() == 0
    assert kept_plan(page) is None


def test_a_kept_plan_is_reported_once_per_session(page: Any, server: Any) -> None:
    """The kept plan costs the first page one rerun to show it, and no later page another."""
    open_app(page, server)
    page.evaluate(f"() => localStorage.setItem('{STORAGE_KEY}', JSON.stringify({{plan: 'qianling-park'}}))")
    keeper_values = count_component_values(page, "plan_storage")
    open_app(page, server)  # a new session in the same browser: the plan was kept
    wait_for_url_parts(page, "plan=qianling-park")
    wait_for_keeper(page, "plan")
    assert keeper_values() == 1
    open_about_in_session(page)
    wait_for_keeper(page, "plan")
    wait_for_url_parts(page, "/about", "plan=qianling-park")
    assert keeper_values() == 1
    assert kept_plan(page)["plan"] == "qianling-park"
