"""Opening hours: the rules for 'HH:MM-HH:MM' values, the windows a visit must fit, and conflicts.

A visit may begin in a window: from opening (or the day's start) until the last entry,
and early enough to end by closing and by the end of the day's hours. Hours that are
not known give the day's hours as the window (the stop is flagged); a site whose
``status`` says it is not open to visitors, or a closed weekday, gives no window.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from ecosites.planning.model import LOCAL_TZ, Notice
from ecosites.planning.stops import StopInfo
from ecosites.planning.travel import DEFAULT_CONFIG, PlannerConfig
from ecosites.public_holidays import is_public_holiday
from ecosites.vocab import WEEKDAYS


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
    return WEEKDAYS[day.weekday()]


def is_closed_on(stop: StopInfo, day: date) -> bool:
    """True when the site is known to be closed on that date's weekday.

    A site open on public holidays ("closed Mondays except national holidays") is not
    closed on a closed weekday that is a Chinese public holiday.
    """
    if not (stop.closed_weekdays and weekday_code(day) in stop.closed_weekdays):
        return False
    return not (stop.open_on_public_holidays and is_public_holiday(day))


def closed_status(stop: StopInfo) -> str | None:
    """The site's status when it says the site is not open to visitors, else None.

    The catalogue's ``status`` field is optional: absent or "open" means open.
    """
    status = stop.status
    return status if isinstance(status, str) and status.strip() and status != "open" else None


def is_open_on(stop: StopInfo, day: date) -> bool:
    """True when the site admits visitors at some time of that date.

    False when it is closed to visitors, or closed that weekday with no opening of the
    evening before running past midnight.
    """
    if closed_status(stop) is not None:
        return False
    return not is_closed_on(stop, day) or bool(opening_intervals(stop, day))


def nearest_open_dates(stop: StopInfo, first: date, last: date, earliest: date,
                       search_days: int = 14) -> tuple[date | None, date | None]:
    """The nearest dates before ``first`` and after ``last`` it is open, none before ``earliest``.

    A plan dated in the past is offered a date from ``earliest`` (today) on, never another
    past one.
    """
    if closed_status(stop) is not None:
        return None, None
    before = next((first - timedelta(days=k) for k in range(1, search_days + 1)
                   if first - timedelta(days=k) >= earliest
                   and is_open_on(stop, first - timedelta(days=k))), None)
    after = next((d for d in days_after(last, search_days, earliest) if is_open_on(stop, d)), None)
    return before, after


def days_after(day: date, search_days: int, earliest: date | None = None) -> list[date]:
    """The ``search_days`` dates from the day after ``day`` on, none before ``earliest``."""
    start = day + timedelta(days=1)
    if earliest is not None:
        start = max(start, earliest)
    return [start + timedelta(days=k) for k in range(search_days)]


def opening_intervals(stop: StopInfo, day: date) -> list[tuple[datetime, datetime, datetime]]:
    """(opens, last entry, closes) of the openings that reach into ``day``.

    Includes the previous day's opening when it runs past midnight. Closed weekdays
    apply to the day an opening begins. Empty when the hours are unknown.
    """
    if not stop.hours:
        return []
    intervals = []
    for open_day in (day - timedelta(days=1), day):
        if is_closed_on(stop, open_day):
            continue
        opens, closes = opening_window(stop.hours, open_day)
        if closes <= datetime.combine(day, time(0), tzinfo=LOCAL_TZ):
            continue
        last_entry = closes
        if stop.last_entry:
            last_entry = datetime.combine(open_day, parse_hhmm(stop.last_entry) or time(0),
                                          tzinfo=LOCAL_TZ)
            if last_entry < opens:
                last_entry += timedelta(days=1)
            last_entry = min(last_entry, closes)
        intervals.append((opens, last_entry, closes))
    return intervals


def visit_windows(stop: StopInfo, day: date, day_start: datetime, day_end: datetime,
                  visit_minutes: int) -> list[tuple[datetime, datetime]]:
    """(earliest, latest) start of a visit on ``day`` that ends by closing and by ``day_end``."""
    if not is_open_on(stop, day):
        return []
    visit = timedelta(minutes=visit_minutes)
    if not stop.hours:
        return [(day_start, day_end - visit)] if day_start <= day_end - visit else []
    windows = []
    for opens, last_entry, closes in opening_intervals(stop, day):
        earliest = max(opens, day_start)
        latest = min(last_entry, closes - visit, day_end - visit)
        if earliest <= latest:
            windows.append((earliest, latest))
    return windows


def next_open_day(stops: Sequence[StopInfo], day: date, search_days: int = 14,
                  earliest: date | None = None) -> date | None:
    """The first date after ``day``, not before ``earliest``, when none of ``stops`` is closed."""
    return next((candidate for candidate in days_after(day, search_days, earliest)
                 if not any(is_closed_on(s, candidate) for s in stops)), None)


def _clock(moment: datetime) -> str:
    return moment.strftime("%H:%M")


def hours_notices(stop: StopInfo, arrive: datetime, visit_minutes: int,
                  config: PlannerConfig = DEFAULT_CONFIG, earliest: date | None = None
                  ) -> tuple[int, list[Notice]]:
    """Minutes to wait for opening, and the conflicts of visiting ``stop`` at ``arrive``.

    A closed day's suggested date is not before ``earliest`` (today), as ``days_after`` says.
    """
    day = arrive.date()
    notices: list[Notice] = []
    if is_closed_on(stop, day):
        nxt = next_open_day([stop], day, config.next_open_search_days, earliest)
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

