"""The explore page as a user sees it (AppTest): counts, filters, links, panel, bad data."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from ecosites.markers import SHARED_POINT_SPREAD_M
from ecosites.planning.travel import great_circle_m
from tests.app.conftest import map_args, markdown_text, run_app, shown_site_ids, site_layer
from tests.conftest import make_site, write_catalog


@pytest.mark.usefixtures("app_env")
def test_default_view_shows_all_bundled_sites_on_an_offline_map() -> None:
    at = run_app()
    assert not at.exception
    assert "15 of 15 sites" in markdown_text(at)
    ids = shown_site_ids(at)
    assert len(ids) == 15
    assert "guanshanhu-park" in ids
    args = map_args(at)
    links = args["js_links"] + args["css_links"]
    # Vendored Leaflet and our own static/js and static/css, all served by the app itself.
    assert links
    assert all(link.startswith("../../app/static/") for link in links)
    assert any("/static/vendor/" in link for link in links)
    assert any("/static/js/" in link for link in links)
    assert "openstreetmap" not in args["script"]


@pytest.mark.usefixtures("app_env")
def test_category_filter_changes_the_layer_not_the_base_map() -> None:
    at = run_app()
    script_before = map_args(at)["script"]
    at.multiselect(key="explore.categories").set_value(["green-industry"]).run()
    assert shown_site_ids(at) == ["xiaolanshan-eco-village"]
    assert "1 of 15 sites" in markdown_text(at)
    assert at.query_params["cat"] == "green-industry"
    # Same base-map script means the same component identity: no remount, zoom kept.
    assert map_args(at)["script"] == script_before


@pytest.mark.usefixtures("app_env")
def test_search_box_filters_by_chinese_name() -> None:
    at = run_app()
    at.text_input(key="explore.text").input("地质博物馆").run()
    assert shown_site_ids(at) == ["guizhou-geological-museum"]


@pytest.mark.usefixtures("app_env")
def test_link_reopens_filters_and_selected_site() -> None:
    at = run_app({"cat": "conservation-history", "site": "guizhou-geological-museum"})
    assert not at.exception
    assert at.multiselect(key="explore.categories").value == ["conservation-history"]
    assert "guizhou-geological-museum" in shown_site_ids(at)
    text = markdown_text(at)
    assert "Geological Museum of Guizhou" in text
    assert "09:00-17:00" in text
    assert "Mondays" in text


@pytest.mark.usefixtures("app_env")
def test_unknown_values_in_the_link_are_ignored_and_said() -> None:
    at = run_app({"cat": "parks", "site": "atlantis"})
    assert not at.exception
    warnings = " ".join(w.value for w in at.warning)
    assert "unknown category 'parks'" in warnings
    assert "'atlantis', which is not in the catalogue" in warnings
    assert len(shown_site_ids(at)) == 15


def test_bad_catalogue_file_shows_a_warning_and_the_valid_sites(
    app_env: Callable[..., None], catalog_dir: Path
) -> None:
    write_catalog(catalog_dir, [make_site(id="good-site"), make_site(id="bad-site", category="parks")])
    (catalog_dir / "broken.geojson").write_text("{not json", encoding="utf-8")
    app_env(geodata=str(catalog_dir))
    at = run_app()
    assert not at.exception
    assert shown_site_ids(at) == ["good-site"]
    assert "1 of 1 sites" in markdown_text(at)
    assert "2 problem(s)" in at.expander[0].label
    problems = at.expander[0].code[0].value
    assert "sites.geojson, feature 2, id 'bad-site', field 'category'" in problems
    assert "broken.geojson: invalid JSON at line 1, column 2" in problems


@pytest.mark.usefixtures("app_env")
def test_detail_panel_says_not_yet_verified_and_closes() -> None:
    at = run_app({"site": "nanming-river-jiaxiu-pavilion"})
    assert "not yet verified" in markdown_text(at)
    close = next(b for b in at.button if b.key and b.key.endswith(".close"))
    close.click().run()
    assert "site" not in at.query_params
    assert not any(b.key and b.key.endswith(".close") for b in at.button)


def test_long_lists_show_the_first_rows_and_say_so(
    app_env: Callable[..., None], catalog_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Guards against resending a 100,000-row table on every rerun."""
    import components.site_list

    monkeypatch.setattr(components.site_list, "MAX_LIST_ROWS", 2)
    write_catalog(catalog_dir, [make_site(id=f"site-{n}", lon=106.5 + n / 100) for n in range(3)])
    app_env(geodata=str(catalog_dir))
    at = run_app()
    assert len(at.dataframe[0].value) == 2
    assert "The list shows the first 2 of 3 sites" in " ".join(c.value for c in at.caption)
    assert len(shown_site_ids(at)) == 3  # the map still shows every site


