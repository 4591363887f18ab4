"""Database mode (AppTest on a real PostGIS): the pages answer as in memory, never reading every site.

The bundled catalogue is published to the database and the whole-catalogue read is made
to fail, so any page that still read every site would fail here. Each page is run on the
files and on the database with the same link; what the user sees must be the same:
the count, the list's ids, the map's markers, the open site's panel, the plan, the comparison.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from unittest.mock import patch

import pytest
from streamlit.testing.v1 import AppTest

from ecosites import state
from ecosites.filters import Criteria
from ecosites.pgstore import PostgisCatalogStore
from ecosites.querymap import query_bounds
from ecosites.sitequery import SiteQuery
from ecosites.store import FileCatalogStore
from tests.app.conftest import layer_data, map_args, markdown_text, run_app, run_page, shown_site_ids
from tests.conftest import REPO

pytestmark = pytest.mark.postgis

NOW = "2026-12-02T10:00"  # a Wednesday morning in Guiyang


@pytest.fixture
def database(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The bundled catalogue in PostGIS; reading the whole of it raises."""
    store = PostgisCatalogStore(pg_url)
    store.init_schema()
    store.publish(FileCatalogStore(REPO / "geodata").snapshot().features, author="test",
                  expected_sha256=store.current_sha256())

    def whole_catalogue(_store: PostgisCatalogStore) -> Any:
        raise AssertionError("database mode read the whole catalogue")

    monkeypatch.setattr(PostgisCatalogStore, "read_catalog", whole_catalogue)
    return pg_url


def list_ids(at: AppTest) -> list[str]:
    """The ids of the list's rows (none while a site's panel replaces the list)."""
    return [str(i) for i in at.dataframe[0].value.index] if len(at.dataframe) else []


def explore_seen(at: AppTest) -> dict[str, Any]:
    """What a visitor sees on Explore: counts and captions, list, map markers, panel."""
    assert not at.exception
    return {"markdown": markdown_text(at), "captions": [c.value for c in at.caption],
            "info": [i.value for i in at.info], "list": list_ids(at),
            "map": sorted(shown_site_ids(at)), "subheaders": [s.value for s in at.subheader]}


def both_modes(app_env: Callable[..., None], url: str, run: Callable[[], AppTest]
               ) -> tuple[AppTest, AppTest]:
    """The same run on the files, then on the database (which must answer: it is asked)."""
    app_env(now=NOW)
    in_memory = run()
    app_env(database_url=url)
    with patch.object(PostgisCatalogStore, "read_sites", autospec=True,
                      side_effect=PostgisCatalogStore.read_sites) as read_sites:
        from_store = run()
    assert read_sites.called
    return in_memory, from_store


@pytest.mark.parametrize("query", [
    {},
    {"cat": "urban-restoration"},
    {"tag": "wetland,lake"},
    {"district": "Huaxi,Nanming"},
    {"q": "park"},
    {"q": "湿地"},
    {"q": "gsh"},
    {"cat": "urban-restoration", "q": "lake"},
    {"open": NOW},
    {"open": "2026-12-07T10:00", "district": "Guanshanhu"},  # a Monday: some close
    {"site": "guanshanhu-park"},
    {"site": "guizhou-geological-museum", "cat": "urban-restoration"},  # open outside its filter
    {"q": "no such place anywhere"},
])
def test_explore_shows_the_same_in_database_mode(
    database: str, app_env: Callable[..., None], query: dict[str, str],
) -> None:
    in_memory, from_store = both_modes(app_env, database, lambda: run_app(dict(query)))
    assert explore_seen(from_store) == explore_seen(in_memory)


@pytest.mark.parametrize(("position", "radius_km", "query"), [
    ("106.63, 26.645", 5.0, {}),
    ("106.63, 26.645", 2.0, {"q": "museum"}),
    ("106.63, 26.645", 20.0, {"open": "2026-12-07T10:00"}),
])
def test_near_me_lists_the_same_sites_nearest_first(
    database: str, app_env: Callable[..., None], position: str, radius_km: float, query: dict[str, str],
) -> None:
    def near() -> AppTest:
        at = run_app(dict(query))
        at.toggle(key=state.NEAR_ON).set_value(True).run()
        at.select_slider(key=state.NEAR_RADIUS_KM).set_value(radius_km)
        at.text_input(key=state.NEAR_TEXT).input(position).run()
        return at

    in_memory, from_store = both_modes(app_env, database, near)
    assert explore_seen(from_store) == explore_seen(in_memory)
    assert len(list_ids(from_store)) >= 2  # a real answer, not two empty ones
    assert "distance" in " ".join(from_store.dataframe[0].value.columns).lower()


