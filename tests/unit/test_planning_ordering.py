"""Ordering: exact and heuristic stop orders against known optima and brute force."""

from __future__ import annotations

import itertools
import math
import random
from dataclasses import replace
from datetime import date

import pytest

from ecosites.planning.model import PlanRequest
from ecosites.planning.ordering import best_order, held_karp, heuristic_order, path_cost
from ecosites.planning.schedule import plan_visit
from ecosites.planning.travel import DEFAULT_CONFIG, cost_matrix, leg_minutes_matrix
from tests.conftest import make_stop, stops_by_id

TODAY = date(2026, 11, 1)


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
    matrix = cost_matrix(points, "car")
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


def test_stop_order_locked_round_trip_and_start() -> None:
    west = make_stop(id="west", lon=106.50, lat=26.60)
    middle = make_stop(id="middle", lon=106.60, lat=26.60)
    east = make_stop(id="east", lon=106.70, lat=26.60)
    sites = stops_by_id(west, middle, east)
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


@pytest.mark.parametrize("exact_up_to", [10, 0], ids=["exact", "heuristic"])
def test_a_loop_without_a_start_counts_the_way_back_when_ordering(exact_up_to: int) -> None:
    """Guards against ordering a round trip as an open path and only then adding the way back.

    From ``a`` the shortest open path is a-b-d-c, but it ends far from ``a``: with the leg
    home it is 6 minutes longer than the shortest loop. Both searches must find the loop.
    """
    grid = 0.01  # degrees
    points = {"a": (0, 0), "b": (-2, 0), "c": (-3, -4), "d": (1, -2)}
    stops = [make_stop(id=k, lon=106.6 + x * grid, lat=26.6 + y * grid) for k, (x, y) in points.items()]
    minutes = leg_minutes_matrix([(s.id, s.lon, s.lat) for s in stops], "car")
    loops = {order: sum(minutes[i][j] for i, j in itertools.pairwise((0, *order, 0)))
             for order in itertools.permutations(range(1, 4))}
    opens = {order: sum(minutes[i][j] for i, j in itertools.pairwise((0, *order))) for order in loops}
    shortest_open = min(opens, key=opens.__getitem__)
    assert shortest_open == (1, 3, 2)
    assert loops[shortest_open] - min(loops.values()) == 6  # the case is real
    config = replace(DEFAULT_CONFIG, exact_up_to=exact_up_to)
    loop = plan_visit(PlanRequest(tuple(points), round_trip=True), stops_by_id(*stops), TODAY, config)
    assert loop.travel_minutes == min(loops.values())
    assert loop.stops[0].info.id == "a"
    assert (loop.legs[0].from_key, loop.legs[-1].to_key) == ("a", "a")