@pytest.mark.usefixtures("app_env")
def test_panel_shows_status_metro_parts_and_dated_values() -> None:
    """The label's colon follows the bold run: Chinese takes "：" there (it once had "状态:")."""
    at = run_app({"site": "xiaolanshan-eco-village", "lang": "zh"})
    assert "**状态**：在建" in " ".join(w.value for w in at.warning)
    at = run_app({"site": "huaxi-wetland-park"})
    text = markdown_text(at)
    assert "**Nearest metro**: Huaxi Park (Metro Line 3)" in text
    assert "Shilihetan Wetland 十里河滩" in text
    at = run_app({"site": "changpoling-forest-park"})
    assert "as of 2022-03-01; also given: 2020-05-18: 09:30-17:00" in markdown_text(at)


def test_panel_list_and_compare_show_a_photo_with_credit(
    app_env: Callable[..., None], catalog_dir: Path
) -> None:
    from tests.unit.test_media import image_bytes, photo

    (catalog_dir / "media").mkdir()
    (catalog_dir / "media" / "photo.jpg").write_bytes(image_bytes("JPEG", (120, 80)))
    write_catalog(catalog_dir, [make_site(id="with-photo", media=[photo(credit="*Maker*")]),
                                make_site(id="no-photo", lon=106.7)])
    app_env(geodata=str(catalog_dir))
    at = run_app({"site": "with-photo"})
    assert not at.exception
    assert len(at.get("image")) == 1
    captions = " ".join(c.value for c in at.caption)
    assert "\\*Maker\\* · CC BY 4\\.0" in captions  # the credit is escaped, not Markdown
    at = run_app({})  # the open panel takes the list's place, so the list is seen without one
    column = at.dataframe[0].value["Photo"]
    assert column["with-photo"].startswith("data:image/jpeg;base64,")
    assert pd.isna(column["no-photo"])
    at = run_app({"compare": "with-photo,no-photo"}, page="pages/compare.py")
    assert not at.exception
    assert len(at.get("image")) == 1


def test_a_site_without_accuracy_says_accuracy_not_stated(
    app_env: Callable[..., None], catalog_dir: Path
) -> None:
    write_catalog(catalog_dir, [make_site(coordinate_accuracy_m=None, coordinate_source="")])
    app_env(geodata=str(catalog_dir))
    at = run_app({"site": "test-site"})
    assert "Position accuracy not stated" in " ".join(c.value for c in at.caption)


def _close(at: AppTest) -> AppTest:
    close = next(b for b in at.button if b.key and b.key.endswith(".close"))
    return close.click().run()


def _open_site(at: AppTest) -> str | None:
    site_id = at.session_state["selected_site"]
    return str(site_id) if site_id is not None else None


@pytest.mark.usefixtures("app_env")
def test_the_open_panel_takes_the_lists_place_and_closing_brings_it_back() -> None:
    at = run_app()
    assert len(at.dataframe) == 1
    at.selectbox(key="explore.table.pick").select("guanshanhu-park").run()
    assert _open_site(at) == "guanshanhu-park"
    assert len(at.dataframe) == 0
    assert "Guanshanhu Park" in markdown_text(at)
    at = _close(at)
    assert _open_site(at) is None
    assert len(at.dataframe) == 1


