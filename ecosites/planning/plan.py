"""The plan a schedule produces: timed stops, legs, notices and the stops left out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

from ecosites.planning.model import Notice, Place
from ecosites.planning.stops import StopInfo
from ecosites.planning.travel import Leg


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
    unplaced: list[Unplaced] = field(default_factory=list)

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

    @property
    def day_numbers(self) -> list[int]:
        """The numbers of the days that have stops, in order (a day may be left empty)."""
        return sorted({stop.day for stop in self.stops})

    def all_notices(self) -> list[Notice]:
        """Plan-level notices, then every stop's."""
        return [*self.notices, *(n for stop in self.stops for n in stop.notices)]


@dataclass(frozen=True)
class Unplaced:
    """A chosen stop left out of the schedule, why, and the nearest dates it could be visited."""

    info: StopInfo
    reason: Notice
    before: date | None = None  # the nearest earlier date it is open (not before today)
    after: date | None = None  # the nearest later date it is open

