"""Ordering: the cheapest order of stops over a matrix of travel minutes.

Minimises the total travel time of an open path from the start point (or a round
trip back to it): Held-Karp, exact, for up to ``exact_up_to`` stops; nearest
neighbour followed by 2-opt beyond that. The algorithms work on indices into a cost
matrix. Within opening hours (below) the same holds per day: ``best_route`` is scored
with the closing leg, so a loop's way back counts when its order is chosen
(``planning.schedule`` builds the day's matrix, the round trip's origin included).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise


def path_cost(order: Sequence[int], cost: Sequence[Sequence[float]],
              first: Sequence[float] | None = None, last: Sequence[float] | None = None) -> float:
    """Cost of visiting ``order``: from the start (``first[i]``), between stops, to the end."""
    if not order:
        return 0.0
    total = first[order[0]] if first is not None else 0.0
    total += sum(cost[a][b] for a, b in pairwise(order))
    return total + (last[order[-1]] if last is not None else 0.0)


def held_karp(cost: Sequence[Sequence[float]], first: Sequence[float] | None = None,
              last: Sequence[float] | None = None) -> list[int]:
    """The exact cheapest path through every stop (open at both ends unless first/last given)."""
    n = len(cost)
    if n <= 1:
        return list(range(n))
    start = first if first is not None else [0.0] * n
    end = last if last is not None else [0.0] * n
    size = 1 << n
    best = [[math.inf] * n for _ in range(size)]
    parent = [[-1] * n for _ in range(size)]
    for j in range(n):
        best[1 << j][j] = start[j]
    for mask in range(1, size):
        row = best[mask]
        for j in range(n):
            here = row[j]
            if here == math.inf:
                continue
            for k in range(n):
                if mask & (1 << k):
                    continue
                grown = mask | (1 << k)
                value = here + cost[j][k]
                if value < best[grown][k]:
                    best[grown][k] = value
                    parent[grown][k] = j
    full = size - 1
    tail = min(range(n), key=lambda j: best[full][j] + end[j])
    order, mask = [], full
    while tail != -1:
        order.append(tail)
        tail, mask = parent[mask][tail], mask & ~(1 << tail)
    return order[::-1]


def nearest_neighbour(cost: Sequence[Sequence[float]], begin: int) -> list[int]:
    """Greedy path from stop ``begin``, always to the nearest unvisited stop."""
    order, left = [begin], set(range(len(cost))) - {begin}
    while left:
        here = order[-1]
        nxt = min(sorted(left), key=lambda k: cost[here][k])
        order.append(nxt)
        left.remove(nxt)
    return order


def two_opt(order: Sequence[int], cost: Sequence[Sequence[float]],
            first: Sequence[float] | None = None, last: Sequence[float] | None = None) -> list[int]:
    """Improve a path by reversing segments while that shortens it (symmetric costs)."""
    path = list(order)
    n = len(path)

    def edge(a: int | None, b: int | None) -> float:
        if a is None:
            return first[b] if first is not None and b is not None else 0.0
        if b is None:
            return last[a] if last is not None else 0.0
        return cost[a][b]

    improved = True
    while improved:
        improved = False
        for i in range(n - 1):
            for k in range(i + 1, n):
                before = path[i - 1] if i > 0 else None
                after = path[k + 1] if k + 1 < n else None
                delta = (edge(before, path[k]) + edge(path[i], after)
                         - edge(before, path[i]) - edge(path[k], after))
                if delta < -1e-9:
                    path[i:k + 1] = reversed(path[i:k + 1])
                    improved = True
    return path


def heuristic_order(cost: Sequence[Sequence[float]], first: Sequence[float] | None = None,
                    last: Sequence[float] | None = None) -> list[int]:
    """Nearest neighbour from the stop nearest the start (from every stop if none), then 2-opt."""
    n = len(cost)
    if n <= 1:
        return list(range(n))
    begins = [min(range(n), key=lambda j: first[j])] if first is not None else range(n)
    candidates = [two_opt(nearest_neighbour(cost, b), cost, first, last) for b in begins]
    return min(candidates, key=lambda o: path_cost(o, cost, first, last))


def best_order(cost: Sequence[Sequence[float]], first: Sequence[float] | None = None,
               last: Sequence[float] | None = None, exact_up_to: int = 10) -> list[int]:
    """Indices of the stops in the cheapest order found (exact up to ``exact_up_to`` stops)."""
    if len(cost) <= exact_up_to:
        return held_karp(cost, first, last)
    return heuristic_order(cost, first, last)


# Ordering within opening hours. A day's stops become numbers: minutes after the day's
# start, whole travel minutes (the slow end of each leg), and for each stop the windows in
# which its visit may begin. The best route visits the most valuable set of stops that
# fits (``weight``: a stop that cannot go on a later day is worth more), then arrives
# back soonest, which for a fixed set of stops is the least travel plus waiting.

Window = tuple[float, float]  # earliest and latest start of a visit, minutes after day start


@dataclass(frozen=True)
class RouteProblem:
    """One day's stops as numbers for the window-constrained search."""

    travel: Sequence[Sequence[int]]  # minutes between stops
    first: Sequence[int] | None  # minutes from the start point; None: begin at the first stop
    last: Sequence[int] | None  # minutes to the end point; None: no closing leg
    visit: Sequence[int]  # minutes at each stop
    windows: Sequence[Sequence[Window]]  # when each stop's visit may begin
    weight: Sequence[int]  # what each stop is worth; more is kept first


