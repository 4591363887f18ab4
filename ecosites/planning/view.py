"""What the planner page shows, as plain data: route layer, timetable, totals, start/end choices.

Pure (no Streamlit), so the page stays a recipe and these are tested on their own. The
rows of the timetable come from ``ecosites.planning.timetable``, shared with the exports.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

import pandas as pd

from ecosites.formatting import format_distance, format_minutes
from ecosites.i18n import t
from ecosites.mapfit import DisplayTransform, identity
from ecosites.mapview import RouteLayer
from ecosites.markers import route_layer_payload
from ecosites.planning.model import VENUE_ALIAS, VENUE_ID
from ecosites.planning.plan import Plan
from ecosites.planning.timetable import TimetableRow, day_headings, place_name

PLACE_KINDS: tuple[str, ...] = ("none", "venue", "site", "coords")


@dataclass(frozen=True)
class PlaceChoice:
    """A start/end point as the page's widgets hold it."""

    kind: str = "none"  # one of PLACE_KINDS
    site_id: str | None = None
    coords: str = ""


def place_choice(value: str | None, site_ids: Sequence[str] | pd.Index) -> PlaceChoice:
    """Widget values for a start/end query value ('efg', a site id or 'lon,lat')."""
    if not value:
        return PlaceChoice()
    if value.lower() in (VENUE_ALIAS, VENUE_ID):
        return PlaceChoice("venue")
    if value in site_ids:
        return PlaceChoice("site", site_id=value)
    return PlaceChoice("coords", coords=value)


def place_value(choice: PlaceChoice) -> str | None:
    """The query value for widget choices (None when there is no point)."""
    if choice.kind == "venue":
        return VENUE_ALIAS
    if choice.kind == "site":
        return choice.site_id or None
    if choice.kind == "coords":
        return choice.coords.strip() or None
    return None


def build_route_layer(plan: Plan, lang: str, transform: DisplayTransform = identity
                      ) -> RouteLayer:
    """Numbered stops, one line per day, and the start/end marks, for the map."""
    stops = [(s.info.lon, s.info.lat, s.number, s.day,
              any(n.severity == "warning" for n in s.notices)) for s in plan.stops]
    paths: list[list[tuple[float, float]]] = []
    for day in range(1, plan.day_count + 1):
        path: list[tuple[float, float]] = []
        for leg in (leg for leg in plan.legs if leg.day == day):
            if not path:
                path.append(leg.from_lonlat)
            path.append(leg.to_lonlat)
        paths.append(path)
    points = []
    marks: list[tuple[str, str]] = []
    for place, kind, key, mark in ((plan.start, "start", "plan.print.from", "S"),
                                   (plan.end, "end", "plan.print.to", "E")):
        if place is not None:
            points.append((place.lon, place.lat, place_name(place, lang), kind))
            marks.append((mark, t(key, lang, place=place_name(place, lang))))
    headings = day_headings(plan, lang)
    days = list(headings.items()) if len(headings) > 1 else []
    return RouteLayer(route_layer_payload(stops, paths, points, transform, days, marks))


def stop_times_line(row: TimetableRow, lang: str) -> str:
    """'Arrive 09:10 · Leave 10:40 · Visit ~90 min' (with the wait for opening, if any)."""
    # "~" marks a default length: the plan's notes say it is not yet verified.
    visit = ("~" if row.visit_assumed else "") + t("detail.minutes", lang, minutes=row.visit_minutes)
    parts = [f"{t('plan.col.arrive', lang)} {row.arrive}", f"{t('plan.col.depart', lang)} {row.depart}",
             f"{t('plan.col.visit', lang)} {visit}"]
    return " · ".join(parts)


def closing_leg_lines(plan: Plan, lang: str) -> list[str]:
    """'Then to <place>: N min, D km' for legs back to the start or on to the end point."""
    stop_ids = {(s.day, s.info.id) for s in plan.stops}
    places = {p.key: p for p in (plan.start, plan.end) if p is not None}
    names = {s.info.id: s for s in plan.stops}
    lines = []
    for leg in plan.legs:
        if (leg.day, leg.to_key) in stop_ids:
            continue
        target = places.get(leg.to_key)
        name = place_name(target, lang) if target else (
            place_name(names[leg.to_key].info.as_place(), lang) if leg.to_key in names
            else leg.to_key)
        lines.append(t("plan.return_leg", lang, place=name, minutes=leg.minutes,
                       distance=format_distance(leg.distance_m, lang)))
    return lines


def totals(plan: Plan, lang: str) -> list[tuple[str, str]]:
    """(label, value) pairs for the totals line."""
    return [
        (t("plan.total.stops", lang), str(len(plan.stops))),
        (t("plan.total.travel", lang), format_minutes(plan.travel_minutes, lang)),
        (t("plan.total.visit", lang), format_minutes(plan.visit_minutes, lang)),
        (t("plan.total.distance", lang), format_distance(plan.distance_m, lang)),
        (t("plan.total.days", lang), str(plan.day_count)),
    ]


def share_url(page_url: str, query: Mapping[str, str]) -> str:
    """The page URL (without its own query) with the plan's parameters."""
    base = page_url.split("?", 1)[0]
    return f"{base}?{urlencode(query, safe=',:')}" if query else base
