"""Visit planning: the order of stops, travel time per leg, and a timed schedule with warnings.

Pure functions, no Streamlit. Travel times are estimates from the great-circle distance
(``pyproj.Geod`` on WGS-84) times a detour factor, divided by a speed per mode, plus a
fixed overhead per leg; every such assumption lives in ``TRAVEL_PROFILES`` and
``PlannerConfig`` below and can be replaced by passing another config.

Ordering minimises the total travel time of an open path from the start point (or a
round trip back to it): Held-Karp, exact, for up to ``exact_up_to`` stops; nearest
neighbour followed by 2-opt beyond that. Times are local to Guiyang (Asia/Shanghai).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from itertools import pairwise
from typing import Any
from zoneinfo import ZoneInfo

from pyproj import Geod

from ecosites import schema
from ecosites.i18n import format_date, t
from ecosites.vocab import in_region

MODES: tuple[str, ...] = ("car", "transit", "walk")
DEFAULT_MODE = "car"
VENUE_ID = "eco-conference-center"  # Guiyang International Eco-Conference Center, EFG's venue
VENUE_ALIAS = "efg"
LOCAL_TZ = ZoneInfo("Asia/Shanghai")
DEFAULT_START = time(9, 0)
MAX_DAYS = 14


@dataclass(frozen=True)
class TravelProfile:
    """How one travel mode turns a straight-line distance into minutes."""

    detour_factor: float  # route length / great-circle distance
    speed_kmh: float  # average speed along the route, door to door
    overhead_minutes: int  # per leg: hailing or parking, or walking to a stop and waiting


# The one place for travel assumptions. They are rough planning figures for central
# Guiyang chosen for this app, not measurements: hilly karst terrain makes roads wind
# (detour 1.4), urban traffic averages about 30 km/h by car or taxi; buses and metro
# line 1/2 with transfers about 15 km/h plus ~10 min to reach a stop and wait; walking
# 4.5 km/h. Override them by passing ``PlannerConfig(profiles=...)``.
TRAVEL_PROFILES: dict[str, TravelProfile] = {
    "car": TravelProfile(detour_factor=1.4, speed_kmh=30.0, overhead_minutes=5),
    "transit": TravelProfile(detour_factor=1.5, speed_kmh=15.0, overhead_minutes=10),
    "walk": TravelProfile(detour_factor=1.3, speed_kmh=4.5, overhead_minutes=0),
}


@dataclass(frozen=True)
class PlannerConfig:
    """Every tunable number of the planner, with its documented default."""

    profiles: Mapping[str, TravelProfile] = field(default_factory=lambda: dict(TRAVEL_PROFILES))
    # No source gives visit lengths for the sites; this default is used and said so.
    default_visit_minutes: int = 90
    max_hours_per_day: float = 8.0
    exact_up_to: int = 10  # Held-Karp is O(2^n n^2): ~0.1 s in Python at 10 stops
    max_stops: int = 25
    next_open_search_days: int = 14


DEFAULT_CONFIG = PlannerConfig()
_GEOD = Geod(ellps="WGS84")
_LONLAT = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$")
# Values of these notice fields are codes, translated when the message is formatted.
_TRANSLATED: dict[str, str] = {"which": "plan.which.", "weekday": "plan.day.",
                               "next_weekday": "plan.day.", "mode": "plan.mode."}
_DATES: frozenset[str] = frozenset({"date", "next_date", "today"})


@dataclass(frozen=True)
class Notice:
    """A warning or note about the plan or one stop: a code plus values, translated late."""

    code: str
    values: Mapping[str, Any] = field(default_factory=dict)
    severity: str = "warning"  # "warning" or "info"

    def _formatted(self, lang: str) -> dict[str, Any]:
        formatted: dict[str, Any] = {}
        for key, value in self.values.items():
            if key in _TRANSLATED:
                formatted[key] = t(_TRANSLATED[key] + str(value), lang)
            elif key in _DATES:  # ISO dates, possibly "a, b", shown in the language's form
                formatted[key] = t("list.separator", lang).join(
                    format_date(date.fromisoformat(part), lang) for part in str(value).split(", "))
            else:
                formatted[key] = value
        return formatted

    def message(self, lang: str = "en") -> str:
        """What happened, in plain words."""
        return t(f"plan.notice.{self.code}", lang, **self._formatted(lang))

    def suggestion(self, lang: str = "en") -> str:
        """What to do about it ('' when there is nothing to suggest)."""
        key = f"plan.suggest.{self.code}"
        if self.values.get("no_suggestion"):
            return ""
        try:
            return t(key, lang, **self._formatted(lang))
        except KeyError:
            return ""


@dataclass(frozen=True)
class Place:
    """A start or end point: a site (``site_id`` set) or plain coordinates (a hotel)."""

    lon: float
    lat: float
    site_id: str = ""
    name_en: str = ""
    name_zh: str = ""

    @property
    def key(self) -> str:
        """The id used in legs: the site id, or 'lon,lat'."""
        return self.site_id or f"{self.lon:.6f},{self.lat:.6f}"


def _text(value: Any) -> str | None:
    """A non-empty string, or None for None, NaN and ''."""
    return value if isinstance(value, str) and value else None


@dataclass(frozen=True)
class StopInfo:
    """What the planner needs to know about one site."""

    id: str
    name_en: str
    name_zh: str
    lon: float
    lat: float
    hours: str | None = None
    last_entry: str | None = None
    closed_weekdays: tuple[str, ...] | None = None
    visit_minutes: int | None = None
    address_en: str = ""
    address_zh: str = ""

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> StopInfo:
        """From a catalogue row (a mapping of schema columns; NaN counts as unknown)."""
        closed = row.get(schema.CLOSED_WEEKDAYS)
        if closed is not None and hasattr(closed, "tolist"):  # a numpy array from pandas
            closed = closed.tolist()
        minutes = row.get(schema.VISIT_MINUTES)
        return cls(
            id=str(row[schema.ID]),
            name_en=_text(row.get(schema.NAME_EN)) or "",
            name_zh=_text(row.get(schema.NAME_ZH)) or "",
            lon=float(row[schema.LON]),
            lat=float(row[schema.LAT]),
            hours=_text(row.get(schema.HOURS)),
            last_entry=_text(row.get(schema.LAST_ENTRY)),
            closed_weekdays=tuple(closed) if isinstance(closed, list | tuple) else None,
            visit_minutes=int(minutes) if isinstance(minutes, int | float) and minutes == minutes
            else None,
            address_en=_text(row.get(schema.ADDRESS_EN)) or "",
            address_zh=_text(row.get(schema.ADDRESS_ZH)) or "",
        )

    def as_place(self) -> Place:
        """This site as a start or end point."""
        return Place(self.lon, self.lat, self.id, self.name_en, self.name_zh)


@dataclass(frozen=True)
class PlanRequest:
    """What the user asked for, before validation against the catalogue."""

    site_ids: tuple[str, ...] = ()
    start: str | None = None  # site id, 'efg' or 'lon,lat'
    end: str | None = None
    round_trip: bool = False
    mode: str = DEFAULT_MODE
    day: date | None = None  # None: today
    start_time: time = DEFAULT_START
    days: int = 1
    locked: bool = False
    hours_per_day: float | None = None  # None: the config's max_hours_per_day


@dataclass
class ScheduledStop:
    """One stop of the schedule, numbered from 1 in visiting order."""

    number: int
    info: StopInfo
    day: int
    arrive: datetime
    depart: datetime
    wait_minutes: int
    visit_minutes: int
    visit_assumed: bool
    notices: list[Notice] = field(default_factory=list)


@dataclass(frozen=True)
class Leg:
    """Travel between two points on one day of the plan."""

    from_key: str
    to_key: str
    from_lonlat: tuple[float, float]
    to_lonlat: tuple[float, float]
    straight_m: float
    distance_m: float  # estimated route length: straight_m x the mode's detour factor
    minutes: int
    day: int


@dataclass
class Plan:
    """A complete schedule: stops in order, legs, and notices about the whole plan."""

    mode: str
    day: date
    start_time: time
    days: int
    round_trip: bool
    start: Place | None
    end: Place | None
    stops: list[ScheduledStop] = field(default_factory=list)
    legs: list[Leg] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    locked: bool = False

    @property
    def travel_minutes(self) -> int:
        """Total minutes travelling."""
        return sum(leg.minutes for leg in self.legs)

    @property
    def visit_minutes(self) -> int:
        """Total minutes at the stops."""
        return sum(stop.visit_minutes for stop in self.stops)

    @property
    def distance_m(self) -> float:
        """Total estimated route length in metres."""
        return sum(leg.distance_m for leg in self.legs)

    @property
    def day_count(self) -> int:
        """Number of days the stops fall on."""
        return max((stop.day for stop in self.stops), default=0)

    def all_notices(self) -> list[Notice]:
        """Plan-level notices, then every stop's."""
        return [*self.notices, *(n for stop in self.stops for n in stop.notices)]


