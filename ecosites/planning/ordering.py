"""Ordering: the cheapest order of stops over a matrix of travel minutes.

Minimises the total travel time of an open path from the start point (or a round
trip back to it): Held-Karp, exact, for up to ``exact_up_to`` stops; nearest
neighbour followed by 2-opt beyond that. The algorithms work on indices into a cost
matrix; ``order_stops`` builds the matrix for the stops and maps the order back.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import pairwise

from ecosites.planning.model import Place
from ecosites.planning.stops import StopInfo
from ecosites.planning.travel import DEFAULT_CONFIG, PlannerConfig, cost_matrix


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


def order_stops(stops: Sequence[StopInfo], start: Place | None, end: Place | None,
                round_trip: bool, mode: str, config: PlannerConfig = DEFAULT_CONFIG
                ) -> list[StopInfo]:
    """The stops in the order of least total travel time for this start, end and mode."""
    if len(stops) <= 1:
        return list(stops)
    if round_trip and start is None:
        # A loop with no start point begins and ends at the user's first stop.
        anchor, rest = stops[0], stops[1:]
        return [anchor, *order_stops(rest, anchor.as_place(), anchor.as_place(), False, mode,
                                     config)]
    points = [(s.lon, s.lat) for s in stops]
    extra = [p for p in (start, end if not round_trip else start) if p is not None]
    matrix = cost_matrix(points + [(p.lon, p.lat) for p in extra], mode, config)
    n = len(stops)
    cost = [row[:n] for row in matrix[:n]]
    first = [matrix[n][j] for j in range(n)] if start is not None else None
    end_point = start if round_trip else end
    last = None
    if end_point is not None:
        column = n + (1 if start is not None else 0)
        last = [matrix[j][column] for j in range(n)]
    return [stops[i] for i in best_order(cost, first, last, config.exact_up_to)]
