"""The explore page as a user sees it (AppTest): counts, filters, links, panel, bad data."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from tests.app.conftest import map_args, markdown_text, run_app, shown_site_ids
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
