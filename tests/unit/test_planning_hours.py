"""Opening hours: waits, last entry, closing, closed days (and the day to go instead), unverified hours."""

from __future__ import annotations

from datetime import date, time

import pytest

from ecosites.planning.codec import parse_time
from ecosites.planning.hours import is_closed_on
from ecosites.planning.model import PlanRequest
from ecosites.planning.schedule import plan_visit
from tests.conftest import make_stop, notice_codes, stops_by_id

MONDAY = date(2026, 11, 30)
TUESDAY = date(2026, 12, 1)
TODAY = date(2026, 11, 1)
MUSEUM = make_stop(id="guizhou-geological-museum", name_en="Geological Museum of Guizhou",
                   lon=106.627, lat=26.647, hours="09:00-17:00", last_entry="16:00",
                   closed_weekdays=["mon"])


@pytest.mark.parametrize(("start", "visit", "day", "expected_codes", "arrive", "depart"), [
    ("08:00", None, TUESDAY, ["wait"], "08:00", "10:30"),
    ("09:00", 60, TUESDAY, [], "09:00", "10:00"),
    # Hours are constraints: a visit that would break them is not scheduled, and why is said.
    ("15:45", None, TUESDAY, ["unplaced:closes_during_visit"], None, None),
    ("16:30", None, TUESDAY, ["unplaced:after_last_entry"], None, None),
    ("17:30", None, TUESDAY, ["unplaced:after_closing"], None, None),
    ("09:00", None, MONDAY, ["unplaced:no_open_day"], None, None),
])
def test_museum_conflicts(start: str, visit: int | None, day: date, expected_codes: list[str],
                          arrive: str | None, depart: str | None) -> None:
    """A visit is scheduled only inside the hours; each way of missing them has its own reason."""
    museum = make_stop(**{**_museum_fields(), "visit_minutes": visit})
    plan = plan_visit(PlanRequest((museum.id,), day=day, start_time=parse_time(start)
                                  or time(9)), stops_by_id(museum), TODAY)
    codes = [*(n.code for s in plan.stops for n in s.notices),
             *(f"unplaced:{u.reason.code}" for u in plan.unplaced)]
    assert codes == expected_codes
    assert [(s.arrive.strftime("%H:%M"), s.depart.strftime("%H:%M")) for s in plan.stops] == (
        [(arrive, depart)] if arrive else [])


def _museum_fields() -> dict[str, object]:
    return {"id": MUSEUM.id, "name_en": MUSEUM.name_en, "lon": MUSEUM.lon, "lat": MUSEUM.lat,
            "hours": "09:00-17:00", "last_entry": "16:00", "closed_weekdays": ["mon"]}


@pytest.mark.parametrize(("stop_fields", "expected"), [
    ({"hours": None, "closed_weekdays": None}, ["hours_unverified"]),
    ({"hours": "06:00-22:00", "closed_weekdays": None}, ["closed_days_unverified"]),
    ({"hours": "00:00-24:00", "closed_weekdays": []}, []),
])
def test_unknown_hours_are_said(stop_fields: dict[str, object], expected: list[str]) -> None:
    site = make_stop(id="park", **stop_fields)
    plan = plan_visit(PlanRequest(("park",), day=TUESDAY, start_time=time(10, 0)), stops_by_id(site),
                      TODAY)
    assert notice_codes(plan.stops[0].notices) == expected


def test_museum_on_monday_suggests_tuesday() -> None:
    """The museum is left out on a Monday, with the nearest dates it opens either side."""
    plan = plan_visit(PlanRequest((MUSEUM.id,), day=MONDAY), stops_by_id(MUSEUM), TODAY)
    assert plan.stops == []
    (unplaced,) = plan.unplaced
    assert dict(unplaced.reason.values) == {"weekday": "mon", "date": "2026-11-30",
                                            "next_weekday": "tue", "next_date": "2026-12-01"}
    assert (unplaced.before, unplaced.after) == (date(2026, 11, 29), TUESDAY)
    assert notice_codes(plan.notices) == ["all_closed"]
    assert plan.notices[0].suggestion() == "Try 1 December 2026 (Tuesday), when they are open."


def test_a_plan_dated_in_the_past_is_offered_a_date_from_today_on() -> None:
    """Guards against "move the plan to" a day that has also gone: on Wednesday 2 December a
    Monday 30 November plan is offered Wednesday 2 December, not Tuesday 1 December."""
    today = date(2026, 12, 2)
    plan = plan_visit(PlanRequest((MUSEUM.id,), day=MONDAY), stops_by_id(MUSEUM), today)
    (unplaced,) = plan.unplaced
    assert (unplaced.before, unplaced.after) == (None, today)
    assert plan.notices[-1].suggestion() == "Try 2 December 2026 (Wednesday), when they are open."


@pytest.mark.parametrize(("holiday_rule", "day", "closed"), [
    (False, date(2026, 10, 5), True),   # a Monday of the National Day holiday
    (True, date(2026, 10, 5), False),
    (True, date(2026, 12, 7), True),    # an ordinary Monday
    (True, date(2026, 2, 16), False),   # Spring Festival's eve, a Monday
    (True, date(2026, 10, 6), False),   # Tuesday: never a closed weekday
])
def test_closed_mondays_except_public_holidays(holiday_rule: bool, day: date, closed: bool) -> None:
    """'Closed Mondays except national holidays' opens on a Monday that is a Chinese holiday."""
    stop = make_stop(hours="09:00-17:00", closed_weekdays=["mon"],
                     open_on_public_holidays=holiday_rule)
    assert is_closed_on(stop, day) is closed
