"""A shared link must work as the very first request a fresh server sees, at any address."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import open_app

pytestmark = pytest.mark.e2e


def _assert_clean_explore(page: Any, heading: str) -> None:
    page.get_by_role("heading", name=heading).wait_for()
    nav = page.locator("[data-testid='stSidebarNav']")
    assert nav.get_by_text("Explore").is_visible()
    assert nav.get_by_text("Visit planner").is_visible()
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.get_by_text("Page not found").count() == 0


def test_first_request_to_a_fresh_server_can_be_a_deep_link(page: Any, server: Any) -> None:
    """Guards against Streamlit running pages/*.py alone (old multipage mode) until '/' is loaded."""
    open_app(page, server, "explore?site=guanshanhu-park")
    _assert_clean_explore(page, "Guanshanhu Park")
    assert "site=guanshanhu-park" in page.url


@pytest.mark.parametrize("address", ["?site=qianling-park", "explore?site=qianling-park"])
def test_explore_links_work_with_and_without_the_page_name(page: Any, server: Any, address: str) -> None:
    """Guards against 'Page not found' for /explore: the default page is served at /."""
    open_app(page, server, address)
    _assert_clean_explore(page, "Qianling Mountain Park")
    assert "site=qianling-park" in page.url
