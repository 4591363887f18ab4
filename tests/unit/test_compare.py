"""Comparison: sites side by side, and the ids read from a link."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecosites.catalog import load_catalog, site_row
from ecosites.compare import compare_sites, read_compare_ids
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
