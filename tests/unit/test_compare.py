"""Comparison: sites side by side, and the ids read from a link."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ecosites.catalog import load_catalog, site_row
from ecosites.compare import compare_sites, compare_travel, group_highlights, read_compare_ids
from tests.conftest import make_site, write_catalog


def test_compare_two_sites(catalog_dir: Path) -> None:
    write_catalog(catalog_dir, [
        make_site(id="museum", name_en="Museum", fee=0, tags=["museum"], visit_minutes=120,
                  group_suitable=True, guide_languages=["zh", "en"], phone="0851-1",
                  accessibility_en="Lifts to every floor"),
        make_site(id="lake", name_en="Lake", fee=None, hours=None, closed_weekdays=None,
                  tags=[], district=None),
    ])
    catalog = load_catalog(catalog_dir)
    rows = [site_row(catalog.sites, i) for i in ("museum", "lake")]
    comparison = compare_sites(rows, catalog.categories, {"museum": {"en": "Museums"}}, "en")
    table = dict(comparison.rows)
    assert comparison.titles == ["Museum", "Lake"]
    assert table["Themes"] == ["Museums", None]
    assert table["Visit duration"] == ["120 min", None]
    assert table["Opening hours"] == ["09:00-17:00; Closed: Mondays", None]
    assert table["Fee"] == ["Free", None]
    assert table["Accessibility"] == ["Lifts to every floor", None]
    assert table["Suits groups"] == ["Yes", None]
    assert table["Guiding languages"] == ["zh, en", None]
    assert table["Contact"] == ["0851-1", None]
    assert table["District"] == ["Guanshanhu", None]


@pytest.mark.parametrize(("value", "expected"), [
    ("a,b", (["a", "b"], [], False)),
    ("a,ghost,b", (["a", "b"], ["ghost"], False)),
    ("a,b,c,d,e", (["a", "b", "c", "d"], [], True)),
    (None, ([], [], False)),
])
def test_read_compare_ids(value: str | None, expected: tuple[list[str], list[str], bool]) -> None:
    assert read_compare_ids(value, ["a", "b", "c", "d", "e"]) == expected


def test_unknown_rows_collapse_and_differences_are_marked(catalog_dir: Path) -> None:
    from ecosites.compare import compare_travel

    write_catalog(catalog_dir, [
        make_site(id="a", name_en="A", fee=0, lon=106.60, lat=26.60),
        make_site(id="b", name_en="B", fee=0, lon=106.60, lat=26.69, hours="08:00-18:00"),
        make_site(id="venue", name_en="Venue", lon=106.60, lat=26.51),
    ])
    catalog = load_catalog(catalog_dir)
    rows = [{**site_row(catalog.sites, i), "id": i} for i in ("a", "b")]
    comparison = compare_sites(rows, catalog.categories, {}, "en")
    known = {label: differs for label, _, differs in comparison.known_rows}
    assert (known["Fee"], known["Opening hours"]) == (False, True)
    assert comparison.unknown_labels == ["Visit duration", "Accessibility", "Suits groups",
                                         "Guiding languages", "Contact"]
    venue = {**site_row(catalog.sites, "venue"), "id": "venue"}
    travel = compare_travel(rows, comparison.titles, venue, "en")
    # 9,972 m by car: 5 + 27.9 -> 33 min, the quick end 60% of it.
    assert travel.from_venue[0] == "19–33 min"
    assert travel.between == [("A", "B", "19–33 min")]


def group_rows(catalog_dir: Path, *sites: dict[str, Any]) -> list[dict[str, Any]]:
    """Catalogue rows (with ids) for these sites, in order, plus the venue's row last."""
    write_catalog(catalog_dir, [*sites, make_site(id="venue", name_en="Venue", lon=106.60, lat=26.51)])
    catalog = load_catalog(catalog_dir)
    return [{**site_row(catalog.sites, str(s["properties"]["id"])), "id": s["properties"]["id"]}
            for s in [*sites, {"properties": {"id": "venue"}}]]


def highlight_lines(rows: list[dict[str, Any]], lang: str = "en") -> list[str]:
    *sites, venue = rows
    titles = [str(site["name_en"]) for site in sites]
    return [h.text for h in group_highlights(sites, titles, compare_travel(sites, titles, venue, lang), lang)]


TRANSIT = {"station_en": "Metro Station", "station_zh": "地铁站", "line_en": "Line 1", "line_zh": "1号线",
           "source": "test-source"}


@pytest.mark.parametrize(("a", "b", "expected"), [
    ({}, {}, []),  # same fee, same distance, nothing else known: no winner, nothing invented
    ({"status": "under-construction"}, {},
     ["Open to visitors: B; not open: A (Under construction)"]),
    ({"fee": 80}, {"fee": None}, []),  # one fee unknown: the known one does not win by default
    ({"fee": 80}, {"fee": 5}, ["Lowest fee: B (¥5)"]),
    ({"group_suitable": True}, {}, ["Stated to suit groups: A"]),
    ({"group_suitable": True}, {"group_suitable": True}, []),
    ({"guide_languages": ["Chinese", "English"]}, {"guide_languages": ["Chinese"]},
     ["Most guiding languages: A (Chinese, English)"]),
    ({"transit": TRANSIT}, {}, ["Near a metro station: A (Metro Station (Line 1))"]),
    ({"accessibility_en": "Step-free paths"}, {}, ["Accessibility described: A"]),
])
def test_group_highlights_come_only_from_known_values(
    catalog_dir: Path, a: dict[str, Any], b: dict[str, Any], expected: list[str]
) -> None:
    """Guards against a 'better for a group' claim that no source backs."""
    rows = group_rows(catalog_dir, make_site(id="a", name_en="A", lon=106.60, lat=26.60, **a),
                      make_site(id="b", name_en="B", lon=106.60, lat=26.60, **b))
    assert highlight_lines(rows) == expected


def test_the_nearest_site_to_the_venue_and_the_card_reasons(catalog_dir: Path) -> None:
    rows = group_rows(catalog_dir, make_site(id="far", name_en="Far", lon=106.60, lat=26.69),
                      make_site(id="near", name_en="Near", lon=106.60, lat=26.55, fee=0),
                      make_site(id="dear", name_en="Dear", lon=106.60, lat=26.69, fee=50))
    *sites, venue = rows
    titles = ["Far", "Near", "Dear"]
    highlights = group_highlights(sites, titles, compare_travel(sites, titles, venue, "en"), "en")
    assert [(h.label, h.best) for h in highlights] == [("Lowest fee", [0, 1]),
                                                       ("Nearest the Eco Forum Global venue", [1])]
    assert highlights[1].text == "Nearest the Eco Forum Global venue: Near (10–18 min)"
    zh = group_highlights(sites, titles, compare_travel(sites, titles, venue, "zh"), "zh")
    assert [h.text for h in zh] == ["门票最低：Far（免费）、Near（免费）",
                                    "距论坛会址最近：Near（10–18 分钟）"]
