"""The schedule: a request checked against the catalogue, ordered, timed and split over days."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from ecosites.planning.hours import hours_notices, next_open_day, weekday_code
from ecosites.planning.model import (
    DEFAULT_MODE,
    LOCAL_TZ,
    MAX_DAYS,
    VENUE_ALIAS,
    VENUE_ID,
    Notice,
    Place,
    PlanRequest,
)
from ecosites.planning.ordering import order_stops
from ecosites.planning.stops import StopInfo
from ecosites.planning.travel import DEFAULT_CONFIG, Leg, PlannerConfig, make_leg
from ecosites.vocab import in_region

_LONLAT = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$")


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
    notices += _plan_notices(plan, ordered, origin, config)
    return plan


def _plan_notices(plan: Plan, ordered: Sequence[StopInfo],
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

