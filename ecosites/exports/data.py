"""The plan as data: JSON for programs, CSV for spreadsheets."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from ecosites.planning.model import Notice, Place
from ecosites.planning.plan import Plan
from ecosites.planning.timetable import timetable_rows

CSV_COLUMNS: tuple[str, ...] = (
    "number", "day", "date", "id", "name_en", "name_zh", "arrive", "depart", "wait_minutes",
    "visit_minutes", "travel_minutes", "travel_minutes_quick", "travel_distance_m", "lon", "lat",
    "address_en",
    "address_zh", "warnings",
)


def _notice_dict(notice: Notice, lang: str) -> dict[str, Any]:
    return {"code": notice.code, "severity": notice.severity, "message": notice.message(lang),
            "suggestion": notice.suggestion(lang)}


def _place_dict(place: Place | None) -> dict[str, Any] | None:
    if place is None:
        return None
    return {"id": place.site_id or None, "lon": place.lon, "lat": place.lat,
            "name_en": place.name_en, "name_zh": place.name_zh}


def plan_to_dict(plan: Plan, lang: str = "en") -> dict[str, Any]:
    """The plan as JSON-ready data: stops, legs, warnings and totals."""
    return {
        "date": plan.day.isoformat(),
        "start_time": plan.start_time.strftime("%H:%M"),
        "mode": plan.mode,
        "days": plan.days,
        "round_trip": plan.round_trip,
        "locked_order": plan.locked,
        "from": _place_dict(plan.start),
        "to": _place_dict(plan.end),
        "stops": [{
            "number": s.number, "id": s.info.id, "name_en": s.info.name_en,
            "name_zh": s.info.name_zh, "lon": s.info.lon, "lat": s.info.lat, "day": s.day,
            "arrive": s.arrive.isoformat(), "depart": s.depart.isoformat(),
            "wait_minutes": s.wait_minutes, "visit_minutes": s.visit_minutes,
            "visit_minutes_assumed": s.visit_assumed,
            "warnings": [_notice_dict(n, lang) for n in s.notices],
        } for s in plan.stops],
        "legs": [{
            "from": leg.from_key, "to": leg.to_key, "day": leg.day,
            "distance_m": round(leg.distance_m), "straight_m": round(leg.straight_m),
            "minutes": leg.minutes, "quick_minutes": leg.quick_minutes,
            "measured_source": leg.source or None,
        } for leg in plan.legs],
        "warnings": [_notice_dict(n, lang) for n in plan.notices],
        # Left out of the schedule: no times, so no visit at a closed hour is implied.
        "unplaced": [{"id": u.info.id, "name_en": u.info.name_en, "name_zh": u.info.name_zh,
                      "reason": _notice_dict(u.reason, lang),
                      "open_before": u.before.isoformat() if u.before else None,
                      "open_after": u.after.isoformat() if u.after else None}
                     for u in plan.unplaced],
        "totals": {"stops": len(plan.stops), "days": plan.day_count,
                   "travel_minutes": plan.travel_minutes, "visit_minutes": plan.visit_minutes,
                   "distance_m": round(plan.distance_m)},
    }


def plan_to_json(plan: Plan, lang: str = "en") -> str:
    """The plan as pretty-printed JSON text."""
    return json.dumps(plan_to_dict(plan, lang), ensure_ascii=False, indent=2) + "\n"


def csv_cell(value: object) -> str:
    """A cell a spreadsheet shows as text: leading = + - @ would otherwise start a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def plan_to_csv(plan: Plan, lang: str = "en") -> str:
    """One row per stop with times, travel and warnings; UTF-8 with BOM for spreadsheets."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in timetable_rows(plan, lang):
        values = [row.number, row.day, row.date, row.site_id, row.name_en, row.name_zh,
                  row.arrive, row.depart, row.wait_minutes, row.visit_minutes,
                  row.travel_minutes if row.travel_minutes is not None else "",
                  row.travel_quick_minutes if row.travel_quick_minutes is not None else "",
                  round(row.travel_distance_m) if row.travel_distance_m is not None else "",
                  f"{row.lon:.6f}", f"{row.lat:.6f}", row.address_en, row.address_zh,
                  " | ".join(row.warnings)]
        writer.writerow([csv_cell(v) if isinstance(v, str) else v for v in values])
    return "\ufeff" + buffer.getvalue()

