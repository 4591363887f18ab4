"""Language switch, basemap selector, search, near me and the list view, as a user sees them (AppTest)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from ecosites.coords import wgs84_to_gcj02
from tests.app.conftest import (
    layer_data,
    map_args,
    markdown_text,
    page_components,
    run_app,
    shown_site_ids,
    site_layer,
)
from tests.conftest import make_site, write_catalog


def sidebar_text(at: AppTest) -> str:
    """Labels of the sidebar's widgets and its Markdown, joined."""
    labels = [w.label for kind in ("text_input", "multiselect", "selectbox", "toggle", "radio")
              for w in getattr(at.sidebar, kind)]
    return "\n".join(labels + [m.value for m in at.sidebar.markdown])


def layer_payload(at: AppTest) -> dict[str, Any]:
    """The site layer's payload as the map received it."""
    return site_layer(at)


@pytest.mark.parametrize(("query", "title", "filter_header", "lang"), [
    ({"lang": "zh"}, "贵阳生态示范点", "筛选：类别、主题、区县", "zh"),
    ({"lang": "zh-CN"}, "贵阳生态示范点", "筛选：类别、主题、区县", "zh"),
    ({"lang": "en"}, "Guiyang Eco Sites", "Filters: category, theme, district", "en"),
    ({}, "Guiyang Eco Sites", "Filters: category, theme, district", "en"),
    ({"lang": "fr"}, "Guiyang Eco Sites", "Filters: category, theme, district", "en"),
])
@pytest.mark.usefixtures("app_env")
def test_language_from_the_link(query: dict[str, str], title: str,
                                filter_header: str, lang: str) -> None:
    at = run_app(query)
    assert not at.exception
    assert at.title[0].value == title
    # The filters sit above the map in a collapsible area (a sidebar hides on phones).
    assert filter_header in [e.label for e in at.expander]
    assert at.sidebar.radio(key="app.lang").value == lang
    assert at.query_params["lang"] == lang


@pytest.mark.usefixtures("app_env")
def test_switching_language_changes_the_page_and_the_link() -> None:
    at = run_app()
    assert at.sidebar.radio(key="app.lang").label == "Language · 语言"
    assert at.sidebar.radio(key="app.lang").options == ["English", "中文"]
    at.sidebar.radio(key="app.lang").set_value("zh").run()
    assert not at.exception
    assert at.title[0].value == "贵阳生态示范点"
    assert "共 15 个示范点，显示 15 个" in markdown_text(at)
    assert at.query_params["lang"] == "zh"


@pytest.mark.usefixtures("app_env")
def test_language_survives_a_filter_change_and_keeps_other_link_parts() -> None:
    at = run_app({"lang": "zh", "cat": "green-industry"})
    at.multiselect(key="explore.categories").set_value([]).run()
    assert at.title[0].value == "贵阳生态示范点"
    assert at.query_params["lang"] == "zh"
    assert "cat" not in at.query_params


@pytest.mark.usefixtures("app_env")
def test_language_is_kept_on_another_page() -> None:
    at = run_app()
    at.sidebar.radio(key="app.lang").set_value("zh").run()
    at.switch_page("pages/compare.py").run()
    assert not at.exception
    assert "比较" in at.title[0].value


@pytest.mark.usefixtures("app_env")
def test_site_content_follows_the_language() -> None:
    at = run_app({"lang": "zh", "site": "guizhou-geological-museum"})
    text = markdown_text(at)
    assert "贵州省地质博物馆" in text
    assert "周一" in text
    payload = layer_payload(at)
    row = next(r for r in payload["sites"] if r[3] == "guizhou-geological-museum")
    assert row[4] == "贵州省地质博物馆 · Geological Museum of Guizhou"