# --- travel -----------------------------------------------------------------------------


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


def make_leg(a: tuple[str, float, float], b: tuple[str, float, float], mode: str, day: int,
             config: PlannerConfig = DEFAULT_CONFIG) -> Leg:
    """The leg from point a to point b, each (key, lon, lat); minutes rounded up."""
    straight = great_circle_m(a[1], a[2], b[1], b[2])
    return Leg(a[0], b[0], (a[1], a[2]), (b[1], b[2]), round(straight, 1),
               round(straight * config.profiles[mode].detour_factor, 1),
               math.ceil(round(travel_minutes_exact(straight, mode, config), 6)), day)


def cost_matrix(points: Sequence[tuple[float, float]], mode: str,
                config: PlannerConfig = DEFAULT_CONFIG) -> list[list[float]]:
    """Travel minutes between every pair of (lon, lat) points."""
    return [[travel_minutes_exact(great_circle_m(*a, *b), mode, config) if i != j else 0.0
             for j, b in enumerate(points)] for i, a in enumerate(points)]


# --- order ------------------------------------------------------------------------------


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


# --- opening hours ----------------------------------------------------------------------


def parse_hhmm(text: str) -> time | None:
    """'09:30' -> time(9, 30); '24:00' -> None (end of day is handled by the caller)."""
    hours, minutes = (int(part) for part in text.split(":"))
    return None if hours == 24 else time(hours, minutes)


