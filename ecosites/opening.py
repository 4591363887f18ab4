"""Whether a site is open at a moment: "Open now · closes 17:00", "Opens at 09:00", ...

Times are Asia/Shanghai. The rules are the planner's (``ecosites.planning.hours``:
the 'HH:MM-HH:MM' parsing, overnight hours, last entry, closed weekdays and the public
holidays a site opens on), so the panel, the "Open on…" filter and the plan agree.
Hours that are unknown, or listed in the site's ``unverified``, are never taken as open.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Literal, get_args

from ecosites import schema
from ecosites.i18n import t
from ecosites.planning.hours import (
    closed_status,
    is_closed_on,
    opening_intervals,
    weekday_code,
)
from ecosites.planning.model import LOCAL_TZ
from ecosites.planning.stops import StopInfo
from ecosites.public_holidays import is_public_holiday

OpeningKind = Literal["open", "entry_closed", "opens_later", "closed_today", "not_open",
                      "unverified"]
OPENING_KINDS: tuple[OpeningKind, ...] = get_args(OpeningKind)
ALL_DAY = "00:00-24:00"
NEXT_OPEN_SEARCH_DAYS = 14
SEPARATOR = " · "


@dataclass(frozen=True)
class OpeningState:
    """A site's state at one moment; times are local (Asia/Shanghai).

    ``closes`` and ``last_entry`` belong to the opening under way (open, entry closed);
    ``next_opens`` is the next opening (opens later, closed today, entry closed);
    ``weekday`` is today's code when closed today; ``status`` the reason for not open.
    """

    kind: OpeningKind
    closes: datetime | None = None
    last_entry: datetime | None = None
    next_opens: datetime | None = None
    weekday: str | None = None
    status: str | None = None
    all_day: bool = False
    holiday: bool = False  # open today only because it is a public holiday
    closed_days_unverified: bool = False

    @property
    def is_open(self) -> bool:
        """True when a visitor can go in now."""
        return self.kind == "open"


def _local(now: datetime) -> datetime:
    if now.tzinfo is None:
        raise ValueError("opening_state needs an aware datetime")
    return now.astimezone(LOCAL_TZ)


def _next_opening(stop: StopInfo, after: datetime) -> datetime | None:
    """The first opening that begins after ``after``, within two weeks."""
    for offset in range(NEXT_OPEN_SEARCH_DAYS + 1):
        day = after.date() + timedelta(days=offset)
        starts = [opens for opens, _, _ in opening_intervals(stop, day)
                  if opens > after and opens.date() == day]
        if starts:
            return min(starts)
    return None


def _holiday_exception(stop: StopInfo, day: date) -> bool:
    listed = bool(stop.closed_weekdays) and weekday_code(day) in (stop.closed_weekdays or ())
    return listed and stop.open_on_public_holidays and is_public_holiday(day)


def opening_state(stop: StopInfo, now: datetime, hours_verified: bool = True) -> OpeningState:
    """The state of ``stop`` at ``now`` (an aware datetime; converted to Asia/Shanghai)."""
    local = _local(now)
    status = closed_status(stop)
    if status is not None:
        return OpeningState("not_open", status=status)
    if not stop.hours or not hours_verified:
        return OpeningState("unverified")
    unknown_days = stop.closed_weekdays is None
    today = local.date()
    for opens, last_entry, closes in opening_intervals(stop, today):
        if opens <= local < closes:
            all_day = stop.hours == ALL_DAY and not is_closed_on(stop, closes.date())
            holiday = _holiday_exception(stop, opens.date())
            if local < last_entry or last_entry == closes:
                return OpeningState("open", closes=closes, all_day=all_day, holiday=holiday,
                                    last_entry=last_entry if last_entry < closes else None,
                                    closed_days_unverified=unknown_days)
            return OpeningState("entry_closed", closes=closes, last_entry=last_entry,
                                next_opens=_next_opening(stop, local), holiday=holiday,
                                closed_days_unverified=unknown_days)
    next_opens = _next_opening(stop, local)
    if is_closed_on(stop, today):
        return OpeningState("closed_today", next_opens=next_opens, weekday=weekday_code(today))
    return OpeningState("opens_later", next_opens=next_opens, closed_days_unverified=unknown_days)


def site_opening_state(site: Mapping[str, Any], now: datetime) -> OpeningState:
    """``opening_state`` for a catalogue row: hours listed in ``unverified`` are not verified."""
    verified = schema.HOURS not in (site.get(schema.UNVERIFIED) or ())
    return opening_state(StopInfo.from_row(site), now, hours_verified=verified)


def clock(moment: datetime) -> str:
    """'09:30'; a closing at midnight is '24:00' (the end of the day it closes)."""
    if moment.hour == 0 and moment.minute == 0:
        return "24:00"
    return moment.strftime("%H:%M")


def _when(moment: datetime, local: datetime, lang: str) -> str:
    """'09:00', 'tomorrow 09:00' or 'Tuesday 09:00' as seen from ``local``."""
    days = (moment.date() - local.date()).days
    at = moment.strftime("%H:%M")
    if days == 0:
        return t("opening.at_today", lang, time=at)
    if days == 1:
        return t("opening.at_tomorrow", lang, time=at)
    return t("opening.at_day", lang, time=at, weekday=t(f"plan.day.{weekday_code(moment)}", lang))


def opening_text(state: OpeningState, now: datetime, lang: str) -> str:
    """The state in words: 'Open now · closes 17:00', 'Closed today (Monday) · opens Tuesday 09:00'."""
    local = _local(now)
    parts: list[str] = []
    if state.kind == "not_open":
        parts.append(t("opening.not_open", lang, status=t(f"status.{state.status}", lang)))
    elif state.kind == "unverified":
        parts.append(t("opening.unverified", lang))
    elif state.kind == "open" and state.closes is not None:
        parts.append(t("opening.open_all_day", lang) if state.all_day
                     else t("opening.open", lang, time=clock(state.closes)))
        if state.last_entry is not None:
            parts.append(t("opening.last_entry", lang, time=clock(state.last_entry)))
    elif state.kind == "entry_closed" and state.last_entry and state.closes:
        parts.append(t("opening.entry_closed", lang, time=clock(state.last_entry),
                       closes=clock(state.closes)))
    elif state.kind == "closed_today":
        parts.append(t("opening.closed_today", lang,
                       weekday=t(f"plan.day.{state.weekday}", lang)))
    if state.kind in ("opens_later", "closed_today", "entry_closed"):
        if state.next_opens is not None:
            parts.append(t("opening.opens", lang, when=_when(state.next_opens, local, lang)))
        elif state.kind == "opens_later":
            parts.append(t("opening.no_opening_soon", lang))
    if state.holiday:
        parts.append(t("opening.holiday", lang))
    if state.closed_days_unverified:
        parts.append(t("opening.closed_days_unverified", lang))
    return SEPARATOR.join(parts)