def test_basemap_selector_offers_tianditu_only_with_a_key(app_env: Callable[..., None]) -> None:
    at = run_app()
    assert at.sidebar.selectbox(key="explore.tiles").options == [
        "OpenStreetMap", "Amap / Gaode 高德", "No basemap (works offline)"]
    assert at.sidebar.selectbox(key="explore.tiles").value == "none"  # ECOSITES_TILES=none
    app_env(tianditu_key="test-key", tiles="tianditu")
    at = run_app()
    assert "Tianditu 天地图" in at.sidebar.selectbox(key="explore.tiles").options
    assert at.sidebar.selectbox(key="explore.tiles").value == "tianditu"
    script = map_args(at)["script"]
    assert "tianditu.gov.cn/vec_w" in script
    assert "tianditu.gov.cn/cva_w" in script


@pytest.mark.usefixtures("app_env")
def test_amap_shifts_markers_for_display_and_keeps_the_data() -> None:
    at = run_app()
    before = {row[3]: (row[1], row[0]) for row in layer_payload(at)["sites"]}
    at.sidebar.selectbox(key="explore.tiles").set_value("amap").run()
    assert not at.exception
    assert "autonavi.com" in map_args(at)["script"]
    after = {row[3]: (row[1], row[0]) for row in layer_payload(at)["sites"]}
    lon, lat = wgs84_to_gcj02(*before["guanshanhu-park"])
    assert after["guanshanhu-park"] == (round(lon, 6), round(lat, 6))
    at.sidebar.selectbox(key="explore.tiles").set_value("none").run()
    assert {row[3]: (row[1], row[0]) for row in layer_payload(at)["sites"]} == before


@pytest.mark.parametrize(("query", "first"), [
    ("guanshanhu", "guanshanhu-park"),
    ("guan shan hu", "guanshanhu-park"),
    ("Guanshan Lake", "guanshanhu-park"),
    ("Qianlin Mountan", "qianling-park"),
    ("观山湖", "guanshanhu-park"),
])
@pytest.mark.usefixtures("app_env")
def test_search_box_understands_pinyin_and_misspellings(query: str,
                                                        first: str) -> None:
    at = run_app()
    at.text_input(key="explore.text").input(query).run()
    assert first in shown_site_ids(at)  # the map has no order: the list ranks
    assert at.dataframe[0].value.index[0] == first


@pytest.mark.usefixtures("app_env")
def test_near_me_filters_by_radius_nearest_first() -> None:
    """The list is nearest first; the map gets the same sites (it groups them itself, in
    catalogue order, so only the list has an order)."""
    at = run_app()
    at.sidebar.toggle(key="explore.near.on").set_value(True).run()
    assert "Give a position to see the sites near it." in [c.value for c in at.sidebar.caption]
    at.sidebar.text_input(key="explore.near.text").input("106.629, 26.645").run()
    assert not at.exception
    ids = shown_site_ids(at)
    assert "5 site(s) within 5 km, nearest first" in markdown_text(at)
    frame = at.dataframe[0].value
    assert list(frame.index)[:2] == ["guanshanhu-park", "guizhou-geological-museum"]
    assert sorted(frame.index) == sorted(ids)
    assert frame["Distance"].iloc[0] == "0 m"
    assert layer_data(at, "position")["radius"] == 5000.0
    at.sidebar.select_slider(key="explore.near.radius_km").set_value(50).run()
    assert len(shown_site_ids(at)) == 15


@pytest.mark.usefixtures("app_env")
def test_near_me_reads_lat_lon_and_copied_amap_positions() -> None:
    at = run_app()
    at.sidebar.toggle(key="explore.near.on").set_value(True).run()
    at.sidebar.text_input(key="explore.near.text").input("26.645, 106.629").run()
    assert "read as longitude 106.629000, latitude 26.645000" in at.sidebar.info[0].value
    lon, lat = wgs84_to_gcj02(106.629, 26.645)
    at.sidebar.text_input(key="explore.near.text").input(f"{lon:.6f}, {lat:.6f}")
    at.sidebar.selectbox(key="explore.near.datum").set_value("gcj02").run()
    assert at.dataframe[0].value["Distance"].iloc[0] == "0 m"


@pytest.mark.usefixtures("app_env")
def test_a_bad_position_is_a_plain_message() -> None:
    at = run_app({"lang": "zh"})
    at.sidebar.toggle(key="explore.near.on").set_value(True).run()
    at.sidebar.text_input(key="explore.near.text").input("*here*").run()
    assert not at.exception
    assert "不是有效位置" in at.sidebar.error[0].value
    assert "\\*here\\*" in at.sidebar.error[0].value  # shown literally, not as Markdown
    assert len(shown_site_ids(at)) == 15


