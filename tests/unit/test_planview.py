"""Planner page helpers: start/end choices, route layer, timetable, totals, links, comparison."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ecosites.catalog import load_catalog
from ecosites.compare import compare_sites, read_compare_ids
from ecosites.escape import escape_text
from ecosites.planner import CatalogStops, PlanRequest, plan_visit, split_ids, toggle_id
from ecosites.planview import (
    PlaceChoice,
    build_route_layer,
    closing_leg_lines,
    place_choice,
    place_value,
    share_url,
    timetable_frame,
    totals,
)
from tests.conftest import make_site, make_stop, write_catalog

TODAY = date(2026, 11, 1)
HOSTILE = "<img src=x onerror=alert(1)> ${x}"


@pytest.mark.parametrize(("value", "choice", "back"), [
    (None, PlaceChoice(), None),
    ("efg", PlaceChoice("venue"), "efg"),
    ("eco-conference-center", PlaceChoice("venue"), "efg"),
    ("park", PlaceChoice("site", site_id="park"), "park"),
    ("106.63,26.64", PlaceChoice("coords", coords="106.63,26.64"), "106.63,26.64"),
    ("nonsense", PlaceChoice("coords", coords="nonsense"), "nonsense"),
])
def test_place_choice_round_trip(value: str | None, choice: PlaceChoice, back: str | None) -> None:
    assert place_choice(value, ["park", "museum"]) == choice
    assert place_value(choice) == back


@pytest.mark.parametrize(("ids", "site_id", "expected"), [
    ((), "a", ("a",)), (("a", "b"), "a", ("b",)), (("a", "b"), "c", ("a", "b", "c")),
])
def test_toggle_id(ids: tuple[str, ...], site_id: str, expected: tuple[str, ...]) -> None:
    assert toggle_id(ids, site_id) == expected


@pytest.mark.parametrize(("value", "expected"), [
    ("a, b,,c ", ("a", "b", "c")), ("", ()), (None, ()),
])
def test_split_ids(value: str | None, expected: tuple[str, ...]) -> None:
    assert split_ids(value) == expected


def two_day_plan() -> tuple[dict[str, object], object]:
    stops = [make_stop(id=f"s{k}", name_en=f"Stop {k}", lon=106.6 + k * 0.01, lat=26.6,
                       visit_minutes=240, hours=None) for k in range(3)]
    hotel = make_stop(id="hotel-site", name_en=HOSTILE, lon=106.55, lat=26.6)
    known = {s.id: s for s in [*stops, hotel]}
    plan = plan_visit(PlanRequest(("s0", "s1", "s2"), start="hotel-site", round_trip=True,
                                  day=date(2026, 12, 1), days=2, locked=True), known, TODAY)
    return known, plan


def test_route_layer_numbers_days_and_escapes_labels() -> None:
    _, plan = two_day_plan()
    layer = build_route_layer(plan, "en")  # type: ignore[arg-type]
    data = layer.data
    assert [(s[2], s[3]) for s in data["stops"]] == [(1, 1), (2, 2), (3, 2)]
    # Day 1: hotel -> s0 -> hotel; day 2: hotel -> s1 -> s2 -> hotel.
    assert [len(path) for path in data["paths"]] == [3, 4]
    assert data["points"] == [[26.6, 106.55, escape_text(f"{HOSTILE} · 测试点"), "start"]]
    assert "<img" not in layer.payload and "${x}" not in layer.payload


def test_timetable_frame_and_totals() -> None:
    _, plan = two_day_plan()
    frame = timetable_frame(plan, "en")  # type: ignore[arg-type]
    assert list(frame.columns) == ["Day", "#", "Site", "Arrive", "Leave", "Warnings",
                                   "Travel to it", "Visit"]
    assert frame["Day"].tolist() == ["1 · Tue 1 December 2026", "2 · Wed 2 December 2026",
                                    "2 · Wed 2 December 2026"]
    assert frame["Arrive"].tolist()[0] == "09:19"  # 4,975 m: 5 + 13.9 min by car
    assert frame["Visit"].tolist() == ["240 min"] * 3
    assert dict(totals(plan, "en"))["Days"] == "2"  # type: ignore[arg-type]
    lines = closing_leg_lines(plan, "en")  # type: ignore[arg-type]
    assert len(lines) == 2 and lines[0].startswith(f"Then to {HOSTILE} · 测试点: ")


@pytest.mark.parametrize(("url", "query", "expected"), [
    ("http://localhost:8501/plan?plan=x", {"plan": "a,b", "date": "2026-11-30"},
     "http://localhost:8501/plan?plan=a,b&date=2026-11-30"),
    ("http://h/plan", {"from": "106.63,26.64", "start": "09:30"},
     "http://h/plan?from=106.63,26.64&start=09:30"),
    ("http://h/plan", {}, "http://h/plan"),
])
def test_share_url(url: str, query: dict[str, str], expected: str) -> None:
    assert share_url(url, query) == expected


def test_catalog_stops_reads_rows_on_demand(catalog_dir: Path) -> None:
    write_catalog(catalog_dir, [make_site(id="a", lon=106.61, lat=26.62, closed_weekdays=["mon"],
                                          last_entry=None, visit_minutes=45),
                                make_site(id="b", hours=None, closed_weekdays=None)])
    stops = CatalogStops(load_catalog(catalog_dir).sites)
    assert (len(stops), "a" in stops, "zz" in stops, sorted(stops)) == (2, True, False, ["a", "b"])
    a, b = stops["a"], stops["b"]
    assert (a.lon, a.lat, a.closed_weekdays, a.last_entry, a.visit_minutes) == (
        106.61, 26.62, ("mon",), None, 45)
    assert (b.hours, b.closed_weekdays, b.visit_minutes) == (None, None, None)
    with pytest.raises(KeyError):
        stops["zz"]


def test_compare_two_sites(catalog_dir: Path) -> None:
    write_catalog(catalog_dir, [
        make_site(id="museum", name_en="Museum", fee=0, tags=["museum"], visit_minutes=120,
                  group_suitable=True, guide_languages=["zh", "en"], phone="0851-1",
                  accessibility_en="Lifts to every floor"),
        make_site(id="lake", name_en="Lake", fee=None, hours=None, closed_weekdays=None,
                  tags=[], district=None),
    ])
    catalog = load_catalog(catalog_dir)
    rows = [catalog.sites.loc[i].to_dict() for i in ("museum", "lake")]
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
