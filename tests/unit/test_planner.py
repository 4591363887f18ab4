"""Planner: travel times, stop order, schedule conflicts, day splits and request parsing."""

from __future__ import annotations

import itertools
import math
import random
from datetime import date, time

import pytest

from ecosites import planner
from ecosites.planner import (
    DEFAULT_CONFIG,
    Notice,
    PlannerConfig,
    PlanRequest,
    TravelProfile,
    best_order,
    great_circle_m,
    held_karp,
    heuristic_order,
    parse_place,
    parse_plan_query,
    path_cost,
    plan_query,
    plan_visit,
    resolve_stops,
    travel_minutes_exact,
)
from tests.conftest import make_stop

MONDAY = date(2026, 11, 30)
TUESDAY = date(2026, 12, 1)
TODAY = date(2026, 11, 1)
MUSEUM = make_stop(id="guizhou-geological-museum", name_en="Geological Museum of Guizhou",
                   lon=106.627, lat=26.647, hours="09:00-17:00", last_entry="16:00",
                   closed_weekdays=["mon"])


def known(*stops: planner.StopInfo) -> dict[str, planner.StopInfo]:
    return {s.id: s for s in stops}


def codes(notices: list[Notice]) -> list[str]:
    return [n.code for n in notices]


@pytest.mark.parametrize(("a", "b", "expected_m"), [
    ((106.6, 26.0), (106.6, 27.0), 110_795.7),  # one degree of meridian at 26.5°N
    ((106.6, 26.5), (106.6, 26.5), 0.0),
    ((106.6, 26.5), (106.61, 26.5), 996.9),
])
def test_great_circle_distance(a: tuple[float, float], b: tuple[float, float],
                               expected_m: float) -> None:
    assert great_circle_m(*a, *b) == pytest.approx(expected_m, abs=0.1)


@pytest.mark.parametrize(("metres", "mode", "config", "expected"), [
    (10_000, "car", DEFAULT_CONFIG, 5 + 10_000 * 1.4 / 500),  # 33.0
    (10_000, "transit", DEFAULT_CONFIG, 10 + 10_000 * 1.5 / 250),  # 70.0
    (1_000, "walk", DEFAULT_CONFIG, 1_300 / 75),
    (0, "car", DEFAULT_CONFIG, 0.0),
    (10_000, "car", PlannerConfig(profiles={"car": TravelProfile(1.0, 60.0, 0)}), 10.0),
    (10_000, "car", planner.with_config(DEFAULT_CONFIG, "car", speed_kmh=60), 5 + 14.0),
])
def test_travel_minutes(metres: float, mode: str, config: PlannerConfig, expected: float) -> None:
    assert travel_minutes_exact(metres, mode, config) == pytest.approx(expected)


def line_costs(xs: list[float]) -> list[list[float]]:
    return [[abs(a - b) for b in xs] for a in xs]


@pytest.mark.parametrize(("xs", "start_x", "end_x", "expected"), [
    ([0, 3, 1, 2], -1, None, [0, 2, 3, 1]),
    ([0, 3, 1, 2], 4, None, [1, 3, 2, 0]),
    ([0, 3, 1, 2], -1, 5, [0, 2, 3, 1]),
    ([5, 1, 9], 6, 0, [2, 0, 1]),  # 6 -> 9 -> 5 -> 1 -> 0 costs 3+4+4+1 = 12, the least
    ([2], 0, None, [0]),
    ([], 0, None, []),
])
def test_known_optimal_orders(xs: list[float], start_x: float, end_x: float | None,
                              expected: list[int]) -> None:
    first = [abs(x - start_x) for x in xs]
    last = [abs(x - end_x) for x in xs] if end_x is not None else None
    assert held_karp(line_costs(xs), first, last) == expected
    assert best_order(line_costs(xs), first, last) == expected


def random_instance(seed: int, n: int) -> tuple[list[list[float]], list[float], list[float] | None]:
    rng = random.Random(seed)
    points = [(rng.uniform(106.3, 106.9), rng.uniform(26.3, 26.8)) for _ in range(n + 2)]
    matrix = planner.cost_matrix(points, "car")
    cost = [row[:n] for row in matrix[:n]]
    first = [matrix[n][j] for j in range(n)]
    last = [matrix[j][n + 1] for j in range(n)] if seed % 2 else None
    return cost, first, last


@pytest.mark.parametrize(("seed", "n"), [(s, n) for s, n in zip(range(8), [2, 3, 4, 5, 6, 7, 7, 6],
                                                                strict=True)])
def test_held_karp_matches_brute_force(seed: int, n: int) -> None:
    cost, first, last = random_instance(seed, n)
    brute = min(path_cost(p, cost, first, last) for p in itertools.permutations(range(n)))
    order = held_karp(cost, first, last)
    assert sorted(order) == list(range(n))
    assert path_cost(order, cost, first, last) == pytest.approx(brute)