@pytest.mark.usefixtures("app_env")
def test_a_map_click_sets_the_position_in_wgs84() -> None:
    at = run_app()
    at.sidebar.toggle(key="explore.near.on").set_value(True).run()
    at.sidebar.selectbox(key="explore.tiles").set_value("amap").run()
    lon, lat = wgs84_to_gcj02(106.629, 26.645)  # where Guanshanhu Park is drawn on Amap
    map_key = page_components(at)[0].key  # st_folium's widget key
    assert map_key is not None
    at.session_state[map_key] = {"last_clicked": {"lat": lat, "lng": lon}}
    at.run()
    assert at.sidebar.text_input(key="explore.near.text").value == "106.629000, 26.645000"


@pytest.mark.usefixtures("app_env")
def test_list_tells_categories_apart_by_symbol_and_label() -> None:
    at = run_app()
    categories = set(at.dataframe[0].value["Category"])
    assert categories == {"● Urban restoration", "■ Green industry", "◆ Conservation history"}


@pytest.mark.usefixtures("app_env")
def test_keyboard_picker_opens_a_site() -> None:
    at = run_app()
    picker = at.selectbox(key="explore.table.pick")
    assert picker.label == "Open a site's details (type to search)"
    picker.set_value("qianling-park").run()
    assert not at.exception
    assert "Qianling Mountain Park" in markdown_text(at)
    assert at.query_params["site"] == "qianling-park"


def test_name_missing_in_the_chosen_language_is_marked(app_env: Callable[..., None],
                                                       catalog_dir: Path) -> None:
    write_catalog(catalog_dir, [make_site(id="zh-only", name_en="", name_zh="青岩古镇")])
    app_env(geodata=str(catalog_dir))
    at = run_app()
    assert at.dataframe[0].value["Name"].iloc[0] == "青岩古镇 (Chinese only)"


@pytest.mark.usefixtures("app_env")
def test_what_a_link_got_wrong_is_said_in_the_chosen_language() -> None:
    at = run_app({"lang": "zh", "cat": "parks", "site": "atlantis"})
    warnings = [w.value for w in at.warning]
    assert "链接中以下内容已忽略：未知类别 'parks'" in warnings
    assert "链接中以下内容已忽略：链接中的示范点 'atlantis' 不在目录中" in warnings


@pytest.mark.usefixtures("app_env")
def test_the_plan_page_follows_the_chosen_basemap() -> None:
    at = run_app()
    at.sidebar.selectbox(key="explore.tiles").set_value("amap").run()
    at.switch_page("pages/plan.py").run()
    assert not at.exception
    assert "autonavi.com" in map_args(at)["script"]
    shown = {row[3]: (row[1], row[0]) for row in layer_payload(at)["sites"]}
    lon, lat = wgs84_to_gcj02(106.629, 26.645)
    assert shown["guanshanhu-park"] == (round(lon, 6), round(lat, 6))


@pytest.mark.usefixtures("app_env")
def test_switching_language_keeps_the_filters_the_selected_site_and_the_plan() -> None:
    """Regression: a language switch dropped the filters, and the plan was lost on the next page."""
    at = run_app({"cat": "urban-restoration", "q": "lake", "site": "guanshanhu-park",
                  "plan": "guanshanhu-park,qianling-park"})
    at.sidebar.radio(key="app.lang").set_value("zh").run()
    assert not at.exception
    assert at.multiselect(key="explore.categories").value == ["urban-restoration"]
    assert at.text_input(key="explore.text").value == "lake"
    assert {k: at.query_params[k] for k in ("cat", "q", "site", "plan", "lang")} == {
        "cat": "urban-restoration", "q": "lake", "site": "guanshanhu-park",
        "plan": "guanshanhu-park,qianling-park", "lang": "zh"}
    assert "观山湖公园" in markdown_text(at)  # the open panel, now in Chinese
