"""Texts more than one export shares: a stop's description, the plan's summary, the travel assumptions."""

from __future__ import annotations

from typing import Any

from ecosites.formatting import format_distance, format_minutes
from ecosites.i18n import labelled, t
from ecosites.planning.plan import Plan, ScheduledStop
from ecosites.planning.timetable import timetable_rows
from ecosites.planning.travel import TRAVEL_PROFILES


def stop_description(plan: Plan, stop: ScheduledStop, lang: str) -> str:
    """A stop's visit, travel, address and warnings as plain lines (calendar, GPS and map apps)."""
    row = next(r for r in timetable_rows(plan, lang) if r.number == stop.number)
    lines = [labelled(t("plan.col.visit", lang),
                      t("detail.minutes", lang, minutes=row.visit_minutes), lang)]
    if row.travel:
        lines.append(labelled(t("plan.col.travel", lang), row.travel, lang))
    if row.address:
        lines.append(labelled(t("plan.col.address", lang), row.address, lang))
    lines += row.warnings
    return "\n".join(lines)


def plan_summary(plan: Plan, lang: str) -> str:
    """Mode, travel, visit and distance totals on one line."""
    return " · ".join(labelled(t(key, lang), value, lang) for key, value in (
        ("plan.mode", t("plan.mode." + plan.mode, lang)),
        ("plan.total.travel", format_minutes(plan.travel_minutes, lang)),
        ("plan.total.visit", format_minutes(plan.visit_minutes, lang)),
        ("plan.total.distance", format_distance(plan.distance_m, lang))))


def assumptions_text(plan: Plan, lang: str, profiles: Any = None) -> str:
    """How travel times were estimated for this plan's mode."""
    profile = (profiles or TRAVEL_PROFILES)[plan.mode]
    return t("plan.assumptions", lang, detour=f"{profile.detour_factor:g}",
             speed=f"{profile.speed_kmh:g}", overhead=profile.overhead_minutes)

