"""A shared link must work as the very first request a fresh server sees."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import open_app

pytestmark = pytest.mark.e2e


def test_first_request_to_a_fresh_server_can_be_a_deep_link(page: Any, server: Any) -> None:
    """Guards against Streamlit running pages/*.py alone (old multipage mode) until '/' is loaded."""
    open_app(page, server, "explore?site=guanshanhu-park")
    page.get_by_role("heading", name="Guanshanhu Park").wait_for()
    nav = page.locator("[data-testid='stSidebarNav']")
    assert nav.get_by_text("Explore").is_visible()
    assert nav.get_by_text("Visit planner").is_visible()
    assert page.locator("[data-testid='stException']").count() == 0
    assert "site=guanshanhu-park" in page.url
