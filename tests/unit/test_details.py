"""The detail panel's content: facts with sources, visiting information, honest unknowns."""

from __future__ import annotations

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
         "09:00-17:00; 最晚入场 16:00; 闭馆/闭园: 周一"),
        ({"hours": "00:00-24:00", "closed_weekdays": []}, "en", "Open 24 hours; Open every day"),
        ({"hours": "06:00-22:00", "closed_weekdays": None}, "en", "06:00-22:00"),
        ({"hours": None, "closed_weekdays": None}, "en", None),
        ({"hours": None, "closed_weekdays": ["mon", "tue"]}, "en",
         "not yet verified; Closed: Mondays, Tuesdays"),
    ],
)
def test_hours_text(site: dict[str, Any], lang: str, expected: str | None) -> None:
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
