"""The schedule: a request checked against the catalogue, then ordered and timed within opening hours."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from ecosites.planning.hours import (
    closed_status,
    hours_notices,
    is_open_on,
    nearest_open_dates,
    next_open_day,
    visit_windows,
    weekday_code,
)
from ecosites.planning.model import (
    DEFAULT_MODE,
    LOCAL_TZ,
    MAX_DAYS,
    Notice,
    Place,
    PlanRequest,
)
from ecosites.planning.ordering import (
    Route,
    RouteProblem,
    best_route,
    route_score,
    simulate_route,
)
from ecosites.planning.plan import Plan, ScheduledStop, Unplaced
from ecosites.planning.resolve import parse_place, resolve_stops
from ecosites.planning.stops import StopInfo
from ecosites.planning.travel import (
    DEFAULT_CONFIG,
    Leg,
    PlannerConfig,
    leg_minutes_matrix,
    make_leg,
)


@dataclass(frozen=True)
class _Day:
    """One calendar day of the plan: its number, date and the hours it may use."""

    number: int
    day: date
    begins: datetime
    ends: datetime
    closing: Place | None  # where the day's route ends, if anywhere


def _minutes(moment: datetime, origin: datetime) -> float:
    return (moment - origin).total_seconds() / 60


def _problem(stops: Sequence[StopInfo], day: _Day, origin: Place | None, mode: str,
             config: PlannerConfig, weights: Sequence[int]) -> RouteProblem:
    """The day's stops as numbers for ``ordering.best_route``."""
    points = [(s.id, s.lon, s.lat) for s in stops]
    extra = [(p.key, p.lon, p.lat) for p in (origin, day.closing) if p is not None]
    matrix = leg_minutes_matrix(points + extra, mode, config)
    n = len(stops)
    first = matrix[n][:n] if origin is not None else None
    last = [matrix[j][-1] for j in range(n)] if day.closing is not None else None
    visits = [s.visit_minutes or config.default_visit_minutes for s in stops]
    windows = [[(_minutes(a, day.begins), _minutes(b, day.begins))
                for a, b in visit_windows(s, day.day, day.begins, day.ends, v)]
               for s, v in zip(stops, visits, strict=True)]
    return RouteProblem([row[:n] for row in matrix[:n]], first, last, visits, windows, weights)


def _stop_notices(stop: StopInfo, arrive: datetime, begin: datetime) -> list[Notice]:
    """What a scheduled stop's visitor should know: unverified hours, a wait for opening."""
    if not stop.hours:
        return [Notice("hours_unverified", {}, "info")]
    notices = [Notice("closed_days_unverified", {}, "info")] if stop.closed_weekdays is None else []
    if begin > arrive:
        notices.append(Notice("wait", {"arrive": arrive.strftime("%H:%M"),
                                       "opens": begin.strftime("%H:%M"),
                                       "minutes": round(_minutes(begin, arrive))}, "info"))
    return notices


def _scheduled(stops: Sequence[StopInfo], route: Route, problem: RouteProblem, day: _Day,
               origin: Place | None, mode: str, config: PlannerConfig, first_number: int
               ) -> tuple[list[ScheduledStop], list[Leg]]:
    """Timed stops and legs for a route found for ``day``."""
    scheduled: list[ScheduledStop] = []
    legs: list[Leg] = []
    here = (origin.key, origin.lon, origin.lat) if origin is not None else None
    clock = day.begins
    for offset, (index, start) in enumerate(zip(route.order, route.starts, strict=True)):
        stop = stops[index]
        point = (stop.id, stop.lon, stop.lat)
        if here is not None and here[0] != stop.id:  # starting at a stop is no leg
            leg = make_leg(here, point, mode, day.number, config)
            legs.append(leg)
            clock += timedelta(minutes=leg.minutes)
        begin = day.begins + timedelta(minutes=start)
        visit = problem.visit[index]
        depart = begin + timedelta(minutes=visit)
        scheduled.append(ScheduledStop(first_number + offset, stop, day.number, clock, depart,
                                       round(_minutes(begin, clock)), visit,
                                       stop.visit_minutes is None,
                                       _stop_notices(stop, clock, begin)))
        clock, here = depart, point
    return scheduled, legs


def _why_not(stop: StopInfo, arrive: datetime, day: _Day, today: date, config: PlannerConfig
             ) -> Notice:
    """Why ``stop`` cannot be visited when arriving at ``arrive`` on ``day`` (suggestions from ``today``)."""
    visit = stop.visit_minutes or config.default_visit_minutes
    _, notices = hours_notices(stop, arrive, visit, config, earliest=today)
    warning = next((n for n in notices if n.severity == "warning"), None)
    if warning is not None:
        return warning
    # The hours allow it, so the day's hours do not: say when it would end.
    windows = visit_windows(stop, day.day, arrive, arrive + timedelta(days=1), visit)
    begin = min((w[0] for w in windows), default=arrive)
    depart = begin + timedelta(minutes=visit)
    return Notice("past_day_end", {"depart": depart.strftime("%H:%M"),
                                   "day_end": day.ends.strftime("%H:%M")})


