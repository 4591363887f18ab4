"""The timetable model: each stop of a plan as plain text in one language.

Shared by the planner page, the CSV, the print view, the PDF and the calendar
descriptions, so a stop reads the same everywhere. Text is returned unescaped;
each writer escapes for its own format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from ecosites.formatting import format_distance
from ecosites.i18n import format_date, own_first, t
from ecosites.planning.model import Notice, Place
from ecosites.planning.plan import Plan, ScheduledStop
from ecosites.planning.stops import StopInfo
from ecosites.planning.travel import Leg


@dataclass(frozen=True)
class TimetableRow:
    """One stop as shown in the timetable, the CSV and the print view (plain text)."""

    number: int
    day: int
    date: str
    site_id: str
    name: str
    name_en: str
    name_zh: str
    travel_minutes: int | None  # the slow end of the leg's range, as scheduled
    travel_distance_m: float | None
    arrive: str
    depart: str
    wait_minutes: int
    visit_minutes: int
    visit_assumed: bool
    lon: float
    lat: float
    address: str
    address_en: str
    address_zh: str
    warnings: list[str] = field(default_factory=list)
    travel_quick_minutes: int | None = None
    travel_source: str = ""  # where a measured leg time came from ('' for the estimate)
    travel: str = ""  # the leg before, e.g. '25–40 min · 12.3 km' ('' for none)


def stop_name(stop: ScheduledStop | Place, lang: str) -> str:
    """'Name · 名称' with the chosen language first; coordinates for an unnamed point."""
    info = stop.info if isinstance(stop, ScheduledStop) else stop
    first, second = own_first(info.name_en, info.name_zh, lang)
    label = " · ".join(part for part in (first, second) if part)
    return label or t("plan.print.hotel", lang, lon=f"{info.lon:.5f}", lat=f"{info.lat:.5f}")


def place_address(info: StopInfo, lang: str) -> str:
    """The address in ``lang``, else the other language's ('' when neither is known)."""
    own, other = own_first(info.address_en, info.address_zh, lang)
    return own or other


def notice_text(notice: Notice, lang: str) -> str:
    """A notice's message and its suggestion, as one line."""
    suggestion = notice.suggestion(lang)
    return f"{notice.message(lang)} {suggestion}".strip()


def leg_into(plan: Plan, stop: ScheduledStop) -> Leg | None:
    """The leg that arrives at ``stop`` (None for a day's first stop without a start point)."""
    return next((leg for leg in plan.legs if leg.day == stop.day and leg.to_key == stop.info.id
                 and leg.from_key != stop.info.id), None)


def minutes_range(leg: Leg, lang: str) -> str:
    """'25–40 min' (or '40 min' when both ends agree)."""
    if leg.quick_minutes and leg.quick_minutes < leg.minutes:
        return t("plan.travel_range", lang, quick=leg.quick_minutes, slow=leg.minutes)
    return t("detail.minutes", lang, minutes=leg.minutes)


def leg_text(leg: Leg, lang: str) -> str:
    """'25–40 min · 12.3 km', with the source of a measured time."""
    text = f"{minutes_range(leg, lang)} · {format_distance(leg.distance_m, lang)}"
    return f"{text} ({t('plan.travel_measured', lang, source=leg.source)})" if leg.source else text


@dataclass(frozen=True)
class UnplacedRow:
    """A stop left out of the schedule, as plain text: names, why, and when it is open."""

    site_id: str
    name: str
    reason: str
    dates: str  # 'Nearest dates it is open: …' ('' when none are known)
    move_to: str  # ISO date to move the plan to ('' when there is none)


def unplaced_rows(plan: Plan, lang: str) -> list[UnplacedRow]:
    """The stops left out of the schedule, in the user's order."""
    rows = []
    for item in plan.unplaced:
        known = [d for d in (item.before, item.after) if d is not None]
        dates = t("plan.unplaced.dates", lang, dates=t("list.separator", lang).join(
            format_date(d, lang, weekday=True) for d in known)) if known else ""
        target = item.after or item.before
        # With the dates listed, the reason's own suggestion ("open on …") would say it twice.
        reason = item.reason.message(lang) if dates else notice_text(item.reason, lang)
        rows.append(UnplacedRow(item.info.id, stop_name(item.info.as_place(), lang), reason, dates,
                                target.isoformat() if target else ""))
    return rows


def day_headings(plan: Plan, lang: str) -> dict[int, str]:
    """'Day 1: Mon 7 December 2026' for each day of the plan that has stops."""
    return {day: t("plan.print.day", lang, day=day, date=format_date(
        plan.day + timedelta(days=day - 1), lang, weekday=True)) for day in plan.day_numbers}


def timetable_rows(plan: Plan, lang: str) -> list[TimetableRow]:
    """The plan's stops as timetable rows in ``lang``."""
    rows = []
    for stop in plan.stops:
        leg = leg_into(plan, stop)
        info = stop.info
        address = place_address(info, lang)
        rows.append(TimetableRow(
            number=stop.number, day=stop.day, date=stop.arrive.date().isoformat(),
            site_id=info.id, name=stop_name(stop, lang), name_en=info.name_en,
            name_zh=info.name_zh, travel_minutes=leg.minutes if leg else None,
            travel_distance_m=leg.distance_m if leg else None,
            arrive=stop.arrive.strftime("%H:%M"), depart=stop.depart.strftime("%H:%M"),
            wait_minutes=stop.wait_minutes, visit_minutes=stop.visit_minutes,
            visit_assumed=stop.visit_assumed, lon=info.lon, lat=info.lat, address=address,
            address_en=info.address_en, address_zh=info.address_zh,
            warnings=[notice_text(n, lang) for n in stop.notices],
            travel_quick_minutes=leg.quick_minutes if leg else None,
            travel_source=leg.source if leg else "", travel=leg_text(leg, lang) if leg else "",
        ))
    return rows


def place_name(place: Place | None, lang: str) -> str:
    """A start/end point's label ('' when there is none)."""
    return stop_name(place, lang) if place is not None else ""

