"""Schedule: notices, timings, day splits, start/end points and stops checked against the catalogue."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from ecosites.catalog import load_catalog
from ecosites.planning.model import Notice, PlanRequest
from ecosites.planning.resolve import parse_place, resolve_stops
from ecosites.planning.schedule import plan_visit
from ecosites.planning.stops import CatalogStops
from tests.conftest import make_site, make_stop, notice_codes, stops_by_id, write_catalog

TUESDAY = date(2026, 12, 1)
TODAY = date(2026, 11, 1)


@pytest.mark.parametrize(("notice", "lang", "message", "suggestion"), [
    (Notice("closed_day", {"weekday": "mon", "date": "2026-11-30", "next_weekday": "tue",
                           "next_date": "2026-12-01"}), "en",
     "Closed on Mondays (30 November 2026).", "Visit on Tuesday 1 December 2026 instead, or leave it out."),
    (Notice("closed_day", {"weekday": "mon", "date": "2026-11-30", "next_weekday": "tue",
                           "next_date": "2026-12-01"}), "zh",
     "周一闭馆/闭园（2026年11月30日）。", "建议改在周二（2026年12月1日）参观，或不安排此点。"),
    (Notice("place_outside", {"which": "start", "lon": 120.0, "lat": 30.0}), "en",
     "The start point 120.0,30.0 lies outside the Guiyang region; it was ignored.",
     "Guiyang lies within longitude 106.07–107.33 and latitude 26.13–27.42 (WGS-84)."),
    (Notice("hours_unverified", {}, "info"), "en", "Opening hours not yet verified.",
     "Check with the site before going."),
    (Notice("round_trip_with_end"), "en",
     "A round trip returns to the start, so the end point was ignored.", ""),
])
def test_notice_texts(notice: Notice, lang: str, message: str, suggestion: str) -> None:
    assert (notice.message(lang), notice.suggestion(lang)) == (message, suggestion)


def test_timings_along_a_meridian() -> None:
    """Two stops 9,972 m apart: car 5 + 27.9 -> 33 min; transit 10 + 59.8 -> 70 min."""
    a = make_stop(id="a", lon=106.6, lat=26.5, visit_minutes=60, hours=None)
    b = make_stop(id="b", lon=106.6, lat=26.59, visit_minutes=30, hours=None)
    for mode, minutes in (("car", 33), ("transit", 70), ("walk", 173)):
        plan = plan_visit(PlanRequest(("a", "b"), mode=mode, day=TUESDAY, locked=True),
                          stops_by_id(a, b), TODAY)
        (leg,) = plan.legs
        assert (leg.from_key, leg.to_key, leg.minutes) == ("a", "b", minutes)
        assert leg.straight_m == pytest.approx(9971.7, abs=0.1)
        assert [s.arrive.strftime("%H:%M") for s in plan.stops] == [
            "09:00", (datetime(2026, 12, 1, 10) + timedelta(minutes=minutes))
            .strftime("%H:%M")]
        assert plan.travel_minutes == minutes
        assert plan.visit_minutes == 90


@pytest.mark.parametrize(("count", "days", "expected_sizes", "left_out"), [
    (4, 1, [2], 2),
    (4, 2, [2, 2], 0),
    (4, 3, [2, 2], 0),
    (6, 2, [2, 2], 2),
    (1, 2, [1], 0),
])
def test_multi_day_split(count: int, days: int, expected_sizes: list[int], left_out: int) -> None:
    """Stops of 3 h each at one point (no travel): two fit into an 8-hour day.

    The day's hours are a constraint: stops that find no room are left out and listed
    (they used to pile onto the last day past its end).
    """
    stops = [make_stop(id=f"s{k}", visit_minutes=180, hours=None) for k in range(count)]
    plan = plan_visit(PlanRequest(tuple(s.id for s in stops), day=TUESDAY, days=days, locked=True),
                      stops_by_id(*stops), TODAY)
    sizes = [sum(1 for s in plan.stops if s.day == d) for d in plan.day_numbers]
    assert sizes == expected_sizes
    assert [s.arrive.date() for s in plan.stops if s.day == 2][:1] == (
        [date(2026, 12, 2)] if len(sizes) > 1 else [])
    assert [u.reason.code for u in plan.unplaced] == ["past_day_end"] * left_out


@pytest.mark.parametrize(("text", "expected_key", "expected_codes"), [
    ("guizhou-geological-museum", "guizhou-geological-museum", []),
    (" efg ", "eco-conference-center", []),
    ("106.63,26.64", "106.630000,26.640000", []),
    ("26.64,106.63", None, ["place_swapped"]),
    ("120.0,30.0", None, ["place_outside"]),
    ("hotel<script>", None, ["place_unknown"]),
    ("", None, []),
    (None, None, []),
])
def test_parse_place(text: str | None, expected_key: str | None, expected_codes: list[str]) -> None:
    museum = make_stop(id="guizhou-geological-museum", lon=106.627, lat=26.647)
    venue = make_stop(id="eco-conference-center", lon=106.64, lat=26.64)
    place, notices = parse_place(text, "start", stops_by_id(museum, venue))
    assert (place.key if place else None, notice_codes(notices)) == (expected_key, expected_codes)


@pytest.mark.parametrize(("ids", "kept", "expected_codes"), [
    ((), 0, ["empty"]),
    (("a", "nope", "a", "b"), 2, ["unknown_ids"]),
    (("nope",), 0, ["unknown_ids", "empty"]),
    (tuple(f"s{k}" for k in range(30)), 25, ["too_many"]),
])
def test_resolve_stops(ids: tuple[str, ...], kept: int, expected_codes: list[str]) -> None:
    sites = stops_by_id(*(make_stop(id=i) for i in ["a", "b", *(f"s{k}" for k in range(30))]))
    stops, notices = resolve_stops(ids, sites)
    assert (len(stops), notice_codes(notices)) == (kept, expected_codes)


def test_past_date_and_bad_start_keep_the_rest_of_the_plan() -> None:
    a = make_stop(id="a", hours=None)
    plan = plan_visit(PlanRequest(("a", "ghost"), start="130,40", day=date(2026, 10, 1)),
                      stops_by_id(a), TODAY)
    assert notice_codes(plan.notices) == ["unknown_ids", "place_outside", "past_date", "visit_default"]
    assert [s.info.id for s in plan.stops] == ["a"]
    assert plan.start is None


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


def test_a_closed_day_in_a_past_plan_suggests_no_past_date() -> None:
    """Locked, a stop too long for any day is left out on the closed Monday the plan starts with.

    The plan's dates (30 November and 1 December) are before today (2 December), so the
    suggested date is today or later: it used to be the plan's own Tuesday, already past.
    """
    long_visit = make_stop(id="x", visit_minutes=600, hours="09:00-17:00", closed_weekdays=["mon"])
    plan = plan_visit(PlanRequest(("x",), day=date(2026, 11, 30), days=2, locked=True),
                      stops_by_id(long_visit), date(2026, 12, 2))
    (unplaced,) = plan.unplaced
    assert unplaced.reason.code == "closed_day"
    assert unplaced.reason.values["next_date"] == "2026-12-02"