@dataclass(frozen=True)
class Route:
    """Stops in order with the minute each visit begins, and the route's totals."""

    order: list[int]
    starts: list[float]
    finish: float  # leaving the last stop plus the closing leg
    travel: int  # minutes on the way, closing leg included


def visit_start(arrive: float, windows: Sequence[Window]) -> float | None:
    """The first minute at or after ``arrive`` at which the visit may begin, or None."""
    for earliest, latest in sorted(windows):
        begin = max(arrive, earliest)
        if begin <= latest:
            return begin
    return None


def simulate_route(order: Sequence[int], problem: RouteProblem) -> Route | None:
    """The route's timings when visited in ``order`` without delay, or None if a window is missed."""
    clock, travel, previous, starts = 0.0, 0, None, []
    for stop in order:
        leg = (problem.first[stop] if problem.first is not None else 0) if previous is None \
            else problem.travel[previous][stop]
        begin = visit_start(clock + leg, problem.windows[stop])
        if begin is None:
            return None
        travel += leg
        starts.append(begin)
        clock, previous = begin + problem.visit[stop], stop
    closing = problem.last[previous] if problem.last is not None and previous is not None else 0
    return Route(list(order), starts, clock + closing, travel + closing)


def route_score(route: Route, problem: RouteProblem) -> tuple[int, int, float, int]:
    """Larger is better: worth of the stops kept, their number, then soonest finish, least travel."""
    return (sum(problem.weight[i] for i in route.order), len(route.order), -route.finish,
            -route.travel)


@dataclass
class _SubsetTable:
    """Per set of visited stops (a bit mask) and the last of them: the best way to get there."""

    depart: list[list[float]]  # earliest departure from the last stop; inf: unreachable
    travel: list[list[int]]  # minutes on the way for that departure
    parent: list[list[int]]  # the stop before the last; -1: the first stop
    starts: list[list[float]]  # the minute the last stop's visit begins


def _subset_table(problem: RouteProblem) -> _SubsetTable:
    """Fill the table from single stops upwards, keeping the earliest departure per entry."""
    n = len(problem.visit)
    size = 1 << n
    table = _SubsetTable([[math.inf] * n for _ in range(size)], [[0] * n for _ in range(size)],
                         [[-1] * n for _ in range(size)], [[0.0] * n for _ in range(size)])
    depart, travel, parent, starts = table.depart, table.travel, table.parent, table.starts
    for j in range(n):
        leg = problem.first[j] if problem.first is not None else 0
        begin = visit_start(leg, problem.windows[j])
        if begin is not None:
            depart[1 << j][j], travel[1 << j][j], starts[1 << j][j] = (
                begin + problem.visit[j], leg, begin)
    for mask in range(1, size):
        for j in range(n):
            here = depart[mask][j]
            if here == math.inf:
                continue
            for k in range(n):
                if mask & (1 << k):
                    continue
                leg = problem.travel[j][k]
                begin = visit_start(here + leg, problem.windows[k])
                if begin is None:
                    continue
                grown, leave = mask | (1 << k), begin + problem.visit[k]
                if (leave, travel[mask][j] + leg) < (depart[grown][k], travel[grown][k]):
                    depart[grown][k], travel[grown][k] = leave, travel[mask][j] + leg
                    parent[grown][k], starts[grown][k] = j, begin
    return table