@pytest.mark.usefixtures("app_env")
@pytest.mark.parametrize("change", ["search", "category", "language"])
def test_after_closing_details_a_changed_list_opens_nothing(change: str) -> None:
    """Guards against a stale pick opening a site nobody chose: pick Guanshanhu in the list,
    close the details, then search "lake" (or filter, or switch language): nothing opens.

    The list's row selection is set as it stood before (a tick on the first row): only a
    selection the user makes counts, whatever row the tick lands on in the changed list.
    """
    at = run_app()
    at.selectbox(key="explore.table.pick").select("guanshanhu-park").run()
    at = _close(at)
    at.session_state["explore.table"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    assert _open_site(at) is None
    if change == "search":
        at.text_input(key="explore.text").input("lake").run()
    elif change == "category":
        at.multiselect(key="explore.categories").set_value(["urban-restoration"]).run()
    else:
        at.sidebar.radio(key="app.lang").set_value("zh").run()
    assert not at.exception
    assert _open_site(at) is None
    assert "site" not in at.query_params
    assert len(at.dataframe) == 1


@pytest.mark.usefixtures("app_env")
def test_a_selection_leaves_the_map_view_alone_and_a_filter_change_refits_it() -> None:
    """The map's view key stays for a selection (the user's zoom is kept) and changes with
    the results, whose bounds it carries: the catalogue's point of the one site left, which
    the map draws within the shared-point spread of it (the spread is over the whole
    catalogue, as the browser holds every site)."""
    at = run_app()
    first = site_layer(at)["fit"]
    at.selectbox(key="explore.table.pick").select("guanshanhu-park").run()
    assert site_layer(at)["fit"]["key"] == first["key"]
    assert site_layer(at)["selected"] == "guanshanhu-park"
    at = _close(at)
    assert site_layer(at)["fit"]["key"] == first["key"]
    at.multiselect(key="explore.categories").set_value(["green-industry"]).run()
    fit = site_layer(at)["fit"]
    assert fit["key"] != first["key"]
    (row,) = site_layer(at)["sites"]
    (south, west), north_east = fit["bounds"]
    assert north_east == [south, west]
    assert great_circle_m(row[1], row[0], west, south) == pytest.approx(SHARED_POINT_SPREAD_M, abs=1)


README_LINK = {"cat": "urban-restoration", "tag": "wetland", "q": "lake", "site": "guanshanhu-park"}


@pytest.mark.usefixtures("app_env")
def test_a_link_to_a_site_outside_its_filter_opens_it_says_so_and_offers_to_clear() -> None:
    """Guards against the README's own example link opening onto an empty map."""
    at = run_app(README_LINK)
    assert not at.exception
    assert _open_site(at) == "guanshanhu-park"
    assert any("is outside the current filter" in i.value for i in at.info)
    data = site_layer(at)
    assert "guanshanhu-park" in [row[3] for row in data["sites"]]
    guanshanhu = next(row for row in data["sites"] if row[3] == "guanshanhu-park")
    assert data["fit"]["focus"] == [guanshanhu[0], guanshanhu[1]]
    at.button(key="explore.clear_for_site").click().run()
    assert _open_site(at) == "guanshanhu-park"
    assert at.text_input(key="explore.text").value == ""
    assert at.query_params.get("site") == "guanshanhu-park"
    assert "cat" not in at.query_params
    assert not any("is outside the current filter" in i.value for i in at.info)
    assert len(shown_site_ids(at)) == 15


@pytest.mark.usefixtures("app_env")
def test_a_read_only_static_folder_sends_the_markers_with_the_rerun(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """When static/ cannot be written (a read-only install), the map still shows every site."""
    import components.site_map

    def refuse(_content: bytes) -> str:
        raise PermissionError(13, "Permission denied", "static/sitedata")

    monkeypatch.setattr(components.site_map, "site_file_exists", lambda _url: False)
    monkeypatch.setattr(components.site_map, "publish_site_file", refuse)
    at = run_app()
    assert not at.exception
    assert "window.ecoSites.browse(" not in map_args(at)["feature_group"]
    assert len(shown_site_ids(at)) == 15


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("near", [False, True])
def test_list_rows_taken_from_the_catalogues_table_equal_rows_built_afresh(lang: str, near: bool) -> None:
    """Guards the per-catalogue list table: the rows a rerun takes from it are the ones it would build."""
    from components.site_list import list_frame, list_table
    from ecosites.catalog import load_catalog
    from ecosites.nearby import sites_near
    from ecosites.paths import BUNDLED_GEODATA

    catalog = load_catalog(BUNDLED_GEODATA)
    every = catalog.derived(list_table, tuple(catalog.categories), lang)
    visible = catalog.sites.iloc[[4, 0, 9, 2]]
    if near:
        visible = sites_near(catalog.sites, 106.63, 26.65, 20_000)
    thumbnails = {str(visible.index[0]): "data:image/png;base64,AA=="}
    built = list_frame(visible, catalog.categories, lang, thumbnails)
    taken = list_frame(visible, catalog.categories, lang, thumbnails, every=every)
    pd.testing.assert_frame_equal(taken, built)
    assert list(taken.index) == list(visible.index)
    stranger = pd.concat([visible, visible.iloc[:1].rename(index=lambda _i: "not-listed")])
    stranger.loc["not-listed", "id"] = "not-listed"
    pd.testing.assert_frame_equal(list_frame(stranger, catalog.categories, lang, every=every),
                                  list_frame(stranger, catalog.categories, lang))


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(("name_en", "name_zh"), [
    ("Lake Park", "湖公园"), ("Lake Park", ""), ("", "湖公园"), ("", ""),
    (None, "湖公园"), ("Lake Park", None),
])
def test_list_names_in_one_loop_equal_list_name(name_en: str | None, name_zh: str | None, lang: str) -> None:
    """Guards the whole-catalogue list's names: the one loop writes what list_name writes."""
    from components.site_list import list_name, list_names

    assert list_names([name_en], [name_zh], lang) == [list_name(name_en, name_zh, lang)]  # type: ignore[arg-type]