def test_a_pick_from_the_list_opens_the_same_panel(database: str, app_env: Callable[..., None]) -> None:
    def pick() -> AppTest:
        at = run_app({"q": "lake"})
        at.selectbox(key="explore.table.pick").set_value("baihua-lake").run()
        return at

    in_memory, from_store = both_modes(app_env, database, pick)
    assert "Baihua Lake" in markdown_text(from_store)
    assert explore_seen(from_store) == explore_seen(in_memory)


@pytest.mark.parametrize("query", [
    {"plan": "qianling-park,guizhou-geological-museum,bogus", "from": "efg", "date": "2099-12-01",
     "start": "09:00"},
    {"plan": "huaxi-wetland-park,baihua-lake", "mode": "transit"},
])
def test_the_planner_plans_the_same_from_the_sites_it_needs(
    database: str, app_env: Callable[..., None], query: dict[str, str],
) -> None:
    in_memory, from_store = both_modes(app_env, database, lambda: run_page("pages/plan.py", dict(query)))
    seen = [(markdown_text(at), [m.value for m in at.metric], [w.value for w in at.warning])
            for at in (in_memory, from_store)]
    assert seen[1] == seen[0]


def test_compare_compares_the_same_from_the_sites_it_needs(
    database: str, app_env: Callable[..., None],
) -> None:
    query = {"compare": "huaxi-wetland-park,guizhou-geological-museum,bogus"}
    in_memory, from_store = both_modes(app_env, database, lambda: run_page("pages/compare.py", query))
    seen = [(markdown_text(at), [w.value for w in at.warning]) for at in (in_memory, from_store)]
    assert seen[1] == seen[0]
    assert "Huaxi" in seen[1][0]


def test_beyond_the_marker_limit_the_map_asks_the_store_for_each_view(
    database: str, app_env: Callable[..., None],
) -> None:
    """Zoomed out: counts per lattice cell; after a pan to a small view: that view's markers."""
    app_env(now=NOW, database_url=database, map_marker_limit="4")
    at = run_app()
    assert "**15 of 15 sites**" in markdown_text(at)
    assert "bounds" in map_args(at)["returned_objects"]  # a rerun per pan
    fill = layer_data(at, "fill")
    assert sum(count for _, _, count in fill["cells"]) == 15
    assert fill["sites"] == []
    assert any(c.value.startswith("15 sites are more than the map draws") for c in at.caption)
    view = (106.60, 26.40, 106.70, 26.45)  # around Huaxi, south of the centre
    at.session_state[state.SITE_MAP] = {"bounds": {"_southWest": {"lng": view[0], "lat": view[1]},
                                                   "_northEast": {"lng": view[2], "lat": view[3]}}}
    at.run()
    expected = FileCatalogStore(REPO / "geodata").query_sites(
        SiteQuery(query_bounds(view), Criteria(), limit=4))
    assert not expected.grouped
    assert [m.id for m in expected.markers]  # the view is not empty
    assert shown_site_ids(at) == [m.id for m in expected.markers]
    assert "cells" not in layer_data(at, "fill")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_about_shows_the_same_kinds_and_venue_from_a_few_rows(
    database: str, app_env: Callable[..., None], lang: str,
) -> None:
    """The About page's kinds (counts and names) and the forum's venue, from store questions."""
    in_memory, from_store = both_modes(app_env, database,
                                       lambda: run_page("pages/about.py", {"lang": lang}))
    seen = [([e.proto.body for e in at.get("html") if not e.proto.body.startswith("<script>")],
             {link.proto.label: link.proto.query_string for link in at.get("page_link")},
             [i.value for i in at.info]) for at in (in_memory, from_store)]
    assert seen[1] == seen[0]
    assert any("Huaxi" in body or "花溪" in body for body in seen[1][0])