def _best_entry(problem: RouteProblem, table: _SubsetTable
                ) -> tuple[tuple[int, int, float, int], tuple[int, int] | None]:
    """The best-scoring reachable (set, last stop), with its score (as ``route_score``)."""
    size = len(table.depart)
    worth = [0] * size
    for mask in range(1, size):
        low = (mask & -mask).bit_length() - 1
        worth[mask] = worth[mask & (mask - 1)] + problem.weight[low]
    top: tuple[int, int, float, int] = (0, 0, -0.0, 0)
    chosen: tuple[int, int] | None = None
    for mask in range(1, size):
        for j, leave in enumerate(table.depart[mask]):
            if leave == math.inf:
                continue
            closing = problem.last[j] if problem.last is not None else 0
            score = (worth[mask], mask.bit_count(), -(leave + closing),
                     -(table.travel[mask][j] + closing))
            if chosen is None or score > top:
                top, chosen = score, (mask, j)
    return top, chosen


def best_route_exact(problem: RouteProblem) -> Route:
    """The best route by dynamic programming over subsets of stops (exact; O(2^n n^2)).

    For each set of visited stops and the last of them, only the earliest departure is
    kept: travel times do not depend on the hour, so leaving earlier never hurts later.
    """
    table = _subset_table(problem)
    top, chosen = _best_entry(problem, table)
    if chosen is None:
        return Route([], [], 0.0, 0)
    mask, j = chosen
    order, begins, at, bits = [], [], j, mask
    while at != -1:
        order.append(at)
        begins.append(table.starts[bits][at])
        at, bits = table.parent[bits][at], bits & ~(1 << at)
    return Route(order[::-1], begins[::-1], -top[2], -top[3])


def best_route_heuristic(problem: RouteProblem) -> Route:
    """A good route for many stops: cheapest feasible insertion, then moving single stops.

    Stops are inserted most valuable first, then by the earliest latest start (the most
    pressing deadline), each where it delays the finish least; a stop that fits nowhere
    is left out. Then each stop is tried at every other position while that helps. The
    travel-only order (nearest neighbour + 2-opt) is kept instead when it fits better.
    """
    n = len(problem.visit)
    pressing = sorted(range(n), key=lambda i: (-problem.weight[i], max(
        (w[1] for w in problem.windows[i]), default=-math.inf), i))
    best = Route([], [], 0.0, 0)
    for stop in pressing:
        trials = (simulate_route([*best.order[:p], stop, *best.order[p:]], problem)
                  for p in range(len(best.order) + 1))
        fitting = [r for r in trials if r is not None]
        if fitting:
            best = max(fitting, key=lambda r: route_score(r, problem))
    improved = True
    while improved:
        improved = False
        for i in range(len(best.order)):
            rest = best.order[:i] + best.order[i + 1:]
            for p in range(len(best.order)):
                moved = simulate_route([*rest[:p], best.order[i], *rest[p:]], problem)
                if moved is not None and route_score(moved, problem) > route_score(best, problem):
                    best, improved = moved, True
    travel_only = simulate_route(heuristic_order(
        [[float(c) for c in row] for row in problem.travel],
        [float(c) for c in problem.first] if problem.first is not None else None,
        [float(c) for c in problem.last] if problem.last is not None else None), problem)
    if travel_only is not None and route_score(travel_only, problem) > route_score(best, problem):
        best = travel_only
    return best


def best_route(problem: RouteProblem, exact_up_to: int = 10) -> Route:
    """The best route within the windows: exact up to ``exact_up_to`` stops, heuristic beyond."""
    if len(problem.visit) <= exact_up_to:
        return best_route_exact(problem)
    return best_route_heuristic(problem)