def _no_open_day(stop: StopInfo, days: Sequence[_Day], today: date, config: PlannerConfig
                 ) -> Unplaced:
    status = closed_status(stop)
    if status is not None:
        return Unplaced(stop, Notice("not_open", {"status": status}))
    before, after = nearest_open_dates(stop, days[0].day, days[-1].day, today,
                                       config.next_open_search_days)
    closed = sorted({weekday_code(d.day) for d in days}, key=lambda c: [
        weekday_code(d.day) for d in days].index(c))
    values: dict[str, Any] = {"date": ", ".join(d.day.isoformat() for d in days),
                              "weekday": closed[0]}
    if after is not None:
        values |= {"next_date": after.isoformat(), "next_weekday": weekday_code(after)}
    else:
        values["no_suggestion"] = True
    return Unplaced(stop, Notice("no_open_day", values), before, after)


def _schedule(ordered: Sequence[StopInfo], days: Sequence[_Day], origin: Place | None,
              mode: str, locked: bool, today: date, config: PlannerConfig
              ) -> tuple[list[ScheduledStop], list[Leg], list[Unplaced]]:
    """Place the stops on the days, each within its hours and the day's hours.

    Unlocked, each day in turn takes the best route (``ordering.best_route``) among the
    stops still to place that are open that day; a stop with no later open day counts
    more, so it is not crowded out. Locked, the user's order is kept: a stop goes to the
    current day, or begins a later day, else it is left out and the reason is said.
    """
    unplaced: list[Unplaced] = []
    pool: list[StopInfo] = []
    for stop in ordered:
        if any(is_open_on(stop, d.day) for d in days):
            pool.append(stop)
        else:
            unplaced.append(_no_open_day(stop, days, today, config))
    stops: list[ScheduledStop] = []
    legs: list[Leg] = []
    if locked:
        groups = _locked_groups(pool, days, origin, mode, today, config, unplaced)
    else:
        groups = []
        for index, day in enumerate(days):
            candidates = [s for s in pool if is_open_on(s, day.day)]
            if not candidates:
                continue
            weights = [1 + len(candidates) * (not any(is_open_on(s, d.day) for d in days[index + 1:]))
                       for s in candidates]
            problem = _problem(candidates, day, origin, mode, config, weights)
            route = _from_origin_stop(best_route(problem, config.exact_up_to), candidates,
                                      problem, origin)
            chosen = [candidates[i] for i in route.order]
            if chosen:
                groups.append((day, chosen))
            pool = [s for s in pool if s not in chosen]
        for stop in pool:
            unplaced.append(_does_not_fit(stop, days, origin, mode, today, config))
    for day, group in groups:
        problem = _problem(group, day, origin, mode, config, [1] * len(group))
        timed = simulate_route(range(len(group)), problem)
        if timed is None:  # cannot happen: each group was checked to fit in this order
            raise AssertionError(f"day {day.number} does not fit its windows")
        scheduled, day_legs = _scheduled(group, timed, problem, day, origin, mode, config,
                                         len(stops) + 1)
        stops += scheduled
        legs += day_legs
    return stops, legs, unplaced


def _from_origin_stop(route: Route, stops: Sequence[StopInfo], problem: RouteProblem,
                      origin: Place | None) -> Route:
    """A loop that passes its start stop later, turned to begin there when that is no worse."""
    keys = [stops[i].id for i in route.order]
    if origin is None or origin.key not in keys or keys[0] == origin.key:
        return route
    turn = keys.index(origin.key)
    turned = simulate_route([*route.order[turn:], *route.order[:turn]], problem)
    if turned is not None and route_score(turned, problem) >= route_score(route, problem):
        return turned
    return route