def test_heuristic_finds_the_open_path_round_a_circle() -> None:
    """16 points on a circle, shuffled: the best open path leaves out one (equal) chord."""
    n = 16
    angles = [2 * math.pi * k / n for k in range(n)]
    random.Random(4).shuffle(angles)
    xy = [(math.cos(a), math.sin(a)) for a in angles]
    cost = [[math.dist(p, q) for q in xy] for p in xy]
    chord = 2 * math.sin(math.pi / n)
    order = heuristic_order(cost)
    assert sorted(order) == list(range(n))
    assert path_cost(order, cost) == pytest.approx((n - 1) * chord)
    assert best_order(cost, exact_up_to=10) == order


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_heuristic_is_close_to_exact_on_eleven_stops(seed: int) -> None:
    cost, first, last = random_instance(seed, 11)
    exact = path_cost(held_karp(cost, first, last), cost, first, last)
    found = path_cost(heuristic_order(cost, first, last), cost, first, last)
    assert exact <= found + 1e-9
    assert found <= exact * 1.10


def test_order_stops_locked_round_trip_and_start() -> None:
    west = make_stop(id="west", lon=106.50, lat=26.60)
    middle = make_stop(id="middle", lon=106.60, lat=26.60)
    east = make_stop(id="east", lon=106.70, lat=26.60)
    sites = known(west, middle, east)
    ids = ("east", "west", "middle")
    hotel = "106.75,26.60"  # east of everything
    ordered = plan_visit(PlanRequest(ids, start=hotel), sites, TODAY)
    assert [s.info.id for s in ordered.stops] == ["east", "middle", "west"]
    locked = plan_visit(PlanRequest(ids, start=hotel, locked=True), sites, TODAY)
    assert [s.info.id for s in locked.stops] == ["east", "west", "middle"]
    loop = plan_visit(PlanRequest(ids, round_trip=True), sites, TODAY)
    # A loop without a start point begins and ends at the first stop given.
    assert loop.stops[0].info.id == "east"
    assert (loop.legs[0].from_key, loop.legs[-1].to_key) == ("east", "east")
    assert len(loop.legs) == 3


@pytest.mark.parametrize(("start", "visit", "day", "expected_codes", "arrive", "depart"), [
    ("08:00", None, TUESDAY, ["wait"], "08:00", "10:30"),
    ("09:00", 60, TUESDAY, [], "09:00", "10:00"),
    ("15:45", None, TUESDAY, ["closes_during_visit"], "15:45", "17:15"),
    ("16:30", None, TUESDAY, ["after_last_entry"], "16:30", "18:00"),
    ("17:30", None, TUESDAY, ["after_closing"], "17:30", "19:00"),
    ("09:00", None, MONDAY, ["closed_day"], "09:00", "10:30"),
])
def test_museum_conflicts(start: str, visit: int | None, day: date, expected_codes: list[str],
                          arrive: str, depart: str) -> None:
    museum = make_stop(**{**_museum_fields(), "visit_minutes": visit})
    plan = plan_visit(PlanRequest((museum.id,), day=day, start_time=planner.parse_time(start)
                                  or time(9)), known(museum), TODAY)
    (stop,) = plan.stops
    assert codes(stop.notices) == expected_codes
    assert (stop.arrive.strftime("%H:%M"), stop.depart.strftime("%H:%M")) == (arrive, depart)


def _museum_fields() -> dict[str, object]:
    return {"id": MUSEUM.id, "name_en": MUSEUM.name_en, "lon": MUSEUM.lon, "lat": MUSEUM.lat,
            "hours": "09:00-17:00", "last_entry": "16:00", "closed_weekdays": ["mon"]}


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


def test_museum_on_monday_suggests_tuesday() -> None:
    plan = plan_visit(PlanRequest((MUSEUM.id,), day=MONDAY), known(MUSEUM), TODAY)
    closed = plan.stops[0].notices[0]
    assert dict(closed.values) == {"weekday": "mon", "date": "2026-11-30", "next_weekday": "tue",
                                   "next_date": "2026-12-01"}
    assert codes(plan.notices) == ["all_closed", "visit_default"]
    assert plan.notices[0].suggestion() == "Try 1 December 2026 (Tuesday), when they are open."


@pytest.mark.parametrize(("stop_fields", "expected"), [
    ({"hours": None, "closed_weekdays": None}, ["hours_unverified"]),
    ({"hours": "06:00-22:00", "closed_weekdays": None}, ["closed_days_unverified"]),
    ({"hours": "00:00-24:00", "closed_weekdays": []}, []),
])
def test_unknown_hours_are_said(stop_fields: dict[str, object], expected: list[str]) -> None:
    site = make_stop(id="park", **stop_fields)
    plan = plan_visit(PlanRequest(("park",), day=TUESDAY, start_time=time(10, 0)), known(site),
                      TODAY)
    assert codes(plan.stops[0].notices) == expected