def opening_window(hours: str, day: date) -> tuple[datetime, datetime]:
    """Local opening and closing datetimes on ``day`` for an 'HH:MM-HH:MM' value."""
    opens_text, closes_text = hours.split("-")
    opens = datetime.combine(day, parse_hhmm(opens_text) or time(0), tzinfo=LOCAL_TZ)
    close_time = parse_hhmm(closes_text)
    if close_time is None:
        closes = datetime.combine(day + timedelta(days=1), time(0), tzinfo=LOCAL_TZ)
    else:
        closes = datetime.combine(day, close_time, tzinfo=LOCAL_TZ)
        if closes <= opens:  # past midnight
            closes += timedelta(days=1)
    return opens, closes


def weekday_code(day: date) -> str:
    """'mon'..'sun' for a date."""
    return schema.WEEKDAYS[day.weekday()]


def is_closed_on(stop: StopInfo, day: date) -> bool:
    """True when the site is known to be closed on that date's weekday."""
    return bool(stop.closed_weekdays) and weekday_code(day) in (stop.closed_weekdays or ())


def next_open_day(stops: Sequence[StopInfo], day: date, search_days: int = 14) -> date | None:
    """The first date after ``day`` on which none of ``stops`` is known to be closed."""
    for offset in range(1, search_days + 1):
        candidate = day + timedelta(days=offset)
        if not any(is_closed_on(s, candidate) for s in stops):
            return candidate
    return None