def _locked_groups(pool: Sequence[StopInfo], days: Sequence[_Day], origin: Place | None,
                   mode: str, today: date, config: PlannerConfig, unplaced: list[Unplaced]
                   ) -> list[tuple[_Day, list[StopInfo]]]:
    """The user's order cut into days; stops that break their hours there go to ``unplaced``."""
    groups: list[tuple[_Day, list[StopInfo]]] = []
    current: list[StopInfo] = []
    index = 0

    def fits(group: Sequence[StopInfo], day: _Day) -> Route | None:
        problem = _problem(group, day, origin, mode, config, [1] * len(group))
        return simulate_route(range(len(group)), problem)

    for stop in pool:
        if fits([*current, stop], days[index]) is not None:
            current.append(stop)
            continue
        later = next((k for k in range(index + 1, len(days)) if fits([stop], days[k])), None)
        if later is not None:
            if current:
                groups.append((days[index], current))
            index, current = later, [stop]
            continue
        day = days[index]
        route = fits(current, day) if current else None
        if route is not None:
            left = route.starts[-1] + (current[-1].visit_minutes or config.default_visit_minutes)
            arrive = _arrival(current[-1].as_place(), stop, day.begins + timedelta(minutes=left),
                              mode, config)
        else:
            arrive = _arrival(origin, stop, day.begins, mode, config)
        unplaced.append(Unplaced(stop, _why_not(stop, arrive, day, today, config)))
    if current:
        groups.append((days[index], current))
    return groups


def _does_not_fit(stop: StopInfo, days: Sequence[_Day], origin: Place | None, mode: str,
                  today: date, config: PlannerConfig) -> Unplaced:
    """A stop open on some day of the plan that found no room: crowded out, or too short a day."""
    for day in days:
        if not is_open_on(stop, day.day):
            continue
        problem = _problem([stop], day, origin, mode, config, [1])
        if simulate_route([0], problem) is not None:
            return Unplaced(stop, Notice("no_room", {}))
    day = next(d for d in days if is_open_on(stop, d.day))
    return Unplaced(stop, _why_not(stop, _arrival(origin, stop, day.begins, mode, config), day,
                                   today, config))


def _arrival(here: Place | None, stop: StopInfo, leaving: datetime, mode: str,
             config: PlannerConfig) -> datetime:
    """When one gets to ``stop`` leaving ``here`` (None: already there) at ``leaving``."""
    if here is None:
        return leaving
    minutes = leg_minutes_matrix([(here.key, here.lon, here.lat), (stop.id, stop.lon, stop.lat)],
                                 mode, config)[0][1]
    return leaving + timedelta(minutes=minutes)


def plan_visit(request: PlanRequest, known: Mapping[str, StopInfo], today: date,
               config: PlannerConfig = DEFAULT_CONFIG) -> Plan:
    """Validate the request, then order and time the stops within their hours and the days'."""
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
    day_total = min(max(request.days, 1), MAX_DAYS)
    round_trip = request.round_trip
    if round_trip and end is not None:
        notices.append(Notice("round_trip_with_end", {}, "info"))
        end = None
    plan = Plan(mode, day, request.start_time, day_total, round_trip, start, end,
                locked=request.locked, notices=notices)
    if not stops:
        return plan
    # A loop with no start point begins and ends at the user's first stop.
    origin = start or (stops[0].as_place() if round_trip else None)
    days = []
    for index in range(day_total):
        on = day + timedelta(days=index)
        begins = datetime.combine(on, request.start_time, tzinfo=LOCAL_TZ)
        closing = origin if round_trip else (end if index == day_total - 1 else None)
        days.append(_Day(index + 1, on, begins,
                         begins + timedelta(hours=config.max_hours_per_day), closing))
    plan.stops, plan.legs, plan.unplaced = _schedule(stops, days, origin, mode, request.locked,
                                                     today, config)
    for number in plan.day_numbers:
        on_day = [s for s in plan.stops if s.day == number]
        last = on_day[-1].info
        back_to = origin if round_trip else None
        if number == plan.day_count and end is not None:
            back_to = end
        if back_to is not None and back_to.key != last.id:
            plan.legs.append(make_leg((last.id, last.lon, last.lat),
                                      (back_to.key, back_to.lon, back_to.lat), mode, number,
                                      config))
    plan.legs.sort(key=lambda leg: leg.day)
    notices += _plan_notices(plan, stops, today, config)
    return plan


def _plan_notices(plan: Plan, stops: Sequence[StopInfo], today: date, config: PlannerConfig
                  ) -> list[Notice]:
    notices: list[Notice] = []
    if not plan.stops and plan.unplaced and all(u.reason.code == "no_open_day"
                                                for u in plan.unplaced):
        last = plan.day + timedelta(days=plan.days - 1)
        values: dict[str, Any] = {"date": ", ".join(
            (plan.day + timedelta(days=k)).isoformat() for k in range(plan.days))}
        nxt = next_open_day(stops, last, config.next_open_search_days, earliest=today)
        if nxt is not None:
            values |= {"next_date": nxt.isoformat(), "next_weekday": weekday_code(nxt)}
        else:
            values["no_suggestion"] = True
        notices.append(Notice("all_closed", values))
    assumed = [s for s in plan.stops if s.visit_assumed]
    if assumed:
        notices.append(Notice("visit_default", {"count": len(assumed),
                                                "minutes": config.default_visit_minutes}, "info"))
    return notices