def test_timings_along_a_meridian() -> None:
    """Two stops 9,972 m apart: car 5 + 27.9 -> 33 min; transit 10 + 59.8 -> 70 min."""
    a = make_stop(id="a", lon=106.6, lat=26.5, visit_minutes=60, hours=None)
    b = make_stop(id="b", lon=106.6, lat=26.59, visit_minutes=30, hours=None)
    for mode, minutes in (("car", 33), ("transit", 70), ("walk", 173)):
        plan = plan_visit(PlanRequest(("a", "b"), mode=mode, day=TUESDAY, locked=True),
                          known(a, b), TODAY)
        (leg,) = plan.legs
        assert (leg.from_key, leg.to_key, leg.minutes) == ("a", "b", minutes)
        assert leg.straight_m == pytest.approx(9971.7, abs=0.1)
        assert [s.arrive.strftime("%H:%M") for s in plan.stops] == [
            "09:00", (planner.datetime(2026, 12, 1, 10) + planner.timedelta(minutes=minutes))
            .strftime("%H:%M")]
        assert plan.travel_minutes == minutes
        assert plan.visit_minutes == 90


@pytest.mark.parametrize(("count", "days", "expected_sizes", "long_days"), [
    (4, 1, [4], [(1, "12.0", 2)]),
    (4, 2, [2, 2], []),
    (4, 3, [2, 2], []),
    (6, 2, [2, 4], [(2, "12.0", 3)]),
    (1, 2, [1], []),
])
def test_multi_day_split(count: int, days: int, expected_sizes: list[int],
                         long_days: list[tuple[int, str, int]]) -> None:
    """Stops of 3 h each at one point (no travel): two fit into an 8-hour day."""
    stops = [make_stop(id=f"s{k}", visit_minutes=180, hours=None) for k in range(count)]
    plan = plan_visit(PlanRequest(tuple(s.id for s in stops), day=TUESDAY, days=days, locked=True),
                      known(*stops), TODAY)
    sizes = [sum(1 for s in plan.stops if s.day == d) for d in range(1, plan.day_count + 1)]
    assert sizes == expected_sizes
    assert [s.arrive.date() for s in plan.stops if s.day == 2][:1] == (
        [date(2026, 12, 2)] if len(sizes) > 1 else [])
    assert [(n.values["day"], n.values["hours"], n.values["needed"])
            for n in plan.notices if n.code == "long_day"] == long_days


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
    venue = make_stop(id="eco-conference-center", lon=106.64, lat=26.64)
    place, notices = parse_place(text, "start", known(MUSEUM, venue))
    assert (place.key if place else None, codes(notices)) == (expected_key, expected_codes)


@pytest.mark.parametrize(("ids", "kept", "expected_codes"), [
    ((), 0, ["empty"]),
    (("a", "nope", "a", "b"), 2, ["unknown_ids"]),
    (("nope",), 0, ["unknown_ids", "empty"]),
    (tuple(f"s{k}" for k in range(30)), 25, ["too_many"]),
])
def test_resolve_stops(ids: tuple[str, ...], kept: int, expected_codes: list[str]) -> None:
    sites = known(*(make_stop(id=i) for i in ["a", "b", *(f"s{k}" for k in range(30))]))
    stops, notices = resolve_stops(ids, sites)
    assert (len(stops), codes(notices)) == (kept, expected_codes)


def test_past_date_and_bad_start_keep_the_rest_of_the_plan() -> None:
    a = make_stop(id="a", hours=None)
    plan = plan_visit(PlanRequest(("a", "ghost"), start="130,40", day=date(2026, 10, 1)),
                      known(a), TODAY)
    assert codes(plan.notices) == ["unknown_ids", "place_outside", "past_date", "visit_default"]
    assert [s.info.id for s in plan.stops] == ["a"]
    assert plan.start is None


@pytest.mark.parametrize(("params", "expected", "bad_names"), [
    ({}, PlanRequest(day=TODAY), []),
    ({"plan": "a,b", "from": "efg", "mode": "walk", "date": "2026-11-30", "start": "08:30",
      "days": "2", "round": "1", "lock": "1", "hours": "6.5"},
     PlanRequest(("a", "b"), "efg", None, True, "walk", MONDAY, time(8, 30), 2, True, 6.5), []),
    ({"mode": "plane", "date": "30/11/2026", "start": "25:00", "days": "99", "hours": "99"},
     PlanRequest(day=TODAY), ["mode", "date", "start", "days", "hours"]),
])
def test_parse_plan_query(params: dict[str, str], expected: PlanRequest,
                          bad_names: list[str]) -> None:
    request, notices = parse_plan_query(params, TODAY)
    assert request == expected
    assert [n.values["name"] for n in notices] == bad_names


def test_plan_query_round_trips() -> None:
    request = PlanRequest(("a", "b"), "106.630000,26.640000", "efg", False, "transit", MONDAY,
                          time(10, 15), 3, True, 6.0)
    params = plan_query(request)
    assert params == {"plan": "a,b", "from": "106.630000,26.640000", "to": "efg",
                      "mode": "transit", "date": "2026-11-30", "start": "10:15", "days": "3",
                      "lock": "1", "hours": "6"}
    assert parse_plan_query(params, TODAY) == (request, [])
