"""The plan in the URL: reading and writing its query parameters, and id lists.

Light on purpose (no pyproj, pandas or geopandas): the comparison page and the
"add to plan" controls use it without loading the planner's travel model.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, time

from ecosites.planning.model import (
    DEFAULT_HOURS_PER_DAY,
    DEFAULT_MODE,
    DEFAULT_START,
    MAX_DAYS,
    MAX_HOURS_PER_DAY,
    MODES,
    Notice,
    PlanRequest,
)
from ecosites.vocab import TIME_PATTERN

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


# Dates a plan can be for: any real visit, and far enough from date.max that a
# multi-day plan's arithmetic cannot overflow.
EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(2099, 12, 31)
DATE_RANGE = f"from {EARLIEST_DATE.isoformat()} to {LATEST_DATE.isoformat()}"


def parse_date(text: str) -> date | None:
    """'2026-11-30' -> date; anything else, or a date outside DATE_RANGE -> None."""
    try:
        value = date.fromisoformat(text.strip())
    except ValueError:
        return None
    return value if EARLIEST_DATE <= value <= LATEST_DATE else None


def parse_days(text: str) -> int | None:
    """'2' -> 2 for 1 to MAX_DAYS days; anything else (superscripts, 10,000 digits) -> None."""
    raw = text.strip()
    # isascii: str.isdigit accepts '²', which int() then refuses.
    if raw.isascii() and raw.isdigit() and len(raw) <= 3 and 1 <= int(raw) <= MAX_DAYS:
        return int(raw)
    return None


def parse_time(text: str) -> time | None:
    """'09:00' -> time, anything else -> None."""
    if not re.fullmatch(TIME_PATTERN, text.strip()):
        return None
    return time.fromisoformat(text.strip())


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
        parsed_days = parse_days(params[QUERY_DAYS])
        if parsed_days is None:
            bad(QUERY_DAYS, params[QUERY_DAYS].strip(), 1)
        else:
            days = parsed_days
    hours: float | None = None
    if params.get(QUERY_HOURS):
        raw = params[QUERY_HOURS].strip()
        try:
            hours = float(raw)
        except ValueError:
            hours = -1.0
        if not 1 <= hours <= MAX_HOURS_PER_DAY:
            bad(QUERY_HOURS, raw, f"{DEFAULT_HOURS_PER_DAY:g}")
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


def toggle_id(ids: Sequence[str], site_id: str) -> tuple[str, ...]:
    """``ids`` with ``site_id`` removed if present, else appended."""
    return tuple(i for i in ids if i != site_id) if site_id in ids else (*ids, site_id)


def split_ids(value: str | None) -> tuple[str, ...]:
    """'a, b,,c' -> ('a', 'b', 'c')."""
    return tuple(part.strip() for part in (value or "").split(",") if part.strip())


# A plan kept in the browser (localStorage) is read back like a link: the same keys, each
# value short, anything else dropped. It comes from the visitor's own browser, but it is
# still input nobody checked.
STORED_VALUE_MAX_CHARS = 4000


def stored_plan(raw: object, today: date) -> dict[str, str]:
    """The plan query kept in the browser, cleaned: plan keys with short text values only.

    A date before ``today`` is dropped (the planner then plans for today): a plan kept from
    an earlier visit keeps its stops, not a day that has passed.
    """
    if not isinstance(raw, Mapping):
        return {}
    query = {key: value.strip() for key, value in raw.items()
             if key in PLAN_QUERY_KEYS and isinstance(value, str)
             and 0 < len(value.strip()) <= STORED_VALUE_MAX_CHARS}
    kept_day = parse_date(query.get(QUERY_DATE, ""))
    if kept_day is not None and kept_day < today:
        del query[QUERY_DATE]
    return query


def url_plan(params: Mapping[str, str]) -> dict[str, str]:
    """The plan's parameters present in a URL's query (empty when the link carries no plan)."""
    return {key: value for key, value in params.items() if key in PLAN_QUERY_KEYS and value}


def choose_plan(url: Mapping[str, str], session: Mapping[str, str],
                stored: Mapping[str, str]) -> tuple[dict[str, str], str]:
    """Which plan a session uses once the browser's kept plan is known, and where it came from.

    The link wins ("url"), then what this session already holds ("session": stops added
    before the browser answered), then the kept plan ("stored"); else none ("none").
    """
    for source, query in (("url", url), ("session", session), ("stored", stored)):
        if query.get(QUERY_PLAN) or (source == "url" and query):
            return dict(query), source
    return {}, "none"
