"""Opening hours as constraints: table-driven plans, and the search against a brute force."""

from __future__ import annotations

import itertools
import random
from collections.abc import Sequence
from datetime import date, time
from typing import Any

import pytest

from ecosites.planning.model import PlanRequest
from ecosites.planning.ordering import (
    RouteProblem,
    best_route_exact,
    best_route_heuristic,
    held_karp,
)
from ecosites.planning.schedule import plan_visit
from tests.conftest import make_stop, stops_by_id

MONDAY = date(2026, 12, 7)
TUESDAY = date(2026, 12, 8)
TODAY = date(2026, 11, 1)
# Two sites 1 km apart near the museum; a car leg between them takes 7 minutes.
MUSEUM = {"id": "museum", "lon": 106.627, "lat": 26.647, "hours": "09:00-17:00",
          "last_entry": "16:00", "closed_weekdays": ["mon"]}
PARK = {"id": "park", "lon": 106.627, "lat": 26.656, "hours": "06:00-22:00",
        "closed_weekdays": ["tue"], "visit_minutes": 180}


def _stops(*fields: dict[str, Any]) -> dict[str, Any]:
    return stops_by_id(*(make_stop(**f) for f in fields))


CASES: list[tuple[str, list[dict[str, Any]], dict[str, Any], list[tuple[str, int, str]],
                  list[tuple[str, str]]]] = [
    ("closed weekday", [MUSEUM, PARK], {"day": MONDAY},
     [("park", 1, "09:00")], [("museum", "no_open_day")]),
    ("last entry decides the order (the shorter path is too late)",
     [MUSEUM, {**PARK, "lon": 106.60}], {"day": date(2026, 12, 9),
                                         "start_time": time(13, 0), "start": "106.600,26.656"},
     [("museum", 1, "13:14"), ("park", 1, "14:58")], []),
    ("closing during the visit", [{"id": "garden", "hours": "09:00-12:00", "closed_weekdays": [],
                                   "visit_minutes": 120}],
     {"day": TUESDAY, "start_time": time(10, 30)}, [], [("garden", "closes_during_visit")]),
    ("overnight hours: wait for the evening opening",
     [{"id": "night-market", "hours": "18:00-02:00", "closed_weekdays": []}],
     {"day": TUESDAY, "start_time": time(17, 0)}, [("night-market", 1, "17:00")], []),
    ("overnight hours: closed the night before, and the day ends before the evening",
     [{"id": "night-market", "hours": "20:00-03:00", "closed_weekdays": ["mon"]}],
     {"day": TUESDAY, "start_time": time(0, 30)}, [], [("night-market", "past_day_end")]),
    ("overnight hours: open past midnight from the evening before",
     [{"id": "night-market", "hours": "20:00-03:00", "closed_weekdays": ["tue"]}],
     {"day": TUESDAY, "start_time": time(0, 30)}, [("night-market", 1, "00:30")], []),
    ("no open day in the plan", [MUSEUM], {"day": MONDAY}, [], [("museum", "no_open_day")]),
    ("two days, each stop open on one only", [MUSEUM, PARK], {"day": MONDAY, "days": 2},
     [("park", 1, "09:00"), ("museum", 2, "09:00")], []),
    ("not open to visitors", [{**MUSEUM, "status": "under-construction"}], {"day": TUESDAY},
     [], [("museum", "not_open")]),
    ("unverified hours fit the day's hours", [{"id": "lake", "hours": None,
                                               "closed_weekdays": None}],
     {"day": MONDAY, "start_time": time(16, 0), "hours_per_day": 1.0}, [],
     [("lake", "past_day_end")]),
    ("keep my order: the museum then misses its last entry",
     [{**PARK, "closed_weekdays": []}, MUSEUM],
     {"day": TUESDAY, "start_time": time(13, 30), "locked": True},
     [("park", 1, "13:30")], [("museum", "after_last_entry")]),
]


