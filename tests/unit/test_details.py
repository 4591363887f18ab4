"""The detail panel's content: facts with sources, visiting information, honest unknowns."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from ecosites.catalog import Catalog, load_catalog, site_row
from ecosites.details import DetailView, build_detail_view, fee_text, hours_text
from ecosites.paths import BUNDLED_GEODATA


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(BUNDLED_GEODATA)


def _view(catalog: Catalog, site_id: str, lang: str = "en") -> DetailView:
    return build_detail_view(site_row(catalog.sites, site_id), catalog.categories, catalog.tags, lang)


@pytest.mark.parametrize(
    ("site", "lang", "expected"),
    [
        ({"hours": "09:00-17:00", "last_entry": "16:00", "closed_weekdays": ["mon"]}, "en",
         "09:00-17:00; last entry 16:00; Closed: Mondays"),
        ({"hours": "09:00-17:00", "last_entry": "16:00", "closed_weekdays": ["mon"]}, "zh",
         "09:00-17:00；最晚入场 16:00；闭馆/闭园：周一"),
        ({"hours": None, "closed_weekdays": ["mon"]}, "zh", "尚未核实；闭馆/闭园：周一"),
        ({"hours": "00:00-24:00", "closed_weekdays": []}, "en", "Open 24 hours; Open every day"),
        ({"hours": "06:00-22:00", "closed_weekdays": None}, "en", "06:00-22:00"),
        ({"hours": None, "closed_weekdays": None}, "en", None),
        ({"hours": None, "closed_weekdays": ["mon", "tue"]}, "en",
         "not yet verified; Closed: Mondays, Tuesdays"),
    ],
)
def test_hours_text(site: dict[str, Any], lang: str, expected: str | None) -> None:
    """Hours in words; Chinese takes the full-width colon and semicolon (both were once ASCII)."""
    assert hours_text(site, lang) == expected


@pytest.mark.parametrize(
    ("site", "lang", "expected"),
    [
        ({"fee": 0}, "en", "Free"),
        ({"fee": 0}, "zh", "免费"),
        ({"fee": 80}, "en", "¥80"),
        ({"fee": 80}, "zh", "80 元"),
        ({"fee": 60, "fee_note_en": "Combined ticket"}, "en", "¥60 (Combined ticket)"),
        ({"fee": None}, "en", None),
    ],
)
def test_fee_text(site: dict[str, Any], lang: str, expected: str | None) -> None:
    """The fee as shown, None when unknown.

    No NaN case: the loader guarantees a missing fee is None (test_catalog.py checks it),
    so the panel no longer checks for NaN.
    """
    assert fee_text(site, lang) == expected


def test_museum_panel_has_everything_needed_to_visit(catalog: Catalog) -> None:
    view = _view(catalog, "guizhou-geological-museum")
    assert view.title == "Geological Museum of Guizhou"
    assert view.subtitle == "贵州省地质博物馆"
    visit = {row.label: row.value for row in view.visit}
    assert visit["Opening hours"] == "09:00-17:00; last entry 16:00; Closed: Mondays"
    assert visit["Fee"] == "Free"
    assert visit["Typical visit"] is None  # no source gives it: the panel says not yet verified
    assert view.facts
    assert all(source for _, source in view.facts)
    # Widened from 1 km: the reference notes' corrections place its address about 2 km west.
    assert "within about 2.5 km" in view.location_note
    assert view.sources


def test_unverified_chinese_name_is_marked(tmp_path: Path) -> None:
    """A name listed in ``unverified`` is marked (Xiaolanshan's Chinese name is now sourced)."""
    from tests.conftest import make_site, write_catalog

    write_catalog(tmp_path, [make_site(unverified=["name_zh"], coordinate_accuracy_m=3000)])
    view = _view(load_catalog(tmp_path), "test-site")
    assert view.subtitle.endswith("(not yet verified)")
    assert "3 km" in view.location_note


def test_chinese_panel_falls_back_to_english_with_a_note(tmp_path: Path) -> None:
    from tests.conftest import make_site, write_catalog

    write_catalog(tmp_path, [make_site(highlight_zh="", name_zh="")])
    catalog = load_catalog(tmp_path)
    view = _view(catalog, "test-site", "zh")
    assert view.title == "Test Site"
    assert view.highlight == "A site made for tests."
    assert view.fallback_note


@pytest.mark.parametrize(("lang", "hours_note", "fee_note"), [
    ("en", "as of 2022-03-01; also given: 2020-05-18: 09:30-17:00 (Baiyun District government "
     "English website, 2020-05-18)",
     "as of 2022-03-01; also given: 2020-05-18: ¥5 (Baiyun District government English website, "
     "2020-05-18)"),
    ("zh", "截至 2022-03-01；另有说法：2020-05-18：09:30-17:00（白云区人民政府英文网站，2020年5月18日）",
     "截至 2022-03-01；另有说法：2020-05-18：5 元（白云区人民政府英文网站，2020年5月18日）"),
])
def test_dated_values_show_the_newer_one_used_and_the_older_with_its_date(
        catalog: Catalog, lang: str, hours_note: str, fee_note: str) -> None:
    view = _view(catalog, "changpoling-forest-park", lang)
    hours, fee = view.visit[0], view.visit[1]
    assert hours.value is not None
    assert hours.value.startswith("09:00-17:00")
    assert (hours.note, fee.note) == (hours_note, fee_note)


@pytest.mark.parametrize(("lang", "status", "accuracy"), [
    ("en", "Under construction", "within about 3 km"),
    ("zh", "在建", "误差约 3 公里"),
])
def test_status_is_shown_in_both_languages(catalog: Catalog, lang: str, status: str,
                                           accuracy: str) -> None:
    view = _view(catalog, "xiaolanshan-eco-village", lang)
    assert view.status == status
    assert view.status_note
    assert accuracy in view.location_note


@pytest.mark.parametrize(("lang", "station", "part"), [
    ("en", "Huaxi Park (Metro Line 3)", "Shilihetan Wetland 十里河滩: the open core of the park"),
    ("zh", "花溪公园站（地铁3号线）", "十里河滩 Shilihetan Wetland：公园开放的核心区域"),
])
def test_huaxi_panel_names_its_metro_station_and_parts(catalog: Catalog, lang: str, station: str,
                                                       part: str) -> None:
    """The metro line now sits in "How to get there", beside the map links, not under the address.

    A part's name and note are joined by the language's colon (full-width in Chinese).
    """
    view = _view(catalog, "huaxi-wetland-park", lang)
    assert view.directions is not None
    assert view.directions.metro == station
    assert view.parts[0].startswith(part)


@pytest.mark.parametrize(("overrides", "lang", "expected"), [
    ({"coordinate_accuracy_m": None, "coordinate_source": ""}, "en", "Position accuracy not stated"),
    ({"coordinate_accuracy_m": None, "coordinate_source": ""}, "zh", "位置精度未注明"),
    ({"coordinate_accuracy_m": None, "coordinate_source": "GIS export"}, "en",
     "Position accuracy not stated (GIS export)"),
])
def test_a_site_without_accuracy_says_accuracy_not_stated(tmp_path: Path, overrides: dict[str, Any],
                                                         lang: str, expected: str) -> None:
    from tests.conftest import make_site, write_catalog

    write_catalog(tmp_path, [make_site(**overrides)])
    assert _view(load_catalog(tmp_path), "test-site", lang).location_note == expected


@pytest.mark.parametrize(("lang", "title"), [
    ("en", "Xinhua Guizhou, 2025-01-14"), ("zh", "新华网贵州频道，2025年1月14日"),
])
def test_source_titles_follow_the_language(catalog: Catalog, lang: str, title: str) -> None:
    view = _view(catalog, "xiaolanshan-eco-village", lang)
    assert title in [source.title for source in view.sources]


@pytest.mark.parametrize(("site_id", "now", "lang", "kind", "text"), [
    ("guizhou-geological-museum", "2026-12-02T10:00:00+08:00", "en", "open",
     "Open now · closes 17:00 · last entry 16:00"),
    ("guizhou-geological-museum", "2026-12-07T10:00:00+08:00", "zh", "closed_today",
     "今天不开放（周一） · 明天 09:00 开放"),
    ("guizhou-geological-museum", "2026-10-05T10:00:00+08:00", "en", "open",
     "Open now · closes 17:00 · last entry 16:00 · open for the public holiday"),
    ("xiaolanshan-eco-village", "2026-12-02T10:00:00+08:00", "en", "not_open",
     "Not open to visitors: Under construction"),
    ("changpoling-forest-park", "2026-12-02T10:00:00+08:00", "en", "unverified",
     "Hours not verified"),
])
def test_panel_says_whether_a_bundled_site_is_open(catalog: Catalog, site_id: str, now: str,
                                                   lang: str, kind: str, text: str) -> None:
    """The open-now line of bundled sites at injected moments (never today's date)."""
    view = build_detail_view(site_row(catalog.sites, site_id), catalog.categories, catalog.tags,
                             lang, now=datetime.fromisoformat(now))
    assert view.opening is not None
    assert (view.opening.kind, view.opening.text) == (kind, text)


def test_panel_has_directions_and_no_opening_line_without_a_moment(catalog: Catalog) -> None:
    """Without ``now`` nothing is said about open now; the links are always there."""
    view = _view(catalog, "guanshanhu-park", "en")
    assert view.opening is None
    assert view.directions is not None
    assert [link.service for link in view.directions.links] == ["amap", "baidu", "osm", "geo"]
    assert view.directions.position_note.startswith("The position is approximate (within about 1 km)")
