"""AppTest helpers: run the real entry script against a chosen catalogue."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Element

from ecosites import state
from ecosites.paths import STATIC_DIR
from ecosites.sitefiles import SITE_FILES_DIR
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


def site_layer(at: AppTest) -> dict[str, Any]:
    """The site layer as ``fill`` reads it, also for Explore's browser layer (``browse``).

    A browser layer names a static file of every site and sends which rows are visible;
    here they become ``fill``'s rows (catalogue order, the selected site included) again.
    """
    if "window.ecoSites.browse(" not in map_args(at)["feature_group"]:
        return layer_data(at, "fill")
    payload = layer_data(at, "browse")
    name = payload["url"].rsplit("/", 1)[1]
    sites = json.loads((STATIC_DIR / SITE_FILES_DIR / name).read_text(encoding="utf-8"))
    bits = np.unpackbits(np.frombuffer(base64.b64decode(payload["visible"]), dtype=np.uint8),
                         bitorder="little")[:payload["rows"]].astype(bool)
    if payload["selectedRow"] is not None:
        bits[payload["selectedRow"]] = True
    rows = [[sites["lat"][i], sites["lon"][i], sites["cat"][i], sites["ids"][i], sites["labels"][i],
             payload["selected"][5] if i == payload["selectedRow"] else 0]
            for i in np.flatnonzero(bits).tolist()]
    selected = payload["selected"][3] if payload["selected"] else None
    return {**payload, "sites": rows, "selected": selected,
            "boundaries": {"type": "FeatureCollection",
                           "features": [f for f in sites["boundaries"] if bits[f["properties"]["i"]]]}}


def shown_site_ids(at: AppTest) -> list[str]:
    """Ids of the sites in the map layer the component received."""
    return [row[3] for row in site_layer(at)["sites"]]