@pytest.mark.parametrize(("sites", "request_fields", "scheduled", "left_out"),
                         [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_constraint_cases(sites: list[dict[str, Any]], request_fields: dict[str, Any],
                          scheduled: list[tuple[str, int, str]],
                          left_out: list[tuple[str, str]]) -> None:
    """Each stop is placed inside its hours and the day's, or left out with the reason."""
    known = _stops(*sites)
    plan = plan_visit(PlanRequest(tuple(known), **request_fields), known, TODAY)
    begins = [s.arrive.replace(second=0) for s in plan.stops]
    assert [(s.info.id, s.day, b.strftime("%H:%M")) for s, b in zip(plan.stops, begins,
                                                                     strict=True)] == scheduled
    assert [(u.info.id, u.reason.code) for u in plan.unplaced] == left_out
    for stop in plan.stops:
        begin = stop.arrive.timestamp() + stop.wait_minutes * 60
        assert stop.depart.timestamp() == begin + stop.visit_minutes * 60


def test_status_and_nearest_dates_are_said() -> None:
    known = _stops({**MUSEUM, "status": "under-construction"}, {**MUSEUM, "id": "museum-2"})
    plan = plan_visit(PlanRequest(tuple(known), day=MONDAY), known, TODAY)
    by_id = {u.info.id: u for u in plan.unplaced}
    assert dict(by_id["museum"].reason.values) == {"status": "under-construction"}
    assert (by_id["museum"].before, by_id["museum"].after) == (None, None)
    assert (by_id["museum-2"].before, by_id["museum-2"].after) == (date(2026, 12, 6), TUESDAY)


# An independent check of a route against the same rules, written apart from ordering.py.
def brute_finish(order: Sequence[int], problem: RouteProblem) -> float | None:
    """Minutes when the route is done (closing leg included), or None if a window is missed."""
    now = 0.0
    for position, stop in enumerate(order):
        if position == 0:
            now += problem.first[stop] if problem.first is not None else 0
        else:
            now += problem.travel[order[position - 1]][stop]
        starts = sorted(max(now, low) for low, high in problem.windows[stop]
                        if max(now, low) <= high)
        if not starts:
            return None
        now = starts[0] + problem.visit[stop]
    if order and problem.last is not None:
        now += problem.last[order[-1]]
    return now


def brute_best(problem: RouteProblem) -> tuple[int, int, float]:
    """(worth, count, -finish) of the best route over every subset in every order."""
    n = len(problem.visit)
    best = (0, 0, -0.0)
    for size in range(1, n + 1):
        for order in itertools.permutations(range(n), size):
            finish = brute_finish(order, problem)
            if finish is not None:
                best = max(best, (sum(problem.weight[i] for i in order), size, -finish))
    return best


def random_problem(seed: int, n: int) -> RouteProblem:
    """Stops 10-40 min apart with 1-3 h visits and tight, sometimes split, windows."""
    rng = random.Random(seed)
    points = [(rng.uniform(0, 30), rng.uniform(0, 30)) for _ in range(n + 2)]

    def minutes(a: tuple[float, float], b: tuple[float, float]) -> int:
        return 5 + round(abs(a[0] - b[0]) + abs(a[1] - b[1]))

    travel = [[0 if i == j else minutes(points[i], points[j]) for j in range(n)]
              for i in range(n)]
    first = [minutes(points[n], points[j]) for j in range(n)]
    last = [minutes(points[j], points[n + 1]) for j in range(n)] if seed % 2 else None
    visit = [rng.choice([30, 60, 90]) for _ in range(n)]
    windows = []
    for j in range(n):
        opens = rng.choice([0, 0, 60, 120, 240])
        closes = opens + rng.choice([120, 180, 300, 480])
        spans = [(opens, closes - visit[j])]
        if rng.random() < 0.2:
            spans.append((closes + 60, closes + 240))
        windows.append(spans)
    weight = [rng.choice([1, 1, 1, 1 + n]) for _ in range(n)]
    return RouteProblem(travel, first, last, visit, windows, weight)


@pytest.mark.parametrize(("seed", "n"), [(s, 3 + s % 4) for s in range(12)] + [(99, 7), (100, 8)])
def test_exact_search_matches_brute_force(seed: int, n: int) -> None:
    problem = random_problem(seed, n)
    route = best_route_exact(problem)
    finish = brute_finish(route.order, problem)
    assert finish is not None
    assert finish == pytest.approx(route.finish)
    found = (sum(problem.weight[i] for i in route.order), len(route.order), -finish)
    assert found == pytest.approx(brute_best(problem))
    heuristic = best_route_heuristic(problem)
    assert brute_finish(heuristic.order, problem) is not None
    assert (sum(problem.weight[i] for i in heuristic.order), len(heuristic.order),
            -heuristic.finish) <= found


def test_fastest_order_is_infeasible_and_search_finds_another() -> None:
    """A line 0-1-2 from the start: the shortest path runs 0, 1, 2, but 2 must begin by minute 60."""
    travel = [[0, 10, 20], [10, 0, 10], [20, 10, 0]]
    first = [10, 20, 30]
    problem = RouteProblem(travel, first, None, [60, 60, 60],
                           [[(0, 600)], [(0, 600)], [(0, 60)]], [1, 1, 1])
    fastest = held_karp([[float(c) for c in row] for row in travel], [float(c) for c in first])
    assert fastest == [0, 1, 2]
    assert brute_finish(fastest, problem) is None
    route = best_route_exact(problem)
    assert route.order == [2, 1, 0]
    assert brute_finish(route.order, problem) == route.finish == 230
    assert brute_best(problem) == (3, 3, -230.0)
