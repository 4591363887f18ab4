"""Travel: the one place for travel assumptions, distances and the minutes of each leg.

Travel times are estimates from the great-circle distance (``pyproj.Geod`` on WGS-84)
times a detour factor, divided by a speed per mode, plus a fixed overhead per leg;
every such assumption lives in ``TRAVEL_PROFILES`` and ``PlannerConfig`` and can be
replaced by passing another config.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from pyproj import Geod

from ecosites.planning.model import DEFAULT_HOURS_PER_DAY, MeasuredLeg


@dataclass(frozen=True)
class TravelProfile:
    """How one travel mode turns a straight-line distance into minutes."""

    detour_factor: float  # route length / great-circle distance
    speed_kmh: float  # average speed along the route, door to door
    overhead_minutes: int  # per leg: hailing or parking, or walking to a stop and waiting
    # The estimate above is the cautious (upper) end of a leg's range, which the schedule
    # uses so that the plan holds; the quick end is this share of it.
    quick_share: float = 1.0


# The one place for travel assumptions. They are rough planning figures for central
# Guiyang chosen for this app, not measurements: hilly karst terrain makes roads wind
# (detour 1.4), urban traffic averages about 30 km/h by car or taxi; buses and metro
# line 1/2 with transfers about 15 km/h plus ~10 min to reach a stop and wait; walking
# 4.5 km/h. The spread of each leg (``quick_share``) is an assumption too: free-flowing
# roads make a car leg about 60% of the rush-hour figure, a well-timed bus or metro
# connection about 70%, a walk varies least (85%). Override them by passing
# ``PlannerConfig(profiles=...)``; measured leg times (``geodata/leg_times.csv``, read by
# ``ecosites.planning.legtimes``) replace the estimate for the pairs they cover.
TRAVEL_PROFILES: dict[str, TravelProfile] = {
    "car": TravelProfile(detour_factor=1.4, speed_kmh=30.0, overhead_minutes=5, quick_share=0.6),
    "transit": TravelProfile(detour_factor=1.5, speed_kmh=15.0, overhead_minutes=10,
                             quick_share=0.7),
    "walk": TravelProfile(detour_factor=1.3, speed_kmh=4.5, overhead_minutes=0, quick_share=0.85),
}



@dataclass(frozen=True)
class PlannerConfig:
    """Every tunable number of the planner, with its documented default."""

    profiles: Mapping[str, TravelProfile] = field(default_factory=lambda: dict(TRAVEL_PROFILES))
    # No source gives visit lengths for the sites; this default is used and said so.
    default_visit_minutes: int = 90
    max_hours_per_day: float = DEFAULT_HOURS_PER_DAY
    exact_up_to: int = 10  # Held-Karp is O(2^n n^2): ~0.1 s in Python at 10 stops
    max_stops: int = 25
    next_open_search_days: int = 14
    # Measured leg times by (from id, to id, mode), both directions; see legtimes.py.
    measured: Mapping[tuple[str, str, str], MeasuredLeg] = field(default_factory=dict)


DEFAULT_CONFIG = PlannerConfig()
_GEOD = Geod(ellps="WGS84")


def with_config(config: PlannerConfig, mode: str, speed_kmh: float | None = None,
                detour_factor: float | None = None, max_hours_per_day: float | None = None
                ) -> PlannerConfig:
    """A copy of ``config`` with one mode's speed/detour and the day length overridden."""
    profiles = dict(config.profiles)
    profile = profiles[mode]
    if speed_kmh is not None:
        profile = replace(profile, speed_kmh=speed_kmh)
    if detour_factor is not None:
        profile = replace(profile, detour_factor=detour_factor)
    profiles[mode] = profile
    hours = max_hours_per_day if max_hours_per_day is not None else config.max_hours_per_day
    return replace(config, profiles=profiles, max_hours_per_day=hours)


@dataclass(frozen=True)
class Leg:
    """Travel between two points on one day of the plan."""

    from_key: str
    to_key: str
    from_lonlat: tuple[float, float]
    to_lonlat: tuple[float, float]
    straight_m: float
    distance_m: float  # estimated route length: straight_m x the mode's detour factor
    minutes: int  # the slow end of the range: what the schedule uses
    day: int
    quick_minutes: int = 0  # the quick end of the range
    source: str = ""  # where a measured time came from ('' for the estimate)


def great_circle_m(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Distance in metres along the WGS-84 ellipsoid."""
    _, _, metres = _GEOD.inv(lon1, lat1, lon2, lat2)
    return float(metres)


def travel_minutes_exact(straight_m: float, mode: str, config: PlannerConfig = DEFAULT_CONFIG
                         ) -> float:
    """Minutes for a straight-line distance by ``mode``: overhead + route / speed."""
    if straight_m <= 0:
        return 0.0
    profile = config.profiles[mode]
    metres_per_minute = profile.speed_kmh * 1000.0 / 60.0
    return profile.overhead_minutes + straight_m * profile.detour_factor / metres_per_minute


def measured_leg(from_key: str, to_key: str, mode: str, config: PlannerConfig = DEFAULT_CONFIG
                 ) -> MeasuredLeg | None:
    """A measured time for this pair and mode in either direction, or None."""
    return (config.measured.get((from_key, to_key, mode))
            or config.measured.get((to_key, from_key, mode)))


def leg_range(from_key: str, to_key: str, straight_m: float, mode: str,
              config: PlannerConfig = DEFAULT_CONFIG) -> tuple[int, int, str]:
    """(quick, slow) whole minutes for a leg and the source of a measured time ('' if none)."""
    measured = measured_leg(from_key, to_key, mode, config)
    if measured is not None:
        return measured.quick_minutes, measured.slow_minutes, measured.source
    slow = math.ceil(round(travel_minutes_exact(straight_m, mode, config), 6))
    quick = math.floor(slow * config.profiles[mode].quick_share)
    return min(max(quick, 1 if slow else 0), slow), slow, ""


def make_leg(a: tuple[str, float, float], b: tuple[str, float, float], mode: str, day: int,
             config: PlannerConfig = DEFAULT_CONFIG) -> Leg:
    """The leg from point a to point b, each (key, lon, lat); minutes rounded up."""
    straight = great_circle_m(a[1], a[2], b[1], b[2])
    quick, slow, source = leg_range(a[0], b[0], straight, mode, config)
    return Leg(a[0], b[0], (a[1], a[2]), (b[1], b[2]), round(straight, 1),
               round(straight * config.profiles[mode].detour_factor, 1), slow, day, quick, source)


def leg_minutes_matrix(points: Sequence[tuple[str, float, float]], mode: str,
                       config: PlannerConfig = DEFAULT_CONFIG) -> list[list[int]]:
    """Whole minutes (the slow end, as scheduled) between every pair of (key, lon, lat) points."""
    return [[0 if a[0] == b[0] else leg_range(a[0], b[0], great_circle_m(a[1], a[2], b[1], b[2]),
                                              mode, config)[1]
             for b in points] for a in points]


def cost_matrix(points: Sequence[tuple[float, float]], mode: str,
                config: PlannerConfig = DEFAULT_CONFIG) -> list[list[float]]:
    """Travel minutes between every pair of (lon, lat) points."""
    return [[travel_minutes_exact(great_circle_m(*a, *b), mode, config) if i != j else 0.0
             for j, b in enumerate(points)] for i, a in enumerate(points)]