def _clock(moment: datetime) -> str:
    return moment.strftime("%H:%M")


def hours_notices(stop: StopInfo, arrive: datetime, visit_minutes: int,
                  config: PlannerConfig = DEFAULT_CONFIG) -> tuple[int, list[Notice]]:
    """Minutes to wait for opening, and the conflicts of visiting ``stop`` at ``arrive``."""
    day = arrive.date()
    notices: list[Notice] = []
    if is_closed_on(stop, day):
        nxt = next_open_day([stop], day, config.next_open_search_days)
        values: dict[str, Any] = {"weekday": weekday_code(day), "date": day.isoformat()}
        if nxt is not None:
            values |= {"next_weekday": weekday_code(nxt), "next_date": nxt.isoformat()}
        else:
            values["no_suggestion"] = True
        return 0, [Notice("closed_day", values)]
    if not stop.hours:
        return 0, [Notice("hours_unverified", {}, "info")]
    if stop.closed_weekdays is None:
        notices.append(Notice("closed_days_unverified", {}, "info"))
    opens, closes = opening_window(stop.hours, day)
    if arrive < opens:
        wait = math.ceil((opens - arrive).total_seconds() / 60)
        notices.append(Notice("wait", {"arrive": _clock(arrive), "opens": _clock(opens),
                                       "minutes": wait}, "info"))
        return wait, notices
    last_entry = (datetime.combine(day, parse_hhmm(stop.last_entry) or time(0), tzinfo=LOCAL_TZ)
                  if stop.last_entry else None)
    if arrive >= closes:
        notices.append(Notice("after_closing", {"arrive": _clock(arrive),
                                                "closes": _clock(closes)}))
    elif last_entry is not None and arrive > last_entry:
        notices.append(Notice("after_last_entry", {"arrive": _clock(arrive),
                                                   "last_entry": _clock(last_entry)}))
    elif arrive + timedelta(minutes=visit_minutes) > closes:
        left = int((closes - arrive).total_seconds() // 60)
        notices.append(Notice("closes_during_visit", {"closes": _clock(closes), "minutes": left,
                                                      "planned": visit_minutes}))
    return 0, notices


# --- request -> plan --------------------------------------------------------------------


def parse_place(text: str | None, which: str, known: Mapping[str, StopInfo]
                ) -> tuple[Place | None, list[Notice]]:
    """A start/end point from a site id, 'efg' (the Eco Forum Global venue) or 'lon,lat'."""
    if text is None or not text.strip():
        return None, []
    value = text.strip()
    if value.lower() == VENUE_ALIAS:
        value = VENUE_ID
    if value in known:
        return known[value].as_place(), []
    match = _LONLAT.match(value)
    if not match:
        return None, [Notice("place_unknown", {"which": which, "value": value[:60]})]
    lon, lat = float(match.group(1)), float(match.group(2))
    if in_region(lon, lat):
        return Place(lon, lat), []
    if in_region(lat, lon):
        return None, [Notice("place_swapped", {"which": which, "lon": lat, "lat": lon})]
    return None, [Notice("place_outside", {"which": which, "lon": lon, "lat": lat})]


def resolve_stops(site_ids: Sequence[str], known: Mapping[str, StopInfo],
                  config: PlannerConfig = DEFAULT_CONFIG) -> tuple[list[StopInfo], list[Notice]]:
    """Known stops in the given order (duplicates dropped, at most ``max_stops``), with notices."""
    wanted = list(dict.fromkeys(s.strip() for s in site_ids if s.strip()))
    unknown = [s for s in wanted if s not in known]
    notices: list[Notice] = []
    if unknown:
        notices.append(Notice("unknown_ids", {
            "ids": ", ".join(repr(s[:40]) for s in unknown[:5]) + (" …" if len(unknown) > 5
                                                                   else ""),
            "count": len(unknown)}))
    stops = [known[s] for s in wanted if s in known]
    if len(stops) > config.max_stops:
        notices.append(Notice("too_many", {"max": config.max_stops, "count": len(stops),
                                           "dropped": len(stops) - config.max_stops}))
        stops = stops[:config.max_stops]
    if not stops:
        notices.append(Notice("empty", {}))
    return stops, notices


def _schedule_day(stops: Sequence[StopInfo], day_number: int, day: date, start_time: time,
                  origin: tuple[str, float, float] | None, mode: str, config: PlannerConfig,
                  first_number: int) -> tuple[list[ScheduledStop], list[Leg], datetime]:
    clock = datetime.combine(day, start_time, tzinfo=LOCAL_TZ)
    here = origin
    scheduled: list[ScheduledStop] = []
    legs: list[Leg] = []
    for offset, stop in enumerate(stops):
        point = (stop.id, stop.lon, stop.lat)
        if here is not None and here[0] != stop.id:  # starting at a stop is no leg
            leg = make_leg(here, point, mode, day_number, config)
            legs.append(leg)
            clock += timedelta(minutes=leg.minutes)
        visit = stop.visit_minutes or config.default_visit_minutes
        wait, notices = hours_notices(stop, clock, visit, config)
        depart = clock + timedelta(minutes=wait + visit)
        scheduled.append(ScheduledStop(first_number + offset, stop, day_number, clock, depart,
                                       wait, visit, stop.visit_minutes is None, notices))
        clock, here = depart, point
    return scheduled, legs, clock


def split_days(stops: Sequence[StopInfo], first_day: date, start_time: time,
               origin: tuple[str, float, float] | None, mode: str, max_days: int | None,
               config: PlannerConfig = DEFAULT_CONFIG) -> list[list[StopInfo]]:
    """Stops in order cut into days of at most ``max_hours_per_day`` (the last day takes the rest).

    A day's length runs from the start time to leaving its last stop; each day
    begins at the start point when there is one.
    """
    limit = timedelta(hours=config.max_hours_per_day)
    days: list[list[StopInfo]] = [[]]
    for stop in stops:
        trial = [*days[-1], stop]
        day = first_day + timedelta(days=len(days) - 1)
        _, _, finish = _schedule_day(trial, 1, day, start_time, origin, mode, config, 1)
        began = datetime.combine(day, start_time, tzinfo=LOCAL_TZ)
        room_left = max_days is None or len(days) < max_days
        if finish - began > limit and days[-1] and room_left:
            days.append([stop])
        else:
            days[-1] = trial
    return days


def plan_visit(request: PlanRequest, known: Mapping[str, StopInfo], today: date,
               config: PlannerConfig = DEFAULT_CONFIG) -> Plan:
    """Validate the request against the catalogue, order the stops and time the schedule."""
    notices: list[Notice] = []
    if request.hours_per_day is not None:
        config = replace(config, max_hours_per_day=request.hours_per_day)
    stops, stop_notices = resolve_stops(request.site_ids, known, config)
    notices += stop_notices
    start, start_notices = parse_place(request.start, "start", known)
    end, end_notices = parse_place(request.end, "end", known)
    notices += start_notices + end_notices
    mode = request.mode if request.mode in config.profiles else DEFAULT_MODE
    day = request.day or today
    if day < today:
        notices.append(Notice("past_date", {"date": day.isoformat(), "today": today.isoformat()}))
    days = min(max(request.days, 1), MAX_DAYS)
    round_trip = request.round_trip
    if round_trip and end is not None:
        notices.append(Notice("round_trip_with_end", {}, "info"))
        end = None
    plan = Plan(mode, day, request.start_time, days, round_trip, start, end, locked=request.locked,
                notices=notices)
    if not stops:
        return plan
    ordered = list(stops) if request.locked else order_stops(stops, start, end, round_trip, mode,
                                                             config)
    origin = (start.key, start.lon, start.lat) if start else None
    day_groups = split_days(ordered, day, request.start_time, origin, mode, days, config)
    number = 1
    for index, group in enumerate(day_groups):
        day_number = index + 1
        scheduled, legs, _ = _schedule_day(group, day_number, day + timedelta(days=index),
                                           request.start_time, origin, mode, config, number)
        number += len(scheduled)
        plan.stops += scheduled
        plan.legs += legs
        last = scheduled[-1].info
        # A round trip returns each day to the start point, or to the day's first stop.
        back_to = (start or group[0].as_place()) if round_trip else None
        if index == len(day_groups) - 1 and end is not None:
            back_to = end
        if back_to is not None and back_to.key != last.id:
            plan.legs.append(make_leg((last.id, last.lon, last.lat),
                                      (back_to.key, back_to.lon, back_to.lat), mode, day_number,
                                      config))
    notices += _plan_notices(plan, ordered, days, origin, config)
    return plan


def _plan_notices(plan: Plan, ordered: Sequence[StopInfo], days: int,
                  origin: tuple[str, float, float] | None, config: PlannerConfig) -> list[Notice]:
    notices: list[Notice] = []
    if all(any(n.code == "closed_day" for n in s.notices) for s in plan.stops):
        dates = sorted({s.arrive.date() for s in plan.stops})
        values: dict[str, Any] = {"date": ", ".join(d.isoformat() for d in dates)}
        nxt = next_open_day(ordered, dates[0], config.next_open_search_days)
        if nxt is not None:
            values |= {"next_date": nxt.isoformat(), "next_weekday": weekday_code(nxt)}
        else:
            values["no_suggestion"] = True
        notices.append(Notice("all_closed", values))
    assumed = [s for s in plan.stops if s.visit_assumed]
    if assumed:
        notices.append(Notice("visit_default", {"count": len(assumed),
                                                "minutes": config.default_visit_minutes}, "info"))
    limit = timedelta(hours=config.max_hours_per_day)
    needed = len(split_days(ordered, plan.day, plan.start_time, origin, plan.mode, None,
                                config))
    for day_number in range(1, plan.day_count + 1):
        on_day = [s for s in plan.stops if s.day == day_number]
        began = datetime.combine(on_day[0].arrive.date(), plan.start_time, tzinfo=LOCAL_TZ)
        length = on_day[-1].depart - began
        if length > limit:
            notices.append(Notice("long_day", {
                "day": day_number, "hours": f"{length.total_seconds() / 3600:.1f}",
                "max": f"{config.max_hours_per_day:g}", "needed": needed}))
    return notices


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



QUERY_PLAN = "plan"
QUERY_FROM = "from"
QUERY_TO = "to"
QUERY_MODE = "mode"
QUERY_DATE = "date"
QUERY_START = "start"
QUERY_DAYS = "days"
QUERY_ROUND = "round"
QUERY_LOCK = "lock"
QUERY_HOURS = "hours"
PLAN_QUERY_KEYS: tuple[str, ...] = (QUERY_PLAN, QUERY_FROM, QUERY_TO, QUERY_MODE, QUERY_DATE,
                                    QUERY_START, QUERY_DAYS, QUERY_ROUND, QUERY_LOCK, QUERY_HOURS)
MAX_HOURS_PER_DAY = 16.0


def parse_date(text: str) -> date | None:
    """'2026-11-30' -> date, anything else -> None."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


def parse_time(text: str) -> time | None:
    """'09:00' -> time, anything else -> None."""
    if not re.fullmatch(schema.TIME_PATTERN, text.strip()):
        return None
    return parse_hhmm(text.strip())


def parse_plan_query(params: Mapping[str, str], today: date) -> tuple[PlanRequest, list[Notice]]:
    """A request from URL query parameters; bad values fall back to defaults with a notice."""
    notices: list[Notice] = []

    def bad(name: str, value: str, used: object) -> None:
        notices.append(Notice("bad_value", {"name": name, "value": value[:40], "used": used}))

    ids = split_ids(params.get(QUERY_PLAN))
    mode = params.get(QUERY_MODE) or DEFAULT_MODE
    if mode not in MODES:
        bad(QUERY_MODE, mode, DEFAULT_MODE)
        mode = DEFAULT_MODE
    day = today
    if params.get(QUERY_DATE):
        parsed_day = parse_date(params[QUERY_DATE])
        if parsed_day is None:
            bad(QUERY_DATE, params[QUERY_DATE], today.isoformat())
        else:
            day = parsed_day
    start_time = DEFAULT_START
    if params.get(QUERY_START):
        parsed_time = parse_time(params[QUERY_START])
        if parsed_time is None:
            bad(QUERY_START, params[QUERY_START], DEFAULT_START.strftime("%H:%M"))
        else:
            start_time = parsed_time
    days = 1
    if params.get(QUERY_DAYS):
        raw = params[QUERY_DAYS].strip()
        if raw.isdigit() and 1 <= int(raw) <= MAX_DAYS:
            days = int(raw)
        else:
            bad(QUERY_DAYS, raw, 1)
    hours: float | None = None
    if params.get(QUERY_HOURS):
        raw = params[QUERY_HOURS].strip()
        try:
            hours = float(raw)
        except ValueError:
            hours = -1.0
        if not 1 <= hours <= MAX_HOURS_PER_DAY:
            bad(QUERY_HOURS, raw, f"{DEFAULT_CONFIG.max_hours_per_day:g}")
            hours = None
    request = PlanRequest(ids, params.get(QUERY_FROM) or None, params.get(QUERY_TO) or None,
                          params.get(QUERY_ROUND) == "1", mode, day, start_time, days,
                          params.get(QUERY_LOCK) == "1", hours)
    return request, notices


def plan_query(request: PlanRequest) -> dict[str, str]:
    """Query parameters that reproduce a request; defaults are left out."""
    params = {
        QUERY_PLAN: ",".join(request.site_ids),
        QUERY_FROM: request.start or "",
        QUERY_TO: request.end or "",
        QUERY_MODE: request.mode if request.mode != DEFAULT_MODE else "",
        QUERY_DATE: request.day.isoformat() if request.day else "",
        QUERY_START: request.start_time.strftime("%H:%M") if request.start_time != DEFAULT_START
        else "",
        QUERY_DAYS: str(request.days) if request.days != 1 else "",
        QUERY_ROUND: "1" if request.round_trip else "",
        QUERY_LOCK: "1" if request.locked else "",
        QUERY_HOURS: f"{request.hours_per_day:g}" if request.hours_per_day is not None else "",
    }
    return {key: value for key, value in params.items() if value}


class CatalogStops(Mapping[str, StopInfo]):
    """StopInfo by id, made on demand from a catalogue frame (indexed by id, with lon/lat).

    Building all of them up front would cost a second at 10,000 sites on every rerun.
    """

    def __init__(self, sites: Any) -> None:
        self._sites = sites

    def __getitem__(self, site_id: str) -> StopInfo:
        if site_id not in self._sites.index:
            raise KeyError(site_id)
        return StopInfo.from_row(self._sites.loc[site_id].to_dict())

    def __contains__(self, site_id: object) -> bool:
        return site_id in self._sites.index

    def __iter__(self) -> Iterator[str]:
        return iter(str(i) for i in self._sites.index)

    def __len__(self) -> int:
        return len(self._sites)


def toggle_id(ids: Sequence[str], site_id: str) -> tuple[str, ...]:
    """``ids`` with ``site_id`` removed if present, else appended."""
    return tuple(i for i in ids if i != site_id) if site_id in ids else (*ids, site_id)


def split_ids(value: str | None) -> tuple[str, ...]:
    """'a, b,,c' -> ('a', 'b', 'c')."""
    return tuple(part.strip() for part in (value or "").split(",") if part.strip())
