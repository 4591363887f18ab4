"""AppTest helpers: run the real entry script against a chosen catalogue."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Element

from ecosites import state
from tests.conftest import REPO

APP_TIMEOUT_S = 60


@pytest.fixture
def app_env(monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    """Set ECOSITES_* variables for the app under test (tiles off by default)."""
    monkeypatch.setenv("ECOSITES_TILES", "none")
    monkeypatch.delenv("ECOSITES_GEODATA", raising=False)

    def setter(**values: str) -> None:
        for name, value in values.items():
            monkeypatch.setenv(f"ECOSITES_{name.upper()}", value)

    return setter


def run_app(query: dict[str, str] | None = None, page: str = "streamlit_app.py") -> AppTest:
    """Run the app once (optionally with URL query parameters) and return the AppTest."""
    at = AppTest.from_file(str(REPO / page), default_timeout=APP_TIMEOUT_S)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    return at


def elements(at: AppTest, element_type: str) -> list[Element]:
    """The elements of a type AppTest has no accessor for (download buttons, components)."""
    found = at.get(element_type)
    assert all(isinstance(node, Element) for node in found), f"{element_type} holds blocks"
    return [node for node in found if isinstance(node, Element)]


def run_page(page: str, query: dict[str, str] | None = None) -> AppTest:
    """Run the entry script switched to ``page`` (as a click in the navigation would), once."""
    at = AppTest.from_file(str(REPO / "streamlit_app.py"), default_timeout=APP_TIMEOUT_S)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.switch_page(page)
    at.run()
    assert not at.exception
    return at


def page_components(at: AppTest) -> list[Element]:
    """The custom components a page drew, without the plan keeper every page has in its sidebar."""
    return [node for node in elements(at, "component_instance") if node.key != state.PLAN_STORAGE]


def map_args(at: AppTest) -> dict[str, Any]:
    """The arguments the st_folium component received (script, feature_group, links)."""
    components = page_components(at)
    assert components, "no map component rendered"
    args: dict[str, Any] = json.loads(components[0].proto.json_args)
    return args


def markdown_text(at: AppTest) -> str:
    """All Markdown shown on the page, main area and sidebar, joined, backslash escapes undone."""
    return re.sub(r"\\(.)", r"\1", "\n".join(m.value for m in at.markdown))


def layer_data(at: AppTest, draw: str) -> dict[str, Any]:
    """The JSON a map layer hands to ``window.ecoSites.<draw>`` (fill, route, position)."""
    feature_group = map_args(at)["feature_group"]
    start = feature_group.index(", ", feature_group.index(f"window.ecoSites.{draw}(")) + 2
    payload: dict[str, Any] = json.JSONDecoder().raw_decode(feature_group, start)[0]
    return payload


def shown_site_ids(at: AppTest) -> list[str]:
    """Ids of the sites in the map layer the component received."""
    return [row[3] for row in layer_data(at, "fill")["sites"]]
